#include "evaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <malloc.h>
#include <mutex>
#include <thread>

#include "engine/operator.h"

namespace bitlens {

Score scoreLogits(const float* logits, int classes, int label)
{
    int best = 0;
    for (int k = 1; k < classes; ++k)
        if (logits[k] > logits[best])
            best = k;
    // Rank of the label: classes with a larger logit, or an equal one at a lower index.
    int rank = 0;
    for (int k = 0; k < classes; ++k)
        rank += logits[k] > logits[label] || (logits[k] == logits[label] && k < label);
    return {best, rank < 5};
}

namespace {

// Scores one session's logits for images [lo, hi) of the batch starting at `first`.
engine::Status scoreBatch(const Tensor& logits, int64_t lo, int64_t hi, int64_t first, const std::vector<int32_t>& labels,
                  EvalResult& r, int& classes, int64_t& top1, int64_t& top5, bool keep)
{
    if (!logits.isFloat() || logits.dims.size() != 2 || logits.dims[0] != hi - lo)
        return "the model's first output " + shapeString(logits.dims) + " is not [batch, classes] logits";
    if (classes < 0) {
        classes = static_cast<int>(logits.dims[1]);
        r.confusion.assign(static_cast<size_t>(classes), std::vector<int64_t>(static_cast<size_t>(classes), 0));
    }
    for (int64_t i = lo; i < hi; ++i) {
        const int label = labels[static_cast<size_t>(first + i)];
        if (label >= classes)
            return "label " + std::to_string(label) + " of image " + std::to_string(first + i) +
                   " is out of range for the model's " + std::to_string(classes) + " classes";
        const Score sc = scoreLogits(logits.floats.data() + (i - lo) * classes, classes, label);
        top1 += sc.predicted == label;
        top5 += sc.top5;
        ++r.confusion[static_cast<size_t>(label)][static_cast<size_t>(sc.predicted)];
        r.predictions.push_back(sc.predicted);
        r.labels.push_back(label);
    }
    if (keep)
        r.logits.insert(r.logits.end(), logits.floats.begin(), logits.floats.begin() + (hi - lo) * classes);
    return {};
}

} // namespace

// Inference allocates and frees the same few MB of activations for every batch. With glibc's
// defaults those blocks are mmapped and unmapped each time and every page faults in zeroed again
// (a third of the run time on ResNet-20); keeping blocks up to 256 MiB in the heap, and not
// trimming it below 256 MiB, reuses them. Process-wide, set once when the first evaluation starts.
static void keepActivationMemory()
{
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, 256 << 20);
        mallopt(M_TRIM_THRESHOLD, 256 << 20);
    });
}

const ActivationCache::Entry* ActivationCache::find(int64_t first, int64_t count) const
{
    auto it = entries.find(first);
    return it != entries.end() && it->second.count == count ? &it->second : nullptr;
}

void ActivationCache::clear()
{
    entries.clear();
    bytes = 0;
    full = false;
}

namespace {

int64_t tensorBytes(const Tensor& t)
{
    return static_cast<int64_t>(t.floats.size() * sizeof(float) + t.ints.size() * sizeof(int64_t) + sizeof(Tensor));
}

// One sub-batch [first, first + count) through the session, starting from cached values where the
// cache has them and keeping the values at the fill cut while the budget allows.
Result<std::vector<Tensor>> runCached(const engine::Session& session, const Tensor& input, int64_t first, int64_t count,
                                      CacheUse& cache, std::mutex& mutex)
{
    const int end = static_cast<int>(session.stepCount());
    int at = 0;
    std::vector<const Tensor*> live;
    bool fill = false;
    {
        // The fill cache may be the reuse cache (extended with the images it lacks): look up under
        // the lock; entries of a std::map stay where they are while others are added.
        std::lock_guard lock(mutex);
        if (const ActivationCache::Entry* e = cache.reuse ? cache.reuse->find(first, count) : nullptr) {
            at = cache.reuse->cut;
            for (const Tensor& t : e->live)
                live.push_back(&t);
            cache.reusedImages += count;
        }
        fill = cache.fill && cache.fill->cut >= at && cache.fill->cut < end && !cache.fill->full &&
               !(at > 0 && cache.fill->cut == at);
    }
    if (fill) {
        auto mid = at == 0 ? session.runPrefix({input}, cache.fill->cut) : session.runBetween(at, live, cache.fill->cut);
        if (!mid)
            return Error{mid.error()};
        std::vector<const Tensor*> midLive;
        int64_t bytes = 0;
        for (const Tensor& t : *mid) {
            midLive.push_back(&t);
            bytes += tensorBytes(t);
        }
        auto out = session.runBetween(cache.fill->cut, midLive, end);
        std::lock_guard lock(mutex);
        // Entries of other sub-batches over the same images (a different limit or batch size) go.
        auto& entries = cache.fill->entries;
        auto it = entries.lower_bound(first);
        if (it != entries.begin())
            --it; // the one before may reach into this range
        while (it != entries.end() && it->first < first + count) {
            if (it->first + it->second.count > first) {
                for (const Tensor& t : it->second.live)
                    cache.fill->bytes -= tensorBytes(t);
                it = entries.erase(it);
            } else {
                ++it;
            }
        }
        if (cache.fill->bytes + bytes <= cache.budgetBytes) {
            entries[first] = {count, std::move(*mid)};
            cache.fill->bytes += bytes;
        } else {
            cache.fill->full = true; // stop trying
        }
        return out;
    }
    if (at > 0)
        return session.runBetween(at, live, end);
    return session.run({input});
}

Result<std::vector<EvalResult>> evaluateImpl(const std::vector<const engine::Session*>& sessions, Dataset& data,
                                             const Preprocessing& pre, const EvalOptions& options,
                                             const EvalProgress& progress, CacheUse* cache)
{
    keepActivationMemory();
    const auto start = std::chrono::steady_clock::now();
    const int64_t total = options.limit >= 0 ? std::min(options.limit, data.size()) : data.size();
    const int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    const size_t count = sessions.size();

    std::vector<EvalResult> results(count);
    std::vector<int> classes(count, -1);
    std::vector<int64_t> top1(count, 0), top5(count, 0);
    std::mutex cacheMutex;
    for (int64_t done = 0; done < total;) {
        auto pixels = data.next(std::min(options.batch, total - done));
        if (!pixels)
            return Error{pixels.error()};
        const int64_t n = pixels->count;
        if (n == 0)
            return fail(data.description() + ": ended after " + std::to_string(done) + " images");
        // Preprocess once; every session runs on the same inputs, in sub-batches of at most
        // options.chunk images. With at least as many sessions as threads, each thread runs its
        // own sessions (their weights stay in its core's cache, no halves to wait for); otherwise
        // the sub-batches are shared out among the threads.
        const bool perSession = count >= static_cast<size_t>(threads);
        const int64_t chunk = std::max<int64_t>(options.chunk, 1);
        const int parts = static_cast<int>(std::min<int64_t>(std::max<int64_t>(perSession ? 1 : threads, (n + chunk - 1) / chunk), n));
        std::vector<Tensor> inputs(static_cast<size_t>(parts));
        for (int part = 0; part < parts; ++part)
            inputs[static_cast<size_t>(part)] = pixels->toInput(n * part / parts, n * (part + 1) / parts, pre);
        // outs[s * parts + part]: session s on part `part`.
        std::vector<Result<std::vector<Tensor>>> outs(count * static_cast<size_t>(parts), Result<std::vector<Tensor>>(fail("")));
        const size_t jobs = outs.size();
        const int workers = static_cast<int>(std::min<size_t>(static_cast<size_t>(threads), perSession ? count : jobs));
        auto work = [&](int worker) {
            for (size_t j = 0; j < jobs; ++j)
                if ((perSession ? j / static_cast<size_t>(parts) : j) % static_cast<size_t>(workers) == static_cast<size_t>(worker))
                {
                    const auto part = static_cast<int64_t>(j % static_cast<size_t>(parts));
                    const Tensor& input = inputs[static_cast<size_t>(part)];
                    // No exception may leave a std::thread (the program would end): the sessions
                    // catch their own; what the cache's bookkeeping throws becomes this job's error.
                    try {
                        outs[j] = cache ? runCached(*sessions[0], input, done + n * part / parts,
                                                    n * (part + 1) / parts - n * part / parts, *cache, cacheMutex)
                                        : sessions[j / static_cast<size_t>(parts)]->run({input});
                    } catch (const std::exception& e) {
                        outs[j] = fail(sessions[0]->model().path.string() + ": " +
                                       (dynamic_cast<const std::bad_alloc*>(&e) ? std::string("out of memory while running the model")
                                                                                 : std::string("internal error: ") + e.what()));
                    }
                }
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < workers; ++t)
            pool.emplace_back(work, t);
        work(0);
        for (auto& t : pool)
            t.join();
        for (size_t s = 0; s < count; ++s) {
            for (int part = 0; part < parts; ++part) {
                auto& o = outs[s * static_cast<size_t>(parts) + static_cast<size_t>(part)];
                if (!o)
                    return Error{o.error()};
                const int64_t lo = n * part / parts, hi = n * (part + 1) / parts;
                if (engine::Status st = scoreBatch((*o)[0], lo, hi, done, data.labels(), results[s], classes[s], top1[s], top5[s],
                                                   options.keepLogits);
                    !st.empty())
                    return fail(st);
                // Kept outputs are bounded: 2^28 floats (1 GiB) per session.
                if (options.keepLogits && static_cast<int64_t>(results[s].logits.size()) > (int64_t{1} << 28))
                    return fail("the model's outputs for " + std::to_string(total) + " images exceed 1 GiB; use --limit");
            }
        }
        if (progress && !progress((done + n) * static_cast<int64_t>(count), total * static_cast<int64_t>(count)))
            return fail("evaluation cancelled");
        done += n;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (size_t s = 0; s < count; ++s) {
        EvalResult& r = results[s];
        r.images = total;
        r.top1 = total ? static_cast<double>(top1[s]) / static_cast<double>(total) : 0;
        r.top5 = total ? static_cast<double>(top5[s]) / static_cast<double>(total) : 0;
        for (const auto& row : r.confusion) {
            int64_t m = 0;
            for (int64_t v : row)
                m += v;
            const size_t k = r.perClassRecall.size();
            r.perClassRecall.push_back(m ? static_cast<double>(row[k]) / static_cast<double>(m)
                                         : std::numeric_limits<double>::quiet_NaN());
        }
        r.seconds = seconds;
    }
    return results;
}

} // namespace

Result<std::vector<EvalResult>> evaluateMany(const std::vector<const engine::Session*>& sessions, Dataset& data,
                                             const Preprocessing& pre, const EvalOptions& options,
                                             const EvalProgress& progress)
{
    return evaluateImpl(sessions, data, pre, options, progress, nullptr);
}

Result<EvalResult> evaluateCached(const engine::Session& session, Dataset& data, const Preprocessing& pre,
                                  CacheUse& cache, const EvalOptions& options, const EvalProgress& progress)
{
    auto r = evaluateImpl({&session}, data, pre, options, progress, &cache);
    if (!r)
        return Error{r.error()};
    return std::move(r->front());
}

Result<EvalResult> evaluate(const engine::Session& session, Dataset& data, const Preprocessing& pre,
                            const EvalOptions& options, const EvalProgress& progress)
{
    auto r = evaluateMany({&session}, data, pre, options, progress);
    if (!r)
        return Error{r.error()};
    return std::move(r->front());
}

} // namespace bitlens

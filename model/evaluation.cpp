#include "evaluation.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <thread>

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

Result<EvalResult> evaluate(const engine::Session& session, IdxDataset& data, const Preprocessing& pre,
                            const EvalOptions& options, const EvalProgress& progress)
{
    const auto start = std::chrono::steady_clock::now();
    const int64_t total = options.limit >= 0 ? std::min(options.limit, data.size()) : data.size();
    const int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    EvalResult r;
    int classes = -1;
    int64_t top1 = 0, top5 = 0;
    const int64_t h = data.height(), w = data.width();
    for (int64_t done = 0; done < total;) {
        const int64_t n = std::min(options.batch, total - done);
        auto pixels = data.next(n);
        if (!pixels)
            return Error{pixels.error()};
        // Split the batch over the threads; each runs the (const, re-entrant) session.
        const int parts = static_cast<int>(std::min<int64_t>(threads, n));
        std::vector<Result<std::vector<Tensor>>> outs(static_cast<size_t>(parts), Result<std::vector<Tensor>>(fail("")));
        std::vector<std::thread> pool;
        auto work = [&](int part) {
            const int64_t lo = n * part / parts, hi = n * (part + 1) / parts;
            Tensor input = toInputTensor(pixels->data() + lo * h * w, hi - lo, 1, h, w, pre);
            outs[static_cast<size_t>(part)] = session.run({input});
        };
        for (int part = 1; part < parts; ++part)
            pool.emplace_back(work, part);
        work(0);
        for (auto& t : pool)
            t.join();
        for (int part = 0; part < parts; ++part) {
            auto& o = outs[static_cast<size_t>(part)];
            if (!o)
                return Error{o.error()};
            const Tensor& logits = (*o)[0];
            const int64_t lo = n * part / parts, hi = n * (part + 1) / parts;
            if (!logits.isFloat() || logits.dims.size() != 2 || logits.dims[0] != hi - lo)
                return fail("the model's first output " + shapeString(logits.dims) + " is not [batch, classes] logits");
            if (classes < 0) {
                classes = static_cast<int>(logits.dims[1]);
                r.confusion.assign(static_cast<size_t>(classes), std::vector<int64_t>(static_cast<size_t>(classes), 0));
            }
            for (int64_t i = lo; i < hi; ++i) {
                const int label = data.labels()[static_cast<size_t>(done + i)];
                if (label >= classes)
                    return fail("label " + std::to_string(label) + " of image " + std::to_string(done + i) +
                                " is out of range for the model's " + std::to_string(classes) + " classes");
                const Score s = scoreLogits(logits.floats.data() + (i - lo) * classes, classes, label);
                top1 += s.predicted == label;
                top5 += s.top5;
                ++r.confusion[static_cast<size_t>(label)][static_cast<size_t>(s.predicted)];
                r.predictions.push_back(s.predicted);
            }
        }
        done += n;
        if (progress && !progress(done, total))
            return fail("evaluation cancelled");
    }
    r.images = total;
    r.top1 = total ? static_cast<double>(top1) / static_cast<double>(total) : 0;
    r.top5 = total ? static_cast<double>(top5) / static_cast<double>(total) : 0;
    for (const auto& row : r.confusion) {
        int64_t n = 0;
        for (int64_t v : row)
            n += v;
        const size_t k = r.perClassRecall.size();
        r.perClassRecall.push_back(n ? static_cast<double>(row[k]) / static_cast<double>(n)
                                     : std::numeric_limits<double>::quiet_NaN());
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

} // namespace bitlens

// QUENN Figure 6: where in the network a whole plan's error arises and grows.
#include "plan_views.h"

#include "apply_plan.h"

#include <model/engine/session.h>
#include <model/ops/layout.h>

#include <algorithm>
#include <cmath>
#include <mutex>
#include <thread>

namespace bitlens {

namespace {

// Per image (the outermost dimension), sqrt(sum (a-b)^2) and sqrt(sum a^2), added to the sums.
void addImageNorms(const Tensor& a, const Tensor& b, double& distance, double& norm)
{
    if (a.dims.empty() || a.dims != b.dims || a.floats.size() != b.floats.size() || a.dims[0] <= 0)
        return;
    // Both models run the same kernels, so both values have the same layout; convert if not.
    const Tensor* pa = &a;
    const Tensor* pb = &b;
    Tensor ca, cb;
    if (a.channelsLast != b.channelsLast) {
        ca = engine::toChannelsFirst(a);
        cb = engine::toChannelsFirst(b);
        pa = &ca;
        pb = &cb;
    }
    const int64_t images = a.dims[0];
    const auto width = static_cast<int64_t>(a.floats.size()) / images;
    for (int64_t i = 0; i < images; ++i) {
        double dd = 0, aa = 0;
        for (int64_t k = 0; k < width; ++k) {
            const double x = pa->floats[static_cast<size_t>(i * width + k)];
            const double d = x - pb->floats[static_cast<size_t>(i * width + k)];
            dd += d * d;
            aa += x * x;
        }
        distance += std::sqrt(dd);
        norm += std::sqrt(aa);
    }
}

} // namespace

Result<PlanDistanceView> measurePlanDistances(const SweepInput& input, const Plan& plan, const EvalProgress& progress)
{
    auto fp32 = engine::Session::create(input.model);
    auto quantized = engine::Session::create(input.model);
    if (!fp32)
        return Error{fp32.error()};
    if (!quantized)
        return Error{quantized.error()};
    for (const auto& [name, tensor] : quantizedWeights(plan, input.layers))
        if (auto r = (*quantized)->overrideConstant(name, tensor); !r)
            return Error{r.error()};
    auto data = input.openData();
    if (!data)
        return Error{data.error()};

    std::vector<std::string> names;
    for (const WeightLayer& l : input.layers)
        names.push_back(l.name);
    const size_t layers = names.size();
    const int64_t total = input.options.limit >= 0 ? std::min(input.options.limit, (*data)->size()) : (*data)->size();
    const int threads = input.options.threads > 0 ? input.options.threads
                                                  : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // Every layer's FP32 output of a sub-batch is held while the plan's model runs on it: two
    // images at a time keep that to tens of MB even for ImageNet-sized networks.
    const int64_t chunk = std::clamp<int64_t>(input.options.chunk, 1, 2);
    std::vector<double> distance(layers, 0), norm(layers, 0);
    std::vector<char> seen(layers, 0);
    std::mutex mutex;

    for (int64_t done = 0; done < total;) {
        auto pixels = (*data)->next(std::min(input.options.batch, total - done));
        if (!pixels)
            return Error{pixels.error()};
        const int64_t n = pixels->count;
        if (n == 0)
            return fail((*data)->description() + ": ended after " + std::to_string(done) + " images");
        const int64_t parts = (n + chunk - 1) / chunk;
        std::string error;
        auto work = [&](int worker) {
            std::vector<double> d(layers, 0), a(layers, 0);
            std::vector<char> s(layers, 0);
            for (int64_t part = worker; part < parts; part += threads) {
                const Tensor in = pixels->toInput(part * chunk, std::min(n, (part + 1) * chunk), input.pre);
                // The FP32 activations of this sub-batch at every layer, then the plan's beside them
                // (the sessions catch what their observers throw).
                std::vector<Tensor> reference(layers);
                auto r1 = (*fp32)->runObserved({in}, names, [&](size_t w, const Tensor& v) { reference[w] = v; });
                auto r2 = r1 ? (*quantized)->runObserved({in}, names, [&](size_t w, const Tensor& v) {
                    addImageNorms(reference[w], v, d[w], a[w]);
                    s[w] = 1;
                }) : Result<std::vector<Tensor>>(Error{r1.error()});
                if (!r1 || !r2) {
                    std::lock_guard lock(mutex);
                    error = !r1 ? r1.error() : r2.error();
                    return;
                }
            }
            std::lock_guard lock(mutex);
            for (size_t w = 0; w < layers; ++w) {
                distance[w] += d[w];
                norm[w] += a[w];
                seen[w] = seen[w] || s[w];
            }
        };
        // No exception may leave a std::thread (the program would end): it becomes the error.
        auto guarded = [&](int worker) {
            try {
                work(worker);
            } catch (const std::exception& e) {
                std::lock_guard lock(mutex);
                error = dynamic_cast<const std::bad_alloc*>(&e) ? std::string("out of memory") : std::string("internal error: ") + e.what();
            }
        };
        std::vector<std::thread> pool;
        for (int t = 1; t < threads; ++t)
            pool.emplace_back(guarded, t);
        guarded(0);
        for (auto& t : pool)
            t.join();
        if (!error.empty())
            return fail(error);
        done += n;
        if (progress && !progress(done, total))
            return fail("cancelled");
    }

    PlanDistanceView view;
    view.images = total;
    for (size_t w = 0; w < layers; ++w) {
        if (!seen[w])
            continue;
        view.layers.push_back(names[w]);
        view.distance.push_back(total > 0 ? distance[w] / static_cast<double>(total) : 0);
        // Relative: mean distance over mean FP32 norm (0 where the activation is all zero).
        view.relative.push_back(norm[w] > 0 ? distance[w] / norm[w] : 0);
    }
    return view;
}

} // namespace bitlens

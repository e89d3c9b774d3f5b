// Re-evaluation after a one-layer edit (issue 6): the plan editor's IncrementalEvaluator, which
// keeps quantized layers and the activations before the edited layer, against evaluating the plan
// from scratch (a new session, every layer quantized, every step run). For edits of the first,
// middle and last weight layers, each repeated as a slider would (4 settings in a row).
//   bench_reeval MODEL DATA [--limit N] [--budget-mb N]
#include <model/data/dataset.h>
#include <model/onnx_loader.h>
#include <quant/plan_evaluator.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

using namespace bitlens;

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_reeval MODEL DATA [--limit N] [--budget-mb N]\n");
        return 2;
    }
    int64_t limit = -1, budgetMb = 1024;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--limit"))
            limit = std::stoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--budget-mb"))
            budgetMb = std::stoll(argv[i + 1]);
    }
    auto loaded = loadOnnxModel(argv[1]);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().c_str());
        return 2;
    }
    SweepInput in;
    in.model = std::make_shared<const Model>(std::move(*loaded));
    in.layers = findWeightLayers(*in.model);
    auto pre = preprocessingFromMetadata(*in.model);
    in.pre = pre && *pre ? **pre : Preprocessing{{0.2860f}, {0.3530f}, "Fashion-MNIST"};
    const std::string dataPath = argv[2];
    in.openData = [dataPath, shape = inputShapeOf(*in.model)] { return openDataset(dataPath, shape); };
    in.options.limit = limit;
    if (in.layers.size() < 3) {
        std::fprintf(stderr, "need a model with at least 3 weight layers\n");
        return 2;
    }
    using Clock = std::chrono::steady_clock;
    auto seconds = [](Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); };

    const Plan base = Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, 4});
    std::printf("%s, %zu weight layers, budget %lld MiB\n", argv[1], in.layers.size(), static_cast<long long>(budgetMb));
    // The first edit of a layer runs the whole model and keeps the activations before it; the next
    // edits of the same layer (a slider, a bits spin box) start there.
    std::printf("%-24s %13s %12s %12s %9s %14s %10s\n", "edited layer", "from scratch", "first edit", "next edits",
                "speed-up", "reused images", "cache MiB");
    for (size_t which : {size_t{0}, in.layers.size() / 2, in.layers.size() - 1}) {
        const std::string name = in.layers[which].name;
        IncrementalEvaluator incremental(in, budgetMb << 20);
        if (auto r = incremental.evaluate(base, limit); !r) { // the plan before the edits
            std::fprintf(stderr, "%s\n", r.error().c_str());
            return 2;
        }
        double scratch = 0, first = 0, next = 0;
        PlanEvalStats last;
        for (int bits : {3, 2, 5, 6}) {
            Plan p = base;
            p.layers[name] = {Scheme::Asymmetric, Granularity::PerChannel, bits};
            auto t0 = Clock::now();
            auto a = evaluatePlan(in, p);
            scratch += seconds(t0);
            t0 = Clock::now();
            auto b = incremental.evaluate(p, limit, {}, &last);
            (bits == 3 ? first : next) += seconds(t0);
            if (!a || !b || a->top1 != b->top1) {
                std::fprintf(stderr, "results differ or failed\n");
                return 1;
            }
        }
        scratch /= 4;
        next /= 3;
        std::printf("%-24s %11.3f s %10.3f s %10.3f s %8.2fx %14lld %10.1f\n", name.c_str(), scratch, first, next,
                    scratch / next, static_cast<long long>(last.reusedImages), static_cast<double>(last.cacheBytes) / (1 << 20));
    }
    return 0;
}

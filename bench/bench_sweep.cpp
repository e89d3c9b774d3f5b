// The sweep against the evaluations it replaces (issue 4): the uniform schemes x bits 2..8 x both
// granularities (42 configurations) on a test set, (a) one evaluation after another, each opening
// the test set again as separate `bitlens-cli eval` runs would (model loading and process start
// left out, which flatters (a)), and (b) one shared pass: every batch read and preprocessed once,
// the configurations run side by side, one thread per configuration.
//   bench_sweep MODEL DATA [--limit N] [--threads N] [--only shared|sequential]
#include <model/data/dataset.h>
#include <model/data/preprocessing.h>
#include <model/engine/session.h>
#include <model/evaluation.h>
#include <model/onnx_loader.h>
#include <model/weights.h>
#include <quant/apply_plan.h>
#include <quant/plan.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

using namespace bitlens;

int main(int argc, char** argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: bench_sweep MODEL DATA [--limit N] [--threads N] [--only shared|sequential]\n");
        return 2;
    }
    EvalOptions options;
    std::string only;
    for (int i = 3; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--limit"))
            options.limit = std::stoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            options.threads = std::stoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--only"))
            only = argv[i + 1];
    }
    auto loaded = loadOnnxModel(argv[1]);
    if (!loaded) {
        std::fprintf(stderr, "%s\n", loaded.error().c_str());
        return 2;
    }
    auto model = std::make_shared<const Model>(std::move(*loaded));
    auto pre = preprocessingFromMetadata(*model);
    const Preprocessing preprocessing = pre && *pre ? **pre : Preprocessing{{0.2860f}, {0.3530f}, "Fashion-MNIST"};
    const auto layers = findWeightLayers(*model);

    std::vector<Plan> plans;
    for (Scheme s : {Scheme::Asymmetric, Scheme::Symmetric, Scheme::Dfxp})
        for (Granularity g : {Granularity::PerTensor, Granularity::PerChannel})
            for (int bits = 2; bits <= 8; ++bits)
                plans.push_back(Plan::uniform({s, g, bits}));
    std::vector<std::unique_ptr<engine::Session>> sessions;
    std::vector<const engine::Session*> views;
    for (const Plan& p : plans) {
        auto s = engine::Session::create(model);
        if (!s) {
            std::fprintf(stderr, "%s\n", s.error().c_str());
            return 2;
        }
        for (const auto& [name, tensor] : quantizedWeights(p, layers))
            (void)(*s)->overrideConstant(name, tensor);
        views.push_back(s->get());
        sessions.push_back(std::move(*s));
    }
    const auto shape = inputShapeOf(*model);
    using Clock = std::chrono::steady_clock;
    std::vector<double> seqTop1, sharedTop1;
    double seqSeconds = 0, sharedSeconds = 0;
    int64_t images = 0;

    if (only != "shared") {
        const auto t0 = Clock::now();
        for (const engine::Session* s : views) {
            auto data = openDataset(argv[2], shape);
            if (!data) {
                std::fprintf(stderr, "%s\n", data.error().c_str());
                return 2;
            }
            auto r = evaluate(*s, **data, preprocessing, options);
            if (!r) {
                std::fprintf(stderr, "%s\n", r.error().c_str());
                return 2;
            }
            seqTop1.push_back(r->top1);
            images = r->images;
        }
        seqSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
        std::printf("sequential: %zu evaluations of %lld images: %.1f s (%.2f s each)\n", views.size(),
                    static_cast<long long>(images), seqSeconds, seqSeconds / static_cast<double>(views.size()));
    }
    if (only != "sequential") {
        const auto t0 = Clock::now();
        auto data = openDataset(argv[2], shape);
        if (!data) {
            std::fprintf(stderr, "%s\n", data.error().c_str());
            return 2;
        }
        auto r = evaluateMany(views, **data, preprocessing, options);
        if (!r) {
            std::fprintf(stderr, "%s\n", r.error().c_str());
            return 2;
        }
        sharedSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
        for (const EvalResult& e : *r)
            sharedTop1.push_back(e.top1);
        images = r->front().images;
        std::printf("shared pass: %zu configurations of %lld images: %.1f s (%.2f s each)\n", views.size(),
                    static_cast<long long>(images), sharedSeconds, sharedSeconds / static_cast<double>(views.size()));
    }
    if (!seqTop1.empty() && !sharedTop1.empty())
        std::printf("speed-up %.2fx; top-1 identical in all configurations: %s\n", seqSeconds / sharedSeconds,
                    seqTop1 == sharedTop1 ? "yes" : "NO");
    return 0;
}

// Inference throughput of BitLens's engine on any ONNX model with synthetic inputs, the way
// `evaluate` runs it: each pass splits BATCH items into runs of CHUNK items shared out among
// THREADS threads, one session. Prints one JSON line {model, items, items_per_second, passes};
// bench/compare-ort-models.sh runs it beside ONNX Runtime on the same shapes.
//   bench_throughput MODEL [--batch N=32] [--chunk N=8] [--seq N=64] [--threads N=2] [--passes N=5]
// Inputs: axis 0 is the batch (the run's items), other symbolic axes are --seq; float inputs are uniform in
// [-1, 1], int64 inputs named *mask* are 1, other int64 inputs uniform in [0, 100) (token ids).
#include <model/engine/session.h>
#include <model/onnx_loader.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <thread>

using namespace bitlens;

namespace {

Tensor syntheticInput(const ValueInfo& v, int64_t items, int64_t seq, std::mt19937& rng)
{
    Tensor t;
    t.name = v.name;
    t.type = v.type;
    for (size_t i = 0; i < v.dims.size(); ++i)
        t.dims.push_back(i == 0 ? items : (v.dims[i] >= 0 ? v.dims[i] : seq));
    int64_t n = 1;
    for (int64_t d : t.dims)
        n *= d;
    if (t.isFloat()) {
        std::uniform_real_distribution<float> u(-1.0f, 1.0f);
        for (int64_t i = 0; i < n; ++i)
            t.floats.push_back(u(rng));
    } else {
        const bool mask = v.name.find("mask") != std::string::npos;
        std::uniform_int_distribution<int64_t> u(0, 99);
        for (int64_t i = 0; i < n; ++i)
            t.ints.push_back(mask ? 1 : u(rng));
    }
    return t;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_throughput MODEL [--batch N] [--chunk N] [--seq N] [--threads N] [--passes N]\n");
        return 2;
    }
    int64_t batch = 32, chunk = 8, seq = 64, threads = 2, passes = 5;
    for (int i = 2; i + 1 < argc; i += 2) {
        const int64_t v = std::atoll(argv[i + 1]);
        if (!std::strcmp(argv[i], "--batch")) batch = v;
        else if (!std::strcmp(argv[i], "--chunk")) chunk = v;
        else if (!std::strcmp(argv[i], "--seq")) seq = v;
        else if (!std::strcmp(argv[i], "--threads")) threads = v;
        else if (!std::strcmp(argv[i], "--passes")) passes = v;
    }
    auto model = loadOnnxModel(argv[1]);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().c_str());
        return 2;
    }
    auto shared = std::make_shared<const Model>(std::move(*model));
    auto session = engine::Session::create(shared);
    if (!session) {
        std::fprintf(stderr, "%s\n", session.error().c_str());
        return 2;
    }
    std::mt19937 rng(18);
    const int64_t runs = (batch + chunk - 1) / chunk;
    std::vector<std::vector<Tensor>> inputs(static_cast<size_t>(runs));
    for (int64_t r = 0; r < runs; ++r)
        for (const ValueInfo& v : shared->inputs)
            inputs[static_cast<size_t>(r)].push_back(syntheticInput(v, std::min(chunk, batch - r * chunk), seq, rng));
    std::string error;
    auto pass = [&] {
        auto work = [&](int64_t worker) {
            for (int64_t r = worker; r < runs; r += threads)
                if (auto out = (*session)->run(inputs[static_cast<size_t>(r)]); !out && error.empty())
                    error = out.error();
        };
        std::vector<std::thread> pool;
        for (int64_t t = 1; t < threads; ++t)
            pool.emplace_back(work, t);
        work(0);
        for (auto& t : pool)
            t.join();
    };
    pass(); // warm-up: allocations, oneDNN primitive creation
    if (!error.empty()) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 2;
    }
    double best = 0;
    for (int64_t p = 0; p < passes; ++p) {
        const auto start = std::chrono::steady_clock::now();
        pass();
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        best = std::max(best, static_cast<double>(batch) / s);
    }
    std::printf("{\"model\": \"%s\", \"items\": %lld, \"items_per_second\": %.2f, \"passes\": %lld}\n", argv[1],
                static_cast<long long>(batch), best, static_cast<long long>(passes));
    return 0;
}

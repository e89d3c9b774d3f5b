// bench_stats: `stats` for all six schemes, bits 1..8 and both granularities on a
// ResNet-50-sized model (25.5M weights, generated here as an ONNX file), with peak memory; and
// the all-scheme view of one 2.4M-weight layer. Prints numbers; asserts nothing.
//   build/bench/bench_stats [--threads N] [--skip-model] [--view-only] [--per-config]
//   (BENCH_NO_COMPRESSION=1 leaves out the view timings that include zstd/zlib sizes)
#include <model/onnx_loader.h>
#include <model/weights.h>
#include <quant/layer_stats.h>
#include <quant/parallel.h>
#include <quant/quantize_tensor.h>
#include <quant/scheme_registry.h>
#include <quant/storage.h>

#include <onnx/onnx_pb.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace bitlens;
using Clock = std::chrono::steady_clock;

namespace {

double seconds(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double>(b - a).count(); }

// ResNet-50's weight shapes: stem, 16 bottlenecks ([3,4,6,3] at widths 64..512, expansion 4,
// a 1x1 projection in each stage's first block), fc 1000x2048.
std::vector<std::vector<int64_t>> resnet50Shapes()
{
    std::vector<std::vector<int64_t>> s{{64, 3, 7, 7}};
    int64_t in = 64;
    const int blocks[4] = {3, 4, 6, 3};
    for (int stage = 0; stage < 4; ++stage) {
        const int64_t w = 64 << stage;
        for (int b = 0; b < blocks[stage]; ++b) {
            s.push_back({w, in, 1, 1});
            s.push_back({w, w, 3, 3});
            s.push_back({4 * w, w, 1, 1});
            if (b == 0)
                s.push_back({4 * w, in, 1, 1});
            in = 4 * w;
        }
    }
    s.push_back({1000, 2048});
    return s;
}

int64_t writeModel(const std::string& path)
{
    onnx::ModelProto m;
    m.set_ir_version(7);
    m.add_opset_import()->set_version(13);
    auto* g = m.mutable_graph();
    std::mt19937 rng(50);
    int64_t total = 0;
    int i = 0;
    std::string prev = "input";
    for (const auto& dims : resnet50Shapes()) {
        const std::string name = "layer" + std::to_string(i++) + ".weight";
        int64_t n = 1;
        for (int64_t d : dims)
            n *= d;
        total += n;
        // Kaiming-like scale with per-channel spread, so per-channel differs from per-tensor.
        const double fanIn = static_cast<double>(n / dims[0]);
        std::vector<float> v(static_cast<size_t>(n));
        const int64_t per = n / dims[0];
        for (int64_t c = 0; c < dims[0]; ++c) {
            std::normal_distribution<float> nd(0.0f, static_cast<float>(std::sqrt(2.0 / fanIn) * (0.5 + (c % 7) / 6.0)));
            for (int64_t k = 0; k < per; ++k)
                v[static_cast<size_t>(c * per + k)] = nd(rng);
        }
        auto* t = g->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        for (int64_t d : dims)
            t->add_dims(d);
        t->set_raw_data(std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(float)));
        auto* node = g->add_node();
        node->set_op_type(dims.size() == 4 ? "Conv" : "Gemm");
        node->set_name("node" + std::to_string(i));
        node->add_input(prev);
        node->add_input(name);
        prev = "act" + std::to_string(i);
        node->add_output(prev);
        if (dims.size() == 2) {
            auto* a = node->add_attribute();
            a->set_name("transB");
            a->set_type(onnx::AttributeProto::INT);
            a->set_i(1);
        }
    }
    std::ofstream out(path, std::ios::binary);
    m.SerializeToOstream(&out);
    return total;
}

long peakRssKiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

void benchModel(const std::string& path, int64_t weights, int threads, bool compression)
{
    const auto t0 = Clock::now();
    auto model = loadOnnxModel(path);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().c_str());
        _exit(2);
    }
    const auto layers = findWeightLayers(*model);
    const auto t1 = Clock::now();
    StatsOptions opt;
    std::vector<Scheme> all;
    for (const auto& d : schemeRegistry())
        all.push_back(d.id);
    opt.specs = expandSpecs(all, {Granularity::PerTensor, Granularity::PerChannel}, {1, 2, 3, 4, 5, 6, 7, 8});
    opt.threads = threads;
    opt.withCompression = compression;
    const auto stats = computeModelStats(layers, opt);
    const auto t2 = Clock::now();
    const double weightMiB = static_cast<double>(weights) * 4 / (1 << 20);
    std::printf("model: %zu layers, %lld weights (%.1f MiB FP32), %zu configurations per layer\n", layers.size(),
                static_cast<long long>(weights), weightMiB, opt.specs.size());
    std::printf("  load + find weights: %.2f s\n", seconds(t0, t1));
    std::printf("  stats (all six schemes x bits 1..8 x 2 granularities%s): %.2f s\n",
                compression ? ", with zstd/zlib sizes" : ", --no-compression", seconds(t1, t2));
    std::printf("  total: %.2f s\n", seconds(t0, t2));
    const double peak = static_cast<double>(peakRssKiB()) / 1024;
    std::printf("  peak RSS: %.0f MiB = %.2fx the weights\n", peak, peak / weightMiB);
}

void benchPerScheme(const Tensor& t, int threads, bool compression)
{
    std::printf("one layer %s (%lld weights), per scheme, bits 1..8, both granularities (%d threads)%s:\n",
                shapeString(t.dims).c_str(), static_cast<long long>(t.elementCount()), threads,
                compression ? ", with zstd/zlib" : ", no compression");
    auto layer = std::make_shared<Tensor>(t);
    for (const auto& d : schemeRegistry()) {
        StatsOptions opt;
        opt.specs = expandSpecs({d.id}, {Granularity::PerTensor, Granularity::PerChannel}, {1, 2, 3, 4, 5, 6, 7, 8});
        opt.threads = threads;
        opt.withCompression = compression;
        const auto a = Clock::now();
        computeModelStats({{"w", "n", "Conv", 0, layer, {}, {}, {}}}, opt);
        std::printf("  %-10s %6.3f s\n", std::string(d.name).c_str(), seconds(a, Clock::now()));
    }
}

// One configuration at a time on one thread, groups prepared once: where a sweep spends its time.
void benchPerConfig(const Tensor& t)
{
    for (Granularity g : {Granularity::PerTensor, Granularity::PerChannel}) {
        const auto a = Clock::now();
        const PreparedTensor p(t.floats, t.dims, 0, g, true);
        std::printf("%-11s prepare %6.1f ms\n", std::string(granularityName(g)).c_str(), 1000 * seconds(a, Clock::now()));
        for (const auto& d : schemeRegistry()) {
            std::printf("  %-10s", std::string(d.name).c_str());
            for (int bits = 1; bits <= 8; ++bits) {
                if (!bitsAllowed(d.id, bits)) {
                    std::printf("        -");
                    continue;
                }
                const auto b = Clock::now();
                const QuantizedTensor q = quantizeTensor(p, d.id, bits, OutputStatsOnly);
                const StatsRow r = statsRow(p, q, false);
                std::printf(" %6.1fms", 1000 * seconds(b, Clock::now()));
                (void)r;
            }
            std::printf("\n");
        }
    }
}

// Where the time goes when storage sizes are measured: zstd level 3 and zlib level 6 on the
// packed codes of every configuration of one layer (one thread).
void benchCompression(const Tensor& t)
{
    double zstdS = 0, zlibS = 0, codesS = 0;
    int64_t bytes = 0;
    for (Granularity g : {Granularity::PerTensor, Granularity::PerChannel}) {
        const PreparedTensor p(t.floats, t.dims, 0, g, true);
        for (const auto& d : schemeRegistry())
            for (int bits = d.minBits; bits <= std::min(8, d.maxBits); ++bits) {
                auto a = Clock::now();
                const QuantizedTensor q = quantizeTensor(p, d.id, bits, OutputCodes);
                const auto packed = packCodes(q.codes, bits);
                auto b = Clock::now();
                zstdCompressedBytes(packed);
                auto c = Clock::now();
                zlibCompressedBytes(packed);
                auto e = Clock::now();
                codesS += seconds(a, b);
                zstdS += seconds(b, c);
                zlibS += seconds(c, e);
                bytes += static_cast<int64_t>(packed.size());
            }
    }
    std::printf("storage sizes for one layer, 90 configurations, one thread: codes+packing %.2f s, zstd %.2f s, "
                "zlib %.2f s (%.0f MB of packed codes: zstd %.0f MB/s, zlib %.0f MB/s)\n",
                codesS, zstdS, zlibS, static_cast<double>(bytes) / 1e6, static_cast<double>(bytes) / 1e6 / zstdS,
                static_cast<double>(bytes) / 1e6 / zlibS);
}

void benchView(const Tensor& t, int threads)
{
    auto layer = std::make_shared<Tensor>(t);
    for (bool compression : {false, true})
    for (int bits : {4, 8}) {
        if (compression && getenv("BENCH_NO_COMPRESSION"))
            continue;
        for (Granularity g : {Granularity::PerChannel, Granularity::PerTensor}) {
            StatsOptions opt;
            std::vector<Scheme> all;
            for (const auto& d : schemeRegistry())
                all.push_back(d.id);
            opt.specs = expandSpecs(all, {g}, {bits});
            opt.threads = threads;
            opt.withCompression = compression;
            const auto a = Clock::now();
            computeModelStats({{"w", "n", "Conv", 0, layer, {}, {}, {}}}, opt);
            std::printf("all-scheme view, %d bits %-11s: %7.1f ms (prepare, quantize, every metric%s)\n", bits,
                        std::string(granularityName(g)).c_str(), 1000 * seconds(a, Clock::now()),
                        compression ? " + zstd/zlib sizes" : "");
        }
    }
}

} // namespace

int main(int argc, char** argv)
{
    int threads = 0;
    bool skipModel = false, viewOnly = false, perConfig = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--threads") && i + 1 < argc)
            threads = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--skip-model"))
            skipModel = true;
        else if (!std::strcmp(argv[i], "--per-config"))
            perConfig = true;
        else if (!std::strcmp(argv[i], "--view-only"))
            viewOnly = skipModel = true;
    }
    if (threads <= 0)
        threads = defaultThreadCount();

    Tensor big;
    big.dims = {512, 512, 3, 3}; // 2.36M weights, ResNet-50's largest 3x3
    big.floats.resize(512 * 512 * 9);
    std::mt19937 rng(1);
    std::normal_distribution<float> nd(0.0f, 0.02f);
    for (float& v : big.floats)
        v = nd(rng);
    if (perConfig) {
        benchPerConfig(big);
        return 0;
    }
    benchView(big, threads);
    if (!viewOnly) {
        benchCompression(big);
        benchPerScheme(big, threads, false);
        benchPerScheme(big, threads, true);
    }

    if (skipModel)
        return 0;
    const std::string path = (std::filesystem::temp_directory_path() / "bitlens-bench-resnet50.onnx").string();
    // Generate in a child so the generator's memory does not count toward the measured peak.
    int64_t weights = 0;
    int fds[2];
    if (pipe(fds) != 0)
        return 1;
    std::fflush(stdout);
    if (fork() == 0) {
        const int64_t w = writeModel(path);
        (void)!write(fds[1], &w, sizeof w);
        std::fflush(stdout);
        _exit(0);
    }
    (void)!read(fds[0], &weights, sizeof weights);
    wait(nullptr);
    std::fflush(stdout);
    std::printf("generated %s (%.0f MiB)\n", path.c_str(),
                static_cast<double>(std::filesystem::file_size(path)) / (1 << 20));
    for (bool compression : {false, true}) {
        std::fflush(stdout);
        if (fork() == 0) { // measure in a fresh process
            benchModel(path, weights, threads, compression);
            std::fflush(stdout);
            _exit(0);
        }
        wait(nullptr);
    }
    std::filesystem::remove(path);
    return 0;
}

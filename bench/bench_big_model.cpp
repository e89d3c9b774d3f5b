// A VGG-16-sized model (138,357,544 weights, 553 MB of float32) written twice, with its weights
// inside the protobuf and as external data, then opened in fresh processes:
//   headless: load, find the weight layers, the layer table's overview of every layer, the
//             views of the first layer and of the largest (fc6, 102.8M weights);
//   window:   open it in MainWindow (offscreen), wait for the overview, then select every layer
//             in turn and wait for its views, as a user browsing all layers.
// Each process prints its peak resident memory (VmHWM) against the weights' size, and the window
// its longest event-loop stall (a 5 ms timer's largest gap: a frozen GUI shows up there).
//   bench_big_model [--dir DIR] [--keep] [--only embedded|external] [--headless-only]
#include "app/main_window.h"
#include "app/workbench_document.h"
#include "model/onnx_loader.h"
#include "model/weights.h"
#include "quant/layer_overview.h"
#include "quant/layer_views.h"

#include <onnx/onnx_pb.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTableView>
#include <QTimer>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using namespace bitlens;

namespace {

struct LayerShape
{
    std::string name;
    std::vector<int64_t> dims; // Conv OIHW, Gemm [out, in] (transB = 1)
};

// torchvision's vgg16: 13 3x3 convolutions and three fully connected layers.
std::vector<LayerShape> vgg16Layers()
{
    std::vector<LayerShape> layers;
    const int widths[] = {64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0};
    int64_t in = 3, index = 0;
    for (int w : widths) {
        if (w == 0)
            continue;
        layers.push_back({"features." + std::to_string(index++) + ".weight", {w, in, 3, 3}});
        in = w;
    }
    layers.push_back({"classifier.0.weight", {4096, 512 * 7 * 7}});
    layers.push_back({"classifier.3.weight", {4096, 4096}});
    layers.push_back({"classifier.6.weight", {1000, 4096}});
    return layers;
}

int64_t product(const std::vector<int64_t>& dims)
{
    int64_t n = 1;
    for (int64_t d : dims)
        n *= d;
    return n;
}

// He-scaled, roughly Gaussian values (sum of four uniforms), fast and reproducible.
void fillWeights(std::vector<float>& v, int64_t fanIn, uint64_t seed)
{
    uint64_t s = seed * 0x9E3779B97F4A7C15ull + 1;
    auto next = [&] {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        return static_cast<float>(s >> 40) * (1.0f / 16777216.0f);
    };
    const float scale = std::sqrt(2.0f / static_cast<float>(fanIn)) * std::sqrt(3.0f);
    for (float& x : v)
        x = (next() + next() + next() + next() - 2.0f) * scale;
}

// The graph: Conv/Relu (MaxPool after each block), Flatten, Gemm/Relu, Gemm/Relu, Gemm.
void writeModel(const fs::path& file, bool external)
{
    onnx::ModelProto m;
    m.set_ir_version(8);
    m.set_producer_name("bench_big_model");
    auto* op = m.add_opset_import();
    op->set_version(13);
    auto* g = m.mutable_graph();
    g->set_name("vgg16");
    auto* in = g->add_input();
    in->set_name("input");
    auto* tt = in->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(onnx::TensorProto::FLOAT);
    for (int64_t d : {1, 3, 224, 224})
        tt->mutable_shape()->add_dim()->set_dim_value(d);

    std::ofstream data;
    int64_t offset = 0;
    const std::string dataName = file.stem().string() + ".weights";
    if (external)
        data.open(file.parent_path() / dataName, std::ios::binary | std::ios::trunc);

    auto addTensor = [&](const std::string& name, const std::vector<int64_t>& dims, const std::vector<float>& v) {
        auto* t = g->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        for (int64_t d : dims)
            t->add_dims(d);
        const auto bytes = static_cast<int64_t>(v.size() * sizeof(float));
        if (external) {
            data.write(reinterpret_cast<const char*>(v.data()), bytes);
            t->set_data_location(onnx::TensorProto::EXTERNAL);
            auto* kv = t->add_external_data();
            kv->set_key("location");
            kv->set_value(dataName);
            kv = t->add_external_data();
            kv->set_key("offset");
            kv->set_value(std::to_string(offset));
            kv = t->add_external_data();
            kv->set_key("length");
            kv->set_value(std::to_string(bytes));
            offset += bytes;
        } else {
            t->set_raw_data(v.data(), static_cast<size_t>(bytes));
        }
    };
    auto addNode = [&](const std::string& type, std::vector<std::string> inputs, const std::string& output) {
        auto* n = g->add_node();
        n->set_op_type(type);
        n->set_name(output);
        for (auto& i : inputs)
            n->add_input(i);
        n->add_output(output);
        return n;
    };
    auto intsAttr = [](onnx::NodeProto* n, const char* name, std::vector<int64_t> v) {
        auto* a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (int64_t x : v)
            a->add_ints(x);
    };

    const auto layers = vgg16Layers();
    std::string x = "input";
    int convs = 0;
    const int poolAfter[] = {1, 3, 6, 9, 12};
    uint64_t seed = 1;
    for (size_t i = 0; i < layers.size(); ++i) {
        const auto& l = layers[i];
        std::vector<float> w(static_cast<size_t>(product(l.dims)));
        fillWeights(w, product(l.dims) / l.dims[0], seed++);
        addTensor(l.name, l.dims, w);
        const std::string bias = l.name.substr(0, l.name.size() - 6) + "bias";
        std::vector<float> b(static_cast<size_t>(l.dims[0]), 0.01f);
        addTensor(bias, {l.dims[0]}, b);
        const std::string base = l.name.substr(0, l.name.size() - 7);
        if (l.dims.size() == 4) {
            auto* conv = addNode("Conv", {x, l.name, bias}, base);
            intsAttr(conv, "pads", {1, 1, 1, 1});
            x = addNode("Relu", {base}, base + ".relu")->output(0);
            if (std::find(std::begin(poolAfter), std::end(poolAfter), convs) != std::end(poolAfter)) {
                auto* pool = addNode("MaxPool", {x}, base + ".pool");
                intsAttr(pool, "kernel_shape", {2, 2});
                intsAttr(pool, "strides", {2, 2});
                x = pool->output(0);
            }
            if (++convs == 13)
                x = addNode("Flatten", {x}, "flatten")->output(0);
        } else {
            auto* gemm = addNode("Gemm", {x, l.name, bias}, base);
            auto* a = gemm->add_attribute();
            a->set_name("transB");
            a->set_type(onnx::AttributeProto::INT);
            a->set_i(1);
            x = i + 1 < layers.size() ? addNode("Relu", {base}, base + ".relu")->output(0) : gemm->output(0);
        }
    }
    auto* out = g->add_output();
    out->set_name(x);
    std::ofstream f(file, std::ios::binary | std::ios::trunc);
    m.SerializeToOstream(&f);
}

int64_t procStatusKb(const char* key)
{
    std::ifstream in("/proc/self/status");
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0)
            return std::stoll(line.substr(std::strlen(key)));
    return -1;
}

double mib(int64_t kb)
{
    return static_cast<double>(kb) / 1024.0;
}

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

int64_t weightBytes()
{
    int64_t n = 0;
    for (const auto& l : vgg16Layers())
        n += product(l.dims) + l.dims[0];
    return n * 4;
}

void report(const char* phase)
{
    std::printf("  %-34s RSS %7.0f MiB   peak %7.0f MiB (%.2fx the weights)\n", phase, mib(procStatusKb("VmRSS:")),
                mib(procStatusKb("VmHWM:")), static_cast<double>(procStatusKb("VmHWM:")) * 1024.0 / weightBytes());
    std::fflush(stdout);
}

int measureHeadless(const fs::path& file)
{
    auto t0 = std::chrono::steady_clock::now();
    auto model = loadOnnxModel(file);
    if (!model) {
        std::fprintf(stderr, "%s\n", model.error().c_str());
        return 1;
    }
    std::printf("  load %.2f s\n", seconds(t0));
    report("after loading");
    auto shared = std::make_shared<const Model>(std::move(*model));
    const auto layers = findWeightLayers(*shared);
    t0 = std::chrono::steady_clock::now();
    for (const auto& l : layers)
        (void)layerOverview(l, {Scheme::Asymmetric, Granularity::PerChannel, 4});
    std::printf("  overview of %zu layers %.2f s\n", layers.size(), seconds(t0));
    report("after the overview");
    ViewRequest request;
    request.focus = {Scheme::Asymmetric, Granularity::PerChannel, 4};
    request.schemes = {Scheme::Asymmetric, Scheme::Symmetric, Scheme::Pow2, Scheme::Dfxp, Scheme::KMeans,
                       Scheme::Gaussian};
    for (const char* name : {"features.0.weight", "classifier.0.weight"}) {
        for (const auto& l : layers)
            if (l.name == name) {
                // As the window asks for them: the main views first, then the efficiency curves.
                t0 = std::chrono::steady_clock::now();
                (void)computeLayerViews(l, request, PartQuartiles | PartHistograms | PartChannelSqnr);
                std::printf("  main views of %s (%lld weights) %.2f s\n", name,
                            static_cast<long long>(l.parameters()), seconds(t0));
                report("after them");
                t0 = std::chrono::steady_clock::now();
                (void)computeLayerViews(l, request, PartEfficiency);
                std::printf("  bit efficiency of %s %.2f s\n", name, seconds(t0));
                report("after it");
            }
    }
    return 0;
}

int measureWindow(int argc, char** argv, const fs::path& file)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qputenv("BITLENS_RECOVERY_DIR", (fs::temp_directory_path() / "bench-big-model-recovery").c_str());
    QApplication app(argc, argv);
    MainWindow w;
    w.resize(1400, 900);
    w.show();
    // The event loop's longest gap between two ticks of a 5 ms timer.
    QElapsedTimer tick;
    tick.start();
    qint64 worst = 0, last = 0;
    QTimer probe;
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 now = tick.elapsed();
        worst = std::max(worst, now - last);
        last = now;
    });
    probe.start(5);
    auto waitFor = [&](auto signal, int timeoutMs) {
        bool got = false;
        auto c = QObject::connect(w.document(), signal, [&] { got = true; });
        QElapsedTimer t;
        t.start();
        while (!got && t.elapsed() < timeoutMs)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QObject::disconnect(c);
        return got;
    };
    const auto t0 = std::chrono::steady_clock::now();
    last = tick.elapsed();
    w.openModel(QString::fromStdString(file.string()));
    if (!waitFor(&WorkbenchDocument::overviewReady, 600000)) {
        std::fprintf(stderr, "no overview\n");
        return 1;
    }
    std::printf("  open to layer table %.2f s, longest stall %lld ms\n", seconds(t0), static_cast<long long>(worst));
    report("after opening");
    const int rows = w.layerView()->model()->rowCount();
    int64_t maxRss = 0;
    worst = 0;
    for (int pass = 0; pass < 2; ++pass) {
        const auto tp = std::chrono::steady_clock::now();
        for (int r = 0; r < rows; ++r) {
            last = tick.elapsed();
            const qint64 worstBefore = worst;
            worst = 0;
            const auto tl = std::chrono::steady_clock::now();
            w.layerView()->selectRow(r);
            // Until every view of the layer is there (the first row's are already on screen).
            QElapsedTimer t;
            t.start();
            while ((t.elapsed() < 200 || w.document()->busy()) && t.elapsed() < 600000)
                QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            const auto name = w.layerView()->model()->index(r, 0).data().toString();
            if (pass == 0)
                std::printf("    %-22s %6.1f s, longest stall %5lld ms, RSS %5.0f MiB\n", qPrintable(name),
                            seconds(tl), static_cast<long long>(worst), mib(procStatusKb("VmRSS:")));
            worst = std::max(worst, worstBefore);
            maxRss = std::max(maxRss, procStatusKb("VmRSS:"));
        }
        std::printf("  browsing all %d layers, pass %d: %.1f s, longest stall %lld ms, largest RSS %0.f MiB\n", rows,
                    pass + 1, seconds(tp), static_cast<long long>(worst), mib(maxRss));
        report(pass == 0 ? "after browsing every layer" : "after browsing them again");
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    fs::path dir = fs::temp_directory_path() / "bitlens-big-model";
    bool keep = false, headlessOnly = false;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--measure" && i + 1 < argc)
            return measureHeadless(argv[++i]);
        if (a == "--window" && i + 1 < argc) {
            const fs::path file = argv[++i];
            return measureWindow(argc, argv, file);
        }
        if (a == "--dir" && i + 1 < argc)
            dir = argv[++i];
        else if (a == "--keep")
            keep = true;
        else if (a == "--headless-only")
            headlessOnly = true;
        else if (a == "--only" && i + 1 < argc)
            only = argv[++i];
        else {
            std::fprintf(stderr, "usage: bench_big_model [--dir DIR] [--keep] [--only embedded|external] [--headless-only]\n");
            return 2;
        }
    }
    fs::create_directories(dir / "embedded");
    fs::create_directories(dir / "external");
    const fs::path embedded = dir / "embedded/vgg16.onnx", external = dir / "external/vgg16.onnx";
    std::printf("VGG-16-sized model: %.1f M weights and biases, %.0f MiB of float32\n", weightBytes() / 4e6,
                weightBytes() / 1048576.0);
    for (const auto& [file, ext] : {std::pair{embedded, false}, std::pair{external, true}}) {
        if (!only.empty() && only != (ext ? "external" : "embedded"))
            continue;
        if (!fs::exists(file)) {
            const auto t0 = std::chrono::steady_clock::now();
            writeModel(file, ext);
            std::printf("wrote %s (%.0f MiB) in %.1f s\n", file.c_str(), fs::file_size(file) / 1048576.0, seconds(t0));
        }
        std::fflush(stdout);
        const std::string self = fs::canonical("/proc/self/exe").string();
        std::printf("%s, headless:\n", ext ? "external data" : "weights inside the protobuf");
        std::fflush(stdout);
        if (std::system(("'" + self + "' --measure '" + file.string() + "'").c_str()) != 0)
            return 1;
        if (!headlessOnly) {
            std::printf("%s, in the window:\n", ext ? "external data" : "weights inside the protobuf");
            std::fflush(stdout);
            if (std::system(("'" + self + "' --window '" + file.string() + "'").c_str()) != 0)
                return 1;
        }
    }
    if (!keep)
        fs::remove_all(dir);
    return 0;
}

// Writes the hostile-input corpus: broken and adversarial models, datasets, plans, group files and
// projects, each with what bitlens-cli must answer (exit status and a message pattern), to
//   make_hostile_inputs OUTDIR
// OUTDIR/manifest.tsv has one line per case: name, command, path, exit status, pattern (a regular
// expression the one-line message must match; the message must also name the file). Commands:
//   info    bitlens-cli info PATH                        (the loader)
//   eval    bitlens-cli eval PATH --data OUTDIR/data-ok   (the engine: graph structure, ops)
//   stats   bitlens-cli stats PATH --schemes asymmetric --bits 4   (weights' values)
//   data    bitlens-cli eval OUTDIR/base.onnx --data PATH (datasets)
//   samples bitlens-cli compare OUTDIR/base.onnx --samples PATH --bits 4 (samples without labels)
//   plan    bitlens-cli eval OUTDIR/base.onnx --data OUTDIR/data-ok --plan PATH
//   groups  bitlens-cli eval OUTDIR/base.onnx --data OUTDIR/data-ok --groups PATH
//   project bitlens-cli report PATH --out OUTDIR/out/NAME.html
// tests/hostile/test_hostile_inputs.cpp runs every case through bitlens-cli and the window.
// A program rather than a Python script: the suite must build and run from Debian's C++ packages.
#include "support/onnx_builder.h"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include <zlib.h>

namespace fs = std::filesystem;
using testsupport::OnnxBuilder;

namespace {

fs::path g_out;
std::ofstream g_manifest;

void writeBytes(const fs::path& path, const std::string& bytes)
{
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        std::fprintf(stderr, "make_hostile_inputs: cannot write %s\n", path.c_str());
        std::exit(1);
    }
}

// One manifest line; `rel` is the path below OUTDIR the command is given.
void expect(const std::string& name, const std::string& command, const std::string& rel, int exitStatus,
            const std::string& pattern)
{
    g_manifest << name << '\t' << command << '\t' << rel << '\t' << exitStatus << '\t' << pattern << '\n';
}

std::vector<float> ramp(int64_t n, float scale = 0.01f)
{
    std::vector<float> v(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        v[static_cast<size_t>(i)] = scale * static_cast<float>((i * 37) % 101 - 50);
    return v;
}

// The valid model every case starts from: 1x1x8x8 -> Conv 4x1x3x3 -> Relu -> Flatten -> Gemm 10x144.
OnnxBuilder baseModel(int64_t opset = 13)
{
    OnnxBuilder b(opset);
    b.addInput("input", {1, 1, 8, 8});
    b.addInitializer("conv.weight", {4, 1, 3, 3}, ramp(36));
    b.addInitializer("conv.bias", {4}, ramp(4));
    b.addNode("Conv", {"input", "conv.weight", "conv.bias"}, {"c"}, "conv");
    b.addNode("Relu", {"c"}, {"r"}, "relu");
    b.addNode("Flatten", {"r"}, {"f"}, "flatten");
    b.addInitializer("fc.weight", {10, 144}, ramp(1440, 0.001f));
    b.addInitializer("fc.bias", {10}, ramp(10));
    auto* gemm = b.addNode("Gemm", {"f", "fc.weight", "fc.bias"}, {"logits"}, "fc");
    OnnxBuilder::setInt(gemm, "transB", 1);
    b.addOutput("logits", {1, 10});
    return b;
}

onnx::TensorProto* initializer(OnnxBuilder& b, const std::string& name)
{
    for (auto& t : *b.proto().mutable_graph()->mutable_initializer())
        if (t.name() == name)
            return &t;
    std::fprintf(stderr, "make_hostile_inputs: no initializer %s\n", name.c_str());
    std::exit(1);
}

void model(const std::string& name, const OnnxBuilder& b, const std::string& command, int exitStatus,
           const std::string& pattern)
{
    const std::string rel = "models/" + name + ".onnx";
    writeBytes(g_out / rel, b.bytes());
    expect(name, command, rel, exitStatus, pattern);
}

// A model whose fc.weight lives in external data at `location` (relative to the model's folder).
OnnxBuilder externalModel(const std::string& location, int64_t offset = 0, int64_t length = -1)
{
    OnnxBuilder b = baseModel();
    auto* t = initializer(b, "fc.weight");
    t->clear_raw_data();
    t->set_data_location(onnx::TensorProto::EXTERNAL);
    auto* kv = t->add_external_data();
    kv->set_key("location");
    kv->set_value(location);
    if (offset != 0) {
        kv = t->add_external_data();
        kv->set_key("offset");
        kv->set_value(std::to_string(offset));
    }
    if (length >= 0) {
        kv = t->add_external_data();
        kv->set_key("length");
        kv->set_value(std::to_string(length));
    }
    return b;
}

std::string floatBytes(const std::vector<float>& v)
{
    std::string s(v.size() * sizeof(float), '\0');
    std::memcpy(s.data(), v.data(), s.size());
    return s;
}

void models()
{
    const std::string base = baseModel().bytes();
    writeBytes(g_out / "base.onnx", base);
    expect("base", "info", "base.onnx", 0, "");
    expect("base-eval", "eval", "base.onnx", 0, "");

    // Truncated at many offsets: the first bytes, around every field boundary, the last bytes.
    const std::string truncated = "truncated or corrupted|has no graph|imports no version";
    std::vector<size_t> cuts = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610};
    for (size_t i = 1; i <= 16; ++i)
        cuts.push_back(base.size() * i / 17);
    for (size_t i = 1; i <= 3; ++i)
        cuts.push_back(base.size() - i);
    for (size_t cut : cuts) {
        const std::string rel = "models/truncated-" + std::to_string(cut) + ".onnx";
        writeBytes(g_out / rel, base.substr(0, cut));
        expect("truncated-" + std::to_string(cut), "info", rel, 2, truncated);
    }
    writeBytes(g_out / "models/empty.onnx", "");
    expect("empty", "info", "models/empty.onnx", 2, "file is empty");

    // Random bytes (fixed seeds): mostly not protobuf; what parses has no graph or opset.
    std::mt19937 rng(20261123);
    for (int i = 0; i < 8; ++i) {
        const size_t n = size_t{1} << (4 + i);
        std::string bytes(n, '\0');
        for (char& c : bytes)
            c = static_cast<char>(rng() & 0xff);
        const std::string rel = "models/random-" + std::to_string(n) + ".onnx";
        writeBytes(g_out / rel, bytes);
        expect("random-" + std::to_string(n), "info", rel, 2, truncated + "|opset");
    }
    // Flipped bytes in a valid model: any of the loader's answers, never a crash. (Exit status 0 is
    // possible when the flip lands in a float, so these cases only require "no crash".)
    for (int i = 0; i < 12; ++i) {
        std::string bytes = base;
        for (int k = 0; k < 4; ++k)
            bytes[rng() % bytes.size()] ^= static_cast<char>(1u << (rng() % 8));
        const std::string rel = "models/flipped-" + std::to_string(i) + ".onnx";
        writeBytes(g_out / rel, bytes);
        expect("flipped-" + std::to_string(i), "info", rel, -1, "");
    }

    {   // Element counts that overflow int64, and counts over the size cap.
        OnnxBuilder b = baseModel();
        auto* t = initializer(b, "fc.weight");
        t->clear_dims();
        t->add_dims(int64_t{1} << 40);
        t->add_dims(int64_t{1} << 40);
        model("dims-overflow", b, "info", 2, "dims whose product is over");
        t->clear_dims();
        for (int i = 0; i < 4; ++i)
            t->add_dims(int64_t{1} << 20);
        model("dims-overflow-4d", b, "info", 2, "dims whose product is over");
        t->clear_dims();
        t->add_dims(-10);
        t->add_dims(144);
        model("dims-negative", b, "info", 2, "negative dimension");
        t->clear_dims();
        t->add_dims(int64_t{1} << 31);
        t->add_dims(4);
        model("dims-over-cap", b, "info", 2, "raw_data|over the|dims whose product");
    }
    {   // raw_data shorter (and longer) than the dims say; typed data of the wrong count.
        OnnxBuilder b = baseModel();
        auto* t = initializer(b, "fc.weight");
        t->set_raw_data(t->raw_data().substr(0, 100));
        model("raw-data-short", b, "info", 2, "bytes of raw_data but its dims");
        t->set_raw_data(std::string(1440 * 4 + 3, '\0'));
        model("raw-data-long", b, "info", 2, "bytes of raw_data but its dims");
        t->clear_raw_data();
        for (int i = 0; i < 7; ++i)
            t->add_float_data(1.0f);
        model("float-data-short", b, "info", 2, "values but its dims");
    }
    {   // External data: inside the folder (fine), then every way out of it, then out of bounds.
        writeBytes(g_out / "models/weights.bin", floatBytes(ramp(1440, 0.001f)));
        model("external-ok", externalModel("weights.bin"), "info", 0, "");
        model("external-dotdot", externalModel("../base.onnx"), "info", 2, "leaves the model's folder");
        model("external-dotdot-inner", externalModel("sub/../../base.onnx"), "info", 2, "leaves the model's folder");
        model("external-absolute", externalModel("/etc/passwd"), "info", 2, "absolute path");
        std::error_code ec;
        fs::remove(g_out / "models/link.bin", ec);
        fs::create_symlink(fs::absolute(g_out / "outside.bin"), g_out / "models/link.bin");
        writeBytes(g_out / "outside.bin", floatBytes(ramp(1440, 0.001f)));
        model("external-symlink", externalModel("link.bin"), "info", 2, "resolves outside the model's folder");
        fs::remove(g_out / "models/dirlink", ec);
        fs::create_directory_symlink(fs::absolute(g_out), g_out / "models/dirlink");
        model("external-symlink-dir", externalModel("dirlink/outside.bin"), "info", 2,
              "resolves outside the model's folder");
        model("external-missing", externalModel("nothing-here.bin"), "info", 2, "not found in the model's folder");
        model("external-folder", externalModel("."), "info", 2, "not a regular file|not found");
        model("external-past-end", externalModel("weights.bin", 4096), "info", 2, "beyond the end");
        model("external-offset-negative", externalModel("weights.bin", -4), "info", 2, "negative");
        model("external-length-wrong", externalModel("weights.bin", 0, 12), "info", 2, "differs from the");
        model("external-offset-huge", externalModel("weights.bin", int64_t{1} << 62), "info", 2, "beyond the end");
    }
    {   // Graph structure: a cycle, a missing input, an output never computed, a value defined twice.
        OnnxBuilder cycle = baseModel();
        auto* g = cycle.proto().mutable_graph();
        g->mutable_node(1)->set_input(0, "f"); // Relu reads Flatten's output, Flatten reads Relu's
        model("cycle", cycle, "eval", 2, "is on a cycle");
        OnnxBuilder missing = baseModel();
        missing.proto().mutable_graph()->mutable_node(1)->set_input(0, "nowhere");
        model("missing-input", missing, "eval", 2, "reads 'nowhere'");
        OnnxBuilder noOutput = baseModel();
        noOutput.proto().mutable_graph()->mutable_output(0)->set_name("ghost");
        model("output-never-computed", noOutput, "eval", 2, "'ghost' is never computed");
        OnnxBuilder none = baseModel();
        none.proto().mutable_graph()->clear_output();
        model("no-outputs", none, "eval", 2, "declares no outputs");
        OnnxBuilder twice = baseModel();
        twice.proto().mutable_graph()->mutable_node(2)->set_output(0, "r");
        model("output-defined-twice", twice, "eval", 2, "already defined");
    }
    {   // Unknown operators load (their weights can be analysed) but do not run.
        OnnxBuilder b = baseModel();
        b.proto().mutable_graph()->mutable_node(1)->set_op_type("NoSuchOp");
        model("unknown-op", b, "info", 0, "");
        model("unknown-op-eval", b, "eval", 2, "unsupported operator.*NoSuchOp");
        OnnxBuilder domain = baseModel();
        domain.proto().mutable_graph()->mutable_node(1)->set_domain("com.example");
        model("unknown-domain-eval", domain, "eval", 2, "unsupported operator");
    }
    {   // Unknown and unsupported data types.
        OnnxBuilder b = baseModel();
        initializer(b, "fc.weight")->set_data_type(99);
        model("dtype-unknown", b, "info", 2, "unknown data type 99");
        initializer(b, "fc.weight")->set_data_type(onnx::TensorProto::STRING);
        model("dtype-string", b, "info", 2, "which BitLens does not read");
        initializer(b, "fc.weight")->set_data_type(onnx::TensorProto::COMPLEX64);
        model("dtype-complex", b, "info", 2, "which BitLens does not read");
        initializer(b, "fc.weight")->set_data_type(onnx::TensorProto::UNDEFINED);
        model("dtype-undefined", b, "info", 2, "data type");
    }
    model("opset-1", baseModel(1), "info", 2, "opset 1 is outside the supported range");
    {   // IR versions: newer than any ONNX, and missing.
        OnnxBuilder b = baseModel();
        b.proto().set_ir_version(99);
        model("ir-version-99", b, "info", 2, "ir_version 99 is newer than");
        b.proto().set_ir_version(0);
        model("ir-version-missing", b, "info", 2, "no ir_version");
    }
    {   // Preprocessing in the model's metadata with a std of 0 (a division by zero on every pixel).
        OnnxBuilder b = baseModel();
        for (const auto& [key, value] : {std::pair{"bitlens.mean", "[0.5]"}, std::pair{"bitlens.std", "[0]"}}) {
            auto* kv = b.proto().add_metadata_props();
            kv->set_key(key);
            kv->set_value(value);
        }
        model("metadata-std-zero", b, "eval", 2, "metadata: std\\[0\\] is 0; std values must be positive");
    }
    {   // A tensor with both raw_data and a typed field: which one holds the weights is ambiguous.
        OnnxBuilder b = baseModel();
        auto* t = initializer(b, "conv.weight");
        for (int i = 0; i < 36; ++i)
            t->add_float_data(9.0f);
        model("raw-and-float-data", b, "info", 2, "tensor 'conv.weight' has both raw_data and float_data");
    }
    {   // Conv attributes out of range: refused when the session is built, naming node and value.
        auto withConv = [&](const std::string& name, const char* attr, std::vector<int64_t> values, const std::string& pattern) {
            OnnxBuilder b = baseModel();
            auto* conv = b.proto().mutable_graph()->mutable_node(0);
            auto* a = conv->add_attribute();
            a->set_name(attr);
            a->set_type(onnx::AttributeProto::INTS);
            for (int64_t v : values)
                a->add_ints(v);
            model(name, b, "eval", 2, pattern);
        };
        withConv("conv-pads-2e31", "pads", {0, int64_t{1} << 31, 0, 0}, "'conv' \\(Conv\\): pads \\[0, 2147483648, 0, 0\\]");
        withConv("conv-pads-huge", "pads", {int64_t{1} << 62, 0, int64_t{1} << 62, 0}, "'conv' \\(Conv\\): pads");
        withConv("conv-pads-negative", "pads", {-1, 0, 0, 0}, "'conv' \\(Conv\\): pads \\[-1, 0, 0, 0\\]");
        withConv("conv-strides-zero", "strides", {0, 1}, "'conv' \\(Conv\\): strides \\[0, 1\\]");
        withConv("conv-dilations-negative", "dilations", {1, -2}, "'conv' \\(Conv\\): dilations \\[1, -2\\]");
        // Legal attributes whose output is too large to allocate: refused by size at run time.
        withConv("conv-output-huge", "pads", {0, 0, 1 << 20, 1 << 20}, "'conv' \\(Conv\\): .*over the limit");
    }
    model("opset-99", baseModel(99), "info", 2, "opset 99 is outside the supported range");
    {   // Subgraphs nested past the limit (If -> then_branch -> If ...), shallow and very deep.
        for (int depth : {20, 3000}) {
            OnnxBuilder b = baseModel();
            onnx::GraphProto inner;
            inner.set_name("leaf");
            for (int i = 0; i < depth; ++i) {
                onnx::GraphProto outer;
                outer.set_name("level" + std::to_string(i));
                auto* n = outer.add_node();
                n->set_op_type("If");
                auto* a = n->add_attribute();
                a->set_name("then_branch");
                a->set_type(onnx::AttributeProto::GRAPH);
                *a->mutable_g() = std::move(inner);
                inner = std::move(outer);
            }
            auto* n = b.proto().mutable_graph()->add_node();
            n->set_op_type("If");
            auto* a = n->add_attribute();
            a->set_name("then_branch");
            a->set_type(onnx::AttributeProto::GRAPH);
            *a->mutable_g() = std::move(inner);
            model("nested-" + std::to_string(depth), b, "info", 2, "nested deeper than|truncated or corrupted");
        }
    }
    {   // 100,000 tiny nodes: a chain of Relu between the Conv and the Flatten. Loads and runs.
        std::string prev = "r";
        OnnxBuilder c = baseModel();
        auto* cg = c.proto().mutable_graph();
        cg->mutable_node()->DeleteSubrange(2, 2); // drop Flatten and Gemm, re-added after the chain
        for (int i = 0; i < 100000; ++i) {
            auto* n = cg->add_node();
            n->set_op_type("Relu");
            n->add_input(prev);
            prev = "chain" + std::to_string(i);
            n->add_output(prev);
        }
        c.addNode("Flatten", {prev}, {"f"}, "flatten");
        auto* gemm = c.addNode("Gemm", {"f", "fc.weight", "fc.bias"}, {"logits"}, "fc");
        OnnxBuilder::setInt(gemm, "transB", 1);
        model("tiny-nodes-100k", c, "info", 0, "");
        model("tiny-nodes-100k-eval", c, "eval", 0, "");
    }
    {   // Weights' values: NaN, Inf, denormals, zero elements, all equal.
        auto withValues = [&](const std::string& name, const std::function<void(std::vector<float>&)>& edit,
                              int exitStatus, const std::string& pattern) {
            OnnxBuilder b = baseModel();
            std::vector<float> v = ramp(36);
            edit(v);
            auto* t = initializer(b, "conv.weight");
            t->Clear();
            OnnxBuilder::fillTensor(t, "conv.weight", {4, 1, 3, 3}, v, true);
            model(name, b, "stats", exitStatus, pattern);
        };
        withValues("weights-nan", [](auto& v) { v[7] = std::numeric_limits<float>::quiet_NaN(); }, 0, "");
        withValues("weights-inf", [](auto& v) { v[3] = -std::numeric_limits<float>::infinity(); }, 0, "");
        withValues("weights-denormal", [](auto& v) { for (float& x : v) x *= 1e-40f; }, 0, "");
        withValues("weights-constant", [](auto& v) { for (float& x : v) x = 0.5f; }, 0, "");
        withValues("weights-zero", [](auto& v) { for (float& x : v) x = 0.0f; }, 0, "");
        OnnxBuilder nanEval = baseModel();
        std::vector<float> v = ramp(1440, 0.001f);
        v[5] = std::numeric_limits<float>::quiet_NaN();
        auto* fc = initializer(nanEval, "fc.weight");
        fc->Clear();
        OnnxBuilder::fillTensor(fc, "fc.weight", {10, 144}, v, true);
        model("weights-nan-eval", nanEval, "eval", 0, "");

        // A Conv with no output channels beside the classifier, as a second graph output.
        OnnxBuilder empty = baseModel();
        empty.addInitializer("empty.weight", {0, 1, 3, 3}, {});
        empty.addNode("Conv", {"input", "empty.weight"}, {"nothing"}, "empty_conv");
        empty.addOutput("nothing", {1, 0, 6, 6});
        model("weights-zero-elements", empty, "stats", 0, "");
        model("weights-zero-elements-eval", empty, "eval", 0, "");
    }
}

// ---- datasets ----------------------------------------------------------------------------------

std::string be32(uint32_t v)
{
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
}

std::string idxImages(uint32_t n, uint32_t h, uint32_t w, size_t pixels)
{
    return be32(0x00000803) + be32(n) + be32(h) + be32(w) + std::string(pixels, '\x40');
}

std::string idxLabels(uint32_t n, size_t labels, char value = 1)
{
    return be32(0x00000801) + be32(n) + std::string(labels, value);
}

std::string gzip(const std::string& bytes)
{
    z_stream s{};
    deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&s, bytes.size()) + 32, '\0');
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
    s.avail_in = static_cast<uInt>(bytes.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    deflate(&s, Z_FINISH);
    out.resize(s.total_out);
    deflateEnd(&s);
    return out;
}

void idx(const std::string& name, const std::string& images, const std::string& labels, int exitStatus,
         const std::string& pattern, bool gz = false)
{
    const std::string rel = "data/" + name;
    const std::string suffix = gz ? ".gz" : "";
    writeBytes(g_out / rel / ("t10k-images-idx3-ubyte" + suffix), gz ? gzip(images) : images);
    writeBytes(g_out / rel / ("t10k-labels-idx1-ubyte" + suffix), gz ? gzip(labels) : labels);
    writeBytes(g_out / rel / ("train-images-idx3-ubyte" + suffix), gz ? gzip(images) : images);
    writeBytes(g_out / rel / ("train-labels-idx1-ubyte" + suffix), gz ? gzip(labels) : labels);
    expect(name, "data", rel, exitStatus, pattern);
}

std::string npyHeader(const std::string& descr, const std::string& shape, bool fortran = false,
                      const char* version = "\x01\x00", const std::string& extra = {})
{
    std::string dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") +
                       ", 'shape': " + shape + ", " + extra + "}";
    const size_t unpadded = 10 + dict.size() + 1;
    dict += std::string((64 - unpadded % 64) % 64, ' ') + "\n";
    const uint16_t len = static_cast<uint16_t>(dict.size());
    return std::string("\x93NUMPY", 6) + std::string(version, 2) +
           std::string{static_cast<char>(len & 0xff), static_cast<char>(len >> 8)} + dict;
}

void npy(const std::string& name, const std::string& images, const std::string& labels, int exitStatus,
         const std::string& pattern)
{
    const std::string rel = "data/" + name;
    writeBytes(g_out / rel / "images.npy", images);
    writeBytes(g_out / rel / "labels.npy", labels);
    expect(name, "data", rel, exitStatus, pattern);
}

std::string int64Labels(int n, int64_t value = 1)
{
    std::string s(static_cast<size_t>(n) * 8, '\0');
    for (int i = 0; i < n; ++i)
        std::memcpy(s.data() + i * 8, &value, 8);
    return s;
}

void datasets()
{
    // The good test set the engine cases run on: 10 images of 8x8, labels 0..9.
    std::string labels;
    for (int64_t i = 0; i < 10; ++i)
        labels += std::string(reinterpret_cast<const char*>(&i), 8);
    writeBytes(g_out / "data-ok/images.npy", npyHeader("|u1", "(10, 8, 8)") + std::string(640, '\x20'));
    writeBytes(g_out / "data-ok/labels.npy", npyHeader("<i8", "(10,)") + labels);
    expect("data-ok", "data", "data-ok", 0, "");

    idx("idx-ok", idxImages(10, 8, 8, 640), idxLabels(10, 10), 0, "");
    idx("idx-ok-gz", idxImages(10, 8, 8, 640), idxLabels(10, 10), 0, "", true);
    idx("idx-bad-magic", be32(0x00000802) + be32(10) + be32(8) + be32(8) + std::string(640, 'x'), idxLabels(10, 10),
        2, "magic|not an IDX");
    idx("idx-count-past-end", idxImages(1000000, 8, 8, 640), idxLabels(1000000, 10), 2,
        "ends|past|short|truncated|bytes|count");
    idx("idx-dims-overflow", idxImages(0xffffffffu, 0xffffffffu, 0xffffffffu, 64), idxLabels(10, 10), 2,
        "ends|past|short|truncated|bytes|count|large|dims|size");
    idx("idx-labels-mismatch", idxImages(10, 8, 8, 640), idxLabels(7, 7), 2, "label|count|images");
    idx("idx-truncated-gz", idxImages(10, 8, 8, 640), idxLabels(10, 10), 2, "ends|truncated|gzip|short|corrupt",
        true);
    {   // Cut the gzip stream itself in half.
        const std::string rel = "data/idx-truncated-gz";
        const std::string gz = gzip(idxImages(10, 8, 8, 640));
        writeBytes(g_out / rel / "t10k-images-idx3-ubyte.gz", gz.substr(0, gz.size() / 2));
    }
    idx("idx-header-only", be32(0x00000803) + be32(10), idxLabels(10, 10), 2, "ends|truncated|short|header");

    const std::string okImages = npyHeader("|u1", "(10, 8, 8)") + std::string(640, '\x20');
    const std::string okLabels = npyHeader("<i8", "(10,)") + labels;
    npy("npy-bad-magic", "NOTNUMPY" + okImages.substr(8), okLabels, 2, "not a NumPy|magic|npy");
    npy("npy-count-past-end", npyHeader("|u1", "(100000, 8, 8)") + std::string(640, '\x20'), okLabels, 2,
        "size|bytes|ends|short|needs");
    npy("npy-shape-overflow", npyHeader("|u1", "(4294967296, 4294967296, 4294967296)") + std::string(64, ' '),
        okLabels, 2, "overflow|too large|size|bytes|shape");
    npy("npy-shape-negative", npyHeader("|u1", "(-10, 8, 8)"), okLabels, 2, "shape|negative");
    npy("npy-fortran", npyHeader("|u1", "(10, 8, 8)", true) + std::string(640, ' '), okLabels, 2, "fortran|Fortran");
    npy("npy-dtype-object", npyHeader("|O", "(10, 8, 8)") + std::string(5120, ' '), okLabels, 2,
        "type|descr|dtype");
    npy("npy-dtype-complex", npyHeader("<c8", "(10, 8, 8)") + std::string(5120, ' '), okLabels, 2,
        "type|descr|dtype");
    npy("npy-header-len-past-end", std::string("\x93NUMPY\x01\x00\xff\xff{'descr'", 18), okLabels, 2,
        "header|ends|short|bytes");
    npy("npy-header-garbage", std::string("\x93NUMPY\x01\x00\x10\x00", 10) + "{{{{{{{{{{{{{{{\n", okLabels, 2,
        "header|descr|dict");
    npy("npy-version-9", npyHeader("|u1", "(10, 8, 8)", false, "\x09\x00") + std::string(640, ' '), okLabels, 2,
        "version");
    npy("npy-labels-mismatch", okImages, npyHeader("<i8", "(7,)") + int64Labels(7), 2, "label|count|images");
    npy("npy-labels-float", okImages, npyHeader("<f4", "(10,)") + std::string(40, '\0'), 2, "label|integer|type");
    npy("npy-labels-negative", okImages, npyHeader("<i8", "(10,)") + int64Labels(10, -3), 2, "label|negative|range");
    npy("npy-labels-huge", okImages, npyHeader("<i8", "(10,)") + int64Labels(10, int64_t{1} << 40), 2,
        "label|range|class");
    npy("npy-images-float-nan", npyHeader("<f4", "(10, 8, 8)") + std::string(2560, '\xff'), okLabels, 2,
        "NaN|finite|range|value");
    npy("npy-wrong-image-size", npyHeader("|u1", "(10, 5, 5)") + std::string(250, ' '), okLabels, 2,
        "input|shape|size|expects|image");
    // A literal-only reader refuses what numpy.save never writes rather than ignore it.
    npy("npy-extra-key", npyHeader("|u1", "(10, 8, 8)", false, "\x01\x00", "'evil': 1, ") + std::string(640, ' '),
        okLabels, 2, "unknown header key 'evil'");
    npy("npy-duplicate-key", npyHeader("|u1", "(10, 8, 8)", false, "\x01\x00", "'shape': (1, 8, 8), ") + std::string(640, ' '),
        okLabels, 2, "'shape' appears twice");
    npy("npy-zero-images", npyHeader("|u1", "(0, 8, 8)"), npyHeader("<i8", "(0,)"), 2, "no images|empty|0 images");
}

// ---- plans, groups, projects -------------------------------------------------------------------

void jsonCase(const std::string& name, const std::string& command, const std::string& file, const std::string& text,
              int exitStatus, const std::string& pattern)
{
    const std::string rel = "files/" + name + "/" + file;
    writeBytes(g_out / rel, text);
    expect(name, command, rel, exitStatus, pattern);
}

std::string deepJson(int depth)
{
    return std::string(static_cast<size_t>(depth), '[') + std::string(static_cast<size_t>(depth), ']');
}

void files()
{
    const std::string plan = R"({"format":"bitlens-plan","version":1,"defaults":{"scheme":"asymmetric",)"
                             R"("granularity":"per-channel","bits":4},"fold_batchnorm":false,"layers":{}})";
    jsonCase("plan-ok", "plan", "p.bitlens-plan.json", plan, 0, "");
    jsonCase("plan-not-json", "plan", "p.bitlens-plan.json", "{\"format\": \"bitlens-plan\", ", 2, "JSON");
    jsonCase("plan-array", "plan", "p.bitlens-plan.json", "[1, 2, 3]", 2, "JSON object|not a");
    jsonCase("plan-binary", "plan", "p.bitlens-plan.json", std::string("\x00\x01\xff\xfe", 4), 2, "JSON");
    jsonCase("plan-deep", "plan", "p.bitlens-plan.json", deepJson(100000), 2, "JSON|deep|nest");
    jsonCase("plan-newer", "plan", "p.bitlens-plan.json",
             R"({"format":"bitlens-plan","version":99,"defaults":{}})", 2, "newer|version 99");
    jsonCase("plan-wrong-format", "plan", "p.bitlens-plan.json", R"({"format":"bitlens-project","version":1})", 2,
             "not a|format");
    jsonCase("plan-bad-bits", "plan", "p.bitlens-plan.json",
             R"({"format":"bitlens-plan","version":1,"defaults":{"scheme":"asymmetric","granularity":"per-channel",)"
             R"("bits":99},"layers":{}})", 2, "defaults.bits: 99 is not allowed for asymmetric");
    jsonCase("plan-bad-scheme", "plan", "p.bitlens-plan.json",
             R"({"format":"bitlens-plan","version":1,"defaults":{"scheme":"magic","granularity":"per-channel",)"
             R"("bits":4},"layers":{}})", 2, "defaults.scheme: expected one of .*, got \"magic\"");
    jsonCase("plan-bad-granularity", "plan", "p.bitlens-plan.json",
             R"({"format":"bitlens-plan","version":1,"defaults":{"scheme":"asymmetric","granularity":"per-row",)"
             R"("bits":4},"layers":{}})", 2, "defaults.granularity: expected per-tensor, per-channel or per-block, got \"per-row\"");
    jsonCase("plan-unknown-layer", "plan", "p.bitlens-plan.json",
             R"({"format":"bitlens-plan","version":1,"defaults":{"scheme":"asymmetric","granularity":"per-channel",)"
             R"("bits":4},"layers":{"no.such.layer":{"bits":4,"scheme":"pow2","granularity":"per-tensor"}}})", 2,
             "no.such.layer");
    jsonCase("plan-bits-string", "plan", "p.bitlens-plan.json",
             R"({"format":"bitlens-plan","version":1,"defaults":{"scheme":"asymmetric","granularity":"per-channel",)"
             R"("bits":"four"},"layers":{}})", 2, "defaults.bits: expected an integer, got \"four\"");

    jsonCase("groups-not-json", "groups", "g.bitlens-groups.json", "not json at all", 2, "JSON");
    jsonCase("groups-newer", "groups", "g.bitlens-groups.json", R"({"format":"bitlens-groups","version":7})", 2,
             "newer|version 7");
    jsonCase("groups-index-out-of-range", "groups", "g.bitlens-groups.json",
             R"({"format":"bitlens-groups","version":1,"classes":["a","b"],"tree":{"name":"all","children":[)"
             R"({"class":0},{"class":5}]},"cut":[]})", 2, "class|range|index");
    jsonCase("groups-deep", "groups", "g.bitlens-groups.json", deepJson(100000), 2, "JSON|deep|nest");

    jsonCase("project-not-json", "project", "p.bitlens", "{{{{", 2, "JSON");
    jsonCase("project-newer", "project", "p.bitlens", R"({"format":"bitlens-project","version":42})", 2,
             "newer|version 42");
    jsonCase("project-missing-model", "project", "p.bitlens",
             R"({"format":"bitlens-project","version":1,"model":"nowhere.onnx"})", 2, "nowhere.onnx");
    jsonCase("project-model-is-folder", "project", "p.bitlens",
             R"({"format":"bitlens-project","version":1,"model":"."})", 2, "not a regular file|model");
    jsonCase("project-deep", "project", "p.bitlens", deepJson(100000), 2, "JSON|deep|nest");
    jsonCase("project-empty", "project", "p.bitlens", "", 2, "JSON|empty");
}

} // namespace

// Samples without labels, each given to `bitlens-cli compare OUTDIR/base.onnx --samples PATH --bits 4`
// (base.onnx takes one float input [1, 1, 8, 8] named "input").
void samples()
{
    const std::string header = npyHeader("<f4", "(2, 1, 1, 8, 8)");
    writeBytes(g_out / "samples/npy-ok/input.npy", header + floatBytes(ramp(128)));
    expect("samples-npy-ok", "samples", "samples/npy-ok", 0, "");
    writeBytes(g_out / "samples/npy-rank/input.npy", npyHeader("<f4", "(2, 8, 8, 1, 1, 1)") + floatBytes(ramp(128)));
    expect("samples-npy-rank", "samples", "samples/npy-rank", 2, "input\\.npy.*rank");
    writeBytes(g_out / "samples/npy-short/input.npy", header + floatBytes(ramp(100)));
    expect("samples-npy-short", "samples", "samples/npy-short", 2, "input\\.npy.*bytes of data");
    std::vector<float> nan = ramp(64);
    nan[9] = std::numeric_limits<float>::quiet_NaN();
    writeBytes(g_out / "samples/npy-nan/input.npy", npyHeader("<f4", "(1, 1, 1, 8, 8)") + floatBytes(nan));
    expect("samples-npy-nan", "samples", "samples/npy-nan", 2, "input\\.npy.*NaN");
    writeBytes(g_out / "samples/npy-dims/input.npy", npyHeader("<f4", "(2, 1, 1, 4, 4)") + floatBytes(ramp(32)));
    expect("samples-npy-dims", "samples", "samples/npy-dims", 2, "\\[1, 1, 4, 4\\].*declares");
    writeBytes(g_out / "samples/pb-garbage/test_data_set_0/input_0.pb", std::string("\xff\xff\xff\x07garbage", 11));
    expect("samples-pb-garbage", "samples", "samples/pb-garbage", 2, "input_0\\.pb.*not a valid serialized TensorProto");
    fs::create_directories(g_out / "samples/pb-missing/test_data_set_0");
    expect("samples-pb-missing", "samples", "samples/pb-missing", 2, "input_0\\.pb.*missing");
    fs::create_directories(g_out / "samples/empty");
    expect("samples-empty", "samples", "samples/empty", 2, "no samples found");
}

int main(int argc, char** argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: make_hostile_inputs OUTDIR\n");
        return 2;
    }
    g_out = fs::absolute(argv[1]);
    std::error_code ec;
    fs::remove_all(g_out, ec);
    fs::create_directories(g_out / "out");
    g_manifest.open(g_out / "manifest.tsv", std::ios::trunc);
    models();
    datasets();
    samples();
    files();
    g_manifest.close();
    if (!g_manifest) {
        std::fprintf(stderr, "make_hostile_inputs: cannot write the manifest\n");
        return 1;
    }
    std::printf("make_hostile_inputs: wrote %s\n", (g_out / "manifest.tsv").c_str());
    return 0;
}

// fuzzentry::engineGraph: the bytes describe a small graph of registered operators, built as a
// Model directly (past the loader, whose protobuf mutations rarely reach the engine's attribute
// and shape checks), then a session is created and run once. What it aims at: attribute values
// at the edges of int64 (pads, strides, dilations, axes, perm, group, kernel_shape), shape tensors
// with huge or negative entries, omitted and mistyped inputs, and every opset from 7 to 21.
#include "fuzz_entries.h"

#include "model/engine/session.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

using namespace bitlens;

namespace fuzzentry {
namespace {

// Reads the input front to back; past its end every read is 0.
class ByteReader
{
public:
    ByteReader(const uint8_t* data, size_t size) : m_data(data), m_size(size) {}

    uint8_t byte() { return m_pos < m_size ? m_data[m_pos++] : 0; }
    size_t below(size_t n) { return n ? byte() % n : 0; }
    bool done() const { return m_pos >= m_size; }

    // Small values most of the time, the edges of int64 and of the size checks otherwise.
    int64_t integer()
    {
        static constexpr std::array<int64_t, 14> kEdges{
            int64_t{1} << 31, (int64_t{1} << 31) - 1, int64_t{1} << 62, -(int64_t{1} << 62),
            std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min(), 1 << 20, -(1 << 20),
            255, 256, 65536, 1 << 30, -9, 100};
        const uint8_t b = byte();
        if (b < 0xc0)
            return static_cast<int64_t>(b % 12) - 3; // -3..8
        return kEdges[b % kEdges.size()];
    }

    float value()
    {
        static constexpr std::array<float, 8> kSpecial{0.0f, -0.0f, 1.0f, -1.0f, 1e30f, 1e-40f,
                                                       std::numeric_limits<float>::infinity(),
                                                       std::numeric_limits<float>::quiet_NaN()};
        const uint8_t b = byte();
        return b < 0xe0 ? static_cast<float>(b) / 32.0f - 3.5f : kSpecial[b % kSpecial.size()];
    }

private:
    const uint8_t* m_data;
    size_t m_size;
    size_t m_pos = 0;
};

// Attribute names the registered operators read, with the kind each usually has.
struct AttributeName
{
    const char* name;
    Attribute::Kind kind;
};
constexpr std::array<AttributeName, 99> kAttributes{{
    {"pads", Attribute::Kind::Ints}, {"strides", Attribute::Kind::Ints}, {"dilations", Attribute::Kind::Ints},
    {"kernel_shape", Attribute::Kind::Ints}, {"axes", Attribute::Kind::Ints}, {"perm", Attribute::Kind::Ints},
    {"output_padding", Attribute::Kind::Ints}, {"output_shape", Attribute::Kind::Ints}, {"starts", Attribute::Kind::Ints},
    {"ends", Attribute::Kind::Ints}, {"shape", Attribute::Kind::Ints}, {"axis", Attribute::Kind::Int},
    {"group", Attribute::Kind::Int}, {"keepdims", Attribute::Kind::Int}, {"transA", Attribute::Kind::Int},
    {"transB", Attribute::Kind::Int}, {"ceil_mode", Attribute::Kind::Int}, {"count_include_pad", Attribute::Kind::Int},
    {"to", Attribute::Kind::Int}, {"allowzero", Attribute::Kind::Int}, {"start", Attribute::Kind::Int},
    {"end", Attribute::Kind::Int}, {"alpha", Attribute::Kind::Float}, {"beta", Attribute::Kind::Float},
    {"epsilon", Attribute::Kind::Float}, {"min", Attribute::Kind::Float}, {"max", Attribute::Kind::Float},
    {"auto_pad", Attribute::Kind::String}, {"mode", Attribute::Kind::String},
    {"coordinate_transformation_mode", Attribute::Kind::String}, {"split", Attribute::Kind::Ints},
    {"num_outputs", Attribute::Kind::Int}, {"blocksize", Attribute::Kind::Int}, {"upper", Attribute::Kind::Int},
    {"k", Attribute::Kind::Int}, {"batch_dims", Attribute::Kind::Int}, {"exclusive", Attribute::Kind::Int},
    {"reverse", Attribute::Kind::Int}, {"largest", Attribute::Kind::Int}, {"select_last_index", Attribute::Kind::Int},
    {"noop_with_empty_axes", Attribute::Kind::Int}, {"ignore_index", Attribute::Kind::Int}, {"fmod", Attribute::Kind::Int},
    {"detect_negative", Attribute::Kind::Int}, {"dtype", Attribute::Kind::Int}, {"lambd", Attribute::Kind::Float},
    {"bias", Attribute::Kind::Float}, {"direction", Attribute::Kind::String}, {"reduction", Attribute::Kind::String},
    {"approximate", Attribute::Kind::String},
    // Signal processing, detection, text n-grams.
    {"inverse", Attribute::Kind::Int}, {"onesided", Attribute::Kind::Int}, {"periodic", Attribute::Kind::Int},
    {"output_datatype", Attribute::Kind::Int}, {"center_point_box", Attribute::Kind::Int},
    {"min_gram_length", Attribute::Kind::Int}, {"max_gram_length", Attribute::Kind::Int},
    {"max_skip_count", Attribute::Kind::Int}, {"ngram_counts", Attribute::Kind::Ints},
    {"ngram_indexes", Attribute::Kind::Ints}, {"pool_int64s", Attribute::Kind::Ints}, {"weights", Attribute::Kind::Floats},
    {"pool_strings", Attribute::Kind::Strings},
    // Einsum, Unique, ReverseSequence, LRN, Dropout.
    {"equation", Attribute::Kind::String}, {"sorted", Attribute::Kind::Int}, {"batch_axis", Attribute::Kind::Int},
    {"time_axis", Attribute::Kind::Int}, {"size", Attribute::Kind::Int}, {"seed", Attribute::Kind::Int},
    {"ratio", Attribute::Kind::Float},
    // Recurrent layers.
    {"hidden_size", Attribute::Kind::Int}, {"activations", Attribute::Kind::Strings},
    {"activation_alpha", Attribute::Kind::Floats}, {"activation_beta", Attribute::Kind::Floats},
    {"clip", Attribute::Kind::Float}, {"layout", Attribute::Kind::Int}, {"input_forget", Attribute::Kind::Int},
    {"linear_before_reset", Attribute::Kind::Int},
    // Quantized integers, BatchNormalization training mode.
    {"block_size", Attribute::Kind::Int}, {"output_dtype", Attribute::Kind::Int}, {"saturate", Attribute::Kind::Int},
    {"training_mode", Attribute::Kind::Int}, {"momentum", Attribute::Kind::Float},
    // Resize/Upsample, MaxPool indices, GridSample, RoiAlign.
    {"nearest_mode", Attribute::Kind::String}, {"cubic_coeff_a", Attribute::Kind::Float},
    {"exclude_outside", Attribute::Kind::Int}, {"extrapolation_value", Attribute::Kind::Float},
    {"antialias", Attribute::Kind::Int}, {"keep_aspect_ratio_policy", Attribute::Kind::String},
    {"scales", Attribute::Kind::Floats}, {"storage_order", Attribute::Kind::Int}, {"padding_mode", Attribute::Kind::String},
    {"align_corners", Attribute::Kind::Int}, {"output_height", Attribute::Kind::Int}, {"output_width", Attribute::Kind::Int},
    {"sampling_ratio", Attribute::Kind::Int}, {"spatial_scale", Attribute::Kind::Float},
    // Group/instance/Lp normalisation, Lp pooling; Pad's wrap mode.
    {"num_groups", Attribute::Kind::Int}, {"p", Attribute::Kind::Int},
}};
constexpr std::array<const char*, 55> kStrings{
    "NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID", "constant", "reflect", "edge", "nearest", "linear", "LEFT", "RIGHT",
    "DCR", "CRD", "none", "sum", "mean", "add", "max", "tanh", "TF", "IDF", "TFIDF", "forward", "reverse",
    "bidirectional", "Sigmoid", "Relu", "Tanh", "ij,jk->ik", "...ii->...i", "bij,bjk->bik", "i,i", "ij->ji", "ii",
    "cubic", "bilinear", "bicubic", "zeros", "border", "reflection", "half_pixel", "pytorch_half_pixel",
    "align_corners", "asymmetric", "tf_crop_and_resize", "half_pixel_symmetric", "round_prefer_ceil", "floor", "ceil",
    "stretch", "not_larger", "not_smaller", "avg", "output_half_pixel", "wrap"};

std::vector<int64_t> smallDims(ByteReader& in, size_t maxRank)
{
    std::vector<int64_t> dims(in.below(maxRank + 1));
    for (int64_t& d : dims)
        d = static_cast<int64_t>(in.below(6)); // 0..5: zero-sized axes included
    return dims;
}

std::shared_ptr<const Tensor> constantTensor(ByteReader& in, const std::string& name)
{
    auto t = std::make_shared<Tensor>();
    t->name = name;
    const bool integer = in.below(2) == 0;
    t->type = integer ? DataType::Int64 : DataType::Float;
    t->dims = smallDims(in, 4);
    int64_t n = 1;
    for (int64_t d : t->dims)
        n *= d;
    for (int64_t i = 0; i < n; ++i) {
        if (integer)
            t->ints.push_back(in.integer());
        else
            t->floats.push_back(in.value());
    }
    return t;
}

Attribute attribute(ByteReader& in)
{
    const AttributeName& an = kAttributes[in.below(kAttributes.size())];
    Attribute a;
    a.name = an.name;
    // Mostly the kind the operators expect; sometimes another, which they must refuse or ignore.
    a.kind = in.below(8) == 0 ? static_cast<Attribute::Kind>(in.below(8)) : an.kind;
    switch (a.kind) {
    case Attribute::Kind::Int: a.i = in.integer(); break;
    case Attribute::Kind::Float: a.f = in.value(); break;
    case Attribute::Kind::String: a.s = kStrings[in.below(kStrings.size())]; break;
    case Attribute::Kind::Ints:
        for (size_t k = in.below(7); k > 0; --k)
            a.ints.push_back(in.integer());
        break;
    case Attribute::Kind::Floats:
        for (size_t k = in.below(5); k > 0; --k)
            a.floats.push_back(in.value());
        break;
    case Attribute::Kind::Strings:
        for (size_t k = in.below(4); k > 0; --k)
            a.strings.push_back(kStrings[in.below(kStrings.size())]);
        break;
    default: break;
    }
    return a;
}

void dump(const Model& m)
{
    std::fprintf(stderr, "opset %lld, x %s\n", static_cast<long long>(m.defaultOpset), shapeString(m.inputs[0].dims).c_str());
    for (const auto& [name, t] : m.constants) {
        std::string values;
        for (size_t i = 0; i < std::min<size_t>(8, t->isFloat() ? t->floats.size() : t->ints.size()); ++i)
            values += (i ? ", " : "") + (t->isFloat() ? std::to_string(t->floats[i]) : std::to_string(t->ints[i]));
        std::fprintf(stderr, "constant %s %s %s {%s}\n", name.c_str(), t->isFloat() ? "float" : "int64",
                     shapeString(t->dims).c_str(), values.c_str());
    }
    for (const Node& n : m.nodes) {
        std::string text = n.name + " = " + n.opType + "(";
        for (const std::string& in : n.inputs)
            text += (in.empty() ? "<none>" : in) + ",";
        text += ") ->";
        for (const std::string& out : n.outputs)
            text += " " + out;
        for (const Attribute& a : n.attributes)
            text += " " + a.name + "=" + (a.kind == Attribute::Kind::Int ? std::to_string(a.i)
                                          : a.kind == Attribute::Kind::Ints ? shapeString(a.ints)
                                          : a.kind == Attribute::Kind::Float ? std::to_string(a.f)
                                          : a.kind == Attribute::Kind::String ? a.s : std::string("?"));
        std::fprintf(stderr, "%s\n", text.c_str());
    }
}

} // namespace

void engineGraph(const uint8_t* data, size_t size)
{
    // Small enough that the fuzzers' 2 GiB RSS limit is never the finding.
    engine::setMaxTensorElements(int64_t{1} << 22);
    engine::setMaxOperatorWork(int64_t{1} << 22); // a 7-D conv at 2^26 took 80 s under ASan + UBSan
    static const std::vector<std::string> ops = engine::supportedOperators();
    ByteReader in(data, size);

    auto model = std::make_shared<Model>();
    model->path = "fuzz-graph.onnx";
    model->irVersion = 8;
    model->defaultOpset = 7 + static_cast<int64_t>(in.below(15)); // 7..21
    model->opsets = {{"", model->defaultOpset}};

    ValueInfo x;
    x.name = "x";
    x.type = DataType::Float;
    x.dims = smallDims(in, 5);
    for (int64_t& d : x.dims)
        d = std::max<int64_t>(d, 1);
    model->inputs.push_back(x);
    std::vector<std::string> values{"x"};

    for (size_t c = in.below(4); c > 0; --c) {
        const std::string name = "c" + std::to_string(c);
        model->constants[name] = constantTensor(in, name);
        values.push_back(name);
    }
    for (size_t k = 1 + in.below(5); k > 0 && !in.done(); --k) {
        Node n;
        n.name = "n" + std::to_string(model->nodes.size());
        n.opType = ops[in.below(ops.size())];
        if (n.opType == "Constant")
            continue; // the loader folds Constant nodes; a session never runs one
        for (size_t i = 1 + in.below(4); i > 0; --i)
            n.inputs.push_back(in.below(6) == 0 ? std::string() : values[in.below(values.size())]);
        for (size_t o = 1 + in.below(2); o > 0; --o) {
            n.outputs.push_back(n.name + "_" + std::to_string(o));
            values.push_back(n.outputs.back());
        }
        for (size_t a = in.below(5); a > 0; --a)
            n.attributes.push_back(attribute(in));
        model->nodes.push_back(std::move(n));
    }
    if (model->nodes.empty())
        return;
    ValueInfo y;
    y.name = model->nodes.back().outputs.front();
    model->outputs.push_back(y);

    if (std::getenv("BITLENS_FUZZ_DUMP")) // what an input means, to turn a finding into a test
        dump(*model);
    auto session = engine::Session::create(model);
    if (!session)
        return;
    Tensor input;
    input.type = DataType::Float;
    input.dims = x.dims;
    int64_t count = 1;
    for (int64_t d : x.dims)
        count *= d;
    for (int64_t i = 0; i < count; ++i)
        input.floats.push_back(static_cast<float>(i % 7) - 3.0f);
    (void)(*session)->run({input});
}

} // namespace fuzzentry

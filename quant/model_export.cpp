#include "model_export.h"

#include "apply_plan.h"
#include "layer_stats.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"

#include <model/onnx_writer.h>

#include <QJsonDocument>

#include <cmath>

namespace bitlens {

Result<bool> exportFakeQuant(const Model& model, const std::vector<WeightLayer>& layers, const Plan& plan,
                             const std::string& outPath)
{
    if (plan.foldBatchNorm)
        return fail(outPath + ": a plan with BatchNorm folded changes the graph; exporting it is not supported");
    OnnxWriteOptions options;
    options.constants = quantizedWeights(plan, layers);
    // The plan as one line of JSON, so the file says how it was made.
    options.metadata.emplace_back("bitlens.plan",
                                  QJsonDocument::fromJson(planJson(plan)).toJson(QJsonDocument::Compact).toStdString());
    return writeModelWithConstants(model, options, outPath);
}

namespace {

Tensor namedTensor(const std::string& name, DataType type, std::vector<int64_t> dims)
{
    Tensor t;
    t.name = name;
    t.type = type;
    t.dims = std::move(dims);
    const int64_t n = t.elementCount();
    if (type == DataType::Float)
        t.floats.assign(static_cast<size_t>(n), 0.0f);
    else
        t.ints.assign(static_cast<size_t>(n), 0);
    return t;
}

// DequantizeLinear inputs for a uniform scheme: x^ = (stored - zp) * scale per group.
ConstantSubgraph dequantizeLinear(const WeightLayer& l, const QuantSpec& s, const QuantizedTensor& q, int64_t channels,
                                  int64_t inner)
{
    const bool asym = s.scheme == Scheme::Asymmetric;
    const DataType type = asym ? DataType::UInt8 : DataType::Int8;
    const bool perChannel = s.granularity == Granularity::PerChannel;
    const std::vector<int64_t> paramDims = perChannel ? std::vector<int64_t>{channels} : std::vector<int64_t>{};
    Tensor stored = namedTensor(l.name + "_quantized", type, l.tensor->dims);
    Tensor scale = namedTensor(l.name + "_scale", DataType::Float, paramDims);
    Tensor zero = namedTensor(l.name + "_zero_point", type, paramDims);
    const size_t groups = q.scales.size();
    std::vector<int64_t> shift(groups, 0); // subtracted from a code to give the stored integer
    std::vector<int> passValue(groups, 0);  // pass-through groups: the stored integer for every element
    for (size_t g = 0; g < groups; ++g) {
        if (q.scales[g] != 0) { // negative for ggml Q4_0 (d = m/-8)
            scale.floats[g] = static_cast<float>(q.scales[g]);
            if (asym)
                zero.ints[g] = static_cast<int64_t>(q.zeroPoints[g]);
            else
                shift[g] = static_cast<int64_t>(q.zeroPoints[g]); // offset binary -> signed
            continue;
        }
        // A constant group v (kept as it is): one integer and a scale that give v exactly.
        const float v = q.levels[q.levelStart[g]].value;
        scale.floats[g] = v == 0 ? 1.0f : std::fabs(v);
        if (asym) {
            passValue[g] = v > 0 ? 1 : 0;
            zero.ints[g] = v < 0 ? 1 : 0;
        } else {
            passValue[g] = v > 0 ? 1 : (v < 0 ? -1 : 0);
        }
    }
    for (size_t i = 0; i < q.codes.size(); ++i) {
        const size_t g = perChannel ? static_cast<size_t>((static_cast<int64_t>(i) / inner) % channels) : 0;
        stored.ints[i] = q.scales[g] != 0 ? static_cast<int64_t>(q.codes[i]) - shift[g] : passValue[g];
    }
    ConstantSubgraph sub;
    OnnxNode node{l.name + "_dequantize", "DequantizeLinear", {stored.name, scale.name, zero.name}, {l.name}, {}};
    if (perChannel)
        node.intAttributes.emplace_back("axis", l.axis);
    sub.initializers = {std::move(stored), std::move(scale), std::move(zero)};
    sub.nodes.push_back(std::move(node));
    return sub;
}

// Codes, Cast, (per channel: + channel * 2^n), Gather from the codebook: the levels of each group.
ConstantSubgraph codebookGather(const WeightLayer& l, const QuantSpec& s, const QuantizedTensor& q, int64_t channels)
{
    const bool perChannel = s.granularity == Granularity::PerChannel;
    const int64_t levels = int64_t{1} << s.bits;
    const int64_t books = perChannel ? channels : 1;
    Tensor codes = namedTensor(l.name + "_codes", DataType::UInt8, l.tensor->dims);
    for (size_t i = 0; i < q.codes.size(); ++i)
        codes.ints[i] = q.codes[i];
    Tensor codebook = namedTensor(l.name + "_codebook", DataType::Float, {books * levels});
    for (size_t g = 0; g + 1 < q.levelStart.size(); ++g)
        for (size_t k = q.levelStart[g]; k < q.levelStart[g + 1]; ++k)
            codebook.floats[static_cast<size_t>(static_cast<int64_t>(g) * levels + q.levels[k].code)] = q.levels[k].value;
    ConstantSubgraph sub;
    const std::string index = l.name + "_index";
    sub.nodes.push_back({l.name + "_cast", "Cast", {codes.name}, {index}, {{"to", 7}}}); // INT64
    std::string gatherIndex = index;
    if (perChannel) {
        // Offsets shaped to broadcast along the channel axis: [1, .., C, .., 1].
        std::vector<int64_t> dims(l.tensor->dims.size(), 1);
        dims[static_cast<size_t>(l.axis)] = channels;
        Tensor offsets = namedTensor(l.name + "_codebook_offset", DataType::Int64, dims);
        for (int64_t c = 0; c < channels; ++c)
            offsets.ints[static_cast<size_t>(c)] = c * levels;
        gatherIndex = l.name + "_index_in_codebook";
        sub.nodes.push_back({l.name + "_offset", "Add", {index, offsets.name}, {gatherIndex}, {}});
        sub.initializers.push_back(std::move(offsets));
    }
    sub.nodes.push_back({l.name + "_gather", "Gather", {codebook.name, gatherIndex}, {l.name}, {{"axis", 0}}});
    sub.initializers.push_back(std::move(codes));
    sub.initializers.push_back(std::move(codebook));
    return sub;
}

} // namespace

Result<bool> exportQdq(const Model& model, const std::vector<WeightLayer>& layers, const Plan& plan, const std::string& outPath)
{
    if (plan.foldBatchNorm)
        return fail(outPath + ": a plan with BatchNorm folded changes the graph; exporting it is not supported");
    OnnxWriteOptions options;
    options.minOpset = 13; // per-axis DequantizeLinear
    options.metadata.emplace_back("bitlens.plan",
                                  QJsonDocument::fromJson(planJson(plan)).toJson(QJsonDocument::Compact).toStdString());
    for (const WeightLayer& l : layers) {
        const QuantSpec s = plan.specFor(l.name);
        if (s.bits == kFp32Bits || !nonFiniteWarning(l.name, l.tensor->floats).empty())
            continue; // FP32, as in the model
        // No 8-bit container, or per block (no blocked form before opset 21): stored as x^.
        if (s.bits > 8 || s.granularity == Granularity::PerBlock) {
            options.constants[l.name] = quantizedWeight(l, s);
            continue;
        }
        const QuantizedTensor q = quantizeLayer(l, s, OutputCodes);
        const int64_t channels = l.channels();
        int64_t inner = 1;
        for (size_t d = static_cast<size_t>(l.axis) + 1; d < l.tensor->dims.size(); ++d)
            inner *= l.tensor->dims[d];
        ConstantSubgraph sub = schemeDescriptor(s.scheme).uniform ? dequantizeLinear(l, s, q, channels, inner)
                                                                   : codebookGather(l, s, q, channels);
        // A float16/bfloat16/float64 weight: DequantizeLinear and Gather give float32, so a Cast hands
        // the consumer the type the graph was written for (ONNX Runtime refuses mixed types).
        if (l.tensor->type != DataType::Float && l.tensor->isFloat()) {
            const std::string asFloat = l.name + "_float32";
            sub.nodes.back().outputs = {asFloat};
            sub.nodes.push_back({l.name + "_cast", "Cast", {asFloat}, {l.name}, {{"to", static_cast<int64_t>(l.tensor->type)}}});
        }
        options.computed[l.name] = std::move(sub);
    }
    return writeModelWithConstants(model, options, outPath);
}

} // namespace bitlens

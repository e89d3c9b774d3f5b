#include "stats_json.h"

#include <quant/scheme_registry.h>

#include <QJsonArray>

#include <cmath>

namespace bitlens {
namespace {

QString qs(const std::string& s) { return QString::fromStdString(s); }
QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

// null means "exact" (DESIGN.md); JSON has no Inf/NaN, so those become strings and are never
// mistaken for an exact result.
QJsonValue number(std::optional<double> v)
{
    if (!v)
        return QJsonValue(QJsonValue::Null);
    if (std::isnan(*v))
        return QStringLiteral("nan");
    if (std::isinf(*v))
        return *v > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    return *v;
}

QJsonArray shapeJson(const std::vector<int64_t>& dims)
{
    QJsonArray a;
    for (int64_t d : dims)
        a.append(static_cast<qint64>(d));
    return a;
}

} // namespace

void insertSpecJson(QJsonObject& o, const QuantSpec& spec)
{
    o[QStringLiteral("scheme")] = qs(schemeName(spec.scheme));
    o[QStringLiteral("granularity")] = qs(granularityName(spec.granularity));
    o[QStringLiteral("bits")] = spec.bits;
    if (spec.granularity == Granularity::PerBlock)
        o[QStringLiteral("block")] = spec.block;
    if (spec.scale != ScaleEncoding::Fp32)
        o[QStringLiteral("scale")] = qs(scaleEncodingName(spec.scale));
    if (auto f = formatName(spec))
        o[QStringLiteral("format")] = qs(*f);
}

QJsonObject statsRowJson(const StatsRow& r)
{
    QJsonObject o;
    insertSpecJson(o, r.spec);
    o[QStringLiteral("sqnr_db")] = number(r.error.sqnrDb);
    o[QStringLiteral("mse")] = number(r.error.mse);
    o[QStringLiteral("max_abs_error")] = number(r.error.maxAbsError);
    o[QStringLiteral("cosine")] = number(r.error.cosine);
    o[QStringLiteral("range_coverage")] = number(r.rangeCoverage);
    o[QStringLiteral("level_utilization")] = number(r.levelUtilization);
    o[QStringLiteral("entropy_efficiency")] = number(r.entropyEfficiency);
    o[QStringLiteral("density_fidelity")] = number(r.densityFidelity);
    o[QStringLiteral("sqnr_efficiency")] = number(r.sqnrEfficiency);
    o[QStringLiteral("code_bits")] = static_cast<qint64>(r.codeBits);
    o[QStringLiteral("overhead_bits")] = static_cast<qint64>(r.overheadBits);
    o[QStringLiteral("bits_per_weight")] = number(r.bitsPerWeight);
    auto bytes = [](std::optional<int64_t> v) {
        return v ? QJsonValue(static_cast<qint64>(*v)) : QJsonValue(QJsonValue::Null);
    };
    o[QStringLiteral("zstd_bytes")] = bytes(r.zstdBytes);
    o[QStringLiteral("zlib_bytes")] = bytes(r.zlibBytes);
    o[QStringLiteral("entropy_bound_bits")] = number(r.entropyBoundBits);
    o[QStringLiteral("effective_bits")] =
        r.effectiveBits ? QJsonValue(*r.effectiveBits) : QJsonValue(QJsonValue::Null);
    return o;
}

QJsonObject modelTotalsJson(const ModelTotals& t)
{
    auto bytes = [](std::optional<int64_t> v) {
        return v ? QJsonValue(static_cast<qint64>(*v)) : QJsonValue(QJsonValue::Null);
    };
    QJsonObject o;
    insertSpecJson(o, t.spec);
    o[QStringLiteral("weights")] = static_cast<qint64>(t.weights);
    o[QStringLiteral("fp32_bits")] = static_cast<qint64>(t.fp32Bits);
    o[QStringLiteral("code_bits")] = static_cast<qint64>(t.codeBits);
    o[QStringLiteral("overhead_bits")] = static_cast<qint64>(t.overheadBits);
    o[QStringLiteral("bits_per_weight")] =
        t.weights > 0 ? number(static_cast<double>(t.codeBits + t.overheadBits) / static_cast<double>(t.weights)) : QJsonValue(QJsonValue::Null);
    o[QStringLiteral("zstd_bytes")] = bytes(t.zstdBytes);
    o[QStringLiteral("zlib_bytes")] = bytes(t.zlibBytes);
    o[QStringLiteral("entropy_bound_bits")] = number(t.entropyBoundBits);
    return o;
}

QJsonObject layerStatsJson(const LayerStats& l)
{
    QJsonObject o;
    o[QStringLiteral("name")] = qs(l.name);
    o[QStringLiteral("node")] = qs(l.nodeName);
    o[QStringLiteral("op")] = qs(l.op);
    o[QStringLiteral("shape")] = shapeJson(l.shape);
    o[QStringLiteral("axis")] = l.axis;
    QJsonArray rows;
    for (const StatsRow& r : l.rows)
        rows.append(statsRowJson(r));
    o[QStringLiteral("results")] = rows;
    QJsonArray warnings;
    for (const std::string& w : l.warnings)
        warnings.append(qs(w));
    o[QStringLiteral("warnings")] = warnings;
    return o;
}

QJsonObject modelInfoJson(const Model& model, const ModelSummary& s)
{
    auto valueInfos = [](const std::vector<ValueInfo>& list) {
        QJsonArray a;
        for (const ValueInfo& v : list) {
            QJsonArray dims;
            for (size_t i = 0; i < v.dims.size(); ++i)
                dims.append(v.dims[i] >= 0 ? QJsonValue(static_cast<qint64>(v.dims[i]))
                                           : QJsonValue(qs(v.dimParams[i].empty() ? std::string("?") : v.dimParams[i])));
            a.append(QJsonObject{{QStringLiteral("name"), qs(v.name)},
                                 {QStringLiteral("type"), qs(dataTypeName(v.type))},
                                 {QStringLiteral("shape"), dims}});
        }
        return a;
    };
    QJsonObject o;
    o[QStringLiteral("file")] = qs(model.path.string());
    o[QStringLiteral("ir_version")] = static_cast<qint64>(model.irVersion);
    o[QStringLiteral("producer")] = qs(model.producerName + (model.producerVersion.empty() ? "" : " " + model.producerVersion));
    QJsonArray opsets;
    for (const auto& [domain, version] : model.opsets)
        opsets.append(QJsonObject{{QStringLiteral("domain"), qs(domain.empty() ? std::string("ai.onnx") : domain)},
                                  {QStringLiteral("version"), static_cast<qint64>(version)}});
    o[QStringLiteral("opsets")] = opsets;
    o[QStringLiteral("inputs")] = valueInfos(model.inputs);
    o[QStringLiteral("outputs")] = valueInfos(model.outputs);
    QJsonObject meta;
    for (const auto& [k, v] : model.metadata)
        meta[qs(k)] = qs(v);
    o[QStringLiteral("metadata")] = meta;
    QJsonArray layers;
    for (const WeightLayer& l : s.layers)
        layers.append(QJsonObject{{QStringLiteral("name"), qs(l.name)},
                                  {QStringLiteral("node"), qs(l.nodePath())},
                                  {QStringLiteral("storage"), qs(l.storage)},
                                  {QStringLiteral("op"), qs(l.op)},
                                  {QStringLiteral("shape"), shapeJson(l.tensor->dims)},
                                  {QStringLiteral("axis"), l.axis},
                                  {QStringLiteral("through"), qs(l.through)},
                                  {QStringLiteral("parameters"), static_cast<qint64>(l.parameters())}});
    o[QStringLiteral("layers")] = layers;
    QJsonArray notAnalysed, precision;
    for (const std::string& why : s.notAnalysed)
        notAnalysed.append(qs(why));
    for (const std::string& note : s.precisionNotes)
        precision.append(qs(note));
    o[QStringLiteral("not_analysed")] = notAnalysed;
    o[QStringLiteral("precision")] = precision;
    QJsonObject ops;
    for (const auto& [op, count] : s.opHistogram)
        ops[qs(op)] = static_cast<qint64>(count);
    o[QStringLiteral("op_histogram")] = ops;
    o[QStringLiteral("nodes")] = static_cast<qint64>(s.nodeCount);
    o[QStringLiteral("subgraphs")] = static_cast<qint64>(s.subgraphCount);
    o[QStringLiteral("weight_parameters")] = static_cast<qint64>(s.weightParameters);
    o[QStringLiteral("float_constant_parameters")] = static_cast<qint64>(s.constantParameters);
    return o;
}

} // namespace bitlens

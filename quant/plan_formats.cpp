#include "plan_formats.h"

#include "layer_stats.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cmath>
#include <optional>

namespace bitlens {

namespace {

// Per group: x^ = (c - zeroPoint) * scale for unsigned codes c in 0..2^n-1 (constant groups get a
// scale and zero point that give their value exactly).
struct UniformGroup
{
    double scale = 1;
    double zeroPoint = 0;
};

struct UniformLayer
{
    std::vector<UniformGroup> groups;
    bool symmetric = false; // zero point 2^(n-1) in every group: signed codes around 0
};

// nullopt with *reason when the layer stays float in the other tool.
std::optional<UniformLayer> uniformLayer(const WeightLayer& l, const QuantSpec& s, std::string* reason)
{
    if (s.bits == kFp32Bits) {
        *reason = "FP32 in the plan";
        return std::nullopt;
    }
    if (!nonFiniteWarning(l.name, l.tensor->floats).empty()) {
        *reason = "NaN or Inf in the weights";
        return std::nullopt;
    }
    if (!schemeDescriptor(s.scheme).uniform) {
        *reason = std::string(schemeName(s.scheme)) + " levels are not evenly spaced";
        return std::nullopt;
    }
    if (s.scheme != Scheme::Asymmetric && s.scheme != Scheme::Symmetric && s.scheme != Scheme::Dfxp) {
        *reason = std::string(schemeName(s.scheme)) + " has no equivalent there";
        return std::nullopt;
    }
    if (s.granularity == Granularity::PerBlock) {
        *reason = "per-block granularity has no equivalent there";
        return std::nullopt;
    }
    const QuantizedTensor q = quantizeLayer(l, s, OutputStatsOnly);
    UniformLayer u;
    u.symmetric = s.scheme != Scheme::Asymmetric;
    const double half = std::ldexp(1.0, s.bits - 1);
    for (size_t g = 0; g < q.scales.size(); ++g) {
        if (q.scales[g] > 0) {
            u.groups.push_back({q.scales[g], q.zeroPoints[g]});
            continue;
        }
        // A constant group v: the code that gives v with scale |v|.
        const double v = q.levels[q.levelStart[g]].value;
        const double scale = v == 0 ? 1 : std::fabs(v);
        if (u.symmetric)
            u.groups.push_back({scale, half}); // codes half +- 1 give +-v
        else
            u.groups.push_back({scale, v < 0 ? 1.0 : 0.0}); // code 0 or 1
    }
    return u;
}

QString ortType(const QuantSpec& s)
{
    const int container = s.bits <= 4 ? 4 : (s.bits <= 8 ? 8 : 16);
    return QStringLiteral("%1Int%2").arg(s.scheme == Scheme::Asymmetric ? QStringLiteral("QU") : QStringLiteral("Q")).arg(container);
}

QString node(const WeightLayer& l) { return QString::fromStdString(l.nodeName); }

QJsonValue planObject(const Plan& plan) { return QJsonDocument::fromJson(planJson(plan)).object(); }

// The layers both configs can express, and those they leave in float with the reason.
struct LayerSplit
{
    std::vector<std::pair<const WeightLayer*, UniformLayer>> uniform;
    std::vector<std::pair<const WeightLayer*, std::string>> inFloat;
};

LayerSplit splitLayers(const std::vector<WeightLayer>& layers, const Plan& plan)
{
    LayerSplit split;
    for (const WeightLayer& l : layers) {
        std::string reason;
        if (auto u = uniformLayer(l, plan.specFor(l.name), &reason))
            split.uniform.emplace_back(&l, std::move(*u));
        else
            split.inFloat.emplace_back(&l, reason);
    }
    return split;
}

// Node names of the layers left in float (a layer whose node has no name cannot be named).
QJsonArray floatNodes(const LayerSplit& split)
{
    QJsonArray nodes;
    for (const auto& [l, reason] : split.inFloat)
        if (!l->nodeName.empty())
            nodes.append(node(*l));
    return nodes;
}

} // namespace

QJsonObject ortQuantizerConfig(const std::vector<WeightLayer>& layers, const Plan& plan)
{
    const LayerSplit split = splitLayers(layers, plan);
    QJsonArray leftInFloat;
    for (const auto& [l, reason] : split.inFloat)
        leftInFloat.append(QJsonObject{{QStringLiteral("layer"), QString::fromStdString(l->name)},
                                       {QStringLiteral("node"), node(*l)},
                                       {QStringLiteral("reason"), QString::fromStdString(reason)}});
    QJsonObject overrides;
    for (const auto& [l, u] : split.uniform) {
        const QuantSpec s = plan.specFor(l->name);
        QJsonArray entries;
        for (size_t g = 0; g < u.groups.size(); ++g) {
            // Signed containers: the code's offset binary is undone, so the zero point is 0.
            const double zero = u.symmetric ? u.groups[g].zeroPoint - std::ldexp(1.0, s.bits - 1) : u.groups[g].zeroPoint;
            QJsonObject e{{QStringLiteral("quant_type"), ortType(s)},
                          {QStringLiteral("scale"), u.groups[g].scale},
                          {QStringLiteral("zero_point"), static_cast<qint64>(std::llround(zero))}};
            if (g == 0 && s.granularity == Granularity::PerChannel)
                e.insert(QStringLiteral("axis"), l->axis);
            entries.append(e);
        }
        overrides.insert(QString::fromStdString(l->name), entries);
    }
    return QJsonObject{{QStringLiteral("nodes_to_exclude"), floatNodes(split)},
                       {QStringLiteral("extra_options"), QJsonObject{{QStringLiteral("TensorQuantOverrides"), overrides}}},
                       {QStringLiteral("bitlens"), QJsonObject{{QStringLiteral("plan"), planObject(plan)},
                                                               {QStringLiteral("left_in_float"), leftInFloat}}}};
}

QJsonObject aimetEncodings(const std::vector<WeightLayer>& layers, const Plan& plan)
{
    const LayerSplit split = splitLayers(layers, plan);
    QJsonObject params;
    for (const auto& [l, u] : split.uniform) {
        const QuantSpec s = plan.specFor(l->name);
        const double levels = std::ldexp(1.0, s.bits) - 1;
        QJsonArray entries;
        for (const UniformGroup& g : u.groups) {
            const double offset = -g.zeroPoint;
            entries.append(QJsonObject{{QStringLiteral("bitwidth"), s.bits},
                                       {QStringLiteral("dtype"), QStringLiteral("int")},
                                       {QStringLiteral("is_symmetric"), u.symmetric ? QStringLiteral("True") : QStringLiteral("False")},
                                       {QStringLiteral("scale"), g.scale},
                                       {QStringLiteral("offset"), static_cast<qint64>(std::llround(offset))},
                                       {QStringLiteral("min"), offset * g.scale},
                                       {QStringLiteral("max"), (offset + levels) * g.scale}});
        }
        params.insert(QString::fromStdString(l->name), entries);
    }
    return QJsonObject{{QStringLiteral("version"), QStringLiteral("0.6.1")},
                       {QStringLiteral("activation_encodings"), QJsonObject{}},
                       {QStringLiteral("param_encodings"), params},
                       {QStringLiteral("excluded_layers"), floatNodes(split)}};
}

} // namespace bitlens

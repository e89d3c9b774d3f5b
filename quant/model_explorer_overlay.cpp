#include "model_explorer_overlay.h"

#include "layer_stats.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"

#include <QJsonArray>

#include <cmath>
#include <map>
#include <optional>

namespace bitlens {

std::vector<OverlayTarget> overlayTargets(const Model& model, const std::vector<WeightLayer>& layers)
{
    std::map<std::string, const WeightLayer*> byName;
    for (const WeightLayer& l : layers)
        byName.emplace(l.name, &l);
    // The consumer findWeightLayers chose: the first node of the layer's op and node name whose
    // weight input (index 1) resolves, through Identity, Transpose, Cast or Reshape nodes, to the
    // layer's constant.
    const ConstantResolver resolver(model);
    std::map<std::string, const Node*> consumer;
    for (const Node& n : model.nodes) {
        if (n.inputs.size() < 2)
            continue;
        const auto trace = resolver.trace(n.inputs[1]);
        if (!trace)
            continue;
        const std::string& source = trace->source;
        const auto it = byName.find(source);
        if (it == byName.end() || consumer.count(source) || n.opType != it->second->op ||
            n.name != it->second->nodeName)
            continue;
        consumer.emplace(source, &n);
    }
    std::vector<OverlayTarget> targets;
    for (const WeightLayer& l : layers) {
        const auto it = consumer.find(l.name);
        if (it == consumer.end())
            continue;
        const Node& n = *it->second;
        targets.push_back({l.name, n.name, n.outputs.empty() ? std::string() : n.outputs.front()});
    }
    return targets;
}

std::string overlayKey(const OverlayTarget& target, OverlayKey key)
{
    if (key == OverlayKey::NodeName && !target.node.empty())
        return target.node;
    return target.output;
}

namespace {

// Material red, yellow and green 700. The middle stop keeps halfway values yellow rather than the
// muddy brown a straight red-to-green blend passes through.
QJsonArray gradientStops(GradientKind kind)
{
    const QString low = kind == GradientKind::HighIsGood ? QStringLiteral("#d32f2f") : QStringLiteral("#388e3c");
    const QString high = kind == GradientKind::HighIsGood ? QStringLiteral("#388e3c") : QStringLiteral("#d32f2f");
    auto stop = [](double at, const QString& colour) {
        return QJsonObject{{QStringLiteral("stop"), at}, {QStringLiteral("bgColor"), colour}};
    };
    return QJsonArray{stop(0, low), stop(0.5, QStringLiteral("#fbc02d")), stop(1, high)};
}

double roundToHundredths(double v) { return std::round(v * 100) / 100; }

} // namespace

QJsonObject modelExplorerNodeData(const std::vector<OverlayTarget>& targets, OverlayKey key,
                                  const std::string& name, const std::vector<OverlayValue>& values,
                                  GradientKind gradient)
{
    std::map<std::string, const OverlayTarget*> byLayer;
    for (const OverlayTarget& t : targets)
        byLayer.emplace(t.layer, &t);
    QJsonObject results;
    for (const OverlayValue& v : values) {
        const auto it = byLayer.find(v.layer);
        if (it == byLayer.end() || !std::isfinite(v.value)) // JSON has no NaN or Inf
            continue;
        const QString k = QString::fromStdString(overlayKey(*it->second, key));
        if (k.isEmpty() || results.contains(k))
            continue;
        results.insert(k, QJsonObject{{QStringLiteral("value"), v.value}});
    }
    // A key spelled "results" would make the viewer take the file for the graph-id form
    // ({"<graph>": {...}}); ONNX exporters do not name nodes that way, so it is not guarded.
    return QJsonObject{{QStringLiteral("name"), QString::fromStdString(name)},
                       {QStringLiteral("results"), results},
                       {QStringLiteral("gradient"), gradientStops(gradient)}};
}

std::vector<OverlayValue> planBitsValues(const std::vector<WeightLayer>& layers, const Plan& plan)
{
    std::vector<OverlayValue> values;
    for (const WeightLayer& l : layers) {
        const QuantSpec s = plan.specFor(l.name);
        const bool excluded = !nonFiniteWarning(l.name, l.tensor->floats).empty();
        values.push_back({l.name, static_cast<double>(excluded ? kFp32Bits : s.bits)});
    }
    return values;
}

// SQNR_dB = 10*log10(sum x^2 / sum (x - x^)^2) over the whole tensor (DESIGN.md "Metrics").
std::vector<OverlayValue> planSqnrValues(const std::vector<WeightLayer>& layers, const Plan& plan)
{
    std::vector<OverlayValue> values;
    for (const WeightLayer& l : layers) {
        const QuantSpec s = plan.specFor(l.name);
        if (s.bits == kFp32Bits || !nonFiniteWarning(l.name, l.tensor->floats).empty())
            continue;
        const std::optional<double> sqnr = quantizeLayer(l, s, OutputStatsOnly).error.sqnrDb;
        if (sqnr && std::isfinite(*sqnr)) // nullopt: exact
            values.push_back({l.name, roundToHundredths(*sqnr)});
    }
    return values;
}

std::vector<OverlayValue> sensitivityValues(const SensitivityReport& report)
{
    std::vector<OverlayValue> values;
    for (const LayerSensitivity& l : report.layers)
        values.push_back({l.layer, roundToHundredths(100 * l.top1Drop)});
    return values;
}


} // namespace bitlens

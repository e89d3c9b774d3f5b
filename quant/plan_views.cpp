#include "plan_views.h"

#include "layer_stats.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"
#include "storage.h"

#include <algorithm>

namespace bitlens {

double PlanSize::averageBits() const
{
    return parameters > 0 ? static_cast<double>(weightBits()) / static_cast<double>(parameters) : 0;
}

double PlanSize::fractionOfFp32() const
{
    return parameters > 0 ? static_cast<double>(weightBits()) / (32.0 * static_cast<double>(parameters)) : 0;
}

PlanSize planSize(const std::vector<PlanLayerRow>& rows)
{
    PlanSize s;
    for (const PlanLayerRow& r : rows) {
        s.parameters += r.parameters;
        s.codeBits += r.codeBits;
        s.overheadBits += r.overheadBits;
        s.zstdBytes += r.zstdBytes;
    }
    return s;
}

PlanLayerRow planLayerRow(const WeightLayer& layer, const QuantSpec& spec, bool fromDefaults)
{
    PlanLayerRow row;
    row.layer = layer.name;
    row.node = layer.nodePath();
    row.op = layer.op;
    row.shape = layer.tensor->dims;
    row.parameters = layer.parameters();
    row.spec = spec;
    row.fromDefaults = fromDefaults;
    row.excluded = !nonFiniteWarning(layer.name, layer.tensor->floats).empty();
    if (spec.bits == kFp32Bits || row.excluded) {
        // DESIGN.md "Storage": FP32 (and excluded) layers at 32 bits and their raw bytes.
        row.codeBits = 32 * row.parameters;
        row.zstdBytes = 4 * row.parameters;
        return row;
    }
    const QuantizedTensor q = quantizeLayer(layer, spec, OutputCodes);
    row.codeBits = row.parameters * spec.bits;
    row.overheadBits = q.overheadBits;
    row.zstdBytes = zstdCompressedBytes(packCodes(q.codes, spec.bits));
    row.sqnrDb = q.error.sqnrDb;
    return row;
}

SensitivityView sensitivityView(const SensitivityReport& report)
{
    SensitivityView v;
    v.spec = report.spec;
    v.images = report.images;
    v.fp32Top1 = report.fp32Top1;
    v.layers = report.layers;
    std::stable_sort(v.layers.begin(), v.layers.end(), [](const LayerSensitivity& a, const LayerSensitivity& b) {
        if (a.top1Drop != b.top1Drop)
            return a.top1Drop > b.top1Drop;
        return a.outputDistance > b.outputDistance;
    });
    return v;
}

void markParetoFront(std::vector<ParetoPoint>& points)
{
    // A point is dominated when another is no larger and more accurate, or smaller and as accurate.
    for (ParetoPoint& p : points) {
        p.onFront = true;
        for (const ParetoPoint& q : points)
            if ((q.weightBits <= p.weightBits && q.top1 > p.top1) || (q.weightBits < p.weightBits && q.top1 >= p.top1)) {
                p.onFront = false;
                break;
            }
    }
}

} // namespace bitlens

#include "layer_overview.h"

#include "error_metrics.h"
#include "layer_stats.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"

namespace bitlens {

LayerOverview layerOverview(const WeightLayer& layer, const QuantSpec& spec)
{
    LayerOverview o;
    o.name = layer.name;
    o.nodeName = layer.nodePath();
    o.op = layer.op;
    o.storage = layer.storage;
    o.shape = layer.tensor->dims;
    o.axis = layer.axis;
    o.parameters = layer.parameters();
    const std::span<const float> x = layer.tensor->floats;
    o.warning = nonFiniteWarning(layer.name, x);
    o.excluded = !o.warning.empty();
    if (o.excluded)
        return o;
    const Group g = describeGroup(x, false);
    o.min = g.min;
    o.max = g.max;
    o.stddev = g.sigma;
    // Sorted copies only for k-means (Lloyd on sorted values): the other schemes' SQNR is one
    // pass over x, and a sorted copy of a 100M-weight layer would cost its size again.
    const PreparedTensor p(x, layer.tensor->dims, layer.axis, layerGrouping(layer, spec), spec.scheme == Scheme::KMeans);
    const QuantizedTensor q = quantizeTensor(p, spec, OutputStatsOnly);
    o.sqnrDb = q.error.sqnrDb;
    if (spec.bits != kFp32Bits && o.parameters > 0)
        o.bitsPerWeight = spec.bits + static_cast<double>(q.overheadBits) / static_cast<double>(o.parameters);
    return o;
}

} // namespace bitlens

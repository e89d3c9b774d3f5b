#pragma once
// One line of the layer list: the FP32 statistics of a weight layer and its SQNR under one
// setting. Computed here so the widget only displays it.
#include "scheme.h"

#include <model/weights.h>

#include <optional>
#include <string>
#include <vector>

namespace bitlens {

struct LayerOverview
{
    std::string name;
    std::string nodeName; // with the path of the subgraph holding it
    std::string op;
    std::string storage;  // how the file stores an integer weight (WeightLayer::storage)
    std::vector<int64_t> shape;
    int axis = 0;
    int64_t parameters = 0;
    double min = 0, max = 0, stddev = 0;
    std::optional<double> sqnrDb; // at `spec`; nullopt = exact
    double bitsPerWeight = 32;    // at `spec`: code bits plus every scale, zero point and tensor scale, per weight
    bool excluded = false;        // NaN/Inf present
    std::string warning;
};

LayerOverview layerOverview(const WeightLayer& layer, const QuantSpec& spec);

} // namespace bitlens

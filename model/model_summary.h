#pragma once
// What `bitlens-cli info` prints: inputs, outputs, opsets, the op histogram and parameter counts.
#include "weights.h"

#include <map>
#include <string>

namespace bitlens {

struct ModelSummary
{
    std::map<std::string, int64_t> opHistogram; // op type -> node count
    int64_t nodeCount = 0;
    int64_t constantParameters = 0; // elements of every float constant (weights, biases, BN)
    int64_t weightParameters = 0;   // elements of the weight layers only
    std::vector<WeightLayer> layers;
};

ModelSummary summarizeModel(const Model& model);

} // namespace bitlens

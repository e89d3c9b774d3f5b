#pragma once
// What `bitlens-cli info` prints: inputs, outputs, opsets, the op histogram and parameter counts.
#include "weights.h"

#include <map>
#include <string>

namespace bitlens {

struct ModelSummary
{
    std::map<std::string, int64_t> opHistogram; // op type -> node count
    int64_t nodeCount = 0;     // including the nodes of If/Loop/Scan subgraphs
    int64_t subgraphCount = 0; // If branches, Loop and Scan bodies, at any depth
    int64_t constantParameters = 0; // elements of every float constant (weights, biases, BN)
    int64_t weightParameters = 0;   // elements of the weight layers only
    std::vector<WeightLayer> layers;
    // Weight-like tensors not analysed, each with the reason (findWeightLayers' problems).
    std::vector<std::string> notAnalysed;
    // How the engine computes the model's value types where that is not exact (float64 in float32,
    // float16/bfloat16 in float32 rounded to their type).
    std::vector<std::string> precisionNotes;
};

ModelSummary summarizeModel(const Model& model);

} // namespace bitlens

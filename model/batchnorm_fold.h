#pragma once
// Optional BatchNorm folding before analysis (whitepaper eq. 20-21), for a Conv whose only
// consumer is a BatchNormalization:
//   W' = gamma*W/sqrt(var+eps) per output channel,  b' = beta + (b - mean)*gamma/sqrt(var+eps).
#include "weights.h"

#include <string>
#include <vector>

namespace bitlens {

struct FoldedConv
{
    std::string weightName;
    std::string convNode;
    std::string batchNormNode;
    std::shared_ptr<const Tensor> weight; // W'
    std::vector<float> bias;              // b'
};

struct FoldReport
{
    std::vector<FoldedConv> folded;
    std::vector<std::string> skipped; // why a Conv followed by BatchNormalization was not folded
};

FoldReport foldBatchNorm(const Model& model);

// Replaces the tensors of folded layers by W' (layers not folded stay as they are).
void applyFolding(std::vector<WeightLayer>& layers, const FoldReport& report);

// The same graph with every folded BatchNormalization gone: its Conv reads W' and b' (a new
// constant "<W>.folded_bias") and writes the BatchNormalization's output.
Model foldedModel(const Model& model, const FoldReport& report);

} // namespace bitlens

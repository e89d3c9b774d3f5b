#pragma once
// The weights of a plan: each layer's x^ (layers at 32 bits keep FP32), ready to replace the
// constants a Session runs with.
#include "plan.h"

#include <map>
#include <memory>

namespace bitlens {

// One layer's x^ at `spec`; null for FP32 (bits 32) and for a layer with NaN/Inf (excluded).
std::shared_ptr<const Tensor> quantizedWeight(const WeightLayer& layer, const QuantSpec& spec);

// Layers with NaN/Inf stay FP32 (they are excluded from quantization) and are listed in *skipped.
std::map<std::string, std::shared_ptr<const Tensor>> quantizedWeights(const Plan& plan,
                                                                      const std::vector<WeightLayer>& layers,
                                                                      std::vector<std::string>* skipped = nullptr);

} // namespace bitlens

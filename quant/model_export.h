#pragma once
// The quantized model in a form other runtimes load (DESIGN.md "Files", quantized model export).
// Fake-quant ONNX: the same graph with every weight replaced by its x^ under the plan (layers at 32
// bits, and layers with NaN/Inf, keep FP32), so any runtime reproduces BitLens's accuracy; the plan
// is recorded in the metadata as "bitlens.plan".
#include "plan.h"

#include <model/model.h>
#include <model/weights.h>

#include <string>

namespace bitlens {

Result<bool> exportFakeQuant(const Model& model, const std::vector<WeightLayer>& layers, const Plan& plan,
                             const std::string& outPath);

} // namespace bitlens

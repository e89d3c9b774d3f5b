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

// QDQ ONNX (opset >= 13), the compact form: uniform schemes (asymmetric, symmetric, dynamic fixed
// point) with n <= 8 as uint8/int8 codes feeding DequantizeLinear (per-axis scales and zero points
// for per-channel); pow2, k-means and Gaussian as uint8 codes, Cast to int64 and a Gather from a
// float codebook of 2^n entries (per channel: one codebook a channel, indices offset by
// channel * 2^n). Layers above 8 bits are stored as their x^ (fake-quant); FP32 layers unchanged.
Result<bool> exportQdq(const Model& model, const std::vector<WeightLayer>& layers, const Plan& plan, const std::string& outPath);

Result<bool> exportFakeQuant(const Model& model, const std::vector<WeightLayer>& layers, const Plan& plan,
                             const std::string& outPath);

} // namespace bitlens

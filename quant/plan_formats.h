#pragma once
// The plan in formats other tools read, so a finding becomes a deployment config in one step.
// Only uniform layers (asymmetric, symmetric, dynamic fixed point) have an equivalent there; pow2,
// k-means and Gaussian layers, and FP32 layers, are left in float by both configs.
//
// ONNX Runtime's quantizer (onnxruntime.quantization quantize_static / get_qdq_config):
//   {"nodes_to_exclude": [node names],
//    "extra_options": {"TensorQuantOverrides": {"<weight>": [{"quant_type": "QUInt8", "scale": s,
//                      "zero_point": z, "axis": a (per-channel, first entry)}, one entry a channel]}},
//    "bitlens": {"plan": ..., "left_in_float": [{"layer", "node", "reason"}]}}
//   quant_type names a QuantType member; the container is the smallest of 4, 8 or 16 bits that
//   holds the plan's bits (asymmetric unsigned, the others signed with zero point 0).
// AIMET encodings (format 0.6.1): {"version": "0.6.1", "activation_encodings": {},
//   "param_encodings": {"<weight>": [{"bitwidth", "dtype": "int", "is_symmetric": "True"|"False",
//   "scale", "offset", "min", "max"}, one entry a channel]}, "excluded_layers": [node names]} with
//   x^ = (code + offset) * scale, code 0..2^n-1, min = offset*scale, max = (offset + 2^n - 1)*scale.
#include "plan.h"

#include <model/weights.h>

#include <QJsonObject>

namespace bitlens {

QJsonObject ortQuantizerConfig(const std::vector<WeightLayer>& layers, const Plan& plan);
QJsonObject aimetEncodings(const std::vector<WeightLayer>& layers, const Plan& plan);

} // namespace bitlens

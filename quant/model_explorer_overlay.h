#pragma once
// A plan as Google Model Explorer per-node data, so bits, weight SQNR and sensitivity show as
// coloured values on its graph. One JSON object per metric (Model Explorer loads one file per
// "node data"), in its single-graph form (model_explorer/node_data_builder.py, GraphNodeData):
//   {"name": "...", "results": {"<key>": {"value": v}},
//    "gradient": [{"stop": 0, "bgColor": "#rrggbb"}, ..., {"stop": 1, "bgColor": "#rrggbb"}]}
// Stop 0 is the smallest value in `results` and stop 1 the largest; the viewer interpolates the
// colour of each node between the stops (when every value is equal it leaves the nodes uncoloured,
// its (v - min)/(max - min) being 0/0, but still prints the values).
//
// Keys. Model Explorer matches a key against a node id, or against an output's `tensor_name`
// metadata (node_data_provider_extension_service.ts, genOutputTensorIdToNodeIdMap). The ONNX
// adapter (model-explorer-onnx) makes the ONNX node's name the node id and records output names
// only as `__tensor_tag`, never `tensor_name`, so for ONNX models only node names match;
// output tensor names match with adapters that set `tensor_name` (the TFLite/TF built-ins).
// An unnamed node gets a generated id there ("node", "node_1", ..., onnx_ir's NameFixPass), which
// BitLens does not predict: such a layer is keyed by its output tensor name instead.
#include "plan.h"
#include "sensitivity.h"

#include <model/model.h>
#include <model/weights.h>

#include <QJsonObject>

#include <functional>
#include <string>
#include <vector>

namespace bitlens {

// Which name of a weight layer's consuming node keys its value.
enum class OverlayKey { NodeName, OutputTensor };
// Colour direction: HighIsGood runs red (lowest) to green (highest), LowIsGood the other way.
enum class GradientKind { HighIsGood, LowIsGood };

// A weight layer and the node that reads it (the first consumer, as findWeightLayers picks it).
struct OverlayTarget
{
    std::string layer;  // WeightLayer::name
    std::string node;   // the consuming node's name (may be empty in the file)
    std::string output; // its first output tensor
};

// One target per layer found in `model` (layers whose consumer is not there are left out).
std::vector<OverlayTarget> overlayTargets(const Model& model, const std::vector<WeightLayer>& layers);
// NodeName falls back to the output name for an unnamed node; empty when neither exists.
std::string overlayKey(const OverlayTarget& target, OverlayKey key);

struct OverlayValue
{
    std::string layer;
    double value = 0;
};

// Values of layers without a target or key, and non-finite values, are left out; when two layers
// map to one key (duplicate node names), the first keeps it.
QJsonObject modelExplorerNodeData(const std::vector<OverlayTarget>& targets, OverlayKey key,
                                  const std::string& name, const std::vector<OverlayValue>& values,
                                  GradientKind gradient);

// Bits of every layer under the plan; FP32 and layers excluded for NaN/Inf (FP32 whatever the
// plan says) count 32. Colour with GradientKind::HighIsGood.
std::vector<OverlayValue> planBitsValues(const std::vector<WeightLayer>& layers, const Plan& plan);

// SQNR_dB = 10*log10(sum x^2 / sum (x - x^)^2) of each layer at its plan setting, rounded to
// 0.01 dB (the viewer prints the number as it is). FP32 layers, excluded layers and exact
// reconstructions are left out: they have no finite SQNR, and a made-up cap would stretch the
// gradient. Colour with GradientKind::HighIsGood.
std::vector<OverlayValue> planSqnrValues(const std::vector<WeightLayer>& layers, const Plan& plan);

// Top-1 drop in percentage points, 100*(FP32 top-1 - top-1), rounded to 0.01 (negative: the
// layer quantized did better). Colour with GradientKind::LowIsGood.
std::vector<OverlayValue> sensitivityValues(const SensitivityReport& report);



} // namespace bitlens

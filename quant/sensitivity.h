#pragma once
// Layer sensitivity (QUENN; DESIGN.md "Metrics"): each weight layer quantized alone at one setting,
// every other layer FP32. Reports the accuracy drop from FP32 and the output distance, QUENN eq. 1:
// the Frobenius norm of the difference between the FP32 and the quantized model's output, averaged
// over the images: (1/N) sum_i ||y_fp32(i) - y_q(i)||_F.
#include "accuracy_sweep.h"

#include <functional>
#include <string>
#include <vector>

namespace bitlens {

struct LayerSensitivity
{
    std::string layer;
    double top1 = 0, top5 = 0;
    double top1Drop = 0;       // FP32 top-1 minus this top-1 (positive: accuracy lost)
    double outputDistance = 0; // QUENN eq. 1 on the model's first output
};

struct SensitivityReport
{
    QuantSpec spec;
    int64_t images = 0;
    double fp32Top1 = 0, fp32Top5 = 0;
    std::vector<LayerSensitivity> layers; // graph order; layers excluded for NaN/Inf are left out
};

// (1/N) sum_i ||a_i - b_i||_2 over N rows of `width` values (the per-image Frobenius norm).
double meanRowDistance(const std::vector<float>& a, const std::vector<float>& b, int64_t width);

// onLayer is called as each layer finishes; progress counts images over FP32 plus every layer, and
// returning false stops (the report then holds the layers done so far).
Result<SensitivityReport> measureSensitivity(const SweepInput& input, const QuantSpec& spec,
                                             const std::function<void(const LayerSensitivity&)>& onLayer = {},
                                             const EvalProgress& progress = {});

// QUENN's one-layer-at-a-time analysis with each layer at its own plan setting (measureSensitivity
// takes one setting for all): FP32 first, then for each layer the plan's setting for it alone,
// every other layer FP32. Layers FP32 in the plan or excluded for NaN/Inf are not measured.
// report.spec holds the plan's defaults. The plan's foldBatchNorm is the caller's business (fold
// input.model first, as eval does). onLayer and progress as in measureSensitivity.
Result<SensitivityReport> measurePlanSensitivity(const SweepInput& input, const Plan& plan,
                                                 const std::function<void(const LayerSensitivity&)>& onLayer = {},
                                                 const EvalProgress& progress = {});

} // namespace bitlens

#pragma once
// Plain data behind the plan editor's views: the per-layer rows of the plan table with the plan's
// size, the sorted sensitivity chart, the per-layer activation distance of a whole plan (QUENN
// Figure 6) and the accuracy-vs-size Pareto view. Computed here so widgets only display them.
#include "plan.h"
#include "accuracy_sweep.h"
#include "sensitivity.h"

#include <model/weights.h>

#include <optional>
#include <string>
#include <vector>

namespace bitlens {

// One weight layer under a plan: its setting and what that setting costs.
struct PlanLayerRow
{
    std::string layer, node, op;
    std::vector<int64_t> shape;
    int64_t parameters = 0;
    QuantSpec spec;                 // effective setting; bits 32 = FP32
    bool fromDefaults = true;       // the layer has no entry of its own in the plan
    int64_t codeBits = 0;           // N*n (FP32: 32*N)
    int64_t overheadBits = 0;       // scales, zero points, centroids
    int64_t zstdBytes = 0;          // packed codes through zstd level 3 (FP32: 4*N)
    std::optional<double> sqnrDb;   // nullopt: exact or FP32
    bool excluded = false;          // NaN/Inf: stays FP32 whatever the plan says
    std::optional<LayerSensitivity> sensitivity; // one-layer-at-a-time result, once measured
    std::optional<double> planDistance;          // activation distance of the whole plan here
};

// Model totals over every weight layer (DESIGN.md "Storage": FP32 layers at 32 bits).
struct PlanSize
{
    int64_t parameters = 0;
    int64_t codeBits = 0, overheadBits = 0;
    int64_t zstdBytes = 0;
    int64_t weightBits() const { return codeBits + overheadBits; } // eval's weight_bits
    double averageBits() const; // weightBits / parameters
    int64_t fp32Bytes() const { return parameters * 4; }
    double fractionOfFp32() const; // weight bits / (32 * parameters)
};
PlanSize planSize(const std::vector<PlanLayerRow>& rows);

// One layer at a time, sorted by top-1 drop (largest first), ties by output distance.
struct SensitivityView
{
    QuantSpec spec;
    int64_t images = 0;
    double fp32Top1 = 0;
    std::vector<LayerSensitivity> layers;
};
SensitivityView sensitivityView(const SensitivityReport& report);

// QUENN Figure 6: for every weight layer in graph order, the mean over images of the Frobenius norm
// of (FP32 activation - plan activation) at the layer's output, and that norm relative to the FP32
// activation's norm.
struct PlanDistanceView
{
    std::string planName;
    int64_t images = 0;
    std::vector<std::string> layers;
    std::vector<double> distance, relative;
};

// Accuracy against size for plans: proposals, the user's own plans and uniform plans.
enum class ParetoKind { Proposal, User, Uniform };
struct ParetoPoint
{
    std::string label;
    ParetoKind kind = ParetoKind::User;
    int64_t weightBits = 0;
    double bitsPerWeight = 0;
    double top1 = 0;
    bool onFront = false; // no other point is at most as large and strictly more accurate (or smaller and as accurate)
};
struct ParetoView
{
    std::vector<ParetoPoint> points;
    std::optional<double> fp32Top1;
    int current = -1; // index of the plan being edited, -1 when it is not evaluated yet
};
// Sets onFront on every point (minimise weightBits, maximise top1).
void markParetoFront(std::vector<ParetoPoint>& points);

} // namespace bitlens

namespace bitlens {

// The row of one layer at `spec` (quantizes it once: sizes, zstd of the packed codes, SQNR).
PlanLayerRow planLayerRow(const WeightLayer& layer, const QuantSpec& spec, bool fromDefaults);

// QUENN Figure 6 for a whole plan: the FP32 model and the plan's model run on the same images; at
// each weight layer's output (the step that reads its weight, after a fused BatchNorm/ReLU),
// the per-image Frobenius norm of the difference, averaged over the images.
Result<PlanDistanceView> measurePlanDistances(const SweepInput& input, const Plan& plan,
                                              const EvalProgress& progress = {});

} // namespace bitlens

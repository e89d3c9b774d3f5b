#pragma once
// The paper's Table 1 for the current model: top-1, top-5 and weight size of each uniform plan
// (scheme x bits at one granularity) beside FP32. Configurations are evaluated one after
// another and reported as each finishes, so a view can fill the table progressively (the shared
// single pass of `bitlens-cli sweep` gains only 1-4% on these models: bench/bench_sweep).
#include "plan.h"
#include "scheme.h"

#include <model/data/dataset.h>
#include <model/data/preprocessing.h>
#include <model/evaluation.h>
#include <model/weights.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace bitlens {

struct AccuracyCell
{
    QuantSpec spec; // bits 32: FP32
    double top1 = 0, top5 = 0;
    int64_t weightBits = 0; // code bits + parameter overhead (eval's weight_bits)
    int64_t images = 0;
    std::vector<std::vector<int64_t>> confusion;
    std::vector<float> logits; // [images x classes], when input.options.keepLogits
    // Per image in test-set order, when input.options.keepPredictions.
    std::vector<int> predictions;
    std::vector<int32_t> labels;
};

// The confusion matrix of the cell's first `images` images (from its predictions); nullopt when
// the cell did not keep them or has fewer. A first estimate on N images is compared with FP32 on
// the same N images this way, never with FP32 on all of them.
std::optional<std::vector<std::vector<int64_t>>> confusionOfFirst(const AccuracyCell& cell, int64_t images);

struct AccuracyTable
{
    Granularity granularity = Granularity::PerChannel;
    std::vector<Scheme> schemes;
    std::vector<int> bits;
    std::optional<AccuracyCell> fp32;
    std::vector<AccuracyCell> cells; // in the order they finished
    const AccuracyCell* find(Scheme s, int bits) const;
    void add(const AccuracyCell& cell); // FP32 (bits 32) or a cell; replaces an existing one
};

struct SweepInput
{
    std::shared_ptr<const Model> model;
    std::vector<WeightLayer> layers;
    std::function<Result<std::unique_ptr<Dataset>>()> openData; // a fresh reader per configuration
    Preprocessing pre;
    EvalOptions options;
};

// One configuration: the model with the plan's weights, evaluated on the data.
Result<AccuracyCell> evaluatePlan(const SweepInput& input, const Plan& plan, const EvalProgress& progress = {});

// FP32 first (unless skipFp32), then schemes x bits at `granularity` in scheme order. onCell is
// called from the calling thread as each configuration finishes; progress counts images over all
// configurations and returning false stops the sweep (cells done so far stay reported).
Result<AccuracyTable> runAccuracySweep(const SweepInput& input, const std::vector<Scheme>& schemes,
                                       const std::vector<int>& bits, Granularity granularity, bool skipFp32,
                                       const std::function<void(const AccuracyCell&)>& onCell,
                                       const EvalProgress& progress = {});

} // namespace bitlens

#pragma once
// Fidelity of a quantized model against FP32 on samples without labels (DESIGN.md "Fidelity
// without labels", "Which layer hurts"), the numbers of `bitlens-cli compare`. The FP32 and the
// quantized model run side by side on each batch of samples; only sums are kept, so memory stays
// that of a few runs whatever the number of samples.
//
// Which layer hurts (options.layers): both models run step by step in lockstep (unfused, so every
// node's output exists), and for every float node output, keyed by node and tensor name in graph
// order, the cumulative SQNR is the quantized run's tensor against the FP32 run's. For each weight
// layer's node, the local SQNR is that node run once more with its quantized weights on the FP32
// run's inputs, against FP32. Values computed from constants alone (a Transpose of a weight) are
// weights, not activations, and are not listed.
#include "fidelity_metrics.h"

#include <model/data/samples.h>
#include <model/evaluation.h>
#include <model/weights.h>

#include <map>
#include <memory>

namespace bitlens {

struct NodeFidelity
{
    std::string node, op, tensor;
    int64_t elements = 0;
    std::optional<double> cumulativeSqnrDb; // nullopt: exact
    // Weight layers (by weight name) whose node this is, and its local SQNR (nullopt: exact, e.g.
    // a layer kept FP32); empty for other nodes.
    std::vector<std::string> layers;
    std::optional<double> localSqnrDb;
};

struct FidelityReport
{
    int64_t samples = 0;
    bool stacked = false; // samples ran several to a call (every graph input has a symbolic first axis)
    std::vector<OutputFidelity> outputs;
    std::vector<NodeFidelity> nodes; // with FidelityOptions::layers, in graph order
    // A labelled test set whose first output scores classes per sample adds accuracy beside them.
    std::optional<double> fp32Top1, top1;
    std::vector<std::vector<int64_t>> labelConfusion; // quantized model, [true][predicted]
    double seconds = 0;
};

struct FidelityOptions
{
    bool layers = false;
    std::optional<int> classAxis; // see classAxisFor
    bool classScores = true;
    int64_t limit = -1; // at most this many samples (-1: all)
    int64_t batch = 64; // samples read together
    int64_t chunk = 8;  // samples per run when the model takes batches
    int threads = 0;    // 0: all cores
};

// `quantized`: the weights to replace (quantizedWeights() of a plan); `layers`: the model's weight
// layers (their nodes get a local SQNR). Progress counts samples; returning false cancels.
Result<FidelityReport> measureFidelity(std::shared_ptr<const Model> model, const std::vector<WeightLayer>& layers,
                                       const std::map<std::string, std::shared_ptr<const Tensor>>& quantized,
                                       SampleSource& samples, const FidelityOptions& options = {},
                                       const EvalProgress& progress = {});

} // namespace bitlens

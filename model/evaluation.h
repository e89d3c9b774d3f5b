#pragma once
// Accuracy of a classifier on a labelled test set (DESIGN.md "Metrics", task metrics): top-1,
// top-5 (the label's logit among the five largest, ties to the lower index), the confusion matrix
// (rows = true label, columns = argmax with the first maximum on ties) and per-class recall.
#include "data/dataset.h"
#include "data/preprocessing.h"
#include "engine/session.h"

#include <functional>
#include <map>
#include <vector>

namespace bitlens {

struct EvalResult
{
    int64_t images = 0;
    double top1 = 0, top5 = 0;
    std::vector<std::vector<int64_t>> confusion; // [true][predicted]
    std::vector<double> perClassRecall;          // NaN for a class with no images
    std::vector<int> predictions;                // per image, in the test set's order
    std::vector<int32_t> labels;                 // the same images' true classes
    std::vector<float> logits;                   // [images x classes], when EvalOptions::keepLogits
    double seconds = 0; // reading, preprocessing, inference and scoring
};

// Scores one image's logits: the argmax (first maximum) and whether `label` is in the top five.
struct Score
{
    int predicted;
    bool top5;
};
Score scoreLogits(const float* logits, int classes, int label);

// Progress through a Qt-free callback: (images done, total); returning false cancels.
using EvalProgress = std::function<bool(int64_t done, int64_t total)>;

struct EvalOptions
{
    int64_t limit = -1; // at most this many images (-1: all)
    int64_t batch = 100; // images read, preprocessed and scored together
    // Images per inference call when one model runs: small enough that a layer's output is still
    // in the core's L2 cache when the next layer reads it (MobileNet-style 96-channel 28x28
    // activations: 10 images = 3 MiB instead of 15 MiB at 50); measured with bench/compare-ort.sh.
    int64_t chunk = 10;
    int threads = 0;    // 0: all cores
    bool keepLogits = false; // keep every image's output (sensitivity: output distance to FP32)
    bool keepPredictions = false; // in the AccuracyCell too: the confusion of any first N images
};

// The values live at one step of the model (Session::runPrefix) for each sub-batch of images, kept
// between evaluations: re-evaluating after an edit of a later layer runs only the steps from the
// cut on (DESIGN.md engine notes: a workbench wins by not repeating work).
struct ActivationCache
{
    struct Entry
    {
        int64_t count = 0;
        std::vector<Tensor> live;
    };
    int cut = 0;
    std::map<int64_t, Entry> entries; // by the sub-batch's first image
    int64_t bytes = 0;
    bool full = false; // a sub-batch did not fit in the budget
    const Entry* find(int64_t first, int64_t count) const;
    void clear();
};

// How an evaluation uses caches: sub-batches found in `reuse` (same first image and count) start at
// reuse->cut; with `fill`, the values at fill->cut are kept while fill->bytes stays within budget.
struct CacheUse
{
    const ActivationCache* reuse = nullptr;
    ActivationCache* fill = nullptr;
    int64_t budgetBytes = 0;
    int64_t reusedImages = 0; // out: images that started from reuse->cut
};

Result<EvalResult> evaluate(const engine::Session& session, Dataset& data, const Preprocessing& pre,
                            const EvalOptions& options = {}, const EvalProgress& progress = {});

// Several models (e.g. one per quantization configuration) on one pass over the data: each
// batch is read and preprocessed once and run through every session. Progress counts
// images x sessions.
// One model, with cached activations (the sub-batches are the same as evaluate()'s, so a cache
// filled here serves a later call with the same options and data).
Result<EvalResult> evaluateCached(const engine::Session& session, Dataset& data, const Preprocessing& pre,
                                  CacheUse& cache, const EvalOptions& options = {}, const EvalProgress& progress = {});

Result<std::vector<EvalResult>> evaluateMany(const std::vector<const engine::Session*>& sessions, Dataset& data,
                                             const Preprocessing& pre, const EvalOptions& options = {},
                                             const EvalProgress& progress = {});

} // namespace bitlens

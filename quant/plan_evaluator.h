#pragma once
// Re-evaluates a plan after each edit without recomputing what did not change: quantized weights
// are kept per layer and setting, and the activations up to the first layer the last edit changed
// are kept (ActivationCache) within a memory budget, so a one-layer edit runs only the model from
// that layer on. Results are the same as evaluatePlan's (the same sub-batches, the same kernels).
// One evaluation at a time: evaluate() serialises callers.
#include "accuracy_sweep.h"

#include <model/engine/session.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace bitlens {

struct PlanEvalStats
{
    int64_t images = 0;
    int64_t reusedImages = 0;   // images that started from cached activations
    int reusedFromStep = 0;     // the cache's cut (0: none used)
    int steps = 0;              // steps per inference
    int64_t cacheBytes = 0;     // held after this evaluation
    int64_t quantizedLayers = 0; // layers quantized for this call (the others were kept)
    double seconds = 0;
};

class IncrementalEvaluator
{
public:
    // budgetBytes: the most the activation cache may hold (0: no caching).
    IncrementalEvaluator(SweepInput input, int64_t budgetBytes);
    ~IncrementalEvaluator();

    void setBudgetBytes(int64_t bytes);
    int64_t budgetBytes() const;
    // `limit` images from the start of the data (-1: all); the progress callback may cancel.
    Result<AccuracyCell> evaluate(const Plan& plan, int64_t limit, const EvalProgress& progress = {},
                                  PlanEvalStats* stats = nullptr);
    // Drops the cached activations and weights (e.g. to measure the uncached cost).
    void clearCache();

private:
    Result<bool> prepare();
    struct Weight
    {
        QuantSpec spec;
        std::shared_ptr<const Tensor> xhat;
        int64_t bits = 0; // code bits + overhead
    };
    const Weight& weightFor(const WeightLayer& layer, const QuantSpec& spec, int64_t& quantized);

    SweepInput m_input;
    mutable std::mutex m_mutex;
    std::atomic<int64_t> m_budget{0}; // read at each evaluation: setting it never waits for one
    std::unique_ptr<engine::Session> m_session;
    std::map<std::string, int> m_firstStep; // the first step reading each layer's weight
    std::map<std::string, Weight> m_weights;
    std::optional<Plan> m_last;             // the plan evaluated last
    int m_targetCut = 0;                     // where the last edit's activations are kept
    ActivationCache m_cache;
    Plan m_cachePlan;                        // the plan whose activations the cache holds (valid before its cut)
};

} // namespace bitlens

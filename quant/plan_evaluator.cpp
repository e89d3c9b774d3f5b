#include "plan_evaluator.h"

#include "layer_stats.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"

#include <algorithm>
#include <chrono>

namespace bitlens {

IncrementalEvaluator::IncrementalEvaluator(SweepInput input, int64_t budgetBytes)
    : m_input(std::move(input)), m_budget(budgetBytes)
{
}

IncrementalEvaluator::~IncrementalEvaluator() = default;

void IncrementalEvaluator::setBudgetBytes(int64_t bytes) { m_budget = std::max<int64_t>(bytes, 0); }

int64_t IncrementalEvaluator::budgetBytes() const { return m_budget; }

void IncrementalEvaluator::clearCache()
{
    std::lock_guard lock(m_mutex);
    m_cache.clear();
    m_weights.clear();
    m_last.reset();
}

Result<bool> IncrementalEvaluator::prepare()
{
    if (m_session)
        return true;
    auto session = engine::Session::create(m_input.model);
    if (!session)
        return Error{session.error()};
    m_session = std::move(*session);
    for (const WeightLayer& l : m_input.layers)
        m_firstStep[l.name] = m_session->firstStepReading({l.name});
    return true;
}

// x^ at the spec and the layer's weight bits, kept per layer while its setting stays.
const IncrementalEvaluator::Weight& IncrementalEvaluator::weightFor(const WeightLayer& l, const QuantSpec& spec,
                                                                    int64_t& quantized)
{
    Weight& w = m_weights[l.name];
    if (w.xhat && w.spec == spec)
        return w;
    w.spec = spec;
    if (spec.bits == kFp32Bits || !nonFiniteWarning(l.name, l.tensor->floats).empty()) {
        w.xhat = l.tensor;
        w.bits = 32 * l.parameters();
        return w;
    }
    ++quantized;
    QuantizedTensor q = quantizeLayer(l, spec, OutputXhat);
    auto t = std::make_shared<Tensor>();
    t->name = l.name;
    t->dims = l.tensor->dims;
    t->floats.assign(q.xhat.begin(), q.xhat.end());
    w.xhat = std::move(t);
    w.bits = l.parameters() * spec.bits + q.overheadBits;
    return w;
}

Result<AccuracyCell> IncrementalEvaluator::evaluate(const Plan& plan, int64_t limit, const EvalProgress& progress,
                                                    PlanEvalStats* stats)
{
    std::lock_guard lock(m_mutex);
    const auto start = std::chrono::steady_clock::now();
    const int64_t budget = m_budget;
    if (m_cache.bytes > budget) // the budget was lowered
        m_cache.clear();
    if (auto ok = prepare(); !ok)
        return Error{ok.error()};
    const int steps = static_cast<int>(m_session->stepCount());
    PlanEvalStats st;
    st.steps = steps;
    int64_t weightBits = 0;
    for (const WeightLayer& l : m_input.layers) {
        const Weight& w = weightFor(l, plan.specFor(l.name), st.quantizedLayers);
        weightBits += w.bits;
        if (auto r = m_session->overrideConstant(l.name, w.xhat); !r)
            return Error{r.error()};
    }
    if (progress && !progress(0, 1))
        return Error{"cancelled"};

    // The first step whose weights differ between two plans (steps if none).
    auto firstDifference = [&](const Plan& a, const Plan& b) {
        int first = steps;
        for (const WeightLayer& l : m_input.layers)
            if (!(a.specFor(l.name) == b.specFor(l.name)))
                first = std::min(first, m_firstStep[l.name]);
        return first;
    };
    // Where to keep activations: before the first layer the last edit changed, which is where the
    // user is working (a slider on one layer moves it again and again).
    int target = 0;
    if (m_last) {
        const int f = firstDifference(plan, *m_last);
        target = f < steps ? f : m_targetCut; // the same plan again (the full set after a subset)
    }
    const bool reuse = !m_cache.entries.empty() && m_cache.cut > 0 && firstDifference(plan, m_cachePlan) >= m_cache.cut;

    CacheUse use;
    use.budgetBytes = budget;
    ActivationCache next;
    if (reuse)
        use.reuse = &m_cache;
    const int reusedCut = reuse ? m_cache.cut : 0;
    if (budget > 0 && target > 0 && target < steps) {
        if (reuse && target == m_cache.cut) {
            use.fill = &m_cache; // extend the cache with images it does not hold yet
        } else {
            next.cut = target;
            use.fill = &next;
            // Both caches are held until the evaluation ends: together within the budget.
            use.budgetBytes = std::max<int64_t>(0, budget - (m_cache.entries.empty() ? 0 : m_cache.bytes));
        }
    }

    auto data = m_input.openData();
    if (!data)
        return Error{data.error()};
    EvalOptions options = m_input.options;
    options.limit = limit;
    auto r = evaluateCached(*m_session, **data, m_input.pre, use, options, progress);
    // A later cut replaces a cache that still serves this plan only when it holds as many images
    // (after a subset estimate, the full run fills it from the old one).
    if (use.fill == &next && !next.entries.empty() && (!reuse || next.entries.size() >= m_cache.entries.size())) {
        m_cache = std::move(next);
        m_cachePlan = plan;
    }
    if (!r)
        return Error{r.error()};
    m_targetCut = target;
    m_last = plan;

    AccuracyCell c;
    c.spec = plan.defaults;
    c.top1 = r->top1;
    c.top5 = r->top5;
    c.images = r->images;
    c.weightBits = weightBits; // planWeightBits from the kept layers
    c.confusion = std::move(r->confusion);
    c.logits = std::move(r->logits);
    st.images = r->images;
    st.reusedImages = use.reusedImages;
    st.reusedFromStep = reusedCut;
    st.cacheBytes = m_cache.bytes;
    st.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (stats)
        *stats = st;
    return c;
}

} // namespace bitlens

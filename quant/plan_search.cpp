#include "plan_search.h"

#include "layer_stats.h"
#include "parallel.h"
#include "quantize_tensor.h"
#include "scheme_registry.h"

#include <algorithm>
#include <cmath>

namespace bitlens {

std::vector<LayerCosts> layerCosts(const std::vector<WeightLayer>& layers, Scheme scheme, Granularity granularity,
                                   const std::vector<int>& bits)
{
    std::vector<LayerCosts> out(layers.size());
    parallelFor(static_cast<int64_t>(layers.size()), defaultThreadCount(), [&](int64_t i) {
        const WeightLayer& l = layers[static_cast<size_t>(i)];
        LayerCosts& c = out[static_cast<size_t>(i)];
        c.layer = l.name;
        if (!nonFiniteWarning(l.name, l.tensor->floats).empty())
            return true; // stays FP32: no bit-widths to choose from
        const PreparedTensor p(l.tensor->floats, l.tensor->dims, l.axis, granularity, true);
        for (int b : bits) {
            if (!bitsAllowed(scheme, b))
                continue;
            const QuantizedTensor q = quantizeTensor(p, scheme, b, OutputStatsOnly);
            c.bits.push_back(b);
            c.sizeBits.push_back(l.parameters() * b + q.overheadBits);
            c.errorEnergy.push_back(q.error.errorEnergy);
        }
        return true;
    });
    return out;
}

std::optional<Plan> allocateBits(const std::vector<LayerCosts>& costs, const std::vector<double>& weight,
                                 int64_t budgetBits, Scheme scheme, Granularity granularity)
{
    Plan plan = Plan::uniform({scheme, granularity, kFp32Bits});
    std::vector<size_t> at(costs.size(), 0);
    int64_t used = 0;
    for (const LayerCosts& c : costs)
        used += c.bits.empty() ? 0 : c.sizeBits[0];
    // Layers that cannot be quantized (NaN/Inf) stay FP32; their 32 bits per weight are not in
    // `costs` and are the caller's to subtract from the budget.
    if (used > budgetBits)
        return std::nullopt;
    for (;;) {
        size_t bestLayer = costs.size();
        double bestGain = 0;
        for (size_t l = 0; l < costs.size(); ++l) {
            const LayerCosts& c = costs[l];
            if (at[l] + 1 >= c.bits.size())
                continue;
            const int64_t extra = c.sizeBits[at[l] + 1] - c.sizeBits[at[l]];
            if (used + extra > budgetBits || extra <= 0)
                continue;
            const double gain = weight[l] * (c.errorEnergy[at[l]] - c.errorEnergy[at[l] + 1]) / static_cast<double>(extra);
            if (bestLayer == costs.size() || gain > bestGain) {
                bestLayer = l;
                bestGain = gain;
            }
        }
        if (bestLayer == costs.size())
            break;
        used += costs[bestLayer].sizeBits[at[bestLayer] + 1] - costs[bestLayer].sizeBits[at[bestLayer]];
        ++at[bestLayer];
    }
    for (size_t l = 0; l < costs.size(); ++l)
        if (!costs[l].bits.empty())
            plan.layers[costs[l].layer] = {scheme, granularity, costs[l].bits[at[l]]};
    return plan;
}

Result<Proposal> proposePlan(const SweepInput& input, const ProposalOptions& options, const EvalProgress& progress)
{
    Proposal out;
    const std::vector<LayerCosts> costs = layerCosts(input.layers, options.scheme, options.granularity, options.bits);
    int64_t fixed = 0; // layers that stay FP32 (NaN/Inf)
    for (size_t l = 0; l < costs.size(); ++l)
        if (costs[l].bits.empty())
            fixed += 32 * input.layers[l].parameters();
    const int64_t budget = options.budgetBits - fixed;
    int64_t smallest = 0;
    for (const LayerCosts& c : costs)
        smallest += c.sizeBits.empty() ? 0 : c.sizeBits.front();
    if (smallest > budget) // checked before any evaluation
        return Error{"the budget of " + std::to_string(options.budgetBits / 8) + " bytes is below the smallest plan (" +
                     std::to_string((smallest + fixed + 7) / 8) + " bytes at the fewest bits)"};

    // Stage 1: sensitivity at the probe bit-width (most of the time), then up to three evaluations.
    bool stopped = false;
    auto stage = [&](int64_t index, int64_t count) {
        return [&, index, count](int64_t done, int64_t total) {
            if (progress && !progress(index * total + done, count * total))
                stopped = true;
            return !stopped;
        };
    };
    const int64_t stages = 5; // sensitivity counted as two
    const QuantSpec probeSpec{options.scheme, options.granularity, options.probeBits};
    Result<SensitivityReport> sens = options.sensitivity && options.sensitivity->spec == probeSpec
                                         ? Result<SensitivityReport>(*options.sensitivity)
                                         : measureSensitivity(input, probeSpec, {}, [&](int64_t done, int64_t total) {
                                               return stage(0, stages)(2 * done, total);
                                           });
    if (stopped)
        return Error{"cancelled"};
    if (!sens)
        return Error{sens.error()};
    out.sensitivity = *sens;

    std::vector<double> weightBySensitivity(costs.size(), 1.0), uniformWeight(costs.size(), 1.0);
    const auto probe = std::find(options.bits.begin(), options.bits.end(), options.probeBits) - options.bits.begin();
    for (size_t l = 0; l < costs.size(); ++l) {
        const auto it = std::find_if(sens->layers.begin(), sens->layers.end(),
                                     [&](const LayerSensitivity& s) { return s.layer == costs[l].layer; });
        const auto p = static_cast<size_t>(probe);
        if (it == sens->layers.end() || p >= costs[l].errorEnergy.size() || !(costs[l].errorEnergy[p] > 0))
            continue;
        // d_l(b)^2 = dist^2 * E(b) / E(probe): the weight per unit error energy.
        weightBySensitivity[l] = it->outputDistance * it->outputDistance / costs[l].errorEnergy[p];
        // A layer whose noise does not reach the output at all still gets a tiny weight, so that
        // spare budget goes somewhere rather than nowhere.
        weightBySensitivity[l] = std::max(weightBySensitivity[l], 1e-12);
    }
    // Without sensitivity: relative error (noise-to-signal), the same scale for every layer.
    for (size_t l = 0; l < costs.size(); ++l) {
        double signal = 0;
        for (float v : input.layers[l].tensor->floats)
            signal += static_cast<double>(v) * v;
        uniformWeight[l] = signal > 0 ? 1.0 / signal : 1.0;
    }

    std::vector<PlanCandidate> candidates;
    if (auto p = allocateBits(costs, weightBySensitivity, budget, options.scheme, options.granularity))
        candidates.push_back({"sensitivity-weighted", *p, 0, 0, 0});
    if (auto p = allocateBits(costs, uniformWeight, budget, options.scheme, options.granularity))
        candidates.push_back({"weight SQNR only", *p, 0, 0, 0});
    for (auto b = options.bits.rbegin(); b != options.bits.rend(); ++b) {
        if (!bitsAllowed(options.scheme, *b))
            continue;
        const Plan u = Plan::uniform({options.scheme, options.granularity, *b});
        if (planWeightBits(u, input.layers) <= options.budgetBits) {
            candidates.push_back({"uniform " + std::to_string(*b) + "-bit", u, 0, 0, 0});
            break;
        }
    }
    if (candidates.empty())
        return Error{"the budget of " + std::to_string(options.budgetBits / 8) +
                     " bytes is below the smallest plan the bit-widths allow"};
    for (size_t i = 0; i < candidates.size(); ++i) {
        auto r = evaluatePlan(input, candidates[i].plan, stage(2 + static_cast<int64_t>(i), stages));
        if (stopped)
            return Error{"cancelled"};
        if (!r)
            return Error{r.error()};
        candidates[i].weightBits = r->weightBits;
        candidates[i].top1 = r->top1;
        candidates[i].top5 = r->top5;
    }
    out.candidates = candidates;
    out.best = *std::max_element(candidates.begin(), candidates.end(), [](const PlanCandidate& a, const PlanCandidate& b) {
        return a.top1 != b.top1 ? a.top1 < b.top1 : a.weightBits > b.weightBits;
    });
    return out;
}

std::vector<int64_t> proposalCurveBudgets(const std::vector<WeightLayer>& layers, Scheme scheme, Granularity granularity)
{
    std::vector<int64_t> budgets;
    int64_t previous = -1;
    for (int b = 2; b <= 8; ++b) {
        if (!bitsAllowed(scheme, b))
            continue;
        const int64_t size = planWeightBits(Plan::uniform({scheme, granularity, b}), layers);
        if (previous >= 0 && b <= 5)
            budgets.push_back(previous + (size - previous) / 2);
        budgets.push_back(size);
        previous = size;
    }
    return budgets;
}

} // namespace bitlens

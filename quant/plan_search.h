#pragma once
// Proposes a mixed-precision plan for a size budget (DESIGN.md "Command line", plan).
//
// Model: quantizing layer l at b bits adds output noise whose energy is proportional to the layer's
// weight-error energy E_l(b) (first order), scaled by how much that layer's noise reaches the
// output. The scale comes from the one-layer-at-a-time sensitivity at a probe bit-width (QUENN eq.
// 1 distance dist_l): d_l(b)^2 = dist_l^2 * E_l(b) / E_l(probe). Independent noises add in energy,
// so the plan minimises sum_l d_l(b_l)^2 subject to sum_l size_l(b_l) <= budget: marginal analysis
// (start every layer at the fewest bits, then repeatedly give more bits to the layer with the
// largest distortion drop per added bit of storage while the budget allows).
// Without sensitivities every layer has the same scale (pure weight-SQNR allocation).
//
// The allocation is a proxy, so the candidates (the sensitivity-weighted plan, the SQNR-only plan
// and the largest uniform plan within the budget) are evaluated on the data and the most accurate
// one is returned: the proposal is never less accurate than the uniform plan it could have been.
#include "accuracy_sweep.h"
#include "sensitivity.h"

#include <optional>
#include <string>
#include <vector>

namespace bitlens {

struct ProposalOptions
{
    int64_t budgetBits = 0;                   // weight_bits limit (code bits + overhead)
    Scheme scheme = Scheme::Asymmetric;
    Granularity granularity = Granularity::PerChannel;
    std::vector<int> bits{2, 3, 4, 5, 6, 7, 8}; // bit-widths a layer may get
    int probeBits = 3;                        // sensitivity is measured at this bit-width
    // Already measured at (scheme, granularity, probeBits), e.g. for proposals at several budgets:
    // used instead of measuring again.
    std::optional<SensitivityReport> sensitivity;
};

struct PlanCandidate
{
    std::string how; // "sensitivity-weighted", "weight SQNR only", "uniform 4-bit"
    Plan plan;
    int64_t weightBits = 0;
    double top1 = 0, top5 = 0;
};

struct Proposal
{
    PlanCandidate best;
    std::vector<PlanCandidate> candidates; // every evaluated candidate within the budget
    std::optional<SensitivityReport> sensitivity;
};

// Per layer and bit-width: storage and weight-error energy (no data needed).
struct LayerCosts
{
    std::string layer;
    std::vector<int> bits;
    std::vector<int64_t> sizeBits;    // code bits + overhead at bits[i]
    std::vector<double> errorEnergy;  // sum (x - x^)^2 at bits[i]
};
std::vector<LayerCosts> layerCosts(const std::vector<WeightLayer>& layers, Scheme scheme, Granularity granularity,
                                   const std::vector<int>& bits);

// The marginal-analysis allocation for per-layer weights (the squared output distance per unit
// error energy); nullopt when even the fewest bits everywhere exceed the budget.
std::optional<Plan> allocateBits(const std::vector<LayerCosts>& costs, const std::vector<double>& weight,
                                 int64_t budgetBits, Scheme scheme, Granularity granularity);

Result<Proposal> proposePlan(const SweepInput& input, const ProposalOptions& options, const EvalProgress& progress = {});

// The budgets (weight bits) of a proposal curve: the exact size of the uniform plan at each width
// from 2 to 8 bits the scheme allows, so every budget admits its uniform plan (a budget of "6 bits
// per weight" excluded the 6-bit plan, whose scales cost more), and halfway between consecutive
// sizes up to 5 bits, where mixed precision has the most room.
std::vector<int64_t> proposalCurveBudgets(const std::vector<WeightLayer>& layers, Scheme scheme, Granularity granularity);

} // namespace bitlens

#include "sensitivity.h"

#include "layer_stats.h"

#include <model/engine/session.h>

#include <cmath>

namespace bitlens {

double meanRowDistance(const std::vector<float>& a, const std::vector<float>& b, int64_t width)
{
    if (width <= 0 || a.size() != b.size() || a.empty())
        return 0;
    const auto rows = static_cast<int64_t>(a.size()) / width;
    double sum = 0;
    for (int64_t r = 0; r < rows; ++r) {
        double sq = 0;
        for (int64_t k = 0; k < width; ++k) {
            const double d = static_cast<double>(a[static_cast<size_t>(r * width + k)]) - b[static_cast<size_t>(r * width + k)];
            sq += d * d;
        }
        sum += std::sqrt(sq);
    }
    return rows > 0 ? sum / static_cast<double>(rows) : 0;
}

Result<SensitivityReport> measurePlanSensitivity(const SweepInput& input, const Plan& plan,
                                                 const std::function<void(const LayerSensitivity&)>& onLayer,
                                                 const EvalProgress& progress)
{
    SweepInput in = input;
    in.options.keepLogits = true;
    std::vector<std::pair<const WeightLayer*, QuantSpec>> layers;
    for (const WeightLayer& l : in.layers) {
        const QuantSpec s = plan.specFor(l.name);
        if (s.bits != kFp32Bits && nonFiniteWarning(l.name, l.tensor->floats).empty())
            layers.emplace_back(&l, s);
    }
    const auto steps = static_cast<int64_t>(layers.size()) + 1;
    bool stopped = false;
    auto stage = [&](int64_t i) {
        return [&, i](int64_t done, int64_t total) {
            if (progress && !progress(i * total + done, steps * total))
                stopped = true;
            return !stopped;
        };
    };

    const Plan fp32Plan = Plan::uniform({plan.defaults.scheme, plan.defaults.granularity, kFp32Bits});
    auto reference = evaluatePlan(in, fp32Plan, stage(0));
    SensitivityReport report;
    report.spec = plan.defaults;
    if (stopped)
        return report;
    if (!reference)
        return Error{reference.error()};
    report.images = reference->images;
    report.fp32Top1 = reference->top1;
    report.fp32Top5 = reference->top5;
    const auto classes = static_cast<int64_t>(reference->confusion.size());

    for (size_t i = 0; i < layers.size(); ++i) {
        Plan alone = fp32Plan;
        alone.layers[layers[i].first->name] = layers[i].second;
        auto r = evaluatePlan(in, alone, stage(static_cast<int64_t>(i) + 1));
        if (stopped)
            break;
        if (!r)
            return Error{r.error()};
        LayerSensitivity s;
        s.layer = layers[i].first->name;
        s.top1 = r->top1;
        s.top5 = r->top5;
        s.top1Drop = report.fp32Top1 - r->top1;
        s.outputDistance = meanRowDistance(reference->logits, r->logits, classes);
        report.layers.push_back(s);
        if (onLayer)
            onLayer(s);
    }
    return report;
}

Result<SensitivityReport> measureSensitivity(const SweepInput& input, const QuantSpec& spec,
                                             const std::function<void(const LayerSensitivity&)>& onLayer,
                                             const EvalProgress& progress)
{
    return measurePlanSensitivity(input, Plan::uniform(spec), onLayer, progress);
}

} // namespace bitlens

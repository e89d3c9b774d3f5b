#include "accuracy_sweep.h"

#include "apply_plan.h"
#include "layer_stats.h"

#include <model/engine/session.h>

namespace bitlens {

const AccuracyCell* AccuracyTable::find(Scheme s, int b) const
{
    for (const AccuracyCell& c : cells)
        if (c.spec.scheme == s && c.spec.bits == b)
            return &c;
    return nullptr;
}

void AccuracyTable::add(const AccuracyCell& cell)
{
    if (cell.spec.bits == kFp32Bits) {
        fp32 = cell;
        return;
    }
    for (AccuracyCell& c : cells)
        if (c.spec == cell.spec) {
            c = cell;
            return;
        }
    cells.push_back(cell);
}

Result<AccuracyCell> evaluatePlan(const SweepInput& input, const Plan& plan, const EvalProgress& progress)
{
    auto session = engine::Session::create(input.model);
    if (!session)
        return Error{session.error()};
    if (plan.defaults.bits != kFp32Bits || !plan.layers.empty())
        for (const auto& [name, tensor] : quantizedWeights(plan, input.layers))
            if (auto r = (*session)->overrideConstant(name, tensor); !r)
                return Error{r.error()};
    if (progress && !progress(0, 1)) // quantizing every layer took a while: cancelled meanwhile?
        return Error{"cancelled"};
    auto data = input.openData();
    if (!data)
        return Error{data.error()};
    auto r = evaluate(**session, **data, input.pre, input.options, progress);
    if (!r)
        return Error{r.error()};
    AccuracyCell c;
    c.spec = plan.defaults;
    c.top1 = r->top1;
    c.top5 = r->top5;
    c.images = r->images;
    c.weightBits = planWeightBits(plan, input.layers);
    c.confusion = std::move(r->confusion);
    c.logits = std::move(r->logits);
    if (input.options.keepPredictions) {
        c.predictions = std::move(r->predictions);
        c.labels = std::move(r->labels);
    }
    return c;
}

std::optional<std::vector<std::vector<int64_t>>> confusionOfFirst(const AccuracyCell& cell, int64_t images)
{
    const size_t classes = cell.confusion.size();
    if (images < 0 || cell.predictions.size() < static_cast<size_t>(images) || cell.labels.size() < static_cast<size_t>(images))
        return std::nullopt;
    std::vector<std::vector<int64_t>> m(classes, std::vector<int64_t>(classes, 0));
    for (size_t i = 0; i < static_cast<size_t>(images); ++i) {
        const auto t = static_cast<size_t>(cell.labels[i]), p = static_cast<size_t>(cell.predictions[i]);
        if (t >= classes || p >= classes)
            return std::nullopt;
        ++m[t][p];
    }
    return m;
}

Result<AccuracyTable> runAccuracySweep(const SweepInput& input, const std::vector<Scheme>& schemes,
                                       const std::vector<int>& bits, Granularity granularity, bool skipFp32,
                                       const std::function<void(const AccuracyCell&)>& onCell,
                                       const EvalProgress& progress)
{
    AccuracyTable table;
    table.granularity = granularity;
    table.schemes = schemes;
    table.bits = bits;
    std::vector<QuantSpec> specs;
    if (!skipFp32)
        specs.push_back({Scheme::Asymmetric, granularity, kFp32Bits});
    for (const QuantSpec& s : expandSpecs(schemes, {granularity}, bits))
        specs.push_back(s);

    bool stopped = false;
    for (size_t i = 0; i < specs.size() && !stopped; ++i) {
        auto cell = evaluatePlan(input, Plan::uniform(specs[i]), [&](int64_t done, int64_t total) {
            const auto n = static_cast<int64_t>(specs.size());
            if (progress && !progress(static_cast<int64_t>(i) * total + done, n * total))
                stopped = true;
            return !stopped;
        });
        if (stopped)
            break;
        if (!cell)
            return Error{cell.error()};
        table.add(*cell);
        if (onCell)
            onCell(*cell);
    }
    return table;
}

} // namespace bitlens

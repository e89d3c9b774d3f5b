// PlanDocument's measurements: one layer at a time, the activation distance of the plan, and
// proposals for a size budget. Each runs on the document's pool with progress and a cancel flag;
// the latest request of a kind replaces the one before.
#include "plan_document.h"

#include "cancel_flag.h"
#include "job_guard.h"

#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace bitlens {

namespace {

// A job whose work reports progress and returns Result<T>: the value is added to the future
// unless the job was cancelled; an error goes to *error for the finished handler.
template <typename T, typename Work>
QFuture<T> runJob(QThreadPool* pool, CancelFlag cancelled, std::shared_ptr<std::string> error, Work work)
{
    return QtConcurrent::run(pool, [cancelled, error, work](QPromise<T>& p) {
        p.setProgressRange(0, 1000);
        const EvalProgress go = [&](int64_t done, int64_t total) {
            p.setProgressValue(static_cast<int>(1000 * done / std::max<int64_t>(total, 1)));
            return !*cancelled && !p.isCanceled();
        };
        const std::string thrown = runGuarded([&] {
            Result<T> r = work(go);
            if (*cancelled || p.isCanceled())
                return;
            if (!r) {
                *error = r.error();
                return;
            }
            p.addResult(std::move(*r));
        });
        if (!thrown.empty())
            *error = thrown;
    });
}

} // namespace

bool PlanDocument::requireTestSet()
{
    if (m_input)
        return true;
    Q_EMIT jobFailed(tr("Choose a test set first (File ▸ Choose Test Set…, Ctrl+D)."));
    return false;
}


void PlanDocument::runSensitivity(const QuantSpec& spec)
{
    if (!requireTestSet())
        return;
    const CancelFlag cancelled = replaceFlag(m_cancelSensitivity);
    auto error = m_sensitivityError = std::make_shared<std::string>();
    const SweepInput in = *m_input;
    m_sensitivity.reset();
    Q_EMIT sensitivityChanged({});
    publishRows();
    m_sensitivityWatcher->setFuture(QtConcurrent::run(&m_pool, [in, spec, cancelled, error](QPromise<SensitivityReport>& p) {
        p.setProgressRange(0, 1000);
        SensitivityReport partial; // each layer as it finishes, so the chart grows
        partial.spec = spec;
        const std::string thrown = runGuarded([&] {
            auto r = measureSensitivity(
                in, spec,
                [&](const LayerSensitivity& l) {
                    partial.layers.push_back(l);
                    p.addResult(partial);
                },
                [&](int64_t done, int64_t total) {
                    p.setProgressValue(static_cast<int>(1000 * done / std::max<int64_t>(total, 1)));
                    return !*cancelled && !p.isCanceled();
                });
            if (*cancelled || p.isCanceled())
                return;
            if (!r) {
                *error = r.error();
                return;
            }
            p.addResult(std::move(*r));
        });
        if (!thrown.empty())
            *error = thrown;
    }));
}

void PlanDocument::measureDistances()
{
    if (!requireTestSet())
        return;
    const CancelFlag cancelled = replaceFlag(m_cancelDistance);
    auto error = m_distanceError = std::make_shared<std::string>();
    SweepInput in = *m_input;
    const Plan plan = m_plan;
    const std::string name = tr("current plan").toStdString();
    m_distanceWatcher->setFuture(runJob<PlanDistanceView>(&m_pool, cancelled, error, [in, plan, name](const EvalProgress& go) {
        auto r = measurePlanDistances(in, plan, go);
        if (r)
            r->planName = name;
        return r;
    }));
}

void PlanDocument::propose(int64_t budgetBits, Scheme scheme, Granularity granularity)
{
    if (!requireTestSet())
        return;
    const CancelFlag cancelled = replaceFlag(m_cancelProposal);
    auto error = m_proposalError = std::make_shared<std::string>();
    ProposalOptions options;
    options.budgetBits = budgetBits;
    options.scheme = scheme;
    options.granularity = granularity;
    // Measured already (and complete: a run in progress reports images only at its end): not again.
    if (m_sensitivity && m_sensitivity->images > 0 && m_sensitivity->spec == QuantSpec{scheme, granularity, options.probeBits})
        options.sensitivity = m_sensitivity;
    m_applyProposal = true;
    const SweepInput in = *m_input;
    m_proposalWatcher->setFuture(runJob<Proposal>(&m_pool, cancelled, error,
                                                  [in, options](const EvalProgress& go) { return proposePlan(in, options, go); }));
}

void PlanDocument::proposeCurve(Scheme scheme, Granularity granularity)
{
    proposeCurveAt(proposalCurveBudgets(m_layers, scheme, granularity), scheme, granularity);
}

void PlanDocument::proposeCurveAt(const std::vector<int64_t>& budgets, Scheme scheme, Granularity granularity)
{
    if (!requireTestSet())
        return;
    const CancelFlag cancelled = replaceFlag(m_cancelProposal);
    auto error = m_proposalError = std::make_shared<std::string>();
    m_applyProposal = false;
    const SweepInput in = *m_input;
    std::optional<SensitivityReport> known;
    if (m_sensitivity && m_sensitivity->images > 0) // complete, not a run in progress
        known = m_sensitivity;
    m_proposalWatcher->setFuture(
        QtConcurrent::run(&m_pool, [in, budgets, scheme, granularity, known, cancelled, error](QPromise<Proposal>& p) {
            p.setProgressRange(0, 1000);
            const std::string thrown = runGuarded([&] {
                std::optional<SensitivityReport> sensitivity = known;
                const auto n = static_cast<double>(budgets.size());
                for (size_t i = 0; i < budgets.size(); ++i) {
                    ProposalOptions options;
                    options.budgetBits = budgets[i];
                    options.scheme = scheme;
                    options.granularity = granularity;
                    options.sensitivity = sensitivity; // measured by the first proposal, reused by the rest
                    auto r = proposePlan(in, options, [&](int64_t done, int64_t total) {
                        p.setProgressValue(static_cast<int>(1000 * (static_cast<double>(i) + static_cast<double>(done) / static_cast<double>(std::max<int64_t>(total, 1))) / n));
                        return !*cancelled && !p.isCanceled();
                    });
                    if (*cancelled || p.isCanceled())
                        return;
                    if (!r)
                        continue; // a budget below the smallest plan: no point there
                    sensitivity = r->sensitivity;
                    p.addResult(std::move(*r));
                }
            });
            if (!thrown.empty())
                *error = thrown;
        }));
}

} // namespace bitlens

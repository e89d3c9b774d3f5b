#include "plan_document.h"

#include "cancel_flag.h"
#include "job_guard.h"
#include "job_pool.h"

#include "plan_commands.h"

#include <quant/scheme_registry.h>
#include <widgets/display_labels.h>

#include <QUndoStack>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace bitlens {

namespace {

std::string rowKey(const std::string& layer, const QuantSpec& s)
{
    return layer + '|' + std::to_string(static_cast<int>(s.scheme)) + '|' + std::to_string(static_cast<int>(s.granularity)) +
           '|' + std::to_string(s.bits);
}

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

// The proposer's names for its candidates (quant/plan_search.cpp), as the window shows them; a
// name not listed here is shown as the proposer spells it.
QString candidateName(const std::string& how)
{
    if (how == "sensitivity-weighted")
        return PlanDocument::tr("sensitivity-weighted");
    if (how == "weight SQNR only")
        return PlanDocument::tr("weight SQNR only");
    for (int bits = 1; bits <= kMaxBits; ++bits)
        if (how == "uniform " + std::to_string(bits) + "-bit")
            return PlanDocument::tr("uniform %1").arg(bitsLabel(bits));
    return qs(how);
}

} // namespace

PlanDocument::PlanDocument(QObject* parent)
    : QObject(parent), m_undo(new QUndoStack(this)), m_rowsWatcher(new QFutureWatcher<std::vector<PlanLayerRow>>(this)),
      m_evalWatcher(new QFutureWatcher<PlanJobResult>(this)), m_sensitivityWatcher(new QFutureWatcher<SensitivityReport>(this)),
      m_distanceWatcher(new QFutureWatcher<PlanDistanceView>(this)), m_proposalWatcher(new QFutureWatcher<Proposal>(this))
{
    // Evaluation, and one long job (sensitivity, proposal) beside it; the engine uses every core
    // inside each job.
    m_pool.setMaxThreadCount(2);
    m_evalDelay.setSingleShot(true);
    m_evalDelay.setInterval(80);
    connect(&m_evalDelay, &QTimer::timeout, this, &PlanDocument::reevaluate);

    connect(m_rowsWatcher, &QFutureWatcherBase::finished, this, [this] {
        if (!m_rowsWatcher->isCanceled() && m_rowsWatcher->future().resultCount() > 0) {
            for (PlanLayerRow& r : m_rowsWatcher->result())
                m_rowCache[rowKey(r.layer, r.spec)] = r;
            publishRows();
        }
        finishedOne();
    });
    connect(m_evalWatcher, &QFutureWatcherBase::resultReadyAt, this,
            [this](int i) { onEvaluation(m_evalWatcher->resultAt(i)); });
    connect(m_sensitivityWatcher, &QFutureWatcherBase::resultReadyAt, this, [this](int i) {
        m_sensitivity = m_sensitivityWatcher->resultAt(i);
        Q_EMIT sensitivityChanged(sensitivityView(*m_sensitivity));
        publishRows();
    });
    connect(m_distanceWatcher, &QFutureWatcherBase::resultReadyAt, this, [this](int i) {
        m_distances = m_distanceWatcher->resultAt(i);
        Q_EMIT distancesChanged(*m_distances);
        publishRows();
    });
    connect(m_proposalWatcher, &QFutureWatcherBase::resultReadyAt, this, [this](int i) {
        const Proposal p = m_proposalWatcher->resultAt(i);
        if (p.sensitivity && !m_sensitivity) {
            m_sensitivity = p.sensitivity;
            Q_EMIT sensitivityChanged(sensitivityView(*m_sensitivity));
        }
        const int64_t params = parameterCount();
        for (const PlanCandidate& c : p.candidates) {
            ParetoPoint pt;
            pt.kind = c.how.rfind("uniform", 0) == 0 ? ParetoKind::Uniform : ParetoKind::Proposal;
            pt.label = candidateName(c.how).toStdString();
            pt.weightBits = c.weightBits;
            pt.bitsPerWeight = params > 0 ? static_cast<double>(c.weightBits) / static_cast<double>(params) : 0;
            pt.top1 = c.top1;
            addPoint(pt);
        }
        if (m_applyProposal) {
            const double bpw = params > 0 ? static_cast<double>(p.best.weightBits) / static_cast<double>(params) : 0;
            const QString text = tr("Apply proposed plan (%1, %2 bits/weight)").arg(candidateName(p.best.how)).arg(bpw, 0, 'f', 2);
            applyPlan(p.best.plan, text);
            Q_EMIT proposalApplied(tr("%1: top-1 %2% at %3 bits/weight")
                                       .arg(candidateName(p.best.how))
                                       .arg(100 * p.best.top1, 0, 'f', 2)
                                       .arg(bpw, 0, 'f', 2));
        }
        Q_EMIT paretoChanged(paretoView());
    });
    auto reportProgress = [this](QFutureWatcherBase* w, const QString& what) {
        connect(w, &QFutureWatcherBase::progressValueChanged, this,
                [this, w, what](int v) { Q_EMIT progress(v, w->progressMaximum(), what); });
    };
    reportProgress(m_evalWatcher, tr("Evaluating the plan"));
    reportProgress(m_sensitivityWatcher, tr("Layer sensitivity"));
    reportProgress(m_distanceWatcher, tr("Activation distance of the plan"));
    reportProgress(m_proposalWatcher, tr("Proposing a plan"));
    struct Finish
    {
        QFutureWatcherBase* watcher;
        std::shared_ptr<std::string>* error;
    };
    for (Finish f : {Finish{m_evalWatcher, &m_evalError}, Finish{m_sensitivityWatcher, &m_sensitivityError},
                     Finish{m_distanceWatcher, &m_distanceError}, Finish{m_proposalWatcher, &m_proposalError}})
        connect(f.watcher, &QFutureWatcherBase::finished, this, [this, f] {
            if (*f.error && !(*f.error)->empty()) {
                Q_EMIT jobFailed(QString::fromStdString(**f.error));
                (*f.error)->clear();
            }
            finishedOne();
        });
}

PlanDocument::~PlanDocument()
{
    cancel();
    if (m_cancelRows)
        *m_cancelRows = true;
    for (QFutureWatcherBase* w : std::initializer_list<QFutureWatcherBase*>{m_rowsWatcher, m_evalWatcher, m_sensitivityWatcher,
                                                                            m_distanceWatcher, m_proposalWatcher})
        w->waitForFinished();
    m_pool.waitForDone();
}

void PlanDocument::setModel(const std::vector<WeightLayer>& layers, const std::string& sha256)
{
    cancel();
    m_layers = layers;
    m_sha256 = sha256;
    m_plan = Plan{};
    m_plan.modelSha256 = sha256;
    m_rowCache.clear();
    m_sensitivity.reset();
    m_distances.reset();
    m_points.clear();
    m_uniform = {};
    m_undo->clear();
    m_input.reset();
    m_evaluator.reset();
    m_fp32.reset();
    m_score.reset();
    m_lastFull.reset();
    m_previousFull.reset();
    Q_EMIT planChanged(m_plan);
    Q_EMIT scoreCleared();
    Q_EMIT sensitivityChanged({});
    Q_EMIT distancesChanged({});
    Q_EMIT paretoChanged(paretoView());
    Q_EMIT confusionReady({});
    recomputeRows();
}

void PlanDocument::setEvaluation(std::optional<SweepInput> input, std::vector<std::string> classes, int64_t images)
{
    m_images = images;
    cancel(); // sensitivity, distances and proposals measured on the old data must not arrive
    m_input = std::move(input);
    m_classes = std::move(classes);
    m_evaluator = m_input ? std::make_shared<IncrementalEvaluator>(*m_input, int64_t{m_cacheBudgetMb} << 20) : nullptr;
    // Accuracies measured on another test set or preprocessing mean nothing now.
    m_fp32.reset();
    m_score.reset();
    m_lastFull.reset();
    m_previousFull.reset();
    m_sensitivity.reset();
    m_distances.reset();
    m_points.clear();
    Q_EMIT scoreCleared();
    Q_EMIT sensitivityChanged({});
    Q_EMIT distancesChanged({});
    Q_EMIT paretoChanged(paretoView());
    Q_EMIT confusionReady({});
    publishRows();
    reevaluate();
}

void PlanDocument::setCacheBudgetMb(int mb)
{
    m_cacheBudgetMb = std::max(0, mb);
    if (m_evaluator)
        m_evaluator->setBudgetBytes(int64_t{m_cacheBudgetMb} << 20);
}

// ---- edits ----

void PlanDocument::setLayers(const std::vector<std::string>& layers, const std::optional<QuantSpec>& spec, int dragSerial)
{
    std::vector<LayerEntryChange> changes;
    for (const std::string& name : layers) {
        auto it = m_plan.layers.find(name);
        std::optional<QuantSpec> before;
        if (it != m_plan.layers.end())
            before = it->second;
        if (before != spec)
            changes.push_back({name, before, spec});
    }
    if (changes.empty())
        return;
    const QString text = describeChange(changes, m_plan.defaults);
    m_undo->push(new SetLayersCommand(this, std::move(changes), text, dragSerial));
}

void PlanDocument::setDefaults(const QuantSpec& spec)
{
    if (spec == m_plan.defaults)
        return;
    m_undo->push(new SetDefaultsCommand(this, m_plan.defaults, spec,
                                        tr("Defaults: %1 → %2").arg(describeSpec(m_plan.defaults, m_plan.defaults),
                                                                    describeSpec(spec, spec))));
}

void PlanDocument::applyPlan(const Plan& plan, const QString& text)
{
    // One step made of the defaults and every per-layer entry that differs.
    m_undo->beginMacro(text);
    if (!(plan.defaults == m_plan.defaults))
        m_undo->push(new SetDefaultsCommand(this, m_plan.defaults, plan.defaults, text));
    std::vector<LayerEntryChange> changes;
    for (const WeightLayer& l : m_layers) {
        std::optional<QuantSpec> before, after;
        if (auto it = m_plan.layers.find(l.name); it != m_plan.layers.end())
            before = it->second;
        if (auto it = plan.layers.find(l.name); it != plan.layers.end())
            after = it->second;
        if (before != after)
            changes.push_back({l.name, before, after});
    }
    if (!changes.empty())
        m_undo->push(new SetLayersCommand(this, std::move(changes), text));
    m_undo->endMacro();
}

void PlanDocument::applyPreset(PlanPreset preset)
{
    Plan p = m_plan;
    switch (preset) {
    case PlanPreset::All8Bit:
        p.layers.clear();
        p.defaults = {Scheme::Asymmetric, Granularity::PerChannel, 8};
        applyPlan(p, tr("Preset: all layers 8-bit"));
        break;
    case PlanPreset::All4BitPerChannel:
        p.layers.clear();
        p.defaults = {Scheme::Asymmetric, Granularity::PerChannel, 4};
        applyPlan(p, tr("Preset: all layers 4-bit per-channel"));
        break;
    case PlanPreset::FirstLast8Bit:
        if (m_layers.empty())
            return;
        for (const std::string& name : {m_layers.front().name, m_layers.back().name})
            p.layers[name] = {m_plan.defaults.scheme == Scheme::Pow2 || m_plan.defaults.bits == kFp32Bits ? Scheme::Asymmetric
                                                                                                          : m_plan.defaults.scheme,
                              m_plan.defaults.granularity, 8};
        applyPlan(p, tr("Preset: first and last layer at 8 bits"));
        break;
    }
}

void PlanDocument::loadPlan(const Plan& plan)
{
    m_plan = plan;
    m_plan.modelSha256 = m_sha256;
    m_undo->clear();
    planEdited();
}

void PlanDocument::setLayerEntry(const std::string& layer, const std::optional<QuantSpec>& spec)
{
    if (spec)
        m_plan.layers[layer] = *spec;
    else
        m_plan.layers.erase(layer);
}

void PlanDocument::setDefaultsEntry(const QuantSpec& spec) { m_plan.defaults = spec; }

void PlanDocument::planEdited()
{
    m_distances.reset(); // it described the plan before this edit; so would a running measurement
    if (m_cancelDistance)
        *m_cancelDistance = true;
    m_distanceWatcher->cancel();
    Q_EMIT planChanged(m_plan);
    Q_EMIT distancesChanged({});
    recomputeRows();
    if (m_input) {
        m_score.reset();
        Q_EMIT scoreCleared();
        m_evalDelay.start();
    }
}

// ---- rows and size ----

void PlanDocument::recomputeRows()
{
    // Rows already computed for a layer's setting are reused; only the changed layers are
    // quantized (in the background: one layer of a large model takes tens of milliseconds).
    std::vector<std::pair<const WeightLayer*, QuantSpec>> missing;
    for (const WeightLayer& l : m_layers) {
        const QuantSpec s = m_plan.specFor(l.name);
        if (!m_rowCache.count(rowKey(l.name, s)))
            missing.emplace_back(&l, s);
    }
    if (missing.empty()) {
        publishRows();
        return;
    }
    const CancelFlag cancelled = replaceFlag(m_cancelRows);
    std::vector<std::pair<WeightLayer, QuantSpec>> work;
    for (const auto& [l, s] : missing)
        work.emplace_back(*l, s);
    m_rowsWatcher->setFuture(QtConcurrent::run(jobPool(), [work, cancelled](QPromise<std::vector<PlanLayerRow>>& p) {
        std::vector<PlanLayerRow> out;
        for (const auto& [l, s] : work) {
            if (*cancelled || p.isCanceled())
                return;
            // Out of memory on one layer: the Layers dock's overview shows that layer's warning;
            // the table keeps its previous rows rather than a row of made-up numbers.
            if (const std::string thrown = runGuarded([&] { out.push_back(planLayerRow(l, s, false)); }); !thrown.empty()) {
                qWarning("%s: %s", l.name.c_str(), thrown.c_str());
                return;
            }
        }
        p.addResult(std::move(out));
    }));
}

void PlanDocument::publishRows()
{
    std::vector<PlanLayerRow> rows;
    for (const WeightLayer& l : m_layers) {
        const QuantSpec s = m_plan.specFor(l.name);
        auto it = m_rowCache.find(rowKey(l.name, s));
        if (it == m_rowCache.end())
            return; // the rows job will publish when it has them all
        PlanLayerRow r = it->second;
        r.fromDefaults = !m_plan.layers.count(l.name);
        if (m_sensitivity)
            for (const LayerSensitivity& ls : m_sensitivity->layers)
                if (ls.layer == l.name)
                    r.sensitivity = ls;
        if (m_distances)
            for (size_t i = 0; i < m_distances->layers.size(); ++i)
                if (m_distances->layers[i] == l.name)
                    r.planDistance = m_distances->distance[i];
        rows.push_back(std::move(r));
    }
    m_rows = std::move(rows);
    Q_EMIT rowsChanged(m_rows, planSize(m_rows));
}

// ---- evaluation ----

void PlanDocument::reevaluate()
{
    if (!m_input || !m_evaluator || m_layers.empty())
        return;
    const CancelFlag cancelled = replaceFlag(m_cancelEval);
    auto error = m_evalError = std::make_shared<std::string>();
    const SweepInput in = *m_input;
    const bool needFp32 = !m_fp32.has_value();
    const Plan plan = m_plan;
    auto evaluator = m_evaluator;
    const int64_t total = in.options.limit >= 0 ? in.options.limit : -1;
    const int64_t images = total >= 0 ? std::min(total, m_images) : m_images;
    const int64_t subset = subsetSize(images);
    m_evalWatcher->setFuture(QtConcurrent::run(&m_pool, [=](QPromise<PlanJobResult>& p) {
        p.setProgressRange(0, 1000);
        const std::string thrown = runGuarded([&] {
            auto go = [&](double from, double span) {
                return [&p, cancelled, from, span](int64_t done, int64_t all) {
                    p.setProgressValue(static_cast<int>(1000 * (from + span * static_cast<double>(done) / static_cast<double>(std::max<int64_t>(all, 1)))));
                    return !*cancelled && !p.isCanceled();
                };
            };
            if (needFp32) {
                SweepInput fp32 = in;
                fp32.options.keepPredictions = true; // the first estimates compare with FP32 on their images
                auto c = evaluatePlan(fp32, Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits}), go(0, 0.3));
                if (*cancelled || p.isCanceled())
                    return;
                if (!c) {
                    *error = c.error();
                    return;
                }
                p.addResult(PlanJobResult{PlanJobResult::Fp32, std::move(*c), {}, {}});
            }
            const double base = needFp32 ? 0.3 : 0;
            // A first estimate on the first images when the test set is large, then all of them.
            std::vector<std::pair<PlanJobResult::Kind, int64_t>> runs;
            if (subset > 0)
                runs.emplace_back(PlanJobResult::Subset, subset);
            runs.emplace_back(PlanJobResult::Full, total);
            for (size_t k = 0; k < runs.size(); ++k) {
                const double span = (1 - base) * (runs[k].first == PlanJobResult::Subset ? 0.1 : 0.9);
                const double from = base + (k == 0 ? 0 : (1 - base) * 0.1);
                PlanEvalStats st;
                auto c = evaluator->evaluate(plan, runs[k].second, go(from, runs.size() == 1 ? 1 - base : span), &st);
                if (*cancelled || p.isCanceled())
                    return;
                if (!c) {
                    *error = c.error();
                    return;
                }
                p.addResult(PlanJobResult{runs[k].first, std::move(*c), st, plan});
            }
        });
        if (!thrown.empty())
            *error = thrown;
    }));
}

int64_t PlanDocument::subsetSize(int64_t images) const
{
    if (m_subsetImages >= 0) // fixed (tests)
        return m_subsetImages > 0 && images > 2 * m_subsetImages ? m_subsetImages : 0;
    // Adaptive: as many images as the last full evaluation from the first layer on got through in
    // kEstimateSeconds, so the first estimate arrives within half a second of an edit (with the
    // edit delay) also when the cache cannot help; none when all images take hardly longer.
    constexpr double kEstimateSeconds = 0.3;
    int64_t n = m_lastFullSeconds > 0 ? static_cast<int64_t>(static_cast<double>(images) * kEstimateSeconds / m_lastFullSeconds)
                                      : std::min<int64_t>(images / 4, 1000);
    n = std::max<int64_t>(n, 50);
    return n * 5 / 3 < images ? n : 0;
}

void PlanDocument::onEvaluation(const PlanJobResult& r)
{
    if (r.kind == PlanJobResult::Fp32) {
        m_fp32 = r.cell;
        return;
    }
    if (planJson(r.plan) != planJson(m_plan))
        return; // the plan has changed since
    PlanScore s;
    s.top1 = r.cell.top1;
    s.top5 = r.cell.top5;
    s.images = r.cell.images;
    s.totalImages = m_input && m_input->options.limit >= 0 ? std::min(m_input->options.limit, m_images) : m_images;
    s.subset = r.kind == PlanJobResult::Subset;
    s.weightBits = r.cell.weightBits;
    s.stats = r.stats;
    if (m_fp32) {
        s.fp32Top1 = m_fp32->top1;
        s.fp32Top5 = m_fp32->top5;
    }
    // The previous plan: the last one evaluated on all images, unless that is this plan (the full
    // result after its own estimate), then the one before it.
    const bool lastIsOther = m_lastFull && planJson(m_lastFull->first) != planJson(r.plan);
    const auto& previous = lastIsOther ? m_lastFull : m_previousFull;
    if (previous) {
        s.previousTop1 = previous->second.top1;
        s.previousTop5 = previous->second.top5;
    }
    if (!s.subset) {
        if (r.stats.reusedImages == 0) // the cost of an edit the cache cannot help with
            m_lastFullSeconds = r.stats.seconds;
        if (lastIsOther)
            m_previousFull = m_lastFull;
        m_lastFull = std::make_pair(r.plan, s);
    }
    m_score = s;
    Q_EMIT scoreChanged(s);
    // Like with like: a first estimate on N images against FP32 on the same N images.
    const auto fp32 = !m_fp32 ? std::nullopt : s.subset ? confusionOfFirst(*m_fp32, s.images) : std::make_optional(m_fp32->confusion);
    if (fp32) {
        ConfusionView view = confusionView(*fp32, r.cell.confusion, m_classes,
                                           s.subset ? tr("plan (first %1 images)").arg(s.images).toStdString() : tr("plan").toStdString());
        if (s.subset)
            view.fp32Label = tr("FP32 (first %1 images)").arg(s.images).toStdString();
        Q_EMIT confusionReady(view);
    }
    if (!s.subset) {
        ParetoPoint pt;
        pt.kind = ParetoKind::User;
        pt.label = m_undo->count() > 0 && m_undo->index() > 0 ? m_undo->text(m_undo->index() - 1).toStdString()
                                                               : tr("initial plan").toStdString();
        pt.weightBits = s.weightBits;
        const int64_t params = parameterCount();
        pt.bitsPerWeight = params > 0 ? static_cast<double>(s.weightBits) / static_cast<double>(params) : 0;
        pt.top1 = s.top1;
        addPoint(pt);
        Q_EMIT paretoChanged(paretoView());
    }
}

void PlanDocument::addPoint(ParetoPoint point)
{
    // The same plan seen again (undo, redo) is one point.
    for (ParetoPoint& p : m_points)
        if (p.kind == point.kind && p.weightBits == point.weightBits && p.top1 == point.top1)
            return;
    m_points.push_back(std::move(point));
    constexpr size_t kMaxUserPoints = 200;
    if (m_points.size() > kMaxUserPoints)
        m_points.erase(m_points.begin());
}

void PlanDocument::setUniformResults(const AccuracyTable& table)
{
    m_uniform = table;
    Q_EMIT paretoChanged(paretoView());
}

ParetoView PlanDocument::paretoView() const
{
    ParetoView v;
    v.points = m_points;
    const int64_t params = parameterCount();
    for (const AccuracyCell& c : m_uniform.cells) {
        ParetoPoint pt;
        pt.kind = ParetoKind::Uniform;
        pt.label = tr("uniform %1 %2 %3", "scheme, granularity, bits: uniform asymmetric per-channel 4-bit")
                       .arg(qs(schemeName(c.spec.scheme)), granularityLabel(c.spec.granularity), bitsLabel(c.spec.bits))
                       .toStdString();
        pt.weightBits = c.weightBits;
        pt.bitsPerWeight = params > 0 ? static_cast<double>(c.weightBits) / static_cast<double>(params) : 0;
        pt.top1 = c.top1;
        v.points.push_back(pt);
    }
    if (m_fp32)
        v.fp32Top1 = m_fp32->top1;
    else if (m_uniform.fp32)
        v.fp32Top1 = m_uniform.fp32->top1;
    markParetoFront(v.points);
    if (m_lastFull && m_score && !m_score->subset)
        for (size_t i = 0; i < v.points.size(); ++i)
            if (v.points[i].kind == ParetoKind::User && v.points[i].weightBits == m_score->weightBits &&
                v.points[i].top1 == m_score->top1)
                v.current = static_cast<int>(i);
    return v;
}

int64_t PlanDocument::parameterCount() const
{
    int64_t n = 0; // from the layers, not the rows: those may still be on their way
    for (const WeightLayer& l : m_layers)
        n += l.parameters();
    return n;
}

bool PlanDocument::evaluating() const { return m_evalWatcher->isRunning() || m_evalDelay.isActive(); }

bool PlanDocument::busy() const
{
    return m_rowsWatcher->isRunning() || evaluating() || m_sensitivityWatcher->isRunning() || m_distanceWatcher->isRunning() ||
           m_proposalWatcher->isRunning();
}

void PlanDocument::finishedOne()
{
    if (!busy())
        Q_EMIT idle();
}

void PlanDocument::evaluate()
{
    if (!requireTestSet())
        return;
    Q_EMIT scoreCleared();
    reevaluate();
}

void PlanDocument::cancel()
{
    if (evaluating() && !(m_score && !m_score->subset))
        Q_EMIT evaluationStopped(); // the tab must not keep saying "evaluating…"
    m_evalDelay.stop();
    // Not the rows job: it is short, and the table and size must follow every edit.
    for (CancelFlag* f : {&m_cancelEval, &m_cancelSensitivity, &m_cancelDistance, &m_cancelProposal})
        if (*f)
            **f = true;
    for (QFutureWatcherBase* w : std::initializer_list<QFutureWatcherBase*>{m_evalWatcher, m_sensitivityWatcher,
                                                                            m_distanceWatcher, m_proposalWatcher})
        w->cancel();
}

} // namespace bitlens

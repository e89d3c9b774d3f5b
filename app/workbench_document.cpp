#include "workbench_document.h"

#include "cancel_flag.h"
#include "job_guard.h"
#include "grouping_document.h"
#include "job_pool.h"
#include "plan_document.h"

#include <model/data/dataset.h>
#include <model/onnx_loader.h>
#include <quant/scheme_registry.h>

#include <QCryptographicHash>
#include <QFile>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace bitlens {

namespace {

constexpr size_t kViewCacheEntries = 24; // layer views kept for instant revisits

std::vector<Scheme> allSchemes()
{
    std::vector<Scheme> out;
    for (const SchemeDescriptor& d : schemeRegistry())
        out.push_back(d.id);
    return out;
}

// Compared at first: the six schemes with a choice of bits (the element formats on request).
std::vector<Scheme> defaultCompared()
{
    std::vector<Scheme> out;
    for (const SchemeDescriptor& d : schemeRegistry())
        if (hasBitRange(d))
            out.push_back(d.id);
    return out;
}

} // namespace

WorkbenchDocument::WorkbenchDocument(QObject* parent)
    : QObject(parent), m_compared(defaultCompared()), m_plan(new PlanDocument(this)), m_loadWatcher(new QFutureWatcher<LoadedModel>(this)),
      m_overviewWatcher(new QFutureWatcher<std::vector<LayerOverview>>(this)),
      m_viewsWatcher(new QFutureWatcher<LayerViews>(this)), m_efficiencyWatcher(new QFutureWatcher<LayerViews>(this)),
      m_sweepWatcher(new QFutureWatcher<AccuracyCell>(this)), m_evalWatcher(new QFutureWatcher<AccuracyCell>(this))
{
    // Evaluations and sweeps get their own threads, so a long sweep never holds up the layer
    // views, which run on the global pool (the engine parallelises inside each evaluation).
    m_evaluationPool.setMaxThreadCount(2);
    // The sweep's uniform plans are points on the plan editor's Pareto view.
    connect(this, &WorkbenchDocument::accuracyTableChanged, m_plan, &PlanDocument::setUniformResults);
    connect(m_plan, &PlanDocument::progress, this, &WorkbenchDocument::progress);
    connect(m_plan, &PlanDocument::idle, this, &WorkbenchDocument::finishedOne);
    // Class groups: grouped accuracy of the plan's confusion and Table 2 from the sweep.
    m_grouping = new GroupingDocument(m_plan->undoStack(), this);
    connect(m_plan, &PlanDocument::confusionReady, m_grouping, &GroupingDocument::setConfusion);
    connect(this, &WorkbenchDocument::accuracyTableChanged, m_grouping, &GroupingDocument::setAccuracyTable);
    connect(m_loadWatcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_loadWatcher->isCanceled() || m_loadWatcher->future().resultCount() == 0) {
            Q_EMIT loadFailed(tr("Loading was cancelled."));
            finishedOne();
            return;
        }
        LoadedModel result = m_loadWatcher->result();
        if (!result.error.isEmpty()) {
            Q_EMIT loadFailed(result.error);
            finishedOne();
            return;
        }
        m_loaded = std::move(result);
        ++m_modelGeneration; // cached views and running jobs belong to the previous model
        m_viewCache.clear();
        stopSweep();
        m_sweeps.clear();
        m_fp32Eval.reset();
        showSweep();
        clearResults();
        // Keep the selected layer if the new model has one of that name (reopening, --layer).
        if (std::none_of(m_loaded.layers.begin(), m_loaded.layers.end(), [this](const WeightLayer& l) { return l.name == m_selected; }))
            m_selected = m_loaded.layers.empty() ? std::string() : m_loaded.layers.front().name;
        m_plan->setModel(m_loaded.layers, m_loaded.sha256);
        m_grouping->setLayers(m_loaded.layers);
        m_grouping->setClasses(classNamesFromMetadata(*m_loaded.model));
        Q_EMIT modelLoaded(m_path);
        const QString data = !m_defaultTestSet.isEmpty() ? m_defaultTestSet
                             : !m_testSet.path.isEmpty() ? m_testSet.path
                                                         : m_refusedTestSet;
        m_testSet = {};
        QString error;
        if (!data.isEmpty() && !setTestSet(data, &error)) {
            Q_EMIT testSetChanged(m_testSet); // none now: the status bar must not show the old one
            updatePlanEvaluation();
            Q_EMIT jobFailed(error);
        } else if (data.isEmpty()) {
            Q_EMIT testSetChanged(m_testSet);
            updatePlanEvaluation();
        }
        recomputeOverview();
        recomputeViews();
        finishedOne();
    });

    auto reportProgress = [this](QFutureWatcherBase* w, const QString& what) {
        connect(w, &QFutureWatcherBase::progressValueChanged, this,
                [this, w, what](int v) { Q_EMIT progress(v, w->progressMaximum(), what); });
    };
    reportProgress(m_overviewWatcher, tr("Quantizing layers"));
    reportProgress(m_viewsWatcher, tr("Computing layer views"));
    reportProgress(m_efficiencyWatcher, tr("Computing bit efficiency"));
    reportProgress(m_sweepWatcher, tr("Accuracy sweep"));
    reportProgress(m_evalWatcher, tr("Evaluating FP32 and quantized"));

    connect(m_overviewWatcher, &QFutureWatcherBase::finished, this, [this] {
        if (!m_overviewWatcher->isCanceled() && m_overviewWatcher->future().resultCount() > 0)
            Q_EMIT overviewReady(m_overviewWatcher->result());
        finishedOne();
    });
    for (auto* w : {m_viewsWatcher, m_efficiencyWatcher})
        connect(w, &QFutureWatcherBase::finished, this, [this, w] {
            if (!w->isCanceled() && w->future().resultCount() > 0) {
                // The watcher holds the latest job of its kind, whose key is kept beside it; the
                // result is cached under that key and shown only if it still answers the current
                // request (layer, setting, model).
                const LayerViews v = w->result();
                const std::string& key = w == m_viewsWatcher ? m_viewsKey : m_efficiencyKey;
                cacheViews(key, v);
                if (key == viewKey(w == m_viewsWatcher ? kMainParts : int(PartEfficiency)))
                    Q_EMIT layerViewsReady(v);
            }
            finishedOne();
        });
    connect(m_sweepWatcher, &QFutureWatcherBase::resultReadyAt, this, [this](int i) {
        const AccuracyCell cell = m_sweepWatcher->resultAt(i);
        const auto table = m_sweeps.find(m_sweepGranularity);
        if (table == m_sweeps.end())
            return; // from a sweep whose test set or model has since been replaced
        if (cell.spec.bits == kFp32Bits) {
            m_fp32Eval = cell;
            for (auto& [g, t] : m_sweeps) // FP32 is the same at every granularity
                t.add(cell);
        } else {
            table->second.add(cell);
        }
        showSweep();
    });
    connect(m_evalWatcher, &QFutureWatcherBase::resultReadyAt, this, [this](int i) {
        const AccuracyCell cell = m_evalWatcher->resultAt(i);
        if (cell.spec.bits == kFp32Bits) {
            m_fp32Eval = cell;
            return;
        }
        if (m_fp32Eval && cell.spec == m_spec)
            Q_EMIT confusionReady(confusionView(m_fp32Eval->confusion, cell.confusion, m_testSet.classes,
                                                seriesLabel(cell.spec)));
    });
    for (auto* w : {m_sweepWatcher, m_evalWatcher})
        connect(w, &QFutureWatcherBase::finished, this, [this, w] {
            // A job reports a failure (e.g. a truncated test set) through its error string.
            const auto& error = w == m_sweepWatcher ? m_sweepError : m_evalError;
            if (error && !error->empty()) {
                Q_EMIT jobFailed(QString::fromStdString(*error));
                error->clear();
            }
            finishedOne();
        });
}

WorkbenchDocument::~WorkbenchDocument()
{
    cancel();
    m_loadWatcher->waitForFinished();
    for (QFutureWatcherBase* w : std::initializer_list<QFutureWatcherBase*>{m_overviewWatcher, m_viewsWatcher,
                                                                            m_efficiencyWatcher, m_sweepWatcher, m_evalWatcher})
        w->waitForFinished();
    m_evaluationPool.waitForDone(); // cancelled jobs whose futures were replaced
}

void WorkbenchDocument::showSweep()
{
    const auto it = m_sweeps.find(m_spec.granularity);
    if (it != m_sweeps.end()) {
        m_table = it->second;
    } else { // none yet: the views say so (no FP32 line alone on an empty chart)
        m_table = {};
        m_table.granularity = m_spec.granularity;
    }
    Q_EMIT accuracyTableChanged(m_table);
}

void WorkbenchDocument::stopSweep()
{
    if (m_cancelSweep)
        *m_cancelSweep = true;
    m_sweepWatcher->cancel(); // a cancelled watcher delivers no further cells
}

void WorkbenchDocument::clearResults()
{
    LayerViews empty;
    empty.parts = PartAll;
    Q_EMIT layerViewsReady(empty);
    Q_EMIT confusionReady(ConfusionView{});
}

bool WorkbenchDocument::busy() const
{
    return m_plan->busy() || m_grouping->busy() || m_loadWatcher->isRunning() || m_overviewWatcher->isRunning() || m_viewsWatcher->isRunning() ||
           m_efficiencyWatcher->isRunning() || m_sweepWatcher->isRunning() || m_evalWatcher->isRunning();
}

bool WorkbenchDocument::sweepRunning() const { return m_sweepWatcher->isRunning(); }

void WorkbenchDocument::finishedOne()
{
    if (!busy())
        Q_EMIT idle();
}

void WorkbenchDocument::cancel()
{
    m_plan->cancel();
    for (CancelFlag* f : {&m_cancelOverview, &m_cancelViews, &m_cancelEfficiency, &m_cancelSweep, &m_cancelEval})
        if (*f)
            **f = true;
    for (QFutureWatcherBase* w : std::initializer_list<QFutureWatcherBase*>{m_overviewWatcher, m_viewsWatcher,
                                                                            m_efficiencyWatcher, m_sweepWatcher, m_evalWatcher})
        w->cancel();
}

void WorkbenchDocument::openModel(const QString& path)
{
    cancel();
    m_path = path;
    Q_EMIT progress(0, 0, tr("Loading %1").arg(path));
    m_loadWatcher->setFuture(QtConcurrent::run(jobPool(), [path](QPromise<LoadedModel>& promise) {
        LoadedModel lm;
        const std::string thrown = runGuarded([&] {
            auto model = loadOnnxModel(path.toStdString());
            if (!model) {
                lm.error = QString::fromStdString(model.error());
                promise.addResult(std::move(lm));
                return;
            }
            lm.model = std::make_shared<const Model>(std::move(*model));
            lm.layers = findWeightLayers(*lm.model);
            QFile file(path);
            QCryptographicHash hash(QCryptographicHash::Sha256);
            if (file.open(QIODevice::ReadOnly) && hash.addData(&file))
                lm.sha256 = hash.result().toHex().toStdString();
        });
        if (!thrown.empty()) {
            lm = LoadedModel{};
            lm.error = QString::fromStdString(path.toStdString() + ": " + thrown);
        }
        promise.addResult(std::move(lm));
    }));
}

void WorkbenchDocument::setSpec(const QuantSpec& spec)
{
    if (spec == m_spec)
        return;
    const bool granularityChanged = spec.granularity != m_spec.granularity;
    m_spec = spec;
    recomputeOverview();
    recomputeViews();
    reevaluate();
    if (granularityChanged)
        showSweep(); // a running sweep of the other granularity goes on into its own table
}

void WorkbenchDocument::setCompared(const std::vector<Scheme>& schemes)
{
    std::vector<Scheme> ordered; // registry order, whatever order they were ticked in
    for (Scheme s : allSchemes())
        if (std::find(schemes.begin(), schemes.end(), s) != schemes.end())
            ordered.push_back(s);
    if (ordered == m_compared)
        return;
    m_compared = ordered;
    recomputeViews();
}

void WorkbenchDocument::setHistogramBins(int bins)
{
    bins = std::clamp(bins, 0, 4096);
    if (bins == m_bins)
        return;
    m_bins = bins;
    recomputeViews();
}

void WorkbenchDocument::selectLayer(const QString& name)
{
    // Also for the same layer: after Esc, selecting it again recomputes its views.
    m_selected = name.toStdString();
    recomputeViews();
}

ViewRequest WorkbenchDocument::viewRequest() const
{
    ViewRequest r;
    r.focus = m_spec;
    r.schemes = m_compared;
    r.histogramBins = m_bins;
    return r;
}

std::string WorkbenchDocument::viewKey(int parts) const
{
    std::string key = std::to_string(m_modelGeneration) + '|' + m_selected + '|' + std::to_string(parts) + '|' +
                      std::to_string(static_cast<int>(m_spec.granularity)) + '|' + std::to_string(m_spec.block);
    if (parts != PartEfficiency) // the efficiency curves do not depend on the chosen scheme or bits
        key += '|' + std::to_string(static_cast<int>(m_spec.scheme)) + '|' + std::to_string(m_spec.bits) + '|' +
               std::to_string(static_cast<int>(m_spec.scale)) + '|' + std::to_string(m_bins);
    for (Scheme s : m_compared)
        key += ',' + std::to_string(static_cast<int>(s));
    return key;
}

const LayerViews* WorkbenchDocument::cachedViews(const std::string& key) const
{
    for (const auto& [k, v] : m_viewCache)
        if (k == key)
            return &v;
    return nullptr;
}

void WorkbenchDocument::cacheViews(const std::string& key, const LayerViews& v)
{
    m_viewCache.remove_if([&](const auto& e) { return e.first == key; });
    m_viewCache.emplace_front(key, v);
    if (m_viewCache.size() > kViewCacheEntries)
        m_viewCache.pop_back();
}

void WorkbenchDocument::recomputeViews()
{
    if (!m_loaded.model || m_selected.empty())
        return;
    const auto it = std::find_if(m_loaded.layers.begin(), m_loaded.layers.end(),
                                 [&](const WeightLayer& l) { return l.name == m_selected; });
    if (it == m_loaded.layers.end())
        return;
    const WeightLayer layer = *it;
    const ViewRequest request = viewRequest();
    struct Part
    {
        int parts;
        QFutureWatcher<LayerViews>* watcher;
        CancelFlag* flag;
        std::string* key;
    };
    for (const Part& part : {Part{kMainParts, m_viewsWatcher, &m_cancelViews, &m_viewsKey},
                             Part{PartEfficiency, m_efficiencyWatcher, &m_cancelEfficiency, &m_efficiencyKey}}) {
        const std::string key = viewKey(part.parts);
        if (const LayerViews* cached = cachedViews(key)) {
            if (*part.flag)
                **part.flag = true; // a stale job must not overwrite the cached answer
            Q_EMIT layerViewsReady(*cached);
            continue;
        }
        if (part.watcher->isRunning() && *part.key == key && !**part.flag)
            continue; // already on its way (and not cancelled)
        *part.key = key;
        const CancelFlag cancelled = replaceFlag(*part.flag);
        const int parts = part.parts;
        part.watcher->setFuture(QtConcurrent::run(jobPool(), [layer, request, parts, cancelled](QPromise<LayerViews>& p) {
            p.setProgressRange(0, 1000);
            LayerViews v;
            const std::string thrown = runGuarded([&] {
                v = computeLayerViews(layer, request, parts, [&](int64_t done, int64_t total) {
                    p.setProgressValue(static_cast<int>(1000 * done / std::max<int64_t>(total, 1)));
                    return !*cancelled && !p.isCanceled();
                });
            });
            if (!thrown.empty()) // shown with the layer's warnings
                v.warnings.push_back(layer.name + ": the views could not be computed: " + thrown);
            if (!*cancelled && (v.parts == parts || !v.warnings.empty()))
                p.addResult(std::move(v));
        }));
    }
}

void WorkbenchDocument::recomputeOverview()
{
    if (!m_loaded.model)
        return;
    const CancelFlag cancelled = replaceFlag(m_cancelOverview);
    const LoadedModel loaded = m_loaded;
    const QuantSpec spec = m_spec;
    m_overviewWatcher->setFuture(QtConcurrent::run(jobPool(), [loaded, spec, cancelled](QPromise<std::vector<LayerOverview>>& p) {
        p.setProgressRange(0, static_cast<int>(loaded.layers.size()));
        std::vector<LayerOverview> out;
        for (const WeightLayer& l : loaded.layers) {
            if (*cancelled || p.isCanceled())
                return;
            LayerOverview o;
            if (const std::string thrown = runGuarded([&] { o = layerOverview(l, spec); }); !thrown.empty()) {
                o = LayerOverview{};
                o.name = l.name;
                o.warning = l.name + ": " + thrown;
            }
            out.push_back(std::move(o));
            p.setProgressValue(static_cast<int>(out.size()));
        }
        p.addResult(std::move(out));
    }));
}

bool WorkbenchDocument::setTestSet(const QString& path, QString* error)
{
    if (!m_loaded.model) {
        m_testSet.path = path; // opened with the model
        return true;
    }
    const std::filesystem::path data = path.toStdString();
    auto d = openDataset(data, inputShapeOf(*m_loaded.model));
    if (!d) {
        *error = QString::fromStdString(d.error());
        return false;
    }
    TestSet t;
    if (m_testSet.preFromUser) {
        t.pre = m_testSet.pre;
        t.preFromUser = true;
    } else {
        auto pre = preprocessingFor(*m_loaded.model, datasetCardFor(data));
        if (!pre) {
            *error = QString::fromStdString(pre.error());
            m_refusedTestSet = path; // the data is fine; this model's preprocessing is not
            return false;
        }
        t.pre = *pre;
    }
    t.path = path;
    t.images = (*d)->size();
    t.description = tr("%1, %2 images").arg(QString::fromStdString((*d)->description())).arg(t.images);
    t.classes = classNamesFromMetadata(*m_loaded.model);
    if (t.classes.empty())
        t.classes = (*d)->classNames();
    m_testSet = std::move(t);
    m_defaultTestSet.clear();
    m_refusedTestSet.clear();
    m_grouping->setClasses(m_testSet.classes);
    evaluationInputChanged();
    return true;
}

bool WorkbenchDocument::setPreprocessing(const QString& mean, const QString& std, QString* error)
{
    auto m = parseFloatList(mean.toStdString(), "mean");
    auto s = parseFloatList(std.toStdString(), "std");
    if (!m || !s) {
        *error = QString::fromStdString(!m ? m.error() : s.error());
        return false;
    }
    for (float v : *s)
        if (!(v > 0) || !std::isfinite(v)) {
            *error = tr("std: every value must be a positive number");
            return false;
        }
    if (m_loaded.model) {
        const int64_t channels = inputShapeOf(*m_loaded.model).channels;
        for (const auto* list : {&*m, &*s})
            if (list->size() != 1 && channels > 0 && static_cast<int64_t>(list->size()) != channels) {
                *error = tr("mean and std need 1 or %1 values (one per input channel)").arg(channels);
                return false;
            }
    }
    m_testSet.pre.mean = *m;
    m_testSet.pre.std = *s;
    m_testSet.pre.source = tr("set by the user").toStdString();
    m_testSet.preFromUser = true;
    evaluationInputChanged();
    return true;
}

void WorkbenchDocument::evaluationInputChanged()
{
    stopSweep(); // its cells were measured on the previous test set or preprocessing
    m_fp32Eval.reset();
    Q_EMIT confusionReady(ConfusionView{});
    m_sweeps.clear();
    showSweep();
    Q_EMIT testSetChanged(m_testSet);
    reevaluate();
    updatePlanEvaluation();
}

void WorkbenchDocument::updatePlanEvaluation()
{
    if (!m_loaded.model)
        return;
    if (hasTestSet())
        m_plan->setEvaluation(sweepInput(), m_testSet.classes, m_testSet.images);
    else
        m_plan->setEvaluation(std::nullopt, {}, 0);
}

SweepInput WorkbenchDocument::sweepInput() const
{
    SweepInput in;
    in.model = m_loaded.model;
    in.layers = m_loaded.layers;
    const std::filesystem::path data = m_testSet.path.toStdString();
    in.openData = [data, shape = inputShapeOf(*m_loaded.model)] { return openDataset(data, shape); };
    in.pre = m_testSet.pre;
    in.options.limit = m_evalLimit;
    return in;
}

void WorkbenchDocument::reevaluate()
{
    if (!m_loaded.model || !hasTestSet())
        return;
    const CancelFlag cancelled = replaceFlag(m_cancelEval);
    const SweepInput in = sweepInput();
    const bool needFp32 = !m_fp32Eval.has_value();
    const QuantSpec spec = m_spec;
    auto error = m_evalError = std::make_shared<std::string>();
    m_evalWatcher->setFuture(QtConcurrent::run(&m_evaluationPool, [in, needFp32, spec, cancelled, error](QPromise<AccuracyCell>& p) {
        const std::string thrown = runGuarded([&] {
            std::vector<QuantSpec> specs;
            if (needFp32)
                specs.push_back({spec.scheme, spec.granularity, kFp32Bits});
            specs.push_back(spec);
            p.setProgressRange(0, 1000);
            for (size_t i = 0; i < specs.size(); ++i) {
                auto cell = evaluatePlan(in, Plan::uniform(specs[i]), [&](int64_t done, int64_t total) {
                    p.setProgressValue(static_cast<int>(1000 * (static_cast<double>(i) + static_cast<double>(done) / std::max<int64_t>(total, 1)) /
                                                        static_cast<double>(specs.size())));
                    return !*cancelled && !p.isCanceled();
                });
                if (*cancelled || p.isCanceled())
                    return;
                if (!cell) {
                    *error = cell.error();
                    return;
                }
                p.addResult(std::move(*cell));
            }
        });
        if (!thrown.empty())
            *error = thrown;
    }));
    Q_EMIT confusionPending(QString::fromStdString(seriesLabel(spec)));
}

void WorkbenchDocument::runSweep()
{
    if (!m_loaded.model)
        return;
    if (!hasTestSet()) {
        Q_EMIT jobFailed(tr("Choose a test set first (File ▸ Choose Test Set…, Ctrl+D)."));
        return;
    }
    const CancelFlag cancelled = replaceFlag(m_cancelSweep);
    const SweepInput in = sweepInput();
    const std::vector<Scheme> schemes = m_compared;
    const Granularity g = m_spec.granularity;
    const std::vector<int> bits{2, 3, 4, 5, 6, 7, 8};
    const bool skipFp32 = m_fp32Eval.has_value();
    AccuracyTable& table = m_sweeps[g] = {};
    table.granularity = g;
    table.schemes = schemes;
    table.bits = bits;
    table.fp32 = m_fp32Eval;
    m_sweepGranularity = g;
    showSweep();
    auto error = m_sweepError = std::make_shared<std::string>();
    m_sweepWatcher->setFuture(QtConcurrent::run(&m_evaluationPool, [in, schemes, bits, g, skipFp32, cancelled, error](QPromise<AccuracyCell>& p) {
        p.setProgressRange(0, 1000);
        const std::string thrown = runGuarded([&] {
            auto r = runAccuracySweep(
                in, schemes, bits, g, skipFp32, [&](const AccuracyCell& c) { p.addResult(c); },
                [&](int64_t done, int64_t total) {
                    p.setProgressValue(static_cast<int>(1000 * done / std::max<int64_t>(total, 1)));
                    return !*cancelled && !p.isCanceled();
                });
            if (!r && !*cancelled)
                *error = r.error();
        });
        if (!thrown.empty())
            *error = thrown;
    }));
}

} // namespace bitlens

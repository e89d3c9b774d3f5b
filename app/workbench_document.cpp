#include "workbench_document.h"

#include <model/onnx_loader.h>

#include <QtConcurrent/QtConcurrentRun>

namespace bitlens {

WorkbenchDocument::WorkbenchDocument(QObject* parent)
    : QObject(parent), m_loadWatcher(new QFutureWatcher<LoadedModel>(this)),
      m_overviewWatcher(new QFutureWatcher<std::vector<LayerOverview>>(this))
{
    connect(m_loadWatcher, &QFutureWatcherBase::finished, this, [this] {
        if (m_loadWatcher->isCanceled() || m_loadWatcher->future().resultCount() == 0) {
            Q_EMIT loadFailed(tr("Loading was cancelled."));
            Q_EMIT idle();
            return;
        }
        LoadedModel result = m_loadWatcher->result();
        if (!result.error.isEmpty()) {
            Q_EMIT loadFailed(result.error);
            Q_EMIT idle();
            return;
        }
        m_loaded = std::move(result);
        Q_EMIT modelLoaded(m_path);
        recomputeOverview();
    });
    connect(m_overviewWatcher, &QFutureWatcherBase::progressValueChanged, this, [this](int v) {
        Q_EMIT progress(v, m_overviewWatcher->progressMaximum(), tr("Quantizing layers"));
    });
    connect(m_overviewWatcher, &QFutureWatcherBase::finished, this, [this] {
        if (!m_overviewWatcher->isCanceled() && m_overviewWatcher->future().resultCount() > 0)
            Q_EMIT overviewReady(m_overviewWatcher->result());
        if (!busy())
            Q_EMIT idle();
    });
}

WorkbenchDocument::~WorkbenchDocument()
{
    cancel();
    m_loadWatcher->waitForFinished();
    m_overviewWatcher->waitForFinished();
}

bool WorkbenchDocument::busy() const { return m_loadWatcher->isRunning() || m_overviewWatcher->isRunning(); }

void WorkbenchDocument::cancel()
{
    if (m_cancelOverview)
        *m_cancelOverview = true;
    m_overviewWatcher->cancel();
}

void WorkbenchDocument::openModel(const QString& path)
{
    cancel();
    m_path = path;
    Q_EMIT progress(0, 0, tr("Loading %1").arg(path));
    m_loadWatcher->setFuture(QtConcurrent::run([path](QPromise<LoadedModel>& promise) {
        LoadedModel lm;
        auto model = loadOnnxModel(path.toStdString());
        if (!model) {
            lm.error = QString::fromStdString(model.error());
            promise.addResult(std::move(lm));
            return;
        }
        lm.model = std::make_shared<const Model>(std::move(*model));
        lm.layers = findWeightLayers(*lm.model);
        promise.addResult(std::move(lm));
    }));
}

void WorkbenchDocument::setSpec(const QuantSpec& spec)
{
    if (spec == m_spec)
        return;
    m_spec = spec;
    recomputeOverview();
}

void WorkbenchDocument::recomputeOverview()
{
    if (!m_loaded.model)
        return;
    if (m_cancelOverview)
        *m_cancelOverview = true; // the latest request wins
    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    m_cancelOverview = cancelled;
    const LoadedModel loaded = m_loaded;
    const QuantSpec spec = m_spec;
    m_overviewWatcher->setFuture(QtConcurrent::run([loaded, spec, cancelled](QPromise<std::vector<LayerOverview>>& p) {
        p.setProgressRange(0, static_cast<int>(loaded.layers.size()));
        std::vector<LayerOverview> out;
        for (const WeightLayer& l : loaded.layers) {
            if (*cancelled || p.isCanceled())
                return;
            out.push_back(layerOverview(l, spec));
            p.setProgressValue(static_cast<int>(out.size()));
        }
        p.addResult(std::move(out));
    }));
}

} // namespace bitlens

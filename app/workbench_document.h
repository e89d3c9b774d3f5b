#pragma once
// The open model and the current quantization setting; loads and computes in the background
// (QtConcurrent), the latest request wins. Widgets never see it: MainWindow passes its results on.
#include <model/model.h>
#include <model/weights.h>
#include <quant/layer_overview.h>

#include <QFutureWatcher>
#include <QObject>

#include <atomic>
#include <memory>

namespace bitlens {

struct LoadedModel
{
    std::shared_ptr<const Model> model;
    std::vector<WeightLayer> layers;
    QString error; // set instead of model when loading failed
};

class WorkbenchDocument : public QObject
{
    Q_OBJECT
public:
    explicit WorkbenchDocument(QObject* parent = nullptr);
    ~WorkbenchDocument() override;

    void openModel(const QString& path);
    void setSpec(const QuantSpec& spec);
    QuantSpec spec() const { return m_spec; }
    QString modelPath() const { return m_path; }
    const LoadedModel& loaded() const { return m_loaded; }
    bool busy() const;
    void cancel();

Q_SIGNALS:
    void modelLoaded(const QString& path);
    void loadFailed(const QString& message);
    void overviewReady(const std::vector<bitlens::LayerOverview>& layers);
    void progress(int done, int total, const QString& what);
    void idle();

private:
    void recomputeOverview();

    QString m_path;
    LoadedModel m_loaded;
    QuantSpec m_spec{Scheme::Asymmetric, Granularity::PerChannel, 8};
    QFutureWatcher<LoadedModel>* m_loadWatcher;
    QFutureWatcher<std::vector<LayerOverview>>* m_overviewWatcher;
    std::shared_ptr<std::atomic<bool>> m_cancelOverview;
};

} // namespace bitlens

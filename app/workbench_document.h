#pragma once
// The open model, the test set, the current quantization setting and the selected layer, and the
// background jobs that compute what the views show: loading, the layer list, the selected layer's
// views (cached), the accuracy sweep and the FP32-vs-quantized evaluation. Each job runs with
// QtConcurrent, reports progress and can be cancelled; the latest request wins. Widgets never see
// the document: MainWindow passes its results on.
#include <model/data/preprocessing.h>
#include <model/model.h>
#include <model/weights.h>
#include <quant/accuracy_sweep.h>
#include <quant/confusion_view.h>
#include <quant/layer_overview.h>
#include <quant/layer_views.h>

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <list>
#include <map>
#include <memory>

namespace bitlens {

struct LoadedModel
{
    std::shared_ptr<const Model> model;
    std::vector<WeightLayer> layers;
    std::string sha256; // of the model file, lower-case hex (plans and projects record it)
    QString error; // set instead of model when loading failed
};

// The labelled test set and how its images are turned into model inputs.
struct TestSet
{
    QString path;        // a folder, file or dataset card (DESIGN.md "Command line", DATA)
    QString description; // "IDX …, 10000 images"
    int64_t images = 0;
    Preprocessing pre;
    bool preFromUser = false;
    std::vector<std::string> classes;
};

class GroupingDocument;
class PlanDocument;

class WorkbenchDocument : public QObject
{
    Q_OBJECT
public:
    explicit WorkbenchDocument(QObject* parent = nullptr);
    ~WorkbenchDocument() override;

    void openModel(const QString& path);
    QString modelPath() const { return m_path; }
    const LoadedModel& loaded() const { return m_loaded; }

    // The quantization setting the views show (FP32 is always the reference).
    void setSpec(const QuantSpec& spec);
    QuantSpec spec() const { return m_spec; }
    // Schemes compared in the quartile plot, the histograms, the sweep and the efficiency curves.
    void setCompared(const std::vector<Scheme>& schemes);
    const std::vector<Scheme>& compared() const { return m_compared; }
    void setHistogramBins(int bins); // 0: DESIGN.md's default
    int histogramBins() const { return m_bins; }
    void selectLayer(const QString& name);
    QString selectedLayer() const { return QString::fromStdString(m_selected); }

    // Opens DATA for the loaded model; false with *error naming the file when it cannot be read.
    bool setTestSet(const QString& path, QString* error);
    // Replaces the preprocessing (mean/std lists); false with *error when malformed.
    bool setPreprocessing(const QString& mean, const QString& std, QString* error);
    const TestSet& testSet() const { return m_testSet; }
    bool hasTestSet() const { return !m_testSet.path.isEmpty(); }
    // The test set a model opens with: Debian's full Fashion-MNIST for the bundled sample when
    // installed, else the sample's own 2,000 images; for other models none until the user picks.
    void setDefaultTestSet(const QString& path) { m_defaultTestSet = path; }
    void setEvaluationLimit(int64_t images) { m_evalLimit = images; } // -1: all (tests use fewer)
    int64_t evaluationLimit() const { return m_evalLimit; }

    // The accuracy sweep (the paper's Table 1): compared schemes x bits 2..8 at the current
    // granularity, FP32 first, filled progressively. Every sweep is kept, one per granularity, until
    // the model, the test set or its preprocessing changes; changing the toolbar's granularity shows
    // that granularity's sweep (empty when none was run) and lets a running sweep finish.
    void runSweep();
    bool sweepRunning() const;
    const AccuracyTable& accuracyTable() const { return m_table; } // the toolbar granularity's
    bool hasSweep(Granularity g) const { return m_sweeps.count(g) != 0; }

    // The plan being edited, with its undo stack and jobs; follows the model and the test set.
    PlanDocument* planDocument() const { return m_plan; }
    // The class groups being edited, on the plan's undo stack; follows the model and the test set.
    GroupingDocument* groupingDocument() const { return m_grouping; }
    // How to evaluate on the current test set (model, layers, data, preprocessing, limit).
    SweepInput sweepInput() const;

    bool busy() const;
    void cancel();

Q_SIGNALS:
    void modelLoaded(const QString& path);
    void loadFailed(const QString& message);
    void overviewReady(const std::vector<bitlens::LayerOverview>& layers);
    void layerViewsReady(const bitlens::LayerViews& views);
    void testSetChanged(const bitlens::TestSet& testSet);
    void accuracyTableChanged(const bitlens::AccuracyTable& table);
    void confusionReady(const bitlens::ConfusionView& view);
    // The confusion of `setting` ("4-bit asymmetric per-channel") is being evaluated.
    void confusionPending(const QString& setting);
    void jobFailed(const QString& message);
    void progress(int done, int total, const QString& what);
    void idle();

private:
    static constexpr int kMainParts = PartQuartiles | PartHistograms | PartChannelSqnr; // the fast views job
    void stopSweep();
    void showSweep(); // m_table from m_sweeps after the granularity or a sweep changed
    void clearResults(); // empty views and confusion, e.g. for a new model
    void recomputeOverview();
    void recomputeViews();
    void reevaluate();
    void finishedOne();
    void updatePlanEvaluation();
    // The test set or its preprocessing changed: every accuracy measured so far is dropped and
    // re-measured (the confusion view, the sweep's table, the plan's evaluation).
    void evaluationInputChanged();
    std::string viewKey(int parts) const;
    const LayerViews* cachedViews(const std::string& key) const;
    void cacheViews(const std::string& key, const LayerViews& v);
    ViewRequest viewRequest() const;

    QString m_path;
    LoadedModel m_loaded;
    QuantSpec m_spec{Scheme::Asymmetric, Granularity::PerChannel, 8};
    std::vector<Scheme> m_compared;
    int m_bins = 0;
    std::string m_selected;
    TestSet m_testSet;
    QString m_defaultTestSet;
    // The test set last asked for when the model then open could not use it (its preprocessing
    // metadata was broken): the next model tries it again rather than forgetting it.
    QString m_refusedTestSet;
    int64_t m_evalLimit = -1;
    int64_t m_modelGeneration = 0; // part of every view key: a reopened model is a new model
    AccuracyTable m_table;                          // shown: m_sweeps' entry for m_spec.granularity
    std::map<Granularity, AccuracyTable> m_sweeps; // every sweep run on this model and test set
    Granularity m_sweepGranularity = Granularity::PerChannel; // of the running sweep
    std::optional<AccuracyCell> m_fp32Eval; // for the current test set and preprocessing

    PlanDocument* m_plan;
    GroupingDocument* m_grouping = nullptr;
    QThreadPool m_evaluationPool;
    QFutureWatcher<LoadedModel>* m_loadWatcher;
    QFutureWatcher<std::vector<LayerOverview>>* m_overviewWatcher;
    QFutureWatcher<LayerViews>* m_viewsWatcher;
    QFutureWatcher<LayerViews>* m_efficiencyWatcher;
    QFutureWatcher<AccuracyCell>* m_sweepWatcher;
    QFutureWatcher<AccuracyCell>* m_evalWatcher;
    // One flag per running job; setting it tells the job's loop to stop (the latest request wins).
    std::shared_ptr<std::atomic<bool>> m_cancelOverview, m_cancelViews, m_cancelEfficiency, m_cancelSweep, m_cancelEval;
    std::shared_ptr<std::string> m_sweepError, m_evalError; // written by the job, read when it finished
    std::list<std::pair<std::string, LayerViews>> m_viewCache; // most recent first
    std::string m_viewsKey, m_efficiencyKey;                   // what the running view jobs compute
};

} // namespace bitlens

#pragma once
// The mixed-precision plan being edited and everything computed from it: the QUndoStack of edits,
// the plan table's rows and the plan's size (at once, per changed layer), the re-evaluation after
// each edit (a subset estimate first, then the whole test set, from cached activations), the
// one-layer-at-a-time sensitivity, the per-layer activation distance of the whole plan, proposals
// for a size budget and the accuracy-vs-size points of every plan seen. Jobs run on their own
// threads with progress and cancellation; the latest request wins.
#include <quant/accuracy_sweep.h>
#include <quant/confusion_view.h>
#include <quant/plan_evaluator.h>
#include <quant/plan_search.h>
#include <quant/plan_views.h>

#include <QFutureWatcher>
#include <QObject>
#include <QThreadPool>
#include <QTimer>

#include <atomic>
#include <map>
#include <memory>
#include <optional>

class QUndoStack;

namespace bitlens {

struct LayerEntryChange;

// One evaluation of the plan being edited, with what it is compared to.
struct PlanScore
{
    double top1 = 0, top5 = 0;
    int64_t images = 0, totalImages = 0;
    bool subset = false; // a first estimate on the first images
    int64_t weightBits = 0;
    std::optional<double> fp32Top1, fp32Top5;
    std::optional<double> previousTop1, previousTop5; // the plan before the last edit (whole test set)
    PlanEvalStats stats;
    // Changes in points of accuracy (nullopt when there is nothing to compare with).
    std::optional<double> top1VsFp32() const { return fp32Top1 ? std::optional(top1 - *fp32Top1) : std::nullopt; }
    std::optional<double> top5VsFp32() const { return fp32Top5 ? std::optional(top5 - *fp32Top5) : std::nullopt; }
    std::optional<double> top1VsPrevious() const { return previousTop1 ? std::optional(top1 - *previousTop1) : std::nullopt; }
    std::optional<double> top5VsPrevious() const { return previousTop5 ? std::optional(top5 - *previousTop5) : std::nullopt; }
};

// What an evaluation job reports: FP32 once, then the subset estimate, then the whole test set.
struct PlanJobResult
{
    enum Kind { Fp32, Subset, Full } kind = Full;
    AccuracyCell cell;
    PlanEvalStats stats;
    Plan plan;
};

enum class PlanPreset { All8Bit, All4BitPerChannel, FirstLast8Bit };

class PlanDocument : public QObject
{
    Q_OBJECT
public:
    explicit PlanDocument(QObject* parent = nullptr);
    ~PlanDocument() override;

    // The model's layers and, when a test set is chosen, how to evaluate (nullopt: sizes only).
    // A new model starts a new plan (8-bit asymmetric per-channel) and an empty undo stack.
    void setModel(const std::vector<WeightLayer>& layers, const std::string& sha256);
    void setEvaluation(std::optional<SweepInput> input, std::vector<std::string> classes, int64_t images);
    const std::vector<WeightLayer>& layers() const { return m_layers; }

    const Plan& plan() const { return m_plan; }
    QUndoStack* undoStack() const { return m_undo; }

    // Edits, each one undo step.
    // Sets the layers to `spec` (nullopt: back to the plan's defaults); dragSerial != 0 merges the
    // steps of one slider drag.
    void setLayers(const std::vector<std::string>& layers, const std::optional<QuantSpec>& spec, int dragSerial = 0);
    void setDefaults(const QuantSpec& spec);
    void applyPreset(PlanPreset preset);
    // Replaces the whole plan in one step (an imported or proposed plan); named by `text`.
    void applyPlan(const Plan& plan, const QString& text);
    // A project's plan: no undo step, the stack starts clean.
    void loadPlan(const Plan& plan);

    // For the undo commands: change the state, then planEdited() asks for the recomputes.
    void setLayerEntry(const std::string& layer, const std::optional<QuantSpec>& spec);
    void setDefaultsEntry(const QuantSpec& spec);
    void planEdited();

    const std::vector<PlanLayerRow>& rows() const { return m_rows; }
    PlanSize size() const { return planSize(m_rows); }
    const std::optional<PlanScore>& score() const { return m_score; }
    ParetoView paretoView() const;
    const std::optional<SensitivityReport>& sensitivity() const { return m_sensitivity; }

    // Background jobs.
    // Evaluates the current plan again (after Esc stopped it, or to refresh).
    void evaluate();
    void runSensitivity(const QuantSpec& spec);
    void measureDistances();
    // One proposal for a budget (weight bits), applied as an undo step; or a curve of proposals at
    // several budgets (weight bits; by default proposalCurveBudgets: every uniform width from 2 to 8
    // bits), shown on the Pareto view.
    void propose(int64_t budgetBits, Scheme scheme, Granularity granularity);
    void proposeCurve(Scheme scheme, Granularity granularity);
    void proposeCurveAt(const std::vector<int64_t>& budgetBits, Scheme scheme, Granularity granularity);
    // The uniform plans measured by the accuracy sweep, shown as points on the Pareto view.
    void setUniformResults(const AccuracyTable& table);
    void setCacheBudgetMb(int mb);
    int cacheBudgetMb() const { return m_cacheBudgetMb; }
    // Subset size for the first estimate: -1 (default) adapts it to the last full evaluation's
    // speed; 0: none; N: the first N images (tests).
    void setSubsetImages(int64_t images) { m_subsetImages = images; }

    bool busy() const;
    bool evaluating() const;
    int64_t parameterCount() const; // weights of every layer
    void cancel();

Q_SIGNALS:
    void planChanged(const bitlens::Plan& plan);
    void rowsChanged(const std::vector<bitlens::PlanLayerRow>& rows, const bitlens::PlanSize& size);
    void scoreChanged(const bitlens::PlanScore& score);
    void scoreCleared(); // the plan changed; its accuracy is on its way
    void evaluationStopped(); // cancelled before the whole test set was done
    void confusionReady(const bitlens::ConfusionView& view);
    void sensitivityChanged(const bitlens::SensitivityView& view);
    void distancesChanged(const bitlens::PlanDistanceView& view);
    void paretoChanged(const bitlens::ParetoView& view);
    void proposalApplied(const QString& summary);
    void jobFailed(const QString& message);
    void progress(int done, int total, const QString& what);
    void idle();

private:
    void recomputeRows();
    void publishRows();
    void reevaluate();
    void finishedOne();
    void addPoint(ParetoPoint point);
    void onEvaluation(const PlanJobResult& r);
    bool requireTestSet(); // false, with a message, when there is no test set
    int64_t subsetSize(int64_t images) const;

    std::vector<WeightLayer> m_layers;
    std::string m_sha256;
    std::optional<SweepInput> m_input;
    std::vector<std::string> m_classes;
    int64_t m_images = 0; // in the test set
    Plan m_plan;
    QUndoStack* m_undo;
    int m_cacheBudgetMb = 1024;
    int64_t m_subsetImages = -1;
    double m_lastFullSeconds = 0;

    std::map<std::string, PlanLayerRow> m_rowCache; // by layer and setting
    std::vector<PlanLayerRow> m_rows;
    std::optional<SensitivityReport> m_sensitivity;
    std::optional<PlanDistanceView> m_distances; // of the current plan; cleared by an edit
    std::shared_ptr<IncrementalEvaluator> m_evaluator;
    std::optional<AccuracyCell> m_fp32;
    std::optional<PlanScore> m_score;
    std::optional<std::pair<Plan, PlanScore>> m_lastFull, m_previousFull;
    std::vector<ParetoPoint> m_points; // proposals and the user's plans
    AccuracyTable m_uniform;
    QTimer m_evalDelay; // coalesces bursts of edits (a slider drag) into one evaluation

    QThreadPool m_pool;
    QFutureWatcher<std::vector<PlanLayerRow>>* m_rowsWatcher;
    QFutureWatcher<PlanJobResult>* m_evalWatcher;
    QFutureWatcher<SensitivityReport>* m_sensitivityWatcher;
    QFutureWatcher<PlanDistanceView>* m_distanceWatcher;
    QFutureWatcher<Proposal>* m_proposalWatcher;
    std::shared_ptr<std::atomic<bool>> m_cancelRows, m_cancelEval, m_cancelSensitivity, m_cancelDistance, m_cancelProposal;
    std::shared_ptr<std::string> m_evalError, m_sensitivityError, m_distanceError, m_proposalError;
    bool m_applyProposal = false; // a single proposal is applied; a curve only adds points
};

} // namespace bitlens

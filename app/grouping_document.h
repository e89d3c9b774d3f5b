#pragma once
// The class hierarchy being edited and what is computed from it: the grouped confusion and grouped
// accuracy of FP32 and of the plan beside the ungrouped ones, the dendrogram of suggested groups
// (by the plan's confusion, or data-free by the last layer's weights) with its cut, and the paper's
// Table 2 from the accuracy sweep. Edits are named undo steps on the plan's QUndoStack, so Ctrl+Z
// walks back through plan and group edits alike, and the project's unsaved state covers both.
#include <model/weights.h>
#include <quant/accuracy_sweep.h>
#include <quant/class_clustering.h>
#include <quant/confusion_view.h>
#include <quant/grouping_table.h>

#include <QFutureWatcher>
#include <QObject>

#include <optional>

class QUndoStack;

namespace bitlens {

// Grouped and ungrouped top-1 of FP32 and of the plan (trace(CG)/N, DESIGN.md "Class grouping").
struct GroupedScore
{
    int64_t images = 0;
    int groups = 0, classes = 0;
    double fp32Top1 = 0, fp32GroupedTop1 = 0;
    double planTop1 = 0, planGroupedTop1 = 0;
    std::string planLabel;
};

enum class ClusterMeasure { Confusion, Weights };

class GroupingDocument : public QObject
{
    Q_OBJECT
public:
    GroupingDocument(QUndoStack* undo, QObject* parent = nullptr);
    ~GroupingDocument() override;

    // The model's weight layers (the last one gives the data-free similarity).
    void setLayers(const std::vector<WeightLayer>& layers);
    // The class names of the model or test set. A different number of classes starts flat groups.
    void setClasses(const std::vector<std::string>& classes);
    const ClassGroups& groups() const { return m_groups; }
    Grouping grouping() const { return groupingOf(m_groups); }
    // True when there is something to save: a group or a cut.
    bool hasGroups() const { return !m_groups.cut.empty() || hasInnerNodes(); }

    // Edits, each one undo step; a refused edit is reported through editRefused().
    void addGroup(const std::string& parent, const std::vector<NodeRef>& members);
    void moveNodes(const std::vector<NodeRef>& nodes, const std::string& target);
    void renameGroup(const std::string& from, const std::string& to);
    void removeGroup(const std::string& name);
    void setInCut(const std::string& name, bool inCut);
    // Replaces every group in one step (a dendrogram cut, an imported file); named by `text`.
    void applyGroups(const ClassGroups& groups, const QString& text);
    // The dendrogram's current cut as groups, one undo step.
    void useDendrogramCut();
    // A project's groups: no undo step. False (with *error) if they do not fit the classes.
    bool loadGroups(const ClassGroups& groups, QString* error);
    bool importGroups(const QString& path, QString* error);
    bool exportGroups(const QString& path, QString* error) const;

    // For the undo command.
    void setGroupsState(const ClassGroups& groups);

    // Inputs: the plan's confusion against FP32 (the plan editor's evaluation) and the sweep.
    void setConfusion(const ConfusionView& view);
    void setAccuracyTable(const AccuracyTable& table);
    void setTableBits(int bits);
    int tableBits() const { return m_tableBits; }
    // The dendrogram: the measure to cluster by, and where to cut it (similarity).
    void setMeasure(ClusterMeasure measure);
    ClusterMeasure measure() const { return m_measure; }
    void setCut(double similarity);
    std::optional<double> suggestedCut() const;
    const std::optional<DendrogramView>& dendrogram() const { return m_dendrogram; }
    const std::optional<GroupedScore>& score() const { return m_score; }
    const std::vector<GroupedAccuracyRow>& table() const { return m_table; }
    bool busy() const;

Q_SIGNALS:
    void groupsChanged(const bitlens::ClassGroups& groups);
    void editRefused(const QString& message);
    void groupedConfusionReady(const bitlens::ConfusionView& grouped, const bitlens::GroupedScore& score);
    void groupedUnavailable(const QString& why);
    void recallChanged(const std::vector<double>& recall);
    void dendrogramChanged(const bitlens::DendrogramView& view);
    void dendrogramUnavailable(const QString& why);
    void tableChanged(const std::vector<bitlens::GroupedAccuracyRow>& rows, int bits);

private:
    bool hasInnerNodes() const;
    void pushEdit(const Result<ClassGroups>& edited, const QString& text);
    void recomputeGrouped();
    void recomputeTable();
    void recluster();

    QUndoStack* m_undo;
    std::vector<WeightLayer> m_layers;
    ClassGroups m_groups;
    std::optional<ConfusionView> m_confusion;
    std::optional<GroupedScore> m_score;
    AccuracyTable m_accuracy;
    std::vector<GroupedAccuracyRow> m_table;
    int m_tableBits = 3;
    ClusterMeasure m_measure = ClusterMeasure::Confusion;
    std::optional<double> m_cut; // nullopt: the suggested cut
    std::optional<DendrogramView> m_dendrogram;
    struct ClusterResult
    {
        Dendrogram dendrogram;
        std::string error;
        int64_t generation = 0;
    };
    QFutureWatcher<ClusterResult>* m_clusterWatcher;
    int64_t m_clusterGeneration = 0;
};

} // namespace bitlens

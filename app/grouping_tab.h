#pragma once
// The class grouping tab: the class hierarchy editor (a tree: new group, rename, remove, drag
// classes and groups into groups, check the groups to evaluate), the dendrogram of suggested groups
// with its cut (click the plot or type a similarity; one click turns the cut into groups), the
// grouped confusion matrix with grouped accuracy beside the ungrouped, and the paper's Table 2.
// Takes plain data and emits requests; MainWindow passes them to the GroupingDocument.
#include <quant/class_clustering.h>
#include <quant/confusion_view.h>
#include <quant/grouping_table.h>

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QTableWidget;
class QTreeView;

namespace bitlens {

class ConfusionPlot;
class DendrogramPlot;
class GroupTreeModel;
struct GroupedScore;

class GroupingTab : public QWidget
{
    Q_OBJECT
public:
    explicit GroupingTab(QWidget* parent = nullptr);

    void setGroups(const ClassGroups& groups);
    void setRecall(const std::vector<double>& recall);
    void setGroupedConfusion(const ConfusionView& grouped, const GroupedScore& score);
    void clearGroupedConfusion(const QString& why);
    void setDendrogram(const DendrogramView& view);
    void setDendrogramMessage(const QString& text);
    void setTable(const std::vector<GroupedAccuracyRow>& rows, int bits);
    void setSweepRunning(bool running);

    GroupTreeModel* model() const { return m_model; }
    QTreeView* tree() const { return m_tree; }
    DendrogramPlot* dendrogramPlot() const { return m_dendrogram; }
    ConfusionPlot* confusionPlot() const { return m_confusion; }
    QTableWidget* table() const { return m_table; }
    // The selected classes and groups (in tree order).
    std::vector<NodeRef> selectedNodes() const;

Q_SIGNALS:
    void newGroupRequested(const std::string& parent, const std::vector<bitlens::NodeRef>& members);
    void removeRequested(const std::string& group);
    void measureChanged(int measure); // ClusterMeasure
    void cutChanged(double similarity);
    void useCutRequested();
    void tableBitsChanged(int bits);
    void runSweepRequested();
    void importRequested();
    void exportRequested();

private:
    QWidget* createTreePanel();
    QWidget* createDendrogramPanel();
    QWidget* createTablePanel();
    QWidget* createResultsPanel();

    GroupTreeModel* m_model;
    QTreeView* m_tree = nullptr;
    DendrogramPlot* m_dendrogram = nullptr;
    QComboBox* m_measure = nullptr;
    QDoubleSpinBox* m_cut = nullptr;
    QPushButton* m_useCut = nullptr;
    QLabel* m_dendrogramMessage = nullptr;
    QLabel* m_score = nullptr;
    ConfusionPlot* m_confusion = nullptr;
    QComboBox* m_tableBits = nullptr;
    QPushButton* m_runSweep = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace bitlens

#pragma once
// The class hierarchy as a tree: groups (named, checkable: checked groups form the cut that is
// evaluated) holding classes and other groups. Drag classes or groups onto a group to move them;
// double-click or F2 on a group renames it. The document owns the groups: every edit is reported
// through a signal and comes back through setGroups(); the model never changes its tree on its own.
#include <quant/class_groups.h>

#include <QAbstractItemModel>

#include <vector>

namespace bitlens {

class GroupTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Name, Classes, Recall, ColumnCount };
    static constexpr const char* kMimeType = "application/x-bitlens-class-nodes";

    explicit GroupTreeModel(QObject* parent = nullptr);
    void setGroups(const ClassGroups& groups);
    const ClassGroups& groups() const { return m_groups; }
    // Per-class recall of the model being grouped, shown beside each class (empty: none).
    void setRecall(const std::vector<double>& recall);

    // The node an index shows (invalid index: the root group).
    NodeRef nodeAt(const QModelIndex& index) const;
    // The index of a group by name, or of a class (invalid when absent).
    QModelIndex indexOf(const NodeRef& node) const;
    // The group an item belongs to for a drop or a new group: a group itself, a class's parent.
    std::string groupAt(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::DropActions supportedDropActions() const override { return Qt::MoveAction; }
    Qt::DropActions supportedDragActions() const override { return Qt::MoveAction; }
    QStringList mimeTypes() const override;
    QMimeData* mimeData(const QModelIndexList& indexes) const override;
    bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                         const QModelIndex& parent) const override;
    bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                      const QModelIndex& parent) override;

    // The nodes a mime payload names (for tests and drops).
    static std::vector<NodeRef> nodesFromMime(const QMimeData* data);

Q_SIGNALS:
    void renameRequested(const QString& from, const QString& to);
    void cutRequested(const QString& group, bool inCut);
    // Queued after the drop returns, so the view finishes its drag before the tree is replaced.
    void moveRequested(const std::vector<bitlens::NodeRef>& nodes, const QString& targetGroup);

private:
    struct Item
    {
        const GroupNode* node;
        int parent; // item index, -1 for the root
        int row;    // within the parent
        std::vector<int> children;
        int classCount = 0; // classes below a group
    };
    int itemOf(const QModelIndex& index) const; // 0 (the root) for an invalid index
    int build(const GroupNode& node, int parent, int row);

    ClassGroups m_groups;
    std::vector<Item> m_items; // m_items[0] is the root group, which the view does not show as a row
    std::vector<double> m_recall;
};

} // namespace bitlens

#include "group_tree_model.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QFont>
#include <QMimeData>

#include <algorithm>

namespace bitlens {

GroupTreeModel::GroupTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

void GroupTreeModel::setGroups(const ClassGroups& groups)
{
    beginResetModel();
    m_groups = groups;
    m_items.clear();
    build(m_groups.tree, -1, 0);
    endResetModel();
}

void GroupTreeModel::setRecall(const std::vector<double>& recall)
{
    m_recall = recall;
    for (size_t i = 1; i < m_items.size(); ++i) {
        const QModelIndex cell = createIndex(m_items[i].row, Recall, static_cast<quintptr>(i));
        Q_EMIT dataChanged(cell, cell, {Qt::DisplayRole});
    }
}

int GroupTreeModel::build(const GroupNode& node, int parent, int row)
{
    const int self = static_cast<int>(m_items.size());
    m_items.push_back({&node, parent, row, {}, node.classIndex >= 0 ? 1 : 0});
    for (size_t i = 0; i < node.children.size(); ++i) {
        const int child = build(node.children[i], self, static_cast<int>(i));
        m_items[static_cast<size_t>(self)].children.push_back(child);
        m_items[static_cast<size_t>(self)].classCount += m_items[static_cast<size_t>(child)].classCount;
    }
    return self;
}

int GroupTreeModel::itemOf(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<int>(index.internalId()) : 0;
}

NodeRef GroupTreeModel::nodeAt(const QModelIndex& index) const
{
    if (m_items.empty())
        return {};
    const GroupNode* n = m_items[static_cast<size_t>(itemOf(index))].node;
    return n->classIndex >= 0 ? NodeRef::ofClass(n->classIndex) : NodeRef::ofGroup(n->name);
}

QModelIndex GroupTreeModel::indexOf(const NodeRef& ref) const
{
    for (size_t i = 1; i < m_items.size(); ++i) {
        const GroupNode* n = m_items[i].node;
        if (ref.classIndex >= 0 ? n->classIndex == ref.classIndex : (n->classIndex < 0 && n->name == ref.group))
            return createIndex(m_items[i].row, 0, static_cast<quintptr>(i));
    }
    return {};
}

std::string GroupTreeModel::groupAt(const QModelIndex& index) const
{
    if (m_items.empty())
        return {};
    int i = itemOf(index);
    if (m_items[static_cast<size_t>(i)].node->classIndex >= 0)
        i = m_items[static_cast<size_t>(i)].parent;
    return m_items[static_cast<size_t>(i)].node->name;
}

QModelIndex GroupTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (m_items.empty() || column < 0 || column >= ColumnCount)
        return {};
    const Item& p = m_items[static_cast<size_t>(itemOf(parent))];
    if (row < 0 || row >= static_cast<int>(p.children.size()))
        return {};
    return createIndex(row, column, static_cast<quintptr>(p.children[static_cast<size_t>(row)]));
}

QModelIndex GroupTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid() || m_items.empty())
        return {};
    const int p = m_items[static_cast<size_t>(itemOf(child))].parent;
    if (p <= 0)
        return {};
    return createIndex(m_items[static_cast<size_t>(p)].row, 0, static_cast<quintptr>(p));
}

int GroupTreeModel::rowCount(const QModelIndex& parent) const
{
    if (m_items.empty() || parent.column() > 0)
        return 0;
    return static_cast<int>(m_items[static_cast<size_t>(itemOf(parent))].children.size());
}

int GroupTreeModel::columnCount(const QModelIndex&) const { return ColumnCount; }

QVariant GroupTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || m_items.empty())
        return {};
    const Item& item = m_items[static_cast<size_t>(itemOf(index))];
    const GroupNode& n = *item.node;
    const bool leaf = n.classIndex >= 0;
    const bool inCut = !leaf && std::find(m_groups.cut.begin(), m_groups.cut.end(), n.name) != m_groups.cut.end();
    const auto className = [&]() {
        return n.classIndex < static_cast<int>(m_groups.classes.size())
                   ? QString::fromStdString(m_groups.classes[static_cast<size_t>(n.classIndex)])
                   : QString::number(n.classIndex);
    };
    switch (role) {
    case Qt::DisplayRole:
        if (index.column() == Name)
            return leaf ? className() : QString::fromStdString(n.name);
        if (index.column() == Classes)
            return leaf ? QVariant(tr("class %1").arg(n.classIndex)) : QVariant(tr("%n class(es)", nullptr, item.classCount));
        if (index.column() == Recall && leaf && static_cast<size_t>(n.classIndex) < m_recall.size())
            return QStringLiteral("%1 %").arg(100 * m_recall[static_cast<size_t>(n.classIndex)], 0, 'f', 1);
        return {};
    case Qt::EditRole:
        return index.column() == Name && !leaf ? QVariant(QString::fromStdString(n.name)) : QVariant();
    case Qt::CheckStateRole:
        return index.column() == Name && !leaf ? QVariant(inCut ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::FontRole:
        if (inCut) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        if (leaf)
            return tr("%1 (class %2): drag it onto a group to move it").arg(className()).arg(n.classIndex);
        if (index.column() == Recall)
            return {};
        return tr("Group %1 with %n class(es). Checked groups are evaluated as one class each: grouped confusion "
                  "CG[g][h] = Σ_{i∈g, j∈h} C[i][j], grouped accuracy trace(CG)/N. A checked group wins over groups "
                  "checked inside it. F2 renames; drag to nest it in another group.",
                  nullptr, item.classCount)
            .arg(QString::fromStdString(n.name));
    default:
        return {};
    }
}

QVariant GroupTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Class or group");
    case Classes: return tr("Classes");
    case Recall: return tr("Recall");
    default: return {};
    }
}

Qt::ItemFlags GroupTreeModel::flags(const QModelIndex& index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled; // empty space: the root group
    const bool leaf = m_items[static_cast<size_t>(itemOf(index))].node->classIndex >= 0;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled;
    if (leaf)
        return f | Qt::ItemNeverHasChildren;
    f |= Qt::ItemIsDropEnabled;
    if (index.column() == Name)
        f |= Qt::ItemIsEditable | Qt::ItemIsUserCheckable;
    return f;
}

bool GroupTreeModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != Name)
        return false;
    const GroupNode& n = *m_items[static_cast<size_t>(itemOf(index))].node;
    if (n.classIndex >= 0)
        return false;
    if (role == Qt::EditRole) {
        const QString to = value.toString().trimmed();
        if (to != QString::fromStdString(n.name))
            Q_EMIT renameRequested(QString::fromStdString(n.name), to);
        return false; // the document renames; setGroups() brings it back
    }
    if (role == Qt::CheckStateRole) {
        Q_EMIT cutRequested(QString::fromStdString(n.name), value.toInt() == Qt::Checked);
        return false;
    }
    return false;
}

QStringList GroupTreeModel::mimeTypes() const { return {QString::fromLatin1(kMimeType)}; }

QMimeData* GroupTreeModel::mimeData(const QModelIndexList& indexes) const
{
    QJsonArray nodes;
    std::vector<int> seen;
    for (const QModelIndex& i : indexes) {
        const int item = itemOf(i);
        if (!i.isValid() || std::find(seen.begin(), seen.end(), item) != seen.end())
            continue;
        seen.push_back(item);
        const NodeRef r = nodeAt(i);
        nodes.append(r.classIndex >= 0 ? QJsonObject{{QStringLiteral("class"), r.classIndex}}
                                       : QJsonObject{{QStringLiteral("group"), QString::fromStdString(r.group)}});
    }
    auto* data = new QMimeData;
    data->setData(QString::fromLatin1(kMimeType), QJsonDocument(nodes).toJson(QJsonDocument::Compact));
    return data;
}

std::vector<NodeRef> GroupTreeModel::nodesFromMime(const QMimeData* data)
{
    std::vector<NodeRef> out;
    if (!data || !data->hasFormat(QString::fromLatin1(kMimeType)))
        return out;
    const QJsonArray nodes = QJsonDocument::fromJson(data->data(QString::fromLatin1(kMimeType))).array();
    for (const QJsonValue& v : nodes) {
        const QJsonObject o = v.toObject();
        if (o.contains(QStringLiteral("class")))
            out.push_back(NodeRef::ofClass(o.value(QStringLiteral("class")).toInt(-1)));
        else if (o.value(QStringLiteral("group")).isString())
            out.push_back(NodeRef::ofGroup(o.value(QStringLiteral("group")).toString().toStdString()));
    }
    return out;
}

bool GroupTreeModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int, const QModelIndex&) const
{
    return action == Qt::MoveAction && data && data->hasFormat(QString::fromLatin1(kMimeType));
}

bool GroupTreeModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                                  const QModelIndex& parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const std::vector<NodeRef> nodes = nodesFromMime(data);
    const QString target = QString::fromStdString(groupAt(parent));
    if (nodes.empty() || target.isEmpty())
        return false;
    QMetaObject::invokeMethod(this, [this, nodes, target] { Q_EMIT moveRequested(nodes, target); }, Qt::QueuedConnection);
    return false; // nothing is moved here, so the view removes nothing after the drag
}

} // namespace bitlens

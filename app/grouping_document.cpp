#include "grouping_document.h"

#include "job_guard.h"
#include "job_pool.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QUndoCommand>
#include <QUndoStack>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace bitlens {

namespace {

// A grouping edit: the groups before and after. The tree is small (a node per class and group), so
// both states are kept whole rather than as a diff of the tree.
class GroupsCommand : public QUndoCommand
{
public:
    GroupsCommand(GroupingDocument* doc, ClassGroups before, ClassGroups after, const QString& text)
        : QUndoCommand(text), m_doc(doc), m_before(std::move(before)), m_after(std::move(after))
    {
    }
    void redo() override { m_doc->setGroupsState(m_after); }
    void undo() override { m_doc->setGroupsState(m_before); }

private:
    GroupingDocument* m_doc;
    ClassGroups m_before, m_after;
};

QString q(const std::string& s) { return QString::fromStdString(s); }

} // namespace

GroupingDocument::GroupingDocument(QUndoStack* undo, QObject* parent)
    : QObject(parent), m_undo(undo), m_clusterWatcher(new QFutureWatcher<ClusterResult>(this))
{
    connect(m_clusterWatcher, &QFutureWatcher<ClusterResult>::finished, this, [this] {
        const ClusterResult r = m_clusterWatcher->result();
        if (r.generation != m_clusterGeneration)
            return; // a newer request is on its way
        if (!r.error.empty()) {
            m_dendrogram.reset();
            Q_EMIT dendrogramUnavailable(q(r.error));
            return;
        }
        const double cut = m_cut.value_or(bitlens::suggestedCut(r.dendrogram));
        m_dendrogram = dendrogramView(r.dendrogram, std::isnan(cut) ? 0.0 : cut);
        // A model without class names and no test set: the weights' clustering numbers the
        // classifier's outputs, and those are the classes to group (the list was empty and a cut
        // had nothing to apply to).
        if (m_groups.classes.empty() && !r.dendrogram.classes.empty()) {
            m_groups = flatGroups(r.dendrogram.classes);
            Q_EMIT groupsChanged(m_groups);
        }
        Q_EMIT dendrogramChanged(*m_dendrogram);
    });
}

GroupingDocument::~GroupingDocument()
{
    m_clusterWatcher->waitForFinished();
}

bool GroupingDocument::busy() const { return m_clusterWatcher->isRunning(); }

void GroupingDocument::setLayers(const std::vector<WeightLayer>& layers)
{
    m_layers = layers;
    m_groups = flatGroups(m_groups.classes); // a new model starts without groups
    Q_EMIT groupsChanged(m_groups);
    m_confusion.reset();
    m_accuracy = {};
    m_cut.reset();
    recomputeGrouped();
    recomputeTable();
    recluster();
}

void GroupingDocument::setClasses(const std::vector<std::string>& classes)
{
    if (classes.size() == m_groups.classes.size() && !classes.empty()) {
        m_groups.classes = classes; // the same classes, maybe better names (a dataset card)
        Q_EMIT groupsChanged(m_groups);
        return;
    }
    m_groups = flatGroups(classes);
    m_cut.reset();
    Q_EMIT groupsChanged(m_groups);
    recomputeGrouped();
    recomputeTable();
    recluster();
}

bool GroupingDocument::hasInnerNodes() const
{
    return std::any_of(m_groups.tree.children.begin(), m_groups.tree.children.end(),
                       [](const GroupNode& n) { return n.classIndex < 0; });
}

void GroupingDocument::pushEdit(const Result<ClassGroups>& edited, const QString& text)
{
    if (!edited) {
        Q_EMIT editRefused(q(edited.error()));
        return;
    }
    m_undo->push(new GroupsCommand(this, m_groups, *edited, text));
}

void GroupingDocument::addGroup(const std::string& parent, const std::vector<NodeRef>& members)
{
    const std::string name = unusedGroupName(m_groups);
    auto added = bitlens::addGroup(m_groups, parent.empty() ? m_groups.tree.name : parent, name);
    if (added && !members.empty())
        added = bitlens::moveNodes(*added, members, name);
    pushEdit(added, members.empty() ? tr("New group \"%1\"").arg(q(name))
                                    : tr("New group \"%1\" from %2 selected").arg(q(name)).arg(members.size()));
}

void GroupingDocument::moveNodes(const std::vector<NodeRef>& nodes, const std::string& target)
{
    if (nodes.empty())
        return;
    const NodeRef& first = nodes.front();
    const QString what = nodes.size() > 1 ? tr("%1 classes and groups").arg(nodes.size())
                         : first.classIndex >= 0 && static_cast<size_t>(first.classIndex) < m_groups.classes.size()
                             ? q(m_groups.classes[static_cast<size_t>(first.classIndex)])
                             : q(first.group);
    pushEdit(bitlens::moveNodes(m_groups, nodes, target), tr("Move %1 into \"%2\"").arg(what, q(target)));
}

void GroupingDocument::renameGroup(const std::string& from, const std::string& to)
{
    if (from == to)
        return;
    pushEdit(bitlens::renameGroup(m_groups, from, to), tr("Rename group \"%1\" → \"%2\"").arg(q(from), q(to)));
}

void GroupingDocument::removeGroup(const std::string& name)
{
    pushEdit(bitlens::removeGroup(m_groups, name), tr("Remove group \"%1\"").arg(q(name)));
}

void GroupingDocument::setInCut(const std::string& name, bool inCut)
{
    pushEdit(bitlens::setInCut(m_groups, name, inCut),
             inCut ? tr("Evaluate \"%1\" as one class").arg(q(name)) : tr("Evaluate \"%1\" class by class").arg(q(name)));
}

void GroupingDocument::applyGroups(const ClassGroups& groups, const QString& text)
{
    if (groups.classes.size() != m_groups.classes.size()) {
        Q_EMIT editRefused(tr("The groups name %1 classes but the model has %2").arg(groups.classes.size()).arg(m_groups.classes.size()));
        return;
    }
    pushEdit(groups, text);
}

void GroupingDocument::useDendrogramCut()
{
    if (!m_dendrogram)
        return;
    ClassGroups g = groupsFromDendrogram(m_dendrogram->dendrogram, m_dendrogram->cut);
    g.classes = m_groups.classes;
    applyGroups(g, tr("Groups from the dendrogram cut at %1").arg(m_dendrogram->cut, 0, 'g', 4));
}

bool GroupingDocument::loadGroups(const ClassGroups& groups, QString* error)
{
    // Without class names from the model or a test set, the groups' own names are the classes.
    if (groups.classes.size() != m_groups.classes.size() && !m_groups.classes.empty()) {
        *error = tr("the groups name %1 classes but the model's test set has %2")
                     .arg(groups.classes.size())
                     .arg(m_groups.classes.size());
        return false;
    }
    setGroupsState(groups);
    return true;
}

bool GroupingDocument::importGroups(const QString& path, QString* error)
{
    auto g = readClassGroups(path.toStdString());
    if (!g) {
        *error = q(g.error());
        return false;
    }
    if (g->classes.size() != m_groups.classes.size()) {
        *error = tr("%1: names %2 classes but the model has %3").arg(path).arg(g->classes.size()).arg(m_groups.classes.size());
        return false;
    }
    applyGroups(*g, tr("Import groups from %1").arg(QFileInfo(path).fileName()));
    return true;
}

bool GroupingDocument::exportGroups(const QString& path, QString* error) const
{
    auto written = writeClassGroups(m_groups, path.toStdString());
    if (!written)
        *error = q(written.error());
    return written.ok();
}

void GroupingDocument::setGroupsState(const ClassGroups& groups)
{
    m_groups = groups;
    Q_EMIT groupsChanged(m_groups);
    recomputeGrouped();
    recomputeTable();
}

void GroupingDocument::setConfusion(const ConfusionView& view)
{
    m_confusion = view;
    Q_EMIT recallChanged(recallOf(view.quantized));
    recomputeGrouped();
    if (m_measure == ClusterMeasure::Confusion)
        recluster();
}

void GroupingDocument::setAccuracyTable(const AccuracyTable& table)
{
    m_accuracy = table;
    recomputeTable();
}

void GroupingDocument::setTableBits(int bits)
{
    m_tableBits = bits;
    recomputeTable();
}

void GroupingDocument::setMeasure(ClusterMeasure measure)
{
    if (measure == m_measure)
        return;
    m_measure = measure;
    m_cut.reset();
    recluster();
}

void GroupingDocument::setCut(double similarity)
{
    m_cut = similarity;
    if (!m_dendrogram)
        return;
    m_dendrogram = dendrogramView(m_dendrogram->dendrogram, similarity);
    Q_EMIT dendrogramChanged(*m_dendrogram);
}

std::optional<double> GroupingDocument::suggestedCut() const
{
    if (!m_dendrogram)
        return std::nullopt;
    const double c = bitlens::suggestedCut(m_dendrogram->dendrogram);
    return std::isnan(c) ? std::nullopt : std::optional(c);
}

void GroupingDocument::recomputeGrouped()
{
    if (!m_confusion || m_confusion->quantized.size() != m_groups.classes.size() || m_groups.classes.empty()) {
        m_score.reset();
        Q_EMIT groupedUnavailable(tr("The grouped confusion and accuracy appear when the plan has been evaluated on a "
                                     "test set (Plan tab, F6)."));
        return;
    }
    const Grouping g = grouping();
    const CountMatrix fp32 = groupedConfusion(m_confusion->fp32, g), plan = groupedConfusion(m_confusion->quantized, g);
    GroupedScore s;
    s.images = m_confusion->images;
    s.groups = static_cast<int>(g.names.size());
    s.classes = static_cast<int>(m_groups.classes.size());
    s.fp32Top1 = m_confusion->fp32Top1;
    s.planTop1 = m_confusion->quantizedTop1;
    s.fp32GroupedTop1 = groupedAccuracy(fp32);
    s.planGroupedTop1 = groupedAccuracy(plan);
    s.planLabel = m_confusion->quantizedLabel;
    m_score = s;
    Q_EMIT groupedConfusionReady(
        confusionView(fp32, plan, g.names, tr("%1 (grouped)").arg(q(m_confusion->quantizedLabel)).toStdString()), s);
}

void GroupingDocument::recomputeTable()
{
    m_table = m_groups.classes.empty() ? std::vector<GroupedAccuracyRow>{}
                                       : groupedAccuracyTable(m_accuracy, grouping(), m_tableBits);
    Q_EMIT tableChanged(m_table, m_tableBits);
}

void GroupingDocument::recluster()
{
    const int64_t generation = ++m_clusterGeneration;
    std::vector<std::string> classes = m_groups.classes;
    if (m_measure == ClusterMeasure::Confusion) {
        if (!m_confusion || m_confusion->quantized.size() != classes.size() || classes.size() < 2) {
            m_dendrogram.reset();
            Q_EMIT dendrogramUnavailable(tr("Clustering by confusion needs the plan's confusion matrix: choose a test "
                                            "set and let the plan be evaluated (F6), or cluster by the last layer's "
                                            "weights, which needs no data."));
            return;
        }
        const CountMatrix c = m_confusion->quantized;
        m_clusterWatcher->setFuture(QtConcurrent::run(jobPool(), [c, classes, generation] {
            Dendrogram d;
            if (const std::string thrown = runGuarded([&] { d = averageLinkage(confusionSimilarity(c), classes); }); !thrown.empty())
                return ClusterResult{{}, "clustering by confusion: " + thrown, generation};
            d.measure = "confusion";
            return ClusterResult{std::move(d), {}, generation};
        }));
        return;
    }
    if (m_layers.empty()) {
        m_dendrogram.reset();
        Q_EMIT dendrogramUnavailable(tr("Open a model to cluster its classes."));
        return;
    }
    const WeightLayer last = m_layers.back();
    m_clusterWatcher->setFuture(QtConcurrent::run(jobPool(), [last, classes, generation] {
        auto s = weightSimilarity(*last.tensor, last.axis);
        if (!s)
            return ClusterResult{{}, last.name + ": " + s.error(), generation};
        if (!classes.empty() && s->size() != classes.size())
            return ClusterResult{{},
                                 tr("%1: has %2 output channels but the model has %3 classes; it is not the classifier")
                                     .arg(q(last.name))
                                     .arg(s->size())
                                     .arg(classes.size())
                                     .toStdString(),
                                 generation};
        std::vector<std::string> names = classes;
        for (size_t i = names.size(); i < s->size(); ++i)
            names.push_back(std::to_string(i));
        Dendrogram d = averageLinkage(*s, names);
        d.measure = "weights";
        return ClusterResult{std::move(d), {}, generation};
    }));
}

} // namespace bitlens

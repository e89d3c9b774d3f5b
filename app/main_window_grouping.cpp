// MainWindow's class grouping part: the Groups tab and its wiring to the GroupingDocument.
#include "main_window.h"

#include "grouping_document.h"
#include "grouping_tab.h"
#include "project_session.h"
#include "workbench_document.h"
#include "workbench_views.h"

#include <widgets/confusion_plot.h>
#include <widgets/dendrogram_plot.h>
#include <widgets/group_tree_model.h>

#include <QFileDialog>

namespace bitlens {

void MainWindow::createGroupingTab()
{
    m_groupingTab = new GroupingTab;
    m_views->addExtraTab(m_groupingTab, tr("&Groups"),
                         tr("Class hierarchy, suggested groups (dendrogram), grouped confusion and accuracy, "
                            "Table 2 — Ctrl+9"),
                         {m_groupingTab->dendrogramPlot(), m_groupingTab->confusionPlot()});
}

void MainWindow::connectGroupingDocument()
{
    GroupingDocument* doc = m_document->groupingDocument();
    GroupingTab* tab = m_groupingTab;
    GroupTreeModel* model = tab->model();
    connect(doc, &GroupingDocument::groupsChanged, tab, &GroupingTab::setGroups);
    connect(doc, &GroupingDocument::recallChanged, tab, &GroupingTab::setRecall);
    connect(doc, &GroupingDocument::groupedConfusionReady, tab, &GroupingTab::setGroupedConfusion);
    connect(doc, &GroupingDocument::groupedUnavailable, tab, &GroupingTab::clearGroupedConfusion);
    connect(doc, &GroupingDocument::dendrogramChanged, tab, &GroupingTab::setDendrogram);
    connect(doc, &GroupingDocument::dendrogramUnavailable, tab, &GroupingTab::setDendrogramMessage);
    connect(doc, &GroupingDocument::tableChanged, tab, &GroupingTab::setTable);
    connect(doc, &GroupingDocument::editRefused, this, [this](const QString& m) { showError(tr("Class groups"), m); });

    connect(model, &GroupTreeModel::renameRequested, doc,
            [doc](const QString& from, const QString& to) { doc->renameGroup(from.toStdString(), to.toStdString()); });
    connect(model, &GroupTreeModel::cutRequested, doc,
            [doc](const QString& group, bool inCut) { doc->setInCut(group.toStdString(), inCut); });
    connect(model, &GroupTreeModel::moveRequested, doc,
            [doc](const std::vector<NodeRef>& nodes, const QString& target) { doc->moveNodes(nodes, target.toStdString()); });
    connect(tab, &GroupingTab::newGroupRequested, doc, &GroupingDocument::addGroup);
    connect(tab, &GroupingTab::removeRequested, doc, &GroupingDocument::removeGroup);
    connect(tab, &GroupingTab::measureChanged, doc, [doc](int m) { doc->setMeasure(static_cast<ClusterMeasure>(m)); });
    connect(tab, &GroupingTab::cutChanged, doc, &GroupingDocument::setCut);
    connect(tab, &GroupingTab::useCutRequested, doc, &GroupingDocument::useDendrogramCut);
    connect(tab, &GroupingTab::tableBitsChanged, doc, &GroupingDocument::setTableBits);
    connect(tab, &GroupingTab::runSweepRequested, m_document, &WorkbenchDocument::runSweep);
    connect(tab, &GroupingTab::importRequested, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Import Class Groups"), QString(),
                                                          tr("BitLens class groups (*.bitlens-groups.json *.json);;All files (*)"));
        if (!path.isEmpty())
            importGroups(path);
    });
    connect(tab, &GroupingTab::exportRequested, this, [this, doc] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Class Groups"),
                                                          QStringLiteral("groups.bitlens-groups.json"),
                                                          tr("BitLens class groups (*.bitlens-groups.json)"));
        QString error;
        if (!path.isEmpty() && !doc->exportGroups(path, &error))
            showError(tr("Export Class Groups"), error);
    });
    // Show what the document starts with (no model yet: the empty tree and the hints).
    tab->setGroups(doc->groups());
}

bool MainWindow::importGroups(const QString& path)
{
    QString error;
    if (m_document->groupingDocument()->importGroups(path, &error))
        return true;
    showError(tr("Import Class Groups"), error);
    return false;
}

} // namespace bitlens

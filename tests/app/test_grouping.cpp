// Class grouping in the window, headless: the hierarchy editor's edits (new group from a
// selection, check for the cut, drag and drop, rename, remove) are undo steps on the plan's stack;
// grouped accuracy equals trace(CG)/N computed here from the plan's confusion; the dendrogram's
// cut becomes groups in one step; Table 2 follows the sweep; groups save in the project and as a
// groups file and come back the same.
#include "../support/wait_idle.h"

#include <support/onnx_builder.h>
#include <app/grouping_document.h>
#include <app/grouping_tab.h>
#include <app/main_window.h>
#include <app/plan_document.h>
#include <app/project_session.h>
#include <app/sample_model.h>
#include <app/workbench_document.h>
#include <widgets/dendrogram_plot.h>
#include <widgets/group_tree_model.h>

#include <QItemSelectionModel>
#include <QLabel>
#include <QJsonDocument>
#include <QFile>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QUndoStack>

using namespace bitlens;

namespace {

using testsupport::waitIdle;

QString takeErrors(QWidget& w)
{
    QStringList texts;
    for (QMessageBox* box : w.findChildren<QMessageBox*>(QStringLiteral("errorDialog"))) {
        texts << box->text();
        box->setObjectName(QString());
        box->close();
    }
    return texts.join(QLatin1Char('\n'));
}

// trace(CG)/N by hand: a prediction is right when it lands in the true class's group.
double groupedByHand(const CountMatrix& c, const std::vector<int>& groupOf)
{
    int64_t right = 0, all = 0;
    for (size_t i = 0; i < c.size(); ++i)
        for (size_t j = 0; j < c[i].size(); ++j) {
            all += c[i][j];
            right += groupOf[i] == groupOf[j] ? c[i][j] : 0;
        }
    return static_cast<double>(right) / static_cast<double>(all);
}

QByteArray groupsBytes(const ClassGroups& g) { return QJsonDocument(classGroupsJson(g)).toJson(QJsonDocument::Compact); }

} // namespace

class TestGrouping : public QObject
{
    Q_OBJECT
    QTemporaryDir m_recovery;

private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("BitLensTest"));
        qputenv("BITLENS_RECOVERY_DIR", m_recovery.path().toUtf8());
    }

    void editorAndGroupedAccuracy()
    {
        MainWindow w;
        WorkbenchDocument* doc = w.document();
        doc->setEvaluationLimit(300);
        doc->planDocument()->setSubsetImages(0);
        w.show();
        w.openSample();
        QVERIFY(waitIdle(doc));
        GroupingDocument* g = doc->groupingDocument();
        GroupingTab* tab = w.groupingTab();
        QUndoStack* undo = doc->planDocument()->undoStack();
        QCOMPARE(g->groups().classes.size(), size_t{10});
        QCOMPARE(g->groups().classes[0], std::string("T-shirt/top"));
        QVERIFY(!g->hasGroups());
        QVERIFY(g->score().has_value());
        // No cut: grouped equals ungrouped.
        QCOMPARE(g->score()->planGroupedTop1, g->score()->planTop1);

        // Select T-shirt/top, Pullover, Coat, Shirt in the tree and press New Group.
        QTreeView* tree = tab->tree();
        GroupTreeModel* model = tab->model();
        for (int c : {0, 2, 4, 6})
            tree->selectionModel()->select(model->indexOf(NodeRef::ofClass(c)),
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
        const int before = undo->count();
        for (QPushButton* b : tab->findChildren<QPushButton*>())
            if (b->text() == QStringLiteral("&New Group"))
                b->click();
        QCOMPARE(undo->count(), before + 1);
        QCOMPARE(undo->undoText(), QStringLiteral("New group \"group 1\" from 4 selected"));
        QCOMPARE(g->groups().tree.children.back().name, std::string("group 1"));
        QCOMPARE(g->groups().tree.children.back().children.size(), size_t{4});
        // Still no cut: nothing grouped yet. Check it: the box in the tree.
        QVERIFY(model->setData(model->indexOf(NodeRef::ofGroup("group 1")), Qt::Checked, Qt::CheckStateRole) == false);
        QCOMPARE(g->groups().cut, std::vector<std::string>{"group 1"});
        QCOMPARE(model->data(model->indexOf(NodeRef::ofGroup("group 1")), Qt::CheckStateRole).toInt(), int(Qt::Checked));

        // Rename through the tree's editor role; a duplicate name is refused with a message.
        model->setData(model->indexOf(NodeRef::ofGroup("group 1")), QStringLiteral("Tops"), Qt::EditRole);
        QCOMPARE(g->groups().cut, std::vector<std::string>{"Tops"});
        // Footwear by drag and drop: a new empty group, then drop Sandal, Sneaker, Ankle boot on it.
        tree->clearSelection();
        g->addGroup("all", {});
        g->renameGroup("group 1", "Footwear");
        QMimeData* mime = model->mimeData({model->indexOf(NodeRef::ofClass(5)), model->indexOf(NodeRef::ofClass(7)),
                                           model->indexOf(NodeRef::ofClass(9))});
        QVERIFY(model->canDropMimeData(mime, Qt::MoveAction, -1, -1, model->indexOf(NodeRef::ofGroup("Footwear"))));
        model->dropMimeData(mime, Qt::MoveAction, -1, -1, model->indexOf(NodeRef::ofGroup("Footwear")));
        delete mime;
        QTRY_COMPARE(model->rowCount(model->indexOf(NodeRef::ofGroup("Footwear"))), 3);
        model->setData(model->indexOf(NodeRef::ofGroup("Footwear")), Qt::Checked, Qt::CheckStateRole);
        g->renameGroup("Footwear", "Tops");
        QVERIFY(takeErrors(w).contains(QStringLiteral("already a group \"Tops\"")));
        // A group cannot go into itself: dropping Tops on one of its own classes is refused.
        QMimeData* self = model->mimeData({model->indexOf(NodeRef::ofGroup("Tops"))});
        model->dropMimeData(self, Qt::MoveAction, -1, -1, model->indexOf(NodeRef::ofClass(2)));
        delete self;
        QTest::qWait(50);
        QVERIFY(takeErrors(w).contains(QStringLiteral("itself")));

        // Grouped accuracy, by hand from the plan's confusion.
        QSignalSpy grouped(g, &GroupingDocument::groupedConfusionReady);
        doc->planDocument()->evaluate();
        QVERIFY(waitIdle(doc));
        QVERIFY(!grouped.isEmpty());
        const auto score = grouped.last().at(1).value<GroupedScore>();
        const auto view = grouped.last().at(0).value<ConfusionView>();
        QCOMPARE(view.classes, (std::vector<std::string>{"Tops", "Trouser", "Dress", "Footwear", "Bag"}));
        QCOMPARE(score.groups, 5);
        // Group of each class: Tops 0, Trouser 1, Dress 2, Footwear 3, Bag 4.
        const std::vector<int> groupOf{0, 1, 0, 2, 0, 3, 0, 3, 4, 3};
        QSignalSpy plan(doc->planDocument(), &PlanDocument::confusionReady);
        doc->planDocument()->evaluate();
        QVERIFY(waitIdle(doc));
        QVERIFY(!plan.isEmpty());
        const auto ungrouped = plan.last().at(0).value<ConfusionView>();
        QCOMPARE(g->score()->planGroupedTop1, groupedByHand(ungrouped.quantized, groupOf));
        QCOMPARE(g->score()->fp32GroupedTop1, groupedByHand(ungrouped.fp32, groupOf));
        QVERIFY(g->score()->planGroupedTop1 >= g->score()->planTop1);
        QVERIFY(tab->findChild<QLabel*>(QStringLiteral("groupedScore"))->text().contains(QStringLiteral("grouped")));

        // Every edit undoes back to the flat classes, and redoes to the same groups.
        const QByteArray edited = groupsBytes(g->groups());
        while (undo->canUndo() && g->hasGroups())
            undo->undo();
        QVERIFY(!g->hasGroups());
        QCOMPARE(g->groups().tree.children.size(), size_t{10});
        while (undo->canRedo())
            undo->redo();
        QCOMPARE(groupsBytes(g->groups()), edited);
        // Removing Tops lifts its classes back to the root.
        g->removeGroup("Tops");
        QCOMPARE(g->groups().cut, std::vector<std::string>{"Footwear"});
        undo->undo();
        QCOMPARE(groupsBytes(g->groups()), edited);

        // Groups save in the project and as a groups file, and open the same.
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("g.bitlens"));
        QVERIFY(w.project()->saveAs(project));
        QString error;
        QVERIFY(g->exportGroups(dir.filePath(QStringLiteral("g.bitlens-groups.json")), &error));
        auto read = readClassGroups(dir.filePath(QStringLiteral("g.bitlens-groups.json")).toStdString());
        QVERIFY(read.ok());
        QCOMPARE(groupsBytes(*read), edited);
        MainWindow other;
        other.document()->setEvaluationLimit(300);
        other.show();
        other.openModel(project);
        QVERIFY(waitIdle(other.document()));
        QCOMPARE(takeErrors(other), QString());
        QCOMPARE(groupsBytes(other.document()->groupingDocument()->groups()), edited);
        QVERIFY(!other.project()->isModified());
        // An import is one undo step; a file for another number of classes is refused.
        other.document()->groupingDocument()->removeGroup("Tops");
        QVERIFY(other.document()->groupingDocument()->importGroups(dir.filePath(QStringLiteral("g.bitlens-groups.json")), &error));
        QCOMPARE(groupsBytes(other.document()->groupingDocument()->groups()), edited);
        QVERIFY(other.document()->planDocument()->undoStack()->undoText().startsWith(QStringLiteral("Import groups")));
        ClassGroups three = flatGroups({"a", "b", "c"});
        QVERIFY(writeClassGroups(three, dir.filePath(QStringLiteral("three.json")).toStdString()).ok());
        QVERIFY(!other.document()->groupingDocument()->importGroups(dir.filePath(QStringLiteral("three.json")), &error));
        QVERIFY(error.contains(QStringLiteral("3 classes")));
    }

    // The data-free dendrogram (last layer's weights) and the one by the plan's confusion; Use
    // This Cut makes the cut's groups in one undo step.
    void dendrogramCut()
    {
        MainWindow w;
        WorkbenchDocument* doc = w.document();
        doc->setEvaluationLimit(300);
        w.show();
        w.openSample();
        QVERIFY(waitIdle(doc));
        GroupingDocument* g = doc->groupingDocument();
        QVERIFY(g->dendrogram().has_value());
        QCOMPARE(g->dendrogram()->dendrogram.measure, std::string("confusion"));
        QCOMPARE(g->dendrogram()->dendrogram.merges.size(), size_t{9});
        g->setMeasure(ClusterMeasure::Weights);
        QVERIFY(waitIdle(doc));
        QCOMPARE(g->dendrogram()->dendrogram.measure, std::string("weights"));
        QVERIFY(w.groupingTab()->dendrogramPlot()->hasData());
        // Cut just below the merge that completes "Footwear" {5, 7, 9} by weights.
        double footwear = 0;
        for (const DendrogramLayout::Link& l : g->dendrogram()->layout.links) {
            std::vector<int> c = l.classes;
            std::sort(c.begin(), c.end());
            if (c == std::vector<int>{5, 7, 9})
                footwear = l.height;
        }
        QVERIFY(footwear != 0); // DESIGN.md: the data-free clustering finds Footwear
        QSignalSpy picked(w.groupingTab()->dendrogramPlot(), &DendrogramPlot::cutPicked);
        g->setCut(footwear - 1e-9);
        QUndoStack* undo = doc->planDocument()->undoStack();
        const int steps = undo->count();
        g->useDendrogramCut();
        QCOMPARE(undo->count(), steps + 1);
        const Grouping grouping = g->grouping();
        QCOMPARE(grouping.groupOf[5], grouping.groupOf[7]);
        QCOMPARE(grouping.groupOf[7], grouping.groupOf[9]);
        QVERIFY(grouping.groupOf[5] != grouping.groupOf[1]); // Trouser stays out
        undo->undo();
        QVERIFY(!g->hasGroups());
    }

    // Issue 17: a model without class names and no test set: the data-free dendrogram numbers the
    // classifier's outputs, the class list shows them, and Use This Cut groups them.
    void dataFreeGroupsWithoutClassNames()
    {
        QTemporaryDir dir;
        testsupport::OnnxBuilder b;
        std::vector<float> w(16 * 6);
        for (size_t i = 0; i < w.size(); ++i)
            w[i] = static_cast<float>((i * 7919) % 23) / 23.0f - 0.5f + (i % 6 < 3 ? 0.3f : -0.3f);
        b.addInitializer("fc.weight", {16, 6}, w);
        b.addInput("x", {-1, 16});
        b.addOutput("y", {-1, 6});
        b.addNode("MatMul", {"x", "fc.weight"}, {"y"}, "fc");
        const QString model = dir.filePath(QStringLiteral("unnamed.onnx"));
        QVERIFY(b.save(model.toStdString()));
        MainWindow w0;
        w0.show();
        w0.openModel(model);
        QVERIFY(waitIdle(w0.document()));
        QVERIFY(!w0.document()->hasTestSet());
        GroupingDocument* g = w0.document()->groupingDocument();
        g->setMeasure(ClusterMeasure::Weights);
        QVERIFY(waitIdle(w0.document()));
        QVERIFY(g->dendrogram().has_value());
        QCOMPARE(g->groups().classes.size(), size_t{6});
        QCOMPARE(w0.groupingTab()->model()->rowCount(), 6);
        g->setCut(g->dendrogram()->dendrogram.merges.back().similarity + 1e-9); // just above the root merge
        g->useDendrogramCut();
        QVERIFY(g->hasGroups());
    }

    // File > Write Report from the window: the saved project's report, computed in the background.
    void reportFromTheWindow()
    {
        MainWindow w;
        w.document()->setEvaluationLimit(200);
        w.show();
        w.openSample();
        QVERIFY(waitIdle(w.document()));
        w.document()->groupingDocument()->addGroup("all", {NodeRef::ofClass(5), NodeRef::ofClass(7), NodeRef::ofClass(9)});
        QTemporaryDir dir;
        QVERIFY(w.project()->saveAs(dir.filePath(QStringLiteral("r.bitlens"))));
        QSignalSpy written(&w, &MainWindow::reportWritten);
        const QString html = dir.filePath(QStringLiteral("r.html"));
        w.writeReportTo(html);
        QElapsedTimer t;
        t.start();
        while (written.isEmpty() && t.elapsed() < 600000 && !w.findChild<QMessageBox*>(QStringLiteral("errorDialog")))
            QTest::qWait(50);
        QCOMPARE(takeErrors(w), QString());
        QCOMPARE(written.size(), 1);
        QFile f(html);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("Table 5"));
        QVERIFY(text.contains("on 200 images"));
        // The sample is named as such, never the temporary folder it is unpacked to (issue 17).
        QVERIFY(text.contains("bundled sample fashion_cnn.onnx"));
        QVERIFY(!text.contains(QFileInfo(bundledSampleModelPath()).absolutePath().toUtf8()));
        QVERIFY(!text.contains("%%"));
    }

    // Table 2 from the sweep: FP32 and each compared scheme at the chosen bits, grouped by hand.
    void table2FollowsTheSweep()
    {
        MainWindow w;
        WorkbenchDocument* doc = w.document();
        doc->setEvaluationLimit(200);
        w.show();
        w.openSample();
        QVERIFY(waitIdle(doc));
        GroupingDocument* g = doc->groupingDocument();
        g->addGroup("all", {NodeRef::ofClass(5), NodeRef::ofClass(7), NodeRef::ofClass(9)});
        g->setInCut("group 1", true);
        doc->setCompared({Scheme::Asymmetric, Scheme::Pow2});
        doc->runSweep();
        QVERIFY(waitIdle(doc));
        g->setTableBits(3);
        QCOMPARE(g->table().size(), size_t{3});
        QCOMPARE(g->table()[0].label, std::string("fp32"));
        const std::vector<int> groupOf{0, 1, 2, 3, 4, 5, 6, 5, 7, 5};
        for (const GroupedAccuracyRow& row : g->table()) {
            const AccuracyCell* cell = row.spec.bits == 32 ? &*doc->accuracyTable().fp32
                                                           : doc->accuracyTable().find(row.spec.scheme, 3);
            QVERIFY(cell);
            QCOMPARE(row.top1, cell->top1);
            QCOMPARE(row.groupedTop1, groupedByHand(cell->confusion, groupOf));
        }
        QCOMPARE(w.groupingTab()->table()->rowCount(), 3);
        QVERIFY(w.groupingTab()->table()->item(1, 0)->text().startsWith(QStringLiteral("asymmetric")));
    }
};

QTEST_MAIN(TestGrouping)
#include "test_grouping.moc"

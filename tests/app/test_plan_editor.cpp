// The plan editor in the window, headless: every undo command round-trips (undo gives the plan
// before, redo the plan after), a slider drag is one step, the plan's size follows DESIGN.md's
// storage rule, the re-evaluation reports a subset estimate and then the same accuracy as a plain
// evaluation, sensitivity / plan distance / proposal jobs fill their views, projects save and open
// byte for byte, hostile project and plan files are refused with a message, a changed model is
// flagged, and autosaved work comes back after a crash.
#include "../support/wait_idle.h"

#include <app/main_window.h>
#include <app/pareto_tab.h>
#include <app/plan_document.h>
#include <app/plan_tab.h>
#include <app/project_session.h>
#include <app/workbench_document.h>
#include <app/workbench_views.h>
#include <quant/scheme_registry.h>
#include <widgets/plan_table_model.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QLabel>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTableView>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>
#include <QUndoStack>

#include <algorithm>

#include <signal.h>

using namespace bitlens;

namespace {

constexpr int64_t kImages = 300;

using testsupport::waitIdle;

QByteArray json(const Plan& p) { return planJson(p); }

// The error dialogs the window opened since the last call, closed; their texts joined.
QString takeErrors(QWidget& w)
{
    QStringList texts;
    for (QMessageBox* box : w.findChildren<QMessageBox*>(QStringLiteral("errorDialog"))) {
        texts << box->text();
        box->setObjectName(QString()); // counted once
        box->close();
    }
    return texts.join(QLatin1Char('\n'));
}

struct Window
{
    MainWindow w;
    // "Save the unsaved changes?" (opening another project after a refused one): Discard.
    QTimer answer;
    Window()
    {
        QObject::connect(&answer, &QTimer::timeout, &w, [this] {
            for (QMessageBox* box : w.findChildren<QMessageBox*>(QStringLiteral("maybeSaveDialog")))
                if (box->isVisible())
                    box->button(QMessageBox::Discard)->click();
        });
        answer.start(50);
    }
    WorkbenchDocument* doc() { return w.document(); }
    PlanDocument* plan() { return w.document()->planDocument(); }
    bool open()
    {
        w.document()->setEvaluationLimit(kImages);
        plan()->setSubsetImages(100);
        w.show();
        w.openSample();
        return waitIdle(doc());
    }
};

} // namespace

class TestPlanEditor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QCoreApplication::setOrganizationName(QStringLiteral("BitLensTest"));
        QVERIFY(m_recovery.isValid());
        qputenv("BITLENS_RECOVERY_DIR", m_recovery.path().toUtf8());
    }

    // Each command, applied then undone and redone: the plan before and after, byte for byte.
    void everyCommandRoundTrips()
    {
        Window win;
        QVERIFY(win.open());
        PlanDocument* plan = win.plan();
        QUndoStack* stack = plan->undoStack();
        const auto& layers = plan->layers();
        QVERIFY(layers.size() == 5);
        QCOMPARE(stack->count(), 0);

        struct Step
        {
            const char* what;
            std::function<void()> apply;
        };
        const std::string first = layers.front().name, second = layers[1].name, last = layers.back().name;
        Plan imported = Plan::uniform({Scheme::Pow2, Granularity::PerTensor, 5});
        imported.layers[second] = {Scheme::KMeans, Granularity::PerChannel, 3};
        const std::vector<Step> steps{
            {"one layer", [&] { plan->setLayers({first}, QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, 4}); }},
            {"apply to selection", [&] { plan->setLayers({second, last}, QuantSpec{Scheme::Symmetric, Granularity::PerTensor, 3}); }},
            {"FP32", [&] { plan->setLayers({second}, QuantSpec{Scheme::Symmetric, Granularity::PerTensor, kFp32Bits}); }},
            {"back to defaults", [&] { plan->setLayers({first, second}, std::nullopt); }},
            {"defaults", [&] { plan->setDefaults({Scheme::Dfxp, Granularity::PerChannel, 6}); }},
            {"preset all 4-bit", [&] { plan->applyPreset(PlanPreset::All4BitPerChannel); }},
            {"preset first and last 8-bit", [&] { plan->applyPreset(PlanPreset::FirstLast8Bit); }},
            {"preset all 8-bit", [&] { plan->applyPreset(PlanPreset::All8Bit); }},
            {"whole plan (import, proposal)", [&] { plan->applyPlan(imported, QStringLiteral("Import")); }},
        };
        for (const Step& s : steps) {
            const QByteArray before = json(plan->plan());
            const int count = stack->count();
            s.apply();
            const QByteArray after = json(plan->plan());
            QVERIFY2(before != after, s.what);
            QCOMPARE(stack->count(), count + 1); // one step, also for macros
            stack->undo();
            QVERIFY2(json(plan->plan()) == before, s.what);
            stack->redo();
            QVERIFY2(json(plan->plan()) == after, s.what);
        }
        // The imported plan is the plan now; undo all the way gives the opened plan (8-bit defaults).
        QCOMPARE(json(plan->plan()), json([&] { Plan p = imported; p.modelSha256 = plan->plan().modelSha256; return p; }()));
        while (stack->canUndo())
            stack->undo();
        QCOMPARE(plan->plan().layers.size(), size_t{0});
        QCOMPARE(plan->plan().defaults, (QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, 8}));
        // Named commands: the history says what each did.
        QCOMPARE(stack->text(0), QStringLiteral("%1: 8 bits → 4 bits").arg(QString::fromStdString(first)));
        QVERIFY(stack->text(1).startsWith(QStringLiteral("2 layers → symmetric per-tensor 3 bits")));
        QVERIFY(waitIdle(win.doc()));
    }

    // Dragging the bits slider over the selected layers is one undo step, whatever the moves.
    void sliderDragIsOneStep()
    {
        Window win;
        QVERIFY(win.open());
        PlanTab* tab = win.w.planTab();
        win.w.views()->showPage(tab);
        const auto& layers = win.plan()->layers();
        tab->selectLayers({layers[1].name, layers[2].name});
        QCOMPARE(tab->selectedLayers().size(), size_t{2});
        QSlider* slider = tab->bitsSlider();
        QUndoStack* stack = win.plan()->undoStack();
        const int before = stack->count();
        Q_EMIT slider->sliderPressed();
        for (int b : {7, 6, 5, 4, 3})
            slider->setValue(b);
        Q_EMIT slider->sliderReleased();
        QCOMPARE(stack->count(), before + 1);
        QCOMPARE(win.plan()->plan().specFor(layers[1].name).bits, 3);
        QCOMPARE(win.plan()->plan().specFor(layers[2].name).bits, 3);
        stack->undo();
        QCOMPARE(win.plan()->plan().specFor(layers[1].name).bits, 8);
        // A keyboard step is a step of its own.
        slider->setValue(5);
        slider->setValue(6);
        QCOMPARE(stack->count(), before + 2);
        QVERIFY(waitIdle(win.doc()));
    }

    // Size at once by DESIGN.md's storage rule, then the accuracy: first the subset estimate, then
    // all images, equal to a plain evaluation of the same plan.
    void sizeAndAccuracyFollowEdits()
    {
        Window win;
        QVERIFY(win.open());
        PlanDocument* plan = win.plan();
        const WeightLayer& conv = plan->layers()[1]; // 64x32x3x3
        QSignalSpy scores(plan, &PlanDocument::scoreChanged);
        QSignalSpy confusions(plan, &PlanDocument::confusionReady);
        plan->setLayers({conv.name}, QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, 4});
        QVERIFY(waitIdle(win.doc()));
        // Issue 17: the first estimate's change matrix compares like with like, FP32 on the same
        // first 100 images (the diagonal read -750 against FP32 on all of them).
        QVERIFY(confusions.size() >= 2);
        const auto total = [](const CountMatrix& m) {
            int64_t n = 0;
            for (const auto& row : m)
                for (int64_t v : row)
                    n += v;
            return n;
        };
        const auto estimate = confusions.at(confusions.size() - 2).first().value<ConfusionView>();
        QCOMPARE(total(estimate.fp32), int64_t{100});
        QCOMPARE(total(estimate.quantized), int64_t{100});
        QVERIFY(QString::fromStdString(estimate.fp32Label).contains(QStringLiteral("100")));
        const auto whole = confusions.last().first().value<ConfusionView>();
        QCOMPARE(total(whole.fp32), kImages);
        QCOMPARE(total(whole.quantized), kImages);
        const PlanLayerRow* row = nullptr;
        for (const PlanLayerRow& r : plan->rows())
            if (r.layer == conv.name)
                row = &r;
        QVERIFY(row);
        QCOMPARE(row->codeBits, conv.parameters() * 4);   // N*n
        QCOMPARE(row->overheadBits, conv.channels() * 64); // scale and zero point per channel
        int64_t want = 0;
        for (const WeightLayer& l : plan->layers())
            want += l.name == conv.name ? l.parameters() * 4 + l.channels() * 64 : l.parameters() * 8 + l.channels() * 64;
        QCOMPARE(plan->size().weightBits(), want);

        QVERIFY(scores.size() >= 2);
        const auto subset = scores.at(scores.size() - 2).first().value<PlanScore>();
        const auto full = scores.last().first().value<PlanScore>();
        QVERIFY(subset.subset);
        QCOMPARE(subset.images, int64_t{100});
        QVERIFY(!full.subset);
        QCOMPARE(full.images, kImages);
        QVERIFY(full.fp32Top1.has_value());
        QVERIFY(full.previousTop1.has_value()); // the 8-bit plan evaluated when the model opened
        auto plain = evaluatePlan(win.doc()->sweepInput(), plan->plan());
        QVERIFY(plain.ok());
        QCOMPARE(full.top1, plain->top1);
        QCOMPARE(full.top5, plain->top5);
        QCOMPARE(full.weightBits, want);
        // The next edit of the same layer starts from cached activations.
        plan->setLayers({conv.name}, QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, 3});
        QVERIFY(waitIdle(win.doc()));
        QVERIFY(plan->score().has_value());
        QCOMPARE(plan->score()->stats.reusedImages, kImages);
        const QString shown = win.w.findChild<QLabel*>(QStringLiteral("planAccuracy"))->text();
        QVERIFY2(shown.contains(QStringLiteral("vs FP32")) && shown.contains(QStringLiteral("previous plan")), qPrintable(shown));
        // The user's plans are points on the Pareto view.
        QVERIFY(plan->paretoView().points.size() >= 3);
        // Esc stops the re-evaluation and says so; Run ▸ Evaluate Plan (F6) runs it again.
        QSignalSpy stopped(plan, &PlanDocument::evaluationStopped);
        plan->setLayers({conv.name}, QuantSpec{Scheme::Asymmetric, Granularity::PerChannel, 5});
        win.doc()->cancel();
        QCOMPARE(stopped.size(), 1);
        QVERIFY(waitIdle(win.doc()));
        QVERIFY(!plan->score().has_value());
        plan->evaluate();
        QVERIFY(waitIdle(win.doc()));
        QVERIFY(plan->score().has_value() && !plan->score()->subset);
    }

    void sensitivityDistancesAndProposal()
    {
        Window win;
        QVERIFY(win.open());
        PlanDocument* plan = win.plan();
        plan->runSensitivity({Scheme::Asymmetric, Granularity::PerChannel, 2});
        QVERIFY(waitIdle(win.doc()));
        QVERIFY(plan->sensitivity().has_value());
        QCOMPARE(plan->sensitivity()->layers.size(), plan->layers().size());
        QCOMPARE(plan->sensitivity()->images, kImages);
        for (const PlanLayerRow& r : plan->rows())
            QVERIFY(r.sensitivity.has_value());

        QSignalSpy distances(plan, &PlanDocument::distancesChanged);
        plan->applyPreset(PlanPreset::All4BitPerChannel);
        plan->measureDistances();
        QVERIFY(waitIdle(win.doc()));
        QVERIFY(!distances.isEmpty());
        const auto v = distances.last().first().value<PlanDistanceView>();
        QCOMPARE(v.layers.size(), plan->layers().size());
        QVERIFY(v.distance.front() > 0);
        for (const PlanLayerRow& r : plan->rows())
            QVERIFY(r.planDistance.has_value());

        // A proposal within the size of uniform 4-bit: applied as one step, within the budget.
        plan->applyPreset(PlanPreset::All8Bit);
        const int64_t budget = planWeightBits(Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, 4}), plan->layers());
        const int steps = plan->undoStack()->count();
        plan->propose(budget, Scheme::Asymmetric, Granularity::PerChannel);
        QVERIFY(waitIdle(win.doc()));
        QCOMPARE(plan->undoStack()->count(), steps + 1);
        QVERIFY(planWeightBits(plan->plan(), plan->layers()) <= budget);
        QVERIFY(plan->undoStack()->text(plan->undoStack()->index() - 1).startsWith(QStringLiteral("Apply proposed plan")));
        bool proposal = false;
        for (const ParetoPoint& p : plan->paretoView().points)
            proposal = proposal || p.kind == ParetoKind::Proposal;
        QVERIFY(proposal);
        // A curve of proposals at several budgets: points only, the plan stays.
        const QByteArray before = json(plan->plan());
        const int64_t params = [&] {
            int64_t n = 0;
            for (const WeightLayer& l : plan->layers())
                n += l.parameters();
            return n;
        }();
        plan->proposeCurveAt({3 * params, 5 * params}, Scheme::Asymmetric, Granularity::PerChannel);
        QVERIFY(waitIdle(win.doc()));
        QCOMPARE(json(plan->plan()), before);
        int proposals = 0;
        for (const ParetoPoint& p : plan->paretoView().points)
            proposals += p.kind == ParetoKind::Proposal;
        QVERIFY2(proposals >= 3, qPrintable(QString::number(proposals))); // one earlier, at least one per budget
        // Issue 17: the default curve's budgets admit the uniform plan at every width 2..8.
        const std::vector<int64_t> budgets = proposalCurveBudgets(plan->layers(), Scheme::Asymmetric, Granularity::PerChannel);
        for (int b = 2; b <= 8; ++b) {
            const int64_t uniform = planWeightBits(Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, b}), plan->layers());
            QVERIFY2(std::find(budgets.begin(), budgets.end(), uniform) != budgets.end(), qPrintable(QString::number(b)));
        }
        // Cancel: a new sensitivity run stopped at once leaves no job running and no crash.
        plan->runSensitivity({Scheme::Asymmetric, Granularity::PerChannel, 3});
        win.doc()->cancel();
        QVERIFY(waitIdle(win.doc()));
    }

    // Save, open in a new window (same plan, setting, tab), save again: the same bytes.
    void projectRoundTrip()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("work.bitlens"));
        QByteArray saved, planBytes;
        {
            Window win;
            QVERIFY(win.open());
            win.plan()->setLayers({win.plan()->layers()[2].name}, QuantSpec{Scheme::Pow2, Granularity::PerTensor, 4});
            win.plan()->setDefaults({Scheme::Symmetric, Granularity::PerChannel, 6});
            win.w.setSetting({Scheme::KMeans, Granularity::PerTensor, 3});
            win.w.views()->showPage(win.w.planTab());
            QVERIFY(waitIdle(win.doc()));
            QVERIFY(win.w.project()->isModified());
            QVERIFY(win.w.isWindowModified());
            QVERIFY(win.w.project()->saveAs(file));
            QVERIFY(!win.w.project()->isModified());
            QVERIFY(win.w.windowTitle().contains(QStringLiteral("work.bitlens")));
            QFile f(file);
            QVERIFY(f.open(QIODevice::ReadOnly));
            saved = f.readAll();
            planBytes = json(win.plan()->plan());
            QVERIFY(win.w.project()->exportPlan(dir.filePath(QStringLiteral("p.bitlens-plan.json"))));
        }
        Window win;
        win.doc()->setEvaluationLimit(kImages);
        win.w.show();
        win.w.openModel(file);
        QVERIFY(waitIdle(win.doc()));
        QCOMPARE(takeErrors(win.w), QString());
        QCOMPARE(win.w.project()->path(), file);
        QCOMPARE(json(win.plan()->plan()), planBytes);
        QCOMPARE(win.doc()->spec(), (QuantSpec{Scheme::KMeans, Granularity::PerTensor, 3}));
        QVERIFY(win.w.views()->currentWidget()->isAncestorOf(win.w.planTab()));
        QCOMPARE(win.plan()->undoStack()->count(), 0);
        QVERIFY(!win.w.project()->isModified());
        const QString again = dir.filePath(QStringLiteral("again.bitlens"));
        QVERIFY(win.w.project()->saveAs(again));
        QFile f(again);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), saved);

        // The exported plan imports as one undo step.
        win.plan()->applyPreset(PlanPreset::All8Bit);
        QVERIFY(win.w.project()->importPlan(dir.filePath(QStringLiteral("p.bitlens-plan.json"))));
        QCOMPARE(json(win.plan()->plan()), planBytes);
        QVERIFY(waitIdle(win.doc()));
    }

    // Files that must be refused with a message naming the file and the field, without a crash,
    // and a model whose checksum differs from the project's, flagged.
    void hostileProjectsAndPlans()
    {
        QTemporaryDir dir;
        Window win;
        QVERIFY(win.open());
        const QString model = win.doc()->modelPath();
        auto write = [&](const QString& name, const QByteArray& text) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(text);
            return dir.filePath(name);
        };
        const QByteArray head = "{\"format\":\"bitlens-project\",\"version\":1,\"model\":\"" + model.toUtf8() + "\"";
        struct Case
        {
            QByteArray text;
            QString message;
        };
        const std::vector<Case> projects{
            {"{\"format\":\"bitlens-project\",\"version\":7,\"model\":\"m.onnx\"}", QStringLiteral("version 7")},
            {head + ",\"plan\":{\"layers\":{\"features.0.weight\":{\"bits\":\"4\"}}}}", QStringLiteral("layers.features.0.weight.bits")},
            {head + ",\"plan\":{\"layers\":{\"no.such.layer\":{\"bits\":4}}}}", QStringLiteral("no.such.layer")},
            {"{\"format\":\"bitlens-project\",\"version\":1,\"model\":\"missing.onnx\"}", QStringLiteral("does not exist")},
            {QByteArray(100, '\0'), QStringLiteral("JSON")},
        };
        int n = 0;
        for (const Case& c : projects) {
            const QString path = write(QStringLiteral("bad%1.bitlens").arg(++n), c.text);
            win.w.openModel(path);
            QVERIFY(waitIdle(win.doc()));
            const QString errors = takeErrors(win.w);
            QVERIFY2(errors.contains(c.message), qPrintable(errors));
        }
        // The unknown layer's project kept its model but not its plan.
        QCOMPARE(win.plan()->plan().layers.size(), size_t{0});

        const std::vector<Case> plans{
            {"{\"format\":\"bitlens-plan\",\"version\":1,\"layers\":{\"ghost\":{\"bits\":4}}}", QStringLiteral("no weight layer 'ghost'")},
            {"{\"format\":\"bitlens-plan\",\"version\":1,\"defaults\":{\"bits\":99}}", QStringLiteral("bits")},
            {"{\"format\":\"bitlens-plan\",\"version\":3}", QStringLiteral("version 3")},
            {"[1,2,3]", QStringLiteral("object")},
        };
        const int steps = win.plan()->undoStack()->count();
        for (const Case& c : plans) {
            const QString path = write(QStringLiteral("bad%1.bitlens-plan.json").arg(++n), c.text);
            QVERIFY(!win.w.project()->importPlan(path));
            const QString errors = takeErrors(win.w);
            QVERIFY2(errors.contains(c.message) && errors.contains(path), qPrintable(errors));
        }
        QCOMPARE(win.plan()->undoStack()->count(), steps); // nothing applied

        // A plan recorded for another model: imported, with a warning naming both checksums.
        const QString other = write(QStringLiteral("other.bitlens-plan.json"),
                                    "{\"format\":\"bitlens-plan\",\"version\":1,\"model_sha256\":\"" + QByteArray(64, 'a') +
                                        "\",\"defaults\":{\"scheme\":\"asymmetric\",\"granularity\":\"per-channel\",\"bits\":6}}");
        QVERIFY(win.w.project()->importPlan(other));
        const QString warning = takeErrors(win.w);
        QVERIFY2(warning.contains(QStringLiteral("aaaaaaaaaaaa")) &&
                     warning.contains(QString::fromStdString(win.doc()->loaded().sha256.substr(0, 12))),
                 qPrintable(warning));
        QCOMPARE(win.plan()->plan().defaults.bits, 6);
        QVERIFY(waitIdle(win.doc()));
    }

    // Unsaved edits are autosaved. A real crash: bitlens is started with a plan to import (an
    // unsaved edit), killed with SIGKILL once its autosave is written, and a new window offers the
    // work back, as unsaved work of no project; saving it removes the recovery file. A running
    // window's own autosave is never offered.
    void autosaveAndRecoveryAfterKill()
    {
        QTemporaryDir dir;
        const QString planFile = dir.filePath(QStringLiteral("p.bitlens-plan.json"));
        QFile f(planFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\":\"bitlens-plan\",\"version\":1,\"defaults\":{\"scheme\":\"pow2\",\"granularity\":"
                "\"per-tensor\",\"bits\":5},\"layers\":{\"features.4.weight\":{\"scheme\":\"kmeans\",\"granularity\":"
                "\"per-channel\",\"bits\":3}}}");
        f.close();
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("BITLENS_RECOVERY_DIR"), m_recovery.path());
        child.setProcessEnvironment(env);
        child.start(QStringLiteral(BITLENS_GUI), {QStringLiteral("--plan"), planFile});
        QVERIFY(child.waitForStarted());
        const QString autosave = QDir(m_recovery.path()).filePath(QStringLiteral("autosave-%1.bitlens").arg(child.processId()));
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(autosave), 60000);
        QTest::qWait(200); // the .source file follows the project file
        {
            Window alive;
            QVERIFY(!alive.w.project()->recoveryAvailable()); // its owner is still running
        }
        ::kill(static_cast<pid_t>(child.processId()), SIGKILL);
        QVERIFY(child.waitForFinished());

        Window win;
        win.doc()->setEvaluationLimit(kImages);
        win.w.show();
        QVERIFY(win.w.project()->recoveryAvailable());
        QVERIFY(win.w.project()->recover());
        QVERIFY(waitIdle(win.doc()));
        QCOMPARE(takeErrors(win.w), QString());
        const Plan& p = win.plan()->plan();
        QCOMPARE(p.defaults, (QuantSpec{Scheme::Pow2, Granularity::PerTensor, 5}));
        QCOMPARE(p.specFor("features.4.weight"), (QuantSpec{Scheme::KMeans, Granularity::PerChannel, 3}));
        QVERIFY(win.w.project()->isModified());     // recovered work is unsaved work
        QVERIFY(win.w.project()->path().isEmpty()); // it had no project file
        QVERIFY(!win.w.project()->recoveryAvailable());
        QVERIFY(win.w.project()->saveAs(dir.filePath(QStringLiteral("rescued.bitlens"))));
        QVERIFY(QDir(m_recovery.path()).entryList({QStringLiteral("autosave-*")}).isEmpty());
    }

    // A project whose plan is refused stays untitled: Save must not overwrite the file partly read.
    void refusedProjectIsNotOverwritten()
    {
        QTemporaryDir dir;
        Window win;
        QVERIFY(win.open());
        const QString path = dir.filePath(QStringLiteral("x.bitlens"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\":\"bitlens-project\",\"version\":1,\"model\":\"" + win.doc()->modelPath().toUtf8() +
                "\",\"plan\":{\"layers\":{\"ghost\":{\"bits\":4}}}}");
        f.close();
        win.w.openModel(path);
        QVERIFY(waitIdle(win.doc()));
        QVERIFY(takeErrors(win.w).contains(QStringLiteral("ghost")));
        QVERIFY(win.w.project()->path().isEmpty());
        QVERIFY(win.w.project()->isModified());
    }

private:
    QTemporaryDir m_recovery;
};

QTEST_MAIN(TestPlanEditor)
#include "test_plan_editor.moc"

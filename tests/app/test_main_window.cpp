// The window, headless: opens the bundled sample, follows layer selection and the scheme/bits
// selectors in every view, runs and cancels the accuracy sweep, exports every plot in every
// format (PNG of the asked size, vector PDF of the asked page size, SVG, CSV), and shows errors
// (bad model, bad test set) as dialogs instead of crashing.
#include "../support/wait_idle.h"

#include <app/main_window.h>
#include <app/project_session.h>
#include <app/sample_model.h>
#include <app/test_set_dialog.h>
#include <widgets/checklist_menu.h>
#include <app/workbench_document.h>
#include <app/workbench_views.h>
#include <widgets/accuracy_table_model.h>
#include <widgets/plot_widget.h>
#include <widgets/quartile_plot.h>
#include <support/onnx_builder.h>

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QImage>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QTimer>
#include <QPushButton>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <random>

using namespace bitlens;

namespace {

// Waits until the document has delivered views of `layer` with all of `parts`.
bool waitForViews(QSignalSpy& spy, const std::string& layer, int parts, int timeoutMs = 60000)
{
    int seen = 0;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        for (const QList<QVariant>& args : spy) {
            const auto v = args.first().value<LayerViews>();
            if (v.layer == layer)
                seen |= v.parts;
        }
        spy.clear();
        if ((seen & parts) == parts)
            return true;
        spy.wait(1000);
    }
    return false;
}

using testsupport::waitIdle;

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<LayerViews>();
        QCoreApplication::setOrganizationName(QStringLiteral("BitLensTest"));
    }

    void opensSampleAndFollowsSelection()
    {
        MainWindow w;
        w.document()->setEvaluationLimit(300);
        w.show();
        QSignalSpy ready(w.document(), &WorkbenchDocument::overviewReady);
        QSignalSpy views(w.document(), &WorkbenchDocument::layerViewsReady);
        QSignalSpy confusion(w.document(), &WorkbenchDocument::confusionReady);
        w.openSample();
        QVERIFY(ready.wait(30000));
        QVERIFY(w.layerView()->model()->rowCount() >= 4);
        QVERIFY(w.windowTitle().contains(QStringLiteral("fashion_cnn.onnx")));
        QVERIFY(w.document()->hasTestSet());

        // The first layer is selected and every view fills: FP32 + six schemes, 32 channels.
        QVERIFY(waitForViews(views, "features.0.weight", PartAll));
        const QuartileView& q = w.views()->quartilePlot()->data();
        QCOMPARE(q.series.size(), size_t{7});
        QCOMPARE(q.channels(), int64_t{32});
        QCOMPARE(w.views()->quartilePlot()->pageCount(), 2); // 16 channels a page
        // The layer views; the accuracy, confusion and plan editor views wait for evaluations.
        const QStringList later{QStringLiteral("accuracy"), QStringLiteral("confusion"), QStringLiteral("plan-confusion"),
                                QStringLiteral("sensitivity"), QStringLiteral("plan-distance"), QStringLiteral("pareto"),
                                QStringLiteral("dendrogram"), QStringLiteral("grouped-confusion")};
        for (PlotWidget* p : w.views()->plots())
            if (!later.contains(p->exportName()))
                QVERIFY2(p->hasData(), qPrintable(p->exportName()));

        // Selecting another layer in the list updates the views.
        w.layerView()->setCurrentIndex(w.layerView()->model()->index(1, 0));
        const std::string second = w.document()->selectedLayer().toStdString();
        QCOMPARE(second, std::string("features.4.weight"));
        QVERIFY(waitForViews(views, second, PartAll));
        QCOMPARE(w.views()->quartilePlot()->data().channels(), int64_t{64});

        // Scheme and bits follow the toolbar; the confusion matrix is re-evaluated for the new setting.
        if (confusion.isEmpty())
            QVERIFY(confusion.wait(60000));
        auto* scheme = w.findChild<QComboBox*>(QStringLiteral("schemeBox"));
        auto* bits = w.findChild<QComboBox*>(QStringLiteral("bitsBox"));
        QVERIFY(scheme && bits);
        confusion.clear();
        scheme->setCurrentIndex(scheme->findData(static_cast<int>(Scheme::Pow2)));
        bits->setCurrentIndex(bits->findData(3));
        QCOMPARE(w.document()->spec().scheme, Scheme::Pow2);
        QCOMPARE(w.document()->spec().bits, 3);
        QVERIFY(waitForViews(views, second, PartQuartiles | PartHistograms | PartChannelSqnr));
        QCOMPARE(w.views()->quartilePlot()->data().series[1], std::string("asymmetric 3-bit per-channel"));
        // The evaluation may already have reported while the views were awaited.
        if (confusion.isEmpty())
            QVERIFY(confusion.wait(60000));
        const auto cv = confusion.last().first().value<ConfusionView>();
        QCOMPARE(cv.quantizedLabel, std::string("pow2 3-bit per-channel"));
        QCOMPARE(cv.images, int64_t{300});
        QCOMPARE(cv.classes.size(), size_t{10});
        QCOMPARE(cv.classes[0], std::string("T-shirt/top"));

        // Going back to a layer seen before answers from the cache, at once.
        views.clear();
        w.layerView()->setCurrentIndex(w.layerView()->model()->index(0, 0));
        w.layerView()->setCurrentIndex(w.layerView()->model()->index(1, 0));
        QVERIFY(!views.isEmpty());
        QVERIFY(waitIdle(w.document()));
    }

    void sweepFillsTableAndCancels()
    {
        MainWindow w;
        w.show(); // Esc is a window shortcut
        w.document()->setEvaluationLimit(200);
        QSignalSpy ready(w.document(), &WorkbenchDocument::overviewReady);
        w.openSample();
        QVERIFY(ready.wait(30000));
        QVERIFY(waitIdle(w.document()));
        QAbstractItemModelTester tester(w.views()->accuracyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        w.document()->setCompared({Scheme::Asymmetric, Scheme::KMeans});

        QSignalSpy changed(w.document(), &WorkbenchDocument::accuracyTableChanged);
        w.document()->runSweep();
        QVERIFY(w.document()->sweepRunning());
        QVERIFY(waitIdle(w.document(), 300000));
        const AccuracyTable& t = w.document()->accuracyTable();
        QVERIFY(t.fp32.has_value());
        QCOMPARE(t.cells.size(), size_t{14}); // 2 schemes x 7 bit-widths
        QCOMPARE(w.views()->accuracyModel()->rowCount(), 3);
        QCOMPARE(w.views()->accuracyModel()->columnCount(), 7);
        const QModelIndex eight = w.views()->accuracyModel()->index(1, 6); // asymmetric 8 bits
        QCOMPARE(w.views()->accuracyModel()->data(eight, Qt::UserRole).toDouble(), t.find(Scheme::Asymmetric, 8)->top1);
        QVERIFY(changed.size() >= 15);

        // Cancel (Esc) while running: the sweep stops and keeps the cells it finished.
        w.document()->setCompared({Scheme::Asymmetric, Scheme::Symmetric, Scheme::Pow2, Scheme::Dfxp, Scheme::KMeans, Scheme::Gaussian});
        changed.clear();
        w.document()->runSweep();
        QVERIFY(w.document()->sweepRunning());
        QVERIFY(changed.wait(30000)); // the table is reset for the new sweep
        QVERIFY(changed.wait(30000)); // the first configuration is in
        QTest::keyClick(&w, Qt::Key_Escape);
        QVERIFY(waitIdle(w.document(), 60000));
        QVERIFY(!w.document()->sweepRunning());
        QVERIFY(w.document()->accuracyTable().cells.size() < 42);
    }

    // Issue 17: no tab changes the window's size or squeezes the layer list (the Groups tab grew
    // the window from 1280 to 1415 pixels and left the dock 70 pixels wide); a tab larger than
    // the window scrolls.
    void noTabResizesTheWindow()
    {
        MainWindow w;
        w.document()->setEvaluationLimit(200);
        w.resize(1280, 800);
        w.show();
        w.openSample();
        QVERIFY(waitIdle(w.document()));
        auto* dock = w.findChild<QDockWidget*>();
        QVERIFY(dock);
        QTest::qWait(50);
        const QSize size = w.size();
        const int dockWidth = dock->width();
        QCOMPARE(size, QSize(1280, 800));
        for (int i = 0; i < w.views()->count(); ++i) {
            w.views()->setCurrentIndex(i);
            QTest::qWait(50);
            QVERIFY2(w.size() == size, qPrintable(QStringLiteral("tab %1: %2x%3").arg(w.views()->tabText(i)).arg(w.width()).arg(w.height())));
            QCOMPARE(dock->width(), dockWidth);
        }
    }

    // Issue 17: the Compare menu stays open while schemes are ticked, and each tick applies.
    void compareMenuStaysOpen()
    {
        MainWindow w;
        w.show();
        auto* menu = w.findChild<ChecklistMenu*>();
        QVERIFY(menu);
        menu->popup(w.mapToGlobal(QPoint(10, 10)));
        QVERIFY(QTest::qWaitForWindowExposed(menu));
        QAction* dfxp = nullptr;
        for (QAction* a : menu->actions())
            if (static_cast<Scheme>(a->data().toInt()) == Scheme::Dfxp)
                dfxp = a;
        QVERIFY(dfxp && dfxp->isChecked());
        QTest::mouseClick(menu, Qt::LeftButton, {}, menu->actionGeometry(dfxp).center());
        QVERIFY(menu->isVisible());
        QVERIFY(!dfxp->isChecked());
        const std::vector<Scheme> compared = w.document()->compared();
        QVERIFY(std::find(compared.begin(), compared.end(), Scheme::Dfxp) == compared.end());
        QCOMPARE(compared.size(), size_t{5});
        menu->close();
    }

    // Issue 17: a finished sweep survives a granularity change; the other granularity says it has none.
    void sweepsAreKeptPerGranularity()
    {
        MainWindow w;
        WorkbenchDocument* doc = w.document();
        doc->setEvaluationLimit(200);
        w.show();
        w.openSample();
        QVERIFY(waitIdle(doc));
        doc->setCompared({Scheme::Asymmetric});
        doc->setSpec({Scheme::Asymmetric, Granularity::PerChannel, 8});
        doc->runSweep();
        QVERIFY(waitIdle(doc, 300000));
        const AccuracyTable perChannel = doc->accuracyTable();
        QCOMPARE(perChannel.cells.size(), size_t{7});
        QCOMPARE(perChannel.granularity, Granularity::PerChannel);

        doc->setSpec({Scheme::Asymmetric, Granularity::PerTensor, 8});
        QVERIFY(waitIdle(doc));
        QVERIFY(doc->accuracyTable().cells.empty());
        QCOMPARE(doc->accuracyTable().granularity, Granularity::PerTensor);
        QVERIFY(!doc->hasSweep(Granularity::PerTensor));
        QVERIFY2(w.views()->accuracyCurve()->noticeText().contains(QStringLiteral("No per-tensor sweep yet")),
                 qPrintable(w.views()->accuracyCurve()->noticeText()));

        doc->setSpec({Scheme::Asymmetric, Granularity::PerChannel, 8});
        QVERIFY(waitIdle(doc));
        QCOMPARE(doc->accuracyTable().cells.size(), size_t{7});
        QCOMPARE(doc->accuracyTable().find(Scheme::Asymmetric, 4)->top1, perChannel.find(Scheme::Asymmetric, 4)->top1);
        QVERIFY(w.views()->accuracyCurve()->noticeText().isEmpty());
        QCOMPARE(w.views()->accuracyModel()->rowCount(), 2); // FP32 and asymmetric
    }

    // Issue 17: while the confusion of a new setting is computed, the previous one is marked stale.
    void staleConfusionIsMarked()
    {
        MainWindow w;
        w.document()->setEvaluationLimit(200);
        w.show();
        w.openSample();
        QVERIFY(waitIdle(w.document()));
        QVERIFY(w.views()->confusionPlot()->hasData());
        QVERIFY(w.views()->confusionPlot()->noticeText().isEmpty());
        w.document()->setSpec({Scheme::Asymmetric, Granularity::PerChannel, 3});
        QVERIFY2(w.views()->confusionPlot()->noticeText().contains(QStringLiteral("3-bit")),
                 qPrintable(w.views()->confusionPlot()->noticeText()));
        QVERIFY(waitIdle(w.document()));
        QVERIFY(w.views()->confusionPlot()->noticeText().isEmpty());
    }

    // Issue 17: before a test set, the accuracy and confusion views say what they need.
    void emptyViewsSayWhatTheyNeed()
    {
        MainWindow w;
        w.show();
        QVERIFY(w.views()->confusionPlot()->noticeText().contains(QStringLiteral("Open a model")));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no-test-set.onnx"));
        QVERIFY(QFile::copy(QStringLiteral(":/sample/fashion_cnn.onnx"), path));
        w.openModel(path);
        QVERIFY(waitIdle(w.document()));
        QVERIFY(!w.document()->hasTestSet());
        QVERIFY(w.views()->confusionPlot()->noticeText().contains(QStringLiteral("Ctrl+D")));
        QVERIFY(w.views()->accuracyCurve()->noticeText().contains(QStringLiteral("Ctrl+D")));
    }

    // Issue 17: a project saved on the bundled sample names it as such and reopens in a later
    // process; a project whose model is missing offers to locate it and remembers the new place.
    void sampleProjectReopensAndMissingModelIsLocated()
    {
        QTemporaryDir dir;
        const QString project = dir.filePath(QStringLiteral("sample.bitlens"));
        {
            MainWindow w;
            w.document()->setEvaluationLimit(200);
            w.openSample();
            QVERIFY(waitIdle(w.document()));
            QVERIFY(w.project()->saveAs(project));
        }
        QFile f(project);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QJsonObject json = QJsonDocument::fromJson(f.readAll()).object();
        f.close();
        QCOMPARE(json.value(QStringLiteral("model")).toString(), QStringLiteral("bundled-sample:fashion_cnn.onnx"));
        {
            MainWindow w;
            w.document()->setEvaluationLimit(200);
            QVERIFY(w.project()->open(project));
            QVERIFY(waitIdle(w.document()));
            QCOMPARE(w.document()->modelPath(), bundledSampleModelPath());
            QVERIFY(!w.project()->isModified());
        }

        // The same project pointing at a model that is gone.
        const QString moved = dir.filePath(QStringLiteral("moved.onnx"));
        QVERIFY(QFile::copy(QStringLiteral(":/sample/fashion_cnn.onnx"), moved));
        json.insert(QStringLiteral("model"), QStringLiteral("gone/fashion_cnn.onnx"));
        json.remove(QStringLiteral("dataset"));
        const QString broken = dir.filePath(QStringLiteral("broken.bitlens"));
        QFile out(broken);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QJsonDocument(json).toJson());
        out.close();
        MainWindow w;
        QString asked;
        w.project()->setModelLocator([&](const QString& stored) {
            asked = stored;
            return moved;
        });
        QVERIFY(!w.project()->open(broken));
        auto* box = w.findChild<QMessageBox*>(QStringLiteral("errorDialog"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(broken) && box->text().contains(QStringLiteral("does not exist")), qPrintable(box->text()));
        auto* locate = box->findChild<QPushButton*>(QStringLiteral("locateModel"));
        QVERIFY(locate);
        locate->click();
        QCOMPARE(asked, QStringLiteral("gone/fashion_cnn.onnx"));
        QVERIFY(waitIdle(w.document()));
        QCOMPARE(QFileInfo(w.document()->modelPath()).absoluteFilePath(), QFileInfo(moved).absoluteFilePath());
        QCOMPARE(w.project()->path(), QFileInfo(broken).absoluteFilePath());
        QVERIFY(w.project()->isModified()); // saving stores the new location
        QVERIFY(w.project()->save());
        QFile saved(broken);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QCOMPARE(QJsonDocument::fromJson(saved.readAll()).object().value(QStringLiteral("model")).toString(),
                 QStringLiteral("moved.onnx"));
    }

    void exportsEveryPlotInEveryFormat()
    {
        MainWindow w;
        w.document()->setEvaluationLimit(200);
        QSignalSpy ready(w.document(), &WorkbenchDocument::overviewReady);
        w.openSample();
        QVERIFY(ready.wait(30000));
        QVERIFY(waitIdle(w.document()));
        w.document()->setCompared({Scheme::Asymmetric, Scheme::Pow2});
        w.document()->runSweep();
        QVERIFY(waitIdle(w.document(), 300000));

        QTemporaryDir dir;
        ExportOptions o;
        o.widthMm = 120;
        o.heightMm = 80;
        o.dpi = 200;
        const QSize px = o.pixelSize();
        QCOMPARE(px, QSize(945, 630)); // 120/25.4*200 = 944.9, 80/25.4*200 = 629.9
        for (PlotWidget* p : w.views()->plots()) {
            // Sensitivity and plan distance are measured on request (test_plan_editor, test_plan_widgets).
            if (p->exportName() == QLatin1String("sensitivity") || p->exportName() == QLatin1String("plan-distance"))
                continue;
            QVERIFY2(p->hasData(), qPrintable(p->exportName()));
            const QString base = dir.filePath(p->exportName());
            QString error;
            o.format = ExportFormat::Png;
            QVERIFY2(p->exportTo(base + QStringLiteral(".png"), o, &error), qPrintable(error));
            const QImage image(base + QStringLiteral(".png"));
            QCOMPARE(image.size(), px);
            QCOMPARE(qRound(image.dotsPerMeterX() * 0.0254), 200);

            o.format = ExportFormat::Pdf;
            QVERIFY2(p->exportTo(base + QStringLiteral(".pdf"), o, &error), qPrintable(error));
            QFile pdf(base + QStringLiteral(".pdf"));
            QVERIFY(pdf.open(QIODevice::ReadOnly));
            const QByteArray bytes = pdf.readAll();
            QVERIFY(bytes.startsWith("%PDF-"));
            // Vector: no embedded bitmap; the page is 120 x 80 mm = 340.2 x 226.8 pt.
            // (The confusion view's two colour bars are gradients drawn as images; its cells are vector.)
            QVERIFY2(bytes.count("/Subtype /Image") <= (p->exportName().endsWith(QLatin1String("confusion")) ? 2 : 0),
                     qPrintable(p->exportName()));
            const QRegularExpression media(QStringLiteral("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]"));
            const auto m = media.match(QString::fromLatin1(bytes));
            QVERIFY(m.hasMatch());
            QVERIFY(qAbs(m.captured(1).toDouble() - 340.16) < 1.0);
            QVERIFY(qAbs(m.captured(2).toDouble() - 226.77) < 1.0);

            o.format = ExportFormat::Svg;
            QVERIFY2(p->exportTo(base + QStringLiteral(".svg"), o, &error), qPrintable(error));
            QSvgRenderer svg(base + QStringLiteral(".svg"));
            QVERIFY(svg.isValid());
            QCOMPARE(svg.viewBox().size(), QSize(454, 302)); // 96-dpi units: 120 mm = 453.5, 80 mm = 302.4
            // The physical size in millimetres.
            QFile svgFile(base + QStringLiteral(".svg"));
            QVERIFY(svgFile.open(QIODevice::ReadOnly));
            const auto w = QRegularExpression(QStringLiteral("width=\"([0-9.]+)mm\"")).match(QString::fromUtf8(svgFile.readAll()));
            QVERIFY(w.hasMatch());
            QVERIFY(qAbs(w.captured(1).toDouble() - 120) < 0.27); // within one 96-dpi unit (0.26 mm)

            o.format = ExportFormat::Csv;
            QVERIFY2(p->exportTo(base + QStringLiteral(".csv"), o, &error), qPrintable(error));
            QFile csv(base + QStringLiteral(".csv"));
            QVERIFY(csv.open(QIODevice::ReadOnly));
            const QList<QByteArray> lines = csv.readAll().split('\n');
            QVERIFY(lines.size() > 2);
            QVERIFY(lines[0].contains(','));
        }
        // A folder that does not exist: a message naming the file, no crash, no file.
        QString error;
        o.format = ExportFormat::Pdf;
        QVERIFY(!w.views()->plots().front()->exportTo(QStringLiteral("/nonexistent/dir/q.pdf"), o, &error));
        QVERIFY(error.contains(QStringLiteral("/nonexistent/dir/q.pdf")));
    }

    // The latest request wins, also when a cancelled job would match it: big layer A is computing,
    // B (cached) is selected, then A again; A's views must still arrive. Then reopening the same
    // file while its views are computing shows the new model's views.
    void latestSelectionWinsOverCancelledJobs()
    {
        QTemporaryDir dir;
        testsupport::OnnxBuilder b;
        std::mt19937 rng(5);
        std::normal_distribution<float> normal(0.0f, 0.05f);
        std::vector<float> big(1000 * 1500), small(1500 * 10);
        for (float& x : big)
            x = normal(rng);
        for (float& x : small)
            x = normal(rng);
        b.addInitializer("a.weight", {1000, 1500}, big);
        b.addInitializer("b.weight", {1500, 10}, small);
        b.addInput("x", {-1, 1000});
        b.addOutput("y", {-1, 10});
        b.addNode("MatMul", {"x", "a.weight"}, {"h"}, "a");
        b.addNode("MatMul", {"h", "b.weight"}, {"y"}, "b");
        const QString model = dir.filePath(QStringLiteral("two.onnx"));
        QVERIFY(b.save(model.toStdString()));

        MainWindow w;
        QSignalSpy views(w.document(), &WorkbenchDocument::layerViewsReady);
        QSignalSpy loaded(w.document(), &WorkbenchDocument::modelLoaded);
        w.openModel(model);
        QVERIFY(loaded.wait(30000));
        w.document()->selectLayer(QStringLiteral("b.weight")); // a's first job is cancelled
        QVERIFY(waitForViews(views, "b.weight", PartAll));
        w.document()->selectLayer(QStringLiteral("a.weight")); // a computes ...
        w.document()->selectLayer(QStringLiteral("b.weight")); // ... b answers from the cache ...
        w.document()->selectLayer(QStringLiteral("a.weight")); // ... and a is asked for again
        QVERIFY(waitForViews(views, "a.weight", PartAll));
        QVERIFY(waitIdle(w.document()));
        QCOMPARE(w.views()->quartilePlot()->data().layer, std::string("a.weight"));

        // Reopen while a's views are computing: the new model's views arrive.
        views.clear();
        w.openModel(model);
        QVERIFY(loaded.wait(30000));
        w.openModel(model);
        QVERIFY(waitForViews(views, "a.weight", PartAll));
        QVERIFY(waitIdle(w.document()));
        QCOMPARE(w.views()->quartilePlot()->data().layer, std::string("a.weight"));
    }

    void reportsBadModel()
    {
        MainWindow w;
        QSignalSpy failed(w.document(), &WorkbenchDocument::loadFailed);
        w.openModel(QStringLiteral("/nonexistent/model.onnx"));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("/nonexistent/model.onnx")));
        auto* box = w.findChild<QMessageBox*>(QStringLiteral("errorDialog"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral("/nonexistent/model.onnx")));
    }

    void reportsBadTestSet()
    {
        MainWindow w;
        QSignalSpy ready(w.document(), &WorkbenchDocument::overviewReady);
        w.document()->setEvaluationLimit(100);
        w.openSample();
        QVERIFY(ready.wait(30000));
        QTemporaryDir dir;
        QFile bad(dir.filePath(QStringLiteral("images.npy")));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not an npy file");
        bad.close();
        // Through File > Choose Test Set: the refused test set leaves the project unmodified.
        QVERIFY(w.project()->saveAs(dir.filePath(QStringLiteral("p.bitlens"))));
        QTimer::singleShot(0, &w, [&] {
            auto* dialog = w.findChild<TestSetDialog*>();
            QVERIFY(dialog);
            dialog->findChild<QLineEdit*>(QStringLiteral("testSetPath"))->setText(dir.path());
            dialog->accept();
        });
        w.chooseTestSet();
        QVERIFY(!w.project()->isModified());
        auto* box = w.findChild<QMessageBox*>(QStringLiteral("errorDialog"));
        QVERIFY(box);
        QVERIFY2(box->text().contains(dir.path()), qPrintable(box->text()));
        QVERIFY(w.document()->hasTestSet()); // the previous test set stays
        QString error;
        QVERIFY(!w.document()->setPreprocessing(QStringLiteral("0.5"), QStringLiteral("0"), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(waitIdle(w.document()));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"

// The window, headless: opens the bundled sample, lists its layers, follows the scheme selector,
// and shows a load error instead of crashing on a bad file.
#include <app/main_window.h>
#include <app/workbench_document.h>

#include <QComboBox>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>

using namespace bitlens;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void opensSample()
    {
        MainWindow w;
        w.show();
        QSignalSpy ready(w.document(), &WorkbenchDocument::overviewReady);
        w.openSample();
        QVERIFY(ready.wait(30000));
        QVERIFY(w.layerView()->model()->rowCount() >= 4);
        QVERIFY(w.windowTitle().contains(QStringLiteral("fashion_cnn.onnx")));

        // Changing the scheme recomputes the SQNR column in the background.
        auto* scheme = w.findChild<QComboBox*>();
        QVERIFY(scheme);
        ready.clear();
        scheme->setCurrentIndex(scheme->findData(static_cast<int>(Scheme::Pow2)));
        QVERIFY(ready.wait(30000));
        QCOMPARE(w.document()->spec().scheme, Scheme::Pow2);
    }

    void reportsBadModel()
    {
        MainWindow w;
        QSignalSpy failed(w.document(), &WorkbenchDocument::loadFailed);
        // The message box would block; the document's signal carries the message.
        QObject::disconnect(w.document(), &WorkbenchDocument::loadFailed, &w, nullptr);
        w.openModel(QStringLiteral("/nonexistent/model.onnx"));
        QVERIFY(failed.wait(10000));
        QVERIFY(failed.first().first().toString().contains(QStringLiteral("/nonexistent/model.onnx")));
    }
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"

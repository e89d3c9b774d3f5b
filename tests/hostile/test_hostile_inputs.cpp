// Every case of the hostile-input corpus (written by make_hostile_inputs, a CTest fixture) through
// bitlens-cli, checking its exit status and its one-line message, and through the window, checking
// that a refused file ends in an error dialog that names it and that nothing crashes.
#include "app/main_window.h"
#include "app/grouping_document.h"
#include "app/plan_document.h"
#include "app/project_session.h"
#include "app/workbench_document.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMessageBox>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QtTest>

using namespace bitlens;

namespace {

struct Case
{
    QString name, command, path; // path absolute
    int exitStatus = 0;          // -1: any status, as long as nothing crashes
    QString pattern;
};

QString corpusDir()
{
    return QStringLiteral(BITLENS_HOSTILE_DIR);
}

std::vector<Case> readManifest()
{
    std::vector<Case> cases;
    QFile f(corpusDir() + QStringLiteral("/manifest.tsv"));
    if (!f.open(QIODevice::ReadOnly))
        return cases;
    while (!f.atEnd()) {
        const QStringList parts = QString::fromUtf8(f.readLine()).chopped(1).split(QLatin1Char('\t'));
        if (parts.size() != 5)
            continue;
        cases.push_back({parts[0], parts[1], corpusDir() + QLatin1Char('/') + parts[2], parts[3].toInt(), parts[4]});
    }
    return cases;
}

QStringList cliArguments(const Case& c)
{
    const QString dir = corpusDir();
    const QString base = dir + QStringLiteral("/base.onnx");
    const QString data = dir + QStringLiteral("/data-ok");
    if (c.command == QLatin1String("info"))
        return {QStringLiteral("info"), c.path};
    if (c.command == QLatin1String("eval"))
        return {QStringLiteral("eval"), c.path, QStringLiteral("--data"), data};
    if (c.command == QLatin1String("stats"))
        return {QStringLiteral("stats"), c.path, QStringLiteral("--schemes"), QStringLiteral("asymmetric,kmeans"),
                QStringLiteral("--bits"), QStringLiteral("4")};
    if (c.command == QLatin1String("data"))
        return {QStringLiteral("eval"), base, QStringLiteral("--data"), c.path};
    if (c.command == QLatin1String("samples"))
        return {QStringLiteral("compare"), base, QStringLiteral("--samples"), c.path, QStringLiteral("--bits"), QStringLiteral("4")};
    if (c.command == QLatin1String("plan"))
        return {QStringLiteral("eval"), base, QStringLiteral("--data"), data, QStringLiteral("--plan"), c.path};
    if (c.command == QLatin1String("groups"))
        return {QStringLiteral("eval"), base, QStringLiteral("--data"), data, QStringLiteral("--groups"), c.path};
    return {QStringLiteral("report"), c.path, QStringLiteral("--out"),
            dir + QStringLiteral("/out/") + c.name + QStringLiteral(".html")};
}

// Waits until no document of the window has work in flight (or the time is up).
bool waitIdle(MainWindow& w, int timeoutMs = 120000)
{
    QElapsedTimer t;
    t.start();
    auto busy = [&] {
        return w.document()->busy() || w.document()->planDocument()->busy() ||
               w.document()->groupingDocument()->busy();
    };
    do {
        QTest::qWait(20);
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents();
    } while (busy() && t.elapsed() < timeoutMs);
    return !busy();
}

QStringList errorDialogs(MainWindow& w)
{
    QStringList texts;
    for (QMessageBox* box : w.findChildren<QMessageBox*>(QStringLiteral("errorDialog")))
        texts << box->text();
    return texts;
}

void closeErrorDialogs(MainWindow& w)
{
    for (QMessageBox* box : w.findChildren<QMessageBox*>(QStringLiteral("errorDialog"))) {
        box->setObjectName(QString());
        box->close();
        delete box;
    }
}

} // namespace

class TestHostileInputs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(corpusDir() + QStringLiteral("/manifest.tsv")),
                 "run make_hostile_inputs first (the CTest fixture hostile_inputs_generate does)");
        QVERIFY(readManifest().size() > 100);
        qputenv("BITLENS_RECOVERY_DIR", QDir::temp().filePath(QStringLiteral("bitlens-hostile-recovery")).toUtf8());
    }

    void cli_data()
    {
        QTest::addColumn<int>("index");
        const auto cases = readManifest();
        for (size_t i = 0; i < cases.size(); ++i)
            QTest::newRow(qPrintable(cases[i].name)) << static_cast<int>(i);
    }

    // bitlens-cli: exit 2 with one line on stderr naming the file and matching the pattern; or 0.
    void cli()
    {
        QFETCH(int, index);
        const Case c = readManifest()[static_cast<size_t>(index)];
        QProcess p;
        p.start(QStringLiteral(BITLENS_CLI), cliArguments(c));
        QVERIFY(p.waitForFinished(300000));
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitStatus() == QProcess::NormalExit, qPrintable(QStringLiteral("crashed: ") + err));
        if (c.exitStatus < 0) {
            QVERIFY2(p.exitCode() == 0 || p.exitCode() == 2, qPrintable(err));
            if (p.exitCode() == 2)
                QVERIFY2(err.contains(c.path), qPrintable(err));
            return;
        }
        QVERIFY2(p.exitCode() == c.exitStatus,
                 qPrintable(QStringLiteral("exit %1, expected %2: %3").arg(p.exitCode()).arg(c.exitStatus).arg(err)));
        if (c.exitStatus == 2) {
            const QString line = err.trimmed();
            QVERIFY2(!line.contains(QLatin1Char('\n')), qPrintable(QStringLiteral("more than one line: ") + err));
            // The message names the file: the case's path, or for a folder a file inside it.
            QVERIFY2(line.contains(c.path), qPrintable(QStringLiteral("does not name ") + c.path + QStringLiteral(": ") + line));
            QVERIFY2(line.contains(QRegularExpression(c.pattern)),
                     qPrintable(QStringLiteral("does not match /") + c.pattern + QStringLiteral("/: ") + line));
        }
    }

    // The window: a refused file is an error dialog naming it; an accepted one none; no crash.
    void gui()
    {
        const auto cases = readManifest();
        const QString dir = corpusDir();
        MainWindow w;
        w.project()->setAutosaveDelay(3600000);
        // An imported plan or groups file is an unsaved edit: answer "Discard" when the next open asks.
        QTimer discard;
        connect(&discard, &QTimer::timeout, &w, [&w] {
            if (auto* box = w.findChild<QMessageBox*>(QStringLiteral("maybeSaveDialog")))
                box->done(QMessageBox::Discard);
        });
        discard.start(50);
        w.document()->setEvaluationLimit(10);
        w.useTestSet(dir + QStringLiteral("/data-ok"));
        int checked = 0;
        for (const Case& c : cases) {
            if (c.command == QLatin1String("samples")) // compare is command-line only so far
                continue;
            const QString where = c.name + QStringLiteral(" (") + c.command + QStringLiteral("): ");
            closeErrorDialogs(w);
            qInfo("%s", qPrintable(where));
            const bool modelCase = c.command == QLatin1String("info") || c.command == QLatin1String("eval") ||
                                   c.command == QLatin1String("stats");
            if (modelCase) {
                w.useTestSet(dir + QStringLiteral("/data-ok"));
                w.openModel(c.path);
            } else {
                // The others need the good model open first, with no dialog left over.
                w.useTestSet(dir + QStringLiteral("/data-ok"));
                w.openModel(dir + QStringLiteral("/base.onnx"));
                QVERIFY2(waitIdle(w), qPrintable(where + QStringLiteral("busy")));
                QVERIFY2(errorDialogs(w).isEmpty(), qPrintable(where + errorDialogs(w).join(QLatin1Char('|'))));
                if (c.command == QLatin1String("data"))
                    w.useTestSet(c.path);
                else if (c.command == QLatin1String("plan"))
                    w.project()->importPlan(c.path);
                else if (c.command == QLatin1String("groups"))
                    w.importGroups(c.path);
                else
                    w.project()->open(c.path);
            }
            QVERIFY2(waitIdle(w), qPrintable(where + QStringLiteral("still busy")));
            const QStringList dialogs = errorDialogs(w);
            if (c.exitStatus == 2 && !(modelCase && c.command == QLatin1String("stats"))) {
                QVERIFY2(!dialogs.isEmpty(), qPrintable(where + QStringLiteral("no error dialog")));
                const QString fileName = QFileInfo(c.path).fileName();
                QVERIFY2(dialogs.join(QLatin1Char('\n')).contains(fileName),
                         qPrintable(where + QStringLiteral("the dialog does not name ") + fileName + QStringLiteral(": ") +
                                    dialogs.join(QLatin1Char('|'))));
                ++checked;
            } else if (c.exitStatus == 0 && c.command != QLatin1String("info")) {
                // "info" cases that load may still fail to run (unknown ops): only "no crash" there.
                QVERIFY2(dialogs.isEmpty(), qPrintable(where + dialogs.join(QLatin1Char('|'))));
            }
            // A project that opened may have changed the test set: restore for the next case.
            if (c.command == QLatin1String("project")) {
                w.project()->discardRecovery();
            }
        }
        closeErrorDialogs(w);
        QVERIFY(checked > 80);
    }
};

QTEST_MAIN(TestHostileInputs)
#include "test_hostile_inputs.moc"

// Replays every input the fuzzers kept (tests/fuzz/corpus/TARGET/*) through the same entry
// functions, so what once crashed or found new coverage is rerun on every build; under the asan
// preset this is the fuzzers' check without the fuzzing. Each input must simply return.
#include "fuzz_entries.h"

#include <QDir>
#include <QFile>
#include <QtTest>

namespace {

using Entry = void (*)(const uint8_t*, size_t);

struct Target
{
    const char* name;
    Entry entry;
};

const Target kTargets[] = {
    {"onnx_model", fuzzentry::onnxModel},
    {"engine_graph", fuzzentry::engineGraph},
    {"idx_dataset", fuzzentry::idxDataset},
    {"npy_dataset", fuzzentry::npyDataset},
    {"project_files", fuzzentry::projectFiles},
};

QString corpusDir(const char* target)
{
    return QStringLiteral(BITLENS_SOURCE_DIR "/tests/fuzz/corpus/") + QLatin1String(target);
}

} // namespace

class TestFuzzReplay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replay_data()
    {
        QTest::addColumn<int>("target");
        for (int i = 0; i < static_cast<int>(std::size(kTargets)); ++i)
            QTest::newRow(kTargets[i].name) << i;
    }

    void replay()
    {
        QFETCH(int, target);
        const Target& t = kTargets[target];
        const QDir dir(corpusDir(t.name));
        const QStringList files = dir.entryList(QDir::Files, QDir::Name);
        // A corpus that went missing would make this test pass vacuously.
        QVERIFY2(files.size() >= 20, qPrintable(dir.path() + QStringLiteral(" has only %1 inputs").arg(files.size())));
        for (const QString& name : files) {
            QFile f(dir.filePath(name));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(f.fileName()));
            const QByteArray bytes = f.readAll();
            t.entry(reinterpret_cast<const uint8_t*>(bytes.constData()), static_cast<size_t>(bytes.size()));
        }
        qInfo("%s: %lld inputs replayed", t.name, static_cast<long long>(files.size()));
    }
};

QTEST_GUILESS_MAIN(TestFuzzReplay)
#include "test_fuzz_replay.moc"

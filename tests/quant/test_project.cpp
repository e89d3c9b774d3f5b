// Project files (DESIGN.md "Files", *.bitlens): a save/load round trip of every field, paths kept
// relative to the project file, and hostile files refused with a message naming the field.
#include <quant/project.h>

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace bitlens;

// (No raw string literals in this file: moc misreads their braces inside a Q_OBJECT class.)
class TestProject : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    std::string write(const QByteArray& text, const QString& name = QStringLiteral("p.bitlens"))
    {
        QFile f(m_dir.filePath(name));
        if (!f.open(QIODevice::WriteOnly))
            qFatal("cannot write");
        f.write(text);
        return f.fileName().toStdString();
    }

private Q_SLOTS:
    void roundTrip()
    {
        Project p;
        p.model = "../models/net.onnx";
        p.modelSha256 = "ab12";
        p.dataset = "/usr/share/datasets/fashion-mnist";
        p.mean = std::vector<float>{0.25f};
        p.std = std::vector<float>{0.5f};
        p.plan.defaults = {Scheme::Symmetric, Granularity::PerTensor, 6};
        p.plan.foldBatchNorm = true;
        p.plan.layers["conv1.weight"] = {Scheme::Pow2, Granularity::PerChannel, 4};
        p.plan.layers["fc.weight"] = {Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits};
        p.groups = QJsonDocument::fromJson("{\"format\":\"bitlens-groups\",\"version\":1,\"classes\":[\"cat\",\"dog\",\"car\"],\n"
            "            \"tree\":{\"name\":\"all\",\"children\":[{\"name\":\"pets\",\"children\":[0,1]},2]},\"cut\":[\"pets\"]}").object();
        p.view.setting = {Scheme::KMeans, Granularity::PerTensor, 3};
        p.view.layer = "conv1.weight";
        p.view.compared = {Scheme::Asymmetric, Scheme::Gaussian};
        p.view.histogramBins = 64;
        p.view.tab = "confusion";
        const std::string path = m_dir.filePath(QStringLiteral("round.bitlens")).toStdString();
        QVERIFY(writeProject(p, path).ok());
        auto r = readProject(path);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
        QCOMPARE(r->model, p.model);
        QCOMPARE(r->modelSha256, p.modelSha256);
        QCOMPARE(r->dataset, p.dataset);
        QCOMPARE(*r->mean, *p.mean);
        QCOMPARE(*r->std, *p.std);
        QVERIFY(r->plan.defaults == p.plan.defaults);
        QCOMPARE(r->plan.foldBatchNorm, true);
        QCOMPARE(r->plan.layers.size(), size_t{2});
        QVERIFY(r->plan.layers.at("conv1.weight") == p.plan.layers.at("conv1.weight"));
        QCOMPARE(r->plan.layers.at("fc.weight").bits, kFp32Bits);
        QCOMPARE(*r->groups, *p.groups);
        QVERIFY(r->view.setting == p.view.setting);
        QCOMPARE(r->view.layer, p.view.layer);
        QCOMPARE(r->view.compared, p.view.compared);
        QCOMPARE(r->view.histogramBins, 64);
        QCOMPARE(r->view.tab, std::string("confusion"));
        // Saving again gives the same bytes.
        QCOMPARE(projectJson(*r), projectJson(p));
    }

    void pathsRelativeToTheProject()
    {
        const std::string project = "/data/work/studies/a.bitlens";
        QCOMPARE(relativeProjectPath(project, "/data/work/models/net.onnx"), std::string("../models/net.onnx"));
        QCOMPARE(relativeProjectPath(project, "/data/work/studies/net.onnx"), std::string("net.onnx"));
        QCOMPARE(resolveProjectPath(project, "../models/net.onnx"), std::string("/data/work/models/net.onnx"));
        QCOMPARE(resolveProjectPath(project, "/abs/net.onnx"), std::string("/abs/net.onnx"));
        QCOMPARE(resolveProjectPath(project, ""), std::string());
    }

    void hostileFiles_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("message");
        auto project = [](const char* rest) -> QByteArray { // not auto: a QStringBuilder would dangle
            return QByteArray("{\"format\":\"bitlens-project\",\"version\":1,\"model\":\"m.onnx\"") + rest + "}";
        };
        QTest::newRow("not json") << QByteArray("{\"format\":") << QStringLiteral("JSON");
        QTest::newRow("a plan, not a project") << QByteArray("{\"format\":\"bitlens-plan\",\"version\":1}") << QStringLiteral("format");
        QTest::newRow("newer version") << QByteArray("{\"format\":\"bitlens-project\",\"version\":2,\"model\":\"m.onnx\"}")
                                       << QStringLiteral("version 2");
        QTest::newRow("no model") << QByteArray("{\"format\":\"bitlens-project\",\"version\":1}") << QStringLiteral("model: missing");
        QTest::newRow("model not a string") << QByteArray("{\"format\":\"bitlens-project\",\"version\":1,\"model\":7}")
                                            << QStringLiteral("model: expected a string");
        QTest::newRow("huge path") << project((",\"dataset\":\"" + std::string(5000, 'x') + "\"").c_str())
                                   << QStringLiteral("dataset: longer than");
        QTest::newRow("mean of strings") << project(",\"preprocessing\":{\"mean\":[\"a\"],\"std\":[1]}")
                                         << QStringLiteral("preprocessing: mean");
        QTest::newRow("std zero") << project(",\"preprocessing\":{\"mean\":[0],\"std\":[0]}") << QStringLiteral("preprocessing.std[0]: every value must be positive and finite, got 0");
        QTest::newRow("mean without std") << project(",\"preprocessing\":{\"mean\":[0]}") << QStringLiteral("go together");
        QTest::newRow("bits out of range") << project(",\"plan\":{\"layers\":{\"conv.weight\":{\"bits\":99}}}")
                                           << QStringLiteral("plan: layers.conv.weight.bits");
        QTest::newRow("huge layer name") << project((",\"plan\":{\"layers\":{\"" + std::string(100000, 'w') + "\":{\"bits\":4}}}").c_str())
                                         << QStringLiteral("plan: layers: a layer name longer than 4096");
        QTest::newRow("bits as a string") << project(",\"plan\":{\"layers\":{\"conv.weight\":{\"bits\":\"4\"}}}")
                                          << QStringLiteral("plan: layers.conv.weight.bits");
        QTest::newRow("unknown scheme") << project(",\"plan\":{\"layers\":{\"conv.weight\":{\"scheme\":\"int4\"}}}")
                                        << QStringLiteral("plan: layers.conv.weight.scheme");
        QTest::newRow("layer not an object") << project(",\"plan\":{\"layers\":{\"conv.weight\":4}}")
                                             << QStringLiteral("plan: layers.conv.weight: expected an object");
        QTest::newRow("plan not an object") << project(",\"plan\":[1]") << QStringLiteral("plan: expected an object");
        QTest::newRow("view bits 32") << project(",\"view\":{\"bits\":32}") << QStringLiteral("view.bits");
        QTest::newRow("unknown tab") << project(",\"view\":{\"tab\":\"x\"}") << QStringLiteral("view.tab");
        QTest::newRow("compared numbers") << project(",\"view\":{\"compared\":[1]}") << QStringLiteral("view.compared");
        QTest::newRow("fractional bins") << project(",\"view\":{\"histogram_bins\":1.5}") << QStringLiteral("histogram_bins");
        QTest::newRow("groups wrong type") << project(",\"groups\":\"pets\"") << QStringLiteral("groups: expected an object");
        QTest::newRow("groups without classes") << project(",\"groups\":{\"tree\":{}}") << QStringLiteral("groups: classes");
    }

    void hostileFiles()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, message);
        const std::string path = write(text);
        auto r = readProject(path);
        QVERIFY(!r.ok());
        QVERIFY2(QString::fromStdString(r.error()).contains(message), r.error().c_str());
        QVERIFY2(r.error().find(path) != std::string::npos, r.error().c_str()); // names the file
    }

    void missingFileAndFolderWrites()
    {
        auto r = readProject(m_dir.filePath(QStringLiteral("none.bitlens")).toStdString());
        QVERIFY(!r.ok());
        Project p;
        p.model = "m.onnx";
        QVERIFY(!writeProject(p, "/nonexistent/dir/p.bitlens").ok());
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "test_project.moc"

// Quantized model export: the fake-quant ONNX of a plan passes ONNX's own checker, holds x^ for
// every quantized weight (FP32 layers unchanged, bit for bit), keeps the model's metadata and adds
// the plan, and BitLens's engine gives the same predictions on it as the in-app evaluation.
#include <model/data/dataset.h>
#include <model/evaluation.h>
#include <model/onnx_loader.h>
#include <model/onnx_writer.h>
#include <quant/accuracy_sweep.h>
#include <quant/apply_plan.h>
#include <quant/model_export.h>

#include <QTemporaryDir>
#include <QTest>

using namespace bitlens;

namespace {
const std::string kSample = BITLENS_SOURCE_DIR "/resources/sample/";
}

class TestExport : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void fakeQuantRoundTrip_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("sample") << QString::fromStdString(kSample + "fashion_cnn.onnx");
        QTest::newRow("resnet20") << QStringLiteral(BITLENS_TEST_DATA "/resnet20.onnx");
    }

    void fakeQuantRoundTrip()
    {
        QFETCH(QString, model);
        auto loaded = loadOnnxModel(model.toStdString());
        QVERIFY(loaded.ok());
        SweepInput in;
        in.model = std::make_shared<const Model>(std::move(*loaded));
        in.layers = findWeightLayers(*in.model);
        in.openData = [shape = inputShapeOf(*in.model)] { return openDataset(kSample, shape); };
        in.pre.mean = {0.2860f};
        in.pre.std = {0.3530f};
        in.options.limit = 300;
        in.options.keepLogits = true;
        // A mixed plan: 3-bit k-means defaults, the first layer FP32, the last pow2 per-tensor 4-bit.
        Plan plan = Plan::uniform({Scheme::KMeans, Granularity::PerChannel, 3});
        plan.layers[in.layers.front().name] = {Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits};
        plan.layers[in.layers.back().name] = {Scheme::Pow2, Granularity::PerTensor, 4};

        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("q.onnx")).toStdString();
        auto written = exportFakeQuant(*in.model, in.layers, plan, out);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().c_str());
        auto checked = checkOnnxFile(out);
        QVERIFY2(checked.ok(), checked.ok() ? "" : checked.error().c_str());

        auto back = loadOnnxModel(out);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        const auto xhat = quantizedWeights(plan, in.layers);
        for (const WeightLayer& l : findWeightLayers(*back)) {
            const auto want = xhat.count(l.name) ? xhat.at(l.name)->floats : in.model->constants.at(l.name)->floats;
            QVERIFY2(l.tensor->floats == want, l.name.c_str());
        }
        QVERIFY(back->metadataValue("bitlens.plan") != nullptr);
        for (const auto& [key, value] : in.model->metadata) {
            const std::string* kept = back->metadataValue(key);
            QVERIFY2(kept && *kept == value, key.c_str());
        }

        // The exported model, run as it is, against the in-app evaluation of the plan.
        auto want = evaluatePlan(in, plan);
        QVERIFY(want.ok());
        auto session = engine::Session::create(std::make_shared<const Model>(std::move(*back)));
        QVERIFY(session.ok());
        auto data = in.openData();
        QVERIFY(data.ok());
        auto got = evaluate(**session, **data, in.pre, in.options);
        QVERIFY(got.ok());
        QCOMPARE(got->confusion, want->confusion);
        QCOMPARE(got->top1, want->top1);
        QVERIFY(got->logits == want->logits);
    }

    void refusals()
    {
        auto loaded = loadOnnxModel(kSample + "fashion_cnn.onnx");
        QVERIFY(loaded.ok());
        QTemporaryDir dir;
        OnnxWriteOptions o;
        auto t = std::make_shared<Tensor>();
        t->dims = {1};
        t->floats.assign(1, 0.0f);
        o.constants["no.such.weight"] = t;
        auto r = writeModelWithConstants(*loaded, o, dir.filePath(QStringLiteral("x.onnx")).toStdString());
        QVERIFY(!r.ok());
        QVERIFY(r.error().find("no.such.weight") != std::string::npos);
        o.constants.clear();
        o.constants[findWeightLayers(*loaded).front().name] = t; // wrong dims
        r = writeModelWithConstants(*loaded, o, dir.filePath(QStringLiteral("x.onnx")).toStdString());
        QVERIFY(!r.ok());
        QVERIFY(r.error().find("dims") != std::string::npos);
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("x.onnx")))); // nothing half-written
        // The checker's verdict on a file that is not ONNX.
        QFile junk(dir.filePath(QStringLiteral("junk.onnx")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not a model");
        junk.close();
        QVERIFY(!checkOnnxFile(junk.fileName().toStdString()).ok());
        Plan folded;
        folded.foldBatchNorm = true;
        QVERIFY(!exportFakeQuant(*loaded, findWeightLayers(*loaded), folded, dir.filePath(QStringLiteral("y.onnx")).toStdString()).ok());
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "test_export.moc"

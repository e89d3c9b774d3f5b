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

#include <cmath>

#include <QFileInfo>
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

    // QDQ: every scheme and both granularities, one layer after another (with an FP32 layer and a
    // 12-bit one, which has no 8-bit container and is stored as x^): the checker accepts it, the
    // weights are integers or codes feeding DequantizeLinear or Gather, and BitLens's engine gives
    // the same predictions as the in-app evaluation (uniform layers are dequantized in float32 as
    // the ONNX reference does, so logits may differ in the last bits; codebooks are exact).
    void qdqRoundTrip()
    {
        auto loaded = loadOnnxModel(BITLENS_TEST_DATA "/resnet20.onnx");
        QVERIFY(loaded.ok());
        SweepInput in;
        in.model = std::make_shared<const Model>(std::move(*loaded));
        in.layers = findWeightLayers(*in.model);
        in.openData = [shape = inputShapeOf(*in.model)] { return openDataset(kSample, shape); };
        in.pre.mean = {0.2860f};
        in.pre.std = {0.3530f};
        in.options.limit = 500;
        in.options.keepLogits = true;
        const std::vector<QuantSpec> specs{
            {Scheme::Asymmetric, Granularity::PerChannel, 4}, {Scheme::Symmetric, Granularity::PerTensor, 8},
            {Scheme::Dfxp, Granularity::PerChannel, 6},       {Scheme::KMeans, Granularity::PerChannel, 3},
            {Scheme::Pow2, Granularity::PerTensor, 4},        {Scheme::Gaussian, Granularity::PerChannel, 5},
            {Scheme::Asymmetric, Granularity::PerTensor, 8},  {Scheme::Symmetric, Granularity::PerChannel, 5},
            {Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits}, {Scheme::Asymmetric, Granularity::PerChannel, 12},
            {Scheme::KMeans, Granularity::PerTensor, 6},      {Scheme::Pow2, Granularity::PerChannel, 5}};
        Plan plan = Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, 8});
        for (size_t i = 0; i < in.layers.size(); ++i)
            plan.layers[in.layers[i].name] = specs[i % specs.size()];

        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("qdq.onnx")).toStdString();
        auto written = exportQdq(*in.model, in.layers, plan, out);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().c_str());
        auto checked = checkOnnxFile(out);
        QVERIFY2(checked.ok(), checked.ok() ? "" : checked.error().c_str());
        auto back = loadOnnxModel(out);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        int dq = 0, gather = 0;
        for (const Node& n : back->nodes) {
            dq += n.opType == "DequantizeLinear";
            gather += n.opType == "Gather";
        }
        int uniform = 0, codebook = 0;
        for (const WeightLayer& l : in.layers) {
            const QuantSpec s = plan.specFor(l.name);
            if (s.bits > 8)
                continue;
            (s.scheme == Scheme::Asymmetric || s.scheme == Scheme::Symmetric || s.scheme == Scheme::Dfxp ? uniform : codebook)++;
        }
        QCOMPARE(dq, uniform);
        QVERIFY(gather >= codebook);
        // Only the FP32 and 12-bit layers are still float weights.
        const auto remaining = findWeightLayers(*back);
        for (const WeightLayer& l : remaining)
            QVERIFY2(plan.specFor(l.name).bits > 8, l.name.c_str());

        auto want = evaluatePlan(in, plan);
        QVERIFY(want.ok());
        auto session = engine::Session::create(std::make_shared<const Model>(std::move(*back)));
        QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
        auto data = in.openData();
        QVERIFY(data.ok());
        auto got = evaluate(**session, **data, in.pre, in.options);
        QVERIFY2(got.ok(), got.ok() ? "" : got.error().c_str());
        // Every image's prediction (argmax of the in-app logits) and the confusion matrix.
        const int classes = static_cast<int>(want->confusion.size());
        QCOMPARE(got->predictions.size(), size_t{500});
        for (size_t i = 0; i < got->predictions.size(); ++i)
            QCOMPARE(got->predictions[i], scoreLogits(want->logits.data() + i * static_cast<size_t>(classes), classes, 0).predicted);
        QCOMPARE(got->confusion, want->confusion);
        QCOMPARE(got->top1, want->top1);
        double worst = 0;
        for (size_t i = 0; i < got->logits.size(); ++i)
            worst = std::max(worst, static_cast<double>(std::fabs(got->logits[i] - want->logits[i])));
        QVERIFY2(worst < 1e-3, qPrintable(QString::number(worst)));
        // Smaller than the FP32 file: the weights are 1 byte each at most.
        QVERIFY(QFileInfo(QString::fromStdString(out)).size() < QFileInfo(QStringLiteral(BITLENS_TEST_DATA "/resnet20.onnx")).size() / 2);
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

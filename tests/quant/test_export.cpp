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
#include <quant/plan_formats.h>
#include <quant/quantize_tensor.h>
#include <quant/scheme_registry.h>

#include <QJsonDocument>

#include <QJsonArray>

#include <algorithm>
#include <cmath>

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace bitlens;

namespace {
const std::string kSample = BITLENS_SOURCE_DIR "/resources/sample/";

WeightLayer handLayer(const std::string& name, std::vector<float> values, std::vector<int64_t> dims)
{
    auto t = std::make_shared<Tensor>();
    t->name = name;
    t->dims = std::move(dims);
    t->floats.assign(values.begin(), values.end());
    WeightLayer l;
    l.name = name;
    l.nodeName = name + "_node";
    l.op = std::string("Gemm");
    l.tensor = t;
    return l;
}
} // namespace

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

    // Fake-quant under every named format and element format, per block and per channel, one
    // layer after another: every exported weight equals the scalar reference's x^ bit for bit, and
    // the exported model predicts as the in-app evaluation of the plan.
    void fakeQuantEveryFormat()
    {
        auto loaded = loadOnnxModel(BITLENS_TEST_DATA "/resnet20.onnx");
        QVERIFY(loaded.ok());
        SweepInput in;
        in.model = std::make_shared<const Model>(std::move(*loaded));
        in.layers = findWeightLayers(*in.model);
        in.openData = [shape = inputShapeOf(*in.model)] { return openDataset(kSample, shape); };
        in.pre.mean = {0.2860f};
        in.pre.std = {0.3530f};
        in.options.limit = 100;
        in.options.keepLogits = true;
        std::vector<QuantSpec> specs;
        for (const NamedFormat& f : namedFormats())
            specs.push_back(f.spec);
        for (const SchemeDescriptor& d : schemeRegistry())
            if (hasBitRange(d))
                specs.push_back({d.id, Granularity::PerBlock, 3, 16, d.defaultScale});
        specs.push_back({Scheme::Symmetric, Granularity::PerBlock, 4, 32, ScaleEncoding::E8M0});
        specs.push_back({Scheme::Fp8E5M2, Granularity::PerBlock, 8, 16, ScaleEncoding::Fp16});
        specs.push_back({Scheme::Asymmetric, Granularity::PerBlock, 3, 8, ScaleEncoding::Bf16});
        specs.push_back({Scheme::Fp6E2M3, Granularity::PerChannel, 6, 0, ScaleEncoding::UE4M3});
        Plan plan = Plan::uniform(specs.front());
        for (size_t i = 0; i < in.layers.size(); ++i)
            plan.layers[in.layers[i].name] = specs[i % specs.size()];
        QVERIFY(in.layers.size() >= specs.size()); // every spec is used

        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("formats.onnx")).toStdString();
        auto written = exportFakeQuant(*in.model, in.layers, plan, out);
        QVERIFY2(written.ok(), written.ok() ? "" : written.error().c_str());
        auto checked = checkOnnxFile(out);
        QVERIFY2(checked.ok(), checked.ok() ? "" : checked.error().c_str());
        auto back = loadOnnxModel(out);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().c_str());
        for (const WeightLayer& l : findWeightLayers(*back)) {
            const auto original = std::find_if(in.layers.begin(), in.layers.end(), [&](const WeightLayer& w) { return w.name == l.name; });
            QVERIFY(original != in.layers.end());
            const std::vector<float> want = quantizeLayer(*original, plan.specFor(l.name), OutputXhat).xhat;
            const auto& got = l.tensor->floats;
            QVERIFY2(std::equal(got.begin(), got.end(), want.begin(), want.end()),
                     (l.name + " " + specLabel(plan.specFor(l.name))).c_str());
            // (The first Conv has one input channel: its blocks are single weights, kept unchanged.)
            if (original->tensor->dims[1] > 1)
                QVERIFY(got != original->tensor->floats);
        }
        // The plan in the metadata reads back as the same plan.
        const std::string* recorded = back->metadataValue("bitlens.plan");
        QVERIFY(recorded);
        auto again = planFromJson(QJsonDocument::fromJson(QByteArray::fromStdString(*recorded)).object(), nullptr, "metadata");
        QVERIFY2(again.ok(), again.ok() ? "" : again.error().c_str());
        QVERIFY(again->layers == plan.layers);

        auto want = evaluatePlan(in, plan);
        QVERIFY(want.ok());
        auto session = engine::Session::create(std::make_shared<const Model>(std::move(*back)));
        QVERIFY(session.ok());
        auto data = in.openData();
        QVERIFY(data.ok());
        auto got = evaluate(**session, **data, in.pre, in.options);
        QVERIFY(got.ok());
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
        // Only the FP32 and 12-bit layers are still float weights; the uniform ones are now int8/uint8
        // codes that the file dequantizes itself, found as layers of that kind.
        int dequantized = 0;
        for (const WeightLayer& l : findWeightLayers(*back)) {
            if (!l.storage.empty()) {
                ++dequantized;
                QVERIFY2(l.storage.find("dequantized by DequantizeLinear") != std::string::npos, l.storage.c_str());
                continue;
            }
            QVERIFY2(plan.specFor(l.name).bits > 8, l.name.c_str());
        }
        QCOMPARE(dequantized, uniform);

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

    // DESIGN.md's v = [-1, -0.2, 0, 0.3, 2] per tensor: asymmetric 2 bits D = 1, z = 1; symmetric 3
    // bits D = 2/3; dynamic fixed point 4 bits FL = 2, step 1/4 (range -2..1.75). Per channel,
    // asymmetric 8 bits of [-1, 2] gives D = 3/255, z = round(255/3) = 85, of [0.5, 0.25]: D = 0.5/255,
    // z = 0; a constant channel [3, 3] at 4 bits gets scale 3, zero point 0 (code 1).
    void planFormats()
    {
        const std::vector<float> v{-1.0f, -0.2f, 0.0f, 0.3f, 2.0f};
        const std::vector<WeightLayer> layers{handLayer("a", v, {1, 5}), handLayer("s", v, {1, 5}), handLayer("d", v, {1, 5}),
                                              handLayer("k", v, {1, 5}), handLayer("f", v, {1, 5}),
                                              handLayer("c", {-1.0f, 2.0f, 0.5f, 0.25f}, {2, 2}), handLayer("z", {3.0f, 3.0f}, {1, 2})};
        Plan plan;
        plan.layers["a"] = {Scheme::Asymmetric, Granularity::PerTensor, 2};
        plan.layers["s"] = {Scheme::Symmetric, Granularity::PerTensor, 3};
        plan.layers["d"] = {Scheme::Dfxp, Granularity::PerTensor, 4};
        plan.layers["k"] = {Scheme::KMeans, Granularity::PerTensor, 3};
        plan.layers["f"] = {Scheme::Asymmetric, Granularity::PerTensor, kFp32Bits};
        plan.layers["c"] = {Scheme::Asymmetric, Granularity::PerChannel, 8};
        plan.layers["z"] = {Scheme::Asymmetric, Granularity::PerChannel, 4};

        const QJsonObject ort = ortQuantizerConfig(layers, plan);
        QCOMPARE(ort[QStringLiteral("nodes_to_exclude")].toArray(), (QJsonArray{QStringLiteral("k_node"), QStringLiteral("f_node")}));
        const QJsonObject o = ort[QStringLiteral("extra_options")].toObject()[QStringLiteral("TensorQuantOverrides")].toObject();
        auto entry = [&](const char* name, int i) { return o[QLatin1String(name)].toArray()[i].toObject(); };
        QCOMPARE(entry("a", 0)[QStringLiteral("quant_type")].toString(), QStringLiteral("QUInt4"));
        QCOMPARE(entry("a", 0)[QStringLiteral("scale")].toDouble(), 1.0);
        QCOMPARE(entry("a", 0)[QStringLiteral("zero_point")].toInt(), 1);
        QCOMPARE(entry("s", 0)[QStringLiteral("quant_type")].toString(), QStringLiteral("QInt4"));
        QCOMPARE(entry("s", 0)[QStringLiteral("scale")].toDouble(), 2.0 / 3.0);
        QCOMPARE(entry("s", 0)[QStringLiteral("zero_point")].toInt(), 0);
        QCOMPARE(entry("d", 0)[QStringLiteral("scale")].toDouble(), 0.25);
        QCOMPARE(o[QStringLiteral("c")].toArray().size(), qsizetype{2});
        QCOMPARE(entry("c", 0)[QStringLiteral("axis")].toInt(), 0);
        QCOMPARE(entry("c", 0)[QStringLiteral("quant_type")].toString(), QStringLiteral("QUInt8"));
        QCOMPARE(entry("c", 0)[QStringLiteral("scale")].toDouble(), 3.0 / 255);
        QCOMPARE(entry("c", 0)[QStringLiteral("zero_point")].toInt(), 85);
        QVERIFY(!entry("c", 1).contains(QStringLiteral("axis")));
        QCOMPARE(entry("c", 1)[QStringLiteral("scale")].toDouble(), 0.5 / 255);
        QCOMPARE(entry("c", 1)[QStringLiteral("zero_point")].toInt(), 0);
        QCOMPARE(entry("z", 0)[QStringLiteral("scale")].toDouble(), 3.0);
        QCOMPARE(entry("z", 0)[QStringLiteral("zero_point")].toInt(), 0);
        QCOMPARE(ort[QStringLiteral("bitlens")].toObject()[QStringLiteral("left_in_float")].toArray().size(), qsizetype{2});

        const QJsonObject aimet = aimetEncodings(layers, plan);
        QCOMPARE(aimet[QStringLiteral("version")].toString(), QStringLiteral("0.6.1"));
        QCOMPARE(aimet[QStringLiteral("excluded_layers")].toArray(), (QJsonArray{QStringLiteral("k_node"), QStringLiteral("f_node")}));
        const QJsonObject p = aimet[QStringLiteral("param_encodings")].toObject();
        auto enc = [&](const char* name) { return p[QLatin1String(name)].toArray()[0].toObject(); };
        QCOMPARE(enc("a")[QStringLiteral("bitwidth")].toInt(), 2);
        QCOMPARE(enc("a")[QStringLiteral("is_symmetric")].toString(), QStringLiteral("False"));
        QCOMPARE(enc("a")[QStringLiteral("offset")].toInt(), -1);
        QCOMPARE(enc("a")[QStringLiteral("min")].toDouble(), -1.0);
        QCOMPARE(enc("a")[QStringLiteral("max")].toDouble(), 2.0);
        QCOMPARE(enc("s")[QStringLiteral("is_symmetric")].toString(), QStringLiteral("True"));
        QCOMPARE(enc("s")[QStringLiteral("offset")].toInt(), -4);
        QCOMPARE(enc("s")[QStringLiteral("min")].toDouble(), -8.0 / 3.0);
        QCOMPARE(enc("s")[QStringLiteral("max")].toDouble(), 3 * (2.0 / 3.0));
        QCOMPARE(enc("d")[QStringLiteral("offset")].toInt(), -8);
        QCOMPARE(enc("d")[QStringLiteral("min")].toDouble(), -2.0);
        QCOMPARE(enc("d")[QStringLiteral("max")].toDouble(), 1.75);
        QVERIFY(!p.contains(QStringLiteral("k")) && !p.contains(QStringLiteral("f")));
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

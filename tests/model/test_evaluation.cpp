// The engine on the bundled sample against PyTorch's own predictions (resources/sample/
// expected.json, written by tools/train_sample.py), scoring rules by hand, and bad IDX files.
#include <model/engine/session.h>
#include <model/data/idx_dataset.h>
#include <model/evaluation.h>
#include <model/ops/conv_onednn.h>
#include <model/onnx_loader.h>
#include <support/onnx_builder.h>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <zlib.h>

#include <cmath>

using namespace bitlens;

namespace {

const std::string kSample = BITLENS_SOURCE_DIR "/resources/sample/";

std::string idx(uint8_t type, const std::vector<uint32_t>& dims, const std::string& payload)
{
    std::string s{'\0', '\0', static_cast<char>(type), static_cast<char>(dims.size())};
    for (uint32_t d : dims)
        for (int shift : {24, 16, 8, 0})
            s.push_back(static_cast<char>((d >> shift) & 0xff));
    return s + payload;
}

} // namespace

class TestEvaluation : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;
    std::string path(const char* n) const { return m_dir.filePath(QString::fromUtf8(n)).toStdString(); }

private Q_SLOTS:
    void sampleMatchesPyTorch()
    {
        auto model = loadOnnxModel(kSample + "fashion_cnn.onnx");
        QVERIFY(model.ok());
        auto pre = preprocessingFromMetadata(*model);
        QVERIFY(pre.ok() && pre->has_value());
        auto session = engine::Session::create(std::make_shared<const Model>(std::move(*model)));
        QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
        auto data = IdxDataset::open(kSample + "t10k-images-idx3-ubyte.gz", kSample + "t10k-labels-idx1-ubyte.gz");
        QVERIFY(data.ok());
        auto r = evaluate(**session, **data, **pre);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
        QCOMPARE(r->images, int64_t{2000});

        QFile f(QString::fromStdString(kSample + "expected.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject e = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonArray torch = e[QStringLiteral("predictions_first_2000")].toArray();
        int differ = 0;
        for (qsizetype i = 0; i < torch.size(); ++i)
            differ += r->predictions[static_cast<size_t>(i)] != torch[i].toInt();
        QCOMPARE(differ, 0);
        // PyTorch's accuracy was stored as a float32 (0.9300000071525574).
        QVERIFY(std::fabs(r->top1 - e[QStringLiteral("top1_first_2000")].toDouble()) < 1e-6);
        int64_t total = 0, diagonal = 0;
        for (size_t i = 0; i < r->confusion.size(); ++i)
            for (size_t j = 0; j < r->confusion.size(); ++j) {
                total += r->confusion[i][j];
                diagonal += i == j ? r->confusion[i][j] : 0;
            }
        QCOMPARE(total, int64_t{2000});
        QCOMPARE(diagonal, int64_t{1860});
    }

    void agreesWithOnnxRuntime_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("reference");
        // Predictions of ONNX Runtime 1.30 (CPU) on the 2,000 bundled test images, made once with
        // tools/ort_predictions.mjs: the sample, and a MobileNetV2-style model with residual Adds,
        // depthwise convolutions, Clip (ReLU6) and HardSigmoid*Mul (tools/train_residual_model.py),
        // and a ResNet-20-style model with residual Adds and strided 1x1 shortcuts
        // (tools/train_resnet20.py).
        QTest::newRow("fashion_cnn") << QString::fromStdString(kSample + "fashion_cnn.onnx")
                                     << QStringLiteral(BITLENS_TEST_DATA "/fashion_cnn_ort.json");
        QTest::newRow("mobilenet_tiny") << QStringLiteral(BITLENS_TEST_DATA "/mobilenet_tiny.onnx")
                                        << QStringLiteral(BITLENS_TEST_DATA "/mobilenet_tiny_ort.json");
        QTest::newRow("resnet20") << QStringLiteral(BITLENS_TEST_DATA "/resnet20.onnx")
                                  << QStringLiteral(BITLENS_TEST_DATA "/resnet20_ort.json");
    }

    void agreesWithOnnxRuntime()
    {
        QFETCH(QString, model);
        QFETCH(QString, reference);
        auto m = loadOnnxModel(model.toStdString());
        QVERIFY(m.ok());
        auto pre = preprocessingFromMetadata(*m);
        QVERIFY(pre.ok() && pre->has_value());
        auto session = engine::Session::create(std::make_shared<const Model>(std::move(*m)));
        QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
        auto data = IdxDataset::open(kSample + "t10k-images-idx3-ubyte.gz", kSample + "t10k-labels-idx1-ubyte.gz");
        QVERIFY(data.ok());
        auto r = evaluate(**session, **data, **pre);
        QVERIFY(r.ok());
        QFile f(reference);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject ort = QJsonDocument::fromJson(f.readAll()).object();
        const QJsonArray predictions = ort[QStringLiteral("predictions")].toArray();
        QCOMPARE(predictions.size(), qsizetype{2000});
        int differ = 0;
        for (qsizetype i = 0; i < predictions.size(); ++i)
            differ += r->predictions[static_cast<size_t>(i)] != predictions[i].toInt();
        QCOMPARE(differ, 0);
        QCOMPARE(r->top1, ort[QStringLiteral("top1")].toDouble());
    }

    void fusionChangesNoBit_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("sample: Conv+BN+Relu") << QString::fromStdString(kSample + "fashion_cnn.onnx");
        QTest::newRow("mobilenet: Conv+BN+Clip, depthwise, Conv+BN+Add") << QStringLiteral(BITLENS_TEST_DATA "/mobilenet_tiny.onnx");
        QTest::newRow("resnet20: Conv+BN+Add+Relu") << QStringLiteral(BITLENS_TEST_DATA "/resnet20.onnx");
    }

    void fusionChangesNoBit()
    {
        // The fused epilogue does the unfused ops' arithmetic in their order: logits must be equal,
        // not merely close.
        QFETCH(QString, model);
        auto m = loadOnnxModel(model.toStdString());
        QVERIFY(m.ok());
        auto pre = preprocessingFromMetadata(*m);
        auto shared = std::make_shared<const Model>(std::move(*m));
        auto fused = engine::Session::create(shared);
        auto plain = engine::Session::create(shared, {.fuse = false});
        QVERIFY(fused.ok() && plain.ok());
        QVERIFY((*fused)->stepCount() < (*plain)->stepCount()); // something was fused
        auto data = IdxDataset::open(kSample + "t10k-images-idx3-ubyte.gz", kSample + "t10k-labels-idx1-ubyte.gz");
        QVERIFY(data.ok());
        auto batch = (*data)->next(50);
        QVERIFY(batch.ok());
        const Tensor x = batch->toInput(0, 50, **pre);
        auto a = (*fused)->run({x});
        auto b = (*plain)->run({x});
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(a->front().floats.size(), size_t{500});
        QVERIFY(a->front().floats == b->front().floats);
    }

    void fusedBroadcastingAdd()
    {
        // Conv (1x1) -> Add of a per-channel [1, 2, 1, 1] constant -> Relu: fused, the Add
        // broadcasts, so the fused op takes the Add operator's own path. By hand, for x = 1
        // everywhere: channel 0 = 1*1 + 1*2 - 4 = -1 -> Relu 0; channel 1 = 1*3 + 1*(-1) + 0.5 = 2.5.
        testsupport::OnnxBuilder b;
        b.addInput("x", {1, 2, 2, 2});
        b.addOutput("y", {1, 2, 2, 2});
        b.addInitializer("w", {2, 2, 1, 1}, {1, 2, 3, -1});
        b.addInitializer("c", {1, 2, 1, 1}, {-4, 0.5f});
        b.addNode("Conv", {"x", "w"}, {"t"}, "conv");
        b.addNode("Add", {"c", "t"}, {"u"}, "add");
        b.addNode("Relu", {"u"}, {"y"}, "relu");
        QVERIFY(b.save(path("fused_add.onnx")));
        auto m = loadOnnxModel(path("fused_add.onnx"));
        QVERIFY(m.ok());
        auto shared = std::make_shared<const Model>(std::move(*m));
        auto fused = engine::Session::create(shared);
        auto plain = engine::Session::create(shared, {.fuse = false});
        QVERIFY(fused.ok() && plain.ok());
        QCOMPARE((*fused)->stepCount(), size_t{1});
        Tensor x;
        x.dims = {1, 2, 2, 2};
        x.floats.assign(8, 1.0f);
        auto a = (*fused)->run({x});
        auto p = (*plain)->run({x});
        QVERIFY2(a.ok(), a.ok() ? "" : a.error().c_str());
        QVERIFY(p.ok());
        const std::vector<float> expected{0, 0, 0, 0, 2.5f, 2.5f, 2.5f, 2.5f};
        QCOMPARE(std::vector<float>(a->front().floats.begin(), a->front().floats.end()), expected);
        QCOMPARE(std::vector<float>(p->front().floats.begin(), p->front().floats.end()), expected);
    }

    void oneDnnMatchesOwnKernels_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("sample: conv, max-pool, global pool") << QString::fromStdString(kSample + "fashion_cnn.onnx");
        QTest::newRow("mobilenet: depthwise, 1x1, Clip, Add") << QStringLiteral(BITLENS_TEST_DATA "/mobilenet_tiny.onnx");
        QTest::newRow("resnet20: strided 1x1 shortcuts, Add") << QStringLiteral(BITLENS_TEST_DATA "/resnet20.onnx");
    }

    void oneDnnMatchesOwnKernels()
    {
        // oneDNN's convolutions with channels-last activations between them against BitLens's own
        // NCHW kernels: the same logits up to float rounding.
        QFETCH(QString, model);
        auto m = loadOnnxModel(model.toStdString());
        QVERIFY(m.ok());
        auto pre = preprocessingFromMetadata(*m);
        auto session = engine::Session::create(std::make_shared<const Model>(std::move(*m)));
        QVERIFY(session.ok());
        auto data = IdxDataset::open(kSample + "t10k-images-idx3-ubyte.gz", kSample + "t10k-labels-idx1-ubyte.gz");
        auto batch = (*data)->next(40);
        const Tensor x = batch->toInput(0, 40, **pre);
        qunsetenv("BITLENS_CONV");
        const int64_t before = engine::oneDnnConvolutionsRun();
        auto a = (*session)->run({x});
        if (engine::oneDnnConvolutionsRun() == before)
            QSKIP("oneDNN offers only its reference kernel for these convolutions on this CPU (oneDNN 2.6 without "
                  "AVX-512); BitLens's own kernels ran instead, so there is no second implementation to compare");
        qputenv("BITLENS_CONV", "own");
        auto b = (*session)->run({x});
        qunsetenv("BITLENS_CONV");
        QVERIFY(a.ok() && b.ok());
        const auto& fa = a->front().floats;
        const auto& fb = b->front().floats;
        QCOMPARE(fa.size(), size_t{400});
        QVERIFY(!a->front().channelsLast);
        double worst = 0;
        for (size_t i = 0; i < fa.size(); ++i)
            worst = std::max(worst, std::abs(double(fa[i]) - double(fb[i])) / (1e-4 + 1e-4 * std::abs(double(fb[i]))));
        QVERIFY2(worst <= 1.0, qPrintable(QStringLiteral("worst difference %1 x tolerance").arg(worst)));
        QVERIFY(fa != fb); // two different implementations really ran
    }

    void depthwiseMatchesDenseEquivalent()
    {
        // A depthwise Conv (group = C, its own direct kernel) against the same convolution written
        // as a dense Conv with a block-diagonal weight (the im2col path, which the conformance
        // suite checks), with stride 2, dilation 2 and asymmetric pads.
        const int64_t c = 3, k = 3;
        std::vector<float> wd(static_cast<size_t>(c * k * k)), wdense(static_cast<size_t>(c * c * k * k), 0.0f);
        for (int64_t ch = 0; ch < c; ++ch)
            for (int64_t i = 0; i < k * k; ++i) {
                const float v = 0.1f * static_cast<float>(ch + 1) - 0.05f * static_cast<float>(i);
                wd[static_cast<size_t>(ch * k * k + i)] = v;
                wdense[static_cast<size_t>((ch * c + ch) * k * k + i)] = v;
            }
        auto build = [&](bool depthwise, const char* file) {
            testsupport::OnnxBuilder b;
            b.addInitializer("w", depthwise ? std::vector<int64_t>{c, 1, k, k} : std::vector<int64_t>{c, c, k, k},
                             depthwise ? wd : wdense);
            b.addInitializer("b", {c}, {0.5f, -0.25f, 0.125f});
            b.addInput("x", {-1, c, 9, 8});
            b.addOutput("y", {-1, c, -1, -1});
            auto* n = b.addNode("Conv", {"x", "w", "b"}, {"y"}, "conv");
            if (depthwise)
                testsupport::OnnxBuilder::setInt(n, "group", c);
            for (const auto& [name, values] : {std::pair<std::string, std::vector<int64_t>>{"strides", {2, 2}},
                                               {"dilations", {2, 2}}, {"pads", {1, 0, 2, 1}}}) {
                auto* a = n->add_attribute();
                a->set_name(name);
                a->set_type(onnx::AttributeProto::INTS);
                for (int64_t v : values)
                    a->add_ints(v);
            }
            if (!b.save(path(file)))
                qFatal("cannot write %s", file);
            auto m = loadOnnxModel(path(file));
            return engine::Session::create(std::make_shared<const Model>(std::move(*m))).value();
        };
        auto dw = build(true, "dw.onnx");
        auto dense = build(false, "dense.onnx");
        Tensor x;
        x.dims = {2, c, 9, 8};
        for (int i = 0; i < 2 * c * 9 * 8; ++i)
            x.floats.push_back(static_cast<float>((i * 37) % 23) / 7.0f - 1.5f);
        auto a = dw->run({x});
        auto d = dense->run({x});
        QVERIFY(a.ok() && d.ok());
        QCOMPARE((*a)[0].dims, (*d)[0].dims);
        for (size_t i = 0; i < (*a)[0].floats.size(); ++i)
            QVERIFY(std::fabs((*a)[0].floats[i] - (*d)[0].floats[i]) < 1e-5f);
    }

    void scoringRules()
    {
        // Ties: argmax takes the first maximum; the label's rank counts larger logits and equal
        // ones at a lower index.
        const float tie[4] = {1, 3, 3, 0};
        QCOMPARE(scoreLogits(tie, 4, 2).predicted, 1);
        const float many[7] = {5, 5, 5, 5, 5, 5, 1};
        QVERIFY(scoreLogits(many, 7, 4).top5);  // rank 4: indices 0-3 tie before it
        QVERIFY(!scoreLogits(many, 7, 5).top5); // rank 5
        QVERIFY(!scoreLogits(many, 7, 6).top5);
    }

    void badIdxFiles_data()
    {
        QTest::addColumn<QByteArray>("images");
        QTest::addColumn<QByteArray>("labels");
        QTest::addColumn<QString>("needle");
        const std::string px(2 * 2 * 3, '\x10');
        auto b = [](const std::string& s) { return QByteArray::fromStdString(s); };
        QTest::newRow("wrong magic") << b(idx(0x09, {3, 2, 2}, px)) << b(idx(0x08, {3}, "\x01\x02\x03"))
                                     << QStringLiteral("not an IDX file");
        QTest::newRow("count mismatch") << b(idx(0x08, {3, 2, 2}, px)) << b(idx(0x08, {2}, "\x01\x02"))
                                        << QStringLiteral("3 images but");
        QTest::newRow("truncated images") << b(idx(0x08, {3, 2, 2}, px.substr(0, 7))) << b(idx(0x08, {3}, "\x01\x02\x03"))
                                          << QStringLiteral("file size differs");
        QTest::newRow("truncated labels") << b(idx(0x08, {3, 2, 2}, px)) << b(idx(0x08, {3}, "\x01"))
                                          << QStringLiteral("labels but the file has");
        QTest::newRow("absurd dims") << b(idx(0x08, {3, 100000, 2}, px)) << b(idx(0x08, {3}, "\x01\x02\x03"))
                                     << QStringLiteral("absurd image size");
        QTest::newRow("huge count") << b(idx(0x08, {3, 2, 2}, px)) << b(idx(0x08, {0xffffffffu}, "\x01"))
                                    << QStringLiteral("labels");
        QTest::newRow("header only") << b(std::string("\0\0", 2)) << b(idx(0x08, {3}, "\x01\x02\x03"))
                                     << QStringLiteral("truncated IDX header");
    }

    void badIdxFiles()
    {
        QFETCH(QByteArray, images);
        QFETCH(QByteArray, labels);
        QFETCH(QString, needle);
        QVERIFY(testsupport::writeFile(path("img-images-idx3-ubyte"), images.toStdString()));
        QVERIFY(testsupport::writeFile(path("img-labels-idx1-ubyte"), labels.toStdString()));
        auto d = IdxDataset::open(path("img-images-idx3-ubyte"), path("img-labels-idx1-ubyte"));
        QVERIFY(!d.ok());
        QVERIFY2(d.error().find("idx") != std::string::npos, d.error().c_str()); // names the file
        QVERIFY2(d.error().find(needle.toStdString()) != std::string::npos, d.error().c_str());
    }

    void truncatedGzipStreamFailsCleanly()
    {
        // A gzip images file whose header claims 50 images but holds 3.
        const std::string payload = idx(0x08, {50, 2, 2}, std::string(12, '\x20'));
        gzFile g = gzopen(path("t-images-idx3-ubyte.gz").c_str(), "wb");
        gzwrite(g, payload.data(), static_cast<unsigned>(payload.size()));
        gzclose(g);
        QVERIFY(testsupport::writeFile(path("t-labels-idx1-ubyte"), idx(0x08, {50}, std::string(50, '\x01'))));
        auto d = IdxDataset::open(path("t-images-idx3-ubyte.gz"), path("t-labels-idx1-ubyte"));
        QVERIFY(d.ok());
        auto batch = (*d)->next(50);
        QVERIFY(!batch.ok());
        QVERIFY2(batch.error().find("ends after") != std::string::npos, batch.error().c_str());
    }

    void unsupportedOperatorsNamedUpFront()
    {
        testsupport::OnnxBuilder b;
        b.addInput("x", {1});
        b.addOutput("y", {1});
        b.addNode("Frobnicate", {"x"}, {"t"});
        b.addNode("Relu", {"t"}, {"u"});
        b.addNode("Col2Im", {"u"}, {"y"});
        QVERIFY(b.save(path("unsupported.onnx")));
        auto m = loadOnnxModel(path("unsupported.onnx"));
        QVERIFY(m.ok());
        auto s = engine::Session::create(std::make_shared<const Model>(std::move(*m)));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().find("unsupported operator(s): Col2Im, Frobnicate") != std::string::npos, s.error().c_str());
    }

    void missingInputNamed()
    {
        testsupport::OnnxBuilder b;
        b.addInput("x", {1});
        b.addOutput("y", {1});
        b.addNode("Add", {"x", "nowhere"}, {"y"}, "adder");
        QVERIFY(b.save(path("missing.onnx")));
        auto m = loadOnnxModel(path("missing.onnx"));
        auto s = engine::Session::create(std::make_shared<const Model>(std::move(*m)));
        QVERIFY(!s.ok());
        QVERIFY2(s.error().find("'adder'") != std::string::npos && s.error().find("'nowhere'") != std::string::npos,
                 s.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestEvaluation)
#include "test_evaluation.moc"

// Transformer models exported by PyTorch (tools/make_transformer_models.sh: a ViT, a BERT-style
// encoder with int64 input_ids + attention_mask and three outputs, a GPT-style decoder with a causal
// mask and a tied head) run by the engine against ONNX Runtime 1.30's outputs, committed beside
// them; and their weight layers, which reach their MatMuls through Transpose nodes.
#include <model/engine/session.h>
#include <model/model_summary.h>
#include <model/onnx_loader.h>
#include <model/tensor_proto_io.h>

#include <QTest>

#include <cmath>
#include <filesystem>

using namespace bitlens;
namespace fs = std::filesystem;

namespace {

const fs::path kDir = fs::path(BITLENS_TEST_DATA) / "transformers";

std::vector<Tensor> readSet(const fs::path& set, const char* prefix)
{
    std::vector<Tensor> tensors;
    for (int i = 0;; ++i) {
        const fs::path p = set / (prefix + std::to_string(i) + ".pb");
        if (!fs::exists(p))
            return tensors;
        auto t = readTensorProtoFile(p);
        if (!t)
            qFatal("%s", t.error().c_str());
        tensors.push_back(std::move(*t));
    }
}

} // namespace

class TestTransformers : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matchesOnnxRuntime_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("outputs");
        QTest::newRow("ViT") << QStringLiteral("vit_tiny") << 1;
        QTest::newRow("BERT-style") << QStringLiteral("bert_tiny") << 3;
        QTest::newRow("GPT-style") << QStringLiteral("gpt_tiny") << 1;
    }

    void matchesOnnxRuntime()
    {
        QFETCH(QString, name);
        QFETCH(int, outputs);
        const fs::path dir = kDir / name.toStdString();
        auto model = loadOnnxModel(dir / "model.onnx");
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().c_str());
        auto shared = std::make_shared<const Model>(std::move(*model));
        auto session = engine::Session::create(shared);
        QVERIFY2(session.ok(), session.ok() ? "" : session.error().c_str());
        const std::vector<Tensor> inputs = readSet(dir / "test_data_set_0", "input_");
        const std::vector<Tensor> expected = readSet(dir / "test_data_set_0", "output_");
        QCOMPARE(static_cast<int>(expected.size()), outputs);
        auto got = (*session)->run(inputs);
        QVERIFY2(got.ok(), got.ok() ? "" : got.error().c_str());
        QCOMPARE(got->size(), expected.size());
        for (size_t k = 0; k < expected.size(); ++k) {
            const Tensor& g = (*got)[k];
            const Tensor& w = expected[k];
            QCOMPARE(g.dims, w.dims);
            QCOMPARE(g.type, w.type);
            double worst = 0;
            for (size_t i = 0; i < w.floats.size(); ++i) {
                // Relative 1e-4, with an absolute floor of 1e-5 for values near zero.
                const double err = std::fabs(double(g.floats[i]) - w.floats[i]);
                QVERIFY2(err <= 1e-5 + 1e-4 * std::fabs(w.floats[i]),
                         qPrintable(QStringLiteral("output %1 element %2: %3 vs ONNX Runtime %4")
                                        .arg(k).arg(i).arg(g.floats[i], 0, 'g', 9).arg(w.floats[i], 0, 'g', 9)));
                worst = std::max(worst, err);
            }
            qInfo("%s output %zu: %zu values, largest difference from ONNX Runtime %.3g", qPrintable(name), k,
                  w.floats.size(), worst);
        }
    }

    void weightLayersThroughTranspose_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("layers");
        QTest::addColumn<int>("throughTranspose");
        // Per block: q, k, v, o and two feed-forward Linear weights (MatMul through Transpose).
        QTest::newRow("ViT: patch Conv + 2 x 6 + head Gemm") << QStringLiteral("vit_tiny") << 14 << 12;
        QTest::newRow("BERT: 2 x 6 + pooler + classifier Gemm") << QStringLiteral("bert_tiny") << 14 << 12;
        QTest::newRow("GPT: 2 x 6 + the tied head") << QStringLiteral("gpt_tiny") << 13 << 13;
    }

    void weightLayersThroughTranspose()
    {
        QFETCH(QString, name);
        QFETCH(int, layers);
        QFETCH(int, throughTranspose);
        auto model = loadOnnxModel(kDir / name.toStdString() / "model.onnx");
        QVERIFY(model.ok());
        const ModelSummary s = summarizeModel(*model);
        QCOMPARE(static_cast<int>(s.layers.size()), layers);
        QVERIFY(s.notAnalysed.empty());
        int transposed = 0;
        for (const WeightLayer& l : s.layers) {
            if (l.through != "Transpose")
                continue;
            ++transposed;
            // A Linear weight [out, in] seen as [in, out] by MatMul: output channels on stored axis 0.
            QCOMPARE(l.axis, 0);
            QCOMPARE(l.op, std::string("MatMul"));
        }
        QCOMPARE(transposed, throughTranspose);
        const auto gpt = std::find_if(s.layers.begin(), s.layers.end(), [](const WeightLayer& l) { return l.name == "tok.weight"; });
        QCOMPARE(gpt != s.layers.end(), name == QLatin1String("gpt_tiny"));
    }
};

QTEST_GUILESS_MAIN(TestTransformers)
#include "test_transformers.moc"

// Weights in the forms users' files hold them (DESIGN.md "Which tensors are weights"): integer
// codes a DequantizeLinear reads, the weights of QLinearConv and ConvInteger, LSTM W and R, and
// weights inside If branches. For each: found as a layer with its FP32 view (hand-derived), replaced
// by a plan's values when the model runs, and written back by the export in the graph holding it.
// Models: tools/make_weight_cases.py, tools/make_control_flow_cases.py.
#include <model/engine/session.h>
#include <model/model_summary.h>
#include <model/onnx_loader.h>
#include <model/onnx_writer.h>

#include <QTemporaryDir>
#include <QTest>

using namespace bitlens;
using engine::Session;

namespace {

std::string dataPath(const char* name)
{
    return std::string(BITLENS_TEST_DATA) + "/" + name;
}

Tensor floats(std::vector<int64_t> dims, std::vector<float> values)
{
    Tensor t;
    t.dims = std::move(dims);
    t.floats.assign(values.begin(), values.end());
    return t;
}

Tensor integers(DataType type, std::vector<int64_t> dims, std::vector<int64_t> values)
{
    Tensor t;
    t.type = type;
    t.dims = std::move(dims);
    t.ints = std::move(values);
    return t;
}

std::vector<float> values(const Tensor& t)
{
    return {t.floats.begin(), t.floats.end()};
}

std::shared_ptr<const Model> load(const std::string& path)
{
    auto m = loadOnnxModel(path);
    if (!m)
        qFatal("%s", m.error().c_str());
    return std::make_shared<const Model>(std::move(*m));
}

std::unique_ptr<Session> session(const std::shared_ptr<const Model>& m)
{
    auto s = Session::create(m);
    if (!s)
        qFatal("%s", s.error().c_str());
    return std::move(*s);
}

} // namespace

class TestWeightForms : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void dequantizedCodesAreALayer()
    {
        const auto m = load(dataPath("weights/dq_conv.onnx"));
        const auto layers = findWeightLayers(*m);
        QCOMPARE(layers.size(), size_t{1});
        const WeightLayer& l = layers[0];
        QCOMPARE(l.name, std::string("W_q"));
        QCOMPARE(l.op, std::string("Conv"));
        QCOMPARE(l.axis, 0);
        // (q - zp) * scale per output channel: [2, -4] * 0.5 and ([3, 1] - 1) * 0.25.
        QCOMPARE(values(*l.tensor), (std::vector<float>{1, -2, 0.5f, 0}));
        QVERIFY2(l.storage.find("int8 per-channel (axis 0)") != std::string::npos, l.storage.c_str());
        QVERIFY2(l.storage.find("DequantizeLinear 'dq'") != std::string::npos, l.storage.c_str());
    }

    void dequantizedWeightOverriddenExactly()
    {
        const auto m = load(dataPath("weights/dq_conv.onnx"));
        auto s = session(m);
        const Tensor x = floats({1, 2, 1, 2}, {1, 2, 3, 4});
        // The file's weights: channel 0 = 1*x0 - 2*x1 = [-5, -6]; channel 1 = 0.5*x0 = [0.5, 1].
        auto y = s->run({x});
        QVERIFY(y.ok());
        QCOMPARE(values((*y)[0]), (std::vector<float>{-5, -6, 0.5f, 1}));
        // A plan's float values replace what the DequantizeLinear computes, exactly (not on the int8 grid).
        QVERIFY(s->overrideConstant("W_q", std::make_shared<const Tensor>(floats({2, 2, 1, 1}, {0.3f, 0, 0, 1}))).ok());
        y = s->run({x});
        QVERIFY(y.ok());
        QCOMPARE(values((*y)[0]), (std::vector<float>{0.3f, 0.6f, 3, 4}));
        // The cut for re-evaluation is at the DequantizeLinear, the first reader.
        QCOMPARE(s->firstStepReading({"W_q"}), 0);
        // Restoring the stored codes brings the file's result back.
        QVERIFY(s->overrideConstant("W_q", std::make_shared<const Tensor>(integers(DataType::Int8, {2, 2, 1, 1}, {2, -4, 3, 1}))).ok());
        y = s->run({x});
        QCOMPARE(values((*y)[0]), (std::vector<float>{-5, -6, 0.5f, 1}));
    }

    void qlinearConvWeightOnItsGrid()
    {
        const auto m = load(dataPath("weights/qlinear_conv.onnx"));
        const auto layers = findWeightLayers(*m);
        QCOMPARE(layers.size(), size_t{1});
        QCOMPARE(layers[0].name, std::string("W_u8"));
        // (q - 12) * 0.5 for q = [10, 14, 12, 8].
        QCOMPARE(values(*layers[0].tensor), (std::vector<float>{-1, 1, 0, -2}));
        QVERIFY2(layers[0].storage.find("uint8 per-tensor") != std::string::npos, layers[0].storage.c_str());
        auto s = session(m);
        const Tensor x = integers(DataType::UInt8, {1, 2, 1, 1}, {4, 2});
        // y = round((x . W) / 0.25) + 128: channel 0 = -4 + 2 = -2 -> 120; channel 1 = 0 - 4 = -4 -> 112.
        auto y = s->run({x});
        QVERIFY(y.ok());
        QCOMPARE((*y)[0].ints, (std::vector<int64_t>{120, 112}));
        // Its own dequantized values give back the stored codes: the same result.
        QVERIFY(s->overrideConstant("W_u8", layers[0].tensor).ok());
        QCOMPARE(s->run({x})->at(0).ints, (std::vector<int64_t>{120, 112}));
        // Other values land on the stored grid (scale 0.5): 0.74 / 0.5 = 1.48 rounds to 1 code, so 0.5; 0.26 -> 0.5.
        QVERIFY(s->overrideConstant("W_u8", std::make_shared<const Tensor>(floats({2, 2, 1, 1}, {0.74f, 0, 0, 0.26f}))).ok());
        // channel 0 = 0.5 * 4 = 2 -> 136; channel 1 = 0.5 * 2 = 1 -> 132.
        QCOMPARE(s->run({x})->at(0).ints, (std::vector<int64_t>{136, 132}));
    }

    void convIntegerWeightInCodeUnits()
    {
        const auto m = load(dataPath("weights/conv_integer.onnx"));
        const auto layers = findWeightLayers(*m);
        QCOMPARE(layers.size(), size_t{1});
        // No scale on the node: q - zero_point = [3, -1, 0, 5] - 1.
        QCOMPARE(values(*layers[0].tensor), (std::vector<float>{2, -2, -1, 4}));
        QVERIFY2(layers[0].storage.find("codes minus the zero point") != std::string::npos, layers[0].storage.c_str());
    }

    void recurrentWeightsAreLayers()
    {
        const auto m = load(dataPath("weights/lstm.onnx"));
        const auto layers = findWeightLayers(*m);
        QCOMPARE(layers.size(), size_t{2});
        QCOMPARE(layers[0].name, std::string("lstm_W"));
        QCOMPARE(layers[1].name, std::string("lstm_R"));
        for (const WeightLayer& l : layers) {
            QCOMPARE(l.op, std::string("LSTM"));
            QCOMPARE(l.axis, 1); // the stacked gates, 4 x hidden
            QCOMPARE(l.channels(), int64_t{8});
        }
    }

    void gateReorderedRecurrentWeights()
    {
        const auto m = load(dataPath("weights/lstm_gate_reorder.onnx"));
        std::vector<std::string> problems;
        const auto layers = findWeightLayers(*m, &problems);
        // W's rows put back in another order (0:2, 6:8, 2:6) and unsqueezed: the stored [8, 3] tensor,
        // its output axis 0 (LSTM's axis 1 before the Unsqueeze).
        QCOMPARE(layers.size(), size_t{1});
        QCOMPARE(layers[0].name, std::string("w_ih"));
        QCOMPARE(layers[0].axis, 0);
        QCOMPARE(layers[0].through, std::string("Concat, Unsqueeze"));
        // R's slices overlap (rows 0:4 and 2:6): not a permutation of the stored rows, so it is reported.
        QCOMPARE(problems.size(), size_t{1});
        QVERIFY2(problems[0].find("w_hh") != std::string::npos &&
                     problems[0].find("every row of the constant exactly once") != std::string::npos,
                 problems[0].c_str());
        // A plan's values for the stored tensor reach the LSTM through the reorder.
        auto s = session(m);
        const Tensor x = floats({4, 1, 3}, {1, 0, -1, 0.5f, 0.5f, 0.5f, -1, 2, 0, 0, 0, 1});
        auto before = s->run({x});
        QVERIFY(before.ok());
        QVERIFY(s->overrideConstant("w_ih", std::make_shared<const Tensor>(floats({8, 3}, std::vector<float>(24, 0)))).ok());
        auto after = s->run({x});
        QVERIFY(after.ok());
        QVERIFY(values((*before)[0]) != values((*after)[0]));
    }

    void weightsInsideBranches()
    {
        const auto m = load(dataPath("control_flow/if_conv.onnx"));
        const ModelSummary summary = summarizeModel(*m);
        QCOMPARE(summary.layers.size(), size_t{2});
        std::map<std::string, std::string> paths;
        for (const WeightLayer& l : summary.layers)
            paths[l.name] = l.nodePath();
        QCOMPARE(paths["W_then"], std::string("If_0 / then_branch / Conv_then"));
        QCOMPARE(paths["W_else"], std::string("If_0 / else_branch / Conv_else"));
        // The If, then one Conv, and a Conv and a Mul: four nodes in three graphs.
        QCOMPARE(summary.nodeCount, int64_t{4});
        QCOMPARE(summary.subgraphCount, int64_t{2});
        QCOMPARE(summary.opHistogram.at("Conv"), int64_t{2});
    }

    void exportReplacesWeightsWhereTheyLive()
    {
        const auto m = load(dataPath("control_flow/if_conv.onnx"));
        OnnxWriteOptions options;
        options.constants["W_then"] = std::make_shared<const Tensor>(floats({2, 1, 1, 1}, {4, 0}));
        const std::string out = m_dir.filePath(QStringLiteral("if_conv_fq.onnx")).toStdString();
        auto ok = writeModelWithConstants(*m, options, out);
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().c_str());
        QVERIFY(checkOnnxFile(out).ok());
        auto s = session(load(out));
        Tensor cond = integers(DataType::Bool, {}, {1});
        auto y = s->run({cond, floats({1, 1, 2, 2}, {1, 2, 3, 4})});
        QVERIFY(y.ok());
        QCOMPARE(values((*y)[0]), (std::vector<float>{4, 8, 12, 16, 0, 0, 0, 0}));
    }

    void exportOfDequantizedWeightStoresFloat()
    {
        const auto m = load(dataPath("weights/dq_conv.onnx"));
        OnnxWriteOptions options;
        options.constants["W_q"] = std::make_shared<const Tensor>(floats({2, 2, 1, 1}, {0.3f, 0, 0, 1}));
        const std::string out = m_dir.filePath(QStringLiteral("dq_conv_fq.onnx")).toStdString();
        auto ok = writeModelWithConstants(*m, options, out);
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().c_str());
        QVERIFY(checkOnnxFile(out).ok());
        const auto written = load(out);
        QCOMPARE(written->nodes.at(0).opType, std::string("Identity")); // was the DequantizeLinear
        auto y = session(written)->run({floats({1, 2, 1, 2}, {1, 2, 3, 4})});
        QVERIFY(y.ok());
        QCOMPARE(values((*y)[0]), (std::vector<float>{0.3f, 0.6f, 3, 4}));
        // An integer operator's weight cannot be written re-quantized: refused naming it.
        const auto q = load(dataPath("weights/qlinear_conv.onnx"));
        OnnxWriteOptions qo;
        qo.constants["W_u8"] = std::make_shared<const Tensor>(floats({2, 2, 1, 1}, {1, 1, 0, 0}));
        auto refused = writeModelWithConstants(*q, qo, m_dir.filePath(QStringLiteral("q_fq.onnx")).toStdString());
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().find("QLinearConv 'qconv'") != std::string::npos, refused.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestWeightForms)
#include "test_weight_forms.moc"

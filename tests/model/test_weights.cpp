// Weight discovery (DESIGN.md "Which tensors are weights") and BatchNorm folding, on graphs
// built here with hand-computed expectations.
#include <model/batchnorm_fold.h>
#include <model/model_summary.h>
#include <model/onnx_loader.h>
#include <support/onnx_builder.h>

#include <QTemporaryDir>
#include <QTest>

using namespace bitlens;
using testsupport::OnnxBuilder;

class TestWeights : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

    Model load(const OnnxBuilder& b, const char* name)
    {
        const std::string p = m_dir.filePath(QString::fromUtf8(name)).toStdString();
        if (!b.save(p))
            qFatal("cannot write %s", name);
        auto m = loadOnnxModel(p);
        if (!m.ok())
            qFatal("%s", m.error().c_str());
        return std::move(m).value();
    }

private Q_SLOTS:
    void axesPerOp()
    {
        OnnxBuilder b;
        std::vector<float> v24(24, 0.5f);
        b.addInitializer("conv.w", {4, 3, 2, 1}, v24);
        b.addInitializer("deconv.w", {3, 4, 2, 1}, v24);
        b.addInitializer("gemm1.w", {6, 4}, v24);
        b.addInitializer("gemm0.w", {4, 6}, v24);
        b.addInitializer("mm.w", {8, 3}, v24);
        b.addInitializer("bias", {4}, {1, 2, 3, 4});
        b.addNode("Conv", {"x", "conv.w", "bias"}, {"c"}, "conv");
        b.addNode("ConvTranspose", {"c", "deconv.w"}, {"d"}, "deconv");
        auto* g1 = b.addNode("Gemm", {"d", "gemm1.w"}, {"e"}, "gemm_t");
        OnnxBuilder::setInt(g1, "transB", 1);
        b.addNode("Gemm", {"e", "gemm0.w"}, {"f"}, "gemm_n");
        b.addNode("MatMul", {"f", "mm.w"}, {"y"}, "matmul");
        const Model m = load(b, "axes.onnx");
        const auto layers = findWeightLayers(m);
        QCOMPARE(layers.size(), size_t{5});
        const std::vector<std::tuple<std::string, std::string, int, int64_t>> expected{
            {"conv.w", "Conv", 0, 4}, {"deconv.w", "ConvTranspose", 1, 4}, {"gemm1.w", "Gemm", 0, 6},
            {"gemm0.w", "Gemm", 1, 6}, {"mm.w", "MatMul", 1, 3}};
        for (size_t i = 0; i < layers.size(); ++i) {
            QCOMPARE(layers[i].name, std::get<0>(expected[i]));
            QCOMPARE(layers[i].op, std::get<1>(expected[i]));
            QCOMPARE(layers[i].axis, std::get<2>(expected[i]));
            QCOMPARE(layers[i].channels(), std::get<3>(expected[i]));
        }
        const ModelSummary s = summarizeModel(m);
        QCOMPARE(s.weightParameters, int64_t{5 * 24});
        QCOMPARE(s.constantParameters, int64_t{5 * 24 + 4});
        QCOMPARE(s.opHistogram.at("Gemm"), int64_t{2});
    }

    void constantNodesAndIdentity()
    {
        // Paddle2ONNX style: the weight is a Constant output, reaching Conv through two Identities.
        OnnxBuilder b;
        b.addConstant("p2o.w", {2, 1, 1, 1}, {1, -1});
        b.addNode("Identity", {"p2o.w"}, {"id1"});
        b.addNode("Identity", {"id1"}, {"id2"});
        b.addNode("Conv", {"x", "id2"}, {"y"}, "conv_p2o");
        // A MatMul whose second operand is computed is not a weight.
        b.addNode("MatMul", {"y", "y"}, {"z"}, "dynamic");
        const Model m = load(b, "p2o.onnx");
        const auto layers = findWeightLayers(m);
        QCOMPARE(layers.size(), size_t{1});
        QCOMPARE(layers[0].name, std::string("p2o.w"));
        QCOMPARE(layers[0].nodeName, std::string("conv_p2o"));
    }

    void sharedWeightListedOnce()
    {
        OnnxBuilder b;
        b.addInitializer("shared", {2, 2}, {1, 2, 3, 4});
        b.addNode("MatMul", {"x", "shared"}, {"a"}, "first");
        b.addNode("MatMul", {"a", "shared"}, {"b"}, "second");
        const auto layers = findWeightLayers(load(b, "shared.onnx"));
        QCOMPARE(layers.size(), size_t{1});
        QCOMPARE(layers[0].nodeName, std::string("first"));
    }

    void wronglyTypedTransBIsReported()
    {
        OnnxBuilder b;
        b.addInitializer("g.w", {2, 3}, {1, 2, 3, 4, 5, 6});
        auto* g = b.addNode("Gemm", {"x", "g.w"}, {"y"}, "gemm_float_transB");
        OnnxBuilder::setFloat(g, "transB", 1.0f); // must be an INT: the axis would be guessed
        std::vector<std::string> problems;
        QVERIFY(findWeightLayers(load(b, "transb.onnx"), &problems).empty());
        QCOMPARE(problems.size(), size_t{1});
        QVERIFY(problems[0].find("gemm_float_transB") != std::string::npos);
    }

    void wrappersMapTheAxisToTheStoredTensor()
    {
        // PyTorch without constant folding: Linear weights [out, in] reach MatMul through Transpose;
        // float16 weights through Cast; conv weights through Reshape. The layer is the stored tensor
        // and its output-channel axis is mapped back through each wrapper (hand-derived below).
        OnnxBuilder b;
        auto shapeConstant = [&](const std::string& name, const std::vector<int64_t>& values) {
            onnx::TensorProto* t = b.proto().mutable_graph()->add_initializer();
            t->set_name(name);
            t->set_data_type(onnx::TensorProto::INT64);
            t->add_dims(static_cast<int64_t>(values.size()));
            for (int64_t v : values)
                t->add_int64_data(v);
        };
        auto perm = [](onnx::NodeProto* n, const std::vector<int64_t>& p) {
            onnx::AttributeProto* a = n->add_attribute();
            a->set_name("perm");
            a->set_type(onnx::AttributeProto::INTS);
            for (int64_t v : p)
                a->add_ints(v);
        };
        b.addInitializer("lin.w", {5, 3}, std::vector<float>(15, 1.0f));
        b.addNode("Transpose", {"lin.w"}, {"lin.wt"}, "t_default"); // [3, 5]: MatMul axis 1 <- stored 0
        b.addNode("MatMul", {"x", "lin.wt"}, {"a"}, "linear");
        b.addInitializer("half.w", {3, 4}, std::vector<float>(12, 1.0f));
        auto* cast = b.addNode("Cast", {"half.w"}, {"half.wc"}, "cast");
        OnnxBuilder::setInt(cast, "to", 1);
        b.addNode("Identity", {"half.wc"}, {"half.wi"});
        b.addNode("MatMul", {"a", "half.wi"}, {"b"}, "cast_mm"); // axis 1, 4 channels
        b.addInitializer("flat.w", {4, 6}, std::vector<float>(24, 1.0f));
        shapeConstant("conv.shape", {0, 3, 2, -1});                     // [4, 3, 2, 1]
        b.addNode("Reshape", {"flat.w", "conv.shape"}, {"conv.w"}, "reshape_w");
        b.addNode("Conv", {"x", "conv.w"}, {"c"}, "conv"); // axis 0 <- stored 0
        b.addInitializer("perm.w", {2, 3, 4}, std::vector<float>(24, 1.0f));
        perm(b.addNode("Transpose", {"perm.w"}, {"perm.wt"}, "t_perm"), {2, 0, 1}); // [4, 2, 3]
        b.addNode("MatMul", {"c", "perm.wt"}, {"d"}, "perm_mm"); // last axis 2 <- stored perm[2] = 1
        b.addInitializer("merged.w", {2, 3, 4}, std::vector<float>(24, 1.0f));
        shapeConstant("merge.shape", {6, 4});
        b.addNode("Reshape", {"merged.w", "merge.shape"}, {"merged.wr"}, "reshape_merge");
        auto* g = b.addNode("Gemm", {"d", "merged.wr"}, {"e"}, "gemm_merged"); // axis 0 merges 2x3
        OnnxBuilder::setInt(g, "transB", 1);
        b.addInitializer("p", {2, 2}, {1, 2, 3, 4});
        b.addInitializer("q", {2, 2}, {1, 1, 1, 1});
        b.addNode("Mul", {"p", "q"}, {"pq"}, "scale_w");
        b.addNode("MatMul", {"e", "pq"}, {"y"}, "computed_mm");
        const Model m = load(b, "wrappers.onnx");
        std::vector<std::string> problems;
        const auto layers = findWeightLayers(m, &problems);
        QCOMPARE(layers.size(), size_t{4});
        const std::vector<std::tuple<std::string, int, int64_t, std::string>> expected{
            {"lin.w", 0, 5, "Transpose"}, {"half.w", 1, 4, "Cast"}, {"flat.w", 0, 4, "Reshape"},
            {"perm.w", 1, 3, "Transpose"}};
        for (size_t i = 0; i < layers.size(); ++i) {
            QCOMPARE(layers[i].name, std::get<0>(expected[i]));
            QCOMPARE(layers[i].axis, std::get<1>(expected[i]));
            QCOMPARE(layers[i].channels(), std::get<2>(expected[i]));
            QCOMPARE(layers[i].through, std::get<3>(expected[i]));
        }
        QCOMPARE(problems.size(), size_t{2});
        QVERIFY2(problems[0].find("'merged.w'") != std::string::npos &&
                     problems[0].find("merges or splits the output-channel axis") != std::string::npos,
                 problems[0].c_str());
        QVERIFY2(problems[1].find("computed from constants by Mul 'scale_w'") != std::string::npos, problems[1].c_str());
        const ModelSummary s = summarizeModel(m);
        QCOMPARE(s.notAnalysed, problems);
    }

    void identityCycleTerminates()
    {
        // The loader refuses a cycle (test_control_flow); a Model built in memory can still hold one,
        // and the weight search must not follow it forever.
        Model m;
        auto identity = [](std::string in, std::string out) {
            Node n;
            n.opType = "Identity";
            n.inputs = {std::move(in)};
            n.outputs = {std::move(out)};
            return n;
        };
        m.nodes = {identity("loop_b", "loop_a"), identity("loop_a", "loop_b")};
        Node conv;
        conv.opType = "Conv";
        conv.inputs = {"x", "loop_a"};
        conv.outputs = {"y"};
        m.nodes.push_back(conv);
        QVERIFY(findWeightLayers(m).empty());
        OnnxBuilder b;
        b.addNode("Identity", {"loop_b"}, {"loop_a"});
        b.addNode("Identity", {"loop_a"}, {"loop_b"});
        b.addNode("Conv", {"x", "loop_a"}, {"y"});
        QVERIFY(b.save(m_dir.filePath(QStringLiteral("cycle.onnx")).toStdString()));
        auto loaded = loadOnnxModel(m_dir.filePath(QStringLiteral("cycle.onnx")).toStdString());
        QVERIFY(!loaded.ok());
        QVERIFY2(loaded.error().find("is on a cycle") != std::string::npos, loaded.error().c_str());
    }

    void batchNormFolding()
    {
        // W = [[1,2],[3,4]] (2 output channels), gamma = [2, 0.5], beta = [0.1, -0.2],
        // mean = [1, -1], var = [3, 0], eps = 1 -> sqrt(var+eps) = [2, 1], scale = [1, 0.5];
        // W' = [[1,2],[1.5,2]]; b = [0.5, 1] -> b' = beta + (b - mean)*scale = [-0.4, 0.8].
        OnnxBuilder b;
        b.addInitializer("conv.w", {2, 1, 1, 2}, {1, 2, 3, 4});
        b.addInitializer("conv.b", {2}, {0.5f, 1});
        b.addInitializer("bn.g", {2}, {2, 0.5f});
        b.addInitializer("bn.b", {2}, {0.1f, -0.2f});
        b.addInitializer("bn.m", {2}, {1, -1});
        b.addInitializer("bn.v", {2}, {3, 0});
        b.addNode("Conv", {"x", "conv.w", "conv.b"}, {"c"}, "conv");
        auto* bn = b.addNode("BatchNormalization", {"c", "bn.g", "bn.b", "bn.m", "bn.v"}, {"y"}, "bn");
        OnnxBuilder::setFloat(bn, "epsilon", 1.0f);
        // A second Conv whose output has two consumers is not folded.
        b.addInitializer("conv2.w", {2, 1, 1, 1}, {1, 1});
        b.addNode("Conv", {"y", "conv2.w"}, {"c2"}, "conv2");
        b.addNode("BatchNormalization", {"c2", "bn.g", "bn.b", "bn.m", "bn.v"}, {"z"}, "bn2");
        b.addNode("Relu", {"c2"}, {"r"});
        const Model m = load(b, "bn.onnx");
        const FoldReport r = foldBatchNorm(m);
        QCOMPARE(r.folded.size(), size_t{1});
        QCOMPARE(r.folded[0].weightName, std::string("conv.w"));
        QCOMPARE(std::vector<float>(r.folded[0].weight->floats.begin(), r.folded[0].weight->floats.end()), (std::vector<float>{1, 2, 1.5f, 2}));
        QCOMPARE(r.folded[0].bias.size(), size_t{2});
        QCOMPARE(r.folded[0].bias[0], -0.4f);
        QCOMPARE(r.folded[0].bias[1], 0.8f);

        auto layers = findWeightLayers(m);
        applyFolding(layers, r);
        QCOMPARE(std::vector<float>(layers[0].tensor->floats.begin(), layers[0].tensor->floats.end()), (std::vector<float>{1, 2, 1.5f, 2}));
        QCOMPARE(std::vector<float>(layers[1].tensor->floats.begin(), layers[1].tensor->floats.end()), (std::vector<float>{1, 1})); // untouched
    }
};

QTEST_GUILESS_MAIN(TestWeights)
#include "test_weights.moc"

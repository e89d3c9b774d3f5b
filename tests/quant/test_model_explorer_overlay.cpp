// Google Model Explorer per-node data for a plan: a layer is keyed by its consuming node's name (or
// that node's output tensor), bits are the plan's (32 for FP32 and for NaN/Inf layers), SQNR is
// DESIGN.md's hand example and leaves out FP32 and exact layers, sensitivity is the top-1 drop in
// points, and each gradient runs from stop 0 to stop 1 in the metric's direction. The one-layer-
// at-a-time sensitivity at each layer's own plan setting agrees with measureSensitivity where both
// quantize the same layer the same way.
#include <model/data/dataset.h>
#include <model/onnx_loader.h>
#include <model/weights.h>
#include <quant/model_explorer_overlay.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

#include <cmath>
#include <limits>

using namespace bitlens;

namespace {

const std::string kSample = BITLENS_SOURCE_DIR "/resources/sample/";
const std::vector<float> kV{-1.0f, -0.2f, 0.0f, 0.3f, 2.0f}; // DESIGN.md's hand-checked vector

std::shared_ptr<Tensor> constant(const std::string& name, const std::vector<float>& values,
                                 const std::vector<int64_t>& dims)
{
    auto t = std::make_shared<Tensor>();
    t->name = name;
    t->dims = dims;
    t->floats.assign(values.begin(), values.end());
    return t;
}

Node node(const std::string& op, const std::string& name, const std::vector<std::string>& inputs,
          const std::vector<std::string>& outputs)
{
    Node n;
    n.opType = op;
    n.name = name;
    n.inputs = inputs;
    n.outputs = outputs;
    return n;
}

// conv.w: Conv "conv0" -> conv0_out, and again by Conv "conv1" (listed once, for its first reader);
// fc.w: through an Identity into an unnamed Gemm (transB = 1) -> fc_out; mm.w: MatMul "mm0" -> mm_out;
// fc2.w: Gemm "fc2" -> fc2_out; bad.w (holds a NaN): MatMul "mm_bad" -> bad_out.
Model handModel()
{
    Model m;
    m.constants["conv.w"] = constant("conv.w", kV, {1, 1, 1, 5});
    m.constants["fc.w"] = constant("fc.w", kV, {1, 5});
    m.constants["mm.w"] = constant("mm.w", kV, {5, 1});
    m.constants["fc2.w"] = constant("fc2.w", kV, {1, 5});
    m.constants["bad.w"] = constant("bad.w", {1.0f, std::numeric_limits<float>::quiet_NaN()}, {2, 1});
    m.nodes.push_back(node("Conv", "conv0", {"x", "conv.w"}, {"conv0_out"}));
    m.nodes.push_back(node("Conv", "conv1", {"x", "conv.w"}, {"conv1_out"}));
    m.nodes.push_back(node("Identity", "fc.w_read", {"fc.w"}, {"fc.w_id"}));
    Node gemm = node("Gemm", std::string(), {"conv0_out", "fc.w_id"}, {"fc_out"});
    Attribute transB;
    transB.name = std::string("transB");
    transB.kind = Attribute::Kind::Int;
    transB.i = 1;
    gemm.attributes.push_back(transB);
    m.nodes.push_back(gemm);
    m.nodes.push_back(node("MatMul", "mm0", {"fc_out", "mm.w"}, {"mm_out"}));
    Node fc2 = node("Gemm", "fc2", {"mm_out", "fc2.w"}, {"fc2_out"});
    fc2.attributes.push_back(transB);
    m.nodes.push_back(fc2);
    m.nodes.push_back(node("MatMul", "mm_bad", {"fc2_out", "bad.w"}, {"bad_out"}));
    return m;
}

// conv.w asymmetric 2 bits, fc.w symmetric 3 bits, mm.w k-means 3 bits (5 distinct values: exact),
// fc2.w FP32, bad.w 4 bits on paper (NaN: stays FP32); all per tensor.
Plan handPlan()
{
    Plan plan;
    plan.layers["conv.w"] = {Scheme::Asymmetric, Granularity::PerTensor, 2};
    plan.layers["fc.w"] = {Scheme::Symmetric, Granularity::PerTensor, 3};
    plan.layers["mm.w"] = {Scheme::KMeans, Granularity::PerTensor, 3};
    plan.layers["fc2.w"] = {Scheme::Asymmetric, Granularity::PerTensor, kFp32Bits};
    plan.layers["bad.w"] = {Scheme::Asymmetric, Granularity::PerTensor, 4};
    return plan;
}

QJsonObject results(const QJsonObject& nodeData) { return nodeData[QStringLiteral("results")].toObject(); }

double valueAt(const QJsonObject& nodeData, const char* key)
{
    return results(nodeData)[QLatin1String(key)].toObject()[QStringLiteral("value")].toDouble();
}

} // namespace

class TestModelExplorerOverlay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void targetsAndKeys()
    {
        const Model m = handModel();
        const std::vector<WeightLayer> layers = findWeightLayers(m);
        QCOMPARE(layers.size(), size_t{5});
        const std::vector<OverlayTarget> t = overlayTargets(m, layers);
        QCOMPARE(t.size(), size_t{5});
        QCOMPARE(t[0].layer, std::string("conv.w"));
        QCOMPARE(t[0].node, std::string("conv0")); // the first reader, not conv1
        QCOMPARE(t[0].output, std::string("conv0_out"));
        QCOMPARE(t[1].layer, std::string("fc.w")); // found through the Identity
        QVERIFY(t[1].node.empty());
        QCOMPARE(t[1].output, std::string("fc_out"));
        QCOMPARE(overlayKey(t[0], OverlayKey::NodeName), std::string("conv0"));
        QCOMPARE(overlayKey(t[0], OverlayKey::OutputTensor), std::string("conv0_out"));
        QCOMPARE(overlayKey(t[1], OverlayKey::NodeName), std::string("fc_out")); // unnamed node: its output
        QCOMPARE(overlayKey(t[2], OverlayKey::OutputTensor), std::string("mm_out"));
    }

    void bits()
    {
        const Model m = handModel();
        const std::vector<WeightLayer> layers = findWeightLayers(m);
        const std::vector<OverlayTarget> t = overlayTargets(m, layers);
        const std::vector<OverlayValue> v = planBitsValues(layers, handPlan());

        const QJsonObject byNode = modelExplorerNodeData(t, OverlayKey::NodeName, "plan: bits", v, GradientKind::HighIsGood);
        QCOMPARE(byNode[QStringLiteral("name")].toString(), QStringLiteral("plan: bits"));
        QCOMPARE(results(byNode).size(), qsizetype{5});
        QCOMPARE(valueAt(byNode, "conv0"), 2.0);
        QCOMPARE(valueAt(byNode, "fc_out"), 3.0);
        QCOMPARE(valueAt(byNode, "mm0"), 3.0);
        QCOMPARE(valueAt(byNode, "fc2"), 32.0);    // FP32
        QCOMPARE(valueAt(byNode, "mm_bad"), 32.0); // NaN: FP32 whatever the plan says

        const QJsonObject byOutput = modelExplorerNodeData(t, OverlayKey::OutputTensor, "plan: bits", v, GradientKind::HighIsGood);
        const QStringList keys{QStringLiteral("bad_out"), QStringLiteral("conv0_out"), QStringLiteral("fc2_out"),
                               QStringLiteral("fc_out"), QStringLiteral("mm_out")};
        QCOMPARE(results(byOutput).keys(), keys);
        QCOMPARE(valueAt(byOutput, "conv0_out"), 2.0);

        // Few bits red (stop 0 = the smallest value), many green.
        const QJsonArray g = byNode[QStringLiteral("gradient")].toArray();
        QVERIFY(g.size() >= 2);
        QCOMPARE(g.first().toObject()[QStringLiteral("stop")].toDouble(), 0.0);
        QCOMPARE(g.first().toObject()[QStringLiteral("bgColor")].toString(), QStringLiteral("#d32f2f"));
        QCOMPARE(g.last().toObject()[QStringLiteral("stop")].toDouble(), 1.0);
        QCOMPARE(g.last().toObject()[QStringLiteral("bgColor")].toString(), QStringLiteral("#388e3c"));
        for (qsizetype i = 1; i < g.size(); ++i)
            QVERIFY(g[i].toObject()[QStringLiteral("stop")].toDouble() > g[i - 1].toObject()[QStringLiteral("stop")].toDouble());

        // The single-graph form Model Explorer recognises: "results" at the top, no "results" inside.
        const QJsonObject back = QJsonDocument::fromJson(QJsonDocument(byNode).toJson()).object();
        QVERIFY(back[QStringLiteral("results")].isObject());
        QVERIFY(!results(back).contains(QStringLiteral("results")));
    }

    // sum x^2 = 1 + 0.04 + 0 + 0.09 + 4 = 5.13. Asymmetric 2 bits: x^ = [-1, 0, 0, 0, 2], error energy
    // 0.04 + 0.09 = 0.13, 10*log10(5.13/0.13) = 15.9617 -> 15.96. Symmetric 3 bits: x^ = [-4/3, 0, 0,
    // 0, 2], error energy 1/9 + 0.04 + 0.09 = 0.24111, 10*log10(5.13/0.24111) = 13.2790 -> 13.28.
    void sqnr()
    {
        const Model m = handModel();
        const std::vector<WeightLayer> layers = findWeightLayers(m);
        const QJsonObject o = modelExplorerNodeData(overlayTargets(m, layers), OverlayKey::NodeName, "plan: SQNR",
                                                    planSqnrValues(layers, handPlan()), GradientKind::HighIsGood);
        QCOMPARE(results(o).keys(), (QStringList{QStringLiteral("conv0"), QStringLiteral("fc_out")}));
        QCOMPARE(valueAt(o, "conv0"), 15.96);
        QCOMPARE(valueAt(o, "fc_out"), 13.28);
        // mm0 (exact), fc2 (FP32) and mm_bad (NaN) have no SQNR and are left out.
    }

    void sensitivity()
    {
        const Model m = handModel();
        const std::vector<WeightLayer> layers = findWeightLayers(m);
        SensitivityReport report;
        report.layers.push_back({"conv.w", 0.9, 0.99, 0.0125, 1.0});   // 1.25 points lost
        report.layers.push_back({"fc.w", 0.92, 0.99, -0.005, 0.5});    // 0.5 points gained
        const QJsonObject o = modelExplorerNodeData(overlayTargets(m, layers), OverlayKey::NodeName, "drop",
                                                    sensitivityValues(report), GradientKind::LowIsGood);
        QCOMPARE(results(o).size(), qsizetype{2});
        QCOMPARE(valueAt(o, "conv0"), 1.25);
        QCOMPARE(valueAt(o, "fc_out"), -0.5);
        // A small drop green, a large one red.
        const QJsonArray g = o[QStringLiteral("gradient")].toArray();
        QCOMPARE(g.first().toObject()[QStringLiteral("stop")].toDouble(), 0.0);
        QCOMPARE(g.first().toObject()[QStringLiteral("bgColor")].toString(), QStringLiteral("#388e3c"));
        QCOMPARE(g.last().toObject()[QStringLiteral("stop")].toDouble(), 1.0);
        QCOMPARE(g.last().toObject()[QStringLiteral("bgColor")].toString(), QStringLiteral("#d32f2f"));
    }

    void leftOut()
    {
        // Two layers read by nodes of one name: the first keeps the key. Unknown layers, NaN and
        // layers without any name are left out.
        const std::vector<OverlayTarget> t{{"a", "n", "a_out"}, {"b", "n", "b_out"}, {"c", "", ""}};
        const std::vector<OverlayValue> v{{"a", 1}, {"b", 2}, {"c", 3}, {"nope", 4},
                                          {"a", std::numeric_limits<double>::quiet_NaN()}};
        const QJsonObject o = modelExplorerNodeData(t, OverlayKey::NodeName, "x", v, GradientKind::HighIsGood);
        QCOMPARE(results(o).keys(), QStringList{QStringLiteral("n")});
        QCOMPARE(valueAt(o, "n"), 1.0);
    }

    // Each layer at its own setting against measureSensitivity at one setting for all: a plan that
    // quantizes every layer with that setting except the first (FP32) must give the same numbers
    // for the layers it quantizes and leave the first out.
    void planSensitivityAgrees()
    {
        auto loaded = loadOnnxModel(kSample + "fashion_cnn.onnx");
        QVERIFY(loaded.ok());
        SweepInput in;
        in.model = std::make_shared<const Model>(std::move(*loaded));
        in.layers = findWeightLayers(*in.model);
        in.openData = [shape = inputShapeOf(*in.model)] { return openDataset(kSample, shape); };
        in.pre.mean = {0.2860f};
        in.pre.std = {0.3530f};
        in.options.limit = 200;
        const QuantSpec spec{Scheme::Asymmetric, Granularity::PerTensor, 2};
        Plan plan = Plan::uniform(spec);
        plan.layers[in.layers.front().name] = {Scheme::Asymmetric, Granularity::PerTensor, kFp32Bits};

        auto own = measurePlanSensitivity(in, plan);
        QVERIFY2(own.ok(), own.ok() ? "" : own.error().c_str());
        auto all = measureSensitivity(in, spec);
        QVERIFY(all.ok());
        QCOMPARE(own->images, int64_t{200});
        QCOMPARE(own->fp32Top1, all->fp32Top1);
        QCOMPARE(own->layers.size(), in.layers.size() - 1);
        for (size_t i = 0; i < own->layers.size(); ++i) {
            const LayerSensitivity& a = own->layers[i];
            const LayerSensitivity& b = all->layers[i + 1];
            QCOMPARE(a.layer, b.layer);
            QCOMPARE(a.top1, b.top1);
            QCOMPARE(a.top1Drop, b.top1Drop);
            QCOMPARE(a.outputDistance, b.outputDistance);
        }
        // 200 images: a drop is a multiple of 0.5 points.
        for (const OverlayValue& v : sensitivityValues(*own))
            QCOMPARE(std::fmod(std::fabs(v.value) * 2, 1.0), 0.0);
    }
};

QTEST_GUILESS_MAIN(TestModelExplorerOverlay)
#include "test_model_explorer_overlay.moc"

// What the plan editor computes headless: running a model in two halves (cached activations), the
// incremental re-evaluation after edits, the plan table's rows and totals, the Pareto front, the
// sorted sensitivity chart and the per-layer activation distance of a whole plan (QUENN Figure 6).
#include <model/data/dataset.h>
#include <model/data/preprocessing.h>
#include <model/engine/session.h>
#include <model/onnx_loader.h>
#include <quant/plan_evaluator.h>
#include <quant/plan_views.h>

#include <QTest>

#include <cmath>

using namespace bitlens;

namespace {

const std::string kSample = BITLENS_SOURCE_DIR "/resources/sample/";

SweepInput sweepInput(const std::string& path, int64_t limit)
{
    auto model = loadOnnxModel(path);
    if (!model)
        qFatal("%s", model.error().c_str());
    SweepInput in;
    in.model = std::make_shared<const Model>(std::move(*model));
    in.layers = findWeightLayers(*in.model);
    in.openData = [shape = inputShapeOf(*in.model)] { return openDataset(kSample, shape); };
    in.pre.mean = {0.2860f};
    in.pre.std = {0.3530f};
    in.options.limit = limit;
    return in;
}

WeightLayer tensorLayer(std::vector<float> values, std::vector<int64_t> dims)
{
    auto t = std::make_shared<Tensor>();
    t->name = std::string(1, 'w'); // not = "w": GCC 12's -Wrestrict misfires on short literals
    t->dims = std::move(dims);
    t->floats.assign(values.begin(), values.end());
    WeightLayer l;
    l.name = t->name;
    l.nodeName = std::string("gemm");
    l.op = std::string("Gemm");
    l.tensor = t;
    return l;
}

} // namespace

class TestPlanEditing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void splitRunEqualsWholeRun_data()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("sample") << QString::fromStdString(kSample + "fashion_cnn.onnx");
        QTest::newRow("mobilenet_tiny: residual Adds, fused Clip") << QStringLiteral(BITLENS_TEST_DATA "/mobilenet_tiny.onnx");
        QTest::newRow("resnet20: fused Conv+BN+Add+Relu") << QStringLiteral(BITLENS_TEST_DATA "/resnet20.onnx");
    }

    // Running steps [0, k) then [k, end) gives the same bits as one run, at every cut k; the values
    // live at a cut are what the second half needs (a missing one would fail or differ).
    void splitRunEqualsWholeRun()
    {
        QFETCH(QString, model);
        const SweepInput in = sweepInput(model.toStdString(), 8);
        auto session = engine::Session::create(in.model);
        QVERIFY(session.ok());
        auto data = in.openData();
        QVERIFY(data.ok());
        auto batch = (*data)->next(8);
        QVERIFY(batch.ok());
        const Tensor input = batch->toInput(0, 8, in.pre);
        auto whole = (*session)->run({input});
        QVERIFY(whole.ok());
        const int steps = static_cast<int>((*session)->stepCount());
        QVERIFY(steps > 3);
        QCOMPARE((*session)->firstStepReading({"no such constant"}), steps);
        for (int cut = 0; cut <= steps; ++cut) {
            auto live = (*session)->runPrefix({input}, cut);
            QVERIFY2(live.ok(), live.ok() ? "" : live.error().c_str());
            QCOMPARE(live->size(), (*session)->liveValuesAt(cut).size());
            std::vector<const Tensor*> borrowed;
            for (const Tensor& t : *live)
                borrowed.push_back(&t);
            auto rest = (*session)->runBetween(cut, borrowed, steps);
            QVERIFY2(rest.ok(), rest.ok() ? "" : rest.error().c_str());
            QCOMPARE(rest->size(), whole->size());
            QVERIFY2((*rest)[0].floats == (*whole)[0].floats, qPrintable(QStringLiteral("cut %1").arg(cut)));
        }
        // A wrong number of live values is refused, not read out of bounds.
        QVERIFY(!(*session)->runBetween(steps / 2, {}, steps).ok() || (*session)->liveValuesAt(steps / 2).empty());
    }

    // A sequence of edits, each evaluated on a subset and then on all images, as the window does:
    // every result equals evaluatePlan's (the plain path: a new session, no cache), and edits of
    // later layers start from cached activations.
    void incrementalEqualsPlainEvaluation()
    {
        const SweepInput in = sweepInput(BITLENS_TEST_DATA "/resnet20.onnx", 300);
        QVERIFY(in.layers.size() > 10);
        const std::string last = in.layers.back().name;
        const std::string middle = in.layers[in.layers.size() / 2].name;
        const std::string first = in.layers.front().name;
        std::vector<Plan> plans;
        Plan p = Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, 4});
        plans.push_back(p);
        p.layers[middle] = {Scheme::Asymmetric, Granularity::PerChannel, 2};
        plans.push_back(p);
        p.layers[middle] = {Scheme::Pow2, Granularity::PerTensor, 3}; // the same layer again: from the cache
        plans.push_back(p);
        p.layers[last] = {Scheme::Symmetric, Granularity::PerChannel, 2}; // later: from the cache
        plans.push_back(p);
        p.layers[first] = {Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits}; // earlier: no reuse
        plans.push_back(p);

        IncrementalEvaluator incremental(in, int64_t{1} << 30);
        std::vector<PlanEvalStats> stats;
        for (const Plan& plan : plans) {
            auto want = evaluatePlan(in, plan);
            QVERIFY(want.ok());
            for (int64_t limit : {int64_t{100}, int64_t{300}}) {
                PlanEvalStats st;
                auto got = incremental.evaluate(plan, limit, {}, &st);
                QVERIFY2(got.ok(), got.ok() ? "" : got.error().c_str());
                QCOMPARE(got->weightBits, want->weightBits);
                QCOMPARE(got->weightBits, planWeightBits(plan, in.layers));
                if (limit == 100 && &plan == &plans[3])
                    QCOMPARE(st.quantizedLayers, int64_t{1}); // only the edited layer
                if (limit == 300) {
                    QCOMPARE(got->images, int64_t{300});
                    QCOMPARE(got->top1, want->top1);
                    QCOMPARE(got->top5, want->top5);
                    QCOMPARE(got->confusion, want->confusion);
                    stats.push_back(st);
                }
            }
        }
        QCOMPARE(stats[0].reusedImages, int64_t{0});   // nothing cached yet
        QCOMPARE(stats[2].reusedImages, int64_t{300}); // same layer edited again
        QVERIFY(stats[2].reusedFromStep > 0);
        QCOMPARE(stats[3].reusedImages, int64_t{300}); // a later layer
        QCOMPARE(stats[3].quantizedLayers, int64_t{0}); // quantized for the subset, kept for all images
        // The first layer changed: the earlier caches are useless; at most the 100 images the subset
        // run itself kept (before the first layer) start from the cache.
        QVERIFY(stats[4].reusedImages <= 100);

        // No budget, no cache; the results stay the same.
        IncrementalEvaluator uncached(in, 0);
        PlanEvalStats st;
        auto a = uncached.evaluate(plans[1], 300);
        auto b = uncached.evaluate(plans[2], 300, {}, &st);
        QVERIFY(a.ok() && b.ok());
        QCOMPARE(st.reusedImages, int64_t{0});
        QCOMPARE(st.cacheBytes, int64_t{0});
        auto c = evaluatePlan(in, plans[2]);
        QCOMPARE(b->confusion, c->confusion);
    }

    // DESIGN.md's example v = [-1, -0.2, 0, 0.3, 2], asymmetric 2 bits per tensor: x^ = [-1, 0, 0, 0, 2],
    // code bits 5*2 = 10, overhead 64 (scale and zero point); SQNR = 10 log10(5.13 / 0.13).
    void planRowsAndTotals()
    {
        const WeightLayer l = tensorLayer({-1.0f, -0.2f, 0.0f, 0.3f, 2.0f}, {1, 5});
        const PlanLayerRow r = planLayerRow(l, {Scheme::Asymmetric, Granularity::PerTensor, 2}, false);
        QCOMPARE(r.parameters, int64_t{5});
        QCOMPARE(r.codeBits, int64_t{10});
        QCOMPARE(r.overheadBits, int64_t{64});
        QVERIFY(r.sqnrDb.has_value());
        QVERIFY(std::fabs(*r.sqnrDb - 10 * std::log10(5.13 / 0.13)) < 1e-5);
        QVERIFY(r.zstdBytes > 0);
        QVERIFY(!r.fromDefaults);
        const PlanLayerRow f = planLayerRow(l, {Scheme::Asymmetric, Granularity::PerTensor, kFp32Bits}, true);
        QCOMPARE(f.codeBits, int64_t{160});
        QCOMPARE(f.overheadBits, int64_t{0});
        QCOMPARE(f.zstdBytes, int64_t{20});
        QVERIFY(!f.sqnrDb.has_value());
        const PlanSize s = planSize({r, f});
        QCOMPARE(s.parameters, int64_t{10});
        QCOMPARE(s.weightBits(), int64_t{10 + 64 + 160});
        QCOMPARE(s.averageBits(), 23.4);
        QCOMPARE(s.fp32Bytes(), int64_t{40});
        // NaN: excluded, counted at 32 bits whatever the plan says.
        const PlanLayerRow n = planLayerRow(tensorLayer({1.0f, NAN}, {1, 2}), {Scheme::Symmetric, Granularity::PerTensor, 4}, false);
        QVERIFY(n.excluded);
        QCOMPARE(n.codeBits, int64_t{64});
    }

    void paretoFront()
    {
        // (size, top-1): A(100, 0.90) B(200, 0.95) C(150, 0.85) dominated by A, D(200, 0.93) dominated
        // by B, E(300, 0.95) dominated by B (larger, as accurate), F(50, 0.5).
        std::vector<ParetoPoint> pts;
        for (auto [bits, top1] : std::vector<std::pair<int64_t, double>>{{100, 0.90}, {200, 0.95}, {150, 0.85},
                                                                         {200, 0.93}, {300, 0.95}, {50, 0.5}}) {
            ParetoPoint p;
            p.weightBits = bits;
            p.top1 = top1;
            pts.push_back(p);
        }
        markParetoFront(pts);
        const std::vector<bool> want{true, true, false, false, false, true};
        for (size_t i = 0; i < pts.size(); ++i)
            QCOMPARE(pts[i].onFront, bool(want[i]));
    }

    void sensitivitySortedByDrop()
    {
        SensitivityReport r;
        r.spec = {Scheme::Asymmetric, Granularity::PerChannel, 3};
        r.layers = {{"a", 0.8, 0.9, 0.01, 2.0}, {"b", 0.5, 0.9, 0.31, 1.0}, {"c", 0.8, 0.9, 0.01, 3.0}};
        const SensitivityView v = sensitivityView(r);
        QCOMPARE(v.layers[0].layer, std::string("b"));
        QCOMPARE(v.layers[1].layer, std::string("c")); // same drop as a, larger distance
        QCOMPARE(v.layers[2].layer, std::string("a"));
    }

    // Only the last layer quantized: the activations before it are those of FP32 (distance exactly
    // 0), and its own output differs. FP32 plan: 0 everywhere.
    void planDistancesStartAtTheQuantizedLayer()
    {
        const SweepInput in = sweepInput(kSample + "fashion_cnn.onnx", 40);
        Plan onlyLast = Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits});
        onlyLast.layers[in.layers.back().name] = {Scheme::Asymmetric, Granularity::PerChannel, 2};
        auto v = measurePlanDistances(in, onlyLast);
        QVERIFY2(v.ok(), v.ok() ? "" : v.error().c_str());
        QCOMPARE(v->images, int64_t{40});
        QCOMPARE(v->layers.size(), in.layers.size());
        for (size_t i = 0; i + 1 < v->layers.size(); ++i)
            QCOMPARE(v->distance[i], 0.0);
        QVERIFY(v->distance.back() > 0);
        QVERIFY(v->relative.back() > 0 && v->relative.back() < 1);

        auto zero = measurePlanDistances(in, Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, kFp32Bits}));
        QVERIFY(zero.ok());
        for (double d : zero->distance)
            QCOMPARE(d, 0.0);
        // Cancel stops with an error, not a partial view.
        QVERIFY(!measurePlanDistances(in, onlyLast, [](int64_t, int64_t) { return false; }).ok());
    }
};

QTEST_GUILESS_MAIN(TestPlanEditing)
#include "test_plan_editing.moc"

// Fidelity without labels and "which layer hurts" (DESIGN.md "Metrics"): every metric against a
// hand derivation written out beside it, the per-node cumulative and local SQNR of a two-layer
// model worked out by hand, and top-1 agreement against counting equal argmax between evaluate()'s
// FP32 and quantized predictions on the sample set.
#include <model/data/dataset.h>
#include <model/data/samples.h>
#include <model/engine/session.h>
#include <model/evaluation.h>
#include <model/onnx_loader.h>
#include <quant/apply_plan.h>
#include <quant/fidelity.h>
#include <support/onnx_builder.h>

#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bitlens;

namespace {

Tensor floats(std::vector<int64_t> dims, std::vector<float> v)
{
    Tensor t;
    t.dims = std::move(dims);
    t.floats.assign(v.begin(), v.end());
    return t;
}

// Fixed samples, one [1, 2] float input each.
class FixedSamples : public SampleSource
{
public:
    explicit FixedSamples(std::vector<std::vector<float>> rows) : m_rows(std::move(rows))
    {
        m_size = static_cast<int64_t>(m_rows.size());
        m_description = "fixed";
    }
    Result<SampleBatch> next(int64_t count) override
    {
        SampleBatch b;
        for (; count > 0 && m_read < m_size; --count, ++m_read)
            b.samples.push_back({floats({1, 2}, m_rows[static_cast<size_t>(m_read)])});
        return b;
    }
    Result<bool> rewind() override
    {
        m_read = 0;
        return true;
    }

private:
    std::vector<std::vector<float>> m_rows;
    int64_t m_read = 0;
};

std::shared_ptr<const Tensor> weight(const std::string& name, std::vector<float> v)
{
    auto t = std::make_shared<Tensor>(floats({2, 2}, std::move(v)));
    t->name = name;
    return t;
}

} // namespace

class TestFidelity : public QObject
{
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    // y = [3, 4], y^ = [3, 3]: sum y^2 = 25, sum e^2 = 1 -> SQNR 10*log10(25) = 13.9794 dB, MSE 1/2,
    // max |e| 1, cosine (9 + 12) / (5 * sqrt(18)) = 21 / 21.2132 = 0.989949.
    void outputSqnrMseMaxCosine()
    {
        OutputFidelityAccumulator acc("y", std::nullopt, false);
        QVERIFY(acc.add(floats({1, 2}, {3, 4}), floats({1, 2}, {3, 3}), 1).ok());
        const OutputFidelity f = acc.result();
        QVERIFY(f.sqnrDb.has_value());
        QVERIFY(std::fabs(*f.sqnrDb - 13.979400) < 1e-5);
        QCOMPARE(f.mse, 0.5);
        QCOMPARE(f.maxAbsError, 1.0);
        QVERIFY(std::fabs(f.meanCosine - 21.0 / (5.0 * std::sqrt(18.0))) < 1e-12);
        QCOMPARE(f.classes, int64_t{0}); // class scores off
        // No error at all: exact, no SQNR.
        OutputFidelityAccumulator same("y", std::nullopt, true);
        QVERIFY(same.add(floats({1, 2}, {3, 4}), floats({1, 2}, {3, 4}), 1).ok());
        QVERIFY(!same.result().sqnrDb.has_value());
        QCOMPARE(same.result().top1Agreement, 1.0);
    }

    // The cosine is per sample, then averaged: sample A y = [1, 0], y^ = [0, 1] -> 0; sample B
    // y = [1, 1], y^ = [2, 2] -> 1; mean 0.5. Samples stacked on the first axis split equally.
    void meanCosineIsPerSample()
    {
        OutputFidelityAccumulator acc("y", std::nullopt, false);
        QVERIFY(acc.add(floats({2, 2}, {1, 0, 1, 1}), floats({2, 2}, {0, 1, 2, 2}), 2).ok());
        QCOMPARE(acc.result().meanCosine, 0.5);
        QCOMPARE(acc.result().samples, int64_t{2});
        // Three samples do not split a first axis of 2.
        OutputFidelityAccumulator bad("y", std::nullopt, false);
        QVERIFY(!bad.add(floats({2, 2}, {1, 0, 1, 1}), floats({2, 2}, {0, 1, 2, 2}), 3).ok());
    }

    // Agreement with ties (first maximum): position 0: y = [1, 1, 0] -> 0, y^ = [0, 1, 1] -> 1,
    // disagree; position 1: y = [2, 1, 0] -> 0, y^ = [2, 2, 0] -> 0, agree. Agreement 1/2; the
    // prediction confusion has [0][1] = 1 and [0][0] = 1.
    void agreementWithTiesAndConfusion()
    {
        OutputFidelityAccumulator acc("logits", std::nullopt, true);
        QVERIFY(acc.add(floats({2, 3}, {1, 1, 0, 2, 1, 0}), floats({2, 3}, {0, 1, 1, 2, 2, 0}), 2).ok());
        const OutputFidelity f = acc.result();
        QCOMPARE(f.classes, int64_t{3});
        QCOMPARE(f.classAxis, 1);
        QCOMPARE(f.positions, int64_t{2});
        QCOMPARE(f.top1Agreement, 0.5);
        const std::vector<std::vector<int64_t>> expected{{1, 1, 0}, {0, 0, 0}, {0, 0, 0}};
        QCOMPARE(f.predictionConfusion, expected);
    }

    // KL of logits: y = [0, 0] -> p = [1/2, 1/2]; y^ = [ln 3, 0] -> q = [3/4, 1/4];
    // KL = 1/2 ln(2/3) + 1/2 ln 2 = 1/2 ln(4/3) = 0.1438410362.
    // A probability output is used as is: y = [1, 0], y^ = [1/2, 1/2] -> KL = 1 * ln 2 = 0.6931472
    // (softmax of these would give 0.0600).
    void klOfLogitsAndOfProbabilities()
    {
        const float y[] = {0, 0}, q[] = {std::log(3.0f), 0};
        QVERIFY(std::fabs(klDivergence(y, q, 2, 1) - 0.5 * std::log(4.0 / 3.0)) < 1e-7);
        const float p[] = {1, 0}, h[] = {0.5f, 0.5f};
        QVERIFY(std::fabs(klDivergence(p, h, 2, 1) - std::log(2.0)) < 1e-7);
        OutputFidelityAccumulator acc("probs", std::nullopt, true);
        QVERIFY(acc.add(floats({2, 2}, {1, 0, 0, 0}), floats({2, 2}, {0.5f, 0.5f, std::log(3.0f), 0}), 2).ok());
        // Position 0 is a probability vector (ln 2); position 1 sums to 0, so logits (1/2 ln 4/3).
        QVERIFY(std::fabs(acc.result().meanKl - (std::log(2.0) + 0.5 * std::log(4.0 / 3.0)) / 2) < 1e-7);
    }

    // The class axis: the last one, or axis 1 of an [N, C, ...] output of rank 4 or more.
    void classAxisRule()
    {
        QCOMPARE(classAxisFor(2, std::nullopt), 1);
        QCOMPARE(classAxisFor(3, std::nullopt), 2);
        QCOMPARE(classAxisFor(4, std::nullopt), 1);
        QCOMPARE(classAxisFor(0, std::nullopt), -1);
        QCOMPARE(classAxisFor(3, -1), 2);
        QCOMPARE(classAxisFor(3, 5), -1);
        // A [1, 2, 1, 2] segmentation map: classes on axis 1, positions (h, w) = 2; position w=0:
        // y = [0, 1] -> 1, y^ = [1, 0] -> 0; w=1: y = [1, 0] -> 0, y^ = [1, 0] -> 0. Agreement 1/2.
        OutputFidelityAccumulator acc("seg", std::nullopt, true);
        QVERIFY(acc.add(floats({1, 2, 1, 2}, {0, 1, 1, 0}), floats({1, 2, 1, 2}, {1, 1, 0, 0}), 1).ok());
        QCOMPARE(acc.result().positions, int64_t{2});
        QCOMPARE(acc.result().top1Agreement, 0.5);
    }

    // Two layers y = (x W1) W2, x = [1, 2], W1 = W2 = identity.
    // Both quantized: W1^ = diag(1, 1.5), W2^ = diag(2, 1).
    //   h = [1, 2], h^ = x W1^ = [1, 3]: cumulative = local = 10 log10(5 / 1) = 6.9897 dB.
    //   y = [1, 2]; local: h W2^ = [2, 2], error 1 -> 6.9897 dB; cumulative: h^ W2^ = [2, 3],
    //   error 1 + 1 = 2 -> 10 log10(5 / 2) = 3.9794 dB.
    // Only W2 quantized: h is exact, so y's cumulative SQNR equals its local one, 6.9897 dB, and the
    // first layer's local SQNR is exact.
    void localAndCumulativeSqnrByHand()
    {
        testsupport::OnnxBuilder b;
        b.addInitializer("W1", {2, 2}, {1, 0, 0, 1});
        b.addInitializer("W2", {2, 2}, {1, 0, 0, 1});
        b.addInput("x", {-1, 2});
        b.addOutput("y", {-1, 2});
        b.addNode("MatMul", {"x", "W1"}, {"h"}, "first");
        b.addNode("MatMul", {"h", "W2"}, {"y"}, "second");
        const std::string path = m_dir.filePath(QStringLiteral("two.onnx")).toStdString();
        QVERIFY(b.save(path));
        auto loaded = loadOnnxModel(path);
        QVERIFY2(loaded.ok(), loaded.ok() ? "" : loaded.error().c_str());
        auto model = std::make_shared<const Model>(std::move(*loaded));
        const auto layers = findWeightLayers(*model);
        QCOMPARE(layers.size(), size_t{2});

        FidelityOptions o;
        o.layers = true;
        o.classScores = false;
        // Two samples (the second is twice the first: every SQNR stays the same), on two threads.
        o.threads = 2;
        o.chunk = 1;
        FixedSamples samples({{1, 2}, {2, 4}});
        const std::map<std::string, std::shared_ptr<const Tensor>> both{{"W1", weight("W1", {1, 0, 0, 1.5f})},
                                                                        {"W2", weight("W2", {2, 0, 0, 1})}};
        auto r = measureFidelity(model, layers, both, samples, o);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
        QCOMPARE(r->nodes.size(), size_t{2});
        const NodeFidelity& h = r->nodes[0];
        const NodeFidelity& y = r->nodes[1];
        QCOMPARE(h.node, std::string("first"));
        QCOMPARE(h.tensor, std::string("h"));
        QCOMPARE(y.node, std::string("second"));
        QCOMPARE(h.layers, std::vector<std::string>{"W1"});
        const double sqnr5 = 10 * std::log10(5.0), sqnr25 = 10 * std::log10(2.5);
        QVERIFY(std::fabs(*h.cumulativeSqnrDb - sqnr5) < 1e-9);
        QVERIFY(std::fabs(*h.localSqnrDb - sqnr5) < 1e-9);
        QVERIFY(std::fabs(*y.localSqnrDb - sqnr5) < 1e-9);
        QVERIFY(std::fabs(*y.cumulativeSqnrDb - sqnr25) < 1e-9);
        QVERIFY(std::fabs(*r->outputs[0].sqnrDb - sqnr25) < 1e-9);
        QCOMPARE(r->samples, int64_t{2});

        samples.rewind();
        const std::map<std::string, std::shared_ptr<const Tensor>> second{{"W2", weight("W2", {2, 0, 0, 1})}};
        auto s = measureFidelity(model, layers, second, samples, o);
        QVERIFY(s.ok());
        QVERIFY(!s->nodes[0].cumulativeSqnrDb.has_value()); // h exact
        QVERIFY(!s->nodes[0].localSqnrDb.has_value());      // W1 kept FP32
        QVERIFY(std::fabs(*s->nodes[1].cumulativeSqnrDb - sqnr5) < 1e-9);
        QVERIFY(std::fabs(*s->nodes[1].localSqnrDb - sqnr5) < 1e-9);
    }

    // compare's top-1 agreement equals counting equal argmax between evaluate()'s FP32 and 4-bit
    // predictions (an independent path: the evaluation module's scoring), on 300 sample images.
    void agreementMatchesEvaluatePredictions()
    {
        const std::string sample = BITLENS_SOURCE_DIR "/resources/sample/";
        auto loaded = loadOnnxModel(sample + "fashion_cnn.onnx");
        QVERIFY(loaded.ok());
        auto model = std::make_shared<const Model>(std::move(*loaded));
        const auto layers = findWeightLayers(*model);
        const auto weights = quantizedWeights(Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, 4}), layers);
        auto pre = preprocessingFor(*model, datasetCardFor(sample));
        QVERIFY(pre.ok());

        EvalOptions eo;
        eo.limit = 300;
        auto fp32 = engine::Session::create(model);
        auto quant = engine::Session::create(model);
        QVERIFY(fp32.ok() && quant.ok());
        for (const auto& [name, t] : weights)
            QVERIFY((*quant)->overrideConstant(name, t).ok());
        auto data = openDataset(sample);
        QVERIFY(data.ok());
        auto a = evaluate(**fp32, **data, *pre, eo);
        QVERIFY((*data)->rewind().ok());
        auto b = evaluate(**quant, **data, *pre, eo);
        QVERIFY(a.ok() && b.ok());
        int64_t equal = 0;
        for (size_t i = 0; i < a->predictions.size(); ++i)
            equal += a->predictions[i] == b->predictions[i];

        SampleOptions so;
        so.pre = *pre;
        auto samples = openSamples(sample, *model, so);
        QVERIFY2(samples.ok(), samples.ok() ? "" : samples.error().c_str());
        FidelityOptions fo;
        fo.limit = 300;
        auto r = measureFidelity(model, layers, weights, **samples, fo);
        QVERIFY2(r.ok(), r.ok() ? "" : r.error().c_str());
        QCOMPARE(r->outputs[0].positions, int64_t{300});
        QCOMPARE(r->outputs[0].top1Agreement, static_cast<double>(equal) / 300.0);
        QVERIFY(equal < 300); // 4 bits changes some predictions: the comparison says something
        // Labels come along with a test set: accuracy beside the fidelity, as evaluate() gives it.
        QVERIFY(r->top1.has_value() && r->fp32Top1.has_value());
        QCOMPARE(*r->fp32Top1, a->top1);
        QCOMPARE(*r->top1, b->top1);
    }
};

QTEST_GUILESS_MAIN(TestFidelity)
#include "test_fidelity.moc"

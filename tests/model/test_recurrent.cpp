// RNN, GRU and LSTM on what the conformance data leave out: bidirectional runs with
// sequence_lens, GRU's linear_before_reset, LSTM peepholes with input_forget, clip. The cases use
// one hidden unit and piecewise-linear activations (Affine, HardSigmoid) so that every expected
// value is derived by hand in the comments, exactly in binary fractions.
#include <model/engine/operator.h>

#include <QTest>

using namespace bitlens;

namespace {

Tensor floats(std::vector<int64_t> dims, std::vector<float> values)
{
    Tensor t;
    t.dims = std::move(dims);
    t.floats.assign(values.begin(), values.end());
    return t;
}

Attribute intAttr(std::string name, int64_t v)
{
    Attribute a;
    a.name = std::move(name);
    a.kind = Attribute::Kind::Int;
    a.i = v;
    return a;
}

Attribute floatAttr(std::string name, double v)
{
    Attribute a;
    a.name = std::move(name);
    a.kind = Attribute::Kind::Float;
    a.f = v;
    return a;
}

Attribute floatsAttr(std::string name, std::vector<double> v)
{
    Attribute a;
    a.name = std::move(name);
    a.kind = Attribute::Kind::Floats;
    a.floats = std::move(v);
    return a;
}

Attribute stringAttr(std::string name, std::string s)
{
    Attribute a;
    a.name = std::move(name);
    a.kind = Attribute::Kind::String;
    a.s = std::move(s);
    return a;
}

Attribute stringsAttr(std::string name, std::vector<std::string> s)
{
    Attribute a;
    a.name = std::move(name);
    a.kind = Attribute::Kind::Strings;
    a.strings = std::move(s);
    return a;
}

// Runs one node; inputs may hold nulls for omitted optional inputs. Fails the test on an error.
std::vector<Tensor> run(const std::string& op, std::vector<Attribute> attributes,
                        std::vector<const Tensor*> inputs, size_t outputs)
{
    Node node;
    node.opType = op;
    node.attributes = std::move(attributes);
    const engine::OperatorInfo* info = engine::findOperator(op);
    if (!info) return {};
    auto made = info->make(node, 14);
    if (!made) {
        qWarning("%s", made.error().c_str());
        return {};
    }
    std::vector<Tensor> out(outputs);
    if (engine::Status st = (*made)->run(inputs, out); !st.empty()) {
        qWarning("%s", st.c_str());
        return {};
    }
    return out;
}

std::vector<float> values(const Tensor& t)
{
    return {t.floats.begin(), t.floats.end()};
}

} // namespace

class TestRecurrent : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // h = x + 0.5 h (W = 1, R = 0.5, identity activation). Batch 0 has length 3 (x = 1, 2, 3),
    // batch 1 length 2 (x = 4, 5, then padding that must be ignored).
    // Forward:  b0 1, 2.5, 4.25;  b1 4, 7, (Y 0).
    // Backward starts at each entry's own last step: b0 t2 3, t1 2 + 1.5 = 3.5, t0 1 + 1.75 = 2.75;
    //           b1 t1 5, t0 4 + 2.5 = 6.5.
    void rnnBidirectionalSequenceLengths()
    {
        const Tensor x = floats({3, 2, 1}, {1, 4, 2, 5, 3, 99});
        const Tensor w = floats({2, 1, 1}, {1, 1}), r = floats({2, 1, 1}, {0.5f, 0.5f});
        Tensor lengths;
        lengths.type = DataType::Int32;
        lengths.dims = {2};
        lengths.ints = {3, 2};
        const auto out =
            run("RNN",
                {stringAttr("direction", "bidirectional"), stringsAttr("activations", {"Affine", "Affine"}),
                 floatsAttr("activation_alpha", {1, 1}), floatsAttr("activation_beta", {0, 0})},
                {&x, &w, &r, nullptr, &lengths}, 2);
        QCOMPARE(out.size(), size_t(2));
        // Y [seq, dirs, batch, 1].
        QCOMPARE(values(out[0]), (std::vector<float>{1, 4, 2.75f, 6.5f, 2.5f, 7, 3.5f, 5, 4.25f, 0, 3, 0}));
        QCOMPARE(values(out[1]), (std::vector<float>{4.25f, 7, 2.75f, 6.5f}));
    }

    // clip bounds the activation's input: x = 2 with W = 1 gives 0.5 under clip 0.5.
    void rnnClip()
    {
        const Tensor x = floats({1, 1, 1}, {2}), w = floats({1, 1, 1}, {1}), r = floats({1, 1, 1}, {0});
        const auto out =
            run("RNN", {floatAttr("clip", 0.5), stringsAttr("activations", {"Relu"})}, {&x, &w, &r}, 2);
        QCOMPARE(out.size(), size_t(2));
        QCOMPARE(values(out[1]), std::vector<float>{0.5f});
    }

    // One step from h0 = 1, x = 1; f = HardSigmoid (0.2 v + 0.5), g = identity. W = (z 0, r 0, h 1),
    // R = (0, 0, 2), Rbh = 1, so z = r = 0.5.
    // linear_before_reset 0: h~ = 1 + (0.5 * 1) * 2 + 1 = 3,      H = 0.5 * 3 + 0.5 * 1 = 2.
    // linear_before_reset 1: h~ = 1 + 0.5 * (1 * 2 + 1) = 2.5,    H = 0.5 * 2.5 + 0.5 = 1.75.
    void gruLinearBeforeReset_data()
    {
        QTest::addColumn<int>("linearBeforeReset");
        QTest::addColumn<float>("expected");
        QTest::newRow("after reset") << 0 << 2.0f;
        QTest::newRow("before reset") << 1 << 1.75f;
    }
    void gruLinearBeforeReset()
    {
        QFETCH(int, linearBeforeReset);
        QFETCH(float, expected);
        const Tensor x = floats({1, 1, 1}, {1}), w = floats({1, 3, 1}, {0, 0, 1}),
                     r = floats({1, 3, 1}, {0, 0, 2});
        const Tensor b = floats({1, 6}, {0, 0, 0, 0, 0, 1}), h0 = floats({1, 1, 1}, {1});
        const auto out = run("GRU",
                             {intAttr("linear_before_reset", linearBeforeReset),
                              stringsAttr("activations", {"HardSigmoid", "Affine"})},
                             {&x, &w, &r, &b, nullptr, &h0}, 2);
        QCOMPARE(out.size(), size_t(2));
        QCOMPARE(values(out[1]), std::vector<float>{expected});
    }

    // One step, x = 0.5, c0 = 1, h0 = 0; W = 1 for every gate, R = 0, P = (i 1, o 1, f 1);
    // f = HardSigmoid(0.25 v + 0.5), g = h = identity.
    //   i = hs(0.5 + 1 * c0) = 0.875, c~ = 0.5
    //   input_forget 0: f = hs(0.5 + 1) = 0.875, C = 0.875 + 0.4375 = 1.3125,
    //                   o = hs(0.5 + C) = 0.953125, H = o * C = 1.2509765625
    //   input_forget 1: f = 1 - i = 0.125, C = 0.125 + 0.4375 = 0.5625,
    //                   o = hs(0.5 + C) = 0.765625, H = 0.4306640625
    void lstmPeepholesInputForget_data()
    {
        QTest::addColumn<int>("inputForget");
        QTest::addColumn<float>("h");
        QTest::addColumn<float>("c");
        QTest::newRow("separate forget gate") << 0 << 1.2509765625f << 1.3125f;
        QTest::newRow("coupled forget gate") << 1 << 0.4306640625f << 0.5625f;
    }
    void lstmPeepholesInputForget()
    {
        QFETCH(int, inputForget);
        QFETCH(float, h);
        QFETCH(float, c);
        const Tensor x = floats({1, 1, 1}, {0.5f}), w = floats({1, 4, 1}, {1, 1, 1, 1}),
                     r = floats({1, 4, 1}, {0, 0, 0, 0});
        const Tensor c0 = floats({1, 1, 1}, {1}), p = floats({1, 3}, {1, 1, 1});
        const auto out =
            run("LSTM",
                {intAttr("input_forget", inputForget),
                 stringsAttr("activations", {"HardSigmoid", "Affine", "Affine"}),
                 floatsAttr("activation_alpha", {0.25, 1, 1}), floatsAttr("activation_beta", {0.5, 0, 0})},
                {&x, &w, &r, nullptr, nullptr, nullptr, &c0, &p}, 3);
        QCOMPARE(out.size(), size_t(3));
        QCOMPARE(values(out[1]), std::vector<float>{h});
        QCOMPARE(values(out[2]), std::vector<float>{c});
    }

    // Attribute errors are caught when the session is built, quoting the value.
    void badAttributes()
    {
        Node node;
        node.opType = "LSTM";
        node.attributes = {stringAttr("direction", "sideways")};
        auto made = engine::findOperator("LSTM")->make(node, 14);
        QVERIFY(!made);
        QVERIFY(made.error().find("'sideways' is not supported") != std::string::npos);
        node.attributes = {stringsAttr("activations", {"Swish", "Tanh", "Tanh"})};
        made = engine::findOperator("LSTM")->make(node, 14);
        QVERIFY(!made);
        QVERIFY(made.error().find("'Swish' is not supported") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestRecurrent)
#include "test_recurrent.moc"

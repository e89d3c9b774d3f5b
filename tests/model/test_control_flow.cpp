// If, Loop and Scan on small graphs (tools/make_control_flow_cases.py) whose results are derived
// by hand in the comments; nested subgraphs reading values two scopes up; constants inside a
// branch overridden like any weight; graphs out of order sorted at load and a cycle refused.
// The conformance suite runs ONNX's own If/Loop/Scan cases besides these.
#include <model/engine/session.h>
#include <model/onnx_loader.h>
#include <model/onnx_writer.h>

#include <QTemporaryDir>
#include <QTest>

using namespace bitlens;
using engine::Session;

namespace {

std::string casePath(const char* name)
{
    return std::string(BITLENS_TEST_DATA) + "/control_flow/" + name;
}

Tensor floats(std::vector<int64_t> dims, std::vector<float> values)
{
    Tensor t;
    t.dims = std::move(dims);
    t.floats.assign(values.begin(), values.end());
    return t;
}

Tensor scalar(DataType type, int64_t value)
{
    Tensor t;
    t.type = type;
    t.ints = {value};
    return t;
}

std::vector<float> values(const Tensor& t)
{
    return {t.floats.begin(), t.floats.end()};
}

} // namespace

class TestControlFlow : public QObject
{
    Q_OBJECT

    std::unique_ptr<Session> open(const char* name)
    {
        auto model = loadOnnxModel(casePath(name));
        if (!model) {
            qWarning("%s", model.error().c_str());
            return nullptr;
        }
        auto session = Session::create(std::make_shared<const Model>(std::move(*model)));
        if (!session) {
            qWarning("%s", session.error().c_str());
            return nullptr;
        }
        return std::move(*session);
    }

    std::vector<Tensor> run(const Session& s, const std::vector<Tensor>& inputs)
    {
        auto out = s.run(inputs);
        if (!out) {
            qWarning("%s", out.error().c_str());
            return {};
        }
        return std::move(*out);
    }

private Q_SLOTS:
    void loaderReadsSubgraphs()
    {
        auto model = loadOnnxModel(casePath("if_conv.onnx"));
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().c_str());
        const Node& node = model->nodes.at(0);
        // The else branch reads `k` from the main graph; the branches' own W_* are theirs.
        QCOMPARE(node.outerScopeReads, (std::vector<std::string>{"k", "x"}));
        const Attribute* then = node.attribute("then_branch");
        QVERIFY(then && then->graph);
        QCOMPARE(then->graph->path, std::string("If_0 / then_branch"));
        QVERIFY(then->graph->constants.count("W_then"));
        QVERIFY(!model->constants.count("W_then"));
    }

    void ifRunsTheChosenBranch()
    {
        auto s = open("if_conv.onnx");
        QVERIFY(s);
        const Tensor x = floats({1, 1, 2, 2}, {1, 2, 3, 4});
        // then: 1x1 Conv with W = [1, -2] -> channel 0 = x, channel 1 = -2x.
        auto y = run(*s, {scalar(DataType::Bool, 1), x});
        QCOMPARE(y.size(), size_t{1});
        QCOMPARE(y[0].dims, (std::vector<int64_t>{1, 2, 2, 2}));
        QCOMPARE(values(y[0]), (std::vector<float>{1, 2, 3, 4, -2, -4, -6, -8}));
        // else: W = [0.5, 3], then times the outer k = 10 -> 5x and 30x.
        y = run(*s, {scalar(DataType::Bool, 0), x});
        QCOMPARE(values(y[0]), (std::vector<float>{5, 10, 15, 20, 30, 60, 90, 120}));
    }

    void constantsInsideBranchesAreOverridden()
    {
        auto s = open("if_conv.onnx");
        QVERIFY(s);
        QVERIFY(s->hasConstant("W_then"));
        QVERIFY(s->hasConstant("W_else"));
        QVERIFY(!s->hasConstant("W_none"));
        auto ok = s->overrideConstant("W_then", std::make_shared<const Tensor>(floats({2, 1, 1, 1}, {3, 0})));
        QVERIFY2(ok.ok(), ok.ok() ? "" : ok.error().c_str());
        auto y = run(*s, {scalar(DataType::Bool, 1), floats({1, 1, 2, 2}, {1, 2, 3, 4})});
        QCOMPARE(values(y[0]), (std::vector<float>{3, 6, 9, 12, 0, 0, 0, 0}));
        // Dims are checked inside the branch as for a main-graph constant.
        QVERIFY(!s->overrideConstant("W_else", std::make_shared<const Tensor>(floats({1}, {1}))).ok());
        QVERIFY(!s->overrideConstant("W_none", std::make_shared<const Tensor>(floats({1}, {1}))).ok());
    }

    void loopWithTripCount()
    {
        auto s = open("loop_sum.onnx");
        QVERIFY(s);
        // s starts at x and adds x * iter: after iterations 0..3 it is x, 2x, 4x, 7x.
        auto y = run(*s, {scalar(DataType::Int64, 4), floats({2}, {1, -0.5f})});
        QCOMPARE(y.size(), size_t{2});
        QCOMPARE(values(y[0]), (std::vector<float>{7, -3.5f}));
        QCOMPARE(y[1].dims, (std::vector<int64_t>{4, 2}));
        QCOMPARE(values(y[1]), (std::vector<float>{1, -0.5f, 2, -1, 4, -2, 7, -3.5f}));
        // Zero iterations: the carried value is the initial one, the scan output empty.
        y = run(*s, {scalar(DataType::Int64, 0), floats({2}, {1, -0.5f})});
        QCOMPARE(values(y[0]), (std::vector<float>{1, -0.5f}));
        QCOMPARE(y[1].dims, (std::vector<int64_t>{0, 2}));
    }

    void loopUntilConditionFails()
    {
        auto s = open("loop_cond.onnx");
        QVERIFY(s);
        // cond_out = iter < 2: iterations 0, 1 and 2 run (the last one sets it false) -> x, 2x, 4x.
        auto y = run(*s, {floats({2}, {2, 3})});
        QCOMPARE(values(y[0]), (std::vector<float>{8, 12}));
        QCOMPARE(y[1].dims, (std::vector<int64_t>{3, 2}));
    }

    void scanReversedWithOutputAxis()
    {
        auto s = open("scan_reverse.onnx");
        QVERIFY(s);
        // Rows taken last first: [5,6], then +[3,4] = [8,10], then +[1,2] = [9,12]; the scan output
        // stacks the states along axis 1: [[5,8,9],[6,10,12]].
        auto y = run(*s, {floats({2}, {0, 0}), floats({3, 2}, {1, 2, 3, 4, 5, 6})});
        QCOMPARE(values(y[0]), (std::vector<float>{9, 12}));
        QCOMPARE(y[1].dims, (std::vector<int64_t>{2, 3}));
        QCOMPARE(values(y[1]), (std::vector<float>{5, 8, 9, 6, 10, 12}));
    }

    void scanOpset8Batched()
    {
        auto s = open("scan8.onnx");
        QVERIFY(s);
        // Batch 0 from [0,0] over [1,2],[3,4],[5,6]: [1,2],[4,6],[9,12]. Batch 1 from [10,10] over
        // [1,1],[1,1],[1,1]: [11,11],[12,12],[13,13].
        auto y = run(*s, {floats({2, 2}, {0, 0, 10, 10}), floats({2, 3, 2}, {1, 2, 3, 4, 5, 6, 1, 1, 1, 1, 1, 1})});
        QCOMPARE(values(y[0]), (std::vector<float>{9, 12, 13, 13}));
        QCOMPARE(y[1].dims, (std::vector<int64_t>{2, 3, 2}));
        QCOMPARE(values(y[1]), (std::vector<float>{1, 2, 4, 6, 9, 12, 11, 11, 12, 12, 13, 13}));
    }

    void nestedSubgraphsReadTwoScopesUp()
    {
        auto s = open("nested.onnx");
        QVERIFY(s);
        // Five iterations from s0 = 1, a = 10: even iterations subtract c = 2, odd ones add a:
        // 1 - 2 + 10 - 2 + 10 - 2 = 15.
        auto y = run(*s, {floats({1}, {1}), floats({1}, {10})});
        QCOMPARE(values(y[0]), (std::vector<float>{15}));
        // The If's own constant, two levels down, is still overridable by name.
        QVERIFY(s->overrideConstant("c", std::make_shared<const Tensor>(floats({1}, {0}))).ok());
        y = run(*s, {floats({1}, {1}), floats({1}, {10})});
        QCOMPARE(values(y[0]), (std::vector<float>{21}));
    }

    void outOfOrderGraphIsSorted()
    {
        auto model = loadOnnxModel(casePath("unsorted.onnx"));
        QVERIFY2(model.ok(), model.ok() ? "" : model.error().c_str());
        QCOMPARE(model->nodes.at(0).name, std::string("Mul_0"));
        QCOMPARE(model->nodes.at(2).name, std::string("Sub_2"));
        auto s = open("unsorted.onnx");
        QVERIFY(s);
        auto y = run(*s, {floats({3}, {-1, 0.5f, 2})}); // Relu(2x) - 1
        QCOMPARE(values(y[0]), (std::vector<float>{-1, 0, 3}));
        // An export writes the nodes sorted, so ONNX's checker (which the file fails) accepts it.
        QVERIFY(!checkOnnxFile(casePath("unsorted.onnx")).ok());
        QTemporaryDir dir;
        const std::string out = dir.filePath(QStringLiteral("sorted.onnx")).toStdString();
        QVERIFY(writeModelWithConstants(*model, OnnxWriteOptions{}, out).ok());
        auto checked = checkOnnxFile(out);
        QVERIFY2(checked.ok(), checked.ok() ? "" : checked.error().c_str());
    }

    void cycleIsRefusedNamingANodeOnIt()
    {
        auto model = loadOnnxModel(casePath("cycle.onnx"));
        QVERIFY(!model.ok());
        const std::string& e = model.error();
        QVERIFY2(e.find("cycle.onnx") != std::string::npos, e.c_str());
        QVERIFY2(e.find("cycle") != std::string::npos, e.c_str());
        QVERIFY2(e.find("'Add_a'") != std::string::npos || e.find("'Relu_b'") != std::string::npos, e.c_str());
        QVERIFY2(e.find("'Out'") == std::string::npos, e.c_str()); // downstream of the cycle, not on it
    }

    void badLoopInputsAreErrors()
    {
        auto s = open("loop_sum.onnx");
        QVERIFY(s);
        // A trip count that is not one integer is an error naming the node, not a crash.
        Tensor m;
        m.type = DataType::Int64;
        m.dims = {2};
        m.ints = {1, 2};
        auto y = s->run({m, floats({2}, {1, 1})});
        QVERIFY(!y.ok());
        QVERIFY2(y.error().find("Loop_0") != std::string::npos, y.error().c_str());
    }
};

QTEST_GUILESS_MAIN(TestControlFlow)
#include "test_control_flow.moc"

// The quantized-integer operators where Debian's ONNX 1.12 conformance data do not reach: ties
// (round half to even before the zero point is added), saturation of infinities and NaN, blocked
// scales (opset 21), output_dtype, int32 wrap-around of the accumulator, zero points per row and
// per column, per-channel QLinearConv scales with a bias. Every expected value is derived by hand
// in the comment above it.
#include <model/engine/operator.h>
#include <model/ops/common.h>

#include <QTest>

#include <cmath>
#include <limits>

using namespace bitlens;

namespace {

Tensor ints(DataType type, std::vector<int64_t> dims, std::vector<int64_t> values)
{
    Tensor t;
    t.type = type;
    t.dims = std::move(dims);
    t.ints = std::move(values);
    return t;
}

Tensor floats(std::vector<int64_t> dims, std::vector<float> values, DataType type = DataType::Float)
{
    Tensor t;
    t.type = type;
    t.dims = std::move(dims);
    t.floats.assign(values.begin(), values.end());
    return t;
}

Node node(const std::string& op, std::vector<Attribute> attributes = {})
{
    Node n;
    n.opType = op;
    n.attributes = std::move(attributes);
    return n;
}

Attribute intAttribute(const std::string& name, int64_t v)
{
    Attribute a;
    a.name = name;
    a.kind = Attribute::Kind::Int;
    a.i = v;
    return a;
}

// Runs `n` at `opset` on `inputs` (null: omitted); the error message, or empty and `out` set.
std::string run(const Node& n, int64_t opset, std::vector<const Tensor*> inputs, std::vector<Tensor>& out,
                size_t outputs = 1)
{
    const engine::OperatorInfo* info = engine::findOperator(n.opType);
    if (!info)
        return "not registered";
    auto op = info->make(n, opset);
    if (!op)
        return op.error();
    out.assign(outputs, Tensor{});
    try { // what the session catches and reports with the node's name
        return (*op)->run(inputs, out);
    } catch (const engine::TensorTooLarge&) {
        return "tensor too large";
    } catch (const engine::WorkTooLarge&) {
        return "too much work";
    }
}

} // namespace

class TestQuantizedOps : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void quantizeRoundsTiesToEvenBeforeTheZeroPoint()
    {
        // x / 2 = 0.5, 1.5, 2.5, -2.5, 51 round to 0, 2, 2, -2, 51; + 153 gives 153, 155, 155,
        // 151, 204 (rounding 153.5 etc. after adding the zero point would give 154, 154, 156, 150).
        const Tensor x = floats({5}, {1, 3, 5, -5, 102});
        const Tensor scale = floats({}, {2});
        const Tensor zero = ints(DataType::UInt8, {}, {153});
        std::vector<Tensor> out;
        QCOMPARE(run(node("QuantizeLinear"), 13, {&x, &scale, &zero}, out), std::string());
        QCOMPARE(out[0].type, DataType::UInt8);
        QCOMPARE(out[0].ints, (std::vector<int64_t>{153, 155, 155, 151, 204}));
    }

    void quantizeSaturates()
    {
        // int8, zero point -1: 300 -> 127, -300 -> -128, 1e30 and inf -> 127, -inf -> -128, NaN ->
        // the low end (-128), -127.5 rounds to -128, - 1 = -129 -> -128.
        const float inf = std::numeric_limits<float>::infinity();
        const Tensor x = floats({7}, {300, -300, 1e30f, inf, -inf, std::numeric_limits<float>::quiet_NaN(), -127.5f});
        const Tensor scale = floats({}, {1});
        const Tensor zero = ints(DataType::Int8, {}, {-1});
        std::vector<Tensor> out;
        QCOMPARE(run(node("QuantizeLinear"), 13, {&x, &scale, &zero}, out), std::string());
        QCOMPARE(out[0].ints, (std::vector<int64_t>{127, -128, 127, 127, -128, -128, -128}));
    }

    void quantizeBlocked()
    {
        // x [2, 5], axis 1, block 2: scales [2, 3] (ceil(5 / 2) = 3 per row). Row 0 / {1, 1, 2, 2, 4}
        // = 1, 2, 1.5, 2, 1.25 -> 1, 2, 2, 2, 1; row 1 / 10 = 1..5. No zero point, output_dtype
        // int8 (3): int8 values.
        const Tensor x = floats({2, 5}, {1, 2, 3, 4, 5, 10, 20, 30, 40, 50});
        const Tensor scale = floats({2, 3}, {1, 2, 4, 10, 10, 10});
        std::vector<Tensor> out;
        const Node n = node("QuantizeLinear", {intAttribute("block_size", 2), intAttribute("output_dtype", 3)});
        QCOMPARE(run(n, 21, {&x, &scale, nullptr}, out), std::string());
        QCOMPARE(out[0].type, DataType::Int8);
        QCOMPARE(out[0].ints, (std::vector<int64_t>{1, 2, 2, 2, 1, 1, 2, 3, 4, 5}));
        // A scale of [2, 2] does not cover 5 columns in blocks of 2.
        const Tensor wrong = floats({2, 2}, {1, 1, 1, 1});
        const std::string error = run(n, 21, {&x, &wrong, nullptr}, out);
        QVERIFY2(error.find("[2, 3]") != std::string::npos || error.find("[2,3]") != std::string::npos, error.c_str());
    }

    void dequantizeBlockedKeepsTheScaleType()
    {
        // x [4] uint8 {10, 20, 30, 40}, axis 0, block 3: scales [2] = {0.5, 2}, zero points {10, 20}:
        // (10 - 10) * 0.5, (20 - 10) * 0.5, (30 - 10) * 0.5, (40 - 20) * 2 = 0, 5, 10, 40, float16.
        const Tensor x = ints(DataType::UInt8, {4}, {10, 20, 30, 40});
        const Tensor scale = floats({2}, {0.5f, 2}, DataType::Float16);
        const Tensor zero = ints(DataType::UInt8, {2}, {10, 20});
        std::vector<Tensor> out;
        const Node n = node("DequantizeLinear", {intAttribute("axis", 0), intAttribute("block_size", 3)});
        QCOMPARE(run(n, 21, {&x, &scale, &zero}, out), std::string());
        QCOMPARE(out[0].type, DataType::Float16);
        QCOMPARE(std::vector<float>(out[0].floats.begin(), out[0].floats.end()), (std::vector<float>{0, 5, 10, 40}));
    }

    void unsupportedTypesAreRefused()
    {
        std::vector<Tensor> out;
        // output_dtype 17 is float8e4m3fn, 22 int4; 1 (float) is not a quantized type.
        for (int64_t dtype : {17, 22, 1}) {
            const std::string error = run(node("QuantizeLinear", {intAttribute("output_dtype", dtype)}), 21, {}, out);
            QVERIFY2(error.find("output_dtype " + std::to_string(dtype)) != std::string::npos, error.c_str());
        }
        QVERIFY(run(node("QuantizeLinear", {intAttribute("output_dtype", 17)}), 21, {}, out).find("not supported") !=
                std::string::npos);
        // int16 outputs need opset 21.
        const Tensor x = floats({1}, {1});
        const Tensor scale = floats({}, {1});
        const Tensor zero = ints(DataType::Int16, {}, {0});
        QVERIFY(!run(node("QuantizeLinear"), 19, {&x, &scale, &zero}, out).empty());
        QCOMPARE(run(node("QuantizeLinear"), 21, {&x, &scale, &zero}, out), std::string());
    }

    void dynamicQuantizeOfZeros()
    {
        // All zeros: the range [0, 0] is empty, so the scale is 1 (not 0 / 255), the zero point 0.
        const Tensor x = floats({3}, {0, 0, 0});
        std::vector<Tensor> out;
        QCOMPARE(run(node("DynamicQuantizeLinear"), 11, {&x}, out, 3), std::string());
        QCOMPARE(out[0].ints, (std::vector<int64_t>{0, 0, 0}));
        QCOMPARE(out[1].floats[0], 1.0f);
        QCOMPARE(out[2].ints, (std::vector<int64_t>{0}));
    }

    void matMulIntegerWrapsTheAccumulatorTo32Bits()
    {
        // 33,026 products of 255 * 255 = 65,025 sum to 2,147,515,650, over INT32_MAX: an int32
        // accumulator wraps it to 2,147,515,650 - 2^32 = -2,147,451,646.
        const int64_t k = 33026;
        const Tensor a = ints(DataType::UInt8, {1, k}, std::vector<int64_t>(k, 255));
        const Tensor b = ints(DataType::UInt8, {k, 1}, std::vector<int64_t>(k, 255));
        std::vector<Tensor> out;
        QCOMPARE(run(node("MatMulInteger"), 10, {&a, &b}, out), std::string());
        QCOMPARE(out[0].type, DataType::Int32);
        QCOMPARE(out[0].ints, (std::vector<int64_t>{-2147451646}));
    }

    void matMulIntegerZeroPointsPerRowAndColumn()
    {
        // A - {10, 30} per row = [[0, 10], [0, 10]]; B - {1, 2} per column = [[0, 1], [2, 0]]:
        // A' B' = [[20, 0], [20, 0]].
        const Tensor a = ints(DataType::UInt8, {2, 2}, {10, 20, 30, 40});
        const Tensor b = ints(DataType::Int8, {2, 2}, {1, 3, 3, 2});
        const Tensor az = ints(DataType::UInt8, {2}, {10, 30});
        const Tensor bz = ints(DataType::Int8, {2}, {1, 2});
        std::vector<Tensor> out;
        QCOMPARE(run(node("MatMulInteger"), 10, {&a, &b, &az, &bz}, out), std::string());
        QCOMPARE(out[0].ints, (std::vector<int64_t>{20, 0, 20, 0}));
    }

    void qlinearConvPerChannelWithBias()
    {
        // x = {1, 2, 3, 4} (1x1x2x2), w = {1, 1} (2 output channels, 1x1), x scale 1, w scales
        // {1, 0.5}, y scale 1, bias {10, 0}: channel 0 = 11..14; channel 1 = 0.5, 1, 1.5, 2 ->
        // 0, 1, 2, 2 (ties to even); y zero point 100 added after rounding: 100, 101, 102, 102.
        const Tensor x = ints(DataType::UInt8, {1, 1, 2, 2}, {1, 2, 3, 4});
        const Tensor xs = floats({}, {1}), ws = floats({2}, {1, 0.5f}), ys = floats({}, {1});
        const Tensor xz = ints(DataType::UInt8, {}, {0});
        const Tensor w = ints(DataType::Int8, {2, 1, 1, 1}, {1, 1});
        const Tensor wz = ints(DataType::Int8, {2}, {0, 0});
        const Tensor yz = ints(DataType::UInt8, {}, {100});
        const Tensor bias = ints(DataType::Int32, {2}, {10, 0});
        std::vector<Tensor> out;
        QCOMPARE(run(node("QLinearConv"), 10, {&x, &xs, &xz, &w, &ws, &wz, &ys, &yz, &bias}, out), std::string());
        QCOMPARE(out[0].dims, (std::vector<int64_t>{1, 2, 2, 2}));
        QCOMPARE(out[0].ints, (std::vector<int64_t>{111, 112, 113, 114, 100, 101, 102, 102}));
    }

    // Hostile combinations (wrong types, shapes and counts of inputs, attributes at the edges,
    // every opset): each run returns, with a message or a result; under the ASan + UBSan preset
    // this also checks that nothing is read out of bounds.
    void hostileInputsReturn()
    {
        const float nan = std::numeric_limits<float>::quiet_NaN();
        const std::vector<Tensor> pool{floats({}, {1}),
                                       floats({3}, {0.5f, -1, nan}),
                                       floats({2, 3}, {1, 2, 3, 4, 5, 6}),
                                       floats({}, {0}),
                                       floats({2}, {1, 2}, DataType::Float16),
                                       ints(DataType::UInt8, {}, {128}),
                                       ints(DataType::UInt8, {3}, {1, 2, 3}),
                                       ints(DataType::UInt8, {2, 3}, {0, 255, 7, 1, 2, 3}),
                                       ints(DataType::UInt8, {1, 1, 3, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9}),
                                       ints(DataType::UInt8, {0}, {}),
                                       ints(DataType::Int8, {2, 1, 2, 2}, {-128, 127, 0, 1, 2, 3, 4, 5}),
                                       ints(DataType::Int32, {3}, {1 << 30, -1, 5}),
                                       ints(DataType::Int64, {2}, {1, -1}),
                                       ints(DataType::UInt8, {2, 3, 0}, {}),
                                       ints(DataType::Int8, {2}, {300, -300}),
                                       ints(DataType::UInt16, {3}, {1, 2, 3})};
        const std::vector<std::vector<Attribute>> attributes{
            {},
            {intAttribute("axis", -1)},
            {intAttribute("axis", std::numeric_limits<int64_t>::min())},
            {intAttribute("axis", 0), intAttribute("block_size", 2)},
            {intAttribute("block_size", std::numeric_limits<int64_t>::max())},
            {intAttribute("output_dtype", 4)},
            {intAttribute("group", 2)},
            {intAttribute("group", 3)}};
        uint32_t state = 12345; // a fixed linear congruential sequence: the same runs every time
        auto next = [&](uint32_t n) {
            state = state * 1664525u + 1013904223u;
            return (state >> 8) % n;
        };
        int succeeded = 0;
        for (const char* op : {"QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear", "MatMulInteger",
                               "QLinearMatMul", "ConvInteger", "QLinearConv"})
            for (int64_t opset : {7, 10, 13, 19, 21})
                for (const auto& attrs : attributes)
                    for (int trial = 0; trial < 40; ++trial) {
                        std::vector<const Tensor*> inputs(next(10));
                        for (const Tensor*& t : inputs)
                            t = next(8) == 0 ? nullptr : &pool[next(static_cast<uint32_t>(pool.size()))];
                        std::vector<Tensor> out;
                        succeeded += run(node(op, attrs), opset, inputs, out, 1 + next(3)).empty();
                    }
        qInfo("%d of the runs succeeded", succeeded);
        QVERIFY(succeeded > 0);
    }
};

QTEST_GUILESS_MAIN(TestQuantizedOps)
#include "test_quantized_ops.moc"

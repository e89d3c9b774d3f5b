// QuantizeLinear, DequantizeLinear and DynamicQuantizeLinear: linear quantization between float
// and 8- or 16-bit integers, sharing how a scale and zero point apply to each element.
//   QuantizeLinear:   y = saturate(round(x / y_scale) + y_zero_point), round to nearest, ties to
//                     even; x / y_scale in float32. Output type: y_zero_point's, else output_dtype,
//                     else uint8.
//   DequantizeLinear: y = (x - x_zero_point) * x_scale in float32; the output has x_scale's type.
//   DynamicQuantizeLinear (11): y_scale = (max(0, max x) - min(0, min x)) / 255 (1 when that range
//                     is empty: all of x is 0), y_zero_point = round(saturate(0 - min / y_scale)),
//                     y = QuantizeLinear(x, y_scale, y_zero_point) to uint8.
// Scale and zero point: one for the tensor (opset 10); or 1-D along `axis` (13); or, with
// block_size (21), shaped like x except ceil(x.dims[axis] / block_size) along `axis`, each value
// for block_size consecutive indices there ("blocked").
// Versions: 10 per tensor, x int8/uint8 (Dequantize also int32); 13 per axis; 19 float16 and
// bfloat16 x and scales (Quantize also int32 scales), float8 outputs and `saturate` (which only
// float8 uses); 21 block_size, int16/uint16 (and int4/uint4), QuantizeLinear's output_dtype.
// BitLens has no float8 or 4-bit types: they are refused as not supported.
#include "common.h"
#include "quantization.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

// Which scale and zero point each element of x uses. x is viewed as [outer, len, inner] around the
// quantization axis; per tensor it is [count, 1, 1].
struct QuantLayout
{
    enum class Kind { PerTensor, PerAxis, Blocked };
    Kind kind = Kind::PerTensor;
    int64_t outer = 1, len = 1, inner = 1;
    int64_t blockSize = 1, blocks = 1; // blocked: blocks = ceil(len / blockSize) scales along the axis

    // Checks the scale's (and zero point's) shape against x's for `axis` and `blockSize` (0: not
    // blocked); `opset` below 13 allows only per-tensor scales.
    static Result<QuantLayout> make(const std::vector<int64_t>& x, const Tensor& scale, const Tensor* zero,
                                    int64_t axis, int64_t blockSize, int64_t opset)
    {
        QuantLayout q;
        const int64_t count = scale.elementCount();
        if (zero && zero->dims != scale.dims && !(zero->elementCount() == 1 && count == 1))
            return fail("the zero point " + dimsText(zero->dims) + " and the scale " + dimsText(scale.dims) +
                        " differ in shape");
        if (blockSize == 0 && count == 1) {
            q.outer = elementCount(x);
            return q;
        }
        const auto a = normalizeAxis(axis, x.size());
        if (!a)
            return fail("axis " + std::to_string(axis) + " is out of range for x " + dimsText(x) + " and scale " +
                        dimsText(scale.dims));
        q.len = x[static_cast<size_t>(*a)];
        for (int d = 0; d < *a; ++d)
            q.outer *= x[static_cast<size_t>(d)];
        if (elementCount(x) == 0)
            q.outer = 0; // nothing to visit; the dims after the axis may multiply past int64
        else
            for (size_t d = static_cast<size_t>(*a) + 1; d < x.size(); ++d)
                q.inner *= x[d];
        if (blockSize == 0) {
            if (opset < 13)
                return fail("a scale of " + dimsText(scale.dims) + " (per axis) needs opset 13");
            if (scale.dims.size() != 1 || count != q.len)
                return fail("the scale " + dimsText(scale.dims) + " is neither one value nor one per index of axis " +
                            std::to_string(axis) + " of x " + dimsText(x));
            q.kind = Kind::PerAxis;
            return q;
        }
        // Blocked: x's shape, except ceil(len / blockSize) along the axis.
        q.kind = Kind::Blocked;
        q.blockSize = blockSize;
        q.blocks = q.len / blockSize + (q.len % blockSize != 0);
        std::vector<int64_t> expected = x;
        expected[static_cast<size_t>(*a)] = q.blocks;
        if (scale.dims != expected)
            return fail("a blocked scale for x " + dimsText(x) + ", axis " + std::to_string(axis) + " and block_size " +
                        std::to_string(blockSize) + " must be " + dimsText(expected) + ", not " + dimsText(scale.dims));
        return q;
    }

    // Calls f(i, s) for every element i of x (row-major) with the index s of its scale.
    template <typename F>
    void forEach(F&& f) const
    {
        int64_t i = 0;
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t a = 0; a < len; ++a) {
                int64_t s = 0, step = 0;
                if (kind == Kind::PerAxis)
                    s = a;
                else if (kind == Kind::Blocked)
                    s = (o * blocks + a / blockSize) * inner, step = 1;
                for (int64_t j = 0; j < inner; ++j, ++i)
                    f(i, s + j * step);
            }
    }
};

// y = saturate(round(x / scale) + zero point) into y's integer type, x / scale in float32; the one
// kernel of QuantizeLinear and DynamicQuantizeLinear.
void quantize(const Tensor& x, const Tensor& scale, const Tensor* zero, const QuantLayout& layout, QuantizedRange range,
              Tensor& y)
{
    layout.forEach([&](int64_t i, int64_t s) {
        const auto k = static_cast<size_t>(i), ks = static_cast<size_t>(s);
        const float v = x.isFloat() ? x.floats[k] : static_cast<float>(x.ints[k]);
        const float q = v / scaleValue(scale, ks);
        const int64_t zp = zero ? quantizedValue(*zero, ks) : 0;
        y.ints[k] = roundAndSaturate(q, zp, range);
    });
}

class QuantizeLinearOp : public Operator
{
public:
    QuantizeLinearOp(int64_t axis, int64_t blockSize, DataType outputType, int64_t opset)
        : m_axis(axis), m_blockSize(blockSize), m_outputType(outputType), m_opset(opset)
    {
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects x and y_scale";
        const Tensor& x = *in[0];
        const Tensor& scale = *in[1];
        const Tensor* zero = in.size() > 2 ? in[2] : nullptr;
        if (!x.isFloat() && x.type != DataType::Int32)
            return "x must be a float or int32 tensor, not " + std::string(dataTypeName(x.type));
        if (!scale.isFloat() && scale.type != DataType::Int32)
            return "y_scale must be a float or int32 tensor, not " + std::string(dataTypeName(scale.type));
        DataType type = m_outputType == DataType::Undefined ? DataType::UInt8 : m_outputType;
        if (zero) {
            if (m_outputType != DataType::Undefined && zero->type != m_outputType)
                return "output_dtype " + std::string(dataTypeName(m_outputType)) + " differs from y_zero_point's " +
                       std::string(dataTypeName(zero->type));
            type = zero->type;
        }
        const auto range = quantizedRange(type, m_opset >= 21);
        if (!range)
            return "quantizing to " + std::string(dataTypeName(type)) + " is not supported";
        auto layout = QuantLayout::make(x.dims, scale, zero, m_axis, m_blockSize, m_opset);
        if (!layout)
            return layout.error();
        Tensor y = tensorLike(x, type);
        quantize(x, scale, zero, *layout, *range, y);
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_axis, m_blockSize;
    DataType m_outputType; // Undefined: from the zero point, else uint8
    int64_t m_opset;
};

class DequantizeLinearOp : public Operator
{
public:
    DequantizeLinearOp(int64_t axis, int64_t blockSize, int64_t opset)
        : m_axis(axis), m_blockSize(blockSize), m_opset(opset)
    {
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects x and x_scale";
        const Tensor& x = *in[0];
        const Tensor& scale = *in[1];
        const Tensor* zero = in.size() > 2 ? in[2] : nullptr;
        if (!quantizedRange(x.type, m_opset >= 21) && x.type != DataType::Int32)
            return "dequantizing " + std::string(dataTypeName(x.type)) + " is not supported";
        if (!scale.isFloat())
            return "x_scale must be a float tensor, not " + std::string(dataTypeName(scale.type));
        if (zero && zero->type != x.type)
            return "x_zero_point must have x's type " + std::string(dataTypeName(x.type)) + ", not " +
                   std::string(dataTypeName(zero->type));
        auto layout = QuantLayout::make(x.dims, scale, zero, m_axis, m_blockSize, m_opset);
        if (!layout)
            return layout.error();
        Tensor y = tensorLike(x, scale.type);
        layout->forEach([&](int64_t i, int64_t s) {
            const auto k = static_cast<size_t>(i), ks = static_cast<size_t>(s);
            const int64_t zp = zero ? quantizedValue(*zero, ks) : 0;
            // x - zp is exact in int64 (int32 x included), then rounded once to float32.
            y.floats[k] = static_cast<float>(quantizedValue(x, k) - zp) * scale.floats[ks];
        });
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_axis, m_blockSize, m_opset;
};

class DynamicQuantizeLinearOp : public Operator
{
public:
    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0] || !in[0]->isFloat())
            return "expects a float x";
        const Tensor& x = *in[0];
        constexpr QuantizedRange kUInt8{0, 255};
        // The range always holds 0; NaN values are left out of it.
        float lo = 0.0f, hi = 0.0f;
        for (float v : x.floats) {
            lo = v < lo ? v : lo;
            hi = v > hi ? v : hi;
        }
        Tensor scale = floatTensor({});
        scale.floats[0] = hi == lo ? 1.0f : (hi - lo) / 255.0f; // an empty range would divide by 0
        Tensor zero = intTensor({});
        zero.type = DataType::UInt8;
        zero.ints[0] = roundAndSaturate(0.0f - lo / scale.floats[0], 0, kUInt8);
        QuantLayout perTensor;
        perTensor.outer = x.elementCount();
        Tensor y = tensorLike(x, DataType::UInt8);
        quantize(x, scale, &zero, perTensor, kUInt8, y);
        out[0] = std::move(y);
        if (out.size() > 1)
            out[1] = std::move(scale);
        if (out.size() > 2)
            out[2] = std::move(zero);
        return {};
    }
};

// block_size (opset 21): 0 is not blocked; a negative value is refused once, here.
Result<int64_t> readBlockSize(const Node& node, int64_t opset)
{
    const int64_t blockSize = opset >= 21 ? node.intAttribute("block_size", 0) : 0;
    if (blockSize < 0)
        return fail("block_size " + std::to_string(blockSize) + " must be positive (or 0: not blocked)");
    return blockSize;
}

} // namespace

Result<std::unique_ptr<Operator>> makeQuantizeLinear(const Node& node, int64_t opset)
{
    if (node.opType == "DynamicQuantizeLinear")
        return std::unique_ptr<Operator>(new DynamicQuantizeLinearOp());
    auto blockSize = readBlockSize(node, opset);
    if (!blockSize)
        return Error{blockSize.error()};
    if (node.opType == "DequantizeLinear")
        return std::unique_ptr<Operator>(new DequantizeLinearOp(node.intAttribute("axis", 1), *blockSize, opset));
    // saturate (19) only changes float8 outputs, which BitLens refuses; its value is still checked.
    const int64_t saturate = opset >= 19 ? node.intAttribute("saturate", 1) : 1;
    if (saturate != 0 && saturate != 1)
        return fail("saturate " + std::to_string(saturate) + " must be 0 or 1");
    DataType outputType = DataType::Undefined;
    if (const int64_t dtype = opset >= 21 ? node.intAttribute("output_dtype", 0) : 0; dtype != 0) {
        // TensorProto.DataType numbers: 17..20 are the float8 types, 21/22 uint4/int4, 23 float4e2m1.
        if (dtype >= 17 && dtype <= 20)
            return fail("output_dtype " + std::to_string(dtype) + ": float8 outputs are not supported");
        if (dtype >= 21 && dtype <= 23)
            return fail("output_dtype " + std::to_string(dtype) + ": 4-bit outputs are not supported");
        if (dtype < 0 || dtype > 16 || !quantizedRange(static_cast<DataType>(dtype), true))
            return fail("output_dtype " + std::to_string(dtype) +
                        " is not a quantized type (int8, uint8, int16, uint16)");
        outputType = static_cast<DataType>(dtype);
    }
    return std::unique_ptr<Operator>(new QuantizeLinearOp(node.intAttribute("axis", 1), *blockSize, outputType, opset));
}

Result<Tensor> runQuantizeLinear(std::string_view opType, const Tensor& x, const Tensor& scale, const Tensor* zeroPoint,
                                 int64_t axis, int64_t blockSize, int64_t opset)
{
    Node node;
    node.opType = std::string(opType);
    Attribute a;
    a.name = "axis";
    a.kind = Attribute::Kind::Int;
    a.i = axis;
    node.attributes.push_back(a);
    if (blockSize > 0) {
        a.name = "block_size";
        a.i = blockSize;
        node.attributes.push_back(a);
    }
    auto op = makeQuantizeLinear(node, std::max<int64_t>(opset, 13));
    if (!op)
        return Error{op.error()};
    const Tensor* inputs[] = {&x, &scale, zeroPoint};
    Tensor out;
    Status st;
    try {
        st = (*op)->run(inputs, std::span<Tensor>(&out, 1));
    } catch (...) { // the size and value checks throw; inside a session they would name the node
        st = "the values are over the engine's limits or invalid";
    }
    if (!st.empty())
        return fail(st);
    return out;
}

} // namespace bitlens::engine

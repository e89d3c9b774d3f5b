// MatMulInteger (opset 10) and QLinearMatMul (10; 21 adds float8 inputs, which BitLens does not
// have, and float16/bfloat16 scales): numpy matmul of int8/uint8 tensors after subtracting their
// zero points, accumulated in int32 ("the accumulation may overflow if and only if in 32 bits":
// the exact sum wrapped to 32 bits).
//   MatMulInteger: Y (int32) = (A - a_zero_point) x (B - b_zero_point).
//   QLinearMatMul: y = saturate(round(Y * (a_scale * b_scale / y_scale)) + y_zero_point), ties to
//                  even; the multiplier in float32 and its product with Y in double, as the ONNX
//                  reference computes them; the zero point added after rounding, as the formula says
//                  (the reference adds it first: they differ on ties). y has y_zero_point's type.
// Zero points and scales: one for the tensor; per row of A (M values, or [..., M, 1] with A's batch
// dims) and per column of B (N values, or [..., 1, N] with B's batch dims); y's one for the tensor.
// The product is a double GEMM: |(a - a_zero) * (b - b_zero)| <= 255^2 and K < 2^30, so every
// partial sum is an integer below 2^53, exact in whatever order Eigen adds.
#include "common.h"
#include "quantization.h"
#include "registry.h"

#include <Eigen/Core>

namespace bitlens::engine {
namespace {

using RowMatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// Which value of a zero point or scale applies to a row of A (or a column of B) of one of its
// batch matrices.
struct LineParams
{
    int64_t perBatch = 0, perLine = 0;
    int64_t index(int64_t batch, int64_t line) const { return batch * perBatch + line * perLine; }
};

// `dims`: the operand's dims with a 1-D operand already promoted to 2-D; rows: A's rows, else B's
// columns. Nullopt if `p` has none of the allowed shapes.
std::optional<LineParams> lineParams(const Tensor& p, const std::vector<int64_t>& dims, bool rows)
{
    const size_t r = dims.size();
    const int64_t lines = rows ? dims[r - 2] : dims[r - 1];
    if (p.elementCount() == 1)
        return LineParams{};
    if (p.dims.size() == 1 && p.dims[0] == lines)
        return LineParams{0, 1};
    std::vector<int64_t> perBatch = dims;
    (rows ? perBatch[r - 1] : perBatch[r - 2]) = 1;
    if (p.dims == perBatch)
        return LineParams{lines, 1};
    return std::nullopt;
}

class QuantizedMatMulOp : public Operator
{
public:
    explicit QuantizedMatMulOp(bool qlinear) : m_qlinear(qlinear) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        auto input = [&](size_t i) { return i < in.size() ? in[i] : nullptr; };
        // MatMulInteger: A, B, a_zero_point, b_zero_point. QLinearMatMul: a, a_scale, a_zero_point,
        // b, b_scale, b_zero_point, y_scale, y_zero_point.
        const Tensor* a = input(0);
        const Tensor* b = input(m_qlinear ? 3 : 1);
        const Tensor* aZero = input(2);
        const Tensor* bZero = input(m_qlinear ? 5 : 3);
        const Tensor* aScale = m_qlinear ? input(1) : nullptr;
        const Tensor* bScale = m_qlinear ? input(4) : nullptr;
        const Tensor* yScale = m_qlinear ? input(6) : nullptr;
        const Tensor* yZero = m_qlinear ? input(7) : nullptr;
        if (!a || !b)
            return "expects A and B";
        if (m_qlinear && (!aScale || !bScale || !yScale))
            return "expects a_scale, b_scale and y_scale";
        if (!isEightBit(a->type) || !isEightBit(b->type))
            return "A and B must be int8 or uint8, not " + std::string(dataTypeName(a->type)) + " and " +
                   std::string(dataTypeName(b->type));
        if ((aZero && aZero->type != a->type) || (bZero && bZero->type != b->type))
            return "each zero point must have its operand's type";
        for (const Tensor* s : {aScale, bScale, yScale})
            if (s && !s->isFloat())
                return "scales must be float tensors";
        const DataType yType = yZero ? yZero->type : a->type;
        const auto yRange = quantizedRange(yType, false);
        if (m_qlinear && (!yRange || yScale->elementCount() != 1 || (yZero && yZero->elementCount() != 1)))
            return "y_scale and y_zero_point must be one value (per tensor), the zero point int8 or uint8";

        MatMulShape shape;
        if (Status bad = matmulShape(a->dims, b->dims, shape); !bad.empty())
            return bad;
        const int64_t m = shape.m, k = shape.k, n = shape.n;
        const std::vector<int64_t>& ad = shape.aDims;
        const std::vector<int64_t>& bd = shape.bDims;
        std::optional<LineParams> azp{LineParams{}}, bzp{LineParams{}}, as{LineParams{}}, bs{LineParams{}};
        if (aZero)
            azp = lineParams(*aZero, ad, true);
        if (bZero)
            bzp = lineParams(*bZero, bd, false);
        if (aScale)
            as = lineParams(*aScale, ad, true);
        if (bScale)
            bs = lineParams(*bScale, bd, false);
        if (!azp || !bzp || !as || !bs)
            return "zero points and scales must be one value, one per row of A " + dimsText(a->dims) +
                   " or one per column of B " + dimsText(b->dims);

        Tensor y = intTensor(shape.out);
        y.type = m_qlinear ? yType : DataType::Int32;
        if (y.ints.empty()) { // nothing to compute; the batch count may be any product with an m or n of 0
            out[0] = std::move(y);
            return {};
        }
        const int64_t count = elementCount(shape.batch);
        checkWork({count, m, k, n});
        const std::vector<double> a0 = centred(*a, aZero, *azp, m, k, true);
        const std::vector<double> b0 = centred(*b, bZero, *bzp, k, n, false);
        const auto ia = broadcastIndex(shape.aBatch, shape.batch), ib = broadcastIndex(shape.bBatch, shape.batch);
        RowMatrixD c(m, n);
        for (int64_t t = 0; t < count; ++t) {
            const int64_t ta = ia[static_cast<size_t>(t)], tb = ib[static_cast<size_t>(t)];
            c.noalias() = Eigen::Map<const RowMatrixD>(a0.data() + ta * m * k, m, k) *
                          Eigen::Map<const RowMatrixD>(b0.data() + tb * k * n, k, n);
            int64_t* dst = y.ints.data() + t * m * n;
            for (int64_t i = 0; i < m; ++i)
                for (int64_t j = 0; j < n; ++j) {
                    const int64_t acc = wrapToType(static_cast<int64_t>(c(i, j)), DataType::Int32);
                    if (!m_qlinear) {
                        dst[i * n + j] = acc;
                        continue;
                    }
                    const float scale = scaleValue(*aScale, static_cast<size_t>(as->index(ta, i))) *
                                        scaleValue(*bScale, static_cast<size_t>(bs->index(tb, j)));
                    const float multiplier = scale / scaleValue(*yScale, 0);
                    const int64_t zp = yZero ? quantizedValue(*yZero, 0) : 0;
                    const double v = static_cast<double>(acc) * static_cast<double>(multiplier);
                    dst[i * n + j] = roundAndSaturate(v, zp, *yRange);
                }
        }
        out[0] = std::move(y);
        return {};
    }

private:
    // The operand minus its zero point, as doubles for the GEMM; `rows`: the zero point goes by row
    // (A, [batch, lines = rows, cols]), else by column (B).
    static std::vector<double> centred(const Tensor& x, const Tensor* zero, const LineParams& zp, int64_t rowsPer,
                                       int64_t cols, bool rows)
    {
        std::vector<double> v(x.ints.size());
        if (v.empty())
            return v; // an empty operand's rows * cols may be any product with a 0 batch
        const int64_t matrix = rowsPer * cols;
        for (size_t i = 0; i < v.size(); ++i) {
            const auto idx = static_cast<int64_t>(i);
            const int64_t batch = idx / matrix, line = rows ? idx % matrix / cols : idx % cols;
            const int64_t z = zero ? quantizedValue(*zero, static_cast<size_t>(zp.index(batch, line))) : 0;
            v[i] = static_cast<double>(quantizedValue(x, i) - z);
        }
        return v;
    }

    bool m_qlinear;
};

} // namespace

Result<std::unique_ptr<Operator>> makeQuantizedMatMul(const Node& node, int64_t)
{
    return std::unique_ptr<Operator>(new QuantizedMatMulOp(node.opType == "QLinearMatMul"));
}

} // namespace bitlens::engine

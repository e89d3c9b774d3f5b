// ConvInteger (opset 10) and QLinearConv (10): Conv's arithmetic (N-d, groups, strides, pads,
// auto_pad, dilations; the same attributes) on int8/uint8 tensors after subtracting their zero
// points, so padding adds nothing (it holds x's zero point). Accumulated in int32 ("may overflow
// if and only if in 32 bits": the exact sum wrapped to 32 bits).
//   ConvInteger: y (int32) = conv(x - x_zero_point, w - w_zero_point).
//   QLinearConv: y = saturate(round((conv(x - x_zero_point, w - w_zero_point) + B)
//                * (x_scale * w_scale / y_scale)) + y_zero_point), ties to even; the multiplier in
//                float32 and its product in double, as the ONNX reference; the zero point added
//                after rounding, as the formula says (the reference adds it first: they differ on
//                ties). y has y_zero_point's type.
// x's zero point and scale and y's are per tensor; w's per tensor or per output channel (M values);
// B is int32, one per output channel.
// The sliding window is ConvGeometry's (the float im2col is exact: |x - x_zero_point| <= 255), the
// product a double GEMM: every partial sum is an integer below 2^53, exact in any order.
#include "common.h"
#include "conv_geometry.h"
#include "quantization.h"
#include "registry.h"

#include <Eigen/Core>

namespace bitlens::engine {
namespace {

using RowMatrixF = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMatrixD = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

class QuantizedConvOp : public Operator
{
public:
    QuantizedConvOp(ConvAttributes a, int64_t group, bool qlinear)
        : m_attr(std::move(a)), m_group(group), m_qlinear(qlinear)
    {
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        auto input = [&](size_t i) { return i < in.size() ? in[i] : nullptr; };
        // ConvInteger: x, w, x_zero_point, w_zero_point. QLinearConv: x, x_scale, x_zero_point, w,
        // w_scale, w_zero_point, y_scale, y_zero_point, B.
        const Tensor* x = input(0);
        const Tensor* w = input(m_qlinear ? 3 : 1);
        const Tensor* xZero = input(2);
        const Tensor* wZero = input(m_qlinear ? 5 : 3);
        const Tensor* xScale = m_qlinear ? input(1) : nullptr;
        const Tensor* wScale = m_qlinear ? input(4) : nullptr;
        const Tensor* yScale = m_qlinear ? input(6) : nullptr;
        const Tensor* yZero = m_qlinear ? input(7) : nullptr;
        const Tensor* bias = m_qlinear ? input(8) : nullptr;
        if (!x || !w)
            return "expects x and w";
        if (m_qlinear && (!xScale || !wScale || !yScale))
            return "expects x_scale, w_scale and y_scale";
        if (!isEightBit(x->type) || !isEightBit(w->type))
            return "x and w must be int8 or uint8, not " + std::string(dataTypeName(x->type)) + " and " +
                   std::string(dataTypeName(w->type));
        if ((xZero && xZero->type != x->type) || (wZero && wZero->type != w->type))
            return "each zero point must have its input's type";
        for (const Tensor* s : {xScale, wScale, yScale})
            if (s && !s->isFloat())
                return "scales must be float tensors";
        if (x->dims.size() < 3 || w->dims.size() != x->dims.size())
            return "x " + dimsText(x->dims) + " and w " + dimsText(w->dims) + " have incompatible ranks";
        const int64_t n = x->dims[0], c = x->dims[1], m = w->dims[0], cg = w->dims[1];
        if (c != cg * m_group || m % m_group != 0)
            return "channels of x " + dimsText(x->dims) + " and w " + dimsText(w->dims) + " do not match group " +
                   std::to_string(m_group);
        const DataType yType = yZero ? yZero->type : x->type;
        const auto yRange = quantizedRange(yType, false);
        if (!yRange)
            return "y_zero_point must be int8 or uint8, not " + std::string(dataTypeName(yType));
        for (const Tensor* t : {xZero, xScale, yScale, yZero})
            if (t && t->elementCount() != 1)
                return "x's and y's scales and zero points must be one value (per tensor)";
        for (const Tensor* t : {wZero, wScale})
            if (t && t->elementCount() != 1 && t->dims != std::vector<int64_t>{m})
                return "w's scale and zero point must be one value or one per output channel (" + std::to_string(m) +
                       "), not " + dimsText(t->dims);
        if (bias && (bias->type != DataType::Int32 || bias->dims != std::vector<int64_t>{m}))
            return "B must be int32 with one value per output channel (" + std::to_string(m) + ")";

        const std::vector<int64_t> spatial(x->dims.begin() + 2, x->dims.end());
        const std::vector<int64_t> kernel(w->dims.begin() + 2, w->dims.end());
        auto geo = ConvGeometry::make(m_attr, spatial, kernel, false);
        if (!geo)
            return geo.error();
        const ConvGeometry& g = *geo;
        std::vector<int64_t> yd{n, m};
        yd.insert(yd.end(), g.out.begin(), g.out.end());
        Tensor y = intTensor(yd);
        y.type = m_qlinear ? yType : DataType::Int32;
        if (y.ints.empty()) { // nothing to compute; the sizes below may be huge products with a 0 in y
            out[0] = std::move(y);
            return {};
        }
        // Checked: an empty x or w (0 channels) bounds none of these.
        const int64_t inSize = checkedElementCount(spatial), outSize = checkedElementCount(g.out);
        const int64_t mg = m / m_group, rows = checkedElementCount({cg, checkedElementCount(kernel)});
        checkWork({n, m, outSize, rows});
        // Bounded like a tensor: small inputs can ask for a huge im2col matrix.
        checkedElementCount({rows, outSize});

        // x - x_zero_point as floats for im2col (small integers, exact), w - w_zero_point as doubles.
        const int64_t xz = xZero ? quantizedValue(*xZero, 0) : 0;
        std::vector<float> x0(x->ints.size());
        for (size_t i = 0; i < x0.size(); ++i)
            x0[i] = static_cast<float>(quantizedValue(*x, i) - xz);
        std::vector<double> w0(w->ints.size());
        for (size_t i = 0; i < w0.size(); ++i) {
            const auto channel = static_cast<size_t>(static_cast<int64_t>(i) / rows); // rows > 0 when w has values
            const int64_t wz = wZero ? quantizedValue(*wZero, wZero->elementCount() == 1 ? 0 : channel) : 0;
            w0[i] = static_cast<double>(quantizedValue(*w, i) - wz);
        }

        const bool pointwise = g.isIdentityWindow();
        std::vector<float> cols(pointwise ? 0 : static_cast<size_t>(rows * outSize));
        RowMatrixD colsD(rows, outSize), acc(mg, outSize);
        for (int64_t img = 0; img < n; ++img)
            for (int64_t grp = 0; grp < m_group; ++grp) {
                const float* src = x0.data() + (img * c + grp * cg) * inSize;
                if (!pointwise)
                    g.im2col(src, cg, cols.data());
                colsD = Eigen::Map<const RowMatrixF>(pointwise ? src : cols.data(), rows, outSize).cast<double>();
                acc.noalias() = Eigen::Map<const RowMatrixD>(w0.data() + grp * mg * rows, mg, rows) * colsD;
                for (int64_t o = 0; o < mg; ++o) {
                    const int64_t ch = grp * mg + o;
                    const auto k = static_cast<size_t>(ch);
                    const int64_t b = bias ? quantizedValue(*bias, k) : 0;
                    int64_t* dst = y.ints.data() + (img * m + ch) * outSize;
                    if (!m_qlinear) {
                        for (int64_t p = 0; p < outSize; ++p)
                            dst[p] = wrapToType(static_cast<int64_t>(acc(o, p)), DataType::Int32);
                        continue;
                    }
                    const float scale =
                        scaleValue(*xScale, 0) * scaleValue(*wScale, wScale->elementCount() == 1 ? 0 : k);
                    const auto multiplier = static_cast<double>(scale / scaleValue(*yScale, 0));
                    const int64_t zp = yZero ? quantizedValue(*yZero, 0) : 0;
                    for (int64_t p = 0; p < outSize; ++p) {
                        const int64_t sum = wrapToType(static_cast<int64_t>(acc(o, p)) + b, DataType::Int32);
                        dst[p] = roundAndSaturate(static_cast<double>(sum) * multiplier, zp, *yRange);
                    }
                }
            }
        out[0] = std::move(y);
        return {};
    }

private:
    ConvAttributes m_attr;
    int64_t m_group;
    bool m_qlinear;
};

} // namespace

Result<std::unique_ptr<Operator>> makeQuantizedConv(const Node& node, int64_t)
{
    auto attr = ConvAttributes::read(node);
    if (!attr)
        return Error{attr.error()};
    auto group = readConvGroup(node);
    if (!group)
        return Error{group.error()};
    return std::unique_ptr<Operator>(new QuantizedConvOp(std::move(*attr), *group, node.opType == "QLinearConv"));
}

} // namespace bitlens::engine

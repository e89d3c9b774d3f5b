// DequantizeLinear (opset 10; per-axis from 13): y = (x - x_zero_point) * x_scale, with x int8,
// uint8 or int32, the scale and zero point scalars or 1-D along `axis`. Computed in float32 as the
// ONNX reference and ONNX Runtime do. BitLens's QDQ export feeds weights through it.
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class DequantizeLinearOp : public Operator
{
public:
    explicit DequantizeLinearOp(int64_t axis) : m_axis(axis) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects x and x_scale";
        const Tensor& x = *in[0];
        const Tensor& scale = *in[1];
        const Tensor* zero = in.size() > 2 ? in[2] : nullptr;
        if (x.isFloat() || !scale.isFloat())
            return "expects integer x and a float x_scale";
        if (zero && (zero->isFloat() || zero->elementCount() != scale.elementCount()))
            return "x_zero_point must be an integer tensor of x_scale's size";
        const int64_t rank = static_cast<int64_t>(x.dims.size());
        const int64_t count = scale.elementCount();
        int64_t inner = 1, channels = 1;
        if (count != 1) {
            const int64_t axis = m_axis < 0 ? m_axis + rank : m_axis;
            if (scale.dims.size() != 1 || axis < 0 || axis >= rank || x.dims[static_cast<size_t>(axis)] != count)
                return "x_scale " + shapeString(scale.dims) + " does not match axis " + std::to_string(m_axis) +
                       " of x " + shapeString(x.dims);
            channels = count;
            for (int64_t d = axis + 1; d < rank; ++d)
                inner *= x.dims[static_cast<size_t>(d)];
        }
        Tensor y = floatTensor(x.dims);
        const auto n = static_cast<size_t>(x.elementCount());
        for (size_t i = 0; i < n; ++i) {
            const auto c = static_cast<size_t>((static_cast<int64_t>(i) / inner) % channels);
            const int64_t zp = zero ? zero->ints[c] : 0;
            y.floats[i] = static_cast<float>(x.ints[i] - zp) * scale.floats[c];
        }
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_axis;
};

} // namespace

Result<std::unique_ptr<Operator>> makeDequantizeLinear(const Node& node, int64_t)
{
    return std::unique_ptr<Operator>(new DequantizeLinearOp(node.intAttribute("axis", 1)));
}

} // namespace bitlens::engine

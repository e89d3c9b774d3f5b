// MaxUnpool: MaxPool's partial inverse. X [N, C, spatial...] and I (int64, X's shape: flat
// indices as MaxPool's Indices output gives them, the (n, c) plane's offset included) scatter X into
// zeros of the unpooled shape, (in - 1) * stride - pad_begin - pad_end + kernel per spatial axis.
// The optional output_shape input (the full shape, each axis at least the unpooled one) pads that
// result with zeros at the end of each axis, as ONNX's reference does; the indices keep addressing
// the unpooled shape. Attributes kernel_shape (required), strides, pads. Opset 9 and 11 have the
// same inputs, attributes and types (float16/float/double, computed in float32).
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class MaxUnpoolOp : public Operator
{
public:
    MaxUnpoolOp(std::vector<int64_t> kernel, std::vector<int64_t> strides, std::vector<int64_t> pads)
        : m_kernel(std::move(kernel)), m_strides(std::move(strides)), m_pads(std::move(pads)) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1] || !in[0]->isFloat() || in[1]->isFloat())
            return "expects a float X and integer indices I";
        const Tensor &x = *in[0], &indices = *in[1];
        const size_t r = m_kernel.size();
        if (x.dims.size() != r + 2 || indices.dims != x.dims || indices.ints.size() != x.floats.size())
            return "expects X and I of one shape [N, C] + " + std::to_string(r) + " spatial axes, got " + dimsText(x.dims) +
                   " and " + dimsText(indices.dims);
        std::vector<int64_t> unpooled{x.dims[0], x.dims[1]};
        for (size_t d = 0; d < r; ++d) {
            int64_t e = 0; // (in - 1) * stride - pads + kernel, checked: the attributes may be anything
            if (x.dims[d + 2] == 0 || __builtin_mul_overflow(x.dims[d + 2] - 1, m_strides[d], &e) ||
                __builtin_sub_overflow(e, m_pads[d], &e) || __builtin_sub_overflow(e, m_pads[d + r], &e) ||
                __builtin_add_overflow(e, m_kernel[d], &e) || e < 0)
                return "the unpooled shape of " + dimsText(x.dims) + " is not a valid shape";
            unpooled.push_back(e);
        }
        std::vector<int64_t> yd = unpooled;
        if (in.size() > 2 && in[2]) {
            yd = asInts(*in[2]);
            if (yd.size() != unpooled.size())
                return "output_shape " + dimsText(yd) + " is not of rank " + std::to_string(unpooled.size());
            for (size_t d = 0; d < yd.size(); ++d)
                if (yd[d] < unpooled[d])
                    return "output_shape " + dimsText(yd) + " is smaller than the unpooled shape " + dimsText(unpooled);
        }
        const int64_t total = checkedElementCount(unpooled);
        Tensor y = floatTensor(yd);
        y.type = x.type;
        // Position of unpooled flat index i in y: the same multi-index, y's strides.
        std::vector<int64_t> stride(yd.size(), 1);
        for (size_t d = yd.size(); d-- > 1;)
            stride[d - 1] = stride[d] * yd[d];
        for (size_t k = 0; k < x.floats.size(); ++k) {
            int64_t i = indices.ints[k];
            if (i < 0 || i >= total)
                return "index " + std::to_string(i) + " is outside the unpooled shape " + dimsText(unpooled);
            int64_t at = 0;
            for (size_t d = unpooled.size(); d-- > 0;) {
                at += (i % unpooled[d]) * stride[d];
                i /= unpooled[d];
            }
            y.floats[static_cast<size_t>(at)] = x.floats[k];
        }
        out[0] = std::move(y);
        return {};
    }

private:
    std::vector<int64_t> m_kernel, m_strides, m_pads;
};

} // namespace

Result<std::unique_ptr<Operator>> makeMaxUnpool(const Node& node, int64_t)
{
    const std::vector<int64_t> kernel = intsAttribute(node, "kernel_shape");
    if (kernel.empty())
        return fail("kernel_shape is required");
    const size_t r = kernel.size();
    const std::vector<int64_t> strides = intsAttribute(node, "strides", std::vector<int64_t>(r, 1));
    const std::vector<int64_t> pads = intsAttribute(node, "pads", std::vector<int64_t>(2 * r, 0));
    if (strides.size() != r || pads.size() != 2 * r)
        return fail("strides " + dimsText(strides) + " and pads " + dimsText(pads) + " do not fit kernel_shape " +
                    dimsText(kernel));
    for (size_t d = 0; d < r; ++d)
        if (kernel[d] < 1 || strides[d] < 1 || pads[d] < 0 || pads[d + r] < 0)
            return fail("kernel_shape " + dimsText(kernel) + ", strides " + dimsText(strides) + " and pads " +
                        dimsText(pads) + " must be positive (pads not negative)");
    return std::unique_ptr<Operator>(new MaxUnpoolOp(kernel, strides, pads));
}

} // namespace bitlens::engine

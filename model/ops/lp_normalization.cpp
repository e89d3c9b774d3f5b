// LpNormalization (opset 1, unchanged to 21): every line of X along `axis` (default -1) divided by
// its L1 (p = 1) or L2 (p = 2, default) norm; a line whose norm is 0 stays 0, as ONNX Runtime does.
// Norms accumulated in double.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

class LpNormOp : public Operator
{
public:
    LpNormOp(int64_t axis, int64_t p) : m_axis(axis), m_p(p) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (!x.isFloat())
            return "expects a float tensor, not " + std::string(dataTypeName(x.type));
        auto axis = normalizeAxis(m_axis, x.dims.size());
        if (!axis)
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(x.dims);
        const auto a = static_cast<size_t>(*axis);
        const int64_t len = x.dims[a];
        int64_t inner = 1;
        for (size_t d = a + 1; d < x.dims.size(); ++d)
            inner *= x.dims[d];
        const int64_t outer = len > 0 && inner > 0 ? x.elementCount() / (len * inner) : 0;
        Tensor y = tensorLike(x, x.type);
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t j = 0; j < inner; ++j) {
                const int64_t base = o * len * inner + j;
                double norm = 0;
                for (int64_t i = 0; i < len; ++i) {
                    const double v = x.floats[static_cast<size_t>(base + i * inner)];
                    norm += m_p == 1 ? std::fabs(v) : v * v;
                }
                if (m_p == 2)
                    norm = std::sqrt(norm);
                for (int64_t i = 0; i < len; ++i) {
                    const auto k = static_cast<size_t>(base + i * inner);
                    y.floats[k] = norm == 0 ? 0.0f : static_cast<float>(x.floats[k] / norm);
                }
            }
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_axis;
    int64_t m_p;
};

} // namespace

Result<std::unique_ptr<Operator>> makeLpNormalization(const Node& node, int64_t)
{
    const int64_t p = node.intAttribute("p", 2);
    if (p != 1 && p != 2)
        return fail("p " + std::to_string(p) + " must be 1 or 2");
    return std::unique_ptr<Operator>(new LpNormOp(node.intAttribute("axis", -1), p));
}

} // namespace bitlens::engine

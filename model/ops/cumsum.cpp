// CumSum(x, axis): running sums along the axis given as a scalar input; `exclusive` leaves each
// element out of its own sum, `reverse` sums from the end. Floats sum in double and keep their
// type; integers sum exactly (wrapping like two's complement).
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class CumSumOp : public Operator
{
public:
    CumSumOp(bool exclusive, bool reverse) : m_exclusive(exclusive), m_reverse(reverse) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() != 2 || !in[0] || !in[1])
            return "expects x and axis";
        const Tensor& x = *in[0];
        if (in[1]->elementCount() != 1)
            return "axis must be a scalar";
        if (x.type == DataType::Bool)
            return "expects a numeric tensor, not BOOL";
        const int64_t requested = asInts(*in[1])[0];
        auto axis = normalizeAxis(requested, x.dims.size());
        if (!axis)
            return "axis " + std::to_string(requested) + " is out of range for " + dimsText(x.dims);
        const auto a = static_cast<size_t>(*axis);
        int64_t outer = 1, inner = 1;
        const int64_t len = x.dims[a];
        for (size_t d = 0; d < a; ++d)
            outer *= x.dims[d];
        for (size_t d = a + 1; d < x.dims.size(); ++d)
            inner *= x.dims[d];
        Tensor y = tensorLike(x, x.type);
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t i = 0; i < inner; ++i) {
                double fsum = 0;
                uint64_t isum = 0;
                for (int64_t step = 0; step < len; ++step) {
                    const int64_t k = m_reverse ? len - 1 - step : step;
                    const auto at = static_cast<size_t>((o * len + k) * inner + i);
                    if (x.isFloat()) {
                        if (!m_exclusive)
                            fsum += x.floats[at];
                        y.floats[at] = static_cast<float>(fsum);
                        if (m_exclusive)
                            fsum += x.floats[at];
                    } else {
                        if (!m_exclusive)
                            isum += static_cast<uint64_t>(x.ints[at]);
                        y.ints[at] = wrapToType(static_cast<int64_t>(isum), x.type);
                        if (m_exclusive)
                            isum += static_cast<uint64_t>(x.ints[at]);
                    }
                }
            }
        out[0] = std::move(y);
        return {};
    }

private:
    bool m_exclusive, m_reverse;
};

} // namespace

Result<std::unique_ptr<Operator>> makeCumSum(const Node& n, int64_t)
{
    return std::unique_ptr<Operator>(new CumSumOp(n.intAttribute("exclusive", 0) != 0, n.intAttribute("reverse", 0) != 0));
}

} // namespace bitlens::engine

// OneHot(indices, depth, values = [off, on], axis = -1): a new axis of length depth holding `on`
// at each index (negative indices count from the end) and `off` elsewhere; an index outside
// -depth..depth-1 gives a row of `off`, as the spec says. The output has values' type.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

class OneHotOp : public Operator
{
public:
    explicit OneHotOp(int64_t axis) : m_axis(axis) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() != 3 || !in[0] || !in[1] || !in[2])
            return "expects indices, depth and values";
        const Tensor &idx = *in[0], &depthT = *in[1], &values = *in[2];
        if (depthT.elementCount() != 1 || values.elementCount() != 2)
            return "depth must have one element and values two";
        const double dv = depthT.isFloat() ? depthT.floats[0] : static_cast<double>(depthT.ints[0]);
        if (!(dv >= 1 && dv < 9.2e18))
            return "depth must be positive, not " + std::to_string(dv);
        const auto depth = static_cast<int64_t>(dv);
        auto axis = normalizeAxis(m_axis, idx.dims.size(), true);
        if (!axis)
            return "axis " + std::to_string(m_axis) + " is out of range for rank " + std::to_string(idx.dims.size() + 1);
        const auto a = static_cast<size_t>(*axis);
        std::vector<int64_t> yd = idx.dims;
        yd.insert(yd.begin() + static_cast<std::ptrdiff_t>(a), depth);
        Tensor y;
        y.type = values.type;
        const auto n = static_cast<size_t>(checkedElementCount(yd));
        y.dims = yd;
        if (values.isFloat())
            y.floats.assign(n, values.floats[0]);
        else
            y.ints.assign(n, values.ints[0]);
        int64_t outer = 1, inner = 1;
        for (size_t d = 0; d < a; ++d)
            outer *= idx.dims[d];
        for (size_t d = a; d < idx.dims.size(); ++d)
            inner *= idx.dims[d];
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t i = 0; i < inner; ++i) {
                const auto at = static_cast<size_t>(o * inner + i);
                const double raw = idx.isFloat() ? std::trunc(idx.floats[at]) : static_cast<double>(idx.ints[at]);
                if (!(raw >= static_cast<double>(-depth) && raw < static_cast<double>(depth)))
                    continue;
                auto k = static_cast<int64_t>(raw);
                if (k < 0)
                    k += depth;
                const auto to = static_cast<size_t>((o * depth + k) * inner + i);
                if (values.isFloat())
                    y.floats[to] = values.floats[1];
                else
                    y.ints[to] = values.ints[1];
            }
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_axis;
};

} // namespace

Result<std::unique_ptr<Operator>> makeOneHot(const Node& n, int64_t)
{
    return std::unique_ptr<Operator>(new OneHotOp(n.intAttribute("axis", -1)));
}

} // namespace bitlens::engine

// Gather along `axis`: out = data[..., indices[...], ...]; negative indices count from the end.
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class GatherOp : public Operator
{
public:
    explicit GatherOp(int64_t axis) : m_axis(axis) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects data and indices";
        const Tensor& x = *in[0];
        const std::vector<int64_t> idx = asInts(*in[1]);
        auto axis = normalizeAxis(m_axis, x.dims.size());
        if (!axis)
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(x.dims);
        const auto a = static_cast<size_t>(*axis);
        std::vector<int64_t> yd(x.dims.begin(), x.dims.begin() + static_cast<std::ptrdiff_t>(a));
        yd.insert(yd.end(), in[1]->dims.begin(), in[1]->dims.end());
        yd.insert(yd.end(), x.dims.begin() + static_cast<std::ptrdiff_t>(a) + 1, x.dims.end());
        int64_t outer = 1, inner = 1;
        for (size_t i = 0; i < a; ++i)
            outer *= x.dims[i];
        for (size_t i = a + 1; i < x.dims.size(); ++i)
            inner *= x.dims[i];
        const int64_t extent = x.dims[a];
        Tensor y = x.isFloat() ? floatTensor(yd) : intTensor(yd);
        y.type = x.type;
        for (int64_t o = 0; o < outer; ++o)
            for (size_t j = 0; j < idx.size(); ++j) {
                int64_t k = idx[j] < 0 ? idx[j] + extent : idx[j];
                if (k < 0 || k >= extent)
                    return "index " + std::to_string(idx[j]) + " is out of range for axis size " + std::to_string(extent);
                for (int64_t i = 0; i < inner; ++i) {
                    const auto dst = static_cast<size_t>((o * static_cast<int64_t>(idx.size()) + static_cast<int64_t>(j)) * inner + i);
                    const auto src = static_cast<size_t>((o * extent + k) * inner + i);
                    if (x.isFloat())
                        y.floats[dst] = x.floats[src];
                    else
                        y.ints[dst] = x.ints[src];
                }
            }
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_axis;
};

} // namespace

Result<std::unique_ptr<Operator>> makeGather(const Node& node, int64_t)
{
    return std::unique_ptr<Operator>(new GatherOp(node.intAttribute("axis", 0)));
}

} // namespace bitlens::engine

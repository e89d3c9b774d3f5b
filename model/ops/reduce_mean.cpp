// ReduceMean over `axes` (attribute; all axes when absent), keepdims (default 1).
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class ReduceMeanOp : public Operator
{
public:
    ReduceMeanOp(std::vector<int64_t> axes, bool keep) : m_axes(std::move(axes)), m_keep(keep) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0] || !in[0]->isFloat())
            return "expects a float input";
        const Tensor& x = *in[0];
        const size_t r = x.dims.size();
        std::vector<char> reduce(r, m_axes.empty() ? 1 : 0);
        for (int64_t a : m_axes) {
            auto ax = normalizeAxis(a, r);
            if (!ax)
                return "axis " + std::to_string(a) + " is out of range for " + dimsText(x.dims);
            reduce[static_cast<size_t>(*ax)] = 1;
        }
        std::vector<int64_t> kept(r), yd;
        int64_t count = 1;
        for (size_t d = 0; d < r; ++d) {
            kept[d] = reduce[d] ? 1 : x.dims[d];
            count *= reduce[d] ? x.dims[d] : 1;
            if (!reduce[d] || m_keep)
                yd.push_back(kept[d]);
        }
        Tensor y = floatTensor(yd);
        std::vector<double> sum(y.floats.size(), 0.0);
        const auto idx = broadcastIndex(kept, x.dims); // each input element's output slot
        for (size_t i = 0; i < x.floats.size(); ++i)
            sum[static_cast<size_t>(idx[i])] += x.floats[i];
        for (size_t i = 0; i < sum.size(); ++i)
            y.floats[i] = static_cast<float>(sum[i] / static_cast<double>(count));
        out[0] = std::move(y);
        return {};
    }

private:
    std::vector<int64_t> m_axes;
    bool m_keep;
};

} // namespace

Result<std::unique_ptr<Operator>> makeReduceMean(const Node& node, int64_t opset)
{
    if (opset >= 18)
        return fail("ReduceMean-18 (axes as an input) is not supported");
    return std::unique_ptr<Operator>(new ReduceMeanOp(intsAttribute(node, "axes"), node.intAttribute("keepdims", 1) != 0));
}

} // namespace bitlens::engine

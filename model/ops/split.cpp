// Split along `axis` (default 0) into the node's outputs: sizes from the `split` attribute (before
// opset 13) or input (from 13), else equal parts; from opset 18 `num_outputs` may say how many,
// the last part then taking what is left (ceil-sized parts, as the spec says).
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class SplitOp : public Operator
{
public:
    SplitOp(int64_t axis, std::vector<int64_t> split, bool splitInput, int64_t numOutputs)
        : m_axis(axis), m_split(std::move(split)), m_splitInput(splitInput), m_numOutputs(numOutputs)
    {
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        auto axis = normalizeAxis(m_axis, x.dims.size());
        if (!axis)
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(x.dims);
        const auto a = static_cast<size_t>(*axis);
        const int64_t dim = x.dims[a], parts = static_cast<int64_t>(out.size());
        std::vector<int64_t> sizes = m_split;
        if (m_splitInput && in.size() > 1 && in[1])
            sizes = asInts(*in[1]);
        if (sizes.empty()) {
            if (m_numOutputs > 0) {
                const int64_t chunk = (dim + m_numOutputs - 1) / m_numOutputs;
                for (int64_t p = 0, left = dim; p < parts; ++p, left -= chunk)
                    sizes.push_back(std::max<int64_t>(std::min(chunk, left), 0));
            } else {
                if (dim % parts != 0)
                    return "axis " + std::to_string(*axis) + " of " + dimsText(x.dims) + " does not split into " +
                           std::to_string(parts) + " equal parts";
                sizes.assign(static_cast<size_t>(parts), dim / parts);
            }
        }
        int64_t total = 0;
        for (int64_t s : sizes)
            if (s < 0 || __builtin_add_overflow(total, s, &total))
                return "split sizes " + dimsText(sizes) + " are not valid";
        if (static_cast<int64_t>(sizes.size()) != parts || total != dim)
            return "split sizes " + dimsText(sizes) + " do not cover " + std::to_string(dim) + " in " +
                   std::to_string(parts) + " outputs";
        int64_t outer = 1, inner = 1;
        for (size_t d = 0; d < a; ++d)
            outer *= x.dims[d];
        for (size_t d = a + 1; d < x.dims.size(); ++d)
            inner *= x.dims[d];
        int64_t offset = 0;
        for (size_t p = 0; p < sizes.size(); ++p) {
            std::vector<int64_t> dims = x.dims;
            dims[a] = sizes[p];
            Tensor y;
            y.type = x.type;
            const auto n = static_cast<size_t>(checkedElementCount(dims));
            y.dims = dims;
            const int64_t block = sizes[p] * inner;
            if (x.isFloat()) {
                y.floats.resize(n);
                for (int64_t o = 0; o < outer; ++o)
                    std::copy_n(x.floats.begin() + (o * dim + offset) * inner, block, y.floats.begin() + o * block);
            } else {
                y.ints.resize(n);
                for (int64_t o = 0; o < outer; ++o)
                    std::copy_n(x.ints.begin() + (o * dim + offset) * inner, block, y.ints.begin() + o * block);
            }
            offset += sizes[p];
            out[p] = std::move(y);
        }
        return {};
    }

private:
    int64_t m_axis;
    std::vector<int64_t> m_split;
    bool m_splitInput;
    int64_t m_numOutputs;
};

} // namespace

Result<std::unique_ptr<Operator>> makeSplit(const Node& n, int64_t opset)
{
    const int64_t numOutputs = opset >= 18 ? n.intAttribute("num_outputs", 0) : 0;
    if (numOutputs < 0 || (numOutputs > 0 && numOutputs != static_cast<int64_t>(n.outputs.size())))
        return fail("num_outputs " + std::to_string(numOutputs) + " differs from the node's " +
                    std::to_string(n.outputs.size()) + " outputs");
    if (n.outputs.empty())
        return fail("has no outputs");
    return std::unique_ptr<Operator>(
        new SplitOp(n.intAttribute("axis", 0), opset < 13 ? intsAttribute(n, "split") : std::vector<int64_t>{}, opset >= 13, numOutputs));
}

} // namespace bitlens::engine

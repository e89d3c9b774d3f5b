// Slice: starts/ends/axes attributes before opset 10; from 10 they (and steps) are inputs.
// Negative starts/ends count from the end; both are clamped as numpy does for the step's sign.
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <limits>

namespace bitlens::engine {
namespace {

class SliceOp : public Operator
{
public:
    SliceOp(std::vector<int64_t> starts, std::vector<int64_t> ends, std::vector<int64_t> axes, bool fromInputs)
        : m_starts(std::move(starts)), m_ends(std::move(ends)), m_axes(std::move(axes)), m_fromInputs(fromInputs) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects data";
        const Tensor& x = *in[0];
        std::vector<int64_t> starts = m_starts, ends = m_ends, axes = m_axes, steps;
        if (m_fromInputs) {
            if (in.size() < 3 || !in[1] || !in[2])
                return "expects starts and ends inputs";
            starts = asInts(*in[1]);
            ends = asInts(*in[2]);
            axes = in.size() > 3 && in[3] ? asInts(*in[3]) : std::vector<int64_t>{};
            steps = in.size() > 4 && in[4] ? asInts(*in[4]) : std::vector<int64_t>{};
        }
        if (axes.empty())
            for (size_t i = 0; i < starts.size(); ++i)
                axes.push_back(static_cast<int64_t>(i));
        if (steps.empty())
            steps.assign(starts.size(), 1);
        if (ends.size() != starts.size() || axes.size() != starts.size() || steps.size() != starts.size())
            return "starts, ends, axes and steps differ in length";
        const size_t r = x.dims.size();
        std::vector<int64_t> begin(r, 0), step(r, 1), yd = x.dims;
        for (size_t i = 0; i < starts.size(); ++i) {
            auto a = normalizeAxis(axes[i], r);
            if (!a)
                return "axis " + std::to_string(axes[i]) + " is out of range for " + dimsText(x.dims);
            const auto ax = static_cast<size_t>(*a);
            const int64_t dim = x.dims[ax], st = steps[i];
            if (st == 0)
                return "a step of 0";
            int64_t s = starts[i] < 0 ? starts[i] + dim : starts[i];
            int64_t e = ends[i] < 0 ? ends[i] + dim : ends[i];
            if (st > 0) {
                s = std::clamp<int64_t>(s, 0, dim);
                e = std::clamp<int64_t>(e, 0, dim);
            } else {
                s = std::clamp<int64_t>(s, 0, dim - 1);
                e = std::clamp<int64_t>(e, -1, dim - 1);
            }
            const int64_t span = st > 0 ? e - s : s - e;
            const int64_t absStep = st > 0 ? st : -st;
            begin[ax] = s;
            step[ax] = st;
            yd[ax] = span <= 0 ? 0 : (span + absStep - 1) / absStep;
        }
        Tensor y = x.isFloat() ? floatTensor(yd) : intTensor(yd);
        y.type = x.type;
        std::vector<int64_t> stride(r, 1);
        for (size_t i = r; i-- > 1;)
            stride[i - 1] = stride[i] * x.dims[i];
        const int64_t n = elementCount(yd);
        std::vector<int64_t> pos(r, 0);
        for (int64_t k = 0; k < n; ++k) {
            int64_t src = 0;
            for (size_t d = 0; d < r; ++d)
                src += (begin[d] + pos[d] * step[d]) * stride[d];
            if (x.isFloat())
                y.floats[static_cast<size_t>(k)] = x.floats[static_cast<size_t>(src)];
            else
                y.ints[static_cast<size_t>(k)] = x.ints[static_cast<size_t>(src)];
            nextIndex(pos, yd);
        }
        out[0] = std::move(y);
        return {};
    }

private:
    std::vector<int64_t> m_starts, m_ends, m_axes;
    bool m_fromInputs;
};

} // namespace

Result<std::unique_ptr<Operator>> makeSlice(const Node& node, int64_t opset)
{
    return std::unique_ptr<Operator>(new SliceOp(intsAttribute(node, "starts"), intsAttribute(node, "ends"),
                                                 intsAttribute(node, "axes"), opset >= 10));
}

} // namespace bitlens::engine

// GatherElements(data, indices, axis): the output has the indices' shape; each element is data's
// element at the same position except along `axis`, where the index says (negative indices count
// from the end). An index out of range is an error naming it.
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class GatherElementsOp : public Operator
{
public:
    explicit GatherElementsOp(int64_t axis) : m_axis(axis) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() != 2 || !in[0] || !in[1])
            return "expects data and indices";
        const Tensor &data = *in[0], &idx = *in[1];
        if (idx.isFloat() || idx.type == DataType::Bool)
            return "indices must be integers, not " + std::string(dataTypeName(idx.type));
        if (data.dims.size() != idx.dims.size() || data.dims.empty())
            return "data " + dimsText(data.dims) + " and indices " + dimsText(idx.dims) + " must have one rank of at least 1";
        auto axis = normalizeAxis(m_axis, data.dims.size());
        if (!axis)
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(data.dims);
        const auto a = static_cast<size_t>(*axis);
        for (size_t d = 0; d < data.dims.size(); ++d)
            if (d != a && idx.dims[d] > data.dims[d])
                return "indices " + dimsText(idx.dims) + " are larger than data " + dimsText(data.dims) + " off the axis";
        std::vector<int64_t> stride(data.dims.size(), 1);
        for (size_t d = data.dims.size() - 1; d-- > 0;)
            stride[d] = stride[d + 1] * data.dims[d + 1];
        const int64_t n = idx.elementCount();
        std::vector<int64_t> src(static_cast<size_t>(n)), pos(idx.dims.size(), 0);
        for (int64_t i = 0; i < n; ++i) {
            int64_t k = idx.ints[static_cast<size_t>(i)];
            if (k < -data.dims[a] || k >= data.dims[a])
                return "index " + std::to_string(k) + " is out of range for axis " + std::to_string(a) + " of " +
                       dimsText(data.dims);
            if (k < 0)
                k += data.dims[a];
            int64_t s = 0;
            for (size_t d = 0; d < pos.size(); ++d)
                s += (d == a ? k : pos[d]) * stride[d];
            src[static_cast<size_t>(i)] = s;
            nextIndex(pos, idx.dims);
        }
        out[0] = gatherElements(data, idx.dims, src);
        return {};
    }

private:
    int64_t m_axis;
};

} // namespace

Result<std::unique_ptr<Operator>> makeGatherElements(const Node& n, int64_t)
{
    return std::unique_ptr<Operator>(new GatherElementsOp(n.intAttribute("axis", 0)));
}

} // namespace bitlens::engine

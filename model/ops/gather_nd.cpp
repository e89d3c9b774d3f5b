// GatherND(data, indices, batch_dims): each tuple along indices' last axis (length k) picks a
// slice data[b..., i1, ..., ik, :] of data's trailing dims; the first batch_dims axes of data
// and indices are shared. Negative indices count from the end; one out of range is an error.
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class GatherNDOp : public Operator
{
public:
    explicit GatherNDOp(int64_t batchDims) : m_batch(batchDims) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() != 2 || !in[0] || !in[1])
            return "expects data and indices";
        const Tensor &data = *in[0], &idx = *in[1];
        if (idx.isFloat() || idx.type == DataType::Bool)
            return "indices must be integers, not " + std::string(dataTypeName(idx.type));
        const auto b = static_cast<size_t>(m_batch);
        if (idx.dims.empty() || b >= idx.dims.size() || b >= data.dims.size())
            return "batch_dims " + std::to_string(b) + " does not fit data " + dimsText(data.dims) + " and indices " +
                   dimsText(idx.dims);
        for (size_t d = 0; d < b; ++d)
            if (data.dims[d] != idx.dims[d])
                return "data " + dimsText(data.dims) + " and indices " + dimsText(idx.dims) + " differ in a batch axis";
        const auto k = static_cast<size_t>(idx.dims.back());
        if (k < 1 || b + k > data.dims.size())
            return "indices' last dimension " + std::to_string(k) + " does not fit data " + dimsText(data.dims);
        std::vector<int64_t> yd(idx.dims.begin(), idx.dims.end() - 1);
        yd.insert(yd.end(), data.dims.begin() + static_cast<std::ptrdiff_t>(b + k), data.dims.end());
        const int64_t slice = elementCount(std::vector<int64_t>(data.dims.begin() + static_cast<std::ptrdiff_t>(b + k), data.dims.end()));
        const int64_t batches = elementCount(std::vector<int64_t>(data.dims.begin(), data.dims.begin() + static_cast<std::ptrdiff_t>(b)));
        const int64_t perBatchData = batches ? data.elementCount() / batches : 0;
        const int64_t tuples = elementCount(std::vector<int64_t>(idx.dims.begin(), idx.dims.end() - 1));
        const int64_t tuplesPerBatch = batches ? tuples / batches : 0;
        std::vector<int64_t> stride(data.dims.size(), 1);
        for (size_t d = data.dims.size(); d-- > 1;)
            stride[d - 1] = stride[d] * data.dims[d];
        checkedElementCount(yd);
        std::vector<int64_t> src;
        src.reserve(static_cast<size_t>(tuples * slice));
        for (int64_t t = 0; t < tuples; ++t) {
            int64_t base = tuplesPerBatch ? (t / tuplesPerBatch) * perBatchData : 0;
            for (size_t d = 0; d < k; ++d) {
                int64_t v = idx.ints[static_cast<size_t>(t) * k + d];
                const int64_t dim = data.dims[b + d];
                if (v < -dim || v >= dim)
                    return "index " + std::to_string(v) + " is out of range for axis " + std::to_string(b + d) + " of " +
                           dimsText(data.dims);
                base += (v < 0 ? v + dim : v) * stride[b + d];
            }
            for (int64_t e = 0; e < slice; ++e)
                src.push_back(base + e);
        }
        out[0] = gatherElements(data, yd, src);
        return {};
    }

private:
    int64_t m_batch;
};

} // namespace

Result<std::unique_ptr<Operator>> makeGatherND(const Node& n, int64_t)
{
    const int64_t b = n.intAttribute("batch_dims", 0);
    if (b < 0 || b > 64)
        return fail("batch_dims must be between 0 and 64, not " + std::to_string(b));
    return std::unique_ptr<Operator>(new GatherNDOp(b));
}

} // namespace bitlens::engine

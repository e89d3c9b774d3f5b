// ReverseSequence (opset 10; 11..21 change nothing): for each batch entry b, the first
// sequence_lens[b] steps along the time axis are reversed and the rest copied. batch_axis and
// time_axis are 0 and 1 in either order (defaults 1 and 0); the input has rank 2 or more and any
// type; sequence_lens is int64 with one value per batch entry, each in 0..time length.
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class ReverseSequenceOp : public Operator
{
public:
    ReverseSequenceOp(int batchAxis, int timeAxis) : m_batchAxis(batchAxis), m_timeAxis(timeAxis) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects input and sequence_lens";
        const Tensor &x = *in[0], &lens = *in[1];
        if (x.dims.size() < 2)
            return "expects an input of rank 2 or more, not " + dimsText(x.dims);
        if (lens.isFloat() || lens.type == DataType::Bool || lens.dims.size() != 1)
            return "expects sequence_lens as a 1-D integer tensor";
        const int64_t batch = x.dims[static_cast<size_t>(m_batchAxis)], steps = x.dims[static_cast<size_t>(m_timeAxis)];
        if (lens.dims[0] != batch)
            return "sequence_lens has " + std::to_string(lens.dims[0]) + " values for a batch of " + std::to_string(batch);
        for (int64_t len : lens.ints)
            if (len < 0 || len > steps)
                return "sequence length " + std::to_string(len) + " is outside 0.." + std::to_string(steps);
        Tensor y = tensorLike(x, x.type);
        if (y.floats.empty() && y.ints.empty()) { // an empty X may have huge axes besides the zero one
            out[0] = std::move(y);
            return {};
        }
        int64_t inner = 1;
        for (size_t d = 2; d < x.dims.size(); ++d)
            inner *= x.dims[d];
        // Strides of the batch and time axes in X (axes 0 and 1, in either role).
        const int64_t batchStride = m_batchAxis == 0 ? x.dims[1] * inner : inner;
        const int64_t timeStride = m_timeAxis == 0 ? x.dims[1] * inner : inner;
        for (int64_t b = 0; b < batch; ++b) {
            const int64_t len = lens.ints[static_cast<size_t>(b)];
            for (int64_t t = 0; t < steps; ++t) {
                const int64_t from = b * batchStride + (t < len ? len - 1 - t : t) * timeStride;
                const int64_t to = b * batchStride + t * timeStride;
                for (int64_t i = 0; i < inner; ++i) {
                    if (x.isFloat())
                        y.floats[static_cast<size_t>(to + i)] = x.floats[static_cast<size_t>(from + i)];
                    else
                        y.ints[static_cast<size_t>(to + i)] = x.ints[static_cast<size_t>(from + i)];
                }
            }
        }
        out[0] = std::move(y);
        return {};
    }

private:
    int m_batchAxis, m_timeAxis;
};

} // namespace

Result<std::unique_ptr<Operator>> makeReverseSequence(const Node& n, int64_t)
{
    const int64_t batchAxis = n.intAttribute("batch_axis", 1), timeAxis = n.intAttribute("time_axis", 0);
    if ((batchAxis != 0 && batchAxis != 1) || (timeAxis != 0 && timeAxis != 1) || batchAxis == timeAxis)
        return fail("batch_axis " + std::to_string(batchAxis) + " and time_axis " + std::to_string(timeAxis) +
                    " must be 0 and 1 in either order");
    return std::unique_ptr<Operator>(new ReverseSequenceOp(static_cast<int>(batchAxis), static_cast<int>(timeAxis)));
}

} // namespace bitlens::engine

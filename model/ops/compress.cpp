// Selection by a mask: Compress(input, condition, axis) keeps the slices along `axis` (or the
// elements of the flattened input, without an axis) whose condition is true (a shorter condition
// drops the rest); NonZero(X) gives the int64 coordinates [rank, count] of X's nonzero elements
// in row-major order.
#include "common.h"
#include "registry.h"

#include <optional>

namespace bitlens::engine {
namespace {

class CompressOp : public Operator
{
public:
    explicit CompressOp(std::optional<int64_t> axis) : m_axis(axis) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() != 2 || !in[0] || !in[1])
            return "expects input and condition";
        const Tensor &x = *in[0], &cond = *in[1];
        if (cond.type != DataType::Bool || cond.dims.size() != 1)
            return "the condition must be a 1-D BOOL tensor, not " + std::string(dataTypeName(cond.type)) + " " + dimsText(cond.dims);
        std::vector<int64_t> dims = m_axis ? x.dims : std::vector<int64_t>{x.elementCount()};
        size_t a = 0;
        if (m_axis) {
            auto axis = normalizeAxis(*m_axis, x.dims.size());
            if (!axis)
                return "axis " + std::to_string(*m_axis) + " is out of range for " + dimsText(x.dims);
            a = static_cast<size_t>(*axis);
        }
        if (cond.dims[0] > dims[a])
            return "the condition has " + std::to_string(cond.dims[0]) + " values for an axis of " + std::to_string(dims[a]);
        int64_t outer = 1, inner = 1;
        for (size_t d = 0; d < a; ++d)
            outer *= dims[d];
        for (size_t d = a + 1; d < dims.size(); ++d)
            inner *= dims[d];
        std::vector<int64_t> kept;
        for (int64_t k = 0; k < cond.dims[0]; ++k)
            if (cond.ints[static_cast<size_t>(k)])
                kept.push_back(k);
        std::vector<int64_t> yd = dims;
        yd[a] = static_cast<int64_t>(kept.size());
        std::vector<int64_t> src;
        src.reserve(static_cast<size_t>(checkedElementCount(yd)));
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t k : kept)
                for (int64_t i = 0; i < inner; ++i)
                    src.push_back((o * dims[a] + k) * inner + i);
        out[0] = gatherElements(x, yd, src);
        return {};
    }

private:
    std::optional<int64_t> m_axis;
};

class NonZeroOp : public Operator
{
public:
    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        const int64_t n = x.elementCount();
        std::vector<int64_t> hits;
        for (int64_t i = 0; i < n; ++i)
            if (x.isFloat() ? x.floats[static_cast<size_t>(i)] != 0 : x.ints[static_cast<size_t>(i)] != 0)
                hits.push_back(i);
        const auto rank = static_cast<int64_t>(x.dims.size()), count = static_cast<int64_t>(hits.size());
        Tensor y = intTensor({rank, count});
        for (int64_t h = 0; h < count; ++h) {
            int64_t rest = hits[static_cast<size_t>(h)];
            for (int64_t d = rank; d-- > 0;) {
                y.ints[static_cast<size_t>(d * count + h)] = rest % x.dims[static_cast<size_t>(d)];
                rest /= x.dims[static_cast<size_t>(d)];
            }
        }
        out[0] = std::move(y);
        return {};
    }
};

} // namespace

Result<std::unique_ptr<Operator>> makeCompress(const Node& n, int64_t)
{
    if (n.opType == "NonZero")
        return std::unique_ptr<Operator>(new NonZeroOp());
    std::optional<int64_t> axis;
    if (const Attribute* a = n.attribute("axis"); a && a->kind == Attribute::Kind::Int)
        axis = a->i;
    return std::unique_ptr<Operator>(new CompressOp(axis));
}

} // namespace bitlens::engine

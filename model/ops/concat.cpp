// Concat along `axis` (negative from opset 11); all inputs of one kind (float or integer).
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class ConcatOp : public Operator
{
public:
    explicit ConcatOp(int64_t axis) : m_axis(axis) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects inputs";
        const Tensor& first = *in[0];
        auto axis = normalizeAxis(m_axis, first.dims.size());
        if (!axis)
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(first.dims);
        const auto a = static_cast<size_t>(*axis);
        std::vector<int64_t> yd = first.dims;
        yd[a] = 0;
        for (const Tensor* t : in) {
            if (!t || t->dims.size() != first.dims.size() || t->isFloat() != first.isFloat())
                return "inputs differ in rank or type";
            for (size_t i = 0; i < yd.size(); ++i)
                if (i != a && t->dims[i] != first.dims[i])
                    return "shapes " + dimsText(first.dims) + " and " + dimsText(t->dims) + " differ off the axis";
            yd[a] += t->dims[a];
        }
        Tensor y = first.isFloat() ? floatTensor(yd) : intTensor(yd);
        y.type = first.type;
        int64_t outer = 1, inner = 1;
        for (size_t i = 0; i < a; ++i)
            outer *= yd[i];
        for (size_t i = a + 1; i < yd.size(); ++i)
            inner *= yd[i];
        int64_t offset = 0;
        for (const Tensor* t : in) {
            const int64_t chunk = t->dims[a] * inner;
            for (int64_t o = 0; o < outer; ++o)
                for (int64_t i = 0; i < chunk; ++i) {
                    const auto dst = static_cast<size_t>(o * yd[a] * inner + offset + i);
                    const auto src = static_cast<size_t>(o * chunk + i);
                    if (y.isFloat())
                        y.floats[dst] = t->floats[src];
                    else
                        y.ints[dst] = t->ints[src];
                }
            offset += chunk;
        }
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_axis;
};

} // namespace

Result<std::unique_ptr<Operator>> makeConcat(const Node& node, int64_t)
{
    if (!node.attribute("axis"))
        return fail("the axis attribute is required");
    return std::unique_ptr<Operator>(new ConcatOp(node.intAttribute("axis", 0)));
}

} // namespace bitlens::engine

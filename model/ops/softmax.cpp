// Softmax. Before opset 13 the input is coerced to 2-D at `axis` (default 1) and normalised over
// everything from `axis` on; from 13 it is normalised along `axis` (default -1) alone.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

class SoftmaxOp : public Operator
{
public:
    SoftmaxOp(int64_t axis, bool legacy) : m_axis(axis), m_legacy(legacy) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0] || !in[0]->isFloat())
            return "expects a float input";
        const Tensor& x = *in[0];
        auto axis = normalizeAxis(m_axis, x.dims.size());
        if (!axis)
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(x.dims);
        const auto a = static_cast<size_t>(*axis);
        int64_t outer = 1, len = 1, inner = 1;
        for (size_t i = 0; i < x.dims.size(); ++i) {
            if (i < a)
                outer *= x.dims[i];
            else if (i == a || m_legacy)
                len *= x.dims[i];
            else
                inner *= x.dims[i];
        }
        Tensor y = floatTensor(x.dims);
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t i = 0; i < inner; ++i) {
                auto at = [&](int64_t k) { return static_cast<size_t>((o * len + k) * inner + i); };
                float mx = -INFINITY;
                for (int64_t k = 0; k < len; ++k)
                    mx = std::max(mx, x.floats[at(k)]);
                double sum = 0;
                for (int64_t k = 0; k < len; ++k) {
                    const float e = std::exp(x.floats[at(k)] - mx);
                    y.floats[at(k)] = e;
                    sum += e;
                }
                for (int64_t k = 0; k < len; ++k)
                    y.floats[at(k)] = static_cast<float>(y.floats[at(k)] / sum);
            }
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_axis;
    bool m_legacy;
};

} // namespace

Result<std::unique_ptr<Operator>> makeSoftmax(const Node& node, int64_t opset)
{
    const bool legacy = opset < 13;
    return std::unique_ptr<Operator>(new SoftmaxOp(node.intAttribute("axis", legacy ? 1 : -1), legacy));
}

} // namespace bitlens::engine

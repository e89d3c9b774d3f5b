// Softmax, LogSoftmax and Hardmax. Before opset 13 the input is coerced to 2-D at `axis` (default
// 1) and normalised over everything from `axis` on; from 13 along `axis` (default -1) alone.
// Hardmax puts 1 at the first largest value. Float types are kept.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

enum class SoftmaxKind { Softmax, LogSoftmax, Hardmax };

class SoftmaxOp : public Operator
{
public:
    SoftmaxOp(SoftmaxKind k, int64_t axis, bool legacy) : m_kind(k), m_axis(axis), m_legacy(legacy) {}

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
        Tensor y = tensorLike(x, x.type);
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t i = 0; i < inner; ++i) {
                auto at = [&](int64_t k) { return static_cast<size_t>((o * len + k) * inner + i); };
                float mx = -INFINITY;
                int64_t argmax = 0;
                for (int64_t k = 0; k < len; ++k)
                    if (x.floats[at(k)] > mx || k == 0) {
                        mx = x.floats[at(k)];
                        argmax = k;
                    }
                if (m_kind == SoftmaxKind::Hardmax) {
                    for (int64_t k = 0; k < len; ++k)
                        y.floats[at(k)] = k == argmax ? 1.0f : 0.0f;
                    continue;
                }
                double sum = 0;
                for (int64_t k = 0; k < len; ++k) {
                    const float e = std::exp(x.floats[at(k)] - mx);
                    y.floats[at(k)] = e;
                    sum += e;
                }
                if (m_kind == SoftmaxKind::LogSoftmax) {
                    const double logSum = std::log(sum);
                    for (int64_t k = 0; k < len; ++k)
                        y.floats[at(k)] = static_cast<float>(x.floats[at(k)] - mx - logSum);
                } else {
                    for (int64_t k = 0; k < len; ++k)
                        y.floats[at(k)] = static_cast<float>(y.floats[at(k)] / sum);
                }
            }
        out[0] = std::move(y);
        return {};
    }

private:
    SoftmaxKind m_kind;
    int64_t m_axis;
    bool m_legacy;
};

} // namespace

Result<std::unique_ptr<Operator>> makeSoftmax(const Node& node, int64_t opset)
{
    const bool legacy = opset < 13;
    const SoftmaxKind kind = node.opType == "LogSoftmax" ? SoftmaxKind::LogSoftmax
                             : node.opType == "Hardmax"  ? SoftmaxKind::Hardmax
                                                         : SoftmaxKind::Softmax;
    return std::unique_ptr<Operator>(new SoftmaxOp(kind, node.intAttribute("axis", legacy ? 1 : -1), legacy));
}

} // namespace bitlens::engine

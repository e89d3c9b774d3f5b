// LRN, local response normalisation across channels (AlexNet): for X [N, C, D1..Dk],
//   Y[n, c, d] = X[n, c, d] / (bias + alpha / size * square_sum[n, c, d]) ^ beta
// where square_sum adds X[n, i, d]^2 over max(0, c - floor((size - 1) / 2)) <= i <=
// min(C - 1, c + ceil((size - 1) / 2)). Attributes alpha (1e-4), beta (0.75), bias (1) and the
// required size >= 1. Opset 13 adds bfloat16 only (18..21 change nothing). Float types; the sums
// are kept in double.
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <cmath>

namespace bitlens::engine {
namespace {

class LrnOp : public Operator
{
public:
    LrnOp(double alpha, double beta, double bias, int64_t size) : m_alpha(alpha), m_beta(beta), m_bias(bias), m_size(size) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (!x.isFloat())
            return "expects a float tensor, not " + std::string(dataTypeName(x.type));
        if (x.dims.size() < 2)
            return "expects X [N, C, ...], not " + dimsText(x.dims);
        Tensor y = tensorLike(x, x.type);
        const int64_t channels = x.dims[1], count = x.elementCount();
        if (count == 0) {
            out[0] = std::move(y);
            return {};
        }
        int64_t inner = 1;
        for (size_t d = 2; d < x.dims.size(); ++d)
            inner *= x.dims[d];
        const int64_t below = (m_size - 1) / 2, above = m_size / 2; // floor and ceil of (size - 1) / 2
        checkWork({count, std::min(m_size, channels)});
        const double scale = m_alpha / static_cast<double>(m_size);
        for (int64_t n = 0; n < x.dims[0]; ++n)
            for (int64_t c = 0; c < channels; ++c) {
                const int64_t first = std::max<int64_t>(0, c - below), last = std::min(channels - 1, c + above);
                const float* xn = x.floats.data() + n * channels * inner;
                float* yc = y.floats.data() + (n * channels + c) * inner;
                for (int64_t i = 0; i < inner; ++i) {
                    double sum = 0;
                    for (int64_t k = first; k <= last; ++k) {
                        const double v = xn[k * inner + i];
                        sum += v * v;
                    }
                    yc[i] = static_cast<float>(xn[c * inner + i] / std::pow(m_bias + scale * sum, m_beta));
                }
            }
        out[0] = std::move(y);
        return {};
    }

private:
    double m_alpha, m_beta, m_bias;
    int64_t m_size;
};

} // namespace

Result<std::unique_ptr<Operator>> makeLRN(const Node& n, int64_t)
{
    const Attribute* size = n.attribute("size");
    if (!size || size->kind != Attribute::Kind::Int)
        return fail("needs the size attribute");
    if (size->i < 1)
        return fail("size " + std::to_string(size->i) + " must be 1 or more");
    return std::unique_ptr<Operator>(new LrnOp(n.floatAttribute("alpha", 1e-4), n.floatAttribute("beta", 0.75),
                                               n.floatAttribute("bias", 1.0), size->i));
}

} // namespace bitlens::engine

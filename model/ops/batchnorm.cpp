// BatchNormalization in inference mode: y = scale * (x - mean) / sqrt(var + epsilon) + B over
// axis 1 (opsets 7-15 agree; training outputs are not supported).
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

class BatchNormOp : public Operator
{
public:
    explicit BatchNormOp(double eps) : m_eps(eps) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 5)
            return "expects X, scale, B, mean, var";
        for (const Tensor* t : in.first(5))
            if (!t || !t->isFloat())
                return "expects float inputs";
        const Tensor& x = *in[0];
        if (x.dims.size() < 2)
            return "X must have a channel axis";
        const int64_t c = x.dims[1];
        for (size_t i = 1; i < 5; ++i)
            if (in[i]->floats.size() != static_cast<size_t>(c))
                return "parameters must have " + std::to_string(c) + " values";
        const int64_t inner = elementCount(std::vector<int64_t>(x.dims.begin() + 2, x.dims.end()));
        Tensor y = floatTensor(x.dims);
        for (int64_t n = 0; n < x.dims[0]; ++n)
            for (int64_t ch = 0; ch < c; ++ch) {
                const auto k = static_cast<size_t>(ch);
                const float scale = static_cast<float>(in[1]->floats[k] / std::sqrt(static_cast<double>(in[4]->floats[k]) + m_eps));
                const float shift = in[2]->floats[k] - in[3]->floats[k] * scale;
                const size_t base = static_cast<size_t>((n * c + ch) * inner);
                for (int64_t i = 0; i < inner; ++i)
                    y.floats[base + static_cast<size_t>(i)] = x.floats[base + static_cast<size_t>(i)] * scale + shift;
            }
        out[0] = std::move(y);
        return {};
    }

private:
    double m_eps;
};

} // namespace

Result<std::unique_ptr<Operator>> makeBatchNormalization(const Node& node, int64_t)
{
    for (size_t i = 1; i < node.outputs.size(); ++i)
        if (!node.outputs[i].empty())
            return fail("training-mode outputs are not supported");
    if (node.intAttribute("spatial", 1) == 0)
        return fail("spatial=0 is not supported");
    if (node.intAttribute("training_mode", 0) != 0)
        return fail("training_mode is not supported");
    return std::unique_ptr<Operator>(new BatchNormOp(node.floatAttribute("epsilon", 1e-5)));
}

} // namespace bitlens::engine

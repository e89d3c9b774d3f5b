// InstanceNormalization and GroupNormalization: X [N, C, ...] is split into G groups of C/G
// channels; each (image, group) block of C/G x spatial values is normalised to zero mean and unit
// population variance (plus epsilon), then every channel c is scaled and shifted.
//   InstanceNormalization (opsets 1-6 and 22 change nothing we run): G = C, scale and B per channel.
//   GroupNormalization opset 18: num_groups G, scale and bias per group (each channel takes its
//   group's); opset 21: scale and bias per channel, stash_type (statistics in float32 or wider;
//   BitLens accumulates in double either way).
// One kernel for both; statistics accumulated in double.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

class GroupNormOp : public Operator
{
public:
    // groups 0: one group per channel (InstanceNormalization). perGroupParams: opset-18 GroupNorm.
    GroupNormOp(int64_t groups, bool perGroupParams, double epsilon)
        : m_groups(groups), m_perGroupParams(perGroupParams), m_epsilon(epsilon)
    {
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 3 || !in[0] || !in[1] || !in[2])
            return "expects X, scale and B";
        const Tensor &x = *in[0], &scale = *in[1], &bias = *in[2];
        if (!x.isFloat() || !scale.isFloat() || !bias.isFloat())
            return "expects float tensors";
        if (x.dims.size() < 2)
            return "X must have a channel axis, not " + dimsText(x.dims);
        const int64_t n = x.dims[0], c = x.dims[1];
        const int64_t groups = m_groups > 0 ? m_groups : c;
        if (c % groups != 0)
            return std::to_string(c) + " channels do not split into " + std::to_string(groups) + " groups";
        const int64_t params = m_perGroupParams ? groups : c;
        if (scale.elementCount() != params || bias.elementCount() != params)
            return "scale and B must hold " + std::to_string(params) + " values, not " + dimsText(scale.dims) +
                   " and " + dimsText(bias.dims);
        const int64_t spatial = c ? x.elementCount() / (n * c) : 0;
        const int64_t perGroup = c / groups, block = perGroup * spatial;
        Tensor y = tensorLike(x, x.type);
        for (int64_t b = 0; b < n * groups; ++b) {
            const float* xb = x.floats.data() + b * block;
            float* yb = y.floats.data() + b * block;
            double sum = 0;
            for (int64_t i = 0; i < block; ++i)
                sum += xb[i];
            const double mu = block ? sum / static_cast<double>(block) : 0;
            double sq = 0;
            for (int64_t i = 0; i < block; ++i)
                sq += (xb[i] - mu) * (xb[i] - mu);
            const double inv = 1.0 / std::sqrt((block ? sq / static_cast<double>(block) : 0) + m_epsilon);
            const int64_t g = b % groups;
            for (int64_t j = 0; j < perGroup; ++j) {
                const auto p = static_cast<size_t>(m_perGroupParams ? g : g * perGroup + j);
                const double s = scale.floats[p], t = bias.floats[p];
                for (int64_t i = j * spatial; i < (j + 1) * spatial; ++i)
                    yb[i] = static_cast<float>((xb[i] - mu) * inv * s + t);
            }
        }
        out[0] = std::move(y);
        return {};
    }

private:
    int64_t m_groups;
    bool m_perGroupParams;
    double m_epsilon;
};

} // namespace

Result<std::unique_ptr<Operator>> makeGroupNormalization(const Node& node, int64_t opset)
{
    const double epsilon = node.floatAttribute("epsilon", 1e-5);
    if (!(epsilon >= 0) || !std::isfinite(epsilon))
        return fail("epsilon " + std::to_string(epsilon) + " must be a finite value >= 0");
    if (node.opType == "InstanceNormalization")
        return std::unique_ptr<Operator>(new GroupNormOp(0, false, epsilon));
    const Attribute* g = node.attribute("num_groups");
    if (!g || g->kind != Attribute::Kind::Int || g->i < 1 || g->i > (int64_t{1} << 31))
        return fail("num_groups must be an integer of at least 1");
    return std::unique_ptr<Operator>(new GroupNormOp(g->i, opset < 21, epsilon));
}

} // namespace bitlens::engine

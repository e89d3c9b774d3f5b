// LayerNormalization (opset 17): each row of X over the axes from `axis` (default -1) on is
// normalised to zero mean and unit variance (population variance, plus epsilon), then scaled and
// shifted by Scale and the optional B, both broadcast to the normalised shape. The optional
// outputs Mean and InvStdDev have X's dims with the normalised axes set to 1. Statistics are
// accumulated in double (stash_type 1 asks for float32 or wider).
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

class LayerNormOp : public Operator
{
public:
    LayerNormOp(int64_t axis, float epsilon) : m_axis(axis), m_epsilon(epsilon) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects X and Scale";
        const Tensor &x = *in[0], &scale = *in[1];
        const Tensor* bias = in.size() > 2 ? in[2] : nullptr;
        if (!x.isFloat() || !scale.isFloat() || (bias && !bias->isFloat()))
            return "expects float tensors";
        auto axis = normalizeAxis(m_axis, x.dims.size());
        if (!axis)
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(x.dims);
        const std::vector<int64_t> rowShape(x.dims.begin() + *axis, x.dims.end());
        for (const Tensor* t : {&scale, bias})
            if (t) {
                auto b = broadcastShapes(t->dims, rowShape);
                if (!b || *b != rowShape)
                    return dimsText(t->dims) + " does not broadcast to the normalised shape " + dimsText(rowShape);
            }
        const int64_t len = elementCount(rowShape), rows = len ? x.elementCount() / len : 0;
        const auto is = broadcastIndex(scale.dims, rowShape);
        const auto ib = bias ? broadcastIndex(bias->dims, rowShape) : std::vector<int64_t>{};
        Tensor y = tensorLike(x, x.type);
        std::vector<int64_t> statDims = x.dims;
        for (size_t d = static_cast<size_t>(*axis); d < statDims.size(); ++d)
            statDims[d] = 1;
        Tensor mean = uninitializedFloatTensor(statDims), invStd = uninitializedFloatTensor(statDims);
        mean.type = invStd.type = x.type;
        for (int64_t r = 0; r < rows; ++r) {
            const float* xr = x.floats.data() + r * len;
            float* yr = y.floats.data() + r * len;
            double sum = 0;
            for (int64_t i = 0; i < len; ++i)
                sum += xr[i];
            const double mu = sum / static_cast<double>(len);
            double sq = 0;
            for (int64_t i = 0; i < len; ++i)
                sq += (xr[i] - mu) * (xr[i] - mu);
            const double inv = 1.0 / std::sqrt(sq / static_cast<double>(len) + m_epsilon);
            for (int64_t i = 0; i < len; ++i) {
                const auto k = static_cast<size_t>(i);
                const double v = (xr[i] - mu) * inv * scale.floats[static_cast<size_t>(is[k])];
                yr[i] = static_cast<float>(bias ? v + bias->floats[static_cast<size_t>(ib[k])] : v);
            }
            mean.floats[static_cast<size_t>(r)] = static_cast<float>(mu);
            invStd.floats[static_cast<size_t>(r)] = static_cast<float>(inv);
        }
        out[0] = std::move(y);
        if (out.size() > 1)
            out[1] = std::move(mean);
        if (out.size() > 2)
            out[2] = std::move(invStd);
        return {};
    }

private:
    int64_t m_axis;
    float m_epsilon;
};

} // namespace

Result<std::unique_ptr<Operator>> makeLayerNormalization(const Node& n, int64_t)
{
    const double epsilon = n.floatAttribute("epsilon", 1e-5);
    if (!(epsilon >= 0))
        return fail("epsilon must not be negative");
    return std::unique_ptr<Operator>(new LayerNormOp(n.intAttribute("axis", -1), static_cast<float>(epsilon)));
}

} // namespace bitlens::engine

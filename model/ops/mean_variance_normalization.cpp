// MeanVarianceNormalization: Y = (X - E[X]) / (sqrt(E[(X - E[X])^2]) + 1e-9), the means taken
// over `axes` (default [0, 2, 3]: one mean and variance per channel of an NCHW tensor). ONNX
// defines it as a function computing the variance as E[X^2] - E[X]^2; BitLens takes the mean of
// squared deviations instead (equal in exact arithmetic, never negative), both in double, and
// adds the function's 1e-9 to the standard deviation. Opset 9 and 13 read the same `axes`
// (negative values count from the back; an empty list means every axis); 13 adds bfloat16.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

class MeanVarianceNormalizationOp : public Operator
{
public:
    explicit MeanVarianceNormalizationOp(std::vector<int64_t> axes) : m_axes(std::move(axes)) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (!x.isFloat())
            return "expects a float tensor, not " + std::string(dataTypeName(x.type));
        const size_t rank = x.dims.size();
        std::vector<bool> reduced(rank, m_axes.empty());
        for (int64_t a : m_axes) {
            auto axis = normalizeAxis(a, rank);
            if (!axis)
                return "axis " + std::to_string(a) + " is out of range for " + dimsText(x.dims);
            if (reduced[static_cast<size_t>(*axis)])
                return "axis " + std::to_string(a) + " is repeated";
            reduced[static_cast<size_t>(*axis)] = true;
        }
        Tensor y = tensorLike(x, x.type);
        const int64_t count = x.elementCount();
        if (count == 0) {
            out[0] = std::move(y);
            return {};
        }
        // group[i]: which (mean, variance) pair element i belongs to, from its kept coordinates.
        std::vector<int64_t> statDims = x.dims;
        for (size_t d = 0; d < rank; ++d)
            if (reduced[d])
                statDims[d] = 1;
        const std::vector<int64_t> group = broadcastIndex(statDims, x.dims);
        const int64_t groups = elementCount(statDims), perGroup = count / groups;
        std::vector<double> mean(static_cast<size_t>(groups), 0.0), var(static_cast<size_t>(groups), 0.0);
        for (int64_t i = 0; i < count; ++i)
            mean[static_cast<size_t>(group[static_cast<size_t>(i)])] += x.floats[static_cast<size_t>(i)];
        for (double& m : mean)
            m /= static_cast<double>(perGroup);
        for (int64_t i = 0; i < count; ++i) {
            const auto g = static_cast<size_t>(group[static_cast<size_t>(i)]);
            const double d = x.floats[static_cast<size_t>(i)] - mean[g];
            var[g] += d * d;
        }
        for (double& v : var)
            v = std::sqrt(v / static_cast<double>(perGroup)) + 1e-9; // now the divisor
        for (int64_t i = 0; i < count; ++i) {
            const auto g = static_cast<size_t>(group[static_cast<size_t>(i)]);
            y.floats[static_cast<size_t>(i)] = static_cast<float>((x.floats[static_cast<size_t>(i)] - mean[g]) / var[g]);
        }
        out[0] = std::move(y);
        return {};
    }

private:
    std::vector<int64_t> m_axes;
};

} // namespace

Result<std::unique_ptr<Operator>> makeMeanVarianceNormalization(const Node& n, int64_t)
{
    const Attribute* axes = n.attribute("axes");
    if (axes && axes->kind != Attribute::Kind::Ints)
        return fail("axes must be a list of integers");
    return std::unique_ptr<Operator>(new MeanVarianceNormalizationOp(axes ? axes->ints : std::vector<int64_t>{0, 2, 3}));
}

} // namespace bitlens::engine

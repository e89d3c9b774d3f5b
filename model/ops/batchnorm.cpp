// BatchNormalization: y = scale * (x - mean) / sqrt(var + epsilon) + B over axis 1.
// Inference mode (every opset) uses the given mean and var. Training mode (opset 14+,
// training_mode=1) normalises with the batch's own statistics over every axis but 1 (population
// variance) and also gives running_mean = mean * momentum + batch_mean * (1 - momentum) and the same
// for var. Opsets 7-13 name their training outputs differently (saved mean/var); those are not
// supported.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

class BatchNormOp : public Operator
{
public:
    BatchNormOp(double eps, bool training, double momentum) : m_eps(eps), m_training(training), m_momentum(momentum) {}

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
        std::vector<double> mean(in[3]->floats.begin(), in[3]->floats.end());
        std::vector<double> var(in[4]->floats.begin(), in[4]->floats.end());
        if (m_training) {
            // The batch's statistics per channel, in double.
            const double count = static_cast<double>(x.dims[0] * inner);
            for (int64_t ch = 0; ch < c; ++ch) {
                double sum = 0, squares = 0;
                for (int64_t n = 0; n < x.dims[0]; ++n)
                    for (int64_t i = 0; i < inner; ++i)
                        sum += x.floats[static_cast<size_t>((n * c + ch) * inner + i)];
                const double m = count > 0 ? sum / count : 0;
                for (int64_t n = 0; n < x.dims[0]; ++n)
                    for (int64_t i = 0; i < inner; ++i) {
                        const double d = x.floats[static_cast<size_t>((n * c + ch) * inner + i)] - m;
                        squares += d * d;
                    }
                mean[static_cast<size_t>(ch)] = m;
                var[static_cast<size_t>(ch)] = count > 0 ? squares / count : 0;
            }
        }
        Tensor y = tensorLike(x, x.type);
        for (int64_t n = 0; n < x.dims[0]; ++n)
            for (int64_t ch = 0; ch < c; ++ch) {
                const auto k = static_cast<size_t>(ch);
                const float scale = static_cast<float>(in[1]->floats[k] / std::sqrt(var[k] + m_eps));
                const float shift = in[2]->floats[k] - static_cast<float>(mean[k]) * scale;
                const size_t base = static_cast<size_t>((n * c + ch) * inner);
                for (int64_t i = 0; i < inner; ++i)
                    y.floats[base + static_cast<size_t>(i)] = x.floats[base + static_cast<size_t>(i)] * scale + shift;
            }
        out[0] = std::move(y);
        if (m_training)
            for (size_t o = 1; o < out.size() && o < 3; ++o) {
                const Tensor& running = *in[o + 2];
                const std::vector<double>& batch = o == 1 ? mean : var;
                Tensor r = tensorLike(running, running.type);
                for (size_t k = 0; k < r.floats.size(); ++k)
                    r.floats[k] = static_cast<float>(running.floats[k] * m_momentum + batch[k] * (1 - m_momentum));
                out[o] = std::move(r);
            }
        return {};
    }

private:
    double m_eps;
    bool m_training;
    double m_momentum;
};

} // namespace

Result<std::unique_ptr<Operator>> makeBatchNormalization(const Node& node, int64_t opset)
{
    const bool training = node.intAttribute("training_mode", 0) != 0;
    if (training && opset < 14)
        return fail("training_mode before opset 14 is not supported");
    for (size_t i = 1; i < node.outputs.size(); ++i)
        if (!node.outputs[i].empty() && (!training || i > 2))
            return fail("training-mode outputs of opsets before 14 are not supported");
    if (node.intAttribute("spatial", 1) == 0)
        return fail("spatial=0 is not supported");
    const double momentum = node.floatAttribute("momentum", 0.9);
    if (!(momentum >= 0 && momentum <= 1))
        return fail("momentum " + std::to_string(momentum) + " is outside 0..1");
    return std::unique_ptr<Operator>(new BatchNormOp(node.floatAttribute("epsilon", 1e-5), training, momentum));
}

} // namespace bitlens::engine

// NegativeLogLikelihoodLoss and SoftmaxCrossEntropyLoss (the softmax's log over axis 1, then the
// same loss; its optional second output is that log-probability). Input [N, C, d1, ...], target
// [N, d1, ...] of class indices, optional per-class weight [C]; an ignore_index target adds
// nothing and weighs nothing. reduction: "none" (the per-element losses), "sum", or "mean" (the
// default: the sum divided by the sum of the weights that took part).
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

enum class Reduction { None, Sum, Mean };

class LossOp : public Operator
{
public:
    LossOp(bool softmax, Reduction r, std::optional<int64_t> ignore) : m_softmax(softmax), m_reduction(r), m_ignore(ignore) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects the input and the target";
        const Tensor &x = *in[0], &target = *in[1];
        const Tensor* weight = in.size() > 2 ? in[2] : nullptr;
        if (!x.isFloat() || target.isFloat() || target.type == DataType::Bool || (weight && !weight->isFloat()))
            return "expects float scores, integer targets and float weights";
        if (x.dims.size() < 2)
            return "the input must be [N, C, ...], not " + dimsText(x.dims);
        const int64_t n = x.dims[0], c = x.dims[1];
        std::vector<int64_t> td{n};
        td.insert(td.end(), x.dims.begin() + 2, x.dims.end());
        if (target.dims != td)
            return "the target must be " + dimsText(td) + ", not " + dimsText(target.dims);
        if (weight && weight->dims != std::vector<int64_t>{c})
            return "the weight must be [" + std::to_string(c) + "], not " + dimsText(weight->dims);
        const int64_t inner = c ? x.elementCount() / (n * c) : 0;
        Tensor logProb;
        if (m_softmax) { // log-softmax over axis 1
            logProb = tensorLike(x, x.type);
            for (int64_t i = 0; i < n; ++i)
                for (int64_t d = 0; d < inner; ++d) {
                    auto at = [&](int64_t k) { return static_cast<size_t>((i * c + k) * inner + d); };
                    float mx = -INFINITY;
                    for (int64_t k = 0; k < c; ++k)
                        mx = std::max(mx, x.floats[at(k)]);
                    double sum = 0;
                    for (int64_t k = 0; k < c; ++k)
                        sum += std::exp(static_cast<double>(x.floats[at(k)] - mx));
                    const double logSum = std::log(sum);
                    for (int64_t k = 0; k < c; ++k)
                        logProb.floats[at(k)] = static_cast<float>(x.floats[at(k)] - mx - logSum);
                }
        }
        const Tensor& p = m_softmax ? logProb : x;
        Tensor loss = tensorLike(target, x.type);
        double total = 0, weights = 0;
        for (int64_t i = 0; i < n; ++i)
            for (int64_t d = 0; d < inner; ++d) {
                const auto t = static_cast<size_t>(i * inner + d);
                const int64_t k = target.ints[t];
                if (m_ignore && k == *m_ignore) {
                    loss.floats[t] = 0;
                    continue;
                }
                if (k < 0 || k >= c)
                    return "target " + std::to_string(k) + " is not a class index below " + std::to_string(c);
                const double w = weight ? weight->floats[static_cast<size_t>(k)] : 1.0;
                const double l = -static_cast<double>(p.floats[static_cast<size_t>((i * c + k) * inner + d)]) * w;
                loss.floats[t] = static_cast<float>(l);
                total += l;
                weights += w;
            }
        if (m_reduction != Reduction::None) {
            Tensor r = uninitializedFloatTensor({});
            r.type = x.type;
            r.floats[0] = static_cast<float>(m_reduction == Reduction::Sum ? total : total / weights);
            loss = std::move(r);
        }
        out[0] = std::move(loss);
        if (m_softmax && out.size() > 1)
            out[1] = std::move(logProb);
        return {};
    }

private:
    bool m_softmax;
    Reduction m_reduction;
    std::optional<int64_t> m_ignore;
};

} // namespace

Result<std::unique_ptr<Operator>> makeLoss(const Node& n, int64_t)
{
    const std::string reduction = stringAttribute(n, "reduction", "mean");
    if (reduction != "none" && reduction != "sum" && reduction != "mean")
        return fail("reduction must be none, sum or mean, not '" + reduction + "'");
    std::optional<int64_t> ignore;
    if (const Attribute* a = n.attribute("ignore_index"); a && a->kind == Attribute::Kind::Int)
        ignore = a->i;
    return std::unique_ptr<Operator>(new LossOp(n.opType == "SoftmaxCrossEntropyLoss",
                                                reduction == "none" ? Reduction::None
                                                : reduction == "sum" ? Reduction::Sum
                                                                     : Reduction::Mean,
                                                ignore));
}

} // namespace bitlens::engine

// Float activations and math: Relu, LeakyRelu, Sigmoid, HardSigmoid, HardSwish, Tanh, Sqrt, Erf,
// Clip (attributes before opset 11, optional min/max inputs from 11), Identity, Dropout
// (inference: identity; the optional mask output is all true).
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace bitlens::engine {
namespace {

// Templated on the function so the per-element call inlines (a std::function call per element
// cost more than the ReLU itself).
template <typename F>
class UnaryOp : public Operator
{
public:
    explicit UnaryOp(F f) : m_f(std::move(f)) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        if (!in[0]->isFloat())
            return "expects a float tensor, not " + std::string(dataTypeName(in[0]->type));
        Tensor r = uninitializedFloatTensor(in[0]->dims);
        r.channelsLast = in[0]->channelsLast; // element-wise: the layout does not matter
        const auto& x = in[0]->floats;
        for (size_t i = 0; i < x.size(); ++i)
            r.floats[i] = m_f(x[i]);
        out[0] = std::move(r);
        return {};
    }

    bool acceptsChannelsLast() const override { return true; }

private:
    F m_f;
};

template <typename F>
Result<std::unique_ptr<Operator>> unary(F f)
{
    return std::unique_ptr<Operator>(new UnaryOp<F>(std::move(f)));
}

class ClipOp : public Operator
{
public:
    ClipOp(float lo, float hi, bool fromInputs) : m_lo(lo), m_hi(hi), m_fromInputs(fromInputs) {}
    // Integer tensors (opset 12+) clip only at the bounds that were given.

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        float lo = m_lo, hi = m_hi;
        int64_t ilo = std::numeric_limits<int64_t>::min(), ihi = std::numeric_limits<int64_t>::max();
        auto bound = [](const Tensor& t, float& f, int64_t& i) -> Status {
            if (t.elementCount() != 1)
                return "min and max must be scalars";
            f = t.isFloat() ? t.floats[0] : static_cast<float>(t.ints[0]);
            if (t.isFloat() && !(std::fabs(t.floats[0]) < 9.2e18f)) // NaN or beyond int64: no integer bound
                i = std::isnan(t.floats[0]) ? i : (t.floats[0] > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min());
            else
                i = t.isFloat() ? static_cast<int64_t>(t.floats[0]) : t.ints[0];
            return {};
        };
        if (m_fromInputs) {
            if (in.size() > 1 && in[1])
                if (Status st = bound(*in[1], lo, ilo); !st.empty())
                    return st;
            if (in.size() > 2 && in[2])
                if (Status st = bound(*in[2], hi, ihi); !st.empty())
                    return st;
        }
        const Tensor& x = *in[0];
        Tensor r = x;
        if (x.isFloat())
            for (float& v : r.floats)
                v = std::min(std::max(v, lo), hi);
        else
            for (int64_t& v : r.ints)
                v = std::min(std::max(v, ilo), ihi);
        out[0] = std::move(r);
        return {};
    }

    bool acceptsChannelsLast() const override { return true; } // element-wise; `Tensor r = x` keeps the layout

private:
    float m_lo, m_hi;
    bool m_fromInputs;
};

class IdentityOp : public Operator
{
public:
    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        out[0] = *in[0];
        if (out.size() > 1) { // Dropout's mask: nothing dropped at inference
            out[1] = intTensor(in[0]->dims);
            out[1].type = DataType::Bool;
            std::fill(out[1].ints.begin(), out[1].ints.end(), 1);
        }
        return {};
    }

    bool acceptsChannelsLast() const override { return true; } // the copy keeps the layout
};

} // namespace

Result<std::unique_ptr<Operator>> makeRelu(const Node&, int64_t)
{
    return unary([](float x) { return x > 0 ? x : 0.0f; });
}

Result<std::unique_ptr<Operator>> makeLeakyRelu(const Node& n, int64_t)
{
    const auto alpha = static_cast<float>(n.floatAttribute("alpha", 0.01));
    return unary([alpha](float x) { return x >= 0 ? x : alpha * x; });
}

Result<std::unique_ptr<Operator>> makeSigmoid(const Node&, int64_t)
{
    return unary([](float x) { return 1.0f / (1.0f + std::exp(-x)); });
}

Result<std::unique_ptr<Operator>> makeHardSigmoid(const Node& n, int64_t)
{
    const auto alpha = static_cast<float>(n.floatAttribute("alpha", 0.2));
    const auto beta = static_cast<float>(n.floatAttribute("beta", 0.5));
    return unary([alpha, beta](float x) { return std::max(0.0f, std::min(1.0f, alpha * x + beta)); });
}

Result<std::unique_ptr<Operator>> makeHardSwish(const Node&, int64_t)
{
    return unary([](float x) { return x * std::max(0.0f, std::min(1.0f, x / 6.0f + 0.5f)); });
}

Result<std::unique_ptr<Operator>> makeTanh(const Node&, int64_t)
{
    return unary([](float x) { return std::tanh(x); });
}

Result<std::unique_ptr<Operator>> makeSqrt(const Node&, int64_t)
{
    return unary([](float x) { return std::sqrt(x); });
}

Result<std::unique_ptr<Operator>> makeErf(const Node&, int64_t)
{
    return unary([](float x) { return std::erf(x); });
}

Result<std::unique_ptr<Operator>> makeClip(const Node& n, int64_t opset)
{
    if (opset < 11) {
        const auto lo = static_cast<float>(n.floatAttribute("min", std::numeric_limits<float>::lowest()));
        const auto hi = static_cast<float>(n.floatAttribute("max", std::numeric_limits<float>::max()));
        return std::unique_ptr<Operator>(new ClipOp(lo, hi, false));
    }
    return std::unique_ptr<Operator>(new ClipOp(std::numeric_limits<float>::lowest(),
                                                std::numeric_limits<float>::max(), true));
}

Result<std::unique_ptr<Operator>> makeIdentity(const Node& node, int64_t)
{
    // Dropout: BitLens runs inference only; a training_mode input asks for random dropping.
    if (node.opType == "Dropout" && node.inputs.size() > 2 && !node.inputs[2].empty())
        return fail("training-mode Dropout is not supported");
    return std::unique_ptr<Operator>(new IdentityOp());
}

} // namespace bitlens::engine

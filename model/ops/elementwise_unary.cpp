// One-input element-wise operators, one table and one loop: the float activations and math
// (Relu, LeakyRelu, Sigmoid, HardSigmoid, HardSwish, Tanh, Sqrt, Erf, Abs, Neg, Sign, Ceil, Floor,
// Round, Reciprocal, Exp, Log, the trigonometric and hyperbolic functions and their inverses,
// Softplus, Softsign, Elu, Celu, Selu, ThresholdedRelu, Mish, Gelu, Shrink), the predicates IsNaN
// and IsInf, Not and BitwiseNot; then Clip (attributes before opset 11, optional min/max inputs
// from 11), Identity and Dropout (inference: identity; the optional mask output is all true).
// A float16/bfloat16/float64 input is computed in float32 and keeps its type. Abs, Neg, Sign, Relu
// and Shrink also take integer tensors (exact, wrapped to the type's width as ONNX Runtime does).
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <type_traits>

namespace bitlens::engine {
namespace {

struct NoInt
{
};

// Templated on the functions so the per-element call inlines (a std::function call per element
// cost more than the ReLU itself). I is NoInt for float-only operators.
template <typename F, typename I = NoInt>
class UnaryOp : public Operator
{
public:
    UnaryOp(F f, I i) : m_f(std::move(f)), m_i(std::move(i)) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        Tensor r = tensorLike(x, x.type);
        r.channelsLast = x.channelsLast; // element-wise: the layout does not matter
        if (x.isFloat()) {
            for (size_t i = 0; i < x.floats.size(); ++i)
                r.floats[i] = m_f(x.floats[i]);
        } else if constexpr (!std::is_same_v<I, NoInt>) {
            if (x.type == DataType::Bool)
                return "expects a numeric tensor, not BOOL";
            for (size_t i = 0; i < x.ints.size(); ++i)
                r.ints[i] = wrapToType(m_i(x.ints[i], isUnsignedType(x.type)), x.type);
        } else {
            return "expects a float tensor, not " + std::string(dataTypeName(x.type));
        }
        out[0] = std::move(r);
        return {};
    }

    bool acceptsChannelsLast() const override { return true; }

private:
    F m_f;
    I m_i;
};

template <typename F>
Result<std::unique_ptr<Operator>> unary(F f)
{
    return std::unique_ptr<Operator>(new UnaryOp<F>(std::move(f), NoInt{}));
}

// With an integer form: i(value, unsigned) on the int64 value (uint64 held as its bit pattern).
template <typename F, typename I>
Result<std::unique_ptr<Operator>> unary(F f, I i)
{
    return std::unique_ptr<Operator>(new UnaryOp<F, I>(std::move(f), std::move(i)));
}

// Float in, bool out (IsNaN, IsInf).
template <typename P>
class PredicateOp : public Operator
{
public:
    explicit PredicateOp(P p) : m_p(std::move(p)) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (!x.isFloat())
            return "expects a float tensor, not " + std::string(dataTypeName(x.type));
        Tensor r = tensorLike(x, DataType::Bool);
        for (size_t i = 0; i < x.floats.size(); ++i)
            r.ints[i] = m_p(x.floats[i]) ? 1 : 0;
        out[0] = std::move(r);
        return {};
    }

private:
    P m_p;
};

// Not (bool) and BitwiseNot (integers).
class NotOp : public Operator
{
public:
    explicit NotOp(bool bitwise) : m_bitwise(bitwise) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (m_bitwise ? (x.isFloat() || x.type == DataType::Bool) : x.type != DataType::Bool)
            return std::string("expects ") + (m_bitwise ? "an integer" : "a BOOL") + " tensor, not " +
                   std::string(dataTypeName(x.type));
        Tensor r = tensorLike(x, x.type);
        for (size_t i = 0; i < x.ints.size(); ++i)
            r.ints[i] = m_bitwise ? wrapToType(~x.ints[i], x.type) : !x.ints[i];
        out[0] = std::move(r);
        return {};
    }

private:
    bool m_bitwise;
};

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
        return {};
    }

    bool acceptsChannelsLast() const override { return true; } // the copy keeps the layout
};

} // namespace

Result<std::unique_ptr<Operator>> makeUnary(const Node& n, int64_t)
{
    const std::string& op = n.opType;
    auto attr = [&](const char* name, double fallback) { return static_cast<float>(n.floatAttribute(name, fallback)); };
    auto softplus = [](float x) { return x > 0 ? x + std::log1p(std::exp(-x)) : std::log1p(std::exp(x)); };
    // Integer forms (exact; negation in uint64 so INT64_MIN wraps instead of overflowing).
    auto iabs = [](int64_t v, bool u) { return u || v >= 0 ? v : static_cast<int64_t>(0 - static_cast<uint64_t>(v)); };
    auto ineg = [](int64_t v, bool) { return static_cast<int64_t>(0 - static_cast<uint64_t>(v)); };
    auto isign = [](int64_t v, bool u) { return u ? int64_t{v != 0} : (v > 0) - (v < 0); };
    if (op == "Relu")
        return unary([](float x) { return x > 0 ? x : 0.0f; }, [](int64_t v, bool u) { return u || v > 0 ? v : 0; });
    if (op == "LeakyRelu") {
        const float alpha = attr("alpha", 0.01);
        return unary([alpha](float x) { return x >= 0 ? x : alpha * x; });
    }
    if (op == "Sigmoid")
        return unary([](float x) { return 1.0f / (1.0f + std::exp(-x)); });
    if (op == "HardSigmoid") {
        const float alpha = attr("alpha", 0.2), beta = attr("beta", 0.5);
        return unary([alpha, beta](float x) { return std::max(0.0f, std::min(1.0f, alpha * x + beta)); });
    }
    if (op == "HardSwish")
        return unary([](float x) { return x * std::max(0.0f, std::min(1.0f, x / 6.0f + 0.5f)); });
    if (op == "Tanh")
        return unary([](float x) { return std::tanh(x); });
    if (op == "Sqrt")
        return unary([](float x) { return std::sqrt(x); });
    if (op == "Erf")
        return unary([](float x) { return std::erf(x); });
    if (op == "Abs")
        return unary([](float x) { return std::fabs(x); }, iabs);
    if (op == "Neg")
        return unary([](float x) { return -x; }, ineg);
    if (op == "Sign")
        return unary([](float x) { return x > 0 ? 1.0f : (x < 0 ? -1.0f : x); }, isign); // NaN stays NaN
    if (op == "Ceil")
        return unary([](float x) { return std::ceil(x); });
    if (op == "Floor")
        return unary([](float x) { return std::floor(x); });
    if (op == "Round") // halves to even (the default rounding mode)
        return unary([](float x) { return std::nearbyint(x); });
    if (op == "Reciprocal")
        return unary([](float x) { return 1.0f / x; });
    if (op == "Exp")
        return unary([](float x) { return std::exp(x); });
    if (op == "Log")
        return unary([](float x) { return std::log(x); });
    if (op == "Sin")
        return unary([](float x) { return std::sin(x); });
    if (op == "Cos")
        return unary([](float x) { return std::cos(x); });
    if (op == "Tan")
        return unary([](float x) { return std::tan(x); });
    if (op == "Asin")
        return unary([](float x) { return std::asin(x); });
    if (op == "Acos")
        return unary([](float x) { return std::acos(x); });
    if (op == "Atan")
        return unary([](float x) { return std::atan(x); });
    if (op == "Sinh")
        return unary([](float x) { return std::sinh(x); });
    if (op == "Cosh")
        return unary([](float x) { return std::cosh(x); });
    if (op == "Asinh")
        return unary([](float x) { return std::asinh(x); });
    if (op == "Acosh")
        return unary([](float x) { return std::acosh(x); });
    if (op == "Atanh")
        return unary([](float x) { return std::atanh(x); });
    if (op == "Softplus")
        return unary(softplus);
    if (op == "Softsign")
        return unary([](float x) { return x / (1.0f + std::fabs(x)); });
    if (op == "Elu") {
        const float alpha = attr("alpha", 1.0);
        return unary([alpha](float x) { return x >= 0 ? x : alpha * std::expm1(x); });
    }
    if (op == "Celu") {
        const float alpha = attr("alpha", 1.0);
        if (alpha == 0)
            return fail("alpha must not be 0");
        return unary([alpha](float x) { return std::max(0.0f, x) + std::min(0.0f, alpha * std::expm1(x / alpha)); });
    }
    if (op == "Selu") {
        const float alpha = attr("alpha", 1.67326319217681884765625), gamma = attr("gamma", 1.05070102214813232421875);
        return unary([alpha, gamma](float x) { return x > 0 ? gamma * x : gamma * alpha * std::expm1(x); });
    }
    if (op == "ThresholdedRelu") {
        const float alpha = attr("alpha", 1.0);
        return unary([alpha](float x) { return x > alpha ? x : 0.0f; });
    }
    if (op == "Mish")
        return unary([softplus](float x) { return x * std::tanh(softplus(x)); });
    if (op == "Gelu") {
        const std::string approximate = stringAttribute(n, "approximate", "none");
        if (approximate == "tanh")
            return unary([](float x) {
                const float c = 0.7978845608028654f; // sqrt(2 / pi)
                return 0.5f * x * (1.0f + std::tanh(c * (x + 0.044715f * x * x * x)));
            });
        if (approximate != "none")
            return fail("approximate must be 'none' or 'tanh', not '" + approximate + "'");
        return unary([](float x) { return 0.5f * x * (1.0f + std::erf(x * 0.7071067811865476f)); });
    }
    if (op == "Shrink") {
        const float lambd = attr("lambd", 0.5), bias = attr("bias", 0.0);
        return unary([lambd, bias](float x) { return x < -lambd ? x + bias : (x > lambd ? x - bias : 0.0f); },
                     [lambd, bias](int64_t v, bool) {
                         const auto x = static_cast<double>(v);
                         return static_cast<int64_t>(x < -lambd ? x + bias : (x > lambd ? x - bias : 0.0));
                     });
    }
    if (op == "IsNaN")
        return std::unique_ptr<Operator>(new PredicateOp([](float x) { return std::isnan(x); }));
    if (op == "IsInf") {
        const bool negative = n.intAttribute("detect_negative", 1) != 0, positive = n.intAttribute("detect_positive", 1) != 0;
        return std::unique_ptr<Operator>(new PredicateOp([negative, positive](float x) {
            return std::isinf(x) && (x > 0 ? positive : negative);
        }));
    }
    if (op == "Not" || op == "BitwiseNot")
        return std::unique_ptr<Operator>(new NotOp(op == "BitwiseNot"));
    return fail("is not a one-input element-wise operator"); // the registry sends only those here
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

Result<std::unique_ptr<Operator>> makeIdentity(const Node&, int64_t)
{
    return std::unique_ptr<Operator>(new IdentityOp());
}

} // namespace bitlens::engine

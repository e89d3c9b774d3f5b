// Add, Sub, Mul, Div, Pow with numpy broadcasting (opset 7+ semantics; the legacy `broadcast`
// attribute of opset < 7 is outside the supported range). Float tensors compute in float32;
// two integer tensors compute in int64 (Div truncates toward zero, as C and ONNX Runtime do).
#include "common.h"
#include "layout.h"
#include "registry.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace bitlens::engine {
namespace {

enum class BinaryKind { Add, Sub, Mul, Div, Pow };

// Integers wrap around in two's complement, as ONNX Runtime's int64 kernels do on every CPU it
// runs on (signed overflow is undefined in C++, so the arithmetic is done in uint64); Div by zero
// gives 0 and INT64_MIN / -1 wraps to INT64_MIN; an integer Pow whose value int64 cannot hold gives
// INT64_MIN, what x86's conversion of an out-of-range double produces in ONNX Runtime.
template <class T>
T apply(BinaryKind k, T a, T b)
{
    if constexpr (std::is_integral_v<T>) {
        using U = std::make_unsigned_t<T>;
        switch (k) {
        case BinaryKind::Add: return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
        case BinaryKind::Sub: return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
        case BinaryKind::Mul: return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
        case BinaryKind::Div:
            if (b == 0)
                return 0;
            if (b == -1)
                return static_cast<T>(U{0} - static_cast<U>(a));
            return a / b;
        case BinaryKind::Pow: {
            const double p = std::pow(static_cast<double>(a), static_cast<double>(b));
            return std::fabs(p) < 9.2e18 ? static_cast<T>(p) : std::numeric_limits<T>::min();
        }
        }
        return a;
    } else {
        switch (k) {
        case BinaryKind::Add: return a + b;
        case BinaryKind::Sub: return a - b;
        case BinaryKind::Mul: return a * b;
        case BinaryKind::Div: return a / b;
        case BinaryKind::Pow: return std::pow(a, b);
        }
        return a;
    }
}

// Float a op b over n elements, b repeated when it is a single value: one loop per kind, so the
// compiler vectorises it (the per-element switch in apply() does not).
template <BinaryKind K>
void floatLoop(const float* a, const float* b, bool scalarB, float* r, size_t n)
{
    if (scalarB)
        for (size_t i = 0; i < n; ++i)
            r[i] = apply(K, a[i], b[0]);
    else
        for (size_t i = 0; i < n; ++i)
            r[i] = apply(K, a[i], b[i]);
}

bool floatFastPath(BinaryKind k, const Tensor& a, const Tensor& b, Tensor& r)
{
    const bool scalarB = b.floats.size() == 1 && b.dims.size() <= a.dims.size();
    if (!a.isFloat() || !b.isFloat() || !(a.dims == b.dims || scalarB))
        return false;
    r = uninitializedFloatTensor(a.dims);
    r.channelsLast = a.channelsLast; // same layout on both sides (or a scalar b), see run()
    const size_t n = a.floats.size();
    switch (k) {
    case BinaryKind::Add: floatLoop<BinaryKind::Add>(a.floats.data(), b.floats.data(), scalarB, r.floats.data(), n); break;
    case BinaryKind::Sub: floatLoop<BinaryKind::Sub>(a.floats.data(), b.floats.data(), scalarB, r.floats.data(), n); break;
    case BinaryKind::Mul: floatLoop<BinaryKind::Mul>(a.floats.data(), b.floats.data(), scalarB, r.floats.data(), n); break;
    case BinaryKind::Div: floatLoop<BinaryKind::Div>(a.floats.data(), b.floats.data(), scalarB, r.floats.data(), n); break;
    case BinaryKind::Pow: return false;
    }
    return true;
}

class BinaryOp : public Operator
{
public:
    explicit BinaryOp(BinaryKind k) : m_kind(k) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() != 2 || !in[0] || !in[1])
            return "expects two inputs";
        // Channels-last stays so only for the element-wise fast path with matching layouts (a
        // residual Add of two convolutions); anything else computes on NCHW copies.
        Tensor ca, cb;
        const bool scalarB = in[1]->floats.size() == 1 && in[1]->dims.size() <= in[0]->dims.size();
        const bool keep = in[0]->channelsLast && ((in[1]->channelsLast && in[0]->dims == in[1]->dims) ||
                                                  (scalarB && !in[1]->channelsLast));
        if (!keep && in[0]->channelsLast)
            ca = toChannelsFirst(*in[0]);
        if (!keep && in[1]->channelsLast)
            cb = toChannelsFirst(*in[1]);
        const Tensor& a = !keep && in[0]->channelsLast ? ca : *in[0];
        const Tensor& b = !keep && in[1]->channelsLast ? cb : *in[1];
        auto shape = broadcastShapes(a.dims, b.dims);
        if (!shape)
            return "cannot broadcast " + dimsText(a.dims) + " with " + dimsText(b.dims);
        if (floatFastPath(m_kind, a, b, out[0]))
            return {};
        const bool integer = !a.isFloat() && !b.isFloat();
        // Pow's result has the base's type (opset 12+ mixes types), computed in double.
        if (m_kind == BinaryKind::Pow && a.isFloat() != b.isFloat())
            return mixedPow(a, b, *shape, out[0]);
        Tensor r = integer ? intTensor(*shape) : floatTensor(*shape);
        if (integer)
            r.type = a.type;
        const size_t n = static_cast<size_t>(elementCount(*shape));
        auto fa = [&](size_t i) { return a.isFloat() ? a.floats[i] : static_cast<float>(a.ints[i]); };
        auto fb = [&](size_t i) { return b.isFloat() ? b.floats[i] : static_cast<float>(b.ints[i]); };
        if (a.dims == b.dims) {
            for (size_t i = 0; i < n; ++i) {
                if (integer)
                    r.ints[i] = apply(m_kind, a.ints[i], b.ints[i]);
                else
                    r.floats[i] = apply(m_kind, fa(i), fb(i));
            }
        } else {
            const auto ia = broadcastIndex(a.dims, *shape);
            const auto ib = broadcastIndex(b.dims, *shape);
            for (size_t i = 0; i < n; ++i) {
                const auto ja = static_cast<size_t>(ia[i]), jb = static_cast<size_t>(ib[i]);
                if (integer)
                    r.ints[i] = apply(m_kind, a.ints[ja], b.ints[jb]);
                else
                    r.floats[i] = apply(m_kind, fa(ja), fb(jb));
            }
        }
        out[0] = std::move(r);
        return {};
    }

    bool acceptsChannelsLast() const override { return true; }

private:
    static Status mixedPow(const Tensor& a, const Tensor& b, const std::vector<int64_t>& shape, Tensor& out)
    {
        Tensor r = a.isFloat() ? floatTensor(shape) : intTensor(shape);
        r.type = a.type;
        const auto ia = broadcastIndex(a.dims, shape), ib = broadcastIndex(b.dims, shape);
        for (size_t i = 0; i < ia.size(); ++i) {
            const auto ja = static_cast<size_t>(ia[i]), jb = static_cast<size_t>(ib[i]);
            const double base = a.isFloat() ? a.floats[ja] : static_cast<double>(a.ints[ja]);
            const double exponent = b.isFloat() ? b.floats[jb] : static_cast<double>(b.ints[jb]);
            const double v = std::pow(base, exponent);
            if (a.isFloat())
                r.floats[i] = static_cast<float>(v);
            else
                r.ints[i] = std::isfinite(v) && std::fabs(v) < 9.2e18 ? static_cast<int64_t>(v) : 0;
        }
        out = std::move(r);
        return {};
    }

    BinaryKind m_kind;
};

template <BinaryKind K>
Result<std::unique_ptr<Operator>> make(const Node&, int64_t)
{
    return std::unique_ptr<Operator>(new BinaryOp(K));
}

} // namespace

Result<std::unique_ptr<Operator>> makeAdd(const Node& n, int64_t o) { return make<BinaryKind::Add>(n, o); }
Result<std::unique_ptr<Operator>> makeSub(const Node& n, int64_t o) { return make<BinaryKind::Sub>(n, o); }
Result<std::unique_ptr<Operator>> makeMul(const Node& n, int64_t o) { return make<BinaryKind::Mul>(n, o); }
Result<std::unique_ptr<Operator>> makeDiv(const Node& n, int64_t o) { return make<BinaryKind::Div>(n, o); }
Result<std::unique_ptr<Operator>> makePow(const Node& n, int64_t o) { return make<BinaryKind::Pow>(n, o); }

} // namespace bitlens::engine

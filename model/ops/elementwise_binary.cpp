// Two-input element-wise operators with numpy broadcasting, one kernel for all of them (opset 7+
// semantics; the legacy `broadcast` attribute of opset < 7 is outside the supported range):
// arithmetic Add, Sub, Mul, Div, Pow, Mod, Max, Min, PRelu; comparisons Equal, Greater, Less,
// GreaterOrEqual, LessOrEqual (bool out); logical And, Or, Xor (bool); BitShift and BitwiseAnd,
// BitwiseOr, BitwiseXor (integers). Max, Min, Sum and Mean take one or more inputs and fold them
// pairwise. Float tensors compute in float32 and keep their type; two integer tensors compute
// exactly in int64, wrapped to their type's width (Div truncates toward zero, as C and ONNX
// Runtime do).
#include "common.h"
#include "layout.h"
#include "registry.h"

#include <cmath>
#include <limits>
#include <type_traits>

namespace bitlens::engine {
namespace {

enum class BinaryKind {
    Add, Sub, Mul, Div, Pow, Mod, FMod, Max, Min, PRelu,
    Equal, Greater, Less, GreaterOrEqual, LessOrEqual,
    And, Or, Xor, ShiftLeft, ShiftRight, BitAnd, BitOr, BitXor
};

bool isComparison(BinaryKind k) { return k >= BinaryKind::Equal && k <= BinaryKind::LessOrEqual; }
bool isLogical(BinaryKind k) { return k == BinaryKind::And || k == BinaryKind::Or || k == BinaryKind::Xor; }
bool isIntegerOnly(BinaryKind k) { return k >= BinaryKind::ShiftLeft; }

template <class T>
bool compare(BinaryKind k, T a, T b)
{
    switch (k) {
    case BinaryKind::Equal: return a == b;
    case BinaryKind::Greater: return a > b;
    case BinaryKind::Less: return a < b;
    case BinaryKind::GreaterOrEqual: return a >= b;
    case BinaryKind::LessOrEqual: return a <= b;
    case BinaryKind::And: return a && b;
    case BinaryKind::Or: return a || b;
    case BinaryKind::Xor: return (a != 0) != (b != 0);
    default: return false;
    }
}

// Integers wrap around in two's complement, as ONNX Runtime's int64 kernels do on every CPU it
// runs on (signed overflow is undefined in C++, so the arithmetic is done in uint64); Div by zero
// gives 0 and INT64_MIN / -1 wraps to INT64_MIN; an integer Pow whose value int64 cannot hold gives
// INT64_MIN, what x86's conversion of an out-of-range double produces in ONNX Runtime. Mod takes
// the divisor's sign (Python's %), FMod the dividend's (C's fmod); either by zero gives 0.
template <class T>
T apply(BinaryKind k, T a, T b)
{
    if constexpr (std::is_integral_v<T>) {
        using U = std::make_unsigned_t<T>;
        constexpr bool kSigned = std::is_signed_v<T>;
        const bool minusOne = kSigned && b == static_cast<T>(-1);
        const bool negativeA = kSigned && a < static_cast<T>(0);
        switch (k) {
        case BinaryKind::Add: return static_cast<T>(static_cast<U>(a) + static_cast<U>(b));
        case BinaryKind::Sub: return static_cast<T>(static_cast<U>(a) - static_cast<U>(b));
        case BinaryKind::Mul: return static_cast<T>(static_cast<U>(a) * static_cast<U>(b));
        case BinaryKind::Div:
            if (b == 0)
                return 0;
            if (minusOne)
                return static_cast<T>(U{0} - static_cast<U>(a));
            return a / b;
        case BinaryKind::Pow: {
            const double p = std::pow(static_cast<double>(a), static_cast<double>(b));
            return std::fabs(p) < 9.2e18 ? static_cast<T>(p) : std::numeric_limits<T>::min();
        }
        case BinaryKind::Mod:
        case BinaryKind::FMod: {
            if (b == 0 || minusOne)
                return 0;
            const T r = a % b;
            if constexpr (kSigned)
                return k == BinaryKind::Mod && r != 0 && ((r < 0) != (b < 0)) ? static_cast<T>(r + b) : r;
            return r;
        }
        case BinaryKind::Max: return a > b ? a : b;
        case BinaryKind::Min: return a < b ? a : b;
        case BinaryKind::PRelu: return negativeA ? static_cast<T>(static_cast<U>(a) * static_cast<U>(b)) : a;
        case BinaryKind::ShiftLeft: return static_cast<U>(b) >= 64 ? 0 : static_cast<T>(static_cast<U>(a) << b);
        case BinaryKind::ShiftRight: return static_cast<U>(b) >= 64 ? 0 : static_cast<T>(static_cast<U>(a) >> b);
        case BinaryKind::BitAnd: return a & b;
        case BinaryKind::BitOr: return a | b;
        case BinaryKind::BitXor: return a ^ b;
        default: return compare(k, a, b);
        }
    } else {
        switch (k) {
        case BinaryKind::Add: return a + b;
        case BinaryKind::Sub: return a - b;
        case BinaryKind::Mul: return a * b;
        case BinaryKind::Div: return a / b;
        case BinaryKind::Pow: return std::pow(a, b);
        case BinaryKind::Mod: {
            const T r = std::fmod(a, b);
            return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
        }
        case BinaryKind::FMod: return std::fmod(a, b);
        case BinaryKind::Max: return a != a || a > b ? a : b; // NaN propagates, as in numpy
        case BinaryKind::Min: return a != a || a < b ? a : b;
        case BinaryKind::PRelu: return a < 0 ? a * b : a;
        default: return compare(k, a, b) ? T{1} : T{0};
        }
    }
}

// Float a op b over n elements, b repeated every `period` elements (1: a scalar; n: same shape;
// the size of a's trailing dims: a bias): one loop per kind, so the compiler vectorises it (the
// per-element switch in apply() does not).
template <BinaryKind K>
void floatLoop(const float* a, const float* b, size_t period, float* r, size_t n)
{
    if (period == 1) {
        const float v = b[0];
        for (size_t i = 0; i < n; ++i)
            r[i] = apply(K, a[i], v);
        return;
    }
    for (size_t base = 0; base < n; base += period)
        for (size_t i = 0; i < period; ++i)
            r[base + i] = apply(K, a[base + i], b[i]);
}

// b's values repeat with this period along a when b's dims (without leading 1s) are a's trailing
// dims; 0 otherwise.
size_t repeatPeriod(const Tensor& a, const Tensor& b)
{
    size_t lead = 0;
    while (lead < b.dims.size() && b.dims[lead] == 1)
        ++lead;
    const size_t tail = b.dims.size() - lead;
    if (tail > a.dims.size() || b.dims.size() > a.dims.size())
        return b.floats.size() == 1 && b.dims.size() <= a.dims.size() ? 1 : 0;
    for (size_t i = 0; i < tail; ++i)
        if (b.dims[lead + i] != a.dims[a.dims.size() - tail + i])
            return 0;
    return b.floats.size();
}

bool floatFastPath(BinaryKind k, const Tensor& a, const Tensor& b, Tensor& r)
{
    if (!a.isFloat() || !b.isFloat() || b.floats.empty())
        return false;
    const size_t period = repeatPeriod(a, b);
    if (period == 0 || (a.channelsLast && period != 1 && period != a.floats.size()))
        return false;
    r = tensorLike(a, a.type);
    r.channelsLast = a.channelsLast; // same layout on both sides (or a scalar b), see run()
    const size_t n = a.floats.size();
    const float *pa = a.floats.data(), *pb = b.floats.data();
    float* pr = r.floats.data();
    switch (k) {
    case BinaryKind::Add: floatLoop<BinaryKind::Add>(pa, pb, period, pr, n); break;
    case BinaryKind::Sub: floatLoop<BinaryKind::Sub>(pa, pb, period, pr, n); break;
    case BinaryKind::Mul: floatLoop<BinaryKind::Mul>(pa, pb, period, pr, n); break;
    case BinaryKind::Div: floatLoop<BinaryKind::Div>(pa, pb, period, pr, n); break;
    case BinaryKind::Max: floatLoop<BinaryKind::Max>(pa, pb, period, pr, n); break;
    case BinaryKind::Min: floatLoop<BinaryKind::Min>(pa, pb, period, pr, n); break;
    default: return false;
    }
    return true;
}

// One row of a broadcast: a and b each step by 1 (stride 1) or repeat one value (stride 0).
template <BinaryKind K>
void rowLoop(const float* a, bool stepA, const float* b, bool stepB, float* r, size_t n)
{
    if (stepA && stepB) {
        for (size_t i = 0; i < n; ++i)
            r[i] = apply(K, a[i], b[i]);
    } else if (stepA) {
        const float v = b[0];
        for (size_t i = 0; i < n; ++i)
            r[i] = apply(K, a[i], v);
    } else if (stepB) {
        const float v = a[0];
        for (size_t i = 0; i < n; ++i)
            r[i] = apply(K, v, b[i]);
    } else {
        const float v = apply(K, a[0], b[0]);
        for (size_t i = 0; i < n; ++i)
            r[i] = v;
    }
}

template <BinaryKind K>
void broadcastRows(const float* a, const std::vector<int64_t>& sa, const float* b, const std::vector<int64_t>& sb,
                   const std::vector<int64_t>& dims, float* r)
{
    const size_t rank = dims.size(), last = rank - 1;
    const auto len = static_cast<size_t>(dims[last]);
    int64_t rows = 1;
    for (size_t d = 0; d < last; ++d)
        rows *= dims[d];
    std::vector<int64_t> pos(rank, 0);
    int64_t oa = 0, ob = 0;
    for (int64_t row = 0; row < rows; ++row) {
        rowLoop<K>(a + oa, sa[last] != 0, b + ob, sb[last] != 0, r + static_cast<size_t>(row) * len, len);
        for (size_t d = last; d-- > 0;) { // odometer over the outer axes
            oa += sa[d];
            ob += sb[d];
            if (++pos[d] < dims[d])
                break;
            oa -= sa[d] * dims[d];
            ob -= sb[d] * dims[d];
            pos[d] = 0;
        }
    }
}

// Float a op b under any broadcast (both NCHW): the output's axes are merged where both inputs
// step alike, then each innermost row is one vectorisable loop; the per-element index tables of
// the general path cost more than the arithmetic (the transformers' bias and mask Adds).
bool floatBroadcastPath(BinaryKind k, const Tensor& a, const Tensor& b, const std::vector<int64_t>& shape, Tensor& r)
{
    if (!a.isFloat() || !b.isFloat() || a.channelsLast || b.channelsLast || shape.empty() || a.type != b.type)
        return false;
    if (k != BinaryKind::Add && k != BinaryKind::Sub && k != BinaryKind::Mul && k != BinaryKind::Div &&
        k != BinaryKind::Max && k != BinaryKind::Min)
        return false;
    const size_t rank = shape.size();
    // Strides in a and b per output axis (0 where broadcast), then merged axes.
    auto strides = [&](const std::vector<int64_t>& in) {
        std::vector<int64_t> st(rank, 0);
        int64_t s = 1;
        const size_t off = rank - in.size();
        for (size_t i = in.size(); i-- > 0;) {
            st[i + off] = in[i] == 1 ? 0 : s;
            s *= in[i];
        }
        return st;
    };
    const std::vector<int64_t> fa = strides(a.dims), fb = strides(b.dims);
    std::vector<int64_t> dims{shape[rank - 1]}, sa{fa[rank - 1]}, sb{fb[rank - 1]};
    for (size_t d = rank - 1; d-- > 0;) {
        if (shape[d] == 1)
            continue;
        const int64_t inner = dims.front();
        const bool mergeA = fa[d] == sa.front() * inner || (fa[d] == 0 && sa.front() == 0);
        const bool mergeB = fb[d] == sb.front() * inner || (fb[d] == 0 && sb.front() == 0);
        if (mergeA && mergeB) {
            dims.front() *= shape[d];
            continue;
        }
        dims.insert(dims.begin(), shape[d]);
        sa.insert(sa.begin(), fa[d]);
        sb.insert(sb.begin(), fb[d]);
    }
    r = uninitializedFloatTensor(shape);
    r.type = a.type;
    if (r.floats.empty())
        return true;
    const float *pa = a.floats.data(), *pb = b.floats.data();
    float* pr = r.floats.data();
    switch (k) {
    case BinaryKind::Add: broadcastRows<BinaryKind::Add>(pa, sa, pb, sb, dims, pr); break;
    case BinaryKind::Sub: broadcastRows<BinaryKind::Sub>(pa, sa, pb, sb, dims, pr); break;
    case BinaryKind::Mul: broadcastRows<BinaryKind::Mul>(pa, sa, pb, sb, dims, pr); break;
    case BinaryKind::Div: broadcastRows<BinaryKind::Div>(pa, sa, pb, sb, dims, pr); break;
    case BinaryKind::Max: broadcastRows<BinaryKind::Max>(pa, sa, pb, sb, dims, pr); break;
    default: broadcastRows<BinaryKind::Min>(pa, sa, pb, sb, dims, pr); break;
    }
    return true;
}

Status checkTypes(BinaryKind k, const Tensor& a, const Tensor& b)
{
    const bool bothBool = a.type == DataType::Bool && b.type == DataType::Bool;
    if (isLogical(k) && !bothBool)
        return "expects two BOOL tensors, not " + std::string(dataTypeName(a.type)) + " and " + std::string(dataTypeName(b.type));
    if (isIntegerOnly(k) && (a.isFloat() || b.isFloat() || a.type == DataType::Bool || b.type == DataType::Bool))
        return "expects integer tensors, not " + std::string(dataTypeName(a.type)) + " and " + std::string(dataTypeName(b.type));
    return {};
}

// out = a op b, broadcast. The kernel every binary operator (and each fold of a variadic one) uses.
Status binary(BinaryKind kind, const Tensor& a, const Tensor& b, Tensor& out)
{
    if (Status st = checkTypes(kind, a, b); !st.empty())
        return st;
    auto shape = broadcastShapes(a.dims, b.dims);
    if (!shape)
        return "cannot broadcast " + dimsText(a.dims) + " with " + dimsText(b.dims);
    if (*shape == a.dims && floatFastPath(kind, a, b, out))
        return {};
    if (floatBroadcastPath(kind, a, b, *shape, out))
        return {};
    const bool boolOut = isComparison(kind) || isLogical(kind);
    // Pow's result has the base's type (opset 12+ mixes types), computed in double.
    const bool mixed = a.isFloat() != b.isFloat();
    const DataType outType = boolOut ? DataType::Bool : (mixed && kind != BinaryKind::Pow && b.isFloat() ? b.type : a.type);
    Tensor r;
    r.type = outType;
    r.dims = *shape;
    const auto n = static_cast<size_t>(checkedElementCount(*shape));
    if (isFloatType(outType))
        r.floats.resize(n);
    else
        r.ints.resize(n);
    std::vector<int64_t> ia, ib;
    const bool same = a.dims == *shape && b.dims == *shape;
    if (!same) {
        ia = broadcastIndex(a.dims, *shape);
        ib = broadcastIndex(b.dims, *shape);
    }
    const bool unsignedInts = isUnsignedType(a.type);
    for (size_t i = 0; i < n; ++i) {
        const size_t ja = same ? i : static_cast<size_t>(ia[i]), jb = same ? i : static_cast<size_t>(ib[i]);
        if (!a.isFloat() && !b.isFloat()) {
            int64_t v;
            if (unsignedInts && a.type == DataType::UInt64 && !boolOut) // full uint64 range
                v = static_cast<int64_t>(apply(kind, static_cast<uint64_t>(a.ints[ja]), static_cast<uint64_t>(b.ints[jb])));
            else
                v = apply(kind, a.ints[ja], b.ints[jb]);
            r.ints[i] = boolOut ? v : wrapToType(v, outType);
        } else if (mixed || kind == BinaryKind::Pow) {
            const double x = a.isFloat() ? a.floats[ja] : static_cast<double>(a.ints[ja]);
            const double y = b.isFloat() ? b.floats[jb] : static_cast<double>(b.ints[jb]);
            const double v = apply(kind, x, y);
            if (isFloatType(outType))
                r.floats[i] = static_cast<float>(v);
            else
                r.ints[i] = boolOut ? v != 0 : (std::isfinite(v) && std::fabs(v) < 9.2e18 ? wrapToType(static_cast<int64_t>(v), outType) : 0);
        } else if (boolOut) {
            r.ints[i] = compare(kind, a.floats[ja], b.floats[jb]);
        } else {
            r.floats[i] = apply(kind, a.floats[ja], b.floats[jb]);
        }
    }
    out = std::move(r);
    return {};
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
        const bool fastKind = m_kind == BinaryKind::Add || m_kind == BinaryKind::Sub || m_kind == BinaryKind::Mul ||
                              m_kind == BinaryKind::Div || m_kind == BinaryKind::Max || m_kind == BinaryKind::Min;
        const bool keep = fastKind && in[0]->channelsLast &&
                          ((in[1]->channelsLast && in[0]->dims == in[1]->dims) || (scalarB && !in[1]->channelsLast));
        if (!keep && in[0]->channelsLast)
            ca = toChannelsFirst(*in[0]);
        if (!keep && in[1]->channelsLast)
            cb = toChannelsFirst(*in[1]);
        const Tensor& a = !keep && in[0]->channelsLast ? ca : *in[0];
        const Tensor& b = !keep && in[1]->channelsLast ? cb : *in[1];
        return binary(m_kind, a, b, out[0]);
    }

    bool acceptsChannelsLast() const override { return true; }

private:
    BinaryKind m_kind;
};

// Max, Min, Sum, Mean of one or more inputs, broadcast together.
class VariadicOp : public Operator
{
public:
    VariadicOp(BinaryKind k, bool mean) : m_kind(k), m_mean(mean) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty())
            return "expects at least one input";
        for (const Tensor* t : in)
            if (!t)
                return "an input is missing";
        Tensor acc = *in[0];
        for (size_t i = 1; i < in.size(); ++i) {
            Tensor next;
            if (Status st = binary(m_kind, acc, *in[i], next); !st.empty())
                return st;
            acc = std::move(next);
        }
        if (m_mean) {
            if (!acc.isFloat())
                return "expects float tensors";
            const auto count = static_cast<float>(in.size());
            for (float& v : acc.floats)
                v /= count;
        }
        out[0] = std::move(acc);
        return {};
    }

private:
    BinaryKind m_kind;
    bool m_mean;
};

} // namespace

Result<std::unique_ptr<Operator>> makeBinary(const Node& n, int64_t)
{
    static const std::pair<std::string_view, BinaryKind> kinds[] = {
        {"Add", BinaryKind::Add}, {"Sub", BinaryKind::Sub}, {"Mul", BinaryKind::Mul}, {"Div", BinaryKind::Div},
        {"Pow", BinaryKind::Pow}, {"PRelu", BinaryKind::PRelu}, {"Equal", BinaryKind::Equal},
        {"Greater", BinaryKind::Greater}, {"Less", BinaryKind::Less}, {"GreaterOrEqual", BinaryKind::GreaterOrEqual},
        {"LessOrEqual", BinaryKind::LessOrEqual}, {"And", BinaryKind::And}, {"Or", BinaryKind::Or},
        {"Xor", BinaryKind::Xor}, {"BitwiseAnd", BinaryKind::BitAnd}, {"BitwiseOr", BinaryKind::BitOr},
        {"BitwiseXor", BinaryKind::BitXor},
    };
    for (const auto& [name, kind] : kinds)
        if (n.opType == name)
            return std::unique_ptr<Operator>(new BinaryOp(kind));
    if (n.opType == "Mod") {
        const int64_t fmod = n.intAttribute("fmod", 0);
        if (fmod != 0 && fmod != 1)
            return fail("fmod must be 0 or 1, not " + std::to_string(fmod));
        return std::unique_ptr<Operator>(new BinaryOp(fmod ? BinaryKind::FMod : BinaryKind::Mod));
    }
    if (n.opType == "BitShift") {
        const std::string direction = stringAttribute(n, "direction");
        if (direction != "LEFT" && direction != "RIGHT")
            return fail("direction must be LEFT or RIGHT, not '" + direction + "'");
        return std::unique_ptr<Operator>(new BinaryOp(direction == "LEFT" ? BinaryKind::ShiftLeft : BinaryKind::ShiftRight));
    }
    if (n.opType == "Max" || n.opType == "Min" || n.opType == "Sum" || n.opType == "Mean")
        return std::unique_ptr<Operator>(new VariadicOp(n.opType == "Max" ? BinaryKind::Max
                                                        : n.opType == "Min" ? BinaryKind::Min
                                                                            : BinaryKind::Add,
                                                        n.opType == "Mean"));
    return fail("is not a two-input element-wise operator"); // the registry sends only those here
}

} // namespace bitlens::engine

// The Reduce* family in one kernel: ReduceSum, ReduceMean, ReduceMax, ReduceMin, ReduceProd,
// ReduceL1, ReduceL2, ReduceLogSum, ReduceLogSumExp, ReduceSumSquare; and ArgMax/ArgMin.
// Axes are an attribute before opset 18 (ReduceSum: before 13) and an optional input from then
// on, where noop_with_empty_axes=1 makes an empty list mean "no reduction" instead of "all
// axes". keepdims defaults to 1. Floats accumulate in double and keep their type; integers
// reduce exactly (Sum, Prod, Max, Min, L1, SumSquare wrap like two's complement) and the rest in
// double. An empty reduction gives the identity of the operation (0 for sums, 1 for Prod, -inf
// for Max and LogSum(Exp), +inf for Min; the type's limit for integers), as ONNX specifies.
#include "common.h"
#include "registry.h"

#include <cmath>
#include <limits>

namespace bitlens::engine {
namespace {

enum class ReduceKind { Sum, Mean, Max, Min, Prod, L1, L2, LogSum, LogSumExp, SumSquare };

struct ReducePlan
{
    std::vector<int64_t> kept;    // x's dims with the reduced axes set to 1
    std::vector<int64_t> outDims; // kept, or without the reduced axes when !keepdims
    int64_t count = 1;            // elements reduced into each output
};

// Which axes to reduce (empty = all) -> the output's dims.
Result<ReducePlan> planReduction(const std::vector<int64_t>& dims, const std::vector<int64_t>& axes, bool keep)
{
    const size_t r = dims.size();
    std::vector<char> reduce(r, axes.empty() ? 1 : 0);
    for (int64_t a : axes) {
        auto ax = normalizeAxis(a, r);
        if (!ax)
            return fail("axis " + std::to_string(a) + " is out of range for " + dimsText(dims));
        reduce[static_cast<size_t>(*ax)] = 1;
    }
    ReducePlan p;
    p.kept.resize(r);
    for (size_t d = 0; d < r; ++d) {
        p.kept[d] = reduce[d] ? 1 : dims[d];
        p.count *= reduce[d] ? dims[d] : 1;
        if (!reduce[d] || keep)
            p.outDims.push_back(p.kept[d]);
    }
    return p;
}

template <class T>
T initial(ReduceKind k)
{
    switch (k) {
    case ReduceKind::Max:
        return std::numeric_limits<T>::has_infinity ? -std::numeric_limits<T>::infinity() : std::numeric_limits<T>::lowest();
    case ReduceKind::Min:
        return std::numeric_limits<T>::has_infinity ? std::numeric_limits<T>::infinity() : std::numeric_limits<T>::max();
    case ReduceKind::Prod: return T{1};
    default: return T{0};
    }
}

double combine(ReduceKind k, double acc, double v)
{
    switch (k) {
    case ReduceKind::Max: return v > acc || std::isnan(v) ? v : acc;
    case ReduceKind::Min: return v < acc || std::isnan(v) ? v : acc;
    case ReduceKind::Prod: return acc * v;
    case ReduceKind::L1: return acc + std::fabs(v);
    case ReduceKind::L2:
    case ReduceKind::SumSquare: return acc + v * v;
    case ReduceKind::LogSumExp: return acc + std::exp(v);
    default: return acc + v;
    }
}

double finish(ReduceKind k, double acc, int64_t count)
{
    switch (k) {
    case ReduceKind::Mean: return acc / static_cast<double>(count);
    case ReduceKind::L2: return std::sqrt(acc);
    case ReduceKind::LogSum:
    case ReduceKind::LogSumExp: return std::log(acc);
    default: return acc;
    }
}

int64_t combineInt(ReduceKind k, int64_t acc, int64_t v)
{
    const auto u = [](int64_t x) { return static_cast<uint64_t>(x); };
    switch (k) {
    case ReduceKind::Max: return v > acc ? v : acc;
    case ReduceKind::Min: return v < acc ? v : acc;
    case ReduceKind::Prod: return static_cast<int64_t>(u(acc) * u(v));
    case ReduceKind::L1: return static_cast<int64_t>(u(acc) + (v < 0 ? 0 - u(v) : u(v)));
    case ReduceKind::SumSquare: return static_cast<int64_t>(u(acc) + u(v) * u(v));
    default: return static_cast<int64_t>(u(acc) + u(v));
    }
}

class ReduceOp : public Operator
{
public:
    ReduceOp(ReduceKind k, std::vector<int64_t> axes, bool axesInput, bool keep, bool noopWhenEmpty)
        : m_kind(k), m_axes(std::move(axes)), m_axesInput(axesInput), m_keep(keep), m_noop(noopWhenEmpty)
    {
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (x.type == DataType::Bool)
            return "expects a numeric tensor, not BOOL";
        std::vector<int64_t> axes = m_axes;
        if (m_axesInput && in.size() > 1 && in[1])
            axes = asInts(*in[1]);
        if (axes.empty() && m_noop) {
            out[0] = x;
            return {};
        }
        auto plan = planReduction(x.dims, axes, m_keep);
        if (!plan)
            return plan.error();
        const bool exactInt = !x.isFloat() && m_kind != ReduceKind::Mean && m_kind != ReduceKind::L2 &&
                              m_kind != ReduceKind::LogSum && m_kind != ReduceKind::LogSumExp;
        const auto outCount = static_cast<size_t>(checkedElementCount(plan->outDims));
        const auto idx = broadcastIndex(plan->kept, x.dims); // each input element's output slot
        Tensor y;
        y.type = x.type;
        y.dims = plan->outDims;
        if (exactInt) {
            std::vector<int64_t> acc(outCount, m_kind == ReduceKind::Max || m_kind == ReduceKind::Min
                                                   ? limitOf(x.type, m_kind == ReduceKind::Max)
                                                   : initial<int64_t>(m_kind));
            for (size_t i = 0; i < x.ints.size(); ++i) {
                int64_t& a = acc[static_cast<size_t>(idx[i])];
                a = combineInt(m_kind, a, x.ints[i]);
            }
            y.ints.resize(outCount);
            for (size_t i = 0; i < outCount; ++i)
                y.ints[i] = wrapToType(acc[i], x.type);
        } else {
            std::vector<double> acc(outCount, initial<double>(m_kind));
            const size_t n = static_cast<size_t>(x.elementCount());
            for (size_t i = 0; i < n; ++i) {
                double& a = acc[static_cast<size_t>(idx[i])];
                a = combine(m_kind, a, x.isFloat() ? x.floats[i] : static_cast<double>(x.ints[i]));
            }
            if (x.isFloat()) {
                y.floats.resize(outCount);
                for (size_t i = 0; i < outCount; ++i)
                    y.floats[i] = static_cast<float>(finish(m_kind, acc[i], plan->count));
            } else {
                y.ints.resize(outCount);
                for (size_t i = 0; i < outCount; ++i) {
                    const double v = finish(m_kind, acc[i], plan->count);
                    y.ints[i] = std::isfinite(v) && std::fabs(v) < 9.2e18 ? wrapToType(static_cast<int64_t>(v), x.type) : 0;
                }
            }
        }
        out[0] = std::move(y);
        return {};
    }

private:
    // The integer type's largest (Max's identity: its lowest) value, for an empty Max or Min.
    static int64_t limitOf(DataType t, bool lowest)
    {
        switch (t) {
        case DataType::Int8: return lowest ? INT8_MIN : INT8_MAX;
        case DataType::UInt8: return lowest ? 0 : UINT8_MAX;
        case DataType::Int16: return lowest ? INT16_MIN : INT16_MAX;
        case DataType::UInt16: return lowest ? 0 : UINT16_MAX;
        case DataType::Int32: return lowest ? INT32_MIN : INT32_MAX;
        case DataType::UInt32: return lowest ? 0 : int64_t{UINT32_MAX};
        default: return lowest ? INT64_MIN : INT64_MAX;
        }
    }

    ReduceKind m_kind;
    std::vector<int64_t> m_axes;
    bool m_axesInput, m_keep, m_noop;
};

class ArgOp : public Operator
{
public:
    ArgOp(bool max, int64_t axis, bool keep, bool last) : m_max(max), m_axis(axis), m_keep(keep), m_last(last) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (x.type == DataType::Bool)
            return "expects a numeric tensor, not BOOL";
        auto ax = normalizeAxis(m_axis, x.dims.size());
        if (!ax)
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(x.dims);
        const auto a = static_cast<size_t>(*ax);
        const int64_t len = x.dims[a];
        if (len == 0)
            return "cannot take the index of an extreme along an empty axis";
        int64_t outer = 1, inner = 1;
        for (size_t d = 0; d < a; ++d)
            outer *= x.dims[d];
        for (size_t d = a + 1; d < x.dims.size(); ++d)
            inner *= x.dims[d];
        std::vector<int64_t> yd = x.dims;
        if (m_keep)
            yd[a] = 1;
        else
            yd.erase(yd.begin() + static_cast<std::ptrdiff_t>(a));
        Tensor y = intTensor(yd);
        auto value = [&](int64_t i) { return x.isFloat() ? static_cast<double>(x.floats[static_cast<size_t>(i)])
                                                         : static_cast<double>(x.ints[static_cast<size_t>(i)]); };
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t j = 0; j < inner; ++j) {
                const int64_t base = o * len * inner + j;
                int64_t best = 0;
                double bv = value(base);
                for (int64_t k = 1; k < len; ++k) {
                    const double v = value(base + k * inner);
                    const bool better = m_max ? (m_last ? v >= bv : v > bv) : (m_last ? v <= bv : v < bv);
                    if (better) {
                        best = k;
                        bv = v;
                    }
                }
                y.ints[static_cast<size_t>(o * inner + j)] = best;
            }
        out[0] = std::move(y);
        return {};
    }

private:
    bool m_max;
    int64_t m_axis;
    bool m_keep, m_last;
};

} // namespace

Result<std::unique_ptr<Operator>> makeReduce(const Node& n, int64_t opset)
{
    static const std::pair<std::string_view, ReduceKind> kinds[] = {
        {"ReduceSum", ReduceKind::Sum}, {"ReduceMean", ReduceKind::Mean}, {"ReduceMax", ReduceKind::Max},
        {"ReduceMin", ReduceKind::Min}, {"ReduceProd", ReduceKind::Prod}, {"ReduceL1", ReduceKind::L1},
        {"ReduceL2", ReduceKind::L2}, {"ReduceLogSum", ReduceKind::LogSum},
        {"ReduceLogSumExp", ReduceKind::LogSumExp}, {"ReduceSumSquare", ReduceKind::SumSquare},
    };
    const bool keep = n.intAttribute("keepdims", 1) != 0;
    if (n.opType == "ArgMax" || n.opType == "ArgMin")
        return std::unique_ptr<Operator>(
            new ArgOp(n.opType == "ArgMax", n.intAttribute("axis", 0), keep, n.intAttribute("select_last_index", 0) != 0));
    for (const auto& [name, kind] : kinds)
        if (n.opType == name) {
            const bool axesInput = opset >= (kind == ReduceKind::Sum ? 13 : 18);
            if (axesInput && n.attribute("axes"))
                return fail("axes is an input from opset " + std::to_string(kind == ReduceKind::Sum ? 13 : 18) +
                            ", not an attribute");
            const bool noop = axesInput && n.intAttribute("noop_with_empty_axes", 0) != 0;
            return std::unique_ptr<Operator>(new ReduceOp(kind, intsAttribute(n, "axes"), axesInput, keep, noop));
        }
    return fail("is not a reduction"); // the registry sends only those here
}

} // namespace bitlens::engine

// ScatterElements (and its opset 9-10 name Scatter) and ScatterND: a copy of data with the
// updates written at the given indices, or combined with what is there when `reduction` (opset
// 16+/18+) is add, mul, max or min. Negative indices count from the end; one out of range is an
// error naming it.
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

enum class ScatterReduction { None, Add, Mul, Max, Min };

template <class T>
T combine(ScatterReduction r, T old, T u)
{
    switch (r) {
    case ScatterReduction::Add: return old + u;
    case ScatterReduction::Mul: return old * u;
    case ScatterReduction::Max: return old > u ? old : u;
    case ScatterReduction::Min: return old < u ? old : u;
    default: return u;
    }
}

// out[to] = combine(out[to], updates[from]) in either storage.
void put(ScatterReduction r, Tensor& out, size_t to, const Tensor& updates, size_t from)
{
    if (out.isFloat())
        out.floats[to] = combine(r, out.floats[to], updates.floats[from]);
    else if (r == ScatterReduction::Add || r == ScatterReduction::Mul) // wrap like two's complement
        out.ints[to] = wrapToType(static_cast<int64_t>(combine(r, static_cast<uint64_t>(out.ints[to]),
                                                               static_cast<uint64_t>(updates.ints[from]))),
                                  out.type);
    else
        out.ints[to] = combine(r, out.ints[to], updates.ints[from]);
}

class ScatterOp : public Operator
{
public:
    ScatterOp(bool nd, int64_t axis, ScatterReduction r) : m_nd(nd), m_axis(axis), m_reduction(r) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() != 3 || !in[0] || !in[1] || !in[2])
            return "expects data, indices and updates";
        const Tensor &data = *in[0], &idx = *in[1], &updates = *in[2];
        if (idx.isFloat() || idx.type == DataType::Bool)
            return "indices must be integers, not " + std::string(dataTypeName(idx.type));
        if (updates.isFloat() != data.isFloat())
            return "updates must have data's type";
        Tensor y = data;
        std::vector<int64_t> stride(data.dims.size(), 1);
        for (size_t d = data.dims.size(); d-- > 1;)
            stride[d - 1] = stride[d] * data.dims[d];
        Status st = m_nd ? scatterND(data, idx, updates, stride, y) : scatterElements(data, idx, updates, stride, y);
        if (!st.empty())
            return st;
        out[0] = std::move(y);
        return {};
    }

private:
    Status scatterElements(const Tensor& data, const Tensor& idx, const Tensor& updates, const std::vector<int64_t>& stride,
                           Tensor& y) const
    {
        if (idx.dims != updates.dims || idx.dims.size() != data.dims.size() || data.dims.empty())
            return "indices " + dimsText(idx.dims) + " and updates " + dimsText(updates.dims) +
                   " must have one shape and data's rank";
        auto axis = normalizeAxis(m_axis, data.dims.size());
        if (!axis)
            return "axis " + std::to_string(m_axis) + " is out of range for " + dimsText(data.dims);
        const auto a = static_cast<size_t>(*axis);
        for (size_t d = 0; d < data.dims.size(); ++d)
            if (d != a && idx.dims[d] > data.dims[d])
                return "indices " + dimsText(idx.dims) + " are larger than data " + dimsText(data.dims) + " off the axis";
        std::vector<int64_t> pos(idx.dims.size(), 0);
        const int64_t n = idx.elementCount();
        for (int64_t i = 0; i < n; ++i) {
            int64_t k = idx.ints[static_cast<size_t>(i)];
            if (k < -data.dims[a] || k >= data.dims[a])
                return "index " + std::to_string(k) + " is out of range for axis " + std::to_string(a) + " of " +
                       dimsText(data.dims);
            if (k < 0)
                k += data.dims[a];
            int64_t to = 0;
            for (size_t d = 0; d < pos.size(); ++d)
                to += (d == a ? k : pos[d]) * stride[d];
            put(m_reduction, y, static_cast<size_t>(to), updates, static_cast<size_t>(i));
            nextIndex(pos, idx.dims);
        }
        return {};
    }

    Status scatterND(const Tensor& data, const Tensor& idx, const Tensor& updates, const std::vector<int64_t>& stride,
                     Tensor& y) const
    {
        if (idx.dims.empty())
            return "indices must have rank 1 or more";
        const auto k = static_cast<size_t>(idx.dims.back());
        if (k < 1 || k > data.dims.size())
            return "indices' last dimension " + std::to_string(k) + " must be between 1 and data's rank " +
                   std::to_string(data.dims.size());
        std::vector<int64_t> want(idx.dims.begin(), idx.dims.end() - 1);
        want.insert(want.end(), data.dims.begin() + static_cast<std::ptrdiff_t>(k), data.dims.end());
        if (updates.dims != want)
            return "updates must be " + dimsText(want) + ", not " + dimsText(updates.dims);
        const int64_t slice = k < data.dims.size() ? stride[k - 1] : 1;
        const int64_t tuples = elementCount(std::vector<int64_t>(idx.dims.begin(), idx.dims.end() - 1));
        for (int64_t t = 0; t < tuples; ++t) {
            int64_t base = 0;
            for (size_t d = 0; d < k; ++d) {
                int64_t v = idx.ints[static_cast<size_t>(t) * k + d];
                if (v < -data.dims[d] || v >= data.dims[d])
                    return "index " + std::to_string(v) + " is out of range for axis " + std::to_string(d) + " of " +
                           dimsText(data.dims);
                if (v < 0)
                    v += data.dims[d];
                base += v * stride[d];
            }
            for (int64_t e = 0; e < slice; ++e)
                put(m_reduction, y, static_cast<size_t>(base + e), updates, static_cast<size_t>(t * slice + e));
        }
        return {};
    }

    bool m_nd;
    int64_t m_axis;
    ScatterReduction m_reduction;
};

} // namespace

Result<std::unique_ptr<Operator>> makeScatter(const Node& n, int64_t)
{
    const std::string reduction = stringAttribute(n, "reduction", "none");
    static const std::pair<std::string_view, ScatterReduction> kinds[] = {
        {"none", ScatterReduction::None}, {"add", ScatterReduction::Add}, {"mul", ScatterReduction::Mul},
        {"max", ScatterReduction::Max}, {"min", ScatterReduction::Min}};
    for (const auto& [name, r] : kinds)
        if (reduction == name)
            return std::unique_ptr<Operator>(new ScatterOp(n.opType == "ScatterND", n.intAttribute("axis", 0), r));
    return fail("reduction must be none, add, mul, max or min, not '" + reduction + "'");
}

} // namespace bitlens::engine

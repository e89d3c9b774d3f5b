// Tensors whose size comes from values: ConstantOfShape, Expand, Range, Size, Tile, EyeLike and
// Trilu (the masks and position tensors transformer exports build). Every output's element
// count is checked before anything is allocated, so a shape value or a Range asking for billions
// of elements is refused by size, naming the node.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

__extension__ using Int128 = __int128; // exact range arithmetic on int64 bounds

enum class Generator { ConstantOfShape, Expand, Range, Size, Tile, EyeLike, Trilu };

Tensor filled(std::vector<int64_t> dims, DataType type, double value)
{
    Tensor t;
    t.type = type;
    const auto n = static_cast<size_t>(checkedElementCount(dims));
    t.dims = std::move(dims);
    if (isFloatType(type))
        t.floats.assign(n, static_cast<float>(value));
    else
        t.ints.assign(n, static_cast<int64_t>(value));
    return t;
}

Status oneDimensional(const Tensor& t, const char* what)
{
    if (t.isFloat() || t.dims.size() != 1)
        return std::string(what) + " must be a 1-D integer tensor, not " + std::string(dataTypeName(t.type)) + " " +
               dimsText(t.dims);
    return {};
}

class GeneratorOp : public Operator
{
public:
    GeneratorOp(Generator g, const Node& n) : m_kind(g)
    {
        if (const Attribute* v = n.attribute("value"); v && v->tensor)
            m_value = v->tensor;
        m_dtype = static_cast<DataType>(n.intAttribute("dtype", 0));
        m_k = n.intAttribute("k", 0);
        m_upper = n.intAttribute("upper", 1) != 0;
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        switch (m_kind) {
        case Generator::ConstantOfShape: return constantOfShape(x, out[0]);
        case Generator::Expand: return expand(x, in, out[0]);
        case Generator::Range: return range(in, out[0]);
        case Generator::Size:
            out[0] = filled({}, DataType::Int64, static_cast<double>(x.elementCount()));
            out[0].ints[0] = x.elementCount(); // exact beyond double's precision
            return {};
        case Generator::Tile: return tile(x, in, out[0]);
        case Generator::EyeLike: return eyeLike(x, out[0]);
        case Generator::Trilu: return trilu(x, in, out[0]);
        }
        return "unknown generator";
    }

private:
    Status constantOfShape(const Tensor& shape, Tensor& out) const
    {
        if (Status st = oneDimensional(shape, "the shape"); !st.empty())
            return st;
        const DataType type = m_value ? m_value->type : DataType::Float;
        const double v = !m_value ? 0.0 : m_value->isFloat() ? m_value->floats[0] : static_cast<double>(m_value->ints[0]);
        out = filled(shape.ints, type, v);
        if (m_value && !m_value->isFloat()) // exact for int64 values beyond double's precision
            std::fill(out.ints.begin(), out.ints.end(), m_value->ints[0]);
        return {};
    }

    static Status expand(const Tensor& x, std::span<const Tensor* const> in, Tensor& out)
    {
        if (in.size() < 2 || !in[1])
            return "expects a shape input";
        if (Status st = oneDimensional(*in[1], "the shape"); !st.empty())
            return st;
        auto shape = broadcastShapes(x.dims, in[1]->ints);
        if (!shape)
            return "cannot expand " + dimsText(x.dims) + " to " + dimsText(in[1]->ints);
        checkedElementCount(*shape);
        out = gatherElements(x, *shape, broadcastIndex(x.dims, *shape));
        return {};
    }

    static Status range(std::span<const Tensor* const> in, Tensor& out)
    {
        if (in.size() != 3 || !in[1] || !in[2])
            return "expects start, limit and delta";
        for (const Tensor* t : in)
            if (t->elementCount() != 1)
                return "start, limit and delta must be scalars";
        const Tensor &start = *in[0], &limit = *in[1], &delta = *in[2];
        if (start.isFloat() != limit.isFloat() || start.isFloat() != delta.isFloat())
            return "start, limit and delta must have one type";
        if (start.isFloat()) {
            const double s = start.floats[0], l = limit.floats[0], d = delta.floats[0];
            if (d == 0 || !std::isfinite(s) || !std::isfinite(l) || !std::isfinite(d))
                return "delta must be nonzero and every value finite";
            const double count = std::max(std::ceil((l - s) / d), 0.0);
            if (!(count < 9.2e18))
                return "the range has too many elements";
            out = filled({static_cast<int64_t>(count)}, start.type, 0);
            for (size_t i = 0; i < out.floats.size(); ++i)
                out.floats[i] = static_cast<float>(s + static_cast<double>(i) * d);
            return {};
        }
        const Int128 s = start.ints[0], l = limit.ints[0], d = delta.ints[0];
        if (d == 0)
            return "delta must be nonzero";
        const Int128 diff = l - s;
        const Int128 count = d > 0 ? (diff > 0 ? (diff + d - 1) / d : 0) : (diff < 0 ? (-diff - d - 1) / -d : 0);
        if (count > maxTensorElements())
            return "the range has " + std::to_string(static_cast<long long>(count > INT64_MAX ? INT64_MAX : count)) +
                   " elements, over the limit of " + std::to_string(maxTensorElements());
        out = filled({static_cast<int64_t>(count)}, start.type, 0);
        for (size_t i = 0; i < out.ints.size(); ++i)
            out.ints[i] = wrapToType(static_cast<int64_t>(s + static_cast<Int128>(i) * d), start.type);
        return {};
    }

    static Status tile(const Tensor& x, std::span<const Tensor* const> in, Tensor& out)
    {
        if (in.size() < 2 || !in[1])
            return "expects a repeats input";
        if (Status st = oneDimensional(*in[1], "repeats"); !st.empty())
            return st;
        const std::vector<int64_t>& reps = in[1]->ints;
        if (reps.size() != x.dims.size())
            return "repeats has " + std::to_string(reps.size()) + " values for an input of rank " + std::to_string(x.dims.size());
        std::vector<int64_t> dims(x.dims.size());
        for (size_t d = 0; d < dims.size(); ++d)
            if (reps[d] < 0 || __builtin_mul_overflow(x.dims[d], reps[d], &dims[d]))
                return "repeats " + dimsText(reps) + " are negative or too large for " + dimsText(x.dims);
        const int64_t n = checkedElementCount(dims);
        std::vector<int64_t> index(static_cast<size_t>(n)), pos(dims.size(), 0);
        for (int64_t i = 0; i < n; ++i) {
            int64_t src = 0;
            for (size_t d = 0; d < dims.size(); ++d)
                src = src * x.dims[d] + pos[d] % x.dims[d];
            index[static_cast<size_t>(i)] = src;
            nextIndex(pos, dims);
        }
        out = gatherElements(x, dims, index);
        return {};
    }

    Status eyeLike(const Tensor& x, Tensor& out) const
    {
        if (x.dims.size() != 2)
            return "expects a 2-D input, not " + dimsText(x.dims);
        const DataType type = m_dtype == DataType::Undefined ? x.type : m_dtype;
        out = filled(x.dims, type, 0);
        for (int64_t i = 0; i < x.dims[0]; ++i) {
            const int64_t j = i + m_k;
            if (j >= 0 && j < x.dims[1]) {
                const auto at = static_cast<size_t>(i * x.dims[1] + j);
                if (out.isFloat())
                    out.floats[at] = 1;
                else
                    out.ints[at] = 1;
            }
        }
        return {};
    }

    Status trilu(const Tensor& x, std::span<const Tensor* const> in, Tensor& out) const
    {
        if (x.dims.size() < 2)
            return "expects an input of rank 2 or more, not " + dimsText(x.dims);
        int64_t k = 0;
        if (in.size() > 1 && in[1]) {
            if (in[1]->elementCount() != 1)
                return "k must be a scalar";
            k = asInts(*in[1])[0];
        }
        out = x;
        const int64_t rows = x.dims[x.dims.size() - 2], cols = x.dims.back();
        const int64_t n = x.elementCount();
        for (int64_t e = 0; e < n; ++e) {
            const int64_t j = e % cols, i = (e / cols) % rows;
            // Keep j - i >= k (upper) or j - i <= k (lower), in int128: k may be anything.
            const Int128 diff = static_cast<Int128>(j) - i;
            if (m_upper ? diff < k : diff > k) {
                if (out.isFloat())
                    out.floats[static_cast<size_t>(e)] = 0;
                else
                    out.ints[static_cast<size_t>(e)] = 0;
            }
        }
        return {};
    }

    Generator m_kind;
    std::shared_ptr<const Tensor> m_value;
    DataType m_dtype = DataType::Undefined;
    int64_t m_k = 0;
    bool m_upper = true;
};

} // namespace

Result<std::unique_ptr<Operator>> makeShapeGenerator(const Node& n, int64_t)
{
    static const std::pair<std::string_view, Generator> kinds[] = {
        {"ConstantOfShape", Generator::ConstantOfShape}, {"Expand", Generator::Expand}, {"Range", Generator::Range},
        {"Size", Generator::Size}, {"Tile", Generator::Tile}, {"EyeLike", Generator::EyeLike}, {"Trilu", Generator::Trilu},
    };
    for (const auto& [name, kind] : kinds)
        if (n.opType == name) {
            if (kind == Generator::ConstantOfShape)
                if (const Attribute* v = n.attribute("value"); v && (!v->tensor || v->tensor->elementCount() != 1))
                    return fail("value must be a tensor of one element");
            if (kind == Generator::EyeLike) {
                const auto dtype = static_cast<DataType>(n.intAttribute("dtype", 0));
                if (dtype != DataType::Undefined && !isFloatType(dtype) && !isIntegerType(dtype))
                    return fail("dtype " + std::string(dataTypeName(dtype)) + " is not supported");
            }
            return std::unique_ptr<Operator>(new GeneratorOp(kind, n));
        }
    return fail("is not a shape generator"); // the registry sends only those here
}

} // namespace bitlens::engine

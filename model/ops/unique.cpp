// Unique (opset 11; 12..21 change nothing): the distinct elements of X flattened, or with the
// `axis` attribute the distinct slices of X along that axis (negative counts from the back).
// Outputs: Y, and optionally the int64 `indices` of each one's first occurrence in X,
// `inverse_indices` (for each element or slice of X, its position in Y) and `counts`. sorted=1
// (default) orders Y ascending (slices lexicographically, as numpy.unique does), sorted=0 by first
// occurrence. Any numeric type or bool (BitLens holds no string tensors); NaNs count as equal to
// each other and sort after every number.
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bitlens::engine {
namespace {

// Three-way comparison of float values in the order above (NaN last, NaNs equal).
int compareFloat(float a, float b)
{
    const bool na = std::isnan(a), nb = std::isnan(b);
    if (na || nb)
        return na == nb ? 0 : (na ? 1 : -1);
    return a < b ? -1 : (b < a ? 1 : 0);
}

class UniqueOp : public Operator
{
public:
    UniqueOp(std::optional<int64_t> axis, bool sorted) : m_axis(axis), m_sorted(sorted) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        const int64_t total = x.elementCount();
        // X viewed as [outer, n, inner]: n items (elements or slices) of `outer` runs of `inner`.
        int64_t outer = 1, n = total, inner = 1;
        size_t a = 0;
        if (m_axis) {
            auto axis = normalizeAxis(*m_axis, x.dims.size());
            if (!axis)
                return "axis " + std::to_string(*m_axis) + " is out of range for " + dimsText(x.dims);
            a = static_cast<size_t>(*axis);
            n = x.dims[a];
            if (total == 0) {
                // Every slice is empty (all equal); the other axes may be huge, so none is multiplied.
                outer = 0;
            } else {
                for (size_t d = 0; d < a; ++d)
                    outer *= x.dims[d];
                for (size_t d = a + 1; d < x.dims.size(); ++d)
                    inner *= x.dims[d];
            }
        }
        const int64_t sliceLength = outer * inner;
        auto element = [&](int64_t item, int64_t k) { return (k / inner * n + item) * inner + k % inner; };
        auto compare = [&](int64_t p, int64_t q) {
            for (int64_t k = 0; k < sliceLength; ++k) {
                const auto ip = static_cast<size_t>(element(p, k)), iq = static_cast<size_t>(element(q, k));
                const int c = x.isFloat() ? compareFloat(x.floats[ip], x.floats[iq])
                                          : (x.ints[ip] < x.ints[iq] ? -1 : (x.ints[iq] < x.ints[ip] ? 1 : 0));
                if (c != 0)
                    return c;
            }
            return 0;
        };
        int64_t log2n = 1;
        while (log2n < 63 && (int64_t{1} << log2n) < n)
            ++log2n;
        checkWork({n, std::max<int64_t>(sliceLength, 1), log2n});

        checkedElementCount({n}); // an empty X may have a huge axis; inverse_indices has n values
        // Stable sort of the items, then runs of equal items: each run's first is its first occurrence.
        std::vector<int64_t> order(static_cast<size_t>(n));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int64_t p, int64_t q) { return compare(p, q) < 0; });
        std::vector<int64_t> first, counts, inverse(static_cast<size_t>(n));
        for (size_t i = 0; i < order.size(); ++i) {
            if (i == 0 || compare(order[i - 1], order[i]) != 0) {
                first.push_back(order[i]);
                counts.push_back(0);
            }
            inverse[static_cast<size_t>(order[i])] = static_cast<int64_t>(first.size()) - 1;
            ++counts.back();
        }
        const auto unique = static_cast<int64_t>(first.size());
        if (!m_sorted) { // renumber the runs by first occurrence
            std::vector<int64_t> byFirst(static_cast<size_t>(unique)), rank(static_cast<size_t>(unique));
            std::iota(byFirst.begin(), byFirst.end(), 0);
            std::sort(byFirst.begin(), byFirst.end(),
                      [&](int64_t p, int64_t q) { return first[static_cast<size_t>(p)] < first[static_cast<size_t>(q)]; });
            std::vector<int64_t> f(first.size()), c(counts.size());
            for (size_t r = 0; r < byFirst.size(); ++r) {
                const auto old = static_cast<size_t>(byFirst[r]);
                f[r] = first[old];
                c[r] = counts[old];
                rank[old] = static_cast<int64_t>(r);
            }
            first = std::move(f);
            counts = std::move(c);
            for (int64_t& v : inverse)
                v = rank[static_cast<size_t>(v)];
        }

        std::vector<int64_t> yDims{unique};
        if (m_axis) {
            yDims = x.dims;
            yDims[a] = unique;
        }
        Tensor y;
        y.type = x.type;
        y.dims = yDims;
        const int64_t yCount = checkedElementCount(yDims);
        if (x.isFloat())
            y.floats.resize(static_cast<size_t>(yCount));
        else
            y.ints.resize(static_cast<size_t>(yCount));
        for (int64_t u = 0; u < unique; ++u)
            for (int64_t k = 0; k < sliceLength; ++k) {
                const auto to = static_cast<size_t>((k / inner * unique + u) * inner + k % inner);
                const auto from = static_cast<size_t>(element(first[static_cast<size_t>(u)], k));
                if (x.isFloat())
                    y.floats[to] = x.floats[from];
                else
                    y.ints[to] = x.ints[from];
            }
        out[0] = std::move(y);
        auto int64Vector = [](std::vector<int64_t> v) {
            Tensor t = intTensor({static_cast<int64_t>(v.size())});
            t.ints = std::move(v);
            return t;
        };
        if (out.size() > 1)
            out[1] = int64Vector(std::move(first));
        if (out.size() > 2)
            out[2] = int64Vector(std::move(inverse));
        if (out.size() > 3)
            out[3] = int64Vector(std::move(counts));
        return {};
    }

private:
    std::optional<int64_t> m_axis;
    bool m_sorted;
};

} // namespace

Result<std::unique_ptr<Operator>> makeUnique(const Node& n, int64_t)
{
    const int64_t sorted = n.intAttribute("sorted", 1);
    if (sorted != 0 && sorted != 1)
        return fail("sorted " + std::to_string(sorted) + " must be 0 or 1");
    const Attribute* axis = n.attribute("axis");
    if (axis && axis->kind != Attribute::Kind::Int)
        return fail("axis must be an integer");
    return std::unique_ptr<Operator>(new UniqueOp(axis ? std::optional<int64_t>(axis->i) : std::nullopt, sorted == 1));
}

} // namespace bitlens::engine

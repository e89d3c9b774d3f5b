// Where(condition, X, Y): X where the condition is true, else Y, the three broadcast together
// (numpy rules). X and Y share a type, which the output keeps.
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class WhereOp : public Operator
{
    // An input's stride along each axis of the broadcast shape (0 where it is broadcast).
    static std::vector<int64_t> strides(const std::vector<int64_t>& in, const std::vector<int64_t>& shape)
    {
        std::vector<int64_t> st(shape.size(), 0);
        const size_t off = shape.size() - in.size();
        int64_t s = 1;
        for (size_t i = in.size(); i-- > 0;) {
            st[i + off] = in[i] == 1 ? 0 : s;
            s *= in[i];
        }
        return st;
    }

public:
    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() != 3 || !in[0] || !in[1] || !in[2])
            return "expects three inputs";
        const Tensor &c = *in[0], &x = *in[1], &y = *in[2];
        if (c.type != DataType::Bool)
            return "expects a BOOL condition, not " + std::string(dataTypeName(c.type));
        if (x.isFloat() != y.isFloat())
            return "expects X and Y of one type, not " + std::string(dataTypeName(x.type)) + " and " +
                   std::string(dataTypeName(y.type));
        auto xy = broadcastShapes(x.dims, y.dims);
        auto shape = xy ? broadcastShapes(c.dims, *xy) : std::nullopt;
        if (!shape)
            return "cannot broadcast " + dimsText(c.dims) + ", " + dimsText(x.dims) + " and " + dimsText(y.dims);
        const auto n = static_cast<size_t>(checkedElementCount(*shape));
        Tensor r;
        r.type = x.type;
        r.dims = *shape;
        if (x.isFloat())
            r.floats.resize(n);
        else
            r.ints.resize(n);
        if (n == 0) {
            out[0] = std::move(r);
            return {};
        }
        // Row by row along the last axis, each input stepping by its own stride (0 where it is
        // broadcast): no per-element index tables (a causal mask over [batch, heads, seq, seq]).
        const std::vector<int64_t> sc = strides(c.dims, *shape), sx = strides(x.dims, *shape), sy = strides(y.dims, *shape);
        const size_t rank = shape->size();
        const int64_t len = rank ? shape->back() : 1;
        const int64_t lc = rank ? sc.back() : 0, lx = rank ? sx.back() : 0, ly = rank ? sy.back() : 0;
        const auto rows = static_cast<int64_t>(n) / len;
        std::vector<int64_t> pos(rank, 0);
        int64_t oc = 0, ox = 0, oy = 0;
        for (int64_t row = 0; row < rows; ++row) {
            const int64_t* cr = c.ints.data() + oc;
            if (x.isFloat()) {
                const float *xr = x.floats.data() + ox, *yr = y.floats.data() + oy;
                float* d = r.floats.data() + row * len;
                for (int64_t i = 0; i < len; ++i)
                    d[i] = cr[i * lc] ? xr[i * lx] : yr[i * ly];
            } else {
                const int64_t *xr = x.ints.data() + ox, *yr = y.ints.data() + oy;
                int64_t* d = r.ints.data() + row * len;
                for (int64_t i = 0; i < len; ++i)
                    d[i] = cr[i * lc] ? xr[i * lx] : yr[i * ly];
            }
            for (size_t a = rank ? rank - 1 : 0; a-- > 0;) { // odometer over the outer axes
                oc += sc[a];
                ox += sx[a];
                oy += sy[a];
                if (++pos[a] < (*shape)[a])
                    break;
                oc -= sc[a] * (*shape)[a];
                ox -= sx[a] * (*shape)[a];
                oy -= sy[a] * (*shape)[a];
                pos[a] = 0;
            }
        }
        out[0] = std::move(r);
        return {};
    }
};

} // namespace

Result<std::unique_ptr<Operator>> makeWhere(const Node&, int64_t)
{
    return std::unique_ptr<Operator>(new WhereOp());
}

} // namespace bitlens::engine

// Where(condition, X, Y): X where the condition is true, else Y, the three broadcast together
// (numpy rules). X and Y share a type, which the output keeps.
#include "common.h"
#include "registry.h"

namespace bitlens::engine {
namespace {

class WhereOp : public Operator
{
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
        const auto ic = broadcastIndex(c.dims, *shape), ix = broadcastIndex(x.dims, *shape),
                   iy = broadcastIndex(y.dims, *shape);
        Tensor r;
        r.type = x.type;
        r.dims = *shape;
        if (x.isFloat()) {
            r.floats.resize(n);
            for (size_t i = 0; i < n; ++i)
                r.floats[i] = c.ints[static_cast<size_t>(ic[i])] ? x.floats[static_cast<size_t>(ix[i])]
                                                                 : y.floats[static_cast<size_t>(iy[i])];
        } else {
            r.ints.resize(n);
            for (size_t i = 0; i < n; ++i)
                r.ints[i] = c.ints[static_cast<size_t>(ic[i])] ? x.ints[static_cast<size_t>(ix[i])]
                                                               : y.ints[static_cast<size_t>(iy[i])];
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

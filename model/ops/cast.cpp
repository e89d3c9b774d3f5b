// Cast and CastLike between the float types, the integer types and bool. Float values are held in
// float32: a cast to float16 or bfloat16 rounds to that type (to nearest, ties to even), a cast to
// double keeps float32 precision. Float to integer truncates toward zero; integers wrap to the
// target width. Strings are not supported. CastLike takes the target type from its second input.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

class CastOp : public Operator
{
public:
    explicit CastOp(DataType to) : m_to(to) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        DataType to = m_to;
        if (to == DataType::Undefined) { // CastLike
            if (in.size() < 2 || !in[1])
                return "expects a target_type input";
            to = in[1]->type;
        }
        if (!isFloatType(to) && !isIntegerType(to))
            return "casting to " + std::string(dataTypeName(to)) + " is not supported";
        out[0] = cast(*in[0], to);
        return {};
    }

private:
    static Tensor cast(const Tensor& x, DataType to)
    {
        Tensor y = isFloatType(to) ? floatTensor(x.dims) : intTensor(x.dims);
        y.type = to;
        const size_t n = static_cast<size_t>(x.elementCount());
        for (size_t i = 0; i < n; ++i) {
            if (isFloatType(to)) {
                y.floats[i] = x.isFloat() ? x.floats[i] : static_cast<float>(x.ints[i]);
            } else if (x.isFloat()) {
                const float v = x.floats[i];
                if (to == DataType::Bool)
                    y.ints[i] = v != 0;
                else
                    y.ints[i] = std::isfinite(v) && std::fabs(v) < 9.2e18f ? wrapToType(static_cast<int64_t>(v), to) : 0;
            } else {
                y.ints[i] = wrapToType(x.ints[i], to);
            }
        }
        roundToStoredType(y);
        return y;
    }

    DataType m_to;
};

} // namespace

Result<std::unique_ptr<Operator>> makeCast(const Node& node, int64_t)
{
    if (node.opType == "CastLike")
        return std::unique_ptr<Operator>(new CastOp(DataType::Undefined));
    const auto to = static_cast<DataType>(node.intAttribute("to", 0));
    if (!(isFloatType(to) || isIntegerType(to)))
        return fail("casting to " + std::string(dataTypeName(to)) + " is not supported");
    return std::unique_ptr<Operator>(new CastOp(to));
}

} // namespace bitlens::engine

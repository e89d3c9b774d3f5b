// Cast between float32/float64 and the integer types and bool. Float values are held in float32
// (a cast to double keeps float32 precision); casts to float16, bfloat16 or string are not
// supported. Float to integer truncates toward zero; integers wrap to the target width.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

int64_t wrap(int64_t v, DataType t)
{
    switch (t) {
    case DataType::Int8: return static_cast<int8_t>(v);
    case DataType::UInt8: return static_cast<uint8_t>(v);
    case DataType::Int16: return static_cast<int16_t>(v);
    case DataType::UInt16: return static_cast<uint16_t>(v);
    case DataType::Int32: return static_cast<int32_t>(v);
    case DataType::UInt32: return static_cast<uint32_t>(v);
    case DataType::Bool: return v != 0;
    default: return v;
    }
}

class CastOp : public Operator
{
public:
    explicit CastOp(DataType to) : m_to(to) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        Tensor y = isFloatType(m_to) ? floatTensor(x.dims) : intTensor(x.dims);
        y.type = m_to;
        const size_t n = static_cast<size_t>(x.elementCount());
        for (size_t i = 0; i < n; ++i) {
            if (isFloatType(m_to)) {
                y.floats[i] = x.isFloat() ? x.floats[i] : static_cast<float>(x.ints[i]);
            } else if (x.isFloat()) {
                const float v = x.floats[i];
                if (m_to == DataType::Bool)
                    y.ints[i] = v != 0;
                else
                    y.ints[i] = std::isfinite(v) && std::fabs(v) < 9.2e18f ? wrap(static_cast<int64_t>(v), m_to) : 0;
            } else {
                y.ints[i] = wrap(x.ints[i], m_to);
            }
        }
        out[0] = std::move(y);
        return {};
    }

private:
    DataType m_to;
};

} // namespace

Result<std::unique_ptr<Operator>> makeCast(const Node& node, int64_t)
{
    const auto to = static_cast<DataType>(node.intAttribute("to", 0));
    if (to == DataType::Float16 || to == DataType::BFloat16 || to == DataType::String ||
        !(isFloatType(to) || isIntegerType(to)))
        return fail("casting to " + std::string(dataTypeName(to)) + " is not supported");
    return std::unique_ptr<Operator>(new CastOp(to));
}

} // namespace bitlens::engine

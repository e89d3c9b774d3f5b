#include "onnx_tensor_encode.h"

#include "half_float.h"

#include <cstring>

namespace bitlens {

namespace {

// Each value as a little-endian T (the machine's order on every target BitLens builds for).
template <typename T, typename Values, typename Convert>
std::string packed(const Values& values, Convert convert)
{
    std::string bytes(values.size() * sizeof(T), '\0');
    for (size_t i = 0; i < values.size(); ++i) {
        const T v = convert(values[i]);
        std::memcpy(bytes.data() + i * sizeof(T), &v, sizeof(T));
    }
    return bytes;
}

template <typename T>
std::string packedInts(const Tensor& t)
{
    return packed<T>(t.ints, [](int64_t v) { return static_cast<T>(v); });
}

} // namespace

Result<bool> encodeTensor(const Tensor& value, onnx::TensorProto& t)
{
    t.Clear();
    t.set_name(value.name);
    for (int64_t d : value.dims)
        t.add_dims(d);
    std::string bytes;
    switch (value.type) {
    case DataType::Float: bytes = packed<float>(value.floats, [](float v) { return v; }); break;
    case DataType::Double: bytes = packed<double>(value.floats, [](float v) { return double{v}; }); break;
    case DataType::Float16: bytes = packed<uint16_t>(value.floats, floatToHalf); break;
    case DataType::BFloat16: bytes = packed<uint16_t>(value.floats, floatToBfloat16); break;
    case DataType::Int8: bytes = packedInts<int8_t>(value); break;
    case DataType::UInt8: bytes = packedInts<uint8_t>(value); break;
    case DataType::Bool: bytes = packedInts<uint8_t>(value); break;
    case DataType::Int16: bytes = packedInts<int16_t>(value); break;
    case DataType::UInt16: bytes = packedInts<uint16_t>(value); break;
    case DataType::Int32: bytes = packedInts<int32_t>(value); break;
    case DataType::UInt32: bytes = packedInts<uint32_t>(value); break;
    case DataType::Int64: bytes = packedInts<int64_t>(value); break;
    case DataType::UInt64: bytes = packedInts<uint64_t>(value); break;
    default: return fail("tensor '" + value.name + "': " + std::string(dataTypeName(value.type)) + " values are not written");
    }
    t.set_data_type(static_cast<int32_t>(value.type)); // DataType mirrors TensorProto::DataType
    t.set_raw_data(std::move(bytes));
    return true;
}

} // namespace bitlens

#include "onnx_tensor_decode.h"

#include "external_data.h"
#include "half_float.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace bitlens {
namespace {

bool knownType(int t) { return t >= 1 && t <= 16; }

Result<int64_t> parseInt(const std::string& s, const std::string& what)
{
    int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
        return fail("external data " + what + " '" + s + "' is not an integer");
    return v;
}

// Converts `count` little-endian elements of `type` from `bytes` into the tensor's storage.
void convertRaw(const char* bytes, int64_t count, Tensor& t)
{
    const auto n = static_cast<size_t>(count);
    if (n == 0) // an empty tensor: no bytes to copy (memcpy must not see a null pointer)
        return;
    auto load = [&](auto sample, auto&& store) {
        using T = decltype(sample);
        for (size_t i = 0; i < n; ++i) {
            T v;
            std::memcpy(&v, bytes + i * sizeof(T), sizeof(T));
            store(i, v);
        }
    };
    if (t.isFloat()) {
        t.floats.resize(n);
        switch (t.type) {
        case DataType::Float: std::memcpy(t.floats.data(), bytes, n * sizeof(float)); break;
        case DataType::Double: load(double{}, [&](size_t i, double v) { t.floats[i] = static_cast<float>(v); }); break;
        case DataType::Float16: load(uint16_t{}, [&](size_t i, uint16_t v) { t.floats[i] = halfToFloat(v); }); break;
        case DataType::BFloat16: load(uint16_t{}, [&](size_t i, uint16_t v) { t.floats[i] = bfloat16ToFloat(v); }); break;
        default: break;
        }
        return;
    }
    t.ints.resize(n);
    switch (t.type) {
    case DataType::UInt8: case DataType::Bool: load(uint8_t{}, [&](size_t i, uint8_t v) { t.ints[i] = v; }); break;
    case DataType::Int8: load(int8_t{}, [&](size_t i, int8_t v) { t.ints[i] = v; }); break;
    case DataType::UInt16: load(uint16_t{}, [&](size_t i, uint16_t v) { t.ints[i] = v; }); break;
    case DataType::Int16: load(int16_t{}, [&](size_t i, int16_t v) { t.ints[i] = v; }); break;
    case DataType::Int32: load(int32_t{}, [&](size_t i, int32_t v) { t.ints[i] = v; }); break;
    case DataType::UInt32: load(uint32_t{}, [&](size_t i, uint32_t v) { t.ints[i] = v; }); break;
    case DataType::Int64: load(int64_t{}, [&](size_t i, int64_t v) { t.ints[i] = v; }); break;
    case DataType::UInt64: load(uint64_t{}, [&](size_t i, uint64_t v) { t.ints[i] = static_cast<int64_t>(v); }); break;
    default: break;
    }
}

// The typed repeated field that holds `type` (onnx.proto's comments), and its length.
int64_t typedFieldSize(const onnx::TensorProto& p, DataType type)
{
    switch (type) {
    case DataType::Float: return p.float_data_size();
    case DataType::Double: return p.double_data_size();
    case DataType::Int64: return p.int64_data_size();
    case DataType::UInt32: case DataType::UInt64: return p.uint64_data_size();
    default: return p.int32_data_size(); // int32, int16, int8, uint16, uint8, bool, float16, bfloat16
    }
}

const char* typedFieldName(DataType type)
{
    switch (type) {
    case DataType::Float: return "float_data";
    case DataType::Double: return "double_data";
    case DataType::Int64: return "int64_data";
    case DataType::UInt32: case DataType::UInt64: return "uint64_data";
    default: return "int32_data";
    }
}

void convertTyped(const onnx::TensorProto& p, int64_t count, Tensor& t)
{
    const auto n = static_cast<size_t>(count);
    if (t.isFloat()) {
        t.floats.resize(n);
        for (size_t i = 0; i < n; ++i) {
            switch (t.type) {
            case DataType::Float: t.floats[i] = p.float_data(static_cast<int>(i)); break;
            case DataType::Double: t.floats[i] = static_cast<float>(p.double_data(static_cast<int>(i))); break;
            case DataType::Float16: t.floats[i] = halfToFloat(static_cast<uint16_t>(p.int32_data(static_cast<int>(i)))); break;
            default: t.floats[i] = bfloat16ToFloat(static_cast<uint16_t>(p.int32_data(static_cast<int>(i)))); break;
            }
        }
        return;
    }
    t.ints.resize(n);
    for (size_t i = 0; i < n; ++i) {
        const int k = static_cast<int>(i);
        switch (t.type) {
        case DataType::Int64: t.ints[i] = p.int64_data(k); break;
        case DataType::UInt32: case DataType::UInt64: t.ints[i] = static_cast<int64_t>(p.uint64_data(k)); break;
        default: t.ints[i] = p.int32_data(k); break;
        }
    }
}

} // namespace

Result<Tensor> decodeTensor(onnx::TensorProto& p, DecodeContext& ctx)
{
    Tensor t;
    t.name = p.name();
    const std::string who = "tensor '" + t.name + "'";
    if (!knownType(p.data_type()))
        return fail(who + " has unknown data type " + std::to_string(p.data_type()));
    t.type = static_cast<DataType>(p.data_type());
    const int64_t elemSize = dataTypeSize(t.type);
    if (elemSize == 0)
        return fail(who + " has data type " + std::string(dataTypeName(t.type)) + ", which BitLens does not read");
    if (p.has_segment())
        return fail(who + " is segmented, which BitLens does not read");
    if (p.dims_size() > 64)
        return fail(who + " has " + std::to_string(p.dims_size()) + " dimensions");

    // Limits count decoded bytes: float types become float32, integer types int64.
    const int64_t decodedSize = isFloatType(t.type) ? 4 : 8;
    int64_t count = 1;
    const int64_t cap = isFloatType(t.type) ? ctx.limits->maxTensorBytes
                                            : std::min(ctx.limits->maxTensorBytes, ctx.limits->maxIntegerTensorBytes);
    const int64_t maxCount = cap / std::max(elemSize, decodedSize);
    for (int i = 0; i < p.dims_size(); ++i) {
        const int64_t d = p.dims(i);
        if (d < 0)
            return fail(who + " has a negative dimension " + std::to_string(d));
        if (d != 0 && count > maxCount / d)
            return fail(who + " has " + std::to_string(p.dims_size()) + " dims whose product is over the " +
                        std::to_string(cap >> 20) + " MiB limit");
        count *= d;
        t.dims.push_back(d);
    }
    const int64_t bytes = count * elemSize;
    const int64_t decodedBytes = count * decodedSize;
    if (decodedBytes > ctx.limits->maxTotalBytes - ctx.decodedBytes)
        return fail(who + " takes the model's constants over the " +
                    std::to_string(ctx.limits->maxTotalBytes >> 30) + " GiB limit");

    if (p.data_location() == onnx::TensorProto::EXTERNAL) {
        std::string location;
        int64_t offset = 0, length = -1;
        for (const auto& kv : p.external_data()) {
            if (kv.key() == "location") {
                location = kv.value();
            } else if (kv.key() == "offset") {
                auto v = parseInt(kv.value(), "offset");
                if (!v)
                    return fail(who + ": " + v.error());
                offset = *v;
            } else if (kv.key() == "length") {
                auto v = parseInt(kv.value(), "length");
                if (!v)
                    return fail(who + ": " + v.error());
                length = *v;
            }
        }
        auto path = resolveExternalDataPath(ctx.modelDir, location);
        if (!path)
            return fail(who + ": " + path.error());
        if (auto inside = checkExternalRange(*path, offset, length, bytes); !inside) // before allocating
            return fail(who + ": " + inside.error());
        if (t.type == DataType::Float) { // straight into the tensor (little-endian, as ONNX stores it)
            t.floats.resize(static_cast<size_t>(count));
            auto read = readExternalData(*path, offset, length, bytes, reinterpret_cast<char*>(t.floats.data()));
            if (!read)
                return fail(who + ": " + read.error());
        } else {
            std::string data(static_cast<size_t>(bytes), '\0');
            auto read = readExternalData(*path, offset, length, bytes, data.data());
            if (!read)
                return fail(who + ": " + read.error());
            convertRaw(data.data(), count, t);
        }
    } else if (p.has_raw_data()) {
        // Both forms at once: which one the exporter meant is ambiguous, so neither is chosen.
        if (typedFieldSize(p, t.type) > 0)
            return fail(who + " has both raw_data and " + typedFieldName(t.type) + " (" +
                        std::to_string(typedFieldSize(p, t.type)) + " values); a tensor stores its values in one of them");
        if (static_cast<int64_t>(p.raw_data().size()) != bytes)
            return fail(who + " has " + std::to_string(p.raw_data().size()) + " bytes of raw_data but its dims " +
                        shapeString(t.dims) + " need " + std::to_string(bytes));
        convertRaw(p.raw_data().data(), count, t);
        std::string().swap(*p.mutable_raw_data()); // free the payload now, not with the model
    } else {
        const int64_t have = typedFieldSize(p, t.type);
        if (have != count)
            return fail(who + " has " + std::to_string(have) + " values but its dims " + shapeString(t.dims) +
                        " need " + std::to_string(count));
        convertTyped(p, count, t);
    }
    ctx.decodedBytes += decodedBytes;
    return t;
}

} // namespace bitlens

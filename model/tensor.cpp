#include "tensor.h"

#include "half_float.h"

namespace bitlens {

std::string_view dataTypeName(DataType type)
{
    switch (type) {
    case DataType::Undefined: return "UNDEFINED";
    case DataType::Float: return "FLOAT";
    case DataType::UInt8: return "UINT8";
    case DataType::Int8: return "INT8";
    case DataType::UInt16: return "UINT16";
    case DataType::Int16: return "INT16";
    case DataType::Int32: return "INT32";
    case DataType::Int64: return "INT64";
    case DataType::String: return "STRING";
    case DataType::Bool: return "BOOL";
    case DataType::Float16: return "FLOAT16";
    case DataType::Double: return "DOUBLE";
    case DataType::UInt32: return "UINT32";
    case DataType::UInt64: return "UINT64";
    case DataType::Complex64: return "COMPLEX64";
    case DataType::Complex128: return "COMPLEX128";
    case DataType::BFloat16: return "BFLOAT16";
    }
    return "UNKNOWN";
}

bool isFloatType(DataType type)
{
    return type == DataType::Float || type == DataType::Float16 || type == DataType::BFloat16 ||
           type == DataType::Double;
}

bool isIntegerType(DataType type)
{
    switch (type) {
    case DataType::UInt8: case DataType::Int8: case DataType::UInt16: case DataType::Int16:
    case DataType::Int32: case DataType::Int64: case DataType::Bool: case DataType::UInt32:
    case DataType::UInt64:
        return true;
    default:
        return false;
    }
}

int64_t dataTypeSize(DataType type)
{
    switch (type) {
    case DataType::Float: case DataType::Int32: case DataType::UInt32: return 4;
    case DataType::UInt8: case DataType::Int8: case DataType::Bool: return 1;
    case DataType::UInt16: case DataType::Int16: case DataType::Float16: case DataType::BFloat16: return 2;
    case DataType::Int64: case DataType::UInt64: case DataType::Double: return 8;
    default: return 0;
    }
}

int64_t Tensor::elementCount() const
{
    int64_t n = 1;
    for (int64_t d : dims)
        n *= d; // dims were validated against overflow by the loader
    return n;
}

std::string shapeString(const std::vector<int64_t>& dims)
{
    std::string s = "[";
    for (size_t i = 0; i < dims.size(); ++i) {
        if (i)
            s += ", ";
        s += std::to_string(dims[i]);
    }
    return s + "]";
}

void roundToStoredType(Tensor& t)
{
    if (t.type == DataType::Float16)
        for (float& v : t.floats)
            v = roundToHalf(v);
    else if (t.type == DataType::BFloat16)
        for (float& v : t.floats)
            v = roundToBfloat16(v);
}

} // namespace bitlens

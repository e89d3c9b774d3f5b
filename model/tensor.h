#pragma once
// A decoded constant tensor. Float-like types (float32/16, bfloat16, float64) are widened or
// narrowed to float32; integer types and bool are held as int64.
#include <cstdint>
#include <string>
#include <string_view>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

namespace bitlens {

// Numbering follows onnx.proto's TensorProto.DataType so messages can quote it.
enum class DataType : int {
    Undefined = 0, Float = 1, UInt8 = 2, Int8 = 3, UInt16 = 4, Int16 = 5, Int32 = 6, Int64 = 7,
    String = 8, Bool = 9, Float16 = 10, Double = 11, UInt32 = 12, UInt64 = 13, Complex64 = 14,
    Complex128 = 15, BFloat16 = 16
};

std::string_view dataTypeName(DataType type);
bool isFloatType(DataType type);
bool isIntegerType(DataType type);
// Bytes per element in raw_data; 0 for types BitLens does not decode.
int64_t dataTypeSize(DataType type);

// std::allocator, except that resize() leaves new floats uninitialised: the engine allocates
// every activation and then writes all of it, and zero-filling first cost up to 15% of inference.
// Whoever needs zeros says so (floatTensor() in ops/common.h zero-fills).
template <typename T>
struct DefaultInitAllocator : std::allocator<T>
{
    template <typename U>
    struct rebind
    {
        using other = DefaultInitAllocator<U>;
    };
    using std::allocator<T>::allocator;
    template <typename U>
    void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>)
    {
        ::new (static_cast<void*>(p)) U;
    }
    template <typename U, typename... Args>
    void construct(U* p, Args&&... args)
    {
        ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
    }
};
using FloatBuffer = std::vector<float, DefaultInitAllocator<float>>;

struct Tensor
{
    std::string name;
    DataType type = DataType::Float;
    std::vector<int64_t> dims;
    FloatBuffer floats;        // when isFloatType(type)
    std::vector<int64_t> ints; // when isIntegerType(type)
    // Engine-internal: a 4-D float tensor whose data is stored N, H, W, C (oneDNN's preferred
    // layout) while `dims` stay N, C, H, W. Only operators that say so see such tensors; the
    // session converts them back for every other reader and for the graph's outputs.
    bool channelsLast = false;

    int64_t elementCount() const;
    bool isFloat() const { return isFloatType(type); }
};

std::string shapeString(const std::vector<int64_t>& dims);

// Rounds the values of a float16 or bfloat16 tensor (held in float32) to that type, to nearest,
// ties to even; other tensors are left alone. Where the graph stores a value in such a type.
void roundToStoredType(Tensor& t);

} // namespace bitlens

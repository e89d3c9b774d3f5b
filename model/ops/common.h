#pragma once
// Helpers shared by the operator kernels: attribute access, shapes, numpy broadcasting.
#include <model/engine/operator.h>

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace bitlens::engine {

inline std::vector<int64_t> intsAttribute(const Node& n, std::string_view name, std::vector<int64_t> fallback = {})
{
    const Attribute* a = n.attribute(name);
    return a && a->kind == Attribute::Kind::Ints ? a->ints : fallback;
}

inline std::string stringAttribute(const Node& n, std::string_view name, std::string fallback = {})
{
    const Attribute* a = n.attribute(name);
    return a && a->kind == Attribute::Kind::String ? a->s : fallback;
}

inline int64_t elementCount(const std::vector<int64_t>& dims)
{
    int64_t n = 1;
    for (int64_t d : dims)
        n *= d;
    return n;
}

// Thrown by the allocation helpers below when a tensor's dims are negative, overflow int64 or
// ask for more than maxTensorElements(): a hostile shape must not reach the allocator. The
// session turns it into an error naming the node (no exception leaves Session::run).
struct TensorTooLarge
{
    std::vector<int64_t> dims;
};

// Thrown by checkWork() when an operator would do more arithmetic than maxOperatorWork().
struct WorkTooLarge
{
    int64_t multiplyAdds;
};

// Throws WorkTooLarge if the product of `factors` (an operator's multiply-adds) is over
// maxOperatorWork(); called before the work starts.
inline void checkWork(std::initializer_list<int64_t> factors)
{
    int64_t n = 1;
    for (int64_t f : factors)
        if (f < 0 || __builtin_mul_overflow(n, f, &n))
            throw WorkTooLarge{std::numeric_limits<int64_t>::max()};
    if (n > maxOperatorWork())
        throw WorkTooLarge{n};
}

// Thrown by helpers that read an input's values (asInts) when a value cannot be what it must be;
// the session reports the message with the node, like a returned Status.
struct InvalidInput
{
    std::string message;
};

// The element count of `dims`, or throws TensorTooLarge (before anything is allocated).
inline int64_t checkedElementCount(const std::vector<int64_t>& dims)
{
    int64_t n = 1;
    for (int64_t d : dims)
        if (d < 0 || __builtin_mul_overflow(n, d, &n))
            throw TensorTooLarge{dims};
    if (n > maxTensorElements())
        throw TensorTooLarge{dims};
    return n;
}

// A float tensor whose values are left unset, for an op that writes every one of them.
inline Tensor uninitializedFloatTensor(std::vector<int64_t> dims)
{
    Tensor t;
    t.type = DataType::Float;
    t.floats.resize(static_cast<size_t>(checkedElementCount(dims)));
    t.dims = std::move(dims);
    return t;
}

// A zero-filled float tensor.
inline Tensor floatTensor(std::vector<int64_t> dims)
{
    Tensor t = uninitializedFloatTensor(std::move(dims));
    std::fill(t.floats.begin(), t.floats.end(), 0.0f);
    return t;
}

inline Tensor intTensor(std::vector<int64_t> dims)
{
    Tensor t;
    t.type = DataType::Int64;
    t.ints.resize(static_cast<size_t>(checkedElementCount(dims)));
    t.dims = std::move(dims);
    return t;
}

// An uninitialised tensor of x's dims and type: float types keep their type (a float16 value is
// computed in float32 and rounded where the graph stores it), integer types and bool theirs.
inline Tensor tensorLike(const Tensor& x, DataType type)
{
    Tensor t;
    t.type = type;
    if (isFloatType(type))
        t.floats.resize(static_cast<size_t>(checkedElementCount(x.dims)));
    else
        t.ints.resize(static_cast<size_t>(checkedElementCount(x.dims)));
    t.dims = x.dims;
    return t;
}

// An int64 value wrapped to an integer type's width as two's complement (bool: nonzero is 1);
// uint64 values are held as their int64 bit pattern.
inline int64_t wrapToType(int64_t v, DataType t)
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

inline bool isUnsignedType(DataType t)
{
    return t == DataType::UInt8 || t == DataType::UInt16 || t == DataType::UInt32 || t == DataType::UInt64 ||
           t == DataType::Bool;
}

// Normalises a possibly negative axis for `rank`; nullopt if out of range.
inline std::optional<int> normalizeAxis(int64_t axis, size_t rank, bool allowEnd = false)
{
    const auto r = static_cast<int64_t>(rank) + (allowEnd ? 1 : 0);
    if (axis < -r || axis >= r)
        return std::nullopt;
    return static_cast<int>(axis < 0 ? axis + r : axis);
}

// Numpy-style broadcast of two shapes; nullopt if incompatible.
std::optional<std::vector<int64_t>> broadcastShapes(const std::vector<int64_t>& a, const std::vector<int64_t>& b);

// For each element of `out` (row-major), the index of the broadcast source element in a tensor of
// shape `in`. Used by the elementwise kernels.
std::vector<int64_t> broadcastIndex(const std::vector<int64_t>& in, const std::vector<int64_t>& out);

// A tensor of `dims` and `type` whose element i is src's element index[i] (either storage); the
// caller has bounded elementCount(dims), which index.size() equals.
Tensor gatherElements(const Tensor& src, std::vector<int64_t> dims, const std::vector<int64_t>& index);

// Steps a row-major multi-index through `dims` (the last axis fastest).
inline void nextIndex(std::vector<int64_t>& pos, const std::vector<int64_t>& dims)
{
    for (size_t d = dims.size(); d-- > 0;) {
        if (++pos[d] < dims[d])
            return;
        pos[d] = 0;
    }
}

// Int64 view of an integer or float tensor (shape inputs of Reshape, Slice, ...); a float value
// that is not a finite integer throws InvalidInput.
std::vector<int64_t> asInts(const Tensor& t);

std::string dimsText(const std::vector<int64_t>& dims);

// The shapes of a numpy-style matmul A [..., m, k] x B [..., k, n] (MatMul, MatMulInteger,
// QLinearMatMul): a 1-D A is one row and a 1-D B one column, whose axis the result drops; the batch
// axes broadcast.
struct MatMulShape
{
    int64_t m = 0, k = 0, n = 0;
    std::vector<int64_t> aDims, bDims;         // the operands' dims with a 1-D operand's axis added
    std::vector<int64_t> aBatch, bBatch, batch; // batch axes of A, of B, and broadcast
    std::vector<int64_t> out;                   // the result's dims
};
// Empty on success, else what is wrong, quoting both shapes.
Status matmulShape(const std::vector<int64_t>& a, const std::vector<int64_t>& b, MatMulShape& shape);

} // namespace bitlens::engine

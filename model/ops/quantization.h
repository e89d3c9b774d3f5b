#pragma once
// What the quantized-integer operators share (quantize_linear.cpp, quantized_matmul.cpp,
// quantized_conv.cpp): the integer types a quantized value may have, their ranges, reading a
// quantized value or a scale, and ONNX's round-then-saturate.
#include "common.h"

#include <cmath>
#include <optional>

namespace bitlens::engine {

struct QuantizedRange
{
    int64_t lo, hi;
};

// The range of a quantized integer type: int8 and uint8 everywhere, int16 and uint16 for
// QuantizeLinear/DequantizeLinear from opset 21. Nullopt for every other type (float8 and 4-bit
// types are not BitLens DataTypes; the loader refuses them).
inline std::optional<QuantizedRange> quantizedRange(DataType t, bool allow16Bit)
{
    switch (t) {
    case DataType::Int8:
        return QuantizedRange{-128, 127};
    case DataType::UInt8:
        return QuantizedRange{0, 255};
    case DataType::Int16:
        return allow16Bit ? std::optional(QuantizedRange{-32768, 32767}) : std::nullopt;
    case DataType::UInt16:
        return allow16Bit ? std::optional(QuantizedRange{0, 65535}) : std::nullopt;
    default:
        return std::nullopt;
    }
}

inline bool isEightBit(DataType t)
{
    return t == DataType::Int8 || t == DataType::UInt8;
}

// Element i of an integer tensor, wrapped to its type: a value another operator left outside the
// type's range cannot break the bounds the kernels rely on (|x - zero point| <= 65535).
inline int64_t quantizedValue(const Tensor& t, size_t i)
{
    return wrapToType(t.ints[i], t.type);
}

// Element i of a scale: float types are held in float32; an int32 scale (QuantizeLinear 19+) is
// converted.
inline float scaleValue(const Tensor& t, size_t i)
{
    return t.isFloat() ? t.floats[i] : static_cast<float>(t.ints[i]);
}

// saturate(round(v) + zeroPoint): v to the nearest integer, ties to even, then the zero point
// added and the sum clamped to the range. The zero point is added after rounding, as the specs say
// (a tie's even neighbour depends on it: round(25.5) + 153 = 179, round(178.5) = 178). Bounded
// before the conversion, so that infinities and huge values saturate instead of overflowing; NaN
// gives the low end, as the numpy reference does on x86 (its int32 cast of NaN is INT_MIN, then
// clipped).
inline int64_t roundAndSaturate(double v, int64_t zeroPoint, QuantizedRange r)
{
    // lo - zp < v < hi - zp bounds round(v) to [lo - zp, hi - zp]: the sum needs no clamp.
    if (!(v > static_cast<double>(r.lo - zeroPoint)))
        return r.lo;
    if (v >= static_cast<double>(r.hi - zeroPoint))
        return r.hi;
    return static_cast<int64_t>(std::nearbyint(v)) + zeroPoint; // the default rounding mode: ties to even
}

// One QuantizeLinear or DequantizeLinear (`opType`) on tensors outside a graph, with `axis` and,
// when positive, `blockSize` as its attributes and the engine's own checks: the FP32 view of an
// integer weight (weights.cpp) and a plan's values put back into a weight's integer codes
// (Session). A problem, thrown ones included, comes back as the error.
Result<Tensor> runQuantizeLinear(std::string_view opType, const Tensor& x, const Tensor& scale, const Tensor* zeroPoint,
                                 int64_t axis, int64_t blockSize, int64_t opset);

} // namespace bitlens::engine

#pragma once
// IEEE 754 binary16 and bfloat16 to float32, exact (including denormals, Inf and NaN), and float32
// to them rounded to nearest, ties to even (as ONNX Runtime and numpy round).
#include <bit>
#include <cstdint>

namespace bitlens {

inline float halfToFloat(uint16_t h)
{
    const uint32_t sign = (h & 0x8000u) << 16;
    uint32_t exp = (h >> 10) & 0x1f;
    uint32_t mant = h & 0x3ffu;
    uint32_t bits;
    if (exp == 0x1f) {
        bits = sign | 0x7f800000u | (mant << 13);
    } else if (exp != 0) {
        bits = sign | ((exp + 112) << 23) | (mant << 13);
    } else if (mant == 0) {
        bits = sign;
    } else { // denormal half: normalise
        exp = 113;
        while (!(mant & 0x400u)) {
            mant <<= 1;
            --exp;
        }
        bits = sign | (exp << 23) | ((mant & 0x3ffu) << 13);
    }
    return std::bit_cast<float>(bits);
}

inline float bfloat16ToFloat(uint16_t b) { return std::bit_cast<float>(uint32_t{b} << 16); }

inline uint16_t floatToHalf(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    const auto sign = static_cast<uint16_t>((x >> 16) & 0x8000u);
    uint32_t a = x & 0x7fffffffu;
    if (a >= 0x7f800000u) // Inf stays Inf, NaN stays a quiet NaN
        return static_cast<uint16_t>(sign | 0x7c00u | (a > 0x7f800000u ? 0x200u | ((a >> 13) & 0x3ffu) : 0u));
    if (a >= 0x477ff000u) // 65520 and above round to Inf
        return static_cast<uint16_t>(sign | 0x7c00u);
    if (a < 0x38800000u) { // below 2^-14: a half denormal; adding 0.5 lets the FPU round at 2^-24
        const float t = std::bit_cast<float>(a) + 0.5f;
        return static_cast<uint16_t>(sign | (std::bit_cast<uint32_t>(t) - 0x3f000000u));
    }
    const uint32_t odd = (a >> 13) & 1u;
    a += 0xc8000fffu + odd; // rebias the exponent (15 - 127) << 23, plus the rounding bias
    return static_cast<uint16_t>(sign | (a >> 13));
}

inline uint16_t floatToBfloat16(float f)
{
    const uint32_t x = std::bit_cast<uint32_t>(f);
    if ((x & 0x7fffffffu) > 0x7f800000u)
        return static_cast<uint16_t>((x >> 16) | 0x40u); // quiet NaN
    return static_cast<uint16_t>((x + 0x7fffu + ((x >> 16) & 1u)) >> 16);
}

// f rounded to the nearest float16 / bfloat16 value, as a float.
inline float roundToHalf(float f) { return halfToFloat(floatToHalf(f)); }
inline float roundToBfloat16(float f) { return bfloat16ToFloat(floatToBfloat16(f)); }

} // namespace bitlens

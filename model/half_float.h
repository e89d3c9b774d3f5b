#pragma once
// IEEE 754 binary16 and bfloat16 to float32, exact (including denormals, Inf and NaN).
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

} // namespace bitlens

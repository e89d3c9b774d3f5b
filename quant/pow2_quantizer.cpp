// Power-of-two (logarithmic) quantizer, DESIGN.md "Quantizers": 1 sign bit; codes are zero and
// ±2^e for the 2^(n-1)-1 exponents e_min..e_max, e_max = round(log2 max|x|),
// e_min = e_max - (2^(n-1)-2). For x != 0: e = round(log2|x|); e > e_max -> e_max;
// e < e_min -> x^ = 0; else x^ = sign(x)*2^e (rounding in the log domain, as the paper writes
// it). Code: the sign in the top bit (1 = negative), e - e_min + 1 below; 0 for zero.
#include "fast_math.h"
#include "group_encoder.h"

#include <climits>
#include <cmath>
#include <vector>

namespace bitlens {
namespace {

struct Pow2Coder
{
    int eMin, eMax;
    uint16_t signBit;
    std::vector<float> table; // x^ of every code

    uint16_t code(float x) const
    {
        if (x == 0)
            return 0;
        int e = static_cast<int>(std::round(std::log2(std::fabs(static_cast<double>(x)))));
        e = e > eMax ? eMax : e;
        if (e < eMin)
            return 0;
        return static_cast<uint16_t>((x < 0 ? signBit : 0) | (e - eMin + 1));
    }
    float value(uint16_t c) const { return table[c]; }
};

} // namespace

GroupResult quantizePow2(const Group& g, const GroupParams& p, GroupOutput& out)
{
    const int n = p.bits;
    GroupResult r;
    if (passThrough(g, out, r, 8))
        return r;
    Pow2Coder coder;
    coder.eMax = static_cast<int>(std::round(std::log2(g.maxAbs)));
    coder.eMin = coder.eMax - ((1 << (n - 1)) - 2);
    coder.signBit = static_cast<uint16_t>(1u << (n - 1));
    coder.table.assign(size_t{1} << n, 0.0f); // code 0 and sign|0 are zero
    for (int e = coder.eMin; e <= coder.eMax; ++e) {
        const auto low = static_cast<size_t>(e - coder.eMin + 1);
        const float mag = toFloatSaturated(std::ldexp(1.0, e)); // e_max can be 128 near FLT_MAX
        coder.table[low] = mag;
        coder.table[coder.signBit | low] = -mag;
    }
    r = encodeGroup(coder, g, out, 8);
    int lowest = INT_MAX; // the lowest exponent any code of this group uses
    for (size_t c = 1; c < coder.table.size(); ++c) {
        const size_t low = c & (coder.signBit - 1u);
        if (out.counts[c] > 0 && low != 0)
            lowest = std::min(lowest, static_cast<int>(low) - 1 + coder.eMin);
    }
    r.pow2Span = lowest == INT_MAX ? 0 : coder.eMax - lowest + 1;
    return r;
}

} // namespace bitlens

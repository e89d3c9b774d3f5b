// Power-of-two (logarithmic) quantizer, DESIGN.md "Quantizers": 1 sign bit; codes are zero and
// ±2^e for the 2^(n-1)-1 exponents e_min..e_max, e_max = round(log2 max|x|),
// e_min = e_max - (2^(n-1)-2). For x != 0: e = round(log2|x|); e > e_max -> e_max;
// e < e_min -> x^ = 0; else x^ = sign(x)*2^e. Code: sign in the top bit, e - e_min + 1 below.
#include "quantizers.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <vector>

namespace bitlens {

GroupQuantInfo quantizePow2(const Group& g, int n, std::span<float> xhat, std::span<uint16_t> codes)
{
    GroupQuantInfo info{8, 0};
    if (g.allEqual || !g.finite) {
        copyUnchanged(g, xhat, codes);
        return info;
    }
    const int eMax = static_cast<int>(std::round(std::log2(g.maxAbs)));
    const int eMin = eMax - ((1 << (n - 1)) - 2);
    const auto signBit = static_cast<uint16_t>(1u << (n - 1));
    int lowestUsed = INT_MAX;
    std::vector<double> power(static_cast<size_t>(eMax - eMin + 1)); // 2^e for e_min..e_max
    for (int e = eMin; e <= eMax; ++e)
        power[static_cast<size_t>(e - eMin)] = std::ldexp(1.0, e);
    for (size_t i = 0; i < g.x.size(); ++i) {
        const double v = g.x[i];
        if (v == 0) {
            xhat[i] = 0.0f;
            codes[i] = 0;
            continue;
        }
        int e = static_cast<int>(std::round(std::log2(std::fabs(v))));
        e = std::min(e, eMax);
        if (e < eMin) {
            xhat[i] = 0.0f;
            codes[i] = 0;
            continue;
        }
        lowestUsed = std::min(lowestUsed, e);
        const double mag = power[static_cast<size_t>(e - eMin)];
        xhat[i] = static_cast<float>(v < 0 ? -mag : mag);
        codes[i] = static_cast<uint16_t>((v < 0 ? signBit : 0) | (e - eMin + 1));
    }
    info.pow2Span = lowestUsed == INT_MAX ? 0 : eMax - lowestUsed + 1;
    return info;
}

} // namespace bitlens

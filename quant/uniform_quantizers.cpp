// Asymmetric (affine), symmetric (restricted range) and dynamic fixed point: DESIGN.md
// "Quantizers", whitepaper eq. 10 and QUENN eq. 2-3.
#include "quantizers.h"

#include "fast_math.h"

#include <algorithm>
#include <cmath>

namespace bitlens {

void copyUnchanged(const Group& g, std::span<float> xhat, std::span<uint16_t> codes)
{
    std::copy(g.x.begin(), g.x.end(), xhat.begin());
    std::fill(codes.begin(), codes.end(), uint16_t{0});
}

// [lo, hi] = [min(x,0), max(x,0)]; D = (hi-lo)/(2^n-1); z = clamp(round(-lo/D), 0, 2^n-1);
// q = clamp(round(x/D)+z, 0, 2^n-1); x^ = (q-z)*D.
GroupQuantInfo quantizeAsymmetric(const Group& g, int n, std::span<float> xhat, std::span<uint16_t> codes)
{
    const GroupQuantInfo info{64, 0};
    if (g.allEqual || !g.finite) {
        copyUnchanged(g, xhat, codes);
        return info;
    }
    const double lo = std::min(static_cast<double>(g.min), 0.0);
    const double hi = std::max(static_cast<double>(g.max), 0.0);
    const double qmax = std::ldexp(1.0, n) - 1;
    const double d = (hi - lo) / qmax;
    const double z = std::clamp(roundHalfAway(-lo / d), 0.0, qmax);
    for (size_t i = 0; i < g.x.size(); ++i) {
        const double q = clampFast(roundHalfAway(g.x[i] / d) + z, 0.0, qmax);
        xhat[i] = static_cast<float>((q - z) * d);
        codes[i] = static_cast<uint16_t>(q);
    }
    return info;
}

// D = max|x|/(2^(n-1)-1); q = clamp(round(x/D), -(2^(n-1)-1), 2^(n-1)-1); x^ = q*D;
// code = q + 2^(n-1).
GroupQuantInfo quantizeSymmetric(const Group& g, int n, std::span<float> xhat, std::span<uint16_t> codes)
{
    const GroupQuantInfo info{32, 0};
    if (g.allEqual || !g.finite) {
        copyUnchanged(g, xhat, codes);
        return info;
    }
    const double qmax = std::ldexp(1.0, n - 1) - 1;
    const double offset = std::ldexp(1.0, n - 1);
    const double d = g.maxAbs / qmax;
    for (size_t i = 0; i < g.x.size(); ++i) {
        const double q = clampFast(roundHalfAway(g.x[i] / d), -qmax, qmax); // keeps -0.0 for small negatives
        xhat[i] = static_cast<float>(q * d);
        codes[i] = static_cast<uint16_t>(q + offset);
    }
    return info;
}

// IL = ceil(log2 max|x|) + 1 (sign included), FL = n - IL;
// x^ = clamp(round(x*2^FL), -2^(n-1), 2^(n-1)-1) * 2^-FL; code = q + 2^(n-1).
GroupQuantInfo quantizeDfxp(const Group& g, int n, std::span<float> xhat, std::span<uint16_t> codes)
{
    const GroupQuantInfo info{8, 0};
    if (g.allEqual || !g.finite) {
        copyUnchanged(g, xhat, codes);
        return info;
    }
    const int il = static_cast<int>(std::ceil(std::log2(g.maxAbs))) + 1;
    const int fl = n - il;
    const double qmin = -std::ldexp(1.0, n - 1);
    const double qmax = std::ldexp(1.0, n - 1) - 1;
    // Powers of two are exact in double as long as they are normal; FL stays far inside that for
    // float inputs (|FL| <= 149 + 16), so the products equal ldexp.
    const double scale = std::ldexp(1.0, fl), step = std::ldexp(1.0, -fl);
    for (size_t i = 0; i < g.x.size(); ++i) {
        const double q = clampFast(roundHalfAway(static_cast<double>(g.x[i]) * scale), qmin, qmax);
        xhat[i] = static_cast<float>(q * step);
        codes[i] = static_cast<uint16_t>(q - qmin);
    }
    return info;
}

} // namespace bitlens

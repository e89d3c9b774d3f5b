#pragma once
// The one pass every scheme shares: code each value with the scheme's coder, and on the way
// count the codes, note each code's x^, and accumulate the error sums in double from the
// float32 x and the float32 x^ (DESIGN.md "Metrics").
#include "quantizers.h"

#include <cmath>

namespace bitlens {

// A coder has `uint16_t code(float x) const` and `float value(uint16_t code) const`.
template <class Coder>
GroupResult encodeGroup(const Coder& coder, const Group& g, GroupOutput& out, int64_t overheadBits)
{
    GroupResult r;
    r.overheadBits = overheadBits;
    double see = 0, sxy = 0, syy = 0, maxErr = 0;
    const bool writeX = !out.xhat.empty();
    for (size_t i = 0; i < g.x.size(); ++i) {
        const float x = g.x[i];
        const uint16_t c = coder.code(x);
        const float v = coder.value(c);
        const double e = static_cast<double>(x) - v;
        see += e * e;
        sxy += static_cast<double>(x) * v;
        syy += static_cast<double>(v) * v;
        const double ae = std::fabs(e);
        maxErr = ae > maxErr ? ae : maxErr;
        out.codes[i] = c;
        if (out.counts[c]++ == 0)
            out.values[c] = v;
        if (writeX)
            out.xhat[i] = v;
    }
    r.errorEnergy = see;
    r.crossEnergy = sxy;
    r.reconEnergy = syy;
    r.maxAbsError = maxErr;
    return r;
}

// A group whose values are all equal (zero range: all zero, constant, one element) is returned
// unchanged with every code 0; one whose values are not all finite too (such layers are
// excluded before quantizing; this only keeps a direct call safe).
inline bool passThrough(const Group& g, GroupOutput& out, GroupResult& r, int64_t overheadBits)
{
    if (!g.allEqual && g.finite)
        return false;
    r = {};
    r.overheadBits = overheadBits;
    for (size_t i = 0; i < g.x.size(); ++i) {
        out.codes[i] = 0;
        if (!out.xhat.empty())
            out.xhat[i] = g.x[i];
        const double x = g.x[i];
        r.crossEnergy += x * x;
        r.reconEnergy += x * x;
    }
    if (!g.x.empty()) {
        out.counts[0] += static_cast<int64_t>(g.x.size());
        out.values[0] = g.x[0];
    }
    return true;
}

} // namespace bitlens

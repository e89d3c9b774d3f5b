#pragma once
// The one pass every scheme shares: code each value with the scheme's coder, and on the way
// count the codes, note each code's x^, and accumulate the error sums in double from the
// float32 x and the float32 x^ (DESIGN.md "Metrics").
#include "quantizers.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bitlens {

// Statistics without codes, from the group's sorted values: x^ is monotone in x for every
// scheme, so each code's values form one run of the sorted array; its end is found by galloping
// with the coder itself (exactly the per-element decision), and only the error sums touch every
// value, in a plain loop. O(levels log N) coder calls instead of N.
template <class Coder>
GroupResult encodeRuns(const Coder& coder, const Group& g, GroupOutput& out, int64_t overheadBits)
{
    GroupResult r;
    r.overheadBits = overheadBits;
    const std::vector<float>& v = g.sorted->values;
    const size_t n = v.size();
    double see = 0, sxy = 0, syy = 0, maxErr = 0;
    size_t a = 0;
    while (a < n) {
        const uint16_t c = coder.code(v[a]);
        const float val = coder.value(c);
        // Gallop to bracket the first index whose code differs, then bisect.
        size_t lo = a + 1, hi = a + 1, step = 1;
        while (hi < n && coder.code(v[hi]) == c) {
            lo = hi + 1;
            hi = hi + step < n ? hi + step : n;
            step *= 2;
        }
        while (lo < hi) {
            const size_t mid = lo + (hi - lo) / 2;
            if (coder.code(v[mid]) == c)
                lo = mid + 1;
            else
                hi = mid;
        }
        const size_t b = lo;
        double sx = 0, se = 0;
        for (size_t i = a; i < b; ++i) {
            const double e = static_cast<double>(v[i]) - val;
            se += e * e;
            sx += v[i];
        }
        see += se;
        sxy += sx * val;
        syy += static_cast<double>(b - a) * (static_cast<double>(val) * val);
        const double e0 = std::fabs(static_cast<double>(v[a]) - val);
        const double e1 = std::fabs(static_cast<double>(v[b - 1]) - val);
        maxErr = std::max(maxErr, std::max(e0, e1));
        out.counts[c] += static_cast<int64_t>(b - a);
        out.values[c] = val;
        a = b;
    }
    r.errorEnergy = see;
    r.crossEnergy = sxy;
    r.reconEnergy = syy;
    r.maxAbsError = maxErr;
    return r;
}

// A coder has `uint16_t code(float x) const` and `float value(uint16_t code) const`.
template <class Coder>
GroupResult encodeGroup(const Coder& coder, const Group& g, GroupOutput& out, int64_t overheadBits)
{
    if (out.codes.empty() && out.xhat.empty() && g.sorted)
        return encodeRuns(coder, g, out, overheadBits);
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
        if (!out.codes.empty())
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
        if (!out.codes.empty())
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

// The deployment formats take their scale from the group's largest magnitude, so a constant group
// is quantized by the formula like any other (an mxfp4 block of one weight 5 stores 4); only a
// group the formula cannot take, all zero or not finite, passes through unchanged.
inline bool passThroughIfUndefined(const Group& g, GroupOutput& out, GroupResult& r, int64_t overheadBits)
{
    if (g.finite && g.maxAbs > 0)
        return false;
    return passThrough(g, out, r, overheadBits);
}

// A group whose stored scale is 0 (it underflowed its encoding; NVFP4's "b rounds to 0") is zero,
// every element coded as `zeroCode`.
inline GroupResult zeroGroup(const Group& g, GroupOutput& out, uint16_t zeroCode, int64_t overheadBits)
{
    struct ZeroCoder
    {
        uint16_t c;
        uint16_t code(float) const { return c; }
        float value(uint16_t) const { return 0.0f; }
    };
    return encodeGroup(ZeroCoder{zeroCode}, g, out, overheadBits);
}

} // namespace bitlens

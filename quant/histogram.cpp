#include "histogram.h"

#include <algorithm>
#include <cmath>

namespace bitlens {

int defaultBinCount(int bits) { return bits >= 8 ? 256 : 1 << bits; }

std::vector<Histogram> sharedHistograms(const std::vector<std::span<const float>>& series, int bins)
{
    bool any = false;
    double lo = 0, hi = 0;
    for (auto s : series)
        for (float v : s) {
            if (!std::isfinite(v))
                continue;
            lo = any ? std::min(lo, static_cast<double>(v)) : v;
            hi = any ? std::max(hi, static_cast<double>(v)) : v;
            any = true;
        }
    std::vector<Histogram> out(series.size());
    const double w = (hi - lo) / bins;
    for (size_t k = 0; k < series.size(); ++k) {
        Histogram& h = out[k];
        h.lo = lo;
        h.hi = hi;
        h.bins = bins;
        h.counts.assign(static_cast<size_t>(bins), 0);
        for (float v : series[k]) {
            if (!std::isfinite(v))
                continue;
            ++h.counts[static_cast<size_t>(binIndex(v, lo, w, bins))];
        }
    }
    return out;
}

double jensenShannonDivergence(const std::vector<int64_t>& p, const std::vector<int64_t>& q)
{
    double np = 0, nq = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        np += static_cast<double>(p[i]);
        nq += static_cast<double>(q[i]);
    }
    if (np == 0 || nq == 0)
        return np == nq ? 0.0 : 1.0;
    double js = 0;
    for (size_t i = 0; i < p.size(); ++i) {
        const double a = static_cast<double>(p[i]) / np, b = static_cast<double>(q[i]) / nq;
        const double m = 0.5 * (a + b);
        if (a > 0)
            js += 0.5 * a * std::log2(a / m);
        if (b > 0)
            js += 0.5 * b * std::log2(b / m);
    }
    return js;
}

} // namespace bitlens

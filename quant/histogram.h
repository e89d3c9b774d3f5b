#pragma once
// Histograms on shared bins (DESIGN.md "Metrics"): B equal-width bins [lo + i*w, lo + (i+1)*w)
// over the union [lo, hi] of the ranges, the last bin closed; bin(v) = min(floor((v-lo)/w), B-1).
#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

struct Histogram
{
    double lo = 0, hi = 0;
    int bins = 0;
    std::vector<int64_t> counts;
    double binWidth() const { return bins > 0 ? (hi - lo) / bins : 0; }
};

// bin(v) for bins of width w from lo; a zero width puts everything in bin 0.
inline int64_t binIndex(double v, double lo, double w, int bins)
{
    if (!(w > 0))
        return 0;
    const double f = std::floor((v - lo) / w);
    return f < 0 ? 0 : (f >= bins - 1 ? bins - 1 : static_cast<int64_t>(f));
}

// Bins spanning the union of every series' range; one Histogram per series, same bins.
std::vector<Histogram> sharedHistograms(const std::vector<std::span<const float>>& series, int bins);

// Default bin count for n bits: min(2^n, 256).
int defaultBinCount(int bits);

// Base-2 Jensen-Shannon divergence of two count vectors (normalised inside), in [0, 1].
double jensenShannonDivergence(const std::vector<int64_t>& p, const std::vector<int64_t>& q);

} // namespace bitlens

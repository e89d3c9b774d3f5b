#pragma once
// Five-number summaries per output channel (the paper's Figure 1): min, Q1, median, Q3, max with
// quartiles by linear interpolation between order statistics (Hyndman-Fan type 7, numpy's and
// R's default), Tukey whiskers (the most extreme values within 1.5*IQR of the box), the outliers
// beyond them, and the mean.
#include "channel_layout.h"

#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

struct FiveNumberSummary
{
    int64_t n = 0;
    double min = 0, q1 = 0, median = 0, q3 = 0, max = 0;
    double whiskerLo = 0, whiskerHi = 0;
    int64_t outliersLo = 0, outliersHi = 0;
    double mean = 0;
    std::vector<float> outliers; // the values beyond the whiskers, at most kMaxOutliersKept
};

inline constexpr size_t kMaxOutliersKept = 1000;

// Type-7 quantile of ascending `sorted` at probability p: h = (n-1)p, x[floor h] + frac*(next - x[floor h]).
double quantileType7(std::span<const float> sorted, double p);

FiveNumberSummary summarize(std::span<const float> values);
// The same for values already in ascending order without NaN (no copy, no sort).
FiveNumberSummary summarizeSorted(std::span<const float> sorted);
// The same for a multiset given as distinct values in ascending order with their counts (x^ of
// one group takes at most 2^n values), in O(levels): order statistic k is the value whose
// cumulative count first exceeds k.
struct ValueCount
{
    double value;
    int64_t count;
};
FiveNumberSummary summarizeCounts(std::span<const ValueCount> ascending);

struct ChannelQuartiles
{
    std::vector<FiveNumberSummary> channels;
};

ChannelQuartiles channelQuartiles(std::span<const float> values, const ChannelLayout& layout);

} // namespace bitlens

#pragma once
// One quantization group (the whole tensor, or one output channel) as contiguous values, with
// the statistics every scheme needs computed once and shared by all schemes and bit-widths.
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace bitlens {

struct SortedValues
{
    std::vector<float> values; // ascending
    int64_t distinct = 0;      // -0.0 and 0.0 count as one value
    // No prefix sums here: at 8 bytes a value they tripled every sorted preparation (a 100M-weight
    // layer's quartiles needed 1.2 GB); k-means builds them itself, in O(N) beside an O(N log N) sort.
};

struct Group
{
    std::span<const float> x;
    float min = 0, max = 0;
    double maxAbs = 0;
    double mean = 0;
    double sigma = 0;      // population standard deviation
    bool allEqual = true;  // zero range (all zero, constant, or one element): returned unchanged
    bool finite = true;    // false if any NaN/Inf (such layers are excluded before quantizing)
    std::shared_ptr<const SortedValues> sorted; // for k-means; null unless requested
};

Group describeGroup(std::span<const float> x, bool withSorted);

} // namespace bitlens

#pragma once
// The 2^n minimum-MSE (Lloyd-Max) levels of N(0,1), computed once per bit-width to full double
// precision and shared (thread-safe). Used by the Gaussian quantizer and the limit lines.
#include <vector>

namespace bitlens {

// Ascending levels for 1 <= bits <= 16.
const std::vector<double>& lloydMaxLevels(int bits);
// The 2^n - 1 midpoints between consecutive levels.
const std::vector<double>& lloydMaxMidpoints(int bits);
class CutLookup;
// Finds the level nearest to t (ties to the lower one) in O(1): index = #midpoints < t.
const CutLookup& lloydMaxLookup(int bits);
// Expected squared error of the levels on N(0,1) (the Lloyd-Max distortion), by integration.
double lloydMaxDistortion(int bits);

} // namespace bitlens

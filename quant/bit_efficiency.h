#pragma once
// Bit efficiency (DESIGN.md "Metrics"; the paper's range-per-bit and density-per-bit made
// exact), all over the whole tensor except level utilisation (computed by quantizeTensor):
//   range coverage     (max x^ - min x^)/(max x - min x), not clipped;
//   entropy efficiency H(codes)/n;
//   density fidelity   1 - JS(p, q) on min(2^n, 256) shared bins;
//   SQNR efficiency    SQNR_dB/(6.02 n).
#include "quantize_tensor.h"

#include <optional>
#include <span>
#include <vector>

namespace bitlens {

double rangeCoverage(std::span<const float> x, std::span<const float> xhat);
double densityFidelity(std::span<const float> x, std::span<const float> xhat, int bits);
// The same, from the prepared FP32 tensor and the x^ level counts (no pass over x^).
double rangeCoverage(const PreparedTensor& x, const std::vector<LevelCount>& levels);
double densityFidelity(const PreparedTensor& x, const std::vector<LevelCount>& levels, int bits);
// H in bits of a count distribution.
double entropyBits(const std::vector<int64_t>& counts);

std::optional<double> sqnrEfficiency(std::optional<double> sqnrDb, int bits);

} // namespace bitlens

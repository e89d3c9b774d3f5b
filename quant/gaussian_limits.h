#pragma once
// The three limit lines of the bit-efficiency SQNR plot (DESIGN.md "Limits to measure against"),
// for a unit Gaussian source and fixed-rate scalar quantization with 2^n levels:
//   Lloyd-Max     -10*log10(D_LM(n)), D_LM the distortion of the optimal levels;
//   best uniform  -10*log10(min over D of the distortion of 2^n levels (i + 1/2 - 2^(n-1))*D);
//   rate-distortion bound 10*log10(2^(2n)) = 6.02*n.
namespace bitlens {

double lloydMaxSqnrDb(int bits);
double bestUniformSqnrDb(int bits);
double rateDistortionSqnrDb(int bits);

// Expected squared error on N(0,1) of the uniform mid-rise quantizer with 2^bits levels of step D
// (the outer cells reach to infinity).
double uniformGaussianDistortion(int bits, double step);

} // namespace bitlens

#pragma once
// What a Conv may do to its output while the output is still in cache, when the session fuses the
// nodes after it (engine/fusion.cpp): a following BatchNormalization, a residual Add and a
// following Relu or Clip. The arithmetic is the unfused ops' own, in the same order, so fusing
// changes no bit of the result: conv y = acc + bias; BatchNormalization y*scale + shift with
// scale = gamma/sqrt(var + eps) and shift = beta - mean*scale; Add y + r; Relu y > 0 ? y : 0;
// Clip min(max(y, lo), hi).
#include <cstdint>

namespace bitlens::engine {

struct ConvEpilogue
{
    bool batchNorm = false; // the fused op's inputs 3..6 are BN's scale, B, mean, var
    double epsilon = 1e-5;
    bool residual = false;  // the last input is added (a residual connection) before the activation
    enum class Activation { None, Relu, Clip } activation = Activation::None;
    float clipLo = 0, clipHi = 0;
};

} // namespace bitlens::engine

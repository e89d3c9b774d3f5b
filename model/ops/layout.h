#pragma once
// Conversions between NCHW and channels-last storage of a 4-D float tensor (Tensor::channelsLast).
#include <model/tensor.h>

namespace bitlens::engine {

// A copy stored N, C, H, W (the tensor itself if it already is).
Tensor toChannelsFirst(const Tensor& t);

} // namespace bitlens::engine

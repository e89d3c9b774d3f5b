#pragma once
// Output sizes, padding and im2col shared by Conv and the pooling operators.
#include "common.h"

namespace bitlens::engine {

struct ConvAttributes
{
    std::string autoPad = "NOTSET";
    std::vector<int64_t> kernelShape, strides, pads, dilations;
    bool ceilMode = false;

    static Result<ConvAttributes> read(const Node& node);
};

// The `group` attribute of a convolution (Conv, ConvInteger, QLinearConv), checked when the session
// is built like ConvAttributes: channel counts are products with it.
Result<int64_t> readConvGroup(const Node& node);

struct ConvGeometry
{
    std::vector<int64_t> in, kernel, out, stride, dilation, padBegin, padEnd;

    // pooling: ceil_mode applies and the kernel comes from kernel_shape.
    static Result<ConvGeometry> make(const ConvAttributes& a, const std::vector<int64_t>& spatial,
                                     const std::vector<int64_t>& kernel, bool pooling);

    // 1x1 kernel, stride 1, no padding: the input is already the im2col matrix.
    bool isIdentityWindow() const;
    // Writes rows (channel, kernel offset) x columns (output position); zero where padded.
    void im2col(const float* src, int64_t channels, float* cols) const;

private:
    void im2col2d(const float* src, int64_t channels, float* cols) const;
};

} // namespace bitlens::engine

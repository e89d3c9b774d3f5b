#pragma once
// 2-D convolutions through oneDNN (Debian's libdnnl), whose JIT kernels pick the CPU's best ISA at
// run time: several times faster than im2col + Eigen GEMM on the CNNs BitLens evaluates. The
// engine parallelises over images, so each call runs on the calling thread only.
#include "conv_epilogue.h"
#include "conv_geometry.h"

#include <model/tensor.h>

#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace bitlens::engine {

// What oneDNN applies to the convolution's result before writing it (its post-ops), in the order
// of the unfused ops: + bias, * scale + shift (BatchNormalization), + residual, activation.
struct OneDnnPostOps
{
    const float* bias = nullptr;      // one per output channel
    const float* scale = nullptr;     // with shift, one per output channel
    const float* shift = nullptr;
    const Tensor* residual = nullptr; // same dims and layout as y
    ConvEpilogue::Activation activation = ConvEpilogue::Activation::None;
    float lo = 0, hi = 0;             // Clip's bounds
};

// Convolutions oneDNN has run in this process (any node, any thread). Tests use it to tell whether
// oneDNN ran at all: on CPUs where it offers only its reference kernel, BitLens's own run instead.
int64_t oneDnnConvolutionsRun();

// One Conv node's oneDNN primitives, built once per input shape and layout (building one costs
// about as much as running it on a small batch) and shared by the threads that run the node.
class OneDnnConv
{
public:
    OneDnnConv();
    ~OneDnnConv();

    // y = conv(x, w) without bias, for 4-D x [N, C, H, W] and w [M, C/groups, kH, kW]; x and y
    // may be channels-last (Tensor::channelsLast); y must already have its output dims and layout
    // flag. False (y untouched) when oneDNN has no implementation or fails.
    bool run(const Tensor& x, const Tensor& w, const ConvGeometry& g, int64_t groups, Tensor& y,
             const OneDnnPostOps& post = {}) const;

private:
    struct Plan;
    mutable std::mutex m_mutex;
    mutable std::map<std::vector<int64_t>, std::shared_ptr<const Plan>> m_plans;
};

} // namespace bitlens::engine

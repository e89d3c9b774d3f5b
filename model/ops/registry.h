#pragma once
// Factories of every operator kernel; the table in registry.cpp maps op types to them.
#include "conv_epilogue.h"

#include <model/engine/operator.h>

namespace bitlens::engine {

#define BITLENS_OP(name) Result<std::unique_ptr<Operator>> make##name(const Node& node, int64_t opset);
BITLENS_OP(Add) BITLENS_OP(Sub) BITLENS_OP(Mul) BITLENS_OP(Div) BITLENS_OP(Pow)
BITLENS_OP(Relu) BITLENS_OP(LeakyRelu) BITLENS_OP(Sigmoid) BITLENS_OP(HardSigmoid) BITLENS_OP(HardSwish)
BITLENS_OP(Tanh) BITLENS_OP(Sqrt) BITLENS_OP(Erf) BITLENS_OP(Clip) BITLENS_OP(Identity)
BITLENS_OP(Conv) BITLENS_OP(Gemm) BITLENS_OP(MatMul) BITLENS_OP(BatchNormalization)
BITLENS_OP(MaxPool) BITLENS_OP(AveragePool) BITLENS_OP(GlobalAveragePool)
BITLENS_OP(Flatten) BITLENS_OP(Reshape) BITLENS_OP(Transpose) BITLENS_OP(Concat) BITLENS_OP(Shape)
BITLENS_OP(Gather) BITLENS_OP(Unsqueeze) BITLENS_OP(Squeeze) BITLENS_OP(Softmax) BITLENS_OP(Cast)
BITLENS_OP(ConvTranspose) BITLENS_OP(Slice) BITLENS_OP(Pad) BITLENS_OP(ReduceMean) BITLENS_OP(Resize)
BITLENS_OP(DequantizeLinear)
#undef BITLENS_OP

// A Conv with the BatchNormalization, residual Add and activation after it fused in (inputs X, W,
// B, then BN's scale, B, mean and var when epilogue.batchNorm, then the Add's other input when
// epilogue.residual; `add` is the Add node, for its broadcasting rules).
Result<std::unique_ptr<Operator>> makeFusedConv(const Node& conv, int64_t opset, const ConvEpilogue& epilogue,
                                                const Node* add = nullptr);

} // namespace bitlens::engine

#pragma once
// Factories of every operator kernel; the table in registry.cpp maps op types to them.
#include "conv_epilogue.h"

#include <model/engine/operator.h>

namespace bitlens::engine {

#define BITLENS_OP(name) Result<std::unique_ptr<Operator>> make##name(const Node& node, int64_t opset);
// Families: one factory for every op type of the family (it reads node.opType).
BITLENS_OP(Unary) BITLENS_OP(Binary) BITLENS_OP(Reduce) BITLENS_OP(Clip) BITLENS_OP(Identity)
BITLENS_OP(Conv) BITLENS_OP(Gemm) BITLENS_OP(MatMul) BITLENS_OP(BatchNormalization)
BITLENS_OP(MaxPool) BITLENS_OP(AveragePool) BITLENS_OP(GlobalPool)
BITLENS_OP(Flatten) BITLENS_OP(Reshape) BITLENS_OP(Transpose) BITLENS_OP(Concat) BITLENS_OP(Shape)
BITLENS_OP(Gather) BITLENS_OP(Unsqueeze) BITLENS_OP(Squeeze) BITLENS_OP(Softmax) BITLENS_OP(Cast)
BITLENS_OP(ConvTranspose) BITLENS_OP(Slice) BITLENS_OP(Pad) BITLENS_OP(Resize)
BITLENS_OP(QuantizeLinear) BITLENS_OP(Where) BITLENS_OP(ShapeGenerator) BITLENS_OP(LayerNormalization)
BITLENS_OP(Split) BITLENS_OP(GatherElements) BITLENS_OP(CumSum) BITLENS_OP(DepthToSpace) BITLENS_OP(Loss)
BITLENS_OP(Scatter) BITLENS_OP(GatherND) BITLENS_OP(TopK) BITLENS_OP(OneHot) BITLENS_OP(Compress)
BITLENS_OP(Dropout) BITLENS_OP(Einsum) BITLENS_OP(Det) BITLENS_OP(Unique) BITLENS_OP(ReverseSequence) BITLENS_OP(LRN)
BITLENS_OP(MeanVarianceNormalization)
BITLENS_OP(Dft) BITLENS_OP(Window) BITLENS_OP(MelWeightMatrix) BITLENS_OP(NonMaxSuppression) BITLENS_OP(TfIdfVectorizer)
BITLENS_OP(Recurrent)
BITLENS_OP(QuantizedMatMul) BITLENS_OP(QuantizedConv)
BITLENS_OP(MaxUnpool) BITLENS_OP(GridSample) BITLENS_OP(RoiAlign)
BITLENS_OP(GroupNormalization) BITLENS_OP(LpNormalization) BITLENS_OP(ControlFlow)
#undef BITLENS_OP

// A Conv with the BatchNormalization, residual Add and activation after it fused in (inputs X, W,
// B, then BN's scale, B, mean and var when epilogue.batchNorm, then the Add's other input when
// epilogue.residual; `add` is the Add node, for its broadcasting rules).
Result<std::unique_ptr<Operator>> makeFusedConv(const Node& conv, int64_t opset, const ConvEpilogue& epilogue,
                                                const Node* add = nullptr);

} // namespace bitlens::engine

// The one table of engine operators. Adding an op: write its kernel file, declare its factory in
// registry.h, add a row here (see HACKING.md).
#include "registry.h"

#include <algorithm>

namespace bitlens::engine {
namespace {

constexpr OperatorInfo kOperators[] = {
    // One-input element-wise (elementwise_unary.cpp).
    {"Relu", &makeUnary}, {"LeakyRelu", &makeUnary}, {"Sigmoid", &makeUnary}, {"HardSigmoid", &makeUnary},
    {"HardSwish", &makeUnary}, {"Tanh", &makeUnary}, {"Sqrt", &makeUnary}, {"Erf", &makeUnary},
    {"Abs", &makeUnary}, {"Neg", &makeUnary}, {"Sign", &makeUnary}, {"Ceil", &makeUnary}, {"Floor", &makeUnary},
    {"Round", &makeUnary}, {"Reciprocal", &makeUnary}, {"Exp", &makeUnary}, {"Log", &makeUnary},
    {"Sin", &makeUnary}, {"Cos", &makeUnary}, {"Tan", &makeUnary}, {"Asin", &makeUnary}, {"Acos", &makeUnary},
    {"Atan", &makeUnary}, {"Sinh", &makeUnary}, {"Cosh", &makeUnary}, {"Asinh", &makeUnary},
    {"Acosh", &makeUnary}, {"Atanh", &makeUnary}, {"Softplus", &makeUnary}, {"Softsign", &makeUnary},
    {"Elu", &makeUnary}, {"Celu", &makeUnary}, {"Selu", &makeUnary}, {"ThresholdedRelu", &makeUnary},
    {"Mish", &makeUnary}, {"Gelu", &makeUnary}, {"Shrink", &makeUnary}, {"IsNaN", &makeUnary},
    {"IsInf", &makeUnary}, {"Not", &makeUnary}, {"BitwiseNot", &makeUnary},
    {"Clip", &makeClip}, {"Identity", &makeIdentity}, {"Dropout", &makeDropout},
    // Two or more inputs, broadcast (elementwise_binary.cpp).
    {"Add", &makeBinary}, {"Sub", &makeBinary}, {"Mul", &makeBinary}, {"Div", &makeBinary}, {"Pow", &makeBinary},
    {"Mod", &makeBinary}, {"PRelu", &makeBinary}, {"Max", &makeBinary}, {"Min", &makeBinary},
    {"Sum", &makeBinary}, {"Mean", &makeBinary}, {"Equal", &makeBinary}, {"Greater", &makeBinary},
    {"Less", &makeBinary}, {"GreaterOrEqual", &makeBinary}, {"LessOrEqual", &makeBinary}, {"And", &makeBinary},
    {"Or", &makeBinary}, {"Xor", &makeBinary}, {"BitShift", &makeBinary}, {"BitwiseAnd", &makeBinary},
    {"BitwiseOr", &makeBinary}, {"BitwiseXor", &makeBinary}, {"Where", &makeWhere},
    // Reductions (reduce.cpp).
    {"ReduceSum", &makeReduce}, {"ReduceMean", &makeReduce}, {"ReduceMax", &makeReduce}, {"ReduceMin", &makeReduce},
    {"ReduceProd", &makeReduce}, {"ReduceL1", &makeReduce}, {"ReduceL2", &makeReduce},
    {"ReduceLogSum", &makeReduce}, {"ReduceLogSumExp", &makeReduce}, {"ReduceSumSquare", &makeReduce},
    {"ArgMax", &makeReduce}, {"ArgMin", &makeReduce},
    // Tensors made from shapes and sizes (shape_generators.cpp).
    {"ConstantOfShape", &makeShapeGenerator}, {"Expand", &makeShapeGenerator}, {"Range", &makeShapeGenerator},
    {"Size", &makeShapeGenerator}, {"Tile", &makeShapeGenerator}, {"EyeLike", &makeShapeGenerator},
    {"Trilu", &makeShapeGenerator},
    // Network layers and data movement.
    {"Conv", &makeConv}, {"Gemm", &makeGemm}, {"MatMul", &makeMatMul},
    {"BatchNormalization", &makeBatchNormalization}, {"MaxPool", &makeMaxPool},
    {"AveragePool", &makeAveragePool}, {"GlobalAveragePool", &makeGlobalPool}, {"GlobalMaxPool", &makeGlobalPool}, {"GlobalLpPool", &makeGlobalPool},
    {"Flatten", &makeFlatten}, {"Reshape", &makeReshape}, {"Transpose", &makeTranspose},
    {"Concat", &makeConcat}, {"Shape", &makeShape}, {"Gather", &makeGather},
    {"Unsqueeze", &makeUnsqueeze}, {"Squeeze", &makeSqueeze}, {"Softmax", &makeSoftmax}, {"LogSoftmax", &makeSoftmax}, {"Hardmax", &makeSoftmax}, {"Cast", &makeCast}, {"CastLike", &makeCast},
    // Quantized integers: (de)quantization (quantize_linear.cpp), integer matrix products
    // (quantized_matmul.cpp) and convolutions (quantized_conv.cpp).
    {"QuantizeLinear", &makeQuantizeLinear}, {"DequantizeLinear", &makeQuantizeLinear},
    {"DynamicQuantizeLinear", &makeQuantizeLinear}, {"MatMulInteger", &makeQuantizedMatMul},
    {"QLinearMatMul", &makeQuantizedMatMul}, {"ConvInteger", &makeQuantizedConv}, {"QLinearConv", &makeQuantizedConv},
    {"LayerNormalization", &makeLayerNormalization}, {"Split", &makeSplit}, {"GatherElements", &makeGatherElements},
    {"CumSum", &makeCumSum}, {"DepthToSpace", &makeDepthToSpace}, {"SpaceToDepth", &makeDepthToSpace},
    {"NegativeLogLikelihoodLoss", &makeLoss}, {"SoftmaxCrossEntropyLoss", &makeLoss},
    {"ScatterElements", &makeScatter}, {"Scatter", &makeScatter}, {"ScatterND", &makeScatter},
    {"GatherND", &makeGatherND}, {"TopK", &makeTopK}, {"OneHot", &makeOneHot}, {"Compress", &makeCompress},
    {"NonZero", &makeCompress},
    {"ConvTranspose", &makeConvTranspose}, {"Slice", &makeSlice}, {"Pad", &makePad}, {"Resize", &makeResize},
    {"Einsum", &makeEinsum}, {"Det", &makeDet}, {"Unique", &makeUnique}, {"ReverseSequence", &makeReverseSequence},
    {"LRN", &makeLRN}, {"MeanVarianceNormalization", &makeMeanVarianceNormalization},
    // Subgraphs (control_flow.cpp).
    {"If", &makeControlFlow}, {"Loop", &makeControlFlow}, {"Scan", &makeControlFlow},
    {"InstanceNormalization", &makeGroupNormalization}, {"GroupNormalization", &makeGroupNormalization},
    {"LpNormalization", &makeLpNormalization},
    // Signal processing and detection (dft.cpp, windows.cpp, mel_weight_matrix.cpp, ...).
    {"DFT", &makeDft}, {"STFT", &makeDft}, {"HannWindow", &makeWindow}, {"HammingWindow", &makeWindow},
    {"BlackmanWindow", &makeWindow}, {"MelWeightMatrix", &makeMelWeightMatrix},
    {"NonMaxSuppression", &makeNonMaxSuppression}, {"TfIdfVectorizer", &makeTfIdfVectorizer},
    // Recurrent layers, one time loop (recurrent.cpp).
    {"RNN", &makeRecurrent}, {"GRU", &makeRecurrent}, {"LSTM", &makeRecurrent},
    {"Upsample", &makeResize}, {"MaxUnpool", &makeMaxUnpool}, {"GridSample", &makeGridSample},
    {"RoiAlign", &makeRoiAlign},
};

// Constant nodes are folded into the model's constants by the loader and never run.
constexpr OperatorInfo kConstant{"Constant", &makeIdentity};

} // namespace

const OperatorInfo* findOperator(std::string_view opType)
{
    if (opType == kConstant.opType)
        return &kConstant;
    for (const OperatorInfo& info : kOperators)
        if (info.opType == opType)
            return &info;
    return nullptr;
}

std::vector<std::string> supportedOperators()
{
    std::vector<std::string> names{"Constant"};
    for (const OperatorInfo& info : kOperators)
        names.emplace_back(info.opType);
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace bitlens::engine

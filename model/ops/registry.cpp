// The one table of engine operators. Adding an op: write its kernel file, declare its factory in
// registry.h, add a row here (see HACKING.md).
#include "registry.h"

#include <algorithm>
#include <array>

namespace bitlens::engine {
namespace {

constexpr std::array<OperatorInfo, 39> kOperators{{
    {"Add", &makeAdd}, {"Sub", &makeSub}, {"Mul", &makeMul}, {"Div", &makeDiv}, {"Pow", &makePow},
    {"Relu", &makeRelu}, {"LeakyRelu", &makeLeakyRelu}, {"Sigmoid", &makeSigmoid},
    {"HardSigmoid", &makeHardSigmoid}, {"HardSwish", &makeHardSwish}, {"Tanh", &makeTanh},
    {"Sqrt", &makeSqrt}, {"Erf", &makeErf}, {"Clip", &makeClip}, {"Identity", &makeIdentity},
    {"Dropout", &makeIdentity}, {"Conv", &makeConv}, {"Gemm", &makeGemm}, {"MatMul", &makeMatMul},
    {"BatchNormalization", &makeBatchNormalization}, {"MaxPool", &makeMaxPool},
    {"AveragePool", &makeAveragePool}, {"GlobalAveragePool", &makeGlobalAveragePool},
    {"Flatten", &makeFlatten}, {"Reshape", &makeReshape}, {"Transpose", &makeTranspose},
    {"Concat", &makeConcat}, {"Shape", &makeShape}, {"Gather", &makeGather},
    {"Unsqueeze", &makeUnsqueeze}, {"Squeeze", &makeSqueeze}, {"Softmax", &makeSoftmax}, {"Cast", &makeCast},
    {"DequantizeLinear", &makeDequantizeLinear},
    {"ConvTranspose", &makeConvTranspose}, {"Slice", &makeSlice}, {"Pad", &makePad},
    {"ReduceMean", &makeReduceMean}, {"Resize", &makeResize},
}};

} // namespace

const OperatorInfo* findOperator(std::string_view opType)
{
    if (opType == "Constant") // folded into the model's constants by the loader
        return &kOperators[14]; // never run; any factory will do
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

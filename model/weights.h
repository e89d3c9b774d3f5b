#pragma once
// Weight discovery, DESIGN.md "Which tensors are weights": a constant float tensor consumed
// as Conv W (axis 0), ConvTranspose W (axis 1), Gemm B (axis 0 if transB=1 else 1) or
// MatMul's constant second operand (axis = last), possibly through Identity nodes.
#include "model.h"

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace bitlens {

struct WeightLayer
{
    std::string name;     // the constant's name (initializer or Constant output), before any Identity
    std::string nodeName; // the consuming node's name (may be empty in the file)
    std::string op;       // Conv, ConvTranspose, Gemm, MatMul
    int axis = 0;         // the output-channel axis
    std::shared_ptr<const Tensor> tensor;

    int64_t channels() const { return tensor->dims.empty() ? 1 : tensor->dims[static_cast<size_t>(axis)]; }
    int64_t parameters() const { return tensor->elementCount(); }
};

// Finds the constant behind a value name, following Identity nodes (map built once).
class ConstantResolver
{
public:
    explicit ConstantResolver(const Model& model);
    // The constant's name, or empty if the value is not a constant.
    std::string source(const std::string& valueName) const;
    const Tensor* tensor(const std::string& valueName) const;

private:
    const Model& m_model;
    std::unordered_map<std::string, std::string> m_identityInput; // Identity output -> its input
};

// In the order their first consumer appears in the graph; a tensor used twice is listed once.
// A candidate that cannot be read safely (an attribute of the wrong type, a tensor whose data
// disagrees with its dims) is left out with a message in *problems, if given.
std::vector<WeightLayer> findWeightLayers(const Model& model, std::vector<std::string>* problems = nullptr);

} // namespace bitlens

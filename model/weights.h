#pragma once
// Weight discovery, DESIGN.md "Which tensors are weights": a constant float tensor consumed
// as Conv W (axis 0), ConvTranspose W (axis 1), Gemm B (axis 0 if transB=1 else 1),
// MatMul's constant second operand (axis = last) or LSTM/GRU/RNN W and R (axis 1), possibly
// through Identity, Transpose, Cast or Reshape nodes applied to the constant alone (the layer is
// the stored tensor, its axis mapped back through them); integer weights the graph dequantizes
// (DequantizeLinear of a constant, the weight of QLinearConv, QLinearMatMul, ConvInteger,
// MatMulInteger), whose FP32 view is the dequantized tensor; and weights inside If branches and
// Loop/Scan bodies, at any depth.
#include "model.h"

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace bitlens {

struct WeightLayer
{
    std::string name;     // the constant's name (initializer or Constant output), before any Identity
    std::string nodeName; // the consuming node's name (may be empty in the file)
    std::string op;       // Conv, ConvTranspose, Gemm, MatMul
    int axis = 0;         // the output-channel axis of the stored tensor
    std::shared_ptr<const Tensor> tensor;
    std::string through;  // the wrapper ops between the constant and the consumer ("Transpose, Cast"), if any
    std::string graphPath; // the subgraph holding the consumer ("If_3 / then_branch"); empty in the main graph
    // How the file stores an integer weight ("int8 per-channel (axis 0), dequantized by DequantizeLinear
    // 'dq'"); empty for a float weight, whose tensor is the stored values.
    std::string storage;

    // The consuming node with the path of the subgraph holding it, for display.
    std::string nodePath() const { return graphPath.empty() ? nodeName : graphPath + " / " + nodeName; }
    int64_t channels() const { return tensor->dims.empty() ? 1 : tensor->dims[static_cast<size_t>(axis)]; }
    int64_t parameters() const { return tensor->elementCount(); }
};

// Finds the constant behind a value name, following Identity nodes (map built once), or for weight
// discovery also the shape-only wrappers Transpose, Cast and Reshape.
class ConstantResolver
{
public:
    explicit ConstantResolver(const Model& model);
    // The constant's name, or empty if the value is not a constant (through Identity only: the
    // value equals the constant).
    std::string source(const std::string& valueName) const;
    const Tensor* tensor(const std::string& valueName) const;

    struct Trace
    {
        std::string source;                // the constant's name
        std::vector<const Node*> wrappers; // Transpose/Cast/Reshape nodes, the constant's side first
        const Node* dequantize = nullptr;  // a DequantizeLinear of the (integer) constant, before the wrappers
    };
    // The constant behind a value through Identity, Transpose, Cast (float to float) and Reshape (of a
    // constant shape), and at the far end one DequantizeLinear whose inputs are all constants;
    // nullopt if the value is not one.
    std::optional<Trace> trace(const std::string& valueName) const;
    // The node producing a value, or null for a graph input or constant.
    const Node* producer(const std::string& valueName) const;

    // A Concat whose inputs are all Slices (step 1, one axis, constant bounds) of one value: each
    // slice's data, axis (as written) and bounds; nullopt if it is not one.
    struct SliceRange
    {
        std::string data;
        int64_t axis = 0, start = 0, end = 0;
    };
    std::optional<std::vector<SliceRange>> concatOfSlices(const Node& concat) const;

private:
    const Model& m_model;
    std::unordered_map<std::string, std::string> m_identityInput; // Identity output -> its input
    std::unordered_map<std::string, const Node*> m_producer;      // every node output -> its node
};

// In the order their first consumer appears in the graph; a tensor used twice is listed once.
// A candidate that cannot be read safely (an attribute of the wrong type, a tensor whose data
// disagrees with its dims, a Reshape that merges the output-channel axis) or that is computed from
// constants by other ops is left out with a message in *problems, if given.
std::vector<WeightLayer> findWeightLayers(const Model& model, std::vector<std::string>* problems = nullptr);

} // namespace bitlens

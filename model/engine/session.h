#pragma once
// Runs a loaded model on the CPU in float32: nodes in graph order (checked to be topological),
// every op resolved before running (an unsupported op is reported by name), intermediate
// values freed after their last use. Constants may be overridden (quantized weights).
#include "operator.h"

#include <map>
#include <memory>

namespace bitlens::engine {

struct SessionOptions
{
    // Run a Conv's following BatchNormalization, residual Add and Relu/Clip inside the Conv's
    // pass over its output (bit-identical results; engine/fusion.cpp).
    bool fuse = true;
};

class Session
{
public:
    // Fails naming every unsupported operator, or the first node whose input is never produced.
    static Result<std::unique_ptr<Session>> create(std::shared_ptr<const Model> model, const SessionOptions& options = {});

    // Replaces a constant (e.g. a weight by its quantized x^); same dims required.
    Result<bool> overrideConstant(const std::string& name, std::shared_ptr<const Tensor> value);

    // Inputs in the order of Model::inputs; outputs in the order of Model::outputs.
    Result<std::vector<Tensor>> run(const std::vector<Tensor>& inputs) const;

    const Model& model() const { return *m_model; }
    // Steps run per inference (fewer than the graph's nodes when ops are fused).
    size_t stepCount() const { return m_steps.size(); }

private:
    Session() = default;
    struct Step
    {
        const Node* node;
        std::unique_ptr<Operator> op;
        std::vector<int> inputs;  // slot per input, -1 for an omitted optional input
        std::vector<int> outputs; // slot per output, -1 for an unused one
        std::vector<int> release; // slots whose last use is this step
    };

    // Folds Conv -> BatchNormalization -> Add -> Relu/Clip chains into one step (fusion.cpp).
    Result<bool> fuseConvEpilogues();

    std::shared_ptr<const Model> m_model;
    std::map<std::string, std::shared_ptr<const Tensor>> m_constants;
    std::vector<std::string> m_slotNames;
    std::vector<int> m_inputSlots, m_outputSlots;
    std::vector<std::pair<int, std::string>> m_constantSlots;
    std::vector<Step> m_steps;
};

} // namespace bitlens::engine

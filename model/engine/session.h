#pragma once
// Runs a loaded model on the CPU in float32: nodes in graph order (checked to be topological),
// every op resolved before running (an unsupported op is reported by name), intermediate
// values freed after their last use. Constants may be overridden (quantized weights).
#include "operator.h"

#include <functional>
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

    // Replaces a constant (e.g. a weight by its quantized x^); same dims required. Constants of
    // control-flow subgraphs are found too.
    Result<bool> overrideConstant(const std::string& name, std::shared_ptr<const Tensor> value);
    bool hasConstant(const std::string& name) const;

    // Inputs in the order of Model::inputs; outputs in the order of Model::outputs.
    Result<std::vector<Tensor>> run(const std::vector<Tensor>& inputs) const;
    // The same with the inputs borrowed (a subgraph's run reads its caller's values in place).
    Result<std::vector<Tensor>> runBorrowed(const std::vector<const Tensor*>& inputs) const;

    // Running in two halves, so the first half's results can be kept and the second half re-run
    // with other weights (re-evaluating a plan after an edit of a later layer). A cut is a step
    // index 0..stepCount(); the values live at a cut are those computed (or input) before it and
    // read at or after it, graph outputs included, constants excluded.
    // The first step that reads any of these constants (stepCount() if none does): every step from
    // it on may depend on them, so a cut kept across a change of them must come before it.
    int firstStepReading(const std::vector<std::string>& constants) const;
    // The values live at `cut`, as runPrefix returns them and runFrom takes them.
    std::vector<std::string> liveValuesAt(int cut) const;
    // Runs steps [0, cut) and returns the values live at the cut.
    Result<std::vector<Tensor>> runPrefix(const std::vector<Tensor>& inputs, int cut) const;
    // Runs steps [from, to) on the values live at `from` (borrowed) and returns those live at `to`;
    // the graph's outputs (in Model::outputs order, channels first) when to == stepCount().
    Result<std::vector<Tensor>> runBetween(int from, const std::vector<const Tensor*>& live, int to) const;

    // The output of each step that first reads one of `constants` (e.g. a layer's output after its
    // fused BatchNorm/ReLU), for every constant that is read; `observe` is called with (index in
    // `constants`, value) while the run goes on. Used for per-layer activation distances.
    using Observer = std::function<void(size_t which, const Tensor& value)>;
    Result<std::vector<Tensor>> runObserved(const std::vector<Tensor>& inputs, const std::vector<std::string>& constants,
                                            const Observer& observe) const;

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
        // Set when a plan replaced what this DequantizeLinear computes: its output, borrowed.
        std::shared_ptr<const Tensor> fixedOutput;
    };

    // Folds Conv -> BatchNormalization -> Add -> Relu/Clip chains into one step (fusion.cpp).
    Result<bool> fuseConvEpilogues();
    // The first step reading the constants; with throughWrappers, the first that computes with
    // them past Identity/Transpose/Cast/Reshape/DequantizeLinear (the layer's own step).
    int stepReading(const std::vector<std::string>& constants, bool throughWrappers) const;
    // Slots live at each cut, computed once after fusion.
    void computeLiveness();
    // The inputs as the values live at cut 0 (checked against the model's input count).
    Result<std::vector<const Tensor*>> liveInputs(const std::vector<Tensor>& inputs) const;
    Result<std::vector<const Tensor*>> liveInputs(const std::vector<const Tensor*>& inputs) const;
    using ConstantMap = std::map<std::string, std::shared_ptr<const Tensor>>;
    Result<bool> overrideOwnConstant(ConstantMap::iterator it, std::shared_ptr<const Tensor> value);
    // An integer weight overridden by float values x^ (a plan re-quantizing it, or its own
    // dequantized values restoring it): a DequantizeLinear reading it outputs x^ itself (exact); an
    // operator computing in integers (QLinearConv, QLinearMatMul, ConvInteger, MatMulInteger) gets
    // q = saturate(round_half_even(x^ / scale) + zero_point), x^ on the grid the file stores, the
    // nearest it can compute with (exact for the file's own values).
    Result<bool> overrideIntegerWeight(const std::string& name, std::shared_ptr<const Tensor> value);
    Result<std::vector<Tensor>> runSteps(int from, const std::vector<const Tensor*>& live, int to,
                                         const std::vector<int>& observedSteps, const Observer& observe) const;
    // runSteps without the exception guard; `current` is the step being run.
    Result<std::vector<Tensor>> runStepsUnchecked(int from, const std::vector<const Tensor*>& live, int to,
                                                  const std::vector<int>& observedSteps, const Observer& observe,
                                                  int& current) const;

    std::shared_ptr<const Model> m_model;
    ConstantMap m_constants;
    ConstantMap m_storedIntegers; // integer weights as the file stores them, once overridden
    std::vector<std::string> m_slotNames;
    std::vector<int> m_inputSlots, m_outputSlots;
    std::vector<std::pair<int, std::string>> m_constantSlots;
    std::vector<Step> m_steps;
    std::vector<int> m_producer;               // step computing each slot; -1 for inputs and constants
    std::vector<int> m_lastReader;             // last step reading each slot; -1 if none
    std::vector<char> m_isConstant, m_isOutput;
};

} // namespace bitlens::engine

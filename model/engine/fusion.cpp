// Conv -> BatchNormalization -> Add (residual) -> Relu/Clip as one step: the Conv applies the others to each output
// row while it is in cache (ops/conv_epilogue.h), instead of three passes over memory with two
// intermediate tensors. Only chains where each intermediate has exactly one reader and is not a
// graph output, BN's parameters are available before the Conv runs and Clip's bounds are
// constants, are fused. Weights stay overridable: the fused step reads W and the BN parameters
// at run time.
#include "session.h"

#include <model/ops/registry.h>

#include <limits>
#include <set>

namespace bitlens::engine {

Result<bool> Session::fuseConvEpilogues()
{
    std::vector<int> readers(m_slotNames.size(), 0);
    std::vector<int> readerStep(m_slotNames.size(), -1);
    for (size_t k = 0; k < m_steps.size(); ++k)
        for (int sl : m_steps[k].inputs)
            if (sl >= 0) {
                ++readers[static_cast<size_t>(sl)];
                readerStep[static_cast<size_t>(sl)] = static_cast<int>(k);
            }
    for (int sl : m_outputSlots)
        readers[static_cast<size_t>(sl)] += 2; // a graph output must stay visible
    std::set<int> constantSlots;
    for (const auto& [sl, name] : m_constantSlots)
        constantSlots.insert(sl);
    auto constantValue = [&](int sl) -> const Tensor* {
        for (const auto& [slot, name] : m_constantSlots)
            if (slot == sl)
                return m_constants.at(name).get();
        return nullptr;
    };
    // The only reader of slot `sl`, if it reads it as its first input.
    auto soleReader = [&](int sl) -> Step* {
        if (sl < 0 || readers[static_cast<size_t>(sl)] != 1)
            return nullptr;
        Step* r = &m_steps[static_cast<size_t>(readerStep[static_cast<size_t>(sl)])];
        return r->inputs.front() == sl ? r : nullptr;
    };
    auto singleOutput = [](const Step& st) {
        for (size_t o = 1; o < st.outputs.size(); ++o)
            if (st.outputs[o] >= 0)
                return false;
        return true;
    };

    // Step that computes each slot (-1: input or constant).
    std::vector<int> producer(m_slotNames.size(), -1);
    for (size_t k = 0; k < m_steps.size(); ++k)
        for (int sl : m_steps[k].outputs)
            if (sl >= 0)
                producer[static_cast<size_t>(sl)] = static_cast<int>(k);

    std::vector<char> removed(m_steps.size(), 0);
    for (Step& conv : m_steps) {
        const int convIndex = static_cast<int>(&conv - m_steps.data());
        if (conv.node->opType != "Conv" || conv.outputs.size() != 1 || conv.inputs.size() < 2)
            continue;
        ConvEpilogue e;
        std::vector<int> inputs = conv.inputs;
        inputs.resize(3, -1);
        int out = conv.outputs[0];
        std::vector<Step*> absorbed;
        if (Step* bn = soleReader(out); bn && bn->node->opType == "BatchNormalization" && singleOutput(*bn) &&
                                          bn->inputs.size() == 5 && bn->node->intAttribute("training_mode", 0) == 0) {
            // BN's parameters must exist when the Conv runs: constants, or computed by an earlier
            // step (exporters put shared initializers behind Identity nodes).
            bool available = true;
            for (size_t i = 1; i < 5; ++i) {
                const int sl = bn->inputs[i];
                available = available && sl >= 0 &&
                            (constantSlots.count(sl) || producer[static_cast<size_t>(sl)] < convIndex);
            }
            if (available) {
                e.batchNorm = true;
                e.epsilon = bn->node->floatAttribute("epsilon", 1e-5);
                inputs.insert(inputs.end(), bn->inputs.begin() + 1, bn->inputs.end());
                out = bn->outputs[0];
                absorbed.push_back(bn);
            }
        }
        // A residual Add of `out` and a value that exists before the Conv runs (a ResNet block's
        // shortcut). Addition is commutative in floats, so y + r gives the Add's bits either way.
        const Node* addNode = nullptr;
        if (out >= 0 && readers[static_cast<size_t>(out)] == 1) {
            Step* add = &m_steps[static_cast<size_t>(readerStep[static_cast<size_t>(out)])];
            if (add->node->opType == "Add" && add->inputs.size() == 2 && singleOutput(*add)) {
                const int other = add->inputs[0] == out ? add->inputs[1] : add->inputs[0];
                const bool once = (add->inputs[0] == out) != (add->inputs[1] == out);
                if (once && other >= 0 && (constantSlots.count(other) || producer[static_cast<size_t>(other)] < convIndex)) {
                    e.residual = true;
                    inputs.push_back(other);
                    out = add->outputs[0];
                    addNode = add->node;
                    absorbed.push_back(add);
                }
            }
        }
        if (Step* act = soleReader(out); act && singleOutput(*act)) {
            if (act->node->opType == "Relu") {
                e.activation = ConvEpilogue::Activation::Relu;
            } else if (act->node->opType == "Clip") {
                float lo = std::numeric_limits<float>::lowest(), hi = std::numeric_limits<float>::max();
                bool known = true;
                if (m_model->defaultOpset < 11) {
                    lo = static_cast<float>(act->node->floatAttribute("min", lo));
                    hi = static_cast<float>(act->node->floatAttribute("max", hi));
                } else {
                    for (size_t i = 1; i < act->inputs.size() && i < 3; ++i) {
                        if (act->inputs[i] < 0)
                            continue;
                        const Tensor* t = constantValue(act->inputs[i]);
                        known = known && t && t->isFloat() && t->floats.size() == 1;
                        if (known)
                            (i == 1 ? lo : hi) = t->floats[0];
                    }
                }
                if (known) {
                    e.activation = ConvEpilogue::Activation::Clip;
                    e.clipLo = lo;
                    e.clipHi = hi;
                }
            }
            if (e.activation != ConvEpilogue::Activation::None) {
                out = act->outputs[0];
                absorbed.push_back(act);
            }
        }
        if (absorbed.empty())
            continue;
        auto op = makeFusedConv(*conv.node, m_model->defaultOpset, e, addNode);
        if (!op)
            return fail(m_model->path.string() + ": node '" + conv.node->name + "': " + op.error());
        conv.op = std::move(*op);
        conv.inputs = std::move(inputs);
        conv.outputs = {out};
        for (Step* a : absorbed)
            removed[static_cast<size_t>(a - m_steps.data())] = 1;
    }
    std::vector<Step> kept;
    for (size_t k = 0; k < m_steps.size(); ++k)
        if (!removed[k])
            kept.push_back(std::move(m_steps[k]));
    m_steps = std::move(kept);
    return true;
}

} // namespace bitlens::engine

#include "session.h"

#include <model/ops/common.h>
#include <model/ops/layout.h>
#include <model/ops/quantization.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <limits>
#include <new>
#include <set>
#include <unordered_map>

namespace bitlens::engine {

namespace {
std::atomic<int64_t> g_maxTensorElements{int64_t{1} << 30};
std::atomic<int64_t> g_maxOperatorWork{std::numeric_limits<int64_t>::max()};
} // namespace

int64_t maxTensorElements()
{
    return g_maxTensorElements.load(std::memory_order_relaxed);
}

void setMaxTensorElements(int64_t elements)
{
    g_maxTensorElements.store(std::max<int64_t>(elements, 1), std::memory_order_relaxed);
}

int64_t maxOperatorWork()
{
    return g_maxOperatorWork.load(std::memory_order_relaxed);
}

void setMaxOperatorWork(int64_t multiplyAdds)
{
    g_maxOperatorWork.store(std::max<int64_t>(multiplyAdds, 1), std::memory_order_relaxed);
}

Result<std::unique_ptr<Session>> Session::create(std::shared_ptr<const Model> model, const SessionOptions& options)
{
    // Nothing to compute: evaluation and comparison read the first output.
    if (model->outputs.empty())
        return fail(model->path.string() + ": the graph declares no outputs, so there is nothing to run");
    std::unique_ptr<Session> s(new Session());
    s->m_model = model;
    s->m_constants = model->constants;

    std::set<std::string> unsupported;
    for (const Node& n : model->nodes)
        if (!(n.domain.empty() || n.domain == "ai.onnx") || !findOperator(n.opType))
            unsupported.insert(n.domain.empty() ? n.opType : n.domain + "." + n.opType);
    if (!unsupported.empty()) {
        std::string list;
        for (const std::string& op : unsupported)
            list += (list.empty() ? "" : ", ") + op;
        return fail(model->path.string() + ": unsupported operator(s): " + list);
    }

    std::unordered_map<std::string, int> slotOf;
    auto slot = [&](const std::string& name) {
        auto [it, inserted] = slotOf.emplace(name, static_cast<int>(s->m_slotNames.size()));
        if (inserted)
            s->m_slotNames.push_back(name);
        return it->second;
    };
    for (const ValueInfo& in : model->inputs)
        s->m_inputSlots.push_back(slot(in.name));
    for (const auto& [name, t] : model->constants)
        s->m_constantSlots.emplace_back(slot(name), name);

    std::vector<char> defined(s->m_slotNames.size(), 1);
    std::vector<int> lastUse;
    for (size_t k = 0; k < model->nodes.size(); ++k) {
        const Node& n = model->nodes[k];
        const std::string who = "node " + std::to_string(k) + " '" + n.name + "' (" + n.opType + ")";
        Step step;
        step.node = &n;
        if (n.opType == "Constant") {
            // Its value is already a constant of the model; nothing to run.
            continue;
        }
        // Names its subgraphs read from this scope come after the node's own inputs.
        std::vector<std::string> reads = n.inputs;
        reads.insert(reads.end(), n.outerScopeReads.begin(), n.outerScopeReads.end());
        for (const std::string& in : reads) {
            if (in.empty()) {
                step.inputs.push_back(-1);
                continue;
            }
            auto it = slotOf.find(in);
            if (it == slotOf.end() || !defined[static_cast<size_t>(it->second)])
                return fail(model->path.string() + ": " + who + " reads '" + in +
                            "', which no earlier node, input or initializer provides");
            step.inputs.push_back(it->second);
        }
        for (const std::string& out : n.outputs) {
            if (out.empty()) {
                step.outputs.push_back(-1);
                continue;
            }
            if (slotOf.count(out) && defined[static_cast<size_t>(slotOf[out])])
                return fail(model->path.string() + ": " + who + " writes '" + out + "', which is already defined");
            const int sl = slot(out);
            defined.resize(s->m_slotNames.size(), 0);
            defined[static_cast<size_t>(sl)] = 1;
            step.outputs.push_back(sl);
        }
        defined.resize(s->m_slotNames.size(), 0);
        auto op = findOperator(n.opType)->make(n, model->defaultOpset);
        if (!op)
            return fail(model->path.string() + ": " + who + ": " + op.error());
        step.op = std::move(*op);
        s->m_steps.push_back(std::move(step));
    }
    for (const ValueInfo& out : model->outputs) {
        auto it = slotOf.find(out.name);
        if (it == slotOf.end() || !defined[static_cast<size_t>(it->second)])
            return fail(model->path.string() + ": graph output '" + out.name + "' is never computed");
        s->m_outputSlots.push_back(it->second);
    }
    if (options.fuse)
        if (auto fused = s->fuseConvEpilogues(); !fused)
            return Error{fused.error()};
    // Free each intermediate after its last reader (graph inputs, constants and outputs are kept).
    lastUse.assign(s->m_slotNames.size(), -1);
    for (size_t k = 0; k < s->m_steps.size(); ++k)
        for (int in : s->m_steps[k].inputs)
            if (in >= 0)
                lastUse[static_cast<size_t>(in)] = static_cast<int>(k);
    std::vector<char> keep(s->m_slotNames.size(), 0);
    for (int sl : s->m_inputSlots)
        keep[static_cast<size_t>(sl)] = 1;
    for (int sl : s->m_outputSlots)
        keep[static_cast<size_t>(sl)] = 1;
    for (const auto& [sl, name] : s->m_constantSlots)
        keep[static_cast<size_t>(sl)] = 1;
    for (size_t sl = 0; sl < lastUse.size(); ++sl)
        if (lastUse[sl] >= 0 && !keep[sl])
            s->m_steps[static_cast<size_t>(lastUse[sl])].release.push_back(static_cast<int>(sl));
    s->computeLiveness();
    return s;
}

Result<bool> Session::overrideOwnConstant(ConstantMap::iterator it, std::shared_ptr<const Tensor> value)
{
    const std::string& name = it->first;
    if (it->second->dims != value->dims)
        return fail("constant '" + name + "' has dims " + shapeString(it->second->dims) + ", not " +
                    shapeString(value->dims));
    const auto stored = m_storedIntegers.find(name);
    const bool integer = stored != m_storedIntegers.end() || !it->second->isFloat();
    if (integer && value->isFloat())
        return overrideIntegerWeight(name, std::move(value));
    for (Step& step : m_steps)
        if (step.fixedOutput && !step.inputs.empty() && m_slotNames[static_cast<size_t>(step.inputs[0])] == name)
            step.fixedOutput.reset();
    it->second = std::move(value);
    return true;
}

Result<bool> Session::overrideIntegerWeight(const std::string& name, std::shared_ptr<const Tensor> value)
{
    const std::shared_ptr<const Tensor> stored = m_storedIntegers.emplace(name, m_constants.at(name)).first->second;
    auto constantAt = [&](const Step& step, int input) -> const Tensor* {
        if (input < 0 || static_cast<size_t>(input) >= step.inputs.size() || step.inputs[static_cast<size_t>(input)] < 0)
            return nullptr;
        auto c = m_constants.find(m_slotNames[static_cast<size_t>(step.inputs[static_cast<size_t>(input)])]);
        return c == m_constants.end() ? nullptr : c->second.get();
    };
    bool replaced = false;
    for (Step& step : m_steps)
        for (size_t j = 0; j < step.inputs.size(); ++j) {
            if (step.inputs[j] < 0 || m_slotNames[static_cast<size_t>(step.inputs[j])] != name)
                continue;
            const Node& n = *step.node;
            const std::string who = n.opType + " '" + n.name + "'";
            if (n.opType == "DequantizeLinear" && j == 0) {
                step.fixedOutput = value;
                replaced = true;
                continue;
            }
            const bool qlinear = (n.opType == "QLinearConv" || n.opType == "QLinearMatMul") && j == 3;
            const bool integerOp = (n.opType == "ConvInteger" || n.opType == "MatMulInteger") && j == 1;
            if (!qlinear && !integerOp)
                return fail("integer constant '" + name + "' is input " + std::to_string(j) + " of " + who +
                            ", where BitLens cannot replace it by float values");
            const bool conv = n.opType == "QLinearConv" || n.opType == "ConvInteger";
            const int64_t axis = conv ? 0 : static_cast<int64_t>(stored->dims.size()) - 1;
            const Tensor* zeroPoint = constantAt(step, qlinear ? 5 : 3);
            const Tensor* scale = constantAt(step, 4);
            if ((qlinear && !scale) || (n.inputs.size() > (qlinear ? 5u : 3u) && !n.inputs[qlinear ? 5 : 3].empty() && !zeroPoint))
                return fail("the scale or zero point of " + who + " is not a constant, so '" + name +
                            "' cannot be re-expressed in its integer codes");
            Tensor zero, ones;
            zero.type = stored->type;
            zero.ints = {0};
            if (!zeroPoint)
                zeroPoint = &zero;
            if (!scale) { // ConvInteger/MatMulInteger: the view is in code units
                ones.dims = zeroPoint->dims;
                ones.floats.assign(static_cast<size_t>(zeroPoint->elementCount()), 1.0f);
                scale = &ones;
            }
            auto quantized = runQuantizeLinear("QuantizeLinear", *value, *scale, zeroPoint, axis, 0, m_model->defaultOpset);
            if (!quantized)
                return fail("'" + name + "' for " + who + ": " + quantized.error());
            Tensor codes = std::move(*quantized);
            codes.type = stored->type;
            codes.name = name;
            m_constants[name] = std::make_shared<const Tensor>(std::move(codes));
            replaced = true;
        }
    if (!replaced)
        return fail("integer constant '" + name + "' is read by no DequantizeLinear or integer operator as a weight");
    return true;
}

Result<bool> Session::overrideConstant(const std::string& name, std::shared_ptr<const Tensor> value)
{
    auto it = m_constants.find(name);
    if (it != m_constants.end())
        return overrideOwnConstant(it, std::move(value));
    // A weight inside an If branch or a Loop/Scan body belongs to that subgraph's session.
    for (const Step& step : m_steps)
        if (auto found = step.op->overrideConstant(name, value); !found || *found)
            return found;
    return fail("no constant named '" + name + "'");
}

bool Session::hasConstant(const std::string& name) const
{
    if (m_constants.count(name))
        return true;
    return std::any_of(m_steps.begin(), m_steps.end(), [&](const Step& step) { return step.op->hasConstant(name); });
}

Result<std::vector<Tensor>> Session::run(const std::vector<Tensor>& inputs) const
{
    return runObserved(inputs, {}, {});
}

Result<std::vector<Tensor>> Session::runBorrowed(const std::vector<const Tensor*>& inputs) const
{
    auto live = liveInputs(inputs);
    if (!live)
        return Error{live.error()};
    return runSteps(0, *live, static_cast<int>(m_steps.size()), {}, {});
}

void Session::computeLiveness()
{
    const size_t slots = m_slotNames.size();
    m_producer.assign(slots, -1);
    m_lastReader.assign(slots, -1);
    m_isConstant.assign(slots, 0);
    m_isOutput.assign(slots, 0);
    for (size_t k = 0; k < m_steps.size(); ++k) {
        for (int sl : m_steps[k].outputs)
            if (sl >= 0)
                m_producer[static_cast<size_t>(sl)] = static_cast<int>(k);
        for (int sl : m_steps[k].inputs)
            if (sl >= 0)
                m_lastReader[static_cast<size_t>(sl)] = static_cast<int>(k);
    }
    for (const auto& [sl, name] : m_constantSlots)
        m_isConstant[static_cast<size_t>(sl)] = 1;
    for (int sl : m_outputSlots)
        m_isOutput[static_cast<size_t>(sl)] = 1;
}

namespace {
std::vector<int> liveSlots(int cut, const std::vector<int>& producer, const std::vector<int>& lastReader,
                           const std::vector<char>& isConstant, const std::vector<char>& isOutput)
{
    std::vector<int> live;
    for (size_t sl = 0; sl < producer.size(); ++sl)
        if (!isConstant[sl] && producer[sl] < cut && (lastReader[sl] >= cut || isOutput[sl]))
            live.push_back(static_cast<int>(sl));
    return live;
}
} // namespace

int Session::firstStepReading(const std::vector<std::string>& constants) const
{
    return stepReading(constants, false);
}

int Session::stepReading(const std::vector<std::string>& constants, bool throughWrappers) const
{
    std::vector<char> wanted(m_slotNames.size(), 0);
    for (const auto& [sl, name] : m_constantSlots)
        for (const std::string& c : constants)
            if (c == name)
                wanted[static_cast<size_t>(sl)] = 1;
    // A weight may reach its layer through Identity, Transpose, Cast or Reshape nodes, or be
    // integer codes a DequantizeLinear reads (DESIGN.md). Every step from the first reader on
    // depends on the weight (a cut must come before it); the layer is the one that computes with it.
    auto passesWeightOn = [](const Node& n) {
        return n.opType == "Identity" || n.opType == "Transpose" || n.opType == "Cast" || n.opType == "Reshape" ||
               n.opType == "DequantizeLinear";
    };
    for (size_t k = 0; k < m_steps.size(); ++k)
        for (int sl : m_steps[k].inputs)
            if (sl >= 0 && wanted[static_cast<size_t>(sl)]) {
                if (!throughWrappers || !passesWeightOn(*m_steps[k].node) || m_steps[k].inputs[0] != sl)
                    return static_cast<int>(k);
                for (int out : m_steps[k].outputs)
                    if (out >= 0)
                        wanted[static_cast<size_t>(out)] = 1;
                break;
            }
    return static_cast<int>(m_steps.size());
}

std::vector<std::string> Session::liveValuesAt(int cut) const
{
    std::vector<std::string> names;
    for (int sl : liveSlots(cut, m_producer, m_lastReader, m_isConstant, m_isOutput))
        names.push_back(m_slotNames[static_cast<size_t>(sl)]);
    return names;
}

Result<std::vector<const Tensor*>> Session::liveInputs(const std::vector<Tensor>& inputs) const
{
    std::vector<const Tensor*> borrowed;
    borrowed.reserve(inputs.size());
    for (const Tensor& t : inputs)
        borrowed.push_back(&t);
    return liveInputs(borrowed);
}

Result<std::vector<const Tensor*>> Session::liveInputs(const std::vector<const Tensor*>& inputs) const
{
    if (inputs.size() != m_inputSlots.size())
        return fail(m_model->path.string() + ": the model takes " + std::to_string(m_inputSlots.size()) + " inputs, not " +
                    std::to_string(inputs.size()));
    // The values live at cut 0 are the inputs that something reads, in slot order.
    std::vector<const Tensor*> live;
    for (int sl : liveSlots(0, m_producer, m_lastReader, m_isConstant, m_isOutput))
        for (size_t i = 0; i < m_inputSlots.size(); ++i)
            if (m_inputSlots[i] == sl) {
                live.push_back(inputs[i]);
                break;
            }
    return live;
}

Result<std::vector<Tensor>> Session::runPrefix(const std::vector<Tensor>& inputs, int cut) const
{
    auto live = liveInputs(inputs);
    if (!live)
        return Error{live.error()};
    return runSteps(0, *live, cut, {}, {});
}

Result<std::vector<Tensor>> Session::runBetween(int from, const std::vector<const Tensor*>& live, int to) const
{
    return runSteps(from, live, to, {}, {});
}

Result<std::vector<Tensor>> Session::runObserved(const std::vector<Tensor>& inputs, const std::vector<std::string>& constants,
                                                 const Observer& observe) const
{
    auto live = liveInputs(inputs);
    if (!live)
        return Error{live.error()};
    std::vector<int> observed;
    for (const std::string& c : constants)
        observed.push_back(stepReading({c}, true));
    return runSteps(0, *live, static_cast<int>(m_steps.size()), observed, observe);
}

Result<std::vector<Tensor>> Session::runSteps(int from, const std::vector<const Tensor*>& live, int to,
                                              const std::vector<int>& observedSteps, const Observer& observe) const
{
    // No exception leaves a run (callers run it on worker threads): an operator that asks for an
    // oversized tensor, or an allocation that fails, becomes an error naming the node.
    int current = -1;
    std::string problem;
    try {
        return runStepsUnchecked(from, live, to, observedSteps, observe, current);
    } catch (const TensorTooLarge& e) {
        const bool negative = std::any_of(e.dims.begin(), e.dims.end(), [](int64_t d) { return d < 0; });
        problem = negative ? "a tensor of dims " + shapeString(e.dims) + " has a negative dimension"
                           : "a tensor of dims " + shapeString(e.dims) + " is over the limit of " +
                                 std::to_string(maxTensorElements()) + " elements";
    } catch (const WorkTooLarge& e) {
        problem = "it needs over " + std::to_string(e.multiplyAdds) + " multiply-adds, over the limit of " +
                  std::to_string(maxOperatorWork());
    } catch (const InvalidInput& e) {
        problem = e.message;
    } catch (const std::bad_alloc&) {
        problem = "out of memory";
    } catch (const std::exception& e) {
        problem = std::string("internal error: ") + e.what();
    } catch (...) {
        problem = "internal error";
    }
    if (current >= 0 && current < static_cast<int>(m_steps.size())) {
        const Node& n = *m_steps[static_cast<size_t>(current)].node;
        return fail(m_model->path.string() + ": node '" + n.name + "' (" + n.opType + "): " + problem);
    }
    return fail(m_model->path.string() + ": " + problem);
}

Result<std::vector<Tensor>> Session::runStepsUnchecked(int from, const std::vector<const Tensor*>& live, int to,
                                                       const std::vector<int>& observedSteps, const Observer& observe,
                                                       int& current) const
{
    const int steps = static_cast<int>(m_steps.size());
    if (from < 0 || to > steps || from > to)
        return fail("steps " + std::to_string(from) + ".." + std::to_string(to) + " are outside 0.." + std::to_string(steps));
    const std::vector<int> liveIn = liveSlots(from, m_producer, m_lastReader, m_isConstant, m_isOutput);
    if (live.size() != liveIn.size())
        return fail("step " + std::to_string(from) + " needs " + std::to_string(liveIn.size()) + " live values, not " +
                    std::to_string(live.size()));
    // Values by slot: borrowed (live inputs, constants) or owned (computed).
    std::vector<const Tensor*> value(m_slotNames.size(), nullptr);
    std::vector<std::unique_ptr<Tensor>> owned(m_slotNames.size());
    for (size_t i = 0; i < liveIn.size(); ++i)
        value[static_cast<size_t>(liveIn[i])] = live[i];
    for (const auto& [sl, name] : m_constantSlots)
        value[static_cast<size_t>(sl)] = m_constants.at(name).get();

    // A channels-last value is converted once for the first reader that needs NCHW; the
    // converted copy replaces it for every later reader.
    auto channelsFirst = [&](int sl) {
        const Tensor* v = value[static_cast<size_t>(sl)];
        if (v && v->channelsLast) {
            owned[static_cast<size_t>(sl)] = std::make_unique<Tensor>(toChannelsFirst(*v));
            value[static_cast<size_t>(sl)] = owned[static_cast<size_t>(sl)].get();
        }
    };
    std::vector<const Tensor*> in;
    std::vector<Tensor> out;
    for (int k = from; k < to; ++k) {
        current = k;
        const Step& step = m_steps[static_cast<size_t>(k)];
        in.clear();
        const bool channelsLastOk = step.op->acceptsChannelsLast();
        for (int sl : step.inputs) {
            if (sl >= 0 && !channelsLastOk)
                channelsFirst(sl);
            in.push_back(sl >= 0 ? value[static_cast<size_t>(sl)] : nullptr);
        }
        if (step.fixedOutput && !step.outputs.empty() && step.outputs[0] >= 0) {
            const auto sl = static_cast<size_t>(step.outputs[0]);
            owned[sl].reset();
            value[sl] = step.fixedOutput.get();
            for (int rel : step.release) {
                owned[static_cast<size_t>(rel)].reset();
                value[static_cast<size_t>(rel)] = nullptr;
            }
            continue;
        }
        out.assign(step.outputs.size(), Tensor{});
        if (Status st = step.op->run(in, out); !st.empty())
            return fail(m_model->path.string() + ": node '" + step.node->name + "' (" + step.node->opType + "): " + st);
        for (size_t o = 0; o < step.outputs.size(); ++o) {
            const int sl = step.outputs[o];
            if (sl < 0)
                continue;
            // A node may name more outputs than its operator writes (a fuzzed LeakyRelu with two):
            // an unwritten output is an empty rank-0 tensor whose data does not match its dims,
            // and a reader of it would index past its end.
            const Tensor& t = out[o];
            const size_t stored = t.isFloat() ? t.floats.size() : t.ints.size();
            if (static_cast<int64_t>(stored) != t.elementCount() || (t.isFloat() ? !t.ints.empty() : !t.floats.empty()))
                return fail(m_model->path.string() + ": node '" + step.node->name + "' (" + step.node->opType + "): output " +
                            std::to_string(o) + " ('" + m_slotNames[static_cast<size_t>(sl)] + "') is not produced by " +
                            step.node->opType + (o > 0 ? " (it has fewer outputs)" : ""));
            owned[static_cast<size_t>(sl)] = std::make_unique<Tensor>(std::move(out[o]));
            value[static_cast<size_t>(sl)] = owned[static_cast<size_t>(sl)].get();
        }
        if (observe && !step.outputs.empty() && step.outputs[0] >= 0)
            for (size_t w = 0; w < observedSteps.size(); ++w)
                if (observedSteps[w] == k)
                    observe(w, *value[static_cast<size_t>(step.outputs[0])]);
        for (int sl : step.release) {
            owned[static_cast<size_t>(sl)].reset();
            value[static_cast<size_t>(sl)] = nullptr;
        }
    }
    current = -1;
    std::vector<Tensor> result;
    if (to == steps) {
        // Float16/bfloat16 values are computed in float32 through the graph (as ONNX Runtime's CPU
        // kernels do) and rounded to their type where the graph stores them: Cast (cast.cpp), its
        // inputs and initializers (as read), and its outputs, here.
        for (int sl : m_outputSlots) {
            result.push_back(toChannelsFirst(*value[static_cast<size_t>(sl)]));
            roundToStoredType(result.back());
        }
        return result;
    }
    for (int sl : liveSlots(to, m_producer, m_lastReader, m_isConstant, m_isOutput)) {
        auto& mine = owned[static_cast<size_t>(sl)];
        if (mine && mine.get() == value[static_cast<size_t>(sl)])
            result.push_back(std::move(*mine));
        else
            result.push_back(*value[static_cast<size_t>(sl)]);
    }
    return result;
}

} // namespace bitlens::engine

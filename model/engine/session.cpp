#include "session.h"

#include <model/ops/common.h>
#include <model/ops/layout.h>

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
        for (const std::string& in : n.inputs) {
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

Result<bool> Session::overrideConstant(const std::string& name, std::shared_ptr<const Tensor> value)
{
    auto it = m_constants.find(name);
    if (it == m_constants.end())
        return fail("no constant named '" + name + "'");
    if (it->second->dims != value->dims)
        return fail("constant '" + name + "' has dims " + shapeString(it->second->dims) + ", not " +
                    shapeString(value->dims));
    it->second = std::move(value);
    return true;
}

Result<std::vector<Tensor>> Session::run(const std::vector<Tensor>& inputs) const
{
    return runObserved(inputs, {}, {});
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
    std::vector<char> wanted(m_slotNames.size(), 0);
    for (const auto& [sl, name] : m_constantSlots)
        for (const std::string& c : constants)
            if (c == name)
                wanted[static_cast<size_t>(sl)] = 1;
    // A weight may reach its layer through Identity nodes (DESIGN.md): follow them to the first
    // step that computes with it.
    for (size_t k = 0; k < m_steps.size(); ++k)
        for (int sl : m_steps[k].inputs)
            if (sl >= 0 && wanted[static_cast<size_t>(sl)]) {
                if (m_steps[k].node->opType != "Identity")
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
    if (inputs.size() != m_inputSlots.size())
        return fail(m_model->path.string() + ": the model takes " + std::to_string(m_inputSlots.size()) + " inputs, not " +
                    std::to_string(inputs.size()));
    // The values live at cut 0 are the inputs that something reads, in slot order.
    std::vector<const Tensor*> live;
    for (int sl : liveSlots(0, m_producer, m_lastReader, m_isConstant, m_isOutput))
        for (size_t i = 0; i < m_inputSlots.size(); ++i)
            if (m_inputSlots[i] == sl) {
                live.push_back(&inputs[i]);
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
        observed.push_back(firstStepReading({c}));
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
            // A float16/bfloat16 value is computed in float32 and stored in its type, as the graph says.
            roundToStoredType(out[o]);
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
        for (int sl : m_outputSlots)
            result.push_back(toChannelsFirst(*value[static_cast<size_t>(sl)]));
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

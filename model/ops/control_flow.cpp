// Control flow: If (one of two branches), Loop (a body run while a trip count and a condition
// allow, carrying values) and Scan (a body run once per slice of its scan inputs; opset 8's batched
// form and the axis/direction form of opset 9+). Each subgraph is planned once, as the main graph
// is, into its own session; the names it reads from enclosing scopes reach the node after its own
// inputs (Node::outerScopeReads), and the subgraph receives them as extra inputs.
#include "common.h"
#include "registry.h"

#include <model/engine/session.h>

namespace bitlens::engine {
namespace {

// A loop that never ends would hang the worker running it: beyond this many iterations a Loop
// is refused, naming the node.
constexpr int64_t kMaxIterations = int64_t{1} << 20;

// One subgraph and its session: formal inputs first, then the outer-scope names it reads.
class Subgraph
{
public:
    static Result<Subgraph> build(const Graph& graph, const Node& owner, int64_t opset)
    {
        auto model = std::make_shared<Model>();
        model->path = graph.path;
        model->defaultOpset = opset;
        model->inputs = graph.inputs;
        for (const std::string& name : graph.outerReads) {
            ValueInfo v;
            v.name = name;
            model->inputs.push_back(std::move(v));
        }
        model->outputs = graph.outputs;
        model->nodes = graph.nodes;
        model->constants = graph.constants;
        Subgraph sub;
        sub.m_formalCount = graph.inputs.size();
        sub.m_outputs = graph.outputs;
        // Where each outer name sits among the owner's outer-scope reads.
        for (const std::string& name : graph.outerReads) {
            auto it = std::lower_bound(owner.outerScopeReads.begin(), owner.outerScopeReads.end(), name);
            sub.m_outerIndex.push_back(static_cast<size_t>(it - owner.outerScopeReads.begin()));
        }
        // A graph with nothing to output is the loader's to refuse only for the main graph.
        if (graph.outputs.empty())
            return fail(graph.path + ": the subgraph declares no outputs");
        auto session = Session::create(model, SessionOptions{});
        if (!session)
            return Error{session.error()};
        sub.m_session = std::shared_ptr<Session>(std::move(*session));
        return sub;
    }

    size_t formalCount() const { return m_formalCount; }
    size_t outputCount() const { return m_outputs.size(); }
    const ValueInfo& output(size_t k) const { return m_outputs[k]; }
    Session& session() const { return *m_session; }

    // `formals` are the subgraph's own inputs; `outer` the owner's outer-scope values.
    std::vector<Tensor> run(const std::vector<const Tensor*>& formals, std::span<const Tensor* const> outer) const
    {
        if (formals.size() != m_formalCount)
            throw InvalidInput{m_session->model().path.string() + " takes " + std::to_string(m_formalCount) +
                               " inputs, not " + std::to_string(formals.size())};
        std::vector<const Tensor*> inputs = formals;
        for (size_t index : m_outerIndex)
            inputs.push_back(outer[index]);
        auto result = m_session->runBorrowed(inputs);
        if (!result)
            throw InvalidInput{result.error()};
        return std::move(*result);
    }

private:
    size_t m_formalCount = 0;
    std::vector<ValueInfo> m_outputs;
    std::vector<size_t> m_outerIndex;
    std::shared_ptr<Session> m_session;
};

// Base of the three: finds the subgraph attributes and forwards constant overrides to them.
class ControlFlowOp : public Operator
{
public:
    Result<bool> overrideConstant(const std::string& name, const std::shared_ptr<const Tensor>& value) override
    {
        for (Subgraph& sub : m_subgraphs)
            if (sub.session().hasConstant(name))
                return sub.session().overrideConstant(name, value);
        return false;
    }
    bool hasConstant(const std::string& name) const override
    {
        return std::any_of(m_subgraphs.begin(), m_subgraphs.end(),
                           [&](const Subgraph& sub) { return sub.session().hasConstant(name); });
    }

protected:
    Result<bool> addSubgraph(const Node& node, std::string_view attribute, int64_t opset)
    {
        const Attribute* a = node.attribute(attribute);
        if (!a || a->kind != Attribute::Kind::Graph || !a->graph)
            return fail("the '" + std::string(attribute) + "' graph attribute is missing");
        auto sub = Subgraph::build(*a->graph, node, opset);
        if (!sub)
            return Error{sub.error()};
        m_subgraphs.push_back(std::move(*sub));
        return true;
    }
    // The node's outer-scope values, after its `explicitInputs` own inputs.
    static std::span<const Tensor* const> outerValues(std::span<const Tensor* const> in, size_t explicitInputs)
    {
        return in.size() > explicitInputs ? in.subspan(explicitInputs) : std::span<const Tensor* const>{};
    }

    std::vector<Subgraph> m_subgraphs;
};

bool truthValue(const Tensor& t, const char* what)
{
    if (t.elementCount() != 1)
        throw InvalidInput{std::string(what) + " must hold one value, not " + dimsText(t.dims)};
    return t.isFloat() ? t.floats[0] != 0.0f : t.ints[0] != 0;
}

Tensor scalarTensor(DataType type, int64_t value)
{
    Tensor t;
    t.type = type;
    t.ints = {value};
    return t;
}

// The slice at `index` of `axis`, with that axis removed.
Tensor sliceAlong(const Tensor& x, size_t axis, int64_t index)
{
    int64_t outer = 1, inner = 1;
    for (size_t d = 0; d < axis; ++d)
        outer *= x.dims[d];
    for (size_t d = axis + 1; d < x.dims.size(); ++d)
        inner *= x.dims[d];
    Tensor y;
    y.type = x.type;
    y.dims = x.dims;
    y.dims.erase(y.dims.begin() + static_cast<ptrdiff_t>(axis));
    const int64_t length = x.dims[axis];
    auto copy = [&](const auto& src, auto& dst) {
        dst.resize(static_cast<size_t>(outer * inner));
        for (int64_t o = 0; o < outer; ++o)
            std::copy_n(src.begin() + (o * length + index) * inner, inner, dst.begin() + o * inner);
    };
    if (x.isFloat())
        copy(x.floats, y.floats);
    else
        copy(x.ints, y.ints);
    return y;
}

// Stacks equal-shaped tensors along a new `axis` (0..rank), optionally in reverse order.
Tensor stackAlong(const std::vector<Tensor>& parts, size_t axis, bool reverse)
{
    const Tensor& first = parts.front();
    std::vector<int64_t> dims = first.dims;
    dims.insert(dims.begin() + static_cast<ptrdiff_t>(axis), static_cast<int64_t>(parts.size()));
    Tensor y;
    y.type = first.type;
    const auto total = static_cast<size_t>(checkedElementCount(dims));
    int64_t outer = 1, inner = 1;
    for (size_t d = 0; d < axis; ++d)
        outer *= first.dims[d];
    for (size_t d = axis; d < first.dims.size(); ++d)
        inner *= first.dims[d];
    const auto count = static_cast<int64_t>(parts.size());
    auto copy = [&](auto member, auto& dst) {
        dst.resize(total);
        for (int64_t p = 0; p < count; ++p) {
            const auto& src = parts[static_cast<size_t>(reverse ? count - 1 - p : p)].*member;
            for (int64_t o = 0; o < outer; ++o)
                std::copy_n(src.begin() + o * inner, inner, dst.begin() + (o * count + p) * inner);
        }
    };
    if (first.isFloat())
        copy(&Tensor::floats, y.floats);
    else
        copy(&Tensor::ints, y.ints);
    y.dims = std::move(dims);
    return y;
}

// Collects one scan output's per-iteration values, checking they agree and stay within bounds.
class ScanOutput
{
public:
    void add(Tensor t, size_t which)
    {
        if (!m_parts.empty() && (t.dims != m_parts.front().dims || t.type != m_parts.front().type))
            throw InvalidInput{"scan output " + std::to_string(which) + " changes from " +
                               dimsText(m_parts.front().dims) + " to " + dimsText(t.dims) + " between iterations"};
        std::vector<int64_t> dims = t.dims;
        dims.insert(dims.begin(), static_cast<int64_t>(m_parts.size()) + 1);
        checkedElementCount(dims); // throws before the stack grows past the limit
        m_parts.push_back(std::move(t));
    }
    // The stacked result's rank: one more than an iteration's value.
    size_t rank(const ValueInfo& declared) const
    {
        return (m_parts.empty() ? declared.dims.size() : m_parts.front().dims.size()) + 1;
    }
    // The stacked result; with no iterations, an empty tensor of the subgraph's declared output.
    Tensor result(const ValueInfo& declared, size_t axis, bool reverse) const
    {
        if (!m_parts.empty())
            return stackAlong(m_parts, axis, reverse);
        Tensor y;
        y.type = declared.type == DataType::Undefined ? DataType::Float : declared.type;
        y.dims = {0};
        for (int64_t d : declared.dims)
            y.dims.push_back(std::max<int64_t>(d, 0));
        return y;
    }

private:
    std::vector<Tensor> m_parts;
};

class IfOp : public ControlFlowOp
{
public:
    static Result<std::unique_ptr<Operator>> make(const Node& node, int64_t opset)
    {
        auto op = std::make_unique<IfOp>();
        for (const char* branch : {"then_branch", "else_branch"}) {
            if (auto ok = op->addSubgraph(node, branch, opset); !ok)
                return Error{ok.error()};
            if (op->m_subgraphs.back().formalCount() != 0)
                return fail(std::string(branch) + " takes inputs; an If branch takes none");
            if (op->m_subgraphs.back().outputCount() != node.outputs.size())
                return fail(std::string(branch) + " has " + std::to_string(op->m_subgraphs.back().outputCount()) +
                            " outputs for the node's " + std::to_string(node.outputs.size()));
        }
        op->m_explicitInputs = node.inputs.size();
        return std::unique_ptr<Operator>(std::move(op));
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects the condition input";
        const Subgraph& branch = m_subgraphs[truthValue(*in[0], "the condition") ? 0 : 1];
        std::vector<Tensor> results = branch.run({}, outerValues(in, m_explicitInputs));
        for (size_t k = 0; k < out.size() && k < results.size(); ++k)
            out[k] = std::move(results[k]);
        return {};
    }

private:
    size_t m_explicitInputs = 0;
};

class LoopOp : public ControlFlowOp
{
public:
    static Result<std::unique_ptr<Operator>> make(const Node& node, int64_t opset)
    {
        auto op = std::make_unique<LoopOp>();
        if (auto ok = op->addSubgraph(node, "body", opset); !ok)
            return Error{ok.error()};
        const Subgraph& body = op->m_subgraphs.front();
        if (node.inputs.size() < 2)
            return fail("expects the inputs M and cond (either may be empty)");
        op->m_carried = node.inputs.size() - 2;
        if (body.formalCount() != op->m_carried + 2)
            return fail("the body takes " + std::to_string(body.formalCount()) + " inputs; with " +
                        std::to_string(op->m_carried) + " loop-carried values it must take " +
                        std::to_string(op->m_carried + 2) + " (iteration, condition, values)");
        if (body.outputCount() < op->m_carried + 1)
            return fail("the body has " + std::to_string(body.outputCount()) + " outputs; it must give the condition and " +
                        std::to_string(op->m_carried) + " loop-carried values");
        op->m_scanOutputs = body.outputCount() - 1 - op->m_carried;
        if (node.outputs.size() > op->m_carried + op->m_scanOutputs)
            return fail("has " + std::to_string(node.outputs.size()) + " outputs; the body gives " +
                        std::to_string(op->m_carried + op->m_scanOutputs));
        op->m_explicitInputs = node.inputs.size();
        return std::unique_ptr<Operator>(std::move(op));
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        const Subgraph& body = m_subgraphs.front();
        const auto outer = outerValues(in, m_explicitInputs);
        int64_t tripCount = -1; // none: run while the condition holds
        if (in[0]) {
            if (in[0]->elementCount() != 1 || in[0]->isFloat())
                return "the trip count M must be one integer, not " + dimsText(in[0]->dims);
            tripCount = std::max<int64_t>(in[0]->ints[0], 0);
        }
        bool condition = in[1] ? truthValue(*in[1], "the condition") : true;
        std::vector<Tensor> carried;
        for (size_t k = 0; k < m_carried; ++k) {
            if (!in[2 + k])
                return "loop-carried value " + std::to_string(k) + " has no initial value";
            carried.push_back(*in[2 + k]);
        }
        std::vector<ScanOutput> scans(m_scanOutputs);
        for (int64_t iteration = 0; condition && (tripCount < 0 || iteration < tripCount); ++iteration) {
            if (iteration >= kMaxIterations)
                return "ran " + std::to_string(kMaxIterations) + " iterations without its condition turning false";
            checkWork({iteration + 1});
            const Tensor iterationValue = scalarTensor(DataType::Int64, iteration);
            const Tensor conditionValue = scalarTensor(DataType::Bool, 1);
            std::vector<const Tensor*> formals = {&iterationValue, &conditionValue};
            for (const Tensor& c : carried)
                formals.push_back(&c);
            std::vector<Tensor> results = body.run(formals, outer);
            condition = truthValue(results[0], "the body's condition output");
            for (size_t k = 0; k < m_carried; ++k)
                carried[k] = std::move(results[1 + k]);
            for (size_t k = 0; k < m_scanOutputs; ++k)
                scans[k].add(std::move(results[1 + m_carried + k]), k);
        }
        for (size_t k = 0; k < out.size(); ++k)
            out[k] = k < m_carried ? std::move(carried[k])
                                   : scans[k - m_carried].result(body.output(1 + k), 0, false);
        return {};
    }

private:
    size_t m_carried = 0, m_scanOutputs = 0, m_explicitInputs = 0;
};

class ScanOp : public ControlFlowOp
{
public:
    static Result<std::unique_ptr<Operator>> make(const Node& node, int64_t opset)
    {
        auto op = std::make_unique<ScanOp>();
        if (auto ok = op->addSubgraph(node, "body", opset); !ok)
            return Error{ok.error()};
        const Subgraph& body = op->m_subgraphs.front();
        op->m_batched = opset < 9;
        const int64_t scanInputs = node.intAttribute("num_scan_inputs", -1);
        const size_t leading = op->m_batched ? 1 : 0; // opset 8's sequence_lens
        if (scanInputs < 1 || static_cast<size_t>(scanInputs) + leading > node.inputs.size())
            return fail("num_scan_inputs " + std::to_string(scanInputs) + " does not fit the node's " +
                        std::to_string(node.inputs.size()) + " inputs");
        op->m_scanInputs = static_cast<size_t>(scanInputs);
        op->m_states = node.inputs.size() - leading - op->m_scanInputs;
        if (body.formalCount() != op->m_states + op->m_scanInputs)
            return fail("the body takes " + std::to_string(body.formalCount()) + " inputs, not " +
                        std::to_string(op->m_states + op->m_scanInputs) + " (states, then one slice per scan input)");
        if (body.outputCount() < op->m_states)
            return fail("the body gives fewer outputs than the " + std::to_string(op->m_states) + " states");
        op->m_scanOutputs = body.outputCount() - op->m_states;
        if (node.outputs.size() > body.outputCount())
            return fail("has more outputs than the body gives");
        auto perInput = [&](const char* name, size_t count) -> Result<std::vector<int64_t>> {
            std::vector<int64_t> v = intsAttribute(node, name);
            if (v.empty())
                v.assign(count, 0);
            if (v.size() != count)
                return fail(std::string(name) + " has " + std::to_string(v.size()) + " values for " + std::to_string(count));
            return v;
        };
        auto in = perInput(op->m_batched ? "directions" : "scan_input_directions", op->m_scanInputs);
        auto inAxes = perInput("scan_input_axes", op->m_scanInputs);
        auto outDirs = perInput("scan_output_directions", op->m_scanOutputs);
        auto outAxes = perInput("scan_output_axes", op->m_scanOutputs);
        for (auto* r : {&in, &inAxes, &outDirs, &outAxes})
            if (!*r)
                return Error{r->error()};
        if (op->m_batched && (node.attribute("scan_input_axes") || node.attribute("scan_output_axes")))
            return fail("scan axes are attributes of opset 9 and later");
        op->m_inputDirections = *in;
        op->m_inputAxes = *inAxes;
        op->m_outputDirections = *outDirs;
        op->m_outputAxes = *outAxes;
        op->m_explicitInputs = node.inputs.size();
        return std::unique_ptr<Operator>(std::move(op));
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        const auto outer = outerValues(in, m_explicitInputs);
        const size_t leading = m_batched ? 1 : 0;
        std::vector<const Tensor*> states, scans;
        for (size_t k = 0; k < m_states + m_scanInputs; ++k) {
            const Tensor* t = in[leading + k];
            if (!t)
                return "input " + std::to_string(leading + k) + " is missing";
            (k < m_states ? states : scans).push_back(t);
        }
        std::vector<Tensor> results;
        if (!m_batched) {
            results = scanOnce(states, scans, m_inputAxes, m_outputAxes, outer);
        } else {
            // Opset 8: axis 0 of every input is a batch; each batch entry is scanned on its own
            // (its axis 1 is the sequence) and the results stacked back along axis 0.
            const int64_t batch = scans[0]->dims.empty() ? 0 : scans[0]->dims[0];
            for (const Tensor* t : states)
                if (t->dims.empty() || t->dims[0] != batch)
                    return "the states and scan inputs must share the batch axis " + std::to_string(batch);
            for (const Tensor* t : scans)
                if (t->dims.size() < 2 || t->dims[0] != batch)
                    return "scan input " + dimsText(t->dims) + " is not [batch " + std::to_string(batch) + ", sequence, ...]";
            if (in[0])
                for (int64_t length : asInts(*in[0]))
                    if (length != scans[0]->dims[1])
                        return "sequence_lens " + std::to_string(length) + " is shorter than the sequence (" +
                               std::to_string(scans[0]->dims[1]) + "); BitLens runs whole sequences only";
            std::vector<std::vector<Tensor>> perBatch(m_states + m_scanOutputs);
            for (int64_t b = 0; b < batch; ++b) {
                std::vector<Tensor> slices;
                slices.reserve(m_states + m_scanInputs);
                for (const Tensor* t : states)
                    slices.push_back(sliceAlong(*t, 0, b));
                for (const Tensor* t : scans)
                    slices.push_back(sliceAlong(*t, 0, b));
                std::vector<const Tensor*> s, x;
                for (size_t k = 0; k < slices.size(); ++k)
                    (k < m_states ? s : x).push_back(&slices[k]);
                std::vector<Tensor> one = scanOnce(s, x, std::vector<int64_t>(m_scanInputs, 0),
                                                   std::vector<int64_t>(m_scanOutputs, 0), outer);
                for (size_t k = 0; k < one.size(); ++k)
                    perBatch[k].push_back(std::move(one[k]));
            }
            if (batch == 0)
                return "the batch is empty";
            for (auto& parts : perBatch)
                results.push_back(stackAlong(parts, 0, false));
        }
        for (size_t k = 0; k < out.size() && k < results.size(); ++k)
            out[k] = std::move(results[k]);
        return {};
    }

private:
    std::vector<Tensor> scanOnce(const std::vector<const Tensor*>& initial, const std::vector<const Tensor*>& scans,
                                 const std::vector<int64_t>& inputAxes, const std::vector<int64_t>& outputAxes,
                                 std::span<const Tensor* const> outer) const
    {
        const Subgraph& body = m_subgraphs.front();
        std::vector<size_t> axes;
        int64_t length = -1;
        for (size_t k = 0; k < scans.size(); ++k) {
            auto axis = normalizeAxis(inputAxes[k], scans[k]->dims.size());
            if (!axis)
                throw InvalidInput{"scan_input_axes " + std::to_string(inputAxes[k]) + " is out of range for scan input " +
                                   dimsText(scans[k]->dims)};
            const int64_t n = scans[k]->dims[static_cast<size_t>(*axis)];
            if (length >= 0 && n != length)
                throw InvalidInput{"the scan inputs have different sequence lengths (" + std::to_string(length) + " and " +
                                   std::to_string(n) + ")"};
            length = n;
            axes.push_back(static_cast<size_t>(*axis));
        }
        std::vector<Tensor> state;
        for (const Tensor* t : initial)
            state.push_back(*t);
        std::vector<ScanOutput> collected(m_scanOutputs);
        for (int64_t step = 0; step < length; ++step) {
            std::vector<Tensor> slices;
            slices.reserve(scans.size());
            for (size_t k = 0; k < scans.size(); ++k)
                slices.push_back(sliceAlong(*scans[k], axes[k], m_inputDirections[k] ? length - 1 - step : step));
            std::vector<const Tensor*> formals;
            for (const Tensor& s : state)
                formals.push_back(&s);
            for (const Tensor& s : slices)
                formals.push_back(&s);
            std::vector<Tensor> results = body.run(formals, outer);
            for (size_t k = 0; k < m_states; ++k)
                state[k] = std::move(results[k]);
            for (size_t k = 0; k < m_scanOutputs; ++k)
                collected[k].add(std::move(results[m_states + k]), k);
        }
        std::vector<Tensor> out = std::move(state);
        for (size_t k = 0; k < m_scanOutputs; ++k) {
            const ValueInfo& declared = body.output(m_states + k);
            // The axis counts in the stacked output's rank.
            const size_t rank = collected[k].rank(declared);
            auto axis = normalizeAxis(outputAxes[k], rank);
            if (!axis)
                throw InvalidInput{"scan_output_axes " + std::to_string(outputAxes[k]) + " is out of range for rank " +
                                   std::to_string(rank)};
            out.push_back(collected[k].result(declared, static_cast<size_t>(*axis), m_outputDirections[k] != 0));
        }
        return out;
    }

    bool m_batched = false;
    size_t m_states = 0, m_scanInputs = 0, m_scanOutputs = 0, m_explicitInputs = 0;
    std::vector<int64_t> m_inputDirections, m_inputAxes, m_outputDirections, m_outputAxes;
};

} // namespace

Result<std::unique_ptr<Operator>> makeControlFlow(const Node& node, int64_t opset)
{
    if (node.opType == "If")
        return IfOp::make(node, opset);
    if (node.opType == "Loop")
        return LoopOp::make(node, opset);
    return ScanOp::make(node, opset);
}

} // namespace bitlens::engine

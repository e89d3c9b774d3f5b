#include "weights.h"

#include <algorithm>
#include <numeric>
#include <set>
#include <unordered_map>

namespace bitlens {

namespace {

bool isDefaultDomain(const Node& n)
{
    return n.domain.empty() || n.domain == "ai.onnx";
}

// A node that changes only the layout or precision of its one data input, so that a weight behind
// it is still the stored constant: Identity, Transpose, Cast to a float type, Reshape.
bool isWrapper(const Node& n)
{
    if (!isDefaultDomain(n) || n.inputs.empty() || n.outputs.size() != 1)
        return false;
    if (n.opType == "Identity" || n.opType == "Transpose")
        return n.inputs.size() == 1;
    if (n.opType == "Cast") {
        const Attribute* to = n.attribute("to");
        return n.inputs.size() == 1 && to && to->kind == Attribute::Kind::Int && isFloatType(static_cast<DataType>(to->i));
    }
    return n.opType == "Reshape" && n.inputs.size() == 2;
}

} // namespace

ConstantResolver::ConstantResolver(const Model& model) : m_model(model)
{
    for (const Node& n : model.nodes) {
        if (n.opType == "Identity" && n.inputs.size() == 1 && n.outputs.size() == 1)
            m_identityInput[n.outputs[0]] = n.inputs[0];
        for (const std::string& out : n.outputs)
            if (!out.empty())
                m_producer.emplace(out, &n);
    }
}

std::string ConstantResolver::source(const std::string& valueName) const
{
    std::string name = valueName;
    // Bounded by the node count, so an Identity cycle in a hostile file cannot loop forever.
    for (size_t hops = 0; hops <= m_model.nodes.size(); ++hops) {
        if (m_model.constants.count(name))
            return name;
        auto it = m_identityInput.find(name);
        if (it == m_identityInput.end())
            return {};
        name = it->second;
    }
    return {};
}

const Tensor* ConstantResolver::tensor(const std::string& valueName) const
{
    const std::string src = source(valueName);
    return src.empty() ? nullptr : m_model.constants.at(src).get();
}

const Node* ConstantResolver::producer(const std::string& valueName) const
{
    const auto it = m_producer.find(valueName);
    return it == m_producer.end() ? nullptr : it->second;
}

std::optional<ConstantResolver::Trace> ConstantResolver::trace(const std::string& valueName) const
{
    Trace t;
    std::string name = valueName;
    for (size_t hops = 0; hops <= m_model.nodes.size(); ++hops) { // bounded: a cycle cannot loop
        if (m_model.constants.count(name)) {
            t.source = name;
            std::reverse(t.wrappers.begin(), t.wrappers.end());
            return t;
        }
        const Node* n = producer(name);
        if (!n || !isWrapper(*n))
            return std::nullopt;
        if (n->opType == "Reshape" && source(n->inputs[1]).empty())
            return std::nullopt; // a shape computed at run time: not a fixed layout
        if (n->opType != "Identity")
            t.wrappers.push_back(n);
        name = n->inputs[0];
    }
    return std::nullopt;
}

namespace {

// The output-channel axis of the weight input (index 1) of `node` as the node sees it (rank
// `rank`), or -1 if it has none.
int outputAxis(const Node& node, int rank)
{
    if (node.opType == "Conv")
        return rank >= 1 ? 0 : -1;
    if (node.opType == "ConvTranspose")
        return rank >= 2 ? 1 : -1;
    if (node.opType == "Gemm") {
        if (rank != 2)
            return -1;
        return node.intAttribute("transB", 0) != 0 ? 0 : 1;
    }
    if (node.opType == "MatMul")
        return rank >= 1 ? rank - 1 : -1;
    return -1;
}

// One wrapper's effect on the dims: the dims after it, or an error saying why they cannot be known.
struct WrapperStep
{
    std::vector<int64_t> dims;
    std::vector<int64_t> perm; // Transpose only
    std::string error;
};

WrapperStep applyWrapper(const Node& w, const std::vector<int64_t>& in, const ConstantResolver& resolver)
{
    WrapperStep step;
    const auto rank = static_cast<int64_t>(in.size());
    if (w.opType == "Cast") {
        step.dims = in;
    } else if (w.opType == "Transpose") {
        std::vector<int64_t> perm(static_cast<size_t>(rank));
        std::iota(perm.rbegin(), perm.rend(), 0); // default: reverse the axes
        if (const Attribute* a = w.attribute("perm")) {
            if (a->kind != Attribute::Kind::Ints)
                return {{}, {}, "its perm is not a list of integers"};
            perm = a->ints;
        }
        std::vector<int64_t> sorted = perm;
        std::sort(sorted.begin(), sorted.end());
        for (int64_t i = 0; i < static_cast<int64_t>(sorted.size()); ++i)
            if (sorted[static_cast<size_t>(i)] != i || static_cast<int64_t>(sorted.size()) != rank)
                return {{}, {}, "its perm is not a permutation of the constant's " + std::to_string(rank) + " axes"};
        for (int64_t p : perm)
            step.dims.push_back(in[static_cast<size_t>(p)]);
        step.perm = std::move(perm);
    } else { // Reshape of a constant shape: 0 copies the input's size (unless allowzero), -1 is inferred
        const Tensor* shape = resolver.tensor(w.inputs[1]);
        if (!shape || shape->isFloat() || shape->ints.size() != static_cast<size_t>(shape->elementCount()))
            return {{}, {}, "its shape is not an integer constant"};
        const bool allowZero = w.intAttribute("allowzero", 0) != 0;
        int64_t known = 1, inferAt = -1;
        for (size_t i = 0; i < shape->ints.size(); ++i) {
            int64_t d = shape->ints[i];
            if (d == 0 && !allowZero) {
                if (i >= in.size())
                    return {{}, {}, "its shape copies an axis the constant lacks"};
                d = in[i];
            }
            if (d == -1) {
                if (inferAt >= 0)
                    return {{}, {}, "its shape has two -1 entries"};
                inferAt = static_cast<int64_t>(i);
            } else if (d < 0 || __builtin_mul_overflow(known, d, &known)) {
                return {{}, {}, "its shape has an invalid size"};
            }
            step.dims.push_back(d);
        }
        int64_t total = 1;
        for (int64_t d : in)
            total *= d; // a loaded constant's element count is bounded by the loader
        if (inferAt >= 0) {
            if (known == 0 || total % known != 0)
                return {{}, {}, "its shape does not divide the constant's " + std::to_string(total) + " values"};
            step.dims[static_cast<size_t>(inferAt)] = total / known;
        } else if (known != total) {
            return {{}, {}, "its shape holds " + std::to_string(known) + " values, the constant " + std::to_string(total)};
        }
    }
    return step;
}

// The axis of the Reshape's input that becomes output axis `axis` unchanged (same size, same
// count of values before it), or -1 if the Reshape merges or splits it.
int reshapeSourceAxis(const std::vector<int64_t>& in, const std::vector<int64_t>& out, int axis)
{
    int64_t before = 1;
    for (int d = 0; d < axis; ++d)
        before *= out[static_cast<size_t>(d)];
    int64_t inBefore = 1;
    for (size_t k = 0; k < in.size(); ++k) {
        if (inBefore == before && in[k] == out[static_cast<size_t>(axis)])
            return static_cast<int>(k);
        inBefore *= in[k];
    }
    return -1;
}

// Whether a value is computed from constants only (a weight the graph builds at run time, such as
// DequantizeLinear of int8 codes); looks at most a few dozen nodes back.
bool computedFromConstants(const std::string& value, const Model& model, const ConstantResolver& resolver)
{
    std::vector<std::string> pending{value};
    std::set<std::string> visited;
    while (!pending.empty()) {
        const std::string v = pending.back();
        pending.pop_back();
        if (v.empty() || model.constants.count(v) || !visited.insert(v).second)
            continue;
        const Node* n = resolver.producer(v);
        if (!n || visited.size() > 64)
            return false;
        for (const std::string& in : n->inputs)
            pending.push_back(in);
    }
    return true;
}

} // namespace

std::vector<WeightLayer> findWeightLayers(const Model& model, std::vector<std::string>* problems)
{
    auto problem = [&](const std::string& what) {
        if (problems)
            problems->push_back(what);
    };
    std::vector<WeightLayer> layers;
    std::set<std::string> seen, reported;
    const ConstantResolver resolver(model);
    for (const Node& node : model.nodes) {
        if (node.inputs.size() < 2 || !isDefaultDomain(node))
            continue;
        if (node.opType != "Conv" && node.opType != "ConvTranspose" && node.opType != "Gemm" &&
            node.opType != "MatMul")
            continue;
        const std::string consumer = node.opType + " '" + node.name + "'";
        const auto trace = resolver.trace(node.inputs[1]);
        if (!trace) {
            const Node* maker = resolver.producer(node.inputs[1]);
            if (maker && reported.insert(node.inputs[1]).second && computedFromConstants(node.inputs[1], model, resolver))
                problem("'" + node.inputs[1] + "', the weight input of " + consumer + ", is computed from constants by " +
                        maker->opType + " '" + maker->name + "'; not analysed as a weight layer");
            continue;
        }
        const std::string& source = trace->source;
        if (seen.count(source))
            continue;
        const auto& tensor = model.constants.at(source);
        if (!tensor->isFloat() || tensor->elementCount() == 0)
            continue;
        if (static_cast<int64_t>(tensor->floats.size()) != tensor->elementCount()) {
            problem("weight '" + source + "' holds " + std::to_string(tensor->floats.size()) + " values for dims " +
                    shapeString(tensor->dims) + "; skipped");
            continue;
        }
        if (const Attribute* t = node.attribute("transB"); node.opType == "Gemm" && t && t->kind != Attribute::Kind::Int) {
            problem("Gemm '" + node.name + "' has a transB attribute that is not an integer; '" + source + "' skipped");
            continue;
        }
        // The dims after each wrapper, then the consumer's axis mapped back to the stored tensor.
        std::vector<WrapperStep> steps;
        std::vector<int64_t> dims = tensor->dims;
        std::string through, why;
        for (const Node* w : trace->wrappers) {
            WrapperStep step = applyWrapper(*w, dims, resolver);
            through += (through.empty() ? "" : ", ") + w->opType;
            if (!step.error.empty()) {
                why = w->opType + " '" + w->name + "': " + step.error;
                break;
            }
            dims = step.dims;
            steps.push_back(std::move(step));
        }
        int axis = why.empty() ? outputAxis(node, static_cast<int>(dims.size())) : -1;
        if (why.empty() && axis < 0)
            continue;
        for (size_t k = steps.size(); why.empty() && k-- > 0;) {
            const Node& w = *trace->wrappers[k];
            if (w.opType == "Transpose") {
                axis = static_cast<int>(steps[k].perm[static_cast<size_t>(axis)]);
            } else if (w.opType == "Reshape") {
                const std::vector<int64_t>& in = k == 0 ? tensor->dims : steps[k - 1].dims;
                axis = reshapeSourceAxis(in, steps[k].dims, axis);
                if (axis < 0)
                    why = "Reshape '" + w.name + "' merges or splits the output-channel axis";
            }
        }
        if (!why.empty()) {
            problem("weight '" + source + "' reaches " + consumer + " through " + why + "; not analysed");
            seen.insert(source);
            continue;
        }
        seen.insert(source);
        layers.push_back({source, node.name, node.opType, axis, tensor, through});
    }
    return layers;
}

} // namespace bitlens

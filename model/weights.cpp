#include "weights.h"

#include "ops/quantization.h"

#include <algorithm>
#include <cctype>
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
// it is still the stored constant: Identity, Transpose, Cast to a float type, Reshape, Unsqueeze,
// Squeeze; and a Concat of Slices of one tensor along one axis that reorders its rows (PyTorch's LSTM
// export puts the gates in ONNX's order that way), checked to be a permutation when applied.
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
    if (n.opType == "Unsqueeze" || n.opType == "Squeeze")
        return n.inputs.size() <= 2;
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

std::optional<std::vector<ConstantResolver::SliceRange>> ConstantResolver::concatOfSlices(const Node& concat) const
{
    std::vector<SliceRange> ranges;
    // One integer from an attribute (opset < 10) or a constant input (10+), or nullopt.
    auto one = [&](const Node& s, const char* attr, size_t input) -> std::optional<int64_t> {
        std::vector<int64_t> v;
        if (const Attribute* a = s.attribute(attr); a && a->kind == Attribute::Kind::Ints)
            v = a->ints;
        else if (s.inputs.size() > input && !s.inputs[input].empty())
            if (const Tensor* t = tensor(s.inputs[input]); t && !t->isFloat())
                v = t->ints;
        if (v.size() != 1)
            return std::nullopt;
        return v[0];
    };
    for (const std::string& in : concat.inputs) {
        const Node* s = producer(in);
        if (!s || !isDefaultDomain(*s) || s->opType != "Slice" || s->inputs.empty())
            return std::nullopt;
        const auto start = one(*s, "starts", 1), end = one(*s, "ends", 2);
        auto axis = one(*s, "axes", 3);
        const bool hasAxes = s->attribute("axes") || (s->inputs.size() > 3 && !s->inputs[3].empty());
        if (!hasAxes)
            axis = 0;
        const bool hasSteps = s->inputs.size() > 4 && !s->inputs[4].empty();
        if (!start || !end || !axis || (hasSteps && one(*s, "steps", 4) != int64_t{1}))
            return std::nullopt;
        if (!ranges.empty() && s->inputs[0] != ranges.front().data)
            return std::nullopt;
        ranges.push_back({s->inputs[0], *axis, *start, *end});
    }
    if (ranges.empty())
        return std::nullopt;
    return ranges;
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
        if (n && isDefaultDomain(*n) && n->opType == "DequantizeLinear" && n->outputs.size() == 1 && n->inputs.size() >= 2) {
            // Integer codes the graph dequantizes itself: the layer is the stored integer tensor.
            for (const std::string& in : n->inputs)
                if (!in.empty() && source(in).empty())
                    return std::nullopt;
            t.source = source(n->inputs[0]);
            t.dequantize = n;
            std::reverse(t.wrappers.begin(), t.wrappers.end());
            return t;
        }
        if (n && isDefaultDomain(*n) && n->opType == "Concat" && n->outputs.size() == 1) {
            // Rows of one tensor put back together in another order: follow the sliced tensor.
            const auto slices = concatOfSlices(*n);
            if (!slices)
                return std::nullopt;
            t.wrappers.push_back(n);
            name = slices->front().data;
            continue;
        }
        if (!n || !isWrapper(*n))
            return std::nullopt;
        if (n->opType == "Reshape" && source(n->inputs[1]).empty())
            return std::nullopt; // a shape computed at run time: not a fixed layout
        if ((n->opType == "Unsqueeze" || n->opType == "Squeeze") && n->inputs.size() == 2 && source(n->inputs[1]).empty())
            return std::nullopt;
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
    if (node.opType == "MatMul" || node.opType == "QLinearMatMul" || node.opType == "MatMulInteger")
        return rank >= 1 ? rank - 1 : -1;
    if (node.opType == "QLinearConv" || node.opType == "ConvInteger")
        return rank >= 1 ? 0 : -1;
    if (node.opType == "LSTM" || node.opType == "GRU" || node.opType == "RNN")
        return rank == 3 ? 1 : -1; // [directions, gates x hidden, inputs]: the stacked gates
    return -1;
}

// The weight inputs of each op BitLens analyses, and for the integer ops the inputs holding the
// weight's scale and zero point (-1: none).
struct WeightInput
{
    std::string_view op;
    int input;
    int scale = -1, zeroPoint = -1;
};
constexpr WeightInput kWeightInputs[] = {
    {"Conv", 1}, {"ConvTranspose", 1}, {"Gemm", 1}, {"MatMul", 1},
    {"LSTM", 1}, {"LSTM", 2}, {"GRU", 1}, {"GRU", 2}, {"RNN", 1}, {"RNN", 2},
    {"QLinearConv", 3, 4, 5}, {"QLinearMatMul", 3, 4, 5}, {"ConvInteger", 1, -1, 3}, {"MatMulInteger", 1, -1, 3},
};

// x^ = (q - zero_point) * scale exactly as the engine's DequantizeLinear computes it (per tensor,
// per axis or blocked, ONNX's rules), or an error saying why the stored form cannot be read.
Result<Tensor> dequantize(const Tensor& q, const Tensor* scale, const Tensor* zeroPoint, int64_t axis, int64_t blockSize,
                          int64_t opset)
{
    if (!scale)
        return fail("it has no scale");
    auto out = engine::runQuantizeLinear("DequantizeLinear", q, *scale, zeroPoint, axis, blockSize, opset);
    if (out)
        out->type = DataType::Float;
    return out;
}

// "int8 per-channel (axis 0)" and the like, from the scale's shape.
std::string storageText(const Tensor& q, const Tensor* scale, int64_t axis, int64_t blockSize)
{
    std::string text(dataTypeName(q.type));
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    if (!scale || scale->elementCount() == 1)
        return text + " per-tensor";
    const int64_t a = axis < 0 ? axis + static_cast<int64_t>(q.dims.size()) : axis;
    if (blockSize > 0)
        return text + " blocked (axis " + std::to_string(a) + ", block " + std::to_string(blockSize) + ")";
    return text + " per-channel (axis " + std::to_string(a) + ")";
}

// One wrapper's effect on the dims: the dims after it, or an error saying why they cannot be known.
struct WrapperStep
{
    std::vector<int64_t> dims;
    std::vector<int64_t> perm; // Transpose only
    std::string error;
};

// The axes of an Unsqueeze or Squeeze: attribute before opset 13, a constant input from 13.
std::optional<std::vector<int64_t>> squeezeAxes(const Node& w, const ConstantResolver& resolver)
{
    if (const Attribute* a = w.attribute("axes"))
        return a->kind == Attribute::Kind::Ints ? std::optional(a->ints) : std::nullopt;
    if (w.inputs.size() < 2 || w.inputs[1].empty())
        return std::vector<int64_t>{};
    const Tensor* t = resolver.tensor(w.inputs[1]);
    if (!t || t->isFloat())
        return std::nullopt;
    return t->ints;
}

WrapperStep applyWrapper(const Node& w, const std::vector<int64_t>& in, const ConstantResolver& resolver)
{
    WrapperStep step;
    const auto rank = static_cast<int64_t>(in.size());
    if (w.opType == "Cast") {
        step.dims = in;
    } else if (w.opType == "Concat") {
        // Must put every row of the sliced axis back exactly once: a permutation of the stored rows.
        const auto slices = resolver.concatOfSlices(w);
        const int64_t axis = w.intAttribute("axis", 0);
        const int64_t a = axis < 0 ? axis + rank : axis;
        if (!slices || a < 0 || a >= rank)
            return {{}, {}, "its axis or slices cannot be read"};
        const int64_t dim = in[static_cast<size_t>(a)];
        std::vector<std::pair<int64_t, int64_t>> covered;
        for (const auto& s : *slices) {
            if ((s.axis < 0 ? s.axis + rank : s.axis) != a)
                return {{}, {}, "a Slice cuts another axis than the Concat joins"};
            auto clampIndex = [&](int64_t v) { return std::clamp<int64_t>(v < 0 ? v + dim : v, 0, dim); };
            covered.emplace_back(clampIndex(s.start), clampIndex(s.end));
        }
        std::sort(covered.begin(), covered.end());
        int64_t next = 0;
        for (const auto& [from, to] : covered) {
            if (from != next || to <= from)
                return {{}, {}, "its slices do not take every row of the constant exactly once"};
            next = to;
        }
        if (next != dim)
            return {{}, {}, "its slices do not take every row of the constant exactly once"};
        step.dims = in;
    } else if (w.opType == "Unsqueeze" || w.opType == "Squeeze") {
        const auto axes = squeezeAxes(w, resolver);
        if (!axes)
            return {{}, {}, "its axes are not integer constants"};
        if (w.opType == "Unsqueeze") {
            const int64_t outRank = rank + static_cast<int64_t>(axes->size());
            std::vector<char> inserted(static_cast<size_t>(outRank), 0);
            for (int64_t x : *axes) {
                const int64_t a = x < 0 ? x + outRank : x;
                if (a < 0 || a >= outRank || inserted[static_cast<size_t>(a)])
                    return {{}, {}, "its axes are out of range or repeated"};
                inserted[static_cast<size_t>(a)] = 1;
            }
            size_t k = 0;
            for (int64_t d = 0; d < outRank; ++d)
                step.dims.push_back(inserted[static_cast<size_t>(d)] ? 1 : in[k++]);
        } else {
            std::vector<char> removed(in.size(), 0);
            for (int64_t x : *axes) {
                const int64_t a = x < 0 ? x + rank : x;
                if (a < 0 || a >= rank || in[static_cast<size_t>(a)] != 1)
                    return {{}, {}, "it squeezes an axis that is not of size 1"};
                removed[static_cast<size_t>(a)] = 1;
            }
            for (size_t d = 0; d < in.size(); ++d)
                if (!(axes->empty() ? in[d] == 1 : removed[d]))
                    step.dims.push_back(in[d]);
        }
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

namespace {

// Walks the main graph and every subgraph in graph order, collecting layers and problems.
class WeightFinder
{
public:
    WeightFinder(int64_t opset, std::vector<std::string>* problems) : m_opset(opset), m_problems(problems) {}

    // `scope` holds the graph's nodes and every constant visible in it (its own over its parents').
    void scan(const Model& scope, const std::string& graphPath)
    {
        const ConstantResolver resolver(scope);
        for (const Node& node : scope.nodes) {
            if (!isDefaultDomain(node))
                continue;
            for (const WeightInput& wi : kWeightInputs)
                if (wi.op == node.opType)
                    consider(node, wi, scope, resolver, graphPath);
            for (const Attribute& a : node.attributes)
                if (a.graph) {
                    Model inner;
                    inner.nodes = a.graph->nodes;
                    inner.constants = a.graph->constants;
                    inner.constants.insert(scope.constants.begin(), scope.constants.end()); // its own names win
                    scan(inner, a.graph->path);
                }
        }
    }

    std::vector<WeightLayer> layers;

private:
    void problem(const std::string& what)
    {
        if (m_problems)
            m_problems->push_back(what);
    }

    void consider(const Node& node, const WeightInput& wi, const Model& scope, const ConstantResolver& resolver,
                  const std::string& graphPath)
    {
        if (node.inputs.size() <= static_cast<size_t>(wi.input) || node.inputs[static_cast<size_t>(wi.input)].empty())
            return;
        const std::string& value = node.inputs[static_cast<size_t>(wi.input)];
        const std::string consumer = node.opType + " '" + node.name + "'" + (graphPath.empty() ? "" : " in " + graphPath);
        const auto trace = resolver.trace(value);
        if (!trace) {
            const Node* maker = resolver.producer(value);
            if (maker && m_reported.insert(value).second && computedFromConstants(value, scope, resolver))
                problem("'" + value + "', the weight input of " + consumer + ", is computed from constants by " +
                        maker->opType + " '" + maker->name + "'; not analysed as a weight layer");
            return;
        }
        const std::string& source = trace->source;
        if (m_seen.count(source))
            return;
        const std::shared_ptr<const Tensor>& stored = scope.constants.at(source);
        if (stored->elementCount() == 0)
            return;
        const bool integerOp = wi.scale >= 0 || wi.zeroPoint >= 0;
        if (integerOp && !trace->wrappers.empty()) {
            m_seen.insert(source);
            problem("integer weight '" + source + "' reaches " + consumer + " through " + trace->wrappers.front()->opType +
                    "; not analysed");
            return;
        }
        std::shared_ptr<const Tensor> tensor = stored;
        std::string storage;
        if (trace->dequantize || integerOp) {
            auto view = dequantizedView(node, wi, *trace, *stored, resolver, storage);
            if (!view) {
                m_seen.insert(source);
                problem("integer weight '" + source + "' of " + consumer + ": " + view.error() + "; not analysed");
                return;
            }
            tensor = std::make_shared<const Tensor>(std::move(*view));
        } else if (!stored->isFloat()) {
            return; // an integer tensor used as is (indices, a shape): not a weight
        }
        if (static_cast<int64_t>(tensor->floats.size()) != tensor->elementCount()) {
            problem("weight '" + source + "' holds " + std::to_string(tensor->floats.size()) + " values for dims " +
                    shapeString(tensor->dims) + "; skipped");
            return;
        }
        if (const Attribute* t = node.attribute("transB"); node.opType == "Gemm" && t && t->kind != Attribute::Kind::Int) {
            problem("Gemm '" + node.name + "' has a transB attribute that is not an integer; '" + source + "' skipped");
            return;
        }
        // The dims after each wrapper, then the consumer's axis mapped back to the stored tensor.
        std::vector<WrapperStep> steps;
        std::vector<int64_t> dims = tensor->dims;
        std::string through, why;
        if (trace->dequantize)
            through = "DequantizeLinear";
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
            return;
        for (size_t k = steps.size(); why.empty() && k-- > 0;) {
            const Node& w = *trace->wrappers[k];
            if (w.opType == "Transpose") {
                axis = static_cast<int>(steps[k].perm[static_cast<size_t>(axis)]);
            } else if (w.opType == "Reshape" || w.opType == "Unsqueeze" || w.opType == "Squeeze") {
                const std::vector<int64_t>& in = k == 0 ? tensor->dims : steps[k - 1].dims;
                axis = reshapeSourceAxis(in, steps[k].dims, axis);
                if (axis < 0)
                    why = w.opType + " '" + w.name + "' merges or splits the output-channel axis";
            }
        }
        m_seen.insert(source);
        if (!why.empty()) {
            problem("weight '" + source + "' reaches " + consumer + " through " + why + "; not analysed");
            return;
        }
        layers.push_back({source, node.name, node.opType, axis, tensor, through, graphPath, storage});
    }

    // The FP32 view of an integer weight: dequantized by the DequantizeLinear in front of it, or by
    // the scale and zero point its integer operator takes.
    Result<Tensor> dequantizedView(const Node& node, const WeightInput& wi, const ConstantResolver::Trace& trace,
                                   const Tensor& stored, const ConstantResolver& resolver, std::string& storage) const
    {
        if (stored.isFloat() && stored.type == DataType::Float)
            return fail("it is stored as float32, not as integer codes");
        auto input = [&](const Node& n, int index) -> const Tensor* {
            if (index < 0 || n.inputs.size() <= static_cast<size_t>(index) || n.inputs[static_cast<size_t>(index)].empty())
                return nullptr;
            return resolver.tensor(n.inputs[static_cast<size_t>(index)]);
        };
        if (const Node* dq = trace.dequantize) {
            const int64_t axis = dq->intAttribute("axis", 1);
            const int64_t block = m_opset >= 21 ? dq->intAttribute("block_size", 0) : 0;
            const Tensor* scale = input(*dq, 1);
            storage = storageText(stored, scale, axis, block) + ", dequantized by DequantizeLinear '" + dq->name + "'";
            return dequantize(stored, scale, input(*dq, 2), axis, block, m_opset);
        }
        const int axis = outputAxis(node, static_cast<int>(stored.dims.size()));
        const Tensor* zeroPoint = input(node, wi.zeroPoint);
        const Tensor* scale = input(node, wi.scale);
        if (wi.scale >= 0 && !scale)
            return fail("its scale is not a constant");
        storage = storageText(stored, scale ? scale : zeroPoint, axis, 0) + ", the weight of " + node.opType;
        if (scale)
            return dequantize(stored, scale, zeroPoint, axis, 0, m_opset);
        // ConvInteger and MatMulInteger take no scale (the graph multiplies their output): the view is
        // in code units, q - zero_point, with a unit scale shaped like the zero point.
        storage += "; it applies no scale, so values are codes minus the zero point";
        Tensor ones;
        ones.dims = zeroPoint ? zeroPoint->dims : std::vector<int64_t>{};
        ones.floats.assign(static_cast<size_t>(zeroPoint ? zeroPoint->elementCount() : 1), 1.0f);
        return dequantize(stored, &ones, zeroPoint, axis, 0, m_opset);
    }

    int64_t m_opset;
    std::vector<std::string>* m_problems;
    std::set<std::string> m_seen, m_reported;
};

} // namespace

std::vector<WeightLayer> findWeightLayers(const Model& model, std::vector<std::string>* problems)
{
    WeightFinder finder(model.defaultOpset, problems);
    finder.scan(model, "");
    return std::move(finder.layers);
}

} // namespace bitlens

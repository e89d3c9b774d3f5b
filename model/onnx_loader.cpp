#include "onnx_loader.h"

#include "onnx_prescan.h"
#include "onnx_tensor_decode.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <functional>
#include <queue>
#include <set>
#include <unordered_map>
#include <system_error>

namespace fs = std::filesystem;

namespace bitlens {
namespace {

class LoaderState
{
public:
    LoaderState(const fs::path& file, const LoadLimits& limits) : m_file(file), m_limits(limits) {}

    Result<Model> run();

private:
    Error error(const std::string& what) const { return fail(m_file.string() + ": " + what); }
    Result<int64_t> countNodes(const onnx::GraphProto& g, int depth) const;
    // Reads a graph's initializers, inputs, outputs and nodes (subgraphs recursively), then sorts
    // the nodes; the graph's path names it in messages ("" for the main graph).
    Result<bool> readGraph(onnx::GraphProto& g, Graph& out, int depth, bool isMain);
    Result<Attribute> convertAttribute(onnx::AttributeProto& a, const std::string& nodeWho, const Node& node,
                                       const std::string& graphPath, int depth);
    Result<bool> addConstantNode(onnx::NodeProto& n, Graph& graph, const std::string& who);
    Result<bool> sortNodes(Graph& graph) const;
    static ValueInfo convertValueInfo(const onnx::ValueInfoProto& v);

    fs::path m_file;
    const LoadLimits& m_limits;
    DecodeContext m_ctx;
};

Result<int64_t> LoaderState::countNodes(const onnx::GraphProto& g, int depth) const
{
    if (depth > m_limits.maxSubgraphDepth)
        return error("subgraphs nested deeper than " + std::to_string(m_limits.maxSubgraphDepth) + " levels");
    int64_t n = g.node_size();
    for (const auto& node : g.node())
        for (const auto& a : node.attribute()) {
            if (a.has_g()) {
                auto sub = countNodes(a.g(), depth + 1);
                if (!sub)
                    return sub;
                n += *sub;
            }
            for (const auto& sg : a.graphs()) {
                auto sub = countNodes(sg, depth + 1);
                if (!sub)
                    return sub;
                n += *sub;
            }
            if (n > m_limits.maxNodes)
                break;
        }
    return n;
}

ValueInfo LoaderState::convertValueInfo(const onnx::ValueInfoProto& v)
{
    ValueInfo info;
    info.name = v.name();
    if (v.has_type() && v.type().has_tensor_type()) {
        const auto& tt = v.type().tensor_type();
        info.type = static_cast<DataType>(tt.elem_type());
        if (tt.has_shape())
            for (const auto& d : tt.shape().dim()) {
                info.dims.push_back(d.has_dim_value() ? d.dim_value() : -1);
                info.dimParams.push_back(d.has_dim_param() ? d.dim_param() : std::string());
            }
    }
    return info;
}

Result<Attribute> LoaderState::convertAttribute(onnx::AttributeProto& a, const std::string& nodeWho, const Node& node,
                                                const std::string& graphPath, int depth)
{
    Attribute out;
    out.name = a.name();
    using AP = onnx::AttributeProto;
    switch (a.type()) {
    case AP::FLOAT: out.kind = Attribute::Kind::Float; out.f = a.f(); break;
    case AP::INT: out.kind = Attribute::Kind::Int; out.i = a.i(); break;
    case AP::STRING: out.kind = Attribute::Kind::String; out.s = a.s(); break;
    case AP::FLOATS: out.kind = Attribute::Kind::Floats; out.floats.assign(a.floats().begin(), a.floats().end()); break;
    case AP::INTS: out.kind = Attribute::Kind::Ints; out.ints.assign(a.ints().begin(), a.ints().end()); break;
    case AP::STRINGS: out.kind = Attribute::Kind::Strings; out.strings.assign(a.strings().begin(), a.strings().end()); break;
    case AP::GRAPH: {
        auto graph = std::make_shared<Graph>();
        graph->name = a.g().name();
        const std::string nodeName = node.name.empty() ? node.opType : node.name;
        graph->path = (graphPath.empty() ? "" : graphPath + " / ") + nodeName + " / " + a.name();
        if (auto ok = readGraph(*a.mutable_g(), *graph, depth + 1, false); !ok)
            return Error{ok.error()};
        out.kind = Attribute::Kind::Graph;
        out.graph = std::move(graph);
        break;
    }
    case AP::GRAPHS: out.kind = Attribute::Kind::Other; break; // only sequence ops take graph lists
    case AP::TENSOR: {
        auto t = decodeTensor(*a.mutable_t(), m_ctx);
        if (!t)
            return error(nodeWho + " attribute '" + a.name() + "': " + t.error());
        out.kind = Attribute::Kind::Tensor;
        out.tensor = std::make_shared<const Tensor>(std::move(*t));
        break;
    }
    default: out.kind = Attribute::Kind::Other; break;
    }
    return out;
}

// A Constant node's value becomes a named constant like an initializer (Paddle2ONNX stores
// every weight that way). Opset 12 added the scalar and list forms.
Result<bool> LoaderState::addConstantNode(onnx::NodeProto& n, Graph& graph, const std::string& who)
{
    if (n.output_size() != 1)
        return error(who + " (Constant) must have exactly one output");
    Tensor t;
    int values = 0; // exactly one value attribute: several would overwrite each other's fields
    for (auto& a : *n.mutable_attribute()) {
        const std::string& an = a.name();
        if (an == "sparse_value" || an == "value_string" || an == "value_strings")
            return error(who + " (Constant) uses '" + an + "', which BitLens does not read");
        if (an != "value" && an != "value_float" && an != "value_floats" && an != "value_int" && an != "value_ints")
            continue;
        if (++values > 1)
            return error(who + " (Constant) has more than one value attribute");
        t = Tensor{};
        if (an == "value") {
            if (!a.has_t())
                return error(who + " (Constant) 'value' is not a tensor");
            auto d = decodeTensor(*a.mutable_t(), m_ctx);
            if (!d)
                return error(who + " (Constant): " + d.error());
            t = std::move(*d);
        } else if (an == "value_float") {
            t.type = DataType::Float;
            t.floats = {a.f()};
        } else if (an == "value_floats") {
            t.type = DataType::Float;
            t.dims = {a.floats_size()};
            t.floats.assign(a.floats().begin(), a.floats().end());
        } else if (an == "value_int") {
            t.type = DataType::Int64;
            t.ints = {a.i()};
        } else {
            t.type = DataType::Int64;
            t.dims = {a.ints_size()};
            t.ints.assign(a.ints().begin(), a.ints().end());
        }
    }
    const bool have = values == 1;
    if (!have)
        return error(who + " (Constant) has no value");
    t.name = n.output(0);
    if (t.name.empty())
        return error(who + " (Constant) has an empty output name");
    if (graph.constants.count(t.name))
        return error(who + " (Constant) output '" + t.name + "' is defined twice");
    const std::string name = t.name; // the right side of = is evaluated first
    graph.constants[name] = std::make_shared<const Tensor>(std::move(t));
    return true;
}

Result<bool> LoaderState::readGraph(onnx::GraphProto& g, Graph& out, int depth, bool isMain)
{
    const std::string where = out.path.empty() ? "" : " in " + out.path;
    std::set<std::string> initializerNames;
    for (auto& init : *g.mutable_initializer()) {
        if (init.name().empty())
            return error("an initializer" + where + " has no name");
        if (!initializerNames.insert(init.name()).second)
            return error("initializer '" + init.name() + "'" + where + " is defined twice");
        auto t = decodeTensor(init, m_ctx);
        if (!t)
            return error("initializer " + t.error() + where);
        const std::string name = t->name; // the right side of = is evaluated first
        out.constants[name] = std::make_shared<const Tensor>(std::move(*t));
    }
    if (g.sparse_initializer_size() > 0)
        return error("sparse initializers are not supported");

    // A main-graph input that is also an initializer is a default value, not an input (IR < 4).
    for (const auto& in : g.input())
        if (!isMain || !initializerNames.count(in.name()))
            out.inputs.push_back(convertValueInfo(in));
    for (const auto& o : g.output())
        out.outputs.push_back(convertValueInfo(o));

    out.nodes.reserve(static_cast<size_t>(g.node_size()));
    int index = 0;
    for (auto& n : *g.mutable_node()) {
        const std::string who = "node " + std::to_string(index++) + (n.name().empty() ? "" : " '" + n.name() + "'") + where;
        if (n.op_type().empty())
            return error(who + " has no op_type");
        if (n.op_type() == "Constant" && (n.domain().empty() || n.domain() == "ai.onnx")) {
            auto ok = addConstantNode(n, out, who);
            if (!ok)
                return Error{ok.error()};
        }
        Node node;
        node.name = n.name();
        node.opType = n.op_type();
        node.domain = n.domain();
        node.inputs.assign(n.input().begin(), n.input().end());
        node.outputs.assign(n.output().begin(), n.output().end());
        if (node.opType != "Constant")
            for (auto& a : *n.mutable_attribute()) {
                auto attr = convertAttribute(a, who, node, out.path, depth);
                if (!attr)
                    return Error{attr.error()};
                if (attr->graph)
                    node.outerScopeReads.insert(node.outerScopeReads.end(), attr->graph->outerReads.begin(),
                                                attr->graph->outerReads.end());
                node.attributes.push_back(std::move(*attr));
            }
        std::sort(node.outerScopeReads.begin(), node.outerScopeReads.end());
        node.outerScopeReads.erase(std::unique(node.outerScopeReads.begin(), node.outerScopeReads.end()),
                                   node.outerScopeReads.end());
        out.nodes.push_back(std::move(node));
    }
    if (auto sorted = sortNodes(out); !sorted)
        return sorted;

    // What the graph takes from enclosing scopes: read, but neither its input, constant nor result.
    std::set<std::string> own;
    for (const ValueInfo& in : out.inputs)
        own.insert(in.name);
    for (const auto& [name, t] : out.constants)
        own.insert(name);
    for (const Node& n : out.nodes)
        own.insert(n.outputs.begin(), n.outputs.end());
    std::set<std::string> outer;
    auto note = [&](const std::string& name) {
        if (!name.empty() && !own.count(name))
            outer.insert(name);
    };
    for (const Node& n : out.nodes) {
        std::for_each(n.inputs.begin(), n.inputs.end(), note);
        std::for_each(n.outerScopeReads.begin(), n.outerScopeReads.end(), note);
    }
    for (const ValueInfo& o : out.outputs)
        note(o.name);
    out.outerReads.assign(outer.begin(), outer.end());
    return true;
}

// ONNX requires nodes in topological order, but exporters do not always write them so and ONNX
// Runtime sorts them: so does BitLens, keeping the file's order wherever it is already valid.
Result<bool> LoaderState::sortNodes(Graph& graph) const
{
    const size_t count = graph.nodes.size();
    std::unordered_map<std::string, size_t> producer;
    for (size_t k = 0; k < count; ++k)
        for (const std::string& o : graph.nodes[k].outputs)
            if (!o.empty())
                producer.emplace(o, k); // a second writer is the session's error to report
    auto producersOf = [&](size_t k, const std::function<void(size_t)>& visit) {
        const Node& n = graph.nodes[k];
        for (const auto* names : {&n.inputs, &n.outerScopeReads})
            for (const std::string& in : *names)
                if (auto it = producer.find(in); !in.empty() && it != producer.end())
                    visit(it->second);
    };
    std::vector<std::vector<size_t>> dependents(count);
    std::vector<size_t> pending(count, 0);
    for (size_t k = 0; k < count; ++k)
        producersOf(k, [&](size_t p) {
            dependents[p].push_back(k);
            ++pending[k];
        });
    // Kahn's algorithm, always taking the earliest ready node in file order.
    std::priority_queue<size_t, std::vector<size_t>, std::greater<>> ready;
    for (size_t k = 0; k < count; ++k)
        if (pending[k] == 0)
            ready.push(k);
    std::vector<size_t> order;
    order.reserve(count);
    while (!ready.empty()) {
        const size_t k = ready.top();
        ready.pop();
        order.push_back(k);
        for (size_t d : dependents[k])
            if (--pending[d] == 0)
                ready.push(d);
    }
    if (order.size() < count) {
        // Every node left waits on another node left: walk back through them until one repeats.
        size_t at = 0;
        while (pending[at] == 0)
            ++at;
        std::vector<char> seen(count, 0);
        while (!seen[at]) {
            seen[at] = 1;
            size_t next = at;
            producersOf(at, [&](size_t p) {
                if (pending[p] > 0 && next == at)
                    next = p;
            });
            at = next;
        }
        const Node& n = graph.nodes[at];
        return error("node " + std::to_string(at) + (n.name.empty() ? "" : " '" + n.name + "'") + " (" + n.opType + ")" +
                     (graph.path.empty() ? "" : " in " + graph.path) +
                     " is on a cycle: what it reads depends on its own output");
    }
    if (!std::is_sorted(order.begin(), order.end())) {
        std::vector<Node> sorted;
        sorted.reserve(count);
        for (size_t k : order)
            sorted.push_back(std::move(graph.nodes[k]));
        graph.nodes = std::move(sorted);
    }
    return true;
}

Result<Model> LoaderState::run()
{
    std::error_code ec;
    if (!fs::exists(m_file, ec))
        return error("file not found");
    if (!fs::is_regular_file(m_file, ec))
        return error("not a regular file");
    const auto size = static_cast<int64_t>(fs::file_size(m_file, ec));
    if (ec)
        return error("cannot read the file size");
    if (size > m_limits.maxFileBytes)
        return error("file is " + std::to_string(size >> 20) + " MiB; ONNX protobuf files are limited to 2 GiB "
                     "(store large weights as external data)");
    if (size == 0)
        return error("file is empty");
    m_ctx.modelDir = fs::canonical(fs::absolute(m_file).parent_path(), ec);
    if (ec)
        return error("cannot resolve the model's folder");
    m_ctx.limits = &m_limits;

    if (std::string problem = prescanOnnx(m_file, m_limits); !problem.empty())
        return error(problem.find("truncated") != std::string::npos
                         ? "not a valid ONNX model (the protobuf is truncated or corrupted)"
                         : problem);

    onnx::ModelProto proto;
    {
        const int fd = ::open(m_file.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return error("cannot open the file");
        google::protobuf::io::FileInputStream raw(fd);
        raw.SetCloseOnDelete(true);
        google::protobuf::io::CodedInputStream coded(&raw);
        coded.SetTotalBytesLimit(INT_MAX);
        coded.SetRecursionLimit(64 + 8 * m_limits.maxSubgraphDepth);
        if (!proto.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage())
            return error("not a valid ONNX model (the protobuf is truncated or corrupted)");
    }
    if (!proto.has_graph())
        return error("the model has no graph");

    Model model;
    model.path = m_file;
    model.fileBytes = size;
    model.irVersion = proto.ir_version();
    // IR 10 is ONNX 1.16, 11 is ONNX 1.18, 12 is ONNX 1.19/1.20: a larger number is a format no
    // ONNX has written yet, and reading it by today's rules could misread it.
    constexpr int64_t kNewestIrVersion = 12;
    if (model.irVersion <= 0)
        return error("the model has no ir_version (every ONNX file records the IR version it was written in)");
    if (model.irVersion > kNewestIrVersion)
        return error("ir_version " + std::to_string(model.irVersion) + " is newer than any ONNX IR this BitLens knows (up to " +
                     std::to_string(kNewestIrVersion) + ")");
    model.producerName = proto.producer_name();
    model.producerVersion = proto.producer_version();
    for (const auto& op : proto.opset_import()) {
        model.opsets.emplace_back(op.domain(), op.version());
        if (op.domain().empty() || op.domain() == "ai.onnx")
            model.defaultOpset = op.version();
    }
    if (model.defaultOpset == 0)
        return error("the model imports no version of the default ONNX operator set");
    if (model.defaultOpset < m_limits.minOpset || model.defaultOpset > m_limits.maxOpset)
        return error("opset " + std::to_string(model.defaultOpset) + " is outside the supported range " +
                     std::to_string(m_limits.minOpset) + ".." + std::to_string(m_limits.maxOpset));
    for (const auto& kv : proto.metadata_props())
        model.metadata.emplace_back(kv.key(), kv.value());

    onnx::GraphProto& g = *proto.mutable_graph();
    auto nodeCount = countNodes(g, 0);
    if (!nodeCount)
        return Error{nodeCount.error()};
    if (*nodeCount > m_limits.maxNodes)
        return error("the graph has more than " + std::to_string(m_limits.maxNodes) + " nodes");

    Graph main;
    if (auto ok = readGraph(g, main, 0, true); !ok)
        return Error{ok.error()};
    model.inputs = std::move(main.inputs);
    model.outputs = std::move(main.outputs);
    model.nodes = std::move(main.nodes);
    model.constants = std::move(main.constants);
    return model;
}

} // namespace

Result<Model> loadOnnxModel(const fs::path& file, const LoadLimits& limits)
{
    return LoaderState(file, limits).run();
}

} // namespace bitlens

#include "onnx_loader.h"

#include "onnx_prescan.h"
#include "onnx_tensor_decode.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <fcntl.h>
#include <unistd.h>

#include <climits>
#include <set>
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
    Result<Attribute> convertAttribute(onnx::AttributeProto& a, const std::string& nodeWho);
    Result<bool> addConstantNode(onnx::NodeProto& n, Model& model, const std::string& who);
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

Result<Attribute> LoaderState::convertAttribute(onnx::AttributeProto& a, const std::string& nodeWho)
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
    case AP::GRAPH: case AP::GRAPHS: out.kind = Attribute::Kind::Graph; break; // counted, not executed
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
Result<bool> LoaderState::addConstantNode(onnx::NodeProto& n, Model& model, const std::string& who)
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
    if (model.constants.count(t.name))
        return error(who + " (Constant) output '" + t.name + "' is defined twice");
    const std::string name = t.name; // the right side of = is evaluated first
    model.constants[name] = std::make_shared<const Tensor>(std::move(t));
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

    std::set<std::string> initializerNames;
    for (auto& init : *g.mutable_initializer()) {
        if (init.name().empty())
            return error("an initializer has no name");
        if (!initializerNames.insert(init.name()).second)
            return error("initializer '" + init.name() + "' is defined twice");
        auto t = decodeTensor(init, m_ctx);
        if (!t)
            return error("initializer " + t.error());
        const std::string name = t->name; // the right side of = is evaluated first
        model.constants[name] = std::make_shared<const Tensor>(std::move(*t));
    }
    if (g.sparse_initializer_size() > 0)
        return error("sparse initializers are not supported");

    for (const auto& in : g.input())
        if (!initializerNames.count(in.name()))
            model.inputs.push_back(convertValueInfo(in));
    for (const auto& out : g.output())
        model.outputs.push_back(convertValueInfo(out));

    model.nodes.reserve(static_cast<size_t>(g.node_size()));
    int index = 0;
    for (auto& n : *g.mutable_node()) {
        const std::string who = "node " + std::to_string(index++) + (n.name().empty() ? "" : " '" + n.name() + "'");
        if (n.op_type().empty())
            return error(who + " has no op_type");
        if (n.op_type() == "Constant" && (n.domain().empty() || n.domain() == "ai.onnx")) {
            auto ok = addConstantNode(n, model, who);
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
                auto attr = convertAttribute(a, who);
                if (!attr)
                    return Error{attr.error()};
                node.attributes.push_back(std::move(*attr));
            }
        model.nodes.push_back(std::move(node));
    }
    return model;
}

} // namespace

Result<Model> loadOnnxModel(const fs::path& file, const LoadLimits& limits)
{
    return LoaderState(file, limits).run();
}

} // namespace bitlens

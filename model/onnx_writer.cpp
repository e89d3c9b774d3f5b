#include "onnx_writer.h"

#include "onnx_tensor_encode.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <QSaveFile>

#include <algorithm>
#include <climits>
#include <cstring>
#include <fcntl.h>
#include <set>
#include <unistd.h>

namespace bitlens {

namespace {

Result<onnx::ModelProto> parseModel(const std::string& path)
{
    onnx::ModelProto proto;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return fail(path + ": cannot open");
    google::protobuf::io::FileInputStream raw(fd);
    raw.SetCloseOnDelete(true);
    google::protobuf::io::CodedInputStream coded(&raw);
    coded.SetTotalBytesLimit(INT_MAX);
    if (!proto.ParseFromCodedStream(&coded) || !coded.ConsumedEntireMessage())
        return fail(path + ": not a valid ONNX model");
    return proto;
}

// The new float values in the tensor's own float type (a float16 weight stays float16, rounded to
// nearest even), every other data field and external reference cleared.
Result<bool> setFloatData(onnx::TensorProto& t, const Tensor& value)
{
    Tensor typed = value;
    typed.name = t.name();
    const auto stored = static_cast<DataType>(t.data_type());
    typed.type = stored == DataType::Float16 || stored == DataType::BFloat16 || stored == DataType::Double ? stored
                                                                                                            : DataType::Float;
    return encodeTensor(typed, t);
}

// Puts the file's nodes in the order the loader sorted them into (`sorted`, matched by their first
// output), in this graph and every subgraph: a file whose nodes were out of order is written sorted,
// as ONNX's checker and other runtimes require.
void orderLikeLoaded(onnx::GraphProto& graph, const std::vector<Node>& sorted)
{
    std::map<std::string, size_t> rank;
    std::map<std::string, const Node*> byOutput;
    for (size_t k = 0; k < sorted.size(); ++k)
        if (!sorted[k].outputs.empty() && !sorted[k].outputs[0].empty()) {
            rank.emplace(sorted[k].outputs[0], k);
            byOutput.emplace(sorted[k].outputs[0], &sorted[k]);
        }
    auto* nodes = graph.mutable_node();
    std::vector<std::pair<size_t, int>> order; // (loaded rank, file index); unmatched nodes keep their index
    for (int i = 0; i < nodes->size(); ++i) {
        const auto& n = nodes->Get(i);
        auto it = n.output_size() > 0 ? rank.find(n.output(0)) : rank.end();
        order.emplace_back(it == rank.end() ? static_cast<size_t>(i) : it->second, i);
    }
    std::stable_sort(order.begin(), order.end());
    google::protobuf::RepeatedPtrField<onnx::NodeProto> reordered;
    for (const auto& [r, i] : order)
        *reordered.Add() = nodes->Get(i);
    nodes->Swap(&reordered);
    for (onnx::NodeProto& n : *nodes) {
        auto it = n.output_size() > 0 ? byOutput.find(n.output(0)) : byOutput.end();
        if (it == byOutput.end())
            continue;
        for (onnx::AttributeProto& a : *n.mutable_attribute())
            if (a.has_g())
                if (const Attribute* loaded = it->second->attribute(a.name()); loaded && loaded->graph)
                    orderLikeLoaded(*a.mutable_g(), loaded->graph->nodes);
    }
}

// Calls `visit` on the graph and on every subgraph inside it (If branches, Loop and Scan bodies).
template <typename Visit>
Result<bool> forEachGraph(onnx::GraphProto& graph, const Visit& visit)
{
    if (auto r = visit(graph); !r)
        return r;
    for (onnx::NodeProto& n : *graph.mutable_node())
        for (onnx::AttributeProto& a : *n.mutable_attribute()) {
            if (a.has_g())
                if (auto r = forEachGraph(*a.mutable_g(), visit); !r)
                    return r;
            for (onnx::GraphProto& g : *a.mutable_graphs())
                if (auto r = forEachGraph(g, visit); !r)
                    return r;
        }
    return true;
}

// Any supported tensor as raw_data, little-endian.
Result<bool> setTensorData(onnx::TensorProto& t, const Tensor& value)
{
    return encodeTensor(value, t);
}

} // namespace

Result<bool> writeModelWithConstants(const Model& model, const OnnxWriteOptions& options, const std::string& outPath)
{
    auto parsed = parseModel(model.path.string());
    if (!parsed)
        return Error{parsed.error()};
    onnx::ModelProto& proto = *parsed;
    orderLikeLoaded(*proto.mutable_graph(), model.nodes);
    std::set<std::string> replaced;
    auto replacement = [&](const std::string& name) -> const Tensor* {
        auto it = options.constants.find(name);
        return it == options.constants.end() ? nullptr : it->second.get();
    };
    auto checkDims = [](const onnx::TensorProto& t, const Tensor& v) {
        if (static_cast<size_t>(t.dims_size()) != v.dims.size())
            return false;
        for (int i = 0; i < t.dims_size(); ++i)
            if (t.dims(i) != v.dims[static_cast<size_t>(i)])
                return false;
        return true;
    };
    // Integer weights (codes a DequantizeLinear reads) that the export stores as float instead.
    std::set<std::string> becameFloat;
    auto noteType = [&](const onnx::TensorProto& t) {
        if (isIntegerType(static_cast<DataType>(t.data_type())))
            becameFloat.insert(t.name());
    };
    // Weights may live in subgraphs: each graph's own initializers and Constant nodes are replaced there.
    auto replaceStored = [&](onnx::GraphProto& graph) -> Result<bool> {
        for (onnx::TensorProto& t : *graph.mutable_initializer()) {
            if (const Tensor* v = replacement(t.name())) {
                noteType(t);
                if (!checkDims(t, *v))
                    return fail(outPath + ": '" + t.name() + "' has dims " + shapeString(v->dims) + " that differ from the model's");
                if (auto r = setFloatData(t, *v); !r)
                    return fail(outPath + ": '" + t.name() + "': " + r.error());
                replaced.insert(t.name());
            } else if (t.data_location() == onnx::TensorProto::EXTERNAL) {
                // The loader has read it (inside the model's folder only): write it inline.
                auto c = model.constants.find(t.name());
                if (c == model.constants.end() || !c->second->isFloat())
                    return fail(outPath + ": external tensor '" + t.name() + "' can only be exported as float");
                if (auto r = setFloatData(t, *c->second); !r)
                    return fail(outPath + ": '" + t.name() + "': " + r.error());
            }
        }
        for (onnx::NodeProto& n : *graph.mutable_node()) {
            if (n.op_type() != "Constant" || n.output_size() != 1)
                continue;
            const Tensor* v = replacement(n.output(0));
            if (!v)
                continue;
            for (onnx::AttributeProto& a : *n.mutable_attribute())
                if (a.name() == "value" && a.has_t()) {
                    if (!checkDims(a.t(), *v))
                        return fail(outPath + ": '" + n.output(0) + "' has dims that differ from the model's");
                    const std::string name = a.t().name();
                    if (auto r = setFloatData(*a.mutable_t(), *v); !r)
                        return fail(outPath + ": '" + n.output(0) + "': " + r.error());
                    a.mutable_t()->set_name(name);
                    replaced.insert(n.output(0));
                }
        }
        return true;
    };
    if (auto r = forEachGraph(*proto.mutable_graph(), replaceStored); !r)
        return r;
    for (const auto& [name, value] : options.constants)
        if (!replaced.count(name))
            return fail(outPath + ": the model has no constant named '" + name + "'");

    if (!options.computed.empty()) {
        int64_t opset = 0;
        for (const auto& op : proto.opset_import())
            if (op.domain().empty() || op.domain() == "ai.onnx")
                opset = op.version();
        if (opset < options.minOpset)
            return fail(outPath + ": the model uses opset " + std::to_string(opset) + "; this export needs opset " +
                        std::to_string(options.minOpset) + " or newer");
        std::set<std::string> removed;
        // In the graph that stores each constant: its initializer (or Constant node) goes, the new
        // initializers and nodes computing it come first.
        auto computeStored = [&](onnx::GraphProto& graph) -> Result<bool> {
            std::set<std::string> here;
            auto* inits = graph.mutable_initializer();
            for (int i = inits->size() - 1; i >= 0; --i)
                if (options.computed.count(inits->Get(i).name())) {
                    noteType(inits->Get(i));
                    here.insert(inits->Get(i).name());
                    inits->DeleteSubrange(i, 1);
                }
            auto* inputs = graph.mutable_input(); // older files list initializers as inputs too
            for (int i = inputs->size() - 1; i >= 0; --i)
                if (here.count(inputs->Get(i).name()))
                    inputs->DeleteSubrange(i, 1);
            google::protobuf::RepeatedPtrField<onnx::NodeProto> kept;
            for (const onnx::NodeProto& n : graph.node()) {
                if (n.op_type() == "Constant" && n.output_size() == 1 && options.computed.count(n.output(0))) {
                    here.insert(n.output(0));
                    continue;
                }
                *kept.Add() = n;
            }
            if (here.empty())
                return true;
            google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
            for (const std::string& name : here) {
                const ConstantSubgraph& sub = options.computed.at(name);
                for (const Tensor& t : sub.initializers)
                    if (auto r = setTensorData(*graph.add_initializer(), t); !r)
                        return fail(outPath + ": " + r.error());
                for (const OnnxNode& n : sub.nodes) {
                    onnx::NodeProto* p = nodes.Add();
                    p->set_name(n.name);
                    p->set_op_type(n.op);
                    for (const std::string& in : n.inputs)
                        p->add_input(in);
                    for (const std::string& out : n.outputs)
                        p->add_output(out);
                    for (const auto& [key, value] : n.intAttributes) {
                        onnx::AttributeProto* a = p->add_attribute();
                        a->set_name(key);
                        a->set_type(onnx::AttributeProto::INT);
                        a->set_i(value);
                    }
                }
                removed.insert(name);
            }
            for (const onnx::NodeProto& n : kept)
                *nodes.Add() = n;
            graph.mutable_node()->Swap(&nodes);
            return true;
        };
        if (auto r = forEachGraph(*proto.mutable_graph(), computeStored); !r)
            return r;
        for (const auto& [name, sub] : options.computed)
            if (!removed.count(name))
                return fail(outPath + ": the model has no constant named '" + name + "'");
    }

    // A DequantizeLinear of an integer weight now stored as float passes the float values on.
    if (!becameFloat.empty()) {
        auto passOn = [&](onnx::GraphProto& graph) -> Result<bool> {
            for (onnx::NodeProto& n : *graph.mutable_node())
                for (int i = 0; i < n.input_size(); ++i) {
                    if (!becameFloat.count(n.input(i)))
                        continue;
                    if (n.op_type() != "DequantizeLinear" || i != 0)
                        return fail(outPath + ": '" + n.input(i) + "' is read by " + n.op_type() + " '" + n.name() +
                                    "', which takes integer codes; it cannot be exported re-quantized");
                    n.set_op_type("Identity");
                    n.mutable_input()->DeleteSubrange(1, n.input_size() - 1);
                    n.clear_attribute();
                    break;
                }
            return true;
        };
        if (auto r = forEachGraph(*proto.mutable_graph(), passOn); !r)
            return r;
    }

    for (const auto& [key, value] : options.metadata) {
        onnx::StringStringEntryProto* entry = nullptr;
        for (onnx::StringStringEntryProto& e : *proto.mutable_metadata_props())
            if (e.key() == key)
                entry = &e;
        if (!entry) {
            entry = proto.add_metadata_props();
            entry->set_key(key);
        }
        entry->set_value(value);
    }
    proto.set_producer_name(options.producerName);

    if (proto.ByteSizeLong() > static_cast<size_t>(INT_MAX))
        return fail(outPath + ": the exported model would exceed protobuf's 2 GiB limit");
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        return fail(outPath + ": cannot serialize the model");
    QSaveFile file(QString::fromStdString(outPath));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()) ||
        !file.commit())
        return fail(outPath + ": cannot write: " + file.errorString().toStdString());
    return true;
}

Result<bool> checkOnnxFile(const std::string& path)
{
    auto parsed = parseModel(path);
    if (!parsed)
        return Error{parsed.error()};
    try {
        onnx::checker::check_model(*parsed);
    } catch (const std::exception& e) {
        return fail(path + ": ONNX checker: " + e.what());
    }
    return true;
}

} // namespace bitlens

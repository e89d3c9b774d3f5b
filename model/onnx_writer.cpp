#include "onnx_writer.h"

#include "onnx_tensor_encode.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>

#include <QSaveFile>

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

// The tensor's data as float raw_data, every other data field and external reference cleared.
void setFloatData(onnx::TensorProto& t, const Tensor& value)
{
    const std::string name = t.name();
    t.Clear();
    t.set_name(name);
    t.set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : value.dims)
        t.add_dims(d);
    std::string bytes(value.floats.size() * sizeof(float), '\0');
    if (!bytes.empty())
        std::memcpy(bytes.data(), value.floats.data(), bytes.size()); // little-endian, as ONNX stores it
    t.set_raw_data(std::move(bytes));
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
    onnx::GraphProto* graph = proto.mutable_graph();
    for (onnx::TensorProto& t : *graph->mutable_initializer()) {
        if (const Tensor* v = replacement(t.name())) {
            if (!checkDims(t, *v))
                return fail(outPath + ": '" + t.name() + "' has dims " + shapeString(v->dims) + " that differ from the model's");
            setFloatData(t, *v);
            replaced.insert(t.name());
        } else if (t.data_location() == onnx::TensorProto::EXTERNAL) {
            // The loader has read it (inside the model's folder only): write it inline.
            auto c = model.constants.find(t.name());
            if (c == model.constants.end() || !c->second->isFloat())
                return fail(outPath + ": external tensor '" + t.name() + "' can only be exported as float");
            setFloatData(t, *c->second);
        }
    }
    for (onnx::NodeProto& n : *graph->mutable_node()) {
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
                setFloatData(*a.mutable_t(), *v);
                a.mutable_t()->set_name(name);
                replaced.insert(n.output(0));
            }
    }
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
        auto* inits = graph->mutable_initializer();
        for (int i = inits->size() - 1; i >= 0; --i)
            if (options.computed.count(inits->Get(i).name())) {
                removed.insert(inits->Get(i).name());
                inits->DeleteSubrange(i, 1);
            }
        auto* inputs = graph->mutable_input(); // older files list initializers as inputs too
        for (int i = inputs->size() - 1; i >= 0; --i)
            if (removed.count(inputs->Get(i).name()))
                inputs->DeleteSubrange(i, 1);
        google::protobuf::RepeatedPtrField<onnx::NodeProto> nodes;
        for (const auto& [name, sub] : options.computed) {
            for (const Tensor& t : sub.initializers)
                if (auto r = setTensorData(*graph->add_initializer(), t); !r)
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
        }
        // The new nodes first (they read only initializers); the Constant nodes they replace go.
        for (const onnx::NodeProto& n : graph->node()) {
            if (n.op_type() == "Constant" && n.output_size() == 1 && options.computed.count(n.output(0))) {
                removed.insert(n.output(0));
                continue;
            }
            *nodes.Add() = n;
        }
        for (const auto& [name, sub] : options.computed)
            if (!removed.count(name))
                return fail(outPath + ": the model has no constant named '" + name + "'");
        graph->mutable_node()->Swap(&nodes);
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

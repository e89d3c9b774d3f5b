#include "onnx_builder.h"

#include <cstring>
#include <fstream>

namespace testsupport {

OnnxBuilder::OnnxBuilder(int64_t opset)
{
    m_model.set_ir_version(7);
    m_model.set_producer_name("bitlens-tests");
    auto* op = m_model.add_opset_import();
    op->set_domain("");
    op->set_version(opset);
    m_model.mutable_graph()->set_name("test");
}

void OnnxBuilder::fillTensor(onnx::TensorProto* t, const std::string& name, const std::vector<int64_t>& dims,
                             const std::vector<float>& values, bool raw)
{
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (int64_t d : dims)
        t->add_dims(d);
    if (raw) {
        std::string bytes(values.size() * sizeof(float), '\0');
        if (!values.empty())
            std::memcpy(bytes.data(), values.data(), bytes.size());
        t->set_raw_data(bytes);
    } else {
        for (float v : values)
            t->add_float_data(v);
    }
}

onnx::TensorProto* OnnxBuilder::addInitializer(const std::string& name, const std::vector<int64_t>& dims,
                                               const std::vector<float>& values, bool raw)
{
    auto* t = m_model.mutable_graph()->add_initializer();
    fillTensor(t, name, dims, values, raw);
    return t;
}

onnx::NodeProto* OnnxBuilder::addNode(const std::string& op, const std::vector<std::string>& inputs,
                                      const std::vector<std::string>& outputs, const std::string& name)
{
    auto* n = m_model.mutable_graph()->add_node();
    n->set_op_type(op);
    n->set_name(name);
    for (const auto& i : inputs)
        n->add_input(i);
    for (const auto& o : outputs)
        n->add_output(o);
    return n;
}

onnx::NodeProto* OnnxBuilder::addConstant(const std::string& output, const std::vector<int64_t>& dims,
                                          const std::vector<float>& values)
{
    auto* n = addNode("Constant", {}, {output}, output + "_const");
    auto* a = n->add_attribute();
    a->set_name("value");
    a->set_type(onnx::AttributeProto::TENSOR);
    fillTensor(a->mutable_t(), output, dims, values, true);
    return n;
}

static void addValueInfo(onnx::ValueInfoProto* v, const std::string& name, const std::vector<int64_t>& dims)
{
    v->set_name(name);
    auto* tt = v->mutable_type()->mutable_tensor_type();
    tt->set_elem_type(onnx::TensorProto::FLOAT);
    for (int64_t d : dims) {
        auto* dim = tt->mutable_shape()->add_dim();
        if (d >= 0)
            dim->set_dim_value(d);
        else
            dim->set_dim_param("N");
    }
}

void OnnxBuilder::addInput(const std::string& name, const std::vector<int64_t>& dims)
{
    addValueInfo(m_model.mutable_graph()->add_input(), name, dims);
}

void OnnxBuilder::addOutput(const std::string& name, const std::vector<int64_t>& dims)
{
    addValueInfo(m_model.mutable_graph()->add_output(), name, dims);
}

void OnnxBuilder::setInt(onnx::NodeProto* node, const std::string& name, int64_t value)
{
    auto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::INT);
    a->set_i(value);
}

void OnnxBuilder::setFloat(onnx::NodeProto* node, const std::string& name, float value)
{
    auto* a = node->add_attribute();
    a->set_name(name);
    a->set_type(onnx::AttributeProto::FLOAT);
    a->set_f(value);
}

std::string OnnxBuilder::bytes() const { return m_model.SerializeAsString(); }

bool OnnxBuilder::save(const std::string& path) const { return writeFile(path, bytes()); }

bool writeFile(const std::string& path, const std::string& bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    return static_cast<bool>(out);
}

} // namespace testsupport

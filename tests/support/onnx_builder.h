#pragma once
// Builds small ONNX models in tests (valid ones and deliberately broken ones) with the
// protobuf API, so the loader is tested on files it did not write.
#include <onnx/onnx_pb.h>

#include <cstdint>
#include <string>
#include <vector>

namespace testsupport {

class OnnxBuilder
{
public:
    explicit OnnxBuilder(int64_t opset = 13);

    onnx::TensorProto* addInitializer(const std::string& name, const std::vector<int64_t>& dims,
                                      const std::vector<float>& values, bool raw = true);
    onnx::NodeProto* addNode(const std::string& op, const std::vector<std::string>& inputs,
                             const std::vector<std::string>& outputs, const std::string& name = {});
    // A Constant node whose `value` attribute holds a float tensor.
    onnx::NodeProto* addConstant(const std::string& output, const std::vector<int64_t>& dims,
                                 const std::vector<float>& values);
    void addInput(const std::string& name, const std::vector<int64_t>& dims);
    void addOutput(const std::string& name, const std::vector<int64_t>& dims);

    static void setInt(onnx::NodeProto* node, const std::string& name, int64_t value);
    static void setFloat(onnx::NodeProto* node, const std::string& name, float value);
    static void fillTensor(onnx::TensorProto* t, const std::string& name, const std::vector<int64_t>& dims,
                           const std::vector<float>& values, bool raw);

    onnx::ModelProto& proto() { return m_model; }
    std::string bytes() const;
    bool save(const std::string& path) const;

private:
    onnx::ModelProto m_model;
};

// Writes bytes to a file; false on failure.
bool writeFile(const std::string& path, const std::string& bytes);

} // namespace testsupport

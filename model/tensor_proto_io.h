#pragma once
// Serialized TensorProto files, the ONNX test-data format (input_N.pb / output_N.pb), read with
// the same validation as model constants, and written for `bitlens-cli run`.
#include "result.h"
#include "tensor.h"

#include <filesystem>

namespace bitlens {

Result<Tensor> readTensorProtoFile(const std::filesystem::path& file);
Result<bool> writeTensorProtoFile(const std::filesystem::path& file, const Tensor& tensor);

} // namespace bitlens

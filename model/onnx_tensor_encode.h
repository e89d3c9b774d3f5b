#pragma once
// Tensor -> TensorProto in the tensor's own type (raw_data, little-endian), for the ONNX writer and
// `bitlens-cli run`'s output files. Includes protobuf types.
#include "result.h"
#include "tensor.h"

#include <onnx/onnx_pb.h>

namespace bitlens {

// Replaces `proto`'s contents with `value`'s name, dims, type and data: float32, float16, bfloat16,
// float64, int8..int64, uint8..uint64 and bool. Fails for other types.
Result<bool> encodeTensor(const Tensor& value, onnx::TensorProto& proto);

} // namespace bitlens

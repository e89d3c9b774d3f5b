#pragma once
// Internal to the loader: TensorProto -> Tensor with every check of DESIGN.md
// "Reading untrusted files". Includes protobuf types; only the loader includes it.
#include "onnx_loader.h"
#include "tensor.h"

#include <onnx/onnx_pb.h>

namespace bitlens {

struct DecodeContext
{
    std::filesystem::path modelDir; // canonical
    const LoadLimits* limits = nullptr;
    int64_t decodedBytes = 0; // running total against limits->maxTotalBytes
};

// Decodes `proto` and releases its payload (raw_data) so peak memory stays near one copy.
Result<Tensor> decodeTensor(onnx::TensorProto& proto, DecodeContext& ctx);

} // namespace bitlens

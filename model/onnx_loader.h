#pragma once
// Reads an ONNX model from disk into a bitlens::Model. Everything is validated before it is
// allocated; the first problem comes back as an error naming the file and the tensor or node.
// Protobuf types never leave onnx_loader.cpp / onnx_tensor_decode.cpp.
#include "model.h"
#include "result.h"

#include <filesystem>

namespace bitlens {

struct LoadLimits
{
    int64_t maxFileBytes = (int64_t{1} << 31) - 1; // protobuf cannot parse a message past 2 GiB
    int64_t maxTensorBytes = int64_t{4} << 30;     // one decoded tensor
    // Integer tensors decode to int64 (8x a uint8 file): real ones are shapes and indices, so a
    // tighter cap keeps a small hostile file from asking for gigabytes.
    int64_t maxIntegerTensorBytes = int64_t{256} << 20;
    int64_t maxTotalBytes = int64_t{16} << 30;     // all decoded constants together
    int64_t maxNodes = 1'000'000;                  // including nodes of subgraphs
    int maxSubgraphDepth = 16;
    int64_t minOpset = 7;
    int64_t maxOpset = 21;
};

Result<Model> loadOnnxModel(const std::filesystem::path& file, const LoadLimits& limits = {});

} // namespace bitlens

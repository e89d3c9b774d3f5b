#pragma once
// A pass over the raw protobuf wire format before the real parse, so that a small hostile file
// made of millions of empty nodes or attributes (each costing ~100 bytes once parsed) is refused
// before protobuf allocates them. Internal to the loader.
#include "onnx_loader.h"

namespace bitlens {

// Empty on success, else the problem (without the file name).
std::string prescanOnnx(const std::filesystem::path& file, const LoadLimits& limits);

} // namespace bitlens

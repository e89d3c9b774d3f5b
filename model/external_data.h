#pragma once
// External tensor data (ONNX "location"/"offset"/"length"), resolved by BitLens itself
// because ONNX 1.12's loader follows ".." and symlinks out of the model's folder
// (CVE-2024-27318 and later).
#include "result.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace bitlens {

// The canonical path of `location` if it names a regular file inside `modelDir` (itself
// canonical): relative, no "..", no NUL, and no symlink that leads outside.
Result<std::filesystem::path> resolveExternalDataPath(const std::filesystem::path& modelDir,
                                                      const std::string& location);

// Checks, before anything is allocated, that `expectedBytes` at `offset` lie within `file` and that
// `length`, when given (>= 0), equals `expectedBytes`.
Result<bool> checkExternalRange(const std::filesystem::path& file, int64_t offset, int64_t length,
                                int64_t expectedBytes);

// Reads exactly `expectedBytes` at `offset` (length, when given, must equal it) from `file` into
// `destination`, after checking that offset + length lies within the file. The caller's buffer
// lets float32 data land in the tensor directly: no second copy of a 400 MB layer.
Result<bool> readExternalData(const std::filesystem::path& file, int64_t offset, int64_t length,
                              int64_t expectedBytes, char* destination);

} // namespace bitlens

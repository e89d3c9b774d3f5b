#pragma once
// The header of a NumPy .npy file (format versions 1.0, 2.0 and 3.0): magic "\x93NUMPY", version,
// header length, then a Python dict literal {'descr': '<f4', 'fortran_order': False,
// 'shape': (N, H, W), }. Only what a test set needs is accepted: little- or big-endian integer
// and float element types, C order. The element count is checked against the file's real size.
#include <model/result.h>

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace bitlens {

struct NpyHeader
{
    char kind = 0;          // 'u' unsigned, 'i' signed, 'f' float
    int itemSize = 0;       // bytes per element: 1, 2, 4 or 8
    bool bigEndian = false;
    std::vector<int64_t> shape;
    int64_t dataOffset = 0; // bytes before the first element

    int64_t elementCount() const;
};

// Parses the header bytes at the start of a file of `fileSize` bytes; `name` is used in messages.
Result<NpyHeader> parseNpyHeader(const std::string& bytes, int64_t fileSize, const std::string& name);
// Reads and parses the header of `path`.
Result<NpyHeader> readNpyHeader(const std::filesystem::path& path);

// Converts `count` elements of the header's type at `src` (native or swapped byte order) to double.
void npyToDouble(const NpyHeader& h, const uint8_t* src, int64_t count, double* dst);

} // namespace bitlens

#pragma once
// Storage of quantized weights (DESIGN.md "Metrics", Storage): codes packed LSB-first, n bits
// each, in row-major order; their zstd size (level 3, one frame) and zlib size (compress2 at
// level 6); the order-0 entropy of the codes.
#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

std::vector<uint8_t> packCodes(std::span<const uint16_t> codes, int bits);
std::vector<uint16_t> unpackCodes(std::span<const uint8_t> packed, int bits, size_t count);

int64_t zstdCompressedBytes(std::span<const uint8_t> data, int level = 3);
int64_t zlibCompressedBytes(std::span<const uint8_t> data, int level = 6);

} // namespace bitlens

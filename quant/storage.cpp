#include "storage.h"

#include <zlib.h>
#include <zstd.h>

#include <stdexcept>

namespace bitlens {

std::vector<uint8_t> packCodes(std::span<const uint16_t> codes, int bits)
{
    std::vector<uint8_t> out((codes.size() * static_cast<size_t>(bits) + 7) / 8);
    uint64_t acc = 0;
    int have = 0;
    size_t pos = 0;
    const uint64_t mask = (uint64_t{1} << bits) - 1;
    for (uint16_t c : codes) {
        acc |= (c & mask) << have;
        have += bits;
        while (have >= 8) {
            out[pos++] = static_cast<uint8_t>(acc);
            acc >>= 8;
            have -= 8;
        }
    }
    if (have > 0)
        out[pos] = static_cast<uint8_t>(acc);
    return out;
}

std::vector<uint16_t> unpackCodes(std::span<const uint8_t> packed, int bits, size_t count)
{
    if (packed.size() * 8 < count * static_cast<size_t>(bits))
        throw std::invalid_argument("packed buffer too short for the code count");
    std::vector<uint16_t> out(count);
    uint64_t acc = 0;
    int have = 0;
    size_t pos = 0;
    const uint64_t mask = (uint64_t{1} << bits) - 1;
    for (size_t i = 0; i < count; ++i) {
        while (have < bits) {
            acc |= uint64_t{packed[pos++]} << have;
            have += 8;
        }
        out[i] = static_cast<uint16_t>(acc & mask);
        acc >>= bits;
        have -= bits;
    }
    return out;
}

int64_t zstdCompressedBytes(std::span<const uint8_t> data, int level)
{
    std::vector<uint8_t> dst(ZSTD_compressBound(data.size()));
    const size_t n = ZSTD_compress(dst.data(), dst.size(), data.data(), data.size(), level);
    if (ZSTD_isError(n))
        throw std::runtime_error(ZSTD_getErrorName(n));
    return static_cast<int64_t>(n);
}

int64_t zlibCompressedBytes(std::span<const uint8_t> data, int level)
{
    uLongf n = compressBound(static_cast<uLong>(data.size()));
    std::vector<uint8_t> dst(n);
    if (compress2(dst.data(), &n, data.data(), static_cast<uLong>(data.size()), level) != Z_OK)
        throw std::runtime_error("zlib compress2 failed");
    return static_cast<int64_t>(n);
}

} // namespace bitlens

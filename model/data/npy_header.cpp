#include "npy_header.h"

#include <bit>
#include <cstring>
#include <fstream>
#include <limits>

namespace bitlens {
namespace {

constexpr int64_t kMaxHeader = 1 << 16; // real headers are ~128 bytes
constexpr int kMaxDims = 8;

// The text after `'key':` up to the value's end, whitespace skipped; empty if the key is absent.
std::string valueOf(const std::string& dict, const std::string& key)
{
    for (const char q : {'\'', '"'}) {
        const std::string k = std::string(1, q) + key + std::string(1, q);
        auto pos = dict.find(k);
        if (pos == std::string::npos)
            continue;
        pos = dict.find(':', pos + k.size());
        if (pos == std::string::npos)
            return {};
        ++pos;
        while (pos < dict.size() && dict[pos] == ' ')
            ++pos;
        return dict.substr(pos);
    }
    return {};
}

} // namespace

int64_t NpyHeader::elementCount() const
{
    int64_t n = 1;
    for (int64_t d : shape)
        n *= d; // dims are checked against overflow when parsed
    return n;
}

Result<NpyHeader> parseNpyHeader(const std::string& bytes, int64_t fileSize, const std::string& name)
{
    if (bytes.size() < 10 || std::memcmp(bytes.data(), "\x93NUMPY", 6) != 0)
        return fail(name + ": not a .npy file (bad magic)");
    const int major = static_cast<uint8_t>(bytes[6]);
    int64_t headerLen = 0, prefix = 0;
    if (major == 1) {
        headerLen = static_cast<uint8_t>(bytes[8]) | (static_cast<uint8_t>(bytes[9]) << 8);
        prefix = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            return fail(name + ": truncated .npy header");
        for (int i = 3; i >= 0; --i)
            headerLen = (headerLen << 8) | static_cast<uint8_t>(bytes[8 + static_cast<size_t>(i)]);
        prefix = 12;
    } else {
        return fail(name + ": unsupported .npy format version " + std::to_string(major));
    }
    if (headerLen > kMaxHeader)
        return fail(name + ": .npy header of " + std::to_string(headerLen) + " bytes is implausibly long");
    if (static_cast<int64_t>(bytes.size()) < prefix + headerLen)
        return fail(name + ": truncated .npy header");
    const std::string dict = bytes.substr(static_cast<size_t>(prefix), static_cast<size_t>(headerLen));

    NpyHeader h;
    h.dataOffset = prefix + headerLen;
    const std::string descr = valueOf(dict, "descr");
    if (descr.size() < 5 || (descr[0] != '\'' && descr[0] != '"'))
        return fail(name + ": .npy header has no 'descr'");
    const char order = descr[1];
    h.kind = descr[2];
    h.itemSize = descr[3] - '0';
    if (descr[4] != descr[0] || (order != '<' && order != '>' && order != '|' && order != '=') ||
        (h.kind != 'u' && h.kind != 'i' && h.kind != 'f') ||
        (h.itemSize != 1 && h.itemSize != 2 && h.itemSize != 4 && h.itemSize != 8) ||
        (h.kind == 'f' && h.itemSize < 4))
        return fail(name + ": unsupported .npy element type " + descr.substr(0, descr.find_first_of(",}")));
    h.bigEndian = order == '>' && h.itemSize > 1;
    if (valueOf(dict, "fortran_order").rfind("False", 0) != 0)
        return fail(name + ": Fortran-order .npy arrays are not supported (save with C order)");

    const std::string shape = valueOf(dict, "shape");
    if (shape.empty() || shape[0] != '(' || shape.find(')') == std::string::npos)
        return fail(name + ": .npy header has no 'shape'");
    const std::string inner = shape.substr(1, shape.find(')') - 1);
    size_t pos = 0;
    while (pos < inner.size()) {
        while (pos < inner.size() && (inner[pos] == ' ' || inner[pos] == ','))
            ++pos;
        if (pos == inner.size())
            break;
        int64_t d = 0;
        size_t digits = 0;
        for (; pos < inner.size() && inner[pos] >= '0' && inner[pos] <= '9'; ++pos, ++digits) {
            if (d > (std::numeric_limits<int64_t>::max() - 9) / 10)
                return fail(name + ": .npy dimension too large");
            d = d * 10 + (inner[pos] - '0');
        }
        if (digits == 0)
            return fail(name + ": malformed .npy shape (" + inner + ")");
        if (static_cast<int>(h.shape.size()) == kMaxDims)
            return fail(name + ": .npy array has more than " + std::to_string(kMaxDims) + " dimensions");
        h.shape.push_back(d);
    }
    // Element count and byte size without overflow, then against the file.
    int64_t count = 1;
    for (int64_t d : h.shape) {
        if (d != 0 && count > std::numeric_limits<int64_t>::max() / 8 / d)
            return fail(name + ": .npy shape overflows");
        count *= d;
    }
    const int64_t need = count * h.itemSize;
    if (fileSize - h.dataOffset != need)
        return fail(name + ": .npy shape needs " + std::to_string(need) + " bytes of data but the file has " +
                    std::to_string(fileSize - h.dataOffset));
    return h;
}

Result<NpyHeader> readNpyHeader(const std::filesystem::path& path)
{
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec))
        return fail(path.string() + ": not found or not a regular file");
    const auto size = static_cast<int64_t>(std::filesystem::file_size(path, ec));
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return fail(path.string() + ": cannot open");
    std::string head(static_cast<size_t>(std::min<int64_t>(size, kMaxHeader + 12)), '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    return parseNpyHeader(head, size, path.string());
}

void npyToDouble(const NpyHeader& h, const uint8_t* src, int64_t count, double* dst)
{
    uint8_t b[8];
    for (int64_t i = 0; i < count; ++i, src += h.itemSize) {
        const bool swap = h.bigEndian != (std::endian::native == std::endian::big);
        for (int k = 0; k < h.itemSize; ++k)
            b[k] = swap ? src[h.itemSize - 1 - k] : src[k];
        double v = 0;
        auto load = [&](auto t) {
            std::memcpy(&t, b, sizeof t);
            v = static_cast<double>(t);
        };
        switch (h.kind == 'f' ? 100 + h.itemSize : (h.kind == 'i' ? 10 : 0) + h.itemSize) {
        case 1: load(uint8_t{}); break;
        case 2: load(uint16_t{}); break;
        case 4: load(uint32_t{}); break;
        case 8: load(uint64_t{}); break;
        case 11: load(int8_t{}); break;
        case 12: load(int16_t{}); break;
        case 14: load(int32_t{}); break;
        case 18: load(int64_t{}); break;
        case 104: load(float{}); break;
        case 108: load(double{}); break;
        default: break;
        }
        dst[i] = v;
    }
}

} // namespace bitlens

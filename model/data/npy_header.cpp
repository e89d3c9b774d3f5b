#include "npy_header.h"

#include <bit>
#include <cstring>
#include <fstream>
#include <limits>
#include <utility>
#include <vector>

namespace bitlens {
namespace {

constexpr int64_t kMaxHeader = 1 << 16; // real headers are ~128 bytes
// The header dict as numpy writes it (a Python literal): exactly the keys 'descr' (a string),
// 'fortran_order' (True/False) and 'shape' (a tuple of non-negative ints), each once, in any
// order, then spaces and a newline. Anything else (another key, an expression, a missing key) is
// refused: the file is not what numpy.save writes, and guessing at it could misread the data.
struct HeaderDict
{
    std::string descr;
    bool fortranOrder = false;
    std::vector<int64_t> shape;
};

class DictParser
{
public:
    explicit DictParser(const std::string& text) : m_s(text) {}

    // Empty on success, else what is wrong.
    std::string parse(HeaderDict& out)
    {
        bool seenDescr = false, seenOrder = false, seenShape = false;
        skipSpaces();
        if (!take('{'))
            return "the header is not a dict literal";
        for (skipSpaces(); !peek('}');) {
            std::string key;
            if (!readString(key))
                return "a header key is not a quoted string";
            skipSpaces();
            if (!take(':'))
                return "no ':' after the header key '" + key + "'";
            skipSpaces();
            bool* seen = key == "descr" ? &seenDescr : key == "fortran_order" ? &seenOrder : key == "shape" ? &seenShape : nullptr;
            if (!seen)
                return "unknown header key '" + key.substr(0, 40) + "' (numpy writes only descr, fortran_order and shape)";
            if (*seen)
                return "the header key '" + key + "' appears twice";
            *seen = true;
            if (key == "descr" && !readString(out.descr))
                return "'descr' is not a quoted string";
            if (key == "fortran_order" && !readBool(out.fortranOrder))
                return "'fortran_order' is not True or False";
            if (key == "shape") {
                if (std::string e = readShape(out.shape); !e.empty())
                    return e;
            }
            skipSpaces();
            if (take(','))
                skipSpaces();
            else if (!peek('}'))
                return "expected ',' or '}' after the value of '" + key + "'";
        }
        ++m_pos;
        while (m_pos < m_s.size() && (m_s[m_pos] == ' ' || m_s[m_pos] == '\n'))
            ++m_pos;
        if (m_pos != m_s.size())
            return "text after the header dict";
        if (!seenDescr || !seenOrder || !seenShape)
            return std::string("the header has no '") + (!seenDescr ? "descr" : !seenOrder ? "fortran_order" : "shape") + "'";
        return {};
    }

private:
    static constexpr int kMaxDims = 8;

    void skipSpaces()
    {
        while (m_pos < m_s.size() && m_s[m_pos] == ' ')
            ++m_pos;
    }
    bool peek(char c) const { return m_pos < m_s.size() && m_s[m_pos] == c; }
    bool take(char c)
    {
        if (!peek(c))
            return false;
        ++m_pos;
        return true;
    }
    bool readString(std::string& out)
    {
        if (!peek('\'') && !peek('"'))
            return false;
        const char q = m_s[m_pos++];
        const size_t end = m_s.find(q, m_pos);
        if (end == std::string::npos || m_s.find('\\', m_pos) < end)
            return false; // no escapes in numpy's headers
        out = m_s.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        return true;
    }
    bool readBool(bool& out)
    {
        for (const auto& [word, value] : {std::pair{"True", true}, std::pair{"False", false}})
            if (m_s.compare(m_pos, std::strlen(word), word) == 0) {
                m_pos += std::strlen(word);
                out = value;
                return true;
            }
        return false;
    }
    std::string readShape(std::vector<int64_t>& shape)
    {
        if (!take('('))
            return "'shape' is not a tuple";
        for (skipSpaces(); !take(')'); skipSpaces()) {
            int64_t d = 0;
            size_t digits = 0;
            for (; m_pos < m_s.size() && m_s[m_pos] >= '0' && m_s[m_pos] <= '9'; ++m_pos, ++digits) {
                if (d > (std::numeric_limits<int64_t>::max() - 9) / 10)
                    return ".npy dimension too large";
                d = d * 10 + (m_s[m_pos] - '0');
            }
            if (digits == 0)
                return "malformed 'shape' (a dimension that is not a non-negative integer)";
            if (static_cast<int>(shape.size()) == kMaxDims)
                return ".npy array has more than " + std::to_string(kMaxDims) + " dimensions";
            shape.push_back(d);
            skipSpaces();
            if (!take(',') && !peek(')'))
                return "malformed 'shape' (expected ',' or ')')";
        }
        return {};
    }

    const std::string& m_s;
    size_t m_pos = 0;
};

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
    const std::string text = bytes.substr(static_cast<size_t>(prefix), static_cast<size_t>(headerLen));

    NpyHeader h;
    h.dataOffset = prefix + headerLen;
    HeaderDict dict;
    if (std::string problem = DictParser(text).parse(dict); !problem.empty())
        return fail(name + ": malformed .npy header: " + problem);
    const std::string& descr = dict.descr;
    if (descr.size() != 3)
        return fail(name + ": unsupported .npy element type '" + descr.substr(0, 40) + "'");
    const char order = descr[0];
    h.kind = descr[1];
    h.itemSize = descr[2] - '0';
    if ((order != '<' && order != '>' && order != '|' && order != '=') ||
        (h.kind != 'u' && h.kind != 'i' && h.kind != 'f') ||
        (h.itemSize != 1 && h.itemSize != 2 && h.itemSize != 4 && h.itemSize != 8) ||
        (h.kind == 'f' && h.itemSize < 4))
        return fail(name + ": unsupported .npy element type '" + descr + "'");
    h.bigEndian = order == '>' && h.itemSize > 1;
    if (dict.fortranOrder)
        return fail(name + ": Fortran-order .npy arrays are not supported (save with C order)");
    h.shape = dict.shape;
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

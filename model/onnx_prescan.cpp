#include "onnx_prescan.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl.h>
#include <google/protobuf/wire_format_lite.h>

#include <fcntl.h>
#include <unistd.h>

#include <climits>

namespace bitlens {
namespace {

using google::protobuf::io::CodedInputStream;
using WFL = google::protobuf::internal::WireFormatLite;

// Field numbers from onnx.proto.
constexpr int kModelGraph = 7;
constexpr int kGraphNode = 1, kGraphInitializer = 5, kGraphInput = 11, kGraphOutput = 12, kGraphValueInfo = 13;
constexpr int kNodeAttribute = 5;
constexpr int kAttributeGraph = 6, kAttributeGraphs = 11;

class Scanner
{
public:
    Scanner(CodedInputStream& in, const LoadLimits& limits) : m_in(in), m_limits(limits) {}

    std::string model()
    {
        while (const uint32_t tag = m_in.ReadTag()) {
            if (WFL::GetTagFieldNumber(tag) == kModelGraph && WFL::GetTagWireType(tag) == WFL::WIRETYPE_LENGTH_DELIMITED) {
                if (!nested([&] { return graph(0); }))
                    return m_error.empty() ? "the protobuf is truncated or corrupted" : m_error;
            } else if (!WFL::SkipField(&m_in, tag)) {
                return "the protobuf is truncated or corrupted";
            }
        }
        return m_error;
    }

private:
    template <class Fn>
    bool nested(Fn&& fn)
    {
        uint32_t length = 0;
        if (!m_in.ReadVarint32(&length))
            return false;
        const auto limit = m_in.PushLimit(static_cast<int>(length));
        const bool ok = fn();
        if (!ok || m_in.BytesUntilLimit() != 0)
            return false;
        m_in.PopLimit(limit);
        return true;
    }

    bool graph(int depth)
    {
        if (depth > m_limits.maxSubgraphDepth) {
            m_error = "subgraphs nested deeper than " + std::to_string(m_limits.maxSubgraphDepth) + " levels";
            return false;
        }
        while (const uint32_t tag = m_in.ReadTag()) {
            const int field = WFL::GetTagFieldNumber(tag);
            const bool delimited = WFL::GetTagWireType(tag) == WFL::WIRETYPE_LENGTH_DELIMITED;
            if (field == kGraphNode && delimited) {
                if (++m_nodes > m_limits.maxNodes) {
                    m_error = "the graph has more than " + std::to_string(m_limits.maxNodes) + " nodes";
                    return false;
                }
                if (!nested([&] { return node(depth); }))
                    return false;
                continue;
            }
            if ((field == kGraphInitializer || field == kGraphInput || field == kGraphOutput || field == kGraphValueInfo) &&
                ++m_entries > m_limits.maxNodes) {
                m_error = "the graph has more than " + std::to_string(m_limits.maxNodes) + " initializers or value infos";
                return false;
            }
            if (!WFL::SkipField(&m_in, tag))
                return false;
        }
        return true;
    }

    bool node(int depth)
    {
        while (const uint32_t tag = m_in.ReadTag()) {
            if (WFL::GetTagFieldNumber(tag) == kNodeAttribute && WFL::GetTagWireType(tag) == WFL::WIRETYPE_LENGTH_DELIMITED) {
                if (++m_attributes > 4 * m_limits.maxNodes) {
                    m_error = "the graph has more than " + std::to_string(4 * m_limits.maxNodes) + " attributes";
                    return false;
                }
                if (!nested([&] { return attribute(depth); }))
                    return false;
            } else if (!WFL::SkipField(&m_in, tag)) {
                return false;
            }
        }
        return true;
    }

    bool attribute(int depth)
    {
        while (const uint32_t tag = m_in.ReadTag()) {
            const int field = WFL::GetTagFieldNumber(tag);
            if ((field == kAttributeGraph || field == kAttributeGraphs) &&
                WFL::GetTagWireType(tag) == WFL::WIRETYPE_LENGTH_DELIMITED) {
                if (!nested([&] { return graph(depth + 1); }))
                    return false;
            } else if (!WFL::SkipField(&m_in, tag)) {
                return false;
            }
        }
        return true;
    }

    CodedInputStream& m_in;
    const LoadLimits& m_limits;
    std::string m_error;
    int64_t m_nodes = 0, m_attributes = 0, m_entries = 0;
};

} // namespace

std::string prescanOnnx(const std::filesystem::path& file, const LoadLimits& limits)
{
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return "cannot open the file";
    google::protobuf::io::FileInputStream raw(fd);
    raw.SetCloseOnDelete(true);
    CodedInputStream in(&raw);
    in.SetTotalBytesLimit(INT_MAX);
    return Scanner(in, limits).model();
}

} // namespace bitlens

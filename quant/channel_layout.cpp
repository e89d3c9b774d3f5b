#include "channel_layout.h"

#include <cstddef>

namespace bitlens {

ChannelLayout ChannelLayout::of(const std::vector<int64_t>& dims, int axis)
{
    ChannelLayout l;
    if (dims.empty())
        return l;
    for (int d = 0; d < static_cast<int>(dims.size()); ++d) {
        const int64_t n = dims[static_cast<size_t>(d)];
        if (d < axis)
            l.outer *= n;
        else if (d == axis)
            l.channels = n;
        else
            l.inner *= n;
    }
    return l;
}

} // namespace bitlens

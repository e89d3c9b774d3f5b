#pragma once
// How a tensor splits into output channels along `axis`: element (o, c, i) of the
// [outer, channels, inner] view is at (o*channels + c)*inner + i.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace bitlens {

struct ChannelLayout
{
    int64_t outer = 1;
    int64_t channels = 1;
    int64_t inner = 1;

    static ChannelLayout of(const std::vector<int64_t>& dims, int axis);
    // A channel's values are one contiguous run (axis 0, or all leading dims 1).
    bool contiguous() const { return outer == 1; }
    int64_t perChannel() const { return outer * inner; }

    template <class T>
    void gather(const T* src, int64_t c, T* dst) const
    {
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t i = 0; i < inner; ++i)
                *dst++ = src[(o * channels + c) * inner + i];
    }
    template <class T>
    void scatter(const T* src, int64_t c, T* dst) const
    {
        for (int64_t o = 0; o < outer; ++o)
            for (int64_t i = 0; i < inner; ++i)
                dst[(o * channels + c) * inner + i] = *src++;
    }
};

} // namespace bitlens

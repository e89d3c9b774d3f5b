#include "layout.h"

namespace bitlens::engine {

Tensor toChannelsFirst(const Tensor& t)
{
    if (!t.channelsLast)
        return t;
    Tensor r;
    r.name = t.name;
    r.type = t.type;
    r.dims = t.dims;
    r.floats.resize(t.floats.size());
    const int64_t n = t.dims[0], c = t.dims[1], pixels = t.dims[2] * t.dims[3];
    for (int64_t img = 0; img < n; ++img) {
        const float* src = t.floats.data() + img * pixels * c;
        float* dst = r.floats.data() + img * pixels * c;
        for (int64_t p = 0; p < pixels; ++p)
            for (int64_t ch = 0; ch < c; ++ch)
                dst[ch * pixels + p] = src[p * c + ch];
    }
    return r;
}

} // namespace bitlens::engine

#include "group.h"

#include "radix_sort.h"

#include <algorithm>
#include <cmath>

namespace bitlens {

Group describeGroup(std::span<const float> x, bool withSorted)
{
    Group g;
    g.x = x;
    if (x.empty())
        return g;
    float lo = x[0], hi = x[0];
    double sum = 0;
    for (float v : x) {
        if (!std::isfinite(v)) {
            g.finite = false;
            continue;
        }
        lo = std::min(lo, v);
        hi = std::max(hi, v);
        sum += v;
    }
    if (!g.finite)
        return g;
    g.min = lo;
    g.max = hi;
    g.allEqual = lo == hi;
    g.maxAbs = std::max(std::fabs(static_cast<double>(lo)), std::fabs(static_cast<double>(hi)));
    g.mean = sum / static_cast<double>(x.size());
    double ss = 0;
    for (float v : x) {
        const double d = v - g.mean;
        ss += d * d;
    }
    g.sigma = std::sqrt(ss / static_cast<double>(x.size()));
    if (withSorted) {
        auto s = std::make_shared<SortedValues>();
        s->values.assign(x.begin(), x.end());
        sortFloats(s->values);
        s->distinct = 1;
        for (size_t i = 1; i < s->values.size(); ++i)
            s->distinct += s->values[i] != s->values[i - 1];
        g.sorted = std::move(s);
    }
    return g;
}

} // namespace bitlens

// Gaussian (Lloyd-Max) quantizer, DESIGN.md "Quantizers": x^ = mu + sigma*l_i for the level
// nearest to (x-mu)/sigma (ties to the lower level, by the midpoints, in double); mu and sigma
// the group's mean and population standard deviation. Data-free; saturates the tails.
#include "fast_math.h"
#include "lloyd_max.h"
#include "quantizers.h"

#include <algorithm>

namespace bitlens {

GroupQuantInfo quantizeGaussian(const Group& g, int n, std::span<float> xhat, std::span<uint16_t> codes)
{
    const GroupQuantInfo info{64, 0};
    if (g.allEqual || !g.finite) {
        copyUnchanged(g, xhat, codes);
        return info;
    }
    const auto& levels = lloydMaxLevels(n);
    const CutLookup& nearest = lloydMaxLookup(n);
    for (size_t i = 0; i < g.x.size(); ++i) {
        const double t = (g.x[i] - g.mean) / g.sigma;
        const size_t j = nearest.index(t); // ties (t on a midpoint) go to the lower level
        xhat[i] = static_cast<float>(g.mean + g.sigma * levels[j]);
        codes[i] = static_cast<uint16_t>(j);
    }
    return info;
}

} // namespace bitlens

// Gaussian (Lloyd-Max) quantizer, DESIGN.md "Quantizers": x^ = mu + sigma*l_i for the level
// nearest to (x-mu)/sigma (ties to the lower level, by the midpoints, in double); mu and sigma
// the group's mean and population standard deviation. Data-free; saturates the tails.
#include "fast_math.h"
#include "lloyd_max.h"
#include "group_encoder.h"

#include <algorithm>

namespace bitlens {
namespace {

struct GaussianCoder
{
    double mean, sigma;
    const CutLookup& nearest;
    std::vector<float> values;
    // The level nearest to (x-mu)/sigma; a t on a midpoint goes to the lower level.
    uint16_t code(float x) const { return static_cast<uint16_t>(nearest.index((x - mean) / sigma)); }
    float value(uint16_t c) const { return values[c]; }
};

} // namespace

GroupResult quantizeGaussian(const Group& g, const GroupParams& p, GroupOutput& out)
{
    const int n = p.bits;
    GroupResult r;
    if (passThrough(g, out, r, 64))
        return r;
    const auto& levels = lloydMaxLevels(n);
    GaussianCoder coder{g.mean, g.sigma, lloydMaxLookup(n), {}};
    coder.values.resize(levels.size());
    for (size_t j = 0; j < levels.size(); ++j)
        coder.values[j] = toFloatSaturated(g.mean + g.sigma * levels[j]);
    return encodeGroup(coder, g, out, 64);
}

} // namespace bitlens

// K-means (weight sharing), DESIGN.md "Quantizers": k = min(2^n, distinct values) centroids,
// initialised linearly over [min, max] (c_i = min + (i+0.5)*(max-min)/k, Han et al.), Lloyd
// iterations over the sorted values with prefix sums until no assignment changes (guard: 100,000
// iterations); a value goes to the nearest centroid, ties to the lower one (compared with the
// midpoints, in double); an empty cluster keeps its centroid. A group with at most 2^n distinct
// values keeps every value as its own centroid.
#include "fast_math.h"
#include "group_encoder.h"

#include <algorithm>
#include <cmath>

namespace bitlens {
namespace {

constexpr int kMaxLloydIterations = 100'000;

// upper_bound(v, mid) (first value > mid), searched outwards from `hint`, the bound of the
// previous iteration: boundaries move little between Lloyd iterations, so this touches a few
// cache lines instead of a binary search over the whole layer.
size_t upperBoundNear(const std::vector<float>& v, size_t hint, double mid)
{
    const size_t n = v.size();
    hint = std::min(hint, n);
    size_t lo, hi; // the answer lies in [lo, hi]
    if (hint < n && v[hint] <= mid) {
        lo = hint + 1;
        size_t step = 1;
        hi = lo;
        while (hi < n && v[hi] <= mid) {
            lo = hi + 1;
            hi = std::min(n, hi + step);
            step *= 2;
        }
    } else {
        hi = hint;
        size_t step = 1;
        lo = hi;
        while (lo > 0 && v[lo - 1] > mid) {
            hi = lo - 1;
            lo = lo > step ? lo - step : 0;
            step *= 2;
        }
    }
    return static_cast<size_t>(
        std::upper_bound(v.begin() + static_cast<std::ptrdiff_t>(lo), v.begin() + static_cast<std::ptrdiff_t>(hi), mid,
                         [](double m, float x) { return m < x; }) -
        v.begin());
}

void midpoints(const std::vector<double>& c, std::vector<double>& mids)
{
    mids.resize(c.size() - 1);
    for (size_t i = 0; i + 1 < c.size(); ++i)
        mids[i] = (c[i] + c[i + 1]) / 2;
}

// A group with at most 2^n distinct values keeps each as its own centroid; code = rank.
struct ExactCoder
{
    std::vector<float> distinct;
    uint16_t code(float x) const
    {
        return static_cast<uint16_t>(std::lower_bound(distinct.begin(), distinct.end(), x) - distinct.begin());
    }
    float value(uint16_t c) const { return distinct[c]; }
};

// Nearest centroid by the midpoints (ties to the lower one).
struct CentroidCoder
{
    CutLookup nearest;
    std::vector<float> centroids;
    uint16_t code(float x) const { return static_cast<uint16_t>(nearest.index(x)); }
    float value(uint16_t c) const { return centroids[c]; }
};

} // namespace

GroupResult quantizeKMeans(const Group& g, const GroupParams& p, GroupOutput& out)
{
    const int n = p.bits;
    GroupResult r;
    if (passThrough(g, out, r, 32)) // one centroid
        return r;
    std::shared_ptr<const SortedValues> owned = g.sorted;
    if (!owned) // callers that quantize many bit-widths prepare this once (describeGroup)
        owned = describeGroup(g.x, true).sorted;
    const SortedValues& s = *owned;
    const auto k = static_cast<size_t>(1) << n;
    if (s.distinct <= static_cast<int64_t>(k)) {
        ExactCoder coder;
        coder.distinct.reserve(static_cast<size_t>(s.distinct));
        for (float v : s.values)
            if (coder.distinct.empty() || coder.distinct.back() != v)
                coder.distinct.push_back(v == 0 ? 0.0f : v); // -0.0 and 0.0 are one value: keep +0
        return encodeGroup(coder, g, out, 32 * s.distinct);
    }

    std::vector<double> c(k), mids;
    const double lo = g.min, range = static_cast<double>(g.max) - g.min;
    for (size_t i = 0; i < k; ++i)
        c[i] = lo + (static_cast<double>(i) + 0.5) * range / static_cast<double>(k);

    // bounds[i]..bounds[i+1] is cluster i in the sorted values. Late iterations move few
    // boundaries, so each is first checked in place (two comparisons) and only a moved one is
    // searched for; only clusters whose bounds moved get a new mean. Same iterates as the
    // textbook loop (recompute every midpoint, boundary and mean), at a fraction of the cost.
    const auto& v = s.values;
    const size_t count = v.size();
    std::vector<double> prefix(count + 1); // prefix[i] = sum of v[0..i), for O(1) cluster means
    prefix[0] = 0;
    for (size_t i = 0; i < count; ++i)
        prefix[i + 1] = prefix[i] + v[i];
    std::vector<size_t> bounds(k + 1, 0);
    for (size_t i = 1; i < k; ++i)
        bounds[i] = count * i / k; // starting hints for the first assignment
    bounds[k] = count;
    std::vector<char> changed(k, 1); // the first assignment always counts as a change
    for (int iter = 0; iter < kMaxLloydIterations; ++iter) {
        bool any = iter == 0;
        for (size_t i = 0; i + 1 < k; ++i) { // values <= mid go to the lower centroid
            const double mid = (c[i] + c[i + 1]) / 2;
            const size_t b = bounds[i + 1];
            if ((b == 0 || v[b - 1] <= mid) && (b == count || v[b] > mid))
                continue; // the boundary has not moved
            bounds[i + 1] = upperBoundNear(v, b, mid);
            changed[i] = changed[i + 1] = 1;
            any = true;
        }
        if (!any)
            break; // no assignment changed
        for (size_t i = 0; i < k; ++i) {
            if (changed[i] && bounds[i + 1] > bounds[i]) // an empty cluster keeps its centroid
                c[i] = (prefix[bounds[i + 1]] - prefix[bounds[i]]) / static_cast<double>(bounds[i + 1] - bounds[i]);
            changed[i] = 0;
        }
        // An empty cluster's kept centroid may have been passed by a neighbour's new mean. After
        // reordering, a centroid no longer belongs to its cluster: recompute every mean next time.
        if (!std::is_sorted(c.begin(), c.end())) {
            std::sort(c.begin(), c.end());
            std::fill(changed.begin(), changed.end(), static_cast<char>(1));
        }
    }
    midpoints(c, mids);
    CentroidCoder coder{CutLookup(mids), std::vector<float>(c.begin(), c.end())};
    return encodeGroup(coder, g, out, 32 * static_cast<int64_t>(k));
}

} // namespace bitlens

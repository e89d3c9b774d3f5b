// GridSample: Y[n, c, o...] samples X[n, c] at the normalised position grid[n, o..., :] (x first,
// so grid[..., 0] addresses X's last axis), as PyTorch's grid_sample and ONNX's reference do.
// align_corners 1 maps -1 and 1 to the centres of the corner pixels, 0 to their outer edges.
// padding_mode: zeros (samples outside read 0), border (positions clamp to the edge pixels),
// reflection (positions reflect at the borders, then every tap that still falls outside too).
// Opset 16: X [N, C, H, W], grid [N, H_out, W_out, 2]; mode bilinear (default), nearest (rounds
// half to even), bicubic (Keys' kernel, a = -0.75, on the 4 x 4 neighbourhood).
// Opset 20: the modes are named linear (default), nearest and cubic, and X may have any number r
// >= 1 of spatial axes with grid [N, D1_out, ..., Dr_out, r] (nearest rounds half away from zero
// for r = 3, as PyTorch). X is float16/float/double here, computed in float32 (integer X is not
// supported); grid is float.
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

namespace bitlens::engine {
namespace {

enum class Sampling { Nearest, Linear, Cubic };
enum class Padding { Zeros, Border, Reflection };

class GridSampleOp : public Operator
{
public:
    GridSampleOp(Sampling mode, Padding padding, bool alignCorners, bool anyRank)
        : m_mode(mode), m_padding(padding), m_align(alignCorners), m_anyRank(anyRank) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1] || !in[0]->isFloat() || !in[1]->isFloat())
            return "expects a float X and a float grid";
        const Tensor &x = *in[0], &grid = *in[1];
        const size_t rank = x.dims.size();
        if (rank < 3 || (!m_anyRank && rank != 4))
            return "expects X [N, C, " + std::string(m_anyRank ? "spatial..." : "H, W") + "], got " + dimsText(x.dims);
        const size_t r = rank - 2;
        if (grid.dims.size() != rank || grid.dims[0] != x.dims[0] || grid.dims.back() != static_cast<int64_t>(r))
            return "grid " + dimsText(grid.dims) + " does not fit X " + dimsText(x.dims) + " (expects [N, out..., " +
                   std::to_string(r) + "])";
        const std::vector<int64_t> spatial(x.dims.begin() + 2, x.dims.end()), outDims(grid.dims.begin() + 1, grid.dims.end() - 1);
        std::vector<int64_t> yd{x.dims[0], x.dims[1]};
        yd.insert(yd.end(), outDims.begin(), outDims.end());
        Tensor y = floatTensor(yd);
        y.type = x.type;
        if (y.floats.empty() || x.floats.empty()) { // an empty X samples only padding: zeros
            out[0] = std::move(y);
            return {};
        }
        // Both tensors hold elements now, so these products are bounded by their sizes.
        const int64_t batch = x.dims[0], channels = x.dims[1], points = elementCount(outDims), plane = elementCount(spatial);
        const int64_t perAxis = m_mode == Sampling::Nearest ? 1 : m_mode == Sampling::Linear ? 2 : 4;
        int64_t combos = 1; // taps of one sample: perAxis^r
        for (size_t d = 0; d < r; ++d)
            if (__builtin_mul_overflow(combos, perAxis, &combos))
                throw WorkTooLarge{std::numeric_limits<int64_t>::max()};
        checkWork({batch, channels, points, combos});
        // Per axis, the sample's taps: input index (-1: outside, reads 0) and weight.
        std::vector<int64_t> strides(r, 1);
        for (size_t d = r; d-- > 1;)
            strides[d - 1] = strides[d] * spatial[d];
        std::vector<std::array<int64_t, 4>> index(r);
        std::vector<std::array<double, 4>> weight(r);
        std::vector<int64_t> tapOffsets(static_cast<size_t>(checkedElementCount({combos})));
        std::vector<double> tapWeights(tapOffsets.size());
        for (int64_t n = 0; n < batch; ++n)
            for (int64_t p = 0; p < points; ++p) {
                const float* g = grid.floats.data() + (n * points + p) * static_cast<int64_t>(r);
                for (size_t d = 0; d < r; ++d)
                    axisTaps(g[r - 1 - d], spatial[d], r, index[d], weight[d]);
                // The tensor product of the axes' taps, as offsets into one (n, c) plane.
                int64_t used = 0;
                for (int64_t k = 0; k < combos; ++k) {
                    int64_t rem = k, offset = 0;
                    double w = 1;
                    bool inside = true;
                    for (size_t d = 0; d < r; ++d) {
                        const auto t = static_cast<size_t>(rem % perAxis);
                        rem /= perAxis;
                        inside = inside && index[d][t] >= 0;
                        w *= weight[d][t];
                        offset += index[d][t] * strides[d];
                    }
                    if (!inside || w == 0)
                        continue;
                    tapOffsets[static_cast<size_t>(used)] = offset;
                    tapWeights[static_cast<size_t>(used)] = w;
                    ++used;
                }
                for (int64_t c = 0; c < channels; ++c) {
                    const float* src = x.floats.data() + (n * channels + c) * plane;
                    double v = 0;
                    for (int64_t t = 0; t < used; ++t)
                        v += tapWeights[static_cast<size_t>(t)] * src[tapOffsets[static_cast<size_t>(t)]];
                    y.floats[static_cast<size_t>((n * channels + c) * points + p)] = static_cast<float>(v);
                }
            }
        out[0] = std::move(y);
        return {};
    }

private:
    // x reflected at lo and hi until it lies between them (PyTorch's reflect_coordinates).
    static double reflect(double x, double lo, double hi)
    {
        const double range = hi - lo;
        if (range <= 0)
            return lo;
        if (x >= lo && x <= hi)
            return x;
        const double dx = x < lo ? lo - x : x - hi;
        const double flips = std::floor(dx / range), rest = dx - flips * range;
        const bool even = std::fmod(flips, 2.0) == 0;
        return x < lo ? (even ? lo + rest : hi - rest) : (even ? hi - rest : lo + rest);
    }

    // The input index tap i reads along an axis of `len`, or -1 for a zero.
    int64_t pixel(int64_t i, int64_t len, double lo, double hi) const
    {
        if (i >= 0 && i < len)
            return i;
        if (m_padding == Padding::Zeros)
            return -1;
        if (m_padding == Padding::Border)
            return std::clamp<int64_t>(i, 0, len - 1);
        return std::clamp<int64_t>(static_cast<int64_t>(reflect(static_cast<double>(i), lo, hi)), 0, len - 1);
    }

    void axisTaps(float normalised, int64_t len, size_t r, std::array<int64_t, 4>& index, std::array<double, 4>& weight) const
    {
        const double size = static_cast<double>(len);
        double x = m_align ? (normalised + 1.0) / 2 * (size - 1) : ((normalised + 1.0) * size - 1) / 2;
        if (m_mode == Sampling::Nearest) // PyTorch rounds half to even in 2-D, away from zero in 3-D
            x = r == 3 ? std::round(x) : std::nearbyint(x);
        const double lo = m_align ? 0 : -0.5, hi = m_align ? size - 1 : size - 0.5;
        if (x < lo || x > hi) {
            if (m_padding == Padding::Border)
                x = std::clamp(x, 0.0, size - 1);
            else if (m_padding == Padding::Reflection)
                x = reflect(x, lo, hi);
        }
        index.fill(-1);
        weight.fill(0);
        if (!std::isfinite(x)) // a NaN or infinite position samples nothing
            return;
        // Beyond a few pixels outside, every tap is outside too: bounded before the conversion.
        x = std::clamp(x, -5.0, size + 5);
        if (m_mode == Sampling::Nearest) {
            index[0] = pixel(static_cast<int64_t>(x), len, lo, hi);
            weight[0] = 1;
            return;
        }
        const double x0 = std::floor(x), t = x - x0;
        const auto i0 = static_cast<int64_t>(x0);
        if (m_mode == Sampling::Linear) {
            index = {pixel(i0, len, lo, hi), pixel(i0 + 1, len, lo, hi), -1, -1};
            weight = {1 - t, t, 0, 0};
            return;
        }
        constexpr double a = -0.75;
        auto near = [](double d) { return ((a + 2) * d - (a + 3)) * d * d + 1; };          // |d| <= 1
        auto far = [](double d) { return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a; };      // 1 < |d| < 2
        index = {pixel(i0 - 1, len, lo, hi), pixel(i0, len, lo, hi), pixel(i0 + 1, len, lo, hi), pixel(i0 + 2, len, lo, hi)};
        weight = {far(t + 1), near(t), near(1 - t), far(2 - t)};
    }

    Sampling m_mode;
    Padding m_padding;
    bool m_align, m_anyRank;
};

} // namespace

Result<std::unique_ptr<Operator>> makeGridSample(const Node& node, int64_t opset)
{
    const bool v20 = opset >= 20;
    const std::string mode = stringAttribute(node, "mode", v20 ? "linear" : "bilinear");
    Sampling sampling;
    if (mode == "nearest")
        sampling = Sampling::Nearest;
    else if (mode == (v20 ? "linear" : "bilinear"))
        sampling = Sampling::Linear;
    else if (mode == (v20 ? "cubic" : "bicubic"))
        sampling = Sampling::Cubic;
    else
        return fail("GridSample-" + std::to_string(opset) + " mode '" + mode + "' is not supported");
    const std::string padding = stringAttribute(node, "padding_mode", "zeros");
    Padding pad;
    if (padding == "zeros")
        pad = Padding::Zeros;
    else if (padding == "border")
        pad = Padding::Border;
    else if (padding == "reflection")
        pad = Padding::Reflection;
    else
        return fail("padding_mode '" + padding + "' is not supported");
    return std::unique_ptr<Operator>(new GridSampleOp(sampling, pad, node.intAttribute("align_corners", 0) != 0, v20));
}

} // namespace bitlens::engine

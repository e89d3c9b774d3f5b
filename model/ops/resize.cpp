// Resize, modes nearest and linear (multilinear over every axis). Opset 10: inputs X, scales;
// asymmetric coordinates, nearest rounds down. Opset 11+: X, roi, scales, sizes, with the
// coordinate_transformation_mode (half_pixel, pytorch_half_pixel, align_corners, asymmetric,
// tf_half_pixel_for_nn) and nearest_mode (round_prefer_floor, round_prefer_ceil, floor, ceil).
// Cubic and tf_crop_and_resize are not supported.
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <cmath>

namespace bitlens::engine {
namespace {

class ResizeOp : public Operator
{
public:
    ResizeOp(bool linear, std::string coords, std::string nearest, bool opset10)
        : m_linear(linear), m_coords(std::move(coords)), m_nearest(std::move(nearest)), m_opset10(opset10) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0] || !in[0]->isFloat())
            return "expects a float input";
        const Tensor& x = *in[0];
        const size_t r = x.dims.size();
        const Tensor* scalesT = m_opset10 ? (in.size() > 1 ? in[1] : nullptr) : (in.size() > 2 ? in[2] : nullptr);
        const Tensor* sizesT = m_opset10 ? nullptr : (in.size() > 3 ? in[3] : nullptr);
        std::vector<double> scale(r, 1.0);
        std::vector<int64_t> yd(r);
        if (sizesT && sizesT->elementCount() > 0) {
            const auto sizes = asInts(*sizesT);
            if (sizes.size() != r)
                return "sizes has " + std::to_string(sizes.size()) + " values for rank " + std::to_string(r);
            for (size_t d = 0; d < r; ++d) {
                yd[d] = sizes[d];
                scale[d] = x.dims[d] ? static_cast<double>(sizes[d]) / static_cast<double>(x.dims[d]) : 1.0;
            }
        } else if (scalesT && scalesT->elementCount() > 0) {
            if (static_cast<size_t>(scalesT->elementCount()) != r || !scalesT->isFloat())
                return "scales must hold one float per axis";
            for (size_t d = 0; d < r; ++d) {
                scale[d] = scalesT->floats[d];
                if (!(scale[d] > 0))
                    return "scales must be positive";
                // Bounded before the conversion: a huge or infinite scale must not overflow int64.
                const double extent = std::floor(static_cast<double>(x.dims[d]) * scale[d]);
                if (!(extent <= static_cast<double>(maxTensorElements())))
                    return "scale " + std::to_string(scale[d]) + " on axis " + std::to_string(d) + " gives " +
                           std::to_string(extent) + " elements, over the limit of " + std::to_string(maxTensorElements());
                yd[d] = static_cast<int64_t>(extent);
            }
        } else {
            return "needs scales or sizes";
        }
        Tensor y = floatTensor(yd);
        if (y.floats.empty()) { // nothing to interpolate (and no index tables for a long empty axis)
            out[0] = std::move(y);
            return {};
        }
        std::vector<int64_t> stride(r, 1);
        for (size_t i = r; i-- > 1;)
            stride[i - 1] = stride[i] * x.dims[i];
        // Per axis and output coordinate: the two source indices and the weight of the second.
        std::vector<std::vector<int64_t>> lo(r), hi(r);
        std::vector<std::vector<double>> frac(r);
        for (size_t d = 0; d < r; ++d) {
            const int64_t len = x.dims[d];
            for (int64_t o = 0; o < yd[d]; ++o) {
                const double c = original(static_cast<double>(o), scale[d], len, yd[d]);
                if (m_linear) {
                    const double cc = std::clamp(c, 0.0, static_cast<double>(len - 1));
                    const auto i0 = static_cast<int64_t>(std::floor(cc));
                    lo[d].push_back(i0);
                    hi[d].push_back(std::min(i0 + 1, len - 1));
                    frac[d].push_back(cc - static_cast<double>(i0));
                } else {
                    const int64_t i = std::clamp<int64_t>(nearest(c), 0, len - 1);
                    lo[d].push_back(i);
                    hi[d].push_back(i);
                    frac[d].push_back(0.0);
                }
            }
        }
        const int64_t n = elementCount(yd);
        std::vector<int64_t> pos(r, 0);
        for (int64_t k = 0; k < n; ++k) {
            double acc = 0;
            const int corners = m_linear ? 1 << r : 1;
            for (int corner = 0; corner < corners; ++corner) {
                double wgt = 1;
                int64_t src = 0;
                for (size_t d = 0; d < r; ++d) {
                    const bool up = (corner >> d) & 1;
                    const double f = frac[d][static_cast<size_t>(pos[d])];
                    wgt *= up ? f : 1 - f;
                    src += (up ? hi[d] : lo[d])[static_cast<size_t>(pos[d])] * stride[d];
                }
                if (wgt != 0)
                    acc += wgt * x.floats[static_cast<size_t>(src)];
            }
            y.floats[static_cast<size_t>(k)] = static_cast<float>(acc);
            nextIndex(pos, yd);
        }
        out[0] = std::move(y);
        return {};
    }

private:
    double original(double o, double scale, int64_t len, int64_t outLen) const
    {
        if (m_coords == "half_pixel")
            return (o + 0.5) / scale - 0.5;
        if (m_coords == "pytorch_half_pixel")
            return outLen > 1 ? (o + 0.5) / scale - 0.5 : 0.0;
        if (m_coords == "align_corners") { // ONNX uses the unrounded resized length, in * scale
            const double resized = static_cast<double>(len) * scale;
            return resized <= 1 ? 0.0 : o * static_cast<double>(len - 1) / (resized - 1);
        }
        if (m_coords == "tf_half_pixel_for_nn")
            return (o + 0.5) / scale;
        return o / scale; // asymmetric
    }

    int64_t nearest(double c) const
    {
        if (m_nearest == "floor")
            return static_cast<int64_t>(std::floor(c));
        if (m_nearest == "ceil")
            return static_cast<int64_t>(std::ceil(c));
        const double f = c - std::floor(c);
        if (f == 0.5)
            return static_cast<int64_t>(m_nearest == "round_prefer_ceil" ? std::ceil(c) : std::floor(c));
        return static_cast<int64_t>(std::round(c));
    }

    bool m_linear;
    std::string m_coords, m_nearest;
    bool m_opset10;
};

} // namespace

Result<std::unique_ptr<Operator>> makeResize(const Node& node, int64_t opset)
{
    const std::string mode = stringAttribute(node, "mode", "nearest");
    if (mode != "nearest" && mode != "linear")
        return fail("Resize mode '" + mode + "' is not supported");
    if (opset < 11)
        return std::unique_ptr<Operator>(new ResizeOp(mode == "linear", "asymmetric", "floor", true));
    const std::string coords = stringAttribute(node, "coordinate_transformation_mode", "half_pixel");
    if (coords != "half_pixel" && coords != "pytorch_half_pixel" && coords != "align_corners" && coords != "asymmetric" &&
        coords != "tf_half_pixel_for_nn")
        return fail("coordinate_transformation_mode '" + coords + "' is not supported");
    const std::string nearest = stringAttribute(node, "nearest_mode", "round_prefer_floor");
    if (nearest != "round_prefer_floor" && nearest != "round_prefer_ceil" && nearest != "floor" && nearest != "ceil")
        return fail("nearest_mode '" + nearest + "' is not supported");
    if (opset >= 18)
        return fail("Resize-18 (antialias, axes) is not supported");
    return std::unique_ptr<Operator>(new ResizeOp(mode == "linear", coords, nearest, false));
}

} // namespace bitlens::engine

// Resize and Upsample: one separable kernel. Every resized axis is resampled on its own, the last
// axis first (ONNX's reference nests its 1-D interpolations the same way), and each output
// coordinate of an axis reads a short list of (input index, weight) taps; indices past an edge
// read the edge value (ONNX pads with 'edge').
//
// Upsample-7: X; scales is an attribute (one float >= 1 per axis); mode nearest or linear.
// Upsample-9: scales is the second input. Upsample is deprecated from opset 10 (refused there).
//   Upsample and Resize-10 use asymmetric coordinates (x / scale); nearest rounds down.
// Resize-10: X, scales; modes nearest and linear.
// Resize-11: X, roi, scales, sizes (one of scales and sizes). Adds mode cubic (cubic_coeff_a,
//   default -0.75; exclude_outside drops the taps outside the input and renormalises),
//   coordinate_transformation_mode half_pixel (default), pytorch_half_pixel, align_corners,
//   asymmetric, tf_half_pixel_for_nn and tf_crop_and_resize (the roi input [starts, ends] in
//   normalised coordinates; a sample outside the input is extrapolation_value), and nearest_mode
//   round_prefer_floor (default), round_prefer_ceil, floor, ceil.
// Resize-13: roi and scales may be omitted (empty names). Float16/bfloat16/double are computed in
//   float32; integer inputs are resized with mode nearest only (exact copies).
// Resize-18: antialias (linear and cubic stretch their filter by 1 / scale when downscaling),
//   axes (scales, sizes and roi name only these axes), keep_aspect_ratio_policy (stretch,
//   not_larger, not_smaller: with sizes, one scale for every named axis, sizes rounded half up).
// Resize-19: coordinate_transformation_mode half_pixel_symmetric.
// An output axis is floor(input * scale) long, or its entry of sizes (ONNX's reference and ONNX
// Runtime ignore roi there).
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <cmath>

namespace bitlens::engine {
namespace {

enum class Mode { Nearest, Linear, Cubic };

struct ResizeAttributes
{
    Mode mode = Mode::Nearest;
    std::string coords = "half_pixel", nearest = "round_prefer_floor", aspect = "stretch";
    double cubicA = -0.75, extrapolation = 0;
    bool excludeOutside = false, antialias = false;
    std::vector<int64_t> axes;   // empty: every axis
    std::vector<double> scales;  // Upsample-7's attribute
    int roiInput = -1, scalesInput = -1, sizesInput = -1;
    bool upsample = false;       // scales must be >= 1
};

// One axis' resampling: for output coordinate o, taps begin[o]..begin[o + 1] of index/weight, or
// the extrapolation value when outside[o] (tf_crop_and_resize).
struct AxisTaps
{
    std::vector<int64_t> begin, index;
    std::vector<double> weight;
    std::vector<char> outside;
    int64_t widest = 0;
};

double cubicWeight(double d, double a) // Keys' kernel of distance d
{
    d = std::fabs(d);
    if (d <= 1)
        return ((a + 2) * d - (a + 3)) * d * d + 1;
    if (d < 2)
        return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
    return 0;
}

class ResizeOp : public Operator
{
public:
    explicit ResizeOp(ResizeAttributes a) : m_a(std::move(a)) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (!x.isFloat() && (m_a.mode != Mode::Nearest || x.type == DataType::String))
            return "mode linear and cubic expect a float input, not " + std::string(dataTypeName(x.type));
        const size_t r = x.dims.size();
        std::vector<size_t> axes; // the axes that scales, sizes and roi describe
        if (m_a.axes.empty()) {
            for (size_t d = 0; d < r; ++d)
                axes.push_back(d);
        } else {
            std::vector<char> seen(r, 0);
            for (int64_t a : m_a.axes) {
                auto ax = normalizeAxis(a, r);
                if (!ax || seen[static_cast<size_t>(*ax)])
                    return "axes " + dimsText(m_a.axes) + " are out of range or repeated for rank " + std::to_string(r);
                seen[static_cast<size_t>(*ax)] = 1;
                axes.push_back(static_cast<size_t>(*ax));
            }
        }
        const size_t na = axes.size();
        std::vector<double> scale(r, 1.0);
        std::vector<int64_t> yd = x.dims;
        if (Status st = targetShape(in, x, axes, scale, yd); !st.empty())
            return st;
        std::vector<double> roiStart(r, 0.0), roiEnd(r, 1.0);
        if (m_a.coords == "tf_crop_and_resize") {
            const Tensor* roiT = optionalInput(in, m_a.roiInput);
            if (!roiT || !roiT->isFloat() || roiT->floats.size() != 2 * na)
                return "tf_crop_and_resize needs a float roi of " + std::to_string(2 * na) + " values";
            for (size_t i = 0; i < na; ++i) {
                roiStart[axes[i]] = roiT->floats[i];
                roiEnd[axes[i]] = roiT->floats[na + i];
            }
        }
        Tensor y;
        y.type = x.type;
        const int64_t count = checkedElementCount(yd);
        y.dims = yd;
        if (count == 0) {
            out[0] = std::move(y);
            return {};
        }
        // Resample axis by axis, the last first; an axis whose taps copy it is skipped. Integers
        // (mode nearest) are resampled as their indices, so that int64 values stay exact; -1 marks
        // an extrapolated element.
        std::vector<double> cur;
        if (x.isFloat()) {
            cur.assign(x.floats.begin(), x.floats.end());
        } else {
            cur.resize(x.ints.size());
            for (size_t i = 0; i < cur.size(); ++i)
                cur[i] = static_cast<double>(i);
        }
        const double fill = x.isFloat() ? m_a.extrapolation : -1.0;
        std::vector<int64_t> curDims = x.dims;
        for (size_t d = r; d-- > 0;) {
            AxisTaps taps;
            if (Status st = axisTaps(x.dims[d], yd[d], scale[d], roiStart[d], roiEnd[d], taps); !st.empty())
                return "axis " + std::to_string(d) + ": " + st;
            if (isIdentity(taps, x.dims[d], yd[d]))
                continue;
            std::vector<int64_t> nextDims = curDims;
            nextDims[d] = yd[d];
            const int64_t nextCount = checkedElementCount(nextDims); // bounds the products below
            int64_t outer = 1, inner = 1;
            for (size_t k = 0; k < d; ++k)
                outer *= curDims[k];
            for (size_t k = d + 1; k < r; ++k)
                inner *= curDims[k];
            checkWork({outer, yd[d], std::max<int64_t>(taps.widest, 1), inner});
            std::vector<double> next(static_cast<size_t>(nextCount), 0.0);
            const int64_t len = curDims[d];
            for (int64_t o = 0; o < outer; ++o)
                for (int64_t k = 0; k < yd[d]; ++k) {
                    double* dst = next.data() + (o * yd[d] + k) * inner;
                    if (taps.outside[static_cast<size_t>(k)]) {
                        std::fill(dst, dst + inner, fill);
                        continue;
                    }
                    for (int64_t t = taps.begin[static_cast<size_t>(k)]; t < taps.begin[static_cast<size_t>(k) + 1]; ++t) {
                        const double w = taps.weight[static_cast<size_t>(t)];
                        const double* src = cur.data() + (o * len + taps.index[static_cast<size_t>(t)]) * inner;
                        for (int64_t i = 0; i < inner; ++i)
                            dst[i] += w * src[i];
                    }
                }
            cur = std::move(next);
            curDims = std::move(nextDims);
        }
        if (y.isFloat()) {
            y.floats.resize(static_cast<size_t>(count));
            std::transform(cur.begin(), cur.end(), y.floats.begin(), [](double v) { return static_cast<float>(v); });
        } else {
            // extrapolation_value, bounded before the conversion, in the input's integer type
            const double e = std::clamp(std::isnan(m_a.extrapolation) ? 0.0 : m_a.extrapolation, -9.2e18, 9.2e18);
            const int64_t extrapolated = wrapToType(static_cast<int64_t>(e), x.type);
            y.ints.resize(static_cast<size_t>(count));
            for (size_t i = 0; i < y.ints.size(); ++i)
                y.ints[i] = cur[i] < 0 ? extrapolated : x.ints[static_cast<size_t>(cur[i])];
        }
        out[0] = std::move(y);
        return {};
    }

private:
    // Input i, or null when it is omitted or empty (Resize-13 passes an empty roi or scales).
    static const Tensor* optionalInput(std::span<const Tensor* const> in, int i)
    {
        if (i < 0 || static_cast<size_t>(i) >= in.size())
            return nullptr;
        const Tensor* t = in[static_cast<size_t>(i)];
        return t && t->elementCount() > 0 ? t : nullptr;
    }

    // Each axis' scale and output length from sizes (with keep_aspect_ratio_policy) or scales.
    Status targetShape(std::span<const Tensor* const> in, const Tensor& x, const std::vector<size_t>& axes,
                       std::vector<double>& scale, std::vector<int64_t>& yd) const
    {
        const size_t na = axes.size();
        const Tensor* sizesT = optionalInput(in, m_a.sizesInput);
        const Tensor* scalesT = optionalInput(in, m_a.scalesInput);
        if (sizesT && scalesT)
            return "takes scales or sizes, not both";
        if (sizesT) {
            const auto sizes = asInts(*sizesT);
            if (sizes.size() != na)
                return "sizes has " + std::to_string(sizes.size()) + " values for " + std::to_string(na) + " axes";
            for (size_t i = 0; i < na; ++i) {
                const size_t d = axes[i];
                if (sizes[i] < 0 || (x.dims[d] == 0 && sizes[i] != 0))
                    return "sizes " + dimsText(sizes) + " do not fit the input " + dimsText(x.dims);
                yd[d] = sizes[i];
                scale[d] = x.dims[d] ? static_cast<double>(sizes[i]) / static_cast<double>(x.dims[d]) : 1.0;
            }
            if (m_a.aspect != "stretch" && na > 0) { // one scale for every named axis, rounded half up
                double s = scale[axes[0]];
                for (size_t d : axes)
                    s = m_a.aspect == "not_larger" ? std::min(s, scale[d]) : std::max(s, scale[d]);
                for (size_t d : axes) {
                    const double extent = std::floor(s * static_cast<double>(x.dims[d]) + 0.5);
                    if (!(extent <= static_cast<double>(maxTensorElements())))
                        return "keep_aspect_ratio_policy gives an axis of " + std::to_string(extent) + " elements";
                    scale[d] = s;
                    yd[d] = static_cast<int64_t>(extent);
                }
            }
            return {};
        }
        std::vector<double> given = m_a.scales;
        if (scalesT) {
            if (!scalesT->isFloat())
                return "scales must be float";
            given.assign(scalesT->floats.begin(), scalesT->floats.end());
        }
        if (given.empty())
            return "needs scales or sizes";
        if (given.size() != na)
            return "scales has " + std::to_string(given.size()) + " values for " + std::to_string(na) + " axes";
        for (size_t i = 0; i < na; ++i) {
            const size_t d = axes[i];
            if (!(given[i] > 0) || (m_a.upsample && !(given[i] >= 1)))
                return "scale " + std::to_string(given[i]) + " must be " + (m_a.upsample ? "at least 1" : "positive");
            // Bounded before the conversion: a huge or infinite scale must not overflow int64.
            const double extent = std::floor(static_cast<double>(x.dims[d]) * given[i]);
            if (!(extent <= static_cast<double>(maxTensorElements())))
                return "scale " + std::to_string(given[i]) + " on axis " + std::to_string(d) + " gives " +
                       std::to_string(extent) + " elements, over the limit of " + std::to_string(maxTensorElements());
            scale[d] = given[i];
            yd[d] = static_cast<int64_t>(extent);
        }
        return {};
    }

    // The input coordinate of output coordinate o (ONNX's coordinate_transformation_mode).
    double original(double o, double scale, int64_t len, int64_t outLen, double roiStart, double roiEnd) const
    {
        const double in = static_cast<double>(len), resized = in * scale; // unrounded output length
        const std::string& c = m_a.coords;
        if (c == "half_pixel")
            return (o + 0.5) / scale - 0.5;
        if (c == "pytorch_half_pixel")
            return outLen > 1 ? (o + 0.5) / scale - 0.5 : -0.5;
        if (c == "align_corners")
            return resized == 1 ? 0.0 : o * (in - 1) / (resized - 1);
        if (c == "tf_half_pixel_for_nn")
            return (o + 0.5) / scale;
        if (c == "tf_crop_and_resize")
            return (outLen > 1 ? o * (roiEnd - roiStart) * (in - 1) / static_cast<double>(outLen - 1)
                               : (roiEnd - roiStart) * (in - 1) / 2) +
                   roiStart * (in - 1);
        if (c == "half_pixel_symmetric") { // the centre of the input maps to the centre of the output
            const double offset = in / 2 * (1 - static_cast<double>(outLen) / resized);
            return offset + (o + 0.5) / scale - 0.5;
        }
        return o / scale; // asymmetric
    }

    int64_t nearest(double c) const
    {
        if (m_a.nearest == "floor")
            return static_cast<int64_t>(std::floor(c));
        if (m_a.nearest == "ceil")
            return static_cast<int64_t>(std::ceil(c));
        if (c - std::floor(c) == 0.5)
            return static_cast<int64_t>(m_a.nearest == "round_prefer_ceil" ? std::ceil(c) : std::floor(c));
        return static_cast<int64_t>(std::round(c));
    }

    Status axisTaps(int64_t len, int64_t outLen, double scale, double roiStart, double roiEnd, AxisTaps& t) const
    {
        // Filter support in taps: 1 (nearest), 2 (linear), 4 (cubic); antialias widens it by 1 / scale.
        const double s = m_a.antialias ? std::min(scale, 1.0) : 1.0;
        double start = 0; // offset of the first tap from ceil(x) - 1
        if (m_a.mode == Mode::Linear)
            start = m_a.antialias ? std::floor(-1 / s) + 1 : 0;
        else if (m_a.mode == Mode::Cubic)
            start = m_a.antialias ? std::floor(-2 / s) + 1 : -1;
        const double width = m_a.mode == Mode::Nearest ? 1 : 2 - 2 * start;
        if (!(width <= static_cast<double>(maxTensorElements()) / static_cast<double>(std::max<int64_t>(outLen, 1))))
            return "the filter of scale " + std::to_string(scale) + " is too wide";
        const auto n = static_cast<int64_t>(width), first = static_cast<int64_t>(start);
        checkWork({outLen, n});
        t.widest = n;
        t.begin.push_back(0);
        const double limit = static_cast<double>(len) + static_cast<double>(n) + 2; // beyond it, all taps are edges
        std::vector<double> w(static_cast<size_t>(n));
        for (int64_t o = 0; o < outLen; ++o) {
            double c = original(static_cast<double>(o), scale, len, outLen, roiStart, roiEnd);
            if (std::isnan(c))
                return "a coordinate is not a number";
            const bool outside = m_a.coords == "tf_crop_and_resize" && (c < 0 || c > static_cast<double>(len - 1));
            t.outside.push_back(outside);
            if (outside) {
                t.begin.push_back(static_cast<int64_t>(t.index.size()));
                continue;
            }
            c = std::clamp(c, -limit, limit);
            if (m_a.mode == Mode::Nearest) {
                t.index.push_back(std::clamp<int64_t>(nearest(c), 0, len - 1));
                t.weight.push_back(1.0);
                t.begin.push_back(static_cast<int64_t>(t.index.size()));
                continue;
            }
            // The taps are ceil(c) - 1 + first + k; ratio in (0, 1] is c's distance from ceil(c) - 1.
            const double base = std::ceil(c) - 1, ratio = c - base;
            double sum = 0;
            for (int64_t k = 0; k < n; ++k) {
                const double dist = (ratio - static_cast<double>(first + k)) * s;
                w[static_cast<size_t>(k)] = m_a.mode == Mode::Linear ? std::clamp(1 - std::fabs(dist), 0.0, 1.0)
                                                                     : cubicWeight(dist, m_a.cubicA);
                sum += w[static_cast<size_t>(k)];
            }
            if (m_a.antialias && sum != 0) // the stretched filter is normalised to keep the mean
                for (double& v : w)
                    v /= sum;
            if (m_a.excludeOutside) {
                sum = 0;
                for (int64_t k = 0; k < n; ++k) {
                    const double i = base + static_cast<double>(first + k);
                    if (i < 0 || i >= static_cast<double>(len))
                        w[static_cast<size_t>(k)] = 0;
                    sum += w[static_cast<size_t>(k)];
                }
                if (sum != 0)
                    for (double& v : w)
                        v /= sum;
            }
            for (int64_t k = 0; k < n; ++k) {
                if (w[static_cast<size_t>(k)] == 0)
                    continue;
                const auto i = static_cast<int64_t>(base) + first + k;
                t.index.push_back(std::clamp<int64_t>(i, 0, len - 1));
                t.weight.push_back(w[static_cast<size_t>(k)]);
            }
            t.begin.push_back(static_cast<int64_t>(t.index.size()));
        }
        return {};
    }

    static bool isIdentity(const AxisTaps& t, int64_t len, int64_t outLen)
    {
        if (len != outLen)
            return false;
        for (int64_t o = 0; o < outLen; ++o) {
            const auto b = static_cast<size_t>(t.begin[static_cast<size_t>(o)]);
            if (t.outside[static_cast<size_t>(o)] || t.begin[static_cast<size_t>(o) + 1] != static_cast<int64_t>(b) + 1 ||
                t.index[b] != o || t.weight[b] != 1.0)
                return false;
        }
        return true;
    }

    ResizeAttributes m_a;
};

} // namespace

Result<std::unique_ptr<Operator>> makeResize(const Node& node, int64_t opset)
{
    ResizeAttributes a;
    const bool upsample = node.opType == "Upsample";
    const std::string mode = stringAttribute(node, "mode", "nearest");
    if (mode == "linear")
        a.mode = Mode::Linear;
    else if (mode == "cubic" && !upsample && opset >= 11)
        a.mode = Mode::Cubic;
    else if (mode != "nearest")
        return fail(node.opType + " mode '" + mode + "' is not supported");
    if (upsample || opset < 11) { // asymmetric coordinates, nearest rounds down
        a.coords = "asymmetric";
        a.nearest = "floor";
        if (upsample) {
            if (opset >= 10)
                return fail("Upsample is deprecated from opset 10 (Resize replaces it); opset " + std::to_string(opset) +
                            " is not supported");
            a.upsample = true;
            if (opset < 9) {
                const Attribute* s = node.attribute("scales");
                if (!s || s->kind != Attribute::Kind::Floats || s->floats.empty())
                    return fail("Upsample-7 needs the scales attribute");
                a.scales = s->floats;
            } else {
                a.scalesInput = 1;
            }
        } else {
            a.scalesInput = 1;
        }
        return std::unique_ptr<Operator>(new ResizeOp(std::move(a)));
    }
    a.roiInput = 1;
    a.scalesInput = 2;
    a.sizesInput = 3;
    a.coords = stringAttribute(node, "coordinate_transformation_mode", "half_pixel");
    const std::vector<std::string> coords{"half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric",
                                          "tf_half_pixel_for_nn", "tf_crop_and_resize"};
    if (std::find(coords.begin(), coords.end(), a.coords) == coords.end() &&
        !(a.coords == "half_pixel_symmetric" && opset >= 19))
        return fail("coordinate_transformation_mode '" + a.coords + "' is not supported");
    a.nearest = stringAttribute(node, "nearest_mode", "round_prefer_floor");
    if (a.nearest != "round_prefer_floor" && a.nearest != "round_prefer_ceil" && a.nearest != "floor" && a.nearest != "ceil")
        return fail("nearest_mode '" + a.nearest + "' is not supported");
    a.cubicA = node.floatAttribute("cubic_coeff_a", -0.75);
    a.extrapolation = node.floatAttribute("extrapolation_value", 0.0);
    if (!std::isfinite(a.cubicA))
        return fail("cubic_coeff_a " + std::to_string(a.cubicA) + " is not finite");
    a.excludeOutside = node.intAttribute("exclude_outside", 0) != 0;
    if (opset >= 18) {
        a.antialias = node.intAttribute("antialias", 0) != 0 && a.mode != Mode::Nearest; // nearest has no filter
        a.axes = intsAttribute(node, "axes");
        a.aspect = stringAttribute(node, "keep_aspect_ratio_policy", "stretch");
        if (a.aspect != "stretch" && a.aspect != "not_larger" && a.aspect != "not_smaller")
            return fail("keep_aspect_ratio_policy '" + a.aspect + "' is not supported");
    }
    return std::unique_ptr<Operator>(new ResizeOp(std::move(a)));
}

} // namespace bitlens::engine

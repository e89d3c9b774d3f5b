#include "conv_geometry.h"

#include <algorithm>
#include <tuple>

namespace bitlens::engine {

Result<int64_t> readConvGroup(const Node& node)
{
    const int64_t group = node.intAttribute("group", 1);
    if (group < 1 || group > (int64_t{1} << 31) - 1)
        return fail("group " + std::to_string(group) + " must be 1.." + std::to_string((int64_t{1} << 31) - 1));
    return group;
}

Result<ConvAttributes> ConvAttributes::read(const Node& node)
{
    ConvAttributes a;
    a.autoPad = stringAttribute(node, "auto_pad", "NOTSET");
    if (a.autoPad != "NOTSET" && a.autoPad != "SAME_UPPER" && a.autoPad != "SAME_LOWER" && a.autoPad != "VALID")
        return fail("unknown auto_pad '" + a.autoPad + "'");
    a.kernelShape = intsAttribute(node, "kernel_shape");
    a.strides = intsAttribute(node, "strides");
    a.pads = intsAttribute(node, "pads");
    a.dilations = intsAttribute(node, "dilations");
    a.ceilMode = node.intAttribute("ceil_mode", 0) != 0;
    // Checked once, when the session is built: every later size computation stays far from
    // int64 overflow (2^31 * 2^31 fits), and a hostile value is named with the node.
    constexpr int64_t kMax = (int64_t{1} << 31) - 1;
    for (const auto& [name, values, lo] : {std::tuple{"kernel_shape", &a.kernelShape, int64_t{1}},
                                           std::tuple{"strides", &a.strides, int64_t{1}},
                                           std::tuple{"dilations", &a.dilations, int64_t{1}},
                                           std::tuple{"pads", &a.pads, int64_t{0}}})
        for (int64_t v : *values)
            if (v < lo || v > kMax)
                return fail(std::string(name) + " " + dimsText(*values) + ": every value must be " + std::to_string(lo) +
                            ".." + std::to_string(kMax));
    if (a.pads.size() % 2 != 0)
        return fail("pads " + dimsText(a.pads) + " has an odd number of values (a begin and an end per axis)");
    return a;
}

Result<ConvGeometry> ConvGeometry::make(const ConvAttributes& a, const std::vector<int64_t>& spatial,
                                        const std::vector<int64_t>& kernel, bool pooling)
{
    ConvGeometry g;
    const size_t r = spatial.size();
    g.in = spatial;
    g.kernel = kernel;
    if (!a.kernelShape.empty() && a.kernelShape != kernel && !(pooling && kernel.empty()))
        return fail("kernel_shape " + dimsText(a.kernelShape) + " differs from the weights' " + dimsText(kernel));
    if (g.kernel.size() != r)
        return fail("kernel rank " + std::to_string(g.kernel.size()) + " for " + std::to_string(r) + " spatial axes");
    g.stride = a.strides.empty() ? std::vector<int64_t>(r, 1) : a.strides;
    g.dilation = a.dilations.empty() ? std::vector<int64_t>(r, 1) : a.dilations;
    std::vector<int64_t> pads = a.pads.empty() ? std::vector<int64_t>(2 * r, 0) : a.pads;
    if (g.stride.size() != r || g.dilation.size() != r || pads.size() != 2 * r)
        return fail("strides, dilations or pads do not match " + std::to_string(r) + " spatial axes");
    g.padBegin.assign(pads.begin(), pads.begin() + static_cast<std::ptrdiff_t>(r));
    g.padEnd.assign(pads.begin() + static_cast<std::ptrdiff_t>(r), pads.end());
    g.out.resize(r);
    int64_t paddedElements = 1; // the zero-padded input plane im2col builds, bounded like a tensor
    for (size_t i = 0; i < r; ++i) {
        if (g.stride[i] < 1 || g.dilation[i] < 1 || g.kernel[i] < 1 || g.padBegin[i] < 0 || g.padEnd[i] < 0)
            return fail("kernel, strides and dilations must be positive and pads non-negative");
        const int64_t span = g.dilation[i] * (g.kernel[i] - 1) + 1;
        if (a.autoPad == "SAME_UPPER" || a.autoPad == "SAME_LOWER") {
            g.out[i] = (g.in[i] + g.stride[i] - 1) / g.stride[i];
            const int64_t total = std::max<int64_t>(0, (g.out[i] - 1) * g.stride[i] + span - g.in[i]);
            g.padBegin[i] = a.autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
            g.padEnd[i] = total - g.padBegin[i];
            continue;
        }
        if (a.autoPad == "VALID")
            g.padBegin[i] = g.padEnd[i] = 0;
        if (g.in[i] > maxTensorElements())
            return fail("input extent " + std::to_string(g.in[i]) + " is over the limit of " + std::to_string(maxTensorElements()));
        const int64_t padded = g.in[i] + g.padBegin[i] + g.padEnd[i] - span;
        if (__builtin_mul_overflow(paddedElements, g.in[i] + g.padBegin[i] + g.padEnd[i], &paddedElements) ||
            paddedElements > maxTensorElements())
            return fail("pads " + dimsText(a.pads) + " make a padded input over the limit of " +
                        std::to_string(maxTensorElements()) + " elements");
        if (padded < 0)
            return fail("the kernel is larger than the padded input");
        if (pooling && a.ceilMode) {
            g.out[i] = (padded + g.stride[i] - 1) / g.stride[i] + 1;
            // The last window must start inside the input or its left padding.
            if ((g.out[i] - 1) * g.stride[i] >= g.in[i] + g.padBegin[i])
                --g.out[i];
        } else {
            g.out[i] = padded / g.stride[i] + 1;
        }
    }
    return g;
}

bool ConvGeometry::isIdentityWindow() const
{
    for (size_t i = 0; i < in.size(); ++i)
        if (kernel[i] != 1 || stride[i] != 1 || padBegin[i] != 0 || padEnd[i] != 0)
            return false;
    return true;
}

// The common 2-D case. Each channel is copied once into a zero-padded plane, so every output row
// of every tap is a plain (strided) copy with no bounds checks. Rows are short (7 to 28 floats),
// so the copies stay loops: as memcpy/memset calls, the call overhead dominated.
__attribute__((optimize("no-tree-loop-distribute-patterns"))) void ConvGeometry::im2col2d(
    const float* src, int64_t channels, float* cols) const
{
    const int64_t ih = in[0], iw = in[1], oh = out[0], ow = out[1], kh = kernel[0], kw = kernel[1];
    const int64_t sy = stride[0], sx = stride[1], dy = dilation[0], dx = dilation[1], py = padBegin[0], px = padBegin[1];
    const int64_t ph = std::max(ih + py, (oh - 1) * sy + (kh - 1) * dy + 1);
    const int64_t pw = std::max(iw + px, (ow - 1) * sx + (kw - 1) * dx + 1);
    const int64_t outSize = oh * ow;
    thread_local std::vector<float> plane;
    plane.assign(static_cast<size_t>(ph * pw), 0.0f); // the border stays zero for every channel
    for (int64_t ch = 0; ch < channels; ++ch) {
        const float* s = src + ch * ih * iw;
        for (int64_t yy = 0; yy < ih; ++yy) {
            float* d = plane.data() + (yy + py) * pw + px;
            for (int64_t xx = 0; xx < iw; ++xx)
                d[xx] = s[yy * iw + xx];
        }
        for (int64_t ky = 0; ky < kh; ++ky)
            for (int64_t kx = 0; kx < kw; ++kx) {
                float* row = cols + ((ch * kh + ky) * kw + kx) * outSize;
                for (int64_t oy = 0; oy < oh; ++oy) {
                    const float* line = plane.data() + (oy * sy + ky * dy) * pw + kx * dx;
                    float* d = row + oy * ow;
                    if (sx == 1)
                        for (int64_t ox = 0; ox < ow; ++ox)
                            d[ox] = line[ox];
                    else
                        for (int64_t ox = 0; ox < ow; ++ox)
                            d[ox] = line[ox * sx];
                }
            }
    }
}

void ConvGeometry::im2col(const float* src, int64_t channels, float* cols) const
{
    const size_t r = in.size();
    const int64_t inSize = elementCount(in), outSize = elementCount(out), kSize = elementCount(kernel);
    if (r == 2) {
        im2col2d(src, channels, cols);
        return;
    }
    std::vector<int64_t> kpos(r), opos(r);
    for (int64_t ch = 0; ch < channels; ++ch)
        for (int64_t k = 0; k < kSize; ++k) {
            int64_t rem = k;
            for (size_t d = r; d-- > 0;) {
                kpos[d] = rem % kernel[d];
                rem /= kernel[d];
            }
            float* row = cols + (ch * kSize + k) * outSize;
            std::fill(opos.begin(), opos.end(), 0); // stepped, not divided out per element
            for (int64_t o = 0; o < outSize; ++o) {
                int64_t offset = 0;
                bool inside = true;
                for (size_t d = 0; d < r && inside; ++d) {
                    const int64_t p = opos[d] * stride[d] - padBegin[d] + kpos[d] * dilation[d];
                    inside = p >= 0 && p < in[d];
                    offset = offset * in[d] + p;
                }
                row[o] = inside ? src[ch * inSize + offset] : 0.0f;
                nextIndex(opos, out);
            }
        }
}

} // namespace bitlens::engine

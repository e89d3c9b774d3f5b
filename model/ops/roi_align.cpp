// RoiAlign (Mask R-CNN): for each region rois[k] = (x1, y1, x2, y2) of image batch_indices[k] of X
// [N, C, H, W], Y[k, c] is an output_height x output_width grid of bins; each bin samples a
// sampling_ratio x sampling_ratio grid of points (0: ceil(bin size) points per axis) bilinearly
// and takes their mean (mode avg) or their maximum (mode max: the largest of the four weighted
// corner values of each point, as ONNX Runtime and ONNX's reference compute it). Coordinates are
// multiplied by spatial_scale. Points more than one pixel outside X read 0.
// Opset 10: rois are taken as they are and a region is at least 1 x 1 (what opset 16 calls
// coordinate_transformation_mode output_half_pixel).
// Opset 16: coordinate_transformation_mode half_pixel (default) shifts the region by -0.5 pixel
// and keeps its size, however small.
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <cmath>

namespace bitlens::engine {
namespace {

// A sampling point's four corners, as offsets into an (n, c) plane, and their bilinear weights.
struct Sample
{
    int64_t pos[4] = {0, 0, 0, 0};
    double weight[4] = {0, 0, 0, 0};
};

class RoiAlignOp : public Operator
{
public:
    RoiAlignOp(bool max, bool halfPixel, int64_t height, int64_t width, int64_t samplingRatio, double spatialScale)
        : m_max(max), m_halfPixel(halfPixel), m_height(height), m_width(width), m_ratio(samplingRatio),
          m_scale(spatialScale) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 3 || !in[0] || !in[1] || !in[2] || !in[0]->isFloat() || !in[1]->isFloat() || in[2]->isFloat())
            return "expects a float X, float rois and integer batch_indices";
        const Tensor &x = *in[0], &rois = *in[1], &batch = *in[2];
        if (x.dims.size() != 4)
            return "expects X [N, C, H, W], got " + dimsText(x.dims);
        if (rois.dims.size() != 2 || rois.dims[1] != 4 || batch.dims.size() != 1 || batch.dims[0] != rois.dims[0] ||
            static_cast<int64_t>(batch.ints.size()) != rois.dims[0])
            return "expects rois [num_rois, 4] and batch_indices [num_rois], got " + dimsText(rois.dims) + " and " +
                   dimsText(batch.dims);
        const int64_t count = rois.dims[0], channels = x.dims[1], h = x.dims[2], w = x.dims[3];
        Tensor y = floatTensor({count, channels, m_height, m_width});
        y.type = x.type;
        if (y.floats.empty()) {
            out[0] = std::move(y);
            return {};
        }
        if (h == 0 || w == 0)
            return "X " + dimsText(x.dims) + " has no pixels to sample";
        const int64_t bins = m_height * m_width;
        std::vector<Sample> samples;
        for (int64_t k = 0; k < count; ++k) {
            const int64_t b = batch.ints[static_cast<size_t>(k)];
            if (b < 0 || b >= x.dims[0])
                return "batch index " + std::to_string(b) + " is outside 0.." + std::to_string(x.dims[0] - 1);
            const float* roi = rois.floats.data() + 4 * k;
            const double offset = m_halfPixel ? 0.5 : 0.0;
            const double startW = roi[0] * m_scale - offset, startH = roi[1] * m_scale - offset;
            double roiW = roi[2] * m_scale - offset - startW, roiH = roi[3] * m_scale - offset - startH;
            if (!m_halfPixel) { // malformed regions become 1 x 1
                roiW = std::max(roiW, 1.0);
                roiH = std::max(roiH, 1.0);
            }
            const double binH = roiH / static_cast<double>(m_height), binW = roiW / static_cast<double>(m_width);
            // Points per bin and axis, bounded before the conversion (a NaN or huge region is refused).
            const double gridH = m_ratio > 0 ? static_cast<double>(m_ratio) : std::ceil(binH);
            const double gridW = m_ratio > 0 ? static_cast<double>(m_ratio) : std::ceil(binW);
            const double limit = static_cast<double>(maxTensorElements());
            if (!(gridH <= limit && gridW <= limit))
                return "region " + std::to_string(k) + " asks for " + std::to_string(gridH) + " x " + std::to_string(gridW) +
                       " points per bin";
            const int64_t gh = std::max<int64_t>(static_cast<int64_t>(std::max(gridH, 0.0)), 0);
            const int64_t gw = std::max<int64_t>(static_cast<int64_t>(std::max(gridW, 0.0)), 0);
            checkWork({channels, bins, gh, gw, 4});
            samples.resize(static_cast<size_t>(checkedElementCount({bins, gh, gw})));
            size_t s = 0;
            for (int64_t ph = 0; ph < m_height; ++ph)
                for (int64_t pw = 0; pw < m_width; ++pw)
                    for (int64_t iy = 0; iy < gh; ++iy) {
                        const double yy = startH + static_cast<double>(ph) * binH +
                                          (static_cast<double>(iy) + 0.5) * binH / static_cast<double>(gh);
                        for (int64_t ix = 0; ix < gw; ++ix) {
                            const double xx = startW + static_cast<double>(pw) * binW +
                                              (static_cast<double>(ix) + 0.5) * binW / static_cast<double>(gw);
                            samples[s++] = sample(yy, xx, h, w);
                        }
                    }
            const double perBin = static_cast<double>(std::max<int64_t>(gh * gw, 1));
            for (int64_t c = 0; c < channels; ++c) {
                const float* src = x.floats.data() + (b * channels + c) * h * w;
                float* dst = y.floats.data() + (k * channels + c) * bins;
                const Sample* sp = samples.data();
                for (int64_t bin = 0; bin < bins; ++bin) {
                    double v = 0;
                    for (int64_t i = 0; i < gh * gw; ++i, ++sp) {
                        double point = m_max ? sp->weight[0] * src[sp->pos[0]] : 0.0;
                        for (int j = 0; j < 4; ++j) {
                            const double term = sp->weight[j] * src[sp->pos[j]];
                            point = m_max ? std::max(point, term) : point + term;
                        }
                        v = m_max ? (i == 0 ? point : std::max(v, point)) : v + point;
                    }
                    dst[bin] = static_cast<float>(m_max ? v : v / perBin);
                }
            }
        }
        out[0] = std::move(y);
        return {};
    }

private:
    // Bilinear weights of point (yy, xx); outside by more than a pixel: all weights 0.
    static Sample sample(double yy, double xx, int64_t h, int64_t w)
    {
        Sample s;
        if (!(yy >= -1.0 && yy <= static_cast<double>(h) && xx >= -1.0 && xx <= static_cast<double>(w)))
            return s;
        yy = std::max(yy, 0.0);
        xx = std::max(xx, 0.0);
        auto yLow = static_cast<int64_t>(yy), xLow = static_cast<int64_t>(xx), yHigh = yLow + 1, xHigh = xLow + 1;
        if (yLow >= h - 1) {
            yHigh = yLow = h - 1;
            yy = static_cast<double>(yLow);
        }
        if (xLow >= w - 1) {
            xHigh = xLow = w - 1;
            xx = static_cast<double>(xLow);
        }
        const double ly = yy - static_cast<double>(yLow), lx = xx - static_cast<double>(xLow), hy = 1 - ly, hx = 1 - lx;
        s.pos[0] = yLow * w + xLow;
        s.pos[1] = yLow * w + xHigh;
        s.pos[2] = yHigh * w + xLow;
        s.pos[3] = yHigh * w + xHigh;
        s.weight[0] = hy * hx;
        s.weight[1] = hy * lx;
        s.weight[2] = ly * hx;
        s.weight[3] = ly * lx;
        return s;
    }

    bool m_max, m_halfPixel;
    int64_t m_height, m_width, m_ratio;
    double m_scale;
};

} // namespace

Result<std::unique_ptr<Operator>> makeRoiAlign(const Node& node, int64_t opset)
{
    const std::string mode = stringAttribute(node, "mode", "avg");
    if (mode != "avg" && mode != "max")
        return fail("RoiAlign mode '" + mode + "' is not supported");
    const std::string coords = opset >= 16 ? stringAttribute(node, "coordinate_transformation_mode", "half_pixel")
                                           : std::string("output_half_pixel");
    if (coords != "half_pixel" && coords != "output_half_pixel")
        return fail("coordinate_transformation_mode '" + coords + "' is not supported");
    const int64_t height = node.intAttribute("output_height", 1), width = node.intAttribute("output_width", 1);
    const int64_t ratio = node.intAttribute("sampling_ratio", 0);
    const double scale = node.floatAttribute("spatial_scale", 1.0);
    if (height < 1 || width < 1 || height > maxTensorElements() || width > maxTensorElements() || ratio < 0 ||
        ratio > maxTensorElements() || !std::isfinite(scale))
        return fail("output_height " + std::to_string(height) + ", output_width " + std::to_string(width) +
                    ", sampling_ratio " + std::to_string(ratio) + " or spatial_scale " + std::to_string(scale) +
                    " is out of range");
    return std::unique_ptr<Operator>(new RoiAlignOp(mode == "max", coords == "half_pixel", height, width, ratio, scale));
}

} // namespace bitlens::engine

// NonMaxSuppression (opset 10, 11 the same arithmetic): for every batch and class, greedy
// selection of boxes by descending score (equal scores: lower index first), dropping a box whose
// intersection over union with an already selected box of that class is above iou_threshold,
// until max_output_boxes_per_class are selected. Boxes [batches, spatial, 4] are corners
// [y1, x1, y2, x2] in any order (center_point_box=0) or [x_centre, y_centre, width, height]
// (center_point_box=1); scores [batches, classes, spatial]. Optional one-element inputs:
// max_output_boxes_per_class (int64, default 0: nothing selected), iou_threshold (default 0, in
// [0, 1]), score_threshold (boxes scoring at most it are dropped; absent: none are). Output int64
// [selected, 3] rows of (batch, class, box), in batch, class, selection order. Boxes with no area
// overlap nothing; NaN scores are dropped. As ONNX Runtime does.
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bitlens::engine {
namespace {

struct Box
{
    float y1, x1, y2, x2; // y1 <= y2, x1 <= x2
};

float area(const Box& b) { return (b.y2 - b.y1) * (b.x2 - b.x1); }

bool overlapsTooMuch(const Box& a, const Box& b, float threshold)
{
    const float h = std::min(a.y2, b.y2) - std::max(a.y1, b.y1);
    const float w = std::min(a.x2, b.x2) - std::max(a.x1, b.x1);
    if (!(h > 0.0f && w > 0.0f))
        return false;
    const float intersection = h * w, areaA = area(a), areaB = area(b);
    const float unionArea = areaA + areaB - intersection;
    if (!(areaA > 0.0f && areaB > 0.0f && unionArea > 0.0f))
        return false;
    return intersection / unionArea > threshold;
}

class NonMaxSuppressionOp : public Operator
{
public:
    explicit NonMaxSuppressionOp(bool centrePoint) : m_centrePoint(centrePoint) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 2 || !in[0] || !in[1])
            return "expects boxes and scores";
        const Tensor& boxes = *in[0];
        const Tensor& scores = *in[1];
        if (!boxes.isFloat() || !scores.isFloat())
            return "boxes and scores must be float tensors";
        if (boxes.dims.size() != 3 || boxes.dims[2] != 4 || scores.dims.size() != 3 ||
            scores.dims[0] != boxes.dims[0] || scores.dims[2] != boxes.dims[1])
            return "boxes " + dimsText(boxes.dims) + " and scores " + dimsText(scores.dims) +
                   " must be [batches, spatial, 4] and [batches, classes, spatial]";
        int64_t maxOutput = 0;
        float iouThreshold = 0.0f, scoreThreshold = 0.0f;
        const bool hasScoreThreshold = in.size() > 4 && in[4];
        if (in.size() > 2 && in[2]) {
            if (in[2]->isFloat() || in[2]->elementCount() != 1)
                return "max_output_boxes_per_class must be a one-element integer tensor";
            maxOutput = std::max<int64_t>(in[2]->ints[0], 0);
        }
        for (size_t i : {size_t{3}, size_t{4}})
            if (in.size() > i && in[i] && (!in[i]->isFloat() || in[i]->elementCount() != 1))
                return std::string(i == 3 ? "iou_threshold" : "score_threshold") +
                       " must be a one-element float tensor";
        if (in.size() > 3 && in[3])
            iouThreshold = in[3]->floats[0];
        if (!(iouThreshold >= 0.0f && iouThreshold <= 1.0f))
            return "iou_threshold " + std::to_string(iouThreshold) + " is outside [0, 1]";
        if (hasScoreThreshold)
            scoreThreshold = in[4]->floats[0];

        const int64_t batches = boxes.dims[0], spatial = boxes.dims[1], classes = scores.dims[1];
        const int64_t perClass = std::min(maxOutput, spatial);
        checkWork({batches, classes, spatial, std::max<int64_t>(perClass, 1)});
        std::vector<Box> box(static_cast<size_t>(spatial));
        std::vector<int64_t> order, kept, selected; // selected: (batch, class, box) triples
        for (int64_t b = 0; b < batches; ++b) {
            for (int64_t i = 0; i < spatial; ++i)
                box[static_cast<size_t>(i)] = corners(&boxes.floats[static_cast<size_t>((b * spatial + i) * 4)]);
            for (int64_t c = 0; c < classes && perClass > 0; ++c) {
                const float* s = &scores.floats[static_cast<size_t>((b * classes + c) * spatial)];
                order.clear();
                for (int64_t i = 0; i < spatial; ++i)
                    // A NaN score is no score (and would break the sort's ordering).
                    if (!std::isnan(s[i]) && (!hasScoreThreshold || s[i] > scoreThreshold))
                        order.push_back(i);
                std::stable_sort(order.begin(), order.end(), [&](int64_t p, int64_t q) { return s[p] > s[q]; });
                kept.clear();
                for (int64_t i : order) {
                    if (static_cast<int64_t>(kept.size()) == perClass)
                        break;
                    const bool suppressed = std::any_of(kept.begin(), kept.end(), [&](int64_t k) {
                        return overlapsTooMuch(box[static_cast<size_t>(i)], box[static_cast<size_t>(k)], iouThreshold);
                    });
                    if (!suppressed)
                        kept.push_back(i);
                }
                for (int64_t k : kept)
                    selected.insert(selected.end(), {b, c, k});
            }
        }
        Tensor y = intTensor({static_cast<int64_t>(selected.size() / 3), 3});
        std::copy(selected.begin(), selected.end(), y.ints.begin());
        out[0] = std::move(y);
        return {};
    }

private:
    // The box at p as ordered corners.
    Box corners(const float* p) const
    {
        if (m_centrePoint) {
            const float halfW = p[2] / 2.0f, halfH = p[3] / 2.0f;
            return {std::min(p[1] - halfH, p[1] + halfH), std::min(p[0] - halfW, p[0] + halfW),
                    std::max(p[1] - halfH, p[1] + halfH), std::max(p[0] - halfW, p[0] + halfW)};
        }
        return {std::min(p[0], p[2]), std::min(p[1], p[3]), std::max(p[0], p[2]), std::max(p[1], p[3])};
    }

    bool m_centrePoint;
};

} // namespace

Result<std::unique_ptr<Operator>> makeNonMaxSuppression(const Node& node, int64_t)
{
    const int64_t centrePoint = node.intAttribute("center_point_box", 0);
    if (centrePoint != 0 && centrePoint != 1)
        return fail("center_point_box must be 0 or 1, not " + std::to_string(centrePoint));
    return std::unique_ptr<Operator>(new NonMaxSuppressionOp(centrePoint == 1));
}

} // namespace bitlens::engine

#pragma once
// DESIGN.md "Metrics", fidelity without labels: per graph output, quantized against FP32 over all
// samples: output SQNR 10*log10(sum y^2 / sum (y - y^)^2), mean per-sample cosine, max |y - y^|,
// MSE; for a class-score output (C >= 2 along the class axis): top-1 agreement (share of positions
// whose argmax is the same, first maximum on ties), mean KL(softmax(y) || softmax(y^)) in nats (a
// position whose FP32 values are already a probability vector, non-negative and summing to 1
// within 1e-3, is used as is) and the prediction confusion, FP32 prediction (rows) against
// quantized prediction (columns). Sums are gathered run by run, so memory does not grow with the
// number of samples.
#include <model/result.h>
#include <model/tensor.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bitlens {

// Prediction confusions are kept up to this many classes (a 50k-token vocabulary would need
// 2.5e9 counts); agreement and KL are computed at any size.
inline constexpr int64_t kMaxConfusionClasses = 1024;

struct OutputFidelity
{
    std::string name;
    int64_t samples = 0, elements = 0;
    std::optional<double> sqnrDb; // nullopt: exact (no error at all); -inf: zero signal, some error
    double mse = 0, maxAbsError = 0;
    double meanCosine = 1;
    // Class scores (classes >= 2), else classes == 0 and the rest unset.
    int classAxis = -1;
    int64_t classes = 0, positions = 0;
    double top1Agreement = 0;
    double meanKl = 0;
    std::vector<std::vector<int64_t>> predictionConfusion; // [fp32][quantized]; empty above kMaxConfusionClasses
};

// Which axis holds the classes of an output of rank `rank`: `chosen` if given (negative counts from
// the end), else DESIGN.md's rule: the last axis, or axis 1 of an [N, C, ...] output (rank 4 and
// more: segmentation maps); -1 when there is none (a scalar, an axis out of range).
int classAxisFor(int rank, std::optional<int> chosen);

// The argmax (first maximum on ties) along the class axis at each position, positions in row-major
// order of the other axes.
std::vector<int64_t> argmaxAlong(const Tensor& t, int axis);

// KL(p || q) in nats for one position's values (stride apart): softmax of each, or the values as
// they are when the FP32 values form a probability vector (q then floored at the smallest normal
// float, so a zero where p is not zero costs a finite 87 nats per unit of p).
double klDivergence(const float* y, const float* yhat, int64_t classes, int64_t stride);

class OutputFidelityAccumulator
{
public:
    // classAxis: as classAxisFor takes it; classScores false turns the class metrics off.
    OutputFidelityAccumulator(std::string name, std::optional<int> classAxis, bool classScores);

    // One run's output of FP32 and of the quantized model, `samples` samples stacked on the first
    // axis (their per-sample cosines are taken on equal slices of it).
    Result<bool> add(const Tensor& fp32, const Tensor& quantized, int64_t samples);
    // Adds another accumulator's sums (parts of a batch run in parallel, merged in order).
    void merge(const OutputFidelityAccumulator& other);
    OutputFidelity result() const;

private:
    std::string m_name;
    std::optional<int> m_chosenAxis;
    bool m_classScores = true;
    int m_axis = -2; // -2: not yet seen
    int64_t m_classes = 0;
    int64_t m_samples = 0, m_elements = 0, m_positions = 0, m_agree = 0;
    double m_sxx = 0, m_see = 0, m_maxErr = 0, m_cosineSum = 0, m_klSum = 0;
    std::vector<std::vector<int64_t>> m_confusion;
};

} // namespace bitlens

#pragma once
// The confusion-matrix view (the paper's Figure 3): FP32 and one quantized setting side by side,
// and their difference D = C_quant - C_fp32, which makes the classes quantization confuses stand
// out (off-diagonal D > 0: more images of class i now predicted as j; diagonal D < 0: lost hits).
#include <cstdint>
#include <string>
#include <vector>

namespace bitlens {

using CountMatrix = std::vector<std::vector<int64_t>>;

struct ConfusedPair
{
    int trueClass = 0, predicted = 0;
    int64_t fp32 = 0, quantized = 0; // images of trueClass predicted as `predicted`
};

struct ConfusionView
{
    std::vector<std::string> classes;
    std::string fp32Label = "FP32", quantizedLabel;
    CountMatrix fp32, quantized, difference;
    int64_t images = 0;
    double fp32Top1 = 0, quantizedTop1 = 0;
    int64_t maxCount = 0;         // colour range of both count maps: [0, maxCount]
    int64_t maxAbsDifference = 0; // colour range of the difference: [-max, +max], 0 white
    std::vector<ConfusedPair> mostIncreased; // off-diagonal pairs whose count grew most, largest first
};

// Class names default to "0", "1", ...; both matrices must be square and of one size (else the
// view is empty). At most `pairs` confused pairs are listed.
ConfusionView confusionView(const CountMatrix& fp32, const CountMatrix& quantized, std::vector<std::string> classes,
                            std::string quantizedLabel, size_t pairs = 10);

// Top-1 of a confusion matrix: trace / total (0 when empty).
double accuracyOf(const CountMatrix& m);
// Per-class recall C[i][i] / sum_j C[i][j] (NaN for a class with no images).
std::vector<double> recallOf(const CountMatrix& m);

} // namespace bitlens

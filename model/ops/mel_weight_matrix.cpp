// MelWeightMatrix (opset 17, unchanged to 21): the [dft_length / 2 + 1, num_mel_bins] matrix of
// triangular filters that maps a one-sided linear spectrum to the mel scale,
// mel(f) = 2595 log10(1 + f / 700). num_mel_bins + 2 points are spaced evenly in mel from
// mel(lower_edge_hertz) in steps of (mel(upper) - mel(lower)) / (num_mel_bins + 2), turned back
// to hertz and to spectrum bins floor((dft_length + 1) hz / sample_rate); filter i rises from 0 at
// bin[i] to 1 at bin[i + 1] and falls to 0 at bin[i + 2] (a filter whose rise is empty is 1 at its
// centre). This is the ONNX reference and ONNX Runtime's arithmetic, in double. Inputs:
// num_mel_bins, dft_length, sample_rate (one-element integers), lower_edge_hertz,
// upper_edge_hertz (one-element floats); output_datatype (default 1, FLOAT) is any numeric type
// but bool. Bins that fall outside the spectrum are an error, as in ONNX Runtime.
#include "common.h"
#include "registry.h"

#include <cmath>

namespace bitlens::engine {
namespace {

double hertzToMel(double hz) { return 2595.0 * std::log10(1.0 + hz / 700.0); }
double melToHertz(double mel) { return 700.0 * (std::pow(10.0, mel / 2595.0) - 1.0); }

class MelWeightMatrixOp : public Operator
{
public:
    explicit MelWeightMatrixOp(DataType type) : m_type(type) {}

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.size() < 5 || !in[0] || !in[1] || !in[2] || !in[3] || !in[4])
            return "expects num_mel_bins, dft_length, sample_rate, lower_edge_hertz and upper_edge_hertz";
        static const char* const kNames[] = {"num_mel_bins", "dft_length", "sample_rate", "lower_edge_hertz",
                                             "upper_edge_hertz"};
        for (size_t i = 0; i < 5; ++i) {
            const bool wantFloat = i >= 3;
            if (in[i]->elementCount() != 1 || in[i]->isFloat() != wantFloat || in[i]->type == DataType::Bool)
                return std::string(kNames[i]) + " must be a one-element " + (wantFloat ? "float" : "integer") +
                       " tensor, not " + std::string(dataTypeName(in[i]->type)) + " " + dimsText(in[i]->dims);
        }
        const int64_t melBins = in[0]->ints[0], dftLength = in[1]->ints[0], sampleRate = in[2]->ints[0];
        const double lower = in[3]->floats[0], upper = in[4]->floats[0];
        if (melBins < 1 || dftLength < 1 || sampleRate < 1)
            return "num_mel_bins " + std::to_string(melBins) + ", dft_length " + std::to_string(dftLength) +
                   " and sample_rate " + std::to_string(sampleRate) + " must be positive";
        if (!(lower >= 0.0) || !(upper >= lower) || !std::isfinite(upper))
            return "the edges " + std::to_string(lower) + " and " + std::to_string(upper) +
                   " Hz must satisfy 0 <= lower_edge_hertz <= upper_edge_hertz";
        const int64_t spectrumBins = dftLength / 2 + 1;
        Tensor y;
        y.type = m_type;
        y.dims = {spectrumBins, melBins};
        const auto count = static_cast<size_t>(checkedElementCount(y.dims));
        const bool isFloat = isFloatType(m_type);
        if (isFloat)
            y.floats.assign(count, 0.0f);
        else
            y.ints.assign(count, 0);

        // The filters' edges as spectrum bins, checked to lie in the spectrum before any indexing.
        const double lowMel = hertzToMel(lower);
        const double melStep = (hertzToMel(upper) - lowMel) / static_cast<double>(melBins + 2);
        std::vector<int64_t> edge(static_cast<size_t>(melBins + 2));
        for (size_t i = 0; i < edge.size(); ++i) {
            const double hz = melToHertz(lowMel + static_cast<double>(i) * melStep);
            const double bin = std::floor(static_cast<double>(dftLength + 1) * hz / static_cast<double>(sampleRate));
            if (!(bin >= 0.0 && bin < static_cast<double>(spectrumBins)))
                return "upper_edge_hertz " + std::to_string(upper) + " maps past the " + std::to_string(spectrumBins) +
                       " bins of a " + std::to_string(dftLength) + "-point DFT at " + std::to_string(sampleRate) +
                       " Hz";
            edge[i] = static_cast<int64_t>(bin);
        }
        // Weights are in [0, 1], so an integer output type truncates them as Cast does.
        auto set = [&](int64_t bin, int64_t filter, double v) {
            const auto p = static_cast<size_t>(bin * melBins + filter);
            if (isFloat)
                y.floats[p] = static_cast<float>(v);
            else
                y.ints[p] = static_cast<int64_t>(v);
        };
        for (int64_t i = 0; i < melBins; ++i) {
            const int64_t low = edge[static_cast<size_t>(i)], centre = edge[static_cast<size_t>(i + 1)],
                          high = edge[static_cast<size_t>(i + 2)];
            if (centre == low)
                set(centre, i, 1.0);
            else
                for (int64_t j = low; j <= centre; ++j)
                    set(j, i, static_cast<double>(j - low) / static_cast<double>(centre - low));
            for (int64_t j = centre; j < high; ++j)
                set(j, i, static_cast<double>(high - j) / static_cast<double>(high - centre));
        }
        out[0] = std::move(y);
        return {};
    }

private:
    DataType m_type;
};

} // namespace

Result<std::unique_ptr<Operator>> makeMelWeightMatrix(const Node& node, int64_t)
{
    const int64_t typeValue = node.intAttribute("output_datatype", 1);
    const auto type = static_cast<DataType>(typeValue >= 0 && typeValue <= 16 ? typeValue : 0);
    if (!isFloatType(type) && (!isIntegerType(type) || type == DataType::Bool))
        return fail("output_datatype " + std::to_string(typeValue) + " is not a numeric type");
    return std::unique_ptr<Operator>(new MelWeightMatrixOp(type));
}

} // namespace bitlens::engine

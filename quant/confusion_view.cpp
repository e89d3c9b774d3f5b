#include "confusion_view.h"

#include <limits>

#include <algorithm>
#include <cstdlib>

namespace bitlens {

double accuracyOf(const CountMatrix& m)
{
    int64_t total = 0, hits = 0;
    for (size_t i = 0; i < m.size(); ++i)
        for (size_t j = 0; j < m[i].size(); ++j) {
            total += m[i][j];
            if (i == j)
                hits += m[i][j];
        }
    return total > 0 ? static_cast<double>(hits) / static_cast<double>(total) : 0.0;
}

ConfusionView confusionView(const CountMatrix& fp32, const CountMatrix& quantized, std::vector<std::string> classes,
                            std::string quantizedLabel, size_t pairs)
{
    ConfusionView v;
    const size_t n = fp32.size();
    const auto square = [](const CountMatrix& m, size_t k) {
        return m.size() == k && std::all_of(m.begin(), m.end(), [k](const auto& r) { return r.size() == k; });
    };
    if (!square(fp32, n) || !square(quantized, n))
        return v;
    v.fp32 = fp32;
    v.quantized = quantized;
    v.quantizedLabel = std::move(quantizedLabel);
    classes.resize(std::max(classes.size(), n));
    for (size_t i = 0; i < n; ++i)
        if (classes[i].empty())
            classes[i] = std::to_string(i);
    classes.resize(n);
    v.classes = std::move(classes);
    v.difference.assign(n, std::vector<int64_t>(n, 0));
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j) {
            v.images += fp32[i][j];
            v.maxCount = std::max({v.maxCount, fp32[i][j], quantized[i][j]});
            const int64_t d = quantized[i][j] - fp32[i][j];
            v.difference[i][j] = d;
            v.maxAbsDifference = std::max(v.maxAbsDifference, std::abs(d));
            if (i != j && d > 0)
                v.mostIncreased.push_back({static_cast<int>(i), static_cast<int>(j), fp32[i][j], quantized[i][j]});
        }
    v.fp32Top1 = accuracyOf(fp32);
    v.quantizedTop1 = accuracyOf(quantized);
    std::stable_sort(v.mostIncreased.begin(), v.mostIncreased.end(), [](const ConfusedPair& a, const ConfusedPair& b) {
        return a.quantized - a.fp32 > b.quantized - b.fp32;
    });
    if (v.mostIncreased.size() > pairs)
        v.mostIncreased.resize(pairs);
    return v;
}

std::vector<double> recallOf(const CountMatrix& m)
{
    std::vector<double> out;
    for (size_t i = 0; i < m.size(); ++i) {
        int64_t row = 0;
        for (int64_t v : m[i])
            row += v;
        out.push_back(row && i < m[i].size() ? static_cast<double>(m[i][i]) / static_cast<double>(row)
                              : std::numeric_limits<double>::quiet_NaN());
    }
    return out;
}

} // namespace bitlens

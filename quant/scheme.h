#pragma once
// Names of the quantization schemes and granularities, as the plan format and the CLI spell them.
#include <optional>
#include <string_view>

namespace bitlens {

enum class Scheme { Asymmetric, Symmetric, Pow2, Dfxp, KMeans, Gaussian };
enum class Granularity { PerTensor, PerChannel };

inline constexpr int kMaxBits = 16;
inline constexpr int kFp32Bits = 32; // "keep FP32" in a plan

std::string_view schemeName(Scheme s);
std::optional<Scheme> parseScheme(std::string_view name);
std::string_view granularityName(Granularity g);
std::optional<Granularity> parseGranularity(std::string_view name);

struct QuantSpec
{
    Scheme scheme = Scheme::Asymmetric;
    Granularity granularity = Granularity::PerChannel;
    int bits = 8;
    bool operator==(const QuantSpec&) const = default;
};

} // namespace bitlens

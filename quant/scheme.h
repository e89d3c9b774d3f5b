#pragma once
// Names of the quantization schemes, granularities and scale encodings, as the plan format and the
// CLI spell them.
#include <optional>
#include <string_view>

namespace bitlens {

// The six schemes of DESIGN.md "Quantizers", then the element formats of "Block granularity and
// today's deployment formats" (their bits are implied).
enum class Scheme {
    Asymmetric, Symmetric, Pow2, Dfxp, KMeans, Gaussian,
    Fp8E4M3, Fp8E5M2, Fp6E3M2, Fp6E2M3, Fp4E2M1, Nf4, MxInt8, Q4_0, Q8_0
};
enum class Granularity { PerTensor, PerChannel, PerBlock };
// How a scheme's scale is stored: fp32 (kept in double as computed, stored as float by an export),
// fp16, bf16, e8m0 (a power of two, OCP MX) or ue4m3 (an fp8-e4m3 value times an fp32 tensor scale).
enum class ScaleEncoding { Fp32, Fp16, Bf16, E8M0, UE4M3 };

inline constexpr int kMaxBits = 16;
inline constexpr int kFp32Bits = 32; // "keep FP32" in a plan
inline constexpr int kMinBlock = 2;
inline constexpr int kMaxBlock = 1 << 20;

std::string_view schemeName(Scheme s);
std::optional<Scheme> parseScheme(std::string_view name);
std::string_view granularityName(Granularity g);
std::optional<Granularity> parseGranularity(std::string_view name);
std::string_view scaleEncodingName(ScaleEncoding e);
std::optional<ScaleEncoding> parseScaleEncoding(std::string_view name);
// Bits one stored scale takes: 32, 16, 16, 8, 8.
int scaleEncodingBits(ScaleEncoding e);

struct QuantSpec
{
    Scheme scheme = Scheme::Asymmetric;
    Granularity granularity = Granularity::PerChannel;
    int bits = 8;
    int block = 0; // per-block: B weights along the reduction axis (0 otherwise)
    ScaleEncoding scale = ScaleEncoding::Fp32;
    bool operator==(const QuantSpec&) const = default;
};

} // namespace bitlens

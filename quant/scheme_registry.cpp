#include "scheme_registry.h"

#include "float_formats.h"

#include <array>

namespace bitlens {
namespace {

constexpr ScaleEncoding kFp32 = ScaleEncoding::Fp32;

constexpr std::array<SchemeDescriptor, 15> kSchemes{{
    {Scheme::Asymmetric, "asymmetric", "Uniform asymmetric (affine)", 1, kMaxBits, true, false, &quantizeAsymmetric,
     "D=(max(x,0)-min(x,0))/(2^n-1); z=round(-lo/D); q=clamp(round(x/D)+z,0,2^n-1); x^=(q-z)D", kAnyScale, kFp32,
     &idealScaleAsymmetric},
    {Scheme::Symmetric, "symmetric", "Uniform symmetric", 2, kMaxBits, true, false, &quantizeSymmetric,
     "D=max|x|/(2^(n-1)-1); q=clamp(round(x/D),-(2^(n-1)-1),2^(n-1)-1); x^=qD", kAnyScale, kFp32, &idealScaleSymmetric},
    {Scheme::Pow2, "pow2", "Power-of-two (logarithmic)", 2, kMaxBits, false, false, &quantizePow2,
     "x^=sign(x)2^e, e=round(log2|x|) in [e_max-(2^(n-1)-2), e_max], e_max=round(log2 max|x|); below: 0"},
    {Scheme::Dfxp, "dfxp", "Dynamic fixed point", 2, kMaxBits, true, false, &quantizeDfxp,
     "IL=ceil(log2 max|x|)+1; FL=n-IL; x^=clamp(round(x 2^FL),-2^(n-1),2^(n-1)-1) 2^-FL"},
    {Scheme::KMeans, "kmeans", "K-means (weight sharing)", 1, kMaxBits, false, true, &quantizeKMeans,
     "2^n centroids, linear init over [min,max], Lloyd to convergence; x^=nearest centroid"},
    {Scheme::Gaussian, "gaussian", "Gaussian (Lloyd-Max)", 1, kMaxBits, false, false, &quantizeGaussian,
     "x^=mu+sigma*l_i, l_i the Lloyd-Max level of N(0,1) nearest to (x-mu)/sigma"},
    {Scheme::Fp8E4M3, "fp8-e4m3", "8-bit float E4M3", 8, 8, false, false, &quantizeFloatElements,
     "x^=s*E(x/s), E: e4m3 (bias 7, max 448) nearest, ties to even, saturating; s=amax/448", kAnyScale, kFp32,
     &idealScaleFloatElements, &kFp8E4M3},
    {Scheme::Fp8E5M2, "fp8-e5m2", "8-bit float E5M2", 8, 8, false, false, &quantizeFloatElements,
     "x^=s*E(x/s), E: e5m2 (bias 15, max 57344) nearest, ties to even, saturating; s=amax/57344", kAnyScale, kFp32,
     &idealScaleFloatElements, &kFp8E5M2},
    {Scheme::Fp6E3M2, "fp6-e3m2", "6-bit float E3M2", 6, 6, false, false, &quantizeFloatElements,
     "x^=s*E(x/s), E: e3m2 (bias 3, max 28) nearest, ties to even, saturating; s=amax/28", kAnyScale, kFp32,
     &idealScaleFloatElements, &kFp6E3M2},
    {Scheme::Fp6E2M3, "fp6-e2m3", "6-bit float E2M3", 6, 6, false, false, &quantizeFloatElements,
     "x^=s*E(x/s), E: e2m3 (bias 1, max 7.5) nearest, ties to even, saturating; s=amax/7.5", kAnyScale, kFp32,
     &idealScaleFloatElements, &kFp6E2M3},
    {Scheme::Fp4E2M1, "fp4-e2m1", "4-bit float E2M1", 4, 4, false, false, &quantizeFloatElements,
     "x^=s*E(x/s), E: 0,0.5,1,1.5,2,3,4,6 and negatives, nearest, ties to even; s=amax/6", kAnyScale, kFp32,
     &idealScaleFloatElements, &kFp4E2M1},
    {Scheme::Nf4, "nf4", "4-bit NormalFloat (QLoRA)", 4, 4, false, false, &quantizeNf4,
     "s=amax; x^=s*(the NF4 level nearest to x/s, ties to the lower)", kAnyScale, kFp32, &idealScaleFloatElements},
    {Scheme::MxInt8, "mxint8", "MX 8-bit integer (MXINT8)", 8, 8, true, false, &quantizeMxInt8,
     "X=2^floor(log2 amax) (e8m0); x^=X 2^-6 clamp(round_half_even(x/X 2^6),-127,127)",
     scaleBit(ScaleEncoding::E8M0), ScaleEncoding::E8M0},
    {Scheme::Q4_0, "q4_0", "ggml 4-bit blocks (Q4_0)", 4, 4, true, false, &quantizeQ4_0,
     "m=the value of largest |x|; d=m/-8; q=min(15,trunc(x/d+8.5)); x^=(q-8)fp16(d)",
     scaleBit(ScaleEncoding::Fp16), ScaleEncoding::Fp16},
    {Scheme::Q8_0, "q8_0", "ggml 8-bit blocks (Q8_0)", 8, 8, true, false, &quantizeQ8_0,
     "d=amax/127; q=round(x/d); x^=q fp16(d)", scaleBit(ScaleEncoding::Fp16), ScaleEncoding::Fp16},
}};

constexpr std::array<NamedFormat, 10> kFormats{{
    {"mxfp8", "MXFP8", {Scheme::Fp8E4M3, Granularity::PerBlock, 8, 32, ScaleEncoding::E8M0}},
    {"mxfp6", "MXFP6", {Scheme::Fp6E3M2, Granularity::PerBlock, 6, 32, ScaleEncoding::E8M0}},
    {"mxfp4", "MXFP4", {Scheme::Fp4E2M1, Granularity::PerBlock, 4, 32, ScaleEncoding::E8M0}},
    {"mxint8", "MXINT8", {Scheme::MxInt8, Granularity::PerBlock, 8, 32, ScaleEncoding::E8M0}},
    {"nvfp4", "NVFP4", {Scheme::Fp4E2M1, Granularity::PerBlock, 4, 16, ScaleEncoding::UE4M3}},
    {"nf4", "NF4", {Scheme::Nf4, Granularity::PerBlock, 4, 64, ScaleEncoding::Fp32}},
    {"int4-g128", "INT4-g128", {Scheme::Asymmetric, Granularity::PerBlock, 4, 128, ScaleEncoding::Fp16}},
    {"q4_0", "Q4_0", {Scheme::Q4_0, Granularity::PerBlock, 4, 32, ScaleEncoding::Fp16}},
    {"q8_0", "Q8_0", {Scheme::Q8_0, Granularity::PerBlock, 8, 32, ScaleEncoding::Fp16}},
    {"fp8-e4m3", "FP8 E4M3", {Scheme::Fp8E4M3, Granularity::PerChannel, 8, 0, ScaleEncoding::Fp32}},
}};

} // namespace

std::span<const SchemeDescriptor> schemeRegistry() { return kSchemes; }

const SchemeDescriptor& schemeDescriptor(Scheme s)
{
    for (const auto& d : kSchemes)
        if (d.id == s)
            return d;
    return kSchemes[0];
}

std::span<const NamedFormat> namedFormats() { return kFormats; }

std::optional<QuantSpec> parseFormat(std::string_view name)
{
    for (const NamedFormat& f : kFormats)
        if (f.name == name)
            return f.spec;
    return std::nullopt;
}

std::optional<std::string_view> formatName(const QuantSpec& spec)
{
    for (const NamedFormat& f : kFormats)
        if (f.spec == spec)
            return f.name;
    return std::nullopt;
}

std::string specProblem(const QuantSpec& s)
{
    const SchemeDescriptor& d = schemeDescriptor(s.scheme);
    if (s.bits != kFp32Bits && !bitsAllowed(s.scheme, s.bits))
        return std::to_string(s.bits) + " is not allowed for " + std::string(d.name) + " (" +
               (d.minBits == d.maxBits ? std::to_string(d.minBits) : std::to_string(d.minBits) + ".." + std::to_string(d.maxBits)) +
               ", or 32 for FP32)";
    if (!scaleAllowed(s.scheme, s.scale))
        return "scale " + std::string(scaleEncodingName(s.scale)) + " does not apply to " + std::string(d.name) +
               (d.scales == scaleBit(d.defaultScale) ? " (it uses " + std::string(scaleEncodingName(d.defaultScale)) + ")" : "");
    if (s.granularity == Granularity::PerBlock && (s.block < kMinBlock || s.block > kMaxBlock))
        return "block " + std::to_string(s.block) + " is not allowed (" + std::to_string(kMinBlock) + ".." +
               std::to_string(kMaxBlock) + ")";
    if (s.granularity != Granularity::PerBlock && s.block != 0)
        return "a block size needs per-block granularity";
    return {};
}

std::string specLabel(const QuantSpec& s)
{
    if (auto f = formatName(s))
        return std::string(*f);
    // Appended piece by piece: GCC 12 warns (-Wrestrict, falsely) on " " + std::to_string(...).
    std::string label(schemeName(s.scheme));
    label.append(" ").append(std::to_string(s.bits)).append("-bit ").append(granularityName(s.granularity));
    if (s.granularity == Granularity::PerBlock)
        label.append(" ").append(std::to_string(s.block));
    if (s.scale != schemeDescriptor(s.scheme).defaultScale)
        label.append(" ").append(scaleEncodingName(s.scale));
    return label;
}

} // namespace bitlens

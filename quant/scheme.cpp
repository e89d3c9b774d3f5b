#include "scheme.h"

#include <array>
#include <utility>

namespace bitlens {
namespace {

constexpr std::array<std::pair<Scheme, std::string_view>, 15> kSchemeNames{{
    {Scheme::Asymmetric, "asymmetric"}, {Scheme::Symmetric, "symmetric"}, {Scheme::Pow2, "pow2"},
    {Scheme::Dfxp, "dfxp"},             {Scheme::KMeans, "kmeans"},       {Scheme::Gaussian, "gaussian"},
    {Scheme::Fp8E4M3, "fp8-e4m3"},      {Scheme::Fp8E5M2, "fp8-e5m2"},    {Scheme::Fp6E3M2, "fp6-e3m2"},
    {Scheme::Fp6E2M3, "fp6-e2m3"},      {Scheme::Fp4E2M1, "fp4-e2m1"},    {Scheme::Nf4, "nf4"},
    {Scheme::MxInt8, "mxint8"},         {Scheme::Q4_0, "q4_0"},           {Scheme::Q8_0, "q8_0"},
}};

constexpr std::array<std::pair<ScaleEncoding, std::string_view>, 5> kScaleNames{{
    {ScaleEncoding::Fp32, "fp32"}, {ScaleEncoding::Fp16, "fp16"}, {ScaleEncoding::Bf16, "bf16"},
    {ScaleEncoding::E8M0, "e8m0"}, {ScaleEncoding::UE4M3, "ue4m3"},
}};

template <class E, size_t N>
std::string_view nameIn(const std::array<std::pair<E, std::string_view>, N>& table, E e)
{
    for (const auto& [id, name] : table)
        if (id == e)
            return name;
    return "?";
}

template <class E, size_t N>
std::optional<E> parseIn(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view name)
{
    for (const auto& [id, n] : table)
        if (n == name)
            return id;
    return std::nullopt;
}

} // namespace

std::string_view schemeName(Scheme s) { return nameIn(kSchemeNames, s); }
std::optional<Scheme> parseScheme(std::string_view name) { return parseIn(kSchemeNames, name); }
std::string_view scaleEncodingName(ScaleEncoding e) { return nameIn(kScaleNames, e); }
std::optional<ScaleEncoding> parseScaleEncoding(std::string_view name) { return parseIn(kScaleNames, name); }

int scaleEncodingBits(ScaleEncoding e)
{
    switch (e) {
    case ScaleEncoding::Fp32: return 32;
    case ScaleEncoding::Fp16:
    case ScaleEncoding::Bf16: return 16;
    case ScaleEncoding::E8M0:
    case ScaleEncoding::UE4M3: return 8;
    }
    return 32;
}

std::string_view granularityName(Granularity g)
{
    switch (g) {
    case Granularity::PerTensor: return "per-tensor";
    case Granularity::PerChannel: return "per-channel";
    case Granularity::PerBlock: return "per-block";
    }
    return "?";
}

std::optional<Granularity> parseGranularity(std::string_view name)
{
    for (Granularity g : {Granularity::PerTensor, Granularity::PerChannel, Granularity::PerBlock})
        if (granularityName(g) == name)
            return g;
    return std::nullopt;
}

} // namespace bitlens

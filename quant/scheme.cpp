#include "scheme.h"

namespace bitlens {

std::string_view schemeName(Scheme s)
{
    switch (s) {
    case Scheme::Asymmetric: return "asymmetric";
    case Scheme::Symmetric: return "symmetric";
    case Scheme::Pow2: return "pow2";
    case Scheme::Dfxp: return "dfxp";
    case Scheme::KMeans: return "kmeans";
    case Scheme::Gaussian: return "gaussian";
    }
    return "?";
}

std::optional<Scheme> parseScheme(std::string_view name)
{
    for (Scheme s : {Scheme::Asymmetric, Scheme::Symmetric, Scheme::Pow2, Scheme::Dfxp, Scheme::KMeans,
                     Scheme::Gaussian})
        if (schemeName(s) == name)
            return s;
    return std::nullopt;
}

std::string_view granularityName(Granularity g)
{
    return g == Granularity::PerTensor ? "per-tensor" : "per-channel";
}

std::optional<Granularity> parseGranularity(std::string_view name)
{
    if (name == "per-tensor")
        return Granularity::PerTensor;
    if (name == "per-channel")
        return Granularity::PerChannel;
    return std::nullopt;
}

} // namespace bitlens

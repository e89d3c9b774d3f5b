#include "scheme_registry.h"

#include <array>

namespace bitlens {
namespace {

constexpr std::array<SchemeDescriptor, 6> kSchemes{{
    {Scheme::Asymmetric, "asymmetric", "Uniform asymmetric (affine)", 1, kMaxBits, true, false, &quantizeAsymmetric,
     "D=(max(x,0)-min(x,0))/(2^n-1); z=round(-lo/D); q=clamp(round(x/D)+z,0,2^n-1); x^=(q-z)D"},
    {Scheme::Symmetric, "symmetric", "Uniform symmetric", 2, kMaxBits, true, false, &quantizeSymmetric,
     "D=max|x|/(2^(n-1)-1); q=clamp(round(x/D),-(2^(n-1)-1),2^(n-1)-1); x^=qD"},
    {Scheme::Pow2, "pow2", "Power-of-two (logarithmic)", 2, kMaxBits, false, false, &quantizePow2,
     "x^=sign(x)2^e, e=round(log2|x|) in [e_max-(2^(n-1)-2), e_max], e_max=round(log2 max|x|); below: 0"},
    {Scheme::Dfxp, "dfxp", "Dynamic fixed point", 2, kMaxBits, true, false, &quantizeDfxp,
     "IL=ceil(log2 max|x|)+1; FL=n-IL; x^=clamp(round(x 2^FL),-2^(n-1),2^(n-1)-1) 2^-FL"},
    {Scheme::KMeans, "kmeans", "K-means (weight sharing)", 1, kMaxBits, false, true, &quantizeKMeans,
     "2^n centroids, linear init over [min,max], Lloyd to convergence; x^=nearest centroid"},
    {Scheme::Gaussian, "gaussian", "Gaussian (Lloyd-Max)", 1, kMaxBits, false, false, &quantizeGaussian,
     "x^=mu+sigma*l_i, l_i the Lloyd-Max level of N(0,1) nearest to (x-mu)/sigma"},
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

} // namespace bitlens

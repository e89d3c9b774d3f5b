#include "gaussian_limits.h"

#include "lloyd_max.h"

#include <cmath>
#include <limits>

namespace bitlens {
namespace {

const double kInvSqrt2Pi = 1.0 / std::sqrt(2.0 * M_PI);
double pdf(double x) { return std::isinf(x) ? 0.0 : kInvSqrt2Pi * std::exp(-0.5 * x * x); }
double cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// E[(X - l)^2 ; a < X < b] for X ~ N(0,1), from the truncated moments:
// int x^2 phi = Phi(b)-Phi(a) + a*phi(a) - b*phi(b) (with x*phi(x) -> 0 at infinity),
// int x phi = phi(a) - phi(b), int phi = Phi(b) - Phi(a).
double cellError(double a, double b, double l)
{
    const double p = cdf(b) - cdf(a);
    const double aPhi = std::isinf(a) ? 0.0 : a * pdf(a);
    const double bPhi = std::isinf(b) ? 0.0 : b * pdf(b);
    const double m2 = p + aPhi - bPhi;
    const double m1 = pdf(a) - pdf(b);
    return m2 - 2 * l * m1 + l * l * p;
}

} // namespace

double uniformGaussianDistortion(int bits, double step)
{
    const int k = 1 << bits;
    const double inf = std::numeric_limits<double>::infinity();
    double d = 0;
    for (int i = 0; i < k; ++i) {
        const double l = (i + 0.5 - k / 2.0) * step;
        const double a = i == 0 ? -inf : l - step / 2;
        const double b = i == k - 1 ? inf : l + step / 2;
        d += cellError(a, b, l);
    }
    return d;
}

double lloydMaxSqnrDb(int bits) { return -10.0 * std::log10(lloydMaxDistortion(bits)); }

double bestUniformSqnrDb(int bits)
{
    // The distortion is unimodal in the step on (0, 8/2^(n-1)]: golden-section search to 1e-12.
    double lo = 1e-6, hi = 8.0 / (1 << (bits - 1)) + 2.0;
    const double g = (std::sqrt(5.0) - 1) / 2;
    double x1 = hi - g * (hi - lo), x2 = lo + g * (hi - lo);
    double f1 = uniformGaussianDistortion(bits, x1), f2 = uniformGaussianDistortion(bits, x2);
    while (hi - lo > 1e-12) {
        if (f1 < f2) {
            hi = x2;
            x2 = x1;
            f2 = f1;
            x1 = hi - g * (hi - lo);
            f1 = uniformGaussianDistortion(bits, x1);
        } else {
            lo = x1;
            x1 = x2;
            f1 = f2;
            x2 = lo + g * (hi - lo);
            f2 = uniformGaussianDistortion(bits, x2);
        }
    }
    return -10.0 * std::log10(uniformGaussianDistortion(bits, 0.5 * (lo + hi)));
}

double rateDistortionSqnrDb(int bits) { return 20.0 * bits * std::log10(2.0); }

} // namespace bitlens

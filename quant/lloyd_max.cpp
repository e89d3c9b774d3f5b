// Lloyd-Max levels of N(0,1) by Newton's method on the centroid conditions
//   l_i = E[X | m_{i-1} < X < m_i],  m_i = (l_i + l_{i+1})/2.
// The Jacobian is tridiagonal (l_i depends only on its two midpoints), so each step is O(k) and
// converges quadratically to full double precision, where plain Lloyd iteration crawls at 7-8
// bits. Started from the companding estimate l_i = sqrt(3)*Phi^-1((i+0.5)/k) (point density
// proportional to p^(1/3)), with step halving to keep the levels ordered and the residual falling.
#include "lloyd_max.h"

#include "fast_math.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace bitlens {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
const double kSqrt2 = std::sqrt(2.0);
const double kInvSqrt2Pi = 1.0 / std::sqrt(2.0 * M_PI);

double pdf(double x) { return std::isinf(x) ? 0.0 : kInvSqrt2Pi * std::exp(-0.5 * x * x); }

// P(a < X < b), accurate in either tail.
double probability(double a, double b)
{
    if (a >= 0)
        return 0.5 * (std::erfc(a / kSqrt2) - std::erfc(b / kSqrt2));
    if (b <= 0)
        return 0.5 * (std::erfc(-b / kSqrt2) - std::erfc(-a / kSqrt2));
    return 0.5 * (std::erf(b / kSqrt2) - std::erf(a / kSqrt2));
}

struct Cell
{
    double centroid, dA, dB; // E[X | a<X<b] and its derivatives by a and b
};

Cell cell(double a, double b)
{
    const double p = probability(a, b);
    const double c = (pdf(a) - pdf(b)) / p;
    const double dA = std::isinf(a) ? 0.0 : pdf(a) * (c - a) / p;
    const double dB = std::isinf(b) ? 0.0 : pdf(b) * (b - c) / p;
    return {c, dA, dB};
}

double inverseNormalCdf(double p)
{
    double lo = -40, hi = 40; // bisection on Phi; 200 halvings reach double resolution
    for (int i = 0; i < 200 && hi - lo > 1e-15; ++i) {
        const double mid = 0.5 * (lo + hi);
        (0.5 * std::erfc(-mid / kSqrt2) < p ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double residual(const std::vector<double>& l, std::vector<double>* f, std::vector<Cell>* cells)
{
    const size_t k = l.size();
    double worst = 0;
    for (size_t i = 0; i < k; ++i) {
        const double a = i == 0 ? -kInf : 0.5 * (l[i - 1] + l[i]);
        const double b = i + 1 == k ? kInf : 0.5 * (l[i] + l[i + 1]);
        const Cell c = cell(a, b);
        if (f)
            (*f)[i] = l[i] - c.centroid;
        if (cells)
            (*cells)[i] = c;
        worst = std::max(worst, std::fabs(l[i] - c.centroid));
    }
    return worst;
}

std::vector<double> solveLevels(int bits)
{
    const size_t k = size_t{1} << bits;
    std::vector<double> l(k);
    for (size_t i = 0; i < k; ++i)
        l[i] = std::sqrt(3.0) * inverseNormalCdf((static_cast<double>(i) + 0.5) / static_cast<double>(k));

    std::vector<double> f(k), delta(k), lower(k), diag(k), upper(k), trial(k);
    std::vector<Cell> cells(k);
    double res = residual(l, &f, &cells);
    for (int iter = 0; iter < 200 && res > 1e-16; ++iter) {
        // Tridiagonal Jacobian of F_i = l_i - c_i(m_{i-1}, m_i); dm/dl = 1/2.
        for (size_t i = 0; i < k; ++i) {
            lower[i] = -0.5 * cells[i].dA;
            upper[i] = -0.5 * cells[i].dB;
            diag[i] = 1.0 - 0.5 * cells[i].dA - 0.5 * cells[i].dB;
        }
        // Thomas algorithm for J * delta = -F.
        std::vector<double> cp(k), dp(k);
        cp[0] = upper[0] / diag[0];
        dp[0] = -f[0] / diag[0];
        for (size_t i = 1; i < k; ++i) {
            const double m = diag[i] - lower[i] * cp[i - 1];
            cp[i] = upper[i] / m;
            dp[i] = (-f[i] - lower[i] * dp[i - 1]) / m;
        }
        delta[k - 1] = dp[k - 1];
        for (size_t i = k - 1; i-- > 0;)
            delta[i] = dp[i] - cp[i] * delta[i + 1];

        double step = 1.0;
        double trialRes = kInf;
        for (int halvings = 0; halvings < 40; ++halvings, step *= 0.5) {
            for (size_t i = 0; i < k; ++i)
                trial[i] = l[i] + step * delta[i];
            if (!std::is_sorted(trial.begin(), trial.end()))
                continue;
            trialRes = residual(trial, nullptr, nullptr);
            if (trialRes < res || trialRes <= 1e-15)
                break;
        }
        if (!(trialRes < res))
            break; // no further progress at double precision
        l.swap(trial);
        res = residual(l, &f, &cells);
    }
    // Exact symmetry: average the mirrored levels so that x and -x quantize alike.
    for (size_t i = 0; i < k / 2; ++i) {
        const double m = 0.5 * (l[k - 1 - i] - l[i]);
        l[i] = -m;
        l[k - 1 - i] = m;
    }
    return l;
}

struct Table
{
    std::once_flag once;
    std::vector<double> levels, mids;
    std::unique_ptr<CutLookup> lookup;
};

Table& table(int bits)
{
    static std::array<Table, 17> tables;
    if (bits < 1 || bits > 16)
        throw std::out_of_range("Lloyd-Max levels exist for 1..16 bits");
    Table& t = tables[static_cast<size_t>(bits)];
    std::call_once(t.once, [&] {
        t.levels = solveLevels(bits);
        t.mids.resize(t.levels.size() - 1);
        for (size_t i = 0; i + 1 < t.levels.size(); ++i)
            t.mids[i] = 0.5 * (t.levels[i] + t.levels[i + 1]);
        t.lookup = std::make_unique<CutLookup>(t.mids);
    });
    return t;
}

} // namespace

const std::vector<double>& lloydMaxLevels(int bits) { return table(bits).levels; }
const std::vector<double>& lloydMaxMidpoints(int bits) { return table(bits).mids; }
const CutLookup& lloydMaxLookup(int bits) { return *table(bits).lookup; }

double lloydMaxDistortion(int bits)
{
    // E[(X - l_i)^2] over each cell, in closed form: for a cell (a,b) with centroid-free level l,
    // integral of (x-l)^2 phi = P*(1+l^2) + (a-2l)*phi(a) - (b-2l)*phi(b)   (using x*phi = -phi').
    const auto& l = lloydMaxLevels(bits);
    const auto& m = lloydMaxMidpoints(bits);
    double d = 0;
    for (size_t i = 0; i < l.size(); ++i) {
        const double a = i == 0 ? -kInf : m[i - 1];
        const double b = i + 1 == l.size() ? kInf : m[i];
        const double pa = pdf(a), pb = pdf(b);
        const double ta = std::isinf(a) ? 0.0 : (a - 2 * l[i]) * pa;
        const double tb = std::isinf(b) ? 0.0 : (b - 2 * l[i]) * pb;
        d += probability(a, b) * (1 + l[i] * l[i]) + ta - tb;
    }
    return d;
}

} // namespace bitlens

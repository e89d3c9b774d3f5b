#pragma once
// Colours of every plot: a light and a dark palette; series colours from Okabe and Ito's
// colour-blind-safe set, FP32 always the neutral first colour.
#include <quant/scheme.h>

#include <QColor>

#include <optional>
#include <vector>

namespace bitlens {

struct PlotTheme
{
    bool dark = false;
    QColor background, foreground, grid, subGrid;
    std::vector<QColor> series; // [0] is FP32

    QColor seriesColor(size_t i) const { return series[i % series.size()]; }
    // One colour per scheme in every view, whatever else is compared (series[1 + registry index]);
    // nullopt (FP32) is the neutral colour.
    QColor schemeColor(Scheme s) const { return seriesColor(1 + static_cast<size_t>(s)); }
    QColor specColor(const std::optional<QuantSpec>& spec) const { return spec ? schemeColor(spec->scheme) : series[0]; }
    // Bit-widths on a sequential ramp of their own (never a scheme's colour): pale for 1 bit, deep
    // for 16, so "more bits" reads as "darker" in the small multiples.
    QColor bitsColor(int bits) const;
    static PlotTheme light();
    static PlotTheme darkTheme();
};

} // namespace bitlens

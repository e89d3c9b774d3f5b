#pragma once
// Colours of every plot: a light and a dark palette; series colours from Okabe and Ito's
// colour-blind-safe set, FP32 always the neutral first colour.
#include <QColor>

#include <vector>

namespace bitlens {

struct PlotTheme
{
    bool dark = false;
    QColor background, foreground, grid, subGrid;
    std::vector<QColor> series; // [0] is FP32

    QColor seriesColor(size_t i) const { return series[i % series.size()]; }
    static PlotTheme light();
    static PlotTheme darkTheme();
};

} // namespace bitlens

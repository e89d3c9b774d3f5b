#include "plot_theme.h"

#include <algorithm>

namespace bitlens {

namespace {

std::vector<QColor> okabeIto(QColor neutral)
{
    return {neutral,
            QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9), QColor(0x00, 0x9E, 0x73),
            QColor(0xD5, 0x5E, 0x00), QColor(0x00, 0x72, 0xB2), QColor(0xCC, 0x79, 0xA7),
            QColor(0xF0, 0xE4, 0x42), QColor(0x99, 0x99, 0x99)};
}

} // namespace

QColor PlotTheme::bitsColor(int bits) const
{
    // A purple ramp (hue 270) from light to deep; on the dark theme, from deep to light.
    const double t = std::clamp((bits - 1) / 11.0, 0.0, 1.0);
    const double lightness = dark ? 0.45 + 0.35 * t : 0.70 - 0.45 * t;
    return QColor::fromHslF(270.0 / 360.0, 0.55, static_cast<float>(lightness));
}

PlotTheme PlotTheme::light()
{
    PlotTheme t;
    t.dark = false;
    t.background = Qt::white;
    t.foreground = QColor(0x20, 0x20, 0x20);
    t.grid = QColor(0xD8, 0xD8, 0xD8);
    t.subGrid = QColor(0xEE, 0xEE, 0xEE);
    t.series = okabeIto(QColor(0x40, 0x40, 0x40));
    return t;
}

PlotTheme PlotTheme::darkTheme()
{
    PlotTheme t;
    t.dark = true;
    t.background = QColor(0x1E, 0x1F, 0x22);
    t.foreground = QColor(0xE0, 0xE0, 0xE0);
    t.grid = QColor(0x44, 0x46, 0x4A);
    t.subGrid = QColor(0x30, 0x32, 0x36);
    t.series = okabeIto(QColor(0xC8, 0xC8, 0xC8));
    return t;
}

} // namespace bitlens

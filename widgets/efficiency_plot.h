#pragma once
// Bit efficiency against bits 1..8 (DESIGN.md "Metrics"), one line per scheme: SQNR with the
// Lloyd-Max, best-uniform and rate-distortion limits for a unit Gaussian, and the five efficiency
// metrics, as a 2 x 3 grid of small plots sharing one legend.
#include "plot_widget.h"

#include <quant/layer_views.h>

#include <vector>

namespace bitlens {

class EfficiencyPlot : public PlotWidget
{
    Q_OBJECT
public:
    explicit EfficiencyPlot(QWidget* parent = nullptr);
    void setData(const BitEfficiencyView& view);
    const BitEfficiencyView& data() const { return m_view; }

    QString exportName() const override { return QStringLiteral("bit-efficiency"); }
    QSizeF defaultExportSizeMm() const override { return {180, 130}; }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

    enum Metric { Sqnr, RangeCoverage, LevelUtilization, EntropyEfficiency, DensityFidelity, SqnrEfficiency, MetricCount };
    static QString metricName(Metric m);
    static QString metricFormula(Metric m);

protected:
    void rebuild() override;
    void fitView() override;

private:
    static double valueOf(const StatsRow& r, Metric m);
    BitEfficiencyView m_view;
    std::vector<QCPAxisRect*> m_rects;
    QCPTextElement* m_title = nullptr;
    QCPLegend* m_legend = nullptr;
};

} // namespace bitlens

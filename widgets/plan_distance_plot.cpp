#include "plan_distance_plot.h"

#include <quant/plan_csv.h>

#include "qcp.h"

#include <algorithm>
#include <cmath>

namespace bitlens {

PlanDistancePlot::PlanDistancePlot(QWidget* parent) : PlotWidget(parent)
{
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("weight layer (graph order)"));
    p->xAxis->setSubTicks(false);
    p->xAxis->grid()->setVisible(false);
    p->yAxis->setLabel(tr("activation distance"));
    p->yAxis2->setLabel(tr("relative to the FP32 activation"));
    p->yAxis2->setVisible(true);
    // Both value axes move together, so a bar and its point stay in step.
    p->axisRect()->setRangeDragAxes({p->xAxis}, {p->yAxis, p->yAxis2});
    p->axisRect()->setRangeZoomAxes({p->xAxis}, {p->yAxis, p->yAxis2});
    m_title = addTitleAndLegendRows();
}

void PlanDistancePlot::setData(const PlanDistanceView& view)
{
    m_view = view;
    dataChanged(!m_view.layers.empty());
}

void PlanDistancePlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    styleAxisRect(p->axisRect());
    styleLegend(p->legend);
    p->legend->setVisible(hasData());
    m_title->setTextColor(theme().foreground);
    if (!hasData()) {
        m_title->setText(QString());
        return;
    }
    const QString plan = m_view.planName.empty() ? tr("the plan") : QString::fromStdString(m_view.planName);
    m_title->setText(tr("Activation distance per layer, FP32 against %1, %n image(s)", nullptr,
                        static_cast<int>(m_view.images))
                         .arg(plan));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> keys, distance, relativeKeys, relative;
    for (size_t i = 0; i < m_view.layers.size(); ++i) {
        ticker->addTick(static_cast<double>(i), QString::fromStdString(m_view.layers[i]));
        if (i < m_view.distance.size()) {
            keys.push_back(static_cast<double>(i));
            distance.push_back(m_view.distance[i]);
        }
        if (i < m_view.relative.size()) {
            relativeKeys.push_back(static_cast<double>(i));
            relative.push_back(m_view.relative[i]);
        }
    }
    p->xAxis->setTicker(ticker);
    // Layer names are long: upright they run into each other beyond a few layers.
    p->xAxis->setTickLabelRotation(m_view.layers.size() > 3 ? 30 : 0);

    auto* bars = new QCPBars(p->xAxis, p->yAxis);
    bars->setName(tr("distance (1/N) Σ ||a_fp32 − a_plan||_F"));
    QColor c = theme().seriesColor(5);
    bars->setPen(QPen(c.darker(130)));
    c.setAlpha(190);
    bars->setBrush(c);
    bars->setWidth(0.7);
    bars->setData(keys, distance, true);

    p->yAxis2->setVisible(!relative.isEmpty());
    if (relative.isEmpty())
        return;
    auto* g = new QCPGraph(p->xAxis, p->yAxis2);
    g->setName(tr("relative: distance / ||a_fp32||_F"));
    const QColor r = theme().seriesColor(4);
    g->setPen(QPen(r, 1.2));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, r, 6));
    g->setData(relativeKeys, relative, true);
}

void PlanDistancePlot::fitView()
{
    if (!hasData())
        return;
    QCustomPlot* p = plot();
    p->xAxis->setRange(-0.5, static_cast<double>(m_view.layers.size()) - 0.5);
    // Non-finite values (an activation that overflowed) are left out of the range.
    const auto top = [](const std::vector<double>& values) {
        double most = 0;
        for (double v : values)
            if (std::isfinite(v))
                most = std::max(most, v);
        return most > 0 ? 1.08 * most : 1.0;
    };
    p->yAxis->setRange(0, top(m_view.distance));
    p->yAxis2->setRange(0, top(m_view.relative));
}

QByteArray PlanDistancePlot::csv() const { return QByteArray::fromStdString(planDistanceCsv(m_view)); }

QString PlanDistancePlot::hoverText(const QPoint& pos) const
{
    if (!plot()->axisRect()->rect().contains(pos))
        return {};
    const auto i = static_cast<int64_t>(std::lround(plot()->xAxis->pixelToCoord(pos.x())));
    if (i < 0 || i >= static_cast<int64_t>(m_view.layers.size()))
        return {};
    const auto u = static_cast<size_t>(i);
    QString text = tr("<b>%1</b> (layer %2 of %3)")
                       .arg(QString::fromStdString(m_view.layers[u]))
                       .arg(i + 1)
                       .arg(m_view.layers.size());
    if (u < m_view.distance.size())
        text += tr("<br>distance: %1<br>(1/N) Σ ||a_fp32 − a_plan||_F at the layer's output, N = %2 images")
                    .arg(m_view.distance[u], 0, 'g', 6)
                    .arg(m_view.images);
    if (u < m_view.relative.size())
        text += tr("<br>relative to ||a_fp32||_F: %1 (%2 %)")
                    .arg(m_view.relative[u], 0, 'g', 4)
                    .arg(100 * m_view.relative[u], 0, 'f', 2);
    return text;
}

} // namespace bitlens

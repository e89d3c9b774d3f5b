#include "accuracy_curve_plot.h"

#include <quant/view_csv.h>

#include "display_labels.h"
#include "qcp.h"

namespace bitlens {

AccuracyCurvePlot::AccuracyCurvePlot(QWidget* parent) : PlotWidget(parent)
{
    // Nominal widths: the sweep's x is n, not the bits per weight with scales (Table 1 has the sizes).
    plot()->xAxis->setLabel(tr("bit-width n"));
    plot()->yAxis->setLabel(tr("top-1 accuracy (%)"));
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1);
    plot()->xAxis->setTicker(ticker);
    plot()->xAxis->setSubTicks(false);
    addTitleAndLegendRows();
}

void AccuracyCurvePlot::setData(const AccuracyTable& table)
{
    m_table = table;
    dataChanged(m_table.fp32.has_value() || !m_table.cells.empty());
}

void AccuracyCurvePlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    styleAxisRect(p->axisRect());
    styleLegend(p->legend);
    p->legend->setVisible(hasData());
    if (auto* title = qobject_cast<QCPTextElement*>(p->plotLayout()->element(0, 0))) {
        title->setTextColor(theme().foreground);
        title->setText(tr("Top-1 accuracy against bits per weight, %1").arg(granularityLabel(m_table.granularity)));
    }
    if (!hasData())
        return;
    for (size_t s = 0; s < m_table.schemes.size(); ++s) {
        QVector<double> k, v;
        for (int b : m_table.bits)
            if (const AccuracyCell* c = m_table.find(m_table.schemes[s], b)) {
                k.push_back(b);
                v.push_back(100 * c->top1);
            }
        auto* g = new QCPGraph(p->xAxis, p->yAxis);
        g->setName(QString::fromUtf8(schemeName(m_table.schemes[s]).data()));
        const QColor c = theme().schemeColor(m_table.schemes[s]);
        g->setPen(QPen(c, 1.8));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, 6));
        g->setData(k, v, true);
    }
    if (m_table.fp32) {
        auto* g = new QCPGraph(p->xAxis, p->yAxis);
        g->setName(tr("FP32 (%1 %)").arg(100 * m_table.fp32->top1, 0, 'f', 2));
        g->setPen(QPen(theme().seriesColor(0), 1.4, Qt::DashLine));
        const double lo = m_table.bits.empty() ? 1 : m_table.bits.front() - 0.5;
        const double hi = m_table.bits.empty() ? 8 : m_table.bits.back() + 0.5;
        g->setData({lo, hi}, {100 * m_table.fp32->top1, 100 * m_table.fp32->top1}, true);
    }
}

void AccuracyCurvePlot::fitView()
{
    if (!hasData())
        return;
    const double lo = m_table.bits.empty() ? 1 : m_table.bits.front() - 0.5;
    const double hi = m_table.bits.empty() ? 8 : m_table.bits.back() + 0.5;
    plot()->xAxis->setRange(lo, hi);
    plot()->yAxis->setRange(0, 100);
}

QByteArray AccuracyCurvePlot::csv() const { return QByteArray::fromStdString(accuracyCsv(m_table)); }

QString AccuracyCurvePlot::hoverText(const QPoint& pos) const
{
    if (!plot()->axisRect()->rect().contains(pos))
        return {};
    const int bits = static_cast<int>(std::lround(plot()->xAxis->pixelToCoord(pos.x())));
    QString text = tr("<b>%1 bits</b>").arg(bits);
    bool any = false;
    for (Scheme s : m_table.schemes)
        if (const AccuracyCell* c = m_table.find(s, bits)) {
            text += tr("<br>%1: top-1 %2 %, top-5 %3 %").arg(QString::fromUtf8(schemeName(s).data())).arg(100 * c->top1, 0, 'f', 2).arg(100 * c->top5, 0, 'f', 2);
            any = true;
        }
    if (m_table.fp32)
        text += tr("<br>FP32: top-1 %1 %").arg(100 * m_table.fp32->top1, 0, 'f', 2);
    return any || m_table.fp32 ? text : QString();
}

} // namespace bitlens

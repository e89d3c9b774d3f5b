#include "efficiency_plot.h"

#include <quant/view_csv.h>

#include "display_labels.h"
#include "qcp.h"

#include <cmath>

namespace bitlens {

EfficiencyPlot::EfficiencyPlot(QWidget* parent) : PlotWidget(parent)
{
    QCustomPlot* p = plot();
    p->plotLayout()->clear(); // the default axis rect and legend go; the grid below replaces them
    m_title = new QCPTextElement(p, QString(), QFont(font().family(), 10, QFont::Bold));
    p->plotLayout()->addElement(0, 0, m_title);
    auto* grid = new QCPLayoutGrid;
    p->plotLayout()->addElement(1, 0, grid);
    for (int m = 0; m < MetricCount; ++m) {
        auto* rect = new QCPAxisRect(p);
        grid->addElement(m / 3, m % 3, rect);
        rect->axis(QCPAxis::atBottom)->setLabel(tr("bits"));
        rect->axis(QCPAxis::atLeft)->setLabel(metricName(static_cast<Metric>(m)));
        QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
        ticker->setTickStep(1);
        rect->axis(QCPAxis::atBottom)->setTicker(ticker);
        rect->axis(QCPAxis::atBottom)->setSubTicks(false);
        rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
        rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
        for (QCPAxis* a : rect->axes())
            a->grid()->setLayer(QStringLiteral("grid"));
        m_rects.push_back(rect);
    }
    m_legend = new QCPLegend;
    p->plotLayout()->addElement(2, 0, m_legend);
    m_legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_legend->setWrap(5);
    p->plotLayout()->setRowStretchFactor(0, 0.01);
    p->plotLayout()->setRowStretchFactor(2, 0.01);
    p->legend = m_legend; // plottables added with a name show here
    m_legend->setLayer(QStringLiteral("legend"));
}

QString EfficiencyPlot::metricName(Metric m)
{
    switch (m) {
    case Sqnr: return tr("SQNR (dB)");
    case RangeCoverage: return tr("range coverage");
    case LevelUtilization: return tr("level utilisation");
    case EntropyEfficiency: return tr("entropy efficiency");
    case DensityFidelity: return tr("density fidelity");
    case SqnrEfficiency: return tr("SQNR efficiency");
    case MetricCount: break;
    }
    return {};
}

QString EfficiencyPlot::metricFormula(Metric m)
{
    switch (m) {
    case Sqnr: return tr("10·log10(Σx² / Σ(x − x̂)²) over the whole tensor");
    case RangeCoverage: return tr("(max x̂ − min x̂) / (max x − min x), not clipped");
    case LevelUtilization: return tr("distinct codes used / 2ⁿ (per channel: mean over channels)");
    case EntropyEfficiency: return tr("H(codes) / n, H the empirical entropy in bits");
    case DensityFidelity: return tr("1 − JS(p, q) on min(2ⁿ, 256) shared bins, base-2 Jensen-Shannon");
    case SqnrEfficiency: return tr("SQNR_dB / (6.02·n); 1 = the Gaussian rate-distortion bound");
    case MetricCount: break;
    }
    return {};
}

double EfficiencyPlot::valueOf(const StatsRow& r, Metric m)
{
    switch (m) {
    case Sqnr: return r.error.sqnrDb ? *r.error.sqnrDb : qQNaN(); // exact: no finite point
    case RangeCoverage: return r.rangeCoverage;
    case LevelUtilization: return r.levelUtilization;
    case EntropyEfficiency: return r.entropyEfficiency;
    case DensityFidelity: return r.densityFidelity;
    case SqnrEfficiency: return r.sqnrEfficiency ? *r.sqnrEfficiency : qQNaN();
    case MetricCount: break;
    }
    return qQNaN();
}

void EfficiencyPlot::setData(const BitEfficiencyView& view)
{
    m_view = view;
    dataChanged(!m_view.lines.empty());
}

void EfficiencyPlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    m_title->setTextColor(theme().foreground);
    m_title->setText(hasData() ? tr("%1: bit efficiency, %2")
                                     .arg(QString::fromStdString(m_view.layer), granularityLabel(m_view.granularity))
                               : QString());
    styleLegend(m_legend);
    m_legend->setVisible(hasData());
    for (QCPAxisRect* r : m_rects)
        styleAxisRect(r);
    if (!hasData())
        return;
    for (int m = 0; m < MetricCount; ++m) {
        QCPAxisRect* rect = m_rects[static_cast<size_t>(m)];
        for (size_t s = 0; s < m_view.lines.size(); ++s) {
            const EfficiencyLine& line = m_view.lines[s];
            auto* g = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
            g->setName(QString::fromUtf8(schemeName(line.scheme).data()));
            const QColor c = theme().schemeColor(line.scheme);
            g->setPen(QPen(c, 1.8));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, 5));
            QVector<double> k, v;
            for (const StatsRow& r : line.rows) {
                k.push_back(r.spec.bits);
                v.push_back(valueOf(r, static_cast<Metric>(m)));
            }
            g->setData(k, v, true);
            if (m != Sqnr)
                g->removeFromLegend();
        }
        if (m == Sqnr) {
            const std::pair<QString, const std::vector<double>*> limits[] = {
                {tr("Lloyd-Max limit"), &m_view.lloydMax},
                {tr("best uniform limit"), &m_view.bestUniform},
                {tr("rate-distortion bound"), &m_view.rateDistortion}};
            const Qt::PenStyle styles[] = {Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
            for (size_t i = 0; i < 3; ++i) {
                auto* g = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
                g->setName(limits[i].first);
                g->setPen(QPen(theme().foreground, 1.2, styles[i]));
                QVector<double> k(m_view.limitBits.begin(), m_view.limitBits.end());
                g->setData(k, QVector<double>(limits[i].second->begin(), limits[i].second->end()), true);
            }
        }
    }
}

void EfficiencyPlot::fitView()
{
    if (!hasData())
        return;
    for (int m = 0; m < MetricCount; ++m) {
        QCPAxisRect* rect = m_rects[static_cast<size_t>(m)];
        rect->axis(QCPAxis::atBottom)->setRange(0.5, 8.5);
        double lo = 0, hi = m == Sqnr ? 50 : 1.05;
        for (QCPGraph* g : rect->graphs()) {
            bool found = false;
            const QCPRange r = g->getValueRange(found);
            if (found) {
                lo = std::min(lo, r.lower);
                hi = std::max(hi, r.upper);
            }
        }
        const double pad = 0.04 * (hi - lo);
        rect->axis(QCPAxis::atLeft)->setRange(lo - pad, hi + pad);
    }
}

QByteArray EfficiencyPlot::csv() const { return QByteArray::fromStdString(bitEfficiencyCsv(m_view)); }

QString EfficiencyPlot::hoverText(const QPoint& pos) const
{
    for (int m = 0; m < MetricCount; ++m) {
        QCPAxisRect* rect = m_rects[static_cast<size_t>(m)];
        if (!rect->rect().contains(pos))
            continue;
        const int bits = static_cast<int>(std::lround(rect->axis(QCPAxis::atBottom)->pixelToCoord(pos.x())));
        if (bits < 1 || bits > 8)
            return {};
        QString text = tr("<b>%1</b> at %2 bits<br><i>%3</i>").arg(metricName(static_cast<Metric>(m))).arg(bits).arg(metricFormula(static_cast<Metric>(m)));
        for (const EfficiencyLine& line : m_view.lines)
            for (const StatsRow& r : line.rows)
                if (r.spec.bits == bits) {
                    const double v = valueOf(r, static_cast<Metric>(m));
                    text += QStringLiteral("<br>%1: %2").arg(QString::fromUtf8(schemeName(line.scheme).data()),
                                                             std::isnan(v) ? tr("exact") : QString::number(v, 'g', 6));
                }
        if (m == Sqnr && bits <= static_cast<int>(m_view.lloydMax.size()))
            text += tr("<br>Lloyd-Max %1 dB, best uniform %2 dB, rate-distortion %3 dB")
                        .arg(m_view.lloydMax[static_cast<size_t>(bits - 1)], 0, 'f', 2)
                        .arg(m_view.bestUniform[static_cast<size_t>(bits - 1)], 0, 'f', 2)
                        .arg(m_view.rateDistortion[static_cast<size_t>(bits - 1)], 0, 'f', 2);
        return text;
    }
    return {};
}

} // namespace bitlens

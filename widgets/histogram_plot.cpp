#include "histogram_plot.h"

#include <quant/view_csv.h>

#include "qcp.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace bitlens {

HistogramPlot::HistogramPlot(const QString& name, QWidget* parent)
    : PlotWidget(parent), m_name(name), m_log(new QCheckBox(tr("Log counts"), this)), m_bins(new QSpinBox(this))
{
    m_log->setToolTip(tr("Logarithmic count axis: shows the sparse tails"));
    m_bins->setRange(0, 4096);
    m_bins->setSpecialValueText(tr("auto"));
    m_bins->setToolTip(tr("Bins over the union of the ranges; auto = min(2^n, 256) for the shown bits"));
    controls()->addWidget(m_log);
    controls()->addWidget(new QLabel(tr("Bins"), this));
    controls()->addWidget(m_bins);
    controls()->addStretch(1);
    connect(m_log, &QCheckBox::toggled, this, [this](bool on) {
        dataChanged(hasData());
        Q_EMIT logCountsToggled(on);
    });
    connect(m_bins, &QSpinBox::editingFinished, this, [this] { Q_EMIT binsRequested(m_bins->value()); });
    m_titleElement = addTitleAndLegendRows();
    plot()->yAxis->setLabel(tr("count"));
    plot()->xAxis->setLabel(tr("weight value"));
}

void HistogramPlot::setData(const HistogramView& view, const QString& title)
{
    m_view = view;
    m_title = title;
    dataChanged(!m_view.histograms.empty() && m_view.histograms[0].bins > 0);
}

void HistogramPlot::setLogCounts(bool log)
{
    m_log->setChecked(log);
}

bool HistogramPlot::logCounts() const { return m_log->isChecked(); }

void HistogramPlot::setBinCount(int bins)
{
    const QSignalBlocker block(m_bins);
    m_bins->setValue(bins);
}

void HistogramPlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    styleAxisRect(p->axisRect());
    styleLegend(p->legend);
    p->legend->setVisible(hasData());
    QCPTextElement* title = m_titleElement;
    title->setTextColor(theme().foreground);
    title->setText(hasData() ? m_title : QString());
    const bool log = m_log->isChecked();
    p->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        p->yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        p->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
    if (!hasData())
        return;
    for (size_t s = 0; s < m_view.histograms.size(); ++s) {
        const Histogram& h = m_view.histograms[s];
        // A step line through each bin's left edge, closed at the right edge of the last bin. On a
        // log axis an empty bin has no height: it is left out (NaN breaks the line).
        QVector<double> keys, values;
        for (int b = 0; b <= h.bins; ++b) {
            const int64_t c = h.counts[static_cast<size_t>(std::min(b, h.bins - 1))];
            keys.push_back(b == h.bins ? h.hi : h.lo + b * h.binWidth());
            values.push_back(log && c == 0 ? qQNaN() : static_cast<double>(c));
        }
        auto* g = new QCPGraph(p->xAxis, p->yAxis);
        g->setName(QString::fromStdString(m_view.series[s]));
        g->setLineStyle(QCPGraph::lsStepLeft);
        const QColor c = theme().seriesColor(s);
        g->setPen(QPen(c, s == 0 ? 1.0 : 1.6));
        if (s == 0) {
            QColor fill = c;
            fill.setAlpha(60);
            g->setBrush(fill);
        }
        g->setData(keys, values, true);
    }
}

void HistogramPlot::fitView()
{
    if (!hasData())
        return;
    const Histogram& h0 = m_view.histograms[0];
    const double pad = h0.hi > h0.lo ? 0.02 * (h0.hi - h0.lo) : 0.5;
    plot()->xAxis->setRange(h0.lo - pad, h0.hi + pad);
    int64_t most = 1;
    for (const Histogram& h : m_view.histograms)
        for (int64_t c : h.counts)
            most = std::max(most, c);
    if (m_log->isChecked())
        plot()->yAxis->setRange(0.8, static_cast<double>(most) * 2);
    else
        plot()->yAxis->setRange(0, static_cast<double>(most) * 1.05);
}

QByteArray HistogramPlot::csv() const { return QByteArray::fromStdString(histogramsCsv(m_view)); }

QString HistogramPlot::hoverText(const QPoint& pos) const
{
    if (!plot()->axisRect()->rect().contains(pos))
        return {};
    const Histogram& h0 = m_view.histograms[0];
    const double x = plot()->xAxis->pixelToCoord(pos.x());
    if (x < h0.lo || x > h0.hi)
        return {};
    const auto b = static_cast<int>(binIndex(x, h0.lo, h0.binWidth(), h0.bins));
    const double lo = h0.lo + b * h0.binWidth();
    const double hi = b + 1 == h0.bins ? h0.hi : lo + h0.binWidth();
    QString text = tr("bin %1: [%2, %3%4").arg(b).arg(lo, 0, 'g', 6).arg(hi, 0, 'g', 6).arg(b + 1 == h0.bins ? QLatin1Char(']') : QLatin1Char(')'));
    for (size_t s = 0; s < m_view.histograms.size(); ++s)
        text += QStringLiteral("<br>%1: %2").arg(QString::fromStdString(m_view.series[s])).arg(m_view.histograms[s].counts[static_cast<size_t>(b)]);
    return text;
}

} // namespace bitlens

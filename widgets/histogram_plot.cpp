#include "histogram_plot.h"

#include <quant/view_csv.h>

#include "display_labels.h"
#include "qcp.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace bitlens {

namespace {

// A step line through each bin's left edge, closed at the right edge of the last bin. On a log
// axis an empty bin has no height: it is left out (NaN breaks the line).
void setSteps(QCPGraph* g, const Histogram& h, bool log)
{
    QVector<double> keys, values;
    for (int b = 0; b <= h.bins; ++b) {
        const int64_t c = h.counts[static_cast<size_t>(std::min(b, h.bins - 1))];
        keys.push_back(b == h.bins ? h.hi : h.lo + b * h.binWidth());
        values.push_back(log && c == 0 ? qQNaN() : static_cast<double>(c));
    }
    g->setLineStyle(QCPGraph::lsStepLeft);
    g->setData(keys, values, true);
}

void setCountAxis(QCPAxis* axis, bool log)
{
    axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    else
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
}

} // namespace

HistogramPlot::HistogramPlot(const QString& name, Layout layout, QWidget* parent)
    : PlotWidget(parent), m_name(name), m_layout(layout), m_log(new QCheckBox(tr("Log counts"), this)), m_bins(new QSpinBox(this))
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
    if (m_layout == SmallMultiples) {
        // The panels replace the default axis rect and legend: each panel names its series.
        plot()->plotLayout()->remove(plot()->legend);
        plot()->legend = nullptr;
        plot()->plotLayout()->remove(plot()->axisRect());
        plot()->plotLayout()->simplify();
        m_panels = new QCPLayoutGrid;
        plot()->plotLayout()->addElement(1, 0, m_panels);
        m_panels->setWrap(4);
        m_panels->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    }
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
    if (m_layout == SmallMultiples) {
        rebuildPanels();
        return;
    }
    QCustomPlot* p = plot();
    p->clearPlottables();
    styleAxisRect(p->axisRect());
    styleLegend(p->legend);
    p->legend->setVisible(hasData());
    QCPTextElement* title = m_titleElement;
    title->setTextColor(theme().foreground);
    title->setText(hasData() ? m_title : QString());
    const bool log = m_log->isChecked();
    setCountAxis(p->yAxis, log);
    if (!hasData())
        return;
    for (size_t s = 0; s < m_view.histograms.size(); ++s) {
        const Histogram& h = m_view.histograms[s];
        auto* g = new QCPGraph(p->xAxis, p->yAxis);
        g->setName(displayLabel(s < m_view.names.size() ? m_view.names[s] : m_view.series[s]));
        const QColor c = s < m_view.specs.size() ? theme().specColor(m_view.specs[s]) : theme().seriesColor(s);
        g->setPen(QPen(c, s == 0 ? 1.0 : 1.6));
        if (s == 0) {
            QColor fill = c;
            fill.setAlpha(60);
            g->setBrush(fill);
        }
        setSteps(g, h, log);
    }
}

void HistogramPlot::rebuildPanels()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    m_titleElement->setTextColor(theme().foreground);
    m_titleElement->setText(hasData() ? m_title : QString());
    const size_t panels = hasData() ? m_view.histograms.size() - 1 : 0;
    if (m_panelRects.size() != panels) {
        m_panels->clear();
        m_panelRects.clear();
        for (size_t i = 0; i < panels; ++i) {
            auto* rect = new QCPAxisRect(p);
            rect->setupFullAxesBox(false);
            rect->axis(QCPAxis::atTop)->setTicks(false);
            rect->axis(QCPAxis::atTop)->setTickLabels(false);
            rect->axis(QCPAxis::atRight)->setTicks(false);
            rect->axis(QCPAxis::atRight)->setTickLabels(false);
            rect->axis(QCPAxis::atTop)->setLabelFont(QFont(font().family(), 8));
            rect->axis(QCPAxis::atBottom)->setTickLabelFont(QFont(font().family(), 7));
            rect->axis(QCPAxis::atLeft)->setTickLabelFont(QFont(font().family(), 7));
            rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
            rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
            m_panels->addElement(rect);
            m_panelRects.push_back(rect);
        }
    }
    const bool log = m_log->isChecked();
    for (size_t i = 0; i < panels; ++i) {
        QCPAxisRect* rect = m_panelRects[i];
        styleAxisRect(rect);
        rect->axis(QCPAxis::atTop)->setLabel(displayLabel(i + 1 < m_view.names.size() ? m_view.names[i + 1] : m_view.series[i + 1]));
        setCountAxis(rect->axis(QCPAxis::atLeft), log);
        auto* fp32 = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        QColor shade = theme().seriesColor(0);
        shade.setAlpha(60);
        fp32->setPen(QPen(theme().seriesColor(0), 0.8));
        fp32->setBrush(shade);
        setSteps(fp32, m_view.histograms[0], log);
        auto* q = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
        const std::optional<QuantSpec> spec = i + 1 < m_view.specs.size() ? m_view.specs[i + 1] : std::nullopt;
        q->setPen(QPen(spec ? theme().bitsColor(spec->bits) : theme().seriesColor(i + 1), 1.4));
        setSteps(q, m_view.histograms[i + 1], log);
    }
}

void HistogramPlot::fitView()
{
    if (!hasData())
        return;
    if (m_layout == SmallMultiples) {
        const Histogram& h0 = m_view.histograms[0];
        const double pad = h0.hi > h0.lo ? 0.02 * (h0.hi - h0.lo) : 0.5;
        for (size_t i = 0; i < m_panelRects.size(); ++i) {
            // Each panel scaled to its own series and FP32: at 2 bits one level can hold most of
            // the tensor, which would flatten every other panel on a shared scale.
            QCPAxisRect* r = m_panelRects[i];
            int64_t most = 1;
            for (const Histogram* h : {&m_view.histograms[0], &m_view.histograms[i + 1]})
                for (int64_t c : h->counts)
                    most = std::max(most, c);
            r->axis(QCPAxis::atBottom)->setRange(h0.lo - pad, h0.hi + pad);
            if (m_log->isChecked())
                r->axis(QCPAxis::atLeft)->setRange(0.8, static_cast<double>(most) * 2);
            else
                r->axis(QCPAxis::atLeft)->setRange(0, static_cast<double>(most) * 1.05);
        }
        return;
    }
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
    const Histogram& h0 = m_view.histograms[0];
    if (m_layout == SmallMultiples) {
        for (size_t i = 0; i < m_panelRects.size(); ++i) {
            if (!m_panelRects[i]->rect().contains(pos))
                continue;
            const double x = m_panelRects[i]->axis(QCPAxis::atBottom)->pixelToCoord(pos.x());
            if (x < h0.lo || x > h0.hi)
                return {};
            const auto b = static_cast<size_t>(binIndex(x, h0.lo, h0.binWidth(), h0.bins));
            return tr("bin %1<br>FP32: %2<br>%3: %4")
                .arg(b)
                .arg(m_view.histograms[0].counts[b])
                .arg(displayLabel(m_view.series[i + 1]))
                .arg(m_view.histograms[i + 1].counts[b]);
        }
        return {};
    }
    if (!plot()->axisRect()->rect().contains(pos))
        return {};
    const double x = plot()->xAxis->pixelToCoord(pos.x());
    if (x < h0.lo || x > h0.hi)
        return {};
    const auto b = static_cast<int>(binIndex(x, h0.lo, h0.binWidth(), h0.bins));
    const double lo = h0.lo + b * h0.binWidth();
    const double hi = b + 1 == h0.bins ? h0.hi : lo + h0.binWidth();
    QString text = tr("bin %1: [%2, %3%4").arg(b).arg(lo, 0, 'g', 6).arg(hi, 0, 'g', 6).arg(b + 1 == h0.bins ? QLatin1Char(']') : QLatin1Char(')'));
    for (size_t s = 0; s < m_view.histograms.size(); ++s)
        text += QStringLiteral("<br>%1: %2").arg(displayLabel(m_view.series[s])).arg(m_view.histograms[s].counts[static_cast<size_t>(b)]);
    return text;
}

} // namespace bitlens

#include "channel_sqnr_plot.h"

#include <quant/view_csv.h>

#include "display_labels.h"
#include "qcp.h"

namespace bitlens {

ChannelSqnrPlot::ChannelSqnrPlot(QWidget* parent) : PlotWidget(parent)
{
    plot()->xAxis->setLabel(tr("per-channel SQNR (dB)"));
    plot()->yAxis->setLabel(tr("output channels"));
    plot()->plotLayout()->insertRow(0);
    plot()->plotLayout()->addElement(0, 0, new QCPTextElement(plot(), QString(), QFont(font().family(), 10, QFont::Bold)));
}

void ChannelSqnrPlot::setData(const ChannelSqnrView& view)
{
    m_view = view;
    dataChanged(!m_view.perChannel.empty());
}

void ChannelSqnrPlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    styleAxisRect(p->axisRect());
    auto* title = qobject_cast<QCPTextElement*>(p->plotLayout()->element(0, 0));
    title->setTextColor(theme().foreground);
    if (!hasData()) {
        title->setText(QString());
        return;
    }
    QString text = tr("%1: per-channel SQNR, %2").arg(QString::fromStdString(m_view.layer), seriesText(m_view.spec));
    if (m_view.exact > 0)
        text += tr(" (%n channel(s) exact)", nullptr, static_cast<int>(m_view.exact));
    if (m_view.minusInfinity > 0)
        text += tr(" (%n all-zero channel(s) reconstructed as non-zero)", nullptr, static_cast<int>(m_view.minusInfinity));
    title->setText(text);
    const Histogram& h = m_view.histogram;
    if (h.bins <= 0 || !(h.binWidth() > 0)) // no finite channel SQNR (quant/ gives one value a 1 dB bin)
        return;
    auto* bars = new QCPBars(p->xAxis, p->yAxis);
    QColor c = theme().schemeColor(m_view.spec.scheme);
    bars->setPen(QPen(c.darker(130)));
    c.setAlpha(180);
    bars->setBrush(c);
    const double w = h.binWidth();
    bars->setWidth(w);
    QVector<double> k, v;
    for (int b = 0; b < h.bins; ++b) {
        k.push_back(h.lo + (b + 0.5) * w);
        v.push_back(static_cast<double>(h.counts[static_cast<size_t>(b)]));
    }
    bars->setData(k, v, true);
}

void ChannelSqnrPlot::fitView()
{
    const Histogram& h = m_view.histogram;
    if (!hasData() || h.bins <= 0 || !(h.binWidth() > 0))
        return;
    const double w = h.binWidth();
    plot()->xAxis->setRange(h.lo - w, h.lo + (h.bins + 1) * w);
    int64_t most = 1;
    for (int64_t c : h.counts)
        most = std::max(most, c);
    plot()->yAxis->setRange(0, static_cast<double>(most) * 1.08);
}

QByteArray ChannelSqnrPlot::csv() const { return QByteArray::fromStdString(channelSqnrCsv(m_view)); }

QString ChannelSqnrPlot::hoverText(const QPoint& pos) const
{
    const Histogram& h = m_view.histogram;
    if (h.bins <= 0 || !(h.binWidth() > 0) || !plot()->axisRect()->rect().contains(pos))
        return {};
    const double x = plot()->xAxis->pixelToCoord(pos.x());
    const double w = h.binWidth();
    if (x < h.lo || x > h.lo + h.bins * w)
        return {};
    const auto b = static_cast<int>(binIndex(x, h.lo, w, h.bins));
    return tr("SQNR %1 to %2 dB: %n channel(s)", nullptr, static_cast<int>(h.counts[static_cast<size_t>(b)]))
        .arg(h.lo + b * w, 0, 'f', 2)
        .arg(h.lo + (b + 1) * w, 0, 'f', 2);
}

} // namespace bitlens

#include "dendrogram_plot.h"

#include "qcp.h"

#include <cmath>

namespace bitlens {

DendrogramPlot::DendrogramPlot(QWidget* parent) : PlotWidget(parent)
{
    QCustomPlot* p = plot();
    m_title = addTitleAndLegendRows();
    p->legend->setVisible(false);
    p->yAxis->setRangeReversed(true); // the classes (most similar) at the bottom, merges rising
    p->xAxis->setSubTicks(false);
    p->xAxis->grid()->setVisible(false);
    p->xAxis->setTickLabelRotation(45);
    // A click is a press and release at the same place; a drag pans the view as everywhere else.
    connect(p, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) { m_pressPos = event->pos(); });
    connect(p, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        if (!hasData() || event->button() != Qt::LeftButton || (event->pos() - m_pressPos).manhattanLength() > 3)
            return;
        if (!plot()->axisRect()->rect().contains(event->pos()))
            return;
        Q_EMIT cutPicked(plot()->yAxis->pixelToCoord(event->pos().y()));
    });
}

void DendrogramPlot::setData(const DendrogramView& view)
{
    const bool sameShape = hasData() && view.dendrogram.classes == m_view.dendrogram.classes &&
                           view.dendrogram.measure == m_view.dendrogram.measure &&
                           view.dendrogram.merges.size() == m_view.dendrogram.merges.size();
    const QCPRange x = plot()->xAxis->range(), y = plot()->yAxis->range();
    m_view = view;
    dataChanged(!m_view.dendrogram.merges.empty());
    if (sameShape) { // moving the cut keeps the user's zoom
        plot()->xAxis->setRange(x);
        plot()->yAxis->setRange(y);
        plot()->replot();
    }
}

void DendrogramPlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    m_title->setTextColor(theme().foreground);
    if (!hasData()) {
        m_title->setText(QString());
        return;
    }
    const bool byConfusion = m_view.dendrogram.measure == "confusion";
    m_title->setText(byConfusion ? tr("Classes by confusion rate (average linkage)\ncut at %1").arg(m_view.cut, 0, 'g', 4)
                                 : tr("Classes by last-layer weights (average linkage)\ncut at %1").arg(m_view.cut, 0, 'g', 4));
    p->yAxis->setLabel(byConfusion ? tr("confusion rate") : tr("cosine similarity"));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    const DendrogramLayout& l = m_view.layout;
    for (size_t i = 0; i < l.leafOrder.size(); ++i)
        ticker->addTick(static_cast<double>(i),
                        QString::fromStdString(m_view.dendrogram.classes[static_cast<size_t>(l.leafOrder[i])]));
    p->xAxis->setTicker(ticker);
    for (const DendrogramLayout::Link& link : l.links) {
        auto* curve = new QCPCurve(p->xAxis, p->yAxis);
        curve->setData(QVector<double>{link.xA, link.xA, link.xB, link.xB},
                       QVector<double>{link.heightA, link.height, link.height, link.heightB});
        const QColor colour = link.group >= 0 ? theme().seriesColor(static_cast<size_t>(link.group)) : theme().grid.darker(150);
        curve->setPen(QPen(colour, link.group >= 0 ? 2.0 : 1.2));
        curve->setSelectable(QCP::stNone);
    }
    auto* cut = new QCPItemStraightLine(p);
    cut->point1->setCoords(0, m_view.cut);
    cut->point2->setCoords(1, m_view.cut);
    QPen pen(theme().foreground, 1.2, Qt::DashLine);
    cut->setPen(pen);
}

void DendrogramPlot::fitView()
{
    if (!hasData())
        return;
    const DendrogramLayout& l = m_view.layout;
    double lo = l.leafHeight, hi = l.leafHeight;
    for (const DendrogramLayout::Link& link : l.links)
        lo = std::min(lo, link.height);
    lo = std::min(lo, m_view.cut);
    hi = std::max(hi, m_view.cut);
    const double pad = 0.05 * (hi > lo ? hi - lo : 1);
    plot()->yAxis->setRange(lo - pad, hi + pad);
    plot()->xAxis->setRange(-0.7, static_cast<double>(l.leafOrder.size()) - 0.3);
}

QByteArray DendrogramPlot::csv() const { return QByteArray::fromStdString(dendrogramCsv(m_view)); }

int DendrogramPlot::linkAt(const QPoint& pos) const
{
    // The horizontal bar of a merge: within its x span and a few pixels of its height.
    int best = -1;
    double bestDistance = 6; // pixels
    const QCPAxis* x = plot()->xAxis;
    const QCPAxis* y = plot()->yAxis;
    for (size_t k = 0; k < m_view.layout.links.size(); ++k) {
        const DendrogramLayout::Link& link = m_view.layout.links[k];
        const double x0 = x->coordToPixel(std::min(link.xA, link.xB)), x1 = x->coordToPixel(std::max(link.xA, link.xB));
        if (pos.x() < x0 - 4 || pos.x() > x1 + 4)
            continue;
        const double d = std::abs(y->coordToPixel(link.height) - pos.y());
        if (d < bestDistance) {
            bestDistance = d;
            best = static_cast<int>(k);
        }
    }
    return best;
}

QString DendrogramPlot::hoverText(const QPoint& pos) const
{
    if (!hasData())
        return {};
    const int k = linkAt(pos);
    if (k < 0) {
        if (!plot()->axisRect()->rect().contains(pos))
            return {};
        return tr("similarity %1 — click to cut here").arg(plot()->yAxis->pixelToCoord(pos.y()), 0, 'g', 4);
    }
    const DendrogramLayout::Link& link = m_view.layout.links[static_cast<size_t>(k)];
    QStringList names;
    for (int c : link.classes)
        names << QString::fromStdString(m_view.dendrogram.classes[static_cast<size_t>(c)]);
    const QString formula = m_view.dendrogram.measure == "confusion"
                                ? tr("mean of s(i,j) = (C[i][j]+C[j][i])/(n_i+n_j) over the pairs of the two clusters")
                                : tr("mean cosine similarity of the two clusters' weight rows");
    return tr("<b>merge %1</b>: %2<br>similarity %3 (%4)<br>%5")
        .arg(k + 1)
        .arg(names.join(QStringLiteral(", ")).toHtmlEscaped())
        .arg(link.height, 0, 'g', 6)
        .arg(formula)
        .arg(link.height >= m_view.cut ? tr("above the cut: one group") : tr("below the cut"));
}

} // namespace bitlens

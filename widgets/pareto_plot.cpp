#include "pareto_plot.h"

#include <quant/plan_csv.h>

#include "qcp.h"

#include <algorithm>
#include <limits>

namespace bitlens {

namespace {

constexpr double kHitPixels = 10; // how near the mouse must be to a point for hover and click

} // namespace

ParetoPlot::ParetoPlot(QWidget* parent) : PlotWidget(parent)
{
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("bits per weight (overhead included)"));
    p->yAxis->setLabel(tr("top-1 accuracy (%)"));
    m_title = addTitleAndLegendRows();
    // A click is a press and release at the same place; a drag pans the view as everywhere else.
    connect(p, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) { m_pressPos = event->pos(); });
    connect(p, &QCustomPlot::mouseRelease, this, [this](QMouseEvent* event) {
        if (event->button() != Qt::LeftButton || (event->pos() - m_pressPos).manhattanLength() > 3)
            return;
        const int index = pointAt(event->pos());
        if (index >= 0)
            Q_EMIT pointActivated(index);
    });
}

void ParetoPlot::setData(const ParetoView& view)
{
    m_view = view;
    dataChanged(!m_view.points.empty());
}

QString ParetoPlot::kindName(ParetoKind kind) const
{
    switch (kind) {
    case ParetoKind::Proposal: return tr("proposal");
    case ParetoKind::User: return tr("your plan");
    case ParetoKind::Uniform: return tr("uniform plan");
    }
    return {};
}

void ParetoPlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    styleAxisRect(p->axisRect());
    styleLegend(p->legend);
    p->legend->setVisible(hasData());
    m_title->setTextColor(theme().foreground);
    m_title->setText(hasData() ? tr("Top-1 accuracy against weight size") : QString());
    if (!hasData())
        return;

    // The front first, so the points are drawn over it. QCPGraph sorts the points by key, which
    // is the increasing bits-per-weight order the step line needs.
    QVector<double> frontKeys, frontValues;
    for (const ParetoPoint& pt : m_view.points)
        if (pt.onFront) {
            frontKeys.push_back(pt.bitsPerWeight);
            frontValues.push_back(100 * pt.top1);
        }
    if (!frontKeys.isEmpty()) {
        auto* front = new QCPGraph(p->xAxis, p->yAxis);
        front->setName(tr("Pareto front"));
        front->setPen(QPen(theme().seriesColor(0), 1.2));
        front->setLineStyle(QCPGraph::lsStepLeft);
        front->setData(frontKeys, frontValues);
    }

    struct KindStyle
    {
        ParetoKind kind;
        QString name;
        QCPScatterStyle::ScatterShape shape;
        size_t colour;
    };
    const KindStyle styles[] = {{ParetoKind::Proposal, tr("proposals"), QCPScatterStyle::ssDiamond, 5},
                                {ParetoKind::User, tr("your plans"), QCPScatterStyle::ssDisc, 1},
                                {ParetoKind::Uniform, tr("uniform plans"), QCPScatterStyle::ssSquare, 3}};
    for (const KindStyle& s : styles) {
        QVector<double> keys, values;
        for (const ParetoPoint& pt : m_view.points)
            if (pt.kind == s.kind) {
                keys.push_back(pt.bitsPerWeight);
                values.push_back(100 * pt.top1);
            }
        if (keys.isEmpty())
            continue;
        auto* g = new QCPGraph(p->xAxis, p->yAxis);
        g->setName(s.name);
        g->setLineStyle(QCPGraph::lsNone);
        const QColor c = theme().seriesColor(s.colour);
        g->setScatterStyle(QCPScatterStyle(s.shape, QPen(c.darker(130)), QBrush(c), 9));
        g->setData(keys, values);
    }

    if (m_view.fp32Top1) {
        const QPen pen(theme().seriesColor(0), 1.4, Qt::DashLine);
        // An infinite line stays across the view at any zoom; an empty graph gives its legend entry.
        auto* line = new QCPItemStraightLine(p);
        line->point1->setCoords(0, 100 * *m_view.fp32Top1);
        line->point2->setCoords(1, 100 * *m_view.fp32Top1);
        line->setPen(pen);
        auto* legendOnly = new QCPGraph(p->xAxis, p->yAxis);
        legendOnly->setName(tr("FP32 (%1 %)").arg(100 * *m_view.fp32Top1, 0, 'f', 2));
        legendOnly->setPen(pen);
    }

    if (m_view.current >= 0 && m_view.current < static_cast<int>(m_view.points.size())) {
        const ParetoPoint& pt = m_view.points[static_cast<size_t>(m_view.current)];
        auto* ring = new QCPGraph(p->xAxis, p->yAxis);
        ring->setName(tr("plan being edited"));
        ring->setLineStyle(QCPGraph::lsNone);
        ring->setScatterStyle(
            QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(theme().foreground, 2), Qt::NoBrush, 17));
        ring->setData({pt.bitsPerWeight}, {100 * pt.top1}, true);
    }
}

void ParetoPlot::fitView()
{
    if (!hasData())
        return;
    double xlo = std::numeric_limits<double>::infinity(), xhi = -xlo, ylo = xlo, yhi = -xlo;
    for (const ParetoPoint& pt : m_view.points) {
        xlo = std::min(xlo, pt.bitsPerWeight);
        xhi = std::max(xhi, pt.bitsPerWeight);
        ylo = std::min(ylo, 100 * pt.top1);
        yhi = std::max(yhi, 100 * pt.top1);
    }
    if (m_view.fp32Top1) {
        ylo = std::min(ylo, 100 * *m_view.fp32Top1);
        yhi = std::max(yhi, 100 * *m_view.fp32Top1);
    }
    const double xpad = std::max(0.25, 0.06 * (xhi - xlo));
    const double ypad = std::max(1.0, 0.08 * (yhi - ylo));
    plot()->xAxis->setRange(std::max(0.0, xlo - xpad), xhi + xpad);
    plot()->yAxis->setRange(ylo - ypad, yhi + ypad);
}

QByteArray ParetoPlot::csv() const { return QByteArray::fromStdString(paretoCsv(m_view)); }

int ParetoPlot::pointAt(const QPoint& pos) const
{
    if (!hasData() || !plot()->axisRect()->rect().contains(pos))
        return -1;
    int best = -1;
    double bestSquared = 0;
    for (size_t i = 0; i < m_view.points.size(); ++i) {
        const double dx = plot()->xAxis->coordToPixel(m_view.points[i].bitsPerWeight) - pos.x();
        const double dy = plot()->yAxis->coordToPixel(100 * m_view.points[i].top1) - pos.y();
        const double squared = dx * dx + dy * dy;
        if (squared <= kHitPixels * kHitPixels && (best < 0 || squared < bestSquared)) {
            bestSquared = squared;
            best = static_cast<int>(i);
        }
    }
    return best;
}

QString ParetoPlot::hoverText(const QPoint& pos) const
{
    const int index = pointAt(pos);
    if (index < 0)
        return {};
    const ParetoPoint& pt = m_view.points[static_cast<size_t>(index)];
    QString text = tr("<b>%1</b> (%2)<br>%3 bits per weight = weight bits / parameters<br>"
                      "size %4 KiB = weight bits / 8 / 1024 (codes and overhead)<br>top-1 %5 %")
                       .arg(QString::fromStdString(pt.label), kindName(pt.kind))
                       .arg(pt.bitsPerWeight, 0, 'f', 3)
                       .arg(static_cast<double>(pt.weightBits) / 8 / 1024, 0, 'f', 1)
                       .arg(100 * pt.top1, 0, 'f', 2);
    if (pt.onFront)
        text += tr("<br>on the Pareto front: no other plan is as small and more accurate");
    if (index == m_view.current)
        text += tr("<br>the plan being edited");
    if (m_view.fp32Top1)
        text += tr("<br>FP32 top-1 %1 %").arg(100 * *m_view.fp32Top1, 0, 'f', 2);
    return text;
}

} // namespace bitlens

#include "plot_widget.h"

#include "qcp.h"

#include <QHBoxLayout>
#include <QToolTip>
#include <QVBoxLayout>

namespace bitlens {

PlotWidget::PlotWidget(QWidget* parent) : QWidget(parent), m_plot(new QCustomPlot(this)), m_controls(new QHBoxLayout)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_controls->setContentsMargins(6, 4, 6, 0);
    layout->addLayout(m_controls);
    layout->addWidget(m_plot, 1);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setMouseTracking(true);
    m_plot->setToolTip(tr("Wheel: zoom · drag: pan · double-click: reset view"));
    connect(m_plot, &QCustomPlot::mouseMove, this, &PlotWidget::showHover);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this](QMouseEvent*) { resetView(); });
}

void PlotWidget::setTheme(const PlotTheme& theme)
{
    m_theme = theme;
    m_plot->setBackground(theme.background);
    rebuild();
    m_plot->replot();
}

bool PlotWidget::exportTo(const QString& path, const ExportOptions& options, QString* error)
{
    if (!m_hasData) {
        *error = tr("%1: the view has nothing to export yet").arg(path);
        return false;
    }
    if (options.format == ExportFormat::Csv)
        return exportText(csv(), path, error);
    return exportPlot(m_plot, path, options, m_theme.background, error);
}

void PlotWidget::resetView()
{
    fitView();
    m_plot->replot();
}

void PlotWidget::styleAxis(QCPAxis* axis) const
{
    const QPen fg(m_theme.foreground);
    axis->setBasePen(fg);
    axis->setTickPen(fg);
    axis->setSubTickPen(fg);
    axis->setTickLabelColor(m_theme.foreground);
    axis->setLabelColor(m_theme.foreground);
    axis->grid()->setPen(QPen(m_theme.grid, 0, Qt::DotLine));
    axis->grid()->setSubGridPen(QPen(m_theme.subGrid, 0, Qt::DotLine));
    axis->grid()->setZeroLinePen(QPen(m_theme.grid));
}

void PlotWidget::styleAxisRect(QCPAxisRect* rect) const
{
    for (QCPAxis* axis : rect->axes())
        styleAxis(axis);
    rect->setBackground(m_theme.background);
}

void PlotWidget::styleLegend(QCPLegend* legend) const
{
    legend->setBrush(QColor(m_theme.background.red(), m_theme.background.green(), m_theme.background.blue(), 220));
    legend->setBorderPen(QPen(m_theme.grid));
    legend->setTextColor(m_theme.foreground);
}

QCPTextElement* PlotWidget::addTitleAndLegendRows()
{
    QCustomPlot* p = m_plot;
    p->plotLayout()->insertRow(0);
    auto* title = new QCPTextElement(p, QString(), QFont(font().family(), 10, QFont::Bold));
    p->plotLayout()->addElement(0, 0, title);
    p->axisRect()->insetLayout()->take(p->legend);
    p->plotLayout()->addElement(2, 0, p->legend);
    p->legend->setFillOrder(QCPLegend::foColumnsFirst);
    p->legend->setWrap(4);
    p->legend->setMargins(QMargins(6, 2, 6, 2));
    p->plotLayout()->setRowStretchFactor(0, 0.001);
    p->plotLayout()->setRowStretchFactor(2, 0.001);
    return title;
}

void PlotWidget::dataChanged(bool hasData)
{
    m_hasData = hasData;
    rebuild();
    fitView();
    m_plot->replot();
}

void PlotWidget::showHover(QMouseEvent* event)
{
    const QString text = m_hasData ? hoverText(event->pos()) : QString();
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, m_plot);
}

} // namespace bitlens

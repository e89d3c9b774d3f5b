#include "plot_widget.h"

#include "qcp.h"

#include <QEvent>
#include <QGraphicsOpacityEffect>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace bitlens {

PlotWidget::PlotWidget(QWidget* parent)
    : QWidget(parent), m_plot(new QCustomPlot(this)), m_controls(new QHBoxLayout), m_notice(new QLabel(this))
{
    // A sibling above the plot, not its child: fading the plot must not fade the notice.
    m_notice->setObjectName(QStringLiteral("plotNotice"));
    m_notice->setAlignment(Qt::AlignCenter);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->hide();
    m_plot->installEventFilter(this);
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
    updateNotice();
}

void PlotWidget::setEmptyNotice(const QString& text)
{
    m_emptyNotice = text;
    updateNotice();
}

void PlotWidget::setBusyNotice(const QString& text)
{
    m_busyNotice = text;
    updateNotice();
}

QString PlotWidget::noticeText() const { return m_notice->isVisibleTo(this) ? m_notice->text() : QString(); }

bool PlotWidget::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_plot && (event->type() == QEvent::Resize || event->type() == QEvent::Move))
        updateNotice();
    return QWidget::eventFilter(watched, event);
}

void PlotWidget::updateNotice()
{
    const bool busy = !m_busyNotice.isEmpty();
    const QString text = busy ? m_busyNotice : !m_hasData ? m_emptyNotice : QString();
    // A faded plot under a busy notice; the effect is dropped otherwise (it costs a redraw).
    const bool fade = busy && m_hasData;
    if (fade != (m_plot->graphicsEffect() != nullptr)) {
        if (fade) {
            auto* effect = new QGraphicsOpacityEffect(m_plot);
            effect->setOpacity(0.35);
            m_plot->setGraphicsEffect(effect);
        } else {
            m_plot->setGraphicsEffect(nullptr);
        }
    }
    if (text.isEmpty()) {
        m_notice->hide();
        return;
    }
    const QColor bg = m_theme.background, fg = m_theme.foreground, line = m_theme.grid;
    m_notice->setText(text);
    if (!m_hasData) { // covers the empty axes entirely
        m_notice->setStyleSheet(QStringLiteral("QLabel{background:%1;color:%2;padding:24px}").arg(bg.name(), fg.name()));
        m_notice->setGeometry(m_plot->geometry());
    } else { // a box in the middle of the faded plot
        m_notice->setStyleSheet(QStringLiteral("QLabel{background:%1;color:%2;border:1px solid %3;border-radius:6px;padding:12px}")
                                    .arg(bg.name(), fg.name(), line.name()));
        const QRect area = m_plot->geometry();
        const int w = std::min(area.width() - 16, std::max(260, area.width() / 2));
        const int h = std::min(area.height() - 16, m_notice->heightForWidth(w) + 2);
        m_notice->setGeometry(QRect(area.center().x() - w / 2, area.center().y() - h / 2, w, std::max(h, 1)));
    }
    m_notice->show();
    m_notice->raise();
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
    updateNotice();
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

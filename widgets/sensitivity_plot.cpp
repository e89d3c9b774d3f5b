#include "sensitivity_plot.h"

#include <quant/layer_views.h>
#include <quant/plan_csv.h>

#include "display_labels.h"
#include "qcp.h"

#include <algorithm>

namespace bitlens {

namespace {

constexpr qsizetype kTickLabelChars = 28; // longer layer names are elided in the middle

QString tickLabel(const std::string& layer)
{
    const QString name = QString::fromStdString(layer);
    if (name.size() <= kTickLabelChars)
        return name;
    const qsizetype tail = kTickLabelChars / 2;
    return name.left(kTickLabelChars - tail - 1) + QChar(0x2026) + name.right(tail);
}

} // namespace

SensitivityPlot::SensitivityPlot(QWidget* parent) : PlotWidget(parent)
{
    QCustomPlot* p = plot();
    // Two axis rects beside each other under one title, so the default rect and its legend go.
    p->plotLayout()->clear();
    p->legend = nullptr;
    m_title = new QCPTextElement(p, QString(), QFont(font().family(), 10, QFont::Bold));
    p->plotLayout()->addElement(0, 0, m_title);
    auto* rects = new QCPLayoutGrid;
    p->plotLayout()->addElement(1, 0, rects);
    p->plotLayout()->setRowStretchFactor(0, 0.001);
    m_dropRect = new QCPAxisRect(p);
    m_distanceRect = new QCPAxisRect(p);
    rects->addElement(0, 0, m_dropRect);
    rects->addElement(0, 1, m_distanceRect);
    rects->setColumnStretchFactor(0, 1.4); // the left rect also holds the layer names
    auto* margins = new QCPMarginGroup(p);
    for (QCPAxisRect* r : {m_dropRect, m_distanceRect}) {
        r->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
        r->axis(QCPAxis::atLeft)->setRangeReversed(true); // the most sensitive layer on top
        r->axis(QCPAxis::atLeft)->setSubTicks(false);
        r->axis(QCPAxis::atLeft)->grid()->setVisible(false);
    }
    m_dropRect->axis(QCPAxis::atBottom)->setLabel(tr("top-1 drop (percentage points)"));
    m_distanceRect->axis(QCPAxis::atBottom)->setLabel(tr("output distance (QUENN eq. 1)"));
    m_distanceRect->axis(QCPAxis::atLeft)->setTickLabels(false);
    // Both rects show the same layers: panning or zooming the layer axis of one moves the other.
    QCPAxis* a = m_dropRect->axis(QCPAxis::atLeft);
    QCPAxis* b = m_distanceRect->axis(QCPAxis::atLeft);
    const auto follow = [](QCPAxis* to) {
        return [to](const QCPRange& range) {
            const QSignalBlocker block(to);
            to->setRange(range);
        };
    };
    connect(a, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), b, follow(b));
    connect(b, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), a, follow(a));
}

void SensitivityPlot::setData(const SensitivityView& view)
{
    m_view = view;
    dataChanged(!m_view.layers.empty());
}

QSizeF SensitivityPlot::defaultExportSizeMm() const
{
    // About 5 mm per layer keeps the names legible.
    return {190, std::clamp(30.0 + 5.0 * static_cast<double>(m_view.layers.size()), 80.0, 250.0)};
}

void SensitivityPlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    styleAxisRect(m_dropRect);
    styleAxisRect(m_distanceRect);
    m_title->setTextColor(theme().foreground);
    if (!hasData()) {
        m_title->setText(QString());
        return;
    }
    m_title->setText(tr("Sensitivity: one layer at a time at %1, others FP32, %n image(s)", nullptr,
                        static_cast<int>(m_view.images))
                         .arg(seriesText(m_view.spec)));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    QVector<double> keys, drops, distances;
    for (size_t i = 0; i < m_view.layers.size(); ++i) {
        const LayerSensitivity& l = m_view.layers[i];
        ticker->addTick(static_cast<double>(i), tickLabel(l.layer));
        keys.push_back(static_cast<double>(i));
        drops.push_back(100 * l.top1Drop);
        distances.push_back(l.outputDistance);
    }
    const auto addBars = [&](QCPAxisRect* rect, const QVector<double>& values, QColor colour) {
        rect->axis(QCPAxis::atLeft)->setTicker(ticker);
        auto* bars = new QCPBars(rect->axis(QCPAxis::atLeft), rect->axis(QCPAxis::atBottom));
        bars->setPen(QPen(colour.darker(130)));
        colour.setAlpha(190);
        bars->setBrush(colour);
        bars->setWidth(0.7);
        bars->setData(keys, values, true);
    };
    addBars(m_dropRect, drops, theme().seriesColor(4));
    addBars(m_distanceRect, distances, theme().seriesColor(5));
}

void SensitivityPlot::fitView()
{
    if (!hasData())
        return;
    const double n = static_cast<double>(m_view.layers.size());
    for (QCPAxisRect* r : {m_dropRect, m_distanceRect})
        r->axis(QCPAxis::atLeft)->setRange(-0.5, n - 0.5);
    // A layer can gain accuracy when quantized: then the drop axis goes below zero.
    double lo = 0, hi = 0, far = 0;
    for (const LayerSensitivity& l : m_view.layers) {
        lo = std::min(lo, 100 * l.top1Drop);
        hi = std::max(hi, 100 * l.top1Drop);
        far = std::max(far, l.outputDistance);
    }
    const double span = hi > lo ? hi - lo : 1;
    m_dropRect->axis(QCPAxis::atBottom)->setRange(lo < 0 ? lo - 0.05 * span : 0, hi + 0.05 * span);
    m_distanceRect->axis(QCPAxis::atBottom)->setRange(0, far > 0 ? 1.05 * far : 1);
}

QByteArray SensitivityPlot::csv() const { return QByteArray::fromStdString(sensitivityCsv(m_view)); }

QString SensitivityPlot::hoverText(const QPoint& pos) const
{
    for (QCPAxisRect* r : {m_dropRect, m_distanceRect}) {
        if (!r->rect().contains(pos))
            continue;
        const auto i = static_cast<int64_t>(std::lround(r->axis(QCPAxis::atLeft)->pixelToCoord(pos.y())));
        if (i < 0 || i >= static_cast<int64_t>(m_view.layers.size()))
            return {};
        const LayerSensitivity& l = m_view.layers[static_cast<size_t>(i)];
        return tr("<b>%1</b> (rank %2 of %3)<br>top-1 %4 %, top-5 %5 % (FP32 top-1 %6 %)<br>"
                  "top-1 drop: %7 percentage points<br>output distance: %8<br>"
                  "(1/N) Σ ||y_fp32 − y_q||_F over N = %9 images, only this layer at %10")
            .arg(QString::fromStdString(l.layer))
            .arg(i + 1)
            .arg(m_view.layers.size())
            .arg(100 * l.top1, 0, 'f', 2)
            .arg(100 * l.top5, 0, 'f', 2)
            .arg(100 * m_view.fp32Top1, 0, 'f', 2)
            .arg(100 * l.top1Drop, 0, 'f', 2)
            .arg(l.outputDistance, 0, 'g', 6)
            .arg(m_view.images)
            .arg(seriesText(m_view.spec));
    }
    return {};
}

} // namespace bitlens

#include "confusion_plot.h"

#include <quant/view_csv.h>

#include "display_labels.h"
#include "qcp.h"

namespace bitlens {

namespace {

constexpr int kVectorCellLimit = 64; // classes; beyond, one colour map per matrix
constexpr int kCountTextLimit = 20;  // classes whose cells still fit their count

QCPColorGradient countGradient(bool dark)
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0, dark ? QColor(0x1E, 0x1F, 0x22) : QColor(0xF7, 0xFB, 0xFF));
    g.setColorStopAt(0.5, QColor(0x6B, 0xAE, 0xD6));
    g.setColorStopAt(1, dark ? QColor(0xDE, 0xEB, 0xF7) : QColor(0x08, 0x30, 0x6B));
    return g;
}

QCPColorGradient differenceGradient(bool dark)
{
    QCPColorGradient g;
    g.clearColorStops();
    g.setColorStopAt(0, QColor(0x21, 0x66, 0xAC));
    g.setColorStopAt(0.5, dark ? QColor(0x1E, 0x1F, 0x22) : QColor(0xFF, 0xFF, 0xFF));
    g.setColorStopAt(1, QColor(0xB2, 0x18, 0x2B));
    return g;
}

} // namespace

ConfusionPlot::ConfusionPlot(QWidget* parent, const QString& exportName) : PlotWidget(parent), m_exportName(exportName)
{
    QCustomPlot* p = plot();
    p->plotLayout()->clear();
    p->legend = nullptr;
    for (int i = 0; i < 3; ++i) {
        m_rects[i] = new QCPAxisRect(p);
        m_rects[i]->setupFullAxesBox(false);
        // The matrix's title is its top axis label: a title row would size the columns unevenly.
        m_rects[i]->axis(QCPAxis::atTop)->setLabelFont(QFont(font().family(), 9, QFont::Bold));
        m_rects[i]->axis(QCPAxis::atTop)->setTickLabels(false);
        m_rects[i]->axis(QCPAxis::atTop)->setTicks(false);
        m_rects[i]->axis(QCPAxis::atLeft)->setRangeReversed(true);
        m_rects[i]->axis(QCPAxis::atBottom)->setLabel(tr("predicted class"));
        m_rects[i]->axis(QCPAxis::atLeft)->setLabel(tr("true class"));
        m_rects[i]->setRangeDrag(Qt::Horizontal | Qt::Vertical);
        m_rects[i]->setRangeZoom(Qt::Horizontal | Qt::Vertical);
    }
    m_countScale = new QCPColorScale(p);
    m_diffScale = new QCPColorScale(p);
    m_countScale->axis()->setLabel(tr("images"));
    m_diffScale->axis()->setLabel(tr("change"));
    m_diffScale->setBarWidth(14);
    m_countScale->setBarWidth(14);
    arrange(false);
    connect(p, &QCustomPlot::afterLayout, this, &ConfusionPlot::fitCountsToCells);
    // Below this, ten class names per axis overlap; the tabs scroll instead (WorkbenchViews::page).
    // A view with fewer classes (grouped) may lower it.
    setMinimumSize(400, 480);
}

void ConfusionPlot::arrange(bool column)
{
    // Two by two (FP32 | quantized | count scale, then the difference with its scale) for an
    // ordinary pane; one column of three in a tall narrow one (the Groups tab), where side by side
    // the cells were a few pixels wide.
    m_column = column;
    QCustomPlot* p = plot();
    for (QCPLayoutElement* e : std::initializer_list<QCPLayoutElement*>{m_rects[0], m_rects[1], m_rects[2], m_countScale, m_diffScale})
        if (e->layout())
            e->layout()->take(e);
    p->plotLayout()->clear(); // the old sub-grids and spacer; the matrices were taken out first
    delete m_margins;
    m_margins = new QCPMarginGroup(p);
    const auto sides = column ? QCP::msLeft | QCP::msRight : QCP::msTop | QCP::msBottom;
    for (QCPLayoutElement* e : std::initializer_list<QCPLayoutElement*>{m_rects[0], m_rects[1], m_rects[2], m_countScale, m_diffScale})
        e->setMarginGroup(QCP::msAll, nullptr);
    for (QCPAxisRect* r : m_rects)
        r->setMarginGroup(sides, m_margins);
    if (column) {
        auto* grid = new QCPLayoutGrid;
        p->plotLayout()->addElement(0, 0, grid);
        for (int i = 0; i < 3; ++i)
            grid->addElement(i, 0, m_rects[i]);
        grid->addElement(0, 1, m_countScale);
        grid->addElement(2, 1, m_diffScale);
        grid->setColumnStretchFactor(0, 1);
        grid->setColumnStretchFactor(1, 0.01);
    } else {
        m_countScale->setMarginGroup(QCP::msTop | QCP::msBottom, m_margins);
        m_diffScale->setMarginGroup(QCP::msTop | QCP::msBottom, m_margins);
        auto* top = new QCPLayoutGrid;
        auto* bottom = new QCPLayoutGrid;
        p->plotLayout()->addElement(0, 0, top);
        p->plotLayout()->addElement(1, 0, bottom);
        top->addElement(0, 0, m_rects[0]);
        top->addElement(0, 1, m_rects[1]);
        top->addElement(0, 2, m_countScale);
        bottom->addElement(0, 0, m_rects[2]);
        bottom->addElement(0, 1, m_diffScale);
        bottom->addElement(0, 2, new QCPLayoutElement(p)); // keeps the difference as wide as the others
        for (QCPLayoutGrid* g : {top, bottom}) {
            g->setColumnStretchFactor(0, 1);
            g->setColumnStretchFactor(1, g == top ? 1 : 0.01);
            g->setColumnStretchFactor(2, g == top ? 0.01 : 1);
        }
    }
}

void ConfusionPlot::resizeEvent(QResizeEvent* event)
{
    PlotWidget::resizeEvent(event);
    const bool column = height() > 2 * width();
    if (column != m_column) {
        arrange(column);
        plot()->replot(QCustomPlot::rpQueuedReplot);
    }
}

void ConfusionPlot::fitCountsToCells()
{
    if (m_counts.empty())
        return;
    bool fits = true;
    for (QCPAxisRect* r : m_rects) {
        const QCPAxis* x = r->axis(QCPAxis::atBottom);
        const QCPAxis* y = r->axis(QCPAxis::atLeft);
        const double w = std::abs(x->coordToPixel(1) - x->coordToPixel(0));
        const double h = std::abs(y->coordToPixel(1) - y->coordToPixel(0));
        fits = fits && w >= m_widestCount + 4 && h >= m_countHeight;
    }
    for (QCPItemText* t : m_counts)
        t->setVisible(fits);
}

void ConfusionPlot::setData(const ConfusionView& view)
{
    m_view = view;
    dataChanged(!m_view.classes.empty());
}

void ConfusionPlot::drawMatrix(QCPAxisRect* rect, const CountMatrix& m, QCPColorGradient gradient,
                               const QCPRange& range)
{
    QCustomPlot* p = plot();
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const int n = static_cast<int>(m.size());
    QSharedPointer<QCPAxisTickerText> xt(new QCPAxisTickerText), yt(new QCPAxisTickerText);
    for (int i = 0; i < n; ++i) {
        xt->addTick(i, QString::fromStdString(m_view.classes[static_cast<size_t>(i)]));
        yt->addTick(i, QString::fromStdString(m_view.classes[static_cast<size_t>(i)]));
    }
    x->setTicker(xt);
    y->setTicker(yt);
    x->setTickLabelRotation(n > 4 ? 90 : 0); // at 45 degrees, ten names overlapped in small cells
    x->setTickLabels(n <= kVectorCellLimit);
    y->setTickLabels(n <= kVectorCellLimit);
    x->grid()->setVisible(false);
    y->grid()->setVisible(false);
    if (n > kVectorCellLimit) {
        auto* map = new QCPColorMap(x, y);
        map->data()->setSize(n, n);
        map->data()->setRange(QCPRange(0, n - 1), QCPRange(0, n - 1));
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j)
                map->data()->setCell(j, i, static_cast<double>(m[static_cast<size_t>(i)][static_cast<size_t>(j)]));
        map->setGradient(gradient);
        map->setDataRange(range);
        map->setInterpolate(false);
        return;
    }
    QFont small = font();
    small.setPointSizeF(n <= 10 ? 7.5 : 6);
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
            const double v = static_cast<double>(m[static_cast<size_t>(i)][static_cast<size_t>(j)]);
            const QColor fill = QColor::fromRgb(gradient.color(v, range));
            auto* cell = new QCPItemRect(p);
            cell->setClipAxisRect(rect);
            for (QCPItemPosition* pos : {cell->topLeft, cell->bottomRight}) {
                pos->setAxisRect(rect);
                pos->setAxes(x, y);
            }
            cell->topLeft->setCoords(j - 0.5, i - 0.5);
            cell->bottomRight->setCoords(j + 0.5, i + 0.5);
            cell->setPen(QPen(theme().background, 0.5));
            cell->setBrush(fill);
            if (n > kCountTextLimit || v == 0)
                continue;
            auto* text = new QCPItemText(p);
            text->setClipAxisRect(rect);
            text->position->setAxisRect(rect);
            text->position->setAxes(x, y);
            text->position->setCoords(j, i);
            text->setFont(small);
            text->setText(QString::number(static_cast<qlonglong>(v)));
            const QFontMetrics metrics(small);
            m_widestCount = std::max(m_widestCount, metrics.horizontalAdvance(text->text()));
            m_countHeight = std::max(m_countHeight, metrics.height());
            m_counts.push_back(text);
            text->setColor(fill.lightnessF() < 0.55 ? Qt::white : Qt::black);
        }
}

void ConfusionPlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    m_counts.clear();
    m_widestCount = m_countHeight = 0;
    for (int i = 0; i < 3; ++i) {
        styleAxisRect(m_rects[i]);
    }
    for (QCPColorScale* s : {m_countScale, m_diffScale}) {
        styleAxis(s->axis());
        s->setVisible(hasData());
    }
    if (!hasData()) {
        for (QCPAxisRect* r : m_rects)
            r->axis(QCPAxis::atTop)->setLabel(QString());
        return;
    }
    // Two lines: side by side in a narrow window, one-line titles ran into each other.
    m_rects[0]->axis(QCPAxis::atTop)->setLabel(tr("%1\ntop-1 %2 %").arg(displayLabel(m_view.fp32Label)).arg(100 * m_view.fp32Top1, 0, 'f', 2));
    m_rects[1]->axis(QCPAxis::atTop)->setLabel(tr("%1\ntop-1 %2 %").arg(displayLabel(m_view.quantizedLabel)).arg(100 * m_view.quantizedTop1, 0, 'f', 2));
    m_rects[2]->axis(QCPAxis::atTop)->setLabel(tr("change\n(quantized − FP32)"));
    const QCPColorGradient counts = countGradient(theme().dark), diff = differenceGradient(theme().dark);
    const QCPRange countRange(0, std::max<double>(1, static_cast<double>(m_view.maxCount)));
    const double d = std::max<double>(1, static_cast<double>(m_view.maxAbsDifference));
    const QCPRange diffRange(-d, d);
    drawMatrix(m_rects[0], m_view.fp32, counts, countRange);
    drawMatrix(m_rects[1], m_view.quantized, counts, countRange);
    drawMatrix(m_rects[2], m_view.difference, diff, diffRange);
    m_countScale->setGradient(counts);
    m_countScale->setDataRange(countRange);
    m_diffScale->setGradient(diff);
    m_diffScale->setDataRange(diffRange);
}

void ConfusionPlot::fitView()
{
    const double n = static_cast<double>(m_view.classes.size());
    for (QCPAxisRect* r : m_rects) {
        r->axis(QCPAxis::atBottom)->setRange(-0.5, std::max(0.5, n - 0.5));
        r->axis(QCPAxis::atLeft)->setRange(-0.5, std::max(0.5, n - 0.5));
    }
}

QByteArray ConfusionPlot::csv() const { return QByteArray::fromStdString(confusionCsv(m_view)); }

QString ConfusionPlot::hoverText(const QPoint& pos) const
{
    for (QCPAxisRect* r : m_rects) {
        if (!r->rect().contains(pos))
            continue;
        const auto j = static_cast<int64_t>(std::lround(r->axis(QCPAxis::atBottom)->pixelToCoord(pos.x())));
        const auto i = static_cast<int64_t>(std::lround(r->axis(QCPAxis::atLeft)->pixelToCoord(pos.y())));
        const auto n = static_cast<int64_t>(m_view.classes.size());
        if (i < 0 || j < 0 || i >= n || j >= n)
            return {};
        const auto ui = static_cast<size_t>(i), uj = static_cast<size_t>(j);
        return tr("true <b>%1</b>, predicted <b>%2</b><br>FP32: %3<br>%4: %5<br>change: %6")
            .arg(QString::fromStdString(m_view.classes[ui]), QString::fromStdString(m_view.classes[uj]))
            .arg(m_view.fp32[ui][uj])
            .arg(displayLabel(m_view.quantizedLabel))
            .arg(m_view.quantized[ui][uj])
            .arg(m_view.difference[ui][uj] > 0 ? QStringLiteral("+%1").arg(m_view.difference[ui][uj])
                                                : QString::number(m_view.difference[ui][uj]));
    }
    return {};
}

} // namespace bitlens

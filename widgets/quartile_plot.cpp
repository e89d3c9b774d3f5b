#include "quartile_plot.h"

#include <quant/view_csv.h>

#include "display_labels.h"
#include "qcp.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace bitlens {

QuartilePlot::QuartilePlot(QWidget* parent)
    : PlotWidget(parent), m_pageBox(new QSpinBox(this)), m_pageLabel(new QLabel(this)), m_perPageBox(new QComboBox(this)),
      m_outliers(new QCheckBox(tr("Outliers"), this)), m_means(new QCheckBox(tr("Means"), this))
{
    m_pageBox->setMinimum(1);
    m_pageBox->setToolTip(tr("Page of output channels (Page Up / Page Down)"));
    for (int n : {16, 32, 64, 128, 256})
        m_perPageBox->addItem(tr("%1 channels").arg(n), n);
    m_perPageBox->setCurrentIndex(0);
    m_perPageBox->setToolTip(tr("Output channels per page"));
    m_outliers->setChecked(true);
    m_outliers->setToolTip(tr("Values beyond the whiskers (1.5 IQR from the box, Tukey)"));
    m_means->setChecked(true);
    m_means->setToolTip(tr("The channel's mean, as a cross"));
    controls()->addWidget(new QLabel(tr("Page"), this));
    controls()->addWidget(m_pageBox);
    controls()->addWidget(m_pageLabel);
    controls()->addWidget(m_perPageBox);
    controls()->addWidget(m_outliers);
    controls()->addWidget(m_means);
    controls()->addStretch(1);
    connect(m_pageBox, &QSpinBox::valueChanged, this, [this](int v) { setPage(v - 1); });
    connect(m_perPageBox, &QComboBox::currentIndexChanged, this,
            [this] { setChannelsPerPage(m_perPageBox->currentData().toInt()); });
    for (QCheckBox* box : {m_outliers, m_means})
        connect(box, &QCheckBox::toggled, this, [this] { dataChanged(hasData()); });
    auto* next = new QAction(this);
    next->setShortcut(QKeySequence(Qt::Key_PageDown));
    connect(next, &QAction::triggered, this, [this] { setPage(m_page + 1); });
    auto* previous = new QAction(this);
    previous->setShortcut(QKeySequence(Qt::Key_PageUp));
    connect(previous, &QAction::triggered, this, [this] { setPage(m_page - 1); });
    addActions({next, previous});
    for (QAction* a : {next, previous})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_title = addTitleAndLegendRows();
    plot()->xAxis->setLabel(tr("output channel"));
    plot()->yAxis->setLabel(tr("weight value"));
    updatePager();
}

void QuartilePlot::setData(const QuartileView& view)
{
    const bool sameLayer = view.layer == m_view.layer && view.channels() == m_view.channels();
    m_view = view;
    if (!sameLayer)
        m_page = 0;
    updatePager();
    dataChanged(!m_view.perSeries.empty());
}

int QuartilePlot::pageCount() const
{
    return std::max<int>(1, static_cast<int>((m_view.channels() + m_perPage - 1) / m_perPage));
}

void QuartilePlot::setPage(int page)
{
    page = std::clamp(page, 0, pageCount() - 1);
    if (page == m_page)
        return;
    m_page = page;
    updatePager();
    dataChanged(hasData());
}

void QuartilePlot::setChannelsPerPage(int n)
{
    if (n <= 0 || n == m_perPage)
        return;
    const int64_t first = static_cast<int64_t>(m_page) * m_perPage;
    m_perPage = n;
    m_page = static_cast<int>(first / n);
    updatePager();
    dataChanged(hasData());
}

void QuartilePlot::updatePager()
{
    const QSignalBlocker b1(m_pageBox), b2(m_perPageBox);
    m_pageBox->setMaximum(pageCount());
    m_pageBox->setValue(m_page + 1);
    m_perPageBox->setCurrentIndex(std::max(0, m_perPageBox->findData(m_perPage)));
    const int64_t first = static_cast<int64_t>(m_page) * m_perPage;
    const int64_t last = std::min<int64_t>(first + m_perPage, m_view.channels());
    m_pageLabel->setText(tr("of %1 (channels %2-%3 of %4)")
                             .arg(pageCount())
                             .arg(m_view.channels() ? first : 0)
                             .arg(std::max<int64_t>(last - 1, 0))
                             .arg(m_view.channels()));
}

double QuartilePlot::boxWidth() const
{
    return 0.8 / static_cast<double>(std::max<size_t>(1, m_view.perSeries.size()));
}

void QuartilePlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    p->clearItems();
    styleAxisRect(p->axisRect());
    styleLegend(p->legend);
    p->legend->setVisible(hasData());
    QCPTextElement* title = m_title;
    title->setTextColor(theme().foreground);
    title->setText(hasData() ? tr("%1: per-channel quartiles, FP32 and %2").arg(QString::fromStdString(m_view.layer),
                                                                                  displayLabel(m_view.setting))
                             : QString());
    if (!hasData())
        return;

    const size_t series = m_view.perSeries.size();
    const double w = boxWidth();
    const int64_t first = static_cast<int64_t>(m_page) * m_perPage;
    const int64_t last = std::min<int64_t>(first + m_perPage, m_view.channels());
    for (size_t s = 0; s < series; ++s) {
        const QColor c = s < m_view.specs.size() ? theme().specColor(m_view.specs[s]) : theme().seriesColor(s);
        auto* box = new QCPStatisticalBox(p->xAxis, p->yAxis);
        box->setName(QString::fromStdString(s < m_view.names.size() ? m_view.names[s] : m_view.series[s]));
        box->setWidth(w * 0.85);
        box->setWhiskerWidth(w * 0.5);
        box->setPen(QPen(c.darker(s == 0 && !theme().dark ? 100 : 130), 1));
        box->setWhiskerPen(QPen(c, 1, Qt::SolidLine));
        box->setWhiskerBarPen(QPen(c, 1));
        box->setMedianPen(QPen(theme().dark ? Qt::white : Qt::black, 2));
        QColor fill = c;
        fill.setAlpha(s == 0 ? 90 : 150);
        box->setBrush(fill);
        box->setOutlierStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, c, 3));
        auto* means = new QCPGraph(p->xAxis, p->yAxis);
        means->setLineStyle(QCPGraph::lsNone);
        means->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCross, c.darker(theme().dark ? 80 : 160), 4));
        means->removeFromLegend();
        means->setVisible(m_means->isChecked());
        QVector<double> mk, mv;
        for (int64_t ch = first; ch < last; ++ch) {
            const FiveNumberSummary& f = m_view.perSeries[s].channels[static_cast<size_t>(ch)];
            const double key = static_cast<double>(ch) + (static_cast<double>(s) - (static_cast<double>(series) - 1) / 2) * w;
            QVector<double> outliers;
            if (m_outliers->isChecked())
                outliers = QVector<double>(f.outliers.begin(), f.outliers.end());
            box->addData(key, f.whiskerLo, f.q1, f.median, f.q3, f.whiskerHi, outliers);
            mk.push_back(key);
            mv.push_back(f.mean);
        }
        means->setData(mk, mv, true);
    }
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    p->xAxis->setTicker(ticker);
    p->xAxis->setSubTicks(false);
    p->xAxis->grid()->setVisible(false);
}

void QuartilePlot::fitView()
{
    if (!hasData())
        return;
    const int64_t first = static_cast<int64_t>(m_page) * m_perPage;
    const int64_t last = std::min<int64_t>(first + m_perPage, m_view.channels());
    plot()->xAxis->setRange(static_cast<double>(first) - 0.6, static_cast<double>(last) - 0.4);
    double lo = 0, hi = 0;
    bool any = false;
    for (const ChannelQuartiles& q : m_view.perSeries)
        for (int64_t ch = first; ch < last; ++ch) {
            const FiveNumberSummary& f = q.channels[static_cast<size_t>(ch)];
            const double a = m_outliers->isChecked() ? f.min : f.whiskerLo;
            const double b = m_outliers->isChecked() ? f.max : f.whiskerHi;
            lo = any ? std::min(lo, a) : a;
            hi = any ? std::max(hi, b) : b;
            any = true;
        }
    const double pad = hi > lo ? 0.05 * (hi - lo) : 1e-3;
    plot()->yAxis->setRange(lo - pad, hi + pad);
}

QByteArray QuartilePlot::csv() const { return QByteArray::fromStdString(quartilesCsv(m_view)); }

QString QuartilePlot::hoverText(const QPoint& pos) const
{
    if (!plot()->axisRect()->rect().contains(pos))
        return {};
    const double key = plot()->xAxis->pixelToCoord(pos.x());
    const auto ch = static_cast<int64_t>(std::lround(key));
    const int64_t first = static_cast<int64_t>(m_page) * m_perPage;
    const int64_t last = std::min<int64_t>(first + m_perPage, m_view.channels());
    if (ch < first || ch >= last)
        return {};
    const double series = static_cast<double>(m_view.perSeries.size());
    const auto s = static_cast<int64_t>(std::lround((key - static_cast<double>(ch)) / boxWidth() + (series - 1) / 2));
    if (s < 0 || s >= static_cast<int64_t>(series))
        return {};
    const FiveNumberSummary& f = m_view.perSeries[static_cast<size_t>(s)].channels[static_cast<size_t>(ch)];
    auto num = [](double v) { return QString::number(v, 'g', 6); };
    return tr("<b>%1</b>, channel %2 (%3 values)<br>max %4<br>upper whisker %5<br>Q3 %6<br>median %7<br>Q1 %8<br>"
              "lower whisker %9<br>min %10<br>mean %11<br>outliers: %12 below, %13 above")
        .arg(displayLabel(m_view.series[static_cast<size_t>(s)]))
        .arg(ch)
        .arg(f.n)
        .arg(num(f.max), num(f.whiskerHi), num(f.q3), num(f.median), num(f.q1), num(f.whiskerLo), num(f.min), num(f.mean))
        .arg(f.outliersLo)
        .arg(f.outliersHi);
}

} // namespace bitlens

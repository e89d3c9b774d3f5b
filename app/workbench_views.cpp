#include "workbench_views.h"

#include <widgets/accuracy_curve_plot.h>
#include <widgets/accuracy_table_model.h>
#include <widgets/channel_sqnr_plot.h>
#include <widgets/confusion_plot.h>
#include <widgets/display_labels.h>
#include <widgets/efficiency_plot.h>
#include <widgets/histogram_plot.h>
#include <widgets/quartile_plot.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace bitlens {

WorkbenchViews::WorkbenchViews(QWidget* parent)
    : QTabWidget(parent), m_quartiles(new QuartilePlot), m_schemeHistograms(new HistogramPlot(QStringLiteral("histogram-schemes"))),
      m_bitHistograms(new HistogramPlot(QStringLiteral("histogram-bits"), HistogramPlot::SmallMultiples)), m_efficiency(new EfficiencyPlot),
      m_channelSqnr(new ChannelSqnrPlot), m_accuracyModel(new AccuracyTableModel(this)), m_accuracyTable(new QTableView),
      m_accuracyCurve(new AccuracyCurvePlot), m_accuracyShown(new QComboBox), m_runSweep(new QPushButton(tr("Run Sweep"))),
      m_confusion(new ConfusionPlot), m_confusedPairs(new QLabel)
{
    setDocumentMode(true);
    addTab(page(m_quartiles), tr("&Quartiles"));
    setTabToolTip(Quartiles, tr("Per-channel box plots, FP32 beside each scheme (paper Figure 1) — Ctrl+1"));

    // Minimum sizes that keep every label legible; a smaller window scrolls the tab (page()).
    m_schemeHistograms->setMinimumHeight(220);
    m_bitHistograms->setMinimumHeight(320); // two rows of small multiples, ~120 px each
    m_quartiles->setMinimumHeight(260);
    m_efficiency->setMinimumHeight(300);
    m_channelSqnr->setMinimumHeight(180);
    auto* histograms = new QSplitter(Qt::Vertical);
    histograms->setChildrenCollapsible(false);
    histograms->addWidget(m_schemeHistograms);
    histograms->addWidget(m_bitHistograms);
    histograms->setStretchFactor(0, 1);
    histograms->setStretchFactor(1, 1);
    addTab(page(histograms), tr("&Histograms"));
    setTabToolTip(Histograms, tr("FP32 and quantized values on shared bins: schemes at the chosen bits, and the chosen "
                                 "scheme across 2-8 bits (paper Figure 2) — Ctrl+2"));

    auto* efficiency = new QSplitter(Qt::Vertical);
    efficiency->addWidget(m_efficiency);
    efficiency->addWidget(m_channelSqnr);
    efficiency->setStretchFactor(0, 2);
    efficiency->setStretchFactor(1, 1);
    addTab(page(efficiency), tr("&Bit Efficiency"));
    setTabToolTip(Efficiency, tr("SQNR and the five bit-efficiency metrics against bits, with the Gaussian limits; "
                                 "per-channel SQNR distribution — Ctrl+3"));

    m_accuracyTable->setModel(m_accuracyModel);
    m_accuracyTable->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_accuracyTable->setSelectionMode(QAbstractItemView::ContiguousSelection);
    m_accuracyShown->addItem(tr("Top-1"), AccuracyTableModel::Top1);
    m_accuracyShown->addItem(tr("Top-5"), AccuracyTableModel::Top5);
    m_accuracyShown->addItem(tr("Weight size"), AccuracyTableModel::Size);
    m_accuracyShown->setToolTip(tr("What the table's cells show; the tooltip of a cell shows all three"));
    m_runSweep->setToolTip(tr("Evaluate every compared scheme at 2-8 bits on the test set (F5); Esc cancels"));
    connect(m_runSweep, &QPushButton::clicked, this, &WorkbenchViews::runSweepRequested);
    connect(m_accuracyShown, &QComboBox::currentIndexChanged, this, [this] {
        m_accuracyModel->setShown(static_cast<AccuracyTableModel::Shown>(m_accuracyShown->currentData().toInt()));
    });
    // The table as tall as its rows (see setAccuracyTable), the curve below takes the rest.
    auto* accuracy = new QWidget;
    auto* row = new QHBoxLayout;
    row->addWidget(m_runSweep);
    row->addWidget(new QLabel(tr("Show")));
    row->addWidget(m_accuracyShown);
    row->addStretch(1);
    auto* col = new QVBoxLayout(accuracy);
    col->setContentsMargins(0, 0, 0, 0);
    col->addLayout(row);
    col->addWidget(m_accuracyTable);
    col->addWidget(m_accuracyCurve, 1);
    addTab(page(accuracy), tr("&Accuracy"));
    setTabToolTip(Accuracy, tr("Top-1 and weight size per scheme and bit-width (paper Table 1) and accuracy against "
                               "bits (Figure 4) — Ctrl+4"));

    m_confusedPairs->setWordWrap(true);
    m_confusedPairs->setTextFormat(Qt::RichText);
    addTab(page(m_confusion, m_confusedPairs), tr("&Confusion"));
    setTabToolTip(Confusion, tr("Confusion matrices of FP32 and the chosen setting, and their difference (paper "
                                "Figure 3) — Ctrl+5"));
    connect(m_schemeHistograms, &HistogramPlot::binsRequested, this, &WorkbenchViews::binsRequested);
    connect(m_bitHistograms, &HistogramPlot::binsRequested, this, &WorkbenchViews::binsRequested);
    connect(m_schemeHistograms, &HistogramPlot::logCountsToggled, m_bitHistograms, &HistogramPlot::setLogCounts);
    connect(m_bitHistograms, &HistogramPlot::logCountsToggled, m_schemeHistograms, &HistogramPlot::setLogCounts);
    updateNotices();
}

QWidget* WorkbenchViews::page(QWidget* content, QWidget* extra)
{
    auto* w = new QWidget;
    auto* layout = new QVBoxLayout(w);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* message = new QLabel(w);
    message->setVisible(false);
    message->setWordWrap(true);
    message->setStyleSheet(QStringLiteral("QLabel { padding: 4px; border-radius: 3px; background: palette(alternate-base); }"));
    m_messages.push_back(message);
    layout->addWidget(message);
    layout->addWidget(content, 1);
    if (extra)
        layout->addWidget(extra);
    return scrollable(w);
}

QWidget* WorkbenchViews::scrollable(QWidget* page)
{
    // A tab's minimum size stays its own: below it the tab scrolls, instead of the window growing
    // past the screen (the Groups tab widened it from 1280 to 1415 px) or crushing the docks.
    auto* scroll = new QScrollArea;
    scroll->setObjectName(QStringLiteral("tabScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(page);
    return scroll;
}

void WorkbenchViews::showPage(QWidget* page)
{
    for (int i = 0; i < count(); ++i)
        if (widget(i) == page || widget(i)->isAncestorOf(page))
            setCurrentIndex(i);
}

void WorkbenchViews::setMessage(const QString& text, const QString& toolTip)
{
    // Only the layer views (the first three tabs) are about the selected layer.
    for (size_t i = 0; i < m_messages.size() && i < 3; ++i) {
        QLabel* l = m_messages[i];
        l->setText(text);
        l->setToolTip(toolTip);
        l->setVisible(!text.isEmpty());
    }
}

void WorkbenchViews::setLayerViews(const LayerViews& v)
{
    if (!v.warnings.empty()) {
        // The layer views' one warning is NaN/Inf (quant/layer_views.h); quant/ words it in English,
        // with the counts, which the tooltip keeps.
        setMessage(tr("%1 holds NaN or Inf values: it is excluded from quantization, so these views have "
                      "nothing to show for it.")
                       .arg(QString::fromStdString(v.layer)),
                   QString::fromStdString(v.warnings.front()));
        m_quartiles->setData({});
        m_schemeHistograms->setData({}, {});
        m_bitHistograms->setData({}, {});
        m_channelSqnr->setData({});
        m_efficiency->setData({});
        return;
    }
    setMessage({});
    if (v.parts & PartQuartiles)
        m_quartiles->setData(v.quartiles);
    if (v.parts & PartHistograms) {
        const QString layer = QString::fromStdString(v.layer);
        m_schemeHistograms->setData(v.schemeHistograms, tr("%1: FP32 and %2 on shared bins")
                                                            .arg(layer, displayLabel(v.schemeHistograms.setting)));
        m_bitHistograms->setData(v.bitHistograms, tr("%1: %2 across bit-widths, FP32 shaded")
                                                      .arg(layer, displayLabel(v.bitHistograms.setting)));
    }
    if (v.parts & PartChannelSqnr)
        m_channelSqnr->setData(v.channelSqnr);
    if (v.parts & PartEfficiency)
        m_efficiency->setData(v.efficiency);
}

PlotWidget* WorkbenchViews::accuracyCurve() const { return m_accuracyCurve; }
PlotWidget* WorkbenchViews::confusionPlot() const { return m_confusion; }

void WorkbenchViews::setModelOpen(bool open)
{
    m_modelOpen = open;
    updateNotices();
}

void WorkbenchViews::setTestSetOpen(bool open)
{
    m_testSetOpen = open;
    updateNotices();
}

void WorkbenchViews::updateNotices()
{
    const QString noModel = tr("Open a model (File ▸ Open…, Ctrl+O) or the bundled sample (File ▸ Open Sample Model).");
    const QString computing = tr("Computing the views of the selected layer…");
    for (PlotWidget* p : std::vector<PlotWidget*>{m_quartiles, m_schemeHistograms, m_bitHistograms, m_efficiency, m_channelSqnr})
        p->setEmptyNotice(m_modelOpen ? computing : noModel);
    const QString noTestSet = tr("This view needs a labelled test set: choose one with File ▸ Choose Test Set… (Ctrl+D).");
    m_accuracyCurve->setEmptyNotice(!m_modelOpen    ? noModel
                                    : !m_testSetOpen ? noTestSet
                                                     : tr("No %1 sweep yet. Run Sweep (F5) evaluates every compared scheme at "
                                                          "2-8 bits, %1, and fills Table 1 and this curve.")
                                                           .arg(granularityLabel(m_sweepGranularity)));
    m_confusion->setEmptyNotice(!m_modelOpen    ? noModel
                                : !m_testSetOpen ? noTestSet
                                                 : tr("Evaluating FP32 and the toolbar's setting on the test set…"));
}

void WorkbenchViews::setConfusionPending(const QString& setting)
{
    m_confusion->setBusyNotice(setting.isEmpty() ? QString() : tr("Computing the confusion of %1…").arg(displayLabel(setting.toStdString())));
}

void WorkbenchViews::setAccuracyTable(const AccuracyTable& table)
{
    m_sweepGranularity = table.granularity;
    updateNotices();
    m_accuracyModel->setTable(table);
    m_accuracyCurve->setData(table);
    // The table as tall as its rows, the curve takes the rest.
    const int rows = std::max(m_accuracyModel->rowCount(), 1);
    m_accuracyTable->setFixedHeight(m_accuracyTable->horizontalHeader()->sizeHint().height() + 2 * m_accuracyTable->frameWidth() +
                                    rows * m_accuracyTable->verticalHeader()->defaultSectionSize() + 2);
}

void WorkbenchViews::setConfusion(const ConfusionView& view)
{
    m_confusion->setData(view);
    m_confusion->setBusyNotice({});
    if (view.classes.empty()) { // no evaluation yet, or cleared for a new model or test set
        m_confusedPairs->clear();
        return;
    }
    QStringList pairs;
    for (const ConfusedPair& p : view.mostIncreased)
        pairs << tr("%1 → %2: %3 → %4")
                     .arg(QString::fromStdString(view.classes[static_cast<size_t>(p.trueClass)]),
                          QString::fromStdString(view.classes[static_cast<size_t>(p.predicted)]))
                     .arg(p.fp32)
                     .arg(p.quantized);
    m_confusedPairs->setText(pairs.isEmpty() ? tr("Quantization adds no confusion between classes.")
                                             : tr("<b>Most increased confusions</b> (true → predicted: FP32 → quantized): ") +
                                                   pairs.join(QStringLiteral(" · ")));
}

void WorkbenchViews::setSweepRunning(bool running)
{
    m_runSweep->setEnabled(!running);
    m_runSweep->setText(running ? tr("Sweep running… (Esc cancels)") : tr("Run Sweep"));
}

void WorkbenchViews::setTheme(const PlotTheme& theme)
{
    for (PlotWidget* p : plots())
        p->setTheme(theme);
}

void WorkbenchViews::setHistogramBins(int bins)
{
    m_schemeHistograms->setBinCount(bins);
    m_bitHistograms->setBinCount(bins);
}

int WorkbenchViews::addExtraTab(QWidget* page, const QString& title, const QString& toolTip, std::vector<PlotWidget*> plots)
{
    const int index = addTab(scrollable(page), title);
    setTabToolTip(index, toolTip);
    m_extraTabs.emplace_back(widget(index), std::move(plots));
    return index;
}

std::vector<PlotWidget*> WorkbenchViews::plots() const
{
    std::vector<PlotWidget*> all{m_quartiles, m_schemeHistograms, m_bitHistograms, m_efficiency, m_channelSqnr, m_accuracyCurve, m_confusion};
    for (const auto& [page, plots] : m_extraTabs)
        all.insert(all.end(), plots.begin(), plots.end());
    return all;
}

std::vector<PlotWidget*> WorkbenchViews::currentPlots() const
{
    switch (currentIndex()) {
    case Quartiles: return {m_quartiles};
    case Histograms: return {m_schemeHistograms, m_bitHistograms};
    case Efficiency: return {m_efficiency, m_channelSqnr};
    case Accuracy: return {m_accuracyCurve};
    case Confusion: return {m_confusion};
    default:
        for (const auto& [page, plots] : m_extraTabs)
            if (page == currentWidget())
                return plots;
        return {};
    }
}

} // namespace bitlens

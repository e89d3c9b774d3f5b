#include "plan_tab.h"

#include "plan_document.h"

#include <quant/scheme_registry.h>
#include <widgets/confusion_plot.h>
#include <widgets/display_labels.h>
#include <widgets/plan_table_delegate.h>
#include <widgets/plan_table_model.h>

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPushButton>
#include <QSlider>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace bitlens {

namespace {

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

QString kib(double bytes) { return QLocale().toString(bytes / 1024.0, 'f', 1) + QStringLiteral(" KiB"); }

// A difference of top-1 in percentage points: "+0.52 pt".
QString points(double delta)
{
    const QString number = QString::asprintf("%+.2f", 100 * delta);
    return QCoreApplication::translate("bitlens::PlanTab", "%1 pt", "percentage points").arg(number);
}

} // namespace

PlanTab::PlanTab(QWidget* parent)
    : QWidget(parent), m_model(new PlanTableModel(this)), m_proxy(new QSortFilterProxyModel(this)), m_table(new QTableView),
      m_scheme(new QComboBox), m_granularity(new QComboBox), m_slider(new QSlider(Qt::Horizontal)), m_bitsLabel(new QLabel),
      m_fp32(new QCheckBox(tr("FP32"))), m_size(new QLabel), m_accuracy(new QLabel), m_cacheInfo(new QLabel),
      m_cacheBudget(new QSpinBox), m_confusion(new ConfusionPlot(nullptr, QStringLiteral("plan-confusion")))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(PlanTableModel::SortRole);
    m_table->setObjectName(QStringLiteral("planTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(new PlanTableDelegate(m_table));
    m_table->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder); // graph order until a header is clicked
    m_table->setSortingEnabled(true);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::SelectedClicked);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // Node, op and shape are in the Layers list beside the table; hidden by default so the
    // measures (size, SQNR, sensitivity) fit a 1280-pixel window. The header's menu shows them.
    for (int c : {PlanTableModel::Node, PlanTableModel::Op, PlanTableModel::Shape})
        m_table->setColumnHidden(c, true);
    QHeaderView* header = m_table->horizontalHeader();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setToolTip(tr("Click to sort; right-click to choose the columns"));
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint& pos) {
        QMenu menu(this);
        for (int c = 0; c < m_model->columnCount(); ++c) {
            QAction* a = menu.addAction(m_model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString());
            a->setCheckable(true);
            a->setChecked(!m_table->isColumnHidden(c));
            a->setEnabled(c != PlanTableModel::Layer);
            connect(a, &QAction::toggled, this, [this, c](bool on) { m_table->setColumnHidden(c, !on); });
        }
        menu.exec(header->mapToGlobal(pos));
    });
    m_table->setToolTip(tr("Double-click (F2) a scheme, granularity or bits cell to edit it; select several layers "
                           "and apply a setting with the controls above"));
    connect(m_model, &PlanTableModel::settingEdited, this, [this](int row, const QuantSpec& spec) {
        if (const PlanLayerRow* r = m_model->row(row))
            Q_EMIT layersEdited({r->layer}, spec, 0);
    });

    for (const SchemeDescriptor& d : schemeRegistry()) {
        m_scheme->addItem(schemeLabel(d.id), static_cast<int>(d.id));
        m_scheme->setItemData(m_scheme->count() - 1, qs(d.formula), Qt::ToolTipRole);
    }
    m_scheme->setToolTip(tr("Scheme to apply to the selected layers"));
    m_granularity->addItem(tr("Per channel"), static_cast<int>(Granularity::PerChannel));
    m_granularity->addItem(tr("Per tensor"), static_cast<int>(Granularity::PerTensor));
    m_granularity->setToolTip(tr("One scale per output channel, or one for the whole tensor"));
    m_slider->setObjectName(QStringLiteral("planBitsSlider"));
    m_slider->setRange(1, kMaxBits);
    m_slider->setValue(8);
    m_slider->setPageStep(1);
    m_slider->setTickPosition(QSlider::TicksBelow);
    m_slider->setMinimumWidth(120);
    m_slider->setToolTip(tr("Bits of the selected layers: dragging applies at once and is one undo step"));
    m_bitsLabel->setMinimumWidth(56);
    m_fp32->setToolTip(tr("Keep the selected layers in FP32 (32 bits per weight)"));
    auto* apply = new QPushButton(tr("&Apply to Selected"));
    apply->setToolTip(tr("Give every selected layer this scheme, granularity and bits: one undo step (Ctrl+Return)"));
    auto* applyKey = new QAction(this);
    applyKey->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    applyKey->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(applyKey);
    auto* reset = new QPushButton(tr("Use &Defaults"));
    reset->setToolTip(tr("The selected layers follow the plan's defaults again"));
    auto* setDefaults = new QPushButton(tr("Set as D&efaults"));
    setDefaults->setToolTip(tr("Make this setting the plan's defaults (for every layer without its own)"));
    auto* presets = new QToolButton;
    presets->setText(tr("&Presets"));
    presets->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(presets);
    menu->addAction(tr("All layers 8-bit"), this, [this] { Q_EMIT presetRequested(static_cast<int>(PlanPreset::All8Bit)); });
    menu->addAction(tr("All layers 4-bit per-channel"), this,
                    [this] { Q_EMIT presetRequested(static_cast<int>(PlanPreset::All4BitPerChannel)); });
    menu->addAction(tr("First and last layer at 8 bits"), this,
                    [this] { Q_EMIT presetRequested(static_cast<int>(PlanPreset::FirstLast8Bit)); });
    presets->setMenu(menu);
    presets->setToolTip(tr("Whole-plan starting points, each one undo step"));

    auto updateBitsLabel = [this] {
        m_bitsLabel->setText(m_fp32->isChecked() ? tr("FP32") : tr("%n bit(s)", nullptr, m_slider->value()));
        m_slider->setEnabled(!m_fp32->isChecked());
    };
    connect(m_slider, &QSlider::valueChanged, this, [this, updateBitsLabel] {
        updateBitsLabel();
        // Live while dragging (merged into one undo step); a keyboard step is its own step.
        applyControls(m_dragging ? m_dragSerial : 0);
    });
    connect(m_slider, &QSlider::sliderPressed, this, [this] {
        m_dragging = true;
        ++m_dragSerial;
    });
    connect(m_slider, &QSlider::sliderReleased, this, [this] { m_dragging = false; });
    connect(m_fp32, &QCheckBox::toggled, this, updateBitsLabel);
    connect(apply, &QPushButton::clicked, this, [this] { applyControls(0); });
    connect(applyKey, &QAction::triggered, this, [this] { applyControls(0); });
    connect(reset, &QPushButton::clicked, this, [this] {
        if (auto layers = selectedLayers(); !layers.empty())
            Q_EMIT layersEdited(layers, std::nullopt, 0);
    });
    connect(setDefaults, &QPushButton::clicked, this, [this] { Q_EMIT defaultsRequested(controlsSpec()); });
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PlanTab::syncControls);
    updateBitsLabel();

    // Two rows, so the tab stays narrow enough for the layer dock beside it.
    auto* controls = new QVBoxLayout;
    auto* setting = new QHBoxLayout;
    setting->addWidget(presets);
    setting->addSpacing(12);
    setting->addWidget(m_scheme, 1);
    setting->addWidget(m_granularity);
    setting->addWidget(m_fp32);
    auto* bitsRow = new QHBoxLayout;
    bitsRow->addWidget(m_slider, 1);
    bitsRow->addWidget(m_bitsLabel);
    bitsRow->addWidget(apply);
    bitsRow->addWidget(reset);
    bitsRow->addWidget(setDefaults);
    controls->addLayout(setting);
    controls->addLayout(bitsRow);

    m_size->setObjectName(QStringLiteral("planSize"));
    m_size->setWordWrap(true);
    m_accuracy->setWordWrap(true);
    m_size->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_size->setToolTip(tr("Weight size = Σ (N·n + parameter overhead) over the layers, FP32 layers at 32 bits; "
                          "zstd: the packed codes compressed at level 3 (DESIGN.md \"Storage\")"));
    m_accuracy->setObjectName(QStringLiteral("planAccuracy"));
    m_accuracy->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_accuracy->setToolTip(tr("Top-1: the label is the argmax; top-5: the label's logit among the five largest. "
                              "Re-evaluated in the background after every edit: a first estimate on the first images, "
                              "then the whole test set"));
    m_cacheBudget->setRange(0, 65536);
    m_cacheBudget->setSingleStep(256);
    m_cacheBudget->setSuffix(tr(" MiB"));
    m_cacheBudget->setToolTip(tr("Memory for activations kept between evaluations, so an edit re-runs the model only "
                                 "from the first changed layer on (0: keep none)"));
    m_cacheBudget->setKeyboardTracking(false); // typing 2048 is one change, not 2, 20, 204, 2048
    connect(m_cacheBudget, &QSpinBox::valueChanged, this, &PlanTab::cacheBudgetChanged);
    m_cacheInfo->setWordWrap(true);
    auto* results = new QGroupBox(tr("This plan"));
    auto* form = new QFormLayout(results);
    form->addRow(tr("Size:"), m_size);
    form->addRow(tr("Accuracy:"), m_accuracy);
    form->addRow(tr("Activation cache:"), m_cacheBudget);
    form->addRow(QString(), m_cacheInfo);

    // The table across the top (its many columns need the width), the numbers and the confusion
    // matrix side by side below it.
    auto* top = new QWidget;
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addLayout(controls);
    topLayout->addWidget(m_table, 1);
    // Eight rows at least (four showed at 1280x800): the tab scrolls below that.
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() + 8 * m_table->verticalHeader()->defaultSectionSize() +
                              2 * m_table->frameWidth() + m_table->horizontalScrollBar()->sizeHint().height());
    results->setMinimumWidth(320);
    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(results);
    bottom->addWidget(m_confusion);
    bottom->setStretchFactor(0, 2);
    bottom->setStretchFactor(1, 3);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(bottom);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(split);
}

QuantSpec PlanTab::controlsSpec() const
{
    const auto scheme = static_cast<Scheme>(m_scheme->currentData().toInt());
    int bits = m_fp32->isChecked() ? kFp32Bits : m_slider->value();
    if (bits != kFp32Bits)
        bits = std::clamp(bits, schemeDescriptor(scheme).minBits, schemeDescriptor(scheme).maxBits);
    return {scheme, static_cast<Granularity>(m_granularity->currentData().toInt()), bits};
}

void PlanTab::applyControls(int dragSerial)
{
    const std::vector<std::string> layers = selectedLayers();
    if (!layers.empty())
        Q_EMIT layersEdited(layers, controlsSpec(), dragSerial);
}

std::vector<std::string> PlanTab::selectedLayers() const
{
    std::vector<int> rows;
    for (const QModelIndex& i : m_table->selectionModel()->selectedRows())
        rows.push_back(m_proxy->mapToSource(i).row());
    std::sort(rows.begin(), rows.end());
    std::vector<std::string> names;
    for (int r : rows)
        if (const PlanLayerRow* row = m_model->row(r))
            names.push_back(row->layer);
    return names;
}

void PlanTab::selectLayers(const std::vector<std::string>& names)
{
    QItemSelection selection;
    for (int r = 0; r < m_model->rowCount(); ++r)
        if (std::find(names.begin(), names.end(), m_model->row(r)->layer) != names.end()) {
            const QModelIndex i = m_proxy->mapFromSource(m_model->index(r, 0));
            selection.select(i, i);
        }
    m_table->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (!selection.isEmpty())
        m_table->selectionModel()->setCurrentIndex(selection.indexes().first(), QItemSelectionModel::NoUpdate);
}

void PlanTab::syncControls()
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (!current.isValid())
        return;
    const PlanLayerRow* r = m_model->row(m_proxy->mapToSource(current).row());
    if (!r)
        return;
    const QSignalBlocker b1(m_scheme), b2(m_granularity), b3(m_slider), b4(m_fp32);
    m_scheme->setCurrentIndex(std::max(0, m_scheme->findData(static_cast<int>(r->spec.scheme))));
    m_granularity->setCurrentIndex(std::max(0, m_granularity->findData(static_cast<int>(r->spec.granularity))));
    m_fp32->setChecked(r->spec.bits == kFp32Bits);
    if (r->spec.bits != kFp32Bits)
        m_slider->setValue(r->spec.bits);
    m_slider->setEnabled(!m_fp32->isChecked());
    m_bitsLabel->setText(m_fp32->isChecked() ? tr("FP32") : tr("%n bit(s)", nullptr, m_slider->value()));
}

void PlanTab::setRows(const std::vector<PlanLayerRow>& rows, const PlanSize& size)
{
    const bool first = m_layerCount != rows.size();
    m_model->setRows(rows);
    m_layerCount = rows.size();
    if (first) {
        m_table->resizeColumnsToContents();
        if (!rows.empty() && !m_table->selectionModel()->hasSelection())
            selectLayers({rows.front().layer});
    }
    syncControls();
    const double bytes = static_cast<double>(size.weightBits()) / 8;
    m_size->setText(tr("<b>%1</b> (codes %2 + overhead %3), zstd %4<br>%5 of FP32's %6 · <b>%7 bits/weight</b> · %8 parameters")
                        .arg(kib(bytes), kib(static_cast<double>(size.codeBits) / 8), kib(static_cast<double>(size.overheadBits) / 8),
                             kib(static_cast<double>(size.zstdBytes)))
                        .arg(size.fp32Bytes() > 0 ? QStringLiteral("%1%").arg(100 * size.fractionOfFp32(), 0, 'f', 1)
                                                  : QStringLiteral("—"),
                             kib(static_cast<double>(size.fp32Bytes())))
                        .arg(size.averageBits(), 0, 'f', 2)
                        .arg(QLocale().toString(static_cast<qlonglong>(size.parameters))));
}

void PlanTab::setScore(const PlanScore& s)
{
    QString text = tr("top-1 <b>%1%</b> · top-5 %2%").arg(100 * s.top1, 0, 'f', 2).arg(100 * s.top5, 0, 'f', 2);
    if (s.top1VsFp32())
        text += tr("<br>vs FP32: %1 top-1, %2 top-5").arg(points(*s.top1VsFp32()), points(*s.top5VsFp32()));
    if (s.top1VsPrevious())
        text += tr("<br>vs the previous plan: %1 top-1, %2 top-5").arg(points(*s.top1VsPrevious()), points(*s.top5VsPrevious()));
    text += s.subset ? tr("<br><i>estimate on the first %1 of %2 images; the full test set follows…</i>").arg(s.images).arg(s.totalImages)
                     : tr("<br>on all %1 images").arg(s.images);
    m_accuracy->setText(text);
    m_cacheInfo->setText(s.stats.reusedImages > 0
                             ? tr("%1 of %2 images started at step %3 of %4 from cached activations; %5 kept; %6 s")
                                   .arg(s.stats.reusedImages)
                                   .arg(s.stats.images)
                                   .arg(s.stats.reusedFromStep)
                                   .arg(s.stats.steps)
                                   .arg(kib(static_cast<double>(s.stats.cacheBytes)))
                                   .arg(s.stats.seconds, 0, 'f', 2)
                             : tr("computed from the first layer; %1 kept; %2 s")
                                   .arg(kib(static_cast<double>(s.stats.cacheBytes)))
                                   .arg(s.stats.seconds, 0, 'f', 2));
}

void PlanTab::clearScore(bool evaluating)
{
    m_accuracy->setText(evaluating ? tr("<i>evaluating…</i>") : tr("<i>choose a test set (Ctrl+D) to see the accuracy</i>"));
}

void PlanTab::showStopped()
{
    m_accuracy->setText(m_accuracy->text() +
                        tr("<br><i>stopped (Esc): the next edit, or Run ▸ Evaluate Plan (F6), evaluates again</i>"));
}

void PlanTab::setConfusion(const ConfusionView& view) { m_confusion->setData(view); }

void PlanTab::setCacheBudgetMb(int mb)
{
    const QSignalBlocker block(m_cacheBudget);
    m_cacheBudget->setValue(mb);
}

} // namespace bitlens

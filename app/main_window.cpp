#include "main_window.h"

#include "app_settings.h"
#include "export_dialog.h"
#include "plan_document.h"
#include "project_session.h"
#include "sample_model.h"
#include "test_set_dialog.h"
#include "workbench_document.h"
#include "workbench_views.h"

#include <quant/scheme_registry.h>
#include <widgets/checklist_menu.h>
#include <widgets/display_labels.h>
#include <widgets/layer_table_model.h>
#include <widgets/plot_widget.h>

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QStandardItemModel>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QStyleFactory>
#include <QTableView>
#include <QUndoStack>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace bitlens {

namespace {

QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

// Scheme box items at and above this are named formats (index into namedFormats()).
constexpr int kFormatItem = 1000;

} // namespace

QString MainWindow::debianFashionMnist() { return QStringLiteral("/usr/share/datasets/fashion-mnist"); }

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new WorkbenchDocument(this)), m_layers(new LayerTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_view(new QTableView(this)), m_views(new WorkbenchViews(this))
{
    setWindowTitle(tr("BitLens"));
    setAcceptDrops(true);
    setCentralWidget(m_views);
    m_project = new ProjectSession(this, m_document);
    createPlanTabs();
    createGroupingTab();
    createLayerDock();
    createActions();
    createEditMenu();
    createToolBar();
    createStatusBar();
    connectDocument();
    connectPlanDocument();
    connectGroupingDocument();
    m_exportFolder = QDir::homePath();
    resize(1400, 860);
    setDarkTheme(QSettings().value(QStringLiteral("view/dark"), false).toBool());
}

MainWindow::~MainWindow()
{
    // The project and the document (with its jobs and undo stack) go while this is still a
    // MainWindow: their last signals reach slots of it, which ~QWidget would no longer have.
    // (The undo stack even reports "clean" while it is destroyed.)
    m_document->planDocument()->undoStack()->disconnect(this);
    delete m_project;
    m_project = nullptr;
    delete m_document;
    m_document = nullptr;
}

void MainWindow::createLayerDock()
{
    m_proxy->setSourceModel(m_layers);
    m_proxy->setSortRole(LayerTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setModel(m_proxy);
    // Graph order until the user clicks a header.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->setToolTip(tr("Weight layers; select one to show it in every view (Up/Down)"));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
        if (!current.isValid())
            return;
        if (const LayerOverview* l = m_layers->layer(m_proxy->mapToSource(current).row()))
            m_document->selectLayer(QString::fromStdString(l->name));
    });

    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter layers (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
    auto* focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filter, qOverload<>(&QWidget::setFocus));
    addAction(focusFilter);

    auto* panel = new QWidget(this);
    auto* layout = new QVBoxLayout(panel);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    auto* dock = new QDockWidget(tr("Layers"), this);
    dock->setObjectName(QStringLiteral("layersDock"));
    dock->setWidget(panel);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {430}, Qt::Horizontal);
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open…"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open an ONNX model or a BitLens project (Ctrl+O); you can also drop one on the window"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this,
            [this] { fillRecentModelsMenu(m_recentMenu, [this](const QString& path) { openModel(path); }); });
    QAction* sample = file->addAction(tr("Open &Sample Model"), this, &MainWindow::openSample);
    sample->setToolTip(tr("The bundled Fashion-MNIST CNN"));
    addProjectActions(file);
    file->addSeparator();
    QAction* data = file->addAction(tr("Choose &Test Set…"), this, &MainWindow::chooseTestSet);
    data->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    data->setToolTip(tr("The labelled images and their preprocessing (Ctrl+D)"));
    file->addSeparator();
    QAction* exportView = file->addAction(tr("&Export View…"), this, &MainWindow::exportCurrentView);
    exportView->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    exportView->setToolTip(tr("The current view as PDF, SVG, PNG or CSV (Ctrl+E)"));
    QAction* exportAll = file->addAction(tr("Export &All Views…"), this, &MainWindow::exportAllViews);
    exportAll->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    exportAll->setToolTip(tr("Every view as PDF, SVG, PNG and CSV into one folder (Ctrl+Shift+E)"));
    QAction* report = file->addAction(tr("Write &Report…"), this, &MainWindow::writeReport);
    report->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
    report->setToolTip(tr("A self-contained HTML report of the saved project: model, plan, accuracy (Table 1), grouped "
                          "accuracy (Table 2), sizes (Table 5) and the key figures (Ctrl+Shift+R); the same as "
                          "bitlens-cli report"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QString names[] = {tr("&Quartiles"), tr("&Histograms"), tr("&Bit Efficiency"), tr("&Accuracy"), tr("&Confusion"),
                             tr("&Plan"), tr("&Sensitivity"), tr("P&roposal"), tr("&Groups")};
    for (int t = 0; t < m_views->count() && t < static_cast<int>(std::size(names)); ++t) {
        QAction* a = view->addAction(names[t], this, [this, t] { m_views->setCurrentIndex(t); });
        a->setShortcut(QKeySequence(Qt::CTRL | static_cast<Qt::Key>(Qt::Key_1 + t)));
    }
    view->addSeparator();
    QAction* reset = view->addAction(tr("&Reset Zoom"), this, [this] {
        for (PlotWidget* p : m_views->currentPlots())
            p->resetView();
    });
    reset->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    m_darkAction = view->addAction(tr("&Dark Theme"));
    m_darkAction->setCheckable(true);
    m_darkAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T));
    connect(m_darkAction, &QAction::toggled, this, [this](bool dark) {
        setDarkTheme(dark);
        QSettings().setValue(QStringLiteral("view/dark"), dark); // remembered when chosen in the menu
    });
    fillLanguageMenu(view->addMenu(tr("&Language")), this);

    QMenu* run = menuBar()->addMenu(tr("&Run"));
    run->setObjectName(QStringLiteral("runMenu"));
    QAction* sweep = run->addAction(tr("Accuracy &Sweep"), m_document, &WorkbenchDocument::runSweep);
    sweep->setShortcut(QKeySequence(Qt::Key_F5));
    sweep->setToolTip(tr("Top-1 of every compared scheme at 2-8 bits on the test set (F5)"));
    QAction* cancel = run->addAction(tr("&Cancel"), m_document, &WorkbenchDocument::cancel);
    cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    connect(m_views, &WorkbenchViews::runSweepRequested, m_document, &WorkbenchDocument::runSweep);
    connect(m_views, &WorkbenchViews::binsRequested, this, [this](int bins) {
        m_document->setHistogramBins(bins);
        m_views->setHistogramBins(m_document->histogramBins()); // both histogram views show it
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* keys = help->addAction(tr("&Keyboard Shortcuts"), this, &MainWindow::showShortcuts);
    keys->setShortcut(QKeySequence::HelpContents);
    help->addAction(tr("&About BitLens"), this, [this] {
        QMessageBox::about(this, tr("About BitLens"),
                           tr("<b>BitLens</b> shows what quantization does to a trained network, layer by "
                              "layer and class by class, and lets you hand-tune it."));
    });
}

void MainWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Quantization"));
    bar->setObjectName(QStringLiteral("quantizationToolBar"));
    m_scheme = new QComboBox(bar);
    m_scheme->setObjectName(QStringLiteral("schemeBox"));
    for (const SchemeDescriptor& d : schemeRegistry()) {
        m_scheme->addItem(schemeLabel(d.id), static_cast<int>(d.id));
        m_scheme->setItemData(m_scheme->count() - 1, qs(d.formula), Qt::ToolTipRole);
    }
    // The named formats after the schemes, as the plan spells them: each sets scheme, granularity,
    // block and scale at once.
    m_scheme->insertSeparator(m_scheme->count());
    for (size_t i = 0; i < namedFormats().size(); ++i) {
        const NamedFormat& f = namedFormats()[i];
        m_scheme->addItem(qs(f.name), kFormatItem + static_cast<int>(i));
        m_scheme->setItemData(m_scheme->count() - 1, QString(qs(specLabel(f.spec)) + QLatin1Char('\n') + qs(schemeDescriptor(f.spec.scheme).formula)),
                              Qt::ToolTipRole);
    }
    m_scheme->setToolTip(tr("The scheme or named format the layer list, per-channel SQNR, bit-width histograms and confusion use"));
    m_granularity = new QComboBox(bar);
    m_granularity->setObjectName(QStringLiteral("granularityBox"));
    m_granularity->addItem(tr("Per channel"), static_cast<int>(Granularity::PerChannel));
    m_granularity->addItem(tr("Per tensor"), static_cast<int>(Granularity::PerTensor));
    m_granularity->addItem(tr("Per block"), static_cast<int>(Granularity::PerBlock));
    m_granularity->setToolTip(tr("One scale per output channel, for the whole tensor, or per block of weights along the input axis"));
    m_block = new QComboBox(bar);
    m_block->setObjectName(QStringLiteral("blockBox"));
    for (int b : {16, 32, 64, 128, 256})
        m_block->addItem(QString::number(b), b);
    m_block->setCurrentIndex(1);
    m_block->setToolTip(tr("Weights per block (per-block granularity)"));
    m_scale = new QComboBox(bar);
    m_scale->setObjectName(QStringLiteral("scaleBox"));
    for (ScaleEncoding e : {ScaleEncoding::Fp32, ScaleEncoding::Fp16, ScaleEncoding::Bf16, ScaleEncoding::E8M0, ScaleEncoding::UE4M3})
        m_scale->addItem(qs(scaleEncodingName(e)), static_cast<int>(e));
    m_scale->setToolTip(tr("How the scale is stored: fp32, fp16, bf16, e8m0 (a power of two) or ue4m3 with an fp32 tensor scale"));
    m_bits = new QComboBox(bar);
    m_bits->setObjectName(QStringLiteral("bitsBox"));
    for (int b = 1; b <= 8; ++b)
        m_bits->addItem(b == 1 ? tr("1 bit") : tr("%1 bits").arg(b), b);
    m_bits->setCurrentIndex(7);
    m_bits->setToolTip(tr("Bits per weight (Alt+Up / Alt+Down)"));
    auto* moreBits = new QAction(this);
    moreBits->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Up));
    connect(moreBits, &QAction::triggered, this, [this] { m_bits->setCurrentIndex(std::min(m_bits->currentIndex() + 1, m_bits->count() - 1)); });
    auto* fewerBits = new QAction(this);
    fewerBits->setShortcut(QKeySequence(Qt::ALT | Qt::Key_Down));
    connect(fewerBits, &QAction::triggered, this, [this] { m_bits->setCurrentIndex(std::max(m_bits->currentIndex() - 1, 0)); });
    addActions({moreBits, fewerBits});

    m_compareMenu = new ChecklistMenu(this);
    for (const SchemeDescriptor& d : schemeRegistry()) {
        QAction* a = m_compareMenu->addAction(schemeLabel(d.id));
        a->setCheckable(true);
        a->setChecked(hasBitRange(d)); // the element formats on request
        a->setData(static_cast<int>(d.id));
        a->setToolTip(qs(d.formula));
        connect(a, &QAction::toggled, this, [this] {
            std::vector<Scheme> chosen;
            for (QAction* x : m_compareMenu->actions())
                if (x->isChecked())
                    chosen.push_back(static_cast<Scheme>(x->data().toInt()));
            m_document->setCompared(chosen);
        });
    }
    m_compareMenu->setToolTipsVisible(true);
    auto* compare = new QToolButton(bar);
    compare->setText(tr("Compare"));
    compare->setMenu(m_compareMenu);
    compare->setPopupMode(QToolButton::InstantPopup);
    compare->setToolTip(tr("Schemes shown beside FP32 in the quartile plot, histograms, bit efficiency and sweep"));

    bar->addWidget(new QLabel(tr("Scheme "), bar));
    bar->addWidget(m_scheme);
    bar->addWidget(m_granularity);
    bar->addWidget(m_block);
    bar->addWidget(m_scale);
    bar->addWidget(m_bits);
    bar->addSeparator();
    bar->addWidget(compare);
    for (QComboBox* box : {m_scheme, m_granularity, m_block, m_scale, m_bits})
        connect(box, &QComboBox::currentIndexChanged, this, &MainWindow::specFromControls);
    showSetting({Scheme::Asymmetric, Granularity::PerChannel, 8});
}

void MainWindow::createStatusBar()
{
    m_testSetButton = new QToolButton(this);
    m_testSetButton->setAutoRaise(true);
    m_testSetButton->setToolTip(tr("The test set and its preprocessing; click to change (Ctrl+D)"));
    connect(m_testSetButton, &QToolButton::clicked, this, &MainWindow::chooseTestSet);
    m_summary = new QLabel(this);
    // What runs, on one line beside a bar with the percentage only (inside the bar the text
    // wrapped and was cut at narrow widths); elided to its width, whole in the tooltip.
    m_progressText = new QLabel(this);
    m_progressText->setObjectName(QStringLiteral("progressText"));
    m_progressText->setFixedWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 34);
    m_progressText->setVisible(false);
    m_progress = new QProgressBar(this);
    m_progress->setFixedWidth(fontMetrics().horizontalAdvance(QStringLiteral("100 %")) * 3);
    m_progress->setFormat(QStringLiteral("%p%"));
    m_progress->setVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the running jobs (Esc)"));
    m_cancel->setVisible(false);
    connect(m_cancel, &QToolButton::clicked, m_document, &WorkbenchDocument::cancel);
    statusBar()->addWidget(m_testSetButton);
    statusBar()->addPermanentWidget(m_summary);
    statusBar()->addPermanentWidget(m_progressText);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
}

void MainWindow::connectDocument()
{
    connect(m_document, &WorkbenchDocument::modelLoaded, this, [this](const QString& path) {
        updateTitle();
        m_views->setModelOpen(true);
        if (path != bundledSampleModelPath())
            rememberRecentModel(path);
    });
    connect(m_document, &WorkbenchDocument::loadFailed, this,
            [this](const QString& message) { showError(tr("Cannot open model"), message); });
    connect(m_document, &WorkbenchDocument::jobFailed, this,
            [this](const QString& message) { showError(tr("BitLens"), message); });
    connect(m_document, &WorkbenchDocument::overviewReady, this, [this](const std::vector<LayerOverview>& layers) {
        m_layers->setLayers(layers);
        m_view->resizeColumnsToContents();
        // Long node paths (transformers: /encoder/layer.11/attention/...) would push the shape and
        // the numbers out of the dock: the name and node columns are capped and elide (tooltip).
        for (int c : {LayerTableModel::Name, LayerTableModel::Node})
            m_view->setColumnWidth(c, std::min(m_view->columnWidth(c), fontMetrics().horizontalAdvance(QLatin1Char('x')) * 26));
        int64_t params = 0;
        for (const LayerOverview& l : layers)
            params += l.parameters;
        m_summary->setText(tr("Weight layers: %1, parameters: %2")
                               .arg(layers.size())
                               .arg(QLocale().toString(static_cast<qlonglong>(params))));
        selectDocumentLayer();
    });
    connect(m_document, &WorkbenchDocument::layerViewsReady, m_views, &WorkbenchViews::setLayerViews);
    connect(m_document, &WorkbenchDocument::accuracyTableChanged, this, [this](const AccuracyTable& t) {
        m_views->setAccuracyTable(t);
        m_views->setSweepRunning(m_document->sweepRunning());
    });
    connect(m_document, &WorkbenchDocument::confusionReady, m_views, &WorkbenchViews::setConfusion);
    connect(m_document, &WorkbenchDocument::confusionPending, m_views, &WorkbenchViews::setConfusionPending);
    connect(m_document, &WorkbenchDocument::testSetChanged, this, [this](const TestSet& t) {
        m_views->setTestSetOpen(!t.path.isEmpty());
        if (t.path.isEmpty()) {
            m_testSetButton->setText(tr("No test set: choose one (Ctrl+D)"));
            return;
        }
        m_testSetButton->setText(tr("Test set: %1 · mean %2 · std %3")
                                     .arg(t.description, floatListText(t.pre.mean), floatListText(t.pre.std)));
    });
    connect(m_document, &WorkbenchDocument::progress, this, [this](int done, int total, const QString& what) {
        m_progress->setVisible(true);
        m_progressText->setVisible(true);
        m_progressText->setText(m_progressText->fontMetrics().elidedText(what, Qt::ElideRight, m_progressText->width()));
        m_progressText->setToolTip(what);
        m_cancel->setVisible(true);
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_progress->setToolTip(what);
        m_views->setSweepRunning(m_document->sweepRunning());
    });
    connect(m_document, &WorkbenchDocument::idle, this, [this] {
        m_progress->setVisible(false);
        m_progressText->setVisible(false);
        m_cancel->setVisible(false);
        m_views->setSweepRunning(false);
        m_views->setConfusionPending({}); // a cancelled evaluation leaves the last matrix, labelled with its setting
    });
}

void MainWindow::selectDocumentLayer()
{
    const QString name = m_document->selectedLayer();
    for (int r = 0; r < m_proxy->rowCount(); ++r) {
        const LayerOverview* l = m_layers->layer(m_proxy->mapToSource(m_proxy->index(r, 0)).row());
        if (l && QString::fromStdString(l->name) == name) {
            const QSignalBlocker block(m_view->selectionModel());
            m_view->selectionModel()->setCurrentIndex(m_proxy->index(r, 0),
                                                      QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
            return;
        }
    }
}

void MainWindow::specFromControls()
{
    const int item = m_scheme->currentData().toInt();
    const bool format = item >= kFormatItem;
    QuantSpec spec;
    if (format && sender() != m_granularity && sender() != m_block && sender() != m_scale && sender() != m_bits) {
        spec = namedFormats()[static_cast<size_t>(item - kFormatItem)].spec;
    } else {
        // A box changed under a named format: the format's scheme with the boxes' setting.
        spec.scheme = format ? namedFormats()[static_cast<size_t>(item - kFormatItem)].spec.scheme : static_cast<Scheme>(item);
        const SchemeDescriptor& d = schemeDescriptor(spec.scheme);
        spec.granularity = static_cast<Granularity>(m_granularity->currentData().toInt());
        spec.bits = m_bits->currentData().toInt();
        if (!bitsAllowed(spec.scheme, spec.bits)) // e.g. symmetric needs 2 bits; fp4 has 4
            spec.bits = std::clamp(spec.bits, d.minBits, d.maxBits);
        spec.block = spec.granularity == Granularity::PerBlock ? m_block->currentData().toInt() : 0;
        spec.scale = static_cast<ScaleEncoding>(m_scale->currentData().toInt());
        if (!scaleAllowed(spec.scheme, spec.scale))
            spec.scale = d.defaultScale;
    }
    showSetting(spec);
    m_document->setSpec(spec);
}

void MainWindow::showSetting(const QuantSpec& spec)
{
    const QSignalBlocker b1(m_scheme), b2(m_granularity), b3(m_bits), b4(m_block), b5(m_scale);
    int item = static_cast<int>(spec.scheme);
    if (auto f = formatName(spec))
        for (size_t i = 0; i < namedFormats().size(); ++i)
            if (namedFormats()[i].name == *f)
                item = kFormatItem + static_cast<int>(i);
    m_scheme->setCurrentIndex(std::max(0, m_scheme->findData(item)));
    m_granularity->setCurrentIndex(std::max(0, m_granularity->findData(static_cast<int>(spec.granularity))));
    if (spec.granularity == Granularity::PerBlock) {
        if (m_block->findData(spec.block) < 0) // a block size from a project or the command line
            m_block->addItem(QString::number(spec.block), spec.block);
        m_block->setCurrentIndex(m_block->findData(spec.block));
    }
    m_block->setEnabled(spec.granularity == Granularity::PerBlock);
    m_scale->setCurrentIndex(std::max(0, m_scale->findData(static_cast<int>(spec.scale))));
    // Encodings the scheme cannot take are shown but cannot be chosen.
    if (auto* items = qobject_cast<QStandardItemModel*>(m_scale->model()))
        for (int i = 0; i < m_scale->count(); ++i)
            items->item(i)->setEnabled(scaleAllowed(spec.scheme, static_cast<ScaleEncoding>(m_scale->itemData(i).toInt())));
    m_bits->setCurrentIndex(std::max(0, m_bits->findData(spec.bits)));
}

void MainWindow::setSetting(const QuantSpec& spec)
{
    showSetting(spec);
    specFromControls();
}

void MainWindow::showOpenDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open"), QString(),
        tr("ONNX models and BitLens projects (*.onnx *.bitlens);;ONNX models (*.onnx);;BitLens projects (*.bitlens);;All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::openModel(const QString& path)
{
    if (path.endsWith(QLatin1String(".bitlens"))) {
        if (maybeSave())
            m_project->open(path);
        return;
    }
    if (!maybeSave())
        return;
    m_document->setDefaultTestSet(m_pendingTestSet);
    m_pendingTestSet.clear();
    m_document->openModel(path);
}

void MainWindow::openSample()
{
    const QString path = bundledSampleModelPath();
    if (path.isEmpty()) {
        showError(tr("Cannot open model"), tr("The bundled sample could not be unpacked."));
        return;
    }
    if (m_pendingTestSet.isEmpty()) {
        // The full 10,000-image test set from Debian's package when installed, else the 2,000 bundled images.
        const QString debian = debianFashionMnist();
        m_pendingTestSet = QFileInfo::exists(debian + QStringLiteral("/t10k-images-idx3-ubyte.gz"))
                               ? debian
                               : QFileInfo(path).absolutePath();
    }
    openModel(path);
}

bool MainWindow::useTestSet(const QString& path)
{
    if (!m_document->loaded().model) {
        m_pendingTestSet = path;              // for the model about to be opened
        m_document->setDefaultTestSet(path); // and for one being loaded now
        return true;
    }
    QString error;
    if (!m_document->setTestSet(path, &error)) {
        showError(tr("Cannot open test set"), error);
        return false;
    }
    return true;
}

void MainWindow::chooseTestSet()
{
    TestSetDialog dialog(m_document->testSet(), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString error;
    if (dialog.preprocessingEdited() && !m_document->setPreprocessing(dialog.mean(), dialog.std(), &error)) {
        showError(tr("Invalid preprocessing"), error);
        return;
    }
    if (dialog.preprocessingEdited())
        m_project->markModified();
    // A test set that cannot be used changes nothing, so nothing is left to save.
    if (dialog.path() != m_document->testSet().path && !dialog.path().isEmpty() && useTestSet(dialog.path()))
        m_project->markModified();
}

void MainWindow::exportCurrentView()
{
    std::vector<PlotWidget*> plots = m_views->currentPlots();
    QStringList names;
    for (PlotWidget* p : plots)
        names << p->exportName();
    QList<QSizeF> sizes; // each view's own figure size; the last format and resolution
    for (PlotWidget* p : plots)
        sizes << p->defaultExportSizeMm();
    ExportDialog dialog(names, sizes, m_exportOptions, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_exportOptions = dialog.options();
    PlotWidget* plot = plots[static_cast<size_t>(std::max(0, dialog.plotIndex()))];
    const QString suffix = formatSuffix(m_exportOptions.format);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export View"),
                                                      QDir(m_exportFolder).filePath(plot->exportName() + QLatin1Char('.') + suffix),
                                                      tr("%1 files (*.%2)").arg(suffix.toUpper(), suffix));
    if (path.isEmpty())
        return;
    m_exportFolder = QFileInfo(path).absolutePath();
    QString error;
    if (!plot->exportTo(path, m_exportOptions, &error))
        showError(tr("Export failed"), error);
    else
        statusBar()->showMessage(tr("Wrote %1").arg(path), 5000);
}

void MainWindow::exportAllViews()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export All Views To"), m_exportFolder);
    if (dir.isEmpty())
        return;
    m_exportFolder = dir;
    int written = 0;
    QStringList errors;
    for (PlotWidget* p : m_views->plots()) {
        if (!p->hasData())
            continue;
        for (ExportFormat f : {ExportFormat::Pdf, ExportFormat::Svg, ExportFormat::Png, ExportFormat::Csv}) {
            ExportOptions o = m_exportOptions;
            o.format = f;
            o.widthMm = p->defaultExportSizeMm().width();
            o.heightMm = p->defaultExportSizeMm().height();
            QString error;
            if (p->exportTo(QDir(dir).filePath(p->exportName() + QLatin1Char('.') + formatSuffix(f)), o, &error))
                ++written;
            else
                errors << error;
        }
    }
    if (!errors.isEmpty())
        showError(tr("Export failed"), errors.join(QLatin1Char('\n')));
    statusBar()->showMessage(tr("Wrote %n file(s) to %1", nullptr, written).arg(dir), 5000);
}

void MainWindow::setDarkTheme(bool dark)
{
    {
        const QSignalBlocker block(m_darkAction);
        m_darkAction->setChecked(dark);
    }
    applyDarkPalette(dark);
    m_views->setTheme(dark ? PlotTheme::darkTheme() : PlotTheme::light());
}

void MainWindow::showShortcuts()
{
    // Every menu action with a shortcut, read from the menus so the list cannot go stale.
    QString rows;
    std::function<void(QMenu*)> walk = [&](QMenu* menu) {
        for (QAction* a : menu->actions()) {
            if (a->menu())
                walk(a->menu());
            else if (!a->shortcut().isEmpty())
                rows += QStringLiteral("<tr><td>%1</td><td>&nbsp;&nbsp;<b>%2</b></td></tr>")
                            .arg(a->text().remove(QLatin1Char('&')), a->shortcut().toString(QKeySequence::NativeText));
        }
    };
    for (QAction* a : menuBar()->actions())
        if (a->menu())
            walk(a->menu());
    rows += tr("<tr><td>Find a layer</td><td>&nbsp;&nbsp;<b>Ctrl+F</b></td></tr>"
               "<tr><td>More / fewer bits</td><td>&nbsp;&nbsp;<b>Alt+Up / Alt+Down</b></td></tr>"
               "<tr><td>Next / previous page of channels</td><td>&nbsp;&nbsp;<b>Page Down / Page Up</b></td></tr>"
               "<tr><td>Zoom, pan, reset a plot</td><td>&nbsp;&nbsp;<b>wheel, drag, double-click</b></td></tr>");
    QMessageBox box(QMessageBox::NoIcon, tr("Keyboard Shortcuts"), QStringLiteral("<table>%1</table>").arg(rows),
                    QMessageBox::Close, this);
    box.exec();
}

QMessageBox* MainWindow::showError(const QString& title, const QString& message)
{
    statusBar()->showMessage(message, 10000);
    // Window-modal but not blocking: background jobs and their signals keep running.
    auto* box = new QMessageBox(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorDialog"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return box;
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (urls.size() == 1 && urls.first().isLocalFile()) {
        openModel(urls.first().toLocalFile());
        event->acceptProposedAction();
    }
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_project->discardRecovery(); // a clean exit: nothing to recover
    m_document->cancel(); // jobs stop at their next check; the document waits for them
    QMainWindow::closeEvent(event);
}

} // namespace bitlens

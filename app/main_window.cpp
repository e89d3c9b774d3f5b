#include "main_window.h"

#include "sample_model.h"
#include "workbench_document.h"

#include <quant/scheme_registry.h>
#include <widgets/layer_table_model.h>

#include <QAction>
#include <QFileInfo>
#include <QLocale>
#include <QApplication>
#include <QComboBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QToolButton>

namespace bitlens {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_document(new WorkbenchDocument(this)), m_layers(new LayerTableModel(this)),
      m_proxy(new QSortFilterProxyModel(this)), m_view(new QTableView(this))
{
    setWindowTitle(tr("BitLens"));
    m_proxy->setSourceModel(m_layers);
    m_proxy->setSortRole(LayerTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    m_view->setModel(m_proxy);
    // Graph order until the user clicks a header.
    m_view->horizontalHeader()->setSortIndicator(-1, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(LayerTableModel::Node, QHeaderView::Stretch);
    setCentralWidget(m_view);

    createActions();
    createToolBar();
    createStatusBar();

    connect(m_document, &WorkbenchDocument::modelLoaded, this, [this](const QString& path) {
        setWindowTitle(tr("BitLens — %1").arg(QFileInfo(path).fileName()));
    });
    connect(m_document, &WorkbenchDocument::loadFailed, this, [this](const QString& message) {
        QMessageBox::warning(this, tr("Cannot open model"), message);
    });
    connect(m_document, &WorkbenchDocument::overviewReady, this, [this](const std::vector<LayerOverview>& layers) {
        m_layers->setLayers(layers);
        m_view->resizeColumnsToContents();
        int64_t params = 0;
        for (const LayerOverview& l : layers)
            params += l.parameters;
        m_summary->setText(tr("Weight layers: %1, parameters: %2")
                               .arg(layers.size())
                               .arg(QLocale().toString(static_cast<qlonglong>(params))));
    });
    connect(m_document, &WorkbenchDocument::progress, this, [this](int done, int total, const QString& what) {
        m_progress->setVisible(true);
        m_cancel->setVisible(true);
        m_progress->setRange(0, total);
        m_progress->setValue(done);
        m_progress->setFormat(what + QStringLiteral(" %p%"));
        statusBar()->showMessage(what);
    });
    connect(m_document, &WorkbenchDocument::idle, this, [this] {
        m_progress->setVisible(false);
        m_cancel->setVisible(false);
        statusBar()->clearMessage();
    });
    resize(1100, 650);
}

void MainWindow::createActions()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    QAction* open = file->addAction(tr("&Open Model…"), this, &MainWindow::showOpenDialog);
    open->setShortcut(QKeySequence::Open);
    open->setToolTip(tr("Open an ONNX model (Ctrl+O)"));
    QAction* sample = file->addAction(tr("Open &Sample Model"), this, &MainWindow::openSample);
    sample->setToolTip(tr("The bundled Fashion-MNIST CNN"));
    file->addSeparator();
    QAction* quit = file->addAction(tr("&Quit"), qApp, &QApplication::closeAllWindows);
    quit->setShortcut(QKeySequence::Quit);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About BitLens"), this, [this] {
        QMessageBox::about(this, tr("About BitLens"),
                           tr("<b>BitLens</b> shows what quantization does to a trained network, layer by "
                              "layer, and lets you hand-tune it."));
    });
}

void MainWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Quantization"));
    bar->setObjectName(QStringLiteral("quantizationToolBar"));
    m_scheme = new QComboBox(bar);
    for (const SchemeDescriptor& d : schemeRegistry()) {
        m_scheme->addItem(QString::fromUtf8(d.label.data(), static_cast<qsizetype>(d.label.size())),
                          static_cast<int>(d.id));
        m_scheme->setItemData(m_scheme->count() - 1,
                              QString::fromUtf8(d.formula.data(), static_cast<qsizetype>(d.formula.size())),
                              Qt::ToolTipRole);
    }
    m_granularity = new QComboBox(bar);
    m_granularity->addItem(tr("Per channel"), static_cast<int>(Granularity::PerChannel));
    m_granularity->addItem(tr("Per tensor"), static_cast<int>(Granularity::PerTensor));
    m_bits = new QComboBox(bar);
    for (int b = 1; b <= 8; ++b)
        m_bits->addItem(b == 1 ? tr("1 bit") : tr("%1 bits").arg(b), b);
    m_bits->setCurrentIndex(7);
    m_filter = new QLineEdit(bar);
    m_filter->setPlaceholderText(tr("Filter layers (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    auto* focusFilter = new QAction(this);
    focusFilter->setShortcut(QKeySequence::Find);
    connect(focusFilter, &QAction::triggered, m_filter, qOverload<>(&QWidget::setFocus));
    addAction(focusFilter);

    bar->addWidget(new QLabel(tr("Scheme "), bar));
    bar->addWidget(m_scheme);
    bar->addWidget(m_granularity);
    bar->addWidget(m_bits);
    bar->addSeparator();
    bar->addWidget(m_filter);

    for (QComboBox* box : {m_scheme, m_granularity, m_bits})
        connect(box, &QComboBox::currentIndexChanged, this, &MainWindow::specFromControls);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &QSortFilterProxyModel::setFilterFixedString);
}

void MainWindow::createStatusBar()
{
    m_summary = new QLabel(this);
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(260);
    m_progress->setVisible(false);
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the running job (Esc)"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setVisible(false);
    connect(m_cancel, &QToolButton::clicked, m_document, &WorkbenchDocument::cancel);
    statusBar()->addPermanentWidget(m_summary);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
}

void MainWindow::specFromControls()
{
    const auto scheme = static_cast<Scheme>(m_scheme->currentData().toInt());
    int bits = m_bits->currentData().toInt();
    if (!bitsAllowed(scheme, bits)) { // e.g. symmetric needs 2 bits
        bits = schemeDescriptor(scheme).minBits;
        const QSignalBlocker block(m_bits);
        m_bits->setCurrentIndex(m_bits->findData(bits));
    }
    m_document->setSpec({scheme, static_cast<Granularity>(m_granularity->currentData().toInt()), bits});
}

void MainWindow::showOpenDialog()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Model"), QString(),
                                                      tr("ONNX models (*.onnx);;All files (*)"));
    if (!path.isEmpty())
        openModel(path);
}

void MainWindow::openModel(const QString& path) { m_document->openModel(path); }

void MainWindow::openSample()
{
    const QString path = bundledSampleModelPath();
    if (path.isEmpty()) {
        QMessageBox::warning(this, tr("Cannot open model"), tr("The bundled sample could not be unpacked."));
        return;
    }
    openModel(path);
}

} // namespace bitlens

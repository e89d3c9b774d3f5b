#pragma once
// Builds the actions, menus, toolbar, the layer dock, the view tabs and the status bar, and wires
// them to the document. No computation here: the document computes, the widgets draw.
#include <quant/scheme.h>
#include <widgets/plot_export.h>

#include <QMainWindow>

class QActionGroup;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace bitlens {

class LayerTableModel;
class PlotWidget;
class WorkbenchDocument;
class WorkbenchViews;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    WorkbenchDocument* document() const { return m_document; }
    QTableView* layerView() const { return m_view; }
    WorkbenchViews* views() const { return m_views; }

    // Where the sample's full test set lives when Debian's dataset-fashion-mnist is installed.
    static QString debianFashionMnist();

public Q_SLOTS:
    void openModel(const QString& path);
    void openSample();
    // The test set to use with the next model (the --data option), or now if a model is open.
    void useTestSet(const QString& path);
    void exportCurrentView();
    void exportAllViews();
    void chooseTestSet();
    void setDarkTheme(bool dark);
    // Sets the toolbar's scheme, granularity and bits (as if chosen there).
    void setSetting(const QuantSpec& spec);

protected:
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void createToolBar();
    void createLayerDock();
    void createStatusBar();
    void connectDocument();
    void specFromControls();
    void showOpenDialog();
    void selectDocumentLayer();
    void showError(const QString& title, const QString& message);
    void showShortcuts();

    WorkbenchDocument* m_document;
    LayerTableModel* m_layers;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    WorkbenchViews* m_views;
    QLineEdit* m_filter = nullptr;
    QComboBox* m_scheme = nullptr;
    QComboBox* m_granularity = nullptr;
    QComboBox* m_bits = nullptr;
    QMenu* m_compareMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    QToolButton* m_testSetButton = nullptr;
    QLabel* m_summary = nullptr;
    QAction* m_darkAction = nullptr;
    QString m_pendingTestSet;
    ExportOptions m_exportOptions;
    QString m_exportFolder;
};

} // namespace bitlens

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
class QMessageBox;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace bitlens {

class LayerTableModel;
class GroupingTab;
class ParetoTab;
class PlanTab;
class ProjectSession;
class SensitivityTab;
class PlotWidget;
class WorkbenchDocument;
class WorkbenchViews;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;
    WorkbenchDocument* document() const { return m_document; }
    QTableView* layerView() const { return m_view; }
    WorkbenchViews* views() const { return m_views; }
    PlanTab* planTab() const { return m_planTab; }
    SensitivityTab* sensitivityTab() const { return m_sensitivityTab; }
    ParetoTab* paretoTab() const { return m_paretoTab; }
    GroupingTab* groupingTab() const { return m_groupingTab; }
    ProjectSession* project() const { return m_project; }

    // Where the sample's full test set lives when Debian's dataset-fashion-mnist is installed.
    static QString debianFashionMnist();

public Q_SLOTS:
    void openModel(const QString& path);
    void openSample();
    // The test set to use with the next model (the --data option), or now if a model is open.
    // False (and an error dialog naming the file) when the test set cannot be used.
    bool useTestSet(const QString& path);
    void exportCurrentView();
    void exportAllViews();
    // Saves the project if needed, computes its figures in the background (progress, cancel) and
    // writes the HTML report (main_window_report.cpp); `path` empty: asks for one.
    void writeReport();
    void writeReportTo(const QString& path);
    // Reads a *.bitlens-groups.json file into the Groups tab (one undo step); an error dialog if not.
    bool importGroups(const QString& path);
    void chooseTestSet();
    void setDarkTheme(bool dark);
    // Sets the toolbar's scheme, granularity and bits (as if chosen there).
    void setSetting(const QuantSpec& spec);

Q_SIGNALS:
    void reportWritten(const QString& path);

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
    // The plan editor's tabs, the Edit menu (undo/redo) and the undo history (main_window_plan.cpp).
    void createPlanTabs();
    void createEditMenu();
    void connectPlanDocument();
    // The class grouping tab and its wiring to the GroupingDocument (main_window_grouping.cpp).
    void createGroupingTab();
    void connectGroupingDocument();
    void updateTitle();
    void addProjectActions(QMenu* file);
    bool saveProjectAs(const QString& caption = {}); // caption: why the dialog asks (default "Save Project")
    // Save, Discard or Cancel when the project has unsaved edits; false to stay open.
    bool maybeSave();

public:
    // After a crash: offers the autosaved work back (asks; true if recovered).
    bool offerRecovery();

private:
    void specFromControls();
    // The toolbar's boxes showing `spec` (signals blocked): a named format as itself.
    void showSetting(const QuantSpec& spec);
    void showOpenDialog();
    void selectDocumentLayer();
public:
    // A window-modal warning that does not block (jobs keep running); returned for extra buttons.
    QMessageBox* showError(const QString& title, const QString& message);

private:
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
    QComboBox* m_block = nullptr;
    QComboBox* m_scale = nullptr;
    QMenu* m_compareMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_recentProjectsMenu = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_progressText = nullptr;
    QToolButton* m_cancel = nullptr;
    QToolButton* m_testSetButton = nullptr;
    QLabel* m_summary = nullptr;
    QAction* m_darkAction = nullptr;
    QString m_pendingTestSet;
    ExportOptions m_exportOptions;
    QString m_exportFolder;
    PlanTab* m_planTab = nullptr;
    SensitivityTab* m_sensitivityTab = nullptr;
    ParetoTab* m_paretoTab = nullptr;
    GroupingTab* m_groupingTab = nullptr;
    ProjectSession* m_project = nullptr;
};

} // namespace bitlens

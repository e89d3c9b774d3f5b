#pragma once
// Builds actions, the toolbar, the layer list and the status bar, and wires them to the
// document. No computation here.
#include <QMainWindow>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QSortFilterProxyModel;
class QTableView;
class QToolButton;

namespace bitlens {

class LayerTableModel;
class WorkbenchDocument;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    WorkbenchDocument* document() const { return m_document; }
    QTableView* layerView() const { return m_view; }

public Q_SLOTS:
    void openModel(const QString& path);
    void openSample();

private:
    void createActions();
    void createToolBar();
    void createStatusBar();
    void specFromControls();
    void showOpenDialog();

    WorkbenchDocument* m_document;
    LayerTableModel* m_layers;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_view;
    QLineEdit* m_filter = nullptr;
    QComboBox* m_scheme = nullptr;
    QComboBox* m_granularity = nullptr;
    QComboBox* m_bits = nullptr;
    QProgressBar* m_progress = nullptr;
    QToolButton* m_cancel = nullptr;
    QLabel* m_summary = nullptr;
};

} // namespace bitlens

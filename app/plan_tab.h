#pragma once
// The plan editor tab: the plan table (edit a cell, or select layers and apply a setting with the
// controls or the bits slider), presets, the plan's size and average bits, its accuracy against
// FP32 and the previous plan, and its confusion matrix against FP32. Takes plain data and emits
// requests; MainWindow passes them to the PlanDocument.
#include <quant/confusion_view.h>
#include <quant/plan_views.h>

#include <QWidget>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QSlider;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace bitlens {

class ConfusionPlot;
class PlanTableModel;
struct PlanScore;

class PlanTab : public QWidget
{
    Q_OBJECT
public:
    explicit PlanTab(QWidget* parent = nullptr);

    void setRows(const std::vector<PlanLayerRow>& rows, const PlanSize& size);
    void setScore(const PlanScore& score);
    void clearScore(bool evaluating);
    void showStopped();
    void setConfusion(const ConfusionView& view);
    void setCacheBudgetMb(int mb);

    ConfusionPlot* confusionPlot() const { return m_confusion; }
    QTableView* table() const { return m_table; }
    PlanTableModel* model() const { return m_model; }
    QSlider* bitsSlider() const { return m_slider; }
    // The selected layers, in graph order.
    std::vector<std::string> selectedLayers() const;
    void selectLayers(const std::vector<std::string>& names);

Q_SIGNALS:
    // spec nullopt: back to the plan's defaults; dragSerial != 0 while the slider is dragged.
    void layersEdited(const std::vector<std::string>& layers, const std::optional<bitlens::QuantSpec>& spec, int dragSerial);
    void defaultsRequested(const bitlens::QuantSpec& spec);
    void presetRequested(int preset); // PlanPreset
    void cacheBudgetChanged(int mb);

private:
    QuantSpec controlsSpec() const;
    void applyControls(int dragSerial);
    void syncControls(); // the controls show the current row's setting

    PlanTableModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QTableView* m_table;
    QComboBox* m_scheme;
    QComboBox* m_granularity;
    QSlider* m_slider;
    QLabel* m_bitsLabel;
    QCheckBox* m_fp32;
    QLabel* m_size;
    QLabel* m_accuracy;
    QLabel* m_cacheInfo;
    QSpinBox* m_cacheBudget;
    ConfusionPlot* m_confusion;
    int m_dragSerial = 0;
    bool m_dragging = false;
    size_t m_layerCount = 0;
};

} // namespace bitlens

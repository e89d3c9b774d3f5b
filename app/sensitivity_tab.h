#pragma once
// The sensitivity tab (QUENN): one layer at a time at a chosen setting (others FP32) as a sorted
// bar chart of the top-1 drop and output distance, and the per-layer activation distance of the
// whole current plan (QUENN Figure 6). Emits the requests; MainWindow passes them on.
#include <quant/plan_views.h>

#include <QWidget>

class QComboBox;
class QSpinBox;

namespace bitlens {

class PlanDistancePlot;
class SensitivityPlot;

class SensitivityTab : public QWidget
{
    Q_OBJECT
public:
    explicit SensitivityTab(QWidget* parent = nullptr);
    void setSensitivity(const SensitivityView& view);
    void setDistances(const PlanDistanceView& view);
    SensitivityPlot* sensitivityPlot() const { return m_sensitivity; }
    PlanDistancePlot* distancePlot() const { return m_distances; }
    QuantSpec spec() const;

Q_SIGNALS:
    void sensitivityRequested(const bitlens::QuantSpec& spec);
    void distancesRequested();

private:
    QComboBox* m_scheme;
    QComboBox* m_granularity;
    QSpinBox* m_bits;
    SensitivityPlot* m_sensitivity;
    PlanDistancePlot* m_distances;
};

} // namespace bitlens

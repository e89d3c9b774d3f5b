#pragma once
// The plan proposal tab: a size budget (bits per weight, KiB or bytes) and a scheme, "Propose"
// (one plan, applied as an undo step) and "Proposal Curve" (proposals at several budgets), and the
// accuracy-vs-size Pareto view of the proposals, the user's plans and the uniform plans.
#include <quant/plan_views.h>

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;

namespace bitlens {

class ParetoPlot;

class ParetoTab : public QWidget
{
    Q_OBJECT
public:
    explicit ParetoTab(QWidget* parent = nullptr);
    void setPareto(const ParetoView& view);
    void setParameters(int64_t parameters) { m_parameters = parameters; }
    void setMessage(const QString& text);
    void setHint(const QString& text); // what would add to the view (the sweep's uniform plans)
    ParetoPlot* plot() const { return m_plot; }
    // The budget in weight bits (code bits + overhead) from the spin box and its unit.
    int64_t budgetBits() const;
    void setBudgetBitsPerWeight(double bits);

Q_SIGNALS:
    void proposeRequested(int64_t budgetBits, bitlens::Scheme scheme, bitlens::Granularity granularity);
    void curveRequested(bitlens::Scheme scheme, bitlens::Granularity granularity);

private:
    QDoubleSpinBox* m_budget;
    QComboBox* m_unit;
    QComboBox* m_scheme;
    QComboBox* m_granularity;
    QLabel* m_message;
    QLabel* m_hint;
    ParetoPlot* m_plot;
    int64_t m_parameters = 0;
};

} // namespace bitlens

#pragma once
// QUENN Figure 6: for every weight layer in graph order, how far the plan's activations at the
// layer's output are from FP32's: the mean Frobenius distance as bars (left axis) and that distance
// relative to the FP32 activation's norm as points on the right axis.
#include "plot_widget.h"

#include <quant/plan_views.h>

namespace bitlens {

class PlanDistancePlot : public PlotWidget
{
    Q_OBJECT
public:
    explicit PlanDistancePlot(QWidget* parent = nullptr);
    void setData(const PlanDistanceView& view);
    const PlanDistanceView& data() const { return m_view; }

    QString exportName() const override { return QStringLiteral("plan-distance"); }
    QSizeF defaultExportSizeMm() const override { return {170, 100}; }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

protected:
    void rebuild() override;
    void fitView() override;

private:
    PlanDistanceView m_view;
    QCPTextElement* m_title;
};

} // namespace bitlens

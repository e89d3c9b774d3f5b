#pragma once
// Accuracy against size for plans: top-1 against bits per weight (overhead included) for the
// proposals, the user's plans and the uniform plans, the Pareto front as a step line, FP32 as a
// dashed line and the plan being edited ringed. Clicking a point (without dragging) reports it.
#include "plot_widget.h"

#include <quant/plan_views.h>

namespace bitlens {

class ParetoPlot : public PlotWidget
{
    Q_OBJECT
public:
    explicit ParetoPlot(QWidget* parent = nullptr);
    void setData(const ParetoView& view);
    const ParetoView& data() const { return m_view; }

    QString exportName() const override { return QStringLiteral("pareto"); }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

Q_SIGNALS:
    // A click on a point (index into ParetoView::points), e.g. to open that plan.
    void pointActivated(int index);

protected:
    void rebuild() override;
    void fitView() override;

private:
    // The point drawn nearest to `pos` within a few pixels, or -1.
    int pointAt(const QPoint& pos) const;
    QString kindName(ParetoKind kind) const;

    ParetoView m_view;
    QCPTextElement* m_title;
    QPoint m_pressPos;
};

} // namespace bitlens

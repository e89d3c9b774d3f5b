#pragma once
// Layer sensitivity (QUENN): one horizontal bar per layer in the view's order (most sensitive on
// top), the top-1 drop in percentage points on the left and the output distance (QUENN eq. 1) on
// the right, both against the same layer axis.
#include "plot_widget.h"

#include <quant/plan_views.h>

namespace bitlens {

class SensitivityPlot : public PlotWidget
{
    Q_OBJECT
public:
    explicit SensitivityPlot(QWidget* parent = nullptr);
    void setData(const SensitivityView& view);
    const SensitivityView& data() const { return m_view; }

    QString exportName() const override { return QStringLiteral("sensitivity"); }
    QSizeF defaultExportSizeMm() const override;
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

protected:
    void rebuild() override;
    void fitView() override;

private:
    SensitivityView m_view;
    QCPTextElement* m_title;
    QCPAxisRect* m_dropRect;     // top-1 drop
    QCPAxisRect* m_distanceRect; // output distance
};

} // namespace bitlens

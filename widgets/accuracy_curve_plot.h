#pragma once
// Accuracy against bits (the paper's Figure 4 style): top-1 per scheme as the sweep fills it in,
// with FP32 as a dashed horizontal line.
#include "plot_widget.h"

#include <quant/accuracy_sweep.h>

namespace bitlens {

class AccuracyCurvePlot : public PlotWidget
{
    Q_OBJECT
public:
    explicit AccuracyCurvePlot(QWidget* parent = nullptr);
    void setData(const AccuracyTable& table);
    const AccuracyTable& data() const { return m_table; }

    QString exportName() const override { return QStringLiteral("accuracy"); }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

protected:
    void rebuild() override;
    void fitView() override;

private:
    AccuracyTable m_table;
};

} // namespace bitlens

#pragma once
// "Which layer hurts" (DESIGN.md "Metrics"): for every float node output in graph order, the
// cumulative SQNR of the quantized model against FP32 as a line, and for weight layers' nodes the
// local SQNR (the node alone with its quantized weights, on FP32 inputs) as points. A low point
// marks the culprit; a line well below high points is damage carried from earlier layers. Exact
// values (no error) are drawn at the top of the range and say so on hover.
#include "plot_widget.h"

#include <quant/fidelity.h>

namespace bitlens {

struct LayerFidelityView
{
    std::string planName; // for the title; empty: "the plan"
    int64_t samples = 0;
    std::vector<NodeFidelity> nodes;
};

class LayerFidelityPlot : public PlotWidget
{
    Q_OBJECT
public:
    explicit LayerFidelityPlot(QWidget* parent = nullptr);
    void setData(const LayerFidelityView& view);
    const LayerFidelityView& data() const { return m_view; }

    QString exportName() const override { return QStringLiteral("layer-fidelity"); }
    QSizeF defaultExportSizeMm() const override { return {200, 100}; }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

protected:
    void rebuild() override;
    void fitView() override;

private:
    // The y value an exact SQNR is drawn at: a round number above the largest finite one.
    double exactLevel() const;
    LayerFidelityView m_view;
    QCPTextElement* m_title;
};

} // namespace bitlens

#pragma once
// Confusion matrices (the paper's Figure 3): FP32 and the quantized setting side by side as
// heatmaps with counts, and their difference on a diverging scale (red: more images now predicted
// there, blue: fewer), rows = true class, columns = prediction, class names on the axes. Up to 64
// classes each cell is a vector rectangle (sharp in PDF/SVG); beyond that a colour map.
#include "plot_widget.h"

#include <quant/confusion_view.h>

#include <vector>

class QCPItemText;
class QCPMarginGroup;

namespace bitlens {

class ConfusionPlot : public PlotWidget
{
    Q_OBJECT
public:
    // exportName: the file name of exports ("confusion"; "plan-confusion" for the plan editor's).
    explicit ConfusionPlot(QWidget* parent = nullptr, const QString& exportName = QStringLiteral("confusion"));
    void setData(const ConfusionView& view);
    const ConfusionView& data() const { return m_view; }

    QString exportName() const override { return m_exportName; }
    QSizeF defaultExportSizeMm() const override { return {200, 200}; }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

protected:
    void resizeEvent(QResizeEvent* event) override;
    void rebuild() override;
    void fitView() override;

private:
    void drawMatrix(QCPAxisRect* rect, const CountMatrix& m, QCPColorGradient gradient, const QCPRange& range);
    // After each layout: the counts show only where every cell can hold the widest one (hover
    // still gives each cell's numbers), so digits never overlap in a small window.
    void fitCountsToCells();
    void arrange(bool column);
    ConfusionView m_view;
    std::vector<QCPItemText*> m_counts;
    int m_widestCount = 0, m_countHeight = 0; // pixels
    bool m_column = false;
    QCPMarginGroup* m_margins = nullptr;
    QString m_exportName;
    QCPAxisRect* m_rects[3];
    QCPColorScale* m_countScale;
    QCPColorScale* m_diffScale;
};

} // namespace bitlens

#pragma once
// Histograms on shared bins (the paper's Figure 2): FP32 filled, each quantized series as a step
// outline in its colour, all in one plot (Overlay) or one small panel per series over the FP32
// shape (SmallMultiples, for many series such as one scheme across bit-widths); linear or log counts. The bin count is the document's (the view asks
// for another through binsRequested, 0 = DESIGN.md's default).
#include "plot_widget.h"

#include <quant/layer_views.h>

class QCheckBox;
class QSpinBox;
class QCPLayoutGrid;

namespace bitlens {

class HistogramPlot : public PlotWidget
{
    Q_OBJECT
public:
    enum Layout { Overlay, SmallMultiples };
    explicit HistogramPlot(const QString& name, Layout layout = Overlay, QWidget* parent = nullptr);
    void setData(const HistogramView& view, const QString& title);
    const HistogramView& data() const { return m_view; }
    void setLogCounts(bool log);
    bool logCounts() const;
    void setBinCount(int bins); // shows the document's setting without emitting

    QString exportName() const override { return m_name; }
    QSizeF defaultExportSizeMm() const override { return m_layout == SmallMultiples ? QSizeF(180, 110) : QSizeF(160, 100); }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

Q_SIGNALS:
    void binsRequested(int bins);
    void logCountsToggled(bool log);

protected:
    void rebuild() override;
    void fitView() override;

private:
    void rebuildPanels();
    QString m_name, m_title;
    Layout m_layout;
    QCPLayoutGrid* m_panels = nullptr; // SmallMultiples: one axis rect per quantized series
    std::vector<QCPAxisRect*> m_panelRects;
    HistogramView m_view;
    QCheckBox* m_log;
    QSpinBox* m_bins;
    QCPTextElement* m_titleElement;
};

} // namespace bitlens

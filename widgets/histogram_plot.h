#pragma once
// Histograms on shared bins (the paper's Figure 2): FP32 filled, each quantized series as a step
// outline in its colour; linear or log count axis. The bin count is the document's (the view asks
// for another through binsRequested, 0 = DESIGN.md's default).
#include "plot_widget.h"

#include <quant/layer_views.h>

class QCheckBox;
class QSpinBox;

namespace bitlens {

class HistogramPlot : public PlotWidget
{
    Q_OBJECT
public:
    explicit HistogramPlot(const QString& name, QWidget* parent = nullptr);
    void setData(const HistogramView& view, const QString& title);
    const HistogramView& data() const { return m_view; }
    void setLogCounts(bool log);
    bool logCounts() const;
    void setBinCount(int bins); // shows the document's setting without emitting

    QString exportName() const override { return m_name; }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

Q_SIGNALS:
    void binsRequested(int bins);
    void logCountsToggled(bool log);

protected:
    void rebuild() override;
    void fitView() override;

private:
    QString m_name, m_title;
    HistogramView m_view;
    QCheckBox* m_log;
    QSpinBox* m_bins;
    QCPTextElement* m_titleElement;
};

} // namespace bitlens

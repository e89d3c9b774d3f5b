#pragma once
// The distribution of per-output-channel SQNR at the chosen setting (whitepaper Figures 18-19):
// a bar per bin; channels reconstructed exactly are counted in the title.
#include "plot_widget.h"

#include <quant/layer_views.h>

namespace bitlens {

class ChannelSqnrPlot : public PlotWidget
{
    Q_OBJECT
public:
    explicit ChannelSqnrPlot(QWidget* parent = nullptr);
    void setData(const ChannelSqnrView& view);
    const ChannelSqnrView& data() const { return m_view; }

    QString exportName() const override { return QStringLiteral("channel-sqnr"); }
    QSizeF defaultExportSizeMm() const override { return {160, 80}; }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

protected:
    void rebuild() override;
    void fitView() override;

private:
    ChannelSqnrView m_view;
};

} // namespace bitlens

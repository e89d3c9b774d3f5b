#pragma once
// Per-channel quartile plot (the paper's Figure 1): for every output channel a box per series
// (FP32, then each scheme) with Tukey whiskers, outliers and the mean. Channels are shown a page
// at a time (16-256 per page) so wide layers stay readable; wheel and drag zoom and pan within.
#include "plot_widget.h"

#include <quant/layer_views.h>

class QCheckBox;
class QComboBox;
class QLabel;
class QSpinBox;

namespace bitlens {

class QuartilePlot : public PlotWidget
{
    Q_OBJECT
public:
    explicit QuartilePlot(QWidget* parent = nullptr);
    void setData(const QuartileView& view);
    const QuartileView& data() const { return m_view; }

    int page() const { return m_page; }
    int pageCount() const;
    int channelsPerPage() const { return m_perPage; }
    void setPage(int page);
    void setChannelsPerPage(int n);

    QString exportName() const override { return QStringLiteral("quartiles"); }
    QSizeF defaultExportSizeMm() const override { return {180, 100}; }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

protected:
    void rebuild() override;
    void fitView() override;

private:
    void updatePager();
    double boxWidth() const;

    QuartileView m_view;
    int m_page = 0;
    int m_perPage = 16;
    QSpinBox* m_pageBox;
    QLabel* m_pageLabel;
    QComboBox* m_perPageBox;
    QCheckBox* m_outliers;
    QCheckBox* m_means;
    QCPTextElement* m_title;
};

} // namespace bitlens

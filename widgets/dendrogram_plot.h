#pragma once
// Suggested class groups as a dendrogram (average linkage, DESIGN.md "Class grouping"): the classes
// along the bottom, each merge a U at the similarity where its two clusters joined (higher
// similarity lower down, so the first merges sit next to the classes), the cut as a dashed line,
// and the clusters formed above the cut coloured as the groups they become. A click sets the cut.
#include "plot_widget.h"

#include <quant/class_clustering.h>

class QCPItemStraightLine;

namespace bitlens {

class DendrogramPlot : public PlotWidget
{
    Q_OBJECT
public:
    explicit DendrogramPlot(QWidget* parent = nullptr);
    void setData(const DendrogramView& view);
    const DendrogramView& data() const { return m_view; }

    QString exportName() const override { return QStringLiteral("dendrogram"); }
    QSizeF defaultExportSizeMm() const override { return {180, 110}; }
    QByteArray csv() const override;
    QString hoverText(const QPoint& pos) const override;

Q_SIGNALS:
    // The user clicked at this similarity: cut there.
    void cutPicked(double similarity);

protected:
    void rebuild() override;
    void fitView() override;

private:
    int linkAt(const QPoint& pos) const; // the merge whose bar is nearest, or -1
    DendrogramView m_view;
    QCPTextElement* m_title;
    QPoint m_pressPos;
};

} // namespace bitlens

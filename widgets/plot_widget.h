#pragma once
// Base of every plot view: a QCustomPlot with zoom (wheel) and pan (drag), double-click to reset
// the view, exact values on hover, the light/dark theme, and export to PNG/SVG/PDF plus the CSV
// of the numbers shown. Subclasses take one plain data struct through setData() and draw it.
#include "plot_export.h"
#include "plot_theme.h"

#include <QSizeF>
#include <QWidget>

class QCustomPlot;
class QCPColorGradient;
class QCPRange;
class QCPTextElement;
class QCPColorScale;
class QCPAxisRect;
class QCPLegend;
class QCPAxis;
class QHBoxLayout;
class QMouseEvent;
class QLabel;

namespace bitlens {

class PlotWidget : public QWidget
{
    Q_OBJECT
public:
    explicit PlotWidget(QWidget* parent = nullptr);

    QCustomPlot* plot() const { return m_plot; }
    void setTheme(const PlotTheme& theme);
    const PlotTheme& theme() const { return m_theme; }

    // A short name for files ("quartiles"), and the numbers behind the figure as CSV.
    virtual QString exportName() const = 0;
    // The figure size (mm) an export starts from: what the view needs to stay legible in a report.
    virtual QSizeF defaultExportSizeMm() const { return {160, 100}; }
    virtual QByteArray csv() const = 0;
    bool hasData() const { return m_hasData; }

    // CSV is written from csv(); the other formats render the plot.
    bool exportTo(const QString& path, const ExportOptions& options, QString* error);

    // The text shown when the mouse rests at `pos` (plot pixel coordinates); empty for none.
    virtual QString hoverText(const QPoint& pos) const = 0;

    // What the view needs and how to get it, shown instead of empty axes while it has no data
    // ("Run the sweep (F5)..."); empty: the bare axes.
    void setEmptyNotice(const QString& text);
    // Non-empty while the data shown is being replaced: the plot fades and the text says what is
    // computed, so a stale figure is never taken for the current one. Not part of any export.
    void setBusyNotice(const QString& text);
    QString noticeText() const; // the notice on screen, if any (tests)

public Q_SLOTS:
    // Back to the data's full extent after zooming or panning.
    void resetView();

protected:
    // Re-creates the plottables from the data; called by setData() and on a theme change.
    virtual void rebuild() = 0;
    // Sets the axis ranges to show all the data.
    virtual void fitView() = 0;
    // Colours, fonts and grid of one axis rect / the legend after the theme.
    void styleAxisRect(QCPAxisRect* rect) const;
    void styleLegend(QCPLegend* legend) const;
    void styleAxis(QCPAxis* axis) const;
    // Re-draw after the subclass changed its data.
    void dataChanged(bool hasData);
    // A bold title row above the default axis rect and the legend in a row below it (where it
    // never hides data); the title element is returned for setText().
    QCPTextElement* addTitleAndLegendRows();
    // A row above the plot for a view's own controls (paging, log scale).
    QHBoxLayout* controls() const { return m_controls; }

    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showHover(QMouseEvent* event);
    void updateNotice();

    QCustomPlot* m_plot;
    QHBoxLayout* m_controls;
    PlotTheme m_theme = PlotTheme::light();
    bool m_hasData = false;
    QLabel* m_notice;
    QString m_emptyNotice, m_busyNotice;
};

} // namespace bitlens

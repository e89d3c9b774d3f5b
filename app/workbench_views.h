#pragma once
// The tabs of the workbench: quartiles, histograms, bit efficiency, accuracy and confusion. Takes
// the document's results as plain data and hands each to its widget; knows nothing of the
// document (MainWindow mediates).
#include <quant/accuracy_sweep.h>
#include <quant/confusion_view.h>
#include <quant/layer_views.h>
#include <widgets/plot_theme.h>

#include <QTabWidget>

#include <vector>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;

namespace bitlens {

class AccuracyCurvePlot;
class AccuracyTableModel;
class ChannelSqnrPlot;
class ConfusionPlot;
class EfficiencyPlot;
class HistogramPlot;
class PlotWidget;
class QuartilePlot;

class WorkbenchViews : public QTabWidget
{
    Q_OBJECT
public:
    enum Tab { Quartiles, Histograms, Efficiency, Accuracy, Confusion, TabCount };
    // Tabs added by MainWindow after these (the plan editor's), with their plots for export.
    explicit WorkbenchViews(QWidget* parent = nullptr);

    void setLayerViews(const LayerViews& views);
    void setAccuracyTable(const AccuracyTable& table);
    void setConfusion(const ConfusionView& view);
    void setSweepRunning(bool running);
    void setTheme(const PlotTheme& theme);
    void setHistogramBins(int bins);
    void setMessage(const QString& text, const QString& toolTip = {}); // e.g. "No test set", "NaN in layer …"
    // Whether a model / a labelled test set is open: empty views say what they need and how to get it.
    void setModelOpen(bool open);
    void setTestSetOpen(bool open);
    // The confusion of `setting` is being computed: the matrix shown (an earlier setting's) fades.
    void setConfusionPending(const QString& setting);

    int addExtraTab(QWidget* page, const QString& title, const QString& toolTip, std::vector<PlotWidget*> plots);
    // Shows the tab holding `page` (tabs wrap their page in a scroll area).
    void showPage(QWidget* page);

    // Every plot, for export and tests; the plots of the current tab, the one under focus first.
    std::vector<PlotWidget*> plots() const;
    std::vector<PlotWidget*> currentPlots() const;
    QuartilePlot* quartilePlot() const { return m_quartiles; }
    AccuracyTableModel* accuracyModel() const { return m_accuracyModel; }
    QTableView* accuracyTable() const { return m_accuracyTable; }
    PlotWidget* accuracyCurve() const;
    PlotWidget* confusionPlot() const;

Q_SIGNALS:
    void runSweepRequested();
    void binsRequested(int bins);

private:
    QWidget* page(QWidget* content, QWidget* extra = nullptr);
    static QWidget* scrollable(QWidget* page);
    void updateNotices();

    QuartilePlot* m_quartiles;
    HistogramPlot* m_schemeHistograms;
    HistogramPlot* m_bitHistograms;
    EfficiencyPlot* m_efficiency;
    ChannelSqnrPlot* m_channelSqnr;
    AccuracyTableModel* m_accuracyModel;
    QTableView* m_accuracyTable;
    AccuracyCurvePlot* m_accuracyCurve;
    QComboBox* m_accuracyShown;
    QPushButton* m_runSweep;
    ConfusionPlot* m_confusion;
    QLabel* m_confusedPairs;
    std::vector<QLabel*> m_messages;
    bool m_modelOpen = false, m_testSetOpen = false;
    Granularity m_sweepGranularity = Granularity::PerChannel;
    std::vector<std::pair<QWidget*, std::vector<PlotWidget*>>> m_extraTabs;
};

} // namespace bitlens

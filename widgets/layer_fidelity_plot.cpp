#include "layer_fidelity_plot.h"

#include <quant/view_csv.h>

#include "qcp.h"

#include <algorithm>
#include <cmath>

namespace bitlens {

LayerFidelityPlot::LayerFidelityPlot(QWidget* parent) : PlotWidget(parent)
{
    QCustomPlot* p = plot();
    p->xAxis->setLabel(tr("node output (graph order)"));
    p->xAxis->setSubTicks(false);
    p->xAxis->grid()->setVisible(false);
    p->yAxis->setLabel(tr("SQNR against FP32 (dB)"));
    m_title = addTitleAndLegendRows();
}

void LayerFidelityPlot::setData(const LayerFidelityView& view)
{
    m_view = view;
    dataChanged(!m_view.nodes.empty());
}

double LayerFidelityPlot::exactLevel() const
{
    double most = 0;
    for (const NodeFidelity& n : m_view.nodes)
        for (const auto& db : {n.cumulativeSqnrDb, n.layers.empty() ? std::optional<double>(0.0) : n.localSqnrDb})
            if (db && std::isfinite(*db))
                most = std::max(most, *db);
    return std::floor((most + 2) / 10) * 10 + 10; // the next multiple of 10 at least 2 dB above
}

void LayerFidelityPlot::rebuild()
{
    QCustomPlot* p = plot();
    p->clearPlottables();
    styleAxisRect(p->axisRect());
    styleLegend(p->legend);
    p->legend->setVisible(hasData());
    m_title->setTextColor(theme().foreground);
    if (!hasData()) {
        m_title->setText(QString());
        return;
    }
    const QString plan = m_view.planName.empty() ? tr("the plan") : QString::fromStdString(m_view.planName);
    m_title->setText(tr("SQNR per node, %1 against FP32, %n sample(s)", nullptr, static_cast<int>(m_view.samples)).arg(plan));
    const double exact = exactLevel();
    auto level = [&](const std::optional<double>& db) { return db ? (std::isfinite(*db) ? *db : 0.0) : exact; };
    QVector<double> keys, cumulative, localKeys, local;
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    // Every node's name would overlap: the weight layers' nodes are labelled, the rest on hover.
    for (size_t i = 0; i < m_view.nodes.size(); ++i) {
        const NodeFidelity& n = m_view.nodes[i];
        keys.push_back(static_cast<double>(i));
        cumulative.push_back(level(n.cumulativeSqnrDb));
        if (!n.layers.empty()) {
            localKeys.push_back(static_cast<double>(i));
            local.push_back(level(n.localSqnrDb));
            ticker->addTick(static_cast<double>(i), QString::fromStdString(n.node.empty() ? n.tensor : n.node));
        }
    }
    p->xAxis->setTicker(ticker);
    p->xAxis->setTickLabelRotation(localKeys.size() > 3 ? 30 : 0);

    auto* line = new QCPGraph(p->xAxis, p->yAxis);
    line->setName(tr("cumulative: the quantized model's tensor against FP32"));
    const QColor c = theme().seriesColor(5);
    line->setPen(QPen(c, 1.5));
    line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, 3));
    line->setData(keys, cumulative, true);

    auto* points = new QCPGraph(p->xAxis, p->yAxis);
    points->setName(tr("local: the layer alone, on FP32 inputs"));
    const QColor r = theme().seriesColor(4);
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, r, 8));
    points->setData(localKeys, local, true);
}

void LayerFidelityPlot::fitView()
{
    if (!hasData())
        return;
    QCustomPlot* p = plot();
    p->xAxis->setRange(-0.5, static_cast<double>(m_view.nodes.size()) - 0.5);
    double least = 0;
    for (const NodeFidelity& n : m_view.nodes)
        for (const auto& db : {n.cumulativeSqnrDb, n.localSqnrDb})
            if (db && std::isfinite(*db))
                least = std::min(least, *db);
    p->yAxis->setRange(least, exactLevel() + 5);
}

QByteArray LayerFidelityPlot::csv() const { return QByteArray::fromStdString(nodeFidelityCsv(m_view.nodes)); }

QString LayerFidelityPlot::hoverText(const QPoint& pos) const
{
    if (!plot()->axisRect()->rect().contains(pos))
        return {};
    const auto i = static_cast<int64_t>(std::lround(plot()->xAxis->pixelToCoord(pos.x())));
    if (i < 0 || i >= static_cast<int64_t>(m_view.nodes.size()))
        return {};
    const NodeFidelity& n = m_view.nodes[static_cast<size_t>(i)];
    auto db = [this](const std::optional<double>& v) {
        return v ? tr("%1 dB").arg(*v, 0, 'f', 2) : tr("exact (no error)");
    };
    QString text = tr("<b>%1</b> (%2), node %3 of %4<br>tensor %5<br>cumulative SQNR: %6")
                       .arg(QString::fromStdString(n.node), QString::fromStdString(n.op))
                       .arg(i + 1)
                       .arg(m_view.nodes.size())
                       .arg(QString::fromStdString(n.tensor), db(n.cumulativeSqnrDb));
    if (!n.layers.empty()) {
        QStringList weights;
        for (const std::string& w : n.layers)
            weights << QString::fromStdString(w);
        text += tr("<br>local SQNR: %1 (weights %2)").arg(db(n.localSqnrDb), weights.join(QStringLiteral(", ")));
    }
    return text;
}

} // namespace bitlens

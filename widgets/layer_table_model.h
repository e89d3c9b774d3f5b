#pragma once
// The layer list: one row per weight layer (name, op, shape, parameters, FP32 min/max/std,
// SQNR and bits per weight at the current setting). Takes plain LayerOverview data; computes nothing.
#include <quant/layer_overview.h>

#include <QAbstractTableModel>

#include <vector>

namespace bitlens {

class LayerTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, Node, Op, Shape, Parameters, Min, Max, StdDev, Sqnr, BitsPerWeight, ColumnCount };
    // Sorting uses this role: numbers as numbers ("exact" SQNR sorts above every finite value).
    static constexpr int SortRole = Qt::UserRole + 1;

    explicit LayerTableModel(QObject* parent = nullptr);

    void setLayers(std::vector<LayerOverview> layers);
    const LayerOverview* layer(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<LayerOverview> m_layers;
};

} // namespace bitlens

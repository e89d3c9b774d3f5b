#include "layer_table_model.h"

#include <QLocale>

#include <limits>

namespace bitlens {

LayerTableModel::LayerTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void LayerTableModel::setLayers(std::vector<LayerOverview> layers)
{
    beginResetModel();
    m_layers = std::move(layers);
    endResetModel();
}

const LayerOverview* LayerTableModel::layer(int row) const
{
    return row >= 0 && row < static_cast<int>(m_layers.size()) ? &m_layers[static_cast<size_t>(row)] : nullptr;
}

int LayerTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_layers.size());
}

int LayerTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant LayerTableModel::data(const QModelIndex& index, int role) const
{
    const LayerOverview* l = index.isValid() ? layer(index.row()) : nullptr;
    if (!l || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const auto col = static_cast<Column>(index.column());
    if (role == Qt::DisplayRole) {
        const QLocale loc;
        switch (col) {
        case Name: return QString::fromStdString(l->name);
        case Node: return QString::fromStdString(l->nodeName);
        case Op: return QString::fromStdString(l->op);
        case Shape: return QString::fromStdString(shapeString(l->shape));
        case Parameters: return loc.toString(static_cast<qlonglong>(l->parameters));
        case Min: return l->excluded ? tr("NaN/Inf") : QString::number(l->min, 'g', 4);
        case Max: return l->excluded ? tr("NaN/Inf") : QString::number(l->max, 'g', 4);
        case StdDev: return l->excluded ? tr("NaN/Inf") : QString::number(l->stddev, 'g', 4);
        case Sqnr:
            if (l->excluded)
                return tr("excluded");
            return l->sqnrDb ? QString::number(*l->sqnrDb, 'f', 2) : tr("exact");
        case BitsPerWeight: return l->excluded ? QStringLiteral("32") : QString::number(l->bitsPerWeight, 'f', 3);
        case ColumnCount: break;
        }
    } else if (role == SortRole) {
        switch (col) {
        case Parameters: return static_cast<qlonglong>(l->parameters);
        case Min: return l->min;
        case Max: return l->max;
        case StdDev: return l->stddev;
        case Sqnr: return l->sqnrDb ? *l->sqnrDb : std::numeric_limits<double>::max();
        case BitsPerWeight: return l->excluded ? 32.0 : l->bitsPerWeight;
        default: return data(index, Qt::DisplayRole);
        }
    } else if (role == Qt::TextAlignmentRole) {
        if (col >= Parameters)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    } else if (role == Qt::ToolTipRole) {
        if (l->excluded)
            return QString::fromStdString(l->warning);
        if (col == Sqnr)
            return tr("SQNR_dB = 10 log10(sum x^2 / sum (x - x^)^2) over the whole tensor");
        if (col == BitsPerWeight)
            return tr("Code bits plus every scale, zero point and tensor scale, per weight");
        if (col == Shape)
            return tr("Output-channel axis %1").arg(l->axis);
        if (col == Name && !l->storage.empty())
            return tr("%1\nStored as %2; shown as the dequantized values x = (q - zero_point) * scale")
                .arg(QString::fromStdString(l->name), QString::fromStdString(l->storage));
        if (col == Name || col == Node) // elided in a narrow column
            return data(index, Qt::DisplayRole);
    }
    return {};
}

QVariant LayerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Layer");
    case Node: return tr("Node");
    case Op: return tr("Op");
    case Shape: return tr("Shape");
    case Parameters: return tr("Parameters");
    case Min: return tr("Min");
    case Max: return tr("Max");
    case StdDev: return tr("Std");
    case Sqnr: return tr("SQNR (dB)");
    case BitsPerWeight: return tr("Bits/weight");
    default: return {};
    }
}

} // namespace bitlens

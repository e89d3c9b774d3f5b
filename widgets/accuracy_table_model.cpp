#include "accuracy_table_model.h"

#include <quant/scheme_registry.h>

#include <QColor>
#include <QLocale>

namespace bitlens {

AccuracyTableModel::AccuracyTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void AccuracyTableModel::setTable(const AccuracyTable& table)
{
    const bool sameShape = table.schemes == m_table.schemes && table.bits == m_table.bits;
    if (!sameShape)
        beginResetModel();
    m_table = table;
    if (!sameShape)
        endResetModel();
    else if (rowCount() > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

void AccuracyTableModel::setShown(Shown shown)
{
    if (shown == m_shown)
        return;
    m_shown = shown;
    if (rowCount() > 0 && columnCount() > 0)
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

int AccuracyTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || m_table.bits.empty() ? 0 : 1 + static_cast<int>(m_table.schemes.size());
}

int AccuracyTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_table.bits.size());
}

const AccuracyCell* AccuracyTableModel::cellAt(int row, int column) const
{
    if (row == 0)
        return m_table.fp32 ? &*m_table.fp32 : nullptr;
    return m_table.find(m_table.schemes[static_cast<size_t>(row - 1)], m_table.bits[static_cast<size_t>(column)]);
}

QVariant AccuracyTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const AccuracyCell* c = cellAt(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (!c)
            return index.row() == 0 || bitsAllowed(m_table.schemes[static_cast<size_t>(index.row() - 1)],
                                                  m_table.bits[static_cast<size_t>(index.column())])
                       ? QVariant(QStringLiteral("…"))
                       : QVariant(QStringLiteral("–"));
        switch (m_shown) {
        case Top1: return QStringLiteral("%1 %").arg(100 * c->top1, 0, 'f', 2);
        case Top5: return QStringLiteral("%1 %").arg(100 * c->top5, 0, 'f', 2);
        case Size: return QLocale().formattedDataSize((c->weightBits + 7) / 8, 1, QLocale::DataSizeTraditionalFormat);
        }
        return {};
    case Qt::UserRole: // the number shown, for sorting and tests
        if (!c)
            return {};
        return m_shown == Top1 ? QVariant(c->top1) : m_shown == Top5 ? QVariant(c->top5) : QVariant(qlonglong(c->weightBits));
    case Qt::ToolTipRole:
        if (!c)
            return index.row() == 0 ? tr("FP32 is evaluated first") : tr("Not evaluated yet, or the scheme does not allow this bit-width");
        return tr("top-1 %1 %, top-5 %2 %<br>weights: %3 bits = %4 (codes + scale/zero-point overhead; FP32 layers at 32 bits)<br>%5 images")
            .arg(100 * c->top1, 0, 'f', 2)
            .arg(100 * c->top5, 0, 'f', 2)
            .arg(QLocale().toString(static_cast<qlonglong>(c->weightBits)))
            .arg(QLocale().formattedDataSize((c->weightBits + 7) / 8, 2, QLocale::DataSizeTraditionalFormat))
            .arg(c->images);
    case Qt::ForegroundRole: // the FP32 row is the reference, not a result per bit-width
        return index.row() == 0 ? QVariant(QColor(Qt::gray)) : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant AccuracyTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole || section < 0)
        return {};
    if (orientation == Qt::Horizontal)
        return section < columnCount() ? QVariant(tr("%1 bits").arg(m_table.bits[static_cast<size_t>(section)])) : QVariant();
    if (section >= rowCount())
        return {};
    if (section == 0)
        return tr("FP32");
    return QString::fromUtf8(schemeName(m_table.schemes[static_cast<size_t>(section - 1)]).data());
}

} // namespace bitlens

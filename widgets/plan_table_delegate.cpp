#include "plan_table_delegate.h"

#include "display_labels.h"
#include "plan_table_model.h"

#include <quant/scheme_registry.h>

#include <QComboBox>
#include <QStandardItemModel>

namespace bitlens {

namespace {

QString text(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }

} // namespace

PlanTableDelegate::PlanTableDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

QWidget* PlanTableDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                         const QModelIndex& index) const
{
    const int column = index.column();
    if (column != PlanTableModel::SchemeColumn && column != PlanTableModel::GranularityColumn &&
        column != PlanTableModel::Bits)
        return QStyledItemDelegate::createEditor(parent, option, index);

    // The row's current setting, through the model (the view may sit behind a sort proxy).
    const int bits = index.siblingAtColumn(PlanTableModel::Bits).data(Qt::EditRole).toInt();
    const QString schemeText = index.siblingAtColumn(PlanTableModel::SchemeColumn).data(Qt::EditRole).toString();
    const auto scheme = parseScheme(schemeText.toStdString());

    auto* combo = new QComboBox(parent);
    if (column == PlanTableModel::SchemeColumn) {
        auto* items = qobject_cast<QStandardItemModel*>(combo->model());
        for (const SchemeDescriptor& d : schemeRegistry()) {
            combo->addItem(text(d.name), text(d.name));
            const int i = combo->count() - 1;
            const QString tip = schemeLabel(d.id) + QLatin1Char('\n') + text(d.formula);
            combo->setItemData(i, tip, Qt::ToolTipRole);
            // A scheme that cannot take the row's bits is shown but cannot be chosen (FP32 takes any).
            // An element format takes its own bits.
            if (items && bits != kFp32Bits && !bitsAllowed(d.id, bits) && hasBitRange(d))
                items->item(i)->setEnabled(false);
        }
    } else if (column == PlanTableModel::GranularityColumn) {
        for (Granularity g : {Granularity::PerChannel, Granularity::PerTensor, Granularity::PerBlock})
            combo->addItem(granularityLabel(g), text(granularityName(g)));
    } else {
        for (int b = 1; b <= kMaxBits; ++b)
            if (!scheme || bitsAllowed(*scheme, b))
                combo->addItem(QString::number(b), b);
        combo->addItem(tr("FP32"), kFp32Bits);
    }
    connect(combo, &QComboBox::activated, this, &PlanTableDelegate::commitAndClose);
    return combo;
}

void PlanTableDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo) {
        QStyledItemDelegate::setEditorData(editor, index);
        return;
    }
    combo->setCurrentIndex(combo->findData(index.data(Qt::EditRole)));
}

void PlanTableDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo) {
        QStyledItemDelegate::setModelData(editor, model, index);
        return;
    }
    if (combo->currentIndex() >= 0)
        model->setData(index, combo->currentData(), Qt::EditRole);
}

void PlanTableDelegate::commitAndClose()
{
    auto* editor = qobject_cast<QWidget*>(sender());
    if (!editor)
        return;
    Q_EMIT commitData(editor);
    Q_EMIT closeEditor(editor);
}

} // namespace bitlens

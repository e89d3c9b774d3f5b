#pragma once
// Editors for the plan table's setting columns: a combo box of the schemes (those that cannot take
// the row's bits are greyed out), of the granularities, and of the bits the row's scheme allows plus
// FP32. A choice is committed at once, so every pick is one edit of the document.
#include <QStyledItemDelegate>

namespace bitlens {

class PlanTableDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit PlanTableDelegate(QObject* parent = nullptr);

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private Q_SLOTS:
    void commitAndClose();
};

} // namespace bitlens

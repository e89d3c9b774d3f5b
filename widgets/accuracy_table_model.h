#pragma once
// The paper's Table 1 for the current model: one row per scheme (FP32 first), one column per
// bit-width; each cell top-1, top-5 or the weight size, filled as the background sweep reports it.
#include <quant/accuracy_sweep.h>

#include <QAbstractTableModel>

namespace bitlens {

class AccuracyTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Shown { Top1, Top5, Size };
    explicit AccuracyTableModel(QObject* parent = nullptr);

    void setTable(const AccuracyTable& table);
    const AccuracyTable& table() const { return m_table; }
    void setShown(Shown shown);
    Shown shown() const { return m_shown; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const AccuracyCell* cellAt(int row, int column) const;
    AccuracyTable m_table;
    Shown m_shown = Top1;
};

} // namespace bitlens

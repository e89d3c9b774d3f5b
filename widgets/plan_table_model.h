#pragma once
// The plan table: one row per weight layer with its setting (scheme, granularity, bits; editable),
// what the setting costs (size, zstd size, SQNR) and, once measured, its sensitivity and the plan's
// activation distance. The document owns the plan: an edit is reported through settingEdited() and
// comes back through setRows(); the model never changes its rows on its own.
#include <quant/plan_views.h>

#include <QAbstractTableModel>

#include <vector>

namespace bitlens {

class PlanTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // SchemeColumn and GranularityColumn carry a suffix because Scheme and Granularity name types.
    enum Column {
        Layer,
        Node,
        Op,
        Shape,
        Parameters,
        SchemeColumn,
        GranularityColumn,
        Bits,
        Size,
        Zstd,
        Sqnr,
        Sensitivity,
        OutputDistance,
        PlanDistance,
        ColumnCount
    };
    // Numbers as numbers for QSortFilterProxyModel::setSortRole ("exact" SQNR sorts above every
    // finite value, unmeasured sensitivities below every measured one).
    static constexpr int SortRole = Qt::UserRole;

    explicit PlanTableModel(QObject* parent = nullptr);

    // Resets the model only when the list of layers changes; otherwise the changed rows report
    // dataChanged, so the selection and the scroll position survive an edit.
    void setRows(const std::vector<PlanLayerRow>& rows);
    const std::vector<PlanLayerRow>& rows() const { return m_rows; }
    const PlanLayerRow* row(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    // Scheme and granularity by name (as the plan spells them), bits as 1..16 or 32 ("FP32").
    // Emits settingEdited() with the new setting and leaves the rows as they are; refuses bits the
    // scheme does not allow (FP32 goes with any scheme).
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;

Q_SIGNALS:
    void settingEdited(int row, bitlens::QuantSpec spec);

private:
    QVariant display(const PlanLayerRow& r, Column col) const;
    QVariant sortValue(const PlanLayerRow& r, Column col) const;
    QVariant toolTip(const PlanLayerRow& r, Column col) const;

    std::vector<PlanLayerRow> m_rows;
};

} // namespace bitlens

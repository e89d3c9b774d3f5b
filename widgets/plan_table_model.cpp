#include "plan_table_model.h"

#include "display_labels.h"

#include <quant/layer_views.h>
#include <quant/scheme_registry.h>

#include <model/tensor.h>

#include <QApplication>
#include <QFont>
#include <QLocale>
#include <QStyle>

#include <algorithm>
#include <limits>

namespace bitlens {

namespace {

bool isSetting(int column)
{
    return column == PlanTableModel::SchemeColumn || column == PlanTableModel::GranularityColumn ||
           column == PlanTableModel::Bits;
}

bool sameSensitivity(const std::optional<LayerSensitivity>& a, const std::optional<LayerSensitivity>& b)
{
    if (a.has_value() != b.has_value())
        return false;
    return !a || (a->layer == b->layer && a->top1 == b->top1 && a->top5 == b->top5 &&
                  a->top1Drop == b->top1Drop && a->outputDistance == b->outputDistance);
}

// Every field of PlanLayerRow: a field added there must be added here, or its changes stay unseen.
bool sameRow(const PlanLayerRow& a, const PlanLayerRow& b)
{
    return a.layer == b.layer && a.node == b.node && a.op == b.op && a.shape == b.shape &&
           a.parameters == b.parameters && a.spec == b.spec && a.fromDefaults == b.fromDefaults &&
           a.codeBits == b.codeBits && a.overheadBits == b.overheadBits && a.zstdBytes == b.zstdBytes &&
           a.sqnrDb == b.sqnrDb && a.excluded == b.excluded && sameSensitivity(a.sensitivity, b.sensitivity) &&
           a.planDistance == b.planDistance;
}

// No quantization error to show: kept FP32 by the plan, or excluded for NaN/Inf.
bool storedFp32(const PlanLayerRow& r) { return r.spec.bits == kFp32Bits || r.excluded; }

QString kib(double bytes) { return QString::number(bytes / 1024, 'f', 2); }

} // namespace

PlanTableModel::PlanTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void PlanTableModel::setRows(const std::vector<PlanLayerRow>& rows)
{
    const bool sameLayers = rows.size() == m_rows.size() &&
                            std::equal(rows.begin(), rows.end(), m_rows.begin(),
                                       [](const PlanLayerRow& a, const PlanLayerRow& b) { return a.layer == b.layer; });
    if (!sameLayers) {
        beginResetModel();
        m_rows = rows;
        endResetModel();
        return;
    }
    for (size_t i = 0; i < rows.size(); ++i) {
        if (sameRow(m_rows[i], rows[i]))
            continue;
        m_rows[i] = rows[i];
        const int r = static_cast<int>(i);
        Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
    }
}

const PlanLayerRow* PlanTableModel::row(int row) const
{
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? &m_rows[static_cast<size_t>(row)] : nullptr;
}

int PlanTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PlanTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant PlanTableModel::display(const PlanLayerRow& r, Column col) const
{
    switch (col) {
    case Layer: return QString::fromStdString(r.layer);
    case Node: return QString::fromStdString(r.node);
    case Op: return QString::fromStdString(r.op);
    case Shape: return QString::fromStdString(shapeString(r.shape));
    case Parameters: return QLocale().toString(static_cast<qlonglong>(r.parameters));
    case SchemeColumn: return QString::fromUtf8(schemeName(r.spec.scheme).data());
    case GranularityColumn: {
        // Per block with its size, and a scale encoding other than the scheme's own.
        QString text = granularityLabel(r.spec.granularity);
        if (r.spec.granularity == Granularity::PerBlock)
            text += QLatin1Char(' ') + QString::number(r.spec.block);
        if (r.spec.scale != schemeDescriptor(r.spec.scheme).defaultScale)
            text += QStringLiteral(", ") + QString::fromUtf8(scaleEncodingName(r.spec.scale).data());
        return text;
    }
    case Bits: return r.spec.bits == kFp32Bits ? tr("FP32") : QString::number(r.spec.bits);
    case Size: return kib(static_cast<double>(r.codeBits + r.overheadBits) / 8);
    case Zstd: return kib(static_cast<double>(r.zstdBytes));
    case Sqnr:
        if (storedFp32(r))
            return tr("FP32");
        return r.sqnrDb ? QString::number(*r.sqnrDb, 'f', 2) : tr("exact");
    case Sensitivity: return r.sensitivity ? QString::number(100 * r.sensitivity->top1Drop, 'f', 2) : QString();
    case OutputDistance: return r.sensitivity ? QString::number(r.sensitivity->outputDistance, 'g', 4) : QString();
    case PlanDistance: return r.planDistance ? QString::number(*r.planDistance, 'g', 4) : QString();
    case ColumnCount: break;
    }
    return {};
}

QVariant PlanTableModel::sortValue(const PlanLayerRow& r, Column col) const
{
    constexpr double kAbove = std::numeric_limits<double>::max();
    constexpr double kBelow = std::numeric_limits<double>::lowest();
    switch (col) {
    case Parameters: return static_cast<qlonglong>(r.parameters);
    case Bits: return r.spec.bits;
    case Size: return static_cast<qlonglong>(r.codeBits + r.overheadBits);
    case Zstd: return static_cast<qlonglong>(r.zstdBytes);
    case Sqnr: return !storedFp32(r) && r.sqnrDb ? *r.sqnrDb : kAbove;
    case Sensitivity: return r.sensitivity ? r.sensitivity->top1Drop : kBelow;
    case OutputDistance: return r.sensitivity ? r.sensitivity->outputDistance : kBelow;
    case PlanDistance: return r.planDistance ? *r.planDistance : kBelow;
    default: return display(r, col);
    }
}

QVariant PlanTableModel::toolTip(const PlanLayerRow& r, Column col) const
{
    if (r.excluded)
        return tr("%1 holds NaN or Inf values: it stays FP32 whatever the plan says.")
            .arg(QString::fromStdString(r.layer));
    if (isSetting(col)) {
        const QString setting = seriesText(r.spec);
        return r.fromDefaults ? tr("%1, from the plan's defaults").arg(setting)
                              : tr("%1, set for this layer").arg(setting);
    }
    switch (col) {
    case Size:
        return tr("N·n + overhead = %1 code bits + %2 overhead bits")
            .arg(QLocale().toString(static_cast<qlonglong>(r.codeBits)),
                 QLocale().toString(static_cast<qlonglong>(r.overheadBits)));
    case Zstd: return tr("%1 bytes").arg(QLocale().toString(static_cast<qlonglong>(r.zstdBytes)));
    case Sqnr:
        if (storedFp32(r))
            return tr("Kept FP32: no quantization error");
        return r.sqnrDb ? tr("SQNR_dB = 10·log10(Σx² / Σ(x − x̂)²) over the whole tensor")
                        : tr("Reconstructed exactly: Σ(x − x̂)² = 0");
    case Sensitivity:
    case OutputDistance:
        if (!r.sensitivity)
            return tr("Not measured yet: run the sensitivity analysis");
        return tr("Only this layer quantized: top-1 %1 %, top-5 %2 %, top-1 drop %3 points, output distance %4")
            .arg(100 * r.sensitivity->top1, 0, 'f', 2)
            .arg(100 * r.sensitivity->top5, 0, 'f', 2)
            .arg(100 * r.sensitivity->top1Drop, 0, 'f', 2)
            .arg(r.sensitivity->outputDistance, 0, 'g', 6);
    case PlanDistance:
        return r.planDistance ? tr("(1/N) Σ ||a_fp32 − a_plan||_F = %1").arg(*r.planDistance, 0, 'g', 6)
                              : tr("Not measured yet");
    default: return {};
    }
}

QVariant PlanTableModel::data(const QModelIndex& index, int role) const
{
    const PlanLayerRow* r = index.isValid() ? row(index.row()) : nullptr;
    if (!r || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    const auto col = static_cast<Column>(index.column());
    switch (role) {
    case Qt::DisplayRole: return display(*r, col);
    case Qt::EditRole:
        // What the delegate's editors and setData() take: names as the plan spells them, bits as a number.
        if (col == Bits)
            return r->spec.bits;
        if (col == GranularityColumn)
            return QString::fromUtf8(granularityName(r->spec.granularity).data());
        return display(*r, col);
    case SortRole: return sortValue(*r, col);
    case Qt::ToolTipRole: return toolTip(*r, col);
    case Qt::FontRole:
        if (r->fromDefaults && isSetting(col)) {
            QFont italic;
            italic.setItalic(true);
            return italic;
        }
        return {};
    case Qt::DecorationRole:
        if (r->excluded && col == Layer)
            return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
        return {};
    case Qt::TextAlignmentRole:
        if (col >= Parameters && !isSetting(col))
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    default: return {};
    }
}

QVariant PlanTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::DisplayRole) {
        switch (section) {
        case Layer: return tr("Layer");
        case Node: return tr("Node");
        case Op: return tr("Op");
        case Shape: return tr("Shape");
        case Parameters: return tr("Parameters");
        case SchemeColumn: return tr("Scheme");
        case GranularityColumn: return tr("Granularity");
        case Bits: return tr("Bits");
        case Size: return tr("Size (KiB)");
        case Zstd: return tr("zstd (KiB)");
        case Sqnr: return tr("SQNR (dB)");
        case Sensitivity: return tr("Sensitivity (points)");
        case OutputDistance: return tr("Output distance");
        case PlanDistance: return tr("Plan distance");
        default: return {};
        }
    }
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Layer: return tr("The weight tensor's name");
        case Node: return tr("The node that consumes the weight");
        case Shape: return tr("The weight tensor's dimensions");
        case Parameters: return tr("N, the number of weights");
        case SchemeColumn:
        case GranularityColumn:
        case Bits:
            return tr("The layer's setting (double-click to edit); in italics when it comes from the plan's "
                      "defaults. Bits 1 to 16, or FP32 to keep the layer unquantized");
        case Size: return tr("Size = N·n + overhead (scales, zero points, centroids), in KiB; FP32: 32·N bits");
        case Zstd: return tr("The packed n-bit codes compressed with zstd level 3, in KiB; FP32: 4·N bytes");
        case Sqnr: return tr("SQNR_dB = 10·log10(Σx² / Σ(x − x̂)²) over the whole tensor; exact: no error");
        case Sensitivity:
            return tr("Top-1 drop in percentage points with only this layer quantized at the analysis setting, "
                      "every other layer FP32");
        case OutputDistance:
            return tr("QUENN eq. 1 with only this layer quantized: (1/N) Σ ||y_fp32 − y_q||_F on the model's "
                      "output");
        case PlanDistance:
            return tr("The whole plan's activation distance at this layer's output: "
                      "(1/N) Σ ||a_fp32 − a_plan||_F (QUENN Figure 6)");
        default: return {};
        }
    }
    return {};
}

Qt::ItemFlags PlanTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    const PlanLayerRow* r = index.isValid() ? row(index.row()) : nullptr;
    // An excluded layer stays FP32 whatever its setting, so its setting is not offered for editing.
    if (r && !r->excluded && isSetting(index.column()))
        f |= Qt::ItemIsEditable;
    return f;
}

bool PlanTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !(flags(index) & Qt::ItemIsEditable))
        return false;
    const PlanLayerRow& r = m_rows[static_cast<size_t>(index.row())];
    QuantSpec spec = r.spec;
    switch (index.column()) {
    case SchemeColumn: {
        const auto scheme = parseScheme(value.toString().toStdString());
        if (!scheme)
            return false;
        spec.scheme = *scheme;
        const SchemeDescriptor& d = schemeDescriptor(spec.scheme);
        if (!hasBitRange(d) && spec.bits != kFp32Bits) // an element format's bits are implied
            spec.bits = d.minBits;
        if (!scaleAllowed(spec.scheme, spec.scale))
            spec.scale = d.defaultScale;
        break;
    }
    case GranularityColumn: {
        const auto granularity = parseGranularity(value.toString().toStdString());
        if (!granularity)
            return false;
        spec.granularity = *granularity;
        spec.block = spec.granularity != Granularity::PerBlock ? 0 : (spec.block > 0 ? spec.block : 32);
        break;
    }
    case Bits: {
        bool ok = false;
        spec.bits = value.toInt(&ok);
        if (!ok && value.toString().compare(QLatin1String("FP32"), Qt::CaseInsensitive) == 0) {
            spec.bits = kFp32Bits;
            ok = true;
        }
        if (!ok)
            return false;
        break;
    }
    default: return false;
    }
    // FP32 goes with any scheme (the scheme applies again once bits are chosen).
    if (!specProblem(spec).empty())
        return false;
    if (spec != r.spec)
        Q_EMIT settingEdited(index.row(), spec);
    return true;
}

} // namespace bitlens

#pragma once
// The plan editor's edits as undo commands (Qt's undoframework, LabPlot's setter commands): each
// holds only what it changes (the per-layer entries or the defaults, before and after), applies it
// through the PlanDocument and asks it to recompute; it never computes anything itself. A slider
// drag merges into one command (same drag serial); presets and imported plans are macros.
#include <quant/plan.h>

#include <QUndoCommand>

#include <optional>
#include <string>
#include <vector>

namespace bitlens {

class PlanDocument;

// A layer's entry in the plan: its own setting, or nullopt to take the plan's defaults.
struct LayerEntryChange
{
    std::string layer;
    std::optional<QuantSpec> before, after;
};

class SetLayersCommand : public QUndoCommand
{
public:
    static constexpr int kId = 0x6c61; // merge id for drags
    // dragSerial != 0: consecutive commands of the same drag over the same layers merge into one.
    SetLayersCommand(PlanDocument* doc, std::vector<LayerEntryChange> changes, const QString& text, int dragSerial = 0,
                     QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;
    int id() const override { return m_dragSerial ? kId : -1; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    PlanDocument* m_doc;
    std::vector<LayerEntryChange> m_changes;
    int m_dragSerial;
};

class SetDefaultsCommand : public QUndoCommand
{
public:
    SetDefaultsCommand(PlanDocument* doc, const QuantSpec& before, const QuantSpec& after, const QString& text,
                       QUndoCommand* parent = nullptr);
    void redo() override;
    void undo() override;

private:
    PlanDocument* m_doc;
    QuantSpec m_before, m_after;
};

// "conv1.weight: 8 → 4 bits", "conv1.weight: asymmetric per-channel 8 → pow2 per-tensor 4 bits",
// "3 layers → 4 bits".
QString describeSpec(const std::optional<QuantSpec>& spec, const QuantSpec& defaults);
QString describeChange(const std::vector<LayerEntryChange>& changes, const QuantSpec& defaults);

} // namespace bitlens

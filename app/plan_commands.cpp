#include "plan_commands.h"

#include "plan_document.h"

#include <widgets/display_labels.h>

#include <QCoreApplication>

namespace bitlens {

namespace {
QString tr(const char* s, const char* disambiguation = nullptr, int n = -1)
{
    return QCoreApplication::translate("bitlens", s, disambiguation, n); // the context lupdate gives these
}
QString qs(std::string_view s) { return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size())); }
} // namespace

QString describeSpec(const std::optional<QuantSpec>& spec, const QuantSpec& defaults)
{
    const QuantSpec s = spec.value_or(defaults);
    if (s.bits == kFp32Bits)
        return spec ? tr("FP32") : tr("defaults (FP32)");
    const QString text = tr("%1 %2 %3 bits").arg(qs(schemeName(s.scheme)), granularityLabel(s.granularity)).arg(s.bits);
    return spec ? text : tr("defaults (%1)").arg(text);
}

QString describeChange(const std::vector<LayerEntryChange>& changes, const QuantSpec& defaults)
{
    if (changes.empty())
        return tr("No change");
    const LayerEntryChange& c = changes.front();
    const QuantSpec a = c.before.value_or(defaults), b = c.after.value_or(defaults);
    const bool onlyBits = c.after && a.scheme == b.scheme && a.granularity == b.granularity;
    if (changes.size() == 1) {
        if (onlyBits)
            return tr("%1: %2 → %3").arg(qs(c.layer), a.bits == kFp32Bits ? tr("FP32") : tr("%1 bits").arg(a.bits),
                                         b.bits == kFp32Bits ? tr("FP32") : tr("%1 bits").arg(b.bits));
        return tr("%1: %2 → %3").arg(qs(c.layer), describeSpec(c.before, defaults), describeSpec(c.after, defaults));
    }
    return tr("%n layers → %1", nullptr, static_cast<int>(changes.size())).arg(describeSpec(c.after, defaults));
}

SetLayersCommand::SetLayersCommand(PlanDocument* doc, std::vector<LayerEntryChange> changes, const QString& text,
                                   int dragSerial, QUndoCommand* parent)
    : QUndoCommand(text, parent), m_doc(doc), m_changes(std::move(changes)), m_dragSerial(dragSerial)
{
}

void SetLayersCommand::redo()
{
    for (const LayerEntryChange& c : m_changes)
        m_doc->setLayerEntry(c.layer, c.after);
    m_doc->planEdited();
}

void SetLayersCommand::undo()
{
    for (auto it = m_changes.rbegin(); it != m_changes.rend(); ++it)
        m_doc->setLayerEntry(it->layer, it->before);
    m_doc->planEdited();
}

bool SetLayersCommand::mergeWith(const QUndoCommand* other)
{
    const auto* o = dynamic_cast<const SetLayersCommand*>(other);
    if (!o || o->m_dragSerial != m_dragSerial || o->m_changes.size() != m_changes.size())
        return false;
    for (size_t i = 0; i < m_changes.size(); ++i)
        if (o->m_changes[i].layer != m_changes[i].layer)
            return false;
    // One step from where the drag started to where it ended.
    for (size_t i = 0; i < m_changes.size(); ++i)
        m_changes[i].after = o->m_changes[i].after;
    setText(describeChange(m_changes, m_doc->plan().defaults));
    return true;
}

SetDefaultsCommand::SetDefaultsCommand(PlanDocument* doc, const QuantSpec& before, const QuantSpec& after,
                                       const QString& text, QUndoCommand* parent)
    : QUndoCommand(text, parent), m_doc(doc), m_before(before), m_after(after)
{
}

void SetDefaultsCommand::redo()
{
    m_doc->setDefaultsEntry(m_after);
    m_doc->planEdited();
}

void SetDefaultsCommand::undo()
{
    m_doc->setDefaultsEntry(m_before);
    m_doc->planEdited();
}

} // namespace bitlens

#include "checklist_menu.h"

#include <QKeyEvent>
#include <QMouseEvent>

namespace bitlens {

void ChecklistMenu::mouseReleaseEvent(QMouseEvent* event)
{
    QAction* a = actionAt(event->position().toPoint());
    if (a && a->isCheckable() && a->isEnabled()) {
        a->trigger(); // toggles it; the menu stays open
        return;
    }
    QMenu::mouseReleaseEvent(event);
}

void ChecklistMenu::keyPressEvent(QKeyEvent* event)
{
    QAction* a = activeAction();
    const bool select = event->key() == Qt::Key_Space || event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (select && a && a->isCheckable() && a->isEnabled()) {
        a->trigger();
        return;
    }
    QMenu::keyPressEvent(event);
}

} // namespace bitlens

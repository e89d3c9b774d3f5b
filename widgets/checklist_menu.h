#pragma once
// A menu of checkable choices that stays open while the user ticks several (QMenu closes after
// every click): the Compare menu's schemes. Other actions close it as usual.
#include <QMenu>

namespace bitlens {

class ChecklistMenu : public QMenu
{
    Q_OBJECT
public:
    using QMenu::QMenu;

protected:
    void mouseReleaseEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
};

} // namespace bitlens

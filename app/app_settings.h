#pragma once
// What the window remembers between runs (QSettings) and the look it applies: the recent models
// and projects, and the dark palette.
#include <QString>

#include <functional>

class QMenu;

namespace bitlens {

inline constexpr int kRecentModels = 8;

enum class RecentList { Models, Projects };

// Puts `path` first in the recent list (absolute, no duplicates, at most kRecentModels).
void rememberRecentModel(const QString& path, RecentList list = RecentList::Models);
// Fills `menu` with the recent files (missing files greyed out) and a Clear List entry.
void fillRecentModelsMenu(QMenu* menu, const std::function<void(const QString&)>& open,
                          RecentList list = RecentList::Models);
// Fusion style with a dark palette, or the style's own palette.
void applyDarkPalette(bool dark);

} // namespace bitlens

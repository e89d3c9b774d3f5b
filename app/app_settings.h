#pragma once
// What the window remembers between runs (QSettings) and the look it applies: the recent models
// and the dark palette.
#include <QString>

#include <functional>

class QMenu;

namespace bitlens {

inline constexpr int kRecentModels = 8;

// Puts `path` first in the recent-models list (absolute, no duplicates, at most kRecentModels).
void rememberRecentModel(const QString& path);
// Fills `menu` with the recent models (missing files greyed out) and a Clear List entry.
void fillRecentModelsMenu(QMenu* menu, const std::function<void(const QString&)>& open);
// Fusion style with a dark palette, or the style's own palette.
void applyDarkPalette(bool dark);

} // namespace bitlens

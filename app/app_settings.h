#pragma once
// What the window remembers between runs (QSettings) and the look and language it applies: the
// recent models and projects, the dark palette, and the user interface language.
#include <QList>
#include <QString>

#include <functional>

class QLocale;
class QMenu;
class QTranslator;
class QWidget;

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

// The user interface language the user chose: "" for the system's, else a code such as "en" or "de".
QString languageSetting();
void setLanguageSetting(const QString& code);
// The locale to start in: `code` (the --language option) if not empty, else the setting, else the
// system's.
QLocale startupLocale(const QString& code = {});
// Installs BitLens's translation for `locale` (translations/bitlens_<lang>.ts, compiled in as
// :/i18n/bitlens_<lang>.qm) and, with it, Qt's own (qtbase_<lang>.qm in Qt's translations folder,
// if installed) for the standard buttons and dialogs. English needs neither. The translators are
// children of the application; they are returned for QCoreApplication::removeTranslator().
// Widgets pick the language up when they are created, so this comes before the window.
QList<QTranslator*> installTranslators(const QLocale& locale);
// Fills `menu` with System Default, English and Deutsch as exclusive choices, the saved one checked;
// choosing one saves it and tells the user (a message box on `parent`) that it applies from the
// next start.
void fillLanguageMenu(QMenu* menu, QWidget* parent);

} // namespace bitlens

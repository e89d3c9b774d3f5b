#include "app_settings.h"

#include <QActionGroup>
#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTranslator>

namespace bitlens {

namespace {

const QString kLanguageKey = QStringLiteral("language");

QString recentKey(RecentList list)
{
    return list == RecentList::Projects ? QStringLiteral("recentProjects") : QStringLiteral("recentModels");
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2B, 0x2D, 0x31), base(0x1E, 0x1F, 0x22), text(0xE0, 0xE0, 0xE0);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::ToolTipBase, window);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::Highlight, QColor(0x35, 0x74, 0xC4));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    p.setColor(QPalette::Disabled, QPalette::Text, QColor(0x80, 0x80, 0x80));
    p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x80, 0x80, 0x80));
    return p;
}

} // namespace

void rememberRecentModel(const QString& path, RecentList list)
{
    const QString kRecentKey = recentKey(list);
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    const QString absolute = QFileInfo(path).absoluteFilePath();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > kRecentModels)
        recent.removeLast();
    settings.setValue(kRecentKey, recent);
}

void fillRecentModelsMenu(QMenu* menu, const std::function<void(const QString&)>& open, RecentList list)
{
    const QString kRecentKey = recentKey(list);
    menu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        QAction* a = menu->addAction(QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(recent[i]).fileName()), menu,
                                     [open, path = recent[i]] { open(path); });
        a->setToolTip(recent[i]);
        a->setEnabled(QFileInfo::exists(recent[i]));
    }
    if (recent.isEmpty()) {
        menu->addAction(list == RecentList::Projects ? QCoreApplication::translate("bitlens::MainWindow", "No recent projects")
                                                     : QCoreApplication::translate("bitlens::MainWindow", "No recent models"))
            ->setEnabled(false);
    } else {
        menu->addSeparator();
        menu->addAction(QCoreApplication::translate("bitlens::MainWindow", "Clear List"), menu,
                        [kRecentKey] { QSettings().remove(kRecentKey); });
    }
}

void applyDarkPalette(bool dark)
{
    if (dark) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
    } else {
        QApplication::setPalette(QApplication::style()->standardPalette());
    }
}

QString languageSetting() { return QSettings().value(kLanguageKey).toString(); }

void setLanguageSetting(const QString& code)
{
    if (code.isEmpty())
        QSettings().remove(kLanguageKey);
    else
        QSettings().setValue(kLanguageKey, code);
}

QLocale startupLocale(const QString& code)
{
    const QString chosen = code.isEmpty() ? languageSetting() : code;
    return chosen.isEmpty() ? QLocale::system() : QLocale(chosen);
}

QList<QTranslator*> installTranslators(const QLocale& locale)
{
    QList<QTranslator*> installed;
    const auto install = [&](const QString& name, const QString& folder) {
        auto* t = new QTranslator(QCoreApplication::instance());
        if (t->load(locale, name, QStringLiteral("_"), folder) && QCoreApplication::installTranslator(t))
            installed << t;
        else
            delete t;
    };
    install(QStringLiteral("bitlens"), QStringLiteral(":/i18n"));
    // Qt's own only with BitLens's: a BitLens that stays English keeps English buttons too.
    if (!installed.isEmpty())
        install(QStringLiteral("qtbase"), QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    return installed;
}

void fillLanguageMenu(QMenu* menu, QWidget* parent)
{
    // Languages by their own names, untranslated: whatever the interface reads, one finds one's own.
    struct Choice
    {
        QString code, name;
    };
    const Choice choices[] = {{QString(), QCoreApplication::translate("bitlens::MainWindow", "&System Default")},
                              {QStringLiteral("en"), QStringLiteral("&English")},
                              {QStringLiteral("de"), QStringLiteral("&Deutsch")}};
    auto* group = new QActionGroup(menu);
    group->setExclusive(true);
    const QString current = languageSetting();
    for (const Choice& c : choices) {
        QAction* a = menu->addAction(c.name);
        a->setCheckable(true);
        a->setChecked(c.code == current);
        group->addAction(a);
        QObject::connect(a, &QAction::triggered, menu, [code = c.code, parent] {
            if (code == languageSetting())
                return;
            setLanguageSetting(code);
            QMessageBox::information(parent, QCoreApplication::translate("bitlens::MainWindow", "Language"),
                                     QCoreApplication::translate("bitlens::MainWindow",
                                                                 "The language takes effect when BitLens is restarted."));
        });
    }
}

} // namespace bitlens

#include "app_settings.h"

#include <QApplication>
#include <QCoreApplication>
#include <QFileInfo>
#include <QMenu>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace bitlens {

namespace {

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

} // namespace bitlens

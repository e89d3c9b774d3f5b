// The German translation, headless: the language setting and the --language option pick the locale,
// the View ▸ Language menu shows the setting, and every visible string of the main views differs
// between German and English. The window is built twice on the bundled sample with every view
// filled (layer views, plan evaluation, accuracy sweep, sensitivity, plan distances, a proposal,
// the class dendrogram): once after installing the German translator as bitlens does at start,
// once with none. A string that reads the same in both was not passed through tr() or has no
// German translation; the few strings that are rightly the same are listed in sameInGerman().
#include "../support/wait_idle.h"

#include <app/app_settings.h>
#include <app/main_window.h>
#include <app/plan_document.h>
#include <app/workbench_document.h>
#include <app/workbench_views.h>
#include <quant/plan.h>
#include <quant/scheme_registry.h>
#include <widgets/display_labels.h>
#include <widgets/qcp.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QActionGroup>
#include <QComboBox>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTranslator>

#include <memory>

using namespace bitlens;

namespace {

constexpr int64_t kImages = 200;

using testsupport::waitIdle;

// Each string the window shows, with the first place it was seen (for the failure message).
struct Strings
{
    QMap<QString, QString> where;
    QSet<QString> data; // names from the model and the test set: layers, nodes, ops, classes

    void add(const QString& text, const QString& place)
    {
        if (!text.trimmed().isEmpty() && !where.contains(text))
            where.insert(text, place);
    }
};

void collectMenu(Strings& out, QMenu* menu, const QString& place)
{
    Q_EMIT menu->aboutToShow(); // the recent-file menus fill themselves here
    out.add(menu->title(), place);
    for (QAction* a : menu->actions()) {
        out.add(a->text(), place + QStringLiteral(" ▸ action"));
        if (a->menu() && a->menu() != menu)
            collectMenu(out, a->menu(), place + QStringLiteral(" ▸ ") + a->menu()->title());
    }
}

// Titles (text elements), axis and colour-scale labels, and the names of the plottables, which
// are what the legends show. Tick labels are data (class and layer names) and are left out.
void collectPlot(Strings& out, QCustomPlot* plot, const QString& place)
{
    for (int i = 0; i < plot->plottableCount(); ++i)
        out.add(plot->plottable(i)->name(), place + QStringLiteral(" legend"));
    const QList<QCPLayoutElement*> elements = plot->plotLayout()->elements(true);
    for (QCPLayoutElement* e : elements) {
        if (auto* text = qobject_cast<QCPTextElement*>(e))
            out.add(text->text(), place + QStringLiteral(" title"));
        else if (auto* rect = qobject_cast<QCPAxisRect*>(e))
            for (QCPAxis* axis : rect->axes())
                out.add(axis->label(), place + QStringLiteral(" axis"));
        else if (auto* scale = qobject_cast<QCPColorScale*>(e))
            out.add(scale->axis()->label(), place + QStringLiteral(" colour scale"));
    }
}

void collectWidgets(Strings& out, MainWindow& w, const QString& tab)
{
    out.add(w.windowTitle(), QStringLiteral("window title"));
    out.add(w.statusBar()->currentMessage(), QStringLiteral("status bar"));
    for (QMenu* menu : w.findChildren<QMenu*>())
        collectMenu(out, menu, QStringLiteral("menu ") + menu->title());
    const std::unique_ptr<QMenu> popup(w.createPopupMenu()); // the docks and toolbars
    if (popup)
        collectMenu(out, popup.get(), QStringLiteral("window context menu"));
    for (QToolBar* bar : w.findChildren<QToolBar*>()) {
        out.add(bar->windowTitle(), QStringLiteral("toolbar"));
        for (QAction* a : bar->actions())
            out.add(a->text(), QStringLiteral("toolbar action"));
    }
    for (QDockWidget* dock : w.findChildren<QDockWidget*>())
        out.add(dock->windowTitle(), QStringLiteral("dock"));
    for (QTabWidget* tabs : w.findChildren<QTabWidget*>())
        for (int i = 0; i < tabs->count(); ++i)
            out.add(tabs->tabText(i), QStringLiteral("tab"));
    for (QTabBar* bar : w.findChildren<QTabBar*>())
        for (int i = 0; i < bar->count(); ++i)
            out.add(bar->tabText(i), QStringLiteral("tab bar"));
    const QString in = QStringLiteral(" (on tab %1)").arg(tab);
    for (QLabel* label : w.findChildren<QLabel*>())
        out.add(label->text(), QStringLiteral("label") + in);
    for (QAbstractButton* button : w.findChildren<QAbstractButton*>())
        out.add(button->text(), QStringLiteral("button") + in);
    for (QGroupBox* box : w.findChildren<QGroupBox*>())
        out.add(box->title(), QStringLiteral("group box") + in);
    for (QLineEdit* edit : w.findChildren<QLineEdit*>())
        out.add(edit->placeholderText(), QStringLiteral("placeholder") + in);
    for (QComboBox* box : w.findChildren<QComboBox*>())
        for (int i = 0; i < box->count(); ++i)
            out.add(box->itemText(i), QStringLiteral("combo box ") + box->objectName() + in);
    for (QAbstractItemView* view : w.findChildren<QAbstractItemView*>()) {
        const QAbstractItemModel* m = view->model();
        if (!m)
            continue;
        const QString place = QStringLiteral("header of ") + view->objectName() + in;
        for (int c = 0; c < m->columnCount(); ++c)
            out.add(m->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString(), place);
        for (int r = 0; r < m->rowCount(); ++r)
            out.add(m->headerData(r, Qt::Vertical, Qt::DisplayRole).toString(), place);
    }
    for (QCustomPlot* plot : w.findChildren<QCustomPlot*>()) {
        const QWidget* owner = plot->parentWidget();
        collectPlot(out, plot, QStringLiteral("plot ") + (owner ? QString::fromLatin1(owner->metaObject()->className()) : QString()));
    }
}

// Builds the window on the sample, fills every view and collects its strings on every tab.
void collectWindow(Strings& out)
{
    MainWindow w;
    WorkbenchDocument* doc = w.document();
    PlanDocument* plan = doc->planDocument();
    doc->setEvaluationLimit(kImages);
    plan->setSubsetImages(100);
    w.show();
    w.openSample();
    QVERIFY(waitIdle(doc));
    QVERIFY(doc->hasTestSet());
    doc->runSweep();
    QVERIFY(waitIdle(doc));
    plan->runSensitivity({Scheme::Asymmetric, Granularity::PerChannel, 3});
    QVERIFY(waitIdle(doc));
    plan->measureDistances();
    QVERIFY(waitIdle(doc));
    const int64_t budget = planWeightBits(Plan::uniform({Scheme::Asymmetric, Granularity::PerChannel, 4}), plan->layers());
    plan->propose(budget, Scheme::Asymmetric, Granularity::PerChannel);
    QVERIFY(waitIdle(doc));
    const QList<QMessageBox*> errors = w.findChildren<QMessageBox*>(QStringLiteral("errorDialog"));
    QVERIFY2(errors.isEmpty(), qPrintable(errors.isEmpty() ? QString() : errors.first()->text()));

    for (int t = 0; t < w.views()->count(); ++t) {
        w.views()->setCurrentIndex(t);
        QCoreApplication::processEvents();
        collectWidgets(out, w, w.views()->tabText(t));
    }
    for (const WeightLayer& l : doc->loaded().layers)
        out.data << QString::fromStdString(l.name) << QString::fromStdString(l.nodeName) << QString::fromStdString(l.op);
    for (const std::string& c : doc->testSet().classes)
        out.data << QString::fromStdString(c);
}

// Strings that rightly read the same in German and English. Keep this short and honest: each
// entry is a string the test no longer checks.
bool sameInGerman(const QString& text, const QSet<QString>& data)
{
    QString s = text;
    s.remove(QRegularExpression(QStringLiteral("&(?=[^&])"))); // the mnemonic of a menu or button
    // Numbers, units and punctuation only ("12", "0.25", "–").
    static const QRegularExpression numbers(QStringLiteral(R"(^[\d\s\p{P}\p{S}]*$)"),
                                            QRegularExpression::UseUnicodePropertiesOption);
    if (numbers.match(s).hasMatch())
        return true;
    static const QSet<QString> same{
        // Abbreviations and units, the same in German texts.
        QStringLiteral("FP32"), QStringLiteral("Top-1"), QStringLiteral("Top-5"), QStringLiteral("SQNR (dB)"),
        QStringLiteral("zstd (KiB)"), QStringLiteral("KiB"), QStringLiteral("Op"), QStringLiteral("Min"),
        QStringLiteral("Max"), QStringLiteral("Std"),
        // Words spelled the same in German.
        QStringLiteral("Plan"), QStringLiteral("Budget"), QStringLiteral("Bins"),
        // Languages by their own names (View ▸ Language).
        QStringLiteral("English"), QStringLiteral("Deutsch"),
    };
    if (same.contains(s))
        return true;
    // The product name and the open file in the window title; the FP32 reference line with its
    // accuracy in a legend ("FP32 (91.50 %)").
    static const QRegularExpression title(QStringLiteral(R"(^BitLens( — .+)?(\[\*\])?$)"));
    static const QRegularExpression fp32(QStringLiteral(R"(^FP32 \([\d.]+ %\)$)"));
    if (title.match(s).hasMatch() || fp32.match(s).hasMatch())
        return true;
    // Scheme names as the plan format and the CLI spell them (legends, the accuracy table's rows),
    // and names from the model and the test set.
    for (const SchemeDescriptor& d : schemeRegistry())
        if (s == QString::fromUtf8(d.name.data(), static_cast<qsizetype>(d.name.size())))
            return true;
    // Named formats and scale encodings, also as the plan spells them.
    for (const NamedFormat& f : namedFormats())
        if (s == QString::fromUtf8(f.name.data(), static_cast<qsizetype>(f.name.size())))
            return true;
    for (ScaleEncoding e : {ScaleEncoding::Fp32, ScaleEncoding::Fp16, ScaleEncoding::Bf16, ScaleEncoding::E8M0, ScaleEncoding::UE4M3})
        if (s == QString::fromUtf8(scaleEncodingName(e).data()))
            return true;
    return data.contains(s);
}

QLocale german() { return QLocale(QLocale::German, QLocale::Germany); }

void removeTranslators(const QList<QTranslator*>& translators)
{
    for (QTranslator* t : translators) {
        QCoreApplication::removeTranslator(t);
        delete t;
    }
}

} // namespace

class TestTranslation : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // Its own settings, so no recent files or language choice of another test show up.
        QCoreApplication::setOrganizationName(QStringLiteral("BitLensTranslationTest"));
        QSettings().clear();
        QVERIFY(m_recovery.isValid());
        qputenv("BITLENS_RECOVERY_DIR", m_recovery.path().toUtf8());
    }

    void cleanupTestCase() { QSettings().clear(); }

    // --language wins over the setting, the setting over the system's locale.
    void startupLocaleFollowsOptionThenSetting()
    {
        setLanguageSetting(QString());
        QCOMPARE(languageSetting(), QString());
        QCOMPARE(startupLocale(), QLocale::system());
        setLanguageSetting(QStringLiteral("de"));
        QCOMPARE(languageSetting(), QStringLiteral("de"));
        QCOMPARE(startupLocale().language(), QLocale::German);
        QCOMPARE(startupLocale(QStringLiteral("en")).language(), QLocale::English);
        setLanguageSetting(QString());
        QCOMPARE(startupLocale(QStringLiteral("de")).language(), QLocale::German);
    }

    // German loads the compiled-in translation; English is the source language and needs none.
    void installsGermanOnly()
    {
        QVERIFY(installTranslators(QLocale(QLocale::English)).isEmpty());
        QCOMPARE(QCoreApplication::translate("bitlens::MainWindow", "&File"), QStringLiteral("&File"));
        const QList<QTranslator*> installed = installTranslators(german());
        QVERIFY(!installed.isEmpty());
        QCOMPARE(installed.first()->filePath(), QStringLiteral(":/i18n/bitlens_de.qm"));
        QCOMPARE(QCoreApplication::translate("bitlens::MainWindow", "&File"), QStringLiteral("&Datei"));
        removeTranslators(installed);
        QCOMPARE(QCoreApplication::translate("bitlens::MainWindow", "&File"), QStringLiteral("&File"));
    }

    // View ▸ Language: System Default, English and Deutsch, one of them checked: the setting.
    void languageMenuShowsTheSetting()
    {
        setLanguageSetting(QStringLiteral("de"));
        MainWindow w;
        QMenu* language = nullptr;
        for (QMenu* menu : w.findChildren<QMenu*>())
            for (QAction* a : menu->actions())
                if (a->menu() && a->menu()->title() == QLatin1String("&Language"))
                    language = a->menu();
        QVERIFY(language);
        const QList<QAction*> actions = language->actions();
        QCOMPARE(actions.size(), 3);
        QStringList checked;
        for (QAction* a : actions) {
            QVERIFY(a->isCheckable());
            QVERIFY(a->actionGroup() && a->actionGroup()->isExclusive());
            if (a->isChecked())
                checked << a->text();
        }
        QCOMPARE(checked, QStringList{QStringLiteral("&Deutsch")});
        setLanguageSetting(QString());
    }

    // The scheme registry's labels and the setting labels have German texts: a scheme added to the
    // registry without one fails here.
    void schemeLabelsAreTranslated()
    {
        const QList<QTranslator*> installed = installTranslators(german());
        QVERIFY(!installed.isEmpty());
        for (const SchemeDescriptor& d : schemeRegistry()) {
            const QString english = QString::fromUtf8(d.label.data(), static_cast<qsizetype>(d.label.size()));
            QVERIFY2(schemeLabel(d.id) != english, qPrintable(english));
        }
        QCOMPARE(granularityLabel(Granularity::PerChannel), QStringLiteral("pro Kanal"));
        QCOMPARE(displayLabel("asymmetric 4-bit per-tensor"), QStringLiteral("asymmetric 4 Bit pro Tensor"));
        QCOMPARE(displayLabel("8-bit"), QStringLiteral("8 Bit"));
        QCOMPARE(displayLabel("features.0.weight"), QStringLiteral("features.0.weight"));
        removeTranslators(installed);
        // In English the labels are quant's own spellings (CSV headers, CLI).
        QCOMPARE(displayLabel("asymmetric 4-bit per-tensor"), QStringLiteral("asymmetric 4-bit per-tensor"));
        QCOMPARE(seriesText(QuantSpec{Scheme::Pow2, Granularity::PerChannel, 3}),
                 QString::fromStdString(seriesLabel(QuantSpec{Scheme::Pow2, Granularity::PerChannel, 3})));
    }

    void everyVisibleStringIsTranslated()
    {
        Strings inGerman, inEnglish;
        const QList<QTranslator*> installed = installTranslators(german());
        QVERIFY(!installed.isEmpty());
        collectWindow(inGerman);
        removeTranslators(installed);
        if (QTest::currentTestFailed())
            return;
        collectWindow(inEnglish);
        if (QTest::currentTestFailed())
            return;
        // Both windows were filled: their menus, tabs, table headers and plot texts were seen.
        QVERIFY2(inGerman.where.size() > 150, qPrintable(QString::number(inGerman.where.size())));
        QVERIFY(inGerman.where.contains(QStringLiteral("&Datei")));
        QVERIFY(inEnglish.where.contains(QStringLiteral("&File")));

        const QSet<QString> data = inGerman.data + inEnglish.data;
        QStringList untranslated;
        for (auto it = inGerman.where.cbegin(); it != inGerman.where.cend(); ++it)
            if (inEnglish.where.contains(it.key()) && !sameInGerman(it.key(), data))
                untranslated << QStringLiteral("  \"%1\" — %2").arg(it.key(), it.value());
        QVERIFY2(untranslated.isEmpty(),
                 qPrintable(QStringLiteral("%1 string(s) read the same in German and English (not in tr(), or no "
                                           "translation in translations/bitlens_de.ts):\n%2")
                                .arg(untranslated.size())
                                .arg(untranslated.join(QLatin1Char('\n')))));
    }

private:
    QTemporaryDir m_recovery;
};

QTEST_MAIN(TestTranslation)
#include "test_translation.moc"

#include "cli_common.h"

#include <quant/scheme_registry.h>

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace bitlens::cli {

int failWith(const QString& message)
{
    QString line = message;
    line.replace(QLatin1Char('\n'), QLatin1Char(' '));
    std::fprintf(stderr, "bitlens-cli: %s\n", qPrintable(line));
    return kExitBadInput;
}

int failWith(const std::string& message) { return failWith(QString::fromStdString(message)); }

void addHelp(QCommandLineParser& p)
{
    p.addOption(QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Displays this help.")));
}

int printHelp(const QCommandLineParser& p, const QStringList& args)
{
    // The commands get "argv[0] COMMAND" as their first argument (cli_main.cpp).
    const QString command = args.isEmpty() ? QString() : args.first().section(QLatin1Char(' '), -1);
    QString text = p.helpText();
    const QString executable = QCoreApplication::arguments().value(0);
    const qsizetype at = text.indexOf(executable);
    if (!executable.isEmpty() && at >= 0 && at < text.indexOf(QLatin1Char('\n')))
        text.replace(at, executable.size(), QStringLiteral("bitlens-cli ") + command);
    std::printf("%s", qPrintable(text));
    return kExitOk;
}

QString schemeNames()
{
    QStringList names;
    for (const SchemeDescriptor& d : schemeRegistry())
        names << QString::fromUtf8(schemeName(d.id).data(), static_cast<qsizetype>(schemeName(d.id).size()));
    return names.join(QStringLiteral(", "));
}

QStringList parseList(const QString& text)
{
    QStringList out;
    for (const QString& part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        out << part.trimmed();
    return out;
}

std::optional<std::vector<int>> parseIntList(const QString& text, QString* error)
{
    std::vector<int> out;
    for (const QString& part : parseList(text)) {
        bool ok = false;
        const int v = part.toInt(&ok);
        if (!ok) {
            *error = QStringLiteral("'%1' is not an integer").arg(part);
            return std::nullopt;
        }
        out.push_back(v);
    }
    if (out.empty()) {
        *error = QStringLiteral("the list is empty");
        return std::nullopt;
    }
    return out;
}

std::optional<std::vector<Scheme>> parseSchemeList(const QString& text, QString* error)
{
    std::vector<Scheme> out;
    for (const QString& s : parseList(text)) {
        auto parsed = parseScheme(s.toStdString());
        if (!parsed) {
            *error = QStringLiteral("unknown scheme '%1' (expected one of %2)").arg(s, schemeNames());
            return std::nullopt;
        }
        out.push_back(*parsed);
    }
    if (out.empty())
        for (const SchemeDescriptor& d : schemeRegistry())
            out.push_back(d.id);
    return out;
}

std::optional<std::vector<Granularity>> parseGranularityList(const QString& text, QString* error)
{
    std::vector<Granularity> out;
    for (const QString& g : parseList(text)) {
        auto parsed = parseGranularity(g.toStdString());
        if (!parsed) {
            *error = QStringLiteral("unknown '%1' (expected per-tensor or per-channel)").arg(g);
            return std::nullopt;
        }
        out.push_back(*parsed);
    }
    if (out.empty())
        out = {Granularity::PerTensor, Granularity::PerChannel};
    return out;
}

std::optional<std::vector<int>> parseBitList(const QString& text, std::vector<int> fallback, QString* error)
{
    if (text.isEmpty())
        return fallback;
    auto parsed = parseIntList(text, error);
    if (!parsed)
        return std::nullopt;
    for (int b : *parsed)
        if (b < 1 || b > kMaxBits) {
            *error = QStringLiteral("%1 is outside 1..%2").arg(b).arg(kMaxBits);
            return std::nullopt;
        }
    return parsed;
}

bool writeJson(const QJsonDocument& doc, const QString& target, QString* error)
{
    const QByteArray bytes = doc.toJson(QJsonDocument::Indented);
    if (target == QLatin1String("-")) {
        std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
        std::fflush(stdout);
        return true;
    }
    QSaveFile file(target);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = QStringLiteral("%1: cannot write (%2)").arg(target, file.errorString());
        return false;
    }
    return true;
}

bool stderrIsTerminal() { return ::isatty(2) != 0; }

bitlens::Result<bitlens::SensitivityReport> measureSensitivityReporting(const bitlens::SweepInput& input, const bitlens::Plan& plan)
{
    auto report = measurePlanSensitivity(
        input, plan,
        [](const LayerSensitivity& l) {
            if (!stderrIsTerminal())
                std::fprintf(stderr, "sensitivity: %s done\n", l.layer.c_str());
        },
        [](int64_t done, int64_t total) {
            if (stderrIsTerminal())
                std::fprintf(stderr, "\rsensitivity: %3d%%", static_cast<int>(100 * done / std::max<int64_t>(total, 1)));
            return true;
        });
    if (stderrIsTerminal())
        std::fprintf(stderr, "\n");
    return report;
}

} // namespace bitlens::cli

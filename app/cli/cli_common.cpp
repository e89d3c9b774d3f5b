#include "cli_common.h"

#include <quant/layer_stats.h>
#include <quant/plan.h>
#include <quant/scheme_registry.h>

#include <QCoreApplication>
#include <QFile>
#include <QJsonObject>
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
    if (out.empty()) // the six schemes with a choice of bits; element formats when asked for
        for (const SchemeDescriptor& d : schemeRegistry())
            if (hasBitRange(d))
                out.push_back(d.id);
    return out;
}

std::optional<std::vector<Granularity>> parseGranularityList(const QString& text, QString* error)
{
    std::vector<Granularity> out;
    for (const QString& g : parseList(text)) {
        auto parsed = parseGranularity(g.toStdString());
        if (!parsed) {
            *error = QStringLiteral("unknown '%1' (expected per-tensor, per-channel or per-block)").arg(g);
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

QString formatNames()
{
    QStringList names;
    for (const NamedFormat& f : namedFormats())
        names << QString::fromUtf8(f.name.data(), static_cast<qsizetype>(f.name.size()));
    return names.join(QStringLiteral(", "));
}

std::optional<std::vector<int>> parseBlockList(const QString& text, QString* error)
{
    if (text.isEmpty())
        return std::vector<int>{32};
    auto parsed = parseIntList(text, error);
    if (!parsed)
        return std::nullopt;
    for (int b : *parsed)
        if (b < kMinBlock || b > kMaxBlock) {
            *error = QStringLiteral("%1 is outside %2..%3").arg(b).arg(kMinBlock).arg(kMaxBlock);
            return std::nullopt;
        }
    return parsed;
}

std::optional<std::vector<QuantSpec>> parseFormatList(const QString& text, QString* error)
{
    std::vector<QuantSpec> out;
    for (const QString& name : parseList(text)) {
        if (name == QLatin1String("all")) {
            for (const NamedFormat& f : namedFormats())
                out.push_back(f.spec);
            continue;
        }
        auto f = parseFormat(name.toStdString());
        if (!f) {
            *error = QStringLiteral("unknown format '%1' (expected all or any of %2)").arg(name, formatNames());
            return std::nullopt;
        }
        out.push_back(*f);
    }
    return out;
}

std::optional<std::optional<ScaleEncoding>> parseScaleOption(const QString& text, QString* error)
{
    if (text.isEmpty()) // given, and empty: the scheme's own encoding (built in place: GCC 12 warns on a copy)
        return std::optional<std::optional<ScaleEncoding>>(std::in_place);
    auto e = parseScaleEncoding(text.toStdString());
    if (!e) {
        *error = QStringLiteral("unknown scale '%1' (expected fp32, fp16, bf16, e8m0 or ue4m3)").arg(text);
        return std::nullopt;
    }
    return std::optional<ScaleEncoding>(*e);
}

SpecOptions::SpecOptions()
    : scheme(QStringLiteral("scheme"), QStringLiteral("Quantize every layer with this scheme: %1.").arg(schemeNames()),
             QStringLiteral("S")),
      granularity(QStringLiteral("granularity"), QStringLiteral("per-tensor, per-channel (default) or per-block."),
                  QStringLiteral("G")),
      bits(QStringLiteral("bits"), QStringLiteral("Bit-width for --scheme (default 8; implied by the element formats)."),
           QStringLiteral("N")),
      block(QStringLiteral("block"), QStringLiteral("Per-block: B weights a block along the reduction axis (2..2^20)."),
            QStringLiteral("B")),
      scale(QStringLiteral("scale"), QStringLiteral("Scale encoding: fp32 (default), fp16, bf16, e8m0 or ue4m3."),
            QStringLiteral("E")),
      format(QStringLiteral("format"), QStringLiteral("A named format instead of --scheme: %1.").arg(formatNames()),
             QStringLiteral("F"))
{
}

bool SpecOptions::anySet(const QCommandLineParser& p) const
{
    for (const QCommandLineOption& o : all())
        if (p.isSet(o))
            return true;
    return false;
}

std::optional<QuantSpec> SpecOptions::read(const QCommandLineParser& p, const QuantSpec& base, QString* error) const
{
    QJsonObject o;
    for (const QCommandLineOption& opt : {scheme, granularity, scale, format})
        if (p.isSet(opt))
            o.insert(opt.names().first(), p.value(opt));
    for (const QCommandLineOption& opt : {bits, block})
        if (p.isSet(opt)) {
            bool ok = false;
            const int v = p.value(opt).toInt(&ok);
            o.insert(opt.names().first(), ok ? QJsonValue(v) : QJsonValue(p.value(opt)));
        }
    // The plan reader names the key after "@."; on the command line it is the option.
    auto spec = specFromJson(o, base, "@");
    if (!spec) {
        *error = QString::fromStdString(spec.error());
        error->replace(QStringLiteral("@."), QStringLiteral("--"));
        error->replace(QStringLiteral("@: "), QString());
        return std::nullopt;
    }
    return *spec;
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

std::optional<std::vector<QuantSpec>> parseSpecLists(const SpecListText& text, const std::vector<int>& defaultBits,
                                                     QString* error)
{
    QString listError;
    auto failed = [&](const char* option) {
        *error = QStringLiteral("%1: %2").arg(QLatin1String(option), listError);
        return std::nullopt;
    };
    const auto schemeList = parseSchemeList(text.schemes, &listError);
    if (!schemeList)
        return failed("--schemes");
    const auto bitList = parseBitList(text.bits, defaultBits, &listError);
    if (!bitList)
        return failed("--bits");
    const auto granList = parseGranularityList(text.granularities, &listError);
    if (!granList)
        return failed("--granularity");
    const auto blockList = parseBlockList(text.blocks, &listError);
    if (!blockList)
        return failed("--block");
    const auto scaleChoice = parseScaleOption(text.scale, &listError);
    if (!scaleChoice)
        return failed("--scale");
    const auto formatList = parseFormatList(text.formats, &listError);
    if (!formatList)
        return failed("--formats");
    std::vector<QuantSpec> specs;
    if (!text.formatsAlone)
        specs = expandSpecs(*schemeList, *granList, *bitList, *blockList, *scaleChoice);
    specs.insert(specs.end(), formatList->begin(), formatList->end());
    return specs;
}

} // namespace bitlens::cli

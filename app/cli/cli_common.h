#pragma once
#include <quant/sensitivity.h>
// Shared plumbing of the bitlens-cli subcommands: argument lists, errors with exit status 2,
// and JSON output to a file or stdout.
#include <QCommandLineParser>
#include <QJsonDocument>
#include <QString>
#include <QStringList>

#include <quant/scheme.h>

#include <optional>
#include <string>
#include <vector>

namespace bitlens::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBadInput = 2;

// -h/--help. Not QCommandLineParser::addHelpOption(): it adds --help-all, which lists Qt's own
// options (-platform, -style...) that mean nothing to the CLI.
void addHelp(QCommandLineParser& p);
// Prints the parser's help with the subcommand in the usage line ("Usage: bitlens-cli stats
// [options] MODEL"; Qt would print the executable's path alone); `args` as passed to the command.
int printHelp(const QCommandLineParser& p, const QStringList& args);
// "asymmetric, symmetric, pow2, dfxp, kmeans, gaussian": the scheme registry's names, for help texts.
QString schemeNames();

// Prints "bitlens-cli: <message>" as one line on stderr and returns kExitBadInput.
int failWith(const QString& message);
int failWith(const std::string& message);

// "2,3,4" -> {2,3,4}; nullopt (and *error set) on anything else.
std::optional<std::vector<int>> parseIntList(const QString& text, QString* error);
QStringList parseList(const QString& text);

// --schemes / --granularity lists (empty text: every scheme / both granularities); nullopt and
// *error naming the bad entry otherwise.
std::optional<std::vector<bitlens::Scheme>> parseSchemeList(const QString& text, QString* error);
std::optional<std::vector<bitlens::Granularity>> parseGranularityList(const QString& text, QString* error);

// --bits list: every entry in 1..kMaxBits; empty text gives `fallback`.
std::optional<std::vector<int>> parseBitList(const QString& text, std::vector<int> fallback, QString* error);

// --block list (blocks of per-block granularity, each 2..2^20; empty text gives {32}) and
// --formats list (named formats; "all" for every one; empty text: none).
std::optional<std::vector<int>> parseBlockList(const QString& text, QString* error);
std::optional<std::vector<bitlens::QuantSpec>> parseFormatList(const QString& text, QString* error);
// --scale: one encoding; empty text: each scheme's own.
std::optional<std::optional<bitlens::ScaleEncoding>> parseScaleOption(const QString& text, QString* error);
QString formatNames();

// The setting lists of stats and sweep: --schemes x --granularity x --bits (default `defaultBits`)
// x --block, with --scale, then the --formats (alone, they replace the default schemes). nullopt
// with *error naming the option on bad input.
struct SpecListText
{
    QString schemes, bits, granularities, blocks, scale, formats;
    bool formatsAlone = false; // --formats given and none of --schemes, --bits, --granularity
};
std::optional<std::vector<bitlens::QuantSpec>> parseSpecLists(const SpecListText& text, const std::vector<int>& defaultBits,
                                                              QString* error);

// The one-setting options of eval and sensitivity: --scheme S --granularity G --bits N --block B
// --scale E, or --format F (a named format). Read with the plan's spec reader (same names, same
// checks) over `base`.
struct SpecOptions
{
    QCommandLineOption scheme, granularity, bits, block, scale, format;
    SpecOptions();
    QList<QCommandLineOption> all() const { return {scheme, granularity, bits, block, scale, format}; }
    bool anySet(const QCommandLineParser& p) const;
    std::optional<bitlens::QuantSpec> read(const QCommandLineParser& p, const bitlens::QuantSpec& base, QString* error) const;
};

// Writes the document to `target` ("-" = stdout) atomically; false with *error on failure.
bool writeJson(const QJsonDocument& doc, const QString& target, QString* error);

// True when stderr is a terminal (progress lines are only drawn there).
bool stderrIsTerminal();

// measurePlanSensitivity with the CLI's progress: a percentage on a terminal, else a line per layer.
bitlens::Result<bitlens::SensitivityReport> measureSensitivityReporting(const bitlens::SweepInput& input,
                                                                        const bitlens::Plan& plan);

} // namespace bitlens::cli

// bitlens-cli views MODEL [--layer NAME] [--scheme S --granularity G --bits N] [--schemes LIST]
// [--bins N] [--view NAME | --out DIR]: the numbers behind the workbench's layer views, as the
// GUI's CSV exports: per-channel quartiles, histograms (schemes; one scheme across bit-widths),
// bit efficiency with the Gaussian limits, and per-channel SQNR.
#include "cli_commands.h"
#include "cli_common.h"

#include <model/onnx_loader.h>
#include <model/weights.h>
#include <quant/layer_views.h>
#include <quant/scheme_registry.h>
#include <quant/view_csv.h>

#include <QCommandLineParser>
#include <QDir>
#include <QSaveFile>

#include <cstdio>

namespace bitlens::cli {

int runViews(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "The numbers behind the workbench's layer views as CSV: quartiles, histogram-schemes, histogram-bits, "
        "bit-efficiency, channel-sqnr. Prints one view (--view) or writes all into a folder (--out)."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    const QCommandLineOption layer(QStringLiteral("layer"), QStringLiteral("Weight layer (default: the first)."), QStringLiteral("NAME"));
    const QCommandLineOption scheme(QStringLiteral("scheme"), QStringLiteral("Scheme of the setting: %1 (default asymmetric).").arg(schemeNames()), QStringLiteral("S"));
    const QCommandLineOption gran(QStringLiteral("granularity"), QStringLiteral("per-channel (default) or per-tensor."), QStringLiteral("G"));
    const QCommandLineOption bits(QStringLiteral("bits"), QStringLiteral("Bits of the setting (default 8)."), QStringLiteral("N"));
    const QCommandLineOption schemes(QStringLiteral("schemes"), QStringLiteral("Compared schemes (default: all six)."), QStringLiteral("LIST"));
    const QCommandLineOption bins(QStringLiteral("bins"), QStringLiteral("Histogram bins (default min(2^n, 256))."), QStringLiteral("N"));
    const QCommandLineOption view(QStringLiteral("view"), QStringLiteral("Print this view's CSV to stdout."), QStringLiteral("NAME"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Write every view's CSV into DIR."), QStringLiteral("DIR"));
    p.addOptions({layer, scheme, gran, bits, schemes, bins, view, out});
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.positionalArguments().size() != 1 || p.isSet(view) == p.isSet(out))
        return failWith(QStringLiteral("expected MODEL and one of --view NAME or --out DIR (see --help)"));

    ViewRequest request;
    QString error;
    const auto schemeList = parseSchemeList(p.value(schemes), &error);
    if (!schemeList)
        return failWith(QStringLiteral("--schemes: %1").arg(error));
    request.schemes = *schemeList;
    if (p.isSet(scheme)) {
        const auto s = parseScheme(p.value(scheme).toStdString());
        if (!s)
            return failWith(QStringLiteral("--scheme: unknown scheme '%1' (expected one of %2)").arg(p.value(scheme), schemeNames()));
        request.focus.scheme = *s;
    }
    if (p.isSet(gran)) {
        const auto g = parseGranularity(p.value(gran).toStdString());
        if (!g)
            return failWith(QStringLiteral("--granularity: expected per-tensor or per-channel"));
        request.focus.granularity = *g;
    }
    if (p.isSet(bits)) {
        bool ok = false;
        request.focus.bits = p.value(bits).toInt(&ok);
        if (!ok || !bitsAllowed(request.focus.scheme, request.focus.bits))
            return failWith(QStringLiteral("--bits: %1 is not allowed for %2").arg(p.value(bits), QString::fromUtf8(schemeName(request.focus.scheme).data())));
    }
    if (p.isSet(bins)) {
        bool ok = false;
        request.histogramBins = p.value(bins).toInt(&ok);
        if (!ok || request.histogramBins < 1 || request.histogramBins > 4096)
            return failWith(QStringLiteral("--bins: expected 1..4096"));
    }

    const std::string file = p.positionalArguments().first().toStdString();
    auto model = loadOnnxModel(file);
    if (!model)
        return failWith(model.error());
    const std::vector<WeightLayer> layers = findWeightLayers(*model);
    if (layers.empty())
        return failWith(QStringLiteral("%1: the model has no weight layers").arg(QString::fromStdString(file)));
    const WeightLayer* chosen = &layers.front();
    if (p.isSet(layer)) {
        chosen = nullptr;
        for (const WeightLayer& l : layers)
            if (QString::fromStdString(l.name) == p.value(layer))
                chosen = &l;
        if (!chosen)
            return failWith(QStringLiteral("%1: no weight layer named '%2' (see bitlens-cli info)").arg(QString::fromStdString(file), p.value(layer)));
    }
    const LayerViews v = computeLayerViews(*chosen, request);
    if (!v.warnings.empty())
        return failWith(QString::fromStdString(file + ": " + v.warnings.front()));
    const std::pair<const char*, std::string> csvs[] = {
        {"quartiles", quartilesCsv(v.quartiles)},
        {"histogram-schemes", histogramsCsv(v.schemeHistograms)},
        {"histogram-bits", histogramsCsv(v.bitHistograms)},
        {"bit-efficiency", bitEfficiencyCsv(v.efficiency)},
        {"channel-sqnr", channelSqnrCsv(v.channelSqnr)},
    };
    if (p.isSet(view)) {
        for (const auto& [name, text] : csvs)
            if (p.value(view) == QLatin1String(name)) {
                std::fwrite(text.data(), 1, text.size(), stdout);
                return kExitOk;
            }
        return failWith(QStringLiteral("--view: expected quartiles, histogram-schemes, histogram-bits, bit-efficiency or channel-sqnr"));
    }
    const QDir dir(p.value(out));
    if (!QDir().mkpath(dir.path()))
        return failWith(QStringLiteral("%1: cannot create the folder").arg(dir.path()));
    for (const auto& [name, text] : csvs) {
        // Layer names come from the model file: only safe characters reach the file name.
        QString stem = QString::fromStdString(chosen->name);
        for (QChar& c : stem)
            if (!(c.isLetterOrNumber() && c.unicode() < 128) && c != QLatin1Char('.') && c != QLatin1Char('_') && c != QLatin1Char('-'))
                c = QLatin1Char('_');
        if (stem.startsWith(QLatin1Char('.')))
            stem.prepend(QLatin1Char('_'));
        const QString path = dir.filePath(stem + QLatin1Char('-') + QLatin1String(name) + QStringLiteral(".csv"));
        QSaveFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(text.data(), static_cast<qint64>(text.size())) != static_cast<qint64>(text.size()) || !f.commit())
            return failWith(QStringLiteral("%1: cannot write").arg(path));
    }
    return kExitOk;
}

} // namespace bitlens::cli

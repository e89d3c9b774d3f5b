// bitlens-cli plan MODEL --data DATA (--budget-bytes N | --budget-bits-per-weight B) [--scheme S]
// [--granularity G] [--limit N] [--out FILE] [--json FILE|-]: proposes a mixed-precision plan whose
// weight_bits/8 stays within the budget (quant/plan_search.h explains the algorithm).
#include "cli_commands.h"
#include "cli_common.h"
#include "eval_setup.h"

#include <quant/plan_search.h>
#include <quant/scheme_registry.h>

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>

#include <cstdio>

namespace bitlens::cli {

int runPlan(const QStringList& args)
{
    QCommandLineParser p;
    p.setApplicationDescription(QStringLiteral(
        "Proposes per-layer bit-widths for a size budget: one-layer-at-a-time sensitivity weights each layer's "
        "weight-error energy, marginal analysis allocates the bits, and the most accurate of that plan, a "
        "weight-SQNR-only plan and the largest uniform plan within the budget is kept."));
    addHelp(p);
    p.addPositionalArgument(QStringLiteral("MODEL"), QStringLiteral("The ONNX model file."));
    EvalSetupOptions setupOptions(p);
    const QCommandLineOption bytes(QStringLiteral("budget-bytes"), QStringLiteral("Weight storage limit in bytes."), QStringLiteral("N"));
    const QCommandLineOption perWeight(QStringLiteral("budget-bits-per-weight"), QStringLiteral("Average bits per weight, overhead included."), QStringLiteral("B"));
    const QCommandLineOption scheme(QStringLiteral("scheme"), QStringLiteral("Scheme of every layer: %1 (default asymmetric).").arg(schemeNames()), QStringLiteral("S"));
    const QCommandLineOption gran(QStringLiteral("granularity"), QStringLiteral("per-channel (default) or per-tensor."), QStringLiteral("G"));
    const QCommandLineOption out(QStringLiteral("out"), QStringLiteral("Write the plan (*.bitlens-plan.json)."), QStringLiteral("FILE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Write the candidates as JSON to FILE (- for stdout)."), QStringLiteral("FILE"));
    p.addOptions({bytes, perWeight, scheme, gran, out, json});
    if (!p.parse(args))
        return failWith(p.errorText());
    if (p.isSet(QStringLiteral("help")))
        return printHelp(p, args);
    if (p.isSet(bytes) == p.isSet(perWeight))
        return failWith(QStringLiteral("plan: expected one of --budget-bytes N or --budget-bits-per-weight B"));
    ProposalOptions options;
    if (p.isSet(scheme)) {
        const auto s = parseScheme(p.value(scheme).toStdString());
        if (!s)
            return failWith(QStringLiteral("--scheme: unknown scheme '%1' (expected one of %2)").arg(p.value(scheme), schemeNames()));
        options.scheme = *s;
    }
    if (p.isSet(gran)) {
        const auto g = parseGranularity(p.value(gran).toStdString());
        if (!g)
            return failWith(QStringLiteral("--granularity: expected per-tensor or per-channel"));
        options.granularity = *g;
    }
    if (!bitsAllowed(options.scheme, options.probeBits))
        options.probeBits = schemeDescriptor(options.scheme).minBits;
    auto setup = setupOptions.load(p);
    if (!setup)
        return failWith(setup.error());
    int64_t weights = 0;
    for (const WeightLayer& l : setup->layers)
        weights += l.parameters();
    bool ok = false;
    if (p.isSet(bytes)) {
        const qlonglong n = p.value(bytes).toLongLong(&ok);
        if (!ok || n <= 0 || n > (qlonglong{1} << 56))
            return failWith(QStringLiteral("--budget-bytes: expected a positive number of bytes"));
        options.budgetBits = n * 8;
    } else {
        const double b = p.value(perWeight).toDouble(&ok);
        if (!ok || !(b > 0) || b > 32)
            return failWith(QStringLiteral("--budget-bits-per-weight: expected a number in (0, 32]"));
        options.budgetBits = static_cast<int64_t>(b * static_cast<double>(weights));
    }

    const SweepInput in = setup->sweepInput();
    auto proposal = proposePlan(in, options, [](int64_t done, int64_t total) {
        if (stderrIsTerminal())
            std::fprintf(stderr, "\rplan: %3d%%", static_cast<int>(100 * done / std::max<int64_t>(total, 1)));
        return true;
    });
    if (stderrIsTerminal())
        std::fprintf(stderr, "\n");
    if (!proposal)
        return failWith(QString::fromStdString(setup->modelFile + ": " + proposal.error()));
    Plan best = proposal->best.plan;
    if (p.isSet(out))
        if (auto w = writePlan(best, p.value(out).toStdString()); !w)
            return failWith(w.error());
    if (p.isSet(json)) {
        QJsonArray candidates;
        for (const PlanCandidate& c : proposal->candidates)
            candidates.append(QJsonObject{{QStringLiteral("how"), QString::fromStdString(c.how)},
                                          {QStringLiteral("weight_bits"), static_cast<qint64>(c.weightBits)},
                                          {QStringLiteral("size_bytes"), static_cast<qint64>((c.weightBits + 7) / 8)},
                                          {QStringLiteral("top1"), c.top1},
                                          {QStringLiteral("top5"), c.top5},
                                          {QStringLiteral("plan"), QJsonDocument::fromJson(planJson(c.plan)).object()}});
        const QJsonObject doc{{QStringLiteral("budget_bytes"), static_cast<qint64>(options.budgetBits / 8)},
                              {QStringLiteral("chosen"), QString::fromStdString(proposal->best.how)},
                              {QStringLiteral("images"), static_cast<qint64>(proposal->sensitivity ? proposal->sensitivity->images : 0)},
                              {QStringLiteral("fp32_top1"), proposal->sensitivity ? proposal->sensitivity->fp32Top1 : 0.0},
                              {QStringLiteral("candidates"), candidates}};
        QString error;
        if (!writeJson(QJsonDocument(doc), p.value(json), &error))
            return failWith(error);
        return kExitOk;
    }
    std::printf("budget %lld bytes (%.3f bits per weight); FP32 top-1 %.4f\n", static_cast<long long>(options.budgetBits / 8),
                static_cast<double>(options.budgetBits) / static_cast<double>(std::max<int64_t>(weights, 1)),
                proposal->sensitivity ? proposal->sensitivity->fp32Top1 : 0.0);
    std::printf("%-22s %12s %10s %8s\n", "candidate", "size bytes", "bits/wt", "top-1");
    for (const PlanCandidate& c : proposal->candidates)
        std::printf("%-22s %12lld %10.3f %8.4f%s\n", c.how.c_str(), static_cast<long long>((c.weightBits + 7) / 8),
                    static_cast<double>(c.weightBits) / static_cast<double>(std::max<int64_t>(weights, 1)), c.top1,
                    c.how == proposal->best.how ? "  <- chosen" : "");
    std::printf("\n%-32s %5s\n", "layer", "bits");
    for (const WeightLayer& l : setup->layers)
        std::printf("%-32s %5d\n", l.name.c_str(), best.specFor(l.name).bits);
    return kExitOk;
}

} // namespace bitlens::cli

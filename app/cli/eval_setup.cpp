#include "eval_setup.h"

#include <model/batchnorm_fold.h>
#include <model/onnx_loader.h>

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <filesystem>

namespace fs = std::filesystem;

namespace bitlens::cli {
namespace {

// DATA: a folder with IDX files (the t10k split when both are there), an images file (the labels
// beside it), or a dataset card naming both.
Result<IdxPair> resolveData(const fs::path& data)
{
    std::error_code ec;
    if (fs::is_directory(data, ec))
        return findIdxTestSplit(data);
    if (data.extension() == ".json") {
        QFile f(QString::fromStdString(data.string()));
        if (!f.open(QIODevice::ReadOnly) || f.size() > (1 << 20))
            return fail(data.string() + ": cannot read the dataset card");
        const QJsonObject o = QJsonDocument::fromJson(f.readAll()).object();
        const QString images = o.value(QStringLiteral("images")).toString();
        const QString labels = o.value(QStringLiteral("labels")).toString();
        if (images.isEmpty() || labels.isEmpty())
            return fail(data.string() + ": the dataset card names no \"images\" and \"labels\" files");
        return IdxPair{data.parent_path() / images.toStdString(), data.parent_path() / labels.toStdString()};
    }
    std::string name = data.filename().string();
    const auto pos = name.find("images");
    if (pos == std::string::npos)
        return fail(data.string() + ": expected a folder, a dataset card or an IDX images file");
    name.replace(pos, 6, "labels");
    if (const auto idx = name.find("idx3"); idx != std::string::npos)
        name.replace(idx, 4, "idx1");
    return IdxPair{data, data.parent_path() / name};
}

} // namespace

EvalSetupOptions::EvalSetupOptions(QCommandLineParser& p)
    : m_data(QStringLiteral("data"), QStringLiteral("Test set: IDX folder, images file or dataset card."), QStringLiteral("DATA")),
      m_mean(QStringLiteral("mean"), QStringLiteral("Per-channel mean after /255 (overrides metadata and card)."), QStringLiteral("LIST")),
      m_std(QStringLiteral("std"), QStringLiteral("Per-channel std after /255."), QStringLiteral("LIST")),
      m_foldBn(QStringLiteral("fold-bn"), QStringLiteral("Fold BatchNormalization into the preceding Conv first.")),
      m_limit(QStringLiteral("limit"), QStringLiteral("Use at most N images."), QStringLiteral("N")),
      m_threads(QStringLiteral("threads"), QStringLiteral("Worker threads (default: all cores)."), QStringLiteral("N"))
{
    p.addOptions({m_data, m_mean, m_std, m_foldBn, m_limit, m_threads});
}

Result<EvalSetup> EvalSetupOptions::load(const QCommandLineParser& p) const
{
    if (p.positionalArguments().size() != 1 || !p.isSet(m_data))
        return fail("expected MODEL and --data DATA (see --help)");
    EvalSetup s;
    auto positive = [&](const QCommandLineOption& o, int64_t& target) {
        bool ok = false;
        target = p.value(o).toLongLong(&ok);
        return ok && target > 0;
    };
    if (p.isSet(m_limit) && !positive(m_limit, s.options.limit))
        return fail("--limit: expected a positive integer");
    int64_t threads = 0;
    if (p.isSet(m_threads) && !positive(m_threads, threads))
        return fail("--threads: expected a positive integer");
    s.options.threads = static_cast<int>(threads);

    s.modelFile = p.positionalArguments().first().toStdString();
    auto model = loadOnnxModel(s.modelFile);
    if (!model)
        return Error{model.error()};
    auto data = resolveData(p.value(m_data).toStdString());
    if (!data)
        return Error{data.error()};
    s.data = *data;

    auto fromMeta = preprocessingFromMetadata(*model);
    if (!fromMeta)
        return Error{fromMeta.error()};
    auto fromCard = preprocessingFromCard(s.data.images.parent_path() / "dataset.json");
    if (!fromCard)
        return Error{fromCard.error()};
    if (*fromMeta)
        s.pre = **fromMeta;
    else if (*fromCard)
        s.pre = **fromCard;
    if (p.isSet(m_mean) || p.isSet(m_std)) {
        auto m = parseFloatList(p.value(m_mean).toStdString(), "--mean");
        auto d = parseFloatList(p.value(m_std).toStdString(), "--std");
        if (!m || !d)
            return fail(!m ? m.error() : d.error());
        s.pre.mean = *m;
        s.pre.std = *d;
        s.pre.source = "command line";
    }
    s.model = std::make_shared<Model>(std::move(*model));
    s.foldBatchNorm = p.isSet(m_foldBn);
    if (s.foldBatchNorm)
        *s.model = foldedModel(*s.model, foldBatchNorm(*s.model));
    s.layers = findWeightLayers(*s.model);
    return s;
}

} // namespace bitlens::cli

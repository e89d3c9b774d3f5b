#include "eval_setup.h"

#include <model/batchnorm_fold.h>
#include <model/onnx_loader.h>


namespace bitlens::cli {
EvalSetupOptions::EvalSetupOptions(QCommandLineParser& p)
    : m_data(QStringLiteral("data"), QStringLiteral("Test set: a folder (IDX t10k split, images.npy + labels.npy, or one sub-folder of images per class), a dataset card (.json), or an IDX or .npy images file."), QStringLiteral("DATA")),
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
    s.data = p.value(m_data).toStdString();
    if (auto d = openDataset(s.data, inputShapeOf(*model)); !d)
        return Error{d.error()};

    auto pre = preprocessingFor(*model, datasetCardFor(s.data));
    if (!pre)
        return Error{pre.error()};
    s.pre = *pre;
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

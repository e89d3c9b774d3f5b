#pragma once
// What `eval` and `sweep` share: the model (optionally with BatchNorm folded), its weight layers,
// the test set and its preprocessing (model metadata, else dataset card, else --mean/--std).
#include <model/data/dataset.h>
#include <model/data/preprocessing.h>
#include <model/evaluation.h>
#include <model/weights.h>
#include <quant/accuracy_sweep.h>

#include <QCommandLineOption>
#include <QCommandLineParser>

#include <memory>

namespace bitlens::cli {

struct EvalSetup
{
    std::string modelFile;
    std::shared_ptr<Model> model;
    std::vector<WeightLayer> layers;
    std::filesystem::path data;
    Preprocessing pre;
    EvalOptions options;
    bool foldBatchNorm = false;

    // Checked once in load(); sweep and eval open it again for each pass they make.
    Result<std::unique_ptr<Dataset>> openData() const { return openDataset(data, inputShapeOf(*model)); }
    // What the per-configuration evaluators (sensitivity, plan) take; it opens the data itself.
    SweepInput sweepInput() const
    {
        SweepInput in;
        in.model = model;
        in.layers = layers;
        in.openData = [data = data, shape = inputShapeOf(*model)] { return openDataset(data, shape); };
        in.pre = pre;
        in.options = options;
        return in;
    }
};

class EvalSetupOptions
{
public:
    explicit EvalSetupOptions(QCommandLineParser& p);
    // Reads MODEL (the first positional argument) and the options; errors name the file.
    Result<EvalSetup> load(const QCommandLineParser& p) const;

private:
    QCommandLineOption m_data, m_mean, m_std, m_foldBn, m_limit, m_threads;
};

} // namespace bitlens::cli

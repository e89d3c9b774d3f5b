#include "dataset.h"

#include "idx_dataset.h"
#include "image_folder_dataset.h"
#include "npy_dataset.h"

#include <QJsonArray>
#include <QJsonObject>

namespace fs = std::filesystem;

namespace bitlens {

Tensor ImageBatch::toInput(int64_t lo, int64_t hi, const Preprocessing& p) const
{
    Tensor t;
    t.type = DataType::Float;
    t.dims = {hi - lo, channels, height, width};
    const int64_t plane = height * width;
    t.floats.resize(static_cast<size_t>((hi - lo) * imageSize()));
    for (int64_t n = lo; n < hi; ++n)
        for (int64_t c = 0; c < channels; ++c) {
            // Per-channel statistics; a single value applies to every channel.
            const float mean = p.mean[static_cast<size_t>(c) % p.mean.size()];
            const float sd = p.std[static_cast<size_t>(c) % p.std.size()];
            const size_t src = static_cast<size_t>((n * channels + c) * plane);
            float* dst = t.floats.data() + ((n - lo) * channels + c) * plane;
            if (unit.empty())
                for (int64_t i = 0; i < plane; ++i)
                    dst[i] = (static_cast<float>(bytes[src + static_cast<size_t>(i)]) / 255.0f - mean) / sd;
            else
                for (int64_t i = 0; i < plane; ++i)
                    dst[i] = (unit[src + static_cast<size_t>(i)] - mean) / sd;
        }
    return t;
}

InputShape inputShapeOf(const Model& model)
{
    if (model.inputs.empty() || model.inputs.front().dims.size() != 4)
        return {};
    const auto& d = model.inputs.front().dims;
    auto fixed = [](int64_t v) { return v > 0 ? v : 0; };
    return {fixed(d[1]), fixed(d[2]), fixed(d[3])};
}

fs::path datasetCardFor(const fs::path& data)
{
    std::error_code ec;
    if (data.extension() == ".json")
        return data;
    if (fs::is_directory(data, ec))
        return data / "dataset.json";
    return data.parent_path() / "dataset.json";
}

namespace {

// The labels file beside an images file: "images" -> "labels" (and IDX's idx3 -> idx1).
fs::path labelsBeside(const fs::path& images)
{
    std::string name = images.filename().string();
    const auto pos = name.find("images");
    if (pos == std::string::npos)
        return {};
    name.replace(pos, 6, "labels");
    if (const auto idx = name.find("idx3"); idx != std::string::npos)
        name.replace(idx, 4, "idx1");
    return images.parent_path() / name;
}

Result<std::unique_ptr<Dataset>> openFiles(const fs::path& images, const fs::path& labels, const InputShape& want)
{
    std::error_code ec;
    if (fs::is_directory(images, ec)) {
        auto d = ImageFolderDataset::open(images, want);
        if (!d)
            return Error{d.error()};
        return std::unique_ptr<Dataset>(std::move(*d));
    }
    if (labels.empty())
        return fail(images.string() + ": cannot tell which file holds the labels (expected \"images\" in the name)");
    std::unique_ptr<Dataset> d;
    if (images.extension() == ".npy") {
        auto n = NpyDataset::open(images, labels, want);
        if (!n)
            return Error{n.error()};
        d = std::move(*n);
    } else {
        auto i = IdxDataset::open(images, labels);
        if (!i)
            return Error{i.error()};
        d = std::move(*i);
    }
    // IDX and NPY are not resized: their images must already have the model's shape.
    auto mismatch = [&](int64_t have, int64_t need) { return need > 0 && have != need; };
    if (mismatch(d->channels(), want.channels) || mismatch(d->height(), want.height) || mismatch(d->width(), want.width))
        return fail(images.string() + ": images are " + std::to_string(d->channels()) + " x " + std::to_string(d->height()) +
                    " x " + std::to_string(d->width()) + " but the model expects " + std::to_string(want.channels) +
                    " x " + std::to_string(want.height) + " x " + std::to_string(want.width));
    return d;
}

Result<std::unique_ptr<Dataset>> openCard(const fs::path& card, const InputShape& want)
{
    auto read = readDatasetCard(card);
    if (!read)
        return Error{read.error()};
    const QJsonObject& o = *read;
    const QString images = o.value(QStringLiteral("images")).toString();
    const QString labels = o.value(QStringLiteral("labels")).toString();
    if (images.isEmpty())
        return fail(card.string() + ": the dataset card names no \"images\" file or folder");
    const fs::path base = card.parent_path();
    auto d = openFiles(base / images.toStdString(), labels.isEmpty() ? fs::path() : base / labels.toStdString(), want);
    if (!d)
        return d;
    if (const QJsonValue classes = o.value(QStringLiteral("classes")); classes.isArray()) {
        std::vector<std::string> names;
        for (const QJsonValue& v : classes.toArray()) {
            if (!v.isString())
                return fail(card.string() + ": \"classes\" must be an array of strings");
            names.push_back(v.toString().toStdString());
        }
        (*d)->setClassNames(std::move(names));
    }
    return d;
}

} // namespace

namespace {

Result<std::unique_ptr<Dataset>> openAny(const fs::path& data, const InputShape& want)
{
    std::error_code ec;
    if (fs::is_directory(data, ec)) {
        auto idx = findIdxTestSplit(data);
        if (!idx)
            return Error{idx.error()};
        if (*idx)
            return openFiles((*idx)->images, (*idx)->labels, want);
        if (fs::exists(data / "images.npy", ec))
            return openFiles(data / "images.npy", data / "labels.npy", want);
        if (fs::exists(data / "dataset.json", ec))
            return openCard(data / "dataset.json", want);
        return openFiles(data, {}, want);
    }
    if (!fs::exists(data, ec))
        return fail(data.string() + ": not found");
    if (data.extension() == ".json")
        return openCard(data, want);
    return openFiles(data, labelsBeside(data), want);
}

} // namespace

Result<std::unique_ptr<Dataset>> openDataset(const fs::path& data, const InputShape& want)
{
    auto d = openAny(data, want);
    // Evaluating nothing would report 0% (or 0/0) as if it were a result.
    if (d && (*d)->size() == 0)
        return fail(data.string() + ": the test set has no images");
    return d;
}

} // namespace bitlens

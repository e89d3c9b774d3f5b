#pragma once
// A labelled test set read in batches (DESIGN.md "Datasets and preprocessing"): IDX, NPY pairs and
// image folders share this interface, so evaluation never knows the file format. Only the labels
// stay in memory; images are read (and decoded) batch by batch.
#include <model/data/preprocessing.h>
#include <model/result.h>
#include <model/tensor.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace bitlens {

// Images in NCHW. uint8 sources fill `bytes`; float32 sources (NPY) fill `unit` with values on the
// u8/255 scale, so that both take the same preprocessing x = (v - mean)/std.
struct ImageBatch
{
    int64_t count = 0, channels = 1, height = 0, width = 0;
    std::vector<uint8_t> bytes;
    std::vector<float> unit;

    int64_t imageSize() const { return channels * height * width; }
    // Images [lo, hi) as the model's float32 input [hi-lo, C, H, W].
    Tensor toInput(int64_t lo, int64_t hi, const Preprocessing& p) const;
};

class Dataset
{
public:
    virtual ~Dataset() = default;

    int64_t size() const { return m_unlabelled >= 0 ? m_unlabelled : static_cast<int64_t>(m_labels.size()); }
    // False for images without labels (a folder with no class sub-folders, read as samples).
    bool labelled() const { return m_unlabelled < 0; }
    int64_t channels() const { return m_channels; }
    int64_t height() const { return m_height; }
    int64_t width() const { return m_width; }
    const std::vector<int32_t>& labels() const { return m_labels; }
    // From folder names or a dataset card; empty when the data has none.
    const std::vector<std::string>& classNames() const { return m_classNames; }
    // "IDX", "NPY" or "image folder", plus the file or folder, for the user.
    const std::string& description() const { return m_description; }

    // The next up to `count` images; fewer at the end, none when done. Errors name the file.
    virtual Result<ImageBatch> next(int64_t count) = 0;
    virtual Result<bool> rewind() = 0;

    void setClassNames(std::vector<std::string> names) { m_classNames = std::move(names); }

protected:
    int64_t m_channels = 1, m_height = 0, m_width = 0;
    std::vector<int32_t> m_labels;
    std::vector<std::string> m_classNames;
    std::string m_description;
    int64_t m_unlabelled = -1; // the image count of a set without labels
};

// What the model expects of an image; 0 where the model leaves it open.
struct InputShape
{
    int64_t channels = 0, height = 0, width = 0;
};
// [N, C, H, W] of the model's first input (dynamic dims as 0); all 0 when it is not 4-D.
InputShape inputShapeOf(const Model& model);

// DATA as DESIGN.md's command line takes it: a folder (IDX files of both splits -> the t10k
// split; images.npy + labels.npy; a dataset.json card; or one sub-folder per class), a dataset
// card (.json), an images .npy file (labels.npy beside it) or an IDX images file (its labels
// file beside it). Image folders are scaled to `want`'s height x width; IDX and NPY data must
// already match it (checked here, with a message naming the file).
Result<std::unique_ptr<Dataset>> openDataset(const std::filesystem::path& data, const InputShape& want = {});

// The dataset card that describes DATA: DATA itself if it is a .json file, else dataset.json in
// the folder DATA is or is in (which may not exist).
std::filesystem::path datasetCardFor(const std::filesystem::path& data);

} // namespace bitlens

#pragma once
// A test set as an image folder: one sub-folder per class (classes in sorted name order, the
// folder names as class names), the images inside it in sorted order. Images are decoded with Qt's
// image readers (PNG, JPEG, BMP, PGM/PPM, ... whatever the installed plugins read), converted to
// grey or RGB for the model's channel count and scaled (smoothly) to its input size. As samples
// without labels (Labels::Optional), a folder with no class sub-folders gives its own images.
#include <model/data/dataset.h>

namespace bitlens {

class ImageFolderDataset : public Dataset
{
public:
    enum class Labels { Required, Optional };
    // `want`: the model's channels (1 or 3; default 1) and height x width (default: the first image's).
    static Result<std::unique_ptr<ImageFolderDataset>> open(const std::filesystem::path& folder,
                                                            const InputShape& want = {},
                                                            Labels labels = Labels::Required);

    Result<ImageBatch> next(int64_t count) override;
    Result<bool> rewind() override { m_read = 0; return true; }

private:
    ImageFolderDataset() = default;
    std::vector<std::filesystem::path> m_files;
    int64_t m_read = 0;
};

} // namespace bitlens

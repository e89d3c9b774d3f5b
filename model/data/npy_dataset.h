#pragma once
// A test set as two NumPy files: images.npy (uint8, or float32/float64 already on the u8/255
// scale, shaped N x H x W, N x C x H x W or N x H x W x C) and labels.npy (integers, N or N x 1).
// Images are read batch by batch from the file; NHWC is transposed to NCHW per batch.
#include <model/data/dataset.h>
#include <model/data/npy_header.h>

#include <fstream>

namespace bitlens {

class NpyDataset : public Dataset
{
public:
    // `want` picks NCHW or NHWC for a 4-D array when the channel count tells them apart.
    static Result<std::unique_ptr<NpyDataset>> open(const std::filesystem::path& images,
                                                    const std::filesystem::path& labels, const InputShape& want = {});

    Result<ImageBatch> next(int64_t count) override;
    Result<bool> rewind() override;

private:
    NpyDataset() = default;
    std::filesystem::path m_path;
    NpyHeader m_header;
    bool m_nhwc = false;
    std::ifstream m_file;
    int64_t m_read = 0;
};

} // namespace bitlens

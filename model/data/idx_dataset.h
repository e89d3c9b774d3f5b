#pragma once
// MNIST-style IDX files (gzipped or not): an images file (magic 0x00000803, dims N x H x W, uint8)
// and a labels file (0x00000801, N, uint8). Headers are checked against the real file size (or,
// for gzip, against the bytes that actually arrive) before trusting a count; images are streamed
// in batches, so memory does not grow with N beyond the labels.
#include <model/data/dataset.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bitlens {

class IdxDataset : public Dataset
{
public:
    // Opens both files and reads the labels; checks magic numbers, dims and counts.
    static Result<std::unique_ptr<IdxDataset>> open(const std::filesystem::path& images,
                                                    const std::filesystem::path& labels);
    ~IdxDataset();

    // The next up to `count` images (uint8, one channel); fails naming the file if it ends early.
    Result<ImageBatch> next(int64_t count) override;
    Result<bool> rewind() override;

    struct Stream; // a gzip (or plain) file read in order

private:
    IdxDataset() = default;
    std::unique_ptr<Stream> m_images;
    std::filesystem::path m_imagesPath;
    int64_t m_read = 0;
};

// A folder with MNIST-style IDX files of both splits (train-* and t10k-*) means the test split.
struct IdxPair
{
    std::filesystem::path images, labels;
};
// nullopt when the folder has no t10k images; an error when their labels are missing.
Result<std::optional<IdxPair>> findIdxTestSplit(const std::filesystem::path& folder);

} // namespace bitlens

#pragma once
// MNIST-style IDX files (gzipped or not): an images file (magic 0x00000803, dims N x H x W, uint8)
// and a labels file (0x00000801, N, uint8). Headers are checked against the real file size (or,
// for gzip, against the bytes that actually arrive) before trusting a count; images are streamed
// in batches, so memory does not grow with N beyond the labels.
#include <model/result.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace bitlens {

class IdxDataset
{
public:
    // Opens both files and reads the labels; checks magic numbers, dims and counts.
    static Result<std::unique_ptr<IdxDataset>> open(const std::filesystem::path& images,
                                                    const std::filesystem::path& labels);
    ~IdxDataset();

    int64_t size() const { return m_count; }
    int64_t height() const { return m_height; }
    int64_t width() const { return m_width; }
    const std::vector<uint8_t>& labels() const { return m_labels; }

    // The next up to `count` images, row-major uint8 (count x H x W); fewer at the end, empty
    // when done. Fails with a message naming the file if it ends early.
    Result<std::vector<uint8_t>> next(int64_t count);
    Result<bool> rewind();

    struct Stream; // a gzip (or plain) file read in order

private:
    IdxDataset() = default;
    std::unique_ptr<Stream> m_images;
    std::filesystem::path m_imagesPath;
    int64_t m_count = 0, m_height = 0, m_width = 0, m_read = 0;
    std::vector<uint8_t> m_labels;
};

// A folder with MNIST-style IDX files of both splits (train-* and t10k-*) means the test split.
struct IdxPair
{
    std::filesystem::path images, labels;
};
Result<IdxPair> findIdxTestSplit(const std::filesystem::path& folder);

} // namespace bitlens

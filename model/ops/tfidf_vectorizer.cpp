// TfIdfVectorizer (opset 9, unchanged to 21): counts the n-grams of an integer sequence X ([C] or
// [N, C], one row each) that appear in a pool. pool_int64s holds the 1-grams, then the 2-grams,
// ...; ngram_counts[n - 1] is where the n-grams start in it, and the g-th n-gram of the pool is
// counted at output coordinate ngram_indexes[g]. An n-gram takes the items i, i + d, ...,
// i + (n - 1) d for the distances d = 1 .. max_skip_count + 1; lengths min_gram_length ..
// max_gram_length are counted, 1-grams once (at d = 1). mode TF gives the counts, IDF weights[g]
// where the count is nonzero, TFIDF count * weights[g] (weights default to 1). Output float
// [max(ngram_indexes) + 1] or [N, max(ngram_indexes) + 1]. As ONNX Runtime does. pool_strings and
// string inputs are refused: BitLens has no string tensors.
#include "common.h"
#include "registry.h"

#include <algorithm>
#include <limits>
#include <map>

namespace bitlens::engine {
namespace {

enum class Weighting { TF, IDF, TFIDF };

// The pool as a trie: the node reached by n items is an n-gram of the pool if `gram` is set.
struct TrieNode
{
    std::map<int64_t, size_t> next;
    int64_t gram = -1;
};

class TfIdfVectorizerOp : public Operator
{
public:
    TfIdfVectorizerOp(Weighting mode, int64_t minGram, int64_t maxGram, int64_t maxSkip, std::vector<TrieNode> trie,
                      std::vector<int64_t> indexes, std::vector<double> weights)
        : m_mode(mode), m_minGram(minGram), m_maxGram(maxGram), m_maxSkip(maxSkip), m_trie(std::move(trie)),
          m_indexes(std::move(indexes)), m_weights(std::move(weights))
    {
        for (int64_t i : m_indexes)
            m_width = std::max(m_width, i + 1);
    }

    Status run(std::span<const Tensor* const> in, std::span<Tensor> out) const override
    {
        if (in.empty() || !in[0])
            return "expects an input";
        const Tensor& x = *in[0];
        if (x.type == DataType::String)
            return "string inputs are not supported: BitLens has no string tensors";
        if (x.isFloat() || x.type == DataType::Bool)
            return "the input must be an integer tensor, not " + std::string(dataTypeName(x.type));
        if (x.dims.empty() || x.dims.size() > 2)
            return "the input " + dimsText(x.dims) + " must be [C] or [N, C]";
        const int64_t rows = x.dims.size() == 2 ? x.dims[0] : 1, length = x.dims.back();
        Tensor y = floatTensor(x.dims.size() == 2 ? std::vector<int64_t>{rows, m_width}
                                                  : std::vector<int64_t>{m_width});
        // A skip beyond length - 2 leaves no room for a second item.
        const int64_t skips = std::min(m_maxSkip, std::max<int64_t>(length - 2, 0)) + 1;
        checkWork({rows, length, skips, std::min(m_maxGram, std::max<int64_t>(length, 1))});

        std::vector<int64_t> count(m_indexes.size());
        for (int64_t r = 0; r < rows; ++r) {
            const int64_t* row = &x.ints[static_cast<size_t>(r * length)];
            std::fill(count.begin(), count.end(), 0);
            for (int64_t distance = 1; distance <= skips; ++distance)
                for (int64_t start = 0; start < length; ++start) {
                    size_t node = 0;
                    for (int64_t n = 1, at = start; n <= m_maxGram && at < length; ++n, at += distance) {
                        const auto child = m_trie[node].next.find(row[at]);
                        if (child == m_trie[node].next.end())
                            break;
                        node = child->second;
                        const int64_t gram = m_trie[node].gram;
                        if (gram >= 0 && n >= m_minGram && (n > 1 || distance == 1))
                            ++count[static_cast<size_t>(gram)];
                    }
                }
            float* yr = &y.floats[static_cast<size_t>(r * m_width)];
            for (size_t g = 0; g < count.size(); ++g) {
                const double weight = m_weights.empty() ? 1.0 : m_weights[g];
                const double v = m_mode == Weighting::TF    ? static_cast<double>(count[g])
                                 : m_mode == Weighting::IDF ? (count[g] > 0 ? weight : 0.0)
                                                            : static_cast<double>(count[g]) * weight;
                yr[m_indexes[g]] += static_cast<float>(v);
            }
        }
        out[0] = std::move(y);
        return {};
    }

private:
    Weighting m_mode;
    int64_t m_minGram, m_maxGram, m_maxSkip;
    std::vector<TrieNode> m_trie; // node 0 is the root
    std::vector<int64_t> m_indexes;
    std::vector<double> m_weights;
    int64_t m_width = 0;
};

} // namespace

Result<std::unique_ptr<Operator>> makeTfIdfVectorizer(const Node& node, int64_t)
{
    if (const Attribute* s = node.attribute("pool_strings"); s && !s->strings.empty())
        return fail("pool_strings is not supported: BitLens has no string tensors");
    const std::string modeName = stringAttribute(node, "mode");
    Weighting mode = Weighting::TF;
    if (modeName == "IDF")
        mode = Weighting::IDF;
    else if (modeName == "TFIDF")
        mode = Weighting::TFIDF;
    else if (modeName != "TF")
        return fail("mode must be TF, IDF or TFIDF, not '" + modeName + "'");
    const int64_t minGram = node.intAttribute("min_gram_length", 0), maxGram = node.intAttribute("max_gram_length", 0);
    const int64_t maxSkip = node.intAttribute("max_skip_count", 0);
    if (minGram < 1 || maxGram < minGram || maxSkip < 0)
        return fail("min_gram_length " + std::to_string(minGram) + ", max_gram_length " + std::to_string(maxGram) +
                    " and max_skip_count " + std::to_string(maxSkip) + " must satisfy 1 <= min <= max and skips >= 0");
    const std::vector<int64_t> pool = intsAttribute(node, "pool_int64s");
    const std::vector<int64_t> starts = intsAttribute(node, "ngram_counts");
    const std::vector<int64_t> indexes = intsAttribute(node, "ngram_indexes");
    const Attribute* w = node.attribute("weights");
    std::vector<double> weights = w && w->kind == Attribute::Kind::Floats ? w->floats : std::vector<double>{};
    if (!weights.empty() && weights.size() != indexes.size())
        return fail(std::to_string(weights.size()) + " weights for " + std::to_string(indexes.size()) + " n-grams");
    if (std::any_of(indexes.begin(), indexes.end(),
                    [](int64_t i) { return i < 0 || i == std::numeric_limits<int64_t>::max(); }))
        return fail("ngram_indexes " + dimsText(indexes) + " has a coordinate outside 0..2^63-2");

    // Section n (1-based) of the pool is [starts[n - 1], starts[n]) and holds n-grams of n items.
    std::vector<TrieNode> trie(1);
    size_t grams = 0;
    const auto poolSize = static_cast<int64_t>(pool.size());
    for (size_t s = 0; s < starts.size(); ++s) {
        const auto n = static_cast<int64_t>(s + 1);
        const int64_t begin = starts[s], end = s + 1 < starts.size() ? starts[s + 1] : poolSize;
        if (begin < 0 || begin > end || end > poolSize || (end - begin) % n != 0)
            return fail("ngram_counts " + dimsText(starts) + " does not split a pool of " + std::to_string(poolSize) +
                        " items into n-grams");
        for (int64_t p = begin; p < end; p += n) {
            size_t at = 0;
            for (int64_t k = 0; k < n; ++k) {
                const int64_t item = pool[static_cast<size_t>(p + k)];
                auto [child, added] = trie[at].next.try_emplace(item, trie.size());
                const size_t next = child->second;
                if (added)
                    trie.emplace_back();
                at = next;
            }
            if (trie[at].gram < 0) // a repeated n-gram keeps its first coordinate
                trie[at].gram = static_cast<int64_t>(grams);
            ++grams;
        }
    }
    if (grams != indexes.size())
        return fail("the pool holds " + std::to_string(grams) + " n-grams but ngram_indexes has " +
                    std::to_string(indexes.size()));
    return std::unique_ptr<Operator>(
        new TfIdfVectorizerOp(mode, minGram, maxGram, maxSkip, std::move(trie), indexes, std::move(weights)));
}

} // namespace bitlens::engine

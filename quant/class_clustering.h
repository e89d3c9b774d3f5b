#pragma once
// Suggested class groups (DESIGN.md "Class grouping"): average-linkage agglomerative clustering of
// the classes, by the quantized model's symmetric confusion rate s(i,j) = (C[i][j]+C[j][i])/(n_i+n_j)
// (n_i: images of class i), or data-free by the cosine similarity of the last layer's per-class
// weight vectors. The similarity of two clusters is the mean of s over their pairs of classes
// (Lance-Williams: s(A+B, X) = (|A| s(A,X) + |B| s(B,X)) / (|A|+|B|)); the most similar pair
// merges first, ties to the lowest cluster ids. A cut at a similarity turns the dendrogram into
// groups.
#include "class_groups.h"

#include <model/tensor.h>

#include <string>
#include <vector>

namespace bitlens {

struct Dendrogram
{
    std::vector<std::string> classes;
    // Cluster ids: 0..n-1 are the classes, n+k is the cluster made by merges[k].
    struct Merge
    {
        int a = 0, b = 0;        // the two clusters, a < b
        double similarity = 0;   // average-linkage similarity at which they merged
        int size = 0;            // classes in the new cluster
    };
    std::vector<Merge> merges; // n-1 merges, similarity non-increasing
    std::string measure;       // "confusion" or "weights"
};

// From a square similarity matrix (symmetric; the diagonal is ignored).
Dendrogram averageLinkage(const std::vector<std::vector<double>>& similarity, const std::vector<std::string>& classes);

// s(i,j) = (C[i][j]+C[j][i])/(n_i+n_j) from a confusion matrix (rows true, columns predicted).
std::vector<std::vector<double>> confusionSimilarity(const std::vector<std::vector<int64_t>>& confusion);
// Cosine similarity of the rows of a [classes x features] weight matrix (0 where a row is zero),
// for the last layer's classes along `classAxis` (Gemm B with transB=1: axis 0; MatMul: axis 1).
Result<std::vector<std::vector<double>>> weightSimilarity(const Tensor& weights, int classAxis);

// The groups of the cut at `minSimilarity`: every cluster formed at or above it becomes a named
// node ("group 1", ... in the order of their lowest class) holding its classes; the tree's root
// holds those nodes and the classes left alone; the cut names every group node.
ClassGroups groupsFromDendrogram(const Dendrogram& d, double minSimilarity);

// A default cut: the middle of the widest gap between the similarities of consecutive merges that
// still leaves at least two groups (the usual "largest jump" rule); NaN with fewer than 3 classes.
double suggestedCut(const Dendrogram& d);

// How the dendrogram is drawn: leaves at x = 0..n-1 in an order where every cluster is contiguous,
// each merge a U from its two children (at their x and height) up to its similarity; leaves stand at
// `leafHeight`, a little above the highest merge. `group` of a merge is the index (in the order of
// groupsFromDendrogram's groups, by lowest class) of the group it belongs to at the cut, or -1 when
// it merged below the cut.
struct DendrogramLayout
{
    std::vector<int> leafOrder; // the class drawn at x = i
    std::vector<double> classX; // x of each class
    double leafHeight = 1;
    struct Link
    {
        double xA = 0, heightA = 0, xB = 0, heightB = 0, height = 0;
        int group = -1;
        std::vector<int> classes; // every class under the merge, in leaf order
    };
    std::vector<Link> links; // one per merge, in merge order
};
DendrogramLayout dendrogramLayout(const Dendrogram& d, double cut);

// What the dendrogram view draws: the dendrogram, its layout at the cut and the cut.
struct DendrogramView
{
    Dendrogram dendrogram;
    DendrogramLayout layout;
    double cut = 0;
};
DendrogramView dendrogramView(Dendrogram d, double cut);
// The merges as CSV: step, the merged cluster's classes, similarity, size, whether it is above the
// cut, the measure and the cut.
std::string dendrogramCsv(const DendrogramView& view);

} // namespace bitlens

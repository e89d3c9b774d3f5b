#include "class_clustering.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <sstream>

namespace bitlens {

Dendrogram averageLinkage(const std::vector<std::vector<double>>& similarity, const std::vector<std::string>& classes)
{
    Dendrogram d;
    d.classes = classes;
    const int n = static_cast<int>(similarity.size());
    // s[i][j] between the clusters in slots i and j; a merged cluster takes the lower slot.
    std::vector<std::vector<double>> s = similarity;
    std::vector<int> id(static_cast<size_t>(n)), size(static_cast<size_t>(n), 1);
    std::iota(id.begin(), id.end(), 0);
    std::vector<char> active(static_cast<size_t>(n), 1);
    for (int step = 0; step + 1 < n; ++step) {
        int bi = -1, bj = -1;
        for (int i = 0; i < n; ++i) {
            if (!active[static_cast<size_t>(i)])
                continue;
            for (int j = i + 1; j < n; ++j) {
                if (!active[static_cast<size_t>(j)])
                    continue;
                const double v = s[static_cast<size_t>(i)][static_cast<size_t>(j)];
                if (bi < 0)
                {
                    bi = i;
                    bj = j;
                    continue;
                }
                const double best = s[static_cast<size_t>(bi)][static_cast<size_t>(bj)];
                // Ties go to the pair with the lowest cluster ids (deterministic).
                const auto key = std::minmax(id[static_cast<size_t>(i)], id[static_cast<size_t>(j)]);
                const auto bestKey = std::minmax(id[static_cast<size_t>(bi)], id[static_cast<size_t>(bj)]);
                if (v > best || (v == best && key < bestKey)) {
                    bi = i;
                    bj = j;
                }
            }
        }
        const auto ui = static_cast<size_t>(bi), uj = static_cast<size_t>(bj);
        Dendrogram::Merge m;
        m.a = std::min(id[ui], id[uj]);
        m.b = std::max(id[ui], id[uj]);
        m.similarity = s[ui][uj];
        m.size = size[ui] + size[uj];
        // Lance-Williams for average linkage.
        for (int k = 0; k < n; ++k) {
            const auto uk = static_cast<size_t>(k);
            if (!active[uk] || k == bi || k == bj)
                continue;
            const double v = (size[ui] * s[ui][uk] + size[uj] * s[uj][uk]) / static_cast<double>(size[ui] + size[uj]);
            s[ui][uk] = s[uk][ui] = v;
        }
        size[ui] += size[uj];
        id[ui] = n + step;
        active[uj] = 0;
        d.merges.push_back(m);
    }
    return d;
}

std::vector<std::vector<double>> confusionSimilarity(const std::vector<std::vector<int64_t>>& c)
{
    const size_t n = c.size();
    std::vector<int64_t> images(n, 0);
    for (size_t i = 0; i < n; ++i)
        for (int64_t v : c[i])
            images[i] += v;
    std::vector<std::vector<double>> s(n, std::vector<double>(n, 0));
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j)
            if (i != j && images[i] + images[j] > 0)
                s[i][j] = static_cast<double>(c[i][j] + c[j][i]) / static_cast<double>(images[i] + images[j]);
    return s;
}

Result<std::vector<std::vector<double>>> weightSimilarity(const Tensor& w, int classAxis)
{
    if (!w.isFloat() || w.dims.size() != 2 || (classAxis != 0 && classAxis != 1))
        return fail("the last layer's weights " + shapeString(w.dims) + " are not a 2-D [classes x features] matrix");
    const int64_t rows = w.dims[static_cast<size_t>(classAxis)], cols = w.dims[static_cast<size_t>(1 - classAxis)];
    auto at = [&](int64_t cls, int64_t f) {
        return static_cast<double>(classAxis == 0 ? w.floats[static_cast<size_t>(cls * cols + f)]
                                                  : w.floats[static_cast<size_t>(f * rows + cls)]);
    };
    std::vector<double> norm(static_cast<size_t>(rows), 0);
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t f = 0; f < cols; ++f)
            norm[static_cast<size_t>(i)] += at(i, f) * at(i, f);
    std::vector<std::vector<double>> s(static_cast<size_t>(rows), std::vector<double>(static_cast<size_t>(rows), 0));
    for (int64_t i = 0; i < rows; ++i)
        for (int64_t j = i + 1; j < rows; ++j) {
            double dot = 0;
            for (int64_t f = 0; f < cols; ++f)
                dot += at(i, f) * at(j, f);
            const double den = std::sqrt(norm[static_cast<size_t>(i)] * norm[static_cast<size_t>(j)]);
            s[static_cast<size_t>(i)][static_cast<size_t>(j)] = s[static_cast<size_t>(j)][static_cast<size_t>(i)] =
                den > 0 ? dot / den : 0;
        }
    return s;
}

ClassGroups groupsFromDendrogram(const Dendrogram& d, double minSimilarity)
{
    const int n = static_cast<int>(d.classes.size());
    // Union the clusters merged at or above the cut.
    std::vector<int> parent(static_cast<size_t>(2 * std::max(n, 1)), 0);
    std::iota(parent.begin(), parent.end(), 0);
    auto find = [&](int x) {
        while (parent[static_cast<size_t>(x)] != x)
            x = parent[static_cast<size_t>(x)] = parent[static_cast<size_t>(parent[static_cast<size_t>(x)])];
        return x;
    };
    for (size_t k = 0; k < d.merges.size(); ++k) {
        const Dendrogram::Merge& m = d.merges[k];
        if (m.similarity < minSimilarity)
            continue;
        const int node = n + static_cast<int>(k);
        parent[static_cast<size_t>(find(m.a))] = node;
        parent[static_cast<size_t>(find(m.b))] = node;
    }
    std::map<int, std::vector<int>> members; // root -> classes, ordered by the lowest class below
    for (int c = 0; c < n; ++c)
        members[find(c)].push_back(c);
    std::vector<std::vector<int>> groups;
    for (auto& [root, classes] : members)
        groups.push_back(classes);
    std::sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.front() < b.front(); });

    ClassGroups g;
    g.classes = d.classes;
    g.tree.name = "all";
    int named = 0;
    for (const std::vector<int>& classes : groups) {
        if (classes.size() == 1) {
            GroupNode leaf;
            leaf.classIndex = classes.front();
            g.tree.children.push_back(leaf);
            continue;
        }
        GroupNode node;
        node.name = "group " + std::to_string(++named);
        for (int c : classes) {
            GroupNode leaf;
            leaf.classIndex = c;
            node.children.push_back(leaf);
        }
        g.cut.push_back(node.name);
        g.tree.children.push_back(std::move(node));
    }
    return g;
}

double suggestedCut(const Dendrogram& d)
{
    if (d.merges.size() < 2)
        return std::numeric_limits<double>::quiet_NaN();
    // Cutting between merges k and k+1 keeps merges 0..k: k <= n-3 leaves at least two groups.
    size_t best = 0;
    double widest = -1;
    for (size_t k = 0; k + 1 < d.merges.size(); ++k) {
        const double gap = d.merges[k].similarity - d.merges[k + 1].similarity;
        if (gap > widest) {
            widest = gap;
            best = k;
        }
    }
    return 0.5 * (d.merges[best].similarity + d.merges[best + 1].similarity);
}

DendrogramLayout dendrogramLayout(const Dendrogram& d, double cut)
{
    const int n = static_cast<int>(d.classes.size());
    DendrogramLayout out;
    const size_t clusters = static_cast<size_t>(n) + d.merges.size();
    std::vector<std::pair<int, int>> children(clusters, {-1, -1});
    std::vector<bool> hasParent(clusters, false);
    for (size_t k = 0; k < d.merges.size(); ++k) {
        children[static_cast<size_t>(n) + k] = {d.merges[k].a, d.merges[k].b};
        hasParent[static_cast<size_t>(d.merges[k].a)] = hasParent[static_cast<size_t>(d.merges[k].b)] = true;
    }
    // Leaves left to right: each root (the last merge, or lone classes) in order of its id, depth first.
    std::function<void(int)> visit = [&](int c) {
        if (c < n) {
            out.leafOrder.push_back(c);
            return;
        }
        visit(children[static_cast<size_t>(c)].first);
        visit(children[static_cast<size_t>(c)].second);
    };
    for (size_t c = 0; c < clusters; ++c)
        if (!hasParent[c])
            visit(static_cast<int>(c));
    out.classX.assign(static_cast<size_t>(n), 0);
    for (size_t i = 0; i < out.leafOrder.size(); ++i)
        out.classX[static_cast<size_t>(out.leafOrder[i])] = static_cast<double>(i);

    double top = -std::numeric_limits<double>::infinity(), bottom = std::numeric_limits<double>::infinity();
    for (const Dendrogram::Merge& m : d.merges) {
        top = std::max(top, m.similarity);
        bottom = std::min(bottom, m.similarity);
    }
    out.leafHeight = d.merges.empty() ? 1 : top + std::max(0.05 * (top - bottom), 1e-3 * std::max(1.0, std::abs(top)));

    // The group of each merge at the cut: the group holding its lowest class.
    const Grouping grouping = groupingOf(groupsFromDendrogram(d, cut));
    std::vector<double> x(clusters, 0), height(clusters, out.leafHeight);
    std::vector<int> lowest(clusters, 0);
    std::vector<std::ptrdiff_t> first(clusters, 0), last(clusters, 0); // positions in the leaf order
    for (int c = 0; c < n; ++c) {
        x[static_cast<size_t>(c)] = out.classX[static_cast<size_t>(c)];
        lowest[static_cast<size_t>(c)] = c;
        first[static_cast<size_t>(c)] = last[static_cast<size_t>(c)] = static_cast<std::ptrdiff_t>(x[static_cast<size_t>(c)]);
    }
    for (size_t k = 0; k < d.merges.size(); ++k) {
        const Dendrogram::Merge& m = d.merges[k];
        const size_t a = static_cast<size_t>(m.a), b = static_cast<size_t>(m.b), self = static_cast<size_t>(n) + k;
        x[self] = 0.5 * (x[a] + x[b]);
        height[self] = m.similarity;
        lowest[self] = std::min(lowest[a], lowest[b]);
        first[self] = std::min(first[a], first[b]);
        last[self] = std::max(last[a], last[b]);
        DendrogramLayout::Link link{x[a], height[a], x[b], height[b], m.similarity, -1, {}};
        // A cluster's leaves are contiguous in the leaf order.
        link.classes.assign(out.leafOrder.begin() + first[self], out.leafOrder.begin() + last[self] + 1);
        if (m.similarity >= cut && !grouping.groupOf.empty())
            link.group = grouping.groupOf[static_cast<size_t>(lowest[self])];
        out.links.push_back(link);
    }
    return out;
}

DendrogramView dendrogramView(Dendrogram d, double cut)
{
    DendrogramView v;
    v.layout = dendrogramLayout(d, cut);
    v.dendrogram = std::move(d);
    v.cut = cut;
    return v;
}

std::string dendrogramCsv(const DendrogramView& v)
{
    const auto names = [&](const std::vector<int>& classes) {
        std::string s;
        for (int c : classes)
            s += (s.empty() ? "" : "; ") + v.dendrogram.classes[static_cast<size_t>(c)];
        return "\"" + s + "\"";
    };
    std::ostringstream out;
    out.precision(9);
    out << "step,classes,similarity,size,above_cut,measure,cut\n";
    for (size_t k = 0; k < v.dendrogram.merges.size() && k < v.layout.links.size(); ++k) {
        const Dendrogram::Merge& m = v.dendrogram.merges[k];
        out << k + 1 << ',' << names(v.layout.links[k].classes) << ',' << m.similarity << ',' << m.size << ','
            << (m.similarity >= v.cut ? 1 : 0) << ',' << v.dendrogram.measure << ',' << v.cut << '\n';
    }
    return out.str();
}

} // namespace bitlens

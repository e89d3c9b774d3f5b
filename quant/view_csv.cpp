#include "view_csv.h"

#include <charconv>
#include <cmath>

namespace bitlens {

std::string csvNumber(double x)
{
    if (std::isnan(x))
        return "nan";
    if (std::isinf(x))
        return x > 0 ? "inf" : "-inf";
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, x);
    return std::string(buf, r.ptr);
}

std::string csvField(const std::string& s)
{
    if (s.find_first_of(",\"\r\n") == std::string::npos)
        return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

namespace {

std::string sqnrText(const std::optional<double>& db) { return db ? csvNumber(*db) : std::string("exact"); }

} // namespace

std::string quartilesCsv(const QuartileView& v)
{
    std::string out = "series,channel,n,min,whisker_lo,q1,median,q3,whisker_hi,max,mean,outliers_lo,outliers_hi\n";
    for (size_t s = 0; s < v.perSeries.size(); ++s)
        for (size_t c = 0; c < v.perSeries[s].channels.size(); ++c) {
            const FiveNumberSummary& f = v.perSeries[s].channels[c];
            out += csvField(v.series[s]) + ',' + std::to_string(c) + ',' + std::to_string(f.n) + ',' + csvNumber(f.min) +
                   ',' + csvNumber(f.whiskerLo) + ',' + csvNumber(f.q1) + ',' + csvNumber(f.median) + ',' +
                   csvNumber(f.q3) + ',' + csvNumber(f.whiskerHi) + ',' + csvNumber(f.max) + ',' + csvNumber(f.mean) +
                   ',' + std::to_string(f.outliersLo) + ',' + std::to_string(f.outliersHi) + '\n';
        }
    return out;
}

std::string histogramsCsv(const HistogramView& v)
{
    std::string out = "bin,lo,hi";
    for (const std::string& s : v.series)
        out += ',' + csvField(s);
    out += '\n';
    if (v.histograms.empty())
        return out;
    const Histogram& h0 = v.histograms[0];
    for (int b = 0; b < h0.bins; ++b) {
        out += std::to_string(b) + ',' + csvNumber(h0.lo + b * h0.binWidth()) + ',' +
               csvNumber(b + 1 == h0.bins ? h0.hi : h0.lo + (b + 1) * h0.binWidth());
        for (const Histogram& h : v.histograms)
            out += ',' + std::to_string(h.counts[static_cast<size_t>(b)]);
        out += '\n';
    }
    return out;
}

std::string bitEfficiencyCsv(const BitEfficiencyView& v)
{
    std::string out = "scheme,granularity,bits,sqnr_db,range_coverage,level_utilization,entropy_efficiency,"
                      "density_fidelity,sqnr_efficiency\n";
    for (const EfficiencyLine& line : v.lines)
        for (const StatsRow& r : line.rows)
            out += std::string(schemeName(r.spec.scheme)) + ',' + std::string(granularityName(r.spec.granularity)) + ',' +
                   std::to_string(r.spec.bits) + ',' + sqnrText(r.error.sqnrDb) + ',' + csvNumber(r.rangeCoverage) +
                   ',' + csvNumber(r.levelUtilization) + ',' + csvNumber(r.entropyEfficiency) + ',' +
                   csvNumber(r.densityFidelity) + ',' + (r.sqnrEfficiency ? csvNumber(*r.sqnrEfficiency) : std::string("exact")) +
                   '\n';
    const std::pair<const char*, const std::vector<double>*> limits[] = {
        {"lloyd-max limit", &v.lloydMax}, {"best uniform limit", &v.bestUniform}, {"rate-distortion bound", &v.rateDistortion}};
    for (const auto& [name, values] : limits)
        for (size_t i = 0; i < v.limitBits.size() && i < values->size(); ++i)
            out += std::string(name) + ",," + std::to_string(v.limitBits[i]) + ',' + csvNumber((*values)[i]) + ",,,,,\n";
    return out;
}

std::string channelSqnrCsv(const ChannelSqnrView& v)
{
    std::string out = "channel,sqnr_db\n";
    for (size_t c = 0; c < v.perChannel.size(); ++c)
        out += std::to_string(c) + ',' + sqnrText(v.perChannel[c]) + '\n';
    return out;
}

std::string accuracyCsv(const AccuracyTable& t)
{
    std::string out = "scheme,granularity,bits,top1,top5,weight_bits,size_bytes,images\n";
    auto row = [&](const AccuracyCell& c) {
        const bool fp32 = c.spec.bits == kFp32Bits;
        out += (fp32 ? std::string("fp32") : std::string(schemeName(c.spec.scheme))) + ',' +
               (fp32 ? std::string() : std::string(granularityName(c.spec.granularity))) + ',' + std::to_string(c.spec.bits) +
               ',' + csvNumber(c.top1) + ',' + csvNumber(c.top5) + ',' + std::to_string(c.weightBits) + ',' +
               std::to_string((c.weightBits + 7) / 8) + ',' + std::to_string(c.images) + '\n';
    };
    if (t.fp32)
        row(*t.fp32);
    for (Scheme s : t.schemes)
        for (int b : t.bits)
            if (const AccuracyCell* c = t.find(s, b))
                row(*c);
    return out;
}

std::string confusionCsv(const ConfusionView& v)
{
    std::string out = "matrix,true_class,predicted_class,count\n";
    const std::pair<std::string, const CountMatrix*> maps[] = {
        {v.fp32Label, &v.fp32}, {v.quantizedLabel, &v.quantized}, {"difference", &v.difference}};
    for (const auto& [name, m] : maps)
        for (size_t i = 0; i < m->size(); ++i)
            for (size_t j = 0; j < (*m)[i].size(); ++j)
                out += csvField(name) + ',' + csvField(v.classes[i]) + ',' + csvField(v.classes[j]) + ',' +
                       std::to_string((*m)[i][j]) + '\n';
    return out;
}

std::string outputFidelityCsv(const std::vector<OutputFidelity>& outputs)
{
    std::string out = "output,samples,elements,sqnr_db,mse,max_abs_error,mean_cosine,classes,top1_agreement,mean_kl\n";
    for (const OutputFidelity& f : outputs) {
        out += csvField(f.name) + ',' + std::to_string(f.samples) + ',' + std::to_string(f.elements) + ',' + sqnrText(f.sqnrDb) +
               ',' + csvNumber(f.mse) + ',' + csvNumber(f.maxAbsError) + ',' + csvNumber(f.meanCosine) + ',';
        if (f.classes > 0)
            out += std::to_string(f.classes) + ',' + csvNumber(f.top1Agreement) + ',' + csvNumber(f.meanKl);
        else
            out += ",,";
        out += '\n';
    }
    return out;
}

std::string nodeFidelityCsv(const std::vector<NodeFidelity>& nodes)
{
    std::string out = "index,node,op,tensor,elements,cumulative_sqnr_db,local_sqnr_db,weights\n";
    for (size_t i = 0; i < nodes.size(); ++i) {
        const NodeFidelity& n = nodes[i];
        std::string weights;
        for (const std::string& w : n.layers)
            weights += (weights.empty() ? "" : ";") + w;
        out += std::to_string(i) + ',' + csvField(n.node) + ',' + csvField(n.op) + ',' + csvField(n.tensor) + ',' +
               std::to_string(n.elements) + ',' + sqnrText(n.cumulativeSqnrDb) + ',' +
               (n.layers.empty() ? std::string() : sqnrText(n.localSqnrDb)) + ',' + csvField(weights) + '\n';
    }
    return out;
}

} // namespace bitlens

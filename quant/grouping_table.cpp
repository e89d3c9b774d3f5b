#include "grouping_table.h"

#include "view_csv.h"

#include <sstream>

namespace bitlens {

std::vector<GroupedAccuracyRow> groupedAccuracyTable(const AccuracyTable& table, const Grouping& grouping, int bits)
{
    std::vector<GroupedAccuracyRow> rows;
    auto add = [&](const AccuracyCell& c, const std::string& label) {
        if (c.confusion.size() != grouping.groupOf.size())
            return;
        rows.push_back({label, c.spec, c.top1, groupedAccuracy(groupedConfusion(c.confusion, grouping))});
    };
    if (table.fp32)
        add(*table.fp32, "fp32");
    for (Scheme s : table.schemes)
        if (const AccuracyCell* c = table.find(s, bits))
            add(*c, std::string(schemeName(s)));
    return rows;
}

std::string groupedAccuracyCsv(const std::vector<GroupedAccuracyRow>& rows)
{
    std::ostringstream out;
    out << "configuration,granularity,bits,top1,grouped_top1\n";
    for (const GroupedAccuracyRow& r : rows)
        out << csvField(r.label) << ',' << (r.spec.bits == kFp32Bits ? std::string() : std::string(granularityName(r.spec.granularity)))
            << ',' << r.spec.bits << ',' << csvNumber(r.top1) << ',' << csvNumber(r.groupedTop1) << '\n';
    return out.str();
}

} // namespace bitlens

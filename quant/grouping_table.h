#pragma once
// The paper's Table 2 for the current model: for FP32 and each scheme of the accuracy sweep at one
// bit-width, top-1 before and after grouping the classes (grouped accuracy trace(CG)/N, DESIGN.md
// "Class grouping").
#include "accuracy_sweep.h"
#include "class_groups.h"

#include <string>
#include <vector>

namespace bitlens {

struct GroupedAccuracyRow
{
    std::string label; // "fp32" or the scheme's name
    QuantSpec spec;    // bits 32 for FP32
    double top1 = 0;
    double groupedTop1 = 0;
};

// Rows for FP32 (if measured) and every scheme with a cell at `bits`, in the table's scheme order.
// A confusion matrix whose size differs from the grouping's classes is skipped.
std::vector<GroupedAccuracyRow> groupedAccuracyTable(const AccuracyTable& table, const Grouping& grouping, int bits);

std::string groupedAccuracyCsv(const std::vector<GroupedAccuracyRow>& rows);

} // namespace bitlens

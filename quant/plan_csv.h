#pragma once
// The numbers behind the plan editor's views as CSV, like view_csv.h: one header line, then one row
// per value, numbers through csvNumber, text through csvField; the same bytes on every run.
#include "plan_views.h"

#include <string>
#include <vector>

namespace bitlens {

// rank,layer,scheme,granularity,bits,images,fp32_top1,top1,top5,top1_drop,output_distance
// (accuracies as fractions; rows in the view's order, most sensitive first).
std::string sensitivityCsv(const SensitivityView& v);
// plan,index,layer,images,distance,relative (graph order).
std::string planDistanceCsv(const PlanDistanceView& v);
// label,kind,weight_bits,size_bytes,bits_per_weight,top1,on_front,current; then an "FP32" row of
// kind fp32 (bits_per_weight 32, no size) when the view has the FP32 accuracy.
std::string paretoCsv(const ParetoView& v);
// One row per layer of the plan table: setting, sizes, SQNR, sensitivity and plan distance.
std::string planTableCsv(const std::vector<PlanLayerRow>& rows);

} // namespace bitlens

/* Accessors of the analysis results (docs/conventions.md, "Results"): the containers are
 * opaque, so a field added to one never breaks a compiled caller; their items are public
 * structs reached only through a pointer, append-only. Not in the layers' hot paths: the
 * library itself reads the fields (cg-results.h). */
#include "analysis/cg-analysis.h"

/**
 * cg_bottlenecks_n_items:
 * @result: a #CgBottlenecks
 *
 * O(1).
 *
 * Returns: how many nodes are listed
 */
gsize
cg_bottlenecks_n_items(const CgBottlenecks *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_items;
}

/**
 * cg_bottlenecks_item:
 * @result: a #CgBottlenecks
 * @i: an index below cg_bottlenecks_n_items()
 *
 * O(1).
 *
 * Returns: (transfer none): the @i-th listed node, by criticality descending, then id; owned by
 *   @result. Read its fields through the pointer: the struct may grow (append-only), so never
 *   copy it or index an array of it
 */
const CgBottleneck *
cg_bottlenecks_item(const CgBottlenecks *result, gsize i)
{
  g_return_val_if_fail(result != NULL && i < result->n_items, NULL);
  return &result->items[i];
}

/**
 * cg_bottlenecks_n_nodes:
 * @result: a #CgBottlenecks
 *
 * O(1).
 *
 * Returns: the graph's node count: the length of cg_bottlenecks_criticality()
 */
gsize
cg_bottlenecks_n_nodes(const CgBottlenecks *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_nodes;
}

/**
 * cg_bottlenecks_criticality:
 * @result: a #CgBottlenecks
 *
 * O(1).
 *
 * Returns: (transfer none): every node's criticality (or its estimate), indexed by node
 *   (cg_bottlenecks_n_nodes() values); owned by @result
 */
const double *
cg_bottlenecks_criticality(const CgBottlenecks *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->criticality;
}

/**
 * cg_bottlenecks_total_weight:
 * @result: a #CgBottlenecks
 *
 * O(1).
 *
 * Returns: the total application weight
 */
double
cg_bottlenecks_total_weight(const CgBottlenecks *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->total_weight;
}

/**
 * cg_bottlenecks_method:
 * @result: a #CgBottlenecks
 *
 * O(1).
 *
 * Returns: "dominator-tree" (OR-only graphs), "support-dag" (general, exact) or
 *   "sampled-applications" (an estimate); a static string
 */
const char *
cg_bottlenecks_method(const CgBottlenecks *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->method;
}

/**
 * cg_bottlenecks_exact:
 * @result: a #CgBottlenecks
 *
 * O(1).
 *
 * Returns: whether cg_bottlenecks_criticality() is exact
 */
gboolean
cg_bottlenecks_exact(const CgBottlenecks *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->exact;
}

/**
 * cg_bottlenecks_samples:
 * @result: a #CgBottlenecks
 *
 * O(1).
 *
 * Returns: for an estimate, the applications drawn (else 0)
 */
gsize
cg_bottlenecks_samples(const CgBottlenecks *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->samples;
}

/**
 * cg_bottlenecks_ci_low:
 * @result: a #CgBottlenecks
 *
 * O(1).
 *
 * Returns: (nullable) (transfer none): for an estimate, per node the lower end of its 95%
 *   interval (cg_bottlenecks_n_nodes() values); %NULL when exact; owned by @result
 */
const double *
cg_bottlenecks_ci_low(const CgBottlenecks *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->ci_low;
}

/**
 * cg_bottlenecks_ci_high:
 * @result: a #CgBottlenecks
 *
 * O(1).
 *
 * Returns: (nullable) (transfer none): for an estimate, per node the upper end of its 95%
 *   interval; %NULL when exact; owned by @result
 */
const double *
cg_bottlenecks_ci_high(const CgBottlenecks *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->ci_high;
}

/**
 * cg_redundancy_application:
 * @result: a #CgRedundancy
 *
 * O(1).
 *
 * Returns: the application
 */
CgNodeId
cg_redundancy_application(const CgRedundancy *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->application;
}

/**
 * cg_redundancy_size:
 * @result: a #CgRedundancy
 *
 * O(1).
 *
 * Returns: the fewest nodes whose loss makes it unproducible (0: not producible at all;
 *   G_MAXSIZE: no cut, e.g. it has no inputs)
 */
gsize
cg_redundancy_size(const CgRedundancy *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->size;
}

/**
 * cg_redundancy_exact:
 * @result: a #CgRedundancy
 *
 * O(1).
 *
 * Returns: whether cg_redundancy_size() is exact (else an upper bound with cg_redundancy_cut()
 *   as its witness)
 */
gboolean
cg_redundancy_exact(const CgRedundancy *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->exact;
}

/**
 * cg_redundancy_cut:
 * @result: a #CgRedundancy
 * @n_out: (out) (optional): the length of the array
 *
 * O(1).
 *
 * Returns: (array length=n_out) (transfer none): one set of nodes whose loss loses the
 *   application (a witness of cg_redundancy_size()); owned by @result
 */
const CgNodeId *
cg_redundancy_cut(const CgRedundancy *result, gsize *n_out)
{
  g_return_val_if_fail(result != NULL, NULL);
  if (n_out)
    *n_out = result->n_cut;
  return result->cut;
}

/**
 * cg_impact_share:
 * @result: a #CgImpact
 *
 * O(1).
 *
 * Returns: lost application weight ÷ total application weight, in [0, 1]
 */
double
cg_impact_share(const CgImpact *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->impact;
}

/**
 * cg_impact_lost_weight:
 * @result: a #CgImpact
 *
 * O(1).
 *
 * Returns: the application weight lost
 */
double
cg_impact_lost_weight(const CgImpact *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->lost_weight;
}

/**
 * cg_impact_total_weight:
 * @result: a #CgImpact
 *
 * O(1).
 *
 * Returns: the total application weight of the graph
 */
double
cg_impact_total_weight(const CgImpact *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->total_weight;
}

/**
 * cg_impact_lost:
 * @result: a #CgImpact
 * @n_out: (out) (optional): the length of the array
 *
 * O(1).
 *
 * Returns: (array length=n_out) (transfer none): the nodes producible without the disruption
 *   and not under it (the disrupted nodes included), ascending; owned by @result
 */
const CgNodeId *
cg_impact_lost(const CgImpact *result, gsize *n_out)
{
  g_return_val_if_fail(result != NULL, NULL);
  if (n_out)
    *n_out = result->n_lost;
  return result->lost;
}

/**
 * cg_impact_lost_applications:
 * @result: a #CgImpact
 * @n_out: (out) (optional): the length of the array
 *
 * O(1).
 *
 * Returns: (array length=n_out) (transfer none): the applications among the lost nodes,
 *   ascending; owned by @result
 */
const CgNodeId *
cg_impact_lost_applications(const CgImpact *result, gsize *n_out)
{
  g_return_val_if_fail(result != NULL, NULL);
  if (n_out)
    *n_out = result->n_lost_applications;
  return result->lost_applications;
}

/**
 * cg_impact_disrupted:
 * @result: a #CgImpact
 * @n_out: (out) (optional): the length of the array
 *
 * O(1).
 *
 * Returns: (array length=n_out) (transfer none): the nodes knocked out directly (named, or all
 *   of whose producing regions are out), ascending; owned by @result
 */
const CgNodeId *
cg_impact_disrupted(const CgImpact *result, gsize *n_out)
{
  g_return_val_if_fail(result != NULL, NULL);
  if (n_out)
    *n_out = result->n_disrupted;
  return result->disrupted;
}

/**
 * cg_risk_n_nodes:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: the graph's node count: the length of the per-node arrays
 */
gsize
cg_risk_n_nodes(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_nodes;
}

/**
 * cg_risk_probability:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: (transfer none): every node's failure probability, indexed by node; owned by @result
 */
const double *
cg_risk_probability(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->probability;
}

/**
 * cg_risk_factors:
 * @result: a #CgRisk
 * @i: an index below cg_risk_n_nodes()
 *
 * O(1).
 *
 * Returns: (transfer none): the model's factors behind node @i's probability; owned by @result.
 *   Read its fields through the pointer: the struct may grow (append-only), so never copy it or
 *   index an array of it
 */
const CgRiskFactors *
cg_risk_factors(const CgRisk *result, gsize i)
{
  g_return_val_if_fail(result != NULL && i < result->n_nodes, NULL);
  return &result->factors[i];
}

/**
 * cg_risk_criticality:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: (transfer none): every node's criticality (cg_criticality()), indexed by node; owned
 *   by @result
 */
const double *
cg_risk_criticality(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->criticality;
}

/**
 * cg_risk_n_edges:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: the graph's edge count: the length of the per-edge arrays
 */
gsize
cg_risk_n_edges(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_edges;
}

/**
 * cg_risk_link_score:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: (transfer none): every edge's link score, indexed by edge; owned by @result
 */
const double *
cg_risk_link_score(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->link_score;
}

/**
 * cg_risk_link_share:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: (transfer none): every edge's criticality share, indexed by edge; owned by @result
 */
const double *
cg_risk_link_share(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->link_share;
}

/**
 * cg_risk_n_links:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: how many links are listed
 */
gsize
cg_risk_n_links(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_links;
}

/**
 * cg_risk_link:
 * @result: a #CgRisk
 * @i: an index below cg_risk_n_links()
 *
 * O(1).
 *
 * Returns: (transfer none): listed link @i: the @i-th of cg_risk_link_order(), explained; owned
 *   by @result. Read its fields through the pointer: the struct may grow (append-only), so
 *   never copy it or index an array of it
 */
const CgRiskLink *
cg_risk_link(const CgRisk *result, gsize i)
{
  g_return_val_if_fail(result != NULL && i < result->n_links, NULL);
  return &result->links[i];
}

/**
 * cg_risk_expected_loss:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: the expected lost application weight
 */
double
cg_risk_expected_loss(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->expected_loss;
}

/**
 * cg_risk_ci95:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: (array fixed-size=2) (transfer none): the 95% confidence interval of
 *   cg_risk_expected_loss() ([mean, mean] when exact): low, high; owned by @result
 */
const double *
cg_risk_ci95(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->ci95;
}

/**
 * cg_risk_total_weight:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: the total application weight
 */
double
cg_risk_total_weight(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->total_weight;
}

/**
 * cg_risk_samples:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: Monte Carlo samples drawn (0 when exact)
 */
gsize
cg_risk_samples(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->samples;
}

/**
 * cg_risk_states:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: states enumerated (0 for Monte Carlo)
 */
gsize
cg_risk_states(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->states;
}

/**
 * cg_risk_seed:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: the seed used
 */
guint64
cg_risk_seed(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->seed;
}

/**
 * cg_risk_method:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: "monte-carlo" or "exact"; a static string
 */
const char *
cg_risk_method(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->method;
}

/**
 * cg_risk_n_uncertain:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: producible nodes with a probability strictly between 0 and 1
 */
gsize
cg_risk_n_uncertain(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_uncertain;
}

/**
 * cg_risk_n_applications:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: the number of applications
 */
gsize
cg_risk_n_applications(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_applications;
}

/**
 * cg_risk_application:
 * @result: a #CgRisk
 * @i: an index below cg_risk_n_applications()
 *
 * O(1).
 *
 * Returns: (transfer none): application @i, by failure probability descending, then id; owned
 *   by @result. Read its fields through the pointer: the struct may grow (append-only), so
 *   never copy it or index an array of it
 */
const CgRiskApplication *
cg_risk_application(const CgRisk *result, gsize i)
{
  g_return_val_if_fail(result != NULL && i < result->n_applications, NULL);
  return &result->applications[i];
}

/**
 * cg_risk_n_invest:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: how many places to invest are listed
 */
gsize
cg_risk_n_invest(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_invest;
}

/**
 * cg_risk_invest:
 * @result: a #CgRisk
 * @i: an index below cg_risk_n_invest()
 *
 * O(1).
 *
 * Returns: (transfer none): place to invest @i, by reduction descending, then id; owned by
 *   @result. Read its fields through the pointer: the struct may grow (append-only), so never
 *   copy it or index an array of it
 */
const CgRiskInvestment *
cg_risk_invest(const CgRisk *result, gsize i)
{
  g_return_val_if_fail(result != NULL && i < result->n_invest, NULL);
  return &result->invest[i];
}

/**
 * cg_risk_criticality_method:
 * @result: a #CgRisk
 *
 * O(1).
 *
 * Returns: how criticality was computed ("dominator-tree" or "support-dag"); a static string
 */
const char *
cg_risk_criticality_method(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->criticality_method;
}

/**
 * cg_risk_scenario_label:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: what the scenario is ("embargo", "region:赣州", "nodes:…", joined by " + ")
 */
const char *
cg_risk_scenario_label(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->label;
}

/**
 * cg_risk_scenario_impact:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: what the scenario alone loses (cg_disrupt() of the knocked-out nodes), owned by the
 *   scenario
 */
const CgImpact *
cg_risk_scenario_impact(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->impact;
}

/**
 * cg_risk_scenario_base_loss:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: the expected lost application weight without the scenario
 */
double
cg_risk_scenario_base_loss(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->base_loss;
}

/**
 * cg_risk_scenario_base_ci95:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: (array fixed-size=2) (transfer none): the 95% confidence interval of
 *   cg_risk_scenario_base_loss(): low, high; owned by @result
 */
const double *
cg_risk_scenario_base_ci95(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->base_ci95;
}

/**
 * cg_risk_scenario_loss:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: the expected lost application weight with the scenario's nodes failed for sure and
 *   every other node failing with its probability
 */
double
cg_risk_scenario_loss(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->loss;
}

/**
 * cg_risk_scenario_ci95:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: (array fixed-size=2) (transfer none): the 95% confidence interval of
 *   cg_risk_scenario_loss(): low, high; owned by @result
 */
const double *
cg_risk_scenario_ci95(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->ci95;
}

/**
 * cg_risk_scenario_change:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: cg_risk_scenario_loss() − cg_risk_scenario_base_loss()
 */
double
cg_risk_scenario_change(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->change;
}

/**
 * cg_risk_scenario_change_ci95:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: (array fixed-size=2) (transfer none): the 95% confidence interval of
 *   cg_risk_scenario_change() (paired samples: the same draws with and without the scenario):
 *   low, high; owned by @result
 */
const double *
cg_risk_scenario_change_ci95(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->change_ci95;
}

/**
 * cg_risk_scenario_method:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: "monte-carlo" or "exact"; a static string
 */
const char *
cg_risk_scenario_method(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->method;
}

/**
 * cg_risk_scenario_samples:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: samples drawn (0 when exact)
 */
gsize
cg_risk_scenario_samples(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->samples;
}

/**
 * cg_risk_scenario_why:
 * @result: a #CgRiskScenario
 *
 * O(1).
 *
 * Returns: one line a planner reads
 */
const char *
cg_risk_scenario_why(const CgRiskScenario *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->why;
}

/**
 * cg_complement_level:
 * @result: a #CgComplement
 *
 * O(1).
 *
 * Returns: the level asked for ("province", …, or "any"); a static string
 */
const char *
cg_complement_level(const CgComplement *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  return result->level;
}

/**
 * cg_complement_weighting:
 * @result: a #CgComplement
 *
 * O(1).
 *
 * Returns: how gaps were weighted
 */
CgGapWeighting
cg_complement_weighting(const CgComplement *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->weighting;
}

/**
 * cg_complement_n_regions:
 * @result: a #CgComplement
 *
 * O(1).
 *
 * Returns: how many regions are at the level
 */
gsize
cg_complement_n_regions(const CgComplement *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_regions;
}

/**
 * cg_complement_region:
 * @result: a #CgComplement
 * @i: an index below cg_complement_n_regions()
 *
 * O(1).
 *
 * Returns: (transfer none): region @i of the level, sorted by name (bytewise); owned by
 *   @result. Read its fields through the pointer: the struct may grow (append-only), so never
 *   copy it or index an array of it
 */
const CgComplementRegion *
cg_complement_region(const CgComplement *result, gsize i)
{
  g_return_val_if_fail(result != NULL && i < result->n_regions, NULL);
  return &result->regions[i];
}

/**
 * cg_complement_n_ordered_pairs:
 * @result: a #CgComplement
 *
 * O(1).
 *
 * Returns: n_regions · (n_regions − 1): every ordered pair
 */
gsize
cg_complement_n_ordered_pairs(const CgComplement *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_ordered_pairs;
}

/**
 * cg_region_gaps_region:
 * @result: a #CgRegionGaps
 *
 * O(1).
 *
 * Returns: the graph's region index
 */
gsize
cg_region_gaps_region(const CgRegionGaps *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->region;
}

/**
 * cg_region_gaps_capabilities:
 * @result: a #CgRegionGaps
 * @n_out: (out) (optional): the length of the array
 *
 * O(1).
 *
 * Returns: (array length=n_out) (transfer none): the region's capabilities, ascending node
 *   index; owned by @result
 */
const CgNodeId *
cg_region_gaps_capabilities(const CgRegionGaps *result, gsize *n_out)
{
  g_return_val_if_fail(result != NULL, NULL);
  if (n_out)
    *n_out = result->n_capabilities;
  return result->capabilities;
}

/**
 * cg_region_gaps_n_gaps:
 * @result: a #CgRegionGaps
 *
 * O(1).
 *
 * Returns: how many gaps the region has
 */
gsize
cg_region_gaps_n_gaps(const CgRegionGaps *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_gaps;
}

/**
 * cg_region_gaps_gap:
 * @result: a #CgRegionGaps
 * @i: an index below cg_region_gaps_n_gaps()
 *
 * O(1).
 *
 * Returns: (transfer none): gap @i, by weight descending, then node id; owned by @result. Read
 *   its fields through the pointer: the struct may grow (append-only), so never copy it or
 *   index an array of it
 */
const CgGap *
cg_region_gaps_gap(const CgRegionGaps *result, gsize i)
{
  g_return_val_if_fail(result != NULL && i < result->n_gaps, NULL);
  return &result->gaps[i];
}

/**
 * cg_region_gaps_gap_weight:
 * @result: a #CgRegionGaps
 *
 * O(1).
 *
 * Returns: Σ of the gap weights
 */
double
cg_region_gaps_gap_weight(const CgRegionGaps *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->gap_weight;
}

/**
 * cg_partners_region:
 * @result: a #CgPartners
 *
 * O(1).
 *
 * Returns: the graph's region index the coalition starts from
 */
gsize
cg_partners_region(const CgPartners *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->region;
}

/**
 * cg_partners_completion:
 * @result: a #CgPartners
 *
 * O(1).
 *
 * Returns: the completion of the region alone
 */
double
cg_partners_completion(const CgPartners *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->completion;
}

/**
 * cg_partners_n_steps:
 * @result: a #CgPartners
 *
 * O(1).
 *
 * Returns: how many greedy steps there are
 */
gsize
cg_partners_n_steps(const CgPartners *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->n_steps;
}

/**
 * cg_partners_step:
 * @result: a #CgPartners
 * @i: an index below cg_partners_n_steps()
 *
 * O(1).
 *
 * Returns: (transfer none): greedy step @i, in order; owned by @result. Read its fields through
 *   the pointer: the struct may grow (append-only), so never copy it or index an array of it
 */
const CgPartnerStep *
cg_partners_step(const CgPartners *result, gsize i)
{
  g_return_val_if_fail(result != NULL && i < result->n_steps, NULL);
  return &result->steps[i];
}

/**
 * cg_completion_completion:
 * @result: a #CgCompletion
 *
 * O(1).
 *
 * Returns: producible application weight ÷ total application weight
 */
double
cg_completion_completion(const CgCompletion *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->completion;
}

/**
 * cg_completion_weight:
 * @result: a #CgCompletion
 *
 * O(1).
 *
 * Returns: the producible application weight
 */
double
cg_completion_weight(const CgCompletion *result)
{
  g_return_val_if_fail(result != NULL, 0);
  return result->weight;
}

/**
 * cg_completion_applications:
 * @result: a #CgCompletion
 * @n_out: (out) (optional): the length of the array
 *
 * O(1).
 *
 * Returns: (array length=n_out) (transfer none): the producible applications, ascending; owned
 *   by @result
 */
const CgNodeId *
cg_completion_applications(const CgCompletion *result, gsize *n_out)
{
  g_return_val_if_fail(result != NULL, NULL);
  if (n_out)
    *n_out = result->n_applications;
  return result->applications;
}

/**
 * cg_completion_missing:
 * @result: a #CgCompletion
 * @n_out: (out) (optional): the length of the array
 *
 * O(1).
 *
 * Returns: (array length=n_out) (transfer none): nodes the coalition lacks that keep an
 *   application from being produced, ascending; owned by @result
 */
const CgNodeId *
cg_completion_missing(const CgCompletion *result, gsize *n_out)
{
  g_return_val_if_fail(result != NULL, NULL);
  if (n_out)
    *n_out = result->n_missing;
  return result->missing;
}

/**
 * cg_narrow_waists:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 *
 * Per chain that has stages, the stage with the fewest items (the earliest such stage on
 * ties), in chain order.
 *
 * Returns: (transfer full): free with cg_waists_free(). Complexity: O(total stage items).
 */
CgWaists *
cg_narrow_waists(const CgGraph *graph)
{
  g_return_val_if_fail(graph != NULL, NULL);
  CgWaists *list = g_new0(CgWaists, 1);
  list->items = cg__narrow_waists(graph, &list->n_items);
  return list;
}

/**
 * cg_regional_single_points:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 *
 * Nodes produced by exactly one region. Claims are reduced to the most specific regions
 * first: a region claiming a node that one of its sub-regions also claims is the same
 * supply, not a second source.
 *
 * Returns: (transfer full): ascending by node; free with cg_regional_points_free().
 *   Complexity: O(claims · depth²).
 */
CgRegionalPoints *
cg_regional_single_points(const CgGraph *graph)
{
  g_return_val_if_fail(graph != NULL, NULL);
  CgRegionalPoints *list = g_new0(CgRegionalPoints, 1);
  list->items = cg__regional_single_points(graph, &list->n_items);
  return list;
}

/**
 * cg_region_next:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region's name, id or alias
 * @top: how many steps to list (0: all)
 * @error: (nullable): where an unknown region goes
 *
 * What to develop next: the nodes the region does not produce that sit next to its
 * capabilities, scored by relatedness ("density": the share of the node's distinct inputs
 * and consumers the region already produces), applications left out, each with the
 * completion the region alone would gain by producing it. Sorted by density descending,
 * then gain descending, then how many neighbours are here, then id.
 *
 * Returns: (transfer full) (nullable): free with cg_next_steps_free(); %NULL with @error
 *   set (%CG_ERROR_UNKNOWN) for an unknown region (an empty list is not %NULL).
 *   Complexity: O(V + E + Σ_{v candidate} (d(v) + vol_v)).
 */
CgNextSteps *
cg_region_next(const CgGraph *graph, const char *region, gsize top, GError **error)
{
  gsize n = 0;
  CgNextStep *items = cg__region_next(graph, region, top, &n, error);
  if (!items)
    return NULL;
  CgNextSteps *list = g_new0(CgNextSteps, 1);
  list->items = items;
  list->n_items = n;
  return list;
}

/**
 * cg_waists_n_items:
 * @list: a #CgWaists
 *
 * O(1).
 *
 * Returns: how many items @list has
 */
gsize
cg_waists_n_items(const CgWaists *list)
{
  g_return_val_if_fail(list != NULL, 0);
  return list->n_items;
}

/**
 * cg_waists_item:
 * @list: a #CgWaists
 * @i: an index below cg_waists_n_items()
 *
 * O(1).
 *
 * Returns: (transfer none): the waist of one chain, in chain order; owned by @list. Read its fields through the pointer:
 *   the struct may grow (append-only), so never copy it or index an array of it
 */
const CgWaist *
cg_waists_item(const CgWaists *list, gsize i)
{
  g_return_val_if_fail(list != NULL && i < list->n_items, NULL);
  return &list->items[i];
}

/**
 * cg_waists_free:
 * @list: (nullable): a #CgWaists
 *
 * Frees @list. NULL-safe.
 */
void
cg_waists_free(CgWaists *list)
{
  if (!list)
    return;
  g_free(list->items);
  g_free(list);
}

/**
 * cg_regional_points_n_items:
 * @list: a #CgRegionalPoints
 *
 * O(1).
 *
 * Returns: how many items @list has
 */
gsize
cg_regional_points_n_items(const CgRegionalPoints *list)
{
  g_return_val_if_fail(list != NULL, 0);
  return list->n_items;
}

/**
 * cg_regional_points_item:
 * @list: a #CgRegionalPoints
 * @i: an index below cg_regional_points_n_items()
 *
 * O(1).
 *
 * Returns: (transfer none): one regional single point, ascending by node; owned by @list. Read its fields through the pointer:
 *   the struct may grow (append-only), so never copy it or index an array of it
 */
const CgRegionalPoint *
cg_regional_points_item(const CgRegionalPoints *list, gsize i)
{
  g_return_val_if_fail(list != NULL && i < list->n_items, NULL);
  return &list->items[i];
}

/**
 * cg_regional_points_free:
 * @list: (nullable): a #CgRegionalPoints
 *
 * Frees @list. NULL-safe.
 */
void
cg_regional_points_free(CgRegionalPoints *list)
{
  if (!list)
    return;
  g_free(list->items);
  g_free(list);
}

/**
 * cg_next_steps_n_items:
 * @list: a #CgNextSteps
 *
 * O(1).
 *
 * Returns: how many items @list has
 */
gsize
cg_next_steps_n_items(const CgNextSteps *list)
{
  g_return_val_if_fail(list != NULL, 0);
  return list->n_items;
}

/**
 * cg_next_steps_item:
 * @list: a #CgNextSteps
 * @i: an index below cg_next_steps_n_items()
 *
 * O(1).
 *
 * Returns: (transfer none): one next step, in the order cg_region_next() gives; owned by @list. Read its fields through the pointer:
 *   the struct may grow (append-only), so never copy it or index an array of it
 */
const CgNextStep *
cg_next_steps_item(const CgNextSteps *list, gsize i)
{
  g_return_val_if_fail(list != NULL && i < list->n_items, NULL);
  return &list->items[i];
}

/**
 * cg_next_steps_free:
 * @list: (nullable): a #CgNextSteps
 *
 * Frees @list. NULL-safe.
 */
void
cg_next_steps_free(CgNextSteps *list)
{
  if (!list)
    return;
  g_free(list->items);
  g_free(list);
}

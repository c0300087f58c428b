/* The definitions of the analysis results, private to the library (and its tests): the
 * public headers declare them opaque (docs/conventions.md, "Results"). A field may be
 * added anywhere here; cg_X_Y() accessors (results.c) are what a caller sees. */
#pragma once

#include <chaingraph/chaingraph.h>

G_BEGIN_DECLS

/*
 * CgBottlenecks:
 * @n_items: how many nodes are listed
 * @items: (array length=n_items): sorted by criticality descending, then id
 * @n_nodes: the graph's node count
 * @criticality: (array length=n_nodes): every node's criticality (or its estimate)
 * @total_weight: total application weight
 * @method: "dominator-tree" (OR-only graphs), "support-dag" (general, exact) or
 *   "sampled-applications" (an estimate)
 * @exact: whether @criticality is exact
 * @samples: for an estimate, the applications drawn
 * @ci_low: (array length=n_nodes) (nullable): for an estimate, per node the lower end of
 *   its 95% interval
 * @ci_high: (array length=n_nodes) (nullable): the upper end
 *
 * The answer of cg_bottlenecks(). Owned by the caller: free with cg_bottlenecks_free().
 */
struct _CgBottlenecks {
  gsize n_items;
  CgBottleneck *items;
  gsize n_nodes;
  double *criticality;
  double total_weight;
  const char *method;
  gboolean exact;
  gsize samples;
  double *ci_low;
  double *ci_high;
};

/*
 * CgRedundancy:
 * @application: the application
 * @size: the fewest nodes whose loss makes it unproducible (0: not producible at all;
 *   G_MAXSIZE: no cut, e.g. it has no inputs)
 * @exact: whether @size is exact (else an upper bound with @cut as its witness)
 * @n_cut: the length of @cut
 * @cut: (array length=n_cut): one such set of nodes (a witness of @size)
 *
 * How many nodes must be lost to lose one application (cg_redundancy()). Owned by the
 * caller: free with cg_redundancy_free().
 */
struct _CgRedundancy {
  CgNodeId application;
  gsize size;
  gboolean exact;
  gsize n_cut;
  CgNodeId *cut;
};

/*
 * CgImpact:
 * @impact: lost application weight ÷ total application weight, in [0, 1]
 * @lost_weight: application weight lost
 * @total_weight: total application weight of the graph
 * @n_lost: number of nodes producible without the disruption and not under it
 *   (the disrupted nodes included)
 * @lost: (array length=n_lost): those nodes, ascending
 * @n_lost_applications: how many of them are applications
 * @lost_applications: (array length=n_lost_applications): those, ascending
 * @n_disrupted: number of nodes knocked out directly (named, or all of whose producing
 *   regions are out)
 * @disrupted: (array length=n_disrupted): those, ascending
 *
 * What a disruption costs. Owned by the caller: free with cg_impact_free().
 */
struct _CgImpact {
  double impact;
  double lost_weight;
  double total_weight;
  gsize n_lost;
  CgNodeId *lost;
  gsize n_lost_applications;
  CgNodeId *lost_applications;
  gsize n_disrupted;
  CgNodeId *disrupted;
};

/*
 * CgRisk:
 * @n_nodes: the graph's node count
 * @probability: (array length=n_nodes): every node's failure probability
 * @factors: (array length=n_nodes): the model's factors behind it
 * @criticality: (array length=n_nodes): every node's criticality (cg_criticality())
 * @n_edges: the graph's edge count
 * @link_score: (array length=n_edges): every edge's link score
 * @link_share: (array length=n_edges): every edge's criticality share
 * @link_order: (array length=n_edges) (nullable): the edges ranked by score descending, then
 *   source id, then target id; %NULL until cg_risk_link_order() is first called when only the
 *   top links were listed
 * @n_links: how many links are listed
 * @links: (array length=n_links): the first @n_links of that ranking, explained
 * @expected_loss: expected lost application weight
 * @ci95: its 95% confidence interval ([mean, mean] when exact)
 * @total_weight: the total application weight
 * @samples: Monte Carlo samples drawn (0 when exact)
 * @states: states enumerated (0 for Monte Carlo)
 * @seed: the seed used
 * @method: "monte-carlo" or "exact"
 * @n_uncertain: producible nodes with a probability strictly between 0 and 1
 * @n_applications: the number of applications
 * @applications: (array length=n_applications): every application, by failure probability
 *   descending, then id
 * @n_invest: how many nodes are listed
 * @invest: (array length=n_invest): where to invest, by reduction descending, then id
 * @criticality_method: how criticality was computed ("dominator-tree" or "support-dag")
 *
 * The supply-risk answer. Free with cg_risk_free().
 */
struct _CgRisk {
  gsize n_nodes;
  double *probability;
  CgRiskFactors *factors;
  double *criticality;
  gsize n_edges;
  double *link_score;
  double *link_share;
  guint32 *link_order;
  gsize n_links;
  CgRiskLink *links;
  double expected_loss;
  double ci95[2];
  double total_weight;
  gsize samples;
  gsize states;
  guint64 seed;
  const char *method;
  gsize n_uncertain;
  gsize n_applications;
  CgRiskApplication *applications;
  gsize n_invest;
  CgRiskInvestment *invest;
  const char *criticality_method;
  /*< private >*/
  gpointer priv;
};

/*
 * CgRiskScenario:
 * @label: what the scenario is ("embargo", "region:赣州", "nodes:…", joined by " + ")
 * @impact: what the scenario alone loses (cg_disrupt() of the knocked-out nodes)
 * @base_loss: expected lost application weight without the scenario
 * @base_ci95: its 95% confidence interval
 * @loss: expected lost application weight with the scenario's nodes failed for sure and
 *   every other node failing with its probability
 * @ci95: its 95% confidence interval
 * @change: @loss − @base_loss
 * @change_ci95: its 95% confidence interval (paired samples: the same draws with and
 *   without the scenario)
 * @method: "monte-carlo" or "exact"
 * @samples: samples drawn (0 when exact)
 * @why: one line a planner reads
 *
 * Free with cg_risk_scenario_free().
 */
struct _CgRiskScenario {
  char *label;
  CgImpact *impact;
  double base_loss;
  double base_ci95[2];
  double loss;
  double ci95[2];
  double change;
  double change_ci95[2];
  const char *method;
  gsize samples;
  char *why;
};

/*
 * CgComplement:
 * @level: the level asked for ("province", …, or "any"); a static string
 * @weighting: how gaps were weighted
 * @n_regions: (skip)
 * @regions: (array length=n_regions): the regions at the level, sorted by name (bytewise)
 * @n_ordered_pairs: n_regions · (n_regions − 1): every ordered pair
 * @n_pairs: (skip)
 * @pairs: (array length=n_pairs): the best @top pairs (every pair when @top was 0),
 *   sorted by score descending, then supplier name, then receiver name
 *
 * Owned by the caller: free with cg_complement_free().
 */
struct _CgComplement {
  const char *level;
  CgGapWeighting weighting;
  gsize n_regions;
  CgComplementRegion *regions;
  gsize n_ordered_pairs;
  gsize n_pairs;
  CgComplementPair *pairs;
  /*< private >*/
  gpointer priv;
};

/*
 * CgRegionGaps:
 * @region: the graph's region index
 * @n_capabilities: (skip)
 * @capabilities: (array length=n_capabilities): ascending node index
 * @n_gaps: (skip)
 * @gaps: (array length=n_gaps): by weight descending, then node id
 * @gap_weight: Σ of the gap weights
 *
 * A region's gaps (cg_region_gaps()). Owned by the caller: free with
 * cg_region_gaps_free().
 */
struct _CgRegionGaps {
  guint32 region;
  gsize n_capabilities;
  CgNodeId *capabilities;
  gsize n_gaps;
  CgGap *gaps;
  double gap_weight;
};

/*
 * CgPartners:
 * @region: the graph's region index the coalition starts from
 * @completion: completion of the region alone
 * @n_steps: (skip)
 * @steps: (array length=n_steps): greedy steps, in order
 *
 * The partners that complete a region most, greedily (cg_region_partners()). Owned by the
 * caller: free with cg_partners_free().
 */
struct _CgPartners {
  guint32 region;
  double completion;
  gsize n_steps;
  CgPartnerStep *steps;
};

/*
 * CgCompletion:
 * @completion: producible application weight ÷ total application weight
 * @weight: producible application weight
 * @n_applications: (skip)
 * @applications: (array length=n_applications): producible applications, ascending
 * @n_missing: (skip)
 * @missing: (array length=n_missing): nodes the coalition lacks that keep an application
 *   from being made (see cg_completion_full()), ascending
 *
 * How complete a coalition of regions makes the chains (cg_completion()). Owned by the
 * caller: free with cg_completion_free().
 */
struct _CgCompletion {
  double completion;
  double weight;
  gsize n_applications;
  CgNodeId *applications;
  gsize n_missing;
  CgNodeId *missing;
};

/* CgWaists: the chains' narrow waists (cg_narrow_waists()). */
struct _CgWaists {
  gsize n_items;
  CgWaist *items;
};

/* CgRegionalPoints: the regional single points (cg_regional_single_points()). */
struct _CgRegionalPoints {
  gsize n_items;
  CgRegionalPoint *items;
};

/* CgNextSteps: what a region could develop next (cg_region_next()). */
struct _CgNextSteps {
  gsize n_items;
  CgNextStep *items;
};

G_END_DECLS

/* The results' public accessors (docs/conventions.md, "Results") against the private
 * definitions they read: every accessor of every opaque result, on the bundled chains, must
 * return exactly the field it names (the same pointer for arrays and items). */
#include "cg-test-util.h"
#include "analysis/cg-results.h"

#include <stddef.h>
#include <string.h>

static CgGraph *
load_chains(void)
{
  GError *err = NULL;
  CgGraph *g = cg_graph_load_default(&err);
  g_assert_no_error(err);
  g_assert_nonnull(g);
  return g;
}

#define SAME_ARRAY(accessor, r, field, nfield)                                                 \
  do {                                                                                         \
    gsize n_ = G_MAXSIZE;                                                                      \
    g_assert_true(accessor(r, &n_) == (r)->field);                                             \
    g_assert_cmpuint(n_, ==, (r)->nfield);                                                     \
    g_assert_true(accessor(r, NULL) == (r)->field);                                            \
  } while (0)

static void
check_impact(const CgImpact *im)
{
  g_assert_cmpfloat(cg_impact_share(im), ==, im->impact);
  g_assert_cmpfloat(cg_impact_lost_weight(im), ==, im->lost_weight);
  g_assert_cmpfloat(cg_impact_total_weight(im), ==, im->total_weight);
  SAME_ARRAY(cg_impact_lost, im, lost, n_lost);
  SAME_ARRAY(cg_impact_lost_applications, im, lost_applications, n_lost_applications);
  SAME_ARRAY(cg_impact_disrupted, im, disrupted, n_disrupted);
}

static void
test_bottlenecks(void)
{
  g_autoptr(CgGraph) g = load_chains();
  for (int estimate = 0; estimate < 2; estimate++) {
    CgBottleneckOptions o;
    cg_bottleneck_options_init(&o, CG_BOTTLENECK_OPTIONS_VERSION);
    o.estimate = estimate ? CG_ESTIMATE_ALWAYS : CG_ESTIMATE_NEVER;
    o.samples = 50;
    g_autoptr(CgBottlenecks) r = cg_bottlenecks(g, &o, NULL);
    g_assert_nonnull(r);
    g_assert_cmpuint(r->n_items, >, 0);
    g_assert_cmpuint(cg_bottlenecks_n_items(r), ==, r->n_items);
    for (gsize i = 0; i < r->n_items; i++)
      g_assert_true(cg_bottlenecks_item(r, i) == &r->items[i]);
    g_assert_cmpuint(cg_bottlenecks_n_nodes(r), ==, r->n_nodes);
    g_assert_true(cg_bottlenecks_criticality(r) == r->criticality);
    g_assert_cmpfloat(cg_bottlenecks_total_weight(r), ==, r->total_weight);
    g_assert_cmpstr(cg_bottlenecks_method(r), ==, r->method);
    g_assert_cmpint(cg_bottlenecks_exact(r), ==, r->exact);
    g_assert_cmpint(cg_bottlenecks_exact(r), ==, !estimate);
    g_assert_cmpuint(cg_bottlenecks_samples(r), ==, r->samples);
    g_assert_true(cg_bottlenecks_ci_low(r) == r->ci_low);
    g_assert_true(cg_bottlenecks_ci_high(r) == r->ci_high);
    g_assert_true((cg_bottlenecks_ci_low(r) == NULL) == !estimate);
  }
  g_autoptr(CgWaists) w = cg_narrow_waists(g);
  g_assert_cmpuint(cg_waists_n_items(w), ==, w->n_items);
  g_assert_cmpuint(w->n_items, >, 0);
  for (gsize i = 0; i < w->n_items; i++)
    g_assert_true(cg_waists_item(w, i) == &w->items[i]);
  g_autoptr(CgRegionalPoints) pts = cg_regional_single_points(g);
  g_assert_cmpuint(cg_regional_points_n_items(pts), ==, pts->n_items);
  g_assert_cmpuint(pts->n_items, >, 0);
  for (gsize i = 0; i < pts->n_items; i++)
    g_assert_true(cg_regional_points_item(pts, i) == &pts->items[i]);
  for (gsize a = 0; a < cg_graph_n_nodes(g); a++) {
    if (!cg_node_is_application(g, a))
      continue;
    g_autoptr(CgRedundancy) red = cg_redundancy(g, a, NULL);
    g_assert_nonnull(red);
    g_assert_cmpuint(cg_redundancy_application(red), ==, red->application);
    g_assert_cmpuint(cg_redundancy_application(red), ==, a);
    g_assert_cmpuint(cg_redundancy_size(red), ==, red->size);
    g_assert_cmpint(cg_redundancy_exact(red), ==, red->exact);
    SAME_ARRAY(cg_redundancy_cut, red, cut, n_cut);
  }
}

static void
test_disrupt(void)
{
  g_autoptr(CgGraph) g = load_chains();
  CgNodeId nodes[] = {0, 3};
  g_autoptr(CgImpact) im = cg_disrupt(g, nodes, G_N_ELEMENTS(nodes), NULL, NULL);
  g_assert_nonnull(im);
  check_impact(im);
}

static void
test_risk(void)
{
  g_autoptr(CgGraph) g = load_chains();
  CgRiskOptions o;
  cg_risk_options_init(&o, CG_RISK_OPTIONS_VERSION);
  o.samples = 500;
  o.invest = 3;
  o.invest_samples = 200;
  g_autoptr(CgRisk) r = cg_risk(g, &o, NULL);
  g_assert_nonnull(r);
  g_assert_cmpuint(cg_risk_n_nodes(r), ==, r->n_nodes);
  g_assert_true(cg_risk_probability(r) == r->probability);
  for (gsize v = 0; v < r->n_nodes; v++)
    g_assert_true(cg_risk_factors(r, v) == &r->factors[v]);
  g_assert_true(cg_risk_criticality(r) == r->criticality);
  g_assert_cmpuint(cg_risk_n_edges(r), ==, r->n_edges);
  g_assert_true(cg_risk_link_score(r) == r->link_score);
  g_assert_true(cg_risk_link_share(r) == r->link_share);
  g_assert_true(cg_risk_link_order(r) == r->link_order);
  g_assert_cmpuint(cg_risk_n_links(r), ==, r->n_links);
  g_assert_cmpuint(r->n_links, >, 0);
  for (gsize i = 0; i < r->n_links; i++)
    g_assert_true(cg_risk_link(r, i) == &r->links[i]);
  g_assert_cmpfloat(cg_risk_expected_loss(r), ==, r->expected_loss);
  g_assert_true(cg_risk_ci95(r) == r->ci95);
  g_assert_cmpfloat(cg_risk_total_weight(r), ==, r->total_weight);
  g_assert_cmpuint(cg_risk_samples(r), ==, r->samples);
  g_assert_cmpuint(cg_risk_states(r), ==, r->states);
  g_assert_cmpuint(cg_risk_seed(r), ==, r->seed);
  g_assert_cmpstr(cg_risk_method(r), ==, r->method);
  g_assert_cmpuint(cg_risk_n_uncertain(r), ==, r->n_uncertain);
  g_assert_cmpuint(cg_risk_n_applications(r), ==, r->n_applications);
  g_assert_cmpuint(r->n_applications, >, 0);
  for (gsize i = 0; i < r->n_applications; i++)
    g_assert_true(cg_risk_application(r, i) == &r->applications[i]);
  g_assert_cmpuint(cg_risk_n_invest(r), ==, r->n_invest);
  g_assert_cmpuint(r->n_invest, >, 0);
  for (gsize i = 0; i < r->n_invest; i++)
    g_assert_true(cg_risk_invest(r, i) == &r->invest[i]);
  g_assert_cmpstr(cg_risk_criticality_method(r), ==, r->criticality_method);

  const char *regions[] = {"江西", NULL};
  g_autoptr(CgRiskScenario) sc = cg_risk_scenario(g, r, NULL, 0, regions, FALSE, &o, NULL);
  g_assert_nonnull(sc);
  g_assert_cmpstr(cg_risk_scenario_label(sc), ==, sc->label);
  g_assert_true(cg_risk_scenario_impact(sc) == sc->impact);
  check_impact(cg_risk_scenario_impact(sc));
  g_assert_cmpfloat(cg_risk_scenario_base_loss(sc), ==, sc->base_loss);
  g_assert_true(cg_risk_scenario_base_ci95(sc) == sc->base_ci95);
  g_assert_cmpfloat(cg_risk_scenario_loss(sc), ==, sc->loss);
  g_assert_true(cg_risk_scenario_ci95(sc) == sc->ci95);
  g_assert_cmpfloat(cg_risk_scenario_change(sc), ==, sc->change);
  g_assert_true(cg_risk_scenario_change_ci95(sc) == sc->change_ci95);
  g_assert_cmpstr(cg_risk_scenario_method(sc), ==, sc->method);
  g_assert_cmpuint(cg_risk_scenario_samples(sc), ==, sc->samples);
  g_assert_cmpstr(cg_risk_scenario_why(sc), ==, sc->why);
}

static void
test_complement(void)
{
  g_autoptr(CgGraph) g = load_chains();
  CgComplementOptions o;
  cg_complement_options_init(&o, CG_COMPLEMENT_OPTIONS_VERSION);
  o.level = "any";
  g_autoptr(CgComplement) r = cg_complement(g, &o, NULL);
  g_assert_nonnull(r);
  g_assert_cmpstr(cg_complement_level(r), ==, r->level);
  g_assert_cmpint(cg_complement_weighting(r), ==, r->weighting);
  g_assert_cmpuint(cg_complement_n_regions(r), ==, r->n_regions);
  g_assert_cmpuint(r->n_regions, >, 1);
  for (gsize i = 0; i < r->n_regions; i++)
    g_assert_true(cg_complement_region(r, i) == &r->regions[i]);
  g_assert_cmpuint(cg_complement_n_ordered_pairs(r), ==, r->n_ordered_pairs);
  g_assert_cmpuint(cg_complement_n_pairs(r), ==, r->n_pairs);
  for (gsize i = 0; i < r->n_pairs; i++)
    g_assert_true(cg_complement_pair(r, i) == &r->pairs[i]);

  const char *region = "江西";
  g_autoptr(CgRegionGaps) gaps = cg_region_gaps(g, region, CG_GAP_WEIGHT_CRITICALITY, NULL);
  g_assert_nonnull(gaps);
  g_assert_cmpuint(cg_region_gaps_region(gaps), ==, gaps->region);
  SAME_ARRAY(cg_region_gaps_capabilities, gaps, capabilities, n_capabilities);
  g_assert_cmpuint(cg_region_gaps_n_gaps(gaps), ==, gaps->n_gaps);
  g_assert_cmpuint(gaps->n_gaps, >, 0);
  for (gsize i = 0; i < gaps->n_gaps; i++)
    g_assert_true(cg_region_gaps_gap(gaps, i) == &gaps->gaps[i]);
  g_assert_cmpfloat(cg_region_gaps_gap_weight(gaps), ==, gaps->gap_weight);

  g_autoptr(CgPartners) pt = cg_region_partners(g, region, "any", 3, NULL);
  g_assert_nonnull(pt);
  g_assert_cmpuint(cg_partners_region(pt), ==, pt->region);
  g_assert_cmpfloat(cg_partners_completion(pt), ==, pt->completion);
  g_assert_cmpuint(cg_partners_n_steps(pt), ==, pt->n_steps);
  g_assert_cmpuint(pt->n_steps, >, 0);
  for (gsize i = 0; i < pt->n_steps; i++)
    g_assert_true(cg_partners_step(pt, i) == &pt->steps[i]);

  g_autoptr(CgNextSteps) next = cg_region_next(g, region, 0, NULL);
  g_assert_nonnull(next);
  g_assert_cmpuint(cg_next_steps_n_items(next), ==, next->n_items);
  g_assert_cmpuint(next->n_items, >, 0);
  for (gsize i = 0; i < next->n_items; i++)
    g_assert_true(cg_next_steps_item(next, i) == &next->items[i]);

  const char *coalition[] = {"江西", "浙江", NULL};
  g_autoptr(CgCompletion) c = cg_completion_full(g, coalition, NULL);
  g_assert_nonnull(c);
  g_assert_cmpfloat(cg_completion_completion(c), ==, c->completion);
  g_assert_cmpfloat(cg_completion_weight(c), ==, c->weight);
  SAME_ARRAY(cg_completion_applications, c, applications, n_applications);
  SAME_ARRAY(cg_completion_missing, c, missing, n_missing);
}

/* cg_risk_node_probability() writes no more of the caller's CgRiskFactors than the size it
 * is given (a caller compiled before a field was added), and what it writes matches the
 * whole struct. */
static void
test_factors_size(void)
{
  g_autoptr(CgGraph) g = load_chains();
  for (CgNodeId v = 0; v < cg_graph_n_nodes(g); v++) {
    CgRiskFactors full, part;
    double p = cg_risk_node_probability(g, NULL, v, &full, sizeof full);
    gsize cut = offsetof(CgRiskFactors, foreign);
    memset(&part, 0xab, sizeof part);
    g_assert_cmpfloat(cg_risk_node_probability(g, NULL, v, &part, cut), ==, p);
    g_assert_cmpint(memcmp(&part, &full, cut), ==, 0);
    for (gsize k = cut; k < sizeof part; k++)
      g_assert_cmpuint(((const guchar *)&part)[k], ==, 0xab);
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  if (!g_getenv("CHAINGRAPH_CHAINS")) {
    g_test_skip("CHAINGRAPH_CHAINS is not set (the bundled chains)");
    return g_test_run();
  }
  g_test_add_func("/results/bottlenecks", test_bottlenecks);
  g_test_add_func("/results/disrupt", test_disrupt);
  g_test_add_func("/results/risk", test_risk);
  g_test_add_func("/results/complement", test_complement);
  g_test_add_func("/results/factors-size", test_factors_size);
  return g_test_run();
}

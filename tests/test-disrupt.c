/* Producibility and disruption, against a naive fixed-point oracle on random graphs. */
#include "cg-test-util.h"

static void
test_hand(void)
{
  /* ore -> {ndfeb | smco} -> motor -> car;  battery needs cathode AND anode */
  const char *t = "document d.txt\n"
                  "node ore O stage=raw\nnode ndfeb N stage=material\nnode smco S stage=material\n"
                  "node motor M stage=component\nnode car C stage=application weight=3\n"
                  "node cathode K stage=material\nnode anode A stage=material\n"
                  "node battery B stage=component\nnode phone P stage=application\n"
                  "ndfeb <- ore inferred=\"t\"\nsmco <- ore inferred=\"t\"\n"
                  "motor <- ndfeb | smco inferred=\"t\"\ncar <- motor & battery inferred=\"t\"\n"
                  "battery <- cathode & anode inferred=\"t\"\nphone <- battery inferred=\"t\"\n"
                  "region R level=province\nregion S1 level=city parent=R\nregion T level=city\n"
                  "produces S1 ndfeb quote=\"x\"\nproduces T ndfeb,smco quote=\"x\"\n"
                  "produces S1 cathode quote=\"x\"\n";
  g_autoptr(CgGraph) g = cg_test_load(t);
  GError *error = NULL;
  guint32 ndfeb = (guint32)cg_graph_find_node(g, "ndfeb");
  g_autoptr(CgImpact) a = cg_disrupt(g, &ndfeb, 1, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(CG_TEST_LEN(cg_impact_lost, a), ==, 1); /* smco substitutes */
  g_assert_cmpfloat(cg_impact_share(a), ==, 0.0);

  guint32 anode = (guint32)cg_graph_find_node(g, "anode");
  g_autoptr(CgImpact) b = cg_disrupt(g, &anode, 1, NULL, &error);
  g_assert_cmpuint(CG_TEST_LEN(cg_impact_lost_applications, b), ==, 2);
  g_assert_cmpfloat_with_epsilon(cg_impact_share(b), 1.0, 1e-12);
  g_assert_cmpuint(CG_TEST_LEN(cg_impact_lost, b), ==, 4); /* anode, battery, car, phone */

  guint32 both[2] = {ndfeb, (guint32)cg_graph_find_node(g, "smco")};
  g_autoptr(CgImpact) c = cg_disrupt(g, both, 2, NULL, &error);
  g_assert_cmpfloat_with_epsilon(cg_impact_share(c), 3.0 / 4.0, 1e-12);

  /* Region R out: S1 is inside R, so cathode (only S1) is out; ndfeb is still made in T. */
  const char *regions[] = {"R", NULL};
  g_autoptr(CgImpact) d = cg_disrupt(g, NULL, 0, regions, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(CG_TEST_LEN(cg_impact_disrupted, d), ==, 1);
  g_assert_cmpstr(cg_node_id(g, cg_impact_disrupted(d, NULL)[0]), ==, "cathode");
  g_assert_cmpfloat_with_epsilon(cg_impact_share(d), 1.0, 1e-12);

  const char *bad[] = {"Nowhere", NULL};
  g_assert_null(cg_disrupt(g, NULL, 0, bad, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);
}

static void
test_cycle_needs_outside_source(void)
{
  /* a <-> b with no source: neither is producible. c feeds b as an alternative. */
  const char *t = "node a A\nnode b B\nnode c C\nnode d D stage=application\n"
                  "a <- b inferred=\"t\"\nb <- a | c inferred=\"t\"\nd <- a inferred=\"t\"\n";
  g_autoptr(CgGraph) g = cg_test_load(t);
  GError *error = NULL;
  guint8 prod[4];
  cg_graph_producible(g, NULL, prod);
  for (int v = 0; v < 4; v++)
    g_assert_true(prod[v]);
  guint32 c = (guint32)cg_graph_find_node(g, "c");
  g_autoptr(CgImpact) im = cg_disrupt(g, &c, 1, NULL, &error);
  /* Without c the a<->b loop has no outside source: all lost. */
  g_assert_cmpuint(CG_TEST_LEN(cg_impact_lost, im), ==, 4);
  g_assert_cmpfloat(cg_impact_share(im), ==, 1.0);
}

static void
test_random_against_oracle(void)
{
  for (guint seed = 1; seed <= 300; seed++) {
    GRand *rng = g_rand_new_with_seed(seed);
    guint n = (guint)g_rand_int_range(rng, 2, 14);
    g_autoptr(CgGraph) g = cg_test_random_graph(rng, n, 0.3, 0.5, 0.3);
    guint8 *removed = g_new0(guint8, n), *fast = g_new(guint8, n), *slow = g_new(guint8, n);
    for (int trial = 0; trial < 4; trial++) {
      for (guint v = 0; v < n; v++)
        removed[v] = trial > 0 && g_rand_int_range(rng, 0, 4) == 0;
      cg_graph_producible(g, removed, fast);
      cg_test_naive_producible(g, removed, slow);
      for (guint v = 0; v < n; v++)
        if (fast[v] != slow[v])
          g_error("seed %u trial %d node %u: fast %d naive %d", seed, trial, v, fast[v], slow[v]);
    }
    g_free(removed);
    g_free(fast);
    g_free(slow);
    g_rand_free(rng);
  }
}

/* A province's claim of what one of its cities also claims is the city's supply counted
 * again: the city's outage loses it, a sibling's does not. A district's plan does not make
 * its city's present production the district's: the district's outage loses nothing. */
static void
test_region_most_specific(void)
{
  const char *t = "document d.txt\n"
                  "node x 甲 stage=raw\nnode y 乙 stage=raw\nnode app 丙 stage=application\n"
                  "app <- 甲 & 乙 inferred=\"t\"\n"
                  "region 浙江 level=province\nregion 宁波 level=city parent=浙江\n"
                  "region 杭州 level=city parent=浙江\nregion 北仑 level=district parent=宁波\n"
                  "produces 浙江 甲,乙 inferred=\"t\"\n"
                  "produces 宁波 甲 inferred=\"t\"\n"
                  "produces 北仑 甲 role=develop inferred=\"t\"\n";
  g_autoptr(CgGraph) g = cg_test_load(t);
  GError *error = NULL;
  struct {
    const char *region;
    gsize lost;
  } cases[] = {{"北仑", 0}, {"宁波", 1}, {"杭州", 0}, {"浙江", 2}};
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    const char *regions[] = {cases[i].region, NULL};
    gsize k = 99;
    g_autofree guint32 *out = cg_region_outage_nodes(g, regions, &k, &error);
    g_assert_no_error(error);
    g_assert_nonnull(out); /* also when nothing is knocked out */
    g_assert_cmpuint(k, ==, cases[i].lost);
    if (k == 1)
      g_assert_cmpstr(cg_node_id(g, out[0]), ==, "x");
  }
  const char *unknown[] = {"Atlantis", NULL};
  gsize k;
  g_assert_null(cg_region_outage_nodes(g, unknown, &k, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/disrupt/hand", test_hand);
  g_test_add_func("/disrupt/region/most-specific-claims", test_region_most_specific);
  g_test_add_func("/disrupt/cycle-needs-outside-source", test_cycle_needs_outside_source);
  g_test_add_func("/disrupt/random/matches-naive-fixed-point", test_random_against_oracle);
  return g_test_run();
}

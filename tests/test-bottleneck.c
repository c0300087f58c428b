/* Bottlenecks against independent oracles: brute force on random AND/OR graphs with
 * cycles, igraph's dominator tree on OR-only graphs, descendants on AND-only DAGs, and
 * exhaustive search for redundancy. */
#include "cg-test-util.h"

#include <igraph.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>

#define EPS 1e-9

/* An independent copy of @g (through JSON): a graph keeps its criticality once computed,
 * so a second thread count needs a graph of its own. */
static CgGraph *
fresh_copy(const CgGraph *g)
{
  GError *error = NULL;
  char *text = cg_graph_to_string(g, "json", &error);
  g_assert_no_error(error);
  CgGraph *c = cg_graph_load_data(text, -1, "copy.json", "json", &error);
  g_assert_no_error(error);
  cg_free(text);
  return c;
}

static void
check_against_brute(CgGraph *g, const char *what, guint seed)
{
  gsize n = cg_graph_n_nodes(g);
  GArray **sets = g_new0(GArray *, n);
  double *brute = cg_test_brute_criticality(g, sets);
  for (guint threads = 1; threads <= 2; threads++) {
    CgGraph *h = threads == 1 ? g : fresh_copy(g);
    double *fast = cg_criticality(h, threads, NULL);
    for (gsize v = 0; v < n; v++)
      if (fabs(fast[v] - brute[v]) > EPS)
        g_error("%s seed %u node %s: criticality %g, brute force %g", what, seed,
                cg_node_id(g, v), fast[v], brute[v]);
    cg_free(fast);
    if (h != g)
      cg_graph_free(h);
  }
  /* The listed nodes carry the exact lost sets. */
  CgBottleneckOptions opt;
  cg_bottleneck_options_init(&opt, CG_BOTTLENECK_OPTIONS_VERSION);
  opt.top = 0;
  opt.betweenness = CG_BETWEENNESS_NEVER;
  GError *error = NULL;
  g_autoptr(CgBottlenecks) r = cg_bottlenecks(g, &opt, &error);
  g_assert_no_error(error);
  for (gsize i = 0; i < cg_bottlenecks_n_items(r); i++) {
    const CgBottleneck *b = cg_bottlenecks_item(r, i);
    GArray *want = sets[b->node];
    g_assert_cmpuint(b->n_lost, ==, want->len);
    for (gsize k = 0; k < b->n_lost; k++)
      g_assert_cmpuint(b->lost[k], ==, g_array_index(want, guint32, k));
    if (i > 0)
      g_assert_cmpfloat(cg_bottlenecks_item(r, i - 1)->criticality, >=, b->criticality);
  }
  for (gsize v = 0; v < n; v++)
    g_array_free(sets[v], TRUE);
  g_free(sets);
  g_free(brute);
}

static void
test_mixed_random(void)
{
  for (guint seed = 1; seed <= 400; seed++) {
    GRand *rng = g_rand_new_with_seed(seed);
    guint n = (guint)g_rand_int_range(rng, 2, 16);
    double p = g_rand_double_range(rng, 0.1, 0.45);
    g_autoptr(CgGraph) g = cg_test_random_graph(rng, n, p, 0.5, 0.35);
    check_against_brute(g, "mixed", seed);
    g_rand_free(rng);
  }
}

/* A bigger mixed graph crosses the threading threshold. */
static void
test_mixed_threads(void)
{
  GRand *rng = g_rand_new_with_seed(7);
  g_autoptr(CgGraph) g = cg_test_random_graph(rng, 2100, 0.0012, 0.5, 0.3);
  g_autoptr(CgGraph) h = fresh_copy(g);
  double *one = cg_criticality(g, 1, NULL), *two = cg_criticality(h, 2, NULL);
  for (gsize v = 0; v < cg_graph_n_nodes(g); v++)
    g_assert_cmpfloat(one[v], ==, two[v]);
  /* Kept with the graph: a second call hands out an equal copy. */
  double *again = cg_criticality(g, 2, NULL);
  g_assert_true(again != one);
  for (gsize v = 0; v < cg_graph_n_nodes(g); v++)
    g_assert_cmpfloat(again[v], ==, one[v]);
  cg_free(again);
  cg_free(one);
  cg_free(two);
  g_rand_free(rng);
}

/* igraph's dominator tree, with a virtual root over the sources. */
static igraph_vector_int_t *
igraph_dom(const CgGraph *g)
{
  gsize n = cg_graph_n_nodes(g), m = cg_graph_n_edges(g);
  igraph_vector_int_t edges;
  igraph_vector_int_init(&edges, 0);
  for (gsize e = 0; e < m; e++) {
    igraph_vector_int_push_back(&edges, (igraph_integer_t)cg_edge_source(g, e));
    igraph_vector_int_push_back(&edges, (igraph_integer_t)cg_edge_target(g, e));
  }
  for (gsize v = 0; v < n; v++)
    if (cg_node_in_degree(g, v) == 0) {
      igraph_vector_int_push_back(&edges, (igraph_integer_t)n);
      igraph_vector_int_push_back(&edges, (igraph_integer_t)v);
    }
  igraph_t ig;
  igraph_create(&ig, &edges, (igraph_integer_t)n + 1, IGRAPH_DIRECTED);
  igraph_vector_int_t *dom = g_new(igraph_vector_int_t, 1);
  igraph_vector_int_init(dom, 0);
  igraph_dominator_tree(&ig, (igraph_integer_t)n, dom, NULL, NULL, IGRAPH_OUT);
  igraph_destroy(&ig);
  igraph_vector_int_destroy(&edges);
  return dom;
}

static void
test_or_only_matches_igraph_dominators(void)
{
  for (guint seed = 1; seed <= 300; seed++) {
    GRand *rng = g_rand_new_with_seed(seed);
    guint n = (guint)g_rand_int_range(rng, 2, 40);
    g_autoptr(CgGraph) g =
        cg_test_random_graph_shaped(rng, n, g_rand_double_range(rng, 0.02, 0.3), 1, 0.3,
                                    CG_TEST_OR_ONLY);
    igraph_vector_int_t *dom = igraph_dom(g);
    CgNodeId *mine = cg_dominator_tree(g);
    for (gsize v = 0; v < n; v++) {
      igraph_integer_t want = VECTOR(*dom)[v];
      CgNodeId w = want == (igraph_integer_t)n ? (CgNodeId)n : want < 0 ? CG_NODE_NONE : (CgNodeId)want;
      if (mine[v] != w)
        g_error("seed %u node %zu: idom %u, igraph %u", seed, v, mine[v], w);
    }
    /* criticality = application weight of the dominator subtree */
    double total = 0, *sub = g_new0(double, n);
    for (gsize v = 0; v < n; v++)
      if (cg_node_is_application(g, v))
        total += cg_node_weight(g, v);
    for (gsize v = 0; v < n; v++) {
      if (!cg_node_is_application(g, v) || mine[v] == CG_NODE_NONE)
        continue;
      for (CgNodeId d = (CgNodeId)v; d < n; d = mine[d])
        sub[d] += cg_node_weight(g, v);
    }
    const char *method;
    double *crit = cg_criticality(g, 0, &method);
    g_assert_cmpstr(method, ==, "dominator-tree");
    for (gsize v = 0; v < n; v++)
      g_assert_cmpfloat_with_epsilon(crit[v], total > 0 ? sub[v] / total : 0, EPS);
    check_against_brute(g, "or-only", seed);
    cg_free(crit);
    g_free(sub);
    cg_free(mine);
    igraph_vector_int_destroy(dom);
    g_free(dom);
    g_rand_free(rng);
  }
}

static void
test_and_dag_matches_descendants(void)
{
  for (guint seed = 1; seed <= 200; seed++) {
    GRand *rng = g_rand_new_with_seed(seed);
    guint n = (guint)g_rand_int_range(rng, 2, 30);
    g_autoptr(CgGraph) g = cg_test_random_graph_shaped(rng, n, g_rand_double_range(rng, 0.05, 0.3),
                                                       0, 0.4, CG_TEST_AND_DAG);
    double total = 0;
    for (gsize v = 0; v < n; v++)
      if (cg_node_is_application(g, v))
        total += cg_node_weight(g, v);
    double *crit = cg_criticality(g, 0, NULL);
    guint8 *seen = g_new(guint8, n);
    for (gsize x = 0; x < n; x++) {
      memset(seen, 0, n);
      seen[x] = 1;
      double w = 0;
      for (gboolean grew = TRUE; grew;) { /* descendants by sweeps */
        grew = FALSE;
        for (gsize e = 0; e < cg_graph_n_edges(g); e++)
          if (seen[cg_edge_source(g, e)] && !seen[cg_edge_target(g, e)])
            seen[cg_edge_target(g, e)] = grew = 1;
      }
      for (gsize v = 0; v < n; v++)
        if (seen[v] && cg_node_is_application(g, v))
          w += cg_node_weight(g, v);
      g_assert_cmpfloat_with_epsilon(crit[x], total > 0 ? w / total : 0, EPS);
    }
    g_free(seen);
    cg_free(crit);
    g_rand_free(rng);
  }
}

/* The smallest set whose loss kills @app, by exhaustive search. */
static gsize
brute_redundancy(const CgGraph *g, gsize app)
{
  gsize n = cg_graph_n_nodes(g);
  guint8 *removed = g_new0(guint8, n), *prod = g_new(guint8, n);
  cg_test_naive_producible(g, NULL, prod);
  gsize best = prod[app] ? G_MAXSIZE : 0;
  for (guint32 mask = 1; prod[app] && mask < (1u << n); mask++) {
    if (mask & (1u << app))
      continue;
    gsize k = (gsize)__builtin_popcount(mask);
    if (k >= best)
      continue;
    for (gsize v = 0; v < n; v++)
      removed[v] = (mask >> v) & 1;
    cg_test_naive_producible(g, removed, prod);
    if (!prod[app])
      best = k;
    cg_test_naive_producible(g, NULL, prod);
  }
  g_free(removed);
  g_free(prod);
  return best;
}

static void
test_redundancy(void)
{
  for (guint seed = 1; seed <= 150; seed++) {
    GRand *rng = g_rand_new_with_seed(seed);
    guint n = (guint)g_rand_int_range(rng, 3, 11);
    CgTestShape shape = seed % 2 ? CG_TEST_OR_ONLY : CG_TEST_MIXED;
    g_autoptr(CgGraph) g =
        cg_test_random_graph_shaped(rng, n, g_rand_double_range(rng, 0.15, 0.5), 0.6, 0.3, shape);
    for (gsize a = 0; a < n; a++) {
      GError *error = NULL;
      g_autoptr(CgRedundancy) r = cg_redundancy(g, a, &error);
      g_assert_no_error(error);
      gsize want = brute_redundancy(g, a);
      if (cg_redundancy_exact(r))
        g_assert_cmpuint(cg_redundancy_size(r), ==, want);
      else
        g_assert_cmpuint(cg_redundancy_size(r), >=, want);
      if (shape == CG_TEST_OR_ONLY)
        g_assert_true(cg_redundancy_exact(r));
      if (cg_redundancy_size(r) != 0 && cg_redundancy_size(r) != G_MAXSIZE) {
        /* the cut is a witness */
        g_assert_cmpuint(CG_TEST_LEN(cg_redundancy_cut, r), ==, cg_redundancy_size(r));
        guint8 *removed = g_new0(guint8, n), *prod = g_new(guint8, n);
        for (gsize i = 0; i < CG_TEST_LEN(cg_redundancy_cut, r); i++)
          removed[cg_redundancy_cut(r, NULL)[i]] = 1;
        cg_test_naive_producible(g, removed, prod);
        g_assert_false(prod[a]);
        g_free(removed);
        g_free(prod);
      }
    }
    g_rand_free(rng);
  }
}

static void
test_hand_why(void)
{
  const char *t =
      "document d.txt\n"
      "node ore 稀土原料 en=ore stage=raw\nnode ndfeb 钕铁硼 en=NdFeB stage=material\n"
      "node motor 电机 en=motor stage=component\nnode car 汽车 en=car stage=application\n"
      "node phone 消费电子 en=electronics stage=application\n"
      "chain magnet 磁性材料产业链 quote=\"q\"\n path 稀土原料——钕铁硼——电机——汽车、消费电子\nend\n"
      "region A level=province\nregion B level=province\n"
      "produces A ndfeb quote=\"q\"\nproduces B ndfeb,motor quote=\"q\"\nproduces A ore quote=\"q\"\n";
  g_autoptr(CgGraph) g = cg_test_load(t);
  GError *error = NULL;
  g_autoptr(CgBottlenecks) r = cg_bottlenecks(g, NULL, &error);
  g_assert_no_error(error);
  /* motor, ndfeb, ore each lose both applications (ties by id); the applications car and
   * phone (half each) are not ranked, but their criticality is in the array */
  g_assert_cmpuint(cg_bottlenecks_n_items(r), ==, 3);
  g_assert_cmpstr(cg_node_id(g, cg_bottlenecks_item(r, 0)->node), ==, "motor");
  g_assert_cmpstr(cg_node_id(g, cg_bottlenecks_item(r, 1)->node), ==, "ndfeb");
  g_assert_cmpstr(cg_node_id(g, cg_bottlenecks_item(r, 2)->node), ==, "ore");
  g_assert_cmpfloat(cg_bottlenecks_criticality(r)[cg_graph_find_node(g, "car")], ==, 0.5);
  g_assert_cmpstr(cg_bottlenecks_item(r, 1)->why, ==,
                  "钕铁硼: losing it loses 2 of 2 applications of 磁性材料产业链 (汽车, 消费电子), "
                  "100% of application weight; no OR alternative downstream");
  gsize n_sp;
  guint32 *sp = cg_single_points(g, cg_graph_find_node(g, "car"), &n_sp);
  g_assert_cmpuint(n_sp, ==, 3);
  g_assert_cmpstr(cg_node_id(g, sp[0]), ==, "ore");
  g_assert_cmpstr(cg_node_id(g, sp[2]), ==, "motor");
  cg_free(sp);
  g_autoptr(CgRegionalPoints) pts = cg_regional_single_points(g);
  g_assert_cmpuint(cg_regional_points_n_items(pts), ==, 2); /* ore (A only), motor (B only) */
  g_assert_cmpstr(cg_node_id(g, cg_regional_points_item(pts, 0)->node), ==, "ore");
  g_autoptr(CgWaists) w = cg_narrow_waists(g);
  g_assert_cmpuint(cg_waists_n_items(w), ==, 1);
  g_assert_cmpuint(cg_waists_item(w, 0)->stage, ==, 0);
  g_assert_cmpuint(cg_waists_item(w, 0)->width, ==, 1);
  g_assert_cmpfloat(cg_bottlenecks_item(r, 0)->betweenness, >=, 0);
}

/* --json lists at most --top regional single points once the ranking is cut, the most
 * critical first (oracle: the points and criticalities straight from the library), and
 * every point with top 0. */
static void
test_json_top_bounds_regional_points(void)
{
  g_autofree char *dir = g_dir_make_tmp("cg-bn-XXXXXX", NULL);
  g_autofree char *path = g_build_filename(dir, "g.tsv", NULL);
  CgGenerateOptions go;
  cg_generate_options_init(&go, CG_GENERATE_OPTIONS_VERSION);
  go.nodes = 3000;
  go.edges = 15000;
  go.regions = 90;
  go.seed = 3;
  GError *error = NULL;
  g_assert_true(cg_generate(&go, path, &error));
  g_assert_no_error(error);
  CgGraph *g = cg_graph_load((const char *[]){path, NULL}, NULL, &error);
  g_assert_no_error(error);
  CgRegionalPoints *pts = cg_regional_single_points(g);
  gsize np = cg_regional_points_n_items(pts);
  for (gsize top = 0; top <= 3; top += 3) {
    CgBottleneckOptions opt;
    cg_bottleneck_options_init(&opt, CG_BOTTLENECK_OPTIONS_VERSION);
    opt.top = top;
    opt.betweenness = CG_BETWEENNESS_NEVER;
    CgBottlenecks *r = cg_bottlenecks(g, &opt, &error);
    g_assert_no_error(error);
    const double *crit = cg_bottlenecks_criticality(r);
    gsize costly = 0;
    double best = 0;
    for (gsize i = 0; i < np; i++) {
      const CgRegionalPoint *pt = cg_regional_points_item(pts, i);
      costly += crit[pt->node] > 0;
      best = MAX(best, crit[pt->node]);
    }
    g_assert_cmpuint(costly, >, 3); /* the graph must be able to show the cut */
    char *text = cg_bottlenecks_to_json(g, r, FALSE, &error);
    g_assert_no_error(error);
    JsonParser *p = json_parser_new();
    g_assert_true(json_parser_load_from_data(p, text, -1, NULL));
    JsonArray *a = json_object_get_array_member(json_node_get_object(json_parser_get_root(p)),
                                                "regional_single_points");
    g_assert_cmpuint(json_array_get_length(a), ==, top ? top : np);
    double prev = G_MAXDOUBLE;
    for (guint i = 0; i < json_array_get_length(a); i++) {
      double c = json_object_get_double_member(json_array_get_object_element(a, i), "criticality");
      g_assert_cmpfloat(c, <=, prev);
      prev = c;
    }
    g_assert_cmpfloat(json_object_get_double_member(json_array_get_object_element(a, 0),
                                                    "criticality"), ==, best);
    g_object_unref(p);
    cg_free(text);
    cg_bottlenecks_free(r);
  }
  cg_regional_points_free(pts);
  cg_graph_free(g);
  g_autofree char *cmd = g_strdup_printf("rm -rf '%s'", dir);
  g_assert_cmpint(system(cmd), ==, 0);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/bottleneck/mixed/matches-brute-force", test_mixed_random);
  g_test_add_func("/bottleneck/mixed/threads-agree", test_mixed_threads);
  g_test_add_func("/bottleneck/or-only/matches-dominators", test_or_only_matches_igraph_dominators);
  g_test_add_func("/bottleneck/and-dag/matches-descendants", test_and_dag_matches_descendants);
  g_test_add_func("/bottleneck/redundancy/matches-exhaustive", test_redundancy);
  g_test_add_func("/bottleneck/hand/why", test_hand_why);
  g_test_add_func("/bottleneck/json/top-bounds-regional-points", test_json_top_bounds_regional_points);
  return g_test_run();
}

/* Adjacency accessors against a brute-force scan of every edge, on random AND/OR graphs
 * with cycles, and on a hand-made graph. */
#include "cg-test-util.h"

/* Every in-edge, group member and out-edge of every node, compared with what a scan of
 * all edges through cg_edge_source/target/group finds. */
static void
check_against_scan(const CgGraph *g)
{
  gsize n = cg_graph_n_nodes(g), m = cg_graph_n_edges(g);
  for (gsize v = 0; v < n; v++) {
    /* In-edges: the edges whose target is v, in edge order. */
    GArray *in = g_array_new(FALSE, FALSE, sizeof(gsize));
    GArray *out = g_array_new(FALSE, FALSE, sizeof(gsize));
    for (gsize e = 0; e < m; e++) {
      if (cg_edge_target(g, e) == v)
        g_array_append_val(in, e);
      if (cg_edge_source(g, e) == v)
        g_array_append_val(out, e);
    }
    g_assert_cmpuint(cg_node_in_degree(g, v), ==, in->len);
    for (guint i = 0; i < in->len; i++)
      g_assert_cmpuint(cg_node_in_edge(g, v, i), ==, g_array_index(in, gsize, i));

    /* Groups: members are the in-edges with that group number, by source index. */
    gsize ng = cg_node_n_groups(g, v), seen = 0;
    for (gsize k = 0; k < ng; k++) {
      GArray *mem = g_array_new(FALSE, FALSE, sizeof(gsize));
      for (guint i = 0; i < in->len; i++)
        if (cg_edge_group(g, g_array_index(in, gsize, i)) == k)
          g_array_append_val(mem, g_array_index(in, gsize, i));
      g_assert_cmpuint(mem->len, >=, 1);
      g_assert_cmpuint(cg_node_group_size(g, v, k), ==, mem->len);
      for (guint i = 0; i < mem->len; i++) {
        gsize e = cg_node_group_edge(g, v, k, i);
        g_assert_cmpuint(e, ==, g_array_index(mem, gsize, i));
        g_assert_cmpuint(cg_edge_group_size(g, e), ==, mem->len);
        if (i > 0)
          g_assert_cmpuint(cg_edge_source(g, e), >, cg_edge_source(g, e - 1));
      }
      seen += mem->len;
      g_array_free(mem, TRUE);
    }
    g_assert_cmpuint(seen, ==, in->len);

    /* Out-edges: the edges whose source is v, ascending; targets agree. */
    g_assert_cmpuint(cg_node_out_degree(g, v), ==, out->len);
    for (guint i = 0; i < out->len; i++) {
      gsize e = g_array_index(out, gsize, i);
      g_assert_cmpuint(cg_node_out_edge(g, v, i), ==, e);
      g_assert_cmpuint(cg_node_out_target(g, v, i), ==, cg_edge_target(g, e));
    }
    g_array_free(in, TRUE);
    g_array_free(out, TRUE);
  }
}

static void
test_hand(void)
{
  /* motor needs (ndfeb | smco) & bearing; ndfeb feeds motor and speaker. */
  const char *t = "document d.txt\n"
                  "node ore O\nnode ndfeb N\nnode smco S\nnode bearing B\nnode motor M\n"
                  "node speaker K\n"
                  "ndfeb <- ore inferred=\"t\"\nsmco <- ore inferred=\"t\"\n"
                  "motor <- ndfeb | smco & bearing inferred=\"t\"\n"
                  "speaker <- ndfeb inferred=\"t\"\n";
  g_autoptr(CgGraph) g = cg_test_load(t);
  gsize motor = cg_test_node(g, "motor"), ndfeb = cg_test_node(g, "ndfeb");
  gsize ore = cg_test_node(g, "ore");
  g_assert_cmpuint(cg_node_n_groups(g, motor), ==, 2);
  g_assert_cmpuint(cg_node_in_degree(g, motor), ==, 3);
  gsize sizes = cg_node_group_size(g, motor, 0) * 10 + cg_node_group_size(g, motor, 1);
  g_assert_true(sizes == 21 || sizes == 12);
  g_assert_cmpuint(cg_node_out_degree(g, ndfeb), ==, 2);
  g_assert_cmpuint(cg_node_out_degree(g, ore), ==, 2);
  for (gsize i = 0; i < 2; i++) {
    gsize e = cg_node_out_edge(g, ndfeb, i);
    g_assert_cmpuint(cg_edge_source(g, e), ==, ndfeb);
    g_assert_cmpuint(cg_edge_target(g, e), ==, cg_node_out_target(g, ndfeb, i));
  }
  g_assert_cmpuint(cg_node_in_degree(g, ore), ==, 0);
  check_against_scan(g);
}

static void
test_random(void)
{
  GRand *rng = g_rand_new_with_seed(20261204);
  static const CgTestShape shapes[] = {CG_TEST_MIXED, CG_TEST_OR_ONLY, CG_TEST_AND_DAG};
  for (guint round = 0; round < 60; round++) {
    guint n = (guint)g_rand_int_range(rng, 1, 40);
    double p = g_rand_double_range(rng, 0.02, 0.3);
    g_autoptr(CgGraph) g = cg_test_random_graph_shaped(rng, n, p, 0.5, 0.2, shapes[round % 3]);
    check_against_scan(g);
  }
  g_rand_free(rng);
}

/* An index out of range is a programmer error: a critical warning and %G_MAXSIZE. */
static void
test_out_of_range(void)
{
  g_autoptr(CgGraph) g = cg_test_load("document d.txt\nnode a A\nnode b B\n"
                                      "b <- a inferred=\"t\"\n");
  gsize a = cg_test_node(g, "a"), b = cg_test_node(g, "b");
  g_test_expect_message(NULL, G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  g_assert_cmpuint(cg_node_in_edge(g, a, 0), ==, G_MAXSIZE);
  g_test_assert_expected_messages();
  g_test_expect_message(NULL, G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  g_assert_cmpuint(cg_node_out_edge(g, b, 0), ==, G_MAXSIZE);
  g_test_assert_expected_messages();
  g_test_expect_message(NULL, G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  g_assert_cmpuint(cg_node_group_edge(g, b, 1, 0), ==, G_MAXSIZE);
  g_test_assert_expected_messages();
  g_test_expect_message(NULL, G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  g_assert_cmpuint(cg_node_group_size(g, 7, 0), ==, 0);
  g_test_assert_expected_messages();
  g_assert_cmpuint(cg_node_in_edge(g, b, 0), ==, cg_node_out_edge(g, a, 0));
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/adjacency/hand", test_hand);
  g_test_add_func("/adjacency/random/matches-edge-scan", test_random);
  g_test_add_func("/adjacency/out-of-range", test_out_of_range);
  return g_test_run();
}

/* Helpers shared by the C tests: random AND/OR graphs with cycles, and naive oracles
 * written only against the public API. */
#pragma once

#include <chaingraph/chaingraph.h>
#include <string.h>

/* The length of a result's array, read through its accessor (docs/conventions.md, "Results"):
 * CG_TEST_LEN(cg_impact_lost, im). */
#define CG_TEST_LEN(accessor, result) \
  ({                                  \
    gsize n_ = 0;                     \
    (void)accessor(result, &n_);      \
    n_;                               \
  })

static inline void cg_test_naive_producible(const CgGraph *g, const guint8 *removed,
                                            guint8 *out);

/* A graph from chain-format @text, which must load. */
static inline CgGraph *
cg_test_load(const char *text)
{
  GError *error = NULL;
  CgGraph *g = cg_graph_load_data(text, -1, "t.chain", "chain", &error);
  g_assert_no_error(error);
  return g;
}

/* The index of the node with id (or name) @id, which must exist. */
static inline gsize
cg_test_node(const CgGraph *g, const char *id)
{
  gssize v = cg_graph_find_node(g, id);
  g_assert_cmpint(v, >=, 0);
  return (gsize)v;
}

typedef enum { CG_TEST_MIXED, CG_TEST_OR_ONLY, CG_TEST_AND_DAG } CgTestShape;

/* A random graph of @n nodes: each ordered pair is an edge with probability @p_edge
 * (cycles included); each input joins an existing group of its target with probability
 * @p_or (an OR alternative), else starts a new group; each node is an application with
 * probability @p_app. Built through the chain format, so it also exercises the parser. */
static inline CgGraph *
cg_test_random_graph_shaped(GRand *rng, guint n, double p_edge, double p_or, double p_app,
                            CgTestShape shape)
{
  GString *s = g_string_new("document r.txt\n");
  for (guint v = 0; v < n; v++)
    g_string_append_printf(s, "node n%u N%u%s weight=%d\n", v, v,
                           g_rand_double(rng) < p_app ? " stage=application" : "",
                           g_rand_int_range(rng, 1, 4));
  for (guint v = 0; v < n; v++) {
    GString *groups = g_string_new(NULL);
    guint ngroups = 0;
    for (guint u = 0; u < n; u++) {
      if (u == v || g_rand_double(rng) >= p_edge || (shape == CG_TEST_AND_DAG && u > v))
        continue;
      gboolean join = shape == CG_TEST_OR_ONLY  ? TRUE
                      : shape == CG_TEST_AND_DAG ? FALSE
                                                 : g_rand_double(rng) < p_or;
      if (ngroups > 0 && join)
        g_string_append_printf(groups, " | n%u", u);
      else {
        g_string_append_printf(groups, "%sn%u", ngroups ? " & " : "", u);
        ngroups++;
      }
    }
    if (ngroups)
      g_string_append_printf(s, "n%u <- %s inferred=\"random\"\n", v, groups->str);
    g_string_free(groups, TRUE);
  }
  GError *error = NULL;
  CgGraph *g = cg_graph_load_data(s->str, -1, "random.chain", "chain", &error);
  g_assert_no_error(error);
  g_string_free(s, TRUE);
  return g;
}

static inline CgGraph *
cg_test_random_graph(GRand *rng, guint n, double p_edge, double p_or, double p_app)
{
  return cg_test_random_graph_shaped(rng, n, p_edge, p_or, p_app, CG_TEST_MIXED);
}

/* Criticality by brute force: remove each node, recompute the naive fixed point. */
static inline double *
cg_test_brute_criticality(const CgGraph *g, GArray **lost_sets)
{
  gsize n = cg_graph_n_nodes(g);
  guint8 *base = g_new(guint8, n), *now = g_new(guint8, n), *removed = g_new0(guint8, n);
  double total = 0;
  for (gsize v = 0; v < n; v++)
    if (cg_node_is_application(g, v))
      total += cg_node_weight(g, v);
  cg_test_naive_producible(g, NULL, base);
  double *crit = g_new0(double, n);
  for (gsize x = 0; x < n; x++) {
    removed[x] = 1;
    cg_test_naive_producible(g, removed, now);
    removed[x] = 0;
    if (lost_sets)
      lost_sets[x] = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (gsize v = 0; v < n; v++)
      if (base[v] && !now[v]) {
        if (cg_node_is_application(g, v))
          crit[x] += cg_node_weight(g, v);
        if (lost_sets) {
          guint32 vv = (guint32)v;
          g_array_append_val(lost_sets[x], vv);
        }
      }
    crit[x] = total > 0 ? crit[x] / total : 0;
  }
  g_free(base);
  g_free(now);
  g_free(removed);
  return crit;
}

/* Least fixed point by repeated sweeps: obviously right, O(V · E) per sweep. */
static inline void
cg_test_naive_producible(const CgGraph *g, const guint8 *removed, guint8 *out)
{
  gsize n = cg_graph_n_nodes(g), m = cg_graph_n_edges(g);
  memset(out, 0, n);
  gboolean changed = TRUE;
  while (changed) {
    changed = FALSE;
    for (gsize v = 0; v < n; v++) {
      if (out[v] || (removed && removed[v]))
        continue;
      gboolean ok = TRUE;
      for (gsize grp = 0; grp < cg_node_n_groups(g, v) && ok; grp++) {
        gboolean any = FALSE;
        for (gsize e = 0; e < m; e++)
          if (cg_edge_target(g, e) == v && cg_edge_group(g, e) == grp && out[cg_edge_source(g, e)])
            any = TRUE;
        ok = any;
      }
      if (ok) {
        out[v] = 1;
        changed = TRUE;
      }
    }
  }
}

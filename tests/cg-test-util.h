/* Helpers shared by the C tests: random AND/OR graphs with cycles, and naive oracles
 * written only against the public API. */
#pragma once

#include <chaingraph/chaingraph.h>
#include <string.h>

/* A random graph of @n nodes: each ordered pair is an edge with probability @p_edge
 * (cycles included); each input joins an existing group of its target with probability
 * @p_or (an OR alternative), else starts a new group; each node is an application with
 * probability @p_app. Built through the chain format, so it also exercises the parser. */
static inline CgGraph *
cg_test_random_graph(GRand *rng, guint n, double p_edge, double p_or, double p_app)
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
      if (u == v || g_rand_double(rng) >= p_edge)
        continue;
      if (ngroups > 0 && g_rand_double(rng) < p_or)
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

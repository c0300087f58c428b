/* Flow betweenness by igraph (the one igraph centrality the bottleneck view uses). */
#include "analysis/cg-analysis.h"

#include <igraph.h>

/**
 * cg_flow_betweenness:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @error: return location for a #GError, or %NULL
 *
 * Subset betweenness of every node on shortest paths from raw materials (nodes without
 * inputs) to applications, by igraph_betweenness_subset() under the igraph lock.
 * Returns: (transfer full) (nullable): per node; free with cg_free().
 * Complexity: O(S · (V + E)) for S sources.
 */
double *
cg_flow_betweenness(const CgGraph *g, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  guint32 n = cg__n(g), m = cg__m(g);
  igraph_t ig;
  igraph_vector_int_t edges, src, dst;
  igraph_vector_t res;
  double *out = NULL;
  cg__igraph_lock();
  if (!cg__igraph_check(igraph_vector_int_init(&edges, 2 * (igraph_integer_t)m), error))
    goto unlock;
  for (guint32 e = 0; e < m; e++) {
    VECTOR(edges)[2 * e] = g->esrc[e];
    VECTOR(edges)[2 * e + 1] = cg__edge_dst(g, e);
  }
  if (!cg__igraph_check(igraph_create(&ig, &edges, n, IGRAPH_DIRECTED), error)) {
    igraph_vector_int_destroy(&edges);
    goto unlock;
  }
  igraph_vector_int_destroy(&edges);
  igraph_vector_int_init(&src, 0);
  igraph_vector_int_init(&dst, 0);
  for (guint32 v = 0; v < n; v++) {
    if (g->in_goff[v] == g->in_goff[v + 1])
      igraph_vector_int_push_back(&src, v);
    if (cg__is_app(g, v))
      igraph_vector_int_push_back(&dst, v);
  }
  igraph_vector_init(&res, 0);
  igraph_vs_t vs_src, vs_dst;
  igraph_vs_vector(&vs_src, &src);
  igraph_vs_vector(&vs_dst, &dst);
  if (cg__igraph_check(igraph_betweenness_subset(&ig, &res, igraph_vss_all(), IGRAPH_DIRECTED,
                                                 vs_src, vs_dst, NULL),
                       error)) {
    out = g_new(double, n ? n : 1);
    for (guint32 v = 0; v < n; v++)
      out[v] = VECTOR(res)[v];
  }
  igraph_vector_destroy(&res);
  igraph_vector_int_destroy(&src);
  igraph_vector_int_destroy(&dst);
  igraph_destroy(&ig);
unlock:
  cg__igraph_unlock();
  return out;
}

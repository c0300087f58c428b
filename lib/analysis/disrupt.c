/* Producibility under a disruption (DESIGN.md): the least fixed point of "a node is
 * producible iff it is not removed and every input group has a producible member". */
#include "analysis/cg-analysis.h"

#include <string.h>

/**
 * SECTION:disrupt
 * @title: Disruption
 * @short_description: what is lost when nodes or regions are lost
 *
 * Producibility under a disruption set is the least fixed point of DESIGN.md: a node is
 * producible iff it has no inputs or every input group has a producible member.
 * cg_disrupt() knocks out nodes and regions and reports the application weight lost.
 */

/**
 * cg_graph_producible:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @removed: (nullable): per node, non-zero if knocked out
 * @out: per node, set to 1 if producible, else 0
 *
 * Computes the least fixed point by forward propagation from the nodes without inputs
 * (cg__lfp): each group is satisfied by its first producible member, and a node becomes
 * producible when its last group is satisfied. A cycle therefore never sustains itself.
 * Returns: %TRUE (%FALSE only for a programmer error). Complexity: O(V + E).
 */
gboolean
cg_graph_producible(const CgGraph *g, const guint8 *removed, guint8 *out)
{
  g_return_val_if_fail(g != NULL && g->finished && out != NULL, FALSE);
  guint32 n = cg__n(g);
  guint32 *order = g_new(guint32, n ? n : 1);
  cg__lfp(g, removed, out, order);
  g_free(order);
  return TRUE;
}

/**
 * cg_region_outage_nodes:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @regions: (array zero-terminated=1): region names (or ids or aliases)
 * @n_out: (out): the number of nodes returned
 * @error: return location for a #GError, or %NULL
 *
 * The nodes a region outage knocks out: those with at least one producing region, all of
 * whose producing regions are out. A region is out when it or one of its ancestors is
 * named. Claims count at their most specific (cg__producers_build(): 浙江 and 宁波 ⊂ 浙江
 * both claiming 钕铁硼 is one supply, lost when 宁波 is out), the rule of the risk model's
 * concentration and of the regional single points. Planned capabilities count.
 * Returns: (transfer full): ascending node indices (never %NULL on success, even when
 * empty); free with cg_free(). %NULL with @error set for an unknown region.
 * Complexity: O(R · depth + claims · depth).
 */
guint32 *
cg_region_outage_nodes(const CgGraph *g, const char *const *regions, gsize *n_out, GError **error)
{
  g_return_val_if_fail(g != NULL && n_out != NULL, NULL);
  guint32 nr = g->regions->len, n = cg__n(g);
  guint8 *named = g_new0(guint8, nr ? nr : 1);
  for (const char *const *p = regions; p && *p; p++) {
    gssize r = cg__region_lookup(g, *p);
    if (r < 0) {
      g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN,
                  "unknown region '%s' (not a name, id or alias of any region)", *p);
      g_free(named);
      return NULL;
    }
    named[r] = 1;
  }
  guint8 *out = g_new0(guint8, nr ? nr : 1);
  for (guint32 r = 0; r < nr; r++)
    for (guint32 cur = r; cur != CG_NONE && !out[r];
         cur = ((CgRegionRec *)g->regions->pdata[cur])->parent)
      out[r] = named[cur];
  CgProducers pr;
  cg__producers_build(g, TRUE, CG_NONE, &pr);
  GArray *res = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < n; v++) {
    gboolean up = FALSE;
    for (guint32 i = pr.off[v]; i < pr.off[v + 1] && !up; i++)
      up = !out[pr.region[i]];
    if (pr.off[v + 1] > pr.off[v] && !up)
      g_array_append_val(res, v);
  }
  cg__producers_clear(&pr);
  g_free(out);
  g_free(named);
  *n_out = res->len;
  if (res->len == 0) {
    g_array_free(res, TRUE);
    return g_new0(guint32, 1);
  }
  return (guint32 *)(void *)g_array_free(res, FALSE);
}

/**
 * cg_impact_free:
 * @impact: (nullable): a result of cg_disrupt()
 *
 * Frees @impact. NULL-safe.
 */
void
cg_impact_free(CgImpact *impact)
{
  if (!impact)
    return;
  g_free(impact->lost);
  g_free(impact->lost_applications);
  g_free(impact->disrupted);
  g_free(impact);
}

/**
 * cg_disrupt:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @nodes: (array length=n_nodes) (nullable): nodes knocked out
 * @n_nodes: the length of @nodes
 * @regions: (array zero-terminated=1) (nullable): regions out (see
 *   cg_region_outage_nodes())
 * @error: return location for a #GError, or %NULL
 *
 * The impact of knocking out @nodes and @regions: the nodes producible before and not
 * after, and the share of application weight lost.
 * Returns: (transfer full) (nullable): the impact; free with cg_impact_free().
 * Complexity: O(V + E) plus the region outage.
 */
CgImpact *
cg_disrupt(const CgGraph *g, const CgNodeId *nodes, gsize n_nodes, const char *const *regions,
           GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  guint32 n = cg__n(g);
  guint8 *removed = g_new0(guint8, n ? n : 1);
  for (gsize i = 0; i < n_nodes; i++) {
    if (nodes[i] >= n) {
      g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN, "node index %u is out of range (%u nodes)",
                  nodes[i], n);
      g_free(removed);
      return NULL;
    }
    removed[nodes[i]] = 1;
  }
  if (regions && regions[0]) {
    gsize k;
    guint32 *out = cg_region_outage_nodes(g, regions, &k, error);
    if (!out) {
      g_free(removed);
      return NULL;
    }
    for (gsize i = 0; i < k; i++)
      removed[out[i]] = 1;
    g_free(out);
  }
  guint8 *base = g_new(guint8, n ? n : 1), *now = g_new(guint8, n ? n : 1);
  cg_graph_producible(g, NULL, base);
  cg_graph_producible(g, removed, now);
  CgImpact *im = g_new0(CgImpact, 1);
  GArray *lost = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *dis = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < n; v++) {
    if (removed[v])
      g_array_append_val(dis, v);
    if (base[v] && !now[v]) {
      g_array_append_val(lost, v);
      if (cg__is_app(g, v)) {
        g_array_append_val(apps, v);
        im->lost_weight += cg__app_weight(g, v);
      }
    }
  }
  im->total_weight = g->app_total;
  im->impact = g->app_total > 0 ? im->lost_weight / g->app_total : 0;
  im->n_lost = lost->len;
  im->lost = (guint32 *)(void *)g_array_free(lost, FALSE);
  im->n_lost_applications = apps->len;
  im->lost_applications = (guint32 *)(void *)g_array_free(apps, FALSE);
  im->n_disrupted = dis->len;
  im->disrupted = (guint32 *)(void *)g_array_free(dis, FALSE);
  g_free(removed);
  g_free(base);
  g_free(now);
  return im;
}

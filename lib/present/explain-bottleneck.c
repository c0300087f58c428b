/* The "why" sentences of the bottleneck analysis (ranked nodes, narrow waists, regional
 * single points), and cg_bottlenecks(): the ranking (analysis/bottleneck.c) with them. */
#include "present/cg-present.h"

#include <string.h>

/* The chain that holds the node and most of its lost applications. */
static gssize
best_chain(const CgGraph *g, guint32 x, const guint8 *lost_app, guint *hit, guint *apps)
{
  gssize best = -1;
  *hit = *apps = 0;
  for (guint32 c = 0; c < g->chains->len; c++) {
    const CgChainRec *ch = g->chains->pdata[c];
    gboolean has = FALSE;
    guint h = 0, a = 0;
    for (guint i = 0; i < ch->nodes->len; i++) {
      guint32 v = g_array_index(ch->nodes, guint32, i);
      has = has || v == x;
      if (cg__is_app(g, v)) {
        a++;
        h += lost_app[v];
      }
    }
    if (has && h > 0 && (h > *hit || (h == *hit && a < *apps))) {
      best = c;
      *hit = h;
      *apps = a;
    }
  }
  return best;
}

static char *
explain(const CgGraph *g, const CgBottleneck *b, guint8 *lost_app, guint n_apps_total)
{
  GString *s = g_string_new(NULL);
  guint32 x = b->node;
  g_string_append_printf(s, T("%s: "), cg_node_label(g, x));
  if (b->n_lost_applications == 0) {
    guint alt = 0, sole = 0;
    for (guint32 k = g->out_off[x]; k < g->out_off[x + 1]; k++) {
      guint32 gi = g->out_group[k];
      if (g->gmem_off[gi + 1] - g->gmem_off[gi] > 1)
        alt++;
      else
        sole++;
    }
    if (g->out_off[x] == g->out_off[x + 1])
      g_string_append(s, T("loses no application (nothing consumes it)"));
    else if (alt > 0)
      g_string_append_printf(s, T("loses no application: every consumer has an alternative or "
                                "another route (%u of its %u input groups have alternatives)"),
                             alt, alt + sole);
    else
      g_string_append(s, T("loses no application: its consumers are supplied another way"));
    return g_string_free(s, FALSE);
  }
  for (gsize i = 0; i < b->n_lost_applications; i++)
    lost_app[b->lost_applications[i]] = 1;
  guint hit, apps;
  gssize c = best_chain(g, x, lost_app, &hit, &apps);
  if (c >= 0) {
    const CgChainRec *ch = g->chains->pdata[c];
    g_string_append_printf(s, T("losing it loses %u of %u applications of %s ("), hit, apps,
                           ch->name);
    guint shown = 0;
    for (guint i = 0; i < ch->nodes->len; i++) {
      guint32 v = g_array_index(ch->nodes, guint32, i);
      if (cg__is_app(g, v) && lost_app[v]) {
        if (shown++ < 5)
          g_string_append_printf(s, "%s%s", shown > 1 ? LIST_SEP : "", cg_node_label(g, v));
      }
    }
    if (shown > 5)
      g_string_append(s, T(", …"));
    g_string_append(s, T(")"));
    if (b->n_lost_applications > hit)
      g_string_append_printf(s, T(" and %zu more elsewhere"), b->n_lost_applications - hit);
  } else {
    g_string_append_printf(s, T("losing it loses %zu of %u applications ("), b->n_lost_applications,
                           n_apps_total);
    for (gsize i = 0; i < b->n_lost_applications && i < 5; i++)
      g_string_append_printf(s, "%s%s", i ? LIST_SEP : "", cg_node_label(g, b->lost_applications[i]));
    g_string_append(s, b->n_lost_applications > 5 ? T(", …)") : T(")"));
  }
  g_string_append_printf(s, T(", %.0f%% of application weight"), 100 * b->criticality);
  /* Why it cannot be routed around: is it the sole member of the groups it feeds? */
  guint sole = 0, total = 0;
  for (guint32 k = g->out_off[x]; k < g->out_off[x + 1]; k++) {
    guint32 gi = g->out_group[k], v = g->out_dst[k];
    gboolean v_lost = FALSE;
    for (gsize i = 0; i < b->n_lost && !v_lost; i++)
      v_lost = b->lost[i] == v;
    if (!v_lost)
      continue;
    total++;
    sole += g->gmem_off[gi + 1] - g->gmem_off[gi] == 1;
  }
  if (total > 0 && sole == total)
    g_string_append(s, T("; no OR alternative downstream"));
  else if (total > 0)
    g_string_append_printf(s, T("; its listed alternatives fail with it in %u of %u consumers"),
                           total - sole, total);
  for (gsize i = 0; i < b->n_lost_applications; i++)
    lost_app[b->lost_applications[i]] = 0;
  return g_string_free(s, FALSE);
}

/**
 * cg_waist_why:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @waist: one of cg_narrow_waists()
 *
 * One line a planner reads: `磁性材料产业链: its narrowest stage is stage 3 of 3 (电机), 1
 * item: every product of the chain past it goes through it`.
 * Returns: (transfer full): free with cg_free().
 */
char *
cg_waist_why(const CgGraph *g, const CgWaist *w)
{
  g_return_val_if_fail(g != NULL && w != NULL && w->chain < g->chains->len, NULL);
  const CgChainRec *ch = g->chains->pdata[w->chain];
  GArray *st = ch->stages->pdata[w->stage];
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%s: its narrowest stage is stage %u of %u (", ch->name,
                         w->stage + 1, w->n_stages);
  for (guint i = 0; i < st->len && i < 4; i++)
    g_string_append_printf(s, "%s%s", i ? "、" : "", cg_node_label(g, g_array_index(st, guint32, i)));
  g_string_append_printf(s, "%s), %u item%s", st->len > 4 ? "、…" : "", w->width,
                         w->width == 1 ? "" : "s");
  if (w->width == 1)
    g_string_append(s, ": everything the chain makes after it goes through it");
  else
    g_string_append(s, ": the chain's fewest alternatives");
  return g_string_free(s, FALSE);
}

/* The claim that makes @region a producer of @node (its own or a descendant's). */
static const CgCapability *
claim_of(const CgGraph *g, guint32 region, guint32 node)
{
  const CgRegionRec *rr = g->regions->pdata[region];
  for (guint i = 0; rr->caps && i < rr->caps->len; i++)
    if (g_array_index(rr->caps, CgCapability, i).node == node)
      return &g_array_index(rr->caps, CgCapability, i);
  return NULL;
}

/**
 * cg_regional_point_why:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @point: one of cg_regional_single_points()
 * @lost_applications: (array length=n_lost) (nullable): what losing the node loses
 * @n_lost: the length of @lost_applications
 *
 * One line a planner reads: `燃料电池: produced only in 临港新片区 (lingang … “…”); losing it
 * loses 1 of 68 applications (示范应用)`.
 * Returns: (transfer full): free with cg_free().
 */
char *
cg_regional_point_why(const CgGraph *g, const CgRegionalPoint *pt,
                      const CgNodeId *lost_applications, gsize n_lost)
{
  g_return_val_if_fail(g != NULL && pt != NULL, NULL);
  const CgRegionRec *rr = g->regions->pdata[pt->region];
  GString *s = g_string_new(NULL);
  const CgCapability *c = claim_of(g, pt->region, pt->node);
  g_string_append_printf(s, "%s: %s only in %s", cg_node_label(g, pt->node),
                         c && c->develop ? "planned" : "produced", rr->name);
  if (c && (c->prov.quote || c->prov.inferred)) {
    g_string_append(s, " (");
    if (c->prov.quote)
      g_string_append_printf(s, "%s%s%s “%s”",
                             c->prov.document >= 0 ? cg_document_key(g, (gsize)c->prov.document) : "?",
                             c->prov.section ? " " : "", c->prov.section ? c->prov.section : "",
                             c->prov.quote);
    else
      g_string_append_printf(s, "inferred: %s", c->prov.inferred);
    g_string_append(s, ")");
  }
  if (c && c->develop)
    g_string_append(s, ", as a plan");
  gsize n_apps = 0;
  for (guint32 v = 0; v < cg__n(g); v++)
    n_apps += cg__is_app(g, v);
  if (n_lost == 0)
    g_string_append(s, "; losing it loses no application");
  else {
    g_string_append_printf(s, "; losing it loses %zu of %zu applications (", n_lost, n_apps);
    for (gsize i = 0; i < n_lost && i < 5; i++)
      g_string_append_printf(s, "%s%s", i ? ", " : "", cg_node_label(g, lost_applications[i]));
    g_string_append(s, n_lost > 5 ? ", …)" : ")");
  }
  return g_string_free(s, FALSE);
}

/* The why of one ranked item, in this thread's language (the report's other language). */
char *
cg__bottleneck_why(const CgGraph *g, const CgBottleneck *b)
{
  guint32 n = cg__n(g);
  guint n_apps = 0;
  for (guint32 v = 0; v < n; v++)
    n_apps += cg__is_app(g, v);
  guint8 *lost_app = g_new0(guint8, n ? n : 1);
  char *why = explain(g, b, lost_app, n_apps);
  g_free(lost_app);
  return why;
}

/**
 * cg_bottlenecks:
 * @graph: a finished graph
 * @options: (nullable): %NULL for the defaults of cg_bottleneck_options_init(); an unknown
 *   @options->version fails with %CG_ERROR_USAGE
 * @error: return location for a #GError, or %NULL
 *
 * Every node's exact criticality (cg_criticality()) and, for the listed nodes, what they
 * take down with them, their flow betweenness and a one-line explanation. The list ranks
 * the products, not the applications (an application's loss is only its own weight); the
 * criticality array covers every node.
 * Returns: (transfer full) (nullable): free with cg_bottlenecks_free().
 * Complexity: that of cg_criticality(), plus O(top · (V + E)) for the lists, plus
 * betweenness when asked (O(S · (V + E))).
 */
CgBottlenecks *
cg_bottlenecks(const CgGraph *g, const CgBottleneckOptions *options, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  CgBottlenecks *r = cg__bottlenecks_rank(g, options, error);
  if (!r)
    return NULL;
  guint32 n = cg__n(g);
  guint n_apps = 0;
  for (guint32 v = 0; v < n; v++)
    n_apps += cg__is_app(g, v);
  guint8 *lost_app = g_new0(guint8, n ? n : 1);
  for (gsize i = 0; i < r->n_items; i++)
    r->items[i].why = explain(g, &r->items[i], lost_app, n_apps);
  g_free(lost_app);
  return r;
}

/* What an answer rests on (DESIGN.md, "Statements carry their footing"): the other readings
 * of a graph (without inferred statements, at the present horizon, with uniform weights),
 * the values of ranked items in them, the inferences an item's rank rests on, and the rank
 * correlation between two readings. Used by the JSON writers and the report. */
#include "analysis/risk-private.h"
#include "present/cg-present.h"
#include "present/cg-text.h"

#include <string.h>

/* Whether leaving the inferred statements out would change anything: some edge, claim or
 * chokepoint evidence is marked inferred. O(size). */
gboolean
cg__graph_has_inferred(const CgGraph *g)
{
  for (guint32 e = 0; e < cg__m(g); e++)
    if (cg_edge_inferred(g, e))
      return TRUE;
  for (guint32 v = 0; v < cg__n(g); v++) {
    const CgNodeExtra *x = cg__node(g, v)->x;
    for (guint i = 0; x && x->chokepoints && i < x->chokepoints->len; i++)
      if (g_array_index(x->chokepoints, CgProvenance, i).inferred)
        return TRUE;
  }
  for (guint r = 0; r < g->regions->len; r++) {
    const CgRegionRec *rr = g->regions->pdata[r];
    for (guint i = 0; rr->claims && i < rr->claims->len; i++)
      if (g_array_index(rr->claims, CgCapability, i).prov.inferred)
        return TRUE;
  }
  return FALSE;
}

/* Whether some claim is planned (the present horizon would change something). O(claims). */
static gboolean
has_planned(const CgGraph *g)
{
  for (guint r = 0; r < g->regions->len; r++) {
    const CgRegionRec *rr = g->regions->pdata[r];
    for (guint i = 0; rr->claims && i < rr->claims->len; i++)
      if (g_array_index(rr->claims, CgCapability, i).develop)
        return TRUE;
  }
  return FALSE;
}

/* Whether some node has a weight other than 1 (uniform weights would change something). */
static gboolean
has_weights(const CgGraph *g)
{
  for (guint32 v = 0; v < cg__n(g); v++)
    if (!isnan(cg__node(g, v)->weight) && cg__node(g, v)->weight != 1)
      return TRUE;
  return FALSE;
}

/* @g read with one more thing left out: CG__READ_NO_INFERRED, CG__READ_PRESENT or
 * CG__READ_UNIFORM. NULL when @g has it left out already, when leaving it out would change
 * nothing (no inferred statement, no planned claim, no weight but 1: the readings are then
 * the answer itself, at no cost), or when the restriction fails. (transfer full) */
CgGraph *
cg__footing_reading(const CgGraph *g, int what)
{
  CgFootingOptions f;
  cg_graph_footing(g, &f);
  switch (what) {
  case CG__READ_NO_INFERRED:
    if (f.without_inferred || !cg__graph_has_inferred(g))
      return NULL;
    f.without_inferred = TRUE;
    break;
  case CG__READ_PRESENT:
    if (f.horizon == CG_HORIZON_PRESENT || !has_planned(g))
      return NULL;
    f.horizon = CG_HORIZON_PRESENT;
    break;
  default:
    if (f.weights == CG_WEIGHTS_UNIFORM || !has_weights(g))
      return NULL;
    f.weights = CG_WEIGHTS_UNIFORM;
    break;
  }
  return cg_graph_restrict(g, &f, NULL);
}

/* Every node's criticality in the reading @h of @g, indexed by @g's nodes (a node @h lacks
 * reads 0). (transfer full) */
double *
cg__footing_criticality(const CgGraph *g, const CgGraph *h)
{
  const char *method;
  double *ch = cg_criticality(h, 0, &method);
  double *c = g_new0(double, cg__n(g) ? cg__n(g) : 1);
  for (guint32 v = 0; v < cg__n(g); v++) {
    gssize w = cg__node_lookup_id(h, cg__node(g, v)->id);
    c[v] = w >= 0 ? ch[w] : 0;
  }
  cg_free(ch);
  return c;
}

/* Every edge's link score in the reading @h of @g, indexed by @g's edges (an edge @h lacks
 * scores 0), under @r's profile. (transfer full) */
double *
cg__footing_link_scores(const CgGraph *g, const CgGraph *h, const CgRisk *r)
{
  double *sh = cg__risk_link_scores_on(h, r);
  double *s = g_new0(double, cg__m(g) ? cg__m(g) : 1);
  for (guint32 e = 0; e < cg__m(g); e++) {
    gssize u = cg__node_lookup_id(h, cg__node(g, g->esrc[e])->id);
    gssize v = cg__node_lookup_id(h, cg__node(g, cg__edge_dst(g, e))->id);
    gssize f = u >= 0 && v >= 0 ? cg_graph_find_edge(h, (gsize)u, (gsize)v) : -1;
    s[e] = f >= 0 ? sh[f] : 0;
  }
  g_free(sh);
  return s;
}

/**
 * cg_risk_link_scores_without_inferred:
 * @graph: the graph @risk was computed on
 * @risk: the result of cg_risk() on @graph
 *
 * Each link's score in the reading of @graph without its inferred statements
 * (cg_graph_restrict() with #CgFootingOptions.without_inferred): the supplier's failure
 * probability under @risk's profile × the dependence × the consumer's criticality, all in that
 * reading; 0 for a link that is itself an inference. A score that differs from
 * cg_risk_link_score() rests on inference. The text and JSON outputs show it as
 * "score_without_inferred".
 *
 * Complexity: O(V + E) and a copy of cg_risk_link_score() when @graph has no inferred statement
 * (or is already that reading); otherwise one restriction and one cg_criticality() of the
 * restricted graph. Thread-safe for distinct calls on the same @graph and @risk.
 *
 * Returns: (transfer full) (array length=cg_risk_n_edges(risk)): indexed by @graph's edges;
 *   free with cg_free(). %NULL when an argument is %NULL.
 */
double *
cg_risk_link_scores_without_inferred(const CgGraph *graph, const CgRisk *risk)
{
  g_return_val_if_fail(graph != NULL, NULL);
  g_return_val_if_fail(risk != NULL, NULL);
  CgGraph *h = cg__footing_reading(graph, CG__READ_NO_INFERRED);
  double *s = h ? cg__footing_link_scores(graph, h, risk)
                : g_memdup2(risk->link_score, (cg__m(graph) ? cg__m(graph) : 1) * sizeof(double));
  cg_graph_free(h);
  return s;
}

static int
cmp_desc(gconstpointer a, gconstpointer b, gpointer data)
{
  const double *x = data;
  double u = x[*(const gsize *)a], v = x[*(const gsize *)b];
  return u > v ? -1 : u < v;
}

/* Average ranks (1-based, ties share their mean rank) of @x[0..n), descending.
 * O(n log n). */
static double *
ranks(const double *x, gsize n)
{
  gsize *idx = g_new(gsize, n ? n : 1);
  for (gsize i = 0; i < n; i++)
    idx[i] = i;
  g_qsort_with_data(idx, (gint)n, sizeof(gsize), cmp_desc, (gpointer)x);
  double *rk = g_new(double, n ? n : 1);
  for (gsize i = 0; i < n;) {
    gsize j = i;
    while (j + 1 < n && x[idx[j + 1]] == x[idx[i]])
      j++;
    for (gsize k = i; k <= j; k++)
      rk[idx[k]] = (double)(i + j) / 2 + 1;
    i = j + 1;
  }
  g_free(idx);
  return rk;
}

/* Spearman's rank correlation of @a and @b over the items where either is nonzero (an item
 * neither reading ranks says nothing about the order): the Pearson correlation of their
 * average ranks. NAN when fewer than two items or a reading is constant. @n_out: the items. */
double
cg__spearman(const double *a, const double *b, gsize n, gsize *n_out)
{
  double *xa = g_new(double, n ? n : 1), *xb = g_new(double, n ? n : 1);
  gsize k = 0;
  for (gsize i = 0; i < n; i++)
    if (a[i] != 0 || b[i] != 0) {
      xa[k] = a[i];
      xb[k] = b[i];
      k++;
    }
  if (n_out)
    *n_out = k;
  double rho = NAN;
  if (k >= 2) {
    double *ra = ranks(xa, k), *rb = ranks(xb, k);
    double ma = 0, mb = 0, sab = 0, saa = 0, sbb = 0;
    for (gsize i = 0; i < k; i++) {
      ma += ra[i];
      mb += rb[i];
    }
    ma /= (double)k;
    mb /= (double)k;
    for (gsize i = 0; i < k; i++) {
      sab += (ra[i] - ma) * (rb[i] - mb);
      saa += (ra[i] - ma) * (ra[i] - ma);
      sbb += (rb[i] - mb) * (rb[i] - mb);
    }
    if (saa > 0 && sbb > 0)
      rho = sab / sqrt(saa * sbb);
    g_free(ra);
    g_free(rb);
  }
  g_free(xa);
  g_free(xb);
  return rho;
}

/* The inferred edges inside a loss: edges u → w with both ends in @lost (ascending node
 * indices), each of whose statements is an inference; "u → w (reason)", at most @max of them,
 * "; "-separated, and ", …" when there are more. NULL when there is none. (transfer full) */
char *
cg__inferred_within(const CgGraph *g, const guint32 *lost, gsize n_lost, guint max)
{
  GString *s = g_string_new(NULL);
  guint shown = 0, more = 0;
  for (gsize i = 0; i < n_lost; i++) {
    guint32 w = lost[i];
    for (guint32 k = g->in_goff[w]; k < g->in_goff[w + 1]; k++)
      for (guint32 e = g->gmem_off[k]; e < g->gmem_off[k + 1]; e++) {
        if (cg__bsearch_u32(lost, n_lost, g->esrc[e]) < 0 || !cg_edge_inferred(g, e))
          continue;
        if (shown >= max) {
          more++;
          continue;
        }
        const CgProvenance *p = cg_edge_provenance(g, e, 0);
        char *reason = cg_text_fit(p->inferred, 60, FALSE);
        g_string_append_printf(s, "%s%s → %s (%s)", shown ? "; " : "",
                               cg_node_label(g, g->esrc[e]), cg_node_label(g, w), reason);
        g_free(reason);
        shown++;
      }
  }
  if (more)
    g_string_append_printf(s, T("; and %u more"), more);
  return g_string_free(s, shown == 0);
}

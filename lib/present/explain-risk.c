/* The "why" sentences of the risk analysis (nodes, links, investments, scenarios), and
 * the public entry points that return results with them. */
#include "analysis/risk-private.h"
#include "present/cg-present.h"

#include <string.h>

static const char *const evidence_words[] = {"卡脖子", "依赖国外", "依赖进口", "国外垄断", "垄断",
                                             "进口替代", "国产化", "进口", "依赖", "国外", NULL};

/* A quote, cut to about @max characters around its first chokepoint word. */
static void
append_snippet(GString *s, const char *quote, glong max)
{
  glong len = g_utf8_strlen(quote, -1);
  if (len <= max) {
    g_string_append(s, quote);
    return;
  }
  glong at = 0;
  for (guint i = 0; evidence_words[i]; i++) {
    const char *hit = strstr(quote, evidence_words[i]);
    if (hit) {
      at = g_utf8_pointer_to_offset(quote, hit);
      break;
    }
  }
  glong start = MAX(0, at - max / 2);
  if (start + max > len)
    start = len - max;
  const char *a = g_utf8_offset_to_pointer(quote, start);
  const char *b = g_utf8_offset_to_pointer(quote, start + max);
  if (start > 0)
    g_string_append(s, "…");
  g_string_append_len(s, a, b - a);
  if (start + max < len)
    g_string_append(s, "…");
}

static void
append_prov(GString *s, const CgGraph *g, const CgProvenance *p)
{
  if (p->quote) {
    g_string_append_printf(s, "%s%s%s “", p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
                           p->section ? " " : "", p->section ? p->section : "");
    append_snippet(s, p->quote, 40);
    g_string_append(s, "”");
  } else if (p->inferred) {
    g_string_append_printf(s, T("inferred: %s"), p->inferred);
  } else if (p->document >= 0) {
    g_string_append(s, cg_document_key(g, (gsize)p->document));
  }
}

static const char *
kind_label(const char *kind)
{
  if (!kind || !strcmp(kind, "chokepoint"))
    return T("chokepoint");
  if (!strcmp(kind, "foreign"))
    return T("foreign dependence");
  if (!strcmp(kind, "monopoly"))
    return T("foreign monopoly");
  if (!strcmp(kind, "substitution"))
    return T("import substitution under way");
  if (!strcmp(kind, "bottleneck"))
    return T("domestic technology bottleneck");
  return kind;
}

/* Why a node may fail, citing the document: its heaviest chokepoint evidence, its import
 * share, its producing regions. */
static void
append_node_reasons(GString *s, const CgGraph *g, const CgRisk *r, guint32 u)
{
  const Priv *pv = r->priv;
  const CgRiskFactors *f = &r->factors[u];
  const CgNodeRec *n = cg__node(g, u);
  gboolean any = FALSE;
  const char *fkind = cg_chokepoint_kind_to_string(f->chokepoint);
  if (fkind && n->x && n->x->chokepoints) {
    for (guint i = 0; i < n->x->chokepoints->len; i++) {
      if (strcmp(n->x->chokepoint_kinds->pdata[i], fkind) != 0)
        continue;
      const CgProvenance *p = &g_array_index(n->x->chokepoints, CgProvenance, i);
      g_string_append_printf(s, "%s (", kind_label(fkind));
      append_prov(s, g, p);
      g_string_append(s, ")");
      any = TRUE;
      break;
    }
  }
  if (!isnan(f->import_share) && f->import_share > 0) {
    g_string_append_printf(s, T("%simport share %.0f%%"), any ? T(", ") : "", 100 * f->import_share);
    any = TRUE;
  }
  const Claims *c = &pv->claims;
  guint32 k = c->off[u + 1] - c->off[u];
  if (any)
    g_string_append(s, T(", "));
  if (k == 0)
    g_string_append(s, T("no producing region in the documents"));
  else if (k == 1) {
    const CgRegionRec *rr = g->regions->pdata[c->region[c->off[u]]];
    /* a planned capability is said to be one (issue 14: the footing of the answer) */
    g_string_append_printf(s, c->cap[c->off[u]]->develop ? T("planned only in %s") : T("produced only in %s"),
                           rr->name);
    const CgProvenance *p = &c->cap[c->off[u]]->prov;
    if (p->quote || p->inferred) {
      g_string_append(s, " (");
      append_prov(s, g, p);
      g_string_append(s, ")");
    }
  } else {
    guint32 planned = 0;
    for (guint32 i = 0; i < k; i++)
      planned += c->cap[c->off[u] + i]->develop;
    if (planned)
      g_string_append_printf(s, T("produced or planned in %u regions (%u planned; "), k, planned);
    else
      g_string_append_printf(s, T("produced in %u regions ("), k);
    for (guint32 i = 0; i < k && i < 3; i++) {
      const CgRegionRec *rr = g->regions->pdata[c->region[c->off[u] + i]];
      g_string_append_printf(s, "%s%s", i ? LIST_SEP : "", rr->name);
    }
    g_string_append_printf(s, T("%s; HHI %.2f)"), k > 3 ? T(", …") : "", f->concentration);
  }
  if (!isnan(f->substitutability) && f->substitutability > 0)
    g_string_append_printf(s, T(", substitutability %.0f%%"), 100 * f->substitutability);
  if (!isnan(f->recycling_rate) && f->recycling_rate > 0)
    g_string_append_printf(s, T(", recycling %.0f%%"), 100 * f->recycling_rate);
}

/**
 * cg_risk_node_why:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @risk: the result of cg_risk() on @graph
 * @node: a node index
 *
 * One line saying why the node has its failure probability, citing the document.
 * Returns: (transfer full): free with cg_free(). Complexity: O(evidence of the node).
 */
char *
cg_risk_node_why(const CgGraph *g, const CgRisk *r, CgNodeId node)
{
  g_return_val_if_fail(g != NULL && r != NULL && node < r->n_nodes, NULL);
  GString *s = g_string_new(NULL);
  const CgRiskFactors *f = &r->factors[node];
  g_string_append_printf(s, "%s: P(fails) %.3f; ", cg_node_label(g, node), r->probability[node]);
  if (f->stage == 0)
    g_string_append_printf(s, "%s nodes fail only through their inputs (stage factor 0)",
                           cg_stage_to_string(cg__node(g, (guint32)node)->stage));
  else
    append_node_reasons(s, g, r, (guint32)node);
  return g_string_free(s, FALSE);
}

/* The applications lost with @v alone, via the loss-propagation kernel. */
static void
append_consequence(GString *s, const CgGraph *g, const CgRisk *r, CgKernel *kn, guint32 v)
{
  double w = cg__kernel_run(kn, &v, 1);
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint i = 0; i < kn->k->len; i++) {
    guint32 x = g_array_index(kn->k, guint32, i);
    if (cg__kernel_lost(kn, x) && cg__is_app(g, x))
      g_array_append_val(apps, x);
  }
  if (apps->len == 0) {
    g_string_append_printf(s, T("losing %s alone loses no application"), cg_node_label(g, v));
  } else if (apps->len == 1 && g_array_index(apps, guint32, 0) == v) {
    g_string_append_printf(s, T("%s is itself an application (%.0f%% of weight)"), cg_node_label(g, v),
                           r->total_weight > 0 ? 100 * w / r->total_weight : 0);
  } else {
    /* Ascending by id rank for a stable list. */
    const guint32 *rank = PRIV(r)->id_rank;
    for (guint i = 1; i < apps->len; i++)
      for (guint j = i; j > 0 && rank[g_array_index(apps, guint32, j - 1)] >
                                     rank[g_array_index(apps, guint32, j)];
           j--) {
        guint32 t = g_array_index(apps, guint32, j);
        g_array_index(apps, guint32, j) = g_array_index(apps, guint32, j - 1);
        g_array_index(apps, guint32, j - 1) = t;
      }
    g_string_append_printf(s, T("loses %u application%s ("), apps->len, apps->len == 1 ? "" : "s");
    for (guint i = 0; i < apps->len && i < 3; i++)
      g_string_append_printf(s, "%s%s", i ? LIST_SEP : "", cg_node_label(g, g_array_index(apps, guint32, i)));
    g_string_append_printf(s, T("%s; %.0f%% of weight)"), apps->len > 3 ? T(", …") : "",
                           r->total_weight > 0 ? 100 * w / r->total_weight : 0);
  }
  g_array_free(apps, TRUE);
}

char *
cg__risk_link_why_with(const CgGraph *g, const CgRisk *r, CgKernel *kn, guint32 e)
{
  guint32 u = g->esrc[e], v = cg__edge_dst(g, e), gi = g->egroup[e];
  guint32 k = g->gmem_off[gi + 1] - g->gmem_off[gi];
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, T("%s → %s: "), cg_node_label(g, u), cg_node_label(g, v));
  if (r->factors[u].stage == 0 && r->probability[u] == 0)
    g_string_append(s, T("fails only through its inputs"));
  else
    append_node_reasons(s, g, r, u);
  g_string_append_printf(s, T(", P %.3f; "), r->probability[u]);
  if (k == 1)
    g_string_append(s, T("sole input of its group; "));
  else {
    g_string_append_printf(s, T("one of %u alternatives ("), k);
    guint shown = 0;
    for (guint32 x = g->gmem_off[gi]; x < g->gmem_off[gi + 1] && shown < 2; x++)
      if (g->esrc[x] != u)
        g_string_append_printf(s, "%s%s", shown++ ? LIST_SEP : T("also "), cg_node_label(g, g->esrc[x]));
    g_string_append_printf(s, T("%s); "), k - 1 > 2 ? T(", …") : "");
  }
  append_consequence(s, g, r, kn, v);
  return g_string_free(s, FALSE);
}

/**
 * cg_risk_link_why:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @risk: the result of cg_risk() on @graph
 * @edge: an edge index
 *
 * One line explaining a link's risk, citing the document evidence, e.g.
 * `深紫外光刻胶 → 集成电路: chokepoint (宁波 “…卡脖子…”), produced only in 宁波 (P 0.143),
 * sole input of its group, loses 2 applications (…)`.
 * Returns: (transfer full): free with cg_free(). Complexity: O(V) (one loss propagation).
 */
char *
cg_risk_link_why(const CgGraph *g, const CgRisk *r, gsize edge)
{
  g_return_val_if_fail(g != NULL && r != NULL && edge < r->n_edges, NULL);
  CgKernel kn;
  cg__kernel_init(&kn, g, &PRIV(r)->E.b);
  char *why = cg__risk_link_why_with(g, r, &kn, (guint32)edge);
  cg__kernel_clear(&kn);
  return why;
}

char *
cg__risk_invest_why(const CgGraph *g, const CgRisk *r, const CgRiskInvestment *it)
{
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, T("%s: securing it (P %.3f → 0) lowers expected loss by %.3g of %g "
                            "application weight (%.2g%% of the expected loss); "),
                         cg_node_label(g, it->node), it->probability, it->reduction,
                         r->total_weight,
                         r->expected_loss > 0 ? 100 * it->reduction / r->expected_loss : 0);
  append_node_reasons(s, g, r, it->node);
  return g_string_free(s, FALSE);
}

/**
 * cg_risk:
 * @graph: a finished graph
 * @options: (nullable): %NULL for the defaults of cg_risk_options_init(); an unknown
 *   @options->version fails with %CG_ERROR_USAGE
 * @error: return location for a #GError, or %NULL
 *
 * The supply-risk analysis (docs/risk-model.md): every node's failure probability and its
 * factors, every link's score and criticality share, the links ranked and the first
 * @options->top explained, the expected lost application weight with a 95% interval, each
 * application's failure probability and where to invest.
 *
 * Monte Carlo draws @options->samples independent failure sets (sample i from its own
 * generator seeded by (@options->seed, i)); when at most @options->exact_max producible
 * nodes are uncertain (0 < p < 1), every one of the 2^k states is enumerated instead and
 * the results are exact. Either way the result does not depend on @options->threads.
 *
 * Errors: %CG_ERROR_USAGE for bad options, %CG_ERROR_INVALID for a given probability
 * outside [0, 1].
 * Returns: (transfer full) (nullable): free with cg_risk_free().
 * Complexity: criticality (cg_criticality()), plus O((V + E) · ⌈N/64⌉) word operations for
 * N samples (2^k states when exact), spread over the threads; where to invest adds
 * O(C · vol(affected nodes) · ⌈N'/64⌉) for C ≈ 2·invest candidates and N' = invest_samples;
 * ranking the links O(E log E); explaining the @top links O(top · V).
 */
CgRisk *
cg_risk(const CgGraph *g, const CgRiskOptions *options, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  CgRisk *r = cg__risk_run(g, options, error);
  if (!r)
    return NULL;
  for (gsize i = 0; i < r->n_invest; i++)
    r->invest[i].why = cg__risk_invest_why(g, r, &r->invest[i]);
  CgKernel kn;
  cg__kernel_init(&kn, g, &PRIV(r)->E.b);
  for (gsize i = 0; i < r->n_links; i++)
    r->links[i].why = cg__risk_link_why_with(g, r, &kn, r->links[i].edge);
  cg__kernel_clear(&kn);
  return r;
}

/* The scenario's sentence: what it knocks out, what it loses outright, and the change of
 * the expected loss. */
static char *
scenario_why(const CgGraph *g, const CgRiskScenario *sc)
{
  const CgImpact *im = sc->impact;
  GString *w = g_string_new(NULL);
  g_string_append_printf(w, "%s: %zu node%s knocked out", sc->label, im->n_disrupted,
                         im->n_disrupted == 1 ? "" : "s");
  for (gsize i = 0; i < im->n_disrupted && i < 3; i++)
    g_string_append_printf(w, "%s%s", i ? ", " : " (", cg_node_label(g, im->disrupted[i]));
  if (im->n_disrupted)
    g_string_append(w, im->n_disrupted > 3 ? ", …)" : ")");
  g_string_append_printf(w, ", %zu application%s lost outright (%.0f%% of weight); expected loss "
                            "%.3g → %.3g of %g (%+.3g)",
                         im->n_lost_applications, im->n_lost_applications == 1 ? "" : "s",
                         100 * im->impact, sc->base_loss, sc->loss, im->total_weight, sc->change);
  return g_string_free(w, FALSE);
}

/**
 * cg_risk_scenario:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @base: (nullable): a finished cg_risk() of the same graph: its probabilities are used and,
 *   when it drew the same samples (same seed, samples and method), its draws are reused;
 *   %NULL to compute the model here with @options->profile
 * @nodes: (array length=n_nodes) (nullable): nodes knocked out
 * @n_nodes: the length of @nodes
 * @regions: (array zero-terminated=1) (nullable): regions out (cg_region_outage_nodes())
 * @embargo: knock out every node with chokepoint evidence (cg_risk_embargo_nodes())
 * @options: (nullable): samples, seed, threads, exact_max and profile as for cg_risk()
 * @error: return location for a #GError, or %NULL
 *
 * What a scenario loses outright (cg_disrupt() of its nodes), and how the expected loss
 * changes when its nodes fail for sure while every other node still fails with its
 * probability. Monte Carlo pairs the same draws with and without the scenario, so the
 * change has a tight interval.
 * Errors: %CG_ERROR_UNKNOWN for an unknown region or node index, as cg_risk() for options.
 * Returns: (transfer full) (nullable): free with cg_risk_scenario_free().
 * Complexity: O(V + E) for the outright loss plus one or two sweeps, each
 * O((V + E) · ⌈N/64⌉) word operations.
 */
CgRiskScenario *
cg_risk_scenario(const CgGraph *g, const CgRisk *base, const CgNodeId *nodes, gsize n_nodes,
                 const char *const *regions, gboolean embargo, const CgRiskOptions *options,
                 GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  g_return_val_if_fail(base == NULL || base->n_nodes == cg__n(g), NULL);
  CgRiskScenario *sc = cg__risk_scenario_run(g, base, nodes, n_nodes, regions, embargo, options,
                                             error);
  if (sc)
    sc->why = scenario_why(g, sc);
  return sc;
}

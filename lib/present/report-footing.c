/* What each answer of the report rests on, item by item: the marks the terminal report and
 * the page both show (a bottleneck's criticality without the inferred statements, a link's
 * score at the present horizon and without inference, a pair's score in both readings) and
 * each region's gaps by what closes them. The readings themselves are computed once in
 * report.c (footing.c gives them). */
#include "present/report-private.h"

#include <math.h>
#include <string.h>

/* "RESTS ON INFERENCE: x% without it (the inferred edges among what it loses)", or NULL when
 * the item's criticality is the same without the inferred statements. (transfer full) */
char *
cg__report_bottleneck_footing(const CgGraph *g, const Report *R, const CgBottleneck *it)
{
  if (!R->crit_noinf || R->crit_noinf[it->node] == it->criticality)
    return NULL;
  GString *e = g_string_new(NULL);
  for (gsize k = 0; k < it->n_lost; k++) {
    guint32 w = it->lost[k];
    for (guint32 q = g->in_goff[w]; q < g->in_goff[w + 1]; q++)
      for (guint32 x = g->gmem_off[q]; x < g->gmem_off[q + 1]; x++)
        if (cg__bsearch_u32(it->lost, it->n_lost, g->esrc[x]) >= 0 && cg_edge_inferred(g, x))
          g_string_append_printf(e, "%s%s → %s", e->len ? ", " : "", cg_node_label(g, g->esrc[x]),
                                 cg_node_label(g, w));
  }
  char *line = g_strdup_printf(T("RESTS ON INFERENCE: %.1f%% without it (%s)"),
                               100 * R->crit_noinf[it->node], e->str);
  g_string_free(e, TRUE);
  return line;
}

/* "rests on plans: …; rests on inference: …" for a listed link, or NULL when its score is
 * the same in both other readings. (transfer full) */
char *
cg__report_link_footing(const CgGraph *g, const Report *R, const CgRiskLink *l)
{
  GString *why = g_string_new(NULL);
  if (R->link_present && R->link_present[l->edge] != l->score) {
    /* Whether the supplier has any present producer: with none, its probability at the
     * present horizon is the model's unsourced default, not a measure of safety. */
    CgRiskFactors f = {0};
    gssize u = cg__node_lookup_id(R->g_present, cg__node(g, l->source)->id);
    if (u >= 0)
      cg_risk_node_probability(R->g_present, NULL, (CgNodeId)u, &f, sizeof f);
    if (u >= 0 && f.n_regions == 0)
      g_string_append_printf(why, T("rests on plans: no region makes %s now (%.4f at the present "
                                    "horizon, from the model's unsourced default)"),
                             cg_node_label(g, l->source), R->link_present[l->edge]);
    else
      g_string_append_printf(why, T("rests on plans: %.4f at the present horizon"),
                             R->link_present[l->edge]);
  }
  if (R->link_noinf && R->link_noinf[l->edge] != l->score) {
    if (why->len)
      g_string_append(why, "; ");
    if (cg_edge_inferred(g, l->edge))
      g_string_append_printf(why, T("rests on inference: the link itself (%s)"),
                             cg_edge_provenance(g, l->edge, 0)->inferred);
    else
      g_string_append_printf(why, T("rests on inference: %.4f without inferred statements"),
                             R->link_noinf[l->edge]);
  }
  return g_string_free(why, why->len == 0);
}

/* @c's score of the pair named like pair @p of @base (0 when @c has no such pair). */
static double
pair_score_in(const CgGraph *g, const CgComplement *base, const CgComplementPair *p,
              const CgGraph *h, const CgComplement *c)
{
  gssize i = cg_complement_find_pair(h, c, cg_complement_region_name(g, base, p->from),
                                     cg_complement_region_name(g, base, p->to));
  return i >= 0 ? cg_complement_pair(c, (gsize)i)->score : 0;
}

/* "; present horizon x%[ (rests on plans)]; without inferred y%[ (rests on inference)]" for
 * a pair of the report's comparison: "" when neither other reading exists. (transfer full) */
char *
cg__report_pair_footing(const CgGraph *g, const Report *R, const CgComplementPair *p)
{
  GString *l = g_string_new(NULL);
  if (R->comp_present) {
    double x = pair_score_in(g, R->comp, p, R->g_present, R->comp_present);
    g_string_append_printf(l, T("; present horizon %.0f%%%s"), 100 * x,
                           fabs(x - p->score) > 0.005 ? T(" (rests on plans)") : "");
  }
  /* the no-inferred reading's regions are those of @g too (a copy of its regions) */
  if (R->comp_noinf) {
    double x = pair_score_in(g, R->comp, p, g, R->comp_noinf);
    g_string_append_printf(l, T("; without inferred %.0f%%%s"), 100 * x,
                           fabs(x - p->score) > 0.005 ? T(" (rests on inference)") : "");
  }
  return g_string_free(l, FALSE);
}

/* Whether region @ri of @c (at its level) or a region within it claims node id @id. */
static gboolean
region_makes(const CgGraph *h, const CgComplement *c, gsize ri, const char *id)
{
  gssize v = cg__node_lookup_id(h, id);
  const CgComplementRegion *cr = &c->regions[ri];
  return v >= 0 && cg__bsearch_u32(cr->capabilities, cr->n_capabilities, (guint32)v) >= 0;
}

/* Each compared region's gaps at the present horizon (inputs of what it makes now that it
 * does not make), by what closes them: its own plan, another region that makes it now,
 * another region's plan, only foreign supply, nothing in the documents. Regions without
 * gaps and the foreign region are left out. NULL (and *@n 0) without a present-horizon
 * reading. (transfer full) */
CgReportClosure *
cg__report_closures(const CgGraph *g, const Report *R, gsize *n)
{
  *n = 0;
  const CgComplement *c = R->comp, *cp = R->comp_present;
  const CgGraph *gp = R->g_present;
  if (!c || !cp)
    return NULL;
  GHashTable *foreign = g_hash_table_new(g_str_hash, g_str_equal);
  for (gsize r = 0; r < cg_graph_n_regions(g); r++)
    if (cg_region_is_foreign(g, r))
      for (gsize i = 0; i < cg_region_n_claims(g, r); i++)
        g_hash_table_add(foreign, (gpointer)cg_node_id(g, cg_region_claim(g, r, i, NULL, NULL, NULL)));
  CgReportClosure *out = g_new0(CgReportClosure, cp->n_regions ? cp->n_regions : 1);
  for (gsize b = 0; b < cp->n_regions; b++) {
    const CgComplementRegion *cr = &cp->regions[b];
    if (cr->n_gaps == 0 || cr->gap_weight <= 0 || cg_region_is_foreign(gp, cr->region))
      continue;
    const char *name = cg_complement_region_name(gp, cp, b);
    gssize bp = -1; /* the same region in the planned reading */
    for (gsize j = 0; j < c->n_regions; j++)
      if (strcmp(cg_complement_region_name(g, c, j), name) == 0)
        bp = (gssize)j;
    CgReportClosure *x = &out[(*n)++];
    x->name = name;
    x->region = bp >= 0 ? (gssize)c->regions[bp].region : -1;
    x->n_gaps = cr->n_gaps;
    x->weight = cr->gap_weight;
    for (gsize i = 0; i < cr->n_gaps; i++) {
      const char *id = cg__node(gp, cr->gaps[i])->id;
      int k = 4;
      if (bp >= 0 && region_makes(g, c, (gsize)bp, id))
        k = 0;
      for (gsize j = 0; k > 1 && j < cp->n_regions; j++)
        if (j != b && !cg_region_is_foreign(gp, cp->regions[j].region) && region_makes(gp, cp, j, id))
          k = 1;
      for (gsize j = 0; k > 2 && j < c->n_regions; j++)
        if ((gssize)j != bp && !cg_region_is_foreign(g, c->regions[j].region) && region_makes(g, c, j, id))
          k = 2;
      if (k > 3 && g_hash_table_contains(foreign, id))
        k = 3;
      x->w[k] += cr->gap_weights[i];
    }
  }
  g_hash_table_destroy(foreign);
  return out;
}

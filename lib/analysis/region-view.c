/* One region: its gaps, greedy partners and next steps (docs/complementarity.md). */
#include "analysis/complement-private.h"

#include <string.h>

/**
 * cg_region_gaps_free:
 * @gaps: (nullable): from cg_region_gaps()
 *
 * Frees @gaps, its capabilities and every gap's consumers and producers. NULL-safe.
 * O(gaps).
 */
void
cg_region_gaps_free(CgRegionGaps *x)
{
  if (!x)
    return;
  for (gsize i = 0; i < x->n_gaps; i++) {
    g_free(x->gaps[i].consumers);
    g_free(x->gaps[i].producers);
  }
  g_free(x->gaps);
  g_free(x->capabilities);
  g_free(x);
}

typedef struct {
  const CgGraph *g;
} GapCtx;

static int
cmp_gap(const void *a, const void *b, void *data)
{
  const CgGap *x = a, *y = b;
  return cg__cmp_desc_then_id(((GapCtx *)data)->g, x->weight, y->weight, x->node, y->node);
}

static CgRegionGaps *
region_gaps_with(const CgGraph *g, guint32 rb, const double *crit)
{
  guint32 n = cg__n(g);
  Caps c;
  cg__caps_of_one(g, rb, &c);
  Scratch s;
  cg__scratch_init(&s, n);
  GArray *gaps = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *weights = g_array_new(FALSE, FALSE, sizeof(double));
  CgRegionGaps *x = g_new0(CgRegionGaps, 1);
  x->region = rb;
  x->n_capabilities = c.off[1];
  x->capabilities = g_memdup2(c.node, sizeof(guint32) * c.off[1]);
  x->gap_weight = cg__find_gaps(g, c.node, c.off[1], crit, &s, gaps, weights, NULL);
  guint32 st = s.stamp;
  x->n_gaps = gaps->len;
  x->gaps = g_new0(CgGap, gaps->len ? gaps->len : 1);
  /* gmark now holds the gap's position + 1 (the stamps are spent). */
  for (guint i = 0; i < gaps->len; i++) {
    guint32 u = g_array_index(gaps, guint32, i);
    CgGap *gp = &x->gaps[i];
    gp->node = u;
    gp->weight = g_array_index(weights, double, i);
    GArray *cons = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint32 k = g->out_off[u]; k < g->out_off[u + 1]; k++) {
      guint32 v = g->out_dst[k];
      if (s.mark[v] == st)
        g_array_append_val(cons, v);
    }
    g_array_sort(cons, (GCompareFunc)cg__cmp_u32);
    gp->n_consumers = cons->len;
    gp->consumers = (guint32 *)(void *)g_array_free(cons, FALSE);
    s.gmark[u] = i + 1;
  }
  /* Direct claimants outside the region. */
  GPtrArray *prods = g_ptr_array_new();
  for (guint i = 0; i < gaps->len; i++)
    g_ptr_array_add(prods, g_array_new(FALSE, FALSE, sizeof(guint32)));
  for (guint32 r = 0; r < g->regions->len; r++) {
    const GArray *caps = REG(g, r)->caps;
    if (!caps || cg__region_within(g, r, rb))
      continue;
    for (guint i = 0; i < caps->len; i++) {
      guint32 u = g_array_index(caps, CgCapability, i).node;
      if (s.mark[u] != st && s.gmark[u] >= 1 && s.gmark[u] <= gaps->len &&
          g_array_index(gaps, guint32, s.gmark[u] - 1) == u)
        g_array_append_val((GArray *)prods->pdata[s.gmark[u] - 1], r);
    }
  }
  NameCtx nctx = {g};
  for (guint i = 0; i < gaps->len; i++) {
    GArray *a = prods->pdata[i];
    g_array_sort_with_data(a, (GCompareDataFunc)cg__cmp_region_name, &nctx);
    x->gaps[i].n_producers = a->len;
    x->gaps[i].producers = (guint32 *)(void *)g_array_free(a, FALSE);
  }
  g_ptr_array_free(prods, TRUE);
  GapCtx ctx = {g};
  g_qsort_with_data(x->gaps, (gint)x->n_gaps, sizeof(CgGap), (GCompareDataFunc)cmp_gap, &ctx);
  g_array_free(gaps, TRUE);
  g_array_free(weights, TRUE);
  cg__scratch_clear(&s);
  cg__caps_clear(&c);
  return x;
}

/**
 * cg_region_gaps:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region name, id or alias
 * @weighting: how gaps are weighted
 * @error: return location for a #GError, or %NULL
 *
 * The region's capabilities (its claims and those of the regions within it) and its gaps:
 * inputs of its capabilities it does not produce, each with its weight w_B (see
 * #CgGapWeighting), the capabilities that take it and the regions outside it that claim it.
 * Returns: (transfer full) (nullable): free with cg_region_gaps_free(); %NULL with @error
 *   set (%CG_ERROR_UNKNOWN) for an unknown region.
 * Complexity: O(claims · depth + Σ_{v ∈ C} d_in(v) + Σ_{gaps} d_out + G log G), plus
 *   cg_criticality() with criticality weighting.
 */
CgRegionGaps *
cg_region_gaps(const CgGraph *g, const char *region, CgGapWeighting weighting, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && region != NULL, NULL);
  gssize rb = cg__lookup_region(g, region, error);
  if (rb < 0)
    return NULL;
  double *crit = weighting == CG_GAP_WEIGHT_CRITICALITY ? cg_criticality(g, 0, NULL) : NULL;
  CgRegionGaps *x = region_gaps_with(g, (guint32)rb, crit);
  g_free(crit);
  return x;
}

/**
 * cg_partners_free:
 * @partners: (nullable): from cg_region_partners()
 *
 * Frees @partners and its steps. NULL-safe. O(steps).
 */
void
cg_partners_free(CgPartners *p)
{
  if (!p)
    return;
  for (gsize i = 0; i < p->n_steps; i++) {
    g_free(p->steps[i].supplies);
    g_free(p->steps[i].applications);
  }
  g_free(p->steps);
  g_free(p);
}

/* Gains within this much of each other are ties (sums in different orders). */
#define GAIN_EPS(g) (1e-12 * ((g)->app_total > 0 ? (g)->app_total : 1))

/**
 * cg_region_partners:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: the region the coalition starts from
 * @level: (nullable): the level partners are drawn from ("any" for every region); %NULL
 *   for the region's own level (every region when its level is unknown)
 * @max_steps: at most this many partners (0: no limit)
 * @error: return location for a #GError, or %NULL
 *
 * Greedy coalition building: starting from the region alone, each step adds the region
 * that raises the coalition's completion (cg_completion()) most; ties, and steps where no
 * single region raises it, go to the region that supplies the most nodes the coalition
 * lacks upstream of an application it cannot make (so two partners that only complete a
 * chain together are still found); then the name. It stops when no region gains or
 * supplies anything (a step without gain still fills what the coalition lacks). Regions
 * within the start region or containing it are never partners.
 * Returns: (transfer full) (nullable): free with cg_partners_free(); %NULL with @error set
 *   for an unknown region (%CG_ERROR_UNKNOWN) or level (%CG_ERROR_USAGE).
 * Complexity: O(steps · (V + E + Σ_A (|C_A| + vol_A))) where vol_A is the size of the
 *   propagation candidate A triggers (each trial is undone from a log).
 */
CgPartners *
cg_region_partners(const CgGraph *g, const char *region, const char *level, gsize max_steps,
                   GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && region != NULL, NULL);
  gssize rb = cg__lookup_region(g, region, error);
  if (rb < 0)
    return NULL;
  CgRegionLevel lv = REG(g, rb)->level;
  gboolean any = lv == CG_LEVEL_UNKNOWN;
  const char *canon;
  if (level && !cg__parse_level(level, &lv, &any, &canon, error))
    return NULL;
  guint32 nall, *all = cg__regions_at(g, lv, any, &nall);
  GArray *cand = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 i = 0; i < nall; i++)
    if (!cg__nested(g, all[i], (guint32)rb))
      g_array_append_val(cand, all[i]);
  g_free(all);
  guint32 nc = cand->len;
  guint32 *sel = g_new(guint32, g->regions->len ? g->regions->len : 1);
  for (guint32 r = 0; r < g->regions->len; r++)
    sel[r] = CG_NONE;
  for (guint32 i = 0; i < nc; i++)
    sel[g_array_index(cand, guint32, i)] = i;
  Caps c;
  cg__caps_build(g, sel, nc, FALSE, &c);
  g_free(sel);
  Caps own;
  cg__caps_of_one(g, (guint32)rb, &own);
  Comp comp;
  cg__comp_init(&comp, g, own.node, own.off[1]);
  cg__caps_clear(&own);

  CgPartners *res = g_new0(CgPartners, 1);
  res->region = (guint32)rb;
  double total = g->app_total > 0 ? g->app_total : 1;
  res->completion = g->app_total > 0 ? comp.weight / g->app_total : 0;
  GArray *steps = g_array_new(FALSE, FALSE, sizeof(CgPartnerStep));
  guint8 *chosen = g_new0(guint8, nc ? nc : 1);
  guint32 *miss = g_new0(guint32, cg__n(g) ? cg__n(g) : 1);
  gsize limit = max_steps ? MIN(max_steps, nc) : nc;
  for (guint32 st = 1; steps->len < limit; st++) {
    cg__mark_missing(&comp, miss, st, NULL);
    guint32 best = CG_NONE, best_sup = 0;
    double best_gain = 0;
    for (guint32 a = 0; a < nc; a++) {
      if (chosen[a])
        continue;
      guint32 sup = 0;
      for (guint32 k = c.off[a]; k < c.off[a + 1]; k++)
        sup += miss[c.node[k]] == st;
      double gain = cg__comp_try(&comp, c.node + c.off[a], c.off[a + 1] - c.off[a]);
      if (best == CG_NONE || gain > best_gain + GAIN_EPS(g) ||
          (gain >= best_gain - GAIN_EPS(g) && sup > best_sup)) {
        best = a;
        best_gain = gain;
        best_sup = sup;
      }
    }
    if (best == CG_NONE || (best_gain <= GAIN_EPS(g) && best_sup == 0))
      break;
    CgPartnerStep step = {g_array_index(cand, guint32, best), 0, 0, 0, NULL, 0, NULL};
    GArray *sup = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint32 k = c.off[best]; k < c.off[best + 1]; k++)
      if (miss[c.node[k]] == st)
        g_array_append_val(sup, c.node[k]);
    step.n_supplies = sup->len;
    step.supplies = (guint32 *)(void *)g_array_free(sup, FALSE);
    comp.gain = 0;
    comp.logging = TRUE;
    for (guint32 k = c.off[best]; k < c.off[best + 1]; k++)
      cg__comp_allow(&comp, c.node[k]);
    GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint i = 0; i < comp.log->len; i++) {
      guint64 x = g_array_index(comp.log, guint64, i);
      if ((x >> 32) == LOG_PROD && cg__is_app(g, (guint32)x)) {
        guint32 v = (guint32)x;
        g_array_append_val(apps, v);
      }
    }
    g_array_set_size(comp.log, 0);
    comp.logging = FALSE;
    g_array_sort(apps, (GCompareFunc)cg__cmp_u32);
    step.n_applications = apps->len;
    step.applications = (guint32 *)(void *)g_array_free(apps, FALSE);
    step.gain = comp.gain / total;
    step.completion = g->app_total > 0 ? comp.weight / g->app_total : 0;
    chosen[best] = 1;
    g_array_append_val(steps, step);
  }
  res->n_steps = steps->len;
  res->steps = (CgPartnerStep *)(void *)g_array_free(steps, FALSE);
  g_free(chosen);
  g_free(miss);
  cg__comp_clear(&comp);
  cg__caps_clear(&c);
  g_array_free(cand, TRUE);
  return res;
}

typedef struct {
  const CgGraph *g;
} NextCtx;

static int
cmp_next(const void *a, const void *b, void *data)
{
  const CgGraph *g = ((NextCtx *)data)->g;
  const CgNextStep *x = a, *y = b;
  if (x->density != y->density)
    return x->density > y->density ? -1 : 1;
  if (fabs(x->gain - y->gain) > 1e-12)
    return x->gain > y->gain ? -1 : 1;
  guint32 hx = x->n_inputs_here + x->n_consumers_here;
  guint32 hy = y->n_inputs_here + y->n_consumers_here;
  if (hx != hy)
    return hx > hy ? -1 : 1;
  return strcmp(cg__node(g, x->node)->id, cg__node(g, y->node)->id);
}

/*
 * cg__region_next (the public cg_region_next() wraps it):
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region name, id or alias
 * @top: at most this many (0: all)
 * @n_out: (out): how many are returned
 * @error: return location for a #GError, or %NULL
 *
 * What to develop next: the nodes the region does not produce that sit next to its
 * capabilities, scored by relatedness in the spirit of economic-complexity "density":
 * the share of the node's distinct inputs and consumers the region already produces.
 * Applications are left out (completion already counts them assemblable). Each carries
 * the completion the region alone would gain by producing it. Sorted by density
 * descending, then gain descending, then how many neighbours are here (input and consumer
 * links to the region's capabilities), then id.
 * Returns: (transfer full) (nullable): free with cg_free(); %NULL with @error set
 *   (%CG_ERROR_UNKNOWN) for an unknown region (an empty list is a non-NULL pointer with
 *   *@n_out = 0).
 * Complexity: O(V + E + Σ_{v candidate} (d(v) + vol_v)).
 */
CgNextStep *
cg__region_next(const CgGraph *g, const char *region, gsize top, gsize *n_out, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && region != NULL && n_out != NULL, NULL);
  *n_out = 0;
  gssize rb = cg__lookup_region(g, region, error);
  if (rb < 0)
    return NULL;
  guint32 n = cg__n(g);
  Caps own;
  cg__caps_of_one(g, (guint32)rb, &own);
  guint8 *here = g_new0(guint8, n ? n : 1);
  for (guint32 i = 0; i < own.off[1]; i++)
    here[own.node[i]] = 1;
  Comp comp;
  cg__comp_init(&comp, g, own.node, own.off[1]);
  guint32 *seen = g_new0(guint32, n ? n : 1), stamp = 1;
  guint8 *cand = g_new0(guint8, n ? n : 1);
  GArray *cands = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 i = 0; i < own.off[1]; i++) {
    guint32 v = own.node[i];
    for (int dir = 0; dir < 2; dir++) {
      guint32 k0 = dir ? g->out_off[v] : g->gmem_off[g->in_goff[v]];
      guint32 k1 = dir ? g->out_off[v + 1] : g->gmem_off[g->in_goff[v + 1]];
      for (guint32 k = k0; k < k1; k++) {
        guint32 u = dir ? g->out_dst[k] : g->esrc[k];
        if (!here[u] && !cand[u] && !cg__is_app(g, u)) {
          cand[u] = 1;
          g_array_append_val(cands, u);
        }
      }
    }
  }
  g_array_sort(cands, (GCompareFunc)cg__cmp_u32);
  CgNextStep *out = g_new0(CgNextStep, cands->len ? cands->len : 1);
  for (guint i = 0; i < cands->len; i++) {
    guint32 v = g_array_index(cands, guint32, i);
    CgNextStep *x = &out[i];
    x->node = v;
    stamp++;
    for (int dir = 0; dir < 2; dir++) {
      guint32 k0 = dir ? g->out_off[v] : g->gmem_off[g->in_goff[v]];
      guint32 k1 = dir ? g->out_off[v + 1] : g->gmem_off[g->in_goff[v + 1]];
      for (guint32 k = k0; k < k1; k++) {
        guint32 u = dir ? g->out_dst[k] : g->esrc[k];
        if (here[u]) {
          if (dir)
            x->n_consumers_here++;
          else
            x->n_inputs_here++;
        }
        if (seen[u] != stamp) {
          seen[u] = stamp;
          x->n_neighbours++;
        }
      }
    }
    /* A neighbour that is both an input and a consumer counts once. */
    guint32 both = 0;
    stamp++;
    for (guint32 k = g->gmem_off[g->in_goff[v]]; k < g->gmem_off[g->in_goff[v + 1]]; k++)
      seen[g->esrc[k]] = stamp;
    for (guint32 k = g->out_off[v]; k < g->out_off[v + 1]; k++) {
      guint32 u = g->out_dst[k];
      if (seen[u] == stamp && here[u])
        both++;
    }
    guint32 n_here = x->n_inputs_here + x->n_consumers_here - both;
    x->density = x->n_neighbours ? (double)n_here / x->n_neighbours : 0;
    x->gain = cg__comp_try(&comp, &v, 1) / (g->app_total > 0 ? g->app_total : 1);
  }
  NextCtx ctx = {g};
  g_qsort_with_data(out, (gint)cands->len, sizeof(CgNextStep), (GCompareDataFunc)cmp_next, &ctx);
  *n_out = top ? MIN(top, cands->len) : cands->len;
  g_array_free(cands, TRUE);
  g_free(cand);
  g_free(seen);
  g_free(here);
  cg__comp_clear(&comp);
  cg__caps_clear(&own);
  return out;
}

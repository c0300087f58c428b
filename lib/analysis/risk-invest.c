/* Where to invest: reduction(x) = p(x) · E[L(S ∪ {x}) − L(S \ {x})], by variants of each
 * batch (see risk.c, point 5). */
#include "analysis/risk-private.h"
#include "core/rng.h"

#include <string.h>

/* Loss per lane when @x fails in every lane (@fails) or in none (!@fails), all else as in
 * the batch. Failing more: the lanes that may be lost are cleared and grow back to the new
 * least fixed point; failing less: values only grow from the current ones. Changes are
 * undone afterwards. O(vol(nodes that change or may be lost)). */
void
cg__risk_variant(Lanes *ln, guint32 x, gboolean fails, double *Lv)
{
  const Engine *E = ln->E;
  if (++ln->epoch == 0) {
    memset(ln->stamp, 0, E->n * sizeof(guint32));
    ln->epoch = 1;
  }
  g_array_set_size(ln->undo_v, 0);
  g_array_set_size(ln->undo_a, 0);
  guint64 old_fail = ln->fail[x];
  ln->fail[x] = fails ? ln->valid : 0;
  if (fails) {
    /* Lanes in which a node may be lost with x (the kernel's candidate set, lane by lane):
     * kill[w] = alive[w] ∧ ¬safe(w), where safe(w) needs, in every group, a member earlier
     * in the baseline order that was alive after the first (in-order) pass of forward()
     * and is not killed. A node that keeps such support keeps a chain of it back to the
     * sources, so alive ∧ ¬kill lies below the new least fixed point, and growing from
     * there (cg__risk_settle) is exact. Lanes reached only through back edges are never "safe",
     * so a cycle cannot keep itself alive. Worked in baseline order with a heap. */
    GArray *K = ln->stack;
    g_array_set_size(K, 0);
    const CgGraph *g = E->g;
    if (ln->alive[x]) {
      ln->kill[x] = ln->alive[x];
      g_array_append_val(K, x);
      for (guint32 k = g->out_off[x]; k < g->out_off[x + 1]; k++)
        if (E->b.prod[E->out_dst[k]])
          cg__risk_mark_dirty(ln, E->out_dst[k]);
      while (ln->heap->len) {
        guint32 w = E->topo[cg__risk_heap_pop(ln->heap)];
        ln->dirty[w] = 0;
        if (w == x)
          continue;
        guint32 ow = E->b.order[w];
        guint64 safe = ln->valid & ~ln->fail[w];
        for (guint32 gi = g->in_goff[w]; gi < g->in_goff[w + 1] && safe; gi++) {
          guint64 any = 0;
          for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1]; e++) {
            guint32 u = g->esrc[e];
            if (E->b.order[u] < ow)
              any |= ln->p1[u] & ~ln->kill[u];
          }
          safe &= any;
        }
        guint64 nk = ln->alive[w] & ~safe & ~ln->kill[w];
        if (!nk)
          continue;
        if (!ln->kill[w])
          g_array_append_val(K, w);
        ln->kill[w] |= nk;
        for (guint32 k = g->out_off[w]; k < g->out_off[w + 1]; k++)
          if (E->b.prod[E->out_dst[k]])
            cg__risk_mark_dirty(ln, E->out_dst[k]);
      }
      for (guint i = 0; i < K->len; i++) {
        guint32 w = g_array_index(K, guint32, i);
        cg__risk_set_alive(ln, w, ln->alive[w] & ~ln->kill[w]);
      }
      for (guint i = 0; i < K->len; i++) {
        guint32 w = g_array_index(K, guint32, i);
        ln->kill[w] = 0;
        cg__risk_mark_dirty(ln, w);
      }
    }
  } else {
    cg__risk_mark_dirty(ln, x);
  }
  cg__risk_settle(ln, TRUE);
  memcpy(Lv, ln->L, sizeof ln->L);
  for (guint i = 0; i < ln->undo_v->len; i++) {
    guint32 v = g_array_index(ln->undo_v, guint32, i);
    guint64 old = g_array_index(ln->undo_a, guint64, i);
    if (E->is_app[v] && old != ln->alive[v]) {
      guint64 lo = ln->valid & ~old, ln2 = ln->valid & ~ln->alive[v];
      guint64 plus = ln2 & ~lo, minus = lo & ~ln2;
      double w = E->app_w[v];
      for (; plus; plus &= plus - 1)
        Lv[__builtin_ctzll(plus)] += w;
      for (; minus; minus &= minus - 1)
        Lv[__builtin_ctzll(minus)] -= w;
    }
    ln->alive[v] = old;
  }
  ln->fail[x] = old_fail;
}

typedef struct {
  const guint32 *rank;
  double total;
} InvestSort;

static int
cmp_invest(const void *a, const void *b, void *data)
{
  const InvestSort *s = data;
  const CgRiskInvestment *x = a, *y = b;
  return cg__cmp_desc_then_rank(s->rank, (double)quant(x->reduction / s->total),
                                (double)quant(y->reduction / s->total), x->node, y->node);
}

typedef struct {
  const guint64 *ub;
  const guint32 *rank;
} CandSort;

static int
cmp_cand(const void *a, const void *b, void *data)
{
  const CandSort *c = data;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  return cg__cmp_desc_then_rank(c->rank, (double)c->ub[x], (double)c->ub[y], x, y);
}

/* Invest reductions by the paired estimator over the first @lanes lanes. */
static void
invest_estimate(const Engine *E, const Sampler *S, const guint32 *cand, guint n_cand,
                gsize lanes, guint threads, double *red, double *lo, double *hi)
{
  Sampler S2 = *S;
  if (!S->exact && lanes > 0)
    S2.lanes_total = MIN(S->lanes_total, lanes);
  Sweep sw;
  cg__risk_sweep_alloc(&sw, E, &S2, SWEEP_INVEST);
  sw.cand = cand;
  sw.n_cand = n_cand;
  gsize nb = sw.n_batches ? sw.n_batches : 1;
  sw.cs = g_new0(double, nb * (n_cand ? n_cand : 1));
  sw.cs2 = g_new0(double, nb * (n_cand ? n_cand : 1));
  cg__risk_sweep_run(&sw, threads);
  /* Total lane weight: N for Monte Carlo; for exact, 1 (the probabilities sum to 1). */
  double W = S2.exact ? 1.0 : (double)S2.lanes_total;
  for (guint c = 0; c < n_cand; c++) {
    double s = 0, s2 = 0;
    for (guint64 b = 0; b < sw.n_batches; b++) {
      s += sw.cs[b * n_cand + c];
      s2 += sw.cs2[b * n_cand + c];
    }
    double p = S->p[cand[c]];
    if (p > 1)
      p = 1;
    double mean = W > 0 ? s / W : 0;
    red[c] = p * mean;
    if (S2.exact || S2.lanes_total < 2) {
      lo[c] = hi[c] = red[c];
    } else {
      double N = (double)S2.lanes_total;
      double var = MAX(0, (s2 - N * mean * mean) / (N - 1));
      double half = CG_Z95 * p * sqrt(var / N);
      lo[c] = red[c] - half;
      hi[c] = red[c] + half;
    }
  }
  cg__risk_sweep_free(&sw);
}

/* Where to invest (point 5 at the top of risk.c): exact over the enumeration, else the
 * paired estimator over the candidates the main sweep found (twice the number asked, at
 * least ten more), ranked by reduction then id; fills r->invest without the sentences. */
void
cg__risk_where_to_invest(const CgGraph *g, CgRisk *r, const Sampler *S, const Sweep *sw,
                         const CgRiskOptions *opt)
{
  const Priv *pv = r->priv;
  const Engine *E = &pv->E;
  guint32 n = cg__n(g);
  GArray *inv = g_array_new(FALSE, FALSE, sizeof(CgRiskInvestment));
  GArray *cand = g_array_new(FALSE, FALSE, sizeof(guint32));
  double tiny = 1e-12 * MAX(1.0, r->total_weight);
  if (pv->exact) {
    for (guint i = 0; i < S->k; i++) {
      double d = 0;
      for (guint64 b = 0; b < sw->n_batches; b++)
        d += sw->dx[b * S->k + i];
      CgRiskInvestment it = {S->unc[i], r->probability[S->unc[i]], 0, {0, 0}, NULL};
      it.reduction = it.probability * d;
      if (it.reduction > tiny) {
        it.ci95[0] = it.ci95[1] = it.reduction;
        g_array_append_val(inv, it);
      }
    }
    for (guint i = 0; i < S->n_forced; i++)
      g_array_append_val(cand, S->forced[i]);
  } else {
    for (guint32 v = 0; v < n; v++)
      if (sw->ub_units[v] > 0)
        g_array_append_val(cand, v);
    CandSort cs = {sw->ub_units, pv->id_rank};
    g_qsort_with_data(cand->data, (gint)cand->len, sizeof(guint32), cmp_cand, &cs);
    gsize keep = MAX(2 * opt->invest, opt->invest + 10);
    if (cand->len > keep)
      g_array_set_size(cand, (guint)keep);
  }
  if (cand->len) {
    guint nc = cand->len;
    double *red = g_new(double, nc), *lo = g_new(double, nc), *hi = g_new(double, nc);
    invest_estimate(E, S, (guint32 *)(void *)cand->data, nc,
                    opt->invest_samples ? opt->invest_samples : opt->samples, opt->threads, red, lo,
                    hi);
    for (guint c = 0; c < nc; c++) {
      if (red[c] <= tiny)
        continue;
      guint32 x = g_array_index(cand, guint32, c);
      CgRiskInvestment it = {x, r->probability[x], red[c], {MAX(0, lo[c]), hi[c]}, NULL};
      g_array_append_val(inv, it);
    }
    g_free(red);
    g_free(lo);
    g_free(hi);
  }
  InvestSort is = {pv->id_rank, MAX(1.0, r->total_weight)};
  g_qsort_with_data(inv->data, (gint)inv->len, sizeof(CgRiskInvestment), cmp_invest, &is);
  if (inv->len > opt->invest)
    g_array_set_size(inv, (guint)opt->invest);
  r->n_invest = inv->len;
  r->invest = (CgRiskInvestment *)(void *)g_array_free(inv, FALSE);
  g_array_free(cand, TRUE);
}

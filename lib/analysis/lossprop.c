/* Loss propagation: which nodes a disruption takes down, computed from the undisrupted
 * state rather than from scratch.
 *
 * The baseline least fixed point gives every producible node an order (when it became
 * producible). Call an input u of group g of v *supporting* if order(u) < order(v); every
 * group of a producible node has one. If the set X is lost, only nodes that lose all
 * supporting members of some group can be lost: propagating that along supporting edges
 * gives a candidate set K ⊇ X containing the true lost set (a node outside K keeps, in
 * every group, a supporting member outside K, and by induction on the order it stays
 * producible). A least fixed point restricted to K, with every producible node outside K
 * as a fixed source, then recovers the candidates that another route still supplies;
 * what remains is exactly the lost set. Cost: O(Σ_{v ∈ K} (d_in(v) + d_out(v))), which is
 * small when a loss stays local — the common case — and never more than O(V + E).
 *
 * Bottlenecks run it once per node (criticality), risk once per Monte Carlo sample. One
 * CgKernel per thread; the baseline is shared read-only. Two optional restrictions: a
 * mask @within (candidates only inside an ancestor-closed node set, e.g. the supply cone
 * of sampled applications) and per-node weights @app_w replacing application weights. */
#include "analysis/cg-analysis.h"

#include <string.h>

/*
 * cg__baseline_init:
 * Computes the undisrupted least fixed point, its order and the supporting-member count
 * of every group. O(V + E).
 */
void
cg__baseline_init(const CgGraph *g, CgBaseline *b)
{
  guint32 n = cg__n(g);
  b->n = n;
  b->prod = g_new(guint8, n ? n : 1);
  b->order = g_new(guint32, n ? n : 1);
  b->nsupp = g_new0(guint32, g->n_groups ? g->n_groups : 1);
  b->or_only = TRUE;
  for (guint32 v = 0; v < n; v++) {
    b->order[v] = G_MAXUINT32;
    if (g->in_goff[v + 1] - g->in_goff[v] > 1)
      b->or_only = FALSE;
  }
  guint32 *queue = g_new(guint32, n ? n : 1);
  b->n_prod = cg__lfp(g, NULL, b->prod, queue);
  for (guint32 i = 0; i < b->n_prod; i++)
    b->order[queue[i]] = i;
  g_free(queue);
  for (guint32 gi = 0; gi < g->n_groups; gi++) {
    guint32 v = g->group_node[gi];
    if (!b->prod[v])
      continue;
    for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1]; e++)
      if (b->order[g->esrc[e]] < b->order[v])
        b->nsupp[gi]++;
  }
}

void
cg__baseline_clear(CgBaseline *b)
{
  g_free(b->prod);
  g_free(b->order);
  g_free(b->nsupp);
}

void
cg__kernel_init(CgKernel *kn, const CgGraph *g, const CgBaseline *b)
{
  guint32 n = cg__n(g), ng = g->n_groups ? g->n_groups : 1;
  kn->g = g;
  kn->b = b;
  kn->epoch = 0;
  kn->in_k = g_new0(guint32, n ? n : 1);
  kn->rec = g_new0(guint32, n ? n : 1);
  kn->seed = g_new0(guint32, n ? n : 1);
  kn->gstamp = g_new0(guint32, ng);
  kn->dec = g_new0(guint32, ng);
  kn->gsat = g_new0(guint8, ng);
  kn->need = g_new0(guint32, n ? n : 1);
  kn->k = g_array_new(FALSE, FALSE, sizeof(guint32));
  kn->queue = g_array_new(FALSE, FALSE, sizeof(guint32));
  kn->within = NULL;
  kn->app_w = NULL;
  kn->visits = 0;
}

void
cg__kernel_clear(CgKernel *kn)
{
  g_free(kn->in_k);
  g_free(kn->rec);
  g_free(kn->seed);
  g_free(kn->gstamp);
  g_free(kn->dec);
  g_free(kn->gsat);
  g_free(kn->need);
  g_array_free(kn->k, TRUE);
  g_array_free(kn->queue, TRUE);
}

static inline void
group_touch(CgKernel *kn, guint32 gi)
{
  if (kn->gstamp[gi] != kn->epoch) {
    kn->gstamp[gi] = kn->epoch;
    kn->dec[gi] = 0;
    kn->gsat[gi] = 0;
  }
}

/**
 * cg__kernel_run:
 * @xs: (array length=nx): the nodes knocked out (duplicates and unproducible ones are
 *   ignored)
 *
 * Computes the nodes lost with the set @xs. Afterwards cg__kernel_lost() tells whether a
 * node is lost, and kn->k lists the candidates (a superset of the lost nodes, the
 * knocked-out producible ones first).
 * Returns: the lost application weight.
 * Complexity: O(Σ_{v ∈ K} (d_in(v) + d_out(v))) for the candidate set K.
 */
double
cg__kernel_run(CgKernel *kn, const guint32 *xs, gsize nx)
{
  const CgGraph *g = kn->g;
  const CgBaseline *b = kn->b;
  g_array_set_size(kn->k, 0);
  if (++kn->epoch == 0) { /* wrapped: clear the stamps */
    memset(kn->in_k, 0, cg__n(g) * sizeof(guint32));
    memset(kn->rec, 0, cg__n(g) * sizeof(guint32));
    memset(kn->seed, 0, cg__n(g) * sizeof(guint32));
    memset(kn->gstamp, 0, (g->n_groups ? g->n_groups : 1) * sizeof(guint32));
    kn->epoch = 1;
  }
  guint32 ep = kn->epoch;
  for (gsize i = 0; i < nx; i++) {
    guint32 x = xs[i];
    if (!b->prod[x] || kn->in_k[x] == ep)
      continue;
    kn->in_k[x] = ep;
    kn->seed[x] = ep;
    g_array_append_val(kn->k, x);
  }
  guint n_seeds = kn->k->len;
  /* Candidates: nodes that lose every supporting member of some group. */
  for (guint i = 0; i < kn->k->len; i++) {
    guint32 u = g_array_index(kn->k, guint32, i);
    guint32 ou = b->order[u];
    kn->visits += g->out_off[u + 1] - g->out_off[u] + g->in_goff[u + 1] - g->in_goff[u];
    for (guint32 k = g->out_off[u]; k < g->out_off[u + 1]; k++) {
      guint32 gi = g->out_group[k];
      guint32 v = g->out_dst[k];
      if (kn->in_k[v] == ep || !b->prod[v] || ou >= b->order[v] ||
          (kn->within && !kn->within[v]))
        continue;
      group_touch(kn, gi);
      if (++kn->dec[gi] == b->nsupp[gi]) {
        kn->in_k[v] = ep;
        g_array_append_val(kn->k, v);
      }
    }
  }
  /* Recovery: least fixed point inside K with everything outside K as a source. */
  g_array_set_size(kn->queue, 0);
  for (guint i = n_seeds; i < kn->k->len; i++) {
    guint32 v = g_array_index(kn->k, guint32, i);
    guint32 need = 0;
    for (guint32 gi = g->in_goff[v]; gi < g->in_goff[v + 1]; gi++) {
      group_touch(kn, gi);
      gboolean ok = FALSE;
      for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1] && !ok; e++) {
        guint32 u = g->esrc[e];
        ok = b->prod[u] && kn->in_k[u] != ep;
      }
      if (ok)
        kn->gsat[gi] = 1;
      else
        need++;
    }
    kn->need[v] = need;
    if (need == 0) {
      kn->rec[v] = ep;
      g_array_append_val(kn->queue, v);
    }
  }
  for (guint qi = 0; qi < kn->queue->len; qi++) {
    guint32 u = g_array_index(kn->queue, guint32, qi);
    for (guint32 k = g->out_off[u]; k < g->out_off[u + 1]; k++) {
      guint32 gi = g->out_group[k];
      guint32 v = g->out_dst[k];
      if (kn->in_k[v] != ep || kn->seed[v] == ep || kn->rec[v] == ep)
        continue;
      group_touch(kn, gi);
      if (kn->gsat[gi])
        continue;
      kn->gsat[gi] = 1;
      if (--kn->need[v] == 0) {
        kn->rec[v] = ep;
        g_array_append_val(kn->queue, v);
      }
    }
  }
  double w = 0;
  for (guint i = 0; i < kn->k->len; i++) {
    guint32 v = g_array_index(kn->k, guint32, i);
    if (kn->rec[v] == ep)
      continue;
    if (kn->app_w)
      w += kn->app_w[v];
    else if (cg__is_app(g, v))
      w += cg__app_weight(g, v);
  }
  return w;
}

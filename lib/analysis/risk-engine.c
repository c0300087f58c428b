/* The bit-parallel engine of the risk analysis: 64 samples (or enumerated states) per
 * word, the sampler, per-thread lanes and the sweeps over all batches (see risk.c for the
 * design and why it is not one loss propagation per sample). */
#include "analysis/risk-private.h"
#include "core/rng.h"

#include <string.h>

void
cg__risk_engine_init(Engine *E, const CgGraph *g)
{
  guint32 n = cg__n(g), m = cg__m(g);
  E->g = g;
  E->n = n;
  E->m = m;
  cg__baseline_init(g, &E->b);
  const CgBaseline *b = &E->b;
  E->n_prod = b->n_prod;
  E->topo = g_new(guint32, b->n_prod ? b->n_prod : 1);
  for (guint32 v = 0; v < n; v++)
    if (b->prod[v])
      E->topo[b->order[v]] = v;
  E->out_dst = g->out_dst;
  E->back_off = g_new0(guint32, n + 1);
  GArray *bd = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *bs = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 u = 0; u < n; u++) {
    guint32 before = bd->len;
    if (b->prod[u])
      for (guint32 k = g->out_off[u]; k < g->out_off[u + 1]; k++) {
        guint32 w = E->out_dst[k];
        if (b->prod[w] && b->order[w] <= b->order[u])
          g_array_append_val(bd, w);
      }
    if (bd->len > before)
      g_array_append_val(bs, u);
    E->back_off[u + 1] = bd->len;
  }
  E->n_back_src = bs->len;
  E->back_dst = (guint32 *)(void *)g_array_free(bd, FALSE);
  E->back_src = (guint32 *)(void *)g_array_free(bs, FALSE);
  E->app_w = g_new0(double, n ? n : 1);
  E->is_app = g_new0(guint8, n ? n : 1);
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < n; v++)
    if (cg__is_app(g, v)) {
      E->app_w[v] = cg__app_weight(g, v);
      if (b->prod[v]) {
        E->is_app[v] = 1;
        g_array_append_val(apps, v);
      }
    }
  E->n_apps = apps->len;
  E->apps = (guint32 *)(void *)g_array_free(apps, FALSE);
}

void
cg__risk_engine_clear(Engine *E)
{
  cg__baseline_clear(&E->b);
  g_free(E->topo);
  g_free(E->back_off);
  g_free(E->back_dst);
  g_free(E->back_src);
  g_free(E->apps);
  g_free(E->app_w);
  g_free(E->is_app);
}

void
cg__risk_sampler_init(Sampler *S, const Engine *E, const double *p, const guint8 *extra_forced,
             gboolean exact, guint64 seed, gsize samples)
{
  memset(S, 0, sizeof *S);
  S->p = p;
  S->seed = seed;
  S->exact = exact;
  GArray *forced = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *unc = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint32 bcnt[NBUCKETS] = {0};
  guint8 *bucket = g_new(guint8, E->n ? E->n : 1);
  for (guint32 v = 0; v < E->n; v++) {
    if (!E->b.prod[v])
      continue;
    if ((extra_forced && extra_forced[v]) || p[v] >= 1) {
      g_array_append_val(forced, v);
      continue;
    }
    if (p[v] <= 0)
      continue;
    g_array_append_val(unc, v);
    guint b = 0;
    double q = 1;
    while (b < NBUCKETS - 1 && q / 2 >= p[v]) {
      q /= 2;
      b++;
    }
    bucket[v] = (guint8)b;
    bcnt[b]++;
  }
  S->n_forced = forced->len;
  S->forced = (guint32 *)(void *)g_array_free(forced, FALSE);
  S->k = unc->len;
  S->boff[0] = 0;
  for (guint b = 0; b < NBUCKETS; b++) {
    S->boff[b + 1] = S->boff[b] + bcnt[b];
    S->bq[b] = ldexp(1.0, -(int)b);
    S->blq[b] = b == 0 ? 0 : log1p(-S->bq[b]);
  }
  S->bnodes = g_new(guint32, S->k ? S->k : 1);
  S->bp = g_new(double, S->k ? S->k : 1);
  guint32 fill[NBUCKETS];
  memcpy(fill, S->boff, sizeof fill);
  for (guint i = 0; i < unc->len; i++) {
    guint32 v = g_array_index(unc, guint32, i);
    S->bp[fill[bucket[v]]] = p[v];
    S->bnodes[fill[bucket[v]]++] = v;
  }
  S->unc = (guint32 *)(void *)g_array_free(unc, FALSE);
  S->lanes_total = exact ? ((gsize)1 << S->k) : samples;
  g_free(bucket);
}

void
cg__risk_sampler_clear(Sampler *S)
{
  g_free(S->forced);
  g_free(S->unc);
  g_free(S->bnodes);
  g_free(S->bp);
}

static void
lanes_init(Lanes *ln, const Engine *E, const Sampler *S)
{
  guint32 n = E->n ? E->n : 1;
  memset(ln, 0, sizeof *ln);
  ln->E = E;
  ln->S = S;
  ln->alive = g_new0(guint64, n);
  ln->lost = g_new0(guint64, n);
  ln->reach = g_new0(guint64, n);
  ln->fail = g_new0(guint64, n);
  ln->kill = g_new0(guint64, n);
  ln->dirty = g_new0(guint8, n);
  ln->stamp = g_new0(guint32, n);
  ln->touched = g_array_new(FALSE, FALSE, sizeof(guint32));
  ln->heap = g_array_new(FALSE, FALSE, sizeof(guint32));
  ln->stack = g_array_new(FALSE, FALSE, sizeof(guint32));
  ln->undo_v = g_array_new(FALSE, FALSE, sizeof(guint32));
  ln->undo_a = g_array_new(FALSE, FALSE, sizeof(guint64));
}

static void
lanes_clear(Lanes *ln)
{
  g_free(ln->alive);
  g_free(ln->lost);
  g_free(ln->reach);
  g_free(ln->fail);
  g_free(ln->kill);
  g_free(ln->p1);
  g_free(ln->dirty);
  g_free(ln->stamp);
  g_array_free(ln->touched, TRUE);
  g_array_free(ln->heap, TRUE);
  g_array_free(ln->stack, TRUE);
  g_array_free(ln->undo_v, TRUE);
  g_array_free(ln->undo_a, TRUE);
}

static inline void
fail_set(Lanes *ln, guint32 v, guint64 bits)
{
  if (!ln->fail[v])
    g_array_append_val(ln->touched, v);
  ln->fail[v] |= bits;
}

/* Sets the fail words of batch @bi and the lane weights. */
static void
batch_setup(Lanes *ln, guint64 bi)
{
  const Sampler *S = ln->S;
  guint64 first = bi * LANES;
  guint nl = (guint)MIN((guint64)LANES, S->lanes_total - first);
  ln->valid = nl == LANES ? ~0ull : ((1ull << nl) - 1);
  for (guint32 i = 0; i < S->n_forced; i++)
    fail_set(ln, S->forced[i], ln->valid);
  if (S->exact) {
    for (guint i = 0; i < S->k; i++) {
      guint64 bits;
      if (i < 6) {
        bits = 0;
        for (guint j = 0; j < LANES; j++)
          if ((j >> i) & 1)
            bits |= 1ull << j;
      } else
        bits = ((bi >> (i - 6)) & 1) ? ~0ull : 0;
      bits &= ln->valid;
      if (bits)
        fail_set(ln, S->unc[i], bits);
    }
    for (guint j = 0; j < LANES; j++) {
      double w = 0;
      if ((ln->valid >> j) & 1) {
        w = 1;
        guint64 state = first + j;
        for (guint i = 0; i < S->k; i++) {
          double p = S->p[S->unc[i]];
          w *= ((state >> i) & 1) ? p : 1 - p;
        }
      }
      ln->w[j] = w;
    }
  } else {
    for (guint j = 0; j < LANES; j++)
      ln->w[j] = ((ln->valid >> j) & 1) ? 1 : 0;
    for (guint j = 0; j < nl; j++) {
      CgRng r;
      cg__rng_for_stream(&r, S->seed, first + j);
      guint64 bit = 1ull << j;
      for (guint b = 0; b < NBUCKETS; b++) {
        guint32 lo = S->boff[b], len = S->boff[b + 1] - lo;
        if (!len)
          continue;
        if (b == 0) {
          for (guint32 i = lo; i < lo + len; i++)
            if (cg__rng_double(&r) < S->bp[i])
              fail_set(ln, S->bnodes[i], bit);
          continue;
        }
        double pos = -1, q = S->bq[b], lq = S->blq[b];
        for (;;) {
          double u = 1 - cg__rng_double(&r); /* (0, 1] */
          pos += 1 + floor(log(u) / lq);
          if (pos >= len)
            break;
          guint32 i = lo + (guint32)pos;
          if (cg__rng_double(&r) * q < S->bp[i])
            fail_set(ln, S->bnodes[i], bit);
        }
      }
    }
  }
}

static void
batch_reset(Lanes *ln)
{
  for (guint i = 0; i < ln->touched->len; i++)
    ln->fail[g_array_index(ln->touched, guint32, i)] = 0;
  g_array_set_size(ln->touched, 0);
}

/* The lanes in which @v is producible, given its inputs' current words. */
static inline guint64
eval_node(const Lanes *ln, guint32 v)
{
  const CgGraph *g = ln->E->g;
  guint64 r = ln->valid & ~ln->fail[v];
  for (guint32 gi = g->in_goff[v]; gi < g->in_goff[v + 1] && r; gi++) {
    guint64 any = 0;
    for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1]; e++)
      any |= ln->alive[g->esrc[e]];
    r &= any;
  }
  return r;
}

static void
heap_push(GArray *h, guint32 key)
{
  g_array_append_val(h, key);
  guint32 *a = (guint32 *)(void *)h->data;
  guint i = h->len - 1;
  while (i > 0) {
    guint p = (i - 1) / 2;
    if (a[p] <= a[i])
      break;
    guint32 t = a[p];
    a[p] = a[i];
    a[i] = t;
    i = p;
  }
}

guint32
cg__risk_heap_pop(GArray *h)
{
  guint32 *a = (guint32 *)(void *)h->data;
  guint32 top = a[0];
  a[0] = a[h->len - 1];
  g_array_set_size(h, h->len - 1);
  guint i = 0, n = h->len;
  for (;;) {
    guint l = 2 * i + 1, r = l + 1, s = i;
    if (l < n && a[l] < a[s])
      s = l;
    if (r < n && a[r] < a[s])
      s = r;
    if (s == i)
      break;
    guint32 t = a[s];
    a[s] = a[i];
    a[i] = t;
    i = s;
  }
  return top;
}

void
cg__risk_mark_dirty(Lanes *ln, guint32 v)
{
  if (!ln->dirty[v]) {
    ln->dirty[v] = 1;
    heap_push(ln->heap, ln->E->b.order[v]);
  }
}

void
cg__risk_set_alive(Lanes *ln, guint32 v, guint64 a)
{
  if (ln->stamp[v] != ln->epoch) {
    ln->stamp[v] = ln->epoch;
    g_array_append_val(ln->undo_v, v);
    g_array_append_val(ln->undo_a, ln->alive[v]);
  }
  ln->alive[v] = a;
}

/* Re-evaluates dirty nodes in baseline order until nothing changes. Values only grow, from
 * below the least fixed point, so the result is the least fixed point. @logged: record
 * changes in the undo log. */
void
cg__risk_settle(Lanes *ln, gboolean logged)
{
  const Engine *E = ln->E;
  const CgGraph *g = E->g;
  while (ln->heap->len) {
    guint32 v = E->topo[cg__risk_heap_pop(ln->heap)];
    ln->dirty[v] = 0;
    guint64 a = eval_node(ln, v);
    if (a == ln->alive[v])
      continue;
    if (logged)
      cg__risk_set_alive(ln, v, a);
    else
      ln->alive[v] = a;
    for (guint32 k = g->out_off[v]; k < g->out_off[v + 1]; k++) {
      guint32 w = E->out_dst[k];
      if (E->b.prod[w])
        cg__risk_mark_dirty(ln, w);
    }
  }
}

/* The producible lanes of every node under the batch's failures. O(V + E) words. */
static void
forward(Lanes *ln)
{
  const Engine *E = ln->E;
  memset(ln->alive, 0, E->n * sizeof(guint64));
  for (guint32 i = 0; i < E->n_prod; i++) {
    guint32 v = E->topo[i];
    ln->alive[v] = eval_node(ln, v);
  }
  if (ln->p1)
    memcpy(ln->p1, ln->alive, E->n * sizeof(guint64));
  /* A back edge's source was read before it was computed: re-check its target where the
   * source is alive in lanes the target is not (elsewhere it cannot change anything). */
  for (guint32 i = 0; i < E->n_back_src; i++) {
    guint32 u = E->back_src[i];
    guint64 au = ln->alive[u];
    if (!au)
      continue;
    for (guint32 k = E->back_off[u]; k < E->back_off[u + 1]; k++) {
      guint32 w = E->back_dst[k];
      if (au & ~ln->alive[w] & ~ln->fail[w])
        cg__risk_mark_dirty(ln, w);
    }
  }
  cg__risk_settle(ln, FALSE);
}

/* Lost words and the lost application weight of every lane. O(V + lost applications). */
static void
losses(Lanes *ln)
{
  const Engine *E = ln->E;
  for (guint32 i = 0; i < E->n_prod; i++) {
    guint32 v = E->topo[i];
    ln->lost[v] = ln->valid & ~ln->alive[v];
  }
  memset(ln->L, 0, sizeof ln->L);
  for (guint32 i = 0; i < E->n_apps; i++) {
    guint32 a = E->apps[i];
    guint64 m = ln->lost[a];
    double w = E->app_w[a];
    while (m) {
      ln->L[__builtin_ctzll(m)] += w;
      m &= m - 1;
    }
  }
}

static inline guint64
reach_eval(const Lanes *ln, guint32 v)
{
  const Engine *E = ln->E;
  const CgGraph *g = E->g;
  guint64 l = ln->lost[v];
  guint64 r = E->is_app[v] ? l : 0;
  for (guint32 k = g->out_off[v]; k < g->out_off[v + 1] && (r & l) != l; k++)
    r |= ln->reach[E->out_dst[k]];
  return r & l;
}

/* reach[v]: lanes in which v is lost and a path of lost nodes leads from v to a lost
 * application (v itself included). The least fixed point of reach = lost ∧ (app ∨ ⋁ reach
 * of the consumers), by a reverse sweep plus a worklist for back edges. O(V + E) words. */
static void
reach_pass(Lanes *ln)
{
  const Engine *E = ln->E;
  const CgGraph *g = E->g;
  memset(ln->reach, 0, E->n * sizeof(guint64));
  for (guint32 i = E->n_prod; i-- > 0;) {
    guint32 v = E->topo[i];
    if (ln->lost[v])
      ln->reach[v] = reach_eval(ln, v);
  }
  GArray *st = ln->stack;
  g_array_set_size(st, 0);
  for (guint32 i = 0; i < E->n_back_src; i++) {
    guint32 u = E->back_src[i];
    for (guint32 k = E->back_off[u]; k < E->back_off[u + 1]; k++)
      if (ln->reach[E->back_dst[k]] & ln->lost[u] & ~ln->reach[u]) {
        if (!ln->dirty[u]) {
          ln->dirty[u] = 1;
          g_array_append_val(st, u);
        }
        break;
      }
  }
  while (st->len) {
    guint32 v = g_array_index(st, guint32, st->len - 1);
    g_array_set_size(st, st->len - 1);
    ln->dirty[v] = 0;
    guint64 r = reach_eval(ln, v);
    if (r == ln->reach[v])
      continue;
    ln->reach[v] = r;
    for (guint32 e = g->gmem_off[g->in_goff[v]]; e < g->gmem_off[g->in_goff[v + 1]]; e++) {
      guint32 u = g->esrc[e];
      if (E->b.prod[u] && (ln->lost[u] & r & ~ln->reach[u]) && !ln->dirty[u]) {
        ln->dirty[u] = 1;
        g_array_append_val(st, u);
      }
    }
  }
}

static void
build_table(Lanes *ln)
{
  for (guint b = 0; b < 8; b++) {
    double *t = ln->table[b];
    t[0] = 0;
    for (guint x = 1; x < 256; x++)
      t[x] = t[x & (x - 1)] + ln->w[8 * b + __builtin_ctz(x)];
  }
}

/* Population count without a library call (the build does not assume POPCNT). */
static inline guint
popcount64(guint64 x)
{
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return (guint)((x * 0x0101010101010101ull) >> 56);
}

/* The weight of a set of lanes: a count (Monte Carlo) or, exactly, the probability in
 * units of 2^-60, so that sums are integers and independent of the order of addition. */
static inline guint64
mask_units(const Lanes *ln, guint64 mask)
{
  if (!ln->S->exact)
    return popcount64(mask);
  double s = 0;
  for (guint b = 0; b < 8; b++, mask >>= 8)
    s += ln->table[b][mask & 255];
  return (guint64)llround(s * FIX);
}

static void
process_batch(Sweep *sw, Lanes *ln, guint64 bi, guint64 *app_u, guint64 *edge_u, guint64 *ub_u)
{
  const Engine *E = sw->E;
  const Sampler *S = sw->S;
  const CgGraph *g = E->g;
  batch_setup(ln, bi);
  forward(ln);
  losses(ln);
  guint64 first = bi * LANES;
  double w = 0, sL = 0, sL2 = 0;
  for (guint j = 0; j < LANES; j++) {
    if (!((ln->valid >> j) & 1))
      continue;
    w += ln->w[j];
    sL += ln->w[j] * ln->L[j];
    sL2 += ln->w[j] * ln->L[j] * ln->L[j];
    if (sw->lane_loss)
      sw->lane_loss[first + j] = ln->L[j];
  }
  if (sw->bw) {
    sw->bw[bi] = w;
    sw->bL[bi] = sL;
    sw->bL2[bi] = sL2;
  }
  if (sw->kind == SWEEP_MAIN) {
    if (S->exact)
      build_table(ln);
    sw->bunits[bi] = mask_units(ln, ln->valid);
    for (guint32 i = 0; i < E->n_apps; i++) {
      guint32 a = E->apps[i];
      if (ln->lost[a])
        app_u[a] += mask_units(ln, ln->lost[a]);
    }
    reach_pass(ln);
    for (guint32 i = 0; i < E->n_prod; i++) {
      guint32 v = E->topo[i];
      guint64 rv = ln->reach[v];
      if (!rv)
        continue;
      guint32 e1 = g->gmem_off[g->in_goff[v + 1]];
      if (!S->exact)
        for (guint32 e = g->gmem_off[g->in_goff[v]]; e < e1; e++)
          edge_u[e] += popcount64(ln->lost[g->esrc[e]] & rv);
      else
        for (guint32 e = g->gmem_off[g->in_goff[v]]; e < e1; e++) {
          guint64 mk = ln->lost[g->esrc[e]] & rv;
          if (mk)
            edge_u[e] += mask_units(ln, mk);
        }
    }
    if (!S->exact && sw->total_weight > 0 && sw->screen) {
      /* Screening for where to invest: Σ over samples where x failed and its loss reached
       * an application of that sample's loss share, in integer units of 2^-32. */
      guint64 Lq[LANES];
      for (guint j = 0; j < LANES; j++)
        Lq[j] = (guint64)llround(ln->L[j] / sw->total_weight * 4294967296.0);
      for (guint i = 0; i < ln->touched->len; i++) {
        guint32 x = g_array_index(ln->touched, guint32, i);
        for (guint64 mk = ln->fail[x] & ln->reach[x]; mk; mk &= mk - 1)
          ub_u[x] += Lq[__builtin_ctzll(mk)];
      }
    }
    if (S->exact && sw->dx) {
      for (guint i = 0; i < S->k; i++) {
        double p = S->p[S->unc[i]], d = 0;
        for (guint j = 0; j < LANES; j++) {
          if (!((ln->valid >> j) & 1))
            continue;
          gboolean bit = ((first + j) >> i) & 1;
          double wx = ln->w[j] / (bit ? p : 1 - p);
          d += bit ? wx * ln->L[j] : -wx * ln->L[j];
        }
        sw->dx[bi * S->k + i] = d;
      }
    }
  } else if (sw->kind == SWEEP_INVEST) {
    double LA[LANES], LB[LANES];
    for (guint c = 0; c < sw->n_cand; c++) {
      guint32 x = sw->cand[c];
      cg__risk_variant(ln, x, TRUE, LA);
      cg__risk_variant(ln, x, FALSE, LB);
      double s = 0, s2 = 0;
      for (guint j = 0; j < LANES; j++) {
        if (!((ln->valid >> j) & 1))
          continue;
        double d = LA[j] - LB[j];
        s += ln->w[j] * d;
        s2 += ln->w[j] * d * d;
      }
      sw->cs[bi * sw->n_cand + c] = s;
      sw->cs2[bi * sw->n_cand + c] = s2;
    }
  }
  batch_reset(ln);
}

static gpointer
sweep_thread(gpointer data)
{
  Sweep *sw = data;
  const Engine *E = sw->E;
  Lanes ln;
  lanes_init(&ln, E, sw->S);
  if (sw->kind == SWEEP_INVEST)
    ln.p1 = g_new0(guint64, E->n ? E->n : 1);
  guint64 *app_u = NULL, *edge_u = NULL, *ub_u = NULL;
  if (sw->kind == SWEEP_MAIN) {
    app_u = g_new0(guint64, E->n ? E->n : 1);
    edge_u = g_new0(guint64, E->m ? E->m : 1);
    ub_u = g_new0(guint64, E->n ? E->n : 1);
  }
  gboolean caller = g_thread_self() == sw->caller;
  for (;;) {
    guint64 bi = (guint64)(guint)g_atomic_int_add(&sw->next, 1);
    if (bi >= sw->n_batches)
      break;
    process_batch(sw, &ln, bi, app_u, edge_u, ub_u);
    if (!cg__work_step(sw->work, LANES, caller))
      break;
  }
  if (sw->kind == SWEEP_MAIN) {
    g_mutex_lock(&sw->lock);
    for (guint32 v = 0; v < E->n; v++) {
      sw->app_units[v] += app_u[v];
      sw->ub_units[v] += ub_u[v];
    }
    for (guint32 e = 0; e < E->m; e++)
      sw->edge_units[e] += edge_u[e];
    g_mutex_unlock(&sw->lock);
    g_free(app_u);
    g_free(edge_u);
    g_free(ub_u);
  }
  lanes_clear(&ln);
  return NULL;
}

void
cg__risk_sweep_run(Sweep *sw, guint threads)
{
  sw->next = (gint)sw->first;
  sw->caller = g_thread_self();
  threads = cg__threads_resolve(threads, MAX(sw->n_batches - MIN(sw->first, sw->n_batches), 1));
  cg__parallel_run("cg-risk", threads, sweep_thread, sw, 0);
}

/* Expected loss of a finished sweep: the mean, and its 95% interval (Monte Carlo: normal
 * approximation with the sample standard deviation, computed in sample order). */
void
cg__risk_sweep_mean(const Sweep *sw, gsize lanes, double *mean, double *lo, double *hi)
{
  double W = 0, SL = 0;
  for (guint64 b = 0; b < sw->n_batches; b++) {
    W += sw->bw[b];
    SL += sw->bL[b];
  }
  double mu = W > 0 ? SL / W : 0;
  *mean = mu;
  if (sw->S->exact || lanes < 2) {
    *lo = *hi = mu;
    return;
  }
  double ss = 0;
  for (gsize i = 0; i < lanes; i++) {
    double d = sw->lane_loss[i] - mu;
    ss += d * d;
  }
  double half = CG_Z95 * sqrt(ss / (double)(lanes - 1) / (double)lanes);
  *lo = mu - half;
  *hi = mu + half;
}

void
cg__risk_sweep_alloc(Sweep *sw, const Engine *E, const Sampler *S, SweepKind kind)
{
  memset(sw, 0, sizeof *sw);
  sw->E = E;
  sw->S = S;
  sw->kind = kind;
  sw->screen = TRUE;
  sw->n_batches = (S->lanes_total + LANES - 1) / LANES;
  sw->total_weight = E->g->app_total;
  g_mutex_init(&sw->lock);
  gsize nb = sw->n_batches ? sw->n_batches : 1;
  if (kind != SWEEP_INVEST) {
    sw->bw = g_new0(double, nb);
    sw->bL = g_new0(double, nb);
    sw->bL2 = g_new0(double, nb);
    /* Per-sample losses: the interval and paired scenarios need them (8 bytes a sample);
     * exact enumeration needs neither. */
    if (!S->exact)
      sw->lane_loss = g_new0(double, S->lanes_total ? S->lanes_total : 1);
  }
  if (kind == SWEEP_MAIN) {
    sw->bunits = g_new0(guint64, nb);
    sw->app_units = g_new0(guint64, E->n ? E->n : 1);
    sw->edge_units = g_new0(guint64, E->m ? E->m : 1);
    sw->ub_units = g_new0(guint64, E->n ? E->n : 1);
    if (S->exact)
      sw->dx = g_new0(double, nb * (S->k ? S->k : 1));
  }
}

void
cg__risk_sweep_free(Sweep *sw)
{
  g_free(sw->bw);
  g_free(sw->bL);
  g_free(sw->bL2);
  g_free(sw->bunits);
  g_free(sw->dx);
  g_free(sw->lane_loss);
  g_free(sw->app_units);
  g_free(sw->edge_units);
  g_free(sw->ub_units);
  g_free(sw->cs);
  g_free(sw->cs2);
  g_mutex_clear(&sw->lock);
}

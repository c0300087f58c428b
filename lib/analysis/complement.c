/* Cross-region complementarity: who fills whose gaps, which coalition completes a chain,
 * and what a region should develop next. docs/complementarity.md defines every measure;
 * the short version:
 *
 * - Capabilities C_A: the nodes region A or any region within it claims (planned claims,
 *   role=develop, included). Gaps G_B: nodes u ∉ C_B with an edge u → v, v ∈ C_B.
 * - Gap weight w_B(u) = FLOOR + max(crit(u), crit(v) over the capabilities v of B that take
 *   u through an input group with no member in C_B); or 1 with uniform weighting.
 * - score(A→B) = Σ_{u ∈ G_B ∩ C_A} w_B(u) / Σ_{u ∈ G_B} w_B(u); symmetric = the mean of
 *   both directions; overlap = Jaccard(C_A, C_B);
 *   tci(A→B) = 100·(1 − ½·Σ_k |m_Bk − x_Ak|) = 100·Σ_k min(m_Bk, x_Ak) since both vectors
 *   sum to 1 (m_B = w_B / W_B on G_B, x_A = 1/|C_A| on C_A), so it is sparse too.
 * - Completion of a coalition S: the least fixed point of DESIGN.md's producibility where
 *   a node is available iff some region of S holds it, or it is an application, or it has
 *   no inputs and no region of the whole graph claims it (an open-market raw material).
 *
 * All pairs at one level cost O(Σ_B (Σ_{v ∈ C_B} d_in(v) + Σ_{u ∈ G_B} |P(u)| +
 * Σ_{v ∈ C_B} |P(v)|) + R²) plus the sort of the R² pairs, where P(u) are the regions at
 * the level that hold u: sparse accumulation, never R × R × V. Receivers split over
 * threads; every sum runs in a fixed order, so the result does not depend on the number
 * of threads.
 */
#include "analysis/complement-private.h"

#include <stdlib.h>
#include <string.h>

/**
 * SECTION:complement
 * @title: Complementarity
 * @short_description: which regions fill each other's gaps, and which coalition completes a chain
 *
 * cg_complement() scores every ordered pair of regions at one level by the share of the
 * receiver's gap weight the supplier fills (docs/complementarity.md); cg_region_gaps(),
 * cg_region_partners(), cg_region_next() and cg_completion() look at one region or one
 * coalition.
 */

/**
 * CG_COMPLEMENT_GAP_FLOOR:
 *
 * The weight every gap has at least, as a share of application weight, under
 * %CG_GAP_WEIGHT_CRITICALITY: a gap whose products carry no criticality still counts.
 */

/* ---- small helpers --------------------------------------------------------------------- */


gboolean
cg__nested(const CgGraph *g, guint32 a, guint32 b)
{
  return cg__region_within(g, a, b) || cg__region_within(g, b, a);
}

gssize
cg__lookup_region(const CgGraph *g, const char *name, GError **error)
{
  gssize r = cg__region_lookup(g, name);
  if (r < 0)
    g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN, "unknown region '%s'", name);
  return r;
}

/* Parses a level name. "any" gives CG_LEVEL_UNKNOWN with *any set. */
gboolean
cg__parse_level(const char *text, CgRegionLevel *level, gboolean *any, const char **canon,
            GError **error)
{
  *any = FALSE;
  if (!text)
    text = "province";
  if (g_ascii_strcasecmp(text, "any") == 0) {
    *any = TRUE;
    *level = CG_LEVEL_UNKNOWN;
    *canon = "any";
    return TRUE;
  }
  if (!cg_level_from_string(text, level) || *level == CG_LEVEL_UNKNOWN) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "unknown region level '%s' (expected province, city, district, zone, cluster, "
                "country or any)",
                text);
    return FALSE;
  }
  *canon = cg_level_to_string(*level);
  return TRUE;
}

int
cg__cmp_region_name(const void *a, const void *b, void *data)
{
  const CgGraph *g = ((NameCtx *)data)->g;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  int c = strcmp(REG(g, x)->name, REG(g, y)->name);
  return c ? c : (x < y ? -1 : x > y);
}

/* The regions at a level (every region with @any), sorted by name. The foreign region is
 * never among them: it is supply, not a partner (DESIGN.md, "Foreign supply"). */
guint32 *
cg__regions_at(const CgGraph *g, CgRegionLevel level, gboolean any, guint32 *n_out)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 r = 0; r < g->regions->len; r++)
    if ((any || REG(g, r)->level == level) && !cg_region_is_foreign(g, r))
      g_array_append_val(a, r);
  NameCtx ctx = {g};
  g_array_sort_with_data(a, (GCompareDataFunc)cg__cmp_region_name, &ctx);
  *n_out = a->len;
  return (guint32 *)(void *)g_array_free(a, FALSE);
}

int
cg__cmp_node_id(const void *a, const void *b, void *data)
{
  const CgGraph *g = ((NameCtx *)data)->g;
  return strcmp(cg__node(g, *(const guint32 *)a)->id, cg__node(g, *(const guint32 *)b)->id);
}

/* The claim of @node in @region's own list, or NULL. */
const CgCapability *
cg__find_claim(const CgGraph *g, guint32 region, guint32 node)
{
  const GArray *caps = REG(g, region)->caps;
  for (guint i = 0; caps && i < caps->len; i++)
    if (g_array_index(caps, CgCapability, i).node == node)
      return &g_array_index(caps, CgCapability, i);
  return NULL;
}

/* ---- capabilities of selected regions ---------------------------------------------------- */

typedef struct {
  guint32 node, claim, rank;
  guint8 develop;
} CapTmp;

static int
cmp_captmp(const void *a, const void *b)
{
  const CapTmp *x = a, *y = b;
  if (x->node != y->node)
    return x->node < y->node ? -1 : 1;
  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  return x->claim < y->claim ? -1 : x->claim > y->claim;
}

/* @sel: per graph region, its selection index or CG_NONE. O(claims · depth · log). */
void
cg__caps_build(const CgGraph *g, const guint32 *sel, guint32 nsel, gboolean producers, Caps *c)
{
  guint32 nr = g->regions->len, n = cg__n(g);
  memset(c, 0, sizeof *c);
  c->nsel = nsel;
  guint64 *cnt = g_new0(guint64, (gsize)nsel + 1);
  for (guint32 r = 0; r < nr; r++) {
    const GArray *caps = REG(g, r)->caps;
    if (!caps || !caps->len)
      continue;
    for (guint32 a = r; a != CG_NONE; a = REG(g, a)->parent)
      if (sel[a] != CG_NONE)
        cnt[sel[a]] += caps->len;
  }
  guint64 total = 0;
  for (guint32 s = 0; s < nsel; s++) {
    guint64 k = cnt[s];
    cnt[s] = total;
    total += k;
  }
  cnt[nsel] = total;
  CapTmp *tmp = g_new(CapTmp, total ? total : 1);
  guint64 *cur = g_new(guint64, (gsize)nsel + 1);
  memcpy(cur, cnt, sizeof(guint64) * ((gsize)nsel + 1));
  for (guint32 r = 0; r < nr; r++) {
    const GArray *caps = REG(g, r)->caps;
    if (!caps || !caps->len)
      continue;
    for (guint32 a = r; a != CG_NONE; a = REG(g, a)->parent) {
      if (sel[a] == CG_NONE)
        continue;
      for (guint i = 0; i < caps->len; i++) {
        const CgCapability *cp = &g_array_index(caps, CgCapability, i);
        CapTmp t = {cp->node, r, (r == a ? 0u : 2u) + (cg__has_evidence(&cp->prov) ? 0u : 1u),
                    cp->develop};
        tmp[cur[sel[a]]++] = t;
      }
    }
  }
  g_free(cur);
  c->off = g_new(guint32, (gsize)nsel + 1);
  c->node = g_new(guint32, total ? total : 1);
  c->claim = g_new(guint32, total ? total : 1);
  c->planned = g_new(guint8, total ? total : 1);
  guint32 w = 0;
  for (guint32 s = 0; s < nsel; s++) {
    c->off[s] = w;
    CapTmp *seg = tmp + cnt[s];
    gsize len = (gsize)(cnt[s + 1] - cnt[s]);
    qsort(seg, len, sizeof(CapTmp), cmp_captmp);
    for (gsize i = 0; i < len; i++) {
      if (i > 0 && seg[i].node == seg[i - 1].node) {
        c->planned[w - 1] &= seg[i].develop;
        continue;
      }
      c->node[w] = seg[i].node;
      c->claim[w] = seg[i].claim;
      c->planned[w] = seg[i].develop;
      w++;
    }
  }
  c->off[nsel] = w;
  g_free(tmp);
  g_free(cnt);
  if (!producers)
    return;
  c->poff = g_new0(guint32, (gsize)n + 1);
  for (guint32 i = 0; i < w; i++)
    c->poff[c->node[i] + 1]++;
  for (guint32 v = 0; v < n; v++)
    c->poff[v + 1] += c->poff[v];
  c->preg = g_new(guint32, w ? w : 1);
  guint32 *fill = g_new(guint32, (gsize)n + 1);
  memcpy(fill, c->poff, sizeof(guint32) * ((gsize)n + 1));
  for (guint32 s = 0; s < nsel; s++)
    for (guint32 i = c->off[s]; i < c->off[s + 1]; i++)
      c->preg[fill[c->node[i]]++] = s;
  g_free(fill);
}

void
cg__caps_clear(Caps *c)
{
  g_free(c->off);
  g_free(c->node);
  g_free(c->claim);
  g_free(c->planned);
  g_free(c->poff);
  g_free(c->preg);
  memset(c, 0, sizeof *c);
}

/* The capability set of one region (and of the regions within it). */
void
cg__caps_of_one(const CgGraph *g, guint32 region, Caps *c)
{
  guint32 *sel = g_new(guint32, g->regions->len ? g->regions->len : 1);
  for (guint32 r = 0; r < g->regions->len; r++)
    sel[r] = r == region ? 0 : CG_NONE;
  cg__caps_build(g, sel, 1, FALSE, c);
  g_free(sel);
}

/* ---- gaps ------------------------------------------------------------------------------ */

void
cg__scratch_init(Scratch *s, guint32 n)
{
  s->stamp = 0;
  s->mark = g_new0(guint32, n ? n : 1);
  s->gmark = g_new0(guint32, n ? n : 1);
  s->gidx = g_new0(guint32, n ? n : 1);
  s->cons = g_new0(double, n ? n : 1);
}

void
cg__scratch_clear(Scratch *s)
{
  g_free(s->mark);
  g_free(s->gmark);
  g_free(s->gidx);
  g_free(s->cons);
}

/* Marks the capabilities (stamp) and lists the gaps in discovery order (capabilities
 * ascending, then their input edges ascending) with their weights; returns their sum,
 * added in that order. With @gedges, also lists every edge u → v into the region from a
 * gap u, as (gap position, edge) pairs in ascending edge order.
 * Complexity: O(Σ_{v ∈ C} d_in(v)). */
double
cg__find_gaps(const CgGraph *g, const guint32 *caps, guint32 ncaps, const double *crit, Scratch *s,
          GArray *gaps, GArray *weights, GArray *gedges)
{
  guint32 st = ++s->stamp;
  /* At most one gap and one link per input edge: sized once, filled through pointers
   * (this loop runs for every region of the level). */
  gsize bound = 0;
  for (guint32 i = 0; i < ncaps; i++) {
    s->mark[caps[i]] = st;
    bound += g->gmem_off[g->in_goff[caps[i] + 1]] - g->gmem_off[g->in_goff[caps[i]]];
  }
  g_array_set_size(gaps, bound);
  if (gedges)
    g_array_set_size(gedges, bound);
  guint32 *gp = (guint32 *)(void *)gaps->data, ng = 0;
  guint32(*ep)[2] = gedges ? (guint32(*)[2])(void *)gedges->data : NULL;
  gsize nge = 0;
  for (guint32 i = 0; i < ncaps; i++) {
    guint32 v = caps[i];
    for (guint32 gi = g->in_goff[v]; gi < g->in_goff[v + 1]; gi++) {
      guint32 e0 = g->gmem_off[gi], e1 = g->gmem_off[gi + 1];
      gboolean unmet = TRUE;
      for (guint32 e = e0; e < e1 && unmet; e++)
        unmet = s->mark[g->esrc[e]] != st;
      for (guint32 e = e0; e < e1; e++) {
        guint32 u = g->esrc[e];
        if (s->mark[u] == st)
          continue;
        if (s->gmark[u] != st) {
          s->gmark[u] = st;
          s->gidx[u] = ng;
          s->cons[u] = 0;
          gp[ng++] = u;
        }
        if (unmet && crit && crit[v] > s->cons[u])
          s->cons[u] = crit[v];
        if (ep) {
          ep[nge][0] = s->gidx[u];
          ep[nge++][1] = e;
        }
      }
    }
  }
  g_array_set_size(gaps, ng);
  if (gedges)
    g_array_set_size(gedges, nge);
  g_array_set_size(weights, gaps->len);
  double total = 0;
  for (guint i = 0; i < gaps->len; i++) {
    guint32 u = g_array_index(gaps, guint32, i);
    double w = crit ? CG_COMPLEMENT_GAP_FLOOR + MAX(crit[u], s->cons[u]) : 1.0;
    g_array_index(weights, double, i) = w;
    total += w;
  }
  return total;
}

/* Sorts a region's gaps by node. A region has thousands of gaps and every region of the
 * level is sorted, so an LSD radix sort on the node index (8-bit digits, only as many
 * passes as the graph's node count needs) replaces qsort's O(g log g) calls: O(g). */
static void
sort_gaprefs(GapRef *a, guint n, guint32 n_nodes)
{
  if (n < 2)
    return;
  GapRef *tmp = g_new(GapRef, n), *src = a, *dst = tmp;
  for (guint shift = 0; shift < 32 && (n_nodes - 1) >> shift; shift += 8) {
    guint cnt[257] = {0};
    for (guint i = 0; i < n; i++)
      cnt[((src[i].node >> shift) & 255) + 1]++;
    for (guint d = 0; d < 256; d++)
      cnt[d + 1] += cnt[d];
    for (guint i = 0; i < n; i++)
      dst[cnt[(src[i].node >> shift) & 255]++] = src[i];
    GapRef *t = src;
    src = dst;
    dst = t;
  }
  if (src != a)
    memcpy(a, src, n * sizeof(GapRef));
  g_free(tmp);
}

/* ---- all pairs ------------------------------------------------------------------------- */

/* Sort keys: ascending (hi, lo) is score descending, then supplier, then receiver (the
 * region indices are in name order). A non-negative double's bits order like its value. */
typedef struct {
  guint64 hi; /* ~bits(score) */
  guint32 lo; /* from << 16 | to */
  guint32 pad;
} PairKey;

static inline guint
key_digit(const PairKey *k, guint d)
{
  return d < 4 ? (k->lo >> (8 * d)) & 0xff : (guint)(k->hi >> (8 * (d - 4))) & 0xff;
}

static inline PairKey
pair_key(const CgComplementPair *p)
{
  guint64 bits;
  double s = p->score;
  memcpy(&bits, &s, sizeof bits);
  return (PairKey){~bits, (p->from << 16) | p->to, 0};
}

typedef struct {
  const CgGraph *g;
  const Caps *c;
  const double *crit;
  CgComplement *r;
  CgComplementPair *raw; /* receiver-major: raw[b·(R−1) + (a < b ? a : a − 1)] */
  PairKey *keys;         /* the sort key of each raw pair */
  guint32 **pools;
  gboolean any; /* nested pairs are possible only with level "any" */
  CgWork *work;  /* progress and cancellation: one unit per receiving region */
  guint t, nt;
} PairJob;

/* The pair and key arrays are the big allocations (64 + 16 bytes per ordered pair: 720 MB
 * for 3,000 regions): cg__alloc_big(). */
#define alloc_big(bytes) cg__alloc_big((bytes), FALSE)

static inline gsize
raw_pos(guint32 nL, guint32 a, guint32 b)
{
  return (gsize)b * (nL - 1) + (a < b ? a : a - 1);
}

/* The suppliers of each gap, copied once so that the passes over them stay in cache: gap
 * i's are plist[pstart[i] .. pstart[i + 1] - 1]. */
static void
gather_suppliers(const Caps *c, const GArray *gaps, GArray *plist, GArray *pstart)
{
  g_array_set_size(plist, 0);
  g_array_set_size(pstart, gaps->len + 1);
  for (guint i = 0; i < gaps->len; i++) {
    guint32 u = g_array_index(gaps, guint32, i);
    g_array_index(pstart, guint32, i) = plist->len;
    g_array_append_vals(plist, c->preg + c->poff[u], c->poff[u + 1] - c->poff[u]);
  }
  g_array_index(pstart, guint32, gaps->len) = plist->len;
}

/* The receiver's gaps, ascending, with their weights, for the result. */
static void
store_gaps(CgComplementRegion *rb, const GArray *gaps, const GArray *weights, double W,
           guint32 n)
{
  GapRef *gr = g_new(GapRef, gaps->len ? gaps->len : 1);
  for (guint i = 0; i < gaps->len; i++)
    gr[i] = (GapRef){g_array_index(gaps, guint32, i), g_array_index(weights, double, i)};
  sort_gaprefs(gr, gaps->len, n);
  rb->n_gaps = gaps->len;
  rb->gaps = g_new(guint32, gaps->len ? gaps->len : 1);
  rb->gap_weights = g_new(double, gaps->len ? gaps->len : 1);
  for (guint i = 0; i < gaps->len; i++) {
    rb->gaps[i] = gr[i].node;
    rb->gap_weights[i] = gr[i].weight;
  }
  rb->gap_weight = W;
  g_free(gr);
}

static gpointer
pair_job(gpointer data)
{
  PairJob *j = data;
  const CgGraph *g = j->g;
  const Caps *c = j->c;
  guint32 nL = c->nsel, n = cg__n(g);
  Scratch s;
  cg__scratch_init(&s, n);
  double *acc = g_new0(double, nL), *mins = g_new0(double, nL), *inv = g_new(double, nL);
  guint32 *cnt = g_new0(guint32, nL), *inter = g_new0(guint32, nL);
  guint32 *nl = g_new0(guint32, nL), *cur = g_new0(guint32, nL);
  for (guint32 a = 0; a < nL; a++)
    inv[a] = c->off[a + 1] > c->off[a] ? 1.0 / (c->off[a + 1] - c->off[a]) : 0;
  GArray *gaps = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *weights = g_array_new(FALSE, FALSE, sizeof(double));
  GArray *gedges = g_array_new(FALSE, FALSE, sizeof(guint32[2]));
  GArray *plist = g_array_new(FALSE, FALSE, sizeof(guint32)); /* suppliers of each gap */
  GArray *pstart = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 b = j->t; b < nL; b += j->nt) {
    const guint32 *cb = c->node + c->off[b];
    guint32 ncb = c->off[b + 1] - c->off[b];
    double W = cg__find_gaps(g, cb, ncb, j->crit, &s, gaps, weights, gedges);
    gather_suppliers(c, gaps, plist, pstart);
    const guint32 *pl = (const guint32 *)(void *)plist->data;
    const guint32 *ps = (const guint32 *)(void *)pstart->data;
    for (guint i = 0; i < gaps->len; i++) {
      double w = g_array_index(weights, double, i), m = W > 0 ? w / W : 0;
      for (guint32 k = ps[i]; k < ps[i + 1]; k++) {
        guint32 a = pl[k];
        acc[a] += w;
        cnt[a]++;
        mins[a] += MIN(m, inv[a]);
      }
    }
    /* The links u → v (v ∈ C_B, u ∉ C_B), grouped by supplier, ascending edge index. */
    const guint32(*ge)[2] = (const guint32(*)[2])(void *)gedges->data;
    guint32 total = 0;
    for (guint i = 0; i < gedges->len; i++)
      for (guint32 k = ps[ge[i][0]]; k < ps[ge[i][0] + 1]; k++) {
        nl[pl[k]]++;
        total++;
      }
    guint32 *pool = total ? g_new(guint32, total) : NULL;
    j->pools[b] = pool;
    for (guint32 a = 0, o = 0; a < nL; a++) {
      cur[a] = o;
      o += nl[a];
    }
    for (guint i = 0; i < gedges->len; i++)
      for (guint32 k = ps[ge[i][0]]; k < ps[ge[i][0] + 1]; k++)
        pool[cur[pl[k]]++] = ge[i][1];
    /* Shared capabilities. */
    for (guint32 i = 0; i < ncb; i++) {
      guint32 v = cb[i];
      for (guint32 k = c->poff[v]; k < c->poff[v + 1]; k++)
        inter[c->preg[k]]++;
    }
    /* One pair per supplier; the cursors now point past each supplier's links. */
    CgComplementRegion *rb = &j->r->regions[b];
    for (guint32 a = 0; a < nL; a++) {
      if (a != b) {
        CgComplementPair *p = &j->raw[raw_pos(nL, a, b)];
        guint32 nca = c->off[a + 1] - c->off[a];
        guint32 uni = nca + ncb - inter[a];
        p->from = a;
        p->to = b;
        p->n_filled = cnt[a];
        p->n_links = nl[a];
        p->links = nl[a] ? pool + cur[a] - nl[a] : NULL;
        p->nested = j->any && cg__nested(g, j->r->regions[a].region, rb->region);
        p->score = W > 0 ? acc[a] / W : 0;
        p->overlap = uni ? (double)inter[a] / uni : 0;
        p->tci = W > 0 && nca > 0 ? 100.0 * mins[a] : 0;
        p->symmetric = 0;
        j->keys[raw_pos(nL, a, b)] = pair_key(p);
      }
      acc[a] = mins[a] = 0;
      cnt[a] = inter[a] = nl[a] = 0;
    }
    store_gaps(rb, gaps, weights, W, n);
    if (!cg__work_step(j->work, 1, j->t == 0))
      break;
  }
  g_array_free(gaps, TRUE);
  g_array_free(weights, TRUE);
  g_array_free(gedges, TRUE);
  g_array_free(plist, TRUE);
  g_array_free(pstart, TRUE);
  g_free(acc);
  g_free(mins);
  g_free(inv);
  g_free(cnt);
  g_free(inter);
  g_free(nl);
  g_free(cur);
  cg__scratch_clear(&s);
  return NULL;
}

static inline gboolean
key_less(const PairKey *x, const PairKey *y)
{
  return x->hi < y->hi || (x->hi == y->hi && x->lo < y->lo);
}

/* Puts @x at slot @c of the max-heap @h[0..len) and sifts it down. O(log len). */
static void
sift_down(PairKey *h, gsize len, gsize c, PairKey x)
{
  for (;;) {
    gsize l = 2 * c + 1, big = c;
    const PairKey *bk = &x;
    if (l < len && key_less(bk, &h[l])) {
      big = l;
      bk = &h[l];
    }
    if (l + 1 < len && key_less(bk, &h[l + 1]))
      big = l + 1;
    if (big == c)
      break;
    h[c] = h[big];
    c = big;
  }
  h[c] = x;
}

/* Moves the @k smallest keys, sorted, to the front: a max-heap of the best k seen.
 * O(n log k). */
static void
select_keys(PairKey *keys, gsize n, gsize k)
{
  if (k == 0)
    return;
  PairKey *h = g_new(PairKey, k);
  gsize len = 0;
  for (gsize i = 0; i < n; i++) {
    PairKey x = keys[i];
    if (len == k && !key_less(&x, &h[0]))
      continue;
    if (len < k) { /* sift up */
      gsize c = len++;
      while (c > 0 && key_less(&h[(c - 1) / 2], &x)) {
        h[c] = h[(c - 1) / 2];
        c = (c - 1) / 2;
      }
      h[c] = x;
    } else { /* replace the root */
      sift_down(h, len, 0, x);
    }
  }
  /* Pop the largest to the back. */
  for (gsize i = len; i-- > 0;) {
    keys[i] = h[0];
    sift_down(h, i, 0, h[i]);
  }
  g_free(h);
}

/* LSD radix sort on the 12 key bytes, skipping bytes every key shares. O(n). */
static PairKey *
sort_keys(PairKey *keys, gsize n)
{
  gsize (*cnt)[256] = g_malloc0(sizeof(gsize[256]) * 12);
  for (gsize i = 0; i < n; i++)
    for (guint d = 0; d < 12; d++)
      cnt[d][key_digit(&keys[i], d)]++;
  PairKey *tmp = NULL;
  for (guint d = 0; d < 12; d++) {
    gboolean trivial = FALSE;
    for (guint x = 0; x < 256 && !trivial; x++)
      trivial = cnt[d][x] == n;
    if (trivial || n < 2)
      continue;
    if (!tmp)
      tmp = alloc_big(sizeof(PairKey) * n);
    gsize sum = 0;
    for (guint x = 0; x < 256; x++) {
      gsize k = cnt[d][x];
      cnt[d][x] = sum;
      sum += k;
    }
    for (gsize i = 0; i < n; i++)
      tmp[cnt[d][key_digit(&keys[i], d)]++] = keys[i];
    PairKey *t = keys;
    keys = tmp;
    tmp = t;
  }
  g_free(tmp);
  g_free(cnt);
  return keys;
}

/**
 * cg_complement_free:
 * @result: (nullable): from cg_complement()
 *
 * Frees @result, its pairs, regions and links. NULL-safe. O(R).
 */
void
cg_complement_free(CgComplement *r)
{
  if (!r)
    return;
  Priv *p = r->priv;
  for (gsize i = 0; i < r->n_regions; i++) {
    g_free(r->regions[i].gaps);
    g_free(r->regions[i].gap_weights);
    if (p && p->pools)
      g_free(p->pools[i]);
  }
  if (p) {
    cg__caps_clear(&p->caps);
    g_free(p->pools);
    g_free(p->rank);
    g_free(p);
  }
  g_free(r->regions);
  g_free(r->pairs);
  g_free(r);
}

/**
 * cg_complement:
 * @graph: a loaded graph
 * @options: (nullable): %NULL for the defaults of cg_complement_options_init(); an unknown
 *   @options->version fails with %CG_ERROR_USAGE
 * @error: return location for a #GError
 *
 * Complementarity of every ordered pair of regions at one level: the directional score,
 * the symmetric score, the overlap, the trade-complementarity analogue and the linking
 * edges (see the comment at the top of complement.c and docs/complementarity.md). Pairs
 * are sorted by score descending, then supplier name, then receiver name (bytewise).
 *
 * Returns: (transfer full) (nullable): free with cg_complement_free(); %NULL with @error
 *   set (%CG_ERROR_USAGE) for an unknown level, or (%CG_ERROR_INVALID) when the level has
 *   more than 65,535 regions.
 * Complexity: O(Σ_B (Σ_{v ∈ C_B} d_in(v) + Σ_{u ∈ G_B} |P(u)| + Σ_{v ∈ C_B} |P(v)|) + L + R²)
 *   where P(u) are the regions at the level that hold u and L the links: sparse
 *   accumulation per receiver, never R × R × V; the R² pairs are radix-sorted (or, when
 *   @top is below R²/64, selected with a heap in O(R² log top)). Plus cg_criticality() with
 *   criticality weighting. Receivers split over @threads. Memory: O(V · threads + L) and
 *   about 150 bytes per ordered pair at the peak (1.3 GB for 3,000 regions; the result
 *   keeps 68 bytes per listed pair).
 */
CgComplement *
cg_complement(const CgGraph *g, const CgComplementOptions *options, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  CgComplementOptions opt;
  if (!cg__complement_options_get(options, &opt, error))
    return NULL;
  CgRegionLevel level;
  gboolean any;
  const char *canon;
  if (!cg__parse_level(opt.level, &level, &any, &canon, error))
    return NULL;
  guint32 nL;
  guint32 *reg = cg__regions_at(g, level, any, &nL);
  if (nL > 65535) {
    g_set_error(error, CG_ERROR, CG_ERROR_INVALID,
                "%u regions at level %s: too many for all pairs (at most 65,535); choose a "
                "coarser level",
                nL, canon);
    g_free(reg);
    return NULL;
  }
  CgComplement *r = g_new0(CgComplement, 1);
  Priv *p = g_new0(Priv, 1);
  r->priv = p;
  r->level = canon;
  r->weighting = opt.weighting;
  r->n_regions = nL;
  r->regions = g_new0(CgComplementRegion, nL ? nL : 1);
  guint32 *sel = g_new(guint32, g->regions->len ? g->regions->len : 1);
  for (guint32 i = 0; i < g->regions->len; i++)
    sel[i] = CG_NONE;
  for (guint32 i = 0; i < nL; i++)
    sel[reg[i]] = i;
  cg__caps_build(g, sel, nL, TRUE, &p->caps);
  g_free(sel);
  for (guint32 i = 0; i < nL; i++) {
    r->regions[i].region = reg[i];
    r->regions[i].n_capabilities = p->caps.off[i + 1] - p->caps.off[i];
    r->regions[i].capabilities = p->caps.node + p->caps.off[i];
  }
  g_free(reg);
  guint nt = cg__threads_resolve(opt.threads, 0);
  CgWork work;
  cg__work_init(&work, opt.progress, opt.progress_data, "complementarity: criticality",
                cg__n(g));
  double *crit = NULL;
  if (opt.weighting == CG_GAP_WEIGHT_CRITICALITY &&
      !(crit = cg__criticality_shared(g, NULL, nt, NULL, &work, error))) {
    cg_complement_free(r);
    return NULL;
  }
  cg__work_init(&work, opt.progress, opt.progress_data, "complementarity: regions", nL);
  gsize nord = nL > 1 ? (gsize)nL * (nL - 1) : 0;
  r->n_ordered_pairs = nord;
  CgComplementPair *raw = alloc_big(sizeof(CgComplementPair) * nord);
  PairKey *keys = alloc_big(sizeof(PairKey) * nord);
  p->pools = g_new0(guint32 *, nL ? nL : 1);
  guint jobs_n = nL < 64 ? 1 : nt;
  PairJob *jobs = g_new(PairJob, jobs_n);
  for (guint t = 0; t < jobs_n; t++)
    jobs[t] = (PairJob){g, &p->caps, crit, r, raw, keys, p->pools, any, &work, t, jobs_n};
  cg__parallel_run("cg-complement", jobs_n, pair_job, jobs, sizeof(PairJob));
  g_free(jobs);
  g_free(crit);
  if (cg__work_cancelled(&work, error)) {
    g_free(keys);
    g_free(raw);
    cg_complement_free(r);
    return NULL;
  }
  r->n_pairs = opt.top ? MIN(opt.top, nord) : nord;
  if (r->n_pairs <= nord / 64)
    select_keys(keys, nord, r->n_pairs);
  else
    keys = sort_keys(keys, nord);
  /* Gather in sorted order (independent reads, so the memory system overlaps them),
   * filling in the symmetric score from the reverse pair. */
  r->pairs = alloc_big(sizeof(CgComplementPair) * r->n_pairs);
  p->rank = g_new(guint32, nord ? nord : 1);
  if (r->n_pairs < nord)
    for (gsize i = 0; i < nord; i++)
      p->rank[i] = G_MAXUINT32;
  for (gsize i = 0; i < r->n_pairs; i++) {
    guint32 a = keys[i].lo >> 16, b = keys[i].lo & 0xffff;
    gsize pos = raw_pos(nL, a, b);
    r->pairs[i] = raw[pos];
    r->pairs[i].symmetric = (raw[pos].score + raw[raw_pos(nL, b, a)].score) / 2;
    p->rank[pos] = (guint32)i;
  }
  g_free(keys);
  g_free(raw);
  return r;
}

/**
 * cg_complement_n_pairs:
 * @result: a result of cg_complement()
 *
 * How many ordered region pairs @result ranks. Complexity: O(1).
 *
 * Returns: the count
 */
gsize
cg_complement_n_pairs(const CgComplement *r)
{
  g_return_val_if_fail(r != NULL, 0);
  return r->n_pairs;
}

/**
 * cg_complement_pair:
 * @result: the result of cg_complement() on @graph
 * @i: in [0, cg_complement_n_pairs())
 *
 * One ordered pair of a complementarity result, in its ranking order.
 *
 * Returns: (transfer none): the @i-th pair, owned by @result. O(1).
 */
const CgComplementPair *
cg_complement_pair(const CgComplement *r, gsize i)
{
  g_return_val_if_fail(r != NULL && i < r->n_pairs, NULL);
  return &r->pairs[i];
}

/**
 * cg_complement_region_name:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @result: the result of cg_complement() on @graph
 * @i: an index into @result's regions (a pair's from or to)
 *
 * The name of one of the regions a complementarity result compares.
 *
 * Returns: (transfer none): the region's name as the data spells it. Complexity: O(1).
 */
const char *
cg_complement_region_name(const CgGraph *g, const CgComplement *r, gsize i)
{
  g_return_val_if_fail(g != NULL && r != NULL && i < r->n_regions, NULL);
  return REG(g, r->regions[i].region)->name;
}

/**
 * cg_complement_find_pair:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @result: the result of cg_complement() on @graph
 * @from: the supplier (name, id or alias)
 * @to: the receiver
 *
 * Finds the pair from → to in a complementarity result.
 *
 * Returns: the index of the pair from → to in @result's pairs, or -1 if either region is
 * unknown, not at the result's level, the same region, or the pair was cut by @top.
 * Complexity: O(log R) after a region lookup.
 */
gssize
cg_complement_find_pair(const CgGraph *g, const CgComplement *r, const char *from, const char *to)
{
  g_return_val_if_fail(g != NULL && r != NULL && from != NULL && to != NULL, -1);
  gssize ra = cg__region_lookup(g, from), rb = cg__region_lookup(g, to);
  if (ra < 0 || rb < 0 || ra == rb)
    return -1;
  guint32 ia = CG_NONE, ib = CG_NONE;
  for (guint32 i = 0; i < r->n_regions; i++) {
    if (r->regions[i].region == (guint32)ra)
      ia = i;
    if (r->regions[i].region == (guint32)rb)
      ib = i;
  }
  if (ia == CG_NONE || ib == CG_NONE)
    return -1;
  guint32 k = ((Priv *)r->priv)->rank[raw_pos((guint32)r->n_regions, ia, ib)];
  return k == G_MAXUINT32 ? -1 : (gssize)k;
}

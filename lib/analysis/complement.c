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
#include "present/cg-present.h" /* its *_to_json part, until it moves to present/ */

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#endif

#define REG(g, r) ((const CgRegionRec *)(g)->regions->pdata[r])

/* ---- small helpers --------------------------------------------------------------------- */

static guint
resolve_threads(guint threads)
{
  if (threads == 0)
    threads = g_get_num_processors();
  return CLAMP(threads, 1, 64);
}

static int
cmp_u32(const void *a, const void *b)
{
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  return x < y ? -1 : x > y;
}

static gssize
bsearch_u32(const guint32 *a, gsize n, guint32 x)
{
  gsize lo = 0, hi = n;
  while (lo < hi) {
    gsize mid = lo + (hi - lo) / 2;
    if (a[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && a[lo] == x ? (gssize)lo : -1;
}

static gboolean
is_within(const CgGraph *g, guint32 r, guint32 ancestor)
{
  for (guint32 cur = r; cur != CG_NONE; cur = REG(g, cur)->parent)
    if (cur == ancestor)
      return TRUE;
  return FALSE;
}

static gboolean
nested(const CgGraph *g, guint32 a, guint32 b)
{
  return is_within(g, a, b) || is_within(g, b, a);
}

static gssize
lookup_region(const CgGraph *g, const char *name, GError **error)
{
  gssize r = cg__region_lookup(g, name);
  if (r < 0)
    g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN, "unknown region '%s'", name);
  return r;
}

/* Parses a level name. "any" gives CG_LEVEL_UNKNOWN with *any set. */
static gboolean
parse_level(const char *text, CgRegionLevel *level, gboolean *any, const char **canon,
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

typedef struct {
  const CgGraph *g;
} NameCtx;

static int
cmp_region_name(const void *a, const void *b, void *data)
{
  const CgGraph *g = ((NameCtx *)data)->g;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  int c = strcmp(REG(g, x)->name, REG(g, y)->name);
  return c ? c : (x < y ? -1 : x > y);
}

/* The regions at a level (every region with @any), sorted by name. */
static guint32 *
regions_at(const CgGraph *g, CgRegionLevel level, gboolean any, guint32 *n_out)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 r = 0; r < g->regions->len; r++)
    if (any || REG(g, r)->level == level)
      g_array_append_val(a, r);
  NameCtx ctx = {g};
  g_array_sort_with_data(a, (GCompareDataFunc)cmp_region_name, &ctx);
  *n_out = a->len;
  return (guint32 *)(void *)g_array_free(a, FALSE);
}

static int
cmp_node_id(const void *a, const void *b, void *data)
{
  const CgGraph *g = ((NameCtx *)data)->g;
  return strcmp(cg__node(g, *(const guint32 *)a)->id, cg__node(g, *(const guint32 *)b)->id);
}

/* The claim of @node in @region's own list, or NULL. */
static const CgCapability *
find_claim(const CgGraph *g, guint32 region, guint32 node)
{
  const GArray *caps = REG(g, region)->caps;
  for (guint i = 0; caps && i < caps->len; i++)
    if (g_array_index(caps, CgCapability, i).node == node)
      return &g_array_index(caps, CgCapability, i);
  return NULL;
}

static gboolean
has_evidence(const CgProvenance *p)
{
  return p && (p->quote || p->inferred);
}

/* " per KEY SECTION “QUOTE…”" or " (inferred: …)"; nothing when there is no evidence. */
static void
append_cite(GString *s, const CgGraph *g, const CgProvenance *p)
{
  if (!p)
    return;
  if (p->quote) {
    glong len = g_utf8_strlen(p->quote, -1);
    char *q = g_utf8_substring(p->quote, 0, MIN(len, 40));
    g_string_append_printf(s, " per %s%s%s “%s%s”",
                           p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
                           p->section ? " " : "", p->section ? p->section : "", q,
                           len > 40 ? "…" : "");
    g_free(q);
  } else if (p->inferred) {
    g_string_append_printf(s, " (inferred: %s)", p->inferred);
  }
}

/* A share as a percentage a reader can compare: whole numbers from 10%, one decimal
 * below, two significant digits under 0.1%. */
static void
append_pct(GString *s, double share)
{
  double x = 100 * share;
  if (x == 0)
    g_string_append(s, "0%");
  else if (x >= 9.95)
    g_string_append_printf(s, "%.0f%%", x);
  else if (x >= 0.0995)
    g_string_append_printf(s, "%.1f%%", x);
  else
    g_string_append_printf(s, "%.2g%%", x);
}

/* ---- capabilities of selected regions ---------------------------------------------------- */

/* The capability sets of a selection of regions: each holds its own claims and those of
 * every region within it. With @producers, also the inverse: per node, the selected
 * regions (selection index, ascending) that hold it. */
typedef struct {
  guint32 nsel;
  guint32 *off;     /* [nsel + 1] */
  guint32 *node;    /* ascending node index per region */
  guint32 *claim;   /* the region whose claim it is (own claims first, then claims with
                       evidence, then the lowest region index) */
  guint8 *planned;  /* every claim of the node within the region is role=develop */
  guint32 *poff;    /* [n + 1] or NULL */
  guint32 *preg;
} Caps;

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
static void
caps_build(const CgGraph *g, const guint32 *sel, guint32 nsel, gboolean producers, Caps *c)
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
        CapTmp t = {cp->node, r, (r == a ? 0u : 2u) + (has_evidence(&cp->prov) ? 0u : 1u),
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

static void
caps_clear(Caps *c)
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
static void
caps_of_one(const CgGraph *g, guint32 region, Caps *c)
{
  guint32 *sel = g_new(guint32, g->regions->len ? g->regions->len : 1);
  for (guint32 r = 0; r < g->regions->len; r++)
    sel[r] = r == region ? 0 : CG_NONE;
  caps_build(g, sel, 1, FALSE, c);
  g_free(sel);
}

/* ---- gaps ------------------------------------------------------------------------------ */

typedef struct {
  guint32 stamp;
  guint32 *mark;  /* == stamp: the node is a capability of the current region */
  guint32 *gmark; /* == stamp: the node is already listed as a gap */
  guint32 *gidx;  /* where gmark == stamp: the gap's position in the list */
  double *cons;   /* per gap: the largest criticality of a consumer through an unmet group */
} Scratch;

static void
scratch_init(Scratch *s, guint32 n)
{
  s->stamp = 0;
  s->mark = g_new0(guint32, n ? n : 1);
  s->gmark = g_new0(guint32, n ? n : 1);
  s->gidx = g_new0(guint32, n ? n : 1);
  s->cons = g_new0(double, n ? n : 1);
}

static void
scratch_clear(Scratch *s)
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
static double
find_gaps(const CgGraph *g, const guint32 *caps, guint32 ncaps, const double *crit, Scratch *s,
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

typedef struct {
  guint32 node;
  double weight;
} GapRef;

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

typedef struct {
  Caps caps;
  guint32 **pools;  /* per receiver: its links, grouped by supplier */
  guint32 *rank;    /* raw position (receiver-major) -> index in pairs, or G_MAXUINT32 */
} Priv;

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

static gpointer
pair_job(gpointer data)
{
  PairJob *j = data;
  const CgGraph *g = j->g;
  const Caps *c = j->c;
  guint32 nL = c->nsel, n = cg__n(g);
  Scratch s;
  scratch_init(&s, n);
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
    double W = find_gaps(g, cb, ncb, j->crit, &s, gaps, weights, gedges);
    /* The suppliers of each gap, copied once so the passes below stay in cache. */
    g_array_set_size(plist, 0);
    g_array_set_size(pstart, gaps->len + 1);
    for (guint i = 0; i < gaps->len; i++) {
      guint32 u = g_array_index(gaps, guint32, i);
      g_array_index(pstart, guint32, i) = plist->len;
      g_array_append_vals(plist, c->preg + c->poff[u], c->poff[u + 1] - c->poff[u]);
    }
    g_array_index(pstart, guint32, gaps->len) = plist->len;
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
        p->nested = j->any && nested(g, j->r->regions[a].region, rb->region);
        p->score = W > 0 ? acc[a] / W : 0;
        p->overlap = uni ? (double)inter[a] / uni : 0;
        p->tci = W > 0 && nca > 0 ? 100.0 * mins[a] : 0;
        p->symmetric = 0;
        j->keys[raw_pos(nL, a, b)] = pair_key(p);
      }
      acc[a] = mins[a] = 0;
      cnt[a] = inter[a] = nl[a] = 0;
    }
    /* The region's gaps, ascending, for the result. */
    GapRef *gr = g_new(GapRef, gaps->len ? gaps->len : 1);
    for (guint i = 0; i < gaps->len; i++)
      gr[i] = (GapRef){g_array_index(gaps, guint32, i), g_array_index(weights, double, i)};
    sort_gaprefs(gr, gaps->len, cg__n(g));
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
  scratch_clear(&s);
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
    caps_clear(&p->caps);
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
 * @options: (nullable): %NULL for %CG_COMPLEMENT_OPTIONS_INIT
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
  CgComplementOptions opt = CG_COMPLEMENT_OPTIONS_INIT;
  if (options)
    opt = *options;
  CgRegionLevel level;
  gboolean any;
  const char *canon;
  if (!parse_level(opt.level, &level, &any, &canon, error))
    return NULL;
  guint32 nL;
  guint32 *reg = regions_at(g, level, any, &nL);
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
  caps_build(g, sel, nL, TRUE, &p->caps);
  g_free(sel);
  for (guint32 i = 0; i < nL; i++) {
    r->regions[i].region = reg[i];
    r->regions[i].n_capabilities = p->caps.off[i + 1] - p->caps.off[i];
    r->regions[i].capabilities = p->caps.node + p->caps.off[i];
  }
  g_free(reg);
  guint nt = resolve_threads(opt.threads);
  double *crit = opt.weighting == CG_GAP_WEIGHT_CRITICALITY ? cg_criticality(g, nt, NULL) : NULL;
  gsize nord = nL > 1 ? (gsize)nL * (nL - 1) : 0;
  r->n_ordered_pairs = nord;
  CgComplementPair *raw = alloc_big(sizeof(CgComplementPair) * nord);
  PairKey *keys = alloc_big(sizeof(PairKey) * nord);
  p->pools = g_new0(guint32 *, nL ? nL : 1);
  guint jobs_n = nL < 64 ? 1 : nt;
  PairJob *jobs = g_new(PairJob, jobs_n);
  GThread **th = g_new0(GThread *, jobs_n);
  for (guint t = 0; t < jobs_n; t++) {
    jobs[t] = (PairJob){g, &p->caps, crit, r, raw, keys, p->pools, any, t, jobs_n};
    if (t > 0)
      th[t] = g_thread_new("cg-complement", pair_job, &jobs[t]);
  }
  pair_job(&jobs[0]);
  for (guint t = 1; t < jobs_n; t++)
    g_thread_join(th[t]);
  g_free(jobs);
  g_free(th);
  g_free(crit);
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

/** cg_complement_n_pairs: Returns: how many pairs @result lists. O(1). */
gsize
cg_complement_n_pairs(const CgComplement *r)
{
  g_return_val_if_fail(r != NULL, 0);
  return r->n_pairs;
}

/**
 * cg_complement_pair:
 * @i: in [0, cg_complement_n_pairs())
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
 * @i: an index into @result's regions (a pair's from or to)
 * Returns: (transfer none): the region's name as the data spells it. O(1).
 */
const char *
cg_complement_region_name(const CgGraph *g, const CgComplement *r, gsize i)
{
  g_return_val_if_fail(g != NULL && r != NULL && i < r->n_regions, NULL);
  return REG(g, r->regions[i].region)->name;
}

/**
 * cg_complement_find_pair:
 * @from: the supplier (name, id or alias)
 * @to: the receiver
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

/* ---- explanations and JSON for pairs ----------------------------------------------------- */

static int
cmp_gapref(const void *a, const void *b, void *data)
{
  const GapRef *x = a, *y = b;
  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  return strcmp(cg__node(((NameCtx *)data)->g, x->node)->id,
                cg__node(((NameCtx *)data)->g, y->node)->id);
}

/* The gaps of @rb (filled by @ra when @ra is non-NULL, else all), heaviest first. */
static GArray *
heaviest_gaps(const CgGraph *g, const CgComplementRegion *rb, const CgComplementRegion *ra)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(GapRef));
  for (gsize i = 0; i < rb->n_gaps; i++) {
    if (ra && bsearch_u32(ra->capabilities, ra->n_capabilities, rb->gaps[i]) < 0)
      continue;
    GapRef x = {rb->gaps[i], rb->gap_weights[i]};
    g_array_append_val(a, x);
  }
  NameCtx ctx = {g};
  g_array_sort_with_data(a, (GCompareDataFunc)cmp_gapref, &ctx);
  return a;
}

static guint32
claimant(const CgComplement *r, guint32 ri, guint32 node)
{
  const Priv *p = r->priv;
  const CgComplementRegion *x = &r->regions[ri];
  gssize k = bsearch_u32(x->capabilities, x->n_capabilities, node);
  return k < 0 ? CG_NONE : p->caps.claim[p->caps.off[ri] + (gsize)k];
}

static char *
pair_why(const CgGraph *g, const CgComplement *r, const CgComplementPair *p)
{
  const CgComplementRegion *ra = &r->regions[p->from], *rb = &r->regions[p->to];
  const char *an = REG(g, ra->region)->name, *bn = REG(g, rb->region)->name;
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%s → %s: ", an, bn);
  if (p->nested)
    g_string_append_printf(s, "(%s lies within %s) ",
                           is_within(g, ra->region, rb->region) ? an : bn,
                           is_within(g, ra->region, rb->region) ? bn : an);
  if (rb->n_gaps == 0) {
    if (rb->n_capabilities == 0)
      g_string_append_printf(s, "%s claims no capabilities, so it has no gaps to fill", bn);
    else
      g_string_append_printf(s, "%s has no gaps to fill (it makes every input of its %zu "
                                "capabilities)",
                             bn, rb->n_capabilities);
  } else if (p->n_filled == 0) {
    GArray *top = heaviest_gaps(g, rb, NULL);
    if (rb->n_gaps == 1)
      g_string_append_printf(s, "does not fill %s's only gap (", bn);
    else
      g_string_append_printf(s, "fills none of %s's %zu gaps (the heaviest: ", bn, rb->n_gaps);
    for (guint i = 0; i < top->len && i < 3; i++)
      g_string_append_printf(s, "%s%s", i ? ", " : "",
                             cg_node_label(g, g_array_index(top, GapRef, i).node));
    g_string_append(s, top->len > 3 ? ", …)" : ")");
    g_array_free(top, TRUE);
  } else {
    GArray *top = heaviest_gaps(g, rb, ra);
    g_string_append_printf(s, "fills %u of %zu gap%s (", p->n_filled, rb->n_gaps,
                           rb->n_gaps == 1 ? "" : "s");
    for (guint i = 0; i < top->len && i < 3; i++) {
      guint32 u = g_array_index(top, GapRef, i).node, v = CG_NONE;
      for (guint32 k = 0; k < p->n_links && v == CG_NONE; k++)
        if (g->esrc[p->links[k]] == u)
          v = cg__edge_dst(g, p->links[k]);
      g_string_append_printf(s, "%s%s → %s", i ? ", " : "", cg_node_label(g, u),
                             v == CG_NONE ? "?" : cg_node_label(g, v));
    }
    g_string_append_printf(s, "%s), ", top->len > 3 ? ", …" : "");
    append_pct(s, p->score);
    g_string_append(s, " of gap weight");
    guint32 u = g_array_index(top, GapRef, 0).node, who = claimant(r, p->from, u);
    const CgCapability *cl = who == CG_NONE ? NULL : find_claim(g, who, u);
    if (cl && has_evidence(&cl->prov)) {
      g_string_append_printf(s, "; %s makes %s", REG(g, who)->name, cg_node_label(g, u));
      append_cite(s, g, &cl->prov);
    }
    g_array_free(top, TRUE);
  }
  if (p->overlap > 0) {
    g_string_append(s, "; overlap ");
    append_pct(s, p->overlap);
    g_string_append(s, " (both make ");
    gsize i = 0, j = 0, shown = 0;
    while (i < ra->n_capabilities && j < rb->n_capabilities) {
      guint32 x = ra->capabilities[i], y = rb->capabilities[j];
      if (x < y)
        i++;
      else if (y < x)
        j++;
      else {
        if (shown < 2)
          g_string_append_printf(s, "%s%s", shown ? ", " : "", cg_node_label(g, x));
        shown++;
        i++;
        j++;
      }
    }
    g_string_append(s, shown > 2 ? ", …)" : ")");
  }
  return g_string_free(s, FALSE);
}

/**
 * cg_complement_pair_why:
 * @i: in [0, cg_complement_n_pairs())
 *
 * One line a planner reads: how many of the receiver's gaps the supplier fills, the
 * heaviest linking edges, the share of gap weight, the document claim behind the heaviest
 * one, and the overlap. E.g. `江西 → 浙江: fills 3 of 12 gaps (稀土 → 钕铁硼, …), 41% of gap
 * weight; 赣州 makes 稀土 per jiangxi 专栏2 “…”`.
 * Returns: (transfer full): free with cg_free().
 * Complexity: O(|G_B| log |C_A| + links + |C_A| + |C_B|).
 */
char *
cg_complement_pair_why(const CgGraph *g, const CgComplement *r, gsize i)
{
  g_return_val_if_fail(g != NULL && r != NULL && i < r->n_pairs, NULL);
  return pair_why(g, r, &r->pairs[i]);
}

/* Node ids, sorted by id. */
static void
json_ids_sorted(JsonBuilder *b, const CgGraph *g, const guint32 *v, gsize n)
{
  guint32 *c = g_memdup2(v, sizeof(guint32) * n);
  NameCtx ctx = {g};
  g_qsort_with_data(c, (gint)n, sizeof(guint32), (GCompareDataFunc)cmp_node_id, &ctx);
  json_builder_begin_array(b);
  for (gsize i = 0; i < n; i++)
    json_builder_add_string_value(b, cg__node(g, c[i])->id);
  json_builder_end_array(b);
  g_free(c);
}

static void
json_prov(JsonBuilder *b, const CgGraph *g, const char *kind, const char *region,
          const char *node, const CgProvenance *p)
{
  json_builder_begin_object(b);
  cg__json_str(b, "kind", kind);
  if (region)
    cg__json_str(b, "region", region);
  if (node)
    cg__json_str(b, "node", node);
  cg__json_str(b, "document", p->document >= 0 ? cg_document_file(g, (gsize)p->document) : NULL);
  cg__json_str(b, "section", p->section);
  cg__json_str(b, "quote", p->quote);
  cg__json_str(b, "inferred", p->inferred);
  json_builder_end_object(b);
}

static void
json_claim(JsonBuilder *b, const CgGraph *g, guint32 who, guint32 node)
{
  const CgCapability *cl = who == CG_NONE ? NULL : find_claim(g, who, node);
  if (cl && has_evidence(&cl->prov))
    json_prov(b, g, "claim", REG(g, who)->name, cg__node(g, node)->id, &cl->prov);
}

static void
json_pair(JsonBuilder *b, const CgGraph *g, const CgComplement *r, const CgComplementPair *p)
{
  const CgComplementRegion *ra = &r->regions[p->from], *rb = &r->regions[p->to];
  json_builder_begin_object(b);
  cg__json_str(b, "from", REG(g, ra->region)->name);
  cg__json_str(b, "to", REG(g, rb->region)->name);
  cg__json_num(b, "score", p->score);
  cg__json_num(b, "symmetric", p->symmetric);
  cg__json_num(b, "overlap", p->overlap);
  cg__json_num(b, "tci", p->tci);
  cg__json_int(b, "filled", p->n_filled);
  cg__json_int(b, "gaps", (gint64)rb->n_gaps);
  json_builder_set_member_name(b, "nested");
  json_builder_add_boolean_value(b, p->nested);
  json_builder_set_member_name(b, "links");
  json_builder_begin_array(b);
  for (guint32 k = 0; k < p->n_links; k++) {
    guint32 e = p->links[k], u = g->esrc[e], v = cg__edge_dst(g, e);
    guint32 cu = claimant(r, p->from, u), cv = claimant(r, p->to, v);
    gssize gi = bsearch_u32(rb->gaps, rb->n_gaps, u);
    json_builder_begin_object(b);
    cg__json_str(b, "source", cg__node(g, u)->id);
    cg__json_str(b, "target", cg__node(g, v)->id);
    cg__json_str(b, "source_name", cg_node_label(g, u));
    cg__json_str(b, "target_name", cg_node_label(g, v));
    cg__json_str(b, "source_region", cu == CG_NONE ? NULL : REG(g, cu)->name);
    cg__json_str(b, "target_region", cv == CG_NONE ? NULL : REG(g, cv)->name);
    cg__json_num(b, "gap_weight", gi >= 0 ? rb->gap_weights[gi] : 0);
    json_builder_set_member_name(b, "evidence");
    json_builder_begin_array(b);
    json_claim(b, g, cu, u);
    json_claim(b, g, cv, v);
    gsize np = cg_edge_n_provenance(g, e);
    for (gsize i = 0; i < np; i++) {
      const CgProvenance *ep = cg_edge_provenance(g, e, i);
      if (has_evidence(ep)) {
        json_prov(b, g, "edge", NULL, NULL, ep);
        break;
      }
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  char *why = pair_why(g, r, p);
  cg__json_str(b, "why", why);
  g_free(why);
  json_builder_end_object(b);
}

static const char *
weighting_name(CgGapWeighting w)
{
  return w == CG_GAP_WEIGHT_UNIFORM ? "uniform" : "criticality";
}

/**
 * cg_complement_to_json:
 *
 * The whole answer as JSON (the CLI's --json and the Python binding use it); the shape is
 * in complement.h. Every pair @result holds is listed, in its order.
 * Returns: (transfer full) (nullable): free with cg_free().
 * Complexity: O(R + Σ_pairs (links + why)).
 */
char *
cg_complement_to_json(const CgGraph *g, const CgComplement *r, GError **error)
{
  g_return_val_if_fail(g != NULL && r != NULL, NULL);
  (void)error;
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  cg__json_str(b, "level", r->level);
  cg__json_str(b, "weighting", weighting_name(r->weighting));
  cg__json_num(b, "gap_floor", r->weighting == CG_GAP_WEIGHT_UNIFORM ? 0 : CG_COMPLEMENT_GAP_FLOOR);
  cg__json_int(b, "n_regions", (gint64)r->n_regions);
  cg__json_int(b, "n_ordered_pairs", (gint64)r->n_ordered_pairs);
  json_builder_set_member_name(b, "regions");
  json_builder_begin_array(b);
  for (gsize i = 0; i < r->n_regions; i++) {
    const CgComplementRegion *x = &r->regions[i];
    const CgRegionRec *rr = REG(g, x->region);
    json_builder_begin_object(b);
    cg__json_str(b, "name", rr->name);
    cg__json_str(b, "id", rr->id ? rr->id : rr->name);
    cg__json_str(b, "level", cg_level_to_string(rr->level));
    cg__json_int(b, "n_capabilities", (gint64)x->n_capabilities);
    cg__json_int(b, "n_gaps", (gint64)x->n_gaps);
    cg__json_num(b, "gap_weight", x->gap_weight);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_set_member_name(b, "pairs");
  json_builder_begin_array(b);
  for (gsize i = 0; i < r->n_pairs; i++)
    json_pair(b, g, r, &r->pairs[i]);
  json_builder_end_array(b);
  json_builder_end_object(b);
  return cg__json_finish(b);
}

/* ---- completion ------------------------------------------------------------------------ */

/* Incremental producibility: nodes become available one at a time and the least fixed
 * point grows by forward propagation from them; a log lets a trial be undone. */
enum { LOG_ALLOW, LOG_PROD, LOG_SAT };

typedef struct {
  const CgGraph *g;
  guint8 *allowed, *prod, *sat;
  guint32 *need;   /* per node: input groups without a producible member */
  double weight;   /* producible application weight */
  double gain;     /* application weight made producible since the caller reset it */
  GArray *queue;   /* guint32 */
  GArray *log;     /* guint64: kind << 32 | index */
  gboolean logging;
} Comp;

static inline void
comp_log(Comp *c, guint kind, guint32 i)
{
  if (c->logging) {
    guint64 x = ((guint64)kind << 32) | i;
    g_array_append_val(c->log, x);
  }
}

static inline void
comp_make_prod(Comp *c, guint32 v)
{
  c->prod[v] = 1;
  comp_log(c, LOG_PROD, v);
  if (cg__is_app(c->g, v)) {
    double w = cg__app_weight(c->g, v);
    c->weight += w;
    c->gain += w;
  }
  g_array_append_val(c->queue, v);
}

static void
comp_run(Comp *c)
{
  const CgGraph *g = c->g;
  while (c->queue->len) {
    guint32 u = g_array_index(c->queue, guint32, c->queue->len - 1);
    g_array_set_size(c->queue, c->queue->len - 1);
    for (guint32 k = g->out_off[u]; k < g->out_off[u + 1]; k++) {
      guint32 gi = g->out_group[k];
      if (c->sat[gi])
        continue;
      c->sat[gi] = 1;
      comp_log(c, LOG_SAT, gi);
      guint32 v = g->out_dst[k];
      if (--c->need[v] == 0 && c->allowed[v] && !c->prod[v])
        comp_make_prod(c, v);
    }
  }
}

static void
comp_allow(Comp *c, guint32 v)
{
  if (c->allowed[v])
    return;
  c->allowed[v] = 1;
  comp_log(c, LOG_ALLOW, v);
  if (c->need[v] == 0 && !c->prod[v]) {
    comp_make_prod(c, v);
    comp_run(c);
  }
}

/* Undoes the logged changes; the caller restores weight. */
static void
comp_undo(Comp *c)
{
  const CgGraph *g = c->g;
  for (guint i = c->log->len; i-- > 0;) {
    guint64 x = g_array_index(c->log, guint64, i);
    guint32 idx = (guint32)x;
    switch ((guint)(x >> 32)) {
    case LOG_ALLOW:
      c->allowed[idx] = 0;
      break;
    case LOG_PROD:
      c->prod[idx] = 0;
      break;
    default:
      c->sat[idx] = 0;
      c->need[g->group_node[idx]]++;
      break;
    }
  }
  g_array_set_size(c->log, 0);
}

/* Which nodes no region of the graph claims. */
static guint8 *
claimed_anywhere(const CgGraph *g)
{
  guint8 *cl = g_new0(guint8, cg__n(g) ? cg__n(g) : 1);
  for (guint32 r = 0; r < g->regions->len; r++) {
    const GArray *caps = REG(g, r)->caps;
    for (guint i = 0; caps && i < caps->len; i++)
      cl[g_array_index(caps, CgCapability, i).node] = 1;
  }
  return cl;
}

/* Starts from the free nodes (applications; raw materials no region claims) plus @nodes. */
static void
comp_init(Comp *c, const CgGraph *g, const guint32 *nodes, gsize n_nodes)
{
  guint32 n = cg__n(g);
  c->g = g;
  c->allowed = g_new0(guint8, n ? n : 1);
  c->prod = g_new0(guint8, n ? n : 1);
  c->sat = g_new0(guint8, g->n_groups ? g->n_groups : 1);
  c->need = g_new(guint32, n ? n : 1);
  c->weight = c->gain = 0;
  c->queue = g_array_new(FALSE, FALSE, sizeof(guint32));
  c->log = g_array_new(FALSE, FALSE, sizeof(guint64));
  c->logging = FALSE;
  guint8 *cl = claimed_anywhere(g);
  for (guint32 v = 0; v < n; v++) {
    c->need[v] = g->in_goff[v + 1] - g->in_goff[v];
    c->allowed[v] = cg__is_app(g, v) || (c->need[v] == 0 && !cl[v]);
  }
  g_free(cl);
  for (gsize i = 0; i < n_nodes; i++)
    c->allowed[nodes[i]] = 1;
  for (guint32 v = 0; v < n; v++)
    if (c->allowed[v] && c->need[v] == 0)
      comp_make_prod(c, v);
  comp_run(c);
}

static void
comp_clear(Comp *c)
{
  g_free(c->allowed);
  g_free(c->prod);
  g_free(c->sat);
  g_free(c->need);
  g_array_free(c->queue, TRUE);
  g_array_free(c->log, TRUE);
}

/* Completion gain of making @nodes available, undone afterwards. */
static double
comp_try(Comp *c, const guint32 *nodes, gsize n_nodes)
{
  double w0 = c->weight;
  c->gain = 0;
  c->logging = TRUE;
  for (gsize i = 0; i < n_nodes; i++)
    comp_allow(c, nodes[i]);
  double gain = c->gain;
  comp_undo(c);
  c->logging = FALSE;
  c->weight = w0;
  return gain;
}

/* The nodes of every region within one of @regions (names), ascending, or NULL. */
static GArray *
coalition_nodes(const CgGraph *g, const char *const *regions, GError **error)
{
  guint32 nr = g->regions->len;
  guint8 *in = g_new0(guint8, nr ? nr : 1);
  for (const char *const *p = regions; p && *p; p++) {
    gssize r = lookup_region(g, *p, error);
    if (r < 0) {
      g_free(in);
      return NULL;
    }
    in[r] = 1;
  }
  guint8 *seen = g_new0(guint8, cg__n(g) ? cg__n(g) : 1);
  GArray *a = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 r = 0; r < nr; r++) {
    const GArray *caps = REG(g, r)->caps;
    if (!caps)
      continue;
    gboolean inside = FALSE;
    for (guint32 x = r; x != CG_NONE && !inside; x = REG(g, x)->parent)
      inside = in[x];
    for (guint i = 0; inside && i < caps->len; i++) {
      guint32 v = g_array_index(caps, CgCapability, i).node;
      if (!seen[v]) {
        seen[v] = 1;
        g_array_append_val(a, v);
      }
    }
  }
  g_array_sort(a, (GCompareFunc)cmp_u32);
  g_free(seen);
  g_free(in);
  return a;
}

/**
 * cg_completion:
 * @regions: (array zero-terminated=1) (nullable): the coalition (names, ids or aliases)
 *
 * The share of application weight producible from the coalition's capabilities alone:
 * DESIGN.md's least fixed point where a node counts as available iff a region of the
 * coalition (or a region within one) claims it, or it is an application (applications are
 * assembled wherever their inputs are: the documents rarely place them), or it has no
 * inputs and no region of the whole graph claims it (an open-market raw material the data
 * does not localize). Every other node no coalition region produces is unavailable.
 * Returns: in [0, 1] (0 when the graph has no application weight), or -1 with @error set
 *   (%CG_ERROR_UNKNOWN) for an unknown region.
 * Complexity: O(V + E + claims · depth).
 */
double
cg_completion(const CgGraph *g, const char *const *regions, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, -1);
  GArray *nodes = coalition_nodes(g, regions, error);
  if (!nodes)
    return -1;
  Comp c;
  comp_init(&c, g, (guint32 *)(void *)nodes->data, nodes->len);
  double x = g->app_total > 0 ? c.weight / g->app_total : 0;
  comp_clear(&c);
  g_array_free(nodes, TRUE);
  return x;
}

/**
 * cg_completion_free:
 * @completion: (nullable): from cg_completion_full()
 *
 * Frees @completion and its arrays. NULL-safe. O(1).
 */
void
cg_completion_free(CgCompletion *c)
{
  if (!c)
    return;
  g_free(c->applications);
  g_free(c->missing);
  g_free(c);
}

/* Marks (stamp) the nodes that keep an application from being made: walking up from every
 * unproducible application through unproducible nodes, only into input groups without a
 * producible member (a satisfied group blocks nothing), the unavailable nodes met. */
static void
mark_missing(const Comp *c, guint32 *mark, guint32 st, GArray *out)
{
  const CgGraph *g = c->g;
  guint32 n = cg__n(g);
  GArray *q = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint8 *seen = g_new0(guint8, n ? n : 1);
  for (guint32 v = 0; v < n; v++)
    if (cg__is_app(g, v) && !c->prod[v]) {
      seen[v] = 1;
      g_array_append_val(q, v);
    }
  for (guint i = 0; i < q->len; i++) {
    guint32 v = g_array_index(q, guint32, i);
    if (!c->allowed[v]) {
      mark[v] = st;
      if (out)
        g_array_append_val(out, v);
    }
    for (guint32 gi = g->in_goff[v]; gi < g->in_goff[v + 1]; gi++) {
      if (c->sat[gi])
        continue;
      for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1]; e++) {
        guint32 u = g->esrc[e];
        if (!seen[u] && !c->prod[u]) {
          seen[u] = 1;
          g_array_append_val(q, u);
        }
      }
    }
  }
  if (out)
    g_array_sort(out, (GCompareFunc)cmp_u32);
  g_free(seen);
  g_array_free(q, TRUE);
}

/**
 * cg_completion_full:
 * @regions: (array zero-terminated=1) (nullable): the coalition
 *
 * cg_completion() with its evidence: the producible applications, and the nodes the
 * coalition lacks: the unavailable nodes met walking up from each application it cannot
 * make, through unproducible nodes and only into input groups none of whose members is
 * producible (so an alternative the coalition already has is not "missing").
 * Returns: (transfer full) (nullable): free with cg_completion_free().
 * Complexity: O(V + E + claims · depth).
 */
CgCompletion *
cg_completion_full(const CgGraph *g, const char *const *regions, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  GArray *nodes = coalition_nodes(g, regions, error);
  if (!nodes)
    return NULL;
  Comp c;
  comp_init(&c, g, (guint32 *)(void *)nodes->data, nodes->len);
  g_array_free(nodes, TRUE);
  CgCompletion *r = g_new0(CgCompletion, 1);
  r->weight = c.weight;
  r->completion = g->app_total > 0 ? c.weight / g->app_total : 0;
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < cg__n(g); v++)
    if (c.prod[v] && cg__is_app(g, v))
      g_array_append_val(apps, v);
  r->n_applications = apps->len;
  r->applications = (guint32 *)(void *)g_array_free(apps, FALSE);
  GArray *miss = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint32 *mark = g_new0(guint32, cg__n(g) ? cg__n(g) : 1);
  mark_missing(&c, mark, 1, miss);
  g_free(mark);
  r->n_missing = miss->len;
  r->missing = (guint32 *)(void *)g_array_free(miss, FALSE);
  comp_clear(&c);
  return r;
}

/**
 * cg_completion_to_json:
 * @regions: (array zero-terminated=1) (nullable): the coalition
 *
 * Returns: (transfer full) (nullable): {"regions":[names],"completion","weight",
 *   "total_weight","producible_applications":[ids],"missing":[ids]} (ids sorted); free
 *   with cg_free(). %NULL with @error set for an unknown region.
 * Complexity: that of cg_completion_full().
 */
char *
cg_completion_to_json(const CgGraph *g, const char *const *regions, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  CgCompletion *c = cg_completion_full(g, regions, error);
  if (!c)
    return NULL;
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  json_builder_set_member_name(b, "regions");
  json_builder_begin_array(b);
  for (const char *const *p = regions; p && *p; p++)
    json_builder_add_string_value(b, REG(g, cg__region_lookup(g, *p))->name);
  json_builder_end_array(b);
  cg__json_num(b, "completion", c->completion);
  cg__json_num(b, "weight", c->weight);
  cg__json_num(b, "total_weight", g->app_total);
  json_builder_set_member_name(b, "producible_applications");
  json_ids_sorted(b, g, c->applications, c->n_applications);
  json_builder_set_member_name(b, "missing");
  json_ids_sorted(b, g, c->missing, c->n_missing);
  json_builder_end_object(b);
  cg_completion_free(c);
  return cg__json_finish(b);
}

/* ---- one region: gaps, partners, next steps ------------------------------------------- */

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
  if (x->weight != y->weight)
    return x->weight > y->weight ? -1 : 1;
  return strcmp(cg__node(((GapCtx *)data)->g, x->node)->id,
                cg__node(((GapCtx *)data)->g, y->node)->id);
}

static CgRegionGaps *
region_gaps_with(const CgGraph *g, guint32 rb, const double *crit)
{
  guint32 n = cg__n(g);
  Caps c;
  caps_of_one(g, rb, &c);
  Scratch s;
  scratch_init(&s, n);
  GArray *gaps = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *weights = g_array_new(FALSE, FALSE, sizeof(double));
  CgRegionGaps *x = g_new0(CgRegionGaps, 1);
  x->region = rb;
  x->n_capabilities = c.off[1];
  x->capabilities = g_memdup2(c.node, sizeof(guint32) * c.off[1]);
  x->gap_weight = find_gaps(g, c.node, c.off[1], crit, &s, gaps, weights, NULL);
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
    g_array_sort(cons, (GCompareFunc)cmp_u32);
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
    if (!caps || is_within(g, r, rb))
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
    g_array_sort_with_data(a, (GCompareDataFunc)cmp_region_name, &nctx);
    x->gaps[i].n_producers = a->len;
    x->gaps[i].producers = (guint32 *)(void *)g_array_free(a, FALSE);
  }
  g_ptr_array_free(prods, TRUE);
  GapCtx ctx = {g};
  g_qsort_with_data(x->gaps, (gint)x->n_gaps, sizeof(CgGap), (GCompareDataFunc)cmp_gap, &ctx);
  g_array_free(gaps, TRUE);
  g_array_free(weights, TRUE);
  scratch_clear(&s);
  caps_clear(&c);
  return x;
}

/**
 * cg_region_gaps:
 * @region: a region name, id or alias
 * @weighting: how gaps are weighted
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
  gssize rb = lookup_region(g, region, error);
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
 * @region: the region the coalition starts from
 * @level: (nullable): the level partners are drawn from ("any" for every region); %NULL
 *   for the region's own level (every region when its level is unknown)
 * @max_steps: at most this many partners (0: no limit)
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
  gssize rb = lookup_region(g, region, error);
  if (rb < 0)
    return NULL;
  CgRegionLevel lv = REG(g, rb)->level;
  gboolean any = lv == CG_LEVEL_UNKNOWN;
  const char *canon;
  if (level && !parse_level(level, &lv, &any, &canon, error))
    return NULL;
  guint32 nall, *all = regions_at(g, lv, any, &nall);
  GArray *cand = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 i = 0; i < nall; i++)
    if (!nested(g, all[i], (guint32)rb))
      g_array_append_val(cand, all[i]);
  g_free(all);
  guint32 nc = cand->len;
  guint32 *sel = g_new(guint32, g->regions->len ? g->regions->len : 1);
  for (guint32 r = 0; r < g->regions->len; r++)
    sel[r] = CG_NONE;
  for (guint32 i = 0; i < nc; i++)
    sel[g_array_index(cand, guint32, i)] = i;
  Caps c;
  caps_build(g, sel, nc, FALSE, &c);
  g_free(sel);
  Caps own;
  caps_of_one(g, (guint32)rb, &own);
  Comp comp;
  comp_init(&comp, g, own.node, own.off[1]);
  caps_clear(&own);

  CgPartners *res = g_new0(CgPartners, 1);
  res->region = (guint32)rb;
  double total = g->app_total > 0 ? g->app_total : 1;
  res->completion = g->app_total > 0 ? comp.weight / g->app_total : 0;
  GArray *steps = g_array_new(FALSE, FALSE, sizeof(CgPartnerStep));
  guint8 *chosen = g_new0(guint8, nc ? nc : 1);
  guint32 *miss = g_new0(guint32, cg__n(g) ? cg__n(g) : 1);
  gsize limit = max_steps ? MIN(max_steps, nc) : nc;
  for (guint32 st = 1; steps->len < limit; st++) {
    mark_missing(&comp, miss, st, NULL);
    guint32 best = CG_NONE, best_sup = 0;
    double best_gain = 0;
    for (guint32 a = 0; a < nc; a++) {
      if (chosen[a])
        continue;
      guint32 sup = 0;
      for (guint32 k = c.off[a]; k < c.off[a + 1]; k++)
        sup += miss[c.node[k]] == st;
      double gain = comp_try(&comp, c.node + c.off[a], c.off[a + 1] - c.off[a]);
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
      comp_allow(&comp, c.node[k]);
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
    g_array_sort(apps, (GCompareFunc)cmp_u32);
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
  comp_clear(&comp);
  caps_clear(&c);
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

/**
 * cg_region_next:
 * @region: a region name, id or alias
 * @top: at most this many (0: all)
 * @n_out: (out): how many are returned
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
cg_region_next(const CgGraph *g, const char *region, gsize top, gsize *n_out, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && region != NULL && n_out != NULL, NULL);
  *n_out = 0;
  gssize rb = lookup_region(g, region, error);
  if (rb < 0)
    return NULL;
  guint32 n = cg__n(g);
  Caps own;
  caps_of_one(g, (guint32)rb, &own);
  guint8 *here = g_new0(guint8, n ? n : 1);
  for (guint32 i = 0; i < own.off[1]; i++)
    here[own.node[i]] = 1;
  Comp comp;
  comp_init(&comp, g, own.node, own.off[1]);
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
  g_array_sort(cands, (GCompareFunc)cmp_u32);
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
    x->gain = comp_try(&comp, &v, 1) / (g->app_total > 0 ? g->app_total : 1);
  }
  NextCtx ctx = {g};
  g_qsort_with_data(out, (gint)cands->len, sizeof(CgNextStep), (GCompareDataFunc)cmp_next, &ctx);
  *n_out = top ? MIN(top, cands->len) : cands->len;
  g_array_free(cands, TRUE);
  g_free(cand);
  g_free(seen);
  g_free(here);
  comp_clear(&comp);
  caps_clear(&own);
  return out;
}

/* ---- the one-region view as JSON ------------------------------------------------------- */

static void
json_names(JsonBuilder *b, const CgGraph *g, const guint32 *v, gsize n, gsize max)
{
  json_builder_begin_array(b);
  for (gsize i = 0; i < n && i < max; i++)
    json_builder_add_string_value(b, cg_node_label(g, v[i]));
  json_builder_end_array(b);
}

static void
names_list(GString *s, const CgGraph *g, const guint32 *v, gsize n, gsize max)
{
  for (gsize i = 0; i < n && i < max; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : "", cg_node_label(g, v[i]));
  if (n > max)
    g_string_append(s, ", …");
}

static char *
partner_why(const CgGraph *g, const CgPartnerStep *st, double before)
{
  GString *s = g_string_new(NULL);
  const char *name = REG(g, st->region)->name;
  if (st->gain > 0) {
    g_string_append_printf(s, "%s raises completion from ", name);
    append_pct(s, before);
    g_string_append(s, " to ");
    append_pct(s, st->completion);
    g_string_append(s, " (+");
    append_pct(s, st->gain);
    g_string_append(s, ")");
  } else {
    g_string_append_printf(s, "%s completes no application by itself (completion stays ", name);
    append_pct(s, st->completion);
    g_string_append(s, ")");
  }
  if (st->n_applications) {
    g_string_append(s, ": makes ");
    names_list(s, g, st->applications, st->n_applications, 3);
    g_string_append(s, " producible");
  }
  if (st->n_supplies) {
    g_string_append_printf(s, "%ssupplies %zu missing input%s (", st->n_applications ? "; " : ": ",
                           st->n_supplies, st->n_supplies == 1 ? "" : "s");
    names_list(s, g, st->supplies, st->n_supplies, 3);
    g_string_append(s, ")");
    guint32 u = st->supplies[0];
    guint32 who = CG_NONE;
    for (guint32 r = 0; r < g->regions->len && who == CG_NONE; r++) {
      const CgCapability *cl = find_claim(g, r, u);
      if (cl && has_evidence(&cl->prov) && is_within(g, r, st->region))
        who = r;
    }
    if (who != CG_NONE) {
      g_string_append_printf(s, "; %s makes %s", REG(g, who)->name, cg_node_label(g, u));
      append_cite(s, g, &find_claim(g, who, u)->prov);
    }
  }
  return g_string_free(s, FALSE);
}

static const CgProvenance *
node_quote(const CgGraph *g, guint32 v)
{
  const CgNodeRec *n = cg__node(g, v);
  for (int pass = 0; pass < 2 && n->x; pass++) {
    GArray *a = pass == 0 ? n->x->chokepoints : n->x->provenance;
    for (guint i = 0; a && i < a->len; i++)
      if (g_array_index(a, CgProvenance, i).quote)
        return &g_array_index(a, CgProvenance, i);
  }
  return NULL;
}

static char *
next_why(const CgGraph *g, const CgNextStep *x, const guint8 *here)
{
  GString *s = g_string_new(NULL);
  guint32 v = x->node;
  guint32 n_here = (guint32)(x->density * x->n_neighbours + 0.5);
  g_string_append_printf(s, "%s: %u of its %u neighbours are already here", cg_node_label(g, v),
                          n_here, x->n_neighbours);
  gboolean opened = FALSE;
  for (int dir = 0; dir < 2; dir++) {
    GArray *a = g_array_new(FALSE, FALSE, sizeof(guint32));
    guint32 k0 = dir ? g->out_off[v] : g->gmem_off[g->in_goff[v]];
    guint32 k1 = dir ? g->out_off[v + 1] : g->gmem_off[g->in_goff[v + 1]];
    for (guint32 k = k0; k < k1; k++) {
      guint32 u = dir ? g->out_dst[k] : g->esrc[k];
      if (here[u])
        g_array_append_val(a, u);
    }
    if (a->len) {
      g_string_append_printf(s, "%s%s ", opened ? "; " : " (", dir ? "consumers" : "inputs");
      names_list(s, g, (guint32 *)(void *)a->data, a->len, 3);
      opened = TRUE;
    }
    g_array_free(a, TRUE);
  }
  if (opened)
    g_string_append(s, ")");
  if (x->gain > 0) {
    g_string_append(s, "; producing it raises completion by ");
    append_pct(s, x->gain);
  } else
    g_string_append(s, "; it completes no application by itself");
  const CgProvenance *p = node_quote(g, v);
  if (p) {
    g_string_append(s, ";");
    append_cite(s, g, p);
  }
  return g_string_free(s, FALSE);
}

/**
 * cg_partners_step_why:
 * @partners: from cg_region_partners()
 * @i: a step index
 *
 * One line a planner reads: how far the step raises completion, which applications it
 * makes producible, which missing inputs the partner supplies, and the claim behind the
 * first of them.
 * Returns: (transfer full): free with cg_free(). Complexity: O(claims).
 */
char *
cg_partners_step_why(const CgGraph *g, const CgPartners *partners, gsize i)
{
  g_return_val_if_fail(g != NULL && partners != NULL && i < partners->n_steps, NULL);
  double before = i ? partners->steps[i - 1].completion : partners->completion;
  return partner_why(g, &partners->steps[i], before);
}

/**
 * cg_next_step_why:
 * @region: the region the step was computed for
 * @step: one result of cg_region_next()
 *
 * One line a planner reads: how many of the node's neighbours the region already has,
 * which, what producing it would add, and the document that names the node.
 * Returns: (transfer full) (nullable): free with cg_free(); %NULL with @error set for an
 *   unknown region. Complexity: O(claims · depth + d(node)).
 */
char *
cg_next_step_why(const CgGraph *g, const char *region, const CgNextStep *step, GError **error)
{
  g_return_val_if_fail(g != NULL && region != NULL && step != NULL, NULL);
  gssize rb = lookup_region(g, region, error);
  if (rb < 0)
    return NULL;
  Caps own;
  caps_of_one(g, (guint32)rb, &own);
  guint8 *here = g_new0(guint8, cg__n(g) ? cg__n(g) : 1);
  for (guint32 i = 0; i < own.off[1]; i++)
    here[own.node[i]] = 1;
  char *why = next_why(g, step, here);
  g_free(here);
  caps_clear(&own);
  return why;
}

/**
 * cg_region_view_to_json:
 * @region: a region name, id or alias
 * @top: list at most this many gaps, partner steps and next steps (0: all)
 *
 * The one-region view: capabilities, gaps (cg_region_gaps() with criticality weighting),
 * completion of the region alone, greedy partners at its own level (cg_region_partners())
 * and next steps (cg_region_next()); the shape is in complement.h.
 * Returns: (transfer full) (nullable): free with cg_free(); %NULL with @error set for an
 *   unknown region.
 * Complexity: the sum of those functions'.
 */
char *
cg_region_view_to_json(const CgGraph *g, const char *region, gsize top, GError **error)
{
  return cg_region_view_to_json_at(g, region, NULL, top, error);
}

/**
 * cg_region_view_to_json_at:
 * @level: (nullable): the level partners are drawn from (see cg_region_partners())
 *
 * cg_region_view_to_json() with the partners' level chosen. %NULL with @error set
 * (%CG_ERROR_USAGE) for an unknown level.
 */
char *
cg_region_view_to_json_at(const CgGraph *g, const char *region, const char *level, gsize top,
                          GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && region != NULL, NULL);
  CgRegionGaps *gaps = cg_region_gaps(g, region, CG_GAP_WEIGHT_CRITICALITY, error);
  if (!gaps)
    return NULL;
  CgPartners *pt = cg_region_partners(g, region, level, top, error);
  gsize n_next = 0;
  CgNextStep *next = pt ? cg_region_next(g, region, top, &n_next, error) : NULL;
  if (!pt || !next) {
    cg_region_gaps_free(gaps);
    cg_partners_free(pt);
    return NULL;
  }
  const CgRegionRec *rr = REG(g, gaps->region);
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  cg__json_str(b, "region", rr->name);
  cg__json_str(b, "id", rr->id ? rr->id : rr->name);
  cg__json_str(b, "level", cg_level_to_string(rr->level));
  json_builder_set_member_name(b, "capabilities");
  json_ids_sorted(b, g, gaps->capabilities, gaps->n_capabilities);
  Caps own;
  caps_of_one(g, gaps->region, &own);
  GArray *planned = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 i = 0; i < own.off[1]; i++)
    if (own.planned[i])
      g_array_append_val(planned, own.node[i]);
  caps_clear(&own);
  json_builder_set_member_name(b, "planned");
  json_ids_sorted(b, g, (guint32 *)(void *)planned->data, planned->len);
  g_array_free(planned, TRUE);
  cg__json_num(b, "gap_weight", gaps->gap_weight);
  cg__json_int(b, "n_gaps", (gint64)gaps->n_gaps);
  json_builder_set_member_name(b, "gaps");
  json_builder_begin_array(b);
  for (gsize i = 0; i < gaps->n_gaps && (!top || i < top); i++) {
    const CgGap *gp = &gaps->gaps[i];
    json_builder_begin_object(b);
    cg__json_str(b, "id", cg__node(g, gp->node)->id);
    cg__json_str(b, "name", cg_node_label(g, gp->node));
    cg__json_num(b, "weight", gp->weight);
    json_builder_set_member_name(b, "consumers");
    json_ids_sorted(b, g, gp->consumers, gp->n_consumers);
    json_builder_set_member_name(b, "consumer_names");
    json_names(b, g, gp->consumers, gp->n_consumers, G_MAXSIZE);
    json_builder_set_member_name(b, "producers");
    json_builder_begin_array(b);
    for (gsize k = 0; k < gp->n_producers; k++)
      json_builder_add_string_value(b, REG(g, gp->producers[k])->name);
    json_builder_end_array(b);
    json_builder_set_member_name(b, "evidence");
    json_builder_begin_array(b);
    for (gsize k = 0; k < gp->n_producers; k++)
      json_claim(b, g, gp->producers[k], gp->node);
    json_builder_end_array(b);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  cg__json_num(b, "completion", pt->completion);
  json_builder_set_member_name(b, "partners");
  json_builder_begin_array(b);
  double before = pt->completion;
  for (gsize i = 0; i < pt->n_steps; i++) {
    const CgPartnerStep *st = &pt->steps[i];
    json_builder_begin_object(b);
    cg__json_str(b, "region", REG(g, st->region)->name);
    cg__json_num(b, "gain", st->gain);
    cg__json_num(b, "completion", st->completion);
    json_builder_set_member_name(b, "supplies");
    json_ids_sorted(b, g, st->supplies, st->n_supplies);
    json_builder_set_member_name(b, "applications");
    json_ids_sorted(b, g, st->applications, st->n_applications);
    char *why = partner_why(g, st, before);
    cg__json_str(b, "why", why);
    g_free(why);
    json_builder_end_object(b);
    before = st->completion;
  }
  json_builder_end_array(b);
  guint8 *here = g_new0(guint8, cg__n(g) ? cg__n(g) : 1);
  for (gsize i = 0; i < gaps->n_capabilities; i++)
    here[gaps->capabilities[i]] = 1;
  json_builder_set_member_name(b, "next");
  json_builder_begin_array(b);
  for (gsize i = 0; i < n_next; i++) {
    const CgNextStep *x = &next[i];
    json_builder_begin_object(b);
    cg__json_str(b, "id", cg__node(g, x->node)->id);
    cg__json_str(b, "name", cg_node_label(g, x->node));
    cg__json_num(b, "density", x->density);
    cg__json_num(b, "gain", x->gain);
    cg__json_int(b, "inputs_here", x->n_inputs_here);
    cg__json_int(b, "consumers_here", x->n_consumers_here);
    cg__json_int(b, "neighbours", x->n_neighbours);
    char *why = next_why(g, x, here);
    cg__json_str(b, "why", why);
    g_free(why);
    json_builder_set_member_name(b, "evidence");
    cg__json_evidence(b, g, x->node);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_end_object(b);
  g_free(here);
  g_free(next);
  cg_partners_free(pt);
  cg_region_gaps_free(gaps);
  return cg__json_finish(b);
}

/* Finishing a graph: region parents, self-loops, duplicate edges, groups, the CSR arrays
 * every analysis runs on, chain edges, application weight. */
#include "core/cg-core.h"

#include <stdlib.h>
#include <string.h>

static int
cmp_cap_node(gconstpointer a, gconstpointer b)
{
  const CgCapability *x = a, *y = b;
  if (x->node != y->node)
    return x->node < y->node ? -1 : 1;
  return 0;
}

/* Builds the analyses' view of a region's claims: one capability per node, sorted by
 * node; a present capability outranks a planned one, the first known share and the first
 * claim's provenance are kept. O(c log c) for c claims. */
static void
merge_capabilities(CgRegionRec *r)
{
  if (r->caps)
    g_array_unref(r->caps);
  r->caps = NULL;
  if (!r->claims)
    return;
  /* Claims already in node order, each node once (a generated or exported table's are)
   * are their own view: the array is shared, not copied. */
  guint len = r->claims->len;
  const CgCapability *a = (const CgCapability *)(void *)r->claims->data;
  gboolean sorted = TRUE;
  for (guint i = 1; i < len && sorted; i++)
    sorted = a[i - 1].node < a[i].node;
  if (sorted) {
    r->caps = g_array_ref(r->claims);
    return;
  }
  r->caps = g_array_sized_new(FALSE, FALSE, sizeof(CgCapability), len);
  g_array_append_vals(r->caps, r->claims->data, len);
  CgCapability *c = (CgCapability *)(void *)r->caps->data;
  g_array_sort(r->caps, cmp_cap_node); /* stable (GLib ≥ 2.32): the first claim stays first */
  guint out = 0;
  for (guint i = 0; i < len; i++) {
    if (out > 0 && c[out - 1].node == c[i].node) {
      if (!c[i].develop)
        c[out - 1].develop = FALSE;
      if (isnan(c[out - 1].share) && !isnan(c[i].share))
        c[out - 1].share = c[i].share;
      continue;
    }
    c[out++] = c[i];
  }
  g_array_set_size(r->caps, out);
}

/* ---- finishing --------------------------------------------------------------------- */

static int
cmp_edge_src_label(gconstpointer a, gconstpointer b)
{
  const CgEdgeRec *x = a, *y = b;
  if (x->src != y->src)
    return x->src < y->src ? -1 : 1;
  if (x->label != y->label)
    return x->label < y->label ? -1 : 1;
  if (x->origin != y->origin) /* keep statements in file order */
    return x->origin < y->origin ? -1 : 1;
  return 0;
}

static int
cmp_edge_label_src(gconstpointer a, gconstpointer b)
{
  const CgEdgeRec *x = a, *y = b;
  if (x->label != y->label)
    return x->label < y->label ? -1 : 1;
  if (x->src != y->src)
    return x->src < y->src ? -1 : 1;
  return 0;
}

/* Sorts one target's inputs, stably: a target has a handful, where an insertion sort beats
 * qsort's calls; a long segment goes to qsort (glibc's is a stable merge sort). */
static void
sort_edges(CgEdgeRec *seg, guint len, int (*cmp)(gconstpointer, gconstpointer))
{
  if (len > 16) {
    qsort(seg, len, sizeof(CgEdgeRec), cmp);
    return;
  }
  for (guint i = 1; i < len; i++) {
    CgEdgeRec e = seg[i];
    guint j = i;
    for (; j > 0 && cmp(&seg[j - 1], &e) > 0; j--)
      seg[j] = seg[j - 1];
    seg[j] = e;
  }
}

/* Whether a source may occur twice among one target's inputs (then the copies must be
 * merged): checked pair by pair on short segments, assumed on long ones. */
static gboolean
may_repeat_source(const CgEdgeRec *seg, guint len)
{
  if (len > 32)
    return TRUE;
  for (guint i = 1; i < len; i++)
    for (guint j = 0; j < i; j++)
      if (seg[i].src == seg[j].src)
        return TRUE;
  return FALSE;
}

static const char *
edge_where(CgGraph *g, const CgEdgeRec *e)
{
  const CgOrigin *o = &g_array_index(g->origins, CgOrigin, e->origin);
  return cg__where(g, o->file, e->line, e->col);
}

/* The members of label @label within one target's segment: its distinct sources, sorted
 * (the segment is sorted by source; a source may still appear twice under one label while
 * its copies are being merged). */
static GArray *
label_members(const CgEdgeRec *seg, guint len, guint32 label)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint i = 0; i < len; i++)
    if (seg[i].label == label &&
        (a->len == 0 || g_array_index(a, guint32, a->len - 1) != seg[i].src))
      g_array_append_val(a, seg[i].src);
  return a;
}

static gboolean
members_equal(GArray *a, GArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (g_array_index(a, guint32, i) != g_array_index(b, guint32, i))
      return FALSE;
  return TRUE;
}

/* Whether two origins say the same thing: the same document, section, quote, inference and
 * chain, compared by content. A statement repeated word for word adds nothing, and no
 * format could tell the copies apart (the TSV tables kept one). */
static gboolean
origins_same(const CgGraph *g, guint32 x, guint32 y)
{
  const CgOrigin *a = &g_array_index(g->origins, CgOrigin, x);
  const CgOrigin *b = &g_array_index(g->origins, CgOrigin, y);
  return x == y || (a->chain == b->chain && a->prov.document == b->prov.document &&
                    g_strcmp0(a->prov.section, b->prov.section) == 0 &&
                    g_strcmp0(a->prov.quote, b->prov.quote) == 0 &&
                    g_strcmp0(a->prov.inferred, b->prov.inferred) == 0);
}

static void
remember_origin(CgGraph *g, guint32 edge_index_in_seg_space, guint32 origin)
{
  if (origins_same(g, g_array_index(g->edges, CgEdgeRec, edge_index_in_seg_space).origin, origin))
    return;
  if (!g->edge_more_origins)
    g->edge_more_origins =
        g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_array_unref);
  GArray *a = g_hash_table_lookup(g->edge_more_origins, GUINT_TO_POINTER(edge_index_in_seg_space));
  if (!a) {
    a = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_hash_table_insert(g->edge_more_origins, GUINT_TO_POINTER(edge_index_in_seg_space), a);
  }
  for (guint i = 0; i < a->len; i++)
    if (origins_same(g, g_array_index(a, guint32, i), origin))
      return;
  g_array_append_val(a, origin);
}

/* Resolves duplicate edges within one target's segment. Two statements giving the same
 * edge agree when they put it in groups with the same members; then the second label is
 * renamed to the first. The segment's new length is stored in @plen; the dropped copies'
 * origins are collected in @dups as (source, origin) pairs. */
static gboolean
resolve_duplicates(CgGraph *g, CgEdgeRec *seg, guint *plen, GArray *dups, GError **error)
{
  guint len = *plen;
  sort_edges(seg, len, cmp_edge_src_label);
  gboolean again = TRUE;
  while (again) {
    again = FALSE;
    for (guint i = 1; i < len; i++) {
      if (seg[i].src != seg[i - 1].src)
        continue;
      guint32 a = seg[i - 1].label, b = seg[i].label;
      if (a != b) {
        GArray *ma = label_members(seg, len, a), *mb = label_members(seg, len, b);
        gboolean same = members_equal(ma, mb);
        g_array_free(ma, TRUE);
        g_array_free(mb, TRUE);
        if (!same) {
          const CgNodeRec *u = cg__node(g, seg[i].src), *v = cg__node(g, seg[i].dst);
          cg__set_error_at(error, CG_ERROR_CONFLICT, edge_where(g, &seg[i]),
                           "edge %s -> %s is placed in a different input group of '%s' than at %s",
                           u->id, v->id, v->id, edge_where(g, &seg[i - 1]));
          return FALSE;
        }
        for (guint k = 0; k < len; k++)
          if (seg[k].label == b)
            seg[k].label = a;
      }
      /* Drop the copy, remembering who else said so. */
      guint32 kept_origin = seg[i - 1].origin, dup_origin = seg[i].origin;
      if (dup_origin != kept_origin) {
        guint32 pair[2] = {seg[i].src, dup_origin};
        g_array_append_vals(dups, pair, 2);
      }
      memmove(&seg[i], &seg[i + 1], (len - i - 1) * sizeof(CgEdgeRec));
      len--;
      again = TRUE;
      break;
    }
  }
  *plen = len;
  return TRUE;
}

static gboolean
finish_regions(CgGraph *g, GError **error)
{
  for (guint i = 0; i < g->regions->len; i++) {
    CgRegionRec *r = g->regions->pdata[i];
    merge_capabilities(r);
    if (!r->parent_name)
      continue;
    gssize p = cg__region_lookup(g, r->parent_name);
    if (p < 0) {
      cg__set_error_at(error, CG_ERROR_UNKNOWN, r->parent_where,
                       "region '%s': unknown parent region '%s'", r->name, r->parent_name);
      return FALSE;
    }
    r->parent = (guint32)p;
  }
  /* Parent cycles: each region's parent chain is walked until a region already known to
   * end at the top (state 2); the walk's regions are then marked so: O(regions), where
   * walking every chain to its top took O(regions × depth). Reaching a region of the walk
   * itself (state 1) is a cycle, reported for the first region (in order) that leads to it. */
  guint n = g->regions->len;
  guint8 *state = g_malloc0(n + 1);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < n; i++) {
    guint32 cur = i;
    while (cur != CG_NONE && state[cur] == 0) {
      state[cur] = 1;
      cur = ((CgRegionRec *)g->regions->pdata[cur])->parent;
    }
    if (cur != CG_NONE && state[cur] == 1) {
      CgRegionRec *r = g->regions->pdata[i];
      cg__set_error_at(error, CG_ERROR_INVALID, r->parent_where,
                       "region '%s': its parents form a cycle", r->name);
      ok = FALSE;
    }
    for (cur = i; cur != CG_NONE && state[cur] == 1;
         cur = ((CgRegionRec *)g->regions->pdata[cur])->parent)
      state[cur] = 2;
  }
  g_free(state);
  return ok;
}

/* Self-loops are meaningless (a product cannot be its own input). */
static gboolean
check_self_loops(CgGraph *g, GError **error)
{
  CgEdgeRec *E = (CgEdgeRec *)(void *)g->edges->data;
  guint m = g->edges->len;
  for (guint i = 0; i < m; i++)
    if (E[i].src == E[i].dst) {
      cg__set_error_at(error, CG_ERROR_INVALID, edge_where(g, &E[i]),
                       "self-loop on node '%s' (a product cannot be its own input)",
                       cg__node(g, E[i].src)->id);
      return FALSE;
    }
  return TRUE;
}

/* Counting sort by target, stable; edges already in target order (as TSV files, ours and
 * the generator's, usually are) are used where they lie. Fills @cnt ([V + 1]: target v's
 * edges are @cnt[v] .. @cnt[v + 1] - 1) and returns the sorted edges: the graph's own
 * array, or a new one. */
static CgEdgeRec *
sort_by_target(CgGraph *g, guint32 *cnt)
{
  guint32 n = g->nodes->len;
  CgEdgeRec *E = (CgEdgeRec *)(void *)g->edges->data;
  guint m = g->edges->len;
  gboolean in_order = TRUE;
  for (guint i = 0; i < m; i++) {
    cnt[E[i].dst + 1]++;
    in_order = in_order && (i == 0 || E[i - 1].dst <= E[i].dst);
  }
  for (guint32 v = 0; v < n; v++)
    cnt[v + 1] += cnt[v];
  if (in_order && E) /* (a graph with no edges may have no array: sort into one of its own) */
    return E;
  CgEdgeRec *S = g_new(CgEdgeRec, m ? m : 1);
  guint32 *pos = g_memdup2(cnt, ((gsize)n + 1) * sizeof(guint32));
  for (guint i = 0; i < m; i++)
    S[pos[E[i].dst]++] = E[i];
  g_free(pos);
  return S;
}

/* Per target: merge duplicate edges, then order by (label, src) and number the groups
 * (in_goff, gmem_off, group_node). The kept edges are compacted to the front of @S; their
 * number goes to @out_m, and (kept edge, extra origin) pairs to @dup_final. */
static gboolean
merge_and_number_groups(CgGraph *g, CgEdgeRec *S, const guint32 *cnt, guint32 *out_m,
                        GArray *dup_final, GError **error)
{
  guint32 n = g->nodes->len;
  GArray *dups = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint32 m = 0;
  g->in_goff = g_new(guint32, (gsize)n + 1);
  GArray *gmem = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *gnode = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < n; v++) {
    g->in_goff[v] = gnode->len;
    guint len = cnt[v + 1] - cnt[v];
    CgEdgeRec *seg = S + cnt[v];
    g_array_set_size(dups, 0);
    if (len > 1 && may_repeat_source(seg, len) &&
        !resolve_duplicates(g, seg, &len, dups, error)) {
      g_array_free(dups, TRUE);
      g_array_free(gmem, TRUE);
      g_array_free(gnode, TRUE);
      return FALSE;
    }
    sort_edges(seg, len, cmp_edge_label_src);
    for (guint i = 0; i < len; i++) {
      if (i == 0 || seg[i].label != seg[i - 1].label) {
        g_array_append_val(gmem, m);
        g_array_append_val(gnode, v);
      }
      /* Remember which kept edge carries which extra origins. */
      for (guint k = 0; k < dups->len; k += 2)
        if (g_array_index(dups, guint32, k) == seg[i].src) {
          guint32 pair[2] = {m, g_array_index(dups, guint32, k + 1)};
          g_array_append_vals(dup_final, pair, 2);
        }
      S[m++] = seg[i]; /* compaction: m <= cnt[v] + i always */
    }
  }
  g->in_goff[n] = gnode->len;
  g_array_free(dups, TRUE);
  g->n_groups = gnode->len;
  g_array_append_val(gmem, m);
  g->gmem_off = (guint32 *)(void *)g_array_free(gmem, FALSE);
  g->group_node = (guint32 *)(void *)g_array_free(gnode, FALSE);
  *out_m = m;
  return TRUE;
}

/* The kept edges become the graph's edges, with the per-edge source and group arrays and
 * the extra origins of merged duplicates. */
static void
build_edge_arrays(CgGraph *g, CgEdgeRec *S, guint32 out_m, const GArray *dup_final)
{
  if (S != (CgEdgeRec *)(void *)g->edges->data) {
    if (out_m)
      memcpy(g->edges->data, S, (gsize)out_m * sizeof(CgEdgeRec));
    g_free(S);
  }
  g_array_set_size(g->edges, out_m);
  const CgEdgeRec *E = (CgEdgeRec *)(void *)g->edges->data;
  g->esrc = cg__alloc_big((gsize)MAX(out_m, 1) * sizeof(guint32), FALSE);
  g->egroup = cg__alloc_big((gsize)MAX(out_m, 1) * sizeof(guint32), FALSE);
  for (guint32 gi = 0; gi < g->n_groups; gi++)
    for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1]; e++)
      g->egroup[e] = gi;
  for (guint32 e = 0; e < out_m; e++)
    g->esrc[e] = E[e].src;
  for (guint k = 0; k < dup_final->len; k += 2)
    remember_origin(g, g_array_index(dup_final, guint32, k),
                    g_array_index(dup_final, guint32, k + 1));
}

/* The out-edge index: each node's out-edges with the group each feeds and its target. */
static void
build_out_index(CgGraph *g)
{
  guint32 n = g->nodes->len, m = g->edges->len;
  const CgEdgeRec *E = (CgEdgeRec *)(void *)g->edges->data;
  g->out_off = g_new0(guint32, (gsize)n + 1);
  for (guint32 e = 0; e < m; e++)
    g->out_off[E[e].src + 1]++;
  for (guint32 v = 0; v < n; v++)
    g->out_off[v + 1] += g->out_off[v];
  guint32 *pos = g_memdup2(g->out_off, ((gsize)n + 1) * sizeof(guint32));
  g->out_group = cg__alloc_big((gsize)MAX(m, 1) * sizeof(guint32), FALSE);
  g->out_dst = cg__alloc_big((gsize)MAX(m, 1) * sizeof(guint32), FALSE);
  for (guint32 e = 0; e < m; e++) {
    guint32 k = pos[E[e].src]++;
    g->out_group[k] = g->egroup[e];
    g->out_dst[k] = E[e].dst;
  }
  g_free(pos);
}

/* Chains: their edge keys (source, target) become edge indices, each once, in the order
 * first given. */
/* (source << 32 | target) mixed: g_int64_hash folds the halves with XOR, and the edges of
 * a chain path (sources × targets with close indices) then share a few hashes. */
static guint
edge_key_hash(gconstpointer p)
{
  guint64 x = *(const guint64 *)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return (guint)x;
}

static void
resolve_chain_edges(CgGraph *g)
{
  /* Edges are found through one hash of the (source, target) pairs the chains ask for,
   * filled by one pass over the edges, and each chain's list is de-duplicated with one mark
   * per edge cleared after it: O(E + chain edges). (A scan per lookup and per duplicate
   * made 10^6 chain edges take minutes.) */
  GHashTable *want = NULL;
  for (guint c = 0; c < g->chains->len; c++) {
    CgChainRec *ch = g->chains->pdata[c];
    for (guint i = 0; ch->edge_keys && i < ch->edge_keys->len; i++) {
      if (!want)
        want = g_hash_table_new(edge_key_hash, g_int64_equal);
      g_hash_table_insert(want, &g_array_index(ch->edge_keys, guint64, i), NULL);
    }
  }
  guint8 *seen = NULL;
  if (want) {
    for (guint32 e = 0; e < cg__m(g); e++) {
      guint64 key = ((guint64)g->esrc[e] << 32) | cg__edge_dst(g, e);
      gpointer orig;
      if (g_hash_table_lookup_extended(want, &key, &orig, NULL) &&
          !g_hash_table_lookup(want, &key))
        g_hash_table_insert(want, orig, GUINT_TO_POINTER(e + 1));
    }
    seen = g_malloc0(cg__m(g) + 1);
  }
  for (guint c = 0; c < g->chains->len; c++) {
    CgChainRec *ch = g->chains->pdata[c];
    ch->edges = g_array_new(FALSE, FALSE, sizeof(guint32));
    if (!ch->edge_keys)
      continue;
    for (guint i = 0; i < ch->edge_keys->len; i++) {
      guint64 key = g_array_index(ch->edge_keys, guint64, i);
      guint found = GPOINTER_TO_UINT(g_hash_table_lookup(want, &key));
      if (found && !seen[found - 1]) {
        guint32 ei = found - 1;
        seen[ei] = 1;
        g_array_append_val(ch->edges, ei);
      }
    }
    for (guint k = 0; k < ch->edges->len; k++)
      seen[g_array_index(ch->edges, guint32, k)] = 0;
  }
  for (guint c = 0; c < g->chains->len; c++) {
    CgChainRec *ch = g->chains->pdata[c];
    if (ch->edge_keys)
      g_array_free(ch->edge_keys, TRUE);
    ch->edge_keys = NULL;
    /* A stage without a node says nothing and no table can hold one: dropped, in every
     * format (found by fuzz-json: "stages": [[]] did not survive the TSV tables). */
    for (guint k = ch->stages->len; k-- > 0;)
      if (((GArray *)ch->stages->pdata[k])->len == 0)
        g_ptr_array_remove_index(ch->stages, k);
  }
  if (want)
    g_hash_table_destroy(want);
  g_free(seen);
}

/* Which nodes are applications (stage application, or sinks when no node has that stage),
 * and their total weight. */
static void
sum_applications(CgGraph *g)
{
  guint32 n = g->nodes->len;
  g->any_application = FALSE;
  for (guint32 v = 0; v < n && !g->any_application; v++)
    g->any_application = cg__node(g, v)->stage == CG_STAGE_APPLICATION;
  g->app_total = 0;
  for (guint32 v = 0; v < n; v++)
    if (cg__is_app(g, v))
      g->app_total += cg__app_weight(g, v);
}

/* A category node (DESIGN.md, "Category nodes": an umbrella word that stands for several
 * products) may feed an input group only beside alternatives: as a group's sole member it
 * would make one word a single point of failure of everything downstream. */
static gboolean
check_category_inputs(CgGraph *g, GError **error)
{
  for (guint32 gi = 0; gi < g->n_groups; gi++) {
    guint32 e = g->gmem_off[gi];
    if (g->gmem_off[gi + 1] - e != 1 || cg__node(g, g->esrc[e])->stage != CG_STAGE_CATEGORY)
      continue;
    const CgEdgeRec *r = &g_array_index(g->edges, CgEdgeRec, e);
    const CgNodeRec *u = cg__node(g, g->esrc[e]), *v = cg__node(g, g->group_node[gi]);
    cg__set_error_at(error, CG_ERROR_INVALID, edge_where(g, r),
                     "edge %s -> %s: '%s' is a category (it stands for several products) and "
                     "cannot be the sole input of a group of '%s': wire the member product it "
                     "means, or list it with alternatives (A | B)",
                     u->id, v->id, u->id, v->id);
    return FALSE;
  }
  return TRUE;
}

/**
 * cg__graph_finish:
 *
 * Turns the loaded edge list into the compact arrays the analyses run on: edges sorted by
 * (target, group, source) with a counting sort on targets, duplicates merged, groups
 * numbered, and an out-edge index. O(V + E + Σ_v d_in(v) log d_in(v)).
 */
gboolean
cg__graph_finish(CgGraph *g, GError **error)
{
  if (!finish_regions(g, error) || !check_self_loops(g, error))
    return FALSE;
  guint32 *cnt = g_new0(guint32, (gsize)g->nodes->len + 1);
  CgEdgeRec *S = sort_by_target(g, cnt);
  GArray *dup_final = g_array_new(FALSE, FALSE, sizeof(guint32)); /* (final edge, origin) */
  guint32 out_m = 0;
  gboolean ok = merge_and_number_groups(g, S, cnt, &out_m, dup_final, error);
  g_free(cnt);
  if (!ok) {
    if (S != (CgEdgeRec *)(void *)g->edges->data)
      g_free(S);
    g_array_free(dup_final, TRUE);
    return FALSE;
  }
  build_edge_arrays(g, S, out_m, dup_final);
  g_array_free(dup_final, TRUE);
  if (!check_category_inputs(g, error))
    return FALSE;
  build_out_index(g);
  g->finished = TRUE;
  resolve_chain_edges(g);
  sum_applications(g);
  return TRUE;
}

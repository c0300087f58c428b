/* Regions: accessors, the hierarchy, claims and capabilities, and the producers of every
 * node (cg__producers_build: the supply rule behind outages, concentration and regional
 * single points). */
#include "core/cg-core.h"

#include <string.h>

#define REGION(g, r) ((const CgRegionRec *)(g)->regions->pdata[r])
#define REGION_OK(g, r, ret) g_return_val_if_fail((g) != NULL && (r) < (g)->regions->len, ret)

/**
 * cg_graph_find_region:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @name: a region's name, id or alias
 *
 * Finds a region. Complexity: O(1) expected (a hash table).
 *
 * Returns: the region index, or -1 when no region has that name
 */
gssize
cg_graph_find_region(const CgGraph *g, const char *name)
{
  g_return_val_if_fail(g != NULL && name != NULL, -1);
  return cg__region_lookup(g, name);
}
/**
 * cg_region_name:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 *
 * The region's (Chinese) name. Complexity: O(1).
 *
 * Returns: (transfer none): owned by @graph, valid while it lives
 */
const char *cg_region_name(const CgGraph *g, gsize r) { REGION_OK(g, r, NULL); return REGION(g, r)->name; }
/**
 * cg_region_id:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 *
 * The region's ASCII id. Complexity: O(1).
 *
 * Returns: (transfer none) (nullable): owned by @graph, valid while it lives; %NULL when not
 * given
 */
const char *cg_region_id(const CgGraph *g, gsize r) { REGION_OK(g, r, NULL); return REGION(g, r)->id; }
/**
 * cg_region_name_en:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 *
 * The region's English name. Complexity: O(1).
 *
 * Returns: (transfer none) (nullable): owned by @graph, valid while it lives; %NULL when not
 * given
 */
const char *cg_region_name_en(const CgGraph *g, gsize r) { REGION_OK(g, r, NULL); return REGION(g, r)->name_en; }
/**
 * cg_region_level:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 *
 * The region's level: country, province, city, district, zone or cluster. Complexity: O(1).
 *
 * Returns: its #CgRegionLevel
 */
CgRegionLevel cg_region_level(const CgGraph *g, gsize r) { REGION_OK(g, r, CG_LEVEL_UNKNOWN); return REGION(g, r)->level; }
/**
 * cg_region_parent:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 *
 * The region that contains this one (宁波 ⊂ 浙江). Complexity: O(1).
 *
 * Returns: the parent region index, or -1 at the top
 */
gssize
cg_region_parent(const CgGraph *g, gsize r)
{
  REGION_OK(g, r, -1);
  guint32 p = REGION(g, r)->parent;
  return p == CG_NONE ? -1 : (gssize)p;
}

/**
 * cg_region_is_within:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 * @ancestor: another region index
 *
 * Whether @region is @ancestor or lies inside it. Complexity: O(depth of the hierarchy).
 *
 * Returns: whether it is within
 */
gboolean
cg_region_is_within(const CgGraph *g, gsize r, gsize ancestor)
{
  REGION_OK(g, r, FALSE);
  return cg__region_within(g, (guint32)r, ancestor);
}

/* Whether region @r is @ancestor or lies inside it (the walk up its parents). */
gboolean
cg__region_within(const CgGraph *g, guint32 r, gsize ancestor)
{
  for (guint32 cur = r; cur != CG_NONE; cur = REGION(g, cur)->parent)
    if (cur == ancestor)
      return TRUE;
  return FALSE;
}

/**
 * cg__producers_build:
 * @planned: whether planned capabilities (role=develop) count
 * @only: a node, or CG_NONE for every node
 *
 * The producers of every node: its claims counted at their most specific. A region's claim
 * of a node is that node's supply counted again when a region inside it claims the node
 * too (浙江 and 宁波 ⊂ 浙江 both claiming 钕铁硼 is one supply: 宁波's) — unless the inner
 * claim is only planned and the outer one is present. Region outages, the risk model's
 * concentration and the regional single points all use this one rule.
 * Complexity: O(R + claims + regions above the claims), at most O(R + claims · depth).
 */
void
cg__producers_build(const CgGraph *g, gboolean planned, guint32 only, CgProducers *c)
{
  guint32 n = cg__n(g), nr = g->regions->len;
  guint32 *cnt = g_new0(guint32, (gsize)n + 1);
  for (guint32 r = 0; r < nr; r++) {
    const CgRegionRec *rr = g->regions->pdata[r];
    for (guint i = 0; rr->caps && i < rr->caps->len; i++) {
      const CgCapability *cap = &g_array_index(rr->caps, CgCapability, i);
      if ((cap->develop && !planned) || (only != CG_NONE && cap->node != only))
        continue;
      cnt[cap->node]++;
    }
  }
  guint32 *off = g_new(guint32, (gsize)n + 1);
  off[0] = 0;
  for (guint32 v = 0; v < n; v++)
    off[v + 1] = off[v] + cnt[v];
  guint32 total = off[n];
  guint32 *reg = g_new(guint32, total ? total : 1);
  const CgCapability **caps = g_new(const CgCapability *, total ? total : 1);
  memset(cnt, 0, ((gsize)n + 1) * sizeof(guint32));
  for (guint32 r = 0; r < nr; r++) {
    const CgRegionRec *rr = g->regions->pdata[r];
    for (guint i = 0; rr->caps && i < rr->caps->len; i++) {
      const CgCapability *cap = &g_array_index(rr->caps, CgCapability, i);
      if ((cap->develop && !planned) || (only != CG_NONE && cap->node != only))
        continue;
      guint32 k = off[cap->node] + cnt[cap->node]++;
      reg[k] = r;
      caps[k] = cap;
    }
  }
  /* Per node, each claim marks the regions strictly above its own: MARK_ANY (some inner
   * claim) and, when it is present, MARK_PRESENT too. A claim is then dropped when its
   * region holds the mark that counts against it (any inner claim for a planned one, a
   * present inner claim for a present one). A walk up stops at a region already marked as
   * strongly, whose ancestors are too, so each region is marked at most twice per node:
   * O(k + regions touched) for k claims, where testing every pair cost O(k² · depth). */
  enum { MARK_ANY = 1, MARK_PRESENT = 2 };
  guint8 *mark = g_malloc0((gsize)nr + 1);
  GArray *touched = g_array_new(FALSE, FALSE, sizeof(guint32));
  c->off = g_new(guint32, (gsize)n + 1);
  guint32 w = 0;
  c->off[0] = 0;
  for (guint32 v = 0; v < n; v++) {
    for (guint32 j = off[v]; j < off[v + 1]; j++) {
      guint8 m = caps[j]->develop ? MARK_ANY : (MARK_ANY | MARK_PRESENT);
      for (guint32 a = REGION(g, reg[j])->parent; a != CG_NONE && (mark[a] & m) != m;
           a = REGION(g, a)->parent) {
        if (!mark[a])
          g_array_append_val(touched, a);
        mark[a] |= m;
      }
    }
    for (guint32 i = off[v]; i < off[v + 1]; i++) {
      gboolean inner = (mark[reg[i]] & (caps[i]->develop ? MARK_ANY : MARK_PRESENT)) != 0;
      if (!inner) {
        reg[w] = reg[i];
        caps[w++] = caps[i];
      }
    }
    c->off[v + 1] = w;
    for (guint k = 0; k < touched->len; k++)
      mark[g_array_index(touched, guint32, k)] = 0;
    g_array_set_size(touched, 0);
  }
  g_array_free(touched, TRUE);
  g_free(mark);
  c->region = reg;
  c->cap = caps;
  g_free(off);
  g_free(cnt);
}

void
cg__producers_clear(CgProducers *c)
{
  g_free(c->off);
  g_free(c->region);
  g_free(c->cap);
}

/**
 * cg_region_n_claims:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 *
 * How many capability claims the data makes about the region itself, as written: a node
 * claimed twice (by two documents, or as planned and as present) counts twice.
 *
 * Returns: the count. Complexity: O(1).
 */
gsize
cg_region_n_claims(const CgGraph *g, gsize r)
{
  REGION_OK(g, r, 0);
  return REGION(g, r)->claims ? REGION(g, r)->claims->len : 0;
}

/* A claim's provenance, its place completed if it was kept as file and line. The graph is
 * shared read-only between threads, so the completion happens once, under the lock. */
static const CgProvenance *
claim_provenance(const CgGraph *cg, const CgCapability *cc)
{
  if (g_atomic_int_get((const gint *)&cc->line) != 0) {
    CgGraph *g = (CgGraph *)cg;
    CgCapability *c = (CgCapability *)cc;
    g_mutex_lock(&g->name_lock);
    if (c->line) {
      c->prov.where = cg__where(g, c->prov.where, c->line, 1);
      g_atomic_int_set((gint *)&c->line, 0);
    }
    g_mutex_unlock(&g->name_lock);
  }
  return &cc->prov;
}

/**
 * cg_region_claim:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 * @i: an index in [0, cg_region_n_claims())
 * @share: (out) (optional): the claimed share of the node's supply, NAN if not given
 * @develop: (out) (optional): whether the claim is of a planned capability
 * @provenance: (out) (optional) (transfer none): who says so
 *
 * The @i-th claim as written.
 *
 * Returns: the node index.
 */
CgNodeId
cg_region_claim(const CgGraph *g, gsize r, gsize i, double *share, gboolean *develop,
                const CgProvenance **provenance)
{
  REGION_OK(g, r, 0);
  g_return_val_if_fail(i < cg_region_n_claims(g, r), 0);
  const CgCapability *c = &g_array_index(REGION(g, r)->claims, CgCapability, i);
  if (share)
    *share = c->share;
  if (develop)
    *develop = c->develop;
  if (provenance)
    *provenance = claim_provenance(g, c);
  return c->node;
}

/**
 * cg_region_n_capabilities:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 *
 * How many distinct nodes the region itself claims (its children's not included).
 *
 * Returns: the count. Complexity: O(1).
 */
gsize
cg_region_n_capabilities(const CgGraph *g, gsize r)
{
  REGION_OK(g, r, 0);
  return REGION(g, r)->caps ? REGION(g, r)->caps->len : 0;
}

/**
 * cg_region_capability:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 * @i: an index in [0, cg_region_n_capabilities())
 * @share: (out) (optional): the region's share of the node's supply, NAN if unknown
 * @provenance: (out) (optional) (transfer none): the claim's provenance
 *
 * The @i-th node the region itself claims (not its children's), in node order; claims of
 * one node are merged (present outranks planned; the first claim's share and provenance).
 * cg_region_claim() gives every claim as written.
 * Returns: the node index.
 */
CgNodeId
cg_region_capability(const CgGraph *g, gsize r, gsize i, double *share,
                     const CgProvenance **provenance)
{
  REGION_OK(g, r, 0);
  g_return_val_if_fail(i < cg_region_n_capabilities(g, r), 0);
  const CgCapability *c = &g_array_index(REGION(g, r)->caps, CgCapability, i);
  if (share)
    *share = c->share;
  if (provenance)
    *provenance = claim_provenance(g, c);
  return c->node;
}

/**
 * cg_region_n_provenance:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 *
 * How many statements name the region. Complexity: O(1).
 *
 * Returns: the count
 */
gsize
cg_region_n_provenance(const CgGraph *g, gsize r)
{
  REGION_OK(g, r, 0);
  return REGION(g, r)->provenance ? REGION(g, r)->provenance->len : 0;
}

/**
 * cg_region_provenance:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region index in [0, cg_graph_n_regions())
 * @i: an index in [0, cg_region_n_provenance())
 *
 * One statement that names the region. Complexity: O(1).
 *
 * Returns: (transfer none): owned by @graph, valid while it lives
 */
const CgProvenance *
cg_region_provenance(const CgGraph *g, gsize r, gsize i)
{
  REGION_OK(g, r, NULL);
  g_return_val_if_fail(i < cg_region_n_provenance(g, r), NULL);
  return &g_array_index(REGION(g, r)->provenance, CgProvenance, i);
}

/**
 * cg_region_is_foreign:
 * @graph: a graph
 * @region: a region index
 *
 * Whether @region is the data's foreign region (DESIGN.md, "Foreign supply"): the region
 * whose id is `foreign` or whose name is 国外. What the documents say is imported or
 * monopolised abroad is its claim: an embargo is its outage, the risk model's foreign factor
 * reads its claims, and complementarity never proposes it as a partner. O(1).
 *
 * Returns: %TRUE for the foreign region.
 */
gboolean
cg_region_is_foreign(const CgGraph *g, gsize r)
{
  g_return_val_if_fail(g != NULL && r < g->regions->len, FALSE);
  const CgRegionRec *rr = g->regions->pdata[r];
  return g_strcmp0(rr->id, "foreign") == 0 || g_strcmp0(rr->name, "国外") == 0;
}

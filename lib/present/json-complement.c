/* Complementarity as JSON: all pairs, a coalition's completion, the one-region view. */
#include "analysis/complement-private.h"
#include "present/cg-present.h"

#include <string.h>

/* Node ids, sorted by id. */
static void
json_ids_sorted(JsonBuilder *b, const CgGraph *g, const guint32 *v, gsize n)
{
  guint32 *c = g_memdup2(v, sizeof(guint32) * n);
  NameCtx ctx = {g};
  g_qsort_with_data(c, (gint)n, sizeof(guint32), (GCompareDataFunc)cg__cmp_node_id, &ctx);
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
  const CgCapability *cl = who == CG_NONE ? NULL : cg__find_claim(g, who, node);
  if (cl && cg__has_evidence(&cl->prov))
    json_prov(b, g, "claim", REG(g, who)->name, cg__node(g, node)->id, &cl->prov);
}

/* The part of region @i's gap weight that only foreign supply fills: gaps no other region
 * of the comparison makes, that the foreign region (国外) claims (issue 14). */
static double
only_foreign_weight(const CgGraph *g, const CgComplement *r, gsize i)
{
  const CgComplementRegion *x = &r->regions[i];
  double w = 0;
  for (gsize k = 0; k < x->n_gaps; k++) {
    guint32 u = x->gaps[k];
    gboolean domestic = FALSE, foreign = FALSE;
    for (gsize j = 0; j < r->n_regions && !domestic; j++)
      domestic = j != i && cg__bsearch_u32(r->regions[j].capabilities,
                                           r->regions[j].n_capabilities, u) >= 0;
    for (guint f = 0; f < g->regions->len && !domestic && !foreign; f++)
      if (cg_region_is_foreign(g, f))
        for (guint c = 0; REG(g, f)->caps && c < REG(g, f)->caps->len && !foreign; c++)
          foreign = g_array_index(REG(g, f)->caps, CgCapability, c).node == u;
    if (!domestic && foreign)
      w += x->gap_weights[k];
  }
  return w;
}

static void
json_pair(JsonBuilder *b, const CgGraph *g, const CgComplement *r, const CgComplementPair *p,
          const CgGraph *h, const CgComplement *noinf)
{
  const CgComplementRegion *ra = &r->regions[p->from], *rb = &r->regions[p->to];
  json_builder_begin_object(b);
  cg__json_str(b, "from", REG(g, ra->region)->name);
  cg__json_str(b, "to", REG(g, rb->region)->name);
  cg__json_num(b, "score", p->score);
  if (noinf) { /* the pair's score without the inferred statements (issue 14) */
    gssize k = cg_complement_find_pair(h, noinf, REG(g, ra->region)->name, REG(g, rb->region)->name);
    cg__json_num(b, "score_without_inferred", k >= 0 ? cg_complement_pair(noinf, (gsize)k)->score : 0);
  } else {
    cg__json_num(b, "score_without_inferred", p->score);
  }
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
    guint32 cu = cg__claimant(r, p->from, u), cv = cg__claimant(r, p->to, v);
    gssize gi = cg__bsearch_u32(rb->gaps, rb->n_gaps, u);
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
      if (cg__has_evidence(ep)) {
        json_prov(b, g, "edge", NULL, NULL, ep);
        break;
      }
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  char *why = cg__pair_why(g, r, p);
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
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @result: the result of cg_complement() on @graph
 * @error: return location for a #GError, or %NULL
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
  cg__json_footing(b, g);
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
    cg__json_num(b, "gap_weight_only_foreign", only_foreign_weight(g, r, i));
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  json_builder_set_member_name(b, "pairs");
  json_builder_begin_array(b);
  /* The same comparison without the inferred statements (every pair, at this level). */
  CgGraph *h = r->n_pairs ? cg__footing_reading(g, CG__READ_NO_INFERRED) : NULL;
  CgComplement *noinf = NULL;
  if (h) {
    CgComplementOptions co;
    cg_complement_options_init(&co, CG_COMPLEMENT_OPTIONS_VERSION);
    co.level = r->level;
    co.weighting = r->weighting;
    co.top = 0;
    noinf = cg_complement(h, &co, NULL);
  }
  for (gsize i = 0; i < r->n_pairs; i++)
    json_pair(b, g, r, &r->pairs[i], h, noinf);
  cg_complement_free(noinf);
  cg_graph_free(h);
  json_builder_end_array(b);
  json_builder_end_object(b);
  return cg__json_finish(b);
}

/**
 * cg_completion_to_json:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @regions: (array zero-terminated=1) (nullable): the coalition
 * @error: return location for a #GError, or %NULL
 *
 * How complete a coalition of regions makes the chains, as JSON (the CLI's --json and the
 * Python binding read it).
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
  cg__json_footing(b, g);
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

static void
json_names(JsonBuilder *b, const CgGraph *g, const guint32 *v, gsize n, gsize max)
{
  json_builder_begin_array(b);
  for (gsize i = 0; i < n && i < max; i++)
    json_builder_add_string_value(b, cg_node_label(g, v[i]));
  json_builder_end_array(b);
}

/**
 * cg_region_view_to_json:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region name, id or alias
 * @top: list at most this many gaps, partner steps and next steps (0: all)
 * @error: return location for a #GError, or %NULL
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

/* The region's capabilities, and those of them that are only planned. */
static void
json_region_capabilities(JsonBuilder *b, const CgGraph *g, const CgRegionGaps *gaps)
{
  json_builder_set_member_name(b, "capabilities");
  json_ids_sorted(b, g, gaps->capabilities, gaps->n_capabilities);
  Caps own;
  cg__caps_of_one(g, gaps->region, &own);
  GArray *planned = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 i = 0; i < own.off[1]; i++)
    if (own.planned[i])
      g_array_append_val(planned, own.node[i]);
  cg__caps_clear(&own);
  json_builder_set_member_name(b, "planned");
  json_ids_sorted(b, g, (guint32 *)(void *)planned->data, planned->len);
  g_array_free(planned, TRUE);
}

/* Its gaps, heaviest first (at most @top; 0: all), with who makes each. */
static void
json_region_gaps(JsonBuilder *b, const CgGraph *g, const CgRegionGaps *gaps, gsize top)
{
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
}

/* The greedy partners, each step with why. */
static void
json_region_partners(JsonBuilder *b, const CgGraph *g, const CgPartners *pt)
{
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
    char *why = cg__partner_why(g, st, before);
    cg__json_str(b, "why", why);
    g_free(why);
    json_builder_end_object(b);
    before = st->completion;
  }
  json_builder_end_array(b);
}

/* The next steps, each with why. */
static void
json_region_next(JsonBuilder *b, const CgGraph *g, const CgRegionGaps *gaps,
                 const CgNextStep *next, gsize n_next)
{
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
    char *why = cg__next_why(g, x, here);
    cg__json_str(b, "why", why);
    g_free(why);
    json_builder_set_member_name(b, "evidence");
    cg__json_evidence(b, g, x->node);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  g_free(here);
}

/**
 * cg_region_view_to_json_at:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: a region name, id or alias
 * @level: (nullable): the level partners are drawn from (see cg_region_partners())
 * @top: list at most this many gaps, partner steps and next steps (0: all)
 * @error: return location for a #GError, or %NULL
 *
 * cg_region_view_to_json() with the partners' level chosen. %NULL with @error set
 * (%CG_ERROR_USAGE) for an unknown level.
 *
 * Returns: (transfer full) (nullable): the JSON text; free with cg_free(). Complexity: that of cg_region_view_to_json().
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
  CgNextStep *next = pt ? cg__region_next(g, region, top, &n_next, error) : NULL;
  if (!pt || !next) {
    cg_region_gaps_free(gaps);
    cg_partners_free(pt);
    return NULL;
  }
  const CgRegionRec *rr = REG(g, gaps->region);
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  cg__json_footing(b, g);
  cg__json_str(b, "region", rr->name);
  cg__json_str(b, "id", rr->id ? rr->id : rr->name);
  cg__json_str(b, "level", cg_level_to_string(rr->level));
  json_region_capabilities(b, g, gaps);
  json_region_gaps(b, g, gaps, top);
  json_region_partners(b, g, pt);
  json_region_next(b, g, gaps, next, n_next);
  json_builder_end_object(b);
  g_free(next);
  cg_partners_free(pt);
  cg_region_gaps_free(gaps);
  return cg__json_finish(b);
}

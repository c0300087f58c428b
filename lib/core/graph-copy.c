/* A copy of a finished graph without some of its statements (the footing of an answer,
 * cg_graph_restrict()): built statement by statement through the setters CgGraphBuilder
 * wraps (graph-build.h), and finished by the same cg__graph_finish(), so the copy passes
 * every check a load makes. O(size of the graph); no text is written or parsed. */
#include "core/graph-build.h"

typedef struct {
  const CgGraph *g;
  CgGraph *h;
  gboolean present, noinf, uniform;
  guint32 *origin; /* g's origin -> h's, CG_NONE until first used */
} Copy;

static const char *
I(Copy *c, const char *s)
{
  return cg__intern(c->h, s);
}

static CgProvenance
prov(Copy *c, const CgProvenance *p)
{
  CgProvenance q = *p;
  q.section = I(c, p->section);
  q.quote = I(c, p->quote);
  q.inferred = I(c, p->inferred);
  q.where = I(c, p->where);
  return q;
}

static gboolean
copy_documents(Copy *c)
{
  for (guint d = 0; d < c->g->documents->len; d++) {
    const CgDocRec *s = c->g->documents->pdata[d];
    guint di = cg__document_ensure(c->h, s->file, I(c, s->where));
    CgDocRec *t = c->h->documents->pdata[di];
    t->key = I(c, s->key);
    t->title = I(c, s->title);
    t->region = I(c, s->region);
    for (guint i = 0; s->risks && i < s->risks->len; i++) {
      CgProvenance p = prov(c, &g_array_index(s->risks, CgProvenance, i));
      cg__document_add_risk(c->h, di, s->risk_kinds->pdata[i], &p);
    }
  }
  return TRUE;
}

static gboolean
copy_nodes(Copy *c, GError **error)
{
  static const char *const numbers[] = {"weight", "import", "subst", "recycle"};
  for (guint32 v = 0; v < cg__n(c->g); v++) {
    const CgNodeRec *n = cg__node(c->g, v);
    const CgNodeExtra *x = n->x;
    const char *where = I(c, x && x->where_decl ? x->where_decl : n->stage_where);
    guint32 w = cg__node_ensure(c->h, n->id, where, NULL);
    if ((n->name && !cg__node_set_name(c->h, w, n->name, where, error)) ||
        (n->name_en && !cg__node_set_name_en(c->h, w, n->name_en, where, error)) ||
        (n->stage != CG_STAGE_UNKNOWN &&
         !cg__node_set_stage(c->h, w, (CgStage)n->stage, I(c, n->stage_where), error)))
      return FALSE;
    double val[] = {c->uniform ? NAN : n->weight, n->import_share, n->subst, n->recycle};
    for (guint k = 0; k < G_N_ELEMENTS(numbers); k++)
      if (!isnan(val[k]) && !cg__node_set_number(c->h, w, numbers[k], val[k], where, error))
        return FALSE;
    if (!x)
      continue;
    for (guint i = 0; x->aliases && i < x->aliases->len; i++)
      if (!cg__node_add_alias(c->h, w, x->aliases->pdata[i], where, error))
        return FALSE;
    for (guint i = 0; x->domains && i < x->domains->len; i++)
      cg__node_add_domain(c->h, w, x->domains->pdata[i]);
    for (guint i = 0; x->provenance && i < x->provenance->len; i++) {
      CgProvenance p = prov(c, &g_array_index(x->provenance, CgProvenance, i));
      cg__node_add_provenance(c->h, w, &p);
    }
    for (guint i = 0; x->chokepoints && i < x->chokepoints->len; i++) {
      const CgProvenance *s = &g_array_index(x->chokepoints, CgProvenance, i);
      if (c->noinf && s->inferred)
        continue;
      CgProvenance p = prov(c, s);
      cg__node_add_chokepoint(c->h, w, x->chokepoint_kinds->pdata[i], &p);
    }
  }
  return TRUE;
}

static gboolean
copy_regions(Copy *c, GError **error)
{
  const CgGraph *g = c->g;
  for (guint r = 0; r < g->regions->len; r++) {
    const CgRegionRec *s = g->regions->pdata[r];
    const char *where = I(c, s->where_decl);
    guint32 ri = cg__region_ensure(c->h, s->name, where);
    if ((s->id && strcmp(s->id, s->name) != 0 && !cg__region_set_id(c->h, ri, s->id, where, error)) ||
        (s->name_en && !cg__region_set_name_en(c->h, ri, s->name_en, where, error)) ||
        (s->parent != CG_NONE &&
         !cg__region_set_parent(c->h, ri, ((const CgRegionRec *)g->regions->pdata[s->parent])->name,
                                where, error)) ||
        !cg__region_set_level(c->h, ri, (CgRegionLevel)s->level, I(c, s->where_level), error))
      return FALSE;
    for (guint i = 0; s->aliases && i < s->aliases->len; i++)
      cg__region_add_alias(c->h, ri, s->aliases->pdata[i], TRUE);
    for (guint i = 0; s->provenance && i < s->provenance->len; i++) {
      CgProvenance p = prov(c, &g_array_index(s->provenance, CgProvenance, i));
      cg__region_add_provenance(c->h, ri, &p);
    }
    for (guint i = 0; s->claims && i < s->claims->len; i++) {
      const CgCapability *k = &g_array_index(s->claims, CgCapability, i);
      if ((c->present && k->develop) || (c->noinf && k->prov.inferred))
        continue;
      CgProvenance p = prov(c, &k->prov);
      cg__region_add_capability(c->h, ri, k->node, k->share, k->develop, &p, k->line);
    }
  }
  return TRUE;
}

/* Whether edge @e rests on inference: every statement that gives it is marked inferred. */
static gboolean
edge_inferred(const CgGraph *g, guint32 e)
{
  if (!g_array_index(g->origins, CgOrigin, g_array_index(g->edges, CgEdgeRec, e).origin).prov.inferred)
    return FALSE;
  GArray *more = g->edge_more_origins
                     ? g_hash_table_lookup(g->edge_more_origins, GUINT_TO_POINTER(e))
                     : NULL;
  for (guint i = 0; more && i < more->len; i++)
    if (!g_array_index(g->origins, CgOrigin, g_array_index(more, guint32, i)).prov.inferred)
      return FALSE;
  return TRUE;
}

static guint32
origin(Copy *c, guint32 o)
{
  if (c->origin[o] == CG_NONE) {
    const CgOrigin *s = &g_array_index(c->g->origins, CgOrigin, o);
    CgProvenance p = prov(c, &s->prov);
    c->origin[o] = cg__origin_add(c->h, s->file, &p, s->chain);
  }
  return c->origin[o];
}

/* The kept edges, group by group (a group left with one member is a group of its own), each
 * with every statement that gave it; @kept marks them for the chains. */
static void
copy_edges(Copy *c, guint8 *kept)
{
  const CgGraph *g = c->g;
  for (guint32 gi = 0; gi < g->n_groups; gi++) {
    guint32 n = 0;
    for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1]; e++)
      n += kept[e] = !(c->noinf && edge_inferred(g, e));
    if (!n)
      continue;
    guint32 label = n == 1 ? cg__label_own(c->h) : cg__label_fresh(c->h);
    for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1]; e++) {
      if (!kept[e])
        continue;
      const CgEdgeRec *r = &g_array_index(g->edges, CgEdgeRec, e);
      guint32 u = g->esrc[e], v = g->group_node[gi];
      cg__edge_add(c->h, u, v, label, origin(c, r->origin), r->line, r->col);
      GArray *more = g->edge_more_origins
                         ? g_hash_table_lookup(g->edge_more_origins, GUINT_TO_POINTER(e))
                         : NULL;
      for (guint i = 0; more && i < more->len; i++)
        cg__edge_add(c->h, u, v, label, origin(c, g_array_index(more, guint32, i)), r->line,
                     r->col);
    }
  }
}

static void
copy_chains(Copy *c, const guint8 *kept)
{
  const CgGraph *g = c->g;
  for (guint k = 0; k < g->chains->len; k++) {
    const CgChainRec *s = g->chains->pdata[k];
    CgProvenance p = prov(c, &s->prov);
    CgChainRec *t = cg__chain_add(c->h, s->id, s->name, s->name_en, s->path, &p);
    for (guint i = 0; s->locals && i < s->locals->len; i++)
      cg__chain_add_local(c->h, t, g_array_index(s->locals, guint32, i));
    for (guint i = 0; i < s->stages->len; i++) {
      GArray *st = s->stages->pdata[i];
      GArray *copy = g_array_sized_new(FALSE, FALSE, sizeof(guint32), st->len);
      g_array_append_vals(copy, st->data, st->len);
      g_ptr_array_add(t->stages, copy);
    }
    g_array_append_vals(t->nodes, s->nodes->data, s->nodes->len);
    for (guint i = 0; s->edges && i < s->edges->len; i++) {
      guint32 e = g_array_index(s->edges, guint32, i);
      if (kept[e]) {
        guint64 key = ((guint64)g->esrc[e] << 32) | cg__edge_dst(g, e);
        g_array_append_val(t->edge_keys, key);
      }
    }
  }
}

/* @g without its planned claims (@present), without its inferred statements (@noinf), with
 * every weight left out (@uniform); NULL with @error set if the copy fails a check. */
CgGraph *
cg__graph_copy_without(const CgGraph *g, gboolean present, gboolean noinf, gboolean uniform,
                       GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  Copy c = {g, cg__graph_new(), present, noinf, uniform, NULL};
  c.origin = g_new(guint32, g->origins->len ? g->origins->len : 1);
  for (guint i = 0; i < g->origins->len; i++)
    c.origin[i] = CG_NONE;
  guint8 *kept = g_new0(guint8, cg__m(g) ? cg__m(g) : 1);
  gboolean ok = copy_documents(&c) && copy_nodes(&c, error) && copy_regions(&c, error);
  if (ok) {
    copy_edges(&c, kept);
    copy_chains(&c, kept);
    ok = cg__graph_finish(c.h, error);
  }
  g_free(kept);
  g_free(c.origin);
  if (!ok) {
    cg_graph_free(c.h);
    return NULL;
  }
  return c.h;
}

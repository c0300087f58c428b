/* Building a graph while loading: interning places, nodes and their attributes (each
 * conflict names both places), edges with group labels, regions, documents. */
#include "core/graph-build.h"

#include <string.h>

const char *
cg__where(CgGraph *g, const char *file, guint line, guint col)
{
  char buf[512];
  if (col)
    g_snprintf(buf, sizeof buf, "%s:%u:%u", file, line, col);
  else
    g_snprintf(buf, sizeof buf, "%s:%u", file, line);
  return cg__intern(g, buf);
}

gssize
cg__node_lookup_id(const CgGraph *g, const char *id)
{
  gpointer p = g_hash_table_lookup(g->by_id, id);
  return p ? (gssize)GPOINTER_TO_UINT(p) - 1 : -1;
}

CgNodeExtra *
cg__node_extra(CgGraph *g, guint32 v)
{
  CgNodeRec *n = &g_array_index(g->nodes, CgNodeRec, v);
  if (!n->x)
    n->x = g_new0(CgNodeExtra, 1);
  return n->x;
}

guint32
cg__node_ensure(CgGraph *g, const char *id, const char *where, gboolean *created)
{
  gssize found = cg__node_lookup_id(g, id);
  if (created)
    *created = found < 0;
  if (found >= 0)
    return (guint32)found;
  CgNodeRec rec = {0};
  /* Ids are unique (by_id): stored once without the interning table, which would hold
   * a million more entries for a generated graph. */
  rec.id = g_string_chunk_insert(g->strings, id);
  rec.weight = rec.import_share = rec.subst = rec.recycle = NAN;
  guint32 v = g->nodes->len;
  g_array_append_val(g->nodes, rec);
  g_hash_table_insert(g->by_id, (gpointer)rec.id, GUINT_TO_POINTER(v + 1));
  if (where)
    cg__node_extra(g, v)->where_decl = where;
  return v;
}

/* Registers @key as a name of node @v for look-ups. Names need not be unique (two chains
 * may each end in a node called 应用产品): a name claimed by two nodes becomes ambiguous
 * and finds neither; ids are always unique. The chain format checks the names of its
 * global declarations itself (cg__chain_apply). */
static void
name_register(CgGraph *g, guint32 v, const char *key)
{
  if (cg__node_lookup_id(g, key) >= 0 && (guint32)cg__node_lookup_id(g, key) != v) {
    g_hash_table_add(g->ambiguous, (gpointer)key);
    return;
  }
  gpointer p = g_hash_table_lookup(g->by_name, key);
  if (!p)
    g_hash_table_insert(g->by_name, (gpointer)key, GUINT_TO_POINTER(v + 1));
  else if (GPOINTER_TO_UINT(p) - 1 != v)
    g_hash_table_add(g->ambiguous, (gpointer)key);
}

static gboolean
set_string(CgGraph *g, guint32 v, const char **slot, const char **where_slot, const char *attr,
           const char *value, const char *where, GError **error)
{
  value = cg__intern(g, value);
  if (*slot && *slot != value) {
    cg__set_error_at(error, CG_ERROR_CONFLICT, where,
                     "node '%s': %s '%s' conflicts with '%s' given at %s",
                     cg__node(g, v)->id, attr, value, *slot,
                     *where_slot ? *where_slot : "an earlier declaration");
    return FALSE;
  }
  if (!*slot) {
    *slot = value;
    *where_slot = where;
  }
  return TRUE;
}

/* An empty name is no name, as an empty quote is no quote: GraphML and the TSV tables
 * cannot tell "" from absent, so the model never holds one (fuzz-chain, December 2026). */
gboolean
cg__node_set_name(CgGraph *g, guint32 v, const char *name, const char *where, GError **error)
{
  if (!name || !*name)
    return TRUE;
  CgNodeExtra *x = cg__node_extra(g, v);
  CgNodeRec *n = &g_array_index(g->nodes, CgNodeRec, v);
  if (!set_string(g, v, &n->name, &x->where_name, "name", name, where, error))
    return FALSE;
  name_register(g, v, n->name);
  return TRUE;
}

gboolean
cg__node_set_name_en(CgGraph *g, guint32 v, const char *en, const char *where, GError **error)
{
  if (!en || !*en)
    return TRUE;
  CgNodeExtra *x = cg__node_extra(g, v);
  CgNodeRec *n = &g_array_index(g->nodes, CgNodeRec, v);
  return set_string(g, v, &n->name_en, &x->where_en, "English name", en, where, error);
}

/* The stage's place lives in the node record itself, not in CgNodeExtra: a million TSV rows
 * with an id and a stage then allocate nothing more. */
gboolean
cg__node_set_stage(CgGraph *g, guint32 v, CgStage stage, const char *where, GError **error)
{
  CgNodeRec *n = &g_array_index(g->nodes, CgNodeRec, v);
  if (n->stage != CG_STAGE_UNKNOWN && n->stage != stage && stage != CG_STAGE_UNKNOWN) {
    cg__set_error_at(error, CG_ERROR_CONFLICT, where,
                     "node '%s': stage '%s' conflicts with '%s' given at %s", n->id,
                     cg_stage_to_string(stage), cg_stage_to_string(n->stage),
                     n->stage_where ? n->stage_where : "an earlier declaration");
    return FALSE;
  }
  if (n->stage == CG_STAGE_UNKNOWN) {
    n->stage = (guint8)stage;
    n->stage_where = where;
  }
  return TRUE;
}

gboolean
cg__node_set_number(CgGraph *g, guint32 v, const char *attr, double value, const char *where,
                    GError **error)
{
  CgNodeRec *n = &g_array_index(g->nodes, CgNodeRec, v);
  CgNodeExtra *x = cg__node_extra(g, v);
  double *slot;
  const char **wslot;
  gboolean unit = TRUE;
  if (strcmp(attr, "weight") == 0) {
    slot = &n->weight, wslot = &x->where_weight, unit = FALSE;
  } else if (strcmp(attr, "import") == 0) {
    slot = &n->import_share, wslot = &x->where_import;
  } else if (strcmp(attr, "subst") == 0) {
    slot = &n->subst, wslot = &x->where_subst;
  } else if (strcmp(attr, "recycle") == 0) {
    slot = &n->recycle, wslot = &x->where_recycle;
  } else {
    g_return_val_if_reached(FALSE);
  }
  if (!isfinite(value) || (unit && (value < 0 || value > 1)) || (!unit && value <= 0)) {
    cg__set_error_at(error, CG_ERROR_INVALID, where, "node '%s': %s %g is out of range (%s)",
                     n->id, attr, value, unit ? "expected 0 to 1" : "expected a number > 0");
    return FALSE;
  }
  if (!isnan(*slot) && *slot != value) {
    cg__set_error_at(error, CG_ERROR_CONFLICT, where,
                     "node '%s': %s %g conflicts with %g given at %s", n->id, attr, value, *slot,
                     *wslot ? *wslot : "an earlier declaration");
    return FALSE;
  }
  if (isnan(*slot)) {
    *slot = value;
    *wslot = where;
  }
  return TRUE;
}

static gboolean
ptr_array_has(GPtrArray *a, gconstpointer p)
{
  if (!a)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    if (a->pdata[i] == p)
      return TRUE;
  return FALSE;
}

gboolean
cg__node_add_alias(CgGraph *g, guint32 v, const char *alias, const char *where, GError **error)
{
  alias = cg__intern(g, alias);
  CgNodeExtra *x = cg__node_extra(g, v);
  if (ptr_array_has(x->aliases, alias))
    return TRUE;
  (void)where;
  (void)error;
  name_register(g, v, alias);
  if (!x->aliases)
    x->aliases = g_ptr_array_new();
  g_ptr_array_add(x->aliases, (gpointer)alias);
  return TRUE;
}

void
cg__node_add_domain(CgGraph *g, guint32 v, const char *domain)
{
  domain = cg__intern(g, domain);
  CgNodeExtra *x = cg__node_extra(g, v);
  if (ptr_array_has(x->domains, domain))
    return;
  if (!x->domains)
    x->domains = g_ptr_array_new();
  g_ptr_array_add(x->domains, (gpointer)domain);
}

static gboolean
prov_equal(const CgProvenance *a, const CgProvenance *b)
{
  return a->document == b->document && a->section == b->section && a->quote == b->quote &&
         a->inferred == b->inferred;
}

static void
prov_append_unique(GArray **arr, const CgProvenance *p)
{
  if (!*arr)
    *arr = g_array_new(FALSE, FALSE, sizeof(CgProvenance));
  for (guint i = 0; i < (*arr)->len; i++)
    if (prov_equal(&g_array_index(*arr, CgProvenance, i), p))
      return;
  g_array_append_val(*arr, *p);
}

void
cg__node_add_provenance(CgGraph *g, guint32 v, const CgProvenance *p)
{
  prov_append_unique(&cg__node_extra(g, v)->provenance, p);
}

/* Evidence with a kind (a node's chokepoints, a document's risk statements): the same
 * statement given twice is kept once. */
static void
kinded_append_unique(CgGraph *g, GArray **provs, GPtrArray **kinds, const char *kind,
                     const CgProvenance *p)
{
  if (!*provs) {
    *provs = g_array_new(FALSE, FALSE, sizeof(CgProvenance));
    *kinds = g_ptr_array_new();
  }
  for (guint i = 0; i < (*provs)->len; i++)
    if (prov_equal(&g_array_index(*provs, CgProvenance, i), p))
      return;
  g_array_append_val(*provs, *p);
  g_ptr_array_add(*kinds, (gpointer)cg__intern(g, kind ? kind : "chokepoint"));
}

void
cg__node_add_chokepoint(CgGraph *g, guint32 v, const char *kind, const CgProvenance *p)
{
  CgNodeExtra *x = cg__node_extra(g, v);
  kinded_append_unique(g, &x->chokepoints, &x->chokepoint_kinds, kind, p);
}

void
cg__document_add_risk(CgGraph *g, guint32 d, const char *kind, const CgProvenance *p)
{
  CgDocRec *doc = g->documents->pdata[d];
  kinded_append_unique(g, &doc->risks, &doc->risk_kinds, kind, p);
}

guint32
cg__origin_add(CgGraph *g, const char *file, const CgProvenance *prov, guint32 chain)
{
  CgOrigin o = {0};
  o.file = cg__intern(g, file);
  if (prov)
    o.prov = *prov;
  else
    o.prov.document = -1;
  o.chain = chain;
  g_array_append_val(g->origins, o);
  return g->origins->len - 1;
}

guint32
cg__label_fresh(CgGraph *g)
{
  return g->next_label++;
}

guint32
cg__label_own(CgGraph *g)
{
  return CG_LABEL_OWN_BIT | g->next_own++;
}

guint32
cg__label_intern(CgGraph *g, const char *text)
{
  gpointer p = g_hash_table_lookup(g->labels, text);
  if (p)
    return GPOINTER_TO_UINT(p) - 1;
  guint32 id = cg__label_fresh(g);
  g_hash_table_insert(g->labels, (gpointer)cg__intern(g, text), GUINT_TO_POINTER(id + 1));
  return id;
}

void
cg__edge_add(CgGraph *g, guint32 src, guint32 dst, guint32 label, guint32 origin, guint32 line,
             guint32 col)
{
  CgEdgeRec e = {src, dst, label, line, col, origin};
  g_array_append_val(g->edges, e);
}

gssize
cg__region_lookup(const CgGraph *g, const char *name)
{
  gpointer p = g_hash_table_lookup(g->region_by_name, name);
  return p ? (gssize)GPOINTER_TO_UINT(p) - 1 : -1;
}

guint32
cg__region_ensure(CgGraph *g, const char *name, const char *where)
{
  gssize found = cg__region_lookup(g, name);
  if (found >= 0)
    return (guint32)found;
  CgRegionRec *r = g_new0(CgRegionRec, 1);
  r->name = r->id = cg__intern(g, name);
  r->parent = CG_NONE;
  r->where_decl = where;
  g_ptr_array_add(g->regions, r);
  g_hash_table_insert(g->region_by_name, (gpointer)r->name, GUINT_TO_POINTER(g->regions->len));
  return g->regions->len - 1;
}

gboolean
cg__region_set_level(CgGraph *g, guint32 ri, CgRegionLevel level, const char *where,
                     GError **error)
{
  CgRegionRec *r = g->regions->pdata[ri];
  if (r->level != CG_LEVEL_UNKNOWN && r->level != level) {
    cg__set_error_at(error, CG_ERROR_CONFLICT, where,
                     "region '%s': level '%s' conflicts with '%s' given at %s", r->name,
                     cg_level_to_string(level), cg_level_to_string(r->level),
                     r->where_level ? r->where_level : "an earlier declaration");
    return FALSE;
  }
  r->level = (guint8)level;
  if (!r->where_level)
    r->where_level = where;
  return TRUE;
}

gboolean
cg__region_set_name_en(CgGraph *g, guint32 ri, const char *en, const char *where, GError **error)
{
  CgRegionRec *r = g->regions->pdata[ri];
  en = cg__intern(g, en);
  if (r->name_en && r->name_en != en) {
    cg__set_error_at(error, CG_ERROR_CONFLICT, where,
                     "region '%s': English name '%s' conflicts with '%s' given at %s", r->name, en,
                     r->name_en, r->where_en ? r->where_en : "an earlier declaration");
    return FALSE;
  }
  r->name_en = en;
  if (!r->where_en)
    r->where_en = where;
  return TRUE;
}

gboolean
cg__region_set_id(CgGraph *g, guint32 ri, const char *id, const char *where, GError **error)
{
  CgRegionRec *r = g->regions->pdata[ri];
  id = cg__intern(g, id);
  if (r->id != r->name && r->id != id) {
    cg__set_error_at(error, CG_ERROR_CONFLICT, where, "region '%s': id '%s' conflicts with '%s'",
                     r->name, id, r->id);
    return FALSE;
  }
  gssize other = cg__region_lookup(g, id);
  if (other >= 0 && (guint32)other != ri) {
    cg__set_error_at(error, CG_ERROR_CONFLICT, where, "region id '%s' already names region '%s'",
                     id, ((CgRegionRec *)g->regions->pdata[other])->name);
    return FALSE;
  }
  r->id = id;
  g_hash_table_insert(g->region_by_name, (gpointer)id, GUINT_TO_POINTER(ri + 1));
  return TRUE;
}

gboolean
cg__region_set_parent(CgGraph *g, guint32 ri, const char *parent, const char *where,
                      GError **error)
{
  CgRegionRec *r = g->regions->pdata[ri];
  parent = cg__intern(g, parent);
  if (r->parent_name && r->parent_name != parent) {
    cg__set_error_at(error, CG_ERROR_CONFLICT, where,
                     "region '%s': parent '%s' conflicts with '%s' given at %s", r->name, parent,
                     r->parent_name, r->parent_where ? r->parent_where : "an earlier declaration");
    return FALSE;
  }
  r->parent_name = parent;
  if (!r->parent_where)
    r->parent_where = where;
  return TRUE;
}

void
cg__region_add_capability(CgGraph *g, guint32 ri, guint32 node, double share, gboolean develop,
                          const CgProvenance *p, guint line)
{
  CgRegionRec *r = g->regions->pdata[ri];
  if (!r->claims)
    r->claims = g_array_new(FALSE, FALSE, sizeof(CgCapability));
  /* Every claim is kept as written (two documents may claim the same node, with their own
   * quotes); the analyses' one-per-node view is built when the graph is finished
   * (merge_capabilities), so that a million claims load in linear time. */
  G_STATIC_ASSERT(sizeof(void *) != 8 || sizeof(CgCapability) == 56);
  g_return_if_fail(node < (1u << 31));
  CgCapability c = {node, develop != 0, 0, share, {-1, NULL, NULL, NULL, NULL}};
  if (p) {
    c.prov = *p;
    c.line = p->where ? line : 0;
  }
  g_array_append_val(r->claims, c);
}

void
cg__region_add_provenance(CgGraph *g, guint32 ri, const CgProvenance *p)
{
  CgRegionRec *r = g->regions->pdata[ri];
  prov_append_unique(&r->provenance, p);
}

guint32
cg__document_ensure(CgGraph *g, const char *file, const char *where)
{
  for (guint i = 0; i < g->documents->len; i++)
    if (strcmp(((CgDocRec *)g->documents->pdata[i])->file, file) == 0)
      return i;
  CgDocRec *d = g_new0(CgDocRec, 1);
  d->file = d->key = cg__intern(g, file);
  d->where = where;
  g_ptr_array_add(g->documents, d);
  return g->documents->len - 1;
}

/* Sets the document's key, title or region (@attr). Another value given before is a
 * conflict naming the document's place; the key defaults to the file name, so that default
 * may be replaced. An empty value is absent, as an empty name is (the TSV tables cannot
 * tell the two apart; found by fuzz-json). */
gboolean
cg__document_set(CgGraph *g, guint32 d, const char *attr, const char *value, const char *where,
                 GError **error)
{
  CgDocRec *doc = g->documents->pdata[d];
  const char **slot = strcmp(attr, "key") == 0     ? &doc->key
                      : strcmp(attr, "title") == 0 ? &doc->title
                                                   : &doc->region;
  if (!value || !*value)
    return TRUE;
  value = cg__intern(g, value);
  if (*slot && *slot != value && !(slot == &doc->key && *slot == doc->file)) {
    cg__set_error_at(error, CG_ERROR_CONFLICT, where,
                     "document '%s': %s '%s' conflicts with '%s' given at %s", doc->file, attr,
                     value, *slot, doc->where ? doc->where : "an earlier declaration");
    return FALSE;
  }
  *slot = value;
  return TRUE;
}

void
cg__chain_add_local(CgGraph *g, CgChainRec *c, guint32 v)
{
  if (!c->locals)
    c->locals = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint i = 0; i < c->locals->len; i++)
    if (g_array_index(c->locals, guint32, i) == v)
      return;
  g_array_append_val(c->locals, v);
  cg__node_extra(g, v)->chain_local = 1;
}

/* Makes @alias (interned here) find region @r. Returns -1, or the index of the other
 * region the name already finds (the caller reports the conflict at its place). A name
 * that already finds @r is recorded as an alias only with @keep_own_names (the node-link
 * JSON reader keeps its alias lists as written, an alias equal to the region's own id
 * included; the chain and TSV readers do not), and never twice. */
gssize
cg__region_add_alias(CgGraph *g, guint32 r, const char *alias, gboolean keep_own_names)
{
  CgRegionRec *rr = g->regions->pdata[r];
  alias = cg__intern(g, alias);
  gssize other = cg__region_lookup(g, alias);
  if (other >= 0 && (guint32)other != r)
    return other;
  if (other >= 0 && !keep_own_names)
    return -1;
  if (!rr->aliases)
    rr->aliases = g_ptr_array_new();
  for (guint i = 0; i < rr->aliases->len; i++)
    if (rr->aliases->pdata[i] == alias)
      return -1;
  g_ptr_array_add(rr->aliases, (gpointer)alias);
  if (other < 0)
    g_hash_table_insert(g->region_by_name, (gpointer)alias, GUINT_TO_POINTER(r + 1));
  return -1;
}

/* A new chain with this id (the caller has checked that it is new), its names, the path
 * as the document writes it and who states it (nullable; its strings already the graph's),
 * registered so that it is found by its id; its stages, nodes and edges are added after.
 * cg__graph_finish() turns its edge keys into edge indices. */
CgChainRec *
cg__chain_add(CgGraph *g, const char *id, const char *name, const char *name_en,
              const char *path, const CgProvenance *prov)
{
  CgChainRec *c = g_new0(CgChainRec, 1);
  c->id = cg__intern(g, id);
  c->name = cg__intern(g, name);
  c->name_en = cg__intern(g, name_en);
  c->path = cg__intern(g, path);
  c->prov = prov ? *prov : (CgProvenance){-1, NULL, NULL, NULL, NULL};
  c->stages = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  c->nodes = g_array_new(FALSE, FALSE, sizeof(guint32));
  c->edge_keys = g_array_new(FALSE, FALSE, sizeof(guint64));
  g_ptr_array_add(g->chains, c);
  g_hash_table_insert(g->chain_by_id, (gpointer)c->id, GUINT_TO_POINTER(g->chains->len));
  return c;
}

/* Whether @id names no chain yet; else FALSE with the one conflict message every reader
 * and the builder give, naming both places ("chain 'X' is already defined at PLACE"). */
gboolean
cg__chain_new_ok(const CgGraph *g, const char *id, const char *where, GError **error)
{
  gpointer hit = g_hash_table_lookup(g->chain_by_id, id);
  if (!hit)
    return TRUE;
  const CgChainRec *o = g->chains->pdata[GPOINTER_TO_UINT(hit) - 1];
  cg__set_error_at(error, CG_ERROR_CONFLICT, where, "chain '%s' is already defined at %s", id,
                   o->prov.where ? o->prov.where : "an earlier declaration");
  return FALSE;
}

/* The chain's path as the document writes it, when it is read after the chain. */
void
cg__chain_set_path(CgGraph *g, CgChainRec *c, const char *path)
{
  c->path = cg__intern(g, path);
}

/* The statement @origin belongs to chain @chain (a reader that meets the chain after the
 * statement). */
void
cg__origin_set_chain(CgGraph *g, guint32 origin, guint32 chain)
{
  g_array_index(g->origins, CgOrigin, origin).chain = chain;
}

/* Node @v belongs to chain @c (each node once, in first-appearance order). */
void
cg__chain_add_node(CgChainRec *c, guint32 v)
{
  for (guint i = 0; i < c->nodes->len; i++)
    if (g_array_index(c->nodes, guint32, i) == v)
      return;
  g_array_append_val(c->nodes, v);
}

/* Nodes @v listed as the chain's, as a format lists them (no check for repeats: O(n)). */
void
cg__chain_add_nodes(CgChainRec *c, const guint32 *v, guint n)
{
  g_array_append_vals(c->nodes, v, n);
}

/* A new, empty stage at the end of the chain's path; returns its index. */
guint
cg__chain_add_stage(CgChainRec *c)
{
  g_ptr_array_add(c->stages, g_array_new(FALSE, FALSE, sizeof(guint32)));
  return c->stages->len - 1;
}

/* Node @v is in stage @stage of the chain's path (the stages up to it made as needed). */
void
cg__chain_add_stage_node(CgChainRec *c, guint stage, guint32 v)
{
  while (c->stages->len <= stage)
    cg__chain_add_stage(c);
  g_array_append_val((GArray *)c->stages->pdata[stage], v);
}

/* The edge @u -> @v belongs to chain @c (cg__graph_finish() finds it; the caller lists the
 * chain's nodes). */
void
cg__chain_add_edge_key(CgChainRec *c, guint32 u, guint32 v)
{
  guint64 key = ((guint64)u << 32) | v;
  g_array_append_val(c->edge_keys, key);
}

/* The edge @u -> @v belongs to chain @c, and so do both its ends. */
void
cg__chain_add_edge(CgChainRec *c, guint32 u, guint32 v)
{
  cg__chain_add_edge_key(c, u, v);
  cg__chain_add_node(c, u);
  cg__chain_add_node(c, v);
}

/* The graph model: building while loading, finishing into compact arrays, accessors. */
#include "core/cg-core.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

G_DEFINE_QUARK(cg-error-quark, cg_error)

static const char *const stage_names[] = {"unknown",     "raw",      "material", "component",
                                          "product",     "application", "recycling"};
static const struct {
  const char *label;
  CgStage stage;
} stage_labels[] = {
    {"原料", CG_STAGE_RAW},        {"原材料", CG_STAGE_RAW},       {"材料", CG_STAGE_MATERIAL},
    {"器件", CG_STAGE_COMPONENT},  {"部件", CG_STAGE_COMPONENT},   {"零部件", CG_STAGE_COMPONENT},
    {"产品", CG_STAGE_PRODUCT},    {"应用", CG_STAGE_APPLICATION}, {"终端", CG_STAGE_APPLICATION},
    {"回收", CG_STAGE_RECYCLING},
};

/**
 * cg_stage_to_string:
 * Returns: (transfer none): the English stage keyword ("raw", "material", …).
 */
const char *
cg_stage_to_string(CgStage stage)
{
  return (guint)stage < G_N_ELEMENTS(stage_names) ? stage_names[stage] : "unknown";
}

/**
 * cg_stage_from_string:
 * Parses a stage keyword or one of the documents' Chinese stage labels.
 * Returns: %FALSE if @text is neither.
 */
gboolean
cg_stage_from_string(const char *text, CgStage *out)
{
  g_return_val_if_fail(text != NULL && out != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS(stage_names); i++)
    if (g_ascii_strcasecmp(text, stage_names[i]) == 0) {
      *out = (CgStage)i;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS(stage_labels); i++)
    if (strcmp(text, stage_labels[i].label) == 0) {
      *out = stage_labels[i].stage;
      return TRUE;
    }
  return FALSE;
}

static const char *const level_names[] = {"unknown", "country", "province", "city",
                                          "district", "zone",   "cluster"};

const char *
cg_level_to_string(CgRegionLevel level)
{
  return (guint)level < G_N_ELEMENTS(level_names) ? level_names[level] : "unknown";
}

gboolean
cg_level_from_string(const char *text, CgRegionLevel *out)
{
  g_return_val_if_fail(text != NULL && out != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS(level_names); i++)
    if (g_ascii_strcasecmp(text, level_names[i]) == 0) {
      *out = (CgRegionLevel)i;
      return TRUE;
    }
  return FALSE;
}

void
cg__set_error_at(GError **error, CgError code, const char *where, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  if (where)
    g_set_error(error, CG_ERROR, code, "%s: %s", where, msg);
  else
    g_set_error_literal(error, CG_ERROR, code, msg);
  g_free(msg);
}

void
cg_free(gpointer data)
{
  g_free(data);
}

/* ---- building ---------------------------------------------------------------------- */

static void
doc_free(gpointer p)
{
  CgDocRec *d = p;
  if (d->risks)
    g_array_free(d->risks, TRUE);
  if (d->risk_kinds)
    g_ptr_array_free(d->risk_kinds, TRUE);
  g_free(d);
}

CgGraph *
cg__graph_new(void)
{
  CgGraph *g = g_new0(CgGraph, 1);
  g->strings = g_string_chunk_new(1 << 16);
  g->interned = g_hash_table_new(g_str_hash, g_str_equal);
  g->nodes = g_array_new(FALSE, TRUE, sizeof(CgNodeRec));
  g->by_id = g_hash_table_new(g_str_hash, g_str_equal);
  g->by_name = g_hash_table_new(g_str_hash, g_str_equal);
  g->ambiguous = g_hash_table_new(g_str_hash, g_str_equal);
  g->decl_names = g_hash_table_new(g_str_hash, g_str_equal);
  g_mutex_init(&g->name_lock);
  g_mutex_init(&g->crit_lock);
  g->edges = g_array_new(FALSE, FALSE, sizeof(CgEdgeRec));
  g->origins = g_array_new(FALSE, TRUE, sizeof(CgOrigin));
  g->labels = g_hash_table_new(g_str_hash, g_str_equal);
  g->regions = g_ptr_array_new();
  g->region_by_name = g_hash_table_new(g_str_hash, g_str_equal);
  g->documents = g_ptr_array_new_with_free_func(doc_free);
  g->chains = g_ptr_array_new();
  g->chain_by_id = g_hash_table_new(g_str_hash, g_str_equal);
  return g;
}

static void
node_extra_free(CgNodeExtra *x)
{
  if (!x)
    return;
  if (x->aliases)
    g_ptr_array_free(x->aliases, TRUE);
  if (x->domains)
    g_ptr_array_free(x->domains, TRUE);
  if (x->provenance)
    g_array_free(x->provenance, TRUE);
  if (x->chokepoints)
    g_array_free(x->chokepoints, TRUE);
  if (x->chokepoint_kinds)
    g_ptr_array_free(x->chokepoint_kinds, TRUE);
  g_free(x);
}

static void
region_free(CgRegionRec *r)
{
  if (r->caps)
    g_array_unref(r->caps); /* may share its array with claims */
  if (r->claims)
    g_array_free(r->claims, TRUE);
  if (r->provenance)
    g_array_free(r->provenance, TRUE);
  if (r->aliases)
    g_ptr_array_free(r->aliases, TRUE);
  g_free(r);
}

static void
chain_free(CgChainRec *c)
{
  if (c->stages)
    g_ptr_array_free(c->stages, TRUE);
  if (c->nodes)
    g_array_free(c->nodes, TRUE);
  if (c->locals)
    g_array_free(c->locals, TRUE);
  if (c->edge_keys)
    g_array_free(c->edge_keys, TRUE);
  if (c->edges)
    g_array_free(c->edges, TRUE);
  g_free(c);
}

/**
 * cg_graph_free:
 * @graph: (nullable): a graph
 *
 * Frees the graph and everything it owns. NULL-safe.
 */
void
cg_graph_free(CgGraph *g)
{
  if (!g)
    return;
  for (guint i = 0; i < g->nodes->len; i++)
    node_extra_free(g_array_index(g->nodes, CgNodeRec, i).x);
  g_array_free(g->nodes, TRUE);
  g_hash_table_destroy(g->by_id);
  g_hash_table_destroy(g->by_name);
  g_hash_table_destroy(g->ambiguous);
  g_hash_table_destroy(g->decl_names);
  g_mutex_clear(&g->name_lock);
  g_mutex_clear(&g->crit_lock);
  g_free(g->crit);
  g_array_free(g->edges, TRUE);
  g_array_free(g->origins, TRUE);
  g_hash_table_destroy(g->labels);
  for (guint i = 0; i < g->regions->len; i++)
    region_free(g->regions->pdata[i]);
  g_ptr_array_free(g->regions, TRUE);
  g_hash_table_destroy(g->region_by_name);
  g_ptr_array_free(g->documents, TRUE);
  for (guint i = 0; i < g->chains->len; i++)
    chain_free(g->chains->pdata[i]);
  g_ptr_array_free(g->chains, TRUE);
  g_hash_table_destroy(g->chain_by_id);
  if (g->edge_more_origins)
    g_hash_table_destroy(g->edge_more_origins);
  g_free(g->in_goff);
  g_free(g->gmem_off);
  g_free(g->group_node);
  g_free(g->esrc);
  g_free(g->egroup);
  g_free(g->out_off);
  g_free(g->out_group);
  g_free(g->out_dst);
  g_hash_table_destroy(g->interned);
  g_string_chunk_free(g->strings);
  g_free(g);
}

const char *
cg__intern(CgGraph *g, const char *s)
{
  if (!s)
    return NULL;
  const char *old = g_hash_table_lookup(g->interned, s);
  if (old)
    return old;
  char *copy = g_string_chunk_insert(g->strings, s);
  g_hash_table_add(g->interned, copy);
  return copy;
}

/* Asks for transparent huge pages (Linux, madvise mode) over the 2 MB-aligned interior of
 * a large block not yet touched there, such as a GArray just reserved: see cg__alloc_big(). */
void
cg__advise_big(gpointer mem, gsize bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const guintptr huge = 2u << 20;
  guintptr a = ((guintptr)mem + huge - 1) & ~(huge - 1), b = ((guintptr)mem + bytes) & ~(huge - 1);
  if (bytes >= (8u << 20) && b > a)
    madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
  (void)mem;
  (void)bytes;
#endif
}

/* An array of at least 8 MB that is filled soon after (or zeroed here, @zero): page
 * faults dominate filling such arrays on virtual machines, and random access into them
 * (hash tables, per-pair tables) misses the TLB, so on Linux it is aligned to 2 MB and asks
 * for transparent huge pages (madvise mode). Freed with g_free() (GLib allocates with the
 * system malloc). */
gpointer
cg__alloc_big(gsize bytes, gboolean zero)
{
  bytes = MAX(bytes, 1);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= (8u << 20)) {
    void *mem = NULL;
    if (posix_memalign(&mem, 2u << 20, bytes) == 0) {
      cg__advise_big(mem, bytes);
      if (zero)
        memset(mem, 0, bytes);
      return mem;
    }
  }
#endif
  return zero ? g_malloc0(bytes) : g_malloc(bytes);
}

const char *
cg__intern_len(CgGraph *g, const char *s, gssize len)
{
  if (!s)
    return NULL;
  if (len < 0)
    return cg__intern(g, s);
  char *tmp = g_strndup(s, (gsize)len);
  const char *r = cg__intern(g, tmp);
  g_free(tmp);
  return r;
}

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

gboolean
cg__node_set_name(CgGraph *g, guint32 v, const char *name, const char *where, GError **error)
{
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
cg__edge_add(CgGraph *g, guint32 src, guint32 dst, guint32 label, guint32 origin, guint32 line)
{
  CgEdgeRec e = {src, dst, label, line, origin};
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
  CgCapability c = {node, (float)share, (guint8)(develop != 0), 0, {-1, NULL, NULL, NULL, NULL}};
  if (p) {
    c.prov = *p;
    c.line = p->where ? line : 0;
  }
  g_array_append_val(r->claims, c);
}

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
  return cg__where(g, o->file, e->line, 0);
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

static void
remember_origin(CgGraph *g, guint32 edge_index_in_seg_space, guint32 origin)
{
  if (!g->edge_more_origins)
    g->edge_more_origins =
        g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_array_unref);
  GArray *a = g_hash_table_lookup(g->edge_more_origins, GUINT_TO_POINTER(edge_index_in_seg_space));
  if (!a) {
    a = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_hash_table_insert(g->edge_more_origins, GUINT_TO_POINTER(edge_index_in_seg_space), a);
  }
  for (guint i = 0; i < a->len; i++)
    if (g_array_index(a, guint32, i) == origin)
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
  for (guint i = 0; i < g->regions->len; i++) {
    guint32 cur = i;
    for (guint steps = 0; cur != CG_NONE; steps++) {
      if (steps > g->regions->len) {
        CgRegionRec *r = g->regions->pdata[i];
        cg__set_error_at(error, CG_ERROR_INVALID, r->parent_where,
                         "region '%s': its parents form a cycle", r->name);
        return FALSE;
      }
      cur = ((CgRegionRec *)g->regions->pdata[cur])->parent;
    }
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
  guint32 n = g->nodes->len;
  if (!finish_regions(g, error))
    return FALSE;

  /* Self-loops are meaningless (a product cannot be its own input). */
  CgEdgeRec *E = (CgEdgeRec *)(void *)g->edges->data;
  guint m = g->edges->len;
  for (guint i = 0; i < m; i++)
    if (E[i].src == E[i].dst) {
      cg__set_error_at(error, CG_ERROR_INVALID, edge_where(g, &E[i]),
                       "self-loop on node '%s' (a product cannot be its own input)",
                       cg__node(g, E[i].src)->id);
      return FALSE;
    }

  /* Counting sort by target, stable; edges already in target order (as TSV files,
   * ours and the generator's, usually are) are used where they lie. */
  guint32 *cnt = g_new0(guint32, (gsize)n + 1);
  gboolean in_order = TRUE;
  for (guint i = 0; i < m; i++) {
    cnt[E[i].dst + 1]++;
    in_order = in_order && (i == 0 || E[i - 1].dst <= E[i].dst);
  }
  for (guint32 v = 0; v < n; v++)
    cnt[v + 1] += cnt[v];
  CgEdgeRec *S = E;
  if (!in_order) {
    S = g_new(CgEdgeRec, m ? m : 1);
    guint32 *pos = g_memdup2(cnt, ((gsize)n + 1) * sizeof(guint32));
    for (guint i = 0; i < m; i++)
      S[pos[E[i].dst]++] = E[i];
    g_free(pos);
  }

  /* Per target: merge duplicates, then order by (label, src) and number the groups. */
  GArray *dups = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint32 out_m = 0;
  g->in_goff = g_new(guint32, (gsize)n + 1);
  GArray *gmem = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *gnode = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *dup_final = g_array_new(FALSE, FALSE, sizeof(guint32)); /* (final edge, origin) */
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
      g_array_free(dup_final, TRUE);
      if (S != E)
        g_free(S);
      g_free(cnt);
      return FALSE;
    }
    sort_edges(seg, len, cmp_edge_label_src);
    for (guint i = 0; i < len; i++) {
      if (i == 0 || seg[i].label != seg[i - 1].label) {
        g_array_append_val(gmem, out_m);
        g_array_append_val(gnode, v);
      }
      /* Remember which kept edge carries which extra origins. */
      for (guint k = 0; k < dups->len; k += 2)
        if (g_array_index(dups, guint32, k) == seg[i].src) {
          guint32 pair[2] = {out_m, g_array_index(dups, guint32, k + 1)};
          g_array_append_vals(dup_final, pair, 2);
        }
      S[out_m++] = seg[i]; /* compaction: out_m <= cnt[v] + i always */
    }
  }
  g->in_goff[n] = gnode->len;
  g_array_free(dups, TRUE);
  g_free(cnt);
  g->n_groups = gnode->len;
  g_array_append_val(gmem, out_m);
  g->gmem_off = (guint32 *)(void *)g_array_free(gmem, FALSE);
  g->group_node = (guint32 *)(void *)g_array_free(gnode, FALSE);

  /* Final edge arrays. */
  if (S != E) {
    memcpy(g->edges->data, S, (gsize)out_m * sizeof(CgEdgeRec));
    g_free(S);
  }
  g_array_set_size(g->edges, out_m);
  E = (CgEdgeRec *)(void *)g->edges->data;
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
  g_array_free(dup_final, TRUE);

  /* Out-edge index. */
  g->out_off = g_new0(guint32, (gsize)n + 1);
  for (guint32 e = 0; e < out_m; e++)
    g->out_off[E[e].src + 1]++;
  for (guint32 v = 0; v < n; v++)
    g->out_off[v + 1] += g->out_off[v];
  guint32 *pos = g_memdup2(g->out_off, ((gsize)n + 1) * sizeof(guint32));
  g->out_group = cg__alloc_big((gsize)MAX(out_m, 1) * sizeof(guint32), FALSE);
  g->out_dst = cg__alloc_big((gsize)MAX(out_m, 1) * sizeof(guint32), FALSE);
  for (guint32 e = 0; e < out_m; e++) {
    guint32 k = pos[E[e].src]++;
    g->out_group[k] = g->egroup[e];
    g->out_dst[k] = E[e].dst;
  }
  g_free(pos);

  g->finished = TRUE;

  /* Chains: edge keys to edge indices. */
  for (guint c = 0; c < g->chains->len; c++) {
    CgChainRec *ch = g->chains->pdata[c];
    ch->edges = g_array_new(FALSE, FALSE, sizeof(guint32));
    if (!ch->edge_keys)
      continue;
    for (guint i = 0; i < ch->edge_keys->len; i++) {
      guint64 key = g_array_index(ch->edge_keys, guint64, i);
      gssize e = cg_graph_find_edge(g, (gsize)(key >> 32), (gsize)(key & 0xffffffffu));
      if (e >= 0) {
        guint32 ei = (guint32)e;
        gboolean seen = FALSE;
        for (guint k = 0; k < ch->edges->len && !seen; k++)
          seen = g_array_index(ch->edges, guint32, k) == ei;
        if (!seen)
          g_array_append_val(ch->edges, ei);
      }
    }
    g_array_free(ch->edge_keys, TRUE);
    ch->edge_keys = NULL;
  }

  g->any_application = FALSE;
  for (guint32 v = 0; v < n && !g->any_application; v++)
    g->any_application = cg__node(g, v)->stage == CG_STAGE_APPLICATION;
  g->app_total = 0;
  for (guint32 v = 0; v < n; v++)
    if (cg__is_app(g, v))
      g->app_total += cg__app_weight(g, v);
  return TRUE;
}

gboolean
cg__is_app(const CgGraph *g, guint32 v)
{
  if (g->any_application)
    return cg__node(g, v)->stage == CG_STAGE_APPLICATION;
  return g->out_off[v + 1] == g->out_off[v];
}

double
cg__app_weight(const CgGraph *g, guint32 v)
{
  double w = cg__node(g, v)->weight;
  return isnan(w) ? 1.0 : w;
}

void
cg__index_names(const CgGraph *cg)
{
  CgGraph *g = (CgGraph *)cg;
  g_mutex_lock(&g->name_lock);
  if (!g->names_indexed) {
    /* Names and aliases were registered as they were set; English names are indexed
     * here, where they cannot shadow a Chinese name or alias. */
    for (guint32 v = 0; v < g->nodes->len; v++) {
      const CgNodeRec *n = cg__node(g, v);
      if (n->name_en && !g_hash_table_contains(g->by_name, n->name_en))
        g_hash_table_insert(g->by_name, (gpointer)n->name_en, GUINT_TO_POINTER(v + 1));
    }
    g->names_indexed = TRUE;
  }
  g_mutex_unlock(&g->name_lock);
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

static gboolean
node_has_name(const CgNodeRec *n, const char *key)
{
  if ((n->name && strcmp(n->name, key) == 0) || (n->name_en && strcmp(n->name_en, key) == 0))
    return TRUE;
  for (guint i = 0; n->x && n->x->aliases && i < n->x->aliases->len; i++)
    if (strcmp(n->x->aliases->pdata[i], key) == 0)
      return TRUE;
  return FALSE;
}

/* A name several nodes share finds the one node among them not declared inside a chain
 * block, if there is exactly one: chain-local names belong to their chain. O(V). */
static gssize
resolve_ambiguous(const CgGraph *g, const char *key)
{
  gssize found = -1;
  for (guint32 v = 0; v < g->nodes->len; v++) {
    const CgNodeRec *n = cg__node(g, v);
    if ((n->x && n->x->chain_local) || !node_has_name(n, key))
      continue;
    if (found >= 0)
      return -1;
    found = v;
  }
  return found;
}

gssize
cg__find_node(const CgGraph *g, const char *key)
{
  gssize v = cg__node_lookup_id(g, key);
  if (v >= 0)
    return v;
  if (g->finished)
    cg__index_names(g);
  if (g_hash_table_contains(g->ambiguous, key))
    return resolve_ambiguous(g, key);
  gpointer p = g_hash_table_lookup(g->by_name, key);
  return p ? (gssize)GPOINTER_TO_UINT(p) - 1 : -1;
}

char *
cg__ambiguous_ids(const CgGraph *g, const char *key)
{
  if (!g_hash_table_contains(g->ambiguous, key))
    return NULL;
  GString *ids = g_string_new(NULL);
  for (guint32 v = 0; v < g->nodes->len; v++)
    if (node_has_name(cg__node(g, v), key))
      g_string_append_printf(ids, "%s%s", ids->len ? ", " : "", cg__node(g, v)->id);
  return g_string_free(ids, FALSE);
}

/* ---- accessors ----------------------------------------------------------------------- */

#define NODE_OK(g, v, ret)                                                                     \
  g_return_val_if_fail((g) != NULL && (v) < (g)->nodes->len, ret)

gsize cg_graph_n_nodes(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->nodes->len; }
gsize cg_graph_n_edges(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->edges->len; }
gsize cg_graph_n_groups(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->n_groups; }
gsize cg_graph_n_regions(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->regions->len; }
gsize cg_graph_n_documents(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->documents->len; }
gsize cg_graph_n_chains(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->chains->len; }

/**
 * cg_graph_find_node:
 * @key: an id, alias, Chinese name or English name
 *
 * A name that several nodes share (two chains may each end in 应用产品) finds the one of
 * them declared outside any chain block, if there is exactly one, else none: look such
 * nodes up by id.
 *
 * Returns: the node's index, or -1. O(1) expected (the first look-up by name indexes
 * the names, O(V)).
 */
gssize
cg_graph_find_node(const CgGraph *g, const char *key)
{
  g_return_val_if_fail(g != NULL && key != NULL, -1);
  return cg__find_node(g, key);
}

/**
 * cg_graph_lookup_node:
 * @key: an id, alias, Chinese or English name
 *
 * Like cg_graph_find_node(), with an error that says why nothing was found: no node has
 * that name, or several do (the error lists their ids).
 * Returns: the node's index, or -1 with @error set (%CG_ERROR_UNKNOWN).
 */
gssize
cg_graph_lookup_node(const CgGraph *g, const char *key, GError **error)
{
  g_return_val_if_fail(g != NULL && key != NULL, -1);
  gssize v = cg__find_node(g, key);
  if (v >= 0)
    return v;
  g_autofree char *ids = cg__ambiguous_ids(g, key);
  if (ids)
    g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN, "'%s' names several nodes (%s): give the id",
                key, ids);
  else
    g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN,
                "unknown node '%s' (not an id, alias or name of any node)", key);
  return -1;
}

const char *cg_node_id(const CgGraph *g, gsize v) { NODE_OK(g, v, NULL); return cg__node(g, v)->id; }
const char *cg_node_name(const CgGraph *g, gsize v) { NODE_OK(g, v, NULL); return cg__node(g, v)->name; }
const char *cg_node_name_en(const CgGraph *g, gsize v) { NODE_OK(g, v, NULL); return cg__node(g, v)->name_en; }

/**
 * cg_node_label:
 * Returns: the node's Chinese name, else its English name, else its id.
 */
const char *
cg_node_label(const CgGraph *g, gsize v)
{
  NODE_OK(g, v, NULL);
  const CgNodeRec *n = cg__node(g, v);
  return n->name ? n->name : n->name_en ? n->name_en : n->id;
}

CgStage cg_node_stage(const CgGraph *g, gsize v) { NODE_OK(g, v, CG_STAGE_UNKNOWN); return cg__node(g, v)->stage; }

/** cg_node_weight: Returns: the application weight (1 when not given). */
double cg_node_weight(const CgGraph *g, gsize v) { NODE_OK(g, v, NAN); return cg__app_weight(g, v); }
double cg_node_import_share(const CgGraph *g, gsize v) { NODE_OK(g, v, NAN); return cg__node(g, v)->import_share; }
double cg_node_substitutability(const CgGraph *g, gsize v) { NODE_OK(g, v, NAN); return cg__node(g, v)->subst; }
double cg_node_recycling(const CgGraph *g, gsize v) { NODE_OK(g, v, NAN); return cg__node(g, v)->recycle; }
gboolean cg_node_is_application(const CgGraph *g, gsize v) { NODE_OK(g, v, FALSE); return cg__is_app(g, v); }

#define EXTRA_LEN(g, v, field) (cg__node(g, v)->x && cg__node(g, v)->x->field ? cg__node(g, v)->x->field->len : 0)

gsize cg_node_n_aliases(const CgGraph *g, gsize v) { NODE_OK(g, v, 0); return EXTRA_LEN(g, v, aliases); }
const char *
cg_node_alias(const CgGraph *g, gsize v, gsize i)
{
  NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, aliases), NULL);
  return cg__node(g, v)->x->aliases->pdata[i];
}
gsize cg_node_n_domains(const CgGraph *g, gsize v) { NODE_OK(g, v, 0); return EXTRA_LEN(g, v, domains); }
const char *
cg_node_domain(const CgGraph *g, gsize v, gsize i)
{
  NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, domains), NULL);
  return cg__node(g, v)->x->domains->pdata[i];
}
gsize cg_node_n_provenance(const CgGraph *g, gsize v) { NODE_OK(g, v, 0); return EXTRA_LEN(g, v, provenance); }
const CgProvenance *
cg_node_provenance(const CgGraph *g, gsize v, gsize i)
{
  NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, provenance), NULL);
  return &g_array_index(cg__node(g, v)->x->provenance, CgProvenance, i);
}
gsize cg_node_n_chokepoints(const CgGraph *g, gsize v) { NODE_OK(g, v, 0); return EXTRA_LEN(g, v, chokepoints); }
const char *
cg_node_chokepoint_kind(const CgGraph *g, gsize v, gsize i)
{
  NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, chokepoints), NULL);
  return cg__node(g, v)->x->chokepoint_kinds->pdata[i];
}
const CgProvenance *
cg_node_chokepoint(const CgGraph *g, gsize v, gsize i)
{
  NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, chokepoints), NULL);
  return &g_array_index(cg__node(g, v)->x->chokepoints, CgProvenance, i);
}
gsize cg_node_n_groups(const CgGraph *g, gsize v) { NODE_OK(g, v, 0); return g->in_goff[v + 1] - g->in_goff[v]; }
gsize
cg_node_in_degree(const CgGraph *g, gsize v)
{
  NODE_OK(g, v, 0);
  return g->gmem_off[g->in_goff[v + 1]] - g->gmem_off[g->in_goff[v]];
}
gsize cg_node_out_degree(const CgGraph *g, gsize v) { NODE_OK(g, v, 0); return g->out_off[v + 1] - g->out_off[v]; }

#define EDGE_OK(g, e, ret) g_return_val_if_fail((g) != NULL && (e) < (g)->edges->len, ret)

gsize cg_edge_source(const CgGraph *g, gsize e) { EDGE_OK(g, e, 0); return g->esrc[e]; }
gsize cg_edge_target(const CgGraph *g, gsize e) { EDGE_OK(g, e, 0); return cg__edge_dst(g, (guint32)e); }

/** cg_edge_group: Returns: the edge's group, numbered 0, 1, … among its target's groups. */
gsize
cg_edge_group(const CgGraph *g, gsize e)
{
  EDGE_OK(g, e, 0);
  guint32 gi = g->egroup[e];
  return gi - g->in_goff[g->group_node[gi]];
}

/** cg_edge_group_size: Returns: how many alternatives the edge's group has (1 = sole input). */
gsize
cg_edge_group_size(const CgGraph *g, gsize e)
{
  EDGE_OK(g, e, 0);
  guint32 gi = g->egroup[e];
  return g->gmem_off[gi + 1] - g->gmem_off[gi];
}

static GArray *
edge_origin_list(const CgGraph *g, gsize e)
{
  return g->edge_more_origins ? g_hash_table_lookup(g->edge_more_origins, GUINT_TO_POINTER(e))
                              : NULL;
}

gsize
cg_edge_n_provenance(const CgGraph *g, gsize e)
{
  EDGE_OK(g, e, 0);
  GArray *more = edge_origin_list(g, e);
  return 1 + (more ? more->len : 0);
}

/**
 * cg_edge_provenance:
 * Returns: (transfer none): the @i-th statement that gave the edge: its document,
 * section and quote (the chain's quote for edges of a chain).
 */
const CgProvenance *
cg_edge_provenance(const CgGraph *g, gsize e, gsize i)
{
  EDGE_OK(g, e, NULL);
  guint32 o = g_array_index(g->edges, CgEdgeRec, e).origin;
  if (i > 0) {
    GArray *more = edge_origin_list(g, e);
    g_return_val_if_fail(more && i - 1 < more->len, NULL);
    o = g_array_index(more, guint32, i - 1);
  }
  return &g_array_index(g->origins, CgOrigin, o).prov;
}

/**
 * cg_graph_find_edge:
 * Returns: the index of the edge @source → @target, or -1. O(in-degree of @target).
 */
gssize
cg_graph_find_edge(const CgGraph *g, gsize source, gsize target)
{
  g_return_val_if_fail(g != NULL && g->finished, -1);
  if (source >= g->nodes->len || target >= g->nodes->len)
    return -1;
  for (guint32 e = g->gmem_off[g->in_goff[target]]; e < g->gmem_off[g->in_goff[target + 1]]; e++)
    if (g->esrc[e] == source)
      return e;
  return -1;
}

#define REGION(g, r) ((const CgRegionRec *)(g)->regions->pdata[r])
#define REGION_OK(g, r, ret) g_return_val_if_fail((g) != NULL && (r) < (g)->regions->len, ret)

gssize
cg_graph_find_region(const CgGraph *g, const char *name)
{
  g_return_val_if_fail(g != NULL && name != NULL, -1);
  return cg__region_lookup(g, name);
}
const char *cg_region_name(const CgGraph *g, gsize r) { REGION_OK(g, r, NULL); return REGION(g, r)->name; }
const char *cg_region_id(const CgGraph *g, gsize r) { REGION_OK(g, r, NULL); return REGION(g, r)->id; }
const char *cg_region_name_en(const CgGraph *g, gsize r) { REGION_OK(g, r, NULL); return REGION(g, r)->name_en; }
CgRegionLevel cg_region_level(const CgGraph *g, gsize r) { REGION_OK(g, r, CG_LEVEL_UNKNOWN); return REGION(g, r)->level; }
gssize
cg_region_parent(const CgGraph *g, gsize r)
{
  REGION_OK(g, r, -1);
  guint32 p = REGION(g, r)->parent;
  return p == CG_NONE ? -1 : (gssize)p;
}

/** cg_region_is_within: Returns: whether @region is @ancestor or lies inside it. */
gboolean
cg_region_is_within(const CgGraph *g, gsize r, gsize ancestor)
{
  REGION_OK(g, r, FALSE);
  for (guint32 cur = (guint32)r; cur != CG_NONE; cur = REGION(g, cur)->parent)
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
 * Complexity: O(R + claims + Σ_v k_v² · depth) for k_v claims of node v.
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
  c->off = g_new(guint32, (gsize)n + 1);
  guint32 w = 0;
  c->off[0] = 0;
  for (guint32 v = 0; v < n; v++) {
    for (guint32 i = off[v]; i < off[v + 1]; i++) {
      gboolean inner = FALSE;
      for (guint32 j = off[v]; j < off[v + 1] && !inner; j++)
        inner = reg[j] != reg[i] && (!caps[j]->develop || caps[i]->develop) &&
                cg_region_is_within(g, reg[j], reg[i]);
      if (!inner) {
        reg[w] = reg[i];
        caps[w++] = caps[i];
      }
    }
    c->off[v + 1] = w;
  }
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
 *
 * How many capability claims the data makes about the region itself, as written: a node
 * claimed twice (by two documents, or as planned and as present) counts twice.
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
 * @share: (out) (optional): the claimed share of the node's supply, NAN if not given
 * @develop: (out) (optional): whether the claim is of a planned capability
 * @provenance: (out) (optional) (transfer none): who says so
 *
 * The @i-th claim as written. Returns: the node index.
 */
gsize
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
 *
 * How many distinct nodes the region itself claims (its children's not included).
 */
gsize
cg_region_n_capabilities(const CgGraph *g, gsize r)
{
  REGION_OK(g, r, 0);
  return REGION(g, r)->caps ? REGION(g, r)->caps->len : 0;
}

/**
 * cg_region_capability:
 * @share: (out) (optional): the region's share of the node's supply, NAN if unknown
 * @provenance: (out) (optional) (transfer none): the claim's provenance
 *
 * The @i-th node the region itself claims (not its children's), in node order; claims of
 * one node are merged (present outranks planned; the first claim's share and provenance).
 * cg_region_claim() gives every claim as written.
 * Returns: the node index.
 */
gsize
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

gsize
cg_region_n_provenance(const CgGraph *g, gsize r)
{
  REGION_OK(g, r, 0);
  return REGION(g, r)->provenance ? REGION(g, r)->provenance->len : 0;
}

const CgProvenance *
cg_region_provenance(const CgGraph *g, gsize r, gsize i)
{
  REGION_OK(g, r, NULL);
  g_return_val_if_fail(i < cg_region_n_provenance(g, r), NULL);
  return &g_array_index(REGION(g, r)->provenance, CgProvenance, i);
}

#define DOC(g, d) ((const CgDocRec *)(g)->documents->pdata[d])
#define DOC_OK(g, d, ret) g_return_val_if_fail((g) != NULL && (d) < (g)->documents->len, ret)
const char *cg_document_file(const CgGraph *g, gsize d) { DOC_OK(g, d, NULL); return DOC(g, d)->file; }
const char *cg_document_key(const CgGraph *g, gsize d) { DOC_OK(g, d, NULL); return DOC(g, d)->key; }
const char *cg_document_title(const CgGraph *g, gsize d) { DOC_OK(g, d, NULL); return DOC(g, d)->title; }

/**
 * cg_document_n_risks:
 * @document: a document index
 *
 * How many document-wide risk statements (statements that name no material, e.g. "部分核心产业链、
 * 供应链依赖国外，存在断供、断链风险") @document makes. O(1).
 */
gsize
cg_document_n_risks(const CgGraph *g, gsize d)
{
  DOC_OK(g, d, 0);
  return DOC(g, d)->risks ? DOC(g, d)->risks->len : 0;
}

/**
 * cg_document_risk:
 * @document: a document index
 * @i: which statement, below cg_document_n_risks()
 * @kind: (out) (optional) (transfer none): its kind, as for chokepoints (`chokepoint`,
 *   `foreign`, `monopoly`, `substitution`, `bottleneck`)
 *
 * Returns: (transfer none): the statement's provenance (its quote). O(1).
 */
const CgProvenance *
cg_document_risk(const CgGraph *g, gsize d, gsize i, const char **kind)
{
  g_return_val_if_fail(i < cg_document_n_risks(g, d), NULL);
  if (kind)
    *kind = DOC(g, d)->risk_kinds->pdata[i];
  return &g_array_index(DOC(g, d)->risks, CgProvenance, i);
}

#define CHAIN(g, c) ((const CgChainRec *)(g)->chains->pdata[c])
#define CHAIN_OK(g, c, ret) g_return_val_if_fail((g) != NULL && (c) < (g)->chains->len, ret)

gssize
cg_graph_find_chain(const CgGraph *g, const char *id)
{
  g_return_val_if_fail(g != NULL && id != NULL, -1);
  gpointer p = g_hash_table_lookup(g->chain_by_id, id);
  return p ? (gssize)GPOINTER_TO_UINT(p) - 1 : -1;
}
const char *cg_chain_id(const CgGraph *g, gsize c) { CHAIN_OK(g, c, NULL); return CHAIN(g, c)->id; }
const char *cg_chain_name(const CgGraph *g, gsize c) { CHAIN_OK(g, c, NULL); return CHAIN(g, c)->name; }
const char *cg_chain_path(const CgGraph *g, gsize c) { CHAIN_OK(g, c, NULL); return CHAIN(g, c)->path; }
const CgProvenance *cg_chain_provenance(const CgGraph *g, gsize c) { CHAIN_OK(g, c, NULL); return &CHAIN(g, c)->prov; }
gsize
cg_chain_n_stages(const CgGraph *g, gsize c)
{
  CHAIN_OK(g, c, 0);
  return CHAIN(g, c)->stages ? CHAIN(g, c)->stages->len : 0;
}
gsize
cg_chain_stage_size(const CgGraph *g, gsize c, gsize s)
{
  CHAIN_OK(g, c, 0);
  g_return_val_if_fail(s < cg_chain_n_stages(g, c), 0);
  return ((GArray *)CHAIN(g, c)->stages->pdata[s])->len;
}
gsize
cg_chain_stage_node(const CgGraph *g, gsize c, gsize s, gsize i)
{
  g_return_val_if_fail(i < cg_chain_stage_size(g, c, s), 0);
  return g_array_index((GArray *)CHAIN(g, c)->stages->pdata[s], guint32, i);
}
gsize cg_chain_n_nodes(const CgGraph *g, gsize c) { CHAIN_OK(g, c, 0); return CHAIN(g, c)->nodes->len; }

/**
 * cg_node_is_chain_local:
 *
 * Whether the node was declared inside a chain block: its names are that chain's own
 * (docs/chain-format.md, "Chain-local nodes"), and a name it shares with another node
 * finds the other one.
 */
gboolean
cg_node_is_chain_local(const CgGraph *g, gsize v)
{
  NODE_OK(g, v, FALSE);
  const CgNodeRec *n = cg__node(g, v);
  return n->x && n->x->chain_local;
}
gsize
cg_chain_node(const CgGraph *g, gsize c, gsize i)
{
  g_return_val_if_fail(i < cg_chain_n_nodes(g, c), 0);
  return g_array_index(CHAIN(g, c)->nodes, guint32, i);
}
gsize cg_chain_n_edges(const CgGraph *g, gsize c) { CHAIN_OK(g, c, 0); return CHAIN(g, c)->edges->len; }
gsize
cg_chain_edge(const CgGraph *g, gsize c, gsize i)
{
  g_return_val_if_fail(i < cg_chain_n_edges(g, c), 0);
  return g_array_index(CHAIN(g, c)->edges, guint32, i);
}

/* The graph model: lifetime, interning, and the node, edge, document and chain accessors. */
#include "core/cg-core.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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

/* ---- accessors ----------------------------------------------------------------------- */

gsize cg_graph_n_nodes(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->nodes->len; }
gsize cg_graph_n_edges(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->edges->len; }
gsize cg_graph_n_groups(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->n_groups; }
gsize cg_graph_n_regions(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->regions->len; }
gsize cg_graph_n_documents(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->documents->len; }
gsize cg_graph_n_chains(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->chains->len; }

/**
 * cg_node_label:
 * Returns: the node's Chinese name, else its English name, else its id.
 */
const char *
cg_node_label(const CgGraph *g, gsize v)
{
  CG__NODE_OK(g, v, NULL);
  const CgNodeRec *n = cg__node(g, v);
  return n->name ? n->name : n->name_en ? n->name_en : n->id;
}

CgStage cg_node_stage(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, CG_STAGE_UNKNOWN); return cg__node(g, v)->stage; }

/** cg_node_weight: Returns: the application weight (1 when not given). */
double cg_node_weight(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, NAN); return cg__app_weight(g, v); }
double cg_node_import_share(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, NAN); return cg__node(g, v)->import_share; }
double cg_node_substitutability(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, NAN); return cg__node(g, v)->subst; }
double cg_node_recycling(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, NAN); return cg__node(g, v)->recycle; }
gboolean cg_node_is_application(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, FALSE); return cg__is_app(g, v); }

#define EXTRA_LEN(g, v, field) (cg__node(g, v)->x && cg__node(g, v)->x->field ? cg__node(g, v)->x->field->len : 0)

gsize cg_node_n_aliases(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, 0); return EXTRA_LEN(g, v, aliases); }
const char *
cg_node_alias(const CgGraph *g, gsize v, gsize i)
{
  CG__NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, aliases), NULL);
  return cg__node(g, v)->x->aliases->pdata[i];
}
gsize cg_node_n_domains(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, 0); return EXTRA_LEN(g, v, domains); }
const char *
cg_node_domain(const CgGraph *g, gsize v, gsize i)
{
  CG__NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, domains), NULL);
  return cg__node(g, v)->x->domains->pdata[i];
}
gsize cg_node_n_provenance(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, 0); return EXTRA_LEN(g, v, provenance); }
const CgProvenance *
cg_node_provenance(const CgGraph *g, gsize v, gsize i)
{
  CG__NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, provenance), NULL);
  return &g_array_index(cg__node(g, v)->x->provenance, CgProvenance, i);
}
gsize cg_node_n_chokepoints(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, 0); return EXTRA_LEN(g, v, chokepoints); }
const char *
cg_node_chokepoint_kind(const CgGraph *g, gsize v, gsize i)
{
  CG__NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, chokepoints), NULL);
  return cg__node(g, v)->x->chokepoint_kinds->pdata[i];
}
const CgProvenance *
cg_node_chokepoint(const CgGraph *g, gsize v, gsize i)
{
  CG__NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, chokepoints), NULL);
  return &g_array_index(cg__node(g, v)->x->chokepoints, CgProvenance, i);
}
gsize cg_node_n_groups(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, 0); return g->in_goff[v + 1] - g->in_goff[v]; }
gsize
cg_node_in_degree(const CgGraph *g, gsize v)
{
  CG__NODE_OK(g, v, 0);
  return g->gmem_off[g->in_goff[v + 1]] - g->gmem_off[g->in_goff[v]];
}
gsize cg_node_out_degree(const CgGraph *g, gsize v) { CG__NODE_OK(g, v, 0); return g->out_off[v + 1] - g->out_off[v]; }

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
  CG__NODE_OK(g, v, FALSE);
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

/* The quote behind a node: its first chokepoint evidence with a quote, else its first
 * provenance with one, else NULL (the report and the sentences cite it). */
const CgProvenance *
cg__node_quote(const CgGraph *g, guint32 v)
{
  const CgNodeRec *n = cg__node(g, v);
  if (!n->x)
    return NULL;
  if (n->x->chokepoints)
    for (guint i = 0; i < n->x->chokepoints->len; i++)
      if (g_array_index(n->x->chokepoints, CgProvenance, i).quote)
        return &g_array_index(n->x->chokepoints, CgProvenance, i);
  if (n->x->provenance)
    for (guint i = 0; i < n->x->provenance->len; i++)
      if (g_array_index(n->x->provenance, CgProvenance, i).quote)
        return &g_array_index(n->x->provenance, CgProvenance, i);
  return NULL;
}

/* The supply cone of @v: @v, then every node it draws on through any chain of inputs,
 * breadth first (ascending edge order within a node). Returns: (transfer full) a GArray of
 * guint32. O(V + E) at most: only the cone is walked, plus a V-byte mark. */
GArray *
cg__supply_cone(const CgGraph *g, guint32 v)
{
  guint32 n = cg__n(g);
  guint8 *seen = g_new0(guint8, n ? n : 1);
  GArray *st = g_array_new(FALSE, FALSE, sizeof(guint32));
  seen[v] = 1;
  g_array_append_val(st, v);
  for (guint i = 0; i < st->len; i++) {
    guint32 x = g_array_index(st, guint32, i);
    for (guint32 e = g->gmem_off[g->in_goff[x]]; e < g->gmem_off[g->in_goff[x + 1]]; e++) {
      guint32 u = g->esrc[e];
      if (!seen[u]) {
        seen[u] = 1;
        g_array_append_val(st, u);
      }
    }
  }
  g_free(seen);
  return st;
}

/* The graph model: lifetime, interning, and the node, edge, document and chain accessors. */
#include "core/cg-core.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

/**
 * SECTION:graph
 * @title: The graph
 * @short_description: nodes, edges in input groups, regions, documents and chains; loading and saving
 *
 * A #CgGraph is loaded from chain, JSON, GraphML or TSV files (cg_graph_load()), or built
 * in code (#CgGraphBuilder), and is immutable afterwards. Everything in it is addressed by
 * index: nodes in [0, cg_graph_n_nodes()), edges in [0, cg_graph_n_edges()) sorted by
 * (target, group, source), and so on. The accessors are O(1) unless they say otherwise, and
 * what they return (strings, #CgProvenance) is borrowed from the graph.
 *
 * Every function of the library reports data errors through a #GError in the %CG_ERROR
 * domain and programmer errors through g_return_val_if_fail(). docs/conventions.md has the
 * rules for ownership, errors, options, indices and thread safety.
 */

/**
 * SECTION:version
 * @title: Version
 * @short_description: the version of the headers
 *
 * The version of the chaingraph headers a program is compiled against.
 */

/**
 * SECTION:chaingraph
 * @title: chaingraph.h
 * @short_description: the one header to include
 *
 * `#include <chaingraph/chaingraph.h>`; the other headers may not be included directly.
 * Compile and link with `pkg-config --cflags --libs chaingraph` (GLib is the only other
 * dependency a program sees).
 */

/**
 * CHAINGRAPH_INSIDE:
 *
 * Defined by chaingraph.h while it includes the topic headers, which refuse to be included
 * on their own. Not for callers.
 */

/**
 * CG_API:
 *
 * Marks a function exported from libchaingraph. Not for callers.
 */

/**
 * CgGraph:
 *
 * A chain graph: nodes, edges in input groups, regions with their claims, documents and
 * chains (DESIGN.md, "The model"). Opaque. It comes from a load (cg_graph_load() and
 * friends) or from cg_graph_builder_finish(), is immutable from then on, and is freed with
 * cg_graph_free(). Nodes, edges, regions, documents and chains are addressed by index,
 * from 0 to cg_graph_n_nodes() (and so on); strings and #CgProvenance records returned by
 * the accessors belong to the graph and live as long as it does.
 *
 * Thread safety: a finished graph may be shared between threads and read, and analysed,
 * by any number of them at once (docs/conventions.md, "Thread safety"); its few lazy caches
 * are filled under a lock.
 */

/**
 * CG_VERSION_MAJOR:
 *
 * The major version of the chaingraph headers a program was compiled against.
 */

/**
 * CG_VERSION_MINOR:
 *
 * The minor version of the chaingraph headers a program was compiled against.
 */

/**
 * CG_VERSION_MICRO:
 *
 * The micro version of the chaingraph headers a program was compiled against.
 */

/**
 * CG_VERSION_STRING:
 *
 * The version of the chaingraph headers a program was compiled against, as a string
 * ("MAJOR.MINOR.MICRO").
 */

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

/**
 * cg_graph_n_nodes:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 *
 * The number of nodes (products, materials, technologies) in @graph; indices of this kind
 * run from 0 to it. Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_graph_n_nodes(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->nodes->len; }
/**
 * cg_graph_n_edges:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 *
 * The number of edges (u → v: u is an input of v) in @graph; indices of this kind run from 0
 * to it. Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_graph_n_edges(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->edges->len; }
/**
 * cg_graph_n_groups:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 *
 * The number of input groups over all nodes (each edge belongs to one) in @graph; indices of
 * this kind run from 0 to it. Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_graph_n_groups(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->n_groups; }
/**
 * cg_graph_n_regions:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 *
 * The number of regions in @graph; indices of this kind run from 0 to it. Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_graph_n_regions(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->regions->len; }
/**
 * cg_graph_n_documents:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 *
 * The number of source documents in @graph; indices of this kind run from 0 to it.
 * Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_graph_n_documents(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->documents->len; }
/**
 * cg_graph_n_chains:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 *
 * The number of chains in @graph; indices of this kind run from 0 to it. Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_graph_n_chains(const CgGraph *g) { g_return_val_if_fail(g, 0); return g->chains->len; }

/**
 * cg_node_label:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * The name to show for a node. Complexity: O(1).
 *
 * Returns: the node's Chinese name, else its English name, else its id.
 */
const char *
cg_node_label(const CgGraph *g, CgNodeId v)
{
  CG__NODE_OK(g, v, NULL);
  const CgNodeRec *n = cg__node(g, v);
  return n->name ? n->name : n->name_en ? n->name_en : n->id;
}

/**
 * cg_node_stage:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * Where the node stands in its chain. Complexity: O(1).
 *
 * Returns: its #CgStage, %CG_STAGE_UNKNOWN when no document says
 */
CgStage cg_node_stage(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, CG_STAGE_UNKNOWN); return cg__node(g, v)->stage; }

/**
 * cg_node_weight:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * The weight the node carries as an application (impact is a share of the total application
 * weight). Complexity: O(1).
 *
 * Returns: the application weight, 1 when not given
 */
double cg_node_weight(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, NAN); return cg__app_weight(g, v); }
/**
 * cg_node_import_share:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * The share of the node's supply that is imported, an input of the risk model (docs/risk-
 * model.md). Complexity: O(1).
 *
 * Returns: a share in [0, 1], or NaN when not given
 */
double cg_node_import_share(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, NAN); return cg__node(g, v)->import_share; }
/**
 * cg_node_substitutability:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * How readily the node can be replaced, an input of the risk model (docs/risk-model.md).
 * Complexity: O(1).
 *
 * Returns: a value in [0, 1], or NaN when not given
 */
double cg_node_substitutability(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, NAN); return cg__node(g, v)->subst; }
/**
 * cg_node_recycling:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * The share of the node's supply that recycling can provide, an input of the risk model
 * (docs/risk-model.md). Complexity: O(1).
 *
 * Returns: a share in [0, 1], or NaN when not given
 */
double cg_node_recycling(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, NAN); return cg__node(g, v)->recycle; }
/**
 * cg_node_is_application:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * Whether the node is an application: of stage %CG_STAGE_APPLICATION, or a sink when no node
 * has that stage (DESIGN.md). Complexity: O(1).
 *
 * Returns: whether it is an application
 */
gboolean cg_node_is_application(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, FALSE); return cg__is_app(g, v); }

#define EXTRA_LEN(g, v, field) (cg__node(g, v)->x && cg__node(g, v)->x->field ? cg__node(g, v)->x->field->len : 0)

/**
 * cg_node_n_aliases:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * How many aliases the node has (other names that find it, cg_graph_find_node()).
 * Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_node_n_aliases(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, 0); return EXTRA_LEN(g, v, aliases); }
/**
 * cg_node_alias:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 * @i: an index in [0, cg_node_n_aliases())
 *
 * One alias of the node. Complexity: O(1).
 *
 * Returns: (transfer none): owned by @graph, valid while it lives
 */
const char *
cg_node_alias(const CgGraph *g, CgNodeId v, gsize i)
{
  CG__NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, aliases), NULL);
  return cg__node(g, v)->x->aliases->pdata[i];
}
/**
 * cg_node_n_domains:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * How many domain tags the node has. Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_node_n_domains(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, 0); return EXTRA_LEN(g, v, domains); }
/**
 * cg_node_domain:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 * @i: an index in [0, cg_node_n_domains())
 *
 * One domain tag of the node. Complexity: O(1).
 *
 * Returns: (transfer none): owned by @graph, valid while it lives
 */
const char *
cg_node_domain(const CgGraph *g, CgNodeId v, gsize i)
{
  CG__NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, domains), NULL);
  return cg__node(g, v)->x->domains->pdata[i];
}
/**
 * cg_node_n_provenance:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * How many statements name the node (every document place that declares it). Complexity:
 * O(1).
 *
 * Returns: the count
 */
gsize cg_node_n_provenance(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, 0); return EXTRA_LEN(g, v, provenance); }
/**
 * cg_node_provenance:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 * @i: an index in [0, cg_node_n_provenance())
 *
 * One statement that names the node: document, section, quote. Complexity: O(1).
 *
 * Returns: (transfer none): owned by @graph, valid while it lives
 */
const CgProvenance *
cg_node_provenance(const CgGraph *g, CgNodeId v, gsize i)
{
  CG__NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, provenance), NULL);
  return &g_array_index(cg__node(g, v)->x->provenance, CgProvenance, i);
}
/**
 * cg_node_n_chokepoints:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * How many chokepoint statements (卡脖子, import dependence, monopoly, …) the node has.
 * Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_node_n_chokepoints(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, 0); return EXTRA_LEN(g, v, chokepoints); }
/**
 * cg_node_chokepoint_kind:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 * @i: an index in [0, cg_node_n_chokepoints())
 *
 * The kind of one chokepoint statement (cg_chokepoint_kind_to_string() gives its name:
 * `chokepoint`, `foreign`, `monopoly`, `substitution`,
 * `bottleneck`). Complexity: O(1).
 *
 * Returns: the kind (%CG_CHOKEPOINT_KIND_NONE for an index out of range, a programmer
 *   error)
 */
CgChokepointKind
cg_node_chokepoint_kind(const CgGraph *g, CgNodeId v, gsize i)
{
  CG__NODE_OK(g, v, CG_CHOKEPOINT_KIND_NONE);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, chokepoints), CG_CHOKEPOINT_KIND_NONE);
  CgChokepointKind k = CG_CHOKEPOINT_KIND_NONE;
  cg_chokepoint_kind_from_string(cg__node(g, v)->x->chokepoint_kinds->pdata[i], &k);
  return k;
}
/**
 * cg_node_chokepoint:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 * @i: an index in [0, cg_node_n_chokepoints())
 *
 * Where one chokepoint statement comes from. Complexity: O(1).
 *
 * Returns: (transfer none): owned by @graph, valid while it lives
 */
const CgProvenance *
cg_node_chokepoint(const CgGraph *g, CgNodeId v, gsize i)
{
  CG__NODE_OK(g, v, NULL);
  g_return_val_if_fail(i < EXTRA_LEN(g, v, chokepoints), NULL);
  return &g_array_index(cg__node(g, v)->x->chokepoints, CgProvenance, i);
}
/**
 * cg_node_n_groups:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * How many input groups the node has: it needs one member of every group (AND across groups,
 * OR within one). Complexity: O(1).
 *
 * Returns: the count (0 for a source)
 */
gsize cg_node_n_groups(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, 0); return g->in_goff[v + 1] - g->in_goff[v]; }
/**
 * cg_node_in_degree:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * How many inputs the node has, over all its groups. Complexity: O(1).
 *
 * Returns: the count
 */
gsize
cg_node_in_degree(const CgGraph *g, CgNodeId v)
{
  CG__NODE_OK(g, v, 0);
  return g->gmem_off[g->in_goff[v + 1]] - g->gmem_off[g->in_goff[v]];
}
/**
 * cg_node_out_degree:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * How many nodes use this one as an input. Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_node_out_degree(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, 0); return g->out_off[v + 1] - g->out_off[v]; }

#define EDGE_OK(g, e, ret) g_return_val_if_fail((g) != NULL && (e) < (g)->edges->len, ret)

/**
 * cg_edge_source:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @edge: an edge index in [0, cg_graph_n_edges())
 *
 * The input end of the edge. Complexity: O(1).
 *
 * Returns: a node index
 */
CgNodeId cg_edge_source(const CgGraph *g, gsize e) { EDGE_OK(g, e, 0); return g->esrc[e]; }
/**
 * cg_edge_target:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @edge: an edge index in [0, cg_graph_n_edges())
 *
 * The consuming end of the edge. Complexity: O(1).
 *
 * Returns: a node index
 */
CgNodeId cg_edge_target(const CgGraph *g, gsize e) { EDGE_OK(g, e, 0); return cg__edge_dst(g, (guint32)e); }

/**
 * cg_edge_group:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @edge: an edge index in [0, cg_graph_n_edges())
 *
 * The input group of the target that the edge belongs to. Complexity: O(1).
 *
 * Returns: the group, numbered 0, 1, … among its target's groups
 */
gsize
cg_edge_group(const CgGraph *g, gsize e)
{
  EDGE_OK(g, e, 0);
  guint32 gi = g->egroup[e];
  return gi - g->in_goff[g->group_node[gi]];
}

/**
 * cg_edge_group_size:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @edge: an edge index in [0, cg_graph_n_edges())
 *
 * The size of the edge's input group. Complexity: O(1).
 *
 * Returns: how many alternatives the group has (1: the sole input of its group)
 */
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

/**
 * cg_edge_n_provenance:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @edge: an edge index in [0, cg_graph_n_edges())
 *
 * How many statements gave the edge (a merged edge keeps every one). Complexity: O(1).
 *
 * Returns: the count, at least 1
 */
gsize
cg_edge_n_provenance(const CgGraph *g, gsize e)
{
  EDGE_OK(g, e, 0);
  GArray *more = edge_origin_list(g, e);
  return 1 + (more ? more->len : 0);
}

/**
 * cg_edge_provenance:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @edge: an edge index in [0, cg_graph_n_edges())
 * @i: an index in [0, cg_edge_n_provenance())
 *
 * One statement that gave the edge.
 *
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
 * cg_edge_inferred:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @edge: an edge index in [0, cg_graph_n_edges())
 *
 * Whether the edge rests on inference: every statement that gave it is marked inferred
 * (#CgProvenance.inferred), so cg_graph_restrict() without inferred statements drops it.
 * Complexity: O(cg_edge_n_provenance()).
 *
 * Returns: %TRUE when every statement behind the edge is an inference
 */
gboolean
cg_edge_inferred(const CgGraph *g, gsize e)
{
  EDGE_OK(g, e, FALSE);
  gsize n = cg_edge_n_provenance(g, e);
  for (gsize i = 0; i < n; i++)
    if (!cg_edge_provenance(g, e, i)->inferred)
      return FALSE;
  return n > 0;
}

/**
 * cg_graph_find_edge:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @source: a node index (the input)
 * @target: a node index (the consumer)
 *
 * Finds the edge from @source to @target.
 *
 * Returns: the index of the edge @source → @target, or -1. O(in-degree of @target).
 */
gssize
cg_graph_find_edge(const CgGraph *g, CgNodeId source, CgNodeId target)
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
/**
 * cg_document_file:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @document: a document index in [0, cg_graph_n_documents())
 *
 * The file the document was loaded from. Complexity: O(1).
 *
 * Returns: (transfer none) (nullable): owned by @graph, valid while it lives; %NULL when not
 * given
 */
const char *cg_document_file(const CgGraph *g, gsize d) { DOC_OK(g, d, NULL); return DOC(g, d)->file; }
/**
 * cg_document_key:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @document: a document index in [0, cg_graph_n_documents())
 *
 * The document's short key (e.g. `zhejiang`), the name provenance and the CLI use.
 * Complexity: O(1).
 *
 * Returns: (transfer none): owned by @graph, valid while it lives
 */
const char *cg_document_key(const CgGraph *g, gsize d) { DOC_OK(g, d, NULL); return DOC(g, d)->key; }
/**
 * cg_document_title:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @document: a document index in [0, cg_graph_n_documents())
 *
 * The document's title. Complexity: O(1).
 *
 * Returns: (transfer none) (nullable): owned by @graph, valid while it lives; %NULL when not
 * given
 */
const char *cg_document_title(const CgGraph *g, gsize d) { DOC_OK(g, d, NULL); return DOC(g, d)->title; }

/**
 * cg_document_n_risks:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @document: a document index
 *
 * How many document-wide risk statements (statements that name no material, e.g. "部分核心产业链、
 * 供应链依赖国外，存在断供、断链风险") @document makes. O(1).
 *
 * Returns: the count
 */
gsize
cg_document_n_risks(const CgGraph *g, gsize d)
{
  DOC_OK(g, d, 0);
  return DOC(g, d)->risks ? DOC(g, d)->risks->len : 0;
}

/**
 * cg_document_risk:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @document: a document index
 * @i: which statement, below cg_document_n_risks()
 * @kind: (out) (optional): its kind, as for chokepoints
 *
 * One document-wide risk statement of a document (a risk that names no material).
 *
 * Returns: (transfer none): the statement's provenance (its quote). O(1).
 */
const CgProvenance *
cg_document_risk(const CgGraph *g, gsize d, gsize i, CgChokepointKind *kind)
{
  g_return_val_if_fail(i < cg_document_n_risks(g, d), NULL);
  if (kind && !cg_chokepoint_kind_from_string(DOC(g, d)->risk_kinds->pdata[i], kind))
    *kind = CG_CHOKEPOINT_KIND_NONE;
  return &g_array_index(DOC(g, d)->risks, CgProvenance, i);
}

#define CHAIN(g, c) ((const CgChainRec *)(g)->chains->pdata[c])
#define CHAIN_OK(g, c, ret) g_return_val_if_fail((g) != NULL && (c) < (g)->chains->len, ret)

/**
 * cg_graph_find_chain:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @id: a chain id
 *
 * Finds a chain by its id. Complexity: O(1) expected (a hash table).
 *
 * Returns: the chain index, or -1 when no chain has @id
 */
gssize
cg_graph_find_chain(const CgGraph *g, const char *id)
{
  g_return_val_if_fail(g != NULL && id != NULL, -1);
  gpointer p = g_hash_table_lookup(g->chain_by_id, id);
  return p ? (gssize)GPOINTER_TO_UINT(p) - 1 : -1;
}
/**
 * cg_chain_id:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 *
 * The chain's id. Complexity: O(1).
 *
 * Returns: (transfer none): owned by @graph, valid while it lives
 */
const char *cg_chain_id(const CgGraph *g, gsize c) { CHAIN_OK(g, c, NULL); return CHAIN(g, c)->id; }
/**
 * cg_chain_name:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 *
 * The chain's name as its document gives it. Complexity: O(1).
 *
 * Returns: (transfer none) (nullable): owned by @graph, valid while it lives; %NULL when not
 * given
 */
const char *cg_chain_name(const CgGraph *g, gsize c) { CHAIN_OK(g, c, NULL); return CHAIN(g, c)->name; }
/**
 * cg_chain_path:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 *
 * The chain as its document writes it (the `A——B、C——D` text). Complexity: O(1).
 *
 * Returns: (transfer none) (nullable): owned by @graph, valid while it lives; %NULL when not
 * given
 */
const char *cg_chain_path(const CgGraph *g, gsize c) { CHAIN_OK(g, c, NULL); return CHAIN(g, c)->path; }
/**
 * cg_chain_provenance:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 *
 * Where the chain comes from. Complexity: O(1).
 *
 * Returns: (transfer none): owned by @graph, valid while it lives
 */
const CgProvenance *cg_chain_provenance(const CgGraph *g, gsize c) { CHAIN_OK(g, c, NULL); return &CHAIN(g, c)->prov; }
/**
 * cg_chain_n_stages:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 *
 * How many stages the chain's path has. Complexity: O(1).
 *
 * Returns: the count (0 when the chain has no path)
 */
gsize
cg_chain_n_stages(const CgGraph *g, gsize c)
{
  CHAIN_OK(g, c, 0);
  return CHAIN(g, c)->stages ? CHAIN(g, c)->stages->len : 0;
}
/**
 * cg_chain_stage_size:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 * @stage: an index in [0, cg_chain_n_stages())
 *
 * How many nodes one stage of the chain lists. Complexity: O(1).
 *
 * Returns: the count
 */
gsize
cg_chain_stage_size(const CgGraph *g, gsize c, gsize s)
{
  CHAIN_OK(g, c, 0);
  g_return_val_if_fail(s < cg_chain_n_stages(g, c), 0);
  return ((GArray *)CHAIN(g, c)->stages->pdata[s])->len;
}
/**
 * cg_chain_stage_node:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 * @stage: an index in [0, cg_chain_n_stages())
 * @i: an index in [0, cg_chain_stage_size())
 *
 * One node of one stage of the chain. Complexity: O(1).
 *
 * Returns: a node index
 */
CgNodeId
cg_chain_stage_node(const CgGraph *g, gsize c, gsize s, gsize i)
{
  g_return_val_if_fail(i < cg_chain_stage_size(g, c, s), 0);
  return g_array_index((GArray *)CHAIN(g, c)->stages->pdata[s], guint32, i);
}
/**
 * cg_chain_n_nodes:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 *
 * How many nodes the chain covers. Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_chain_n_nodes(const CgGraph *g, gsize c) { CHAIN_OK(g, c, 0); return CHAIN(g, c)->nodes->len; }

/**
 * cg_node_is_chain_local:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * Whether the node was declared inside a chain block: its names are that chain's own
 * (docs/chain-format.md, "Chain-local nodes"), and a name it shares with another node
 * finds the other one.
 *
 * Returns: whether it is chain-local. Complexity: O(1).
 */
gboolean
cg_node_is_chain_local(const CgGraph *g, CgNodeId v)
{
  CG__NODE_OK(g, v, FALSE);
  const CgNodeRec *n = cg__node(g, v);
  return n->x && n->x->chain_local;
}
/**
 * cg_chain_node:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 * @i: an index in [0, cg_chain_n_nodes())
 *
 * One node of the chain. Complexity: O(1).
 *
 * Returns: a node index
 */
CgNodeId
cg_chain_node(const CgGraph *g, gsize c, gsize i)
{
  g_return_val_if_fail(i < cg_chain_n_nodes(g, c), 0);
  return g_array_index(CHAIN(g, c)->nodes, guint32, i);
}
/**
 * cg_chain_n_edges:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 *
 * How many edges the chain states. Complexity: O(1).
 *
 * Returns: the count
 */
gsize cg_chain_n_edges(const CgGraph *g, gsize c) { CHAIN_OK(g, c, 0); return CHAIN(g, c)->edges->len; }
/**
 * cg_chain_edge:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 * @i: an index in [0, cg_chain_n_edges())
 *
 * One edge of the chain. Complexity: O(1).
 *
 * Returns: an edge index
 */
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

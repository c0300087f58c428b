/* Finding nodes by id, name or alias: the lazily built name index, ambiguous names. */
#include "core/cg-core.h"

#include <string.h>

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

/**
 * cg_graph_find_node:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
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
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @key: an id, alias, Chinese or English name
 * @error: return location for a #GError, or %NULL
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
    cg__set_error_at(error, CG_ERROR_UNKNOWN, NULL, "'%s' names several nodes (%s): give the id",
                     key, ids);
  else
    cg__set_error_at(error, CG_ERROR_UNKNOWN, NULL,
                     "unknown node '%s' (not an id, alias or name of any node)", key);
  return -1;
}

/**
 * cg_node_id:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * The node's canonical id (an ASCII slug, stable across documents). Complexity: O(1).
 *
 * Returns: (transfer none): owned by @graph, valid while it lives
 */
const char *cg_node_id(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, NULL); return cg__node(g, v)->id; }
/**
 * cg_node_name:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * The node's Chinese name. Complexity: O(1).
 *
 * Returns: (transfer none) (nullable): owned by @graph, valid while it lives; %NULL when not
 * given
 */
const char *cg_node_name(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, NULL); return cg__node(g, v)->name; }
/**
 * cg_node_name_en:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @node: a node index in [0, cg_graph_n_nodes())
 *
 * The node's English name. Complexity: O(1).
 *
 * Returns: (transfer none) (nullable): owned by @graph, valid while it lives; %NULL when not
 * given
 */
const char *cg_node_name_en(const CgGraph *g, CgNodeId v) { CG__NODE_OK(g, v, NULL); return cg__node(g, v)->name_en; }

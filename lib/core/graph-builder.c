/* CgGraphBuilder: the public way to build a graph, from code and from every reader (which
 * wraps the graph it fills: cg__graph_builder_wrap()), over the setters of graph-build.c,
 * finished by the same cg__graph_finish(). */
#include "core/graph-build.h"

#include <string.h>

/**
 * SECTION:builder
 * @title: The builder
 * @short_description: a graph built in code, with the same validation a load has
 *
 * A #CgGraphBuilder adds documents, nodes with their attributes, edges with their input
 * groups, regions with parents, aliases and claims, chains and provenance, then
 * cg_graph_builder_finish() returns the same immutable #CgGraph a load gives, with the same
 * validation and errors: every reader (chain, JSON, GraphML, TSV/CSV) makes its statements
 * about nodes, regions, documents, provenance and claims through these same calls, none of
 * them writes a model record itself, and one finishing step ends both. What differs is the
 * place a statement is given at: a reader's is the file's `file:line:column`, the
 * builder's `NAME:N` (the N-th call). (Readers add edges, their input groups and chain
 * membership through the library's private half of the builder, because a file gives one
 * provenance record to all the edges of a statement and groups with no name, which these
 * calls express per edge.) A builder is used by one thread.
 *
 * Text (ids, names, aliases, labels, provenance) must be UTF-8 without control characters,
 * as every reader demands. A call with a #GError refuses such text at once
 * (%CG_ERROR_INVALID, naming the call's place `NAME:N`); a call without one records the
 * first such text, and cg_graph_builder_finish() then fails with that error.
 */

struct _CgGraphBuilder {
  CgGraph *g;       /* NULL after cg_graph_builder_finish() */
  const char *name; /* interned: the "file" of every place */
  guint32 n;        /* statements so far */
  GError *deferred; /* the first bad text a call without a GError gave: finish reports it */
  /* A reader's builder (cg__graph_builder_wrap()): the reader has checked its text (with
   * the file's place in the error) and gives each statement's place itself. */
  gboolean reader;
  const char *at; /* the place of the reader's statements, or NULL: none recorded */
  guint at_line;  /* its line, kept with claims */
};

/* The place of the statement being made: "NAME:N", or the reader's. */
static const char *
next_place(CgGraphBuilder *b)
{
  if (b->reader)
    return b->at;
  return cg__where(b->g, b->name, ++b->n, 0);
}

/* The caller's provenance with its strings copied into the graph; @where when the caller
 * gives none. */
static CgProvenance
own_prov(CgGraphBuilder *b, const CgProvenance *p, const char *where)
{
  CgProvenance q = {-1, NULL, NULL, NULL, where};
  if (p && b->reader) /* a reader's strings are the graph's already, its place its own */
    return *p;
  if (p) {
    q.document = p->document;
    q.section = cg__intern(b->g, p->section);
    q.quote = cg__intern(b->g, p->quote);
    q.inferred = cg__intern(b->g, p->inferred);
    if (p->where)
      q.where = cg__intern(b->g, p->where);
  }
  return q;
}

/* Text for the graph is UTF-8 without control characters, as every reader demands (no
 * text may hold one: a name with a line break would change the graph on its way through
 * a format). FALSE, with @error set (or, for a call that has no GError, the builder's
 * deferred error that cg_graph_builder_finish() reports), for text that is not. */
static gboolean
text_ok(CgGraphBuilder *b, const char *what, const char *text, GError **error)
{
  if (!text || b->reader)
    return TRUE;
  const char *bad = NULL, *p = NULL;
  if (g_utf8_validate(text, -1, &bad) && !(p = cg__control_char(text, -1)))
    return TRUE;
  if (!error) {
    if (b->deferred)
      return FALSE;
    error = &b->deferred;
  }
  const char *where = cg__where(b->g, b->name, b->n + 1, 0);
  if (p)
    cg__set_error_at(error, CG_ERROR_INVALID, where,
                     "%s holds the control character U+%04X (no text may hold one)", what,
                     (guchar)*p);
  else
    cg__set_error_at(error, CG_ERROR_INVALID, where, "%s is not valid UTF-8", what);
  return FALSE;
}

static gboolean
prov_text_ok(CgGraphBuilder *b, const CgProvenance *p, GError **error)
{
  return !p || (text_ok(b, "a provenance's section", p->section, error) &&
                text_ok(b, "a provenance's quote", p->quote, error) &&
                text_ok(b, "a provenance's inferred reason", p->inferred, error) &&
                text_ok(b, "a provenance's place", p->where, error));
}

static gboolean
prov_ok(const CgGraphBuilder *b, const CgProvenance *p)
{
  return !p || (p->document >= -1 && p->document < (int)b->g->documents->len);
}

static gboolean
kind_ok(CgChokepointKind kind)
{
  return kind != CG_CHOKEPOINT_KIND_NONE && cg_chokepoint_kind_to_string(kind) != NULL;
}

/* Programmer errors: a finished builder, an index out of range. */
#define BUILDING(b, ret) g_return_val_if_fail((b) != NULL && (b)->g != NULL, ret)
#define NODE_IN(b, v, ret) g_return_val_if_fail((v) < (b)->g->nodes->len, ret)
#define REGION_IN(b, r, ret) g_return_val_if_fail((r) < (b)->g->regions->len, ret)
#define BUILDING_V(b) g_return_if_fail((b) != NULL && (b)->g != NULL)
#define NODE_IN_V(b, v) g_return_if_fail((v) < (b)->g->nodes->len)
#define REGION_IN_V(b, r) g_return_if_fail((r) < (b)->g->regions->len)

/**
 * cg_graph_builder_new:
 * @name: (nullable): the name the places of this builder's statements carry (`NAME:N` in
 *   error messages and provenance), e.g. the program's or the data source's; %NULL for
 *   `<builder>`
 *
 * An empty builder. Add documents, nodes, edges and regions, then call
 * cg_graph_builder_finish().
 * Returns: (transfer full): free with cg_graph_builder_free(). Complexity: O(1).
 */
CgGraphBuilder *
cg_graph_builder_new(const char *name)
{
  CgGraphBuilder *b = g_new0(CgGraphBuilder, 1);
  b->g = cg__graph_new();
  b->name = cg__intern(b->g, name ? name : "<builder>");
  return b;
}

/**
 * cg_graph_builder_free:
 * @builder: (nullable): a builder
 *
 * Frees @builder and, unless cg_graph_builder_finish() took it, the graph it was building.
 * NULL-safe.
 */
void
cg_graph_builder_free(CgGraphBuilder *b)
{
  if (!b)
    return;
  cg_graph_free(b->g);
  g_clear_error(&b->deferred);
  g_free(b);
}

/**
 * cg_graph_builder_finish:
 * @builder: a builder
 * @error: (nullable): where a data error goes
 *
 * Checks the graph as a load does (region parents, self-loops, duplicate edges in
 * different groups…) and returns it. The builder is empty afterwards: free it with
 * cg_graph_builder_free(); any other call on it is a programmer error.
 * Errors: %CG_ERROR_INVALID for the first text a call without a #GError gave that is not
 *   UTF-8 or holds a control character (see the section above); then as cg_graph_load():
 *   %CG_ERROR_UNKNOWN for an unknown region parent,
 *   %CG_ERROR_INVALID or %CG_ERROR_CONFLICT for an edge that breaks a rule, each naming the
 *   statements' places.
 * Returns: (transfer full) (nullable): the graph, as immutable as a loaded one; %NULL with
 *   @error set (the builder is then empty too). Complexity: O(V + E log E) at most, as a
 *   load's finishing step.
 */
CgGraph *
cg_graph_builder_finish(CgGraphBuilder *b, GError **error)
{
  BUILDING(b, NULL);
  CgGraph *g = b->g;
  b->g = NULL;
  if (b->deferred) {
    g_propagate_error(error, g_steal_pointer(&b->deferred));
    cg_graph_free(g);
    return NULL;
  }
  if (!cg__graph_finish(g, error)) {
    cg_graph_free(g);
    return NULL;
  }
  return g;
}

/**
 * cg_graph_builder_add_document:
 * @builder: a builder
 * @file: the document's file name (its identity: the same file is one document)
 * @key: (nullable): a short key (e.g. `zhejiang`); %NULL: the file name
 * @title: (nullable): its title
 *
 * A source document, which provenance cites by its index. The same file again is the
 * same document: a @key or @title other than the one given before is a conflict that
 * cg_graph_builder_finish() reports (cg_graph_builder_set_document_key() reports it at once).
 * Returns: the document's index. Complexity: O(D) for D documents.
 */
gsize
cg_graph_builder_add_document(CgGraphBuilder *b, const char *file, const char *key,
                              const char *title)
{
  BUILDING(b, G_MAXSIZE);
  g_return_val_if_fail(file != NULL && *file, G_MAXSIZE);
  (void)(text_ok(b, "a document's file", file, NULL) && text_ok(b, "a document's key", key, NULL) &&
         text_ok(b, "a document's title", title, NULL));
  const char *where = next_place(b);
  guint32 d = cg__document_ensure(b->g, file, where);
  GError **deferred = b->deferred ? NULL : &b->deferred;
  (void)(cg__document_set(b->g, d, "key", key, where, deferred) &&
         cg__document_set(b->g, d, "title", title, where, deferred));
  return d;
}

static gboolean
set_document(CgGraphBuilder *b, gsize d, const char *attr, const char *what, const char *value,
             GError **error)
{
  BUILDING(b, FALSE);
  g_return_val_if_fail(d < b->g->documents->len && value != NULL, FALSE);
  if (!text_ok(b, what, value, error))
    return FALSE;
  return cg__document_set(b->g, (guint32)d, attr, value, next_place(b), error);
}

/**
 * cg_graph_builder_set_document_key:
 * @builder: a builder
 * @document: a document index
 * @key: its short key (e.g. `zhejiang`)
 * @error: (nullable): where a conflict goes
 *
 * Errors: %CG_ERROR_CONFLICT for another key given before (the file name, the default, is
 *   replaced), naming the document's place.
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: O(1) expected.
 */
gboolean
cg_graph_builder_set_document_key(CgGraphBuilder *b, gsize d, const char *key, GError **error)
{
  return set_document(b, d, "key", "a document's key", key, error);
}

/**
 * cg_graph_builder_set_document_title:
 * @builder: a builder
 * @document: a document index
 * @title: its title
 * @error: (nullable): where a conflict goes
 *
 * Errors: %CG_ERROR_CONFLICT for another title given before, naming the document's place.
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: O(1) expected.
 */
gboolean
cg_graph_builder_set_document_title(CgGraphBuilder *b, gsize d, const char *title, GError **error)
{
  return set_document(b, d, "title", "a document's title", title, error);
}

/**
 * cg_graph_builder_set_document_region:
 * @builder: a builder
 * @document: a document index
 * @region: the name of the region whose plan it is (e.g. 浙江省)
 * @error: (nullable): where a conflict goes
 *
 * Errors: %CG_ERROR_CONFLICT for another region given before, naming the document's place.
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: O(1) expected.
 */
gboolean
cg_graph_builder_set_document_region(CgGraphBuilder *b, gsize d, const char *region,
                                     GError **error)
{
  return set_document(b, d, "region", "a document's region", region, error);
}

/**
 * cg_graph_builder_add_document_risk:
 * @builder: a builder
 * @document: a document index
 * @kind: its kind (not %CG_CHOKEPOINT_KIND_NONE)
 * @provenance: (nullable): the statement's quote and section (its document is @document)
 *
 * A document-wide risk statement that names no material. A repeated one is kept once.
 * Complexity: O(risks of the document).
 */
void
cg_graph_builder_add_document_risk(CgGraphBuilder *b, gsize d, CgChokepointKind kind,
                                   const CgProvenance *p)
{
  BUILDING_V(b);
  g_return_if_fail(d < b->g->documents->len && kind_ok(kind));
  prov_text_ok(b, p, NULL);
  CgProvenance q = own_prov(b, p, next_place(b));
  q.document = (int)d;
  cg__document_add_risk(b->g, (guint32)d, cg_chokepoint_kind_to_string(kind), &q);
}

/**
 * cg_graph_builder_add_node:
 * @builder: a builder
 * @id: the node's canonical id (non-empty)
 *
 * The node with this id, created if it is new (nodes with the same id are one node).
 * Returns: the node's index (%CG_NODE_NONE on a programmer error: a finished builder, no
 *   id). Complexity: O(1) expected.
 */
CgNodeId
cg_graph_builder_add_node(CgGraphBuilder *b, const char *id)
{
  return cg__graph_builder_node(b, id, NULL);
}

/**
 * cg_graph_builder_set_node_name:
 * @builder: a builder
 * @node: a node index
 * @name: its Chinese name (found by cg_graph_find_node())
 * @error: (nullable): where a conflict goes
 *
 * Errors: %CG_ERROR_CONFLICT if the node already has another name, naming both places.
 * Returns: %FALSE with @error set on a conflict. Complexity: O(1) expected.
 */
gboolean
cg_graph_builder_set_node_name(CgGraphBuilder *b, CgNodeId v, const char *name, GError **error)
{
  BUILDING(b, FALSE);
  NODE_IN(b, v, FALSE);
  g_return_val_if_fail(name != NULL, FALSE);
  if (!text_ok(b, "a node's name", name, error))
    return FALSE;
  return cg__node_set_name(b->g, (guint32)v, cg__intern(b->g, name), next_place(b), error);
}

/**
 * cg_graph_builder_set_node_name_en:
 * @builder: a builder
 * @node: a node index
 * @name_en: its English name
 * @error: (nullable): where a conflict goes
 *
 * As cg_graph_builder_set_node_name(), for the English name.
 * Returns: %FALSE with @error set on a conflict. Complexity: O(1) expected.
 */
gboolean
cg_graph_builder_set_node_name_en(CgGraphBuilder *b, CgNodeId v, const char *name_en,
                                  GError **error)
{
  BUILDING(b, FALSE);
  NODE_IN(b, v, FALSE);
  g_return_val_if_fail(name_en != NULL, FALSE);
  if (!text_ok(b, "a node's English name", name_en, error))
    return FALSE;
  return cg__node_set_name_en(b->g, (guint32)v, cg__intern(b->g, name_en), next_place(b),
                              error);
}

/**
 * cg_graph_builder_set_node_stage:
 * @builder: a builder
 * @node: a node index
 * @stage: its stage
 * @error: (nullable): where a conflict goes
 *
 * Errors: %CG_ERROR_CONFLICT if the node already has another stage, naming both places.
 * Returns: %FALSE with @error set on a conflict. Complexity: O(1).
 */
gboolean
cg_graph_builder_set_node_stage(CgGraphBuilder *b, CgNodeId v, CgStage stage, GError **error)
{
  BUILDING(b, FALSE);
  NODE_IN(b, v, FALSE);
  g_return_val_if_fail(stage >= CG_STAGE_UNKNOWN && stage <= CG_STAGE_CATEGORY, FALSE);
  return cg__node_set_stage(b->g, (guint32)v, stage, next_place(b), error);
}

static gboolean
set_number(CgGraphBuilder *b, gsize v, const char *attr, double x, GError **error)
{
  BUILDING(b, FALSE);
  NODE_IN(b, v, FALSE);
  return cg__node_set_number(b->g, (guint32)v, attr, x, next_place(b), error);
}

/**
 * cg_graph_builder_set_node_weight:
 * @builder: a builder
 * @node: a node index
 * @weight: its weight as an application (> 0; applications default to 1)
 * @error: (nullable): where a data error goes
 *
 * Errors: %CG_ERROR_INVALID for a weight not > 0, %CG_ERROR_CONFLICT for another weight
 *   given before (naming both places).
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: O(1).
 */
gboolean
cg_graph_builder_set_node_weight(CgGraphBuilder *b, CgNodeId v, double weight, GError **error)
{
  return set_number(b, v, "weight", weight, error);
}

/**
 * cg_graph_builder_set_node_import_share:
 * @builder: a builder
 * @node: a node index
 * @share: the share of its supply that is imported, in [0, 1]
 * @error: (nullable): where a data error goes
 *
 * Errors: %CG_ERROR_INVALID out of [0, 1], %CG_ERROR_CONFLICT for another value given
 * before.
 *
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: O(1).
 */
gboolean
cg_graph_builder_set_node_import_share(CgGraphBuilder *b, CgNodeId v, double share, GError **error)
{
  return set_number(b, v, "import", share, error);
}

/**
 * cg_graph_builder_set_node_substitutability:
 * @builder: a builder
 * @node: a node index
 * @substitutability: how substitutable it is, in [0, 1]
 * @error: (nullable): where a data error goes
 *
 * Errors and returns as cg_graph_builder_set_node_import_share(). Complexity: O(1).
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
cg_graph_builder_set_node_substitutability(CgGraphBuilder *b, CgNodeId v, double substitutability,
                                           GError **error)
{
  return set_number(b, v, "subst", substitutability, error);
}

/**
 * cg_graph_builder_set_node_recycling:
 * @builder: a builder
 * @node: a node index
 * @rate: its end-of-life recycling input rate, in [0, 1]
 * @error: (nullable): where a data error goes
 *
 * Errors and returns as cg_graph_builder_set_node_import_share(). Complexity: O(1).
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
cg_graph_builder_set_node_recycling(CgGraphBuilder *b, CgNodeId v, double rate, GError **error)
{
  return set_number(b, v, "recycle", rate, error);
}

/**
 * cg_graph_builder_add_node_alias:
 * @builder: a builder
 * @node: a node index
 * @alias: another name it is found by
 * @error: (nullable): where a conflict goes
 *
 * Errors: %CG_ERROR_CONFLICT if @alias is another node's id.
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: O(aliases of the node).
 */
gboolean
cg_graph_builder_add_node_alias(CgGraphBuilder *b, CgNodeId v, const char *alias, GError **error)
{
  BUILDING(b, FALSE);
  NODE_IN(b, v, FALSE);
  g_return_val_if_fail(alias != NULL && *alias, FALSE);
  if (!text_ok(b, "a node's alias", alias, error))
    return FALSE;
  return cg__node_add_alias(b->g, (guint32)v, alias, next_place(b), error);
}

/**
 * cg_graph_builder_add_node_domain:
 * @builder: a builder
 * @node: a node index
 * @domain: a domain tag (e.g. 新材料)
 *
 * Complexity: O(domains of the node).
 */
void
cg_graph_builder_add_node_domain(CgGraphBuilder *b, CgNodeId v, const char *domain)
{
  BUILDING_V(b);
  NODE_IN_V(b, v);
  g_return_if_fail(domain != NULL);
  text_ok(b, "a node's domain", domain, NULL);
  b->n++;
  cg__node_add_domain(b->g, (guint32)v, domain);
}

/**
 * cg_graph_builder_add_node_provenance:
 * @builder: a builder
 * @node: a node index
 * @provenance: who says the node exists: a document index (or -1), section, quote or
 *   inference; its strings are copied; %NULL where means this statement's place
 *
 * A repeated provenance is kept once. Complexity: O(provenance of the node).
 */
void
cg_graph_builder_add_node_provenance(CgGraphBuilder *b, CgNodeId v, const CgProvenance *p)
{
  BUILDING_V(b);
  NODE_IN_V(b, v);
  g_return_if_fail(p != NULL && prov_ok(b, p));
  prov_text_ok(b, p, NULL);
  CgProvenance q = own_prov(b, p, next_place(b));
  cg__node_add_provenance(b->g, (guint32)v, &q);
}

/**
 * cg_graph_builder_add_node_chokepoint:
 * @builder: a builder
 * @node: a node index
 * @kind: its kind (not %CG_CHOKEPOINT_KIND_NONE)
 * @provenance: the evidence (document, quote…), as for cg_graph_builder_add_node_provenance()
 *
 * Chokepoint evidence of the node, which the risk model weighs by its kind.
 * Complexity: O(chokepoints of the node).
 */
void
cg_graph_builder_add_node_chokepoint(CgGraphBuilder *b, CgNodeId v, CgChokepointKind kind,
                                     const CgProvenance *p)
{
  BUILDING_V(b);
  NODE_IN_V(b, v);
  g_return_if_fail(p != NULL && prov_ok(b, p) && kind_ok(kind));
  prov_text_ok(b, p, NULL);
  CgProvenance q = own_prov(b, p, next_place(b));
  cg__node_add_chokepoint(b->g, (guint32)v, cg_chokepoint_kind_to_string(kind), &q);
}

/* An edge, stated by chain @ci (CG_NONE: by no chain); the statement's place goes with
 * its origin. */
static void
add_edge(CgGraphBuilder *b, guint32 ci, gsize source, gsize target, const char *group,
         const CgProvenance *p)
{
  const char *where = next_place(b);
  CgProvenance q = own_prov(b, p, where);
  if (!p || !p->where)
    q.where = NULL; /* the origin's file and line are the place */
  guint32 label = group ? cg__label_intern(b->g, group) : cg__label_own(b->g);
  guint32 origin = cg__origin_add(b->g, b->name, &q, ci);
  cg__edge_add(b->g, (guint32)source, (guint32)target, label, origin, b->n, 0);
  if (ci != CG_NONE)
    cg__chain_add_edge(b->g->chains->pdata[ci], (guint32)source, (guint32)target);
}

/**
 * cg_graph_builder_add_edge:
 * @builder: a builder
 * @source: a node index: the input
 * @target: a node index: what it is an input of
 * @group: (nullable): the input group among @target's inputs: edges to one target with the
 *   same @group are alternatives (OR: @target needs one of them); %NULL for a group of its
 *   own (AND: @target needs this input)
 * @provenance: (nullable): who says so (a document's quote, or an inference); its strings
 *   are copied
 *
 * @source is an input of @target. Adding the same edge again merges the two, keeping both
 * provenances; in two different groups it is an error of cg_graph_builder_finish(), as is
 * an edge from a node to itself. Complexity: O(1) amortised.
 */
void
cg_graph_builder_add_edge(CgGraphBuilder *b, CgNodeId source, CgNodeId target, const char *group,
                          const CgProvenance *p)
{
  BUILDING_V(b);
  NODE_IN_V(b, source);
  NODE_IN_V(b, target);
  g_return_if_fail(prov_ok(b, p));
  (void)(text_ok(b, "an input group's label", group, NULL) && prov_text_ok(b, p, NULL));
  add_edge(b, CG_NONE, source, target, group, p);
}

/**
 * cg_graph_builder_add_chain:
 * @builder: a builder
 * @id: the chain's id (e.g. `zj-magnet`), new
 * @name: (nullable): its name (e.g. 磁性材料产业链); %NULL: the id
 * @name_en: (nullable): its English name
 * @path: (nullable): the chain as the document writes it (e.g. 稀土——钕铁硼——电机)
 * @provenance: (nullable): who states the chain; its strings are copied
 * @error: (nullable): where a conflict goes
 *
 * A chain: a document's named sequence of stages. Give its stages, nodes and edges with
 * cg_graph_builder_add_chain_stage(), _add_chain_node() and _add_chain_edge().
 * Errors: %CG_ERROR_CONFLICT if a chain with this id exists, naming its place.
 * Returns: the chain's index, or %G_MAXSIZE with @error set. Complexity: O(1) expected.
 */
gsize
cg_graph_builder_add_chain(CgGraphBuilder *b, const char *id, const char *name,
                           const char *name_en, const char *path, const CgProvenance *p,
                           GError **error)
{
  BUILDING(b, G_MAXSIZE);
  g_return_val_if_fail(id != NULL && *id && prov_ok(b, p), G_MAXSIZE);
  if (!text_ok(b, "a chain's id", id, error) || !text_ok(b, "a chain's name", name, error) ||
      !text_ok(b, "a chain's English name", name_en, error) ||
      !text_ok(b, "a chain's path", path, error) || !prov_text_ok(b, p, error))
    return G_MAXSIZE;
  const char *where = next_place(b);
  if (!cg__chain_new_ok(b->g, id, where, error))
    return G_MAXSIZE;
  CgProvenance q = own_prov(b, p, where);
  cg__chain_add(b->g, id, name ? name : id, name_en, path, &q);
  return b->g->chains->len - 1;
}

#define CHAIN_IN_V(b, c) g_return_if_fail((c) < (b)->g->chains->len)

/**
 * cg_graph_builder_add_chain_stage:
 * @builder: a builder
 * @chain: a chain index
 * @nodes: (array length=n_nodes): the nodes of the stage
 * @n_nodes: how many
 *
 * The chain's next stage (left to right), whose nodes become the chain's too. A stage with
 * no node is dropped when the graph is finished.
 * Complexity: O(n_nodes · chain nodes).
 */
void
cg_graph_builder_add_chain_stage(CgGraphBuilder *b, gsize chain, const CgNodeId *nodes,
                                 gsize n_nodes)
{
  BUILDING_V(b);
  CHAIN_IN_V(b, chain);
  g_return_if_fail(nodes != NULL || n_nodes == 0);
  for (gsize i = 0; i < n_nodes; i++)
    NODE_IN_V(b, nodes[i]);
  b->n++;
  CgChainRec *c = b->g->chains->pdata[chain];
  guint k = cg__chain_add_stage(c);
  for (gsize i = 0; i < n_nodes; i++) {
    cg__chain_add_stage_node(c, k, (guint32)nodes[i]);
    cg__chain_add_node(c, (guint32)nodes[i]);
  }
}

/**
 * cg_graph_builder_add_chain_node:
 * @builder: a builder
 * @chain: a chain index
 * @node: a node index
 *
 * @node belongs to the chain (once, in first-appearance order), on no stage of it.
 * Complexity: O(chain nodes).
 */
void
cg_graph_builder_add_chain_node(CgGraphBuilder *b, gsize chain, CgNodeId v)
{
  BUILDING_V(b);
  CHAIN_IN_V(b, chain);
  NODE_IN_V(b, v);
  b->n++;
  cg__chain_add_node(b->g->chains->pdata[chain], (guint32)v);
}

/**
 * cg_graph_builder_add_chain_edge:
 * @builder: a builder
 * @chain: a chain index
 * @source: a node index
 * @target: a node index
 * @group: (nullable): as for cg_graph_builder_add_edge()
 * @provenance: (nullable): as for cg_graph_builder_add_edge()
 *
 * An edge the chain states: cg_graph_builder_add_edge(), and the edge and its ends belong
 * to the chain. Complexity: O(chain nodes).
 */
void
cg_graph_builder_add_chain_edge(CgGraphBuilder *b, gsize chain, CgNodeId source, CgNodeId target,
                                const char *group, const CgProvenance *p)
{
  BUILDING_V(b);
  CHAIN_IN_V(b, chain);
  NODE_IN_V(b, source);
  NODE_IN_V(b, target);
  g_return_if_fail(prov_ok(b, p));
  (void)(text_ok(b, "an input group's label", group, NULL) && prov_text_ok(b, p, NULL));
  add_edge(b, (guint32)chain, source, target, group, p);
}

/**
 * cg_graph_builder_add_region:
 * @builder: a builder
 * @name: the region's name (e.g. 宁波), or a name, id or alias it already has
 *
 * The region with this name, created if it is new.
 * Returns: the region's index. Complexity: O(1) expected.
 */
gsize
cg_graph_builder_add_region(CgGraphBuilder *b, const char *name)
{
  BUILDING(b, G_MAXSIZE);
  g_return_val_if_fail(name != NULL && *name, G_MAXSIZE);
  text_ok(b, "a region's name", name, NULL);
  return cg__region_ensure(b->g, name, next_place(b));
}

/**
 * cg_graph_builder_set_region_level:
 * @builder: a builder
 * @region: a region index
 * @level: its level
 * @error: (nullable): where a conflict goes
 *
 * Errors: %CG_ERROR_CONFLICT for another level given before, naming both places.
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: O(1).
 */
gboolean
cg_graph_builder_set_region_level(CgGraphBuilder *b, gsize r, CgRegionLevel level,
                                  GError **error)
{
  BUILDING(b, FALSE);
  REGION_IN(b, r, FALSE);
  return cg__region_set_level(b->g, (guint32)r, level, next_place(b), error);
}

/**
 * cg_graph_builder_set_region_id:
 * @builder: a builder
 * @region: a region index
 * @id: its ASCII id (e.g. `ningbo`), by which it is found too
 * @error: (nullable): where a conflict goes
 *
 * Errors: %CG_ERROR_CONFLICT for another id given before or an id that names another
 * region.
 *
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: O(1) expected.
 */
gboolean
cg_graph_builder_set_region_id(CgGraphBuilder *b, gsize r, const char *id, GError **error)
{
  BUILDING(b, FALSE);
  REGION_IN(b, r, FALSE);
  g_return_val_if_fail(id != NULL && *id, FALSE);
  if (!text_ok(b, "a region's id", id, error))
    return FALSE;
  return cg__region_set_id(b->g, (guint32)r, id, next_place(b), error);
}

/**
 * cg_graph_builder_set_region_name_en:
 * @builder: a builder
 * @region: a region index
 * @name_en: its English name
 * @error: (nullable): where a conflict goes
 *
 * Errors: %CG_ERROR_CONFLICT for another English name given before.
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: O(1).
 */
gboolean
cg_graph_builder_set_region_name_en(CgGraphBuilder *b, gsize r, const char *name_en,
                                    GError **error)
{
  BUILDING(b, FALSE);
  REGION_IN(b, r, FALSE);
  g_return_val_if_fail(name_en != NULL, FALSE);
  if (!text_ok(b, "a region's English name", name_en, error))
    return FALSE;
  return cg__region_set_name_en(b->g, (guint32)r, name_en, next_place(b), error);
}

/**
 * cg_graph_builder_add_region_alias:
 * @builder: a builder
 * @region: a region index
 * @alias: another name the region is found by (e.g. 甬 for 宁波)
 * @error: (nullable): where a conflict goes
 *
 * A name that already finds this region is not recorded again.
 * Errors: %CG_ERROR_CONFLICT if @alias already finds another region.
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: O(aliases of the region).
 */
gboolean
cg_graph_builder_add_region_alias(CgGraphBuilder *b, gsize r, const char *alias, GError **error)
{
  BUILDING(b, FALSE);
  REGION_IN(b, r, FALSE);
  g_return_val_if_fail(alias != NULL && *alias, FALSE);
  if (!text_ok(b, "a region's alias", alias, error))
    return FALSE;
  const char *where = next_place(b);
  gssize other = cg__region_add_alias(b->g, (guint32)r, alias, FALSE);
  if (other >= 0) {
    cg__set_error_at(error, CG_ERROR_CONFLICT, where, "region alias '%s' already names '%s'",
                     alias, ((CgRegionRec *)b->g->regions->pdata[other])->name);
    return FALSE;
  }
  return TRUE;
}

/**
 * cg_graph_builder_set_region_parent:
 * @builder: a builder
 * @region: a region index
 * @parent: the name, id or alias of the region it lies in (it may be added later)
 * @error: (nullable): where a conflict goes
 *
 * Errors: %CG_ERROR_CONFLICT for another parent given before; an unknown parent is an
 * error of cg_graph_builder_finish().
 *
 * Returns: %TRUE on success, %FALSE with @error set.
 * Complexity: O(1).
 */
gboolean
cg_graph_builder_set_region_parent(CgGraphBuilder *b, gsize r, const char *parent,
                                   GError **error)
{
  BUILDING(b, FALSE);
  REGION_IN(b, r, FALSE);
  g_return_val_if_fail(parent != NULL && *parent, FALSE);
  if (!text_ok(b, "a region's parent", parent, error))
    return FALSE;
  return cg__region_set_parent(b->g, (guint32)r, parent, next_place(b), error);
}

/**
 * cg_graph_builder_add_region_provenance:
 * @builder: a builder
 * @region: a region index
 * @provenance: who names the region: a document index (or -1), section, quote or inference;
 *   its strings are copied; %NULL where means this statement's place
 *
 * A repeated provenance is kept once. Complexity: O(provenance of the region).
 */
void
cg_graph_builder_add_region_provenance(CgGraphBuilder *b, gsize r, const CgProvenance *p)
{
  BUILDING_V(b);
  REGION_IN_V(b, r);
  g_return_if_fail(p != NULL && prov_ok(b, p));
  prov_text_ok(b, p, NULL);
  CgProvenance q = own_prov(b, p, next_place(b));
  cg__region_add_provenance(b->g, (guint32)r, &q);
}

/**
 * cg_graph_builder_add_capability:
 * @builder: a builder
 * @region: a region index
 * @node: a node index: what the region makes
 * @share: its share of the node's production, in [0, 1], or NAN if unknown
 * @planned: %TRUE if the region plans to make it rather than making it now
 * @provenance: (nullable): who says so; its strings are copied
 *
 * A capability claim. Every claim is kept as given; the analyses merge them per node.
 * Complexity: O(1) amortised.
 */
void
cg_graph_builder_add_capability(CgGraphBuilder *b, gsize r, CgNodeId v, double share,
                                gboolean planned, const CgProvenance *p)
{
  BUILDING_V(b);
  REGION_IN_V(b, r);
  NODE_IN_V(b, v);
  g_return_if_fail(isnan(share) || (share >= 0 && share <= 1));
  g_return_if_fail(prov_ok(b, p));
  prov_text_ok(b, p, NULL);
  CgProvenance q = own_prov(b, p, next_place(b));
  cg__region_add_capability(b->g, (guint32)r, (guint32)v, share, planned, &q, b->at_line);
}

/* The builder as a reader drives it (cg-core.h). */

CgGraphBuilder *
cg__graph_builder_wrap(CgGraph *g)
{
  CgGraphBuilder *b = g_new0(CgGraphBuilder, 1);
  b->g = g;
  b->reader = TRUE;
  return b;
}

void
cg__graph_builder_unwrap(CgGraphBuilder *b)
{
  g_free(b); /* the graph stays with the loader, which finishes it */
}

CgGraph *
cg__graph_builder_graph(CgGraphBuilder *b)
{
  return b->g;
}

void
cg__graph_builder_at(CgGraphBuilder *b, const char *where, guint line)
{
  b->at = where;
  b->at_line = line;
}

CgNodeId
cg__graph_builder_node(CgGraphBuilder *b, const char *id, gboolean *created)
{
  BUILDING(b, CG_NODE_NONE);
  g_return_val_if_fail(id != NULL && *id, CG_NODE_NONE);
  text_ok(b, "a node's id", id, NULL);
  return cg__node_ensure(b->g, id, next_place(b), created);
}

gboolean
cg__graph_builder_set_node_number(CgGraphBuilder *b, CgNodeId v, const char *attr, double x,
                                  GError **error)
{
  return set_number(b, v, attr, x, error);
}

gssize
cg__graph_builder_region_alias(CgGraphBuilder *b, gsize r, const char *alias, gboolean keep_own_names)
{
  BUILDING(b, -1);
  REGION_IN(b, r, -1);
  return cg__region_add_alias(b->g, (guint32)r, alias, keep_own_names);
}

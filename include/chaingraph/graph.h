/* chaingraph — the graph model: nodes, edges with input groups, regions, documents.
 * Only <chaingraph/chaingraph.h> may be included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <glib.h>
#include <chaingraph/version.h>

G_BEGIN_DECLS

/**
 * CG_ERROR:
 *
 * The error domain of every chaingraph function. Messages about data name the place:
 * `file:line:column: message`.
 */
#define CG_ERROR (cg_error_quark())
CG_AVAILABLE_IN_1_0
GQuark cg_error_quark(void);

/**
 * CgError:
 * @CG_ERROR_IO: a file could not be read or written
 * @CG_ERROR_PARSE: the text is not valid in its format
 * @CG_ERROR_UNKNOWN: a reference names no node, region, document or chain
 * @CG_ERROR_CONFLICT: two declarations disagree (the message names both places)
 * @CG_ERROR_INVALID: a value is out of range, or the graph breaks a rule of the model
 * @CG_ERROR_IGRAPH: igraph reported an error
 * @CG_ERROR_USAGE: a caller's argument is invalid (unknown format, bad option)
 *
 * The error codes of %CG_ERROR.
 */
typedef enum {
  CG_ERROR_IO,
  CG_ERROR_PARSE,
  CG_ERROR_UNKNOWN,
  CG_ERROR_CONFLICT,
  CG_ERROR_INVALID,
  CG_ERROR_IGRAPH,
  CG_ERROR_USAGE,
} CgError;

/**
 * CgNodeId:
 *
 * A node's index, in [0, cg_graph_n_nodes()): the one type for a node in the public API
 * (accessors, adjacency, the builder, results). Nodes are numbered densely from 0 in id
 * order; a graph holds fewer than %CG_NODE_NONE nodes.
 */
typedef guint32 CgNodeId;

/**
 * CG_NODE_NONE:
 *
 * No node: what a node-valued answer holds where there is none (e.g. the root's immediate
 * dominator).
 */
#define CG_NODE_NONE G_MAXUINT32

/**
 * CgStage:
 * @CG_STAGE_UNKNOWN: no document says
 * @CG_STAGE_RAW: a raw material (ore, crude, …)
 * @CG_STAGE_MATERIAL: a material made from raw materials
 * @CG_STAGE_COMPONENT: a component or device
 * @CG_STAGE_PRODUCT: a finished product
 * @CG_STAGE_APPLICATION: an application: what the chain serves, weighed by impact
 * @CG_STAGE_RECYCLING: recycling, feeding materials back
 * @CG_STAGE_CATEGORY: a category: a document's umbrella word (新材料, 电池材料, a chain's lumped
 *   feedstock 原料 …) that stands for several products; never ranked as a bottleneck or a
 *   risk link, never the sole input of a group (a load refuses it)
 *
 * Where a node stands in its chain (a document's own label is mapped onto these).
 */
typedef enum {
  CG_STAGE_UNKNOWN,
  CG_STAGE_RAW,
  CG_STAGE_MATERIAL,
  CG_STAGE_COMPONENT,
  CG_STAGE_PRODUCT,
  CG_STAGE_APPLICATION,
  CG_STAGE_RECYCLING,
  CG_STAGE_CATEGORY,
} CgStage;

CG_AVAILABLE_IN_1_0
const char *cg_stage_to_string(CgStage stage);
CG_AVAILABLE_IN_1_0
gboolean cg_stage_from_string(const char *text, CgStage *out);

/**
 * CgRegionLevel:
 * @CG_LEVEL_UNKNOWN: not given
 * @CG_LEVEL_COUNTRY: a country; foreign supply (`国外`) is one
 * @CG_LEVEL_PROVINCE: a province or province-level city
 * @CG_LEVEL_CITY: a city
 * @CG_LEVEL_DISTRICT: a district or county
 * @CG_LEVEL_ZONE: a development zone or new area (临港新片区)
 * @CG_LEVEL_CLUSTER: an industrial cluster or base
 *
 * How large a region is; a region's parent is of a larger level (宁波 ⊂ 浙江).
 */
typedef enum {
  CG_LEVEL_UNKNOWN,
  CG_LEVEL_COUNTRY,
  CG_LEVEL_PROVINCE,
  CG_LEVEL_CITY,
  CG_LEVEL_DISTRICT,
  CG_LEVEL_ZONE,
  CG_LEVEL_CLUSTER,
} CgRegionLevel;

CG_AVAILABLE_IN_1_0
const char *cg_level_to_string(CgRegionLevel level);
CG_AVAILABLE_IN_1_0
gboolean cg_level_from_string(const char *text, CgRegionLevel *out);

/**
 * CgChokepointKind:
 * @CG_CHOKEPOINT_KIND_NONE: no chokepoint evidence (only in #CgRiskFactors)
 * @CG_CHOKEPOINT_KIND_CHOKEPOINT: a chokepoint (卡脖子), the default kind
 * @CG_CHOKEPOINT_KIND_FOREIGN: foreign dependence
 * @CG_CHOKEPOINT_KIND_MONOPOLY: a foreign monopoly
 * @CG_CHOKEPOINT_KIND_SUBSTITUTION: import substitution under way
 * @CG_CHOKEPOINT_KIND_BOTTLENECK: a domestic technology not yet mastered
 *
 * The kind of a chokepoint statement about a node, or of a document-wide risk statement
 * (the formats write it as text: cg_chokepoint_kind_to_string()).
 */
typedef enum {
  CG_CHOKEPOINT_KIND_NONE,
  CG_CHOKEPOINT_KIND_CHOKEPOINT,
  CG_CHOKEPOINT_KIND_FOREIGN,
  CG_CHOKEPOINT_KIND_MONOPOLY,
  CG_CHOKEPOINT_KIND_SUBSTITUTION,
  CG_CHOKEPOINT_KIND_BOTTLENECK,
} CgChokepointKind;

CG_AVAILABLE_IN_1_0
const char *cg_chokepoint_kind_to_string(CgChokepointKind kind);
CG_AVAILABLE_IN_1_0
gboolean cg_chokepoint_kind_from_string(const char *text, CgChokepointKind *out);

/**
 * CgProvenance:
 * @document: index of the document (see cg_document_file()), or -1
 * @section: the section, or %NULL
 * @quote: a verbatim quote of the document, or %NULL
 * @inferred: the reason of an analyst inference, or %NULL
 * @where: the `file:line:column` of the statement that said it, or %NULL
 *
 * Who says so. Strings are owned by the graph.
 */
typedef struct {
  int document;
  const char *section;
  const char *quote;
  const char *inferred;
  const char *where;
} CgProvenance;

/**
 * CgProgressFunc:
 * @fraction: the share of the phase done, in [0, 1]
 * @phase: what is being done, e.g. "supply risk: Monte Carlo"
 * @user_data: the options' progress_data
 *
 * Reports progress of a long analysis and lets the caller stop it (the options of
 * cg_bottlenecks(), cg_risk(), cg_complement() and cg_report() take one). It is called from
 * the thread that called the analysis (never from a worker thread), so it may touch the
 * caller's state without locking; it must not call back into the analysis. It is called
 * inside the analyses' long loops (criticality's per-node propagations, the Monte Carlo's
 * samples, complementarity's regions) at most about ten times a second, and at the end of
 * each Monte Carlo round; the other steps are near-linear and not interrupted. To stop from
 * another thread, set a flag (an atomic, or g_cancellable_cancel()) that the callback reads.
 *
 * Returns: %TRUE to go on, %FALSE to stop: the analysis then frees everything it built
 *   and fails with %G_IO_ERROR_CANCELLED.
 */
typedef gboolean (*CgProgressFunc)(double fraction, const char *phase, gpointer user_data);

typedef struct _CgGraph CgGraph;

/* Loading. A graph is built by one load call (or by a #CgGraphBuilder, builder.h) and is
 * immutable afterwards. */
CG_AVAILABLE_IN_1_0
CgGraph *cg_graph_load(const char *const *paths, const char *format, GError **error);
CG_AVAILABLE_IN_1_0
CgGraph *cg_graph_load_with_progress(const char *const *paths, const char *format,
                                     CgProgressFunc progress, gpointer progress_data,
                                     GError **error);
CG_AVAILABLE_IN_1_0
CgGraph *cg_graph_load_data(const char *data, gssize length, const char *name,
                            const char *format, GError **error);
CG_AVAILABLE_IN_1_0
CgGraph *cg_graph_load_default(GError **error);
CG_AVAILABLE_IN_1_0
char *cg_default_chains_dir(void);
CG_AVAILABLE_IN_1_0
void cg_graph_free(CgGraph *graph);

/* Saving. */
CG_AVAILABLE_IN_1_0
gboolean cg_graph_save(const CgGraph *graph, const char *path, const char *format,
                       GError **error);
CG_AVAILABLE_IN_1_0
char *cg_graph_to_string(const CgGraph *graph, const char *format, GError **error);
CG_AVAILABLE_IN_1_0
const char *cg_format_for_path(const char *path);

/* Counts. */
CG_AVAILABLE_IN_1_0
gsize cg_graph_n_nodes(const CgGraph *graph);
CG_AVAILABLE_IN_1_0
gsize cg_graph_n_edges(const CgGraph *graph);
CG_AVAILABLE_IN_1_0
gsize cg_graph_n_groups(const CgGraph *graph);
CG_AVAILABLE_IN_1_0
gsize cg_graph_n_regions(const CgGraph *graph);
CG_AVAILABLE_IN_1_0
gsize cg_graph_n_documents(const CgGraph *graph);
CG_AVAILABLE_IN_1_0
gsize cg_graph_n_chains(const CgGraph *graph);

/* Nodes. @node is an index in [0, cg_graph_n_nodes()). */
CG_AVAILABLE_IN_1_0
gssize cg_graph_find_node(const CgGraph *graph, const char *key);
CG_AVAILABLE_IN_1_0
gssize cg_graph_lookup_node(const CgGraph *graph, const char *key, GError **error);
CG_AVAILABLE_IN_1_0
const char *cg_node_id(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
const char *cg_node_name(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
const char *cg_node_name_en(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
const char *cg_node_label(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
CgStage cg_node_stage(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
double cg_node_weight(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
double cg_node_import_share(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
double cg_node_substitutability(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
double cg_node_recycling(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
gboolean cg_node_is_application(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
gsize cg_node_n_aliases(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
const char *cg_node_alias(const CgGraph *graph, CgNodeId node, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_node_n_domains(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
const char *cg_node_domain(const CgGraph *graph, CgNodeId node, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_node_n_provenance(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
const CgProvenance *cg_node_provenance(const CgGraph *graph, CgNodeId node, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_node_n_chokepoints(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
CgChokepointKind cg_node_chokepoint_kind(const CgGraph *graph, CgNodeId node, gsize i);
CG_AVAILABLE_IN_1_0
const CgProvenance *cg_node_chokepoint(const CgGraph *graph, CgNodeId node, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_node_n_groups(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
gboolean cg_node_is_chain_local(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
gsize cg_node_in_degree(const CgGraph *graph, CgNodeId node);
CG_AVAILABLE_IN_1_0
gsize cg_node_out_degree(const CgGraph *graph, CgNodeId node);

/* Adjacency, without scanning all edges: a node's in-edges, its input groups and their
 * members, its out-edges (see lib/core/adjacency.c for each function's order and cost). */
CG_AVAILABLE_IN_1_0
gsize cg_node_in_edge(const CgGraph *graph, CgNodeId node, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_node_group_size(const CgGraph *graph, CgNodeId node, gsize group);
CG_AVAILABLE_IN_1_0
gsize cg_node_group_edge(const CgGraph *graph, CgNodeId node, gsize group, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_node_out_edge(const CgGraph *graph, CgNodeId node, gsize i);
CG_AVAILABLE_IN_1_0
CgNodeId cg_node_out_target(const CgGraph *graph, CgNodeId node, gsize i);

/* Edges. Edge indices are sorted by (target, group, source). */
CG_AVAILABLE_IN_1_0
CgNodeId cg_edge_source(const CgGraph *graph, gsize edge);
CG_AVAILABLE_IN_1_0
CgNodeId cg_edge_target(const CgGraph *graph, gsize edge);
CG_AVAILABLE_IN_1_0
gsize cg_edge_group(const CgGraph *graph, gsize edge);
CG_AVAILABLE_IN_1_0
gsize cg_edge_group_size(const CgGraph *graph, gsize edge);
CG_AVAILABLE_IN_1_0
gsize cg_edge_n_provenance(const CgGraph *graph, gsize edge);
CG_AVAILABLE_IN_1_0
const CgProvenance *cg_edge_provenance(const CgGraph *graph, gsize edge, gsize i);
CG_AVAILABLE_IN_1_0
gboolean cg_edge_inferred(const CgGraph *graph, gsize edge);
CG_AVAILABLE_IN_1_0
gssize cg_graph_find_edge(const CgGraph *graph, CgNodeId source, CgNodeId target);

/* Regions. */
CG_AVAILABLE_IN_1_0
gssize cg_graph_find_region(const CgGraph *graph, const char *name);
CG_AVAILABLE_IN_1_0
const char *cg_region_name(const CgGraph *graph, gsize region);
CG_AVAILABLE_IN_1_0
const char *cg_region_id(const CgGraph *graph, gsize region);
CG_AVAILABLE_IN_1_0
const char *cg_region_name_en(const CgGraph *graph, gsize region);
CG_AVAILABLE_IN_1_0
CgRegionLevel cg_region_level(const CgGraph *graph, gsize region);
CG_AVAILABLE_IN_1_0
gssize cg_region_parent(const CgGraph *graph, gsize region);
CG_AVAILABLE_IN_1_0
gboolean cg_region_is_within(const CgGraph *graph, gsize region, gsize ancestor);
CG_AVAILABLE_IN_1_0
gboolean cg_region_is_foreign(const CgGraph *graph, gsize region);
CG_AVAILABLE_IN_1_0
gsize cg_region_n_claims(const CgGraph *graph, gsize region);
CG_AVAILABLE_IN_1_0
CgNodeId cg_region_claim(const CgGraph *graph, gsize region, gsize i, double *share,
                      gboolean *develop, const CgProvenance **provenance);
CG_AVAILABLE_IN_1_0
gsize cg_region_n_capabilities(const CgGraph *graph, gsize region);
CG_AVAILABLE_IN_1_0
CgNodeId cg_region_capability(const CgGraph *graph, gsize region, gsize i, double *share,
                           const CgProvenance **provenance);
CG_AVAILABLE_IN_1_0
gsize cg_region_n_provenance(const CgGraph *graph, gsize region);
CG_AVAILABLE_IN_1_0
const CgProvenance *cg_region_provenance(const CgGraph *graph, gsize region, gsize i);

/* Documents. */
CG_AVAILABLE_IN_1_0
const char *cg_document_file(const CgGraph *graph, gsize document);
CG_AVAILABLE_IN_1_0
const char *cg_document_key(const CgGraph *graph, gsize document);
CG_AVAILABLE_IN_1_0
const char *cg_document_title(const CgGraph *graph, gsize document);
CG_AVAILABLE_IN_1_0
gsize cg_document_n_risks(const CgGraph *graph, gsize document);
CG_AVAILABLE_IN_1_0
const CgProvenance *cg_document_risk(const CgGraph *graph, gsize document, gsize i,
                                     CgChokepointKind *kind);

/* Chains. */
CG_AVAILABLE_IN_1_0
gssize cg_graph_find_chain(const CgGraph *graph, const char *id);
CG_AVAILABLE_IN_1_0
const char *cg_chain_id(const CgGraph *graph, gsize chain);
CG_AVAILABLE_IN_1_0
const char *cg_chain_name(const CgGraph *graph, gsize chain);
CG_AVAILABLE_IN_1_0
const char *cg_chain_path(const CgGraph *graph, gsize chain);
CG_AVAILABLE_IN_1_0
const CgProvenance *cg_chain_provenance(const CgGraph *graph, gsize chain);
CG_AVAILABLE_IN_1_0
gsize cg_chain_n_stages(const CgGraph *graph, gsize chain);
CG_AVAILABLE_IN_1_0
gsize cg_chain_stage_size(const CgGraph *graph, gsize chain, gsize stage);
CG_AVAILABLE_IN_1_0
CgNodeId cg_chain_stage_node(const CgGraph *graph, gsize chain, gsize stage, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_chain_n_nodes(const CgGraph *graph, gsize chain);
CG_AVAILABLE_IN_1_0
CgNodeId cg_chain_node(const CgGraph *graph, gsize chain, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_chain_n_edges(const CgGraph *graph, gsize chain);
CG_AVAILABLE_IN_1_0
gsize cg_chain_edge(const CgGraph *graph, gsize chain, gsize i);

/**
 * CgHorizon:
 * @CG_HORIZON_PLANNED: present and planned capability claims (`role=develop`) alike
 * @CG_HORIZON_PRESENT: only present claims (`role=produce`): what regions make now
 *
 * Which capability claims an analysis reads (cg_graph_restrict()).
 */
typedef enum {
  CG_HORIZON_PLANNED,
  CG_HORIZON_PRESENT,
} CgHorizon;

/**
 * CgWeighting:
 * @CG_WEIGHTS_DATA: the application weights the data gives (`weight=`; 1 where none)
 * @CG_WEIGHTS_UNIFORM: every application weighs 1
 *
 * Which application weights an analysis reads (cg_graph_restrict()).
 */
typedef enum {
  CG_WEIGHTS_DATA,
  CG_WEIGHTS_UNIFORM,
} CgWeighting;

/**
 * CG_FOOTING_OPTIONS_VERSION:
 *
 * The version of #CgFootingOptions these headers declare: pass it to
 * cg_footing_options_init().
 */
#define CG_FOOTING_OPTIONS_VERSION 1

/**
 * CgFootingOptions:
 * @version: %CG_FOOTING_OPTIONS_VERSION (set by cg_footing_options_init())
 * @horizon: which capability claims to keep
 * @without_inferred: leave out every statement marked inferred (edges, claims, chokepoints)
 * @weights: which application weights to use
 *
 * What an analysis stands on: the statements it reads. Initialise it with
 * cg_footing_options_init() (planned horizon, inferred statements kept, the data's weights).
 */
typedef struct {
  unsigned int version;
  CgHorizon horizon;
  gboolean without_inferred;
  CgWeighting weights;
} CgFootingOptions;

CG_AVAILABLE_IN_1_0
int cg_footing_options_init(CgFootingOptions *options, unsigned int version);
CG_AVAILABLE_IN_1_0
CgGraph *cg_graph_restrict(const CgGraph *graph, const CgFootingOptions *options,
                           GError **error);
CG_AVAILABLE_IN_1_0
void cg_graph_footing(const CgGraph *graph, CgFootingOptions *out);
CG_AVAILABLE_IN_1_0
const char *cg_horizon_to_string(CgHorizon horizon);
CG_AVAILABLE_IN_1_0
gboolean cg_horizon_from_string(const char *text, CgHorizon *out);
CG_AVAILABLE_IN_1_0
const char *cg_weighting_to_string(CgWeighting weights);
CG_AVAILABLE_IN_1_0
gboolean cg_weighting_from_string(const char *text, CgWeighting *out);

/* Memory returned by chaingraph functions as (transfer full) plain arrays or strings. */
CG_AVAILABLE_IN_1_0
void cg_free(gpointer data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgGraph, cg_graph_free)

G_END_DECLS

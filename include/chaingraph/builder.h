/* chaingraph — building a graph from code (after json-glib's JsonBuilder): documents,
 * nodes with their attributes, edges with input groups, regions with parents and
 * capabilities. Only <chaingraph/chaingraph.h> may be included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <chaingraph/graph.h>

G_BEGIN_DECLS

/**
 * CgGraphBuilder:
 *
 * Collects a graph statement by statement; cg_graph_builder_finish() checks it as a load
 * does and returns the same immutable #CgGraph. Every call is one statement, numbered from
 * 1: a conflict names the places of both statements as `NAME:N` (NAME given to
 * cg_graph_builder_new()). A builder is used by one thread at a time.
 */
typedef struct _CgGraphBuilder CgGraphBuilder;

CG_AVAILABLE_IN_1_0
CgGraphBuilder *cg_graph_builder_new(const char *name);
CG_AVAILABLE_IN_1_0
void cg_graph_builder_free(CgGraphBuilder *builder);
CG_AVAILABLE_IN_1_0
CgGraph *cg_graph_builder_finish(CgGraphBuilder *builder, GError **error);

/* Documents. */
CG_AVAILABLE_IN_1_0
gsize cg_graph_builder_add_document(CgGraphBuilder *builder, const char *file,
                                    const char *key, const char *title);
CG_AVAILABLE_IN_1_0
void cg_graph_builder_add_document_risk(CgGraphBuilder *builder, gsize document,
                                        CgChokepointKind kind, const CgProvenance *provenance);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_document_key(CgGraphBuilder *builder, gsize document,
                                           const char *key, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_document_title(CgGraphBuilder *builder, gsize document,
                                             const char *title, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_document_region(CgGraphBuilder *builder, gsize document,
                                              const char *region, GError **error);

/* Nodes. */
CG_AVAILABLE_IN_1_0
CgNodeId cg_graph_builder_add_node(CgGraphBuilder *builder, const char *id);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_node_name(CgGraphBuilder *builder, CgNodeId node,
                                        const char *name, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_node_name_en(CgGraphBuilder *builder, CgNodeId node,
                                           const char *name_en, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_node_stage(CgGraphBuilder *builder, CgNodeId node,
                                         CgStage stage, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_node_weight(CgGraphBuilder *builder, CgNodeId node,
                                          double weight, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_node_import_share(CgGraphBuilder *builder, CgNodeId node,
                                                double share, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_node_substitutability(CgGraphBuilder *builder, CgNodeId node,
                                                    double substitutability,
                                                    GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_node_recycling(CgGraphBuilder *builder, CgNodeId node,
                                             double rate, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_add_node_alias(CgGraphBuilder *builder, CgNodeId node,
                                         const char *alias, GError **error);
CG_AVAILABLE_IN_1_0
void cg_graph_builder_add_node_domain(CgGraphBuilder *builder, CgNodeId node,
                                      const char *domain);
CG_AVAILABLE_IN_1_0
void cg_graph_builder_add_node_provenance(CgGraphBuilder *builder, CgNodeId node,
                                          const CgProvenance *provenance);
CG_AVAILABLE_IN_1_0
void cg_graph_builder_add_node_chokepoint(CgGraphBuilder *builder, CgNodeId node,
                                          CgChokepointKind kind,
                                          const CgProvenance *provenance);

/* Edges. */
CG_AVAILABLE_IN_1_0
void cg_graph_builder_add_edge(CgGraphBuilder *builder, CgNodeId source, CgNodeId target,
                               const char *group, const CgProvenance *provenance);

/* Chains. */
CG_AVAILABLE_IN_1_0
gsize cg_graph_builder_add_chain(CgGraphBuilder *builder, const char *id, const char *name,
                                const char *name_en, const char *path,
                                const CgProvenance *provenance, GError **error);
CG_AVAILABLE_IN_1_0
void cg_graph_builder_add_chain_stage(CgGraphBuilder *builder, gsize chain,
                                      const CgNodeId *nodes, gsize n_nodes);
CG_AVAILABLE_IN_1_0
void cg_graph_builder_add_chain_node(CgGraphBuilder *builder, gsize chain, CgNodeId node);
CG_AVAILABLE_IN_1_0
void cg_graph_builder_add_chain_edge(CgGraphBuilder *builder, gsize chain, CgNodeId source,
                                     CgNodeId target, const char *group,
                                     const CgProvenance *provenance);

/* Regions. */
CG_AVAILABLE_IN_1_0
gsize cg_graph_builder_add_region(CgGraphBuilder *builder, const char *name);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_region_level(CgGraphBuilder *builder, gsize region,
                                           CgRegionLevel level, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_region_id(CgGraphBuilder *builder, gsize region,
                                        const char *id, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_region_name_en(CgGraphBuilder *builder, gsize region,
                                             const char *name_en, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_add_region_alias(CgGraphBuilder *builder, gsize region,
                                           const char *alias, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_builder_set_region_parent(CgGraphBuilder *builder, gsize region,
                                            const char *parent, GError **error);
CG_AVAILABLE_IN_1_0
void cg_graph_builder_add_region_provenance(CgGraphBuilder *builder, gsize region,
                                            const CgProvenance *provenance);
CG_AVAILABLE_IN_1_0
void cg_graph_builder_add_capability(CgGraphBuilder *builder, gsize region, CgNodeId node,
                                     double share, gboolean planned,
                                     const CgProvenance *provenance);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgGraphBuilder, cg_graph_builder_free)

G_END_DECLS

/* chaingraph — producibility and disruption (DESIGN.md, "Semantics that every analysis
 * shares"). Only <chaingraph/chaingraph.h> may be included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <chaingraph/graph.h>

G_BEGIN_DECLS

/**
 * CgImpact:
 *
 * What a disruption costs (cg_disrupt()). Opaque: read it through its accessors
 * (cg_impact_share(), cg_impact_lost_weight(), cg_impact_total_weight(), …), so that a
 * field added later never breaks a compiled caller. Owned by the caller: free with
 * cg_impact_free().
 */
typedef struct _CgImpact CgImpact;

CG_AVAILABLE_IN_1_0
double cg_impact_share(const CgImpact *result);
CG_AVAILABLE_IN_1_0
double cg_impact_lost_weight(const CgImpact *result);
CG_AVAILABLE_IN_1_0
double cg_impact_total_weight(const CgImpact *result);
CG_AVAILABLE_IN_1_0
const CgNodeId *cg_impact_lost(const CgImpact *result, gsize *n_out);
CG_AVAILABLE_IN_1_0
const CgNodeId *cg_impact_lost_applications(const CgImpact *result, gsize *n_out);
CG_AVAILABLE_IN_1_0
const CgNodeId *cg_impact_disrupted(const CgImpact *result, gsize *n_out);

CG_AVAILABLE_IN_1_0
gboolean cg_graph_producible(const CgGraph *graph, const guint8 *removed, guint8 *out);
CG_AVAILABLE_IN_1_0
CgImpact *cg_disrupt(const CgGraph *graph, const CgNodeId *nodes, gsize n_nodes,
                     const char *const *regions, GError **error);
CG_AVAILABLE_IN_1_0
CgNodeId *cg_region_outage_nodes(const CgGraph *graph, const char *const *regions,
                                gsize *n_out, GError **error);
CG_AVAILABLE_IN_1_0
void cg_impact_free(CgImpact *impact);
CG_AVAILABLE_IN_1_0
char *cg_impact_to_json(const CgGraph *graph, const CgImpact *impact);
CG_AVAILABLE_IN_1_0
char *cg_impact_why(const CgGraph *graph, const CgImpact *impact);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgImpact, cg_impact_free)

G_END_DECLS

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
 * @impact: lost application weight ÷ total application weight, in [0, 1]
 * @lost_weight: application weight lost
 * @total_weight: total application weight of the graph
 * @n_lost: number of nodes producible without the disruption and not under it
 *   (the disrupted nodes included)
 * @lost: (array length=n_lost): those nodes, ascending
 * @n_lost_applications: how many of them are applications
 * @lost_applications: (array length=n_lost_applications): those, ascending
 * @n_disrupted: number of nodes knocked out directly (named, or all of whose producing
 *   regions are out)
 * @disrupted: (array length=n_disrupted): those, ascending
 *
 * What a disruption costs. Owned by the caller: free with cg_impact_free().
 */
typedef struct {
  double impact;
  double lost_weight;
  double total_weight;
  gsize n_lost;
  guint32 *lost;
  gsize n_lost_applications;
  guint32 *lost_applications;
  gsize n_disrupted;
  guint32 *disrupted;
} CgImpact;

CG_AVAILABLE_IN_1_0
gboolean cg_graph_producible(const CgGraph *graph, const guint8 *removed, guint8 *out);
CG_AVAILABLE_IN_1_0
CgImpact *cg_disrupt(const CgGraph *graph, const guint32 *nodes, gsize n_nodes,
                     const char *const *regions, GError **error);
CG_AVAILABLE_IN_1_0
guint32 *cg_region_outage_nodes(const CgGraph *graph, const char *const *regions,
                                gsize *n_out, GError **error);
CG_AVAILABLE_IN_1_0
void cg_impact_free(CgImpact *impact);
CG_AVAILABLE_IN_1_0
char *cg_impact_to_json(const CgGraph *graph, const CgImpact *impact);
CG_AVAILABLE_IN_1_0
char *cg_impact_why(const CgGraph *graph, const CgImpact *impact);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgImpact, cg_impact_free)

G_END_DECLS

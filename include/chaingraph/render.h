/* chaingraph — chain diagrams (Graphviz) and the report.
 * Only <chaingraph/chaingraph.h> may be included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <chaingraph/graph.h>

G_BEGIN_DECLS

/**
 * CgRenderStyle:
 * @criticality: (nullable) (array): per node, colours nodes from white (0) to red (1)
 * @edge_risk: (nullable) (array): per edge, a risk in [0, 1]; riskier links are drawn
 *   heavier and redder
 */
typedef struct {
  const double *criticality;
  const double *edge_risk;
} CgRenderStyle;

CG_API char *cg_chain_to_dot(const CgGraph *graph, gsize chain, const CgRenderStyle *style);
CG_API guint8 *cg_chain_render(const CgGraph *graph, gsize chain, const CgRenderStyle *style,
                               const char *format, gsize *length, GError **error);
CG_API gboolean cg_chain_render_to_file(const CgGraph *graph, gsize chain,
                                        const CgRenderStyle *style, const char *path,
                                        const char *format, GError **error);

/**
 * CgReportOptions:
 * @top: rows per section (default 10)
 * @samples: Monte Carlo samples for the risk section
 * @seed: their seed
 * @width: terminal columns to wrap at (default 80)
 */
typedef struct {
  gsize top;
  gsize samples;
  guint64 seed;
  guint width;
} CgReportOptions;

#define CG_REPORT_OPTIONS_INIT {10, 10000, 1, 80}

CG_API char *cg_report_text(const CgGraph *graph, const CgReportOptions *options, GError **error);
CG_API gboolean cg_report_html(const CgGraph *graph, const CgReportOptions *options,
                               const char *path, GError **error);

G_END_DECLS

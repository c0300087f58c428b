/* chaingraph — chain diagrams (Graphviz) and the report.
 * Only <chaingraph/chaingraph.h> may be included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <chaingraph/graph.h>
#include <chaingraph/risk.h>

G_BEGIN_DECLS

/**
 * CgRenderFlags:
 * @CG_RENDER_NO_TITLE: leave out the chain's name above the diagram (a page that shows it
 *   already)
 * @CG_RENDER_NO_LEGEND: leave out the one-line legend under the title
 *
 * Flags of a #CgRenderStyle.
 */
typedef enum {
  CG_RENDER_NO_TITLE = 1 << 0,
  CG_RENDER_NO_LEGEND = 1 << 1,
} CgRenderFlags;

/**
 * CG_RENDER_STYLE_VERSION:
 *
 * The version of #CgRenderStyle these headers declare: pass it to cg_render_style_init().
 */
#define CG_RENDER_STYLE_VERSION 1

/**
 * CgRenderStyle:
 * @version: %CG_RENDER_STYLE_VERSION (set by cg_render_style_init())
 * @criticality: (nullable) (array): per node, its criticality in [0, 1]; fills nodes from
 *   white to red and is shown in the node's tooltip
 * @edge_risk: (nullable) (array): per edge, a risk in [0, 1] (cg_render_edge_risk() makes
 *   it from a #CgRisk); links above 0.1 are drawn heavier and redder
 * @edge_why: (nullable) (array): per edge, a line shown as the link's tooltip (e.g.
 *   cg_risk_link_why()); %NULL entries, or a %NULL array, show the link's document quote
 * @criticality_max: the criticality drawn full red; 0 (or less) means 1. Fill intensity
 *   is √(criticality ÷ @criticality_max), so small differences near zero stay visible
 * @flags: #CgRenderFlags
 *
 * How a chain diagram is coloured. Every array is borrowed, indexed by the graph's node or
 * edge index. Initialise it with cg_render_style_init() (no colours) and set what you have,
 * or get one made from a risk answer with cg_render_style_new().
 */
typedef struct {
  unsigned int version;
  const double *criticality;
  const double *edge_risk;
  const char *const *edge_why;
  double criticality_max;
  guint flags;
} CgRenderStyle;

CG_AVAILABLE_IN_1_0
double *cg_render_edge_risk(const CgGraph *graph, const CgRisk *risk);
CG_AVAILABLE_IN_1_0
int cg_render_style_init(CgRenderStyle *style, unsigned int version);
CG_AVAILABLE_IN_1_0
CgRenderStyle *cg_render_style_new(const CgGraph *graph, const CgRisk *risk);
CG_AVAILABLE_IN_1_0
void cg_render_style_free(CgRenderStyle *style);

CG_AVAILABLE_IN_1_0
char *cg_chain_to_dot(const CgGraph *graph, gsize chain, const CgRenderStyle *style);
CG_AVAILABLE_IN_1_0
guint8 *cg_chain_render(const CgGraph *graph, gsize chain, const CgRenderStyle *style,
                        const char *format, gsize *length, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_chain_render_to_file(const CgGraph *graph, gsize chain,
                                 const CgRenderStyle *style, const char *path,
                                 const char *format, GError **error);

/**
 * CgReportProgressFunc:
 * @step: what the report starts doing now, e.g. "supply risk: 10000 Monte Carlo samples"
 * @user_data: #CgReportOptions.progress_data
 *
 * Called as each step of the report starts (from the calling thread).
 */
typedef void (*CgReportProgressFunc)(const char *step, gpointer user_data);

/**
 * CG_REPORT_OPTIONS_VERSION:
 *
 * The version of #CgReportOptions these headers declare: pass it to
 * cg_report_options_init().
 */
#define CG_REPORT_OPTIONS_VERSION 3

/**
 * CgReportOptions:
 * @version: %CG_REPORT_OPTIONS_VERSION (set by cg_report_options_init())
 * @top: rows per section (0: 10)
 * @samples: Monte Carlo samples for the risk section (0: 10000; at most 10,000,000)
 * @seed: their seed
 * @width: terminal columns to wrap at, at least 40 (0: 80; 1 to 39 fail with
 *   %CG_ERROR_USAGE, as on the command line)
 * @level: (nullable): the region level compared in the complementarity section; %NULL:
 *   province, or city when there are fewer than two provinces
 * @progress: (nullable): called as each step starts
 * @progress_data: passed to @progress
 * @lang: (nullable): the language of the report's labels and explanations, "zh" or "en";
 *   %NULL: from the environment (LC_ALL, LC_MESSAGES, LANG: zh… gives Chinese, anything
 *   else English). The page carries both and switches on the page. (Since version 2.)
 * @csv_dir: (nullable): also write every table of the page as CSV into this directory
 *   (created if missing), byte for byte what the page's download buttons give.
 *   (Since version 2.)
 * @html_chains: (nullable) (array zero-terminated=1): the chains (ids) whose diagrams the
 *   page holds; %NULL: every chain when they hold at most 20,000 nodes in all, else the
 *   chains of the top bottlenecks. (Since version 2.)
 * @fraction: (nullable): called within a step with the fraction of it done, where the step
 *   can tell (criticality, the supply-risk Monte Carlo, complementarity: the analyses'
 *   progress, #CgProgressFunc); returning %FALSE stops
 *   the report, which then fails with %G_IO_ERROR_CANCELLED and writes nothing.
 *   (Since version 3.)
 * @fraction_data: passed to @fraction. (Since version 3.)
 *
 * Initialise it with cg_report_options_init(), which sets the defaults, then set what
 * differs; the library reads only the fields of the @version the caller was compiled with.
 */
typedef struct {
  unsigned int version;
  gsize top;
  gsize samples;
  guint64 seed;
  guint width;
  const char *level;
  CgReportProgressFunc progress;
  gpointer progress_data;
  const char *lang;
  const char *csv_dir;
  const char *const *html_chains;
  CgProgressFunc fraction;
  gpointer fraction_data;
} CgReportOptions;

CG_AVAILABLE_IN_1_0
int cg_report_options_init(CgReportOptions *options, unsigned int version);

CG_AVAILABLE_IN_1_0
char *cg_report_text(const CgGraph *graph, const CgReportOptions *options, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_report_html(const CgGraph *graph, const CgReportOptions *options,
                        const char *path, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_report_write(const CgGraph *graph, const CgReportOptions *options,
                         char **text, const char *html_path, GError **error);

/* Exports carrying the analysis results (lib/present/export-results.c). */
CG_AVAILABLE_IN_1_0
char *cg_graph_to_string_with_results(const CgGraph *graph, const char *format, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_graph_save_with_results(const CgGraph *graph, const char *path, const char *format,
                                    GError **error);

G_END_DECLS

/* chaingraph — bottlenecks: exact criticality, single points of failure, redundancy,
 * flow centrality, regional single points and narrow waists.
 * Only <chaingraph/chaingraph.h> may be included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <chaingraph/graph.h>

G_BEGIN_DECLS

/**
 * CgEstimate:
 * @CG_ESTIMATE_AUTO: exact, unless a pilot run predicts more work than about two minutes
 *   on two cores (large AND/OR graphs); then an estimate
 * @CG_ESTIMATE_NEVER: always exact, however long it takes
 * @CG_ESTIMATE_ALWAYS: always the sampled estimate
 *
 * When cg_bottlenecks() estimates criticality by sampling instead of computing it exactly.
 */
typedef enum {
  CG_ESTIMATE_AUTO,
  CG_ESTIMATE_NEVER,
  CG_ESTIMATE_ALWAYS,
} CgEstimate;

/**
 * CgBetweenness:
 * @CG_BETWEENNESS_AUTO: compute it on graphs of at most 50,000 nodes (above that it costs a
 *   shortest-path search per raw material: about a minute at 100,000 nodes)
 * @CG_BETWEENNESS_NEVER: skip it (#CgBottleneck.betweenness is NAN)
 * @CG_BETWEENNESS_ALWAYS: compute it whatever the size
 *
 * Whether cg_bottlenecks() computes raw-material → application subset betweenness.
 */
typedef enum {
  CG_BETWEENNESS_AUTO,
  CG_BETWEENNESS_NEVER,
  CG_BETWEENNESS_ALWAYS,
} CgBetweenness;

/**
 * CG_BOTTLENECK_OPTIONS_VERSION:
 *
 * The version of #CgBottleneckOptions these headers declare: pass it to
 * cg_bottleneck_options_init().
 */
#define CG_BOTTLENECK_OPTIONS_VERSION 2

/**
 * CgBottleneckOptions:
 * @version: %CG_BOTTLENECK_OPTIONS_VERSION (set by cg_bottleneck_options_init())
 * @top: how many nodes to list (0: every node whose loss costs something)
 * @chain: (nullable): list only the nodes of this chain (id)
 * @betweenness: whether to compute raw-material → application subset betweenness (igraph)
 * @threads: worker threads for criticality (0: one per core)
 * @estimate: exact or estimated criticality (see #CgEstimate)
 * @samples: applications drawn for an estimate (0: 2000; at most 10,000,000, else
 *   %CG_ERROR_USAGE)
 * @seed: the seed of the draws
 * @progress: (since version 2) (nullable): called with the fraction of nodes whose loss has
 *   been propagated (criticality on AND/OR graphs; the dominator tree of an OR-only graph
 *   is near-linear and not reported); returning %FALSE cancels (#CgProgressFunc)
 * @progress_data: (since version 2): passed to @progress
 *
 * Initialise it with cg_bottleneck_options_init(), which sets the defaults, then set what
 * differs: a caller compiled against older headers keeps working when fields are added.
 */
typedef struct {
  unsigned int version;
  gsize top;
  const char *chain;
  CgBetweenness betweenness;
  guint threads;
  CgEstimate estimate;
  gsize samples;
  guint64 seed;
  CgProgressFunc progress;
  gpointer progress_data;
} CgBottleneckOptions;

CG_AVAILABLE_IN_1_0
int cg_bottleneck_options_init(CgBottleneckOptions *options, unsigned int version);

/**
 * CgBottleneck:
 * @node: the node
 * @criticality: share of application weight lost when the node alone is lost (exact,
 *   from the node's own loss propagation, even when the ranking was estimated)
 * @lost_weight: that weight
 * @n_lost: nodes lost with it (itself included)
 * @lost: (array length=n_lost): those nodes, ascending
 * @n_lost_applications: applications among them
 * @lost_applications: (array length=n_lost_applications): those, ascending
 * @betweenness: subset betweenness from raw materials to applications, NAN if not computed
 * @why: one line a planner reads
 *
 * One listed node of a #CgBottlenecks, owned by it.
 * Read through the pointer an accessor returns; append-only (docs/conventions.md,
 * "Results").
 */
typedef struct {
  CgNodeId node;
  double criticality;
  double lost_weight;
  gsize n_lost;
  CgNodeId *lost;
  gsize n_lost_applications;
  CgNodeId *lost_applications;
  double betweenness;
  char *why;
} CgBottleneck;

/**
 * CgBottlenecks:
 *
 * The answer of cg_bottlenecks(). Opaque: read it through its accessors
 * (cg_bottlenecks_n_items(), cg_bottlenecks_item(), cg_bottlenecks_n_nodes(), …), so that a
 * field added later never breaks a compiled caller. Owned by the caller: free with
 * cg_bottlenecks_free().
 */
typedef struct _CgBottlenecks CgBottlenecks;

CG_AVAILABLE_IN_1_0
gsize cg_bottlenecks_n_items(const CgBottlenecks *result);
CG_AVAILABLE_IN_1_0
const CgBottleneck *cg_bottlenecks_item(const CgBottlenecks *result, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_bottlenecks_n_nodes(const CgBottlenecks *result);
CG_AVAILABLE_IN_1_0
const double *cg_bottlenecks_criticality(const CgBottlenecks *result);
CG_AVAILABLE_IN_1_0
double cg_bottlenecks_total_weight(const CgBottlenecks *result);
CG_AVAILABLE_IN_1_0
const char *cg_bottlenecks_method(const CgBottlenecks *result);
CG_AVAILABLE_IN_1_0
gboolean cg_bottlenecks_exact(const CgBottlenecks *result);
CG_AVAILABLE_IN_1_0
gsize cg_bottlenecks_samples(const CgBottlenecks *result);
CG_AVAILABLE_IN_1_0
const double *cg_bottlenecks_ci_low(const CgBottlenecks *result);
CG_AVAILABLE_IN_1_0
const double *cg_bottlenecks_ci_high(const CgBottlenecks *result);

CG_AVAILABLE_IN_1_0
CgBottlenecks *cg_bottlenecks(const CgGraph *graph, const CgBottleneckOptions *options,
                              GError **error);
CG_AVAILABLE_IN_1_0
void cg_bottlenecks_free(CgBottlenecks *result);
CG_AVAILABLE_IN_1_0
double *cg_criticality(const CgGraph *graph, guint threads, const char **method);
CG_AVAILABLE_IN_1_0
double *cg_criticality_estimate(const CgGraph *graph, gsize samples, guint64 seed,
                                guint threads, double **ci_low, double **ci_high);

/* Single points of failure and the dominator tree. */
CG_AVAILABLE_IN_1_0
CgNodeId *cg_single_points(const CgGraph *graph, CgNodeId application, gsize *n_out);
CG_AVAILABLE_IN_1_0
CgNodeId *cg_dominator_tree(const CgGraph *graph);

/**
 * CgRedundancy:
 *
 * How many nodes must be lost to lose one application (cg_redundancy()). Opaque: read it
 * through its accessors (cg_redundancy_application(), cg_redundancy_size(),
 * cg_redundancy_exact(), …), so that a field added later never breaks a compiled caller.
 * Owned by the caller: free with cg_redundancy_free().
 */
typedef struct _CgRedundancy CgRedundancy;

CG_AVAILABLE_IN_1_0
CgNodeId cg_redundancy_application(const CgRedundancy *result);
CG_AVAILABLE_IN_1_0
gsize cg_redundancy_size(const CgRedundancy *result);
CG_AVAILABLE_IN_1_0
gboolean cg_redundancy_exact(const CgRedundancy *result);
CG_AVAILABLE_IN_1_0
const CgNodeId *cg_redundancy_cut(const CgRedundancy *result, gsize *n_out);

CG_AVAILABLE_IN_1_0
CgRedundancy *cg_redundancy(const CgGraph *graph, CgNodeId application, GError **error);
CG_AVAILABLE_IN_1_0
void cg_redundancy_free(CgRedundancy *r);

CG_AVAILABLE_IN_1_0
double *cg_flow_betweenness(const CgGraph *graph, GError **error);

/* Narrow waists: per chain, the stage with the fewest alternatives. */
typedef struct {
  guint32 chain;
  guint32 stage;     /* index into the chain's stages */
  guint32 width;     /* how many items that stage has */
  guint32 n_stages;
} CgWaist;

/**
 * CgWaists:
 *
 * The list of the chains' narrow waists (cg_narrow_waists()). Opaque: read it through cg_waists_n_items() and cg_waists_item(), so that a
 * field added later never breaks a compiled caller. Owned by the caller: free with
 * cg_waists_free().
 */
typedef struct _CgWaists CgWaists;

CG_AVAILABLE_IN_1_0
gsize cg_waists_n_items(const CgWaists *list);
CG_AVAILABLE_IN_1_0
const CgWaist *cg_waists_item(const CgWaists *list, gsize i);
CG_AVAILABLE_IN_1_0
void cg_waists_free(CgWaists *list);

CG_AVAILABLE_IN_1_0
CgWaists *cg_narrow_waists(const CgGraph *graph);
CG_AVAILABLE_IN_1_0
char *cg_waist_why(const CgGraph *graph, const CgWaist *waist);

/* Regional single points: nodes produced by exactly one region. */
typedef struct {
  CgNodeId node;
  guint32 region;
} CgRegionalPoint;

/**
 * CgRegionalPoints:
 *
 * The list of the regional single points (cg_regional_single_points()). Opaque: read it through cg_regional_points_n_items() and cg_regional_points_item(), so that a
 * field added later never breaks a compiled caller. Owned by the caller: free with
 * cg_regional_points_free().
 */
typedef struct _CgRegionalPoints CgRegionalPoints;

CG_AVAILABLE_IN_1_0
gsize cg_regional_points_n_items(const CgRegionalPoints *list);
CG_AVAILABLE_IN_1_0
const CgRegionalPoint *cg_regional_points_item(const CgRegionalPoints *list, gsize i);
CG_AVAILABLE_IN_1_0
void cg_regional_points_free(CgRegionalPoints *list);

CG_AVAILABLE_IN_1_0
CgRegionalPoints *cg_regional_single_points(const CgGraph *graph);
CG_AVAILABLE_IN_1_0
char *cg_regional_point_why(const CgGraph *graph, const CgRegionalPoint *point,
                            const CgNodeId *lost_applications, gsize n_lost);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgBottlenecks, cg_bottlenecks_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgRedundancy, cg_redundancy_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgWaists, cg_waists_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgRegionalPoints, cg_regional_points_free)

G_END_DECLS

G_BEGIN_DECLS
/* The whole bottleneck answer as JSON (the CLI's --json and the Python binding use it):
 * {"method","total_weight","nodes":[{"id","name","name_en","criticality","lost",
 * "lost_applications","betweenness","why","evidence"}],"applications":[…],"waists":[…],
 * "regional_single_points":[…]}. @applications adds, per application, its single points
 * of failure and redundancy (one max flow per application). */
CG_AVAILABLE_IN_1_0
char *cg_bottlenecks_to_json(const CgGraph *graph, const CgBottlenecks *result,
                             gboolean applications, GError **error);
G_END_DECLS

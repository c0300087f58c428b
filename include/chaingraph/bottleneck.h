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
#define CG_BOTTLENECK_OPTIONS_VERSION 1

/**
 * CgBottleneckOptions:
 * @version: %CG_BOTTLENECK_OPTIONS_VERSION (set by cg_bottleneck_options_init())
 * @top: how many nodes to list (0: every node whose loss costs something)
 * @chain: (nullable): list only the nodes of this chain (id)
 * @betweenness: whether to compute raw-material → application subset betweenness (igraph)
 * @threads: worker threads for criticality (0: one per core)
 * @estimate: exact or estimated criticality (see #CgEstimate)
 * @samples: applications drawn for an estimate (0: 2000)
 * @seed: the seed of the draws
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
 */
typedef struct {
  guint32 node;
  double criticality;
  double lost_weight;
  gsize n_lost;
  guint32 *lost;
  gsize n_lost_applications;
  guint32 *lost_applications;
  double betweenness;
  char *why;
} CgBottleneck;

/**
 * CgBottlenecks:
 * @n_items: how many nodes are listed
 * @items: (array length=n_items): sorted by criticality descending, then id
 * @n_nodes: the graph's node count
 * @criticality: (array length=n_nodes): every node's criticality (or its estimate)
 * @total_weight: total application weight
 * @method: "dominator-tree" (OR-only graphs), "support-dag" (general, exact) or
 *   "sampled-applications" (an estimate)
 * @exact: whether @criticality is exact
 * @samples: for an estimate, the applications drawn
 * @ci_low: (array length=n_nodes) (nullable): for an estimate, per node the lower end of
 *   its 95% interval
 * @ci_high: (array length=n_nodes) (nullable): the upper end
 *
 * The answer of cg_bottlenecks(). Owned by the caller: free with cg_bottlenecks_free().
 */
typedef struct {
  gsize n_items;
  CgBottleneck *items;
  gsize n_nodes;
  double *criticality;
  double total_weight;
  const char *method;
  gboolean exact;
  gsize samples;
  double *ci_low;
  double *ci_high;
} CgBottlenecks;

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
guint32 *cg_single_points(const CgGraph *graph, gsize application, gsize *n_out);
CG_AVAILABLE_IN_1_0
gint64 *cg_dominator_tree(const CgGraph *graph);

/**
 * CgRedundancy:
 * @application: the application
 * @size: the fewest nodes whose loss makes it unproducible (0: not producible at all;
 *   G_MAXSIZE: no cut, e.g. it has no inputs)
 * @exact: whether @size is exact (else an upper bound with @cut as its witness)
 * @n_cut: the length of @cut
 * @cut: (array length=n_cut): one such set of nodes (a witness of @size)
 *
 * How many nodes must be lost to lose one application (cg_redundancy()). Owned by the
 * caller: free with cg_redundancy_free().
 */
typedef struct {
  guint32 application;
  gsize size;
  gboolean exact;
  gsize n_cut;
  guint32 *cut;
} CgRedundancy;

CG_AVAILABLE_IN_1_0
CgRedundancy *cg_redundancy(const CgGraph *graph, gsize application, GError **error);
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

CG_AVAILABLE_IN_1_0
CgWaist *cg_narrow_waists(const CgGraph *graph, gsize *n_out);
CG_AVAILABLE_IN_1_0
char *cg_waist_why(const CgGraph *graph, const CgWaist *waist);

/* Regional single points: nodes produced by exactly one region. */
typedef struct {
  guint32 node;
  guint32 region;
} CgRegionalPoint;

CG_AVAILABLE_IN_1_0
CgRegionalPoint *cg_regional_single_points(const CgGraph *graph, gsize *n_out);
CG_AVAILABLE_IN_1_0
char *cg_regional_point_why(const CgGraph *graph, const CgRegionalPoint *point,
                            const guint32 *lost_applications, gsize n_lost);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgBottlenecks, cg_bottlenecks_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgRedundancy, cg_redundancy_free)

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

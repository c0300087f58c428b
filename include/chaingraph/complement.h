/* chaingraph — cross-region complementarity: which regions fill each other's gaps, which
 * coalition completes a chain, and what a region should develop next.
 * docs/complementarity.md defines every measure. Only <chaingraph/chaingraph.h> may be
 * included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <chaingraph/graph.h>

G_BEGIN_DECLS

/**
 * CgGapWeighting:
 * @CG_GAP_WEIGHT_CRITICALITY: w_B(u) = %CG_COMPLEMENT_GAP_FLOOR + max(crit(u), crit(v) for
 *   every capability v of B that takes u through an input group B cannot fill itself)
 * @CG_GAP_WEIGHT_UNIFORM: every gap weighs 1 (no criticality computed)
 *
 * How much each gap of a region weighs (docs/complementarity.md, "Gap weight").
 */
typedef enum {
  CG_GAP_WEIGHT_CRITICALITY,
  CG_GAP_WEIGHT_UNIFORM,
} CgGapWeighting;

/* The weight every gap has at least, as a share of application weight. */
#define CG_COMPLEMENT_GAP_FLOOR 0.01

/**
 * CG_COMPLEMENT_OPTIONS_VERSION:
 *
 * The version of #CgComplementOptions these headers declare: pass it to
 * cg_complement_options_init().
 */
#define CG_COMPLEMENT_OPTIONS_VERSION 2

/**
 * CgComplementOptions:
 * @version: %CG_COMPLEMENT_OPTIONS_VERSION (set by cg_complement_options_init())
 * @level: "province", "city", "district", "zone", "cluster", "country" or "any" (every
 *   region); %NULL means "province"
 * @top: how many pairs to keep, best first (0: every ordered pair)
 * @threads: worker threads (0: one per core)
 * @weighting: how gaps are weighted
 * @progress: (since version 2) (nullable): called with the fraction done: first the
 *   criticality that weights the gaps (when not computed yet), then the regions compared;
 *   returning %FALSE cancels (#CgProgressFunc)
 * @progress_data: (since version 2): passed to @progress
 *
 * Initialise it with cg_complement_options_init(), which sets the defaults, then set what
 * differs.
 */
typedef struct {
  unsigned int version;
  const char *level;
  gsize top;
  guint threads;
  CgGapWeighting weighting;
  CgProgressFunc progress;
  gpointer progress_data;
} CgComplementOptions;

CG_AVAILABLE_IN_1_0
int cg_complement_options_init(CgComplementOptions *options, unsigned int version);

/**
 * CgComplementRegion:
 * @region: the graph's region index
 * @n_capabilities: (skip)
 * @capabilities: (array length=n_capabilities): the nodes it or a region within it
 *   claims, ascending node index
 * @n_gaps: (skip)
 * @gaps: (array length=n_gaps): inputs of its capabilities it does not produce, ascending
 * @gap_weights: (array length=n_gaps): w_B(u) of each gap
 * @gap_weight: their sum W_B
 *
 * One region of a #CgComplement, owned by it.
 * Read through the pointer an accessor returns; append-only (docs/conventions.md,
 * "Results").
 */
typedef struct {
  guint32 region;
  gsize n_capabilities;
  const CgNodeId *capabilities;
  gsize n_gaps;
  CgNodeId *gaps;
  double *gap_weights;
  double gap_weight;
} CgComplementRegion;

/**
 * CgComplementPair:
 * @from: the supplier A (index into #CgComplement.regions)
 * @to: the receiver B (index into #CgComplement.regions)
 * @n_filled: how many gaps of B the capabilities of A contain
 * @n_links: (skip)
 * @nested: one of the two regions lies within the other (only with level "any")
 * @score: directional complementarity A→B: Σ w_B(u) over the gaps u of B that A produces
 *   ÷ W_B, in [0, 1] (0 when B has no gaps)
 * @symmetric: (score(A→B) + score(B→A)) / 2
 * @overlap: Jaccard index of the two capability sets (competition), in [0, 1]
 * @tci: trade-complementarity analogue 100·(1 − ½·Σ_k |m_Bk − x_Ak|) with m_B the gap
 *   weights of B normalized to sum 1 and x_A uniform over A's capabilities; 0 when B has
 *   no gaps or A no capabilities
 * @links: (array length=n_links): the edges u → v with u produced by A, v produced by B,
 *   u not produced by B, ascending edge index; owned by the result
 *
 * One ordered pair of regions of a #CgComplement (cg_complement_pair()), owned by it.
 * Read through the pointer an accessor returns; append-only (docs/conventions.md,
 * "Results").
 */
typedef struct {
  guint32 from, to;
  guint32 n_filled;
  guint32 n_links;
  gboolean nested;
  double score;
  double symmetric;
  double overlap;
  double tci;
  const guint32 *links;
} CgComplementPair;

/**
 * CgComplement:
 *
 * The complementarity of every pair of regions at one level (cg_complement()). Opaque: read
 * it through its accessors (cg_complement_level(), cg_complement_weighting(),
 * cg_complement_n_regions(), …), so that a field added later never breaks a compiled
 * caller. Owned by the caller: free with cg_complement_free().
 */
typedef struct _CgComplement CgComplement;

CG_AVAILABLE_IN_1_0
const char *cg_complement_level(const CgComplement *result);
CG_AVAILABLE_IN_1_0
CgGapWeighting cg_complement_weighting(const CgComplement *result);
CG_AVAILABLE_IN_1_0
gsize cg_complement_n_regions(const CgComplement *result);
CG_AVAILABLE_IN_1_0
const CgComplementRegion *cg_complement_region(const CgComplement *result, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_complement_n_ordered_pairs(const CgComplement *result);

CG_AVAILABLE_IN_1_0
CgComplement *cg_complement(const CgGraph *graph, const CgComplementOptions *options,
                            GError **error);
CG_AVAILABLE_IN_1_0
void cg_complement_free(CgComplement *result);
CG_AVAILABLE_IN_1_0
gsize cg_complement_n_pairs(const CgComplement *result);
CG_AVAILABLE_IN_1_0
const CgComplementPair *cg_complement_pair(const CgComplement *result, gsize i);
CG_AVAILABLE_IN_1_0
gssize cg_complement_find_pair(const CgGraph *graph, const CgComplement *result,
                               const char *from, const char *to);
CG_AVAILABLE_IN_1_0
const char *cg_complement_region_name(const CgGraph *graph, const CgComplement *result,
                                      gsize i);
CG_AVAILABLE_IN_1_0
char *cg_complement_pair_why(const CgGraph *graph, const CgComplement *result, gsize i);
/* {"level","weighting","gap_floor","n_regions","n_ordered_pairs",
 *  "regions":[{"name","id","level","n_capabilities","n_gaps","gap_weight"}],
 *  "pairs":[{"from","to","score","symmetric","overlap","tci","filled","gaps","nested",
 *            "links":[{"source","target","source_name","target_name","source_region",
 *                      "target_region","gap_weight","evidence"}],"why"}]} */
CG_AVAILABLE_IN_1_0
char *cg_complement_to_json(const CgGraph *graph, const CgComplement *result,
                            GError **error);

/* ---- one region ------------------------------------------------------------------- */

/**
 * CgGap:
 * @node: the missing input
 * @weight: w_B(node)
 * @n_consumers: (skip)
 * @consumers: (array length=n_consumers): the region's capabilities that take it, ascending
 * @n_producers: (skip)
 * @producers: (array length=n_producers): the regions outside this one whose own claims
 *   include it, by name
 *
 * One gap of a region: an input it needs and does not make (part of a #CgRegionGaps, owned
 * by it).
 * Read through the pointer an accessor returns; append-only (docs/conventions.md,
 * "Results").
 */
typedef struct {
  CgNodeId node;
  double weight;
  gsize n_consumers;
  CgNodeId *consumers;
  gsize n_producers;
  guint32 *producers;
} CgGap;

/**
 * CgRegionGaps:
 *
 * One region's capabilities and gaps (cg_region_gaps()). Opaque: read it through its
 * accessors (cg_region_gaps_region(), cg_region_gaps_capabilities(),
 * cg_region_gaps_n_gaps(), …), so that a field added later never breaks a compiled caller.
 * Owned by the caller: free with cg_region_gaps_free().
 */
typedef struct _CgRegionGaps CgRegionGaps;

CG_AVAILABLE_IN_1_0
gsize cg_region_gaps_region(const CgRegionGaps *result);
CG_AVAILABLE_IN_1_0
const CgNodeId *cg_region_gaps_capabilities(const CgRegionGaps *result, gsize *n_out);
CG_AVAILABLE_IN_1_0
gsize cg_region_gaps_n_gaps(const CgRegionGaps *result);
CG_AVAILABLE_IN_1_0
const CgGap *cg_region_gaps_gap(const CgRegionGaps *result, gsize i);
CG_AVAILABLE_IN_1_0
double cg_region_gaps_gap_weight(const CgRegionGaps *result);

CG_AVAILABLE_IN_1_0
CgRegionGaps *cg_region_gaps(const CgGraph *graph, const char *region,
                             CgGapWeighting weighting, GError **error);
CG_AVAILABLE_IN_1_0
void cg_region_gaps_free(CgRegionGaps *gaps);

/**
 * CgPartnerStep:
 * @region: the graph's region index of the partner added at this step
 * @gain: completion gained by adding it (a share of application weight)
 * @completion: the coalition's completion after it
 * @n_supplies: (skip)
 * @supplies: (array length=n_supplies): nodes the coalition lacked (the "missing" nodes of
 *   cg_completion_full()) that this partner produces
 * @n_applications: (skip)
 * @applications: (array length=n_applications): applications it makes producible, ascending
 *
 * One step of the greedy coalition of cg_region_partners(), owned by its #CgPartners.
 * Read through the pointer an accessor returns; append-only (docs/conventions.md,
 * "Results").
 */
typedef struct {
  guint32 region;
  double gain;
  double completion;
  gsize n_supplies;
  CgNodeId *supplies;
  gsize n_applications;
  CgNodeId *applications;
} CgPartnerStep;

/**
 * CgPartners:
 *
 * Greedy partners of a region (cg_region_partners()). Opaque: read it through its accessors
 * (cg_partners_region(), cg_partners_completion(), cg_partners_n_steps(), …), so that a
 * field added later never breaks a compiled caller. Owned by the caller: free with
 * cg_partners_free().
 */
typedef struct _CgPartners CgPartners;

CG_AVAILABLE_IN_1_0
gsize cg_partners_region(const CgPartners *result);
CG_AVAILABLE_IN_1_0
double cg_partners_completion(const CgPartners *result);
CG_AVAILABLE_IN_1_0
gsize cg_partners_n_steps(const CgPartners *result);
CG_AVAILABLE_IN_1_0
const CgPartnerStep *cg_partners_step(const CgPartners *result, gsize i);

CG_AVAILABLE_IN_1_0
CgPartners *cg_region_partners(const CgGraph *graph, const char *region,
                               const char *level, gsize max_steps, GError **error);
CG_AVAILABLE_IN_1_0
void cg_partners_free(CgPartners *partners);
CG_AVAILABLE_IN_1_0
char *cg_partners_step_why(const CgGraph *graph, const CgPartners *partners, gsize i);

/**
 * CgNextStep:
 * @node: a node the region does not produce, next to its capabilities
 * @density: |neighbours of @node the region produces| ÷ |neighbours of @node|
 * @n_inputs_here: inputs of @node the region produces
 * @n_consumers_here: consumers of @node the region produces
 * @n_neighbours: distinct inputs and consumers of @node
 * @gain: completion the region alone would gain by producing @node
 *
 * A product a region could add next (cg_region_next()); part of an array the caller frees with cg_free().
 */
typedef struct {
  CgNodeId node;
  double density;
  guint32 n_inputs_here;
  guint32 n_consumers_here;
  guint32 n_neighbours;
  double gain;
} CgNextStep;

/**
 * CgNextSteps:
 *
 * The list of what a region could develop next (cg_region_next()). Opaque: read it through cg_next_steps_n_items() and cg_next_steps_item(), so that a
 * field added later never breaks a compiled caller. Owned by the caller: free with
 * cg_next_steps_free().
 */
typedef struct _CgNextSteps CgNextSteps;

CG_AVAILABLE_IN_1_0
gsize cg_next_steps_n_items(const CgNextSteps *list);
CG_AVAILABLE_IN_1_0
const CgNextStep *cg_next_steps_item(const CgNextSteps *list, gsize i);
CG_AVAILABLE_IN_1_0
void cg_next_steps_free(CgNextSteps *list);

CG_AVAILABLE_IN_1_0
CgNextSteps *cg_region_next(const CgGraph *graph, const char *region, gsize top,
                            GError **error);
CG_AVAILABLE_IN_1_0
char *cg_next_step_why(const CgGraph *graph, const char *region, const CgNextStep *step,
                       GError **error);

/* {"region","id","level","capabilities":[ids],"planned":[ids],"gap_weight",
 *  "gaps":[{"id","name","weight","consumers":[ids],"producers":[names],"evidence"}],
 *  "completion","partners":[{"region","gain","completion","supplies","applications","why"}],
 *  "next":[{"id","name","density","gain","inputs_here","consumers_here","neighbours","why",
 *           "evidence"}]} */
CG_AVAILABLE_IN_1_0
char *cg_region_view_to_json(const CgGraph *graph, const char *region, gsize top,
                             GError **error);
CG_AVAILABLE_IN_1_0
char *cg_region_view_to_json_at(const CgGraph *graph, const char *region,
                                const char *level, gsize top, GError **error);

/* ---- coalitions ------------------------------------------------------------------- */

/**
 * CgCompletion:
 *
 * What a coalition of regions produces (cg_completion_full()). Opaque: read it through its
 * accessors (cg_completion_completion(), cg_completion_weight(),
 * cg_completion_applications(), …), so that a field added later never breaks a compiled
 * caller. Owned by the caller: free with cg_completion_free().
 */
typedef struct _CgCompletion CgCompletion;

CG_AVAILABLE_IN_1_0
double cg_completion_completion(const CgCompletion *result);
CG_AVAILABLE_IN_1_0
double cg_completion_weight(const CgCompletion *result);
CG_AVAILABLE_IN_1_0
const CgNodeId *cg_completion_applications(const CgCompletion *result, gsize *n_out);
CG_AVAILABLE_IN_1_0
const CgNodeId *cg_completion_missing(const CgCompletion *result, gsize *n_out);

CG_AVAILABLE_IN_1_0
double cg_completion(const CgGraph *graph, const char *const *regions, GError **error);
CG_AVAILABLE_IN_1_0
CgCompletion *cg_completion_full(const CgGraph *graph, const char *const *regions,
                                 GError **error);
CG_AVAILABLE_IN_1_0
void cg_completion_free(CgCompletion *completion);
/* {"regions":[names],"completion","weight","total_weight","producible_applications":[ids],
 *  "missing":[ids]} */
CG_AVAILABLE_IN_1_0
char *cg_completion_to_json(const CgGraph *graph, const char *const *regions,
                            GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgComplement, cg_complement_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgRegionGaps, cg_region_gaps_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgPartners, cg_partners_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgCompletion, cg_completion_free)

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgNextSteps, cg_next_steps_free)

G_END_DECLS

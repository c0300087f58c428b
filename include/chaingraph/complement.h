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
#define CG_COMPLEMENT_OPTIONS_VERSION 1

/**
 * CgComplementOptions:
 * @version: %CG_COMPLEMENT_OPTIONS_VERSION (set by cg_complement_options_init())
 * @level: "province", "city", "district", "zone", "cluster", "country" or "any" (every
 *   region); %NULL means "province"
 * @top: how many pairs to keep, best first (0: every ordered pair)
 * @threads: worker threads (0: one per core)
 * @weighting: how gaps are weighted
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
 */
typedef struct {
  guint32 region;
  gsize n_capabilities;
  const guint32 *capabilities;
  gsize n_gaps;
  guint32 *gaps;
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
 * @level: the level asked for ("province", …, or "any"); a static string
 * @weighting: how gaps were weighted
 * @n_regions: (skip)
 * @regions: (array length=n_regions): the regions at the level, sorted by name (bytewise)
 * @n_ordered_pairs: n_regions · (n_regions − 1): every ordered pair
 * @n_pairs: (skip)
 * @pairs: (array length=n_pairs): the best @top pairs (every pair when @top was 0),
 *   sorted by score descending, then supplier name, then receiver name
 *
 * Owned by the caller: free with cg_complement_free().
 */
typedef struct {
  const char *level;
  CgGapWeighting weighting;
  gsize n_regions;
  CgComplementRegion *regions;
  gsize n_ordered_pairs;
  gsize n_pairs;
  CgComplementPair *pairs;
  /*< private >*/
  gpointer priv;
} CgComplement;

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
 */
typedef struct {
  guint32 node;
  double weight;
  gsize n_consumers;
  guint32 *consumers;
  gsize n_producers;
  guint32 *producers;
} CgGap;

/**
 * CgRegionGaps:
 * @region: the graph's region index
 * @n_capabilities: (skip)
 * @capabilities: (array length=n_capabilities): ascending node index
 * @n_gaps: (skip)
 * @gaps: (array length=n_gaps): by weight descending, then node id
 * @gap_weight: Σ of the gap weights
 *
 * A region's gaps (cg_region_gaps()). Owned by the caller: free with
 * cg_region_gaps_free().
 */
typedef struct {
  guint32 region;
  gsize n_capabilities;
  guint32 *capabilities;
  gsize n_gaps;
  CgGap *gaps;
  double gap_weight;
} CgRegionGaps;

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
 */
typedef struct {
  guint32 region;
  double gain;
  double completion;
  gsize n_supplies;
  guint32 *supplies;
  gsize n_applications;
  guint32 *applications;
} CgPartnerStep;

/**
 * CgPartners:
 * @region: the graph's region index the coalition starts from
 * @completion: completion of the region alone
 * @n_steps: (skip)
 * @steps: (array length=n_steps): greedy steps, in order
 *
 * The partners that complete a region most, greedily (cg_region_partners()). Owned by the
 * caller: free with cg_partners_free().
 */
typedef struct {
  guint32 region;
  double completion;
  gsize n_steps;
  CgPartnerStep *steps;
} CgPartners;

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
  guint32 node;
  double density;
  guint32 n_inputs_here;
  guint32 n_consumers_here;
  guint32 n_neighbours;
  double gain;
} CgNextStep;

CG_AVAILABLE_IN_1_0
CgNextStep *cg_region_next(const CgGraph *graph, const char *region, gsize top,
                           gsize *n_out, GError **error);
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
 * @completion: producible application weight ÷ total application weight
 * @weight: producible application weight
 * @n_applications: (skip)
 * @applications: (array length=n_applications): producible applications, ascending
 * @n_missing: (skip)
 * @missing: (array length=n_missing): nodes the coalition lacks that keep an application
 *   from being made (see cg_completion_full()), ascending
 *
 * How complete a coalition of regions makes the chains (cg_completion()). Owned by the
 * caller: free with cg_completion_free().
 */
typedef struct {
  double completion;
  double weight;
  gsize n_applications;
  guint32 *applications;
  gsize n_missing;
  guint32 *missing;
} CgCompletion;

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

G_END_DECLS

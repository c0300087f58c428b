/* chaingraph — supply risk: a documented per-node disruption probability (EU CRM / GeoPolRisk
 * in spirit), ranked and explained supplier→consumer links, expected loss by Monte Carlo or
 * exact enumeration, scenarios and where to invest. The model is in docs/risk-model.md.
 * Only <chaingraph/chaingraph.h> may be included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <chaingraph/disrupt.h>
#include <chaingraph/graph.h>

G_BEGIN_DECLS

/* ---- the risk profile: every constant of the model ------------------------------------ */

/**
 * CgRiskProfile:
 *
 * Every constant of the risk model, by key (docs/risk-model.md lists them with their
 * defaults; cg_risk_profile_keys() and cg_risk_profile_key_doc() list them at run time).
 * Opaque; free with cg_risk_profile_free().
 */
typedef struct _CgRiskProfile CgRiskProfile;

CG_AVAILABLE_IN_1_0
CgRiskProfile *cg_risk_profile_new(void);
CG_AVAILABLE_IN_1_0
CgRiskProfile *cg_risk_profile_copy(const CgRiskProfile *profile);
CG_AVAILABLE_IN_1_0
gboolean cg_risk_profile_load(CgRiskProfile *profile, const char *path, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_risk_profile_load_data(CgRiskProfile *profile, const char *data,
                                   gssize length, const char *name, GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_risk_profile_set(CgRiskProfile *profile, const char *key, const char *value,
                             GError **error);
CG_AVAILABLE_IN_1_0
gboolean cg_risk_profile_get(const CgRiskProfile *profile, const char *key,
                             double *value);
CG_AVAILABLE_IN_1_0
const char *const *cg_risk_profile_keys(void);
CG_AVAILABLE_IN_1_0
const char *cg_risk_profile_key_doc(const char *key);
CG_AVAILABLE_IN_1_0
char *cg_risk_profile_to_text(const CgRiskProfile *profile);
CG_AVAILABLE_IN_1_0
void cg_risk_profile_free(CgRiskProfile *profile);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgRiskProfile, cg_risk_profile_free)

/* ---- options ---------------------------------------------------------------------------- */

/**
 * CG_RISK_OPTIONS_VERSION:
 *
 * The version of #CgRiskOptions these headers declare: pass it to cg_risk_options_init().
 */
#define CG_RISK_OPTIONS_VERSION 2

/**
 * CgRiskOptions:
 * @version: %CG_RISK_OPTIONS_VERSION (set by cg_risk_options_init())
 * @samples: Monte Carlo samples (ignored when the enumeration is exact); from 1 to
 *   10,000,000 (else %CG_ERROR_USAGE), as @invest_samples
 * @seed: the seed: sample i draws from its own generator seeded by (@seed, i), so the
 *   result does not depend on @threads
 * @threads: worker threads (0: one per core)
 * @top: how many ranked links get a #CgRiskLink with its `why` (0: every link)
 * @exact_max: enumerate every state exactly when at most this many producible nodes have a
 *   probability strictly between 0 and 1 (at most 24; 0: always Monte Carlo)
 * @profile: (nullable): the model's constants; %NULL for the defaults
 * @invest: how many "where to invest" nodes to list (0: skip that analysis)
 * @invest_samples: Monte Carlo samples used to measure each investment (the first ones of
 *   the run; 0: all of them)
 * @probabilities: (nullable) (array): per node, a failure probability in [0, 1] used
 *   instead of the model's, or NAN to keep the model's for that node (so a partial
 *   override lists NAN for every other node); what-if studies, tests. The factors are
 *   still reported
 * @precision: (since version 2) sequential sampling: the Monte Carlo stops after a round of
 *   1,024 samples once the 95 % interval's half-width of the expected loss is at most
 *   @precision × the expected loss (relative precision); @samples is the cap. 0: always draw
 *   @samples. Default 0.01 (docs/risk-model.md, "How many samples")
 * @progress: (since version 2) (nullable): called every 256 samples with the fraction
 *   of @samples drawn; returning %FALSE cancels (#CgProgressFunc)
 * @progress_data: (since version 2): passed to @progress
 *
 * Initialise it with cg_risk_options_init(), which sets the defaults, then set what differs.
 */
typedef struct {
  unsigned int version;
  gsize samples;
  guint64 seed;
  guint threads;
  gsize top;
  guint exact_max;
  const CgRiskProfile *profile;
  gsize invest;
  gsize invest_samples;
  const double *probabilities;
  double precision;
  CgProgressFunc progress;
  gpointer progress_data;
} CgRiskOptions;

CG_AVAILABLE_IN_1_0
int cg_risk_options_init(CgRiskOptions *options, unsigned int version);

/* ---- the result ------------------------------------------------------------------------- */

/**
 * CgRiskFactors:
 * @concentration: Herfindahl–Hirschman index over the most specific producing regions, in
 *   (0, 1]; the profile's `unsourced_concentration` when no region produces the node
 * @n_regions: producing regions counted (0: unsourced)
 * @foreign: the foreign-dependence factor, ≥ 1
 * @chokepoint: the chokepoint evidence kind that set @foreign (the heaviest);
 *   %CG_CHOKEPOINT_KIND_NONE without evidence
 * @import_share: the import-dependence share, NAN if unknown
 * @substitutability: the node's substitutability in [0, 1], NAN if unknown
 * @substitution: the substitution factor 1 − w·substitutability
 * @recycling_rate: the end-of-life recycling input rate, NAN if unknown
 * @recycling: the recycling factor 1 − w·recycling_rate
 * @stage: the stage factor of the node's stage
 * @score: the supply-risk score, the product of the factors above
 *
 * Why a node has its probability: P = 1 − (1 − base_probability)^score.
 * Append-only (docs/conventions.md, "Results"): read through the pointer cg_risk_factors()
 * returns, or filled by cg_risk_node_probability() up to the size the caller passes.
 */
typedef struct {
  double concentration;
  guint n_regions;
  double foreign;
  CgChokepointKind chokepoint;
  double import_share;
  double substitutability;
  double substitution;
  double recycling_rate;
  double recycling;
  double stage;
  double score;
} CgRiskFactors;

/**
 * CgRiskLink:
 * @edge: the edge index
 * @source: the supplier u
 * @target: the consumer v
 * @score: @probability × @dependence × @criticality
 * @probability: P(u fails)
 * @dependence: how much v depends on u: 1 when u is the sole member of its input group,
 *   1/k when it is one of k alternatives
 * @alternatives: k, the size of u's input group of v
 * @criticality: the criticality of v (cg_criticality())
 * @criticality_share: the share of samples (the probability, when exact) in which u and v
 *   were both lost and v's loss reached a lost application through lost nodes
 * @why: one line a planner reads, citing the document evidence
 *
 * One supplier → consumer link of a #CgRisk, owned by it.
 * Read through the pointer an accessor returns; append-only (docs/conventions.md,
 * "Results").
 */
typedef struct {
  guint32 edge;
  CgNodeId source;
  CgNodeId target;
  double score;
  double probability;
  double dependence;
  guint32 alternatives;
  double criticality;
  double criticality_share;
  char *why;
} CgRiskLink;

/**
 * CgRiskApplication:
 * @node: the application
 * @weight: its weight
 * @failure_probability: the probability that it is lost (producible without failures and
 *   not under the sampled ones)
 * @producible: whether it is producible with nothing failed (if not, it is never "lost")
 *
 * One application of a #CgRisk: how likely it is lost. Owned by the #CgRisk.
 * Read through the pointer an accessor returns; append-only (docs/conventions.md,
 * "Results").
 */
typedef struct {
  CgNodeId node;
  double weight;
  double failure_probability;
  gboolean producible;
} CgRiskApplication;

/**
 * CgRiskInvestment:
 * @node: the node
 * @probability: its failure probability now
 * @reduction: how much expected loss (application weight) falls when the node is secured
 *   (its probability set to 0)
 * @ci95: the 95% confidence interval of @reduction ([r, r] when exact)
 * @why: one line a planner reads
 *
 * One place to invest of a #CgRisk: what making a node safe saves. Owned by the #CgRisk.
 * Read through the pointer an accessor returns; append-only (docs/conventions.md,
 * "Results").
 */
typedef struct {
  CgNodeId node;
  double probability;
  double reduction;
  double ci95[2];
  char *why;
} CgRiskInvestment;

/**
 * CgRisk:
 *
 * The supply-risk answer (cg_risk()). Opaque: read it through its accessors
 * (cg_risk_n_nodes(), cg_risk_probability(), cg_risk_factors(), …), so that a field added
 * later never breaks a compiled caller. Owned by the caller: free with cg_risk_free().
 */
typedef struct _CgRisk CgRisk;

CG_AVAILABLE_IN_1_0
gsize cg_risk_n_nodes(const CgRisk *result);
CG_AVAILABLE_IN_1_0
const double *cg_risk_probability(const CgRisk *result);
CG_AVAILABLE_IN_1_0
const CgRiskFactors *cg_risk_factors(const CgRisk *result, gsize i);
CG_AVAILABLE_IN_1_0
const double *cg_risk_criticality(const CgRisk *result);
CG_AVAILABLE_IN_1_0
gsize cg_risk_n_edges(const CgRisk *result);
CG_AVAILABLE_IN_1_0
const double *cg_risk_link_score(const CgRisk *result);
CG_AVAILABLE_IN_1_0
const double *cg_risk_link_share(const CgRisk *result);
CG_AVAILABLE_IN_1_0
const guint32 *cg_risk_link_order(const CgRisk *result);
CG_AVAILABLE_IN_1_0
gsize cg_risk_n_links(const CgRisk *result);
CG_AVAILABLE_IN_1_0
const CgRiskLink *cg_risk_link(const CgRisk *result, gsize i);
CG_AVAILABLE_IN_1_0
double cg_risk_expected_loss(const CgRisk *result);
CG_AVAILABLE_IN_1_0
const double *cg_risk_ci95(const CgRisk *result);
CG_AVAILABLE_IN_1_0
double cg_risk_total_weight(const CgRisk *result);
CG_AVAILABLE_IN_1_0
gsize cg_risk_samples(const CgRisk *result);
CG_AVAILABLE_IN_1_0
gsize cg_risk_states(const CgRisk *result);
CG_AVAILABLE_IN_1_0
guint64 cg_risk_seed(const CgRisk *result);
CG_AVAILABLE_IN_1_0
const char *cg_risk_method(const CgRisk *result);
CG_AVAILABLE_IN_1_0
gsize cg_risk_n_uncertain(const CgRisk *result);
CG_AVAILABLE_IN_1_0
gsize cg_risk_n_applications(const CgRisk *result);
CG_AVAILABLE_IN_1_0
const CgRiskApplication *cg_risk_application(const CgRisk *result, gsize i);
CG_AVAILABLE_IN_1_0
gsize cg_risk_n_invest(const CgRisk *result);
CG_AVAILABLE_IN_1_0
const CgRiskInvestment *cg_risk_invest(const CgRisk *result, gsize i);
CG_AVAILABLE_IN_1_0
const char *cg_risk_criticality_method(const CgRisk *result);

CG_AVAILABLE_IN_1_0
CgRisk *cg_risk(const CgGraph *graph, const CgRiskOptions *options, GError **error);
CG_AVAILABLE_IN_1_0
void cg_risk_free(CgRisk *risk);
CG_AVAILABLE_IN_1_0
char *cg_risk_node_why(const CgGraph *graph, const CgRisk *risk, CgNodeId node);
CG_AVAILABLE_IN_1_0
char *cg_risk_link_why(const CgGraph *graph, const CgRisk *risk, gsize edge);
CG_AVAILABLE_IN_1_0
double cg_risk_node_probability(const CgGraph *graph, const CgRiskProfile *profile,
                                CgNodeId node, CgRiskFactors *factors, gsize factors_size);
CG_AVAILABLE_IN_1_0
char *cg_risk_to_json(const CgGraph *graph, const CgRisk *risk, gsize top_links,
                      GError **error);
CG_AVAILABLE_IN_1_0
double *cg_risk_link_scores_without_inferred(const CgGraph *graph, const CgRisk *risk);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgRisk, cg_risk_free)

/* ---- scenarios -------------------------------------------------------------------------- */

/**
 * CgRiskScenario:
 *
 * What a scenario changes (cg_risk_scenario()). Opaque: read it through its accessors
 * (cg_risk_scenario_label(), cg_risk_scenario_impact(), cg_risk_scenario_base_loss(), …),
 * so that a field added later never breaks a compiled caller. Owned by the caller: free
 * with cg_risk_scenario_free().
 */
typedef struct _CgRiskScenario CgRiskScenario;

CG_AVAILABLE_IN_1_0
const char *cg_risk_scenario_label(const CgRiskScenario *result);
CG_AVAILABLE_IN_1_0
const CgImpact *cg_risk_scenario_impact(const CgRiskScenario *result);
CG_AVAILABLE_IN_1_0
double cg_risk_scenario_base_loss(const CgRiskScenario *result);
CG_AVAILABLE_IN_1_0
const double *cg_risk_scenario_base_ci95(const CgRiskScenario *result);
CG_AVAILABLE_IN_1_0
double cg_risk_scenario_loss(const CgRiskScenario *result);
CG_AVAILABLE_IN_1_0
const double *cg_risk_scenario_ci95(const CgRiskScenario *result);
CG_AVAILABLE_IN_1_0
double cg_risk_scenario_change(const CgRiskScenario *result);
CG_AVAILABLE_IN_1_0
const double *cg_risk_scenario_change_ci95(const CgRiskScenario *result);
CG_AVAILABLE_IN_1_0
const char *cg_risk_scenario_method(const CgRiskScenario *result);
CG_AVAILABLE_IN_1_0
gsize cg_risk_scenario_samples(const CgRiskScenario *result);
CG_AVAILABLE_IN_1_0
const char *cg_risk_scenario_why(const CgRiskScenario *result);

CG_AVAILABLE_IN_1_0
CgNodeId *cg_risk_embargo_nodes(const CgGraph *graph, gsize *n_out);
CG_AVAILABLE_IN_1_0
CgRiskScenario *cg_risk_scenario(const CgGraph *graph, const CgRisk *base,
                                 const CgNodeId *nodes, gsize n_nodes,
                                 const char *const *regions, gboolean embargo,
                                 const CgRiskOptions *options, GError **error);
CG_AVAILABLE_IN_1_0
void cg_risk_scenario_free(CgRiskScenario *scenario);
CG_AVAILABLE_IN_1_0
char *cg_risk_scenario_to_json(const CgGraph *graph, const CgRiskScenario *scenario,
                               GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgRiskScenario, cg_risk_scenario_free)

G_END_DECLS

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
#define CG_RISK_OPTIONS_VERSION 1

/**
 * CgRiskOptions:
 * @version: %CG_RISK_OPTIONS_VERSION (set by cg_risk_options_init())
 * @samples: Monte Carlo samples (ignored when the enumeration is exact); ≥ 1
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
 *   instead of the model's (what-if studies, tests); the factors are still reported
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
 * @chokepoint: (nullable): the chokepoint evidence kind that set @foreign (the heaviest)
 * @import_share: the import-dependence share, NAN if unknown
 * @substitutability: the node's substitutability in [0, 1], NAN if unknown
 * @substitution: the substitution factor 1 − w·substitutability
 * @recycling_rate: the end-of-life recycling input rate, NAN if unknown
 * @recycling: the recycling factor 1 − w·recycling_rate
 * @stage: the stage factor of the node's stage
 * @score: the supply-risk score, the product of the factors above
 *
 * Why a node has its probability: P = 1 − (1 − base_probability)^score.
 */
typedef struct {
  double concentration;
  guint n_regions;
  double foreign;
  const char *chokepoint;
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
 */
typedef struct {
  guint32 edge;
  guint32 source;
  guint32 target;
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
 */
typedef struct {
  guint32 node;
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
 */
typedef struct {
  guint32 node;
  double probability;
  double reduction;
  double ci95[2];
  char *why;
} CgRiskInvestment;

/**
 * CgRisk:
 * @n_nodes: the graph's node count
 * @probability: (array length=n_nodes): every node's failure probability
 * @factors: (array length=n_nodes): the model's factors behind it
 * @criticality: (array length=n_nodes): every node's criticality (cg_criticality())
 * @n_edges: the graph's edge count
 * @link_score: (array length=n_edges): every edge's link score
 * @link_share: (array length=n_edges): every edge's criticality share
 * @link_order: (array length=n_edges): the edges ranked by score descending, then source
 *   id, then target id
 * @n_links: how many links are listed
 * @links: (array length=n_links): the first @n_links of @link_order, explained
 * @expected_loss: expected lost application weight
 * @ci95: its 95% confidence interval ([mean, mean] when exact)
 * @total_weight: the total application weight
 * @samples: Monte Carlo samples drawn (0 when exact)
 * @states: states enumerated (0 for Monte Carlo)
 * @seed: the seed used
 * @method: "monte-carlo" or "exact"
 * @n_uncertain: producible nodes with a probability strictly between 0 and 1
 * @n_applications: the number of applications
 * @applications: (array length=n_applications): every application, by failure probability
 *   descending, then id
 * @n_invest: how many nodes are listed
 * @invest: (array length=n_invest): where to invest, by reduction descending, then id
 * @criticality_method: how criticality was computed ("dominator-tree" or "support-dag")
 *
 * The supply-risk answer. Free with cg_risk_free().
 */
typedef struct {
  gsize n_nodes;
  double *probability;
  CgRiskFactors *factors;
  double *criticality;
  gsize n_edges;
  double *link_score;
  double *link_share;
  guint32 *link_order;
  gsize n_links;
  CgRiskLink *links;
  double expected_loss;
  double ci95[2];
  double total_weight;
  gsize samples;
  gsize states;
  guint64 seed;
  const char *method;
  gsize n_uncertain;
  gsize n_applications;
  CgRiskApplication *applications;
  gsize n_invest;
  CgRiskInvestment *invest;
  const char *criticality_method;
  /*< private >*/
  gpointer priv;
} CgRisk;

CG_AVAILABLE_IN_1_0
CgRisk *cg_risk(const CgGraph *graph, const CgRiskOptions *options, GError **error);
CG_AVAILABLE_IN_1_0
void cg_risk_free(CgRisk *risk);
CG_AVAILABLE_IN_1_0
char *cg_risk_node_why(const CgGraph *graph, const CgRisk *risk, gsize node);
CG_AVAILABLE_IN_1_0
char *cg_risk_link_why(const CgGraph *graph, const CgRisk *risk, gsize edge);
CG_AVAILABLE_IN_1_0
double cg_risk_node_probability(const CgGraph *graph, const CgRiskProfile *profile,
                                gsize node, CgRiskFactors *factors);
CG_AVAILABLE_IN_1_0
char *cg_risk_to_json(const CgGraph *graph, const CgRisk *risk, gsize top_links,
                      GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgRisk, cg_risk_free)

/* ---- scenarios -------------------------------------------------------------------------- */

/**
 * CgRiskScenario:
 * @label: what the scenario is ("embargo", "region:赣州", "nodes:…", joined by " + ")
 * @impact: what the scenario alone loses (cg_disrupt() of the knocked-out nodes)
 * @base_loss: expected lost application weight without the scenario
 * @base_ci95: its 95% confidence interval
 * @loss: expected lost application weight with the scenario's nodes failed for sure and
 *   every other node failing with its probability
 * @ci95: its 95% confidence interval
 * @change: @loss − @base_loss
 * @change_ci95: its 95% confidence interval (paired samples: the same draws with and
 *   without the scenario)
 * @method: "monte-carlo" or "exact"
 * @samples: samples drawn (0 when exact)
 * @why: one line a planner reads
 *
 * Free with cg_risk_scenario_free().
 */
typedef struct {
  char *label;
  CgImpact *impact;
  double base_loss;
  double base_ci95[2];
  double loss;
  double ci95[2];
  double change;
  double change_ci95[2];
  const char *method;
  gsize samples;
  char *why;
} CgRiskScenario;

CG_AVAILABLE_IN_1_0
guint32 *cg_risk_embargo_nodes(const CgGraph *graph, gsize *n_out);
CG_AVAILABLE_IN_1_0
CgRiskScenario *cg_risk_scenario(const CgGraph *graph, const CgRisk *base,
                                 const guint32 *nodes, gsize n_nodes,
                                 const char *const *regions, gboolean embargo,
                                 const CgRiskOptions *options, GError **error);
CG_AVAILABLE_IN_1_0
void cg_risk_scenario_free(CgRiskScenario *scenario);
CG_AVAILABLE_IN_1_0
char *cg_risk_scenario_to_json(const CgGraph *graph, const CgRiskScenario *scenario,
                               GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC(CgRiskScenario, cg_risk_scenario_free)

G_END_DECLS

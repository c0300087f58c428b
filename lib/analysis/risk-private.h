/* What the risk files share (risk.c, risk-profile.c, risk-model.c, risk-engine.c,
 * risk-invest.c, risk-scenario.c, and present/'s explain-risk.c and json-risk.c): the
 * profile's keys, the engine's types and the result's private part. Not installed. */
#pragma once

#include "analysis/cg-analysis.h"

G_BEGIN_DECLS

/* ---- the profile (risk-profile.c) ---- */

enum {
  P_BASE,
  P_UNSOURCED,
  P_PLANNED,
  P_F_CHOKEPOINT,
  P_F_FOREIGN,
  P_F_MONOPOLY,
  P_F_SUBSTITUTION,
  P_F_BOTTLENECK,
  P_F_OTHER,
  P_IMPORT_W,
  P_SUBST_W,
  P_RECYCLE_W,
  P_STAGE0, /* CgStage order: unknown, raw, material, component, product, application, recycling */
  P_N = P_STAGE0 + 7
};

typedef struct {
  const char *key;
  double def, min, max;
  gboolean boolean;
  const char *doc;
} ProfileKey;

struct _CgRiskProfile {
  double v[P_N];
};

/* The producing regions of every node, at their most specific (cg__producers_build). */
typedef CgProducers Claims;

/* ---- the engine (risk-engine.c): 64 samples per word ---- */

#define LANES 64
#define FIX 1152921504606846976.0 /* 2^60: fixed-point unit of exact probabilities */

typedef struct {
  const CgGraph *g;
  CgBaseline b;
  guint32 n, m, n_prod;
  guint32 *topo;       /* [n_prod]: producible nodes in baseline order */
  const guint32 *out_dst; /* [m]: the graph's out-edge targets (CSR order) */
  guint32 *back_off;   /* [n+1] */
  guint32 *back_dst;   /* back edges: u → w with order(w) ≤ order(u) */
  guint32 *back_src;   /* nodes with back edges */
  guint32 n_back_src;
  guint32 *apps;       /* producible applications */
  double *app_w;       /* [n]: application weight (0 for others) */
  guint32 n_apps;
  guint8 *is_app;      /* [n]: producible application */
} Engine;

#define NBUCKETS 64

/* Who fails in a sample: forced nodes always; uncertain nodes by their probability.
 * Monte Carlo draws by buckets of similar probability: candidates at rate q = 2^-b by
 * geometric skips, each accepted with p/q ≥ 1/2, so a sample costs O(failures + buckets).
 * Exact enumeration: bit i of the state index is the i-th uncertain node. */
typedef struct {
  const double *p;
  guint32 *forced;
  guint32 n_forced;
  gboolean exact;
  guint32 *unc;  /* exact: the uncertain nodes, ascending */
  guint k;
  guint32 boff[NBUCKETS + 1];
  guint32 *bnodes;
  double *bp;    /* p of bnodes[i], stored alongside for cache locality */
  double bq[NBUCKETS], blq[NBUCKETS];
  guint64 seed;
  gsize lanes_total; /* samples or 2^k states */
} Sampler;

/* One thread's 64-lane state. */
typedef struct {
  const Engine *E;
  const Sampler *S;
  guint64 *alive, *lost, *reach, *fail, *kill;
  guint64 *p1;     /* alive after the in-order pass of forward() (where to invest only) */
  GArray *touched; /* nodes whose fail word is set */
  guint8 *dirty;
  GArray *heap;    /* min-heap of baseline orders */
  GArray *stack;
  guint64 valid;
  double w[LANES]; /* lane weights: 1 (Monte Carlo) or the state's probability */
  double L[LANES]; /* lost application weight per lane */
  double table[8][256];
  /* Undo log of a variant (where to invest). */
  guint32 *stamp;
  guint32 epoch;
  GArray *undo_v;
  GArray *undo_a;
} Lanes;

typedef enum { SWEEP_MAIN, SWEEP_LOSS, SWEEP_INVEST } SweepKind;

typedef struct {
  const Engine *E;
  const Sampler *S;
  SweepKind kind;
  guint64 n_batches;
  guint64 first; /* cg__risk_sweep_run() processes batches first .. n_batches - 1 */
  gint next;
  double total_weight;
  /* per batch, summed in batch order afterwards */
  double *bw, *bL, *bL2;
  guint64 *bunits;
  double *dx;          /* exact, MAIN: per batch × k: Σ P_{-x}(s)·L(s)·(±1) */
  double *lane_loss;   /* per sample or state */
  /* per-thread integer accumulators, merged under the lock */
  GMutex lock;
  guint64 *app_units, *edge_units, *ub_units;
  gboolean screen;     /* MAIN: fill ub_units (the investment screening; off without invest) */
  /* SWEEP_INVEST */
  const guint32 *cand;
  guint n_cand;
  const double *base_loss; /* lane losses of the main sweep */
  double *cs, *cs2;        /* per batch × candidate: Σ w·Δ, Σ w·Δ² */
  /* progress and cancellation (nullable): each batch adds its samples; the thread that
   * called cg__risk_sweep_run() reports; workers stop taking batches once it is stopped */
  CgWork *work;
  GThread *caller;
} Sweep;

/* ---- the result's private part (risk.c) ---- */

typedef struct {
  Engine E;
  Claims claims;
  CgRiskProfile profile;
  double *lane_loss; /* per sample/state of the run, for paired scenarios */
  gsize lanes;
  gboolean exact;
  guint exact_max;
  guint32 *id_rank;  /* node → rank of its id */
  const CgGraph *graph; /* the graph (a result does not outlive it): cg_risk_link_order() */
} Priv;

#define PRIV(r) ((Priv *)(r)->priv)

/* Rankings compare values rounded to 1e-12 (of a share, or of the total weight) so that
 * values equal but for rounding tie, and the documented tie-break (id) decides. */
static inline gint64
quant(double x)
{
  return llround(x * 1e12);
}

/* risk-profile.c */
extern const ProfileKey cg__risk_profile_keys[P_N];

/* risk-model.c */
double cg__risk_node_model(const CgGraph *g, const CgRiskProfile *pr, const Claims *c, guint32 v,
                           CgRiskFactors *f);

/* risk-engine.c */
void cg__risk_engine_init(Engine *E, const CgGraph *g);
void cg__risk_engine_clear(Engine *E);
void cg__risk_sampler_init(Sampler *S, const Engine *E, const double *p, const guint8 *extra_forced,
                           gboolean exact, guint64 seed, gsize samples);
void cg__risk_sampler_clear(Sampler *S);
void cg__risk_sweep_alloc(Sweep *sw, const Engine *E, const Sampler *S, SweepKind kind);
void cg__risk_sweep_free(Sweep *sw);
void cg__risk_sweep_run(Sweep *sw, guint threads);
void cg__risk_sweep_mean(const Sweep *sw, gsize lanes, double *mean, double *lo, double *hi);
guint32 cg__risk_heap_pop(GArray *h);
void cg__risk_mark_dirty(Lanes *ln, guint32 v);
void cg__risk_set_alive(Lanes *ln, guint32 v, guint64 a);
void cg__risk_settle(Lanes *ln, gboolean logged);

/* risk-invest.c */
void cg__risk_variant(Lanes *ln, guint32 x, gboolean fails, double *Lv);
void cg__risk_where_to_invest(const CgGraph *g, CgRisk *r, const Sampler *S, const Sweep *sw,
                              const CgRiskOptions *opt);

/* risk.c */
double *cg__risk_probabilities(const CgGraph *g, const CgRiskProfile *pr, const Claims *c,
                               const double *given, CgRiskFactors *factors, GError **error);
gboolean cg__risk_check_options(const CgRiskOptions *o, GError **error);
gsize cg__risk_count_uncertain(const Engine *E, const double *p);
CgRisk *cg__risk_run(const CgGraph *g, const CgRiskOptions *options, GError **error);
double *cg__risk_link_scores_on(const CgGraph *g, const CgRisk *r);
double *cg__risk_link_scores_with(const CgGraph *g, const CgRiskProfile *pr, double **probability);

/* risk-scenario.c */
CgRiskScenario *cg__risk_scenario_run(const CgGraph *g, const CgRisk *base, const guint32 *nodes,
                                      gsize n_nodes, const char *const *regions, gboolean embargo,
                                      const CgRiskOptions *options, GError **error);

/* present/explain-risk.c: the sentences */
char *cg__risk_link_why_with(const CgGraph *g, const CgRisk *r, CgKernel *kn, guint32 e);
char *cg__risk_invest_why(const CgGraph *g, const CgRisk *r, const CgRiskInvestment *it);

G_END_DECLS

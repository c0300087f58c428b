/* The analysis layer's private header: the loss-propagation kernel every analysis runs
 * on. Uses the layers below (core, io). Not installed. */
#pragma once

#include "io/cg-io.h"
#include "analysis/cg-results.h"

G_BEGIN_DECLS

/* The most Monte Carlo samples any option may ask for (risk, its investments, report,
 * disrupt --scenario, bottleneck estimation): 10^7, a thousand times the default. Above it
 * an option is a usage error rather than gigabytes allocated or hours spent. */
#define CG__SAMPLES_MAX 10000000u
/* The largest risk profile file read (bytes). */
#define CG__PROFILE_MAX (1u << 20)

/* Loss propagation from the undisrupted state (lossprop.c). */
typedef struct {
  guint32 n;
  guint32 n_prod;   /* producible nodes */
  guint8 *prod;     /* producible with nothing removed */
  guint32 *order;   /* position in the least-fixed-point order; G_MAXUINT32 if not prod */
  guint32 *nsupp;   /* per group: members that support it (order below the target's) */
  gboolean or_only; /* every node has at most one group */
} CgBaseline;

typedef struct {
  const CgGraph *g;
  const CgBaseline *b;
  guint32 epoch;
  guint32 *in_k;     /* epoch stamp: node is a candidate */
  guint32 *rec;      /* epoch stamp: candidate recovered */
  guint32 *seed;     /* epoch stamp: node knocked out directly */
  guint32 *gstamp;   /* epoch stamp of dec/gsat for a group */
  guint32 *dec;      /* supporting members of a group found in K */
  guint8 *gsat;      /* group satisfied during recovery */
  guint32 *need;     /* unsatisfied groups of a candidate */
  GArray *k;         /* guint32: the candidates, knocked-out ones first */
  GArray *queue;
  const guint8 *within; /* nullable: candidates only where set (an ancestor-closed set) */
  const double *app_w;  /* nullable: per-node weight counted when lost, instead of the
                           application weights */
  guint64 visits;       /* edge and group visits so far (a work measure) */
} CgKernel;

/* The least fixed point of "producible" (fixpoint.c). */
guint32 cg__lfp(const CgGraph *g, const guint8 *removed, guint8 *prod, guint32 *order);

void cg__baseline_init(const CgGraph *g, CgBaseline *b);
void cg__baseline_clear(CgBaseline *b);
void cg__kernel_init(CgKernel *kn, const CgGraph *g, const CgBaseline *b);
void cg__kernel_clear(CgKernel *kn);
double cg__kernel_run(CgKernel *kn, const guint32 *xs, gsize nx);
/* After cg__kernel_run(): whether @v is lost (knocked out or no longer producible). */
static inline gboolean
cg__kernel_lost(const CgKernel *kn, guint32 v)
{
  return kn->in_k[v] == kn->epoch && kn->rec[v] != kn->epoch;
}

/* Criticality (criticality.c, dominators.c). */
guint32 *cg__dominators(const CgGraph *g, guint32 *idom, guint32 *n_reach);
double *cg__criticality_shared(const CgGraph *g, const CgBaseline *given, guint threads,
                               const char **method, CgWork *work, GError **error);
double *cg__criticality_sampled(const CgGraph *g, const CgBaseline *b, guint threads,
                                gsize samples, guint64 seed, double *ci_low, double *ci_high,
                                CgWork *work, GError **error);
gboolean cg__criticality_too_large(const CgGraph *g, const CgBaseline *b);

/* Option structs (options.c): checks a caller's @version against the newest one this
 * library knows (CG_ERROR_USAGE otherwise, naming the @init function to call); the _get()s copy the caller's options into @out,
 * or the defaults for NULL. */
gboolean cg__options_version_ok(const char *init, unsigned int version, unsigned int known,
                                GError **error);
gboolean cg__bottleneck_options_get(const CgBottleneckOptions *options, CgBottleneckOptions *out,
                                    GError **error);
gboolean cg__risk_options_get(const CgRiskOptions *options, CgRiskOptions *out, GError **error);
gboolean cg__complement_options_get(const CgComplementOptions *options, CgComplementOptions *out,
                                    GError **error);
/* Whether @b asks for betweenness on @g (CG_BETWEENNESS_AUTO: by its size). */
gboolean cg__bottleneck_betweenness_wanted(const CgGraph *g, CgBetweenness b);

/* The bottleneck ranking without its sentences (bottleneck.c). */
CgBottlenecks *cg__bottlenecks_rank(const CgGraph *g, const CgBottleneckOptions *options,
                                    GError **error);
/* The lists behind cg_narrow_waists(), cg_regional_single_points() and cg_region_next()
 * (bottleneck.c, region-view.c), as plain arrays (free with g_free()). */
CgWaist *cg__narrow_waists(const CgGraph *g, gsize *n_out);
CgRegionalPoint *cg__regional_single_points(const CgGraph *g, gsize *n_out);
CgNextStep *cg__region_next(const CgGraph *g, const char *region, gsize top, gsize *n_out,
                            GError **error);

G_END_DECLS

/* Bottlenecks: which products, if lost, take the most applications down with them.
 *
 * Criticality of x = Impact({x}): the application weight that is producible with every
 * node present and not without x (DESIGN.md). Two exact algorithms:
 *
 * - OR-only graphs (every node has at most one input group): a node is producible iff a
 *   path from a node without inputs reaches it, so the nodes lost with x are exactly the
 *   nodes x dominates from a virtual root over those sources. We build the dominator tree
 *   with the semi-NCA algorithm over our own CSR arrays (O(E log V)) and sum application
 *   weights over subtrees. No per-node simulation at all.
 *
 * - General AND/OR graphs with cycles ("support DAG"): one loss propagation per node
 *   (lossprop.c): the candidates K_x are the nodes that lose every supporting member of
 *   some group, and a least fixed point restricted to K_x recovers those another route
 *   still supplies. Cost per node: O(Σ_{v ∈ K_x} (d_in(v) + d_out(v))), so
 *   O(Σ_x vol(K_x)) in all, at worst O(V · E), split over threads. On AND-only DAGs
 *   K_x is the set of x's descendants and the result is their application weight.
 *
 * - Graphs too large for the exact general algorithm (a pilot of 512 loss propagations
 *   predicts the total work; CG_ESTIMATE_AUTO switches above EXACT_WORK_MAX): applications
 *   are drawn in proportion to their weight and the propagation runs only inside the
 *   supply cone of the drawn ones; each node's estimate is a binomial proportion with a
 *   95% Wilson interval, and the nodes listed are recomputed exactly. Labelled as an
 *   estimate everywhere it is shown.
 */
#include "analysis/cg-analysis.h"
#include "core/rng.h"

#include <string.h>

typedef struct {
  const CgGraph *g;
  const CgBaseline *b;
  const guint32 *nodes;  /* the nodes to evaluate, or NULL for all */
  guint32 n_nodes;
  const guint8 *within;  /* kernel restrictions (see CgKernel) */
  const double *app_w;
  double *weight;        /* out: per node, indexed by node */
  guint64 visits;        /* out: the kernel's work */
  CgWork *work;          /* progress and cancellation, or NULL */
  guint t, nt;
} Job;

/* Nodes between two progress steps of a worker. */
#define WORK_NODES 256

static gpointer
job_run(gpointer data)
{
  Job *j = data;
  CgKernel kn;
  cg__kernel_init(&kn, j->g, j->b);
  kn.within = j->within;
  kn.app_w = j->app_w;
  guint since = 0;
  for (guint32 i = j->t; i < j->n_nodes; i += j->nt) {
    guint32 x = j->nodes ? j->nodes[i] : i;
    j->weight[x] = cg__kernel_run(&kn, &x, 1);
    if (++since == WORK_NODES) {
      since = 0;
      if (!cg__work_step(j->work, WORK_NODES, j->t == 0))
        break;
    }
  }
  j->visits = kn.visits;
  cg__kernel_clear(&kn);
  return NULL;
}

/* Runs the kernel for @nodes (NULL: every node) on @threads threads; fills @weight.
 * @work (nullable) counts the nodes and may stop the run (then @weight is partial).
 * Returns the work done (edge and group visits). */
static guint64
run_jobs(const CgGraph *g, const CgBaseline *b, guint threads, const guint32 *nodes,
         guint32 n_nodes, const guint8 *within, const double *app_w, double *weight,
         CgWork *work)
{
  if (n_nodes < 2000)
    threads = 1;
  if (work)
    work->total = n_nodes;
  Job *jobs = g_new(Job, threads);
  for (guint t = 0; t < threads; t++)
    jobs[t] = (Job){g, b, nodes, n_nodes, within, app_w, weight, 0, work, t, threads};
  cg__parallel_run("cg-criticality", threads, job_run, jobs, sizeof(Job));
  guint64 visits = 0;
  for (guint t = 0; t < threads; t++)
    visits += jobs[t].visits;
  g_free(jobs);
  return visits;
}

/* ---- criticality -------------------------------------------------------------------- */

/* Lost application weight per node; NULL when @work was stopped. */
static double *
lost_weights(const CgGraph *g, const CgBaseline *b, guint threads, const char **method,
             CgWork *work)
{
  guint32 n = cg__n(g);
  double *w = g_new0(double, n ? n : 1);
  if (b->or_only) {
    guint32 cnt, *idom = g_new(guint32, n ? n : 1);
    guint32 *vert = cg__dominators(g, idom, &cnt);
    for (guint32 i = cnt - 1; i >= 1; i--) {
      guint32 v = vert[i];
      if (cg__is_app(g, v))
        w[v] += cg__app_weight(g, v);
      if (idom[v] != n)
        w[idom[v]] += w[v];
    }
    g_free(vert);
    g_free(idom);
    if (method)
      *method = "dominator-tree";
    return w;
  }
  run_jobs(g, b, cg__threads_resolve(threads, 0), NULL, n, NULL, NULL, w, work);
  if (cg__work_cancelled(work, NULL)) {
    g_free(w);
    return NULL;
  }
  if (method)
    *method = "support-dag";
  return w;
}

/* cg_criticality() with the caller's baseline of @g, if it has one (NULL: made here when
 * the criticality is not kept yet), and the caller's progress (nullable). NULL, with
 * G_IO_ERROR_CANCELLED, when @work was stopped: nothing is kept then. */
double *
cg__criticality_shared(const CgGraph *cg, const CgBaseline *given, guint threads,
                       const char **method, CgWork *work, GError **error)
{
  CgGraph *g = (CgGraph *)cg;
  guint32 n = cg__n(g);
  g_mutex_lock(&g->crit_lock);
  if (!g->crit) {
    CgBaseline own;
    if (!given)
      cg__baseline_init(g, &own);
    const char *m = NULL;
    double *w = lost_weights(g, given ? given : &own, threads, &m, work);
    if (!given)
      cg__baseline_clear(&own);
    if (!w) {
      g_mutex_unlock(&g->crit_lock);
      cg__work_cancelled(work, error);
      return NULL;
    }
    for (guint32 v = 0; v < n; v++)
      w[v] = g->app_total > 0 ? w[v] / g->app_total : 0;
    g->crit_method = m;
    g->crit = w;
  }
  double *copy = g_memdup2(g->crit, (gsize)MAX(n, 1) * sizeof(double));
  if (method)
    *method = g->crit_method;
  g_mutex_unlock(&g->crit_lock);
  return copy;
}

/**
 * cg_criticality:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @threads: worker threads (0: one per core)
 * @method: (out) (optional) (transfer none): "dominator-tree" or "support-dag"
 *
 * The exact criticality of every node (see the comment at the top of this file). It is
 * computed once per graph and kept with it (a finished graph does not change): the
 * bottleneck ranking, the risk links, complementarity's gap weights and the report all ask
 * for it, and later calls copy it. Thread-safe; a second caller waits for the first.
 * Returns: (transfer full): per node, the share of application weight lost with it.
 * Complexity: O(E log V) on OR-only graphs; O(Σ_x vol(K_x)) ≤ O(V · E) in general, the
 *   first time; O(V) after.
 */
double *
cg_criticality(const CgGraph *g, guint threads, const char **method)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  return cg__criticality_shared(g, NULL, threads, method, NULL, NULL);
}

/* ---- an estimate for graphs too large for the exact algorithm ----------------------- */

/* Kernel work (edge and group visits) above which CG_ESTIMATE_AUTO samples instead of
 * computing exactly: about two minutes on this project's 2-core machine (docs/performance.md
 * has the measured rate). Counted, not timed, so the choice is the same on every machine. */
#define EXACT_WORK_MAX 1.5e9
#define PILOT_NODES 512

/* Predicts the exact algorithm's work from a deterministic pilot sample of producible
 * nodes. O(PILOT_NODES · average vol(K_x)). */
static double
predict_work(const CgGraph *g, const CgBaseline *b)
{
  guint32 n = cg__n(g);
  if (b->n_prod <= PILOT_NODES)
    return 0;
  CgKernel kn;
  cg__kernel_init(&kn, g, b);
  guint64 st = 0x5eed;
  guint done = 0;
  while (done < PILOT_NODES) {
    guint32 x = (guint32)(cg__splitmix64(&st) % n);
    if (!b->prod[x])
      continue;
    cg__kernel_run(&kn, &x, 1);
    done++;
  }
  double per = (double)kn.visits / done;
  cg__kernel_clear(&kn);
  return per * b->n_prod;
}

/* The Wilson score interval (95%) of a binomial proportion k / s. */
/* Whether CG_ESTIMATE_AUTO samples instead of computing exactly: never on OR-only graphs
 * (the dominator tree is fast), else when the pilot predicts more than EXACT_WORK_MAX. */
gboolean
cg__criticality_too_large(const CgGraph *g, const CgBaseline *b)
{
  return !b->or_only && predict_work(g, b) > EXACT_WORK_MAX;
}

static void
wilson(double k, double s, double *lo, double *hi)
{
  const double z = CG_Z95;
  double p = k / s, d = 1 + z * z / s;
  double c = (p + z * z / (2 * s)) / d;
  double h = z * sqrt(p * (1 - p) / s + z * z / (4 * s * s)) / d;
  *lo = MAX(0, c - h);
  *hi = MIN(1, c + h);
}

/* Criticality estimated from @samples applications drawn with probability proportional to
 * their weight: x's estimate is the share of draws that losing x makes unproducible. Only
 * the supply cone of the drawn applications matters (their ancestors: producibility of a
 * node depends on its ancestors alone), so the kernel runs restricted to that cone, for
 * the cone's nodes only. Each estimate is a binomial proportion of @samples draws: it is
 * unbiased, and ci_low/ci_high are its 95% Wilson interval.
 * Cost: O(S log A) for the draws, O(cone) for the cone, then Σ_{x ∈ cone} vol(K_x ∩ cone). */
double *
cg__criticality_sampled(const CgGraph *g, const CgBaseline *b, guint threads, gsize samples,
                        guint64 seed, double *ci_low, double *ci_high, CgWork *work,
                        GError **error)
{
  threads = cg__threads_resolve(threads, 0);
  guint32 n = cg__n(g);
  double *crit = g_new0(double, n ? n : 1);
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *cum = g_array_new(FALSE, FALSE, sizeof(double));
  double total = 0;
  for (guint32 v = 0; v < n; v++)
    if (cg__is_app(g, v) && b->prod[v]) {
      total += cg__app_weight(g, v);
      g_array_append_val(apps, v);
      g_array_append_val(cum, total);
    }
  /* Applications unproducible even undisrupted are never lost: they count as draws that no
   * node kills, so the estimate stays a share of the whole application weight. */
  double all = g->app_total;
  double *mult = g_new0(double, n ? n : 1);
  guint8 *within = g_new0(guint8, n ? n : 1);
  GArray *stack = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint64 st = seed ^ 0x243f6a8885a308d3ull;
  for (gsize i = 0; i < samples && apps->len; i++) {
    double r = cg__unit(&st) * all;
    if (r >= total)
      continue;
    guint lo = 0, hi = cum->len - 1;
    while (lo < hi) { /* the first cumulative weight above r */
      guint mid = (lo + hi) / 2;
      if (g_array_index(cum, double, mid) > r)
        hi = mid;
      else
        lo = mid + 1;
    }
    guint32 a = g_array_index(apps, guint32, lo);
    mult[a] += 1;
    if (!within[a]) {
      within[a] = 1;
      g_array_append_val(stack, a);
    }
  }
  /* The cone: every ancestor of a drawn application. */
  for (guint i = 0; i < stack->len; i++) {
    guint32 v = g_array_index(stack, guint32, i);
    for (guint32 e = g->gmem_off[g->in_goff[v]]; e < g->gmem_off[g->in_goff[v + 1]]; e++) {
      guint32 u = g->esrc[e];
      if (!within[u]) {
        within[u] = 1;
        g_array_append_val(stack, u);
      }
    }
  }
  GArray *nodes = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint i = 0; i < stack->len; i++) {
    guint32 v = g_array_index(stack, guint32, i);
    if (b->prod[v])
      g_array_append_val(nodes, v);
  }
  run_jobs(g, b, threads, (const guint32 *)(void *)nodes->data, nodes->len, within, mult, crit,
           work);
  if (cg__work_cancelled(work, error))
    g_clear_pointer(&crit, g_free);
  for (guint32 v = 0; crit && v < n; v++) {
    crit[v] = samples ? crit[v] / (double)samples : 0;
    if (ci_low)
      wilson(crit[v] * samples, (double)samples, &ci_low[v], &ci_high[v]);
  }
  g_array_free(nodes, TRUE);
  g_array_free(stack, TRUE);
  g_array_free(apps, TRUE);
  g_array_free(cum, TRUE);
  g_free(mult);
  g_free(within);
  return crit;
}

/**
 * cg_criticality_estimate:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @samples: how many applications to draw (e.g. 2000)
 * @seed: the seed of the draws
 * @threads: worker threads (0: one per core)
 * @ci_low: (out) (optional) (transfer full): per node, the lower end of the 95% interval
 * @ci_high: (out) (optional) (transfer full): per node, the upper end
 *
 * An estimate of every node's criticality for graphs too large for the exact algorithm:
 * the share of @samples applications, drawn with probability proportional to their weight,
 * that losing the node makes unproducible. Unbiased; each node's estimate is a binomial
 * proportion, and its 95% Wilson interval is returned in @ci_low/@ci_high (its half-width
 * is at most 0.98/√@samples, and much less for small values: about 3/@samples for a node
 * that kills no draw).
 * Returns: (transfer full): per node, the estimate; free with cg_free().
 * Complexity: Σ_{x ∈ C} vol(K_x ∩ C) for the supply cone C of the drawn applications —
 * much less than the exact algorithm when the cone is a small part of the graph.
 */
double *
cg_criticality_estimate(const CgGraph *g, gsize samples, guint64 seed, guint threads,
                        double **ci_low, double **ci_high)
{
  g_return_val_if_fail(g != NULL && g->finished && samples > 0, NULL);
  guint32 n = cg__n(g);
  CgBaseline b;
  cg__baseline_init(g, &b);
  double *lo = ci_low ? g_new0(double, n ? n : 1) : NULL;
  double *hi = ci_low ? g_new0(double, n ? n : 1) : NULL;
  double *crit = cg__criticality_sampled(g, &b, threads, samples, seed, lo, hi, NULL, NULL);
  cg__baseline_clear(&b);
  if (ci_low) {
    *ci_low = lo;
    if (ci_high)
      *ci_high = hi;
    else
      g_free(hi);
  }
  return crit;
}

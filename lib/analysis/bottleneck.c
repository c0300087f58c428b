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
#include "present/cg-present.h" /* its *_to_json part, until it moves to present/ */

#include <igraph.h>
#include <json-glib/json-glib.h>
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
  guint t, nt;
} Job;

static gpointer
job_run(gpointer data)
{
  Job *j = data;
  CgKernel kn;
  cg__kernel_init(&kn, j->g, j->b);
  kn.within = j->within;
  kn.app_w = j->app_w;
  for (guint32 i = j->t; i < j->n_nodes; i += j->nt) {
    guint32 x = j->nodes ? j->nodes[i] : i;
    j->weight[x] = cg__kernel_run(&kn, &x, 1);
  }
  j->visits = kn.visits;
  cg__kernel_clear(&kn);
  return NULL;
}

/* Runs the kernel for @nodes (NULL: every node) on @threads threads; fills @weight.
 * Returns the work done (edge and group visits). */
static guint64
run_jobs(const CgGraph *g, const CgBaseline *b, guint threads, const guint32 *nodes,
         guint32 n_nodes, const guint8 *within, const double *app_w, double *weight)
{
  if (n_nodes < 2000)
    threads = 1;
  Job *jobs = g_new(Job, threads);
  GThread **th = g_new0(GThread *, threads);
  for (guint t = 0; t < threads; t++) {
    jobs[t] = (Job){g, b, nodes, n_nodes, within, app_w, weight, 0, t, threads};
    if (t > 0)
      th[t] = g_thread_new("cg-criticality", job_run, &jobs[t]);
  }
  job_run(&jobs[0]);
  guint64 visits = jobs[0].visits;
  for (guint t = 1; t < threads; t++) {
    g_thread_join(th[t]);
    visits += jobs[t].visits;
  }
  g_free(th);
  g_free(jobs);
  return visits;
}

/* ---- dominators (semi-NCA over the CSR) --------------------------------------------- */

/* Dominator tree of the "OR reading" (every input an alternative) from a virtual root over
 * the nodes without inputs. Fills idom[v] (a node, n for the virtual root, G_MAXUINT32
 * for unreachable) and returns the preorder (reachable nodes, root first as n). */
static guint32 *
dominators(const CgGraph *g, guint32 *idom, guint32 *n_reach)
{
  guint32 n = cg__n(g), N = n + 1, root = n;
  guint32 *pre = g_new(guint32, N);     /* node -> preorder index, G_MAXUINT32 unvisited */
  guint32 *vert = g_new(guint32, N);    /* preorder index -> node */
  guint32 *parent = g_new(guint32, N);  /* preorder index -> parent's preorder index */
  for (guint32 v = 0; v < N; v++)
    pre[v] = G_MAXUINT32;
  /* Iterative DFS. The root's successors are the sources. */
  guint32 *stack_v = g_new(guint32, N), *stack_i = g_new(guint32, N);
  guint32 sp = 0, cnt = 0;
  pre[root] = cnt;
  vert[cnt] = root;
  parent[cnt++] = 0;
  stack_v[sp] = root;
  stack_i[sp++] = 0;
  while (sp) {
    guint32 u = stack_v[sp - 1];
    guint32 next = G_MAXUINT32;
    if (u == root) {
      while (stack_i[sp - 1] < n && next == G_MAXUINT32) {
        guint32 s = stack_i[sp - 1]++;
        if (g->in_goff[s] == g->in_goff[s + 1] && pre[s] == G_MAXUINT32)
          next = s;
      }
    } else {
      guint32 deg = g->out_off[u + 1] - g->out_off[u];
      while (stack_i[sp - 1] < deg && next == G_MAXUINT32) {
        guint32 v = g->out_dst[g->out_off[u] + stack_i[sp - 1]++];
        if (pre[v] == G_MAXUINT32)
          next = v;
      }
    }
    if (next == G_MAXUINT32) {
      sp--;
      continue;
    }
    pre[next] = cnt;
    vert[cnt] = next;
    parent[cnt++] = pre[u];
    stack_v[sp] = next;
    stack_i[sp++] = 0;
  }
  /* Semi-dominators by link-eval with path compression, then idoms by NCA walks. */
  guint32 *semi = g_new(guint32, cnt), *label = g_new(guint32, cnt), *anc = g_new(guint32, cnt);
  guint32 *dom = g_new(guint32, cnt);
  for (guint32 i = 0; i < cnt; i++) {
    semi[i] = label[i] = i;
    anc[i] = G_MAXUINT32;
  }
  for (guint32 i = cnt - 1; i >= 1; i--) {
    guint32 w = vert[i];
    guint32 e0 = g->gmem_off[g->in_goff[w]], e1 = g->gmem_off[g->in_goff[w + 1]];
    gboolean source = e0 == e1;
    for (guint32 e = e0; e < e1 || source; e++) {
      guint32 j = source ? 0 : pre[g->esrc[e]];
      source = FALSE;
      if (j == G_MAXUINT32)
        continue;
      /* eval(j) with iterative path compression */
      guint32 u = j;
      if (anc[j] != G_MAXUINT32) {
        sp = 0;
        guint32 x = j;
        while (anc[anc[x]] != G_MAXUINT32) {
          stack_v[sp++] = x;
          x = anc[x];
        }
        while (sp) {
          guint32 y = stack_v[--sp];
          guint32 a = anc[y];
          if (semi[label[a]] < semi[label[y]])
            label[y] = label[a];
          anc[y] = anc[a];
        }
        u = label[j];
      }
      if (semi[u] < semi[i])
        semi[i] = semi[u];
    }
    anc[i] = parent[i];
  }
  dom[0] = 0;
  for (guint32 i = 1; i < cnt; i++) {
    guint32 d = parent[i];
    while (d > semi[i])
      d = dom[d];
    dom[i] = d;
  }
  for (guint32 v = 0; v < n; v++)
    idom[v] = G_MAXUINT32;
  for (guint32 i = 1; i < cnt; i++)
    idom[vert[i]] = vert[dom[i]];
  g_free(semi);
  g_free(label);
  g_free(anc);
  g_free(dom);
  g_free(stack_v);
  g_free(stack_i);
  g_free(parent);
  g_free(pre);
  *n_reach = cnt;
  return vert;
}

/**
 * cg_dominator_tree:
 *
 * The dominator tree of the supply graph read as OR everywhere (every input an
 * alternative), rooted at a virtual root over the nodes without inputs. On OR-only graphs
 * a node's dominators are exactly its single points of failure.
 * Returns: (transfer full): per node its immediate dominator, -1 for the virtual root,
 * -2 if no source reaches it. Free with cg_free(). Complexity: O(E log V).
 */
gint64 *
cg_dominator_tree(const CgGraph *g)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  guint32 n = cg__n(g), cnt;
  guint32 *idom = g_new(guint32, n ? n : 1);
  g_free(dominators(g, idom, &cnt));
  gint64 *out = g_new(gint64, n ? n : 1);
  for (guint32 v = 0; v < n; v++)
    out[v] = idom[v] == G_MAXUINT32 ? -2 : idom[v] == n ? -1 : (gint64)idom[v];
  g_free(idom);
  return out;
}

/* ---- criticality -------------------------------------------------------------------- */

static guint
resolve_threads(guint threads)
{
  if (threads == 0)
    threads = g_get_num_processors();
  return CLAMP(threads, 1, 64);
}

/* Lost application weight per node. */
static double *
lost_weights(const CgGraph *g, const CgBaseline *b, guint threads, const char **method)
{
  guint32 n = cg__n(g);
  double *w = g_new0(double, n ? n : 1);
  if (b->or_only) {
    guint32 cnt, *idom = g_new(guint32, n ? n : 1);
    guint32 *vert = dominators(g, idom, &cnt);
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
  run_jobs(g, b, resolve_threads(threads), NULL, n, NULL, NULL, w);
  if (method)
    *method = "support-dag";
  return w;
}

/* cg_criticality() with the caller's baseline of @g, if it has one (NULL: made here when
 * the criticality is not kept yet). */
static double *
shared_criticality(const CgGraph *cg, const CgBaseline *given, guint threads,
                   const char **method)
{
  CgGraph *g = (CgGraph *)cg;
  guint32 n = cg__n(g);
  g_mutex_lock(&g->crit_lock);
  if (!g->crit) {
    CgBaseline own;
    if (!given)
      cg__baseline_init(g, &own);
    double *w = lost_weights(g, given ? given : &own, threads, &g->crit_method);
    for (guint32 v = 0; v < n; v++)
      w[v] = g->app_total > 0 ? w[v] / g->app_total : 0;
    if (!given)
      cg__baseline_clear(&own);
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
 * @threads: worker threads (0: one per core)
 * @method: (out) (optional) (transfer none): "dominator-tree" or "support-dag"
 *
 * The exact criticality of every node (see the comment at the top of bottleneck.c). It is
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
  return shared_criticality(g, NULL, threads, method);
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
static void
wilson(double k, double s, double *lo, double *hi)
{
  const double z = 1.959963984540054;
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
static double *
sampled_criticality(const CgGraph *g, const CgBaseline *b, guint threads, gsize samples,
                    guint64 seed, double *ci_low, double *ci_high)
{
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
  run_jobs(g, b, threads, (const guint32 *)(void *)nodes->data, nodes->len, within, mult, crit);
  for (guint32 v = 0; v < n; v++) {
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
  double *crit = sampled_criticality(g, &b, resolve_threads(threads), samples, seed, lo, hi);
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

/**
 * cg_single_points:
 * @application: a node
 * @n_out: (out): how many nodes are returned
 *
 * The nodes whose loss alone makes @application unproducible (its single points of
 * failure, itself excluded), upstream first (in supply order).
 * Returns: (transfer full): node indices; free with cg_free().
 * Complexity: O(Σ_{x ancestor} vol(K_x)).
 */
guint32 *
cg_single_points(const CgGraph *g, gsize app, gsize *n_out)
{
  g_return_val_if_fail(g != NULL && g->finished && app < cg__n(g) && n_out, NULL);
  CgBaseline b;
  cg__baseline_init(g, &b);
  CgKernel kn;
  cg__kernel_init(&kn, g, &b);
  GArray *res = g_array_new(FALSE, FALSE, sizeof(guint32));
  /* Candidates are the producible ancestors of the application. */
  guint32 n = cg__n(g);
  guint8 *seen = g_new0(guint8, n ? n : 1);
  GArray *st = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint32 a = (guint32)app;
  seen[a] = 1;
  g_array_append_val(st, a);
  for (guint i = 0; i < st->len; i++) {
    guint32 v = g_array_index(st, guint32, i);
    for (guint32 e = g->gmem_off[g->in_goff[v]]; e < g->gmem_off[g->in_goff[v + 1]]; e++) {
      guint32 u = g->esrc[e];
      if (!seen[u]) {
        seen[u] = 1;
        g_array_append_val(st, u);
      }
    }
  }
  for (guint i = 1; i < st->len; i++) {
    guint32 x = g_array_index(st, guint32, i);
    cg__kernel_run(&kn, &x, 1);
    if (cg__kernel_lost(&kn, a))
      g_array_append_val(res, x);
  }
  /* Upstream first. */
  for (guint i = 1; i < res->len; i++)
    for (guint j = i; j > 0 && b.order[g_array_index(res, guint32, j - 1)] >
                                   b.order[g_array_index(res, guint32, j)];
         j--) {
      guint32 t = g_array_index(res, guint32, j);
      g_array_index(res, guint32, j) = g_array_index(res, guint32, j - 1);
      g_array_index(res, guint32, j - 1) = t;
    }
  g_free(seen);
  g_array_free(st, TRUE);
  cg__kernel_clear(&kn);
  cg__baseline_clear(&b);
  *n_out = res->len;
  return (guint32 *)(void *)g_array_free(res, FALSE);
}

/* ---- betweenness (igraph) ----------------------------------------------------------- */

/**
 * cg_flow_betweenness:
 *
 * Subset betweenness of every node on shortest paths from raw materials (nodes without
 * inputs) to applications, by igraph_betweenness_subset() under the igraph lock.
 * Returns: (transfer full) (nullable): per node; free with cg_free().
 * Complexity: O(S · (V + E)) for S sources.
 */
double *
cg_flow_betweenness(const CgGraph *g, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  guint32 n = cg__n(g), m = cg__m(g);
  igraph_t ig;
  igraph_vector_int_t edges, src, dst;
  igraph_vector_t res;
  double *out = NULL;
  cg__igraph_lock();
  if (!cg__igraph_check(igraph_vector_int_init(&edges, 2 * (igraph_integer_t)m), error))
    goto unlock;
  for (guint32 e = 0; e < m; e++) {
    VECTOR(edges)[2 * e] = g->esrc[e];
    VECTOR(edges)[2 * e + 1] = cg__edge_dst(g, e);
  }
  if (!cg__igraph_check(igraph_create(&ig, &edges, n, IGRAPH_DIRECTED), error)) {
    igraph_vector_int_destroy(&edges);
    goto unlock;
  }
  igraph_vector_int_destroy(&edges);
  igraph_vector_int_init(&src, 0);
  igraph_vector_int_init(&dst, 0);
  for (guint32 v = 0; v < n; v++) {
    if (g->in_goff[v] == g->in_goff[v + 1])
      igraph_vector_int_push_back(&src, v);
    if (cg__is_app(g, v))
      igraph_vector_int_push_back(&dst, v);
  }
  igraph_vector_init(&res, 0);
  igraph_vs_t vs_src, vs_dst;
  igraph_vs_vector(&vs_src, &src);
  igraph_vs_vector(&vs_dst, &dst);
  if (cg__igraph_check(igraph_betweenness_subset(&ig, &res, igraph_vss_all(), IGRAPH_DIRECTED,
                                                 vs_src, vs_dst, NULL),
                       error)) {
    out = g_new(double, n ? n : 1);
    for (guint32 v = 0; v < n; v++)
      out[v] = VECTOR(res)[v];
  }
  igraph_vector_destroy(&res);
  igraph_vector_int_destroy(&src);
  igraph_vector_int_destroy(&dst);
  igraph_destroy(&ig);
unlock:
  cg__igraph_unlock();
  return out;
}

/* ---- redundancy ----------------------------------------------------------------------- */

/* Vertex cut in the OR reading: split every node v into v_in → v_out (capacity 1, or
 * "infinite" for the application and the root), edges u_out → v_in infinite; max flow from
 * the root to the application's in-copy. igraph does the flow and gives the cut. */
static gboolean
or_reading_cut(const CgGraph *g, guint32 app, gsize *size, GArray *cut, GError **error)
{
  guint32 n = cg__n(g), m = cg__m(g);
  guint32 nsrc = 0;
  for (guint32 v = 0; v < n; v++)
    nsrc += g->in_goff[v] == g->in_goff[v + 1];
  igraph_integer_t nv = 2 * (igraph_integer_t)n + 1, root = 2 * (igraph_integer_t)n;
  igraph_integer_t ne = (igraph_integer_t)n + m + nsrc;
  double big = (double)n + 1;
  gboolean ok = FALSE;
  igraph_t ig;
  igraph_vector_int_t edges, cutv;
  igraph_vector_t cap;
  igraph_real_t value;
  cg__igraph_lock();
  igraph_vector_int_init(&edges, 2 * ne);
  igraph_vector_init(&cap, ne);
  igraph_integer_t k = 0;
  for (guint32 v = 0; v < n; v++) { /* in-copy 2v, out-copy 2v+1 */
    VECTOR(edges)[2 * k] = 2 * v;
    VECTOR(edges)[2 * k + 1] = 2 * v + 1;
    VECTOR(cap)[k++] = v == app ? big : 1;
  }
  for (guint32 e = 0; e < m; e++) {
    VECTOR(edges)[2 * k] = 2 * (igraph_integer_t)g->esrc[e] + 1;
    VECTOR(edges)[2 * k + 1] = 2 * (igraph_integer_t)cg__edge_dst(g, e);
    VECTOR(cap)[k++] = big;
  }
  for (guint32 v = 0; v < n; v++)
    if (g->in_goff[v] == g->in_goff[v + 1]) {
      VECTOR(edges)[2 * k] = root;
      VECTOR(edges)[2 * k + 1] = 2 * v;
      VECTOR(cap)[k++] = big;
    }
  igraph_vector_int_init(&cutv, 0);
  if (cg__igraph_check(igraph_create(&ig, &edges, nv, IGRAPH_DIRECTED), error)) {
    if (cg__igraph_check(igraph_maxflow(&ig, &value, NULL, &cutv, NULL, NULL, root,
                                        2 * (igraph_integer_t)app + 1, &cap, NULL),
                         error)) {
      ok = TRUE;
      if (value >= big) {
        *size = G_MAXSIZE;
      } else {
        *size = (gsize)(value + 0.5);
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&cutv); i++) {
          igraph_integer_t eid = VECTOR(cutv)[i];
          if (eid < (igraph_integer_t)n) {
            guint32 v = (guint32)eid;
            g_array_append_val(cut, v);
          }
        }
      }
    }
    igraph_destroy(&ig);
  }
  igraph_vector_int_destroy(&cutv);
  igraph_vector_int_destroy(&edges);
  igraph_vector_destroy(&cap);
  cg__igraph_unlock();
  return ok;
}

/* Does removing @set make @app unproducible? */
static gboolean
kills(const CgGraph *g, guint8 *removed, guint8 *prod, const guint32 *set, guint k, guint32 app)
{
  for (guint i = 0; i < k; i++)
    removed[set[i]] = 1;
  cg_graph_producible(g, removed, prod);
  for (guint i = 0; i < k; i++)
    removed[set[i]] = 0;
  return !prod[app];
}

/* Exhaustive search over subsets of @cand of size @k (lexicographic). */
static gboolean
search_subsets(const CgGraph *g, guint8 *removed, guint8 *prod, const guint32 *cand, guint nc,
               guint k, guint32 app, guint32 *pick)
{
  guint idx[8];
  for (guint i = 0; i < k; i++)
    idx[i] = i;
  for (;;) {
    for (guint i = 0; i < k; i++)
      pick[i] = cand[idx[i]];
    if (kills(g, removed, prod, pick, k, app))
      return TRUE;
    gint i = (gint)k - 1;
    while (i >= 0 && idx[i] == nc - k + (guint)i)
      i--;
    if (i < 0)
      return FALSE;
    idx[i]++;
    for (guint j = (guint)i + 1; j < k; j++)
      idx[j] = idx[j - 1] + 1;
  }
}

void
cg_redundancy_free(CgRedundancy *r)
{
  if (!r)
    return;
  g_free(r->cut);
  g_free(r);
}

/**
 * cg_redundancy:
 * @application: a node
 *
 * The fewest nodes (other than the application) whose loss makes @application
 * unproducible, with one such set. Exact on OR-only graphs (a minimum vertex cut by max
 * flow on the split graph). On AND/OR graphs the OR reading's cut is an upper bound with a
 * witness (an input needed by AND is at least as easy to cut); it is made exact by
 * exhaustive search when fewer than 4 nodes might do and the application has at most 60
 * ancestors; otherwise @exact is %FALSE.
 * Returns: (transfer full) (nullable): free with cg_redundancy_free().
 * Complexity: one max flow, O(V · E²) worst case (Edmonds–Karp bound; push-relabel in
 * practice), plus the search: O(C(a, k) · (V + E)) for a ancestors and k < 4.
 */
CgRedundancy *
cg_redundancy(const CgGraph *g, gsize app, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && app < cg__n(g), NULL);
  guint32 n = cg__n(g);
  CgRedundancy *r = g_new0(CgRedundancy, 1);
  r->application = (guint32)app;
  guint8 *prod = g_new(guint8, n ? n : 1), *removed = g_new0(guint8, n ? n : 1);
  cg_graph_producible(g, NULL, prod);
  if (!prod[app]) {
    r->size = 0;
    r->exact = TRUE;
    goto out;
  }
  GArray *cut = g_array_new(FALSE, FALSE, sizeof(guint32));
  if (!or_reading_cut(g, (guint32)app, &r->size, cut, error)) {
    g_array_free(cut, TRUE);
    cg_redundancy_free(r);
    r = NULL;
    goto out;
  }
  gboolean or_only = TRUE;
  for (guint32 v = 0; v < n && or_only; v++)
    or_only = g->in_goff[v + 1] - g->in_goff[v] <= 1;
  r->exact = or_only;
  if (!or_only && r->size > 1 && r->size != G_MAXSIZE) {
    /* Ancestors of the application are the only nodes that matter. */
    GArray *anc = g_array_new(FALSE, FALSE, sizeof(guint32));
    guint8 *seen = g_new0(guint8, n);
    guint32 a = (guint32)app;
    seen[a] = 1;
    GArray *st = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_array_append_val(st, a);
    for (guint i = 0; i < st->len; i++) {
      guint32 v = g_array_index(st, guint32, i);
      for (guint32 e = g->gmem_off[g->in_goff[v]]; e < g->gmem_off[g->in_goff[v + 1]]; e++) {
        guint32 u = g->esrc[e];
        if (!seen[u]) {
          seen[u] = 1;
          g_array_append_val(st, u);
          if (prod[u])
            g_array_append_val(anc, u);
        }
      }
    }
    g_free(seen);
    g_array_free(st, TRUE);
    gsize limit = MIN(r->size - 1, 3);
    if (anc->len <= 60) {
      guint32 pick[8];
      gboolean found = FALSE;
      for (guint k = 1; k <= limit && k <= anc->len && !found; k++)
        if (search_subsets(g, removed, prod, (guint32 *)(void *)anc->data, anc->len, k,
                           (guint32)app, pick)) {
          found = TRUE;
          r->size = k;
          g_array_set_size(cut, 0);
          g_array_append_vals(cut, pick, k);
        }
      /* Exact when a smaller set was found (searched every smaller size first), or when
       * no set below the bound exists and the bound is within the searched range. */
      r->exact = found || r->size - 1 <= 3;
    }
    g_array_free(anc, TRUE);
  } else if (!or_only) {
    r->exact = TRUE; /* a cut of size 1 cannot be beaten, and no cut is no cut */
  }
  r->n_cut = cut->len;
  r->cut = (guint32 *)(void *)g_array_free(cut, FALSE);
out:
  g_free(prod);
  g_free(removed);
  return r;
}

/* ---- narrow waists and regional single points ---------------------------------------- */

/**
 * cg_narrow_waists:
 * @n_out: (out): the number of chains with stages
 *
 * Per chain that has stages, the stage with the fewest items (the earliest such stage on
 * ties). Returns: (transfer full): free with cg_free(). Complexity: O(total stage items).
 */
CgWaist *
cg_narrow_waists(const CgGraph *g, gsize *n_out)
{
  g_return_val_if_fail(g != NULL && n_out != NULL, NULL);
  GArray *res = g_array_new(FALSE, FALSE, sizeof(CgWaist));
  for (guint32 c = 0; c < g->chains->len; c++) {
    const CgChainRec *ch = g->chains->pdata[c];
    if (!ch->stages || ch->stages->len == 0)
      continue;
    CgWaist w = {c, 0, G_MAXUINT32, ch->stages->len};
    for (guint32 s = 0; s < ch->stages->len; s++) {
      guint32 width = ((GArray *)ch->stages->pdata[s])->len;
      if (width < w.width) {
        w.width = width;
        w.stage = s;
      }
    }
    g_array_append_val(res, w);
  }
  *n_out = res->len;
  return (CgWaist *)(void *)g_array_free(res, FALSE);
}

/**
 * cg_regional_single_points:
 * @n_out: (out)
 *
 * Nodes produced by exactly one region. Claims are reduced to the most specific regions
 * first: a region claiming a node that one of its sub-regions also claims is the same
 * supply, not a second source. Returns: (transfer full): ascending by node; free with
 * cg_free(). Complexity: O(claims · depth²).
 */
CgRegionalPoint *
cg_regional_single_points(const CgGraph *g, gsize *n_out)
{
  g_return_val_if_fail(g != NULL && n_out != NULL, NULL);
  guint32 n = cg__n(g);
  CgProducers pr;
  cg__producers_build(g, TRUE, CG_NONE, &pr);
  GArray *res = g_array_new(FALSE, FALSE, sizeof(CgRegionalPoint));
  for (guint32 v = 0; v < n; v++)
    if (pr.off[v + 1] - pr.off[v] == 1) {
      CgRegionalPoint p = {v, pr.region[pr.off[v]]};
      g_array_append_val(res, p);
    }
  cg__producers_clear(&pr);
  *n_out = res->len;
  return (CgRegionalPoint *)(void *)g_array_free(res, FALSE);
}

/* ---- the report ----------------------------------------------------------------------- */

void
cg_bottlenecks_free(CgBottlenecks *r)
{
  if (!r)
    return;
  for (gsize i = 0; i < r->n_items; i++) {
    g_free(r->items[i].lost);
    g_free(r->items[i].lost_applications);
    g_free(r->items[i].why);
  }
  g_free(r->items);
  g_free(r->criticality);
  g_free(r->ci_low);
  g_free(r->ci_high);
  g_free(r);
}

static int
cmp_u32(gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  return x < y ? -1 : x > y;
}

typedef struct {
  const CgGraph *g;
  const double *crit;
} SortCtx;

static int
cmp_crit(gconstpointer a, gconstpointer b, gpointer data)
{
  const SortCtx *c = data;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  if (c->crit[x] != c->crit[y])
    return c->crit[x] > c->crit[y] ? -1 : 1;
  return strcmp(cg__node(c->g, x)->id, cg__node(c->g, y)->id);
}

/* The chain that holds the node and most of its lost applications. */
static gssize
best_chain(const CgGraph *g, guint32 x, const guint8 *lost_app, guint *hit, guint *apps)
{
  gssize best = -1;
  *hit = *apps = 0;
  for (guint32 c = 0; c < g->chains->len; c++) {
    const CgChainRec *ch = g->chains->pdata[c];
    gboolean has = FALSE;
    guint h = 0, a = 0;
    for (guint i = 0; i < ch->nodes->len; i++) {
      guint32 v = g_array_index(ch->nodes, guint32, i);
      has = has || v == x;
      if (cg__is_app(g, v)) {
        a++;
        h += lost_app[v];
      }
    }
    if (has && h > 0 && (h > *hit || (h == *hit && a < *apps))) {
      best = c;
      *hit = h;
      *apps = a;
    }
  }
  return best;
}

static char *
explain(const CgGraph *g, const CgBottleneck *b, guint8 *lost_app, guint n_apps_total)
{
  GString *s = g_string_new(NULL);
  guint32 x = b->node;
  g_string_append_printf(s, "%s: ", cg_node_label(g, x));
  if (b->n_lost_applications == 0) {
    guint alt = 0, sole = 0;
    for (guint32 k = g->out_off[x]; k < g->out_off[x + 1]; k++) {
      guint32 gi = g->out_group[k];
      if (g->gmem_off[gi + 1] - g->gmem_off[gi] > 1)
        alt++;
      else
        sole++;
    }
    if (g->out_off[x] == g->out_off[x + 1])
      g_string_append(s, "loses no application (nothing consumes it)");
    else if (alt > 0)
      g_string_append_printf(s, "loses no application: every consumer has an alternative or "
                                "another route (%u of its %u input groups have alternatives)",
                             alt, alt + sole);
    else
      g_string_append(s, "loses no application: its consumers are supplied another way");
    return g_string_free(s, FALSE);
  }
  for (gsize i = 0; i < b->n_lost_applications; i++)
    lost_app[b->lost_applications[i]] = 1;
  guint hit, apps;
  gssize c = best_chain(g, x, lost_app, &hit, &apps);
  if (c >= 0) {
    const CgChainRec *ch = g->chains->pdata[c];
    g_string_append_printf(s, "losing it loses %u of %u applications of %s (", hit, apps,
                           ch->name);
    guint shown = 0;
    for (guint i = 0; i < ch->nodes->len; i++) {
      guint32 v = g_array_index(ch->nodes, guint32, i);
      if (cg__is_app(g, v) && lost_app[v]) {
        if (shown++ < 5)
          g_string_append_printf(s, "%s%s", shown > 1 ? ", " : "", cg_node_label(g, v));
      }
    }
    if (shown > 5)
      g_string_append(s, ", …");
    g_string_append(s, ")");
    if (b->n_lost_applications > hit)
      g_string_append_printf(s, " and %zu more elsewhere", b->n_lost_applications - hit);
  } else {
    g_string_append_printf(s, "losing it loses %zu of %u applications (", b->n_lost_applications,
                           n_apps_total);
    for (gsize i = 0; i < b->n_lost_applications && i < 5; i++)
      g_string_append_printf(s, "%s%s", i ? ", " : "", cg_node_label(g, b->lost_applications[i]));
    g_string_append(s, b->n_lost_applications > 5 ? ", …)" : ")");
  }
  g_string_append_printf(s, ", %.0f%% of application weight", 100 * b->criticality);
  /* Why it cannot be routed around: is it the sole member of the groups it feeds? */
  guint sole = 0, total = 0;
  for (guint32 k = g->out_off[x]; k < g->out_off[x + 1]; k++) {
    guint32 gi = g->out_group[k], v = g->out_dst[k];
    gboolean v_lost = FALSE;
    for (gsize i = 0; i < b->n_lost && !v_lost; i++)
      v_lost = b->lost[i] == v;
    if (!v_lost)
      continue;
    total++;
    sole += g->gmem_off[gi + 1] - g->gmem_off[gi] == 1;
  }
  if (total > 0 && sole == total)
    g_string_append(s, "; no OR alternative downstream");
  else if (total > 0)
    g_string_append_printf(s, "; its listed alternatives fail with it in %u of %u consumers",
                           total - sole, total);
  for (gsize i = 0; i < b->n_lost_applications; i++)
    lost_app[b->lost_applications[i]] = 0;
  return g_string_free(s, FALSE);
}

/**
 * cg_bottlenecks:
 * @options: (nullable): %NULL for CG_BOTTLENECK_OPTIONS_INIT
 *
 * Every node's exact criticality (cg_criticality()) and, for the listed nodes, what they
 * take down with them, their flow betweenness and a one-line explanation.
 * Returns: (transfer full) (nullable): free with cg_bottlenecks_free().
 * Complexity: that of cg_criticality(), plus O(top · (V + E)) for the lists, plus
 * betweenness when asked (O(S · (V + E))).
 */
CgBottlenecks *
cg_bottlenecks(const CgGraph *g, const CgBottleneckOptions *options, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  CgBottleneckOptions opt = CG_BOTTLENECK_OPTIONS_INIT;
  if (options)
    opt = *options;
  gssize chain = -1;
  if (opt.chain) {
    chain = cg_graph_find_chain(g, opt.chain);
    if (chain < 0) {
      g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN, "unknown chain '%s'", opt.chain);
      return NULL;
    }
  }
  guint32 n = cg__n(g);
  CgBaseline b;
  cg__baseline_init(g, &b);
  CgBottlenecks *r = g_new0(CgBottlenecks, 1);
  r->n_nodes = n;
  r->total_weight = g->app_total;
  gboolean sample = opt.estimate == CG_ESTIMATE_ALWAYS ||
                    (opt.estimate == CG_ESTIMATE_AUTO && !b.or_only &&
                     predict_work(g, &b) > EXACT_WORK_MAX);
  if (sample) {
    gsize s = opt.samples ? opt.samples : 2000;
    r->ci_low = g_new0(double, n ? n : 1);
    r->ci_high = g_new0(double, n ? n : 1);
    r->criticality = sampled_criticality(g, &b, resolve_threads(opt.threads), s, opt.seed,
                                         r->ci_low, r->ci_high);
    r->method = "sampled-applications";
    r->exact = FALSE;
    r->samples = s;
  } else {
    r->criticality = shared_criticality(g, &b, opt.threads, &r->method);
    r->exact = TRUE;
  }

  GArray *cand = g_array_new(FALSE, FALSE, sizeof(guint32));
  if (chain >= 0) {
    const CgChainRec *ch = g->chains->pdata[chain];
    g_array_append_vals(cand, ch->nodes->data, ch->nodes->len);
  } else {
    for (guint32 v = 0; v < n; v++)
      if (r->criticality[v] > 0)
        g_array_append_val(cand, v);
  }
  SortCtx sc = {g, r->criticality};
  g_array_sort_with_data(cand, cmp_crit, &sc);
  gsize top = opt.top ? MIN(opt.top, cand->len) : cand->len;

  double *btw = NULL;
  if (opt.betweenness) {
    btw = cg_flow_betweenness(g, error);
    if (!btw) {
      g_array_free(cand, TRUE);
      cg__baseline_clear(&b);
      cg_bottlenecks_free(r);
      return NULL;
    }
  }
  guint n_apps = 0;
  for (guint32 v = 0; v < n; v++)
    n_apps += cg__is_app(g, v);
  CgKernel kn;
  cg__kernel_init(&kn, g, &b);
  guint8 *lost_app = g_new0(guint8, n ? n : 1);
  r->items = g_new0(CgBottleneck, top ? top : 1);
  r->n_items = top;
  for (gsize i = 0; i < top; i++) {
    CgBottleneck *it = &r->items[i];
    guint32 x = g_array_index(cand, guint32, i);
    it->node = x;
    it->lost_weight = cg__kernel_run(&kn, &x, 1);
    /* Exact for a listed node even when the ranking was estimated: one kernel run. */
    it->criticality = g->app_total > 0 ? it->lost_weight / g->app_total : 0;
    GArray *lost = g_array_new(FALSE, FALSE, sizeof(guint32));
    GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint k = 0; k < kn.k->len; k++) {
      guint32 v = g_array_index(kn.k, guint32, k);
      if (kn.rec[v] == kn.epoch)
        continue;
      g_array_append_val(lost, v);
      if (cg__is_app(g, v))
        g_array_append_val(apps, v);
    }
    g_array_sort(lost, cmp_u32);
    g_array_sort(apps, cmp_u32);
    it->n_lost = lost->len;
    it->lost = (guint32 *)(void *)g_array_free(lost, FALSE);
    it->n_lost_applications = apps->len;
    it->lost_applications = (guint32 *)(void *)g_array_free(apps, FALSE);
    it->betweenness = btw ? btw[x] : NAN;
    it->why = explain(g, it, lost_app, n_apps);
  }
  g_free(lost_app);
  g_free(btw);
  cg__kernel_clear(&kn);
  g_array_free(cand, TRUE);
  cg__baseline_clear(&b);
  return r;
}

/* ---- JSON ------------------------------------------------------------------------------ */

/**
 * cg_waist_why:
 * @waist: one of cg_narrow_waists()
 *
 * One line a planner reads: `磁性材料产业链: its narrowest stage is stage 3 of 3 (电机), 1
 * item: every product of the chain past it goes through it`.
 * Returns: (transfer full): free with cg_free().
 */
char *
cg_waist_why(const CgGraph *g, const CgWaist *w)
{
  g_return_val_if_fail(g != NULL && w != NULL && w->chain < g->chains->len, NULL);
  const CgChainRec *ch = g->chains->pdata[w->chain];
  GArray *st = ch->stages->pdata[w->stage];
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%s: its narrowest stage is stage %u of %u (", ch->name,
                         w->stage + 1, w->n_stages);
  for (guint i = 0; i < st->len && i < 4; i++)
    g_string_append_printf(s, "%s%s", i ? "、" : "", cg_node_label(g, g_array_index(st, guint32, i)));
  g_string_append_printf(s, "%s), %u item%s", st->len > 4 ? "、…" : "", w->width,
                         w->width == 1 ? "" : "s");
  if (w->width == 1)
    g_string_append(s, ": everything the chain makes after it goes through it");
  else
    g_string_append(s, ": the chain's fewest alternatives");
  return g_string_free(s, FALSE);
}

/* The claim that makes @region a producer of @node (its own or a descendant's). */
static const CgCapability *
claim_of(const CgGraph *g, guint32 region, guint32 node)
{
  const CgRegionRec *rr = g->regions->pdata[region];
  for (guint i = 0; rr->caps && i < rr->caps->len; i++)
    if (g_array_index(rr->caps, CgCapability, i).node == node)
      return &g_array_index(rr->caps, CgCapability, i);
  return NULL;
}

/**
 * cg_regional_point_why:
 * @point: one of cg_regional_single_points()
 * @lost_applications: (array length=n_lost) (nullable): what losing the node loses
 *
 * One line a planner reads: `燃料电池: produced only in 临港新片区 (lingang … “…”); losing it
 * loses 1 of 68 applications (示范应用)`.
 * Returns: (transfer full): free with cg_free().
 */
char *
cg_regional_point_why(const CgGraph *g, const CgRegionalPoint *pt,
                      const guint32 *lost_applications, gsize n_lost)
{
  g_return_val_if_fail(g != NULL && pt != NULL, NULL);
  const CgRegionRec *rr = g->regions->pdata[pt->region];
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%s: produced only in %s", cg_node_label(g, pt->node), rr->name);
  const CgCapability *c = claim_of(g, pt->region, pt->node);
  if (c && (c->prov.quote || c->prov.inferred)) {
    g_string_append(s, " (");
    if (c->prov.quote)
      g_string_append_printf(s, "%s%s%s “%s”",
                             c->prov.document >= 0 ? cg_document_key(g, (gsize)c->prov.document) : "?",
                             c->prov.section ? " " : "", c->prov.section ? c->prov.section : "",
                             c->prov.quote);
    else
      g_string_append_printf(s, "inferred: %s", c->prov.inferred);
    g_string_append(s, ")");
  }
  if (c && c->develop)
    g_string_append(s, ", as a plan");
  gsize n_apps = 0;
  for (guint32 v = 0; v < cg__n(g); v++)
    n_apps += cg__is_app(g, v);
  if (n_lost == 0)
    g_string_append(s, "; losing it loses no application");
  else {
    g_string_append_printf(s, "; losing it loses %zu of %zu applications (", n_lost, n_apps);
    for (gsize i = 0; i < n_lost && i < 5; i++)
      g_string_append_printf(s, "%s%s", i ? ", " : "", cg_node_label(g, lost_applications[i]));
    g_string_append(s, n_lost > 5 ? ", …)" : ")");
  }
  return g_string_free(s, FALSE);
}

/**
 * cg_bottlenecks_to_json:
 * Returns: (transfer full) (nullable): the JSON text; free with cg_free().
 * Complexity: O(listed lost sets) plus, with @applications, one cg_single_points() and one
 * cg_redundancy() per application.
 */
char *
cg_bottlenecks_to_json(const CgGraph *g, const CgBottlenecks *r, gboolean applications,
                       GError **error)
{
  g_return_val_if_fail(g != NULL && r != NULL, NULL);
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  cg__json_str(b, "method", r->method);
  json_builder_set_member_name(b, "exact");
  json_builder_add_boolean_value(b, r->exact);
  if (!r->exact) {
    json_builder_set_member_name(b, "samples");
    json_builder_add_int_value(b, (gint64)r->samples);
  }
  json_builder_set_member_name(b, "total_weight");
  json_builder_add_double_value(b, r->total_weight);
  json_builder_set_member_name(b, "nodes");
  json_builder_begin_array(b);
  for (gsize i = 0; i < r->n_items; i++) {
    const CgBottleneck *it = &r->items[i];
    const CgNodeRec *n = cg__node(g, it->node);
    json_builder_begin_object(b);
    cg__json_str(b, "id", n->id);
    cg__json_str(b, "name", n->name);
    cg__json_str(b, "name_en", n->name_en);
    cg__json_str(b, "stage", cg_stage_to_string(n->stage));
    json_builder_set_member_name(b, "criticality");
    json_builder_add_double_value(b, it->criticality);
    if (!r->exact) {
      /* The listed value is exact; the ranking came from the estimate and its interval. */
      json_builder_set_member_name(b, "estimate");
      json_builder_add_double_value(b, r->criticality[it->node]);
      json_builder_set_member_name(b, "ci95");
      json_builder_begin_array(b);
      json_builder_add_double_value(b, r->ci_low[it->node]);
      json_builder_add_double_value(b, r->ci_high[it->node]);
      json_builder_end_array(b);
    }
    json_builder_set_member_name(b, "lost_weight");
    json_builder_add_double_value(b, it->lost_weight);
    json_builder_set_member_name(b, "lost");
    cg__json_ids(b, NULL, g, it->lost, it->n_lost);
    json_builder_set_member_name(b, "lost_applications");
    cg__json_ids(b, NULL, g, it->lost_applications, it->n_lost_applications);
    json_builder_set_member_name(b, "betweenness");
    if (isnan(it->betweenness))
      json_builder_add_null_value(b);
    else
      json_builder_add_double_value(b, it->betweenness);
    cg__json_str(b, "why", it->why);
    json_builder_set_member_name(b, "evidence");
    cg__json_evidence(b, g, it->node);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);

  if (applications) {
    json_builder_set_member_name(b, "applications");
    json_builder_begin_array(b);
    for (guint32 v = 0; v < cg__n(g); v++) {
      if (!cg__is_app(g, v))
        continue;
      gsize n_sp;
      guint32 *sp = cg_single_points(g, v, &n_sp);
      CgRedundancy *red = cg_redundancy(g, v, error);
      if (!red) {
        g_free(sp);
        g_object_unref(b);
        return NULL;
      }
      json_builder_begin_object(b);
      cg__json_str(b, "id", cg__node(g, v)->id);
      cg__json_str(b, "name", cg__node(g, v)->name);
      json_builder_set_member_name(b, "single_points");
      cg__json_ids(b, NULL, g, sp, n_sp);
      json_builder_set_member_name(b, "redundancy");
      if (red->size == G_MAXSIZE)
        json_builder_add_null_value(b);
      else
        json_builder_add_int_value(b, (gint64)red->size);
      json_builder_set_member_name(b, "redundancy_exact");
      json_builder_add_boolean_value(b, red->exact);
      json_builder_set_member_name(b, "cut");
      cg__json_ids(b, NULL, g, red->cut, red->n_cut);
      json_builder_end_object(b);
      g_free(sp);
      cg_redundancy_free(red);
    }
    json_builder_end_array(b);
  }

  gsize nw;
  CgWaist *w = cg_narrow_waists(g, &nw);
  json_builder_set_member_name(b, "waists");
  json_builder_begin_array(b);
  for (gsize i = 0; i < nw; i++) {
    const CgChainRec *ch = g->chains->pdata[w[i].chain];
    GArray *st = ch->stages->pdata[w[i].stage];
    json_builder_begin_object(b);
    cg__json_str(b, "chain", ch->id);
    cg__json_str(b, "name", ch->name);
    g_autofree char *wwhy = cg_waist_why(g, &w[i]);
    cg__json_str(b, "why", wwhy);
    json_builder_set_member_name(b, "stage");
    json_builder_add_int_value(b, w[i].stage);
    json_builder_set_member_name(b, "stages");
    json_builder_add_int_value(b, w[i].n_stages);
    json_builder_set_member_name(b, "width");
    json_builder_add_int_value(b, w[i].width);
    json_builder_set_member_name(b, "nodes");
    cg__json_ids(b, NULL, g, (guint32 *)(void *)st->data, st->len);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  g_free(w);

  gsize np;
  CgRegionalPoint *pts = cg_regional_single_points(g, &np);
  CgBaseline base;
  cg__baseline_init(g, &base);
  CgKernel kn;
  cg__kernel_init(&kn, g, &base);
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  json_builder_set_member_name(b, "regional_single_points");
  json_builder_begin_array(b);
  for (gsize i = 0; i < np; i++) {
    /* The applications that depend on it: one loss propagation (only for nodes whose
     * loss costs something). */
    g_array_set_size(apps, 0);
    if (r->criticality[pts[i].node] > 0) {
      cg__kernel_run(&kn, &pts[i].node, 1);
      for (guint k = 0; k < kn.k->len; k++) {
        guint32 v = g_array_index(kn.k, guint32, k);
        if (cg__kernel_lost(&kn, v) && cg__is_app(g, v))
          g_array_append_val(apps, v);
      }
      g_array_sort(apps, cmp_u32);
    }
    json_builder_begin_object(b);
    cg__json_str(b, "id", cg__node(g, pts[i].node)->id);
    cg__json_str(b, "name", cg__node(g, pts[i].node)->name);
    cg__json_str(b, "region", ((CgRegionRec *)g->regions->pdata[pts[i].region])->name);
    cg__json_num(b, "criticality", r->criticality[pts[i].node]);
    cg__json_ids(b, "applications", g, (guint32 *)(void *)apps->data, apps->len);
    g_autofree char *why =
        cg_regional_point_why(g, &pts[i], (guint32 *)(void *)apps->data, apps->len);
    cg__json_str(b, "why", why);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  g_array_free(apps, TRUE);
  cg__kernel_clear(&kn);
  cg__baseline_clear(&base);
  g_free(pts);
  json_builder_end_object(b);
  return cg__json_finish(b);
}

/* Supply risk: which supplier→consumer links are most likely to break, and what breaks with
 * them. docs/risk-model.md is the reference for every formula below.
 *
 * 1. The node model (EU CRM 2017/2020 supply-risk structure, GeoPolRisk's HHI × foreign
 *    share): score = stage · concentration · foreign · substitution · recycling, and the
 *    failure probability P = 1 − (1 − base_probability)^score.
 * 2. Link risk: P(u fails) × dependence of v on u (1 sole member, 1/k of k alternatives) ×
 *    criticality of v (cg_criticality()).
 * 3. Expected loss by Monte Carlo over independent node failures, or by exact enumeration of
 *    the uncertain nodes when they are few. The engine is bit-parallel: one 64-bit word per
 *    node holds 64 samples (or 64 enumerated states), and the least fixed point of
 *    "producible" is computed for all 64 at once by one sweep in the baseline order (the
 *    order in which nodes become producible with nothing failed) plus a worklist for the
 *    few back edges that cycles create. That is O(V + E) word operations per 64 samples.
 *    Sample i draws from its own xoshiro256** generator seeded from (seed, i) by splitmix64,
 *    and every floating-point sum is made per batch of 64 and added in batch order (counts
 *    are integers), so the result does not depend on the thread count.
 *    Why not one loss propagation (CgKernel) per sample: a sample of a large graph fails
 *    thousands of nodes, and the kernel's candidate set is then most of the graph. On the
 *    benchmark graph (100,000 nodes, 500,000 edges) the kernel took 10.7 ms a sample, the
 *    bit-parallel sweep 0.3 ms, with identical lost sets on every sample compared. The
 *    kernel still explains links (what losing v alone costs), and its candidate-set idea,
 *    lane by lane, measures where to invest.
 * 4. Scenarios: the scenario's nodes fail for sure, the others with their probability; the
 *    same draws with and without give a paired expected-loss change.
 * 5. Where to invest: reduction(x) = E[L] − E[L | x never fails] = p(x) · E[L(S ∪ {x}) −
 *    L(S \ {x})], estimated on the same draws (exact over the enumeration when exact).
 */
#include "analysis/risk-private.h"

#include <gio/gio.h>
#include <string.h>

/**
 * SECTION:risk
 * @title: Supply risk
 * @short_description: the supplier → consumer links most likely to break, and where to invest
 *
 * cg_risk() gives every node a failure probability from its evidence (the constants are
 * a #CgRiskProfile; docs/risk-model.md), samples outages by Monte Carlo (or enumerates them
 * exactly when few nodes are uncertain) and ranks links, applications and investments.
 * cg_risk_scenario() replays a disruption against a base run. Results do not depend on the
 * thread count.
 */

/**
 * cg_risk_free:
 * @risk: (nullable): a result of cg_risk()
 *
 * Frees @risk. NULL-safe.
 */
void
cg_risk_free(CgRisk *r)
{
  if (!r)
    return;
  g_free(r->probability);
  g_free(r->factors);
  g_free(r->criticality);
  g_free(r->link_score);
  g_free(r->link_share);
  g_free(r->link_order);
  for (gsize i = 0; i < r->n_links; i++)
    g_free(r->links[i].why);
  g_free(r->links);
  g_free(r->applications);
  for (gsize i = 0; i < r->n_invest; i++)
    g_free(r->invest[i].why);
  g_free(r->invest);
  Priv *pv = r->priv;
  if (pv) {
    cg__risk_engine_clear(&pv->E);
    cg__producers_clear(&pv->claims);
    g_free(pv->lane_loss);
    g_free(pv->id_rank);
    g_free(pv);
  }
  g_free(r);
}

static int
cmp_id_index(const void *a, const void *b, void *data)
{
  const CgGraph *g = data;
  return strcmp(cg__node(g, *(const guint32 *)a)->id, cg__node(g, *(const guint32 *)b)->id);
}

static guint32 *
id_ranks(const CgGraph *g)
{
  guint32 n = cg__n(g);
  guint32 *idx = g_new(guint32, n ? n : 1), *rank = g_new(guint32, n ? n : 1);
  for (guint32 v = 0; v < n; v++)
    idx[v] = v;
  g_qsort_with_data(idx, (gint)n, sizeof(guint32), cmp_id_index, (gpointer)g);
  for (guint32 i = 0; i < n; i++)
    rank[idx[i]] = i;
  g_free(idx);
  return rank;
}

typedef struct {
  const double *score;
  const guint32 *rank;
  const CgGraph *g;
} LinkSort;

static int
cmp_links(const void *a, const void *b, void *data)
{
  const LinkSort *s = data;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  /* Score descending, then source id, then target id. */
  int c = cg__cmp_desc_then_rank(s->rank, (double)quant(s->score[x]), (double)quant(s->score[y]),
                                 s->g->esrc[x], s->g->esrc[y]);
  if (c)
    return c;
  guint32 vx = s->rank[cg__edge_dst(s->g, x)], vy = s->rank[cg__edge_dst(s->g, y)];
  if (vx != vy)
    return vx < vy ? -1 : 1;
  return x < y ? -1 : x > y; /* parallel links: by edge index, as the stable sort left them */
}

static int
cmp_app(const void *a, const void *b, void *data)
{
  const guint32 *rank = data;
  const CgRiskApplication *x = a, *y = b;
  return cg__cmp_desc_then_rank(rank, (double)quant(x->failure_probability),
                                (double)quant(y->failure_probability), x->node, y->node);
}

/* The model's probabilities (or the caller's), checked. */
double *
cg__risk_probabilities(const CgGraph *g, const CgRiskProfile *pr, const Claims *c, const double *given,
              CgRiskFactors *factors, GError **error)
{
  guint32 n = cg__n(g);
  double *p = g_new(double, n ? n : 1);
  for (guint32 v = 0; v < n; v++) {
    CgRiskFactors f;
    p[v] = cg__risk_node_model(g, pr, c, v, &f);
    if (factors)
      factors[v] = f;
    if (given && !isnan(given[v])) { /* NaN: keep the model's (a partial override) */
      if (!(given[v] >= 0 && given[v] <= 1)) {
        g_set_error(error, CG_ERROR, CG_ERROR_INVALID,
                    "probability of node '%s' must be in [0, 1], not %g", cg__node(g, v)->id,
                    given[v]);
        g_free(p);
        return NULL;
      }
      p[v] = given[v];
    }
  }
  return p;
}

gboolean
cg__risk_check_options(const CgRiskOptions *o, GError **error)
{
  if (o->samples < 1) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE, "risk: samples must be at least 1");
    return FALSE;
  }
  if (!(o->precision >= 0 && o->precision < 1)) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "risk: precision must be in [0, 1) (0: always draw every sample), not %g",
                o->precision);
    return FALSE;
  }
  if (o->exact_max > 24) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "risk: exact_max must be at most 24 (2^24 states), not %u", o->exact_max);
    return FALSE;
  }
  if (o->samples > CG__SAMPLES_MAX || o->invest_samples > CG__SAMPLES_MAX) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE, "risk: %s must be at most %u, not %zu",
                o->samples > CG__SAMPLES_MAX ? "samples" : "invest_samples", CG__SAMPLES_MAX,
                MAX(o->samples, o->invest_samples));
    return FALSE;
  }
  return TRUE;
}

gsize
cg__risk_count_uncertain(const Engine *E, const double *p)
{
  gsize k = 0;
  for (guint32 v = 0; v < E->n; v++)
    k += E->b.prod[v] && p[v] > 0 && p[v] < 1;
  return k;
}

/* A result with its options checked, its private part, the node model's probabilities and
 * the criticality; NULL with @error set. */
static CgRisk *
risk_new(const CgGraph *g, const CgRiskOptions *opt, GError **error)
{
  if (!cg__risk_check_options(opt, error))
    return NULL;
  guint32 n = cg__n(g), m = cg__m(g);
  CgRisk *r = g_new0(CgRisk, 1);
  Priv *pv = g_new0(Priv, 1);
  r->priv = pv;
  if (opt->profile)
    pv->profile = *opt->profile;
  else
    for (guint i = 0; i < P_N; i++)
      pv->profile.v[i] = cg__risk_profile_keys[i].def;
  cg__risk_engine_init(&pv->E, g);
  cg__producers_build(g, pv->profile.v[P_PLANNED] != 0, CG_NONE, &pv->claims);
  pv->id_rank = id_ranks(g);
  pv->graph = g;
  pv->exact_max = opt->exact_max;
  r->n_nodes = n;
  r->n_edges = m;
  r->total_weight = g->app_total;
  r->seed = opt->seed;
  r->factors = g_new0(CgRiskFactors, n ? n : 1);
  r->probability = cg__risk_probabilities(g, &pv->profile, &pv->claims, opt->probabilities,
                                          r->factors, error);
  if (!r->probability) {
    cg_risk_free(r);
    return NULL;
  }
  CgWork work;
  cg__work_init(&work, opt->progress, opt->progress_data, "supply risk: criticality", n);
  r->criticality = cg__criticality_shared(g, NULL, opt->threads, &r->criticality_method, &work,
                                          error);
  if (!r->criticality) {
    cg_risk_free(r);
    return NULL;
  }
  return r;
}

/* Link score = P(source) × dependence (1/k of k alternatives) × criticality(target). */
static void
link_scores(const CgGraph *g, CgRisk *r)
{
  guint32 m = cg__m(g);
  r->link_score = g_new(double, m ? m : 1);
  for (guint32 e = 0; e < m; e++) {
    guint32 gi = g->egroup[e];
    double k = g->gmem_off[gi + 1] - g->gmem_off[gi];
    /* a category (an umbrella word) is never ranked as a risk link: score 0 */
    r->link_score[e] = cg__node(g, g->esrc[e])->stage == CG_STAGE_CATEGORY
                           ? 0
                           : r->probability[g->esrc[e]] / k * r->criticality[cg__edge_dst(g, e)];
  }
}

/* Application failure probabilities and criticality shares from the main sweep's counts. */
static void
collect_applications(const CgGraph *g, CgRisk *r, const Sweep *sw)
{
  const Priv *pv = r->priv;
  const Engine *E = &pv->E;
  guint32 n = cg__n(g), m = cg__m(g);
  guint64 total_units = 0;
  for (guint64 b = 0; b < sw->n_batches; b++)
    total_units += sw->bunits[b];
  double tu = total_units ? (double)total_units : 1;
  guint n_apps = 0;
  for (guint32 v = 0; v < n; v++)
    n_apps += cg__is_app(g, v);
  r->n_applications = n_apps;
  r->applications = g_new0(CgRiskApplication, n_apps ? n_apps : 1);
  n_apps = 0;
  for (guint32 v = 0; v < n; v++) {
    if (!cg__is_app(g, v))
      continue;
    CgRiskApplication *a = &r->applications[n_apps++];
    a->node = v;
    a->weight = cg__app_weight(g, v);
    a->producible = E->b.prod[v];
    a->failure_probability = MIN(1.0, (double)sw->app_units[v] / tu);
  }
  g_qsort_with_data(r->applications, (gint)r->n_applications, sizeof(CgRiskApplication), cmp_app,
                    pv->id_rank);
  r->link_share = g_new(double, m ? m : 1);
  for (guint32 e = 0; e < m; e++)
    r->link_share[e] = MIN(1.0, (double)sw->edge_units[e] / tu);
}

/* Every edge ranked by score (ties by source id, then target id). O(E log E). */
static guint32 *
order_all_links(const CgGraph *g, const CgRisk *r)
{
  guint32 m = cg__m(g);
  guint32 *order = g_new(guint32, m ? m : 1);
  for (guint32 e = 0; e < m; e++)
    order[e] = e;
  LinkSort ls = {r->link_score, PRIV(r)->id_rank, g};
  g_qsort_with_data(order, (gint)m, sizeof(guint32), cmp_links, &ls);
  return order;
}

/* The first @k edges of that ranking, in order, through a bounded heap whose root is the
 * worst kept: O(E log k), for a report's top ten among millions of links. */
static guint32 *
order_top_links(const CgGraph *g, const CgRisk *r, guint32 k)
{
  LinkSort ls = {r->link_score, PRIV(r)->id_rank, g};
  guint32 *h = g_new(guint32, k ? k : 1), nh = 0;
  for (guint32 e = 0; e < cg__m(g); e++) {
    guint32 i;
    if (nh < k) {
      /* sift up: a parent ranks after its children */
      for (i = nh++; i > 0 && cmp_links(&h[(i - 1) / 2], &e, &ls) < 0; i = (i - 1) / 2)
        h[i] = h[(i - 1) / 2];
    } else if (cmp_links(&e, &h[0], &ls) < 0) {
      for (i = 0;;) { /* sift down from the root */
        guint32 c = 2 * i + 1;
        if (c >= nh)
          break;
        if (c + 1 < nh && cmp_links(&h[c + 1], &h[c], &ls) > 0)
          c++;
        if (cmp_links(&h[c], &e, &ls) < 0)
          break;
        h[i] = h[c];
        i = c;
      }
    } else
      continue;
    h[i] = e;
  }
  g_qsort_with_data(h, (gint)nh, sizeof(guint32), cmp_links, &ls);
  return h;
}

/**
 * cg_risk_link_order:
 * @result: a #CgRisk
 *
 * The full ranking is sorted on the first call when cg_risk() listed only the top links
 * (O(E log E) once, thread-safe); O(1) after.
 *
 * Returns: (transfer none): the edges ranked by score descending, then source id, then target
 *   id (cg_risk_n_edges() edge indices); owned by @result
 */
const guint32 *
cg_risk_link_order(const CgRisk *result)
{
  g_return_val_if_fail(result != NULL, NULL);
  CgRisk *r = (CgRisk *)result;
  if (g_once_init_enter(&r->link_order))
    g_once_init_leave(&r->link_order, order_all_links(PRIV(r)->graph, r));
  return r->link_order;
}

/* The @top links by score (ties by source id, then target id), without their sentences.
 * Ranks every edge only when all are listed (@top 0 or ≥ E): cg_risk_link_order() sorts the
 * rest when asked. */
static void
rank_links(const CgGraph *g, CgRisk *r, gsize top)
{
  guint32 m = cg__m(g);
  guint32 *order;
  if (top && top < m)
    order = order_top_links(g, r, (guint32)top);
  else
    order = r->link_order = order_all_links(g, r);
  r->n_links = top ? MIN(top, (gsize)m) : m;
  r->links = g_new0(CgRiskLink, r->n_links ? r->n_links : 1);
  for (gsize i = 0; i < r->n_links; i++) {
    guint32 e = order[i], gi = g->egroup[e];
    CgRiskLink *l = &r->links[i];
    l->edge = e;
    l->source = g->esrc[e];
    l->target = cg__edge_dst(g, e);
    l->score = r->link_score[e];
    l->probability = r->probability[l->source];
    l->alternatives = g->gmem_off[gi + 1] - g->gmem_off[gi];
    l->dependence = 1.0 / l->alternatives;
    l->criticality = r->criticality[l->target];
    l->criticality_share = r->link_share[e];
  }
  if (order != r->link_order)
    g_free(order);
}

/* The main sweep by rounds of ROUND_BATCHES batches (1,024 samples), in sample order:
 * after each round the expected loss and its 95 % interval over the samples so far; stop
 * once the half-width is at most @opt->precision × the mean (sequential sampling), or at
 * the cap @S->lanes_total. The rounds do not depend on the thread count, so neither does
 * the result. @opt->progress is called within a round (at most ten times a second, #CgWork)
 * and after each round, from this thread; FALSE cancels.
 * On return @S->lanes_total and @sw->n_batches hold what was drawn. */
#define ROUND_BATCHES 16

static gboolean
sample_rounds(CgRisk *r, Sampler *S, Sweep *sw, const CgRiskOptions *opt, GError **error)
{
  guint64 cap = sw->n_batches;
  gboolean sequential = !S->exact && opt->precision > 0;
  guint64 step = sequential || opt->progress ? ROUND_BATCHES : MAX(cap, 1);
  CgWork work;
  cg__work_init(&work, opt->progress, opt->progress_data,
                S->exact ? "supply risk: exact enumeration" : "supply risk: Monte Carlo",
                cap * LANES);
  sw->work = &work;
  gsize lanes = 0;
  for (guint64 done = 0; done < cap || cap == 0;) {
    guint64 end = MIN(cap, done + step);
    sw->first = done;
    sw->n_batches = end;
    cg__risk_sweep_run(sw, opt->threads);
    done = end;
    lanes = MIN((gsize)(end * LANES), S->lanes_total);
    cg__risk_sweep_mean(sw, lanes, &r->expected_loss, &r->ci95[0], &r->ci95[1]);
    cg__work_report(&work, cap ? (double)done / (double)cap : 1.0);
    if (cg__work_cancelled(&work, error)) {
      sw->work = NULL;
      return FALSE;
    }
    if (cap == 0)
      break;
    double half = (r->ci95[1] - r->ci95[0]) / 2;
    if (sequential && done % ROUND_BATCHES == 0 && lanes >= 2 &&
        half <= opt->precision * fabs(r->expected_loss))
      break;
  }
  sw->work = NULL;
  S->lanes_total = lanes;
  return TRUE;
}

/* cg_risk() without its sentences (present/explain-risk.c adds them): every field of the
 * result but the links' and investments' why. */
CgRisk *
cg__risk_run(const CgGraph *g, const CgRiskOptions *options, GError **error)
{
  CgRiskOptions opt;
  if (!cg__risk_options_get(options, &opt, error))
    return NULL;
  CgRisk *r = risk_new(g, &opt, error);
  if (!r)
    return NULL;
  Priv *pv = r->priv;
  const Engine *E = &pv->E;
  link_scores(g, r);

  /* Expected loss, application failures, criticality shares. */
  r->n_uncertain = cg__risk_count_uncertain(E, r->probability);
  pv->exact = opt.exact_max > 0 && r->n_uncertain <= opt.exact_max;
  Sampler S;
  cg__risk_sampler_init(&S, E, r->probability, NULL, pv->exact, opt.seed, opt.samples);
  Sweep sw;
  cg__risk_sweep_alloc(&sw, E, &S, SWEEP_MAIN);
  sw.screen = opt.invest > 0; /* the screening only chooses where to invest */
  if (!sample_rounds(r, &S, &sw, &opt, error)) {
    cg__risk_sweep_free(&sw);
    cg__risk_sampler_clear(&S);
    cg_risk_free(r);
    return NULL;
  }
  r->method = pv->exact ? "exact" : "monte-carlo";
  r->samples = pv->exact ? 0 : S.lanes_total;
  r->states = pv->exact ? S.lanes_total : 0;
  collect_applications(g, r, &sw);
  if (opt.invest > 0)
    cg__risk_where_to_invest(g, r, &S, &sw, &opt);
  pv->lane_loss = sw.lane_loss;
  pv->lanes = S.lanes_total;
  sw.lane_loss = NULL;
  cg__risk_sweep_free(&sw);
  cg__risk_sampler_clear(&S);
  rank_links(g, r, opt.top);
  return r;
}

/* Every edge's link score on @g (another reading of @r's graph: cg_graph_restrict()) under
 * @r's profile: the node model and exact criticality, no Monte Carlo. (transfer full) */
double *
cg__risk_link_scores_on(const CgGraph *g, const CgRisk *r)
{
  return cg__risk_link_scores_with(g, &PRIV(r)->profile, NULL);
}

/* Every link's score on @g under the profile @pr (NULL: the defaults), and in @probability
 * (optional, transfer full) every node's failure probability: the model without sampling,
 * what cg_risk() lists as each node's "probability" and each link's score.
 * O(claims · depth² + criticality). (transfer full) */
double *
cg__risk_link_scores_with(const CgGraph *g, const CgRiskProfile *pr, double **probability)
{
  CgRiskProfile def;
  if (!pr) {
    for (guint i = 0; i < P_N; i++)
      def.v[i] = cg__risk_profile_keys[i].def;
    pr = &def;
  }
  Claims c;
  cg__producers_build(g, pr->v[P_PLANNED] != 0, CG_NONE, &c);
  double *p = cg__risk_probabilities(g, pr, &c, NULL, NULL, NULL);
  cg__producers_clear(&c);
  const char *method;
  double *crit = cg_criticality(g, 0, &method);
  guint32 m = cg__m(g);
  double *s = g_new(double, m ? m : 1);
  for (guint32 e = 0; e < m; e++) {
    guint32 gi = g->egroup[e];
    double k = g->gmem_off[gi + 1] - g->gmem_off[gi];
    s[e] = cg__node(g, g->esrc[e])->stage == CG_STAGE_CATEGORY
               ? 0
               : p[g->esrc[e]] / k * crit[cg__edge_dst(g, e)];
  }
  if (probability)
    *probability = p;
  else
    g_free(p);
  cg_free(crit);
  return s;
}

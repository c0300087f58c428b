/* Risk scenarios: nodes, regions or an embargo fail for sure; a paired expected-loss
 * change on the same draws (see risk.c, point 4). */
#include "analysis/risk-private.h"
#include "core/rng.h"

#include <string.h>

/**
 * cg_risk_embargo_nodes:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @n_out: (out): how many nodes are returned
 *
 * The nodes an embargo knocks out: the outage of the foreign region (cg_region_is_foreign()),
 * i.e. every node all of whose producers lie within it (cg_region_outage_nodes()). Foreign
 * supply is a region like any other (DESIGN.md): what the documents say is imported, 卡脖子 or
 * monopolised abroad is its claim, so a node a domestic region also makes (or, at the planned
 * horizon, plans) survives. None when the graph has no foreign region.
 * Returns: (transfer full): ascending node indices; free with cg_free(). Complexity: that of
 *   cg_region_outage_nodes().
 */
guint32 *
cg_risk_embargo_nodes(const CgGraph *g, gsize *n_out)
{
  g_return_val_if_fail(g != NULL && n_out != NULL, NULL);
  GPtrArray *names = g_ptr_array_new();
  for (guint r = 0; r < g->regions->len; r++)
    if (cg_region_is_foreign(g, r))
      g_ptr_array_add(names, (gpointer)((const CgRegionRec *)g->regions->pdata[r])->name);
  g_ptr_array_add(names, NULL);
  *n_out = 0;
  guint32 *out = names->len > 1 ? cg_region_outage_nodes(g, (const char *const *)names->pdata,
                                                         n_out, NULL)
                                : NULL;
  g_ptr_array_free(names, TRUE);
  return out ? out : g_new0(guint32, 1);
}

/**
 * cg_risk_scenario_free:
 * @scenario: (nullable): a result of cg_risk_scenario()
 *
 * Frees @scenario. NULL-safe.
 */
void
cg_risk_scenario_free(CgRiskScenario *sc)
{
  if (!sc)
    return;
  g_free(sc->label);
  g_free(sc->why);
  cg_impact_free(sc->impact);
  g_free(sc);
}

/* A sweep of lane losses with @S: the mean and interval, and in @lanes the lane losses
 * (transfer full; NULL when exact); FALSE with @error set when @opt's progress callback
 * stopped it. */
static gboolean
loss_sweep(const Engine *E, const Sampler *S, const CgRiskOptions *opt, const char *phase,
           double *mean, double *lo, double *hi, double **lanes, GError **error)
{
  Sweep sw;
  cg__risk_sweep_alloc(&sw, E, S, SWEEP_LOSS);
  CgWork work;
  cg__work_init(&work, opt->progress, opt->progress_data, phase, S->lanes_total);
  sw.work = &work;
  cg__risk_sweep_run(&sw, opt->threads);
  if (cg__work_cancelled(&work, error)) {
    cg__risk_sweep_free(&sw);
    return FALSE;
  }
  cg__risk_sweep_mean(&sw, S->lanes_total, mean, lo, hi);
  *lanes = sw.lane_loss;
  sw.lane_loss = NULL;
  cg__risk_sweep_free(&sw);
  return TRUE;
}

/* The scenario's nodes as a mask over the nodes, and its label ("nodes:a,b + region:X +
 * embargo", or "nothing"); NULL with @error set for an unknown node or region. */
static guint8 *
scenario_forced(const CgGraph *g, const guint32 *nodes, gsize n_nodes, const char *const *regions,
                gboolean embargo, GString *label, GError **error)
{
  guint32 n = cg__n(g);
  guint8 *forced = g_new0(guint8, n ? n : 1);
  if (n_nodes) {
    g_string_append(label, "nodes:");
    for (gsize i = 0; i < n_nodes; i++) {
      if (nodes[i] >= n) {
        g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN, "node index %u is out of range (%u nodes)",
                    nodes[i], n);
        g_free(forced);
        return NULL;
      }
      forced[nodes[i]] = 1;
      g_string_append_printf(label, "%s%s", i ? "," : "", cg__node(g, nodes[i])->id);
    }
  }
  for (const char *const *p = regions; p && *p; p++) {
    const char *one[2] = {*p, NULL};
    gsize k = 0;
    GError *rerr = NULL;
    /* An outage that knocks nothing out comes back as NULL without an error. */
    guint32 *out = cg_region_outage_nodes(g, one, &k, &rerr);
    if (rerr) {
      g_propagate_error(error, rerr);
      g_free(forced);
      return NULL;
    }
    for (gsize i = 0; i < k; i++)
      forced[out[i]] = 1;
    g_free(out);
    g_string_append_printf(label, "%sregion:%s", label->len ? " + " : "", *p);
  }
  if (embargo) {
    gsize k;
    guint32 *out = cg_risk_embargo_nodes(g, &k);
    for (gsize i = 0; i < k; i++)
      forced[out[i]] = 1;
    g_free(out);
    g_string_append_printf(label, "%sembargo", label->len ? " + " : "");
  }
  if (!label->len)
    g_string_append(label, "nothing");
  return forced;
}

/* What the scenario loses outright: cg_disrupt() of the nodes in @forced. */
static CgImpact *
scenario_impact(const CgGraph *g, const guint8 *forced, GError **error)
{
  GArray *list = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < cg__n(g); v++)
    if (forced[v])
      g_array_append_val(list, v);
  CgImpact *im = cg_disrupt(g, (guint32 *)(void *)list->data, list->len, NULL, error);
  g_array_free(list, TRUE);
  return im;
}

/* The model's probabilities for a scenario without a base: the engine in @own, the
 * probabilities returned (free them); NULL with @error set. */
static double *
scenario_model(const CgGraph *g, const CgRiskOptions *opt, Engine *own, GError **error)
{
  cg__risk_engine_init(own, g);
  CgRiskProfile pr;
  if (opt->profile)
    pr = *opt->profile;
  else
    for (guint i = 0; i < P_N; i++)
      pr.v[i] = cg__risk_profile_keys[i].def;
  Claims c;
  cg__producers_build(g, pr.v[P_PLANNED] != 0, CG_NONE, &c);
  double *p = cg__risk_probabilities(g, &pr, &c, opt->probabilities, NULL, error);
  cg__producers_clear(&c);
  if (!p)
    cg__risk_engine_clear(own);
  return p;
}

/* The paired change: the mean and 95% interval of the per-sample differences @sl − @bl
 * (exact, or fewer than two samples: the difference of the means, already in sc->change). */
static void
paired_change(CgRiskScenario *sc, gboolean exact, gsize lanes, const double *sl, const double *bl)
{
  if (exact || lanes < 2) {
    sc->change_ci95[0] = sc->change_ci95[1] = sc->change;
    return;
  }
  double N = (double)lanes, mu = 0, ss = 0;
  for (gsize i = 0; i < lanes; i++)
    mu += sl[i] - bl[i];
  mu /= N;
  for (gsize i = 0; i < lanes; i++) {
    double d = sl[i] - bl[i] - mu;
    ss += d * d;
  }
  double half = CG_Z95 * sqrt(ss / (N - 1) / N);
  sc->change = mu;
  sc->change_ci95[0] = mu - half;
  sc->change_ci95[1] = mu + half;
}

/* The two paired sweeps, without the scenario (@S: taken from @base when it drew the same
 * samples) and with it (@SF), and the change between them. FALSE, with @error set, when the
 * progress callback stopped a sweep. */
static gboolean
scenario_sweeps(CgRiskScenario *sc, const Engine *E, const Sampler *S, const Sampler *SF,
                const CgRisk *base, gboolean exact, const CgRiskOptions *opt, GError **error)
{
  const double *bl;
  double *bl_own = NULL, *sl = NULL;
  if (base && PRIV(base)->exact == exact && PRIV(base)->lanes == S->lanes_total &&
      (exact || (base->seed == opt->seed && PRIV(base)->lane_loss))) {
    bl = PRIV(base)->lane_loss;
    sc->base_loss = base->expected_loss;
    sc->base_ci95[0] = base->ci95[0];
    sc->base_ci95[1] = base->ci95[1];
  } else if (loss_sweep(E, S, opt, "scenario: Monte Carlo without it", &sc->base_loss,
                        &sc->base_ci95[0], &sc->base_ci95[1], &bl_own, error)) {
    bl = bl_own;
  } else {
    return FALSE;
  }
  gboolean ok = loss_sweep(E, SF, opt, "scenario: Monte Carlo with it", &sc->loss, &sc->ci95[0],
                           &sc->ci95[1], &sl, error);
  if (ok) {
    sc->change = sc->loss - sc->base_loss;
    paired_change(sc, exact, S->lanes_total, sl, bl);
  }
  g_free(sl);
  g_free(bl_own);
  return ok;
}

/* cg_risk_scenario() without its sentence (present/explain-risk.c adds it). */
CgRiskScenario *
cg__risk_scenario_run(const CgGraph *g, const CgRisk *base, const guint32 *nodes, gsize n_nodes,
                      const char *const *regions, gboolean embargo, const CgRiskOptions *options,
                      GError **error)
{
  CgRiskOptions opt;
  if (!cg__risk_options_get(options, &opt, error) || !cg__risk_check_options(&opt, error))
    return NULL;
  guint32 n = cg__n(g);
  CgRiskScenario *sc = NULL;
  CgImpact *im = NULL;
  Engine own;
  double *p_own = NULL;
  GString *label = g_string_new(NULL);
  guint8 *forced = scenario_forced(g, nodes, n_nodes, regions, embargo, label, error);
  if (!forced || !(im = scenario_impact(g, forced, error)))
    goto out;

  /* The model, from @base or computed here. */
  const Engine *E;
  const double *p;
  if (base) {
    E = &PRIV(base)->E;
    p = base->probability;
  } else {
    if (!(p_own = scenario_model(g, &opt, &own, error)))
      goto out;
    E = &own;
    p = p_own;
  }
  gboolean exact = opt.exact_max > 0 && cg__risk_count_uncertain(E, p) <= opt.exact_max;
  Sampler S, SF;
  /* With a Monte Carlo @base of the same seed, as many samples as it drew (sequential
   * sampling may have stopped it before opt.samples), so that the samples are paired. */
  gsize n_samples = opt.samples;
  if (base && !exact && !PRIV(base)->exact && base->seed == opt.seed && PRIV(base)->lanes > 0)
    n_samples = PRIV(base)->lanes;
  cg__risk_sampler_init(&S, E, p, NULL, exact, opt.seed, n_samples);
  /* The scenario's sampler draws exactly as the base one (same buckets, same generators);
   * its nodes are failed on top, so sample i with and without the scenario are paired. */
  SF = S;
  GArray *fl = g_array_new(FALSE, FALSE, sizeof(guint32));
  g_array_append_vals(fl, S.forced, S.n_forced);
  for (guint32 v = 0; v < n; v++)
    if (forced[v] && E->b.prod[v] && p[v] < 1)
      g_array_append_val(fl, v);
  SF.n_forced = fl->len;
  SF.forced = (guint32 *)(void *)fl->data;

  sc = g_new0(CgRiskScenario, 1);
  sc->impact = im;
  im = NULL;
  sc->method = exact ? "exact" : "monte-carlo";
  sc->samples = exact ? 0 : n_samples;
  gboolean ok = scenario_sweeps(sc, E, &S, &SF, base, exact, &opt, error);
  g_array_free(fl, TRUE);
  cg__risk_sampler_clear(&S);
  if (!base)
    cg__risk_engine_clear(&own);
  if (!ok) {
    cg_risk_scenario_free(sc);
    sc = NULL;
    goto out;
  }
  sc->label = g_string_free(label, FALSE);
  label = NULL;
out:
  if (label)
    g_string_free(label, TRUE);
  cg_impact_free(im);
  g_free(p_own);
  g_free(forced);
  return sc;
}

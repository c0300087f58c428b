/* Progress and cancellation (issue 16 item 4, issue 17 item 6): loading and every analysis
 * with a long loop take a #CgProgressFunc. For each of them:
 * - a callback that never stops changes nothing: the JSON is byte-identical to a run
 *   without one, and the fractions it sees lie in [0, 1] and never decrease within a phase;
 * - a callback that stops at its first call makes the analysis fail with
 *   G_IO_ERROR_CANCELLED and keep nothing (ASan checks the frees; a later run without a
 *   callback gives the full answer, so no partial criticality was cached on the graph). */
#include "chaingraph/chaingraph.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

typedef struct {
  gint calls;
  gboolean stop;       /* return FALSE at the first call */
  char *phase;         /* the phase of the last call */
  double last;         /* its fraction */
  GPtrArray *phases;   /* every phase seen, in order, once */
} Seen;

static gboolean
seen_cb(double fraction, const char *phase, gpointer data)
{
  Seen *s = data;
  g_assert_nonnull(phase);
  g_assert_true(fraction >= 0 && fraction <= 1);
  if (g_strcmp0(phase, s->phase) == 0) {
    g_assert_cmpfloat(fraction, >=, s->last);
  } else {
    g_free(s->phase);
    s->phase = g_strdup(phase);
    g_ptr_array_add(s->phases, g_strdup(phase));
  }
  s->last = fraction;
  s->calls++;
  return !s->stop;
}

static void
seen_init(Seen *s, gboolean stop)
{
  *s = (Seen){0, stop, NULL, 0, g_ptr_array_new_with_free_func(g_free)};
}

static void
seen_clear(Seen *s)
{
  g_free(s->phase);
  g_ptr_array_free(s->phases, TRUE);
}

static gboolean
seen_phase(const Seen *s, const char *phase)
{
  for (guint i = 0; i < s->phases->len; i++)
    if (g_str_equal(s->phases->pdata[i], phase))
      return TRUE;
  return FALSE;
}

static CgGraph *generated_with(guint nodes, CgProgressFunc progress, gpointer data,
                               GError **error);

/* A generated AND/OR graph with regions (cities, 30 to a province), loaded afresh: nothing
 * is cached on it yet. */
static CgGraph *
generated(guint nodes)
{
  GError *error = NULL;
  CgGraph *g = generated_with(nodes, NULL, NULL, &error);
  g_assert_no_error(error);
  return g;
}

/* The same, loaded with cg_graph_load_with_progress(). */
static CgGraph *
generated_with(guint nodes, CgProgressFunc progress, gpointer data, GError **error)
{
  char *dir = g_dir_make_tmp("cg-progress-XXXXXX", NULL);
  g_assert_nonnull(dir);
  char *prefix = g_build_filename(dir, "g.tsv", NULL);
  CgGenerateOptions o;
  cg_generate_options_init(&o, CG_GENERATE_OPTIONS_VERSION);
  o.nodes = nodes;
  o.edges = nodes * 4;
  o.regions = 90;
  o.seed = 7;
  GError *gen_error = NULL;
  g_assert_true(cg_generate(&o, prefix, &gen_error));
  g_assert_no_error(gen_error);
  const char *paths[] = {prefix, NULL};
  CgGraph *g = cg_graph_load_with_progress(paths, NULL, progress, data, error);
  const char *tables[] = {"nodes", "edges", "regions", "capabilities"};
  for (guint i = 0; i < G_N_ELEMENTS(tables); i++) {
    char *f = g_strdup_printf("%s/g.%s.tsv", dir, tables[i]);
    g_remove(f);
    g_free(f);
  }
  g_rmdir(dir);
  g_free(prefix);
  g_free(dir);
  return g;
}

/* Loading: the fraction of bytes read, the same graph as without a callback; a stop
 * fails the load. Also for a directory of chain files (one step per file). */
static void
test_load(void)
{
  Seen go;
  seen_init(&go, FALSE);
  GError *error = NULL;
  CgGraph *g = generated_with(3000, seen_cb, &go, &error);
  g_assert_no_error(error);
  g_assert_cmpint(go.calls, >=, 1);
  g_assert_cmpstr(go.phase, ==, "loading");
  g_assert_cmpfloat(go.last, ==, 1.0); /* the last table's end is the whole input */
  seen_clear(&go);
  CgGraph *plain = generated(3000);
  char *a = cg_graph_to_string(g, "json", &error), *b = cg_graph_to_string(plain, "json", &error);
  g_assert_no_error(error);
  g_assert_cmpstr(a, ==, b);
  g_free(a);
  g_free(b);
  cg_graph_free(g);
  cg_graph_free(plain);

  Seen stop;
  seen_init(&stop, TRUE);
  g_assert_null(generated_with(3000, seen_cb, &stop, &error));
  g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error(&error);
  g_assert_cmpint(stop.calls, ==, 1);
  seen_clear(&stop);

  char *dir = cg_default_chains_dir();
  const char *paths[] = {dir, NULL};
  seen_init(&go, FALSE);
  g = cg_graph_load_with_progress(paths, NULL, seen_cb, &go, &error);
  g_assert_no_error(error);
  g_assert_cmpint(go.calls, >=, 1);
  seen_clear(&go);
  cg_graph_free(g);
  seen_init(&stop, TRUE);
  g_assert_null(cg_graph_load_with_progress(paths, NULL, seen_cb, &stop, &error));
  g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error(&error);
  seen_clear(&stop);
  g_free(dir);
}

static char *
bottlenecks_json(CgGraph *g, CgEstimate estimate, Seen *s)
{
  CgBottleneckOptions o;
  cg_bottleneck_options_init(&o, CG_BOTTLENECK_OPTIONS_VERSION);
  o.estimate = estimate;
  o.betweenness = CG_BETWEENNESS_NEVER;
  if (s) {
    o.progress = seen_cb;
    o.progress_data = s;
  }
  GError *error = NULL;
  CgBottlenecks *r = cg_bottlenecks(g, &o, &error);
  if (!r) {
    g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_error_free(error);
    return NULL;
  }
  char *json = cg_bottlenecks_to_json(g, r, FALSE, &error);
  g_assert_no_error(error);
  cg_bottlenecks_free(r);
  return json;
}

static void
test_bottlenecks(void)
{
  for (guint k = 0; k < 2; k++) {
    CgEstimate est = k ? CG_ESTIMATE_ALWAYS : CG_ESTIMATE_NEVER;
    const char *phase = "bottlenecks: criticality";
    /* stopped at once: cancelled, and nothing kept */
    CgGraph *g = generated(3000);
    Seen stop;
    seen_init(&stop, TRUE);
    g_assert_null(bottlenecks_json(g, est, &stop));
    g_assert_cmpint(stop.calls, ==, 1);
    g_assert_cmpstr(stop.phase, ==, phase);
    seen_clear(&stop);
    char *after = bottlenecks_json(g, est, NULL);
    cg_graph_free(g);
    /* watched: the same answer as unwatched on a fresh graph */
    g = generated(3000);
    Seen go;
    seen_init(&go, FALSE);
    char *watched = bottlenecks_json(g, est, &go);
    g_assert_cmpint(go.calls, >=, 1);
    g_assert_true(seen_phase(&go, phase));
    seen_clear(&go);
    cg_graph_free(g);
    g = generated(3000);
    char *plain = bottlenecks_json(g, est, NULL);
    cg_graph_free(g);
    g_assert_cmpstr(watched, ==, plain);
    g_assert_cmpstr(after, ==, plain);
    g_free(after);
    g_free(watched);
    g_free(plain);
  }
}

static char *
complement_json(CgGraph *g, Seen *s)
{
  CgComplementOptions o;
  cg_complement_options_init(&o, CG_COMPLEMENT_OPTIONS_VERSION);
  o.level = "city";
  if (s) {
    o.progress = seen_cb;
    o.progress_data = s;
  }
  GError *error = NULL;
  CgComplement *r = cg_complement(g, &o, &error);
  if (!r) {
    g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_error_free(error);
    return NULL;
  }
  char *json = cg_complement_to_json(g, r, &error);
  g_assert_no_error(error);
  cg_complement_free(r);
  return json;
}

/* Complementarity: first the criticality that weights the gaps, then the regions; a stop
 * in either phase cancels. */
static void
test_complement(void)
{
  CgGraph *g = generated(3000);
  Seen stop;
  seen_init(&stop, TRUE);
  g_assert_null(complement_json(g, &stop));
  g_assert_cmpstr(stop.phase, ==, "complementarity: criticality");
  seen_clear(&stop);
  /* with the criticality kept on the graph, the first call is in the regions' phase */
  g_free(bottlenecks_json(g, CG_ESTIMATE_NEVER, NULL));
  seen_init(&stop, TRUE);
  g_assert_null(complement_json(g, &stop));
  g_assert_cmpint(stop.calls, ==, 1);
  g_assert_cmpstr(stop.phase, ==, "complementarity: regions");
  seen_clear(&stop);
  char *after = complement_json(g, NULL);
  cg_graph_free(g);

  g = generated(3000);
  Seen go;
  seen_init(&go, FALSE);
  char *watched = complement_json(g, &go);
  g_assert_true(seen_phase(&go, "complementarity: criticality"));
  g_assert_true(seen_phase(&go, "complementarity: regions"));
  seen_clear(&go);
  g_assert_cmpstr(watched, ==, after);
  g_free(watched);
  g_free(after);
  cg_graph_free(g);
}

static char *
risk_json(CgGraph *g, Seen *s)
{
  CgRiskOptions o;
  cg_risk_options_init(&o, CG_RISK_OPTIONS_VERSION);
  o.exact_max = 0;
  o.samples = 4096;
  o.invest = 3;
  if (s) {
    o.progress = seen_cb;
    o.progress_data = s;
  }
  GError *error = NULL;
  CgRisk *r = cg_risk(g, &o, &error);
  if (!r) {
    g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_error_free(error);
    return NULL;
  }
  char *json = cg_risk_to_json(g, r, 10, &error);
  g_assert_no_error(error);
  cg_risk_free(r);
  return json;
}

/* Risk: the criticality (when not kept yet), then the Monte Carlo. */
static void
test_risk(void)
{
  CgGraph *g = generated(3000);
  Seen stop;
  seen_init(&stop, TRUE);
  g_assert_null(risk_json(g, &stop));
  g_assert_cmpstr(stop.phase, ==, "supply risk: criticality");
  seen_clear(&stop);
  char *after = risk_json(g, NULL);
  /* criticality kept now: the Monte Carlo is the first phase */
  seen_init(&stop, TRUE);
  g_assert_null(risk_json(g, &stop));
  g_assert_cmpstr(stop.phase, ==, "supply risk: Monte Carlo");
  seen_clear(&stop);
  cg_graph_free(g);

  g = generated(3000);
  Seen go;
  seen_init(&go, FALSE);
  char *watched = risk_json(g, &go);
  g_assert_true(seen_phase(&go, "supply risk: criticality"));
  g_assert_true(seen_phase(&go, "supply risk: Monte Carlo"));
  seen_clear(&go);
  g_assert_cmpstr(watched, ==, after);
  g_free(watched);
  g_free(after);

  /* the scenario's own sweeps: without a base, both are watched */
  CgRiskOptions o;
  cg_risk_options_init(&o, CG_RISK_OPTIONS_VERSION);
  o.exact_max = 0;
  o.samples = 2048;
  Seen sc;
  seen_init(&sc, TRUE);
  o.progress = seen_cb;
  o.progress_data = &sc;
  GError *error = NULL;
  const char *regions[] = {NULL};
  g_assert_null(cg_risk_scenario(g, NULL, (const CgNodeId[]){0}, 1, regions, FALSE, &o, &error));
  g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpstr(sc.phase, ==, "scenario: Monte Carlo without it");
  g_clear_error(&error);
  seen_clear(&sc);
  seen_init(&sc, FALSE);
  CgRiskScenario *r = cg_risk_scenario(g, NULL, (const CgNodeId[]){0}, 1, regions, FALSE, &o,
                                       &error);
  g_assert_no_error(error);
  g_assert_true(seen_phase(&sc, "scenario: Monte Carlo with it"));
  seen_clear(&sc);
  o.progress = NULL;
  CgRiskScenario *plain = cg_risk_scenario(g, NULL, (const CgNodeId[]){0}, 1, regions, FALSE,
                                           &o, &error);
  g_assert_no_error(error);
  g_assert_cmpfloat(cg_risk_scenario_change(r), ==, cg_risk_scenario_change(plain));
  cg_risk_scenario_free(r);
  cg_risk_scenario_free(plain);
  cg_graph_free(g);
}

/* The report passes its fraction callback to every analysis: a stop in the first one fails
 * the report with G_IO_ERROR_CANCELLED. */
static void
test_report(void)
{
  CgGraph *g = generated(3000);
  CgReportOptions o;
  cg_report_options_init(&o, CG_REPORT_OPTIONS_VERSION);
  o.samples = 2048;
  Seen stop;
  seen_init(&stop, TRUE);
  o.fraction = seen_cb;
  o.fraction_data = &stop;
  GError *error = NULL;
  g_assert_null(cg_report_text(g, &o, &error));
  g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error(&error);
  g_assert_cmpstr(stop.phase, ==, "bottlenecks: criticality");
  seen_clear(&stop);
  Seen go;
  seen_init(&go, FALSE);
  o.fraction_data = &go;
  char *watched = cg_report_text(g, &o, &error);
  g_assert_no_error(error);
  g_assert_true(seen_phase(&go, "supply risk: Monte Carlo"));
  g_assert_true(seen_phase(&go, "complementarity: regions"));
  seen_clear(&go);
  o.fraction = NULL;
  char *plain = cg_report_text(g, &o, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(watched, ==, plain);
  g_free(watched);
  g_free(plain);
  cg_graph_free(g);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/progress/load", test_load);
  g_test_add_func("/progress/bottlenecks", test_bottlenecks);
  g_test_add_func("/progress/complement", test_complement);
  g_test_add_func("/progress/risk", test_risk);
  g_test_add_func("/progress/report", test_report);
  return g_test_run();
}

/* chaingraph disrupt */
#include "cli.h"

static void print_impact(const CgGraph *g, const CgImpact *im);

/* --scenario: what is lost, and how the expected loss of the risk model changes. */
static int
run_scenario(const CgGraph *g, GArray *ids, GPtrArray *regions, char **scenarios, gint64 samples,
             gint64 seed, gint threads, gint exact_max, const char *profile_file, char **sets)
{
  gboolean embargo = FALSE;
  for (char **p = scenarios; *p; p++) {
    char **parts = g_strsplit(*p, ",", -1);
    for (char **q = parts; *q; q++) {
      if (!**q)
        continue;
      if (strcmp(*q, "embargo") == 0)
        embargo = TRUE;
      else if (g_str_has_prefix(*q, "region:") && (*q)[7])
        g_ptr_array_insert(regions, (gint)regions->len - 1, g_strdup(*q + 7));
      else {
        g_printerr("chaingraph: unknown scenario '%s' (expected embargo or region:NAME)\n", *q);
        g_strfreev(parts);
        return EXIT_USAGE;
      }
    }
    g_strfreev(parts);
  }
  g_autoptr(CgRiskProfile) profile = cg_risk_profile_new();
  if (!cli_risk_profile(profile, profile_file, sets))
    return EXIT_BAD_INPUT;
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  opt.samples = (gsize)samples;
  opt.seed = (guint64)seed;
  opt.threads = (guint)threads;
  opt.exact_max = (guint)exact_max;
  opt.profile = profile;
  GError *err = NULL;
  cli_progress_begin("scenario: Monte Carlo with and without it");
  opt.progress = cli_progress_cb; /* the bar's fraction; Ctrl-C cancels */
  cli_cancellable_begin();
  CgRiskScenario *sc =
      cg_risk_scenario(g, NULL, (guint32 *)(void *)ids->data, ids->len,
                       (const char *const *)regions->pdata, embargo, &opt, &err);
  int rc = cli_cancellable_finish(sc != NULL, &err);
  if (rc) {
    cg_risk_scenario_free(sc);
    return rc;
  }
  if (cli_json)
    rc = cli_print_json_text(cg_risk_scenario_to_json(g, sc, &err), err);
  else {
    printf("scenario: %s\n", cg_risk_scenario_label(sc));
    print_impact(g, cg_risk_scenario_impact(sc));
    const char *how = strcmp(cg_risk_scenario_method(sc), "exact") ? "Monte Carlo" : "exact";
    printf("expected loss (%s", how);
    if (cg_risk_scenario_samples(sc))
      printf(", %zu paired samples", cg_risk_scenario_samples(sc));
    printf("): %.3g → %.3g of %g application weight, change %+.3g", cg_risk_scenario_base_loss(sc), cg_risk_scenario_loss(sc),
           cg_impact_total_weight(cg_risk_scenario_impact(sc)), cg_risk_scenario_change(sc));
    if (cg_risk_scenario_change_ci95(sc)[0] != cg_risk_scenario_change_ci95(sc)[1])
      printf(" (95%% CI %+.3g to %+.3g)", cg_risk_scenario_change_ci95(sc)[0], cg_risk_scenario_change_ci95(sc)[1]);
    printf("\n");
  }
  cg_risk_scenario_free(sc);
  return rc;
}

static void
print_impact(const CgGraph *g, const CgImpact *im)
{
  gsize n_disrupted, n_la, n_lost;
  const CgNodeId *disrupted = cg_impact_disrupted(im, &n_disrupted);
  const CgNodeId *la = cg_impact_lost_applications(im, &n_la);
  const CgNodeId *lost = cg_impact_lost(im, &n_lost);
  printf("knocked out: %zu nodes", n_disrupted);
  for (gsize i = 0; i < n_disrupted && i < 10; i++)
    printf("%s%s", i ? ", " : " (", cg_node_label(g, disrupted[i]));
  printf("%s\n", n_disrupted ? (n_disrupted > 10 ? ", …)" : ")") : "");
  printf("impact: %.1f%% of application weight (%g of %g)\n", 100 * cg_impact_share(im),
         cg_impact_lost_weight(im), cg_impact_total_weight(im));
  printf("lost applications (%zu):", n_la);
  for (gsize i = 0; i < n_la; i++)
    printf("%s%s", i ? "、" : " ", cg_node_label(g, la[i]));
  printf("\nlost nodes (%zu):", n_lost);
  for (gsize i = 0; i < n_lost; i++)
    printf("%s%s", i ? "、" : " ", cg_node_label(g, lost[i]));
  g_autofree char *why = cg_impact_why(g, im);
  printf("\nwhy: %s\n", why);
}

int
cmd_disrupt(int argc, char **argv)
{
  char **opt_nodes = NULL, **opt_regions = NULL, **opt_scenarios = NULL, **opt_sets = NULL;
  char *opt_profile = NULL;
  /* The scenario's defaults are the risk model's (the help states them). */
  CgRiskOptions d;
  cg_risk_options_init(&d, CG_RISK_OPTIONS_VERSION);
  gint64 opt_samples = (gint64)d.samples, opt_seed = (gint64)d.seed;
  gint opt_threads = (gint)d.threads, opt_exact_max = (gint)d.exact_max;
  GOptionEntry entries[] = {
      {"node", 'n', 0, G_OPTION_ARG_STRING_ARRAY, &opt_nodes,
       "Knock out these nodes (id, alias or name; comma-separated; repeatable)", "ID[,ID]"},
      {"region", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &opt_regions,
       "Knock out these regions and the regions inside them: a node is lost when every region "
       "producing it is out",
       "NAME[,NAME]"},
      {"scenario", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_scenarios,
       "A risk scenario: 'embargo' (every node with chokepoint evidence is lost) or "
       "'region:NAME' (a region outage); also prints how the expected loss of the risk "
       "model changes (repeatable; combines with --node and --region)",
       "embargo|region:NAME"},
      {"samples", 's', 0, G_OPTION_ARG_INT64, &opt_samples,
       cli_help("With --scenario: Monte Carlo samples (default %" G_GINT64_FORMAT ")",
                opt_samples),
       "N"},
      {"seed", 0, 0, G_OPTION_ARG_INT64, &opt_seed,
       cli_help("With --scenario: the seed (default %" G_GINT64_FORMAT ")", opt_seed), "S"},
      {"profile", 'p', 0, G_OPTION_ARG_FILENAME, &opt_profile,
       "With --scenario: the risk profile (see chaingraph risk --print-profile)", "FILE"},
      {"set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_sets,
       "With --scenario: set one risk-profile constant (repeatable)", "KEY=VALUE"},
      {"threads", 't', 0, G_OPTION_ARG_INT, &opt_threads,
       "With --scenario: worker threads (default: one per core)", "N"},
      {"exact-max", 0, 0, G_OPTION_ARG_INT, &opt_exact_max,
       cli_help("With --scenario: enumerate exactly when at most K nodes are uncertain (default "
                "%d, max 24)",
                opt_exact_max),
       "K"},
      {NULL}};
  g_autoptr(GOptionContext) ctx =
      g_option_context_new("[FILES…] — what is lost when nodes or regions fail");
  g_option_context_set_summary(
      ctx, "Computes which products can no longer be made (AND across input groups, OR\n"
           "within a group, cycles need an outside source) and the share of application\n"
           "weight lost. Example: chaingraph disrupt --node 钕铁硼 --region 赣州\n"
           "With --scenario it also runs the risk model (chaingraph risk) with and without\n"
           "the loss and prints the change in expected loss. Examples:\n"
           "  chaingraph disrupt --scenario embargo\n"
           "  chaingraph disrupt --scenario region:赣州 --json");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint32));
  GPtrArray *regions = g_ptr_array_new_with_free_func(g_free);
  CgGraph *g = NULL;
  CgImpact *im = NULL;
  if (rc >= 0)
    goto out;
  if (!opt_nodes && !opt_regions && !opt_scenarios) {
    rc = cli_usage_error(ctx, "name at least one --node, --region or --scenario");
    goto out;
  }
  if (opt_samples < 1 || opt_threads < 0 || opt_exact_max < 0 || opt_exact_max > 24) {
    rc = cli_usage_error(ctx, "--samples takes a number ≥ 1, --threads ≥ 0, --exact-max 0 to 24");
    goto out;
  }
  g = cli_load(argc, argv);
  if (!g) {
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  cli_note_unproducible(g);
  if (!cli_json)
    cli_print_footing(g);
  for (char **p = opt_nodes; p && *p; p++) {
    char **parts = g_strsplit(*p, ",", -1);
    for (char **q = parts; *q; q++) {
      if (!**q)
        continue;
      GError *lerr = NULL;
      gssize v = cg_graph_lookup_node(g, *q, &lerr);
      if (v < 0) {
        g_printerr("chaingraph: %s\n", lerr->message);
        g_error_free(lerr);
        g_strfreev(parts);
        rc = EXIT_BAD_INPUT;
        goto out;
      }
      guint32 vv = (guint32)v;
      g_array_append_val(ids, vv);
    }
    g_strfreev(parts);
  }
  for (char **p = opt_regions; p && *p; p++) {
    char **parts = g_strsplit(*p, ",", -1);
    for (char **q = parts; *q; q++)
      if (**q)
        g_ptr_array_add(regions, g_strdup(*q));
    g_strfreev(parts);
  }
  g_ptr_array_add(regions, NULL);
  if (opt_scenarios) {
    rc = run_scenario(g, ids, regions, opt_scenarios, opt_samples, opt_seed, opt_threads,
                      opt_exact_max, opt_profile, opt_sets);
    goto out;
  }
  GError *err = NULL;
  im = cg_disrupt(g, (guint32 *)(void *)ids->data, ids->len,
                  (const char *const *)regions->pdata, &err);
  if (!im) {
    g_printerr("chaingraph: %s\n", err->message);
    rc = cli_error_status(err);
    g_error_free(err);
    goto out;
  }
  if (cli_json) {
    cli_print_json_text(cg_impact_to_json(g, im), NULL);
  } else {
    print_impact(g, im);
  }
  rc = 0;
out:
  cg_impact_free(im);
  cg_graph_free(g);
  g_array_free(ids, TRUE);
  g_ptr_array_free(regions, TRUE);
  g_strfreev(opt_nodes);
  g_strfreev(opt_regions);
  g_strfreev(opt_scenarios);
  g_strfreev(opt_sets);
  g_free(opt_profile);
  return rc;
}

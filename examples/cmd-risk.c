/* chaingraph risk */
#include "cli.h"

#include <stdlib.h>

/* The first quote behind an edge, for a "link:" line. */
static void
print_edge_source(const CgGraph *g, gsize e, const char *indent)
{
  for (gsize i = 0; i < cg_edge_n_provenance(g, e); i++) {
    const CgProvenance *p = cg_edge_provenance(g, e, i);
    if (!p->quote && !p->inferred)
      continue;
    char *line;
    if (p->quote)
      line = g_strdup_printf("link: %s%s%s “%s”",
                             p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
                             p->section ? " " : "", p->section ? p->section : "", p->quote);
    else
      line = g_strdup_printf("link: inferred: %s", p->inferred);
    cli_print_wrapped(indent, line, indent);
    g_free(line);
    return;
  }
}

gboolean
cli_risk_profile(CgRiskProfile *profile, const char *file, char **sets)
{
  GError *err = NULL;
  if (file && !cg_risk_profile_load(profile, file, &err)) {
    g_printerr("chaingraph: %s\n", err->message);
    g_error_free(err);
    return FALSE;
  }
  for (char **s = sets; s && *s; s++) {
    char *eq = strchr(*s, '=');
    if (!eq) {
      g_printerr("chaingraph: --set takes KEY=VALUE, not '%s'\n", *s);
      exit(EXIT_USAGE);
    }
    char *key = g_strndup(*s, (gsize)(eq - *s));
    gboolean ok = cg_risk_profile_set(profile, g_strstrip(key), eq + 1, &err);
    g_free(key);
    if (!ok) {
      g_printerr("chaingraph: --set %s: %s\n", *s, err->message);
      g_error_free(err);
      exit(EXIT_USAGE); /* a bad value on the command line: usage */
    }
  }
  return TRUE;
}

typedef struct {
  const CgGraph *g;
  const CgRisk *r;
} NodeOrder;

/* Probability descending, then id. */
static int
cmp_node(gconstpointer a, gconstpointer b, gpointer data)
{
  const NodeOrder *o = data;
  gsize x = *(const gsize *)a, y = *(const gsize *)b;
  double px = cg_risk_probability(o->r)[x], py = cg_risk_probability(o->r)[y];
  if (px != py)
    return px > py ? -1 : 1;
  return strcmp(cg_node_id(o->g, x), cg_node_id(o->g, y));
}

static void
print_table(const CgGraph *g, const CgRisk *r, gsize top)
{
  if (!strcmp(cg_risk_method(r), "exact"))
    printf("Supply risk — exact over %zu state%s (%zu uncertain node%s)\n", cg_risk_states(r),
           cg_risk_states(r) == 1 ? "" : "s", cg_risk_n_uncertain(r), cg_risk_n_uncertain(r) == 1 ? "" : "s");
  else
    printf("Supply risk — Monte Carlo, %zu samples (seed %" G_GUINT64_FORMAT
           "), %zu uncertain nodes\n",
           cg_risk_samples(r), cg_risk_seed(r), cg_risk_n_uncertain(r));
  double share = cg_risk_total_weight(r) > 0 ? 100 * cg_risk_expected_loss(r) / cg_risk_total_weight(r) : 0;
  printf("Expected loss: %.3g of %g application weight (%.1f%%)", cg_risk_expected_loss(r),
         cg_risk_total_weight(r), share);
  if (strcmp(cg_risk_method(r), "exact"))
    printf(", 95%% CI %.3g–%.3g", cg_risk_ci95(r)[0], cg_risk_ci95(r)[1]);
  printf("\n\nRiskiest links (score = P(supplier fails) × dependence × criticality of\n"
         "the consumer; share = how often a failure reached an application through it)\n");
  gsize nl = MIN(top, cg_risk_n_links(r));
  /* Each link's score without the inferred statements (issue 14). */
  double *noinf = nl ? cg_risk_link_scores_without_inferred(g, r) : NULL;
  for (gsize i = 0; i < nl; i++) {
    const CgRiskLink *l = cg_risk_link(r, i);
    printf("%2zu. %.4f  %s → %s\n", i + 1, l->score, cg_node_label(g, l->source),
           cg_node_label(g, l->target));
    printf("      P %.3f × dependence %.2g × criticality %.3f; share %.1f%%\n", l->probability,
           l->dependence, l->criticality, 100 * l->criticality_share);
    cli_print_wrapped("      ", l->why, "      ");
    cli_print_source(g, l->source, "      ");
    print_edge_source(g, l->edge, "      ");
    if (noinf) {
      double x = noinf[l->edge];
      if (x != l->score && !cg_edge_inferred(g, l->edge))
        printf("      rests on inference: %.4f without inferred statements (its consumer's "
               "criticality rests on them)\n", x);
      else if (x != l->score)
        printf("      rests on inference: the link itself is inferred (above)\n");
    }
  }
  cg_free(noinf);
  if (nl == 0)
    printf("    (no links)\n");

  printf("\nApplications most likely to be lost\n");
  gsize na = 0;
  for (gsize i = 0; i < cg_risk_n_applications(r) && na < top; i++) {
    const CgRiskApplication *a = cg_risk_application(r, i);
    if (a->failure_probability <= 0)
      continue;
    printf("  %5.1f%%  %s (%s)%s\n", 100 * a->failure_probability, cg_node_label(g, a->node),
           cg_node_id(g, a->node), a->producible ? "" : " — not producible at all");
    na++;
  }
  if (na == 0)
    printf("    (none can be lost)\n");

  printf("\nWhere to invest (securing the node lowers expected loss by)\n");
  for (gsize i = 0; i < cg_risk_n_invest(r) && i < top; i++) {
    const CgRiskInvestment *it = cg_risk_invest(r, i);
    printf("%2zu. %.3g", i + 1, it->reduction);
    if (it->ci95[0] != it->ci95[1])
      printf(" (95%% CI %.3g–%.3g)", it->ci95[0], it->ci95[1]);
    printf("  %s (%s)\n", cg_node_label(g, it->node), cg_node_id(g, it->node));
    cli_print_wrapped("      ", it->why, "      ");
  }
  if (cg_risk_n_invest(r) == 0)
    printf("    (securing no single node lowers the expected loss)\n");

  printf("\nRiskiest nodes (P = 1 − (1 − base)^score; score = concentration × foreign ×\n"
         "substitution × recycling × stage)\n");
  gsize *idx = g_new(gsize, cg_risk_n_nodes(r) ? cg_risk_n_nodes(r) : 1);
  gsize nn = 0;
  for (gsize v = 0; v < cg_risk_n_nodes(r); v++)
    if (cg_risk_probability(r)[v] > 0)
      idx[nn++] = v;
  NodeOrder no = {g, r};
  g_qsort_with_data(idx, (gint)nn, sizeof(gsize), cmp_node, &no);
  for (gsize i = 0; i < MIN(top, nn); i++) {
    char *why = cg_risk_node_why(g, r, idx[i]);
    printf("%2zu. %.3f  %s (%s)\n", i + 1, cg_risk_probability(r)[idx[i]], cg_node_label(g, idx[i]),
           cg_node_id(g, idx[i]));
    cli_print_wrapped("      ", why, "      ");
    g_free(why);
  }
  if (nn == 0)
    printf("    (no node can fail)\n");
  g_free(idx);
}

int
cmd_risk(int argc, char **argv)
{
  /* The defaults, and the numbers the help states, are the library's. */
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  gint top = (gint)opt.top, threads = (gint)opt.threads, exact_max = (gint)opt.exact_max,
       invest = (gint)opt.invest;
  gint64 samples = (gint64)opt.samples, seed = (gint64)opt.seed,
         invest_samples = (gint64)opt.invest_samples;
  char *profile_file = NULL;
  char **sets = NULL;
  gboolean print_profile = FALSE;
  double precision = opt.precision;
  GOptionEntry entries[] = {
      {"top", 'n', 0, G_OPTION_ARG_INT, &top,
       cli_help("List the N riskiest links (and N of each other list; 0: all links; default %d)",
                top),
       "N"},
      {"samples", 's', 0, G_OPTION_ARG_INT64, &samples,
       cli_help("Monte Carlo samples (default %" G_GINT64_FORMAT ")", samples),
       "N"},
      {"seed", 0, 0, G_OPTION_ARG_INT64, &seed,
       cli_help("Seed: the same seed gives the same answer (default %" G_GINT64_FORMAT ")", seed),
       "S"},
      {"profile", 'p', 0, G_OPTION_ARG_FILENAME, &profile_file,
       "Read the model's constants from FILE (lines 'key = value'; see --print-profile)", "FILE"},
      {"set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &sets,
       "Set one constant, e.g. --set base_probability=0.1 (repeatable; after --profile)",
       "KEY=VALUE"},
      {"print-profile", 0, 0, G_OPTION_ARG_NONE, &print_profile,
       "Print every constant with its value and meaning, and exit", NULL},
      {"threads", 't', 0, G_OPTION_ARG_INT, &threads,
       "Worker threads (default: one per core; the answer does not depend on it)", "N"},
      {"exact-max", 0, 0, G_OPTION_ARG_INT, &exact_max,
       cli_help("Enumerate every state exactly when at most K nodes are uncertain (default %d, "
                "max 24)",
                exact_max),
       "K"},
      {"invest", 0, 0, G_OPTION_ARG_INT, &invest,
       cli_help("List N nodes where securing supply lowers expected loss most (0: skip; default "
                "%d)",
                invest),
       "N"},
      {"invest-samples", 0, 0, G_OPTION_ARG_INT64, &invest_samples,
       "Samples used to measure each investment (default: all)", "N"},
      {"precision", 0, 0, G_OPTION_ARG_DOUBLE, &precision,
       cli_help("Stop sampling once the 95%% interval's half-width is at most Q × the expected "
                "loss, checked every 1024 samples; --samples is the cap (0: draw every sample; "
                "default %g)",
                precision),
       "Q"},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new(
      "[FILES…] — which supplier→consumer links are most likely to break");
  g_option_context_set_summary(
      ctx,
      "Gives every node a disruption probability from its document evidence, in the\n"
      "spirit of the EU critical-raw-materials method and GeoPolRisk:\n"
      "  score = concentration (HHI over the regions producing it)\n"
      "        × foreign (1 + chokepoint evidence 卡脖子/依赖国外/国外垄断 + import share)\n"
      "        × (1 − 0.8·substitutability) × (1 − recycling rate) × stage factor\n"
      "  P(fails) = 1 − (1 − base_probability)^score\n"
      "Then ranks every link u → v by P(u fails) × dependence of v on u (1 if u is the\n"
      "sole input of its group, 1/k among k alternatives) × criticality of v, and draws\n"
      "independent failures (Monte Carlo, or exactly when few nodes are uncertain) for\n"
      "the expected lost application weight with a 95% interval, each application's\n"
      "failure probability, each link's criticality share and where to invest.\n"
      "Every constant is in the risk profile (docs/risk-model.md).\n\n"
      "Examples:\n"
      "  chaingraph risk --top 5\n"
      "  chaingraph risk --samples 100000 --set base_probability=0.1 --json chains/*.chain\n"
      "  chaingraph disrupt --scenario embargo    (what an embargo costs)");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  CgGraph *g = NULL;
  CgRisk *r = NULL;
  CgRiskProfile *profile = cg_risk_profile_new();
  if (rc >= 0)
    goto out;
  if (top < 0 || threads < 0 || samples < 1 || exact_max < 0 || exact_max > 24 || invest < 0 ||
      invest_samples < 0) {
    rc = cli_usage_error(ctx, "--top, --threads, --invest and --invest-samples take a number ≥ 0, "
                              "--samples ≥ 1, --exact-max 0 to 24");
    goto out;
  }
  if (!cli_risk_profile(profile, profile_file, sets)) {
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  if (print_profile) {
    char *text = cg_risk_profile_to_text(profile);
    fputs(text, stdout);
    cg_free(text);
    rc = 0;
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
  opt.samples = (gsize)samples;
  opt.seed = (guint64)seed;
  opt.threads = (guint)threads;
  opt.top = (gsize)top;
  opt.exact_max = (guint)exact_max;
  opt.profile = profile;
  opt.invest = (gsize)invest;
  opt.invest_samples = (gsize)invest_samples;
  if (!(precision >= 0 && precision < 1)) {
    rc = cli_usage_error(ctx, "--precision takes a number from 0 to below 1");
    goto out;
  }
  opt.precision = precision;
  GError *err = NULL;
  char *label = g_strdup_printf("supply risk: at most %" G_GINT64_FORMAT " Monte Carlo samples",
                                samples);
  cli_progress_begin(label);
  opt.progress = cli_progress_cb; /* the bar's fraction; Ctrl-C cancels */
  cli_cancellable_begin();
  r = cg_risk(g, &opt, &err);
  rc = cli_cancellable_finish(r != NULL, &err);
  g_free(label);
  if (rc)
    goto out;
  if (cli_json)
    rc = cli_print_json_text(cg_risk_to_json(g, r, (gsize)top, &err), err);
  else {
    print_table(g, r, top ? (gsize)top : G_MAXSIZE);
    rc = 0;
  }
out:
  cg_risk_free(r);
  cg_graph_free(g);
  cg_risk_profile_free(profile);
  g_free(profile_file);
  g_strfreev(sets);
  return rc;
}

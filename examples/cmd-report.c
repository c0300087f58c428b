/* chaingraph report */
#include "cli.h"

/* Each step of the report restarts the progress line with its own label. The analyses
 * (criticality, the risk Monte Carlo, complementarity, the page's region cards) report a
 * fraction and poll Ctrl-C
 * through CgReportOptions.fraction: during them a Ctrl-C stops the report; during any other
 * step (the footing's readings, writing) it ends the process at once. */
static void
report_progress(const char *step, gpointer data)
{
  (void)data;
  cli_progress_end();
  cli_progress_begin(step);
  if (g_str_has_prefix(step, "bottlenecks") || g_str_has_prefix(step, "supply risk") ||
      g_str_has_prefix(step, "complementarity") || g_str_has_prefix(step, "regions"))
    cli_cancellable_begin();
  else
    cli_cancellable_pause();
}

int
cmd_report(int argc, char **argv)
{
  /* The defaults, and the numbers the help states, are the library's. */
  CgReportOptions o;
  cg_report_options_init(&o, CG_REPORT_OPTIONS_VERSION);
  char *html = NULL, *level = NULL, *lang = NULL, *csv = NULL, *html_chains = NULL;
  char **chain_ids = NULL;
  gint top = (gint)o.top, width = (gint)o.width;
  gint64 samples = (gint64)o.samples, seed = (gint64)o.seed;
  GOptionEntry entries[] = {
      {"html", 0, 0, G_OPTION_ARG_FILENAME, &html,
       "Also write one self-contained HTML page: search, tables, panels, diagrams, evidence", "FILE"},
      {"lang", 0, 0, G_OPTION_ARG_STRING, &lang,
       "Language of the report: zh or en (default: from LC_ALL, LC_MESSAGES or LANG, zh… "
       "giving Chinese, anything else English); the page switches on the page too",
       "LANG"},
      {"csv", 0, 0, G_OPTION_ARG_FILENAME, &csv,
       "Also write every table of the page as CSV into DIR (the bytes of the page's download "
       "buttons)",
       "DIR"},
      {"html-chains", 0, 0, G_OPTION_ARG_STRING, &html_chains,
       "The chains whose diagrams the page holds, comma-separated ids (default: every chain, "
       "or on a huge graph those of the top bottlenecks)",
       "IDS"},
      {"top", 'n', 0, G_OPTION_ARG_INT, &top, cli_help("Rows per section (default %d)", top), "N"},
      {"width", 'w', 0, G_OPTION_ARG_INT, &width,
       cli_help("Wrap at this many columns (default %d)", width), "COLS"},
      {"samples", 's', 0, G_OPTION_ARG_INT64, &samples,
       cli_help("Monte Carlo samples of the supply-risk model (default %" G_GINT64_FORMAT ")",
                samples),
       "N"},
      {"seed", 0, 0, G_OPTION_ARG_INT64, &seed,
       cli_help("Their seed: the same seed, the same report (default %" G_GINT64_FORMAT ")", seed),
       "S"},
      {"level", 'l', 0, G_OPTION_ARG_STRING, &level,
       "Compare regions at this level: province, city, district, zone, cluster, country or any "
       "(default: province, or city when there are fewer than two provinces)",
       "LEVEL"},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new(
      "[FILES…] — the three answers at once: bottlenecks, supply risk, complementary regions");
  g_option_context_set_summary(
      ctx, "Prints the report a planner reads first, one screen per section:\n"
           "  - the products whose loss takes the most application weight down;\n"
           "  - the expected loss from supply risk (with its 95% interval) and the\n"
           "    supplier → consumer links most likely to break;\n"
           "  - the region pairs that fill each other's gaps best.\n"
           "Every line has its reason and the document section and quote behind it.\n"
           "With --html, also writes one self-contained page to explore (no network\n"
           "needed): search any node, region or chain; sort, filter and download every\n"
           "table as CSV; a node's panel with what is lost if it fails, highlighted on its\n"
           "chain's diagram (Graphviz, zoomable); each region's gaps and partners. It reads\n"
           "on a phone and prints on A4. Chinese or English (--lang; the page switches).\n"
           "Examples:\n"
           "  chaingraph report\n"
           "  chaingraph report --html report.html --top 5\n"
           "  chaingraph report --lang en --csv tables/\n"
           "  chaingraph report --level city my.chain");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  CgGraph *g = NULL;
  if (rc >= 0)
    goto out;
  if (cli_json) {
    rc = cli_usage_error(ctx, "the report is for people: for JSON use bottlenecks, risk or "
                              "complement --json");
    goto out;
  }
  if (lang && strcmp(lang, "zh") && strcmp(lang, "en")) {
    rc = cli_usage_error(ctx, "--lang must be zh or en");
    goto out;
  }
  if (top <= 0 || width < 40 || samples < 1) {
    rc = cli_usage_error(ctx, "--top must be > 0, --width ≥ 40 and --samples ≥ 1");
    goto out;
  }
  g = cli_load(argc, argv);
  if (!g) {
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  cli_note_unproducible(g);
  o.top = (gsize)top;
  o.width = (guint)width;
  o.samples = (gsize)samples;
  o.seed = (guint64)seed;
  o.level = level;
  o.progress = report_progress;
  o.lang = lang;
  o.csv_dir = csv;
  chain_ids = html_chains ? g_strsplit(html_chains, ",", -1) : NULL;
  o.html_chains = (const char *const *)chain_ids;
  GError *err = NULL;
  char *text = NULL;
  o.fraction = cli_progress_cb; /* the analyses' bars; Ctrl-C stops them */
  gboolean ok = cg_report_write(g, &o, &text, html, &err);
  if ((rc = cli_cancellable_finish(ok, &err))) {
    cg_free(text);
    goto out;
  }
  fputs(text, stdout);
  cg_free(text);
  if (html)
    printf("\nHTML report: %s\n", html);
  if (csv)
    printf("%sCSV tables: %s\n", html ? "" : "\n", csv);
  rc = 0;
out:
  cg_graph_free(g);
  g_free(html);
  g_free(level);
  g_free(lang);
  g_free(csv);
  g_free(html_chains);
  g_strfreev(chain_ids);
  return rc;
}

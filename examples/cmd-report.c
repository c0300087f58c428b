/* chaingraph report */
#include "cli.h"

int
cmd_report(int argc, char **argv)
{
  char *html = NULL;
  gint top = 10, width = 80;
  GOptionEntry entries[] = {
      {"html", 0, 0, G_OPTION_ARG_FILENAME, &html,
       "Also write one self-contained HTML page with a diagram per chain", "FILE"},
      {"top", 'n', 0, G_OPTION_ARG_INT, &top, "Rows per section (default 10)", "N"},
      {"width", 'w', 0, G_OPTION_ARG_INT, &width, "Wrap at this many columns (default 80)", "COLS"},
      {NULL}};
  g_autoptr(GOptionContext) ctx =
      g_option_context_new("[FILES…] — the answers at once: bottlenecks, waists, single points");
  g_option_context_set_summary(
      ctx, "Prints the report a planner reads first: the products whose loss takes the most\n"
           "applications down (each with its reason and the document quote behind it), each\n"
           "chain's narrowest stage, and the products only one region makes. With --html,\n"
           "also writes a page with a Graphviz diagram per chain.\n"
           "Example: chaingraph report --html report.html");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  CgGraph *g = NULL;
  if (rc >= 0)
    goto out;
  if (top <= 0 || width < 40) {
    rc = cli_usage_error(ctx, "--top must be > 0 and --width ≥ 40");
    goto out;
  }
  g = cli_load(argc, argv);
  if (!g) {
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  CgReportOptions o = CG_REPORT_OPTIONS_INIT;
  o.top = (gsize)top;
  o.width = (guint)width;
  GError *err = NULL;
  cli_progress_begin("analysing");
  char *text = cg_report_text(g, &o, &err);
  cli_progress_end();
  if (!text) {
    g_printerr("chaingraph: %s\n", err->message);
    g_error_free(err);
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  fputs(text, stdout);
  cg_free(text);
  if (html) {
    cli_progress_begin("drawing the chains");
    gboolean ok = cg_report_html(g, &o, html, &err);
    cli_progress_end();
    if (!ok) {
      g_printerr("chaingraph: %s\n", err->message);
      g_error_free(err);
      rc = EXIT_BAD_INPUT;
      goto out;
    }
    printf("\nHTML report with %zu chain diagrams: %s\n", cg_graph_n_chains(g), html);
  }
  rc = 0;
out:
  cg_graph_free(g);
  g_free(html);
  return rc;
}

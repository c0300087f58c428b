/* chaingraph render */
#include "cli.h"

int
cmd_render(int argc, char **argv)
{
  char *chain = NULL, *output = NULL;
  gboolean plain = FALSE;
  /* 1000 samples, not the risk model's default: the link colours do not depend on them, so
   * the drawing takes the cheaper count; the seed is the model's. */
  CgRiskOptions ro;
  cg_risk_options_init(&ro, CG_RISK_OPTIONS_VERSION);
  gint64 samples = 1000, seed = (gint64)ro.seed;
  GOptionEntry entries[] = {
      {"chain", 'c', 0, G_OPTION_ARG_STRING, &chain, "The chain to draw", "ID"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "Write here; .svg, .png or .dot (default: SVG on standard output)", "FILE"},
      {"plain", 0, 0, G_OPTION_ARG_NONE, &plain,
       "Do not colour nodes by criticality nor links by supply risk", NULL},
      {"samples", 's', 0, G_OPTION_ARG_INT64, &samples,
       "Monte Carlo samples of the risk model (the link colours do not depend on them; "
       "default 1000)",
       "N"},
      {"seed", 0, 0, G_OPTION_ARG_INT64, &seed,
       cli_help("Seed of the risk model (default %" G_GINT64_FORMAT ")", seed), "S"},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new("--chain ID [FILES…] — draw one chain");
  g_option_context_set_summary(
      ctx, "Draws a chain with Graphviz, styled as in the HTML report: stages left to right,\n"
           "nodes filled from white to red by criticality (red = the graph's most critical\n"
           "node), chokepoints outlined in red, links drawn heavier and redder with their\n"
           "supply-risk score (chaingraph risk), each OR group drawn through a small '或'\n"
           "junction, each node's document quotes and each link's risk reason as tooltips.\n"
           "With no --chain, lists the chains.\n"
           "Examples:\n"
           "  chaingraph render --chain zj-magnet -o magnet.svg\n"
           "  chaingraph render --chain jx-re-pm -o re.png");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  CgGraph *g = NULL;
  CgRisk *risk = NULL;
  CgRenderStyle *style = NULL;
  if (rc >= 0)
    goto out;
  if (samples < 1) {
    rc = cli_usage_error(ctx, "--samples must be ≥ 1");
    goto out;
  }
  if (output) {
    const char *dot = strrchr(output, '.');
    if (!dot || (strcmp(dot, ".svg") && strcmp(dot, ".png") && strcmp(dot, ".dot") && strcmp(dot, ".gv"))) {
      rc = cli_usage_error(ctx, "-o needs a .svg, .png or .dot file name");
      goto out;
    }
  }
  g = cli_load(argc, argv);
  if (!g) {
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  if (!chain) {
    if (cg_graph_n_chains(g) == 0) {
      g_printerr("chaingraph: these files define no chain\n");
      rc = EXIT_BAD_INPUT;
      goto out;
    }
    printf("Chains (draw one with --chain ID):\n");
    for (gsize i = 0; i < cg_graph_n_chains(g); i++)
      printf("  %-22s %s\n", cg_chain_id(g, i), cg_chain_name(g, i));
    rc = 0;
    goto out;
  }
  gssize c = cg_graph_find_chain(g, chain);
  if (c < 0) {
    g_printerr("chaingraph: unknown chain '%s'; the chains are:", chain);
    for (gsize i = 0; i < cg_graph_n_chains(g); i++)
      g_printerr(" %s", cg_chain_id(g, i));
    g_printerr("\n");
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  GError *err = NULL;
  if (!plain) {
    /* The styling of the HTML report: criticality fills, link risk from the risk model. */
    ro.samples = (gsize)samples;
    ro.seed = (guint64)seed;
    ro.top = 1;
    ro.invest = 0;
    cli_progress_begin("supply risk of the links");
    risk = cg_risk(g, &ro, &err);
    cli_progress_end();
    if (!risk) {
      g_printerr("chaingraph: %s\n", err->message);
      rc = cli_error_status(err);
      g_error_free(err);
      goto out;
    }
    style = cg_render_style_new(g, risk);
  }
  if (output) {
    if (!cg_chain_render_to_file(g, (gsize)c, style, output, NULL, &err)) {
      g_printerr("chaingraph: %s\n", err->message);
      rc = cli_error_status(err);
      g_error_free(err);
      goto out;
    }
  } else {
    gsize len;
    guint8 *svg = cg_chain_render(g, (gsize)c, style, "svg", &len, &err);
    if (!svg) {
      g_printerr("chaingraph: %s\n", err->message);
      rc = cli_error_status(err);
      g_error_free(err);
      goto out;
    }
    fwrite(svg, 1, len, stdout);
    cg_free(svg);
  }
  rc = 0;
out:
  cg_render_style_free(style);
  cg_risk_free(risk);
  cg_graph_free(g);
  g_free(chain);
  g_free(output);
  return rc;
}

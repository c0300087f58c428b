/* chaingraph generate */
#include "cli.h"

int
cmd_generate(int argc, char **argv)
{
  /* The defaults are the library's (the help states them), but for the edges:
   * 5 × --nodes, which is the library's default at its default node count. */
  CgGenerateOptions o;
  cg_generate_options_init(&o, CG_GENERATE_OPTIONS_VERSION);
  gint64 nodes = (gint64)o.nodes, edges = -1, seed = (gint64)o.seed;
  gint stages = (gint)o.stages, regions = (gint)o.regions;
  double or_fraction = o.or_fraction, cycle_fraction = o.cycle_fraction;
  char *output = NULL;
  GOptionEntry entries[] = {
      {"nodes", 0, 0, G_OPTION_ARG_INT64, &nodes,
       cli_help("Number of nodes (default %" G_GINT64_FORMAT ")", nodes), "N"},
      {"edges", 0, 0, G_OPTION_ARG_INT64, &edges, "Number of edges (default 5 × nodes)", "M"},
      {"stages", 0, 0, G_OPTION_ARG_INT, &stages,
       cli_help("Number of stages, raw to application (default %d)", stages),
       "K"},
      {"or-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &or_fraction,
       cli_help("Probability that an input is an alternative (joins an OR group) rather than a "
                "joint requirement (default %g; 1 gives an OR-only graph, 0 AND-only)",
                or_fraction),
       "F"},
      {"cycle-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &cycle_fraction,
       cli_help("Share of edges going back upstream, as recycling alternatives (default %g)",
                cycle_fraction),
       "C"},
      {"regions", 0, 0, G_OPTION_ARG_INT, &regions,
       cli_help("Number of city regions (30 to a province), each node produced by 1–3 of them "
                "(default %d)",
                regions),
       "R"},
      {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed: the same options give the same files", "S"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "PREFIX.tsv: writes PREFIX.nodes.tsv, PREFIX.edges.tsv (and with regions "
       "PREFIX.regions.tsv, PREFIX.capabilities.tsv)",
       "FILE"},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new("-o FILE — write a layered chain graph");
  g_option_context_set_summary(
      ctx, "Generates a layered supply graph with input groups, recycling cycles and regional\n"
           "capabilities, deterministic for a seed, for tests and benchmarks.\n"
           "Example: chaingraph generate --nodes 1000000 --edges 5000000 --or-fraction 1 -o big.tsv");
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  if (rc >= 0)
    goto out;
  if (!output || argc > 1) {
    rc = cli_usage_error(ctx, "give -o FILE and no other arguments");
    goto out;
  }
  if (nodes < 0 || stages < 0 || regions < 0 || seed < 0) {
    rc = cli_usage_error(ctx, "counts and the seed must be ≥ 0");
    goto out;
  }
  o.nodes = (guint64)nodes;
  o.edges = edges < 0 ? 5 * (guint64)nodes : (guint64)edges;
  o.stages = (guint)stages;
  o.or_fraction = or_fraction;
  o.cycle_fraction = cycle_fraction;
  o.regions = (guint)regions;
  o.seed = (guint64)seed;
  GError *err = NULL;
  if (!cg_generate(&o, output, &err)) {
    g_printerr("chaingraph: %s\n", err->message);
    rc = err->code == CG_ERROR_USAGE ? EXIT_USAGE : EXIT_BAD_INPUT;
    g_error_free(err);
    goto out;
  }
  rc = 0;
out:
  g_free(output);
  return rc;
}

/* chaingraph export */
#include "cli.h"

int
cmd_export(int argc, char **argv)
{
  char *out_format = NULL, *output = NULL;
  gboolean with_results = FALSE;
  GOptionEntry entries[] = {
      {"format", 'f', 0, G_OPTION_ARG_STRING, &out_format,
       "Output format: json, graphml, tsv, csv or dot (default: from -o's extension, else json)",
       "FMT"},
      {"to", 't', 0, G_OPTION_ARG_STRING, &out_format, "The same as --format", "FMT"},
      {"from", 0, 0, G_OPTION_ARG_STRING, &cli_format,
       "Read FILES as this format (chain, json, graphml, tsv, csv) instead of guessing from the "
       "extension",
       "FMT"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "Write here (default: standard output; tsv and csv need a file: PREFIX.tsv writes "
       "PREFIX.nodes.tsv, PREFIX.edges.tsv, PREFIX.regions.tsv, PREFIX.capabilities.tsv; "
       "PREFIX.csv the same tables as CSV, RFC 4180)",
       "FILE"},
      {"with-results", 0, 0, G_OPTION_ARG_NONE, &with_results,
       "Also write each node's criticality, failure_probability and chokepoint flag and each "
       "edge's link_risk as numeric attributes (json, graphml): for Gephi or Cytoscape to "
       "colour and size by",
       NULL},
      {NULL}};
  g_autoptr(GOptionContext) ctx =
      g_option_context_new("[FILES…] — write the graph as JSON, GraphML, TSV, CSV or DOT");
  g_option_context_set_summary(
      ctx, "Converts chain files (or any readable format) to another format: --format (or\n"
           "-o's extension) names the format written, --from the format of the FILES read\n"
           "when their extension does not tell. With no FILES, exports the bundled chains.\n"
           "\n"
           "Examples:\n"
           "  chaingraph export -o chains.graphml          # for Gephi, Cytoscape, networkx\n"
           "  chaingraph export --with-results -o chains.graphml   # colour by criticality\n"
           "  chaingraph export --format dot | dot -Tsvg > chains.svg\n"
           "  chaingraph export -o big.tsv big.json        # TSV tables for Spark GraphFrames\n"
           "  chaingraph export -o tables.csv              # CSV tables for a spreadsheet or pandas");
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  if (rc >= 0)
    goto out;
  const char *fmt = out_format ? out_format : output ? cg_format_for_path(output) : "json";
  if (!fmt || (strcmp(fmt, "json") && strcmp(fmt, "graphml") && strcmp(fmt, "tsv") &&
               strcmp(fmt, "csv") && strcmp(fmt, "dot"))) {
    rc = cli_usage_error(ctx, "unknown output format (use --format json|graphml|tsv|csv|dot)");
    goto out;
  }
  if (with_results && strcmp(fmt, "json") && strcmp(fmt, "graphml")) {
    rc = cli_usage_error(ctx, "--with-results writes json or graphml");
    goto out;
  }
  if ((strcmp(fmt, "tsv") == 0 || strcmp(fmt, "csv") == 0) && (!output || strcmp(output, "-") == 0)) {
    rc = cli_usage_error(ctx, "tsv and csv output are sets of files: give -o PREFIX.tsv or -o PREFIX.csv");
    goto out;
  }
  {
    g_autoptr(CgGraph) g = cli_load(argc, argv);
    if (!g) {
      rc = EXIT_BAD_INPUT;
      goto out;
    }
    GError *err = NULL;
    if (with_results) {
      cli_progress_begin("computing the results");
      gboolean ok = cg_graph_save_with_results(g, output ? output : "-", fmt, &err);
      cli_progress_end();
      if (!ok) {
        g_printerr("chaingraph: %s\n", err->message);
        rc = cli_error_status(err);
        g_error_free(err);
        goto out;
      }
    } else if (!cg_graph_save(g, output ? output : "-", fmt, &err)) {
      g_printerr("chaingraph: %s\n", err->message);
      rc = cli_error_status(err);
      g_error_free(err);
      goto out;
    }
    rc = 0;
  }
out:
  g_free(out_format);
  g_free(output);
  return rc;
}

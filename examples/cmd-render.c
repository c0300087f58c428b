/* chaingraph render */
#include "cli.h"

int
cmd_render(int argc, char **argv)
{
  char *chain = NULL, *output = NULL;
  gboolean plain = FALSE;
  GOptionEntry entries[] = {
      {"chain", 'c', 0, G_OPTION_ARG_STRING, &chain, "The chain to draw", "ID"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "Write here; .svg, .png or .dot (default: SVG on standard output)", "FILE"},
      {"plain", 0, 0, G_OPTION_ARG_NONE, &plain, "Do not colour nodes by criticality", NULL},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new("--chain ID [FILES…] — draw one chain");
  g_option_context_set_summary(
      ctx, "Draws a chain with Graphviz: stages left to right, nodes filled from white to red\n"
           "by criticality, chokepoints outlined in red, each OR group drawn through a small\n"
           "'或' junction, and each node's document quotes as its tooltip.\n"
           "Example: chaingraph render --chain zj-magnet -o magnet.svg");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  CgGraph *g = NULL;
  double *crit = NULL;
  if (rc >= 0)
    goto out;
  if (!chain) {
    rc = cli_usage_error(ctx, "name the chain with --chain ID");
    goto out;
  }
  g = cli_load(argc, argv);
  if (!g) {
    rc = EXIT_BAD_INPUT;
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
  if (!plain)
    crit = cg_criticality(g, 0, NULL);
  CgRenderStyle style = {crit, NULL};
  GError *err = NULL;
  if (output) {
    const char *dot = strrchr(output, '.');
    if (!dot || (strcmp(dot, ".svg") && strcmp(dot, ".png") && strcmp(dot, ".dot") && strcmp(dot, ".gv"))) {
      rc = cli_usage_error(ctx, "-o needs a .svg, .png or .dot file name");
      goto out;
    }
    if (!cg_chain_render_to_file(g, (gsize)c, &style, output, NULL, &err)) {
      g_printerr("chaingraph: %s\n", err->message);
      g_error_free(err);
      rc = EXIT_BAD_INPUT;
      goto out;
    }
  } else {
    gsize len;
    guint8 *svg = cg_chain_render(g, (gsize)c, &style, "svg", &len, &err);
    if (!svg) {
      g_printerr("chaingraph: %s\n", err->message);
      g_error_free(err);
      rc = EXIT_BAD_INPUT;
      goto out;
    }
    fwrite(svg, 1, len, stdout);
    cg_free(svg);
  }
  rc = 0;
out:
  cg_free(crit);
  cg_graph_free(g);
  g_free(chain);
  g_free(output);
  return rc;
}

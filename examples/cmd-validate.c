/* chaingraph validate */
#include "cli.h"

int
cmd_validate(int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new("[FILES…] — check chain files");
  g_option_context_set_summary(
      ctx, "Loads FILES (or the bundled chains) and reports the first error as\n"
           "file:line:column: message, with exit status 1. When they load, prints what\n"
           "deserves a look: nodes that no supply can reach (cycles without an outside\n"
           "source), nodes without an English name or stage.");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  if (rc >= 0)
    return rc;
  g_autoptr(CgGraph) g = cli_load(argc, argv);
  if (!g)
    return EXIT_BAD_INPUT;
  gsize n = cg_graph_n_nodes(g);
  guint8 *prod = g_new(guint8, n ? n : 1);
  cg_graph_producible(g, NULL, prod);
  gsize unreachable = 0, no_en = 0, no_stage = 0;
  for (gsize v = 0; v < n; v++) {
    if (!prod[v]) {
      if (unreachable++ < 20)
        printf("note: %s (%s) is not producible even without disruption: its inputs form a "
               "cycle with no outside source\n",
               cg_node_id(g, v), cg_node_label(g, v));
    }
    no_en += cg_node_name_en(g, v) == NULL;
    no_stage += cg_node_stage(g, v) == CG_STAGE_UNKNOWN;
  }
  g_free(prod);
  if (no_en)
    printf("note: %zu nodes have no English name\n", no_en);
  if (no_stage)
    printf("note: %zu nodes have no stage (sinks then count as applications only if no node "
           "is marked application)\n",
           no_stage);
  printf("ok: %zu nodes, %zu edges, %zu regions, %zu chains\n", n, cg_graph_n_edges(g),
         cg_graph_n_regions(g), cg_graph_n_chains(g));
  return 0;
}

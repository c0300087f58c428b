/* example-disrupt — load chain files and knock out one node.
 *
 *   cc example-disrupt.c $(pkg-config --cflags --libs chaingraph) -o example-disrupt
 *   ./example-disrupt NODE [FILES…]      (no FILES: the bundled chains)
 */
#include <chaingraph/chaingraph.h>
#include <stdio.h>

int
main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: %s NODE [FILES…]\n", argv[0]);
    return 2;
  }
  g_autoptr(GError) error = NULL;
  g_autoptr(CgGraph) graph = argc > 2 ? cg_graph_load((const char *const *)argv + 2, NULL, &error)
                                      : cg_graph_load_default(&error);
  if (!graph) {
    fprintf(stderr, "%s\n", error->message);
    return 1;
  }
  gssize node = cg_graph_lookup_node(graph, argv[1], &error); /* id, alias or name */
  if (node < 0) {
    fprintf(stderr, "%s\n", error->message);
    return 1;
  }
  CgNodeId knocked = (CgNodeId)node;
  g_autoptr(CgImpact) impact = cg_disrupt(graph, &knocked, 1, NULL, &error);
  if (!impact) {
    fprintf(stderr, "%s\n", error->message);
    return 1;
  }
  gsize n_lost, n_apps;
  cg_impact_lost(impact, &n_lost);
  const CgNodeId *apps = cg_impact_lost_applications(impact, &n_apps);
  printf("%s: %zu nodes lost, %.1f%% of application weight\n", cg_node_label(graph, knocked),
         n_lost, 100 * cg_impact_share(impact));
  for (gsize i = 0; i < n_apps; i++)
    printf("  %s\n", cg_node_label(graph, apps[i]));
  return 0;
}

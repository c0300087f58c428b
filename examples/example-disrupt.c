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
  guint32 knocked = (guint32)node;
  g_autoptr(CgImpact) impact = cg_disrupt(graph, &knocked, 1, NULL, &error);
  if (!impact) {
    fprintf(stderr, "%s\n", error->message);
    return 1;
  }
  printf("%s: %zu nodes lost, %.1f%% of application weight\n", cg_node_label(graph, knocked),
         impact->n_lost, 100 * impact->impact);
  for (gsize i = 0; i < impact->n_lost_applications; i++)
    printf("  %s\n", cg_node_label(graph, impact->lost_applications[i]));
  return 0;
}

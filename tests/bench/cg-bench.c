/* cg-bench — times chaingraph's analyses on one graph and prints JSON for run.py.
 *
 *   cg-bench FILE [criticality] [betweenness] [producible]
 *
 * Prints {"load_s", "criticality_s", "method", "top": [[id, criticality]…], "sum", …,
 * "peak_rss_mb"} so that run.py can compare answers and times with networkx and
 * python-igraph on the same file. */
#include <chaingraph/chaingraph.h>

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

static double
peak_rss_mb(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

static void
print_top(const CgGraph *g, const double *v, gsize n, gsize k)
{
  /* the k largest, ties by id, by partial selection (k is small) */
  guint8 *taken = g_new0(guint8, n ? n : 1);
  printf("[");
  for (gsize i = 0; i < k && i < n; i++) {
    gssize best = -1;
    for (gsize x = 0; x < n; x++)
      if (!taken[x] && (best < 0 || v[x] > v[best] ||
                        (v[x] == v[best] && strcmp(cg_node_id(g, x), cg_node_id(g, best)) < 0)))
        best = (gssize)x;
    taken[best] = 1;
    printf("%s[\"%s\", %.12g]", i ? ", " : "", cg_node_id(g, best), v[best]);
  }
  printf("]");
  g_free(taken);
}

int
main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: cg-bench FILE [criticality] [betweenness] [producible]\n");
    return 2;
  }
  GError *error = NULL;
  gint64 t0 = g_get_monotonic_time();
  const char *paths[] = {argv[1], NULL};
  CgGraph *g = cg_graph_load(paths, NULL, &error);
  if (!g) {
    fprintf(stderr, "%s\n", error->message);
    return 1;
  }
  gint64 t1 = g_get_monotonic_time();
  gsize n = cg_graph_n_nodes(g);
  printf("{\"nodes\": %zu, \"edges\": %zu, \"load_s\": %.4f", n, cg_graph_n_edges(g),
         (t1 - t0) / 1e6);
  for (int i = 2; i < argc; i++) {
    if (strcmp(argv[i], "criticality") == 0) {
      const char *method;
      gint64 a = g_get_monotonic_time();
      double *c = cg_criticality(g, 0, &method);
      gint64 b = g_get_monotonic_time();
      double sum = 0;
      for (gsize v = 0; v < n; v++)
        sum += c[v];
      printf(", \"criticality_s\": %.4f, \"method\": \"%s\", \"criticality_sum\": %.12g, "
             "\"criticality_top\": ",
             (b - a) / 1e6, method, sum);
      print_top(g, c, n, 10);
      cg_free(c);
    } else if (strcmp(argv[i], "betweenness") == 0) {
      gint64 a = g_get_monotonic_time();
      double *c = cg_flow_betweenness(g, &error);
      gint64 b = g_get_monotonic_time();
      if (!c) {
        fprintf(stderr, "%s\n", error->message);
        return 1;
      }
      double sum = 0;
      for (gsize v = 0; v < n; v++)
        sum += c[v];
      printf(", \"betweenness_s\": %.4f, \"betweenness_sum\": %.12g, \"betweenness_top\": ",
             (b - a) / 1e6, sum);
      print_top(g, c, n, 10);
      cg_free(c);
    } else if (strcmp(argv[i], "producible") == 0) {
      guint8 *p = g_new(guint8, n ? n : 1);
      gint64 a = g_get_monotonic_time();
      cg_graph_producible(g, NULL, p);
      gint64 b = g_get_monotonic_time();
      gsize k = 0;
      for (gsize v = 0; v < n; v++)
        k += p[v];
      printf(", \"producible_s\": %.4f, \"producible\": %zu", (b - a) / 1e6, k);
      g_free(p);
    } else {
      fprintf(stderr, "unknown measure '%s'\n", argv[i]);
      return 2;
    }
  }
  printf(", \"peak_rss_mb\": %.1f}\n", peak_rss_mb());
  cg_graph_free(g);
  return 0;
}

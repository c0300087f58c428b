/* Embedding: a host program that uses igraph itself keeps its own error and warning
 * handlers across chaingraph's analyses (issue 16, item 6). The library installs its
 * handlers only while it holds its igraph lock and puts the previous ones back. */
#include <chaingraph/chaingraph.h>
#include <igraph.h>
#include <string.h>

static int host_errors, host_warnings;

static void
host_error_handler(const char *reason, const char *file, int line, igraph_error_t err)
{
  (void)reason;
  (void)file;
  (void)line;
  (void)err;
  host_errors++;
  IGRAPH_FINALLY_FREE();
}

static void
host_warning_handler(const char *reason, const char *file, int line)
{
  (void)reason;
  (void)file;
  (void)line;
  host_warnings++;
}

/* The analyses that call igraph: subset betweenness and, per application, a max flow. */
static void
run_igraph_analyses(const CgGraph *g)
{
  GError *error = NULL;
  CgBottleneckOptions o;
  cg_bottleneck_options_init(&o, CG_BOTTLENECK_OPTIONS_VERSION);
  o.betweenness = CG_BETWEENNESS_ALWAYS;
  o.top = 3;
  CgBottlenecks *b = cg_bottlenecks(g, &o, &error);
  g_assert_no_error(error);
  char *json = cg_bottlenecks_to_json(g, b, TRUE, &error);
  g_assert_no_error(error);
  /* The betweenness column is filled, so igraph really ran. */
  g_assert_null(strstr(json, "\"betweenness\":null"));
  g_free(json);
  cg_bottlenecks_free(b);
  double *bt = cg_flow_betweenness(g, &error);
  g_assert_no_error(error);
  g_free(bt);
}

static CgGraph *
load(void)
{
  GError *error = NULL;
  CgGraph *g = cg_graph_load_data("document d.txt\n"
                                  "node ore stage=raw\nnode metal stage=material\n"
                                  "node alt stage=material\nnode magnet stage=component\n"
                                  "node motor stage=application weight=2\n"
                                  "ore -> metal inferred=\"t\"\nmetal -> magnet inferred=\"t\"\nalt -> magnet inferred=\"t\"\n"
                                  "magnet -> motor inferred=\"t\"\n",
                                  -1, "e.chain", "chain", &error);
  g_assert_no_error(error);
  return g;
}

/* A host error raised through igraph reaches the host's handler. */
static void
host_igraph_error(void)
{
  igraph_vector_int_t edges;
  igraph_t ig;
  igraph_vector_int_init(&edges, 3); /* an odd number of ids: igraph_create refuses it */
  igraph_error_t rc = igraph_create(&ig, &edges, 0, IGRAPH_DIRECTED);
  g_assert_cmpint(rc, !=, IGRAPH_SUCCESS);
  igraph_vector_int_destroy(&edges);
}

static void
test_host_handlers_kept(void)
{
  igraph_set_error_handler(host_error_handler);
  igraph_set_warning_handler(host_warning_handler);
  CgGraph *g = load();
  run_igraph_analyses(g);
  run_igraph_analyses(g);
  /* Still the host's: igraph_set_*_handler return the handler they replace. */
  g_assert_true(igraph_set_error_handler(host_error_handler) == host_error_handler);
  g_assert_true(igraph_set_warning_handler(host_warning_handler) == host_warning_handler);
  host_errors = 0;
  host_igraph_error();
  g_assert_cmpint(host_errors, ==, 1);
  igraph_warning("a host warning", __FILE__, __LINE__);
  g_assert_cmpint(host_warnings, ==, 1);
  cg_graph_free(g);
  igraph_set_error_handler(NULL);
  igraph_set_warning_handler(NULL);
}

/* A host that set nothing keeps igraph's defaults (NULL: igraph's own). */
static void
test_default_handlers_kept(void)
{
  igraph_set_error_handler(NULL);
  igraph_set_warning_handler(NULL);
  CgGraph *g = load();
  run_igraph_analyses(g);
  g_assert_null(igraph_set_error_handler(NULL));
  g_assert_null(igraph_set_warning_handler(NULL));
  cg_graph_free(g);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/embed/host-handlers-kept", test_host_handlers_kept);
  g_test_add_func("/embed/default-handlers-kept", test_default_handlers_kept);
  return g_test_run();
}

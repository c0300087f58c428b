/* Thread safety (issue 16, item 7; docs/conventions.md "Thread safety"): separate graphs in
 * separate threads, and one graph shared by several threads for read-only analyses, give
 * results byte-identical to a sequential run. The suite builds this test twice: against the
 * library as it is (test-threads) and, where the compiler has ThreadSanitizer, against a
 * copy of the library built with -fsanitize=thread (test-threads-tsan), where any data race
 * fails the test (TSAN_OPTIONS halt_on_error, exitcode).
 *
 * The oracle is the sequential run on a graph of its own: every thread's transcript must
 * equal it byte for byte. A fresh graph is shared, so its lazy caches (the name index, the
 * claim places, the cached criticality) are filled by racing threads. */
#include <chaingraph/chaingraph.h>
#include <string.h>

#ifdef CG_TSAN
/* GLib's GMutex is a futex TSan cannot see, and g_once_init_leave() publishes from
 * uninstrumented GLib code: tell TSan about the happens-before edges they make, or every
 * lazy cache filled under a GMutex is reported as a race. */
#include <dlfcn.h>
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);

static void *
real(const char *name, void **slot)
{
  void *f = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
  if (!f) {
    f = dlsym(RTLD_NEXT, name);
    __atomic_store_n(slot, f, __ATOMIC_RELEASE);
  }
  return f;
}

void
g_mutex_lock(GMutex *m)
{
  static void *f;
  ((void (*)(GMutex *))real("g_mutex_lock", &f))(m);
  __tsan_acquire(m);
}

void
g_mutex_unlock(GMutex *m)
{
  static void *f;
  __tsan_release(m);
  ((void (*)(GMutex *))real("g_mutex_unlock", &f))(m);
}

gboolean
(g_once_init_enter)(volatile void *location)
{
  static void *f;
  gboolean r = ((gboolean(*)(volatile void *))real("g_once_init_enter", &f))(location);
  __tsan_acquire((void *)location);
  return r;
}

void
(g_once_init_leave)(volatile void *location, gsize result)
{
  static void *f;
  __tsan_release((void *)location);
  ((void (*)(volatile void *, gsize))real("g_once_init_leave", &f))(location, result);
}
#endif

#define N_THREADS 3

static CgGraph *
load(void)
{
  GError *error = NULL;
  CgGraph *g = cg_graph_load_default(&error);
  g_assert_no_error(error);
  return g;
}

static void
append_owned(GString *s, const char *label, char *text)
{
  g_string_append_printf(s, "== %s\n%s\n", label, text);
  g_free(text);
}

/* Everything read-only one can ask of a graph, as text: name lookups (the lazy name
 * index), the export, criticality (the cached exact criticality), bottlenecks with
 * betweenness and per-application max flows (igraph, serialised), the risk model with
 * its own worker threads, complementarity and a region view (claim places). */
static char *
transcript(const CgGraph *g)
{
  GError *error = NULL;
  GString *s = g_string_new(NULL);
  gsize n = cg_graph_n_nodes(g);
  for (gsize v = 0; v < n; v += 7) {
    const char *name = cg_node_name(g, v);
    g_string_append_printf(s, "%s %zd %zd\n", cg_node_id(g, v),
                           cg_graph_find_node(g, cg_node_id(g, v)),
                           name ? cg_graph_lookup_node(g, name, NULL) : -1);
  }
  append_owned(s, "json", cg_graph_to_string(g, "json", &error));
  g_assert_no_error(error);

  double *crit = cg_criticality(g, 2, NULL);
  for (gsize v = 0; v < n; v++)
    g_string_append_printf(s, "%.17g\n", crit[v]);
  g_free(crit);

  CgBottleneckOptions bo;
  cg_bottleneck_options_init(&bo, CG_BOTTLENECK_OPTIONS_VERSION);
  bo.betweenness = CG_BETWEENNESS_ALWAYS;
  bo.threads = 2;
  CgBottlenecks *b = cg_bottlenecks(g, &bo, &error);
  g_assert_no_error(error);
  append_owned(s, "bottlenecks", cg_bottlenecks_to_json(g, b, TRUE, &error));
  g_assert_no_error(error);
  cg_bottlenecks_free(b);

  CgRiskOptions ro;
  cg_risk_options_init(&ro, CG_RISK_OPTIONS_VERSION);
  ro.samples = 256;
  ro.threads = 2;
  ro.invest = 2;
  ro.exact_max = 0;
  CgRisk *r = cg_risk(g, &ro, &error);
  g_assert_no_error(error);
  append_owned(s, "risk", cg_risk_to_json(g, r, 10, &error));
  g_assert_no_error(error);
  cg_risk_free(r);

  CgComplementOptions co;
  cg_complement_options_init(&co, CG_COMPLEMENT_OPTIONS_VERSION);
  co.threads = 2;
  co.top = 20;
  CgComplement *c = cg_complement(g, &co, &error);
  g_assert_no_error(error);
  append_owned(s, "complement", cg_complement_to_json(g, c, &error));
  g_assert_no_error(error);
  cg_complement_free(c);

  if (cg_graph_n_regions(g) > 0) {
    append_owned(s, "region", cg_region_view_to_json_at(g, cg_region_id(g, 0), NULL, 5, &error));
    g_assert_no_error(error);
  }
  return g_string_free(s, FALSE);
}

typedef struct {
  CgGraph *shared; /* NULL: the thread loads a graph of its own */
  char *out;
} Job;

static gpointer
run(gpointer data)
{
  Job *j = data;
  CgGraph *g = j->shared ? j->shared : load();
  j->out = transcript(g);
  if (!j->shared)
    cg_graph_free(g);
  return NULL;
}

static char *
sequential(void)
{
  CgGraph *g = load();
  char *s = transcript(g);
  cg_graph_free(g);
  return s;
}

static void
check_threads(gboolean share)
{
  char *expected = sequential();
  CgGraph *shared = share ? load() : NULL;
  Job jobs[N_THREADS] = {{0}};
  GThread *th[N_THREADS];
  for (int t = 0; t < N_THREADS; t++) {
    jobs[t].shared = shared;
    th[t] = g_thread_new("cg-test", run, &jobs[t]);
  }
  for (int t = 0; t < N_THREADS; t++) {
    g_thread_join(th[t]);
    g_assert_cmpuint(strlen(jobs[t].out), ==, strlen(expected));
    g_assert_cmpstr(jobs[t].out, ==, expected);
    g_free(jobs[t].out);
  }
  if (shared)
    cg_graph_free(shared);
  g_free(expected);
}

static void
test_separate_graphs(void)
{
  check_threads(FALSE);
}

static void
test_shared_graph(void)
{
  check_threads(TRUE);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/threads/separate-graphs", test_separate_graphs);
  g_test_add_func("/threads/shared-graph", test_shared_graph);
  return g_test_run();
}

/* cg-bench — times chaingraph's analyses on one graph and prints JSON for run.py.
 *
 *   cg-bench [--threads N] [--dump PREFIX] FILE [MEASURE…]
 *
 * FILE is read with cg_graph_load() (the TSV tables of `chaingraph generate`); the load
 * is always timed. Each MEASURE runs in order, in this one process:
 *
 *   producible          the least fixed point with nothing removed
 *   criticality         cg_criticality(): every node's exact criticality
 *   estimate:S          cg_criticality_estimate() with S drawn applications (seed 1)
 *   disrupt:ID,ID,…     cg_disrupt() of those nodes (or disrupt:@FILE, one id a line)
 *   risk:S              cg_risk() with S Monte Carlo samples (seed 1, no "where to invest",
 *                       10 links explained); cg_criticality() is timed first on its own so
 *                       that the Monte Carlo part can be told apart
 *   complement[:LEVEL[:WEIGHTING[:TOP]]]  cg_complement() at LEVEL (default city), gaps
 *                       weighed by criticality (or "uniform"), every ordered pair kept and
 *                       sorted (or only the TOP best); the sums cover the pairs kept
 *   betweenness         cg_flow_betweenness()
 *   save:PATH           cg_graph_save() as TSV (an export of the whole graph)
 *
 * With --dump PREFIX, full answers go to files run.py compares with the peers':
 * PREFIX.criticality (id TAB value), PREFIX.disrupt (lost ids), PREFIX.probability (risk:
 * id TAB failure probability; the peers' Monte Carlo reads it).
 *
 * Prints one JSON object: {"nodes", "edges", "load_s", <measure>_s and the measure's
 * answer…, "peak_rss_mb"}. Not a test: tests/bench/run.py drives it. */
#include <chaingraph/chaingraph.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static double
peak_rss_mb(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss / 1024.0;
}

static double
now_s(void)
{
  return g_get_monotonic_time() / 1e6;
}

/* CPU time (user + system, every thread) of the process so far: on a shared machine it
 * says what a measure cost when the wall time is inflated by other work. */
static double
cpu_s(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
         ru.ru_stime.tv_usec / 1e6;
}

/* The k largest values, ties by id, as [["id", value], …] (k is small: partial selection,
 * O(k · n)). */
static void
print_top(const CgGraph *g, const double *v, gsize n, gsize k)
{
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

static FILE *
open_dump(const char *prefix, const char *what)
{
  if (!prefix)
    return NULL;
  char *path = g_strconcat(prefix, ".", what, NULL);
  FILE *f = fopen(path, "w");
  if (!f)
    fprintf(stderr, "cannot write %s\n", path);
  g_free(path);
  return f;
}

static void
dump_values(const char *prefix, const char *what, const CgGraph *g, const double *v, gsize n)
{
  FILE *f = open_dump(prefix, what);
  if (!f)
    return;
  for (gsize x = 0; x < n; x++)
    fprintf(f, "%s\t%.17g\n", cg_node_id(g, x), v[x]);
  fclose(f);
}

static double
sum_of(const double *v, gsize n)
{
  double s = 0;
  for (gsize x = 0; x < n; x++)
    s += v[x];
  return s;
}

/* The node ids of "ID,ID,…" or "@FILE" (one id a line), as node indices. */
static GArray *
parse_nodes(const CgGraph *g, const char *spec, GError **error)
{
  char *text = NULL;
  char **ids;
  if (spec[0] == '@') {
    if (!g_file_get_contents(spec + 1, &text, NULL, error))
      return NULL;
    ids = g_strsplit_set(text, "\n", -1);
  } else {
    ids = g_strsplit(spec, ",", -1);
  }
  GArray *out = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (char **p = ids; *p; p++) {
    g_strstrip(*p);
    if (!**p)
      continue;
    gssize v = cg_graph_find_node(g, *p);
    if (v < 0) {
      g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN, "unknown node '%s'", *p);
      g_array_free(out, TRUE);
      out = NULL;
      break;
    }
    guint32 x = (guint32)v;
    g_array_append_val(out, x);
  }
  g_strfreev(ids);
  g_free(text);
  return out;
}

static gboolean
measure_criticality(const CgGraph *g, guint threads, const char *dump)
{
  gsize n = cg_graph_n_nodes(g);
  const char *method;
  double ca = cpu_s(), a = now_s();
  double *c = cg_criticality(g, threads, &method);
  double b = now_s(), cb = cpu_s();
  printf(", \"criticality_s\": %.4f, \"criticality_cpu_s\": %.4f, \"method\": \"%s\", "
         "\"criticality_sum\": %.12g, \"criticality_top\": ",
         b - a, cb - ca, method, sum_of(c, n));
  print_top(g, c, n, 10);
  dump_values(dump, "criticality", g, c, n);
  cg_free(c);
  return TRUE;
}

static gboolean
measure_estimate(const CgGraph *g, guint threads, const char *arg, const char *dump)
{
  gsize n = cg_graph_n_nodes(g);
  gsize samples = arg ? g_ascii_strtoull(arg, NULL, 10) : 2000;
  double *lo = NULL, *hi = NULL;
  double ca = cpu_s(), a = now_s();
  double *c = cg_criticality_estimate(g, samples, 1, threads, &lo, &hi);
  double b = now_s(), cb = cpu_s();
  double half = 0;
  for (gsize x = 0; x < n; x++)
    half = MAX(half, (hi[x] - lo[x]) / 2);
  printf(", \"estimate_s\": %.4f, \"estimate_cpu_s\": %.4f, \"estimate_samples\": %zu, "
         "\"estimate_max_halfwidth\": %.6g, \"estimate_sum\": %.12g, \"estimate_top\": ",
         b - a, cb - ca, samples, half, sum_of(c, n));
  print_top(g, c, n, 10);
  if (dump) {
    FILE *f = open_dump(dump, "estimate");
    for (gsize x = 0; f && x < n; x++)
      fprintf(f, "%s\t%.17g\t%.17g\t%.17g\n", cg_node_id(g, x), c[x], lo[x], hi[x]);
    if (f)
      fclose(f);
  }
  cg_free(c);
  cg_free(lo);
  cg_free(hi);
  return TRUE;
}

static gboolean
measure_disrupt(const CgGraph *g, const char *arg, const char *dump, GError **error)
{
  GArray *nodes = parse_nodes(g, arg ? arg : "", error);
  if (!nodes)
    return FALSE;
  double a = now_s();
  CgImpact *im = cg_disrupt(g, (const guint32 *)(void *)nodes->data, nodes->len, NULL, error);
  double b = now_s();
  g_array_free(nodes, TRUE);
  if (!im)
    return FALSE;
  gsize n_disrupted, n_lost;
  cg_impact_disrupted(im, &n_disrupted);
  const CgNodeId *lost = cg_impact_lost(im, &n_lost);
  printf(", \"disrupt_s\": %.4f, \"disrupt_set\": %zu, \"disrupt_lost\": %zu, "
         "\"disrupt_lost_weight\": %.12g, \"disrupt_impact\": %.12g",
         b - a, n_disrupted, n_lost, cg_impact_lost_weight(im), cg_impact_share(im));
  FILE *f = open_dump(dump, "disrupt");
  for (gsize i = 0; f && i < n_lost; i++)
    fprintf(f, "%s\n", cg_node_id(g, lost[i]));
  if (f)
    fclose(f);
  cg_impact_free(im);
  return TRUE;
}

static gboolean
measure_risk(const CgGraph *g, guint threads, const char *arg, const char *dump, GError **error)
{
  gsize n = cg_graph_n_nodes(g);
  CgRiskOptions o;
  cg_risk_options_init(&o, CG_RISK_OPTIONS_VERSION);
  o.samples = arg ? g_ascii_strtoull(arg, NULL, 10) : 10000;
  o.threads = threads;
  o.invest = 0;
  o.top = 10;
  o.precision = 0; /* exactly S samples: the comparison is per sample */
  /* cg_risk() computes criticality for the link scores: time it alone first, so that the
   * Monte Carlo part (risk_s − risk_criticality_s) can be compared per sample. */
  double a = now_s();
  double *c = cg_criticality(g, threads, NULL);
  double b = now_s(), cb = cpu_s();
  cg_free(c);
  CgRisk *r = cg_risk(g, &o, error);
  double d = now_s(), cd = cpu_s();
  if (!r)
    return FALSE;
  printf(", \"risk_s\": %.4f, \"risk_cpu_s\": %.4f, \"risk_criticality_s\": %.4f, \"risk_method\": \"%s\", "
         "\"risk_samples\": %zu, \"risk_uncertain\": %zu, \"expected_loss\": %.12g, "
         "\"ci95\": [%.12g, %.12g], \"total_weight\": %.12g",
         d - b, cd - cb, b - a, cg_risk_method(r), cg_risk_samples(r), cg_risk_n_uncertain(r),
         cg_risk_expected_loss(r), cg_risk_ci95(r)[0], cg_risk_ci95(r)[1], cg_risk_total_weight(r));
  FILE *f = open_dump(dump, "probability");
  for (gsize x = 0; f && x < n; x++)
    fprintf(f, "%s\t%.17g\n", cg_node_id(g, x), cg_risk_probability(r)[x]);
  if (f)
    fclose(f);
  cg_risk_free(r);
  return TRUE;
}

static gboolean
measure_complement(const CgGraph *g, guint threads, const char *arg, GError **error)
{
  CgComplementOptions o;
  cg_complement_options_init(&o, CG_COMPLEMENT_OPTIONS_VERSION);
  char **parts = g_strsplit(arg ? arg : "city", ":", 3);
  o.level = parts[0] && *parts[0] ? parts[0] : "city";
  o.weighting = parts[0] && parts[1] && strcmp(parts[1], "uniform") == 0
                    ? CG_GAP_WEIGHT_UNIFORM
                    : CG_GAP_WEIGHT_CRITICALITY;
  o.top = parts[0] && parts[1] && parts[2] ? g_ascii_strtoull(parts[2], NULL, 10) : 0;
  o.threads = threads;
  double ca = cpu_s(), a = now_s();
  CgComplement *c = cg_complement(g, &o, error);
  double b = now_s(), cb = cpu_s();
  if (!c) {
    g_strfreev(parts);
    return FALSE;
  }
  double sum = 0;
  guint64 links = 0, filled = 0;
  gsize np = cg_complement_n_pairs(c);
  for (gsize i = 0; i < np; i++) {
    const CgComplementPair *p = cg_complement_pair(c, i);
    sum += p->score;
    links += p->n_links;
    filled += p->n_filled;
  }
  printf(", \"complement_s\": %.4f, \"complement_cpu_s\": %.4f, \"complement_weighting\": \"%s\", \"complement_regions\": "
         "%zu, \"complement_pairs\": %zu, \"complement_sum\": %.12g, \"complement_links\": %" G_GUINT64_FORMAT
         ", \"complement_filled\": %" G_GUINT64_FORMAT ", \"complement_top\": [",
         b - a, cb - ca, o.weighting == CG_GAP_WEIGHT_UNIFORM ? "uniform" : "criticality", cg_complement_n_regions(c), np,
         sum, links, filled);
  for (gsize i = 0; i < np && i < 10; i++) {
    const CgComplementPair *p = cg_complement_pair(c, i);
    printf("%s[\"%s\", \"%s\", %.12g, %.12g, %.12g, %u]", i ? ", " : "",
           cg_complement_region_name(g, c, p->from), cg_complement_region_name(g, c, p->to),
           p->score, p->overlap, p->tci, p->n_links);
  }
  printf("]");
  cg_complement_free(c);
  g_strfreev(parts);
  return TRUE;
}

int
main(int argc, char **argv)
{
  guint threads = 0;
  const char *dump = NULL;
  int i = 1;
  for (; i < argc && g_str_has_prefix(argv[i], "--"); i++) {
    if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc)
      threads = (guint)atoi(argv[++i]);
    else if (strcmp(argv[i], "--dump") == 0 && i + 1 < argc)
      dump = argv[++i];
    else
      break;
  }
  if (i >= argc || g_str_has_prefix(argv[i], "--")) {
    fprintf(stderr, "usage: cg-bench [--threads N] [--dump PREFIX] FILE [producible] [criticality] "
                    "[estimate:S] [disrupt:IDS|@FILE] [risk:S] [complement[:LEVEL[:WEIGHTING[:TOP]]]] "
                    "[betweenness] [save:PATH]\n");
    return 2;
  }
  GError *error = NULL;
  double c0 = cpu_s(), t0 = now_s();
  const char *paths[] = {argv[i], NULL};
  CgGraph *g = cg_graph_load(paths, NULL, &error);
  if (!g) {
    fprintf(stderr, "%s\n", error->message);
    return 1;
  }
  double t1 = now_s(), c1 = cpu_s();
  gsize n = cg_graph_n_nodes(g);
  printf("{\"nodes\": %zu, \"edges\": %zu, \"threads\": %u, \"load_s\": %.4f, \"load_cpu_s\": %.4f",
         n, cg_graph_n_edges(g), threads, t1 - t0, c1 - c0);
  gboolean ok = TRUE;
  for (i++; i < argc && ok; i++) {
    char **kv = g_strsplit(argv[i], ":", 2);
    const char *what = kv[0], *arg = kv[1];
    if (strcmp(what, "criticality") == 0) {
      ok = measure_criticality(g, threads, dump);
    } else if (strcmp(what, "estimate") == 0) {
      ok = measure_estimate(g, threads, arg, dump);
    } else if (strcmp(what, "disrupt") == 0) {
      ok = measure_disrupt(g, arg, dump, &error);
    } else if (strcmp(what, "risk") == 0) {
      ok = measure_risk(g, threads, arg, dump, &error);
    } else if (strcmp(what, "complement") == 0) {
      ok = measure_complement(g, threads, arg, &error);
    } else if (strcmp(what, "betweenness") == 0) {
      double a = now_s();
      double *c = cg_flow_betweenness(g, &error);
      double b = now_s();
      ok = c != NULL;
      if (ok) {
        printf(", \"betweenness_s\": %.4f, \"betweenness_sum\": %.12g, \"betweenness_top\": ",
               b - a, sum_of(c, n));
        print_top(g, c, n, 10);
        cg_free(c);
      }
    } else if (strcmp(what, "producible") == 0) {
      guint8 *p = g_new(guint8, n ? n : 1);
      double a = now_s();
      cg_graph_producible(g, NULL, p);
      double b = now_s();
      gsize k = 0;
      for (gsize v = 0; v < n; v++)
        k += p[v];
      printf(", \"producible_s\": %.4f, \"producible\": %zu", b - a, k);
      g_free(p);
    } else if (strcmp(what, "save") == 0 && arg) {
      double ca = cpu_s(), a = now_s();
      ok = cg_graph_save(g, arg, "tsv", &error);
      double b = now_s(), cb = cpu_s();
      if (ok)
        printf(", \"save_s\": %.4f, \"save_cpu_s\": %.4f", b - a, cb - ca);
    } else {
      fprintf(stderr, "unknown measure '%s'\n", argv[i]);
      g_strfreev(kv);
      cg_graph_free(g);
      return 2;
    }
    g_strfreev(kv);
    fflush(stdout);
  }
  if (!ok) {
    printf("}\n");
    fprintf(stderr, "%s\n", error ? error->message : "failed");
    g_clear_error(&error);
    cg_graph_free(g);
    return 1;
  }
  printf(", \"peak_rss_mb\": %.1f}\n", peak_rss_mb());
  cg_graph_free(g);
  return 0;
}

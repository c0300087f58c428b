/* A fuzz target for one reader of chaingraph, chosen at compile time by FUZZ_FORMAT ("chain",
 * "json", "graphml", "tsv", "csv" or "profile"). For "tsv" and "csv" one input is the whole set of tables, split
 * on form feeds (\f) into nodes, edges, regions, capabilities, documents, provenance, chains,
 * chain-nodes and chain-edges, in that order; an empty part is a table that is not there. Built as a libFuzzer target (-Dfuzzing=enabled with clang)
 * and, everywhere, with replay.c as a plain program that runs it over a corpus, so the test
 * suite replays every seed and every past crasher under the sanitizers.
 *
 * What it checks, beyond "no crash, no sanitizer report":
 * - a rejected input leaves one error whose message is valid UTF-8;
 * - an accepted graph survives its exports: JSON written, read and written again is the same
 *   text (the JSON export is a fixed point), and the graph read back from GraphML and from
 *   the TSV tables writes that same JSON;
 * - one cheap analysis (producibility) runs on it;
 * - no input makes the library emit a GLib CRITICAL (a programmer error: a reader handed the
 *   builder something it refuses): criticals abort here. */
#include <chaingraph/chaingraph.h>
#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_FORMAT
#error "define FUZZ_FORMAT"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fail(const char *what, const char *a, const char *b)
{
  fprintf(stderr, "fuzz-" FUZZ_FORMAT ": %s\n", what);
  if (a)
    fprintf(stderr, "--- first\n%.2000s\n", a);
  if (b)
    fprintf(stderr, "--- second\n%.2000s\n", b);
  abort();
}

static void
check_error(GError *error)
{
  if (!error)
    fail("a reader failed without an error", NULL, NULL);
  if (!g_utf8_validate(error->message, -1, NULL))
    fail("an error message is not valid UTF-8", NULL, NULL);
  g_error_free(error);
}

/* The JSON of the graph read back from @text in @format. */
static char *
reread_json(const char *text, const char *format)
{
  GError *error = NULL;
  CgGraph *g = cg_graph_load_data(text, -1, "reread", format, &error);
  if (!g) {
    fprintf(stderr, "%s\n", error->message);
    fail("an export does not read back", text, NULL);
  }
  char *json = cg_graph_to_string(g, "json", NULL);
  cg_graph_free(g);
  return json;
}

static char *
tsv_round_trip_json(const CgGraph *g)
{
  char *dir = g_dir_make_tmp("cg-fuzz-XXXXXX", NULL);
  char *prefix = g_build_filename(dir, "g.tsv", NULL);
  GError *error = NULL;
  if (!cg_graph_save(g, prefix, "tsv", &error)) {
    fprintf(stderr, "%s\n", error->message);
    fail("the TSV export failed", NULL, NULL);
  }
  const char *paths[] = {prefix, NULL};
  CgGraph *back = cg_graph_load(paths, "tsv", &error);
  if (!back) {
    fprintf(stderr, "%s\n", error->message);
    fail("the TSV export does not read back", NULL, NULL);
  }
  char *json = cg_graph_to_string(back, "json", NULL);
  cg_graph_free(back);
  GDir *d = g_dir_open(dir, 0, NULL);
  for (const char *f; d && (f = g_dir_read_name(d));) {
    char *p = g_build_filename(dir, f, NULL);
    g_unlink(p);
    g_free(p);
  }
  if (d)
    g_dir_close(d);
  g_rmdir(dir);
  g_free(prefix);
  g_free(dir);
  return json;
}

static void
check_graph(CgGraph *g)
{
  gsize n = cg_graph_n_nodes(g);
  guint8 *prod = g_malloc(n + 1);
  cg_graph_producible(g, NULL, prod);
  g_free(prod);

  char *json = cg_graph_to_string(g, "json", NULL);
  if (!json)
    fail("the JSON export failed", NULL, NULL);
  char *again = reread_json(json, "json");
  if (strcmp(json, again) != 0)
    fail("the JSON export is not a fixed point", json, again);
  char *graphml = cg_graph_to_string(g, "graphml", NULL);
  char *via_graphml = reread_json(graphml, "graphml");
  if (strcmp(json, via_graphml) != 0)
    fail("the graph read back from GraphML differs", json, via_graphml);
  char *via_tsv = tsv_round_trip_json(g);
  if (strcmp(json, via_tsv) != 0)
    fail("the graph read back from the TSV tables differs", json, via_tsv);
  g_free(via_tsv);
  g_free(via_graphml);
  g_free(graphml);
  g_free(again);
  g_free(json);
}

static const char *const tsv_tables[] = {"nodes", "edges", "regions", "capabilities",
                                         "documents", "provenance", "chains", "chain-nodes",
                                         "chain-edges"};

static char *tsv_dir;

static void
remove_tsv_dir(void)
{
  for (guint t = 0; t < G_N_ELEMENTS(tsv_tables); t++) {
    char *name = g_strdup_printf("in.%s." FUZZ_FORMAT, tsv_tables[t]);
    char *path = g_build_filename(tsv_dir, name, NULL);
    g_unlink(path);
    g_free(path);
    g_free(name);
  }
  g_rmdir(tsv_dir);
}

/* Writes the tables of @data into a directory of ours and loads them. */
static CgGraph *
load_tsv_set(const uint8_t *data, size_t size, GError **error)
{
  if (!tsv_dir) {
    tsv_dir = g_dir_make_tmp("cg-fuzz-tsv-XXXXXX", NULL);
    atexit(remove_tsv_dir);
  }
  const char *dir = tsv_dir;
  const char *p = (const char *)data, *end = p + size;
  for (guint t = 0; t < G_N_ELEMENTS(tsv_tables); t++) {
    const char *ff = p < end ? memchr(p, '\f', (size_t)(end - p)) : NULL;
    const char *stop = (ff && t + 1 < G_N_ELEMENTS(tsv_tables)) ? ff : end;
    char *name = g_strdup_printf("in.%s." FUZZ_FORMAT, tsv_tables[t]);
    char *path = g_build_filename(dir, name, NULL);
    g_unlink(path);
    if (stop > p && !g_file_set_contents(path, p, stop - p, NULL))
      fail("cannot write a table", NULL, NULL);
    g_free(path);
    g_free(name);
    p = stop < end ? stop + 1 : end;
  }
  char *prefix = g_build_filename(dir, "in." FUZZ_FORMAT, NULL);
  const char *paths[] = {prefix, NULL};
  CgGraph *g = cg_graph_load(paths, FUZZ_FORMAT, error);
  g_free(prefix);
  return g;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  static gboolean once;
  if (!once) {
    g_log_set_always_fatal(G_LOG_LEVEL_CRITICAL);
    once = TRUE;
  }
  GError *error = NULL;
  if (strcmp(FUZZ_FORMAT, "profile") == 0) {
    CgRiskProfile *pr = cg_risk_profile_new();
    if (!cg_risk_profile_load_data(pr, (const char *)data, (gssize)size, "fuzz.profile", &error))
      check_error(error);
    cg_risk_profile_free(pr);
    return 0;
  }
  CgGraph *g = strcmp(FUZZ_FORMAT, "tsv") == 0 || strcmp(FUZZ_FORMAT, "csv") == 0
                   ? load_tsv_set(data, size, &error)
                   : cg_graph_load_data((const char *)data, (gssize)size, "fuzz." FUZZ_FORMAT,
                                        FUZZ_FORMAT, &error);
  if (!g) {
    check_error(error);
    return 0;
  }
  check_graph(g);
  cg_graph_free(g);
  return 0;
}

/* Loading and saving: format by extension, directories of chain files, the bundled data. */
#define _GNU_SOURCE 1
#include "io/cg-io.h"
#include "io/tsv-private.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

static const struct {
  const char *ext;
  const char *format;
} extensions[] = {
    {".chain", "chain"}, {".json", "json"}, {".graphml", "graphml"}, {".xml", "graphml"},
    {".tsv", "tsv"},     {".csv", "csv"},   {".dot", "dot"},   {".gv", "dot"},
};

/**
 * cg_format_for_path:
 * @path: a file name
 *
 * The format a file name implies, as cg_graph_load() and cg_graph_save() choose it when
 * given no format.
 *
 * Returns: (transfer none) (nullable): the format a file name's extension implies
 * ("chain", "json", "graphml", "tsv", "csv", "dot"), or %NULL.
 */
const char *
cg_format_for_path(const char *path)
{
  g_return_val_if_fail(path != NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS(extensions); i++)
    if (g_str_has_suffix(path, extensions[i].ext))
      return extensions[i].format;
  return NULL;
}

static gboolean
known_format(const char *format, gboolean for_reading)
{
  const char *readable[] = {"chain", "json", "graphml", "tsv", "csv"};
  for (guint i = 0; i < G_N_ELEMENTS(readable); i++)
    if (strcmp(format, readable[i]) == 0)
      return TRUE;
  return !for_reading && strcmp(format, "dot") == 0;
}

/* TSV and CSV tables are told apart by their names: PREFIX.csv for CSV. */
static gboolean
tables_named(const char *path, const char *format, GError **error)
{
  gboolean csv_name = g_str_has_suffix(path, ".csv");
  if (csv_name == (strcmp(format, "csv") == 0))
    return TRUE;
  g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
              "%s: %s tables are named PREFIX.%s (PREFIX.nodes.%s, …)", path,
              csv_name ? "TSV" : "CSV", csv_name ? "tsv" : "csv", csv_name ? "tsv" : "csv");
  return FALSE;
}

/* The size of @path in bytes, 0 if it cannot be read (for the progress only). */
static guint64
file_size(const char *path)
{
  GStatBuf st;
  return g_stat(path, &st) == 0 && S_ISREG(st.st_mode) ? (guint64)st.st_size : 0;
}

/* What loading @path in @format reads: the file, or every table of a TSV/CSV set. */
static guint64
input_size(const char *path, const char *format)
{
  if (strcmp(format, "tsv") != 0 && strcmp(format, "csv") != 0)
    return file_size(path);
  char *prefix = cg__tsv_prefix(path);
  guint64 sum = 0;
  for (guint i = 0; i < G_N_ELEMENTS(cg__tsv_tables); i++) {
    char *file = cg__tsv_table_path(prefix, cg__tsv_tables[i], cg__tsv_ext(path));
    sum += file_size(file);
    g_free(file);
  }
  g_free(prefix);
  return sum;
}

static gboolean
read_one(CgGraph *g, GPtrArray *pending, const char *path, const char *format, GError **error)
{
  if (strcmp(format, "tsv") == 0 || strcmp(format, "csv") == 0)
    return tables_named(path, format, error) && cg__tsv_read(g, path, error);
  if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: no such file or directory", path);
    return FALSE;
  }
  if (strcmp(format, "json") == 0)
    return cg__json_read_file(g, path, error) && cg__load_step(g, file_size(path), error);
  GError *ferr = NULL;
  GMappedFile *mf = g_mapped_file_new(path, FALSE, &ferr);
  if (!mf) {
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot read: %s", path, ferr->message);
    g_error_free(ferr);
    return FALSE;
  }
  const char *data = g_mapped_file_get_contents(mf);
  gsize len = g_mapped_file_get_length(mf);
  gboolean ok;
  if (len == 0) {
    g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s: the file is empty", path);
    ok = FALSE;
  } else if (strcmp(format, "chain") == 0)
    ok = cg__chain_parse(g, pending, data ? data : "", len, path, error);
  else if (strcmp(format, "json") == 0)
    ok = cg__json_read(g, data, len, path, error);
  else
    ok = cg__graphml_read(g, data, len, path, error);
  g_mapped_file_unref(mf);
  return ok && cg__load_step(g, len, error);
}

static int
cmp_str(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The chain files of a directory, sorted by name. */
static GPtrArray *
list_dir(const char *dir, GError **error)
{
  GDir *d = g_dir_open(dir, 0, error);
  if (!d) {
    g_prefix_error(error, "%s: ", dir);
    if (error && *error)
      (*error)->code = CG_ERROR_IO, (*error)->domain = CG_ERROR;
    return NULL;
  }
  GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
  const char *name;
  while ((name = g_dir_read_name(d)))
    if (g_str_has_suffix(name, ".chain"))
      g_ptr_array_add(files, g_build_filename(dir, name, NULL));
  g_dir_close(d);
  if (files->len == 0) {
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: the directory holds no .chain files", dir);
    g_ptr_array_free(files, TRUE);
    return NULL;
  }
  g_ptr_array_sort(files, cmp_str);
  return files;
}

/* The end of every load: apply the chain-format statements read (with @apply), then
 * finish the graph. Takes @g and @pending. Returns: the graph, or NULL (freed) with @error
 * set. */
static CgGraph *
load_end(CgGraph *g, GPtrArray *pending, gboolean ok, gboolean apply, GError **error)
{
  if (ok && apply)
    ok = cg__chain_apply(g, pending, error);
  g_ptr_array_free(pending, TRUE);
  if (ok)
    ok = cg__graph_finish(g, error);
  if (!ok) {
    cg_graph_free(g);
    return NULL;
  }
  return g;
}

/**
 * cg_graph_load:
 * @paths: (array zero-terminated=1): files or directories (a directory contributes its
 *   `*.chain` files)
 * @format: (nullable): "chain", "json", "graphml", "tsv" or "csv"; %NULL chooses by extension
 * @error: return location for a #GError
 *
 * Loads and merges the files into one graph: nodes with the same id (or an alias of it)
 * are one node; regions and provenance accumulate; conflicting attributes are an error
 * naming both places. References in chain files are resolved after every file is read.
 *
 * Returns: (transfer full) (nullable): the graph, or %NULL with @error set.
 * Complexity: O(total input size + V + E log(max in-degree)).
 */
CgGraph *
cg_graph_load(const char *const *paths, const char *format, GError **error)
{
  return cg_graph_load_with_progress(paths, format, NULL, NULL, error);
}

/**
 * cg_graph_load_with_progress:
 * @paths: (array zero-terminated=1): as cg_graph_load()
 * @format: (nullable): as cg_graph_load()
 * @progress: (nullable): called with the fraction of the input's bytes read (phase
 *   "loading"): within TSV and CSV tables every mebibyte, for the other formats after each
 *   file (at most ten times a second), and 1 once every file is read; returning %FALSE stops the load, which then fails with %G_IO_ERROR_CANCELLED
 *   (#CgProgressFunc). The graph's finishing step after the reading is not reported.
 * @progress_data: passed to @progress
 * @error: return location for a #GError
 *
 * cg_graph_load() with progress and cancellation: what a program loading a million-node
 * graph (several seconds) shows its user.
 *
 * Returns: (transfer full) (nullable): the graph, or %NULL with @error set.
 * Complexity: that of cg_graph_load(), plus one stat() per input file.
 */
CgGraph *
cg_graph_load_with_progress(const char *const *paths, const char *format,
                            CgProgressFunc progress, gpointer progress_data, GError **error)
{
  g_return_val_if_fail(paths != NULL, NULL);
  g_return_val_if_fail(error == NULL || *error == NULL, NULL);
  if (format && !known_format(format, TRUE)) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "unknown input format '%s' (expected chain, json, graphml, tsv or csv)", format);
    return NULL;
  }
  if (!paths[0]) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE, "no file to load");
    return NULL;
  }
  CgGraph *g = cg__graph_new();
  CgWork work;
  if (progress) {
    guint64 total = 0;
    for (const char *const *p = paths; *p; p++) {
      const char *f = format ? format : cg_format_for_path(*p);
      if (g_file_test(*p, G_FILE_TEST_IS_DIR)) {
        GPtrArray *files = list_dir(*p, NULL);
        for (guint i = 0; files && i < files->len; i++)
          total += file_size(files->pdata[i]);
        if (files)
          g_ptr_array_free(files, TRUE);
      } else if (f && known_format(f, TRUE)) {
        total += input_size(*p, f);
      }
    }
    cg__work_init(&work, progress, progress_data, "loading", total);
    cg__load_watch(g, &work);
  }
  GPtrArray *pending = g_ptr_array_new_with_free_func(cg__chain_pending_free);
  gboolean ok = TRUE;
  for (const char *const *p = paths; *p && ok; p++) {
    if (g_file_test(*p, G_FILE_TEST_IS_DIR)) {
      GPtrArray *files = list_dir(*p, error);
      ok = files != NULL;
      for (guint i = 0; ok && i < files->len; i++)
        ok = read_one(g, pending, files->pdata[i], "chain", error);
      if (files)
        g_ptr_array_free(files, TRUE);
      continue;
    }
    const char *f = format ? format : cg_format_for_path(*p);
    if (!f) {
      if (!g_file_test(*p, G_FILE_TEST_EXISTS))
        g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: no such file or directory", *p);
      else
        g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                    "%s: unknown file type (expected .chain, .json, .graphml, .tsv or .csv; or give "
                    "the format)",
                    *p);
      ok = FALSE;
    } else if (!known_format(f, TRUE)) {
      g_set_error(error, CG_ERROR, CG_ERROR_USAGE, "%s: %s files can be written, not read", *p, f);
      ok = FALSE;
    } else
      ok = read_one(g, pending, *p, f, error);
  }
  if (ok && progress) { /* every byte read: the whole input (a file may have grown) */
    cg__work_report(&work, 1.0);
    ok = !cg__work_cancelled(&work, error);
  }
  cg__load_watch(g, NULL);
  return load_end(g, pending, ok, TRUE, error);
}

/**
 * cg_graph_load_data:
 * @data: the text
 * @length: its length, or -1 if NUL-terminated
 * @name: the name used in messages (e.g. a file name)
 * @format: (nullable): "chain", "json" or "graphml"; %NULL chooses by @name's extension
 * @error: return location for a #GError, or %NULL
 *
 * Like cg_graph_load() on one in-memory text.
 * Returns: (transfer full) (nullable): the graph.
 */
CgGraph *
cg_graph_load_data(const char *data, gssize length, const char *name, const char *format,
                   GError **error)
{
  g_return_val_if_fail(data != NULL, NULL);
  if (!name)
    name = "<data>";
  if (!format && !(format = cg_format_for_path(name))) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "%s: cannot tell the format from the name (expected .chain, .json or .graphml)",
                name);
    return NULL;
  }
  if (strcmp(format, "tsv") == 0 || strcmp(format, "csv") == 0 || !known_format(format, TRUE)) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "cannot read format '%s' from memory (expected chain, json or graphml)", format);
    return NULL;
  }
  gsize len = length < 0 ? strlen(data) : (gsize)length;
  CgGraph *g = cg__graph_new();
  GPtrArray *pending = g_ptr_array_new_with_free_func(cg__chain_pending_free);
  gboolean ok;
  if (len == 0) {
    g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s: the file is empty", name);
    ok = FALSE;
  } else if (strcmp(format, "chain") == 0)
    ok = cg__chain_parse(g, pending, data, len, name, error);
  else if (strcmp(format, "json") == 0)
    ok = cg__json_read(g, data, len, name, error);
  else
    ok = cg__graphml_read(g, data, len, name, error);
  return load_end(g, pending, ok, strcmp(format, "chain") == 0, error);
}

/**
 * cg_default_chains_dir:
 *
 * Where the bundled chains are: `$CHAINGRAPH_CHAINS` if set; the source tree's `chains/`
 * when the library is loaded from its build tree; else `$prefix/share/chaingraph/chains`.
 * Returns: (transfer full): a path.
 */
char *
cg_default_chains_dir(void)
{
  const char *env = g_getenv("CHAINGRAPH_CHAINS");
  if (env && *env)
    return g_strdup(env);
  /* Meson keeps each target's objects in "<output>.p" beside it: a library with that
   * directory next to it is running from its build tree. */
  Dl_info info;
  gboolean in_build = FALSE;
  if (dladdr((void *)cg_default_chains_dir, &info) && info.dli_fname) {
    char *dir = g_path_get_dirname(info.dli_fname);
    char *marker = g_build_filename(dir, "libchaingraph.so." CG_VERSION_STRING ".p", NULL);
    in_build = g_file_test(marker, G_FILE_TEST_IS_DIR);
    g_free(marker);
    g_free(dir);
  }
  if (in_build)
    return g_strdup(CG_SOURCE_CHAINS);
  return g_strdup(CG_DATADIR "/chains");
}

/**
 * cg_graph_load_default:
 * @error: return location for a #GError, or %NULL
 *
 * Loads the bundled chains (see cg_default_chains_dir()).
 * Returns: (transfer full) (nullable): the graph.
 */
CgGraph *
cg_graph_load_default(GError **error)
{
  char *dir = cg_default_chains_dir();
  const char *paths[] = {dir, NULL};
  CgGraph *g = cg_graph_load(paths, NULL, error);
  g_free(dir);
  return g;
}

/**
 * cg_graph_to_string:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @format: "json", "graphml" or "dot"
 * @error: return location for a #GError, or %NULL
 *
 * The text cg_graph_save() would write, in memory.
 *
 * Returns: (transfer full) (nullable): the graph as text; free with cg_free().
 */
char *
cg_graph_to_string(const CgGraph *g, const char *format, GError **error)
{
  g_return_val_if_fail(g != NULL && format != NULL, NULL);
  if (strcmp(format, "json") == 0)
    return cg__json_write(g);
  if (strcmp(format, "graphml") == 0)
    return cg__graphml_write(g);
  if (strcmp(format, "dot") == 0)
    return cg__dot_write(g);
  g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
              "cannot write format '%s' as one text (expected json, graphml or dot; tsv is a set "
              "of files: use cg_graph_save)",
              format);
  return NULL;
}

/**
 * cg_graph_save:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @path: the file to write ("-" for standard output); for TSV, the prefix's name
 *   (`PREFIX.tsv` writes `PREFIX.nodes.tsv`, `PREFIX.edges.tsv`, …)
 * @format: (nullable): %NULL chooses by extension
 * @error: return location for a #GError, or %NULL
 *
 * Writes @graph to a file in a format that cg_graph_load() reads back: `json` (node-link),
 * `graphml`, `tsv`, `csv` (the TSV tables as RFC 4180 CSV, `PREFIX.csv`) or `dot` (write only).
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
cg_graph_save(const CgGraph *g, const char *path, const char *format, GError **error)
{
  g_return_val_if_fail(g != NULL && path != NULL, FALSE);
  const char *f = format ? format : cg_format_for_path(path);
  if (!f || !known_format(f, FALSE) || strcmp(f, "chain") == 0) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "%s: cannot tell which format to write (give json, graphml, tsv or dot)", path);
    return FALSE;
  }
  if (strcmp(f, "tsv") == 0 || strcmp(f, "csv") == 0)
    return tables_named(path, f, error) && cg__tsv_write(g, path, error);
  char *text = cg_graph_to_string(g, f, error);
  gboolean ok = text && cg__text_write(path, text, error);
  g_free(text);
  return ok;
}

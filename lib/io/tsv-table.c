/* One mapped TSV table: header, rows, fields, unescaping, provenance columns; and the
 * tables' names (tsv-private.h has the format). */
#include "io/tsv-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* ---- reading: one table ----------------------------------------------------------- */

void
cg__tsv_close(Tsv *t)
{
  if (t->map)
    g_mapped_file_unref(t->map);
  g_free(t->owned);
  for (guint i = 0; t->buf && i < t->ncols; i++)
    g_string_free(t->buf[i], TRUE);
  g_free(t->buf);
  g_free(t->f);
  g_free(t->flen);
  g_strfreev(t->names);
  g_free(t->path);
  memset(t, 0, sizeof *t);
}

/* The 1-based character column of byte @pos of the current line. */
guint
cg__tsv_column_at(const Tsv *t, const char *pos)
{
  return t->csv ? 0 : (guint)g_utf8_strlen(t->ls, pos - t->ls) + 1;
}

const char *
cg__tsv_where_at(Tsv *t, const char *pos)
{
  return cg__where(t->g, t->path, t->line, cg__tsv_column_at(t, pos));
}

/* The place of field @col of the current row. */
const char *
cg__tsv_where(Tsv *t, int col)
{
  return cg__tsv_where_at(t, col >= 0 ? t->f[col] : t->ls);
}

/* Builder calls take a place for two uses: the prefix of their own error message and the
 * record of where an attribute was given. Interning "file:line:column" for each of a
 * million rows would cost more than the rest of the row, so rows record only the file
 * name, and a failed call's message is re-pointed at the exact field here. */
void
cg__tsv_fix_where(Tsv *t, int col, GError **error)
{
  if (!error || !*error)
    return;
  gsize n = strlen(t->file_where);
  char *msg = (*error)->message;
  if (strncmp(msg, t->file_where, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ') {
    char *fixed = g_strconcat(cg__tsv_where(t, col), msg + n, NULL);
    g_free(msg);
    (*error)->message = fixed;
  }
}

int
cg__tsv_col(const Tsv *t, const char *name)
{
  for (guint i = 0; i < t->ncols; i++)
    if (strcmp(t->names[i], name) == 0)
      return (int)i;
  return -1;
}

gboolean
cg__tsv_require(Tsv *t, int col, const char *name, GError **error)
{
  if (col >= 0)
    return TRUE;
  g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s:1:1: the header has no column '%s'", t->path,
              name);
  return FALSE;
}

/* Maps @path and reads its header line. A missing optional file leaves t->map NULL. */
gboolean
cg__tsv_open(Tsv *t, CgGraphBuilder *b, const char *path, gboolean required, GError **error)
{
  memset(t, 0, sizeof *t);
  t->b = b;
  t->g = cg__graph_builder_graph(b);
  t->path = g_strdup(path);
  GError *ferr = NULL;
  t->csv = strcmp(cg__tsv_ext(path), ".csv") == 0;
  char *text = NULL;
  gsize len = 0;
  if (t->csv)
    g_file_get_contents(path, &text, &len, &ferr);
  else
    t->map = g_mapped_file_new(path, FALSE, &ferr);
  if (ferr) {
    gboolean missing = g_error_matches(ferr, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    if (missing && !required) {
      g_error_free(ferr);
      return TRUE;
    }
    if (missing)
      g_set_error(error, CG_ERROR, CG_ERROR_IO,
                  "%s: no such file (a %s graph is PREFIX.nodes%s, with PREFIX.edges%s "
                  "and the other tables optional)", path, t->csv ? "CSV" : "TSV",
                  cg__tsv_ext(path), cg__tsv_ext(path));
    else
      g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot read: %s", path, ferr->message);
    g_error_free(ferr);
    return FALSE;
  }
  t->file_where = cg__intern(t->g, path);
  const char *data;
  if (t->csv) {
    t->owned = cg__csv_to_tsv(text, len, path, &len, error);
    g_free(text);
    if (!t->owned)
      return FALSE;
    data = t->owned;
  } else {
    data = g_mapped_file_get_contents(t->map);
    len = g_mapped_file_get_length(t->map);
  }
  t->p = data ? data : "";
  t->end = t->p + (data ? len : 0);
  if (t->end - t->p >= 3 && memcmp(t->p, "\xEF\xBB\xBF", 3) == 0)
    t->p += 3; /* a byte-order mark some spreadsheets write */
  t->reported = t->p;
  if (t->p == t->end) {
    g_set_error(error, CG_ERROR, CG_ERROR_PARSE,
                "%s:1:1: the file is empty (expected a header line)", path);
    return FALSE;
  }
  const char *nl = memchr(t->p, '\n', t->end - t->p);
  const char *le = nl ? nl : t->end;
  t->ls = t->p;
  t->line = 1;
  if (le > t->p && le[-1] == '\r')
    le--;
  const char *bad;
  if (!g_utf8_validate_len(t->p, le - t->p, &bad)) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where_at(t, bad), "invalid UTF-8 in the header");
    return FALSE;
  }
  const char *cr = memchr(t->p, '\r', le - t->p);
  if (cr) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where_at(t, cr),
                     "a carriage return inside the header: lines must end in LF or CR LF, "
                     "not CR alone");
    return FALSE;
  }
  char *header = g_strndup(t->p, le - t->p);
  t->names = g_strsplit(header, "\t", -1);
  g_free(header);
  t->ncols = g_strv_length(t->names);
  for (guint i = 0; i < t->ncols; i++)
    for (guint k = 0; k < i; k++)
      if (*t->names[i] && strcmp(t->names[i], t->names[k]) == 0) {
        cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where(t, -1),
                         "column '%s' appears twice in the header (columns %u and %u)",
                         t->names[i], k + 1, i + 1);
        return FALSE;
      }
  t->f = g_new0(const char *, t->ncols);
  t->flen = g_new0(guint, t->ncols);
  t->buf = g_new(GString *, t->ncols);
  for (guint i = 0; i < t->ncols; i++)
    t->buf[i] = g_string_sized_new(64);
  t->p = nl ? nl + 1 : t->end;
  return TRUE;
}

/* The number of lines left, to size the arrays once. */
gsize
cg__tsv_count_lines(const Tsv *t)
{
  gsize n = 0;
  for (const char *p = t->p; p < t->end; n++) {
    const char *nl = memchr(p, '\n', t->end - p);
    p = nl ? nl + 1 : t->end;
  }
  return n;
}

/* The first control character of a row (a tab separates its fields), raw or as the
 * writer's \t \n \r escape, or NULL: no text of the model may hold one. */
static const char *
control_in_line(const char *p, const char *end)
{
  for (; p < end; p++) {
    guchar c = (guchar)*p;
    if ((c < 0x20 && c != '\t') || c == 0x7f)
      return p;
    if (c == '\\' && p + 1 < end) {
      if (p[1] == 't' || p[1] == 'n' || p[1] == 'r')
        return p;
      if (p[1] == '\\') /* an escaped backslash: what follows it is no escape */
        p++;
      /* anything else after a backslash is checked as any character (a raw control
       * character there went through: fuzz-tsv, December 2026) */
    }
  }
  return NULL;
}

/* Bytes read between two reports of the load's progress. */
#define REPORT_BYTES (1 << 20)

/* Reads the next non-empty line into t->f/t->flen. Returns 1, 0 at the end, -1 on error
 * (also when the load's progress callback asked to stop). */
int
cg__tsv_next(Tsv *t, GError **error)
{
  if (t->g->load_work && (t->p - t->reported >= REPORT_BYTES || t->p >= t->end)) {
    gsize bytes = (gsize)(t->p - t->reported);
    t->reported = t->p;
    if (!cg__load_step(t->g, bytes, error))
      return -1;
  }
  for (;;) {
    if (t->p >= t->end)
      return 0;
    const char *ls = t->p, *nl = memchr(ls, '\n', t->end - ls);
    const char *le = nl ? nl : t->end;
    t->p = nl ? nl + 1 : t->end;
    t->line++;
    t->ls = ls;
    if (le > ls && le[-1] == '\r')
      le--;
    if (le == ls)
      continue;
    const char *bad = control_in_line(ls, le);
    if (bad) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where_at(t, bad),
                       "a control character%s (no text may hold one)",
                       *bad == '\\' ? ", written as an escape" : "");
      return -1;
    }
    const char *s = ls;
    for (guint k = 0; k < t->ncols; k++) {
      const char *tab = memchr(s, '\t', le - s);
      if (k + 1 == t->ncols) {
        if (tab) {
          guint found = t->ncols;
          for (const char *q = tab; q; q = memchr(q + 1, '\t', le - q - 1))
            found++;
          cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where_at(t, tab + 1),
                           "%u fields, but the header has %u column%s", found, t->ncols,
                           t->ncols == 1 ? "" : "s");
          return -1;
        }
        tab = le;
      } else if (!tab) {
        /* Spreadsheets drop trailing empty fields: the missing ones are empty. */
        t->f[k] = s;
        t->flen[k] = (guint)(le - s);
        for (guint j = k + 1; j < t->ncols; j++) {
          t->f[j] = le;
          t->flen[j] = 0;
        }
        return 1;
      }
      t->f[k] = s;
      t->flen[k] = (guint)(tab - s);
      s = tab + 1;
    }
    return 1;
  }
}

/* Undoes the writer's escapes \\ and \| (a `|` inside a list item). (Its \t \n \r never
 * reach here: a row holding a control character is refused by cg__tsv_next.) */
void
cg__tsv_unescape_into(GString *out, const char *s, gsize len)
{
  const char *end = s + len;
  while (s < end) {
    const char *bs = memchr(s, '\\', end - s);
    if (!bs) {
      g_string_append_len(out, s, end - s);
      return;
    }
    g_string_append_len(out, s, bs - s);
    char c = bs + 1 < end ? bs[1] : 0;
    switch (c) {
    case '\\': g_string_append_c(out, '\\'); break;
    case '|': g_string_append_c(out, '|'); break;
    default:
      /* Not an escape we write: keep the backslash (a Windows path, say). */
      g_string_append_c(out, '\\');
      s = bs + 1;
      continue;
    }
    s = bs + 2;
  }
}

/* Field @col as a NUL-terminated string (NULL when the column is absent or the field
 * empty), valid until the next row. With @validate, invalid UTF-8 is an error at the
 * offending byte; ids in edges skip that and are checked only when they match no node. */
gboolean
cg__tsv_str(Tsv *t, int col, gboolean validate, const char **out, GError **error)
{
  *out = NULL;
  if (col < 0 || t->flen[col] == 0)
    return TRUE;
  const char *s = t->f[col], *bad;
  gsize len = t->flen[col];
  if (validate && !g_utf8_validate_len(s, len, &bad)) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where_at(t, bad), "%s: invalid UTF-8",
                     t->names[col]);
    return FALSE;
  }
  GString *b = t->buf[col];
  g_string_truncate(b, 0);
  if (memchr(s, '\\', len))
    cg__tsv_unescape_into(b, s, len);
  else
    g_string_append_len(b, s, len);
  *out = b->str;
  return TRUE;
}

/* Field @col as a number; NAN when empty. */
gboolean
cg__tsv_num(Tsv *t, int col, double *out, GError **error)
{
  *out = NAN;
  if (col < 0 || t->flen[col] == 0)
    return TRUE;
  char buf[64];
  guint len = t->flen[col];
  gboolean ok = len < sizeof buf;
  if (ok) {
    memcpy(buf, t->f[col], len);
    buf[len] = '\0';
    ok = cg__parse_decimal(buf, out);
  }
  if (!ok) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where(t, col), "%s: '%.*s' is not a number",
                     t->names[col], (int)MIN(len, 40u), t->f[col]);
    return FALSE;
  }
  return TRUE;
}

/* Iterates the items of a `|`-separated list field; @pos starts at 0. */
gboolean
cg__tsv_list_next(Tsv *t, int col, guint *pos, GString *item)
{
  if (col < 0 || *pos >= t->flen[col])
    return FALSE;
  const char *s = t->f[col] + *pos, *end = t->f[col] + t->flen[col], *q = s;
  while (q < end && *q != '|')
    q += *q == '\\' && q + 1 < end ? 2 : 1;
  g_string_truncate(item, 0);
  cg__tsv_unescape_into(item, s, q - s);
  *pos = (guint)(q - t->f[col]) + 1;
  return TRUE;
}

gboolean
cg__tsv_node(Tsv *t, int col, guint32 *out, GError **error)
{
  const char *id;
  if (!cg__tsv_str(t, col, FALSE, &id, error))
    return FALSE;
  gssize v = id ? cg__node_lookup_id(t->g, id) : -1;
  if (v >= 0) {
    *out = (guint32)v;
    return TRUE;
  }
  if (!cg__tsv_str(t, col, TRUE, &id, error))
    return FALSE;
  if (!id)
    cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where(t, col), "%s: empty node id", t->names[col]);
  else
    cg__set_error_at(error, CG_ERROR_UNKNOWN, cg__tsv_where(t, col),
                     "%s: unknown node '%s' (not an id in the nodes file)", t->names[col], id);
  return FALSE;
}

void
cg__tsv_prov_cols(const Tsv *t, ProvCols *pc)
{
  pc->doc = cg__tsv_col(t, "document");
  pc->section = cg__tsv_col(t, "section");
  pc->quote = cg__tsv_col(t, "quote");
  pc->inferred = cg__tsv_col(t, "inferred");
}

gboolean
cg__tsv_prov_given(const Tsv *t, const ProvCols *pc)
{
  const int cols[] = {pc->doc, pc->section, pc->quote, pc->inferred};
  for (guint i = 0; i < G_N_ELEMENTS(cols); i++)
    if (cols[i] >= 0 && t->flen[cols[i]])
      return TRUE;
  return FALSE;
}

gboolean
cg__tsv_prov(Tsv *t, const ProvCols *pc, CgProvenance *p, GError **error)
{
  const char *s;
  p->document = -1;
  p->where = NULL;
  if (!cg__tsv_str(t, pc->doc, TRUE, &s, error))
    return FALSE;
  if (s) {
    /* Documents are few: find one without interning this row's place. */
    for (guint i = 0; i < t->g->documents->len && p->document < 0; i++)
      if (strcmp(((const CgDocRec *)t->g->documents->pdata[i])->file, s) == 0)
        p->document = (int)i;
    if (p->document < 0) {
      cg__graph_builder_at(t->b, cg__tsv_where(t, pc->doc), t->line);
      p->document = (int)cg_graph_builder_add_document(t->b, s, NULL, NULL);
    }
  }
  if (!cg__tsv_str(t, pc->section, TRUE, &s, error))
    return FALSE;
  p->section = cg__intern(t->g, s);
  if (!cg__tsv_str(t, pc->quote, TRUE, &s, error))
    return FALSE;
  p->quote = cg__intern(t->g, s);
  if (!cg__tsv_str(t, pc->inferred, TRUE, &s, error))
    return FALSE;
  p->inferred = cg__intern(t->g, s);
  return TRUE;
}

/* The tables of a TSV graph, in the order they are read: each may refer only to what the
 * ones before it define. */
const char *const cg__tsv_tables[] = {"documents", "nodes",   "regions",
                                         "chains",    "chain-nodes", "chain-edges",
                                         "provenance", "edges",  "capabilities"};

const char *
cg__tsv_ext(const char *path)
{
  return g_str_has_suffix(path, ".csv") ? ".csv" : ".tsv";
}

/* PREFIX from PREFIX.tsv, PREFIX.nodes.tsv, PREFIX.edges.tsv (or any table's name), and the
 * same with .csv. */
char *
cg__tsv_prefix(const char *path)
{
  const char *ext = cg__tsv_ext(path);
  for (guint i = 0; i < G_N_ELEMENTS(cg__tsv_tables); i++) {
    char *suffix = g_strconcat(".", cg__tsv_tables[i], ext, NULL);
    gboolean hit = g_str_has_suffix(path, suffix);
    gsize n = strlen(suffix);
    g_free(suffix);
    if (hit)
      return g_strndup(path, strlen(path) - n);
  }
  if (g_str_has_suffix(path, ext))
    return g_strndup(path, strlen(path) - 4);
  return g_strdup(path);
}

char *
cg__tsv_table_path(const char *prefix, const char *table, const char *ext)
{
  return g_strconcat(prefix, ".", table, ext, NULL);
}

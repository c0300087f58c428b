/* TSV: the large-data format, a set of tab-separated tables sharing a prefix.
 *
 *   PREFIX.nodes.tsv         id name name_en stage weight import subst recycle aliases domains
 *   PREFIX.edges.tsv         source target group [document section quote inferred chain]
 *   PREFIX.regions.tsv       name id name_en level parent aliases             (optional)
 *   PREFIX.capabilities.tsv  region node share develop [document section quote inferred]
 *   PREFIX.documents.tsv     file key title region                            (optional)
 *   PREFIX.provenance.tsv    node region chokepoint document section quote inferred
 *   PREFIX.chains.tsv        id name name_en path document section quote inferred
 *   PREFIX.chain-nodes.tsv   chain stage node
 *   PREFIX.chain-edges.tsv   chain source target
 *
 * Columns are found by their header name; only the identifying ones are required and
 * unknown ones are ignored (docs/formats.md has the details).
 *
 * The reader is built for a million nodes and five million edges: each file is mapped
 * (g_mapped_file_new), lines and fields are found with memchr, a field is copied only into
 * a per-column buffer that is reused for every row, and numbers are parsed only when
 * their field is non-empty. Edge and capability rows find their nodes through IdIndex
 * (one cache miss per short id, prefetched 16 rows ahead); a claim keeps its line, not an
 * interned "file:line" string. docs/performance.md has the measured cost. The writer fills
 * a large GString and hands it to stdio in multi-megabyte chunks. */
#include "io/cg-io.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* ---- reading: one table ----------------------------------------------------------- */

typedef struct {
  CgGraph *g;
  char *path;             /* the file, for messages */
  const char *file_where; /* the path, interned: the place recorded for a row's attributes */
  GMappedFile *map;
  const char *p, *end;    /* the unread rest of the file */
  const char *ls;         /* start of the current line */
  guint line;             /* number of the current line */
  guint ncols;
  char **names;           /* the header */
  const char **f;         /* [ncols] fields of the current row (in the mapping) */
  guint *flen;            /* [ncols] */
  GString **buf;          /* [ncols] each column's unescaped text, reused for every row */
} Tsv;

static void
tsv_close(Tsv *t)
{
  if (t->map)
    g_mapped_file_unref(t->map);
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
static guint
tsv_column_at(const Tsv *t, const char *pos)
{
  return (guint)g_utf8_strlen(t->ls, pos - t->ls) + 1;
}

static const char *
tsv_where_at(Tsv *t, const char *pos)
{
  return cg__where(t->g, t->path, t->line, tsv_column_at(t, pos));
}

/* The place of field @col of the current row. */
static const char *
tsv_where(Tsv *t, int col)
{
  return tsv_where_at(t, col >= 0 ? t->f[col] : t->ls);
}

/* Builder calls take a place for two uses: the prefix of their own error message and the
 * record of where an attribute was given. Interning "file:line:column" for each of a
 * million rows would cost more than the rest of the row, so rows record only the file
 * name, and a failed call's message is re-pointed at the exact field here. */
static void
fix_where(Tsv *t, int col, GError **error)
{
  if (!error || !*error)
    return;
  gsize n = strlen(t->file_where);
  char *msg = (*error)->message;
  if (strncmp(msg, t->file_where, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ') {
    char *fixed = g_strconcat(tsv_where(t, col), msg + n, NULL);
    g_free(msg);
    (*error)->message = fixed;
  }
}

static int
tsv_col(const Tsv *t, const char *name)
{
  for (guint i = 0; i < t->ncols; i++)
    if (strcmp(t->names[i], name) == 0)
      return (int)i;
  return -1;
}

static gboolean
tsv_require(Tsv *t, int col, const char *name, GError **error)
{
  if (col >= 0)
    return TRUE;
  g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s:1:1: the header has no column '%s'", t->path,
              name);
  return FALSE;
}

/* Maps @path and reads its header line. A missing optional file leaves t->map NULL. */
static gboolean
tsv_open(Tsv *t, CgGraph *g, const char *path, gboolean required, GError **error)
{
  memset(t, 0, sizeof *t);
  t->g = g;
  t->path = g_strdup(path);
  GError *ferr = NULL;
  t->map = g_mapped_file_new(path, FALSE, &ferr);
  if (!t->map) {
    gboolean missing = g_error_matches(ferr, G_FILE_ERROR, G_FILE_ERROR_NOENT);
    if (missing && !required) {
      g_error_free(ferr);
      return TRUE;
    }
    if (missing)
      g_set_error(error, CG_ERROR, CG_ERROR_IO,
                  "%s: no such file (a TSV graph is PREFIX.nodes.tsv, with PREFIX.edges.tsv "
                  "and the other tables optional)", path);
    else
      g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot read: %s", path, ferr->message);
    g_error_free(ferr);
    return FALSE;
  }
  t->file_where = cg__intern(g, path);
  const char *data = g_mapped_file_get_contents(t->map);
  gsize len = g_mapped_file_get_length(t->map);
  t->p = data ? data : "";
  t->end = t->p + (data ? len : 0);
  if (t->end - t->p >= 3 && memcmp(t->p, "\xEF\xBB\xBF", 3) == 0)
    t->p += 3; /* a byte-order mark some spreadsheets write */
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
    cg__set_error_at(error, CG_ERROR_PARSE, tsv_where_at(t, bad), "invalid UTF-8 in the header");
    return FALSE;
  }
  char *header = g_strndup(t->p, le - t->p);
  t->names = g_strsplit(header, "\t", -1);
  g_free(header);
  t->ncols = g_strv_length(t->names);
  t->f = g_new0(const char *, t->ncols);
  t->flen = g_new0(guint, t->ncols);
  t->buf = g_new(GString *, t->ncols);
  for (guint i = 0; i < t->ncols; i++)
    t->buf[i] = g_string_sized_new(64);
  t->p = nl ? nl + 1 : t->end;
  return TRUE;
}

/* The number of lines left, to size the arrays once. */
static gsize
tsv_count_lines(const Tsv *t)
{
  gsize n = 0;
  for (const char *p = t->p; p < t->end; n++) {
    const char *nl = memchr(p, '\n', t->end - p);
    p = nl ? nl + 1 : t->end;
  }
  return n;
}

/* Reads the next non-empty line into t->f/t->flen. Returns 1, 0 at the end, -1 on error. */
static int
tsv_next(Tsv *t, GError **error)
{
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
    const char *s = ls;
    for (guint k = 0; k < t->ncols; k++) {
      const char *tab = memchr(s, '\t', le - s);
      if (k + 1 == t->ncols) {
        if (tab) {
          guint found = t->ncols;
          for (const char *q = tab; q; q = memchr(q + 1, '\t', le - q - 1))
            found++;
          cg__set_error_at(error, CG_ERROR_PARSE, tsv_where_at(t, tab + 1),
                           "%u fields, but the header has %u column%s", found, t->ncols,
                           t->ncols == 1 ? "" : "s");
          return -1;
        }
        tab = le;
      } else if (!tab) {
        cg__set_error_at(error, CG_ERROR_PARSE, tsv_where_at(t, le),
                         "%u field%s, but the header has %u columns", k + 1, k ? "s" : "",
                         t->ncols); /* here ncols >= 2 */
        return -1;
      }
      t->f[k] = s;
      t->flen[k] = (guint)(tab - s);
      s = tab + 1;
    }
    return 1;
  }
}

/* Undoes the writer's escapes: \t \n \r \\ and \| (a `|` inside a list item). */
static void
unescape_into(GString *out, const char *s, gsize len)
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
    case 't': g_string_append_c(out, '\t'); break;
    case 'n': g_string_append_c(out, '\n'); break;
    case 'r': g_string_append_c(out, '\r'); break;
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
static gboolean
tsv_str(Tsv *t, int col, gboolean validate, const char **out, GError **error)
{
  *out = NULL;
  if (col < 0 || t->flen[col] == 0)
    return TRUE;
  const char *s = t->f[col], *bad;
  gsize len = t->flen[col];
  if (validate && !g_utf8_validate_len(s, len, &bad)) {
    cg__set_error_at(error, CG_ERROR_PARSE, tsv_where_at(t, bad), "%s: invalid UTF-8",
                     t->names[col]);
    return FALSE;
  }
  GString *b = t->buf[col];
  g_string_truncate(b, 0);
  if (memchr(s, '\\', len))
    unescape_into(b, s, len);
  else
    g_string_append_len(b, s, len);
  *out = b->str;
  return TRUE;
}

/* Field @col as a number; NAN when empty. */
static gboolean
tsv_num(Tsv *t, int col, double *out, GError **error)
{
  *out = NAN;
  if (col < 0 || t->flen[col] == 0)
    return TRUE;
  char buf[64];
  guint len = t->flen[col];
  char *end = buf;
  if (len < sizeof buf) {
    memcpy(buf, t->f[col], len);
    buf[len] = '\0';
    *out = g_ascii_strtod(buf, &end);
  }
  if (len >= sizeof buf || end != buf + len || len == 0) {
    cg__set_error_at(error, CG_ERROR_PARSE, tsv_where(t, col), "%s: '%.*s' is not a number",
                     t->names[col], (int)MIN(len, 40u), t->f[col]);
    return FALSE;
  }
  return TRUE;
}

/* Iterates the items of a `|`-separated list field; @pos starts at 0. */
static gboolean
tsv_list_next(Tsv *t, int col, guint *pos, GString *item)
{
  if (col < 0 || *pos >= t->flen[col])
    return FALSE;
  const char *s = t->f[col] + *pos, *end = t->f[col] + t->flen[col], *q = s;
  while (q < end && *q != '|')
    q += *q == '\\' && q + 1 < end ? 2 : 1;
  g_string_truncate(item, 0);
  unescape_into(item, s, q - s);
  *pos = (guint)(q - t->f[col]) + 1;
  return TRUE;
}

static gboolean
tsv_node(Tsv *t, int col, guint32 *out, GError **error)
{
  const char *id;
  if (!tsv_str(t, col, FALSE, &id, error))
    return FALSE;
  gssize v = id ? cg__node_lookup_id(t->g, id) : -1;
  if (v >= 0) {
    *out = (guint32)v;
    return TRUE;
  }
  if (!tsv_str(t, col, TRUE, &id, error))
    return FALSE;
  if (!id)
    cg__set_error_at(error, CG_ERROR_PARSE, tsv_where(t, col), "%s: empty node id", t->names[col]);
  else
    cg__set_error_at(error, CG_ERROR_UNKNOWN, tsv_where(t, col),
                     "%s: unknown node '%s' (not an id in the nodes file)", t->names[col], id);
  return FALSE;
}

/* Provenance columns shared by several tables. */
typedef struct {
  int doc, section, quote, inferred;
} ProvCols;

static void
prov_cols(const Tsv *t, ProvCols *pc)
{
  pc->doc = tsv_col(t, "document");
  pc->section = tsv_col(t, "section");
  pc->quote = tsv_col(t, "quote");
  pc->inferred = tsv_col(t, "inferred");
}

static gboolean
prov_given(const Tsv *t, const ProvCols *pc)
{
  const int cols[] = {pc->doc, pc->section, pc->quote, pc->inferred};
  for (guint i = 0; i < G_N_ELEMENTS(cols); i++)
    if (cols[i] >= 0 && t->flen[cols[i]])
      return TRUE;
  return FALSE;
}

static gboolean
tsv_prov(Tsv *t, const ProvCols *pc, CgProvenance *p, GError **error)
{
  const char *s;
  p->document = -1;
  p->where = NULL;
  if (!tsv_str(t, pc->doc, TRUE, &s, error))
    return FALSE;
  if (s) {
    /* Documents are few: find one without interning this row's place. */
    for (guint i = 0; i < t->g->documents->len && p->document < 0; i++)
      if (strcmp(((const CgDocRec *)t->g->documents->pdata[i])->file, s) == 0)
        p->document = (int)i;
    if (p->document < 0)
      p->document = (int)cg__document_ensure(t->g, s, tsv_where(t, pc->doc));
  }
  if (!tsv_str(t, pc->section, TRUE, &s, error))
    return FALSE;
  p->section = cg__intern(t->g, s);
  if (!tsv_str(t, pc->quote, TRUE, &s, error))
    return FALSE;
  p->quote = cg__intern(t->g, s);
  if (!tsv_str(t, pc->inferred, TRUE, &s, error))
    return FALSE;
  p->inferred = cg__intern(t->g, s);
  return TRUE;
}

/* ---- reading: the tables ------------------------------------------------------------ */

static gboolean
read_documents(CgGraph *g, const char *path, GError **error)
{
  Tsv t;
  gboolean ok = tsv_open(&t, g, path, FALSE, error);
  if (!ok || !t.map) {
    tsv_close(&t);
    return ok;
  }
  int cfile = tsv_col(&t, "file"), ckey = tsv_col(&t, "key"), ctitle = tsv_col(&t, "title"),
      cregion = tsv_col(&t, "region");
  ok = tsv_require(&t, cfile, "file", error);
  int r;
  while (ok && (r = tsv_next(&t, error)) > 0) {
    const char *file, *s;
    ok = tsv_str(&t, cfile, TRUE, &file, error);
    if (ok && !file) {
      cg__set_error_at(error, CG_ERROR_PARSE, tsv_where(&t, cfile), "file: empty document file");
      ok = FALSE;
    }
    if (!ok)
      break;
    guint di = cg__document_ensure(g, file, tsv_where(&t, cfile));
    CgDocRec *d = g->documents->pdata[di];
    if ((ok = tsv_str(&t, ckey, TRUE, &s, error)) && s)
      d->key = cg__intern(g, s);
    if (ok && (ok = tsv_str(&t, ctitle, TRUE, &s, error)) && s)
      d->title = cg__intern(g, s);
    if (ok && (ok = tsv_str(&t, cregion, TRUE, &s, error)) && s)
      d->region = cg__intern(g, s);
  }
  ok = ok && r == 0;
  tsv_close(&t);
  return ok;
}

typedef gboolean (*SetString)(CgGraph *g, guint32 v, const char *s, const char *where,
                              GError **error);

static gboolean
node_string(Tsv *t, int col, guint32 v, SetString set, GError **error)
{
  const char *s;
  if (!tsv_str(t, col, TRUE, &s, error))
    return FALSE;
  if (s && !set(t->g, v, s, t->file_where, error)) {
    fix_where(t, col, error);
    return FALSE;
  }
  return TRUE;
}

static gboolean
node_number(Tsv *t, int col, guint32 v, const char *attr, GError **error)
{
  double x;
  if (!tsv_num(t, col, &x, error))
    return FALSE;
  if (!isnan(x) && !cg__node_set_number(t->g, v, attr, x, t->file_where, error)) {
    fix_where(t, col, error);
    return FALSE;
  }
  return TRUE;
}

static gboolean
node_list(Tsv *t, int col, guint32 v, gboolean aliases, GString *item, GError **error)
{
  if (col < 0 || t->flen[col] == 0)
    return TRUE;
  const char *bad;
  if (!g_utf8_validate_len(t->f[col], t->flen[col], &bad)) {
    cg__set_error_at(error, CG_ERROR_PARSE, tsv_where_at(t, bad), "%s: invalid UTF-8",
                     t->names[col]);
    return FALSE;
  }
  guint pos = 0;
  while (tsv_list_next(t, col, &pos, item)) {
    if (item->len == 0)
      continue;
    if (!aliases)
      cg__node_add_domain(t->g, v, item->str);
    else if (!cg__node_add_alias(t->g, v, item->str, t->file_where, error)) {
      fix_where(t, col, error);
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean
read_nodes(CgGraph *g, const char *path, GError **error)
{
  Tsv t;
  if (!tsv_open(&t, g, path, TRUE, error)) {
    tsv_close(&t);
    return FALSE;
  }
  enum { ID, NAME, EN, STAGE, WEIGHT, IMPORT, SUBST, RECYCLE, ALIASES, DOMAINS, NCOLS };
  static const char *const names[NCOLS] = {"id",     "name",  "name_en", "stage",   "weight",
                                           "import", "subst", "recycle", "aliases", "domains"};
  int c[NCOLS];
  for (guint i = 0; i < NCOLS; i++)
    c[i] = tsv_col(&t, names[i]);
  gboolean ok = tsv_require(&t, c[ID], "id", error);
  if (ok) {
    /* Reserve the node array once: GArray grows by doubling, which would copy it ~20
     * times and briefly hold two copies. */
    guint old = g->nodes->len, more = tsv_count_lines(&t);
    g_array_set_size(g->nodes, old + more);
    g_array_set_size(g->nodes, old);
    cg__advise_big(&g_array_index(g->nodes, CgNodeRec, old), more * sizeof(CgNodeRec));
  }
  GString *item = g_string_new(NULL);
  int r = 0;
  while (ok && (r = tsv_next(&t, error)) > 0) {
    const char *id, *stage;
    if (!(ok = tsv_str(&t, c[ID], TRUE, &id, error)))
      break;
    if (!id) {
      cg__set_error_at(error, CG_ERROR_PARSE, tsv_where(&t, c[ID]), "id: empty node id");
      ok = FALSE;
      break;
    }
    gboolean attrs = FALSE, extra = FALSE;
    for (guint i = NAME; i < NCOLS; i++)
      if (c[i] >= 0 && t.flen[c[i]] > 0) {
        attrs = TRUE;
        extra = extra || i != STAGE;
      }
    /* A node with only an id and a stage gets no CgNodeExtra (the place is kept in it):
     * large generated tables load without a million small allocations. */
    guint32 v = cg__node_ensure(g, id, extra ? t.file_where : NULL, NULL);
    if (!attrs)
      continue;
    ok = node_string(&t, c[NAME], v, cg__node_set_name, error) &&
         node_string(&t, c[EN], v, cg__node_set_name_en, error) &&
         tsv_str(&t, c[STAGE], TRUE, &stage, error);
    if (ok && stage) {
      CgStage st;
      if (!cg_stage_from_string(stage, &st)) {
        cg__set_error_at(error, CG_ERROR_INVALID, tsv_where(&t, c[STAGE]),
                         "stage: unknown stage '%s' (expected raw, material, component, "
                         "product, application or recycling)", stage);
        ok = FALSE;
      } else if (!cg__node_set_stage(g, v, st, t.file_where, error)) {
        fix_where(&t, c[STAGE], error);
        ok = FALSE;
      }
    }
    ok = ok && node_number(&t, c[WEIGHT], v, "weight", error) &&
         node_number(&t, c[IMPORT], v, "import", error) &&
         node_number(&t, c[SUBST], v, "subst", error) &&
         node_number(&t, c[RECYCLE], v, "recycle", error) &&
         node_list(&t, c[ALIASES], v, TRUE, item, error) &&
         node_list(&t, c[DOMAINS], v, FALSE, item, error);
  }
  g_string_free(item, TRUE);
  ok = ok && r == 0;
  tsv_close(&t);
  return ok;
}

static gboolean
read_regions(CgGraph *g, const char *path, GError **error)
{
  Tsv t;
  gboolean ok = tsv_open(&t, g, path, FALSE, error);
  if (!ok || !t.map) {
    tsv_close(&t);
    return ok;
  }
  int cname = tsv_col(&t, "name"), cid = tsv_col(&t, "id"), cen = tsv_col(&t, "name_en"),
      clevel = tsv_col(&t, "level"), cparent = tsv_col(&t, "parent"),
      caliases = tsv_col(&t, "aliases");
  ok = tsv_require(&t, cname >= 0 ? cname : cid, "name", error);
  GString *item = g_string_new(NULL);
  int r = 0;
  while (ok && (r = tsv_next(&t, error)) > 0) {
    const char *name, *id, *s;
    if (!(ok = tsv_str(&t, cname, TRUE, &name, error) && tsv_str(&t, cid, TRUE, &id, error)))
      break;
    if (!name)
      name = id;
    if (!name) {
      cg__set_error_at(error, CG_ERROR_PARSE, tsv_where(&t, cname), "name: empty region name");
      ok = FALSE;
      break;
    }
    /* Regions are few: each gets its exact place. */
    const char *where = tsv_where(&t, -1);
    guint32 ri = cg__region_ensure(g, name, where);
    if (id && strcmp(id, name) != 0 && !cg__region_set_id(g, ri, id, where, error))
      ok = FALSE;
    if (ok && (ok = tsv_str(&t, cen, TRUE, &s, error)) && s)
      ok = cg__region_set_name_en(g, ri, s, where, error);
    if (ok && (ok = tsv_str(&t, cparent, TRUE, &s, error)) && s)
      ok = cg__region_set_parent(g, ri, s, where, error);
    if (ok && (ok = tsv_str(&t, clevel, TRUE, &s, error)) && s) {
      CgRegionLevel level;
      if (!cg_level_from_string(s, &level)) {
        cg__set_error_at(error, CG_ERROR_INVALID, tsv_where(&t, clevel),
                         "level: unknown level '%s' (expected country, province, city, "
                         "district, zone or cluster)", s);
        ok = FALSE;
      } else {
        ok = cg__region_set_level(g, ri, level, where, error);
      }
    }
    guint pos = 0;
    while (ok && tsv_list_next(&t, caliases, &pos, item)) {
      if (!item->len)
        continue;
      /* No region-alias setter in the builder API: do what the chain format does. */
      CgRegionRec *rr = g->regions->pdata[ri];
      const char *a = cg__intern(g, item->str);
      gssize other = cg__region_lookup(g, a);
      if (other >= 0 && (guint32)other != ri) {
        cg__set_error_at(error, CG_ERROR_CONFLICT, tsv_where(&t, caliases),
                         "region alias '%s' already names '%s'", a,
                         ((CgRegionRec *)g->regions->pdata[other])->name);
        ok = FALSE;
      } else if (other < 0) {
        g_hash_table_insert(g->region_by_name, (gpointer)a, GUINT_TO_POINTER(ri + 1));
        if (!rr->aliases)
          rr->aliases = g_ptr_array_new();
        g_ptr_array_add(rr->aliases, (gpointer)a);
      }
    }
  }
  g_string_free(item, TRUE);
  ok = ok && r == 0;
  tsv_close(&t);
  return ok;
}

static gboolean
read_chains(CgGraph *g, const char *path, GError **error)
{
  Tsv t;
  gboolean ok = tsv_open(&t, g, path, FALSE, error);
  if (!ok || !t.map) {
    tsv_close(&t);
    return ok;
  }
  int cid = tsv_col(&t, "id"), cname = tsv_col(&t, "name"), cen = tsv_col(&t, "name_en"),
      cpath = tsv_col(&t, "path");
  ProvCols pc;
  prov_cols(&t, &pc);
  ok = tsv_require(&t, cid, "id", error);
  int r = 0;
  while (ok && (r = tsv_next(&t, error)) > 0) {
    const char *id, *s;
    CgProvenance p;
    if (!(ok = tsv_str(&t, cid, TRUE, &id, error)))
      break;
    if (!id || g_hash_table_contains(g->chain_by_id, id)) {
      cg__set_error_at(error, id ? CG_ERROR_CONFLICT : CG_ERROR_PARSE, tsv_where(&t, cid),
                       id ? "chain '%s' is defined twice" : "id: empty chain id%s", id ? id : "");
      ok = FALSE;
      break;
    }
    /* No chain builder in the private API: build the record as the chain format does;
     * cg__graph_finish() turns edge_keys into edge indices. */
    CgChainRec *ch = g_new0(CgChainRec, 1);
    ch->id = cg__intern(g, id);
    ch->stages = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    ch->nodes = g_array_new(FALSE, FALSE, sizeof(guint32));
    ch->edge_keys = g_array_new(FALSE, FALSE, sizeof(guint64));
    g_ptr_array_add(g->chains, ch);
    g_hash_table_insert(g->chain_by_id, (gpointer)ch->id, GUINT_TO_POINTER(g->chains->len));
    if ((ok = tsv_str(&t, cname, TRUE, &s, error)))
      ch->name = cg__intern(g, s);
    if (ok && (ok = tsv_str(&t, cen, TRUE, &s, error)))
      ch->name_en = cg__intern(g, s);
    if (ok && (ok = tsv_str(&t, cpath, TRUE, &s, error)))
      ch->path = cg__intern(g, s);
    if (ok && (ok = tsv_prov(&t, &pc, &p, error))) {
      p.where = tsv_where(&t, -1);
      ch->prov = p;
    }
  }
  ok = ok && r == 0;
  tsv_close(&t);
  return ok;
}

static gboolean
tsv_chain(Tsv *t, int col, CgChainRec **out, GError **error)
{
  const char *id;
  if (!tsv_str(t, col, TRUE, &id, error))
    return FALSE;
  gpointer hit = id ? g_hash_table_lookup(t->g->chain_by_id, id) : NULL;
  if (!hit) {
    cg__set_error_at(error, CG_ERROR_UNKNOWN, tsv_where(t, col),
                     "chain: unknown chain '%s' (not in the chains file)", id ? id : "");
    return FALSE;
  }
  *out = t->g->chains->pdata[GPOINTER_TO_UINT(hit) - 1];
  return TRUE;
}

/* chain-nodes rows: an empty stage lists the chain's nodes in order; stage k (from 0)
 * lists the members of the chain's k-th stage in order. */
static gboolean
read_chain_nodes(CgGraph *g, const char *path, GError **error)
{
  Tsv t;
  gboolean ok = tsv_open(&t, g, path, FALSE, error);
  if (!ok || !t.map) {
    tsv_close(&t);
    return ok;
  }
  int cchain = tsv_col(&t, "chain"), cstage = tsv_col(&t, "stage"), cnode = tsv_col(&t, "node");
  ok = tsv_require(&t, cchain, "chain", error) && tsv_require(&t, cnode, "node", error);
  int r = 0;
  while (ok && (r = tsv_next(&t, error)) > 0) {
    CgChainRec *ch;
    guint32 v;
    double stage;
    if (!(ok = tsv_chain(&t, cchain, &ch, error) && tsv_node(&t, cnode, &v, error)))
      break;
    if (cstage >= 0 && t.flen[cstage] == 5 && memcmp(t.f[cstage], "local", 5) == 0) {
      cg__chain_add_local(g, ch, v);
      continue;
    }
    if (!(ok = tsv_num(&t, cstage, &stage, error)))
      break;
    if (isnan(stage)) {
      g_array_append_val(ch->nodes, v);
      continue;
    }
    if (stage < 0 || stage > 10000 || stage != (guint)stage) {
      cg__set_error_at(error, CG_ERROR_INVALID, tsv_where(&t, cstage),
                       "stage: %g is not a stage number (0, 1, 2, …)", stage);
      ok = FALSE;
      break;
    }
    while (ch->stages->len <= (guint)stage)
      g_ptr_array_add(ch->stages, g_array_new(FALSE, FALSE, sizeof(guint32)));
    g_array_append_val((GArray *)ch->stages->pdata[(guint)stage], v);
  }
  ok = ok && r == 0;
  tsv_close(&t);
  return ok;
}

static gboolean
read_chain_edges(CgGraph *g, const char *path, GError **error)
{
  Tsv t;
  gboolean ok = tsv_open(&t, g, path, FALSE, error);
  if (!ok || !t.map) {
    tsv_close(&t);
    return ok;
  }
  int cchain = tsv_col(&t, "chain"), csrc = tsv_col(&t, "source"), cdst = tsv_col(&t, "target");
  ok = tsv_require(&t, cchain, "chain", error) && tsv_require(&t, csrc, "source", error) &&
       tsv_require(&t, cdst, "target", error);
  int r = 0;
  while (ok && (r = tsv_next(&t, error)) > 0) {
    CgChainRec *ch;
    guint32 u, v;
    if (!(ok = tsv_chain(&t, cchain, &ch, error) && tsv_node(&t, csrc, &u, error) &&
               tsv_node(&t, cdst, &v, error)))
      break;
    guint64 key = ((guint64)u << 32) | v;
    g_array_append_val(ch->edge_keys, key);
  }
  ok = ok && r == 0;
  tsv_close(&t);
  return ok;
}

/* provenance rows: node or region, and for nodes an optional chokepoint kind; a row with
 * neither but a kind and a document is a document-wide risk statement. */
static gboolean
read_provenance(CgGraph *g, const char *path, GError **error)
{
  Tsv t;
  gboolean ok = tsv_open(&t, g, path, FALSE, error);
  if (!ok || !t.map) {
    tsv_close(&t);
    return ok;
  }
  int cnode = tsv_col(&t, "node"), cregion = tsv_col(&t, "region"),
      ckind = tsv_col(&t, "chokepoint");
  ProvCols pc;
  prov_cols(&t, &pc);
  ok = tsv_require(&t, cnode >= 0 ? cnode : cregion, "node", error);
  int r = 0;
  while (ok && (r = tsv_next(&t, error)) > 0) {
    const char *region, *kind;
    CgProvenance p;
    if (!(ok = tsv_str(&t, cregion, TRUE, &region, error) &&
               tsv_str(&t, ckind, TRUE, &kind, error) && tsv_prov(&t, &pc, &p, error)))
      break;
    p.where = tsv_where(&t, -1);
    if (cnode >= 0 && t.flen[cnode]) {
      guint32 v;
      if (!(ok = tsv_node(&t, cnode, &v, error)))
        break;
      if (kind)
        cg__node_add_chokepoint(g, v, kind, &p);
      else
        cg__node_add_provenance(g, v, &p);
    } else if (region) {
      gssize ri = cg__region_lookup(g, region);
      if (ri < 0) {
        cg__set_error_at(error, CG_ERROR_UNKNOWN, tsv_where(&t, cregion),
                         "region: unknown region '%s'", region);
        ok = FALSE;
        break;
      }
      cg__region_add_provenance(g, (guint32)ri, &p);
    } else if (kind && p.document >= 0) {
      cg__document_add_risk(g, (guint32)p.document, kind, &p);
    } else {
      cg__set_error_at(error, CG_ERROR_PARSE, tsv_where(&t, -1),
                       "a provenance row needs a node, a region, or a chokepoint kind and a "
                       "document (a document-wide risk statement)");
      ok = FALSE;
    }
  }
  ok = ok && r == 0;
  tsv_close(&t);
  return ok;
}

/* An index of node ids for the edges table, which looks up two ids per row: ten million
 * look-ups for a five-million-edge file, at random places of a table too large for the
 * cache, so the cost is the cache misses. GHashTable's by_id costs four per look-up (hash,
 * key, value, the string). Here a 16-byte slot holds the hash, the node and the id's first
 * eight bytes: an id of at most eight bytes (most generated and many real ids) is found
 * with one miss; a longer one is confirmed against a copy of the ids kept back to back in
 * node order. The field is hashed where it lies in the mapping. */
typedef struct {
  guint32 hash;   /* id_hash(), whose low bits hold a short id's length; 0 = empty slot */
  guint32 node;
  guint64 head;   /* the id's first 8 bytes, zero-padded */
} IdSlot;

typedef struct {
  IdSlot *slots;
  guint64 mask;
  char *arena;     /* the ids, back to back */
  guint32 *off;    /* [n + 1]: id of node v is arena[off[v] .. off[v + 1]) */
} IdIndex;

/* FNV-1a (ids are short, and it spreads "n1", "n2", … well) whose low four bits are the
 * length of a short id (1 to 8) or 15 for a longer one: never 0 for an id. */
static inline guint32
id_hash(const char *s, gsize len)
{
  guint32 h = 2166136261u;
  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar)s[i]) * 16777619u;
  return (h & ~15u) | (len <= 8 ? (guint32)len : 15u);
}

static inline guint64
id_head(const char *s, gsize len)
{
  guint64 x = 0;
  memcpy(&x, s, MIN(len, (gsize)8));
  return x;
}

static void
id_index_build(IdIndex *x, const CgGraph *g)
{
  guint32 n = g->nodes->len;
  gsize total = 0;
  for (guint32 v = 0; v < n; v++)
    total += strlen(cg__node(g, v)->id);
  x->arena = g_malloc(total ? total : 1);
  x->off = g_new(guint32, (gsize)n + 1);
  gsize size = 16;
  while (size < 2 * (gsize)n)
    size <<= 1;
  x->slots = cg__alloc_big(size * sizeof(IdSlot), TRUE);
  x->mask = size - 1;
  gsize pos = 0;
  for (guint32 v = 0; v < n; v++) {
    const char *id = cg__node(g, v)->id;
    gsize len = strlen(id);
    memcpy(x->arena + pos, id, len);
    x->off[v] = (guint32)pos;
    pos += len;
    guint32 h = id_hash(id, len);
    guint64 i = (h >> 4) & x->mask;
    while (x->slots[i].hash)
      i = (i + 1) & x->mask;
    x->slots[i] = (IdSlot){h, v, id_head(id, len)};
  }
  x->off[n] = (guint32)pos;
}

static void
id_index_free(IdIndex *x)
{
  g_free(x->slots);
  g_free(x->arena);
  g_free(x->off);
}

static inline gssize
id_index_find(const IdIndex *x, const char *s, gsize len)
{
  guint32 h = id_hash(s, len);
  guint64 head = id_head(s, len);
  for (guint64 i = (h >> 4) & x->mask;; i = (i + 1) & x->mask) {
    const IdSlot *slot = &x->slots[i];
    if (!slot->hash)
      return -1;
    if (slot->hash != h || slot->head != head)
      continue;
    guint32 v = slot->node;
    if (len <= 8) /* the same length (in the hash) and the same bytes */
      return v;
    if (x->off[v + 1] - x->off[v] == len && memcmp(x->arena + x->off[v] + 8, s + 8, len - 8) == 0)
      return v;
  }
}

/* Look-ups at random places of a table larger than the cache wait on memory, one at a
 * time. A second cursor runs PREFETCH_AHEAD rows ahead of the reader and asks the cache
 * for the slot where the id in its field @col will be looked up, so that the waits
 * overlap. A hint only: the rows are read and checked later as usual. */
#define PREFETCH_AHEAD 16

typedef struct {
  const char *p; /* start of the row it will hint next */
  int col;
} Ahead;

static void
ahead_init(Ahead *a, const Tsv *t, int col)
{
  a->p = t->p;
  a->col = col;
  for (int i = 0; i < PREFETCH_AHEAD && a->p < t->end; i++) {
    const char *nl = memchr(a->p, '\n', t->end - a->p);
    a->p = nl ? nl + 1 : t->end;
  }
}

static inline void
ahead_step(Ahead *a, const Tsv *t, const IdIndex *x)
{
  if (a->p >= t->end)
    return;
  const char *nl = memchr(a->p, '\n', t->end - a->p);
  const char *le = nl ? nl : t->end, *s = a->p;
  a->p = nl ? nl + 1 : t->end;
  for (int k = 0; k < a->col; k++) {
    const char *tab = memchr(s, '\t', le - s);
    if (!tab)
      return;
    s = tab + 1;
  }
  const char *f = memchr(s, '\t', le - s);
  gsize len = (gsize)((f ? f : le) - s);
  if (len && s[len - 1] == '\r')
    len--;
  if (len)
    __builtin_prefetch(&x->slots[(id_hash(s, len) >> 4) & x->mask]);
}

/* The last id seen in a column and its node: edge files are usually sorted by one end
 * (ours by target), so the same id comes in runs. */
typedef struct {
  const char *s;
  gsize len;
  guint32 v;
} LastId;

/* The node named by field @col of an edge or capability row. */
static gboolean
row_node(Tsv *t, const IdIndex *x, int col, LastId *last, guint32 *out, GError **error)
{
  const char *s = t->f[col];
  gsize len = t->flen[col];
  if (len == last->len && last->s && memcmp(s, last->s, len) == 0) {
    *out = last->v;
    return TRUE;
  }
  if (G_UNLIKELY(memchr(s, '\\', len) != NULL)) {
    g_string_truncate(t->buf[col], 0);
    unescape_into(t->buf[col], s, len);
    s = t->buf[col]->str;
    len = t->buf[col]->len;
  }
  gssize v = len ? id_index_find(x, s, len) : -1;
  if (G_LIKELY(v >= 0)) {
    *out = (guint32)v;
    if (s == t->f[col]) /* an unescaped id, still in the mapping */
      *last = (LastId){s, len, (guint32)v};
    return TRUE;
  }
  return tsv_node(t, col, out, error); /* the message */
}

/* The index over the nodes, built when the first table that needs it is read (the nodes
 * table comes first, and no later table adds nodes). */
static const IdIndex *
id_index_ensure(IdIndex *x, const CgGraph *g)
{
  if (!x->slots)
    id_index_build(x, g);
  return x;
}

static gboolean
read_edges(CgGraph *g, const char *path, gboolean required, IdIndex *ids, GError **error)
{
  Tsv t;
  gboolean ok = tsv_open(&t, g, path, required, error);
  if (!ok || !t.map) {
    tsv_close(&t);
    return ok;
  }
  int csrc = tsv_col(&t, "source"), cdst = tsv_col(&t, "target"), cgroup = tsv_col(&t, "group"),
      cchain = tsv_col(&t, "chain");
  ProvCols pc;
  prov_cols(&t, &pc);
  ok = tsv_require(&t, csrc, "source", error) && tsv_require(&t, cdst, "target", error);
  const IdIndex *index = NULL;
  LastId last_src = {0}, last_dst = {0};
  if (ok) {
    guint old = g->edges->len, more = tsv_count_lines(&t);
    g_array_set_size(g->edges, old + more);
    g_array_set_size(g->edges, old);
    cg__advise_big(&g_array_index(g->edges, CgEdgeRec, old), more * sizeof(CgEdgeRec));
    index = id_index_ensure(ids, g);
  }
  Ahead ahead;
  ahead_init(&ahead, &t, csrc);
  guint32 plain = CG_NONE, last_origin = CG_NONE, last_label = 0;
  CgProvenance last_prov = {-1, NULL, NULL, NULL, NULL};
  guint32 last_chain = CG_NONE;
  /* Grouped edges of one target are usually adjacent: remember the last label. */
  GString *last_group = g_string_new(NULL);
  gboolean have_label = FALSE;
  int r = 0;
  while (ok && (r = tsv_next(&t, error)) > 0) {
    guint32 u, v, label, origin;
    if (index)
      ahead_step(&ahead, &t, index);
    if (!(ok = row_node(&t, index, csrc, &last_src, &u, error) &&
               row_node(&t, index, cdst, &last_dst, &v, error)))
      break;
    if (cgroup >= 0 && t.flen[cgroup]) {
      const char *grp;
      if (!(ok = tsv_str(&t, cgroup, TRUE, &grp, error)))
        break;
      if (!have_label || strcmp(grp, last_group->str) != 0) {
        last_label = cg__label_intern(g, grp);
        g_string_assign(last_group, grp);
        have_label = TRUE;
      }
      label = last_label;
    } else {
      label = cg__label_own(g);
    }
    gboolean chain_given = cchain >= 0 && t.flen[cchain];
    if (prov_given(&t, &pc) || chain_given) {
      CgProvenance p;
      guint32 ci = CG_NONE;
      CgChainRec *ch;
      if (!(ok = tsv_prov(&t, &pc, &p, error)))
        break;
      if (chain_given) {
        if (!(ok = tsv_chain(&t, cchain, &ch, error)))
          break;
        ci = GPOINTER_TO_UINT(g_hash_table_lookup(g->chain_by_id, ch->id)) - 1;
      }
      /* Edges of one statement are usually adjacent: share their origin. */
      if (last_origin == CG_NONE || ci != last_chain || p.document != last_prov.document ||
          p.section != last_prov.section || p.quote != last_prov.quote ||
          p.inferred != last_prov.inferred) {
        last_origin = cg__origin_add(g, path, &p, ci);
        last_prov = p;
        last_chain = ci;
      }
      origin = last_origin;
    } else {
      if (plain == CG_NONE)
        plain = cg__origin_add(g, path, NULL, CG_NONE);
      origin = plain;
    }
    cg__edge_add(g, u, v, label, origin, t.line);
  }
  g_string_free(last_group, TRUE);
  ok = ok && r == 0;
  tsv_close(&t);
  return ok;
}

static gboolean
read_capabilities(CgGraph *g, const char *path, IdIndex *ids, GError **error)
{
  Tsv t;
  gboolean ok = tsv_open(&t, g, path, FALSE, error);
  if (!ok || !t.map) {
    tsv_close(&t);
    return ok;
  }
  int cregion = tsv_col(&t, "region"), cnode = tsv_col(&t, "node"), cshare = tsv_col(&t, "share"),
      cdev = tsv_col(&t, "develop");
  ProvCols pc;
  prov_cols(&t, &pc);
  ok = tsv_require(&t, cregion, "region", error) && tsv_require(&t, cnode, "node", error);
  const IdIndex *index = ok ? id_index_ensure(ids, g) : NULL;
  LastId last_node = {0};
  Ahead ahead;
  ahead_init(&ahead, &t, cnode);
  int r = 0;
  while (ok && (r = tsv_next(&t, error)) > 0) {
    const char *region, *dev;
    guint32 v;
    double share;
    CgProvenance p;
    if (index)
      ahead_step(&ahead, &t, index);
    if (!(ok = tsv_str(&t, cregion, TRUE, &region, error) &&
               row_node(&t, index, cnode, &last_node, &v, error) &&
               tsv_num(&t, cshare, &share, error) && tsv_str(&t, cdev, TRUE, &dev, error) &&
               tsv_prov(&t, &pc, &p, error)))
      break;
    gssize ri = region ? cg__region_lookup(g, region) : -1;
    if (ri < 0) {
      cg__set_error_at(error, CG_ERROR_UNKNOWN, tsv_where(&t, cregion),
                       "region: unknown region '%s' (not in the regions file)",
                       region ? region : "");
      ok = FALSE;
      break;
    }
    if (!isnan(share) && !(share > 0 && share <= 1)) {
      cg__set_error_at(error, CG_ERROR_INVALID, tsv_where(&t, cshare),
                       "share: %g is out of range (expected 0 < share <= 1)", share);
      ok = FALSE;
      break;
    }
    gboolean develop = FALSE;
    if (dev) {
      if (strcmp(dev, "1") == 0 || g_ascii_strcasecmp(dev, "true") == 0 ||
          g_ascii_strcasecmp(dev, "yes") == 0 || g_ascii_strcasecmp(dev, "develop") == 0)
        develop = TRUE;
      else if (!(strcmp(dev, "0") == 0 || g_ascii_strcasecmp(dev, "false") == 0 ||
                 g_ascii_strcasecmp(dev, "no") == 0 || g_ascii_strcasecmp(dev, "produce") == 0)) {
        cg__set_error_at(error, CG_ERROR_PARSE, tsv_where(&t, cdev),
                         "develop: '%s' is not 0 or 1", dev);
        ok = FALSE;
        break;
      }
    }
    /* Two million claims would intern two million "file:line" strings: the row keeps
     * its line, and the place is made when asked for. */
    p.where = t.file_where;
    cg__region_add_capability(g, (guint32)ri, v, share, develop, &p, t.line);
  }
  ok = ok && r == 0;
  tsv_close(&t);
  return ok;
}

/* The tables of a TSV graph, in the order they are read: each may refer only to what the
 * ones before it define. */
static const char *const tsv_tables[] = {"documents", "nodes",   "regions",
                                         "chains",    "chain-nodes", "chain-edges",
                                         "provenance", "edges",  "capabilities"};

/* PREFIX from PREFIX.tsv, PREFIX.nodes.tsv, PREFIX.edges.tsv (or any table's name). */
static char *
tsv_prefix(const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS(tsv_tables); i++) {
    char *suffix = g_strconcat(".", tsv_tables[i], ".tsv", NULL);
    gboolean hit = g_str_has_suffix(path, suffix);
    gsize n = strlen(suffix);
    g_free(suffix);
    if (hit)
      return g_strndup(path, strlen(path) - n);
  }
  if (g_str_has_suffix(path, ".tsv"))
    return g_strndup(path, strlen(path) - 4);
  return g_strdup(path);
}

static char *
table_path(const char *prefix, const char *table)
{
  return g_strconcat(prefix, ".", table, ".tsv", NULL);
}

/**
 * cg__tsv_read:
 * @g: the graph being loaded
 * @path: `PREFIX.tsv`, `PREFIX.nodes.tsv`, `PREFIX.edges.tsv` (or another table of the set)
 *
 * Reads the TSV tables of PREFIX (docs/formats.md). PREFIX.nodes.tsv is required; the
 * others are read when they exist (PREFIX.edges.tsv must exist if @path names it). Errors
 * name `file:line:column`. The caller finishes the graph.
 *
 * Returns: %FALSE with @error set. O(total size of the files) plus O(1) expected per row.
 */
gboolean
cg__tsv_read(CgGraph *g, const char *path, GError **error)
{
  g_return_val_if_fail(g != NULL && path != NULL, FALSE);
  char *prefix = tsv_prefix(path);
  gboolean edges_named = g_str_has_suffix(path, ".edges.tsv");
  gboolean ok = TRUE;
  IdIndex ids = {0};
  for (guint i = 0; ok && i < G_N_ELEMENTS(tsv_tables); i++) {
    char *file = table_path(prefix, tsv_tables[i]);
    switch (i) {
    case 0: ok = read_documents(g, file, error); break;
    case 1: ok = read_nodes(g, file, error); break;
    case 2: ok = read_regions(g, file, error); break;
    case 3: ok = read_chains(g, file, error); break;
    case 4: ok = read_chain_nodes(g, file, error); break;
    case 5: ok = read_chain_edges(g, file, error); break;
    case 6: ok = read_provenance(g, file, error); break;
    case 7: ok = read_edges(g, file, edges_named, &ids, error); break;
    default: ok = read_capabilities(g, file, &ids, error); break;
    }
    g_free(file);
  }
  id_index_free(&ids);
  g_free(prefix);
  return ok;
}

/* ---- writing ------------------------------------------------------------------------ */

/* A table being written: rows go into a GString that is handed to stdio in multi-megabyte
 * chunks, so five million edges cost a few hundred large writes. */
typedef struct {
  char *path;
  FILE *f;
  GString *b;
  int err; /* errno of the first failure */
} Out;

#define OUT_CHUNK (8u << 20)

static gboolean
out_open(Out *o, const char *path, const char *header, GError **error)
{
  o->path = g_strdup(path);
  o->err = 0;
  o->f = g_fopen(path, "wb");
  if (!o->f) {
    int e = errno;
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot write: %s", path, g_strerror(e));
    g_free(o->path);
    return FALSE;
  }
  /* Our chunks bypass stdio's buffer anyway; no point in a large one. */
  setvbuf(o->f, NULL, _IONBF, 0);
  o->b = g_string_sized_new(OUT_CHUNK + 4096);
  g_string_append(o->b, header);
  g_string_append_c(o->b, '\n');
  return TRUE;
}

static void
out_flush(Out *o)
{
  if (o->b->len && !o->err && fwrite(o->b->str, 1, o->b->len, o->f) != o->b->len)
    o->err = errno ? errno : EIO;
  g_string_truncate(o->b, 0);
}

static inline void
out_row_end(Out *o)
{
  g_string_append_c(o->b, '\n');
  if (G_UNLIKELY(o->b->len >= OUT_CHUNK))
    out_flush(o);
}

static gboolean
out_close(Out *o, GError **error)
{
  out_flush(o);
  if (fclose(o->f) != 0 && !o->err)
    o->err = errno ? errno : EIO;
  g_string_free(o->b, TRUE);
  gboolean ok = o->err == 0;
  if (!ok)
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot write: %s", o->path, g_strerror(o->err));
  g_free(o->path);
  return ok;
}

/* Appends @s with tab, newline, carriage return and backslash escaped (and `|` too inside
 * a list item). strcspn finds the runs that need nothing. */
static void
put_field(GString *b, const char *s, gboolean list_item)
{
  if (!s)
    return;
  const char *special = list_item ? "\t\n\r\\|" : "\t\n\r\\";
  for (;;) {
    size_t n = strcspn(s, special);
    g_string_append_len(b, s, (gssize)n);
    s += n;
    if (!*s)
      return;
    g_string_append_c(b, '\\');
    g_string_append_c(b, *s == '\t' ? 't' : *s == '\n' ? 'n' : *s == '\r' ? 'r' : *s);
    s++;
  }
}

static void
put_list(GString *b, const GPtrArray *a)
{
  for (guint i = 0; a && i < a->len; i++) {
    if (i)
      g_string_append_c(b, '|');
    put_field(b, a->pdata[i], TRUE);
  }
}

static void
put_double(GString *b, double x)
{
  if (isnan(x))
    return;
  static const char *const fmts[] = {"%.15g", "%.16g", "%.17g"};
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  for (guint i = 0; i < G_N_ELEMENTS(fmts); i++) {
    g_ascii_formatd(buf, sizeof buf, fmts[i], x);
    if (g_ascii_strtod(buf, NULL) == x)
      break;
  }
  g_string_append(b, buf);
}

static void
put_float(GString *b, float x)
{
  if (isnan(x))
    return;
  static const char *const fmts[] = {"%.6g", "%.7g", "%.8g", "%.9g"};
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  for (guint i = 0; i < G_N_ELEMENTS(fmts); i++) {
    g_ascii_formatd(buf, sizeof buf, fmts[i], (double)x);
    if ((float)g_ascii_strtod(buf, NULL) == x)
      break;
  }
  g_string_append(b, buf);
}

static void
put_uint(GString *b, guint32 x)
{
  char buf[12], *p = buf + sizeof buf;
  do
    *--p = (char)('0' + x % 10);
  while ((x /= 10));
  g_string_append_len(b, p, buf + sizeof buf - p);
}

static inline void
tab(GString *b)
{
  g_string_append_c(b, '\t');
}

static const char *
doc_file(const CgGraph *g, int d)
{
  return d >= 0 && (guint)d < g->documents->len ? ((const CgDocRec *)g->documents->pdata[d])->file
                                                : NULL;
}

/* "\tdocument\tsection\tquote\tinferred" of @p. */
static void
put_prov(GString *b, const CgGraph *g, const CgProvenance *p)
{
  tab(b);
  put_field(b, doc_file(g, p->document), FALSE);
  tab(b);
  put_field(b, p->section, FALSE);
  tab(b);
  put_field(b, p->quote, FALSE);
  tab(b);
  put_field(b, p->inferred, FALSE);
}

static gboolean
origin_informative(const CgOrigin *o)
{
  return o->prov.document >= 0 || o->prov.section || o->prov.quote || o->prov.inferred ||
         o->chain != CG_NONE;
}

static gboolean
write_nodes(const CgGraph *g, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, file,
                "id\tname\tname_en\tstage\tweight\timport\tsubst\trecycle\taliases\tdomains",
                error))
    return FALSE;
  GString *b = o.b;
  for (guint32 v = 0; v < g->nodes->len; v++) {
    const CgNodeRec *n = cg__node(g, v);
    put_field(b, n->id, FALSE);
    tab(b);
    put_field(b, n->name, FALSE);
    tab(b);
    put_field(b, n->name_en, FALSE);
    tab(b);
    if (n->stage != CG_STAGE_UNKNOWN)
      g_string_append(b, cg_stage_to_string(n->stage));
    tab(b);
    put_double(b, n->weight);
    tab(b);
    put_double(b, n->import_share);
    tab(b);
    put_double(b, n->subst);
    tab(b);
    put_double(b, n->recycle);
    tab(b);
    put_list(b, n->x ? n->x->aliases : NULL);
    tab(b);
    put_list(b, n->x ? n->x->domains : NULL);
    out_row_end(&o);
  }
  return out_close(&o, error);
}

/* One row per edge; an edge given by several statements gets one row per statement
 * (reading merges them back), and the provenance columns exist only when some edge has
 * provenance, to keep large plain graphs lean. */
static gboolean
write_edges(const CgGraph *g, const char *file, GError **error)
{
  gboolean with_prov = FALSE;
  for (guint i = 0; i < g->origins->len && !with_prov; i++)
    with_prov = origin_informative(&g_array_index(g->origins, CgOrigin, i));
  Out o;
  if (!out_open(&o, file,
                with_prov ? "source\ttarget\tgroup\tdocument\tsection\tquote\tinferred\tchain"
                          : "source\ttarget\tgroup",
                error))
    return FALSE;
  /* Every edge writes two ids: escape each id once, into one arena in node order, instead
   * of visiting the node array and the scattered strings ten million times. */
  guint32 n = g->nodes->len;
  GString *ids = g_string_sized_new(16 * (gsize)n + 1);
  guint32 *off = g_new(guint32, (gsize)n + 1);
  for (guint32 v = 0; v < n; v++) {
    off[v] = (guint32)ids->len;
    put_field(ids, cg__node(g, v)->id, FALSE);
  }
  off[n] = (guint32)ids->len;
  GString *b = o.b, *key = g_string_new(NULL);
  for (guint32 e = 0; e < g->edges->len; e++) {
    guint32 gi = g->egroup[e], dst = g->group_node[gi], src = g->esrc[e];
    gsize row_start = b->len;
    g_string_append_len(b, ids->str + off[src], off[src + 1] - off[src]);
    tab(b);
    g_string_append_len(b, ids->str + off[dst], off[dst + 1] - off[dst]);
    tab(b);
    /* Only groups of two or more members need a label; it is the group's number among
     * its target's groups, unique within the target. */
    if (g->gmem_off[gi + 1] - g->gmem_off[gi] >= 2)
      put_uint(b, gi - g->in_goff[dst]);
    if (!with_prov) {
      out_row_end(&o);
      continue;
    }
    /* "source\ttarget\tgroup" again for each further statement. */
    g_string_truncate(key, 0);
    g_string_append_len(key, b->str + row_start, (gssize)(b->len - row_start));
    guint32 first = g_array_index(g->edges, CgEdgeRec, e).origin;
    GArray *more = g->edge_more_origins
                       ? g_hash_table_lookup(g->edge_more_origins, GUINT_TO_POINTER(e))
                       : NULL;
    guint rows = 0;
    for (guint k = 0; k <= (more ? more->len : 0); k++) {
      guint32 oi = k == 0 ? first : g_array_index(more, guint32, k - 1);
      const CgOrigin *org = &g_array_index(g->origins, CgOrigin, oi);
      if (!origin_informative(org))
        continue;
      if (rows++) {
        g_string_append_c(b, '\n');
        g_string_append_len(b, key->str, (gssize)key->len);
      }
      put_prov(b, g, &org->prov);
      tab(b);
      if (org->chain != CG_NONE && org->chain < g->chains->len)
        put_field(b, ((const CgChainRec *)g->chains->pdata[org->chain])->id, FALSE);
    }
    if (!rows)
      g_string_append(b, "\t\t\t\t\t");
    out_row_end(&o);
  }
  g_string_free(key, TRUE);
  g_string_free(ids, TRUE);
  g_free(off);
  return out_close(&o, error);
}

static gboolean
write_regions(const CgGraph *g, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, file, "name\tid\tname_en\tlevel\tparent\taliases", error))
    return FALSE;
  for (guint i = 0; i < g->regions->len; i++) {
    const CgRegionRec *r = g->regions->pdata[i];
    put_field(o.b, r->name, FALSE);
    tab(o.b);
    put_field(o.b, r->id, FALSE);
    tab(o.b);
    put_field(o.b, r->name_en, FALSE);
    tab(o.b);
    if (r->level != CG_LEVEL_UNKNOWN)
      g_string_append(o.b, cg_level_to_string(r->level));
    tab(o.b);
    put_field(o.b,
              r->parent != CG_NONE ? ((const CgRegionRec *)g->regions->pdata[r->parent])->name
                                   : r->parent_name,
              FALSE);
    tab(o.b);
    put_list(o.b, r->aliases);
    out_row_end(&o);
  }
  return out_close(&o, error);
}

static gboolean
write_capabilities(const CgGraph *g, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, file, "region\tnode\tshare\tdevelop\tdocument\tsection\tquote\tinferred",
                error))
    return FALSE;
  for (guint i = 0; i < g->regions->len; i++) {
    const CgRegionRec *r = g->regions->pdata[i];
    for (guint k = 0; r->claims && k < r->claims->len; k++) {
      const CgCapability *c = &g_array_index(r->claims, CgCapability, k);
      put_field(o.b, r->name, FALSE);
      tab(o.b);
      put_field(o.b, cg__node(g, c->node)->id, FALSE);
      tab(o.b);
      put_float(o.b, c->share);
      tab(o.b);
      g_string_append_c(o.b, c->develop ? '1' : '0');
      put_prov(o.b, g, &c->prov);
      out_row_end(&o);
    }
  }
  return out_close(&o, error);
}

static gboolean
write_documents(const CgGraph *g, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, file, "file\tkey\ttitle\tregion", error))
    return FALSE;
  for (guint i = 0; i < g->documents->len; i++) {
    const CgDocRec *d = g->documents->pdata[i];
    put_field(o.b, d->file, FALSE);
    tab(o.b);
    put_field(o.b, d->key, FALSE);
    tab(o.b);
    put_field(o.b, d->title, FALSE);
    tab(o.b);
    put_field(o.b, d->region, FALSE);
    out_row_end(&o);
  }
  return out_close(&o, error);
}

static void
put_prov_row(Out *o, const CgGraph *g, const char *node, const char *region, const char *kind,
             const CgProvenance *p)
{
  put_field(o->b, node, FALSE);
  tab(o->b);
  put_field(o->b, region, FALSE);
  tab(o->b);
  put_field(o->b, kind, FALSE);
  put_prov(o->b, g, p);
  out_row_end(o);
}

static gboolean
write_provenance(const CgGraph *g, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, file, "node\tregion\tchokepoint\tdocument\tsection\tquote\tinferred", error))
    return FALSE;
  for (guint32 v = 0; v < g->nodes->len; v++) {
    const CgNodeRec *n = cg__node(g, v);
    if (!n->x)
      continue;
    for (guint i = 0; n->x->provenance && i < n->x->provenance->len; i++)
      put_prov_row(&o, g, n->id, NULL, NULL, &g_array_index(n->x->provenance, CgProvenance, i));
    for (guint i = 0; n->x->chokepoints && i < n->x->chokepoints->len; i++)
      put_prov_row(&o, g, n->id, NULL, n->x->chokepoint_kinds->pdata[i],
                   &g_array_index(n->x->chokepoints, CgProvenance, i));
  }
  for (guint i = 0; i < g->regions->len; i++) {
    const CgRegionRec *r = g->regions->pdata[i];
    for (guint k = 0; r->provenance && k < r->provenance->len; k++)
      put_prov_row(&o, g, NULL, r->name, NULL, &g_array_index(r->provenance, CgProvenance, k));
  }
  for (guint d = 0; d < g->documents->len; d++) {
    const CgDocRec *doc = g->documents->pdata[d];
    for (guint k = 0; doc->risks && k < doc->risks->len; k++)
      put_prov_row(&o, g, NULL, NULL, doc->risk_kinds->pdata[k],
                   &g_array_index(doc->risks, CgProvenance, k));
  }
  return out_close(&o, error);
}

static gboolean
write_chains(const CgGraph *g, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, file, "id\tname\tname_en\tpath\tdocument\tsection\tquote\tinferred", error))
    return FALSE;
  for (guint i = 0; i < g->chains->len; i++) {
    const CgChainRec *ch = g->chains->pdata[i];
    put_field(o.b, ch->id, FALSE);
    tab(o.b);
    put_field(o.b, ch->name, FALSE);
    tab(o.b);
    put_field(o.b, ch->name_en, FALSE);
    tab(o.b);
    put_field(o.b, ch->path, FALSE);
    put_prov(o.b, g, &ch->prov);
    out_row_end(&o);
  }
  return out_close(&o, error);
}

static void
put_chain_node(Out *o, const CgGraph *g, const CgChainRec *ch, int stage, guint32 v)
{
  put_field(o->b, ch->id, FALSE);
  tab(o->b);
  if (stage >= 0)
    put_uint(o->b, (guint32)stage);
  else if (stage == -2)
    g_string_append(o->b, "local");
  tab(o->b);
  put_field(o->b, cg__node(g, v)->id, FALSE);
  out_row_end(o);
}

static gboolean
write_chain_nodes(const CgGraph *g, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, file, "chain\tstage\tnode", error))
    return FALSE;
  for (guint i = 0; i < g->chains->len; i++) {
    const CgChainRec *ch = g->chains->pdata[i];
    for (guint s = 0; ch->stages && s < ch->stages->len; s++) {
      GArray *st = ch->stages->pdata[s];
      for (guint k = 0; k < st->len; k++)
        put_chain_node(&o, g, ch, (int)s, g_array_index(st, guint32, k));
    }
    for (guint k = 0; ch->nodes && k < ch->nodes->len; k++)
      put_chain_node(&o, g, ch, -1, g_array_index(ch->nodes, guint32, k));
    for (guint k = 0; ch->locals && k < ch->locals->len; k++)
      put_chain_node(&o, g, ch, -2, g_array_index(ch->locals, guint32, k));
  }
  return out_close(&o, error);
}

static gboolean
write_chain_edges(const CgGraph *g, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, file, "chain\tsource\ttarget", error))
    return FALSE;
  for (guint i = 0; i < g->chains->len; i++) {
    const CgChainRec *ch = g->chains->pdata[i];
    for (guint k = 0; ch->edges && k < ch->edges->len; k++) {
      guint32 e = g_array_index(ch->edges, guint32, k);
      put_field(o.b, ch->id, FALSE);
      tab(o.b);
      put_field(o.b, cg__node(g, g->esrc[e])->id, FALSE);
      tab(o.b);
      put_field(o.b, cg__node(g, cg__edge_dst(g, e))->id, FALSE);
      out_row_end(&o);
    }
  }
  return out_close(&o, error);
}

static gboolean
has_provenance(const CgGraph *g)
{
  for (guint32 v = 0; v < g->nodes->len; v++) {
    const CgNodeRec *n = cg__node(g, v);
    if (n->x && ((n->x->provenance && n->x->provenance->len) ||
                 (n->x->chokepoints && n->x->chokepoints->len)))
      return TRUE;
  }
  for (guint i = 0; i < g->regions->len; i++) {
    const CgRegionRec *r = g->regions->pdata[i];
    if (r->provenance && r->provenance->len)
      return TRUE;
  }
  for (guint d = 0; d < g->documents->len; d++) {
    const CgDocRec *doc = g->documents->pdata[d];
    if (doc->risks && doc->risks->len)
      return TRUE;
  }
  return FALSE;
}

static gboolean
has_capabilities(const CgGraph *g)
{
  for (guint i = 0; i < g->regions->len; i++) {
    const CgRegionRec *r = g->regions->pdata[i];
    if (r->claims && r->claims->len)
      return TRUE;
  }
  return FALSE;
}

/**
 * cg__tsv_write:
 * @g: a finished graph
 * @path: `PREFIX.tsv` (or `PREFIX.nodes.tsv`, …, or PREFIX itself)
 *
 * Writes the TSV tables of PREFIX (docs/formats.md): nodes and edges always, the other
 * tables when the graph has something to put in them. An optional table the graph leaves
 * empty is removed, so that a stale one from an earlier save is not read back with these.
 *
 * Returns: %FALSE with @error set (%CG_ERROR_IO). O(V + E + size of the attributes).
 */
gboolean
cg__tsv_write(const CgGraph *g, const char *path, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && path != NULL, FALSE);
  if (strcmp(path, "-") == 0) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "TSV is a set of files: give a prefix such as out.tsv, not standard output");
    return FALSE;
  }
  char *prefix = tsv_prefix(path);
  typedef gboolean (*Writer)(const CgGraph *, const char *, GError **);
  const struct {
    const char *table;
    Writer write;
    gboolean wanted;
  } tables[] = {
      {"documents", write_documents, g->documents->len > 0},
      {"nodes", write_nodes, TRUE},
      {"regions", write_regions, g->regions->len > 0},
      {"chains", write_chains, g->chains->len > 0},
      {"chain-nodes", write_chain_nodes, g->chains->len > 0},
      {"chain-edges", write_chain_edges, g->chains->len > 0},
      {"provenance", write_provenance, has_provenance(g)},
      {"edges", write_edges, TRUE},
      {"capabilities", write_capabilities, has_capabilities(g)},
  };
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < G_N_ELEMENTS(tables); i++) {
    char *file = table_path(prefix, tables[i].table);
    if (tables[i].wanted)
      ok = tables[i].write(g, file, error);
    else if (g_unlink(file) != 0 && errno != ENOENT) {
      int e = errno;
      g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot remove the stale table: %s", file,
                  g_strerror(e));
      ok = FALSE;
    }
    g_free(file);
  }
  g_free(prefix);
  return ok;
}

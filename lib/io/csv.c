/* CSV tables (RFC 4180) beside TSV: the same set of tables (PREFIX.nodes.csv,
 * PREFIX.edges.csv, …) with the same header names, a comma between fields, and each field
 * holding what the TSV field holds (a backslash written \\, list items joined by |), in
 * double quotes when it holds a comma or a quote (a quote doubled). No field may hold a line
 * break or a tab, as no text of the model may. The TSV machinery does the rest: a CSV table
 * is turned into TSV text when read (one record per line, so messages keep the file's line
 * numbers; their columns, which would be the TSV text's, are left out) and TSV text into
 * CSV when written. */
#include "io/tsv-private.h"

#include <string.h>

/* The TSV text of the CSV table @data (@path for messages). (transfer full) */
char *
cg__csv_to_tsv(const char *data, gsize len, const char *path, gsize *out_len, GError **error)
{
  GString *o = g_string_sized_new(len + 16);
  const char *p = data, *end = data + len;
  guint line = 1;
  while (p < end) {
    /* one record: fields until the end of the line */
    for (gboolean first = TRUE;; first = FALSE) {
      if (!first)
        g_string_append_c(o, '\t');
      if (p < end && *p == '"') {
        p++;
        for (;;) {
          if (p >= end) {
            g_set_error(error, CG_ERROR, CG_ERROR_PARSE,
                        "%s:%u: a quoted field is not closed (a field may not hold a line break)",
                        path, line);
            goto fail;
          }
          if (*p == '"') {
            if (p + 1 < end && p[1] == '"') {
              g_string_append_c(o, '"');
              p += 2;
              continue;
            }
            p++;
            break;
          }
          if (*p == '\n' || *p == '\r' || *p == '\t') {
            g_set_error(error, CG_ERROR, CG_ERROR_PARSE,
                        "%s:%u: a %s inside a quoted field (no text may hold one)", path, line,
                        *p == '\t' ? "tab" : "line break");
            goto fail;
          }
          g_string_append_c(o, *p++);
        }
        if (p < end && *p != ',' && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n')) {
          g_set_error(error, CG_ERROR, CG_ERROR_PARSE,
                      "%s:%u: text after a quoted field's closing quote (a quote inside a field "
                      "is doubled: \"\")", path, line);
          goto fail;
        }
      } else {
        const char *s = p;
        while (p < end && *p != ',' && *p != '\n') {
          if (*p == '"' || *p == '\t') {
            g_set_error(error, CG_ERROR, CG_ERROR_PARSE,
                        *p == '"' ? "%s:%u: a quote inside an unquoted field (quote the field "
                                    "and double the quote)"
                                  : "%s:%u: a tab in a field (no text may hold one)",
                        path, line);
            goto fail;
          }
          p++;
        }
        const char *e = p;
        if (e > s && e[-1] == '\r' && (e == end || *e == '\n'))
          e--; /* CR LF */
        g_string_append_len(o, s, e - s);
      }
      if (p < end && *p == ',') {
        p++;
        continue;
      }
      if (p < end && *p == '\r')
        p++;
      if (p < end && *p == '\n')
        p++;
      break;
    }
    g_string_append_c(o, '\n');
    line++;
  }
  *out_len = o->len;
  return g_string_free(o, FALSE);
fail:
  g_string_free(o, TRUE);
  return NULL;
}

/* Appends the TSV text @tsv (whole lines) to @out as CSV. */
void
cg__tsv_to_csv(GString *out, const char *tsv, gsize len)
{
  const char *p = tsv, *end = tsv + len;
  while (p < end) {
    const char *nl = memchr(p, '\n', end - p);
    const char *le = nl ? nl : end;
    for (const char *s = p; s <= le;) {
      const char *tab = memchr(s, '\t', le - s);
      const char *fe = tab ? tab : le;
      if (memchr(s, ',', fe - s) || memchr(s, '"', fe - s)) {
        g_string_append_c(out, '"');
        for (const char *c = s; c < fe; c++) {
          if (*c == '"')
            g_string_append_c(out, '"');
          g_string_append_c(out, *c);
        }
        g_string_append_c(out, '"');
      } else {
        g_string_append_len(out, s, fe - s);
      }
      if (!tab)
        break;
      g_string_append_c(out, ',');
      s = tab + 1;
    }
    if (nl)
      g_string_append_c(out, '\n');
    p = nl ? nl + 1 : end;
  }
}

/* The chain format, lexing: a line into tokens (words, quoted strings, key=value
 * attributes) with their columns, and the statements made of them. */
#include "io/chain-private.h"

#include <string.h>

void
cg__chain_stmt_free(gpointer p)
{
  Stmt *s = p;
  g_array_free(s->args, TRUE);
  g_array_free(s->attrs, TRUE);
  if (s->body)
    g_ptr_array_free(s->body, TRUE);
  if (s->locals)
    g_hash_table_destroy(s->locals);
  g_free(s);
}

void
cg__chain_pending_free(gpointer p)
{
  cg__chain_stmt_free(p);
}

/* The column of @p on the current line: counted from the last column asked for when @p is
 * past it (tokens are asked for left to right), else from the line's start. */
static guint
col_of(const Lexer *lx, const char *p)
{
  Lexer *m = (Lexer *)lx; /* the cache only */
  if (m->col_line != m->line_start || m->col_lineno != m->line || !m->col_ptr ||
      p < m->col_ptr) {
    m->col_line = m->line_start;
    m->col_lineno = m->line;
    m->col_ptr = m->line_start;
    m->col = 1;
  }
  m->col += (guint)g_utf8_pointer_to_offset(m->col_ptr, p);
  m->col_ptr = p;
  return m->col;
}

const char *
cg__chain_where_at(const Lexer *lx, const char *p)
{
  return cg__where(lx->g, lx->file, lx->line, col_of(lx, p));
}

static gboolean
is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

static gboolean
is_word_end(char c)
{
  return c == '\0' || is_space(c) || c == '"' || c == '#' || c == '|' || c == '&';
}

/* Reads a quoted string starting at *pp (on the opening quote). */
static char *
read_quoted(const Lexer *lx, const char **pp, GError **error)
{
  const char *p = *pp + 1;
  GString *s = g_string_new(NULL);
  for (;;) {
    if (*p == '\0') {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_where_at(lx, *pp),
                       "unterminated quoted string (a quote must end on its line)");
      g_string_free(s, TRUE);
      return NULL;
    }
    if (*p == '"')
      break;
    if (*p == '\t') {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_where_at(lx, p),
                       "a tab in a quoted string (no text may hold a tab or another control "
                       "character: use a space)");
      g_string_free(s, TRUE);
      return NULL;
    }
    if (*p == '\\') {
      char n = p[1];
      if (n == '"' || n == '\\')
        g_string_append_c(s, n);
      else {
        cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_where_at(lx, p),
                         "unknown escape '\\%c' in a quoted string (use \\\" or \\\\; no text "
                         "may hold a line break, a tab or another control character)",
                         n ? n : ' ');
        g_string_free(s, TRUE);
        return NULL;
      }
      p += 2;
      continue;
    }
    g_string_append_c(s, *p++);
  }
  *pp = p + 1;
  return g_string_free(s, FALSE);
}

static gboolean
is_key_char(char c)
{
  return g_ascii_isalnum(c) || c == '_' || c == '-';
}

/* Splits one line (NUL-terminated, without its newline) into tokens. */
gboolean
cg__chain_tokenize(Lexer *lx, const char *text, GArray *toks, GError **error)
{
  const char *p = text;
  for (;;) {
    while (is_space(*p))
      p++;
    if (*p == '\0' || *p == '#')
      return TRUE;
    Tok t = {NULL, NULL, col_of(lx, p)};
    if (*p == '|' || *p == '&') {
      t.text = cg__intern_len(lx->g, p, 1);
      p++;
    } else if (*p == '"') {
      char *s = read_quoted(lx, &p, error);
      if (!s)
        return FALSE;
      t.text = cg__intern(lx->g, s);
      g_free(s);
    } else {
      const char *start = p;
      while (!is_word_end(*p) && *p != '=')
        p++;
      if (*p == '=' && p > start) {
        gboolean key_ok = TRUE;
        for (const char *k = start; k < p; k++)
          key_ok = key_ok && is_key_char(*k);
        if (key_ok) {
          t.key = cg__intern_len(lx->g, start, p - start);
          p++;
          if (*p == '"') {
            char *s = read_quoted(lx, &p, error);
            if (!s)
              return FALSE;
            t.text = cg__intern(lx->g, s);
            g_free(s);
          } else {
            const char *v = p;
            while (!is_word_end(*p))
              p++;
            t.text = cg__intern_len(lx->g, v, p - v);
          }
          /* An empty value is no value: no export could tell it from a missing one. */
          if (!*t.text) {
            cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_where_at(lx, start),
                             "attribute '%s=' has no value (leave it out instead)", t.key);
            return FALSE;
          }
          g_array_append_val(toks, t);
          continue;
        }
      }
      while (!is_word_end(*p))
        p++;
      t.text = cg__intern_len(lx->g, start, p - start);
    }
    g_array_append_val(toks, t);
  }
}

Stmt *
cg__chain_stmt_new(Lexer *lx, int doc, const char *section)
{
  Stmt *s = g_new0(Stmt, 1);
  s->file = lx->file;
  s->line = lx->line;
  s->doc = doc;
  s->section = section;
  s->args = g_array_new(FALSE, FALSE, sizeof(Tok));
  s->attrs = g_array_new(FALSE, FALSE, sizeof(Tok));
  return s;
}

static const char *const keywords[] = {"document", "section", "node", "chain", "end",
                                       "path",     "region",  "produces", "chokepoint",
                                       "risk"};

gboolean
cg__chain_is_keyword(const char *w)
{
  for (guint i = 0; i < G_N_ELEMENTS(keywords); i++)
    if (strcmp(w, keywords[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The rest of the line after the keyword token, without a trailing comment. */
const char *
cg__chain_rest_of_line(Lexer *lx, const char *text, guint kw_col, guint *rest_col)
{
  const char *p = g_utf8_offset_to_pointer(text, kw_col - 1);
  while (*p && !is_space(*p))
    p++;
  while (is_space(*p))
    p++;
  *rest_col = col_of(lx, p);
  const char *end = strchr(p, '#');
  if (!end)
    end = p + strlen(p);
  while (end > p && is_space(end[-1]))
    end--;
  return cg__intern_len(lx->g, p, end - p);
}

const char *
cg__chain_stmt_where(CgGraph *g, const Stmt *s, guint col)
{
  return cg__where(g, s->file, s->line, col ? col : s->col);
}

const Tok *
cg__chain_stmt_attr(const Stmt *s, const char *key)
{
  for (guint i = 0; i < s->attrs->len; i++) {
    const Tok *t = &g_array_index(s->attrs, Tok, i);
    if (strcmp(t->key, key) == 0)
      return t;
  }
  return NULL;
}

const char *
cg__chain_attr_text(const Stmt *s, const char *key)
{
  const Tok *t = cg__chain_stmt_attr(s, key);
  return t ? t->text : NULL;
}

/* Rejects attributes a statement does not know, so typos do not pass silently. */
gboolean
cg__chain_check_attrs(CgGraph *g, const Stmt *s, const char *const *allowed, GError **error)
{
  for (guint i = 0; i < s->attrs->len; i++) {
    const Tok *t = &g_array_index(s->attrs, Tok, i);
    gboolean ok = FALSE;
    for (const char *const *a = allowed; *a && !ok; a++)
      ok = strcmp(*a, t->key) == 0;
    if (!ok) {
      char *list = g_strjoinv(", ", (char **)allowed);
      cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, t->col),
                       "'%s' does not take the attribute '%s' (it takes: %s)", s->kw, t->key,
                       list);
      g_free(list);
      return FALSE;
    }
  }
  return TRUE;
}


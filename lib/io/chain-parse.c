/* The chain format, parsing: one file into statements, filed by document, section and
 * chain block (cg__chain_parse). */
#include "io/chain-private.h"

#include <string.h>

/* A line must be UTF-8 without control characters (a tab separates tokens; a CR before the
 * line's end is a CR LF file's). */
static gboolean
check_line(Lexer *lx, const char *text, gsize llen, GError **error)
{
  if (strlen(text) != llen) {
    cg__set_error_at(error, CG_ERROR_PARSE,
                     cg__where(lx->g, lx->file, lx->line,
                               (guint)g_utf8_strlen(text, -1) + 1),
                     "NUL byte in the line (is this a binary file?)");
    return FALSE;
  }
  const char *bad;
  if (!g_utf8_validate(text, (gssize)llen, &bad)) {
    cg__set_error_at(error, CG_ERROR_PARSE,
                     cg__where(lx->g, lx->file, lx->line,
                               (guint)g_utf8_pointer_to_offset(text, bad) + 1),
                     "invalid UTF-8 (the file must be UTF-8 text)");
    return FALSE;
  }
  for (const char *p = text; (p = cg__control_char(p, -1)); p++)
    if (*p != '\t' && !(*p == '\r' && p[1] == '\0')) {
      cg__set_error_at(error, CG_ERROR_PARSE,
                       cg__where(lx->g, lx->file, lx->line,
                                 (guint)g_utf8_pointer_to_offset(text, p) + 1),
                       "control character U+%04X (no text may hold one)", (guchar)*p);
      return FALSE;
    }
  return TRUE;
}

/* The statement of one line's tokens: its keyword (or the arrow of a wiring line), its
 * arguments and attributes; NULL with @error set for an unknown statement. */
static Stmt *
make_statement(Lexer *lx, const char *text, GArray *toks, int doc, const char *section,
               GError **error)
{
  CgGraph *g = lx->g;
  Stmt *s = cg__chain_stmt_new(lx, doc, section);
  const Tok *first = &g_array_index(toks, Tok, 0);
  s->col = first->col;
  gboolean wiring = toks->len >= 2 && !g_array_index(toks, Tok, 1).key &&
                    (strcmp(g_array_index(toks, Tok, 1).text, "<-") == 0 ||
                     strcmp(g_array_index(toks, Tok, 1).text, "->") == 0);
  if (first->key) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_where_at(lx, text + 0),
                     "a statement starts with a keyword, not the attribute '%s='", first->key);
    cg__chain_stmt_free(s);
    return NULL;
  }
  if (wiring) {
    s->kw = g_array_index(toks, Tok, 1).text;
    for (guint i = 0; i < toks->len; i++) {
      Tok *t = &g_array_index(toks, Tok, i);
      if (i == 1)
        continue;
      g_array_append_val(t->key ? s->attrs : s->args, *t);
    }
    return s;
  }
  if (!cg__chain_is_keyword(first->text)) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__where(g, lx->file, lx->line, first->col),
                     "unknown statement '%s' (expected one of document, section, node, chain, "
                     "path, end, region, produces, chokepoint, risk, or wiring 'A -> B' / 'B <- A')",
                     first->text);
    cg__chain_stmt_free(s);
    return NULL;
  }
  s->kw = first->text;
  for (guint i = 1; i < toks->len; i++) {
    Tok *t = &g_array_index(toks, Tok, i);
    g_array_append_val(t->key ? s->attrs : s->args, *t);
  }
  if (strcmp(s->kw, "path") == 0 || strcmp(s->kw, "section") == 0) {
    s->rest = cg__chain_rest_of_line(lx, text, first->col, &s->rest_col);
    const char *tab = strchr(s->rest, '\t'); /* a tab separates tokens, but is no text's */
    if (tab) { /* (found by fuzz-chain: the JSON export then refused the section) */
      cg__set_error_at(error, CG_ERROR_PARSE,
                       cg__where(lx->g, lx->file, lx->line,
                                 s->rest_col + (guint)g_utf8_pointer_to_offset(s->rest, tab)),
                       "a tab inside the %s (no text may hold a control character; write a "
                       "space)", s->kw);
      cg__chain_stmt_free(s);
      return NULL;
    }
  }
  return s;
}

/* Where the parser is: the current document and section, and the open chain block. */
typedef struct {
  int doc;
  const char *section;
  Stmt *chain;
  CgGraphBuilder *b; /* documents are declared through it */
} Place;

/* 'document FILE key=… title=… region=…': the document the following statements cite. */
static gboolean
place_document(CgGraph *g, Stmt *s, Place *at, GError **error)
{
  if (s->args->len != 1 || !*g_array_index(s->args, Tok, 0).text) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "'document' takes one file name, e.g. document 000_x.txt key=zhejiang");
    return FALSE;
  }
  cg__graph_builder_at(at->b, cg__chain_stmt_where(g, s, 0), s->line);
  at->doc = (int)cg_graph_builder_add_document(at->b, g_array_index(s->args, Tok, 0).text, NULL,
                                               NULL);
  static const char *const allowed[] = {"key", "title", "region", NULL};
  gboolean ok = cg__chain_check_attrs(g, s, allowed, error);
  static gboolean (*const set[])(CgGraphBuilder *, gsize, const char *, GError **) = {
      cg_graph_builder_set_document_key, cg_graph_builder_set_document_title,
      cg_graph_builder_set_document_region};
  for (guint i = 0; ok && i < G_N_ELEMENTS(set); i++) {
    const Tok *t = cg__chain_stmt_attr(s, allowed[i]);
    if (!t)
      continue;
    cg__graph_builder_at(at->b, cg__chain_stmt_where(g, s, t->col), s->line);
    ok = set[i](at->b, (gsize)at->doc, t->text, error);
  }
  at->section = NULL;
  return ok;
}

/* Files the statement: document and section change the place; chain … end collects a
 * block; statements inside a block go to it, the others to @pending. Takes @s. */
static gboolean
place_statement(CgGraph *g, GPtrArray *pending, Stmt *s, Place *at, GError **error)
{
  const char *kw = s->kw;
  gboolean ok = TRUE;
  if (strcmp(kw, "document") == 0) {
    ok = place_document(g, s, at, error);
    cg__chain_stmt_free(s);
  } else if (strcmp(kw, "section") == 0) {
    at->section = *s->rest ? s->rest : NULL;
    cg__chain_stmt_free(s);
  } else if (strcmp(kw, "chain") == 0) {
    if (at->chain) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                       "'chain' inside the chain begun at %s:%u (missing 'end')",
                       at->chain->file, at->chain->line);
      cg__chain_stmt_free(s);
      ok = FALSE;
    } else {
      s->body = g_ptr_array_new_with_free_func(cg__chain_stmt_free);
      at->chain = s;
    }
  } else if (strcmp(kw, "end") == 0) {
    if (!at->chain) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0), "'end' without a 'chain'");
      ok = FALSE;
    } else {
      g_ptr_array_add(pending, at->chain);
      at->chain = NULL;
    }
    cg__chain_stmt_free(s);
  } else if (at->chain && strcmp(kw, "node") == 0) {
    g_ptr_array_add(at->chain->body, s); /* a node local to the chain (docs/chain-format.md) */
  } else if (strcmp(kw, "path") == 0 || s->kw[0] == '<' || s->kw[0] == '-') {
    if (at->chain)
      g_ptr_array_add(at->chain->body, s);
    else if (strcmp(kw, "path") == 0) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                       "'path' outside a chain block (write 'chain ID NAME' first)");
      cg__chain_stmt_free(s);
      ok = FALSE;
    } else
      g_ptr_array_add(pending, s);
  } else if (at->chain) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "'%s' inside the chain begun at %s:%u (missing 'end'?)", kw,
                     at->chain->file, at->chain->line);
    cg__chain_stmt_free(s);
    ok = FALSE;
  } else {
    g_ptr_array_add(pending, s);
  }
  return ok;
}

/**
 * cg__chain_parse:
 * @pending: (element-type Stmt): statements are appended here
 *
 * Reads one chain file into statements. O(length of @data).
 */
gboolean
cg__chain_parse(CgGraph *g, GPtrArray *pending, const char *data, gsize len, const char *name,
                GError **error)
{
  Lexer lx = {.g = g, .file = cg__intern(g, name)};
  Place at = {-1, NULL, NULL, cg__graph_builder_wrap(g)};
  gboolean ok = TRUE;
  gsize off = 0;
  GArray *toks = g_array_new(FALSE, FALSE, sizeof(Tok));

  if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
    off = 3; /* a byte-order mark */
  while (ok && off < len) {
    const char *nl = memchr(data + off, '\n', len - off);
    gsize llen = nl ? (gsize)(nl - (data + off)) : len - off;
    char *text = g_strndup(data + off, llen);
    off += llen + (nl ? 1 : 0);
    lx.line++;
    lx.line_start = text;
    ok = check_line(&lx, text, llen, error);
    g_array_set_size(toks, 0);
    if (ok)
      ok = cg__chain_tokenize(&lx, text, toks, error);
    if (!ok || toks->len == 0) {
      g_free(text);
      continue;
    }
    Stmt *s = make_statement(&lx, text, toks, at.doc, at.section, error);
    g_free(text);
    ok = s && place_statement(g, pending, s, &at, error);
  }
  g_array_free(toks, TRUE);
  if (ok && at.chain) {
    cg__set_error_at(error, CG_ERROR_PARSE,
                     cg__where(g, at.chain->file, at.chain->line, at.chain->col),
                     "chain '%s' has no 'end'",
                     at.chain->args->len ? g_array_index(at.chain->args, Tok, 0).text : "");
    ok = FALSE;
  }
  if (at.chain && !ok)
    cg__chain_stmt_free(at.chain);
  cg__graph_builder_unwrap(at.b);
  return ok;
}


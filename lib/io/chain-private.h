/* The authored chain format (docs/chain-format.md).
 *
 * Reading is two-phase so that files may refer to each other's nodes in any order:
 * cg__chain_parse() turns each file into statements (tokens with their places), and
 * cg__chain_apply() runs the statements of all files together: declarations first
 * (documents, nodes, regions), then chains and wiring, then capability and chokepoint
 * claims.
 *
 * The statements, one per line (docs/chain-format.md has the attributes and the rules):
 *
 *   file       = { line } ;
 *   line       = [ statement ] [ "#" comment ] ;
 *   statement  = "document" FILE { attr } | "section" TEXT
 *              | "node" ID [ NAME ] { attr } | "region" NAME { attr }
 *              | "chain" ID [ NAME ] { attr } NEWLINE { chain-line } "end"
 *              | wiring | "produces" REGION ( NODE { "," NODE } | "chain=" ID ) { attr }
 *              | "chokepoint" NODE { attr } | "risk" "kind=" KIND "quote=" STRING ;
 *   chain-line = "path" STAGE { DASHES STAGE } | "node" ID [ NAME ] { attr } | wiring ;
 *   wiring     = NODE "<-" group { "&" group } { attr } | NODE "->" NODE { attr } ;
 *   group      = NODE { "|" NODE } ;
 *   attr       = KEY "=" ( WORD | STRING ) ;   STRING = '"' { char | escape } '"'
 *
 * A STAGE of a path is its nodes separated by 、; DASHES are one or more dashes (——). */
/* What the chain-format files share (chain-lex.c, chain-parse.c, chain-apply.c): tokens,
 * statements and the lexer. Not installed. */
#pragma once

#include "io/cg-io.h"

G_BEGIN_DECLS

typedef struct {
  const char *key;  /* attribute name, or NULL for an argument */
  const char *text; /* value (unescaped) */
  guint col;        /* 1-based column of the token's first character */
} Tok;

/* One statement: its keyword, arguments and attributes, with its place. */
typedef struct _Stmt Stmt;
struct _Stmt {
  const char *file;
  guint line, col;
  int doc;             /* current document when the statement was read, or -1 */
  const char *section; /* current section */
  const char *kw;      /* keyword, "<-" / "->" for wiring */
  GArray *args;        /* Tok */
  GArray *attrs;       /* Tok */
  const char *rest;    /* for path and section: the rest of the line */
  guint rest_col;
  GPtrArray *body;     /* for chain: the statements inside the block */
  GHashTable *locals;  /* for chain: names of the nodes declared inside it -> index + 1 */
};

typedef struct {
  CgGraph *g;
  const char *file;
  const char *line_start;
  guint line;
  /* The last column computed (col_of), so a long line costs linear time, not quadratic. */
  const char *col_line, *col_ptr;
  guint col, col_lineno;
} Lexer;

/* Lexing and statements (chain-lex.c). */
void cg__chain_stmt_free(gpointer p);
Stmt *cg__chain_stmt_new(Lexer *lx, int doc, const char *section);
const char *cg__chain_where_at(const Lexer *lx, const char *p);
gboolean cg__chain_tokenize(Lexer *lx, const char *text, GArray *toks, GError **error);
gboolean cg__chain_is_keyword(const char *w);
const char *cg__chain_rest_of_line(Lexer *lx, const char *text, guint kw_col, guint *rest_col);
const char *cg__chain_stmt_where(CgGraph *g, const Stmt *s, guint col);
const Tok *cg__chain_stmt_attr(const Stmt *s, const char *key);
const char *cg__chain_attr_text(const Stmt *s, const char *key);
gboolean cg__chain_check_attrs(CgGraph *g, const Stmt *s, const char *const *allowed,
                               GError **error);

G_END_DECLS

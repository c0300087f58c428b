/* The chain format, applying: the statements of every file, together, into the builder
 * (cg__chain_apply; chain-private.h has the two phases). */
#include "io/chain-private.h"

#include <string.h>

static CgProvenance
stmt_prov(CgGraph *g, const Stmt *s)
{
  CgProvenance p = {s->doc, s->section, cg__chain_attr_text(s, "quote"), cg__chain_attr_text(s, "inferred"),
                    cg__chain_stmt_where(g, s, 0)};
  if (cg__chain_attr_text(s, "section"))
    p.section = cg__chain_attr_text(s, "section");
  return p;
}

static gboolean
check_prov(CgGraph *g, const Stmt *s, const CgProvenance *p, gboolean required, GError **error)
{
  if (p->quote && s->doc < 0) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "a quote needs a 'document' statement earlier in the file");
    return FALSE;
  }
  if (required && !p->quote && !p->inferred) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "'%s' needs quote=\"…\" (verbatim from the document) or inferred=\"reason\"",
                     s->kw);
    return FALSE;
  }
  return TRUE;
}

static gboolean
valid_slug(const char *id)
{
  if (!g_ascii_isalnum(id[0]))
    return FALSE;
  for (const char *p = id; *p; p++)
    if (!(g_ascii_islower(*p) || g_ascii_isdigit(*p) || *p == '-' || *p == '_' || *p == '.'))
      return FALSE;
  return TRUE;
}

static gboolean
parse_number(CgGraph *g, const Stmt *s, const Tok *t, double *out, GError **error)
{
  if (!cg__parse_decimal(t->text, out)) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, t->col), "%s='%s' is not a number",
                     t->key, t->text);
    return FALSE;
  }
  return TRUE;
}

/* Claims @key as a name of node @v: in @locals for a node declared inside a chain block,
 * else among the names of global declarations, where two nodes may not share one. */
static gboolean
claim_name(CgGraph *g, GHashTable *locals, guint32 v, const char *key, const char *where,
           GError **error)
{
  GHashTable *names = locals ? locals : g->decl_names;
  gpointer p = g_hash_table_lookup(names, key);
  gssize other = p ? (gssize)GPOINTER_TO_UINT(p) - 1 : cg__node_lookup_id(g, key);
  if (other >= 0 && (guint32)other != v) {
    const CgNodeRec *o = cg__node(g, (guint32)other);
    const char *there = o->x && o->x->where_decl ? o->x->where_decl : "an earlier declaration";
    cg__set_error_at(error, CG_ERROR_CONFLICT, where,
                     "'%s' already names node '%s' (declared at %s)%s", key, o->id, there,
                     locals ? "" : "; a name two chains use for different things (应用产品) "
                                   "goes on a node declared inside each chain block");
    return FALSE;
  }
  g_hash_table_insert(names, (gpointer)cg__intern(g, key), GUINT_TO_POINTER(v + 1));
  return TRUE;
}

static gboolean
apply_list(CgGraphBuilder *b, GHashTable *locals, guint32 v, const Stmt *s, const Tok *t,
           gboolean alias, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  char **parts = g_strsplit(t->text, ",", -1);
  gboolean ok = TRUE;
  for (char **p = parts; *p && ok; p++) {
    char *item = g_strstrip(*p);
    if (!*item)
      continue;
    cg__graph_builder_at(b, cg__chain_stmt_where(g, s, t->col), s->line);
    if (alias)
      ok = claim_name(g, locals, v, item, cg__chain_stmt_where(g, s, t->col), error) &&
           cg_graph_builder_add_node_alias(b, v, item, error);
    else
      cg_graph_builder_add_node_domain(b, v, item);
  }
  g_strfreev(parts);
  return ok;
}

/* A node statement. Inside a chain block (@locals non-NULL) its names are the chain's
 * own: they resolve first within the block and may repeat another node's name. */
static gboolean
apply_node(CgGraphBuilder *b, const Stmt *s, GHashTable *locals, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  static const char *const allowed[] = {"en",      "stage",  "alias",   "domain",
                                        "weight",  "import", "subst",   "recycle",
                                        "quote",   "section", "inferred", NULL};
  if (!cg__chain_check_attrs(g, s, allowed, error))
    return FALSE;
  if (s->args->len < 1 || s->args->len > 2) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "'node' takes an id and optionally a name: node ndfeb 钕铁硼 en=\"…\"");
    return FALSE;
  }
  const Tok *id = &g_array_index(s->args, Tok, 0);
  if (!valid_slug(id->text)) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, id->col),
                     "node id '%s' is not an ASCII slug (lowercase letters, digits, '-', '_', '.')",
                     id->text);
    return FALSE;
  }
  const char *where = cg__chain_stmt_where(g, s, 0);
  cg__graph_builder_at(b, where, s->line);
  CgNodeId v = cg_graph_builder_add_node(b, id->text);
  if (s->args->len == 2 &&
      (!claim_name(g, locals, v, g_array_index(s->args, Tok, 1).text, where, error) ||
       !cg_graph_builder_set_node_name(b, v, g_array_index(s->args, Tok, 1).text, error)))
    return FALSE;
  CgProvenance p = stmt_prov(g, s);
  if (!check_prov(g, s, &p, FALSE, error))
    return FALSE;
  if (p.quote || p.inferred)
    cg_graph_builder_add_node_provenance(b, v, &p);
  for (guint i = 0; i < s->attrs->len; i++) {
    const Tok *t = &g_array_index(s->attrs, Tok, i);
    const char *tw = cg__chain_stmt_where(g, s, t->col);
    gboolean ok = TRUE;
    cg__graph_builder_at(b, tw, s->line);
    if (strcmp(t->key, "en") == 0) {
      ok = cg_graph_builder_set_node_name_en(b, v, t->text, error) &&
           claim_name(g, locals, v, t->text, tw, error);
    } else if (strcmp(t->key, "stage") == 0) {
      CgStage st;
      if (!cg_stage_from_string(t->text, &st)) {
        cg__set_error_at(error, CG_ERROR_PARSE, tw,
                         "unknown stage '%s' (expected raw, material, component, product, "
                         "application, recycling or category)",
                         t->text);
        return FALSE;
      }
      ok = cg_graph_builder_set_node_stage(b, v, st, error);
    } else if (strcmp(t->key, "alias") == 0) {
      ok = apply_list(b, locals, v, s, t, TRUE, error);
    } else if (strcmp(t->key, "domain") == 0) {
      ok = apply_list(b, locals, v, s, t, FALSE, error);
    } else if (strcmp(t->key, "weight") == 0 || strcmp(t->key, "import") == 0 ||
               strcmp(t->key, "subst") == 0 || strcmp(t->key, "recycle") == 0) {
      double x;
      ok = parse_number(g, s, t, &x, error) &&
           cg__graph_builder_set_node_number(b, v, t->key, x, error);
    }
    if (!ok)
      return FALSE;
  }
  return TRUE;
}

static gboolean
apply_region(CgGraphBuilder *b, const Stmt *s, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  static const char *const allowed[] = {"level", "parent", "en",      "id",
                                        "alias", "quote",  "section", "inferred", NULL};
  if (!cg__chain_check_attrs(g, s, allowed, error))
    return FALSE;
  if (s->args->len != 1 || !*g_array_index(s->args, Tok, 0).text) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "'region' takes one name: region 宁波 level=city parent=浙江");
    return FALSE;
  }
  cg__graph_builder_at(b, cg__chain_stmt_where(g, s, 0), s->line);
  gsize r = cg_graph_builder_add_region(b, g_array_index(s->args, Tok, 0).text);
  CgProvenance p = stmt_prov(g, s);
  if (!check_prov(g, s, &p, FALSE, error))
    return FALSE;
  if (p.quote || p.inferred)
    cg_graph_builder_add_region_provenance(b, r, &p);
  for (guint i = 0; i < s->attrs->len; i++) {
    const Tok *t = &g_array_index(s->attrs, Tok, i);
    const char *tw = cg__chain_stmt_where(g, s, t->col);
    gboolean ok = TRUE;
    cg__graph_builder_at(b, tw, s->line);
    if (strcmp(t->key, "level") == 0) {
      CgRegionLevel lv;
      if (!cg_level_from_string(t->text, &lv)) {
        cg__set_error_at(error, CG_ERROR_PARSE, tw,
                         "unknown level '%s' (expected country, province, city, district, zone "
                         "or cluster)",
                         t->text);
        return FALSE;
      }
      ok = cg_graph_builder_set_region_level(b, r, lv, error);
    } else if (strcmp(t->key, "parent") == 0) {
      ok = cg_graph_builder_set_region_parent(b, r, t->text, error);
    } else if (strcmp(t->key, "en") == 0) {
      ok = cg_graph_builder_set_region_name_en(b, r, t->text, error);
    } else if (strcmp(t->key, "id") == 0) {
      ok = cg_graph_builder_set_region_id(b, r, t->text, error);
    } else if (strcmp(t->key, "alias") == 0) {
      char **parts = g_strsplit(t->text, ",", -1);
      for (char **q = parts; *q && ok; q++) {
        const char *a = g_strstrip(*q);
        gssize other = cg__graph_builder_region_alias(b, r, a, FALSE);
        if (other >= 0) {
          cg__set_error_at(error, CG_ERROR_CONFLICT, tw, "region alias '%s' already names '%s'",
                           a, ((CgRegionRec *)g->regions->pdata[other])->name);
          ok = FALSE;
        }
      }
      g_strfreev(parts);
    }
    if (!ok)
      return FALSE;
  }
  return TRUE;
}

/* Resolves a node reference: a name declared inside the current chain block (@locals),
 * an id, a name of a global declaration, then any other name (from JSON, GraphML or TSV
 * files loaded together). */
static gboolean
resolve_node(CgGraph *g, const Stmt *s, GHashTable *locals, const char *ref, guint col,
             guint32 *out, GError **error)
{
  gpointer p = locals ? g_hash_table_lookup(locals, ref) : NULL;
  if (!p)
    p = g_hash_table_lookup(g->decl_names, ref);
  gssize v = p ? (gssize)GPOINTER_TO_UINT(p) - 1 : cg__node_lookup_id(g, ref);
  if (!p && v >= 0)
    p = GUINT_TO_POINTER(1); /* an id */
  if (!p) {
    g_autofree char *ids = cg__ambiguous_ids(g, ref);
    if (ids) {
      cg__set_error_at(error, CG_ERROR_UNKNOWN, cg__chain_stmt_where(g, s, col),
                       "'%s' names several nodes (%s): write the id", ref, ids);
      return FALSE;
    }
    v = cg__find_node(g, ref);
  }
  if (v < 0) {
    cg__set_error_at(error, CG_ERROR_UNKNOWN, cg__chain_stmt_where(g, s, col),
                     "unknown node '%s' (not an id, alias or name of any node)", ref);
    return FALSE;
  }
  *out = (guint32)v;
  return TRUE;
}

static void
add_edge(CgGraph *g, CgChainRec *c, guint32 u, guint32 v, guint32 label, guint32 origin,
         guint line, guint col)
{
  cg__edge_add(g, u, v, label, origin, line, col);
  if (c)
    cg__chain_add_edge(c, u, v);
}

/* Splits a path into stages of items: stages at runs of dashes, items at 、，or ','. */
static GPtrArray *
split_path(const char *path)
{
  GPtrArray *stages = g_ptr_array_new_with_free_func((GDestroyNotify)g_strfreev);
  GString *norm = g_string_new(NULL);
  /* Normalise separators to '\x01' (stage) and '\x02' (item). */
  for (const char *p = path; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (c == 0x2014 || c == 0x2013 || c == 0xFF0D || c == '-' || c == 0x2015) {
      if (norm->len == 0 || norm->str[norm->len - 1] != '\x01')
        g_string_append_c(norm, '\x01');
    } else if (c == 0x3001 || c == 0xFF0C || c == ',') {
      g_string_append_c(norm, '\x02');
    } else if (c == 0x201C || c == 0x201D) {
      /* “ ” around the chain */
    } else {
      g_string_append_unichar(norm, c);
    }
  }
  char **st = g_strsplit(norm->str, "\x01", -1);
  for (char **s = st; *s; s++) {
    char **items = g_strsplit(*s, "\x02", -1);
    GPtrArray *keep = g_ptr_array_new();
    for (char **it = items; *it; it++) {
      g_strstrip(*it);
      if (**it)
        g_ptr_array_add(keep, g_strdup(*it));
    }
    g_strfreev(items);
    g_ptr_array_add(keep, NULL);
    g_ptr_array_add(stages, g_ptr_array_free(keep, FALSE));
  }
  g_strfreev(st);
  g_string_free(norm, TRUE);
  return stages;
}

/* Applies a wiring statement (`T <- A | B & C` or `A -> T`). Returns the target. */
static gboolean
apply_wiring(CgGraph *g, const Stmt *s, GHashTable *locals, CgChainRec *c, guint32 origin,
             guint32 *target, GError **error)
{
  GArray *a = s->args;
  if (strcmp(s->kw, "->") == 0) {
    if (a->len != 2) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                       "expected 'A -> B' (one source, one target)");
      return FALSE;
    }
    guint32 u, v;
    if (!resolve_node(g, s, locals, g_array_index(a, Tok, 0).text, g_array_index(a, Tok, 0).col, &u,
                      error) ||
        !resolve_node(g, s, locals, g_array_index(a, Tok, 1).text, g_array_index(a, Tok, 1).col, &v,
                      error))
      return FALSE;
    add_edge(g, c, u, v, cg__label_own(g), origin, s->line, g_array_index(a, Tok, 0).col);
    *target = v;
    return TRUE;
  }
  /* T <- groups. Inside a chain, `T <-` alone says T has no input within this chain. */
  if (a->len == 1 && c) {
    guint32 v;
    if (!resolve_node(g, s, locals, g_array_index(a, Tok, 0).text, g_array_index(a, Tok, 0).col,
                      &v, error))
      return FALSE;
    cg__chain_add_node(c, v);
    *target = v;
    return TRUE;
  }
  if (a->len < 2) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "expected 'T <- A | B & C' (a target and its inputs)");
    return FALSE;
  }
  guint32 v;
  if (!resolve_node(g, s, locals, g_array_index(a, Tok, 0).text, g_array_index(a, Tok, 0).col, &v, error))
    return FALSE;
  *target = v;
  GArray *members = g_array_new(FALSE, FALSE, sizeof(guint32));
  gboolean ok = TRUE, expect_name = TRUE;
  for (guint i = 1; i <= a->len && ok; i++) {
    const Tok *t = i < a->len ? &g_array_index(a, Tok, i) : NULL;
    gboolean op = t && (strcmp(t->text, "|") == 0 || strcmp(t->text, "&") == 0);
    if (t && !op) {
      if (!expect_name) {
        cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, t->col),
                         "expected '|' or '&' before '%s' (quote names that contain spaces)",
                         t->text);
        ok = FALSE;
        break;
      }
      guint32 u;
      ok = resolve_node(g, s, locals, t->text, t->col, &u, error);
      if (ok)
        g_array_append_val(members, u);
      expect_name = FALSE;
      continue;
    }
    if (expect_name) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, t ? t->col : 0),
                       "expected a node name %s", t ? "before this operator" : "at the end");
      ok = FALSE;
      break;
    }
    expect_name = TRUE;
    if (t && strcmp(t->text, "|") == 0)
      continue;
    /* End of a group. */
    guint32 label = members->len == 1 ? cg__label_own(g) : cg__label_fresh(g);
    for (guint k = 0; k < members->len; k++)
      add_edge(g, c, g_array_index(members, guint32, k), v, label, origin, s->line, s->col);
    g_array_set_size(members, 0);
  }
  g_array_free(members, TRUE);
  return ok;
}

/* The chain statement itself: its attributes, an id not yet used, a valid default. */
static gboolean
check_chain(CgGraph *g, const Stmt *s, GError **error)
{
  static const char *const allowed[] = {"quote", "section", "inferred", "default", "en", NULL};
  if (!cg__chain_check_attrs(g, s, allowed, error))
    return FALSE;
  if (s->args->len < 1 || s->args->len > 2 || !valid_slug(g_array_index(s->args, Tok, 0).text)) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "'chain' takes an id (ASCII slug) and optionally a name: chain zj-magnet "
                     "磁性材料产业链 quote=\"…\"");
    return FALSE;
  }
  const char *id = g_array_index(s->args, Tok, 0).text;
  if (!cg__chain_new_ok(g, id, cg__chain_stmt_where(g, s, 0), error))
    return FALSE;
  const char *dflt = cg__chain_attr_text(s, "default");
  if (dflt && strcmp(dflt, "and") != 0 && strcmp(dflt, "or") != 0) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, cg__chain_stmt_attr(s, "default")->col),
                     "default must be 'and' or 'or', not '%s'", dflt);
    return FALSE;
  }
  return TRUE;
}

/* The block's own statements: local nodes, the one path (returned in @path), wiring lines
 * (their targets go to @explicit_targets, so default wiring leaves them alone). */
static gboolean
apply_chain_body(CgGraph *g, const Stmt *s, CgChainRec *c, guint32 ci, guint32 origin,
                 GHashTable *explicit_targets, const Stmt **path, GError **error)
{
  const char *id = c->id;
  gboolean ok = TRUE;
  for (guint i = 0; i < s->body->len && ok; i++) {
    const Stmt *b = s->body->pdata[i];
    if (strcmp(b->kw, "node") == 0) { /* applied with the declarations */
      cg__chain_add_local(g, c, (guint32)cg__node_lookup_id(g, g_array_index(b->args, Tok, 0).text));
      continue;
    }
    if (strcmp(b->kw, "path") == 0) {
      if (*path) {
        cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, b, 0),
                         "chain '%s' already has a path (at line %u)", id, (*path)->line);
        ok = FALSE;
      }
      *path = b;
      continue;
    }
    static const char *const wallowed[] = {"quote", "section", "inferred", NULL};
    guint32 t, o = origin;
    ok = cg__chain_check_attrs(g, b, wallowed, error);
    if (ok && (cg__chain_attr_text(b, "quote") || cg__chain_attr_text(b, "inferred"))) {
      /* A wiring line with its own provenance cites it (within this chain). */
      CgProvenance pb = stmt_prov(g, b);
      ok = check_prov(g, b, &pb, TRUE, error);
      o = cg__origin_add(g, b->file, &pb, ci);
    }
    ok = ok && apply_wiring(g, b, s->locals, c, o, &t, error);
    if (ok)
      g_hash_table_add(explicit_targets, GUINT_TO_POINTER(t + 1));
  }
  return ok;
}

/* The path's stages, in order: each a list of nodes, each node also the chain's. */
static gboolean
apply_chain_path(CgGraph *g, const Stmt *s, CgChainRec *c, const Stmt *path, GError **error)
{
  gboolean ok = TRUE;
  GPtrArray *stages = split_path(path->rest);
  /* Items appear in order: each is searched for from the previous one, and its column
   * counted from there (linear in the line, however many items it has). */
  const char *from = path->rest;
  guint from_col = path->rest_col;
  for (guint k = 0; k < stages->len && ok; k++) {
    char **items = stages->pdata[k];
    guint st = cg__chain_add_stage(c);
    if (!items[0]) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, path, path->rest_col),
                       "stage %u of the path is empty", k + 1);
      ok = FALSE;
    }
    for (char **it = items; *it && ok; it++) {
      guint32 v;
      const char *hit = strstr(from, *it);
      guint col = from_col;
      if (hit) {
        col += (guint)g_utf8_pointer_to_offset(from, hit);
        from = hit;
        from_col = col;
      }
      ok = resolve_node(g, path, s->locals, *it, col, &v, error);
      if (ok) {
        cg__chain_add_stage_node(c, st, v);
        cg__chain_add_node(c, v);
      }
    }
  }
  g_ptr_array_free(stages, TRUE);
  return ok;
}

/* Default wiring between consecutive stages, for the targets the block does not wire
 * itself: AND (each input its own group), or one OR group with default=or. */
static void
apply_default_wiring(CgGraph *g, CgChainRec *c, const Stmt *path, gboolean default_or,
                     GHashTable *explicit_targets, guint32 origin)
{
  for (guint k = 0; k + 1 < c->stages->len; k++) {
    GArray *from = c->stages->pdata[k], *to = c->stages->pdata[k + 1];
    for (guint j = 0; j < to->len; j++) {
      guint32 v = g_array_index(to, guint32, j);
      if (g_hash_table_contains(explicit_targets, GUINT_TO_POINTER(v + 1)))
        continue;
      guint32 shared = default_or && from->len > 1 ? cg__label_fresh(g) : 0;
      for (guint i = 0; i < from->len; i++) {
        guint32 u = g_array_index(from, guint32, i);
        if (u == v)
          continue;
        add_edge(g, c, u, v, default_or && from->len > 1 ? shared : cg__label_own(g), origin,
                 path->line, path->col);
      }
    }
  }
}

static gboolean
apply_chain(CgGraphBuilder *b, const Stmt *s, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  if (!check_chain(g, s, error))
    return FALSE;
  const char *id = g_array_index(s->args, Tok, 0).text;
  const char *dflt = cg__chain_attr_text(s, "default");
  gboolean default_or = dflt && strcmp(dflt, "or") == 0;
  CgProvenance p = stmt_prov(g, s);
  if (!check_prov(g, s, &p, TRUE, error))
    return FALSE;

  CgChainRec *c = cg__chain_add(g, id, s->args->len > 1 ? g_array_index(s->args, Tok, 1).text : id,
                                cg__chain_attr_text(s, "en"), NULL, &p);
  guint32 ci = g->chains->len - 1;
  guint32 origin = cg__origin_add(g, s->file, &p, ci);

  GHashTable *explicit_targets = g_hash_table_new(g_direct_hash, g_direct_equal);
  const Stmt *path = NULL;
  gboolean ok = apply_chain_body(g, s, c, ci, origin, explicit_targets, &path, error);
  if (ok && path) {
    cg__chain_set_path(g, c, path->rest);
    ok = apply_chain_path(g, s, c, path, error);
    if (ok)
      apply_default_wiring(g, c, path, default_or, explicit_targets, origin);
  }
  g_hash_table_destroy(explicit_targets);
  if (ok && c->nodes->len == 0) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "chain '%s' has neither a path nor wiring", id);
    ok = FALSE;
  }
  cg__graph_builder_at(b, p.where, s->line);
  if (ok)
    for (guint i = 0; i < c->nodes->len; i++)
      cg_graph_builder_add_node_provenance(b, g_array_index(c->nodes, guint32, i), &p);
  return ok;
}

static gboolean
apply_produces(CgGraphBuilder *b, const Stmt *s, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  static const char *const allowed[] = {"share", "role",    "chain",
                                        "quote", "section", "inferred", NULL};
  if (!cg__chain_check_attrs(g, s, allowed, error))
    return FALSE;
  const char *chain = cg__chain_attr_text(s, "chain");
  if (s->args->len != (chain ? 1u : 2u)) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "expected 'produces REGION NODE[,NODE…]' or 'produces REGION chain=ID'");
    return FALSE;
  }
  const Tok *rt = &g_array_index(s->args, Tok, 0);
  gssize r = cg__region_lookup(g, rt->text);
  if (r < 0) {
    cg__set_error_at(error, CG_ERROR_UNKNOWN, cg__chain_stmt_where(g, s, rt->col),
                     "unknown region '%s' (declare it with 'region')", rt->text);
    return FALSE;
  }
  CgProvenance p = stmt_prov(g, s);
  if (!check_prov(g, s, &p, TRUE, error))
    return FALSE;
  double share = NAN;
  const Tok *st = cg__chain_stmt_attr(s, "share");
  if (st && (!parse_number(g, s, st, &share, error)))
    return FALSE;
  if (st && !(share > 0 && share <= 1)) {
    cg__set_error_at(error, CG_ERROR_INVALID, cg__chain_stmt_where(g, s, st->col),
                     "share %g is out of range (expected a number in (0, 1])", share);
    return FALSE;
  }
  const char *role = cg__chain_attr_text(s, "role");
  if (role && strcmp(role, "produce") != 0 && strcmp(role, "develop") != 0) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, cg__chain_stmt_attr(s, "role")->col),
                     "role must be 'produce' or 'develop', not '%s'", role);
    return FALSE;
  }
  gboolean develop = role && strcmp(role, "develop") == 0;
  cg__graph_builder_at(b, p.where, 0); /* a claim keeps no line of its own here */
  if (chain) {
    gssize c = cg_graph_find_chain(g, chain);
    if (c < 0) {
      cg__set_error_at(error, CG_ERROR_UNKNOWN, cg__chain_stmt_where(g, s, cg__chain_stmt_attr(s, "chain")->col),
                       "unknown chain '%s'", chain);
      return FALSE;
    }
    const CgChainRec *cr = g->chains->pdata[c];
    for (guint i = 0; i < cr->nodes->len; i++) {
      guint32 v = g_array_index(cr->nodes, guint32, i);
      if (cg__node(g, v)->stage != CG_STAGE_APPLICATION)
        cg_graph_builder_add_capability(b, (gsize)r, v, share, develop, &p);
    }
    return TRUE;
  }
  const Tok *nt = &g_array_index(s->args, Tok, 1);
  char **parts = g_strsplit(nt->text, ",", -1);
  gboolean ok = TRUE;
  for (char **q = parts; *q && ok; q++) {
    char *ref = g_strstrip(*q);
    guint32 v;
    if (!*ref)
      continue;
    ok = resolve_node(g, s, NULL, ref, nt->col, &v, error);
    if (ok)
      cg_graph_builder_add_capability(b, (gsize)r, v, share, develop, &p);
  }
  g_strfreev(parts);
  return ok;
}

/* The kind= of a chokepoint or risk statement: a known one, chokepoint if none is given. */
static gboolean
check_kind(CgGraph *g, const Stmt *s, CgChokepointKind *kind, GError **error)
{
  const Tok *t = cg__chain_stmt_attr(s, "kind");
  return cg__chokepoint_kind_parse(t ? t->text : NULL, t ? cg__chain_stmt_where(g, s, t->col) : NULL,
                                   "", s->kw, kind, error);
}

static gboolean
apply_chokepoint(CgGraphBuilder *b, const Stmt *s, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  static const char *const allowed[] = {"kind", "import", "quote", "section", "inferred", NULL};
  if (!cg__chain_check_attrs(g, s, allowed, error))
    return FALSE;
  if (s->args->len != 1) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "expected 'chokepoint NODE kind=… quote=\"…\"'");
    return FALSE;
  }
  const Tok *nt = &g_array_index(s->args, Tok, 0);
  guint32 v;
  if (!resolve_node(g, s, NULL, nt->text, nt->col, &v, error))
    return FALSE;
  CgChokepointKind kind;
  if (!check_kind(g, s, &kind, error))
    return FALSE;
  CgProvenance p = stmt_prov(g, s);
  if (!check_prov(g, s, &p, TRUE, error))
    return FALSE;
  const Tok *it = cg__chain_stmt_attr(s, "import");
  if (it) {
    double x;
    cg__graph_builder_at(b, cg__chain_stmt_where(g, s, it->col), s->line);
    if (!parse_number(g, s, it, &x, error) ||
        !cg_graph_builder_set_node_import_share(b, v, x, error))
      return FALSE;
  }
  cg__graph_builder_at(b, p.where, s->line);
  cg_graph_builder_add_node_chokepoint(b, v, kind, &p);
  return TRUE;
}

/* risk kind=K quote="…": a document-wide risk statement that names no material. */
static gboolean
apply_risk(CgGraphBuilder *b, const Stmt *s, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  static const char *const allowed[] = {"kind", "quote", "section", NULL};
  if (!cg__chain_check_attrs(g, s, allowed, error))
    return FALSE;
  if (s->args->len != 0 || !cg__chain_attr_text(s, "kind") || !cg__chain_attr_text(s, "quote")) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__chain_stmt_where(g, s, 0),
                     "expected 'risk kind=… quote=\"…\"' (a statement of the document that "
                     "names no material; one about a material is 'chokepoint NODE …')");
    return FALSE;
  }
  CgChokepointKind kind;
  if (!check_kind(g, s, &kind, error))
    return FALSE;
  CgProvenance p = stmt_prov(g, s);
  if (!check_prov(g, s, &p, TRUE, error))
    return FALSE;
  cg__graph_builder_at(b, p.where, s->line);
  cg_graph_builder_add_document_risk(b, (gsize)s->doc, kind, &p);
  return TRUE;
}

/**
 * cg__chain_apply:
 * @pending: the statements of every file loaded together
 *
 * Runs the statements: declarations, then chains and wiring, then claims.
 * O(statements + edges), with hash look-ups for references.
 */
gboolean
cg__chain_apply(CgGraph *g, GPtrArray *pending, GError **error)
{
  CgGraphBuilder *b = cg__graph_builder_wrap(g);
  gboolean ok = TRUE;
  for (int pass = 0; ok && pass < 3; pass++)
    for (guint i = 0; i < pending->len; i++) {
      const Stmt *s = pending->pdata[i];
      if (pass == 0 && strcmp(s->kw, "node") == 0)
        ok = apply_node(b, s, NULL, error);
      else if (pass == 0 && strcmp(s->kw, "chain") == 0) {
        Stmt *c = (Stmt *)s;
        for (guint k = 0; ok && k < c->body->len; k++) {
          const Stmt *n = c->body->pdata[k];
          if (strcmp(n->kw, "node") != 0)
            continue;
          if (!c->locals)
            c->locals = g_hash_table_new(g_str_hash, g_str_equal);
          ok = apply_node(b, n, c->locals, error);
        }
      }
      else if (pass == 0 && strcmp(s->kw, "region") == 0)
        ok = apply_region(b, s, error);
      else if (pass == 1 && strcmp(s->kw, "chain") == 0)
        ok = apply_chain(b, s, error);
      else if (pass == 1 && (s->kw[0] == '<' || s->kw[0] == '-')) {
        static const char *const wallowed[] = {"quote", "section", "inferred", NULL};
        CgProvenance p = stmt_prov(g, s);
        guint32 t;
        ok = cg__chain_check_attrs(g, s, wallowed, error) && check_prov(g, s, &p, TRUE, error) &&
             apply_wiring(g, s, NULL, NULL, cg__origin_add(g, s->file, &p, CG_NONE), &t, error);
      } else if (pass == 2 && strcmp(s->kw, "produces") == 0)
        ok = apply_produces(b, s, error);
      else if (pass == 2 && strcmp(s->kw, "chokepoint") == 0)
        ok = apply_chokepoint(b, s, error);
      else if (pass == 2 && strcmp(s->kw, "risk") == 0)
        ok = apply_risk(b, s, error);
      if (!ok)
        break;
    }
  cg__graph_builder_unwrap(b);
  return ok;
}

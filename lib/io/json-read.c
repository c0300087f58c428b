/* Node-link JSON, reading (json-write.c writes it): streamed through yajl, written by hand.
 *
 * The layout (docs/formats.md) is one object with the arrays documents, nodes, edges (or
 * networkx's "links"), regions and chains; networkx's own members (directed, multigraph,
 * graph) and any other member are skipped. The text goes through yajl (Debian's
 * libyajl2), a push parser that calls back per token and keeps no document: this reader
 * builds a small tree of one array element at a time (a node, an edge, a region…) in an
 * arena, reads it into the graph and forgets it, so that memory stays that of the graph
 * (json-glib's DOM of a 1M-edge file took 1.4 GB). A file is read in chunks, never mapped
 * whole.
 *
 * Elements are read in file order. What refers to something the file has not declared yet
 * waits: an element naming an unknown node (an edge before the nodes, as a file with
 * sorted keys has it) is kept and read after the document, as is the chain an edge's
 * provenance names (our writer puts chains after edges); only then is an unknown name an
 * error, at the element's place.
 *
 * graphml.c keeps the parts of the model that GraphML has no place for (provenance,
 * regions, documents, chains) as JSON text in <data> elements; cg__json_fragment_write()
 * (json-write.c) and cg__json_fragment_read() at the end of this file serve it, through
 * the same parser (the fragment is one tree). */
#include "io/cg-io.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <yajl/yajl_parse.h>

/* ---- values ---------------------------------------------------------------------------- */

typedef enum { JV_NULL, JV_BOOL, JV_NUMBER, JV_STRING, JV_ARRAY, JV_OBJECT } JKind;

/* A JSON value of the element being read. Containers list their members (objects) or
 * elements (arrays) from @first through @next. */
typedef struct JV JV;
struct JV {
  JKind kind;
  gboolean flag;    /* a boolean's value; for a number: an integer (digits only) */
  guint line;       /* the line the value starts on (0: unknown) */
  const char *key;  /* its name as a member of an object */
  const char *text; /* a string's text; a number's text as written */
  double num;       /* a number's value */
  JV *first, *last, *next;
  guint n; /* a container's length */
};

/* Bump allocation for the values of one element, reset after each. */
typedef struct Block Block;
struct Block {
  Block *next;
  gsize size, used;
  char data[];
};

typedef struct {
  Block *head;
} Arena;

static gpointer
arena_alloc(Arena *a, gsize n)
{
  n = (n + 7) & ~(gsize)7;
  if (!a->head || a->head->size - a->head->used < n) {
    gsize size = MAX(n, 64 * 1024 - sizeof(Block));
    Block *b = g_malloc(sizeof(Block) + size);
    b->size = size;
    b->used = 0;
    b->next = a->head;
    a->head = b;
  }
  gpointer p = a->head->data + a->head->used;
  a->head->used += n;
  return p;
}

static const char *
arena_strdup(Arena *a, const char *s, gsize len)
{
  char *d = arena_alloc(a, len + 1);
  memcpy(d, s, len);
  d[len] = 0;
  return d;
}

/* Frees every block but the newest, which is emptied. */
static void
arena_reset(Arena *a)
{
  if (!a->head)
    return;
  Block *b = a->head->next;
  while (b) {
    Block *next = b->next;
    g_free(b);
    b = next;
  }
  a->head->next = NULL;
  a->head->used = 0;
}

static void
arena_clear(Arena *a)
{
  arena_reset(a);
  g_free(a->head);
  a->head = NULL;
}

/* A deep copy of @v into @a (for an element that waits for the end of the document). */
static JV *
jv_copy(Arena *a, const JV *v)
{
  JV *w = arena_alloc(a, sizeof(JV));
  *w = *v;
  w->next = NULL;
  w->key = v->key ? arena_strdup(a, v->key, strlen(v->key)) : NULL;
  w->text = v->text ? arena_strdup(a, v->text, strlen(v->text)) : NULL;
  w->first = w->last = NULL;
  for (const JV *e = v->first; e; e = e->next) {
    JV *f = jv_copy(a, e);
    if (w->last)
      w->last->next = f;
    else
      w->first = f;
    w->last = f;
  }
  return w;
}

/* ---- reading the model from values ------------------------------------------------------ */

/* An edge provenance naming a chain the document declares later: resolved at its end. */
typedef struct {
  guint32 origin;
  const char *chain; /* interned */
  const char *where; /* interned */
  char *path;
} ChainFixup;

typedef struct {
  CgGraph *g;           /* the graph being built, for look-ups */
  CgGraphBuilder *b;    /* which every statement about nodes, regions and documents goes
                           through */
  const char *name;     /* file name for messages and origins */
  const char *fixed;    /* if set, the place of every message (a GraphML <data>) */
  guint32 plain_origin; /* origin of edges without provenance; CG_NONE until needed */
  gboolean streaming;   /* a whole document: references may point forward */
  gboolean may_wait;    /* an unknown node sets @waits instead of an error */
  gboolean waits;
  GArray *fixups;       /* ChainFixup, while streaming */
} JCtx;

/* "file:line" of an object, for messages and for the model's where fields. */
static const char *
jwhere(JCtx *c, const JV *o)
{
  if (c->fixed)
    return c->fixed;
  guint line = o ? o->line : 0;
  return line ? cg__where(c->g, c->name, line, 0) : cg__intern(c->g, c->name);
}

static void G_GNUC_PRINTF(6, 7)
jerror(JCtx *c, GError **error, CgError code, const JV *o, const char *path, const char *fmt,
       ...)
{
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  cg__set_error_at(error, code, jwhere(c, o), "%s: %s", path, msg);
  g_free(msg);
}

static const char *
kind_name(const JV *n)
{
  static const char *const names[] = {[JV_NULL] = "null",         [JV_BOOL] = "a boolean",
                                      [JV_NUMBER] = "a number",     [JV_STRING] = "a string",
                                      [JV_ARRAY] = "an array",      [JV_OBJECT] = "an object"};
  return n ? names[n->kind] : "null";
}

static gboolean
is_number(const JV *n)
{
  return n->kind == JV_NUMBER;
}

static gboolean
is_string(const JV *n)
{
  return n->kind == JV_STRING;
}

/* The member's value, or NULL when it is absent or null (both mean "not given"). (A member
 * given twice is refused before: unique_members().) */
static JV *
member(const JV *o, const char *m)
{
  JV *hit = NULL;
  for (JV *e = o->first; e; e = e->next)
    if (e->key[0] == m[0] && strcmp(e->key, m) == 0)
      hit = e;
  return hit && hit->kind != JV_NULL ? hit : NULL;
}

/* A node id: a string, or an integer as its decimal text (networkx numbers its nodes). */
static const char *
id_text(const JV *n)
{
  return n && (n->kind == JV_STRING || (n->kind == JV_NUMBER && n->flag)) ? n->text : NULL;
}

/* The path of member @m of the object at @path ("nodes[3]" + "id" = "nodes[3].id"). */
static const char *
member_path(char *buf, gsize size, const char *path, const char *m)
{
  if (strcmp(path, "$") == 0)
    g_strlcpy(buf, m, size);
  else
    g_snprintf(buf, size, "%s.%s", path, m);
  return buf;
}

static gboolean
get_str(JCtx *c, JV *o, const char *path, const char *m, gboolean required, const char **out,
        GError **error)
{
  JV *n = member(o, m);
  char mp[192];
  *out = NULL;
  if (!n) {
    if (!required)
      return TRUE;
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, m),
           "missing (expected a string)");
    return FALSE;
  }
  if (!is_string(n)) {
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, m),
           "expected a string, found %s", kind_name(n));
    return FALSE;
  }
  *out = n->text;
  if (required && !**out) {
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, m),
           "must not be empty");
    return FALSE;
  }
  return TRUE;
}

/* A required node id (a string or an integer). */
static gboolean
get_id(JCtx *c, JV *o, const char *path, const char *m, const char **out, GError **error)
{
  JV *n = member(o, m);
  if (n && n->kind == JV_NUMBER) {
    char mp[192];
    *out = id_text(n);
    if (!*out)
      jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, m),
             "expected a string or an integer, found a number with a fraction or exponent");
    return *out != NULL;
  }
  return get_str(c, o, path, m, TRUE, out, error);
}

static gboolean
get_num(JCtx *c, JV *o, const char *path, const char *m, double *out, GError **error)
{
  JV *n = member(o, m);
  char mp[192];
  *out = NAN;
  if (!n)
    return TRUE;
  if (!is_number(n)) {
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, m),
           "expected a number, found %s", kind_name(n));
    return FALSE;
  }
  *out = n->num;
  return TRUE;
}

static gboolean
get_array(JCtx *c, JV *o, const char *path, const char *m, JV **out, GError **error)
{
  JV *n = member(o, m);
  char mp[192];
  *out = NULL;
  if (!n)
    return TRUE;
  if (n->kind != JV_ARRAY) {
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, m),
           "expected an array, found %s", kind_name(n));
    return FALSE;
  }
  *out = n;
  return TRUE;
}

/* Objects with more members than this find repeated ones through a hash table. */
#define UNIQUE_SCAN_MAX 16

/* Whether every object inside @v (@v included) names each member once: a member given
 * twice is an error (RFC 8259 leaves it to the reader; JSON tools differ on which value
 * wins). Linear in the size of @v. */
static gboolean
unique_members(JCtx *c, const JV *v, const char *path, GError **error)
{
  char sub[192];
  if (v->kind != JV_OBJECT && v->kind != JV_ARRAY)
    return TRUE;
  guint n = 0;
  for (const JV *e = v->first; e; e = e->next)
    n++;
  GHashTable *seen = v->kind == JV_OBJECT && n > UNIQUE_SCAN_MAX
                         ? g_hash_table_new(g_str_hash, g_str_equal)
                         : NULL;
  gboolean ok = TRUE;
  guint i = 0;
  for (const JV *e = v->first; e && ok; e = e->next) {
    if (v->kind == JV_OBJECT) {
      gboolean again = FALSE;
      if (seen)
        again = !g_hash_table_add(seen, (gpointer)e->key);
      else
        for (const JV *f = v->first; f != e && !again; f = f->next)
          again = strcmp(f->key, e->key) == 0;
      if (again) {
        char mp[96];
        jerror(c, error, CG_ERROR_PARSE, e, member_path(mp, sizeof mp, path, e->key),
               "member '%s' given twice in one object", e->key);
        ok = FALSE;
        break;
      }
    }
    if (e->kind == JV_OBJECT || e->kind == JV_ARRAY) {
      if (v->kind == JV_OBJECT)
        member_path(sub, sizeof sub, path, e->key);
      else
        g_snprintf(sub, sizeof sub, "%s[%u]", path, i);
      ok = unique_members(c, e, sub, error);
    }
    i++;
  }
  if (seen)
    g_hash_table_destroy(seen);
  return ok;
}

/* An array element as an object, each of its objects naming a member once. */
static JV *
get_elem_object(JCtx *c, JV *el, const char *path, GError **error)
{
  if (el->kind != JV_OBJECT) {
    jerror(c, error, CG_ERROR_PARSE, el, path, "expected an object, found %s", kind_name(el));
    return NULL;
  }
  return unique_members(c, el, path, error) ? el : NULL;
}

static const char *
get_elem_string(JCtx *c, JV *el, const char *path, GError **error)
{
  if (!is_string(el)) {
    jerror(c, error, CG_ERROR_PARSE, el, path, "expected a string, found %s", kind_name(el));
    return NULL;
  }
  return el->text;
}

/* A node named by id in an edge, capability or chain: it must have been declared. */
static gboolean
lookup_node(JCtx *c, JV *o, const char *path, const char *m, const char *id, guint32 *out,
            GError **error)
{
  gssize v = cg__node_lookup_id(c->g, id);
  if (v < 0 && c->may_wait) {
    c->waits = TRUE; /* not an error yet: the node may come later in the document */
    return FALSE;
  }
  if (v < 0) {
    char mp[192];
    jerror(c, error, CG_ERROR_UNKNOWN, o, m ? member_path(mp, sizeof mp, path, m) : path,
           "unknown node '%s' (no node has this id)", id);
    return FALSE;
  }
  *out = (guint32)v;
  return TRUE;
}

/* The members document/section/quote/inferred of @o into @p. */
static gboolean
read_prov(JCtx *c, JV *o, const char *path, CgProvenance *p, GError **error)
{
  const char *doc, *section, *quote, *inferred;
  if (!get_str(c, o, path, "document", FALSE, &doc, error) ||
      !get_str(c, o, path, "section", FALSE, &section, error) ||
      !get_str(c, o, path, "quote", FALSE, &quote, error) ||
      !get_str(c, o, path, "inferred", FALSE, &inferred, error))
    return FALSE;
  if (doc && !*doc) {
    char mp[192];
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, "document"),
           "must not be empty");
    return FALSE;
  }
  const char *where = jwhere(c, o);
  /* An empty section, quote or reason says nothing: it is absent, as in the TSV tables,
   * which cannot tell the two apart (found by fuzz-json: "quote": "" did not survive them). */
  cg__graph_builder_at(c->b, where, 0);
  p->document = doc ? (int)cg_graph_builder_add_document(c->b, doc, NULL, NULL) : -1;
  p->section = cg__intern(c->g, section && *section ? section : NULL);
  p->quote = cg__intern(c->g, quote && *quote ? quote : NULL);
  p->inferred = cg__intern(c->g, inferred && *inferred ? inferred : NULL);
  p->where = where;
  return TRUE;
}

/* A model error raised at @where ("file:line: message") gets the JSON path of the member
 * that caused it after the place, as every JSON message has: "file:line: PATH: message". */
static gboolean
with_path(GError **error, const char *where, const char *path, const char *m)
{
  if (error && *error && where && g_str_has_prefix((*error)->message, where) &&
      (*error)->message[strlen(where)] == ':') {
    char mp[192];
    char *msg = g_strdup_printf("%s: %s%s", where, member_path(mp, sizeof mp, path, m),
                                (*error)->message + strlen(where));
    g_free((*error)->message);
    (*error)->message = msg;
  }
  return FALSE;
}

/* What the elements of a provenance list become: a node's provenance or chokepoint
 * evidence, a region's provenance, or a document's risk statements (those two with a kind). */
typedef enum { PROV_NODE, PROV_CHOKEPOINT, PROV_REGION, PROV_RISK } ProvTarget;

/* The list @m of @o ([{"document", "section", "quote", "inferred", "kind"?}, …]), each element
 * added to node, region or document @index as @target says. */
static gboolean
read_prov_list(JCtx *c, JV *o, const char *path, const char *m, ProvTarget target,
               guint32 index, GError **error)
{
  JV *a;
  if (!get_array(c, o, path, m, &a, error))
    return FALSE;
  char sub[160];
  guint i = 0;
  for (JV *el = a ? a->first : NULL; el; el = el->next, i++) {
    g_snprintf(sub, sizeof sub, "%s.%s[%u]", path, m, i);
    JV *po = get_elem_object(c, el, sub, error);
    CgProvenance p;
    const char *kind = NULL;
    if (!po || !read_prov(c, po, sub, &p, error))
      return FALSE;
    CgChokepointKind k = CG_CHOKEPOINT_KIND_CHOKEPOINT;
    if (target == PROV_CHOKEPOINT || target == PROV_RISK) {
      char mp[192], prefix[200];
      g_snprintf(prefix, sizeof prefix, "%s: ", member_path(mp, sizeof mp, sub, "kind"));
      if (!get_str(c, po, sub, "kind", FALSE, &kind, error) ||
          !cg__chokepoint_kind_parse(kind, jwhere(c, po), prefix,
                                     target == PROV_RISK ? "risk" : "chokepoint", &k, error))
        return FALSE;
    }
    cg__graph_builder_at(c->b, p.where, 0);
    switch (target) {
    case PROV_NODE:
      cg_graph_builder_add_node_provenance(c->b, index, &p);
      break;
    case PROV_CHOKEPOINT:
      cg_graph_builder_add_node_chokepoint(c->b, index, k, &p);
      break;
    case PROV_REGION:
      cg_graph_builder_add_region_provenance(c->b, index, &p);
      break;
    case PROV_RISK:
      /* A document's risk statement is that document's: it cannot cite another. */
      if (p.document < 0)
        p.document = (int)index;
      if ((guint)p.document != index) {
        char mp[192];
        jerror(c, error, CG_ERROR_INVALID, po, member_path(mp, sizeof mp, sub, "document"),
               "a risk statement of document '%s' cannot cite '%s'",
               ((const CgDocRec *)c->g->documents->pdata[index])->file,
               ((const CgDocRec *)c->g->documents->pdata[p.document])->file);
        return FALSE;
      }
      cg_graph_builder_add_document_risk(c->b, index, k, &p);
      break;
    }
  }
  return TRUE;
}

/* One element of "documents". */
static gboolean
read_document(JCtx *c, JV *o, const char *path, GError **error)
{
  const char *file, *key, *title, *region;
  if (!get_str(c, o, path, "file", TRUE, &file, error) ||
      !get_str(c, o, path, "key", FALSE, &key, error) ||
      !get_str(c, o, path, "title", FALSE, &title, error) ||
      !get_str(c, o, path, "region", FALSE, &region, error))
    return FALSE;
  const char *where = jwhere(c, o);
  cg__graph_builder_at(c->b, where, 0);
  gsize di = cg_graph_builder_add_document(c->b, file, NULL, NULL);
  if (key && !cg_graph_builder_set_document_key(c->b, di, key, error))
    return with_path(error, where, path, "key");
  if (title && !cg_graph_builder_set_document_title(c->b, di, title, error))
    return with_path(error, where, path, "title");
  if (region && !cg_graph_builder_set_document_region(c->b, di, region, error))
    return with_path(error, where, path, "region");
  return read_prov_list(c, o, path, "risks", PROV_RISK, di, error);
}

typedef gboolean (*ReadItem)(JCtx *c, JV *o, const char *path, GError **error);

/* Every element of the array @what (@a; NULL: none) through @read,
 * each an object named "WHAT[i]" in messages. */
static gboolean
read_array(JCtx *c, JV *a, const char *what, ReadItem read, GError **error)
{
  char path[64];
  guint i = 0;
  for (JV *el = a ? a->first : NULL; el; el = el->next, i++) {
    g_snprintf(path, sizeof path, "%s[%u]", what, i);
    JV *o = get_elem_object(c, el, path, error);
    if (!o || !read(c, o, path, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
read_documents(JCtx *c, JV *a, GError **error)
{
  return read_array(c, a, "documents", read_document, error);
}

static gboolean
read_strv(JCtx *c, JV *o, const char *path, const char *m, GPtrArray *out,
          GError **error)
{
  JV *a;
  if (!get_array(c, o, path, m, &a, error))
    return FALSE;
  char sub[160];
  guint i = 0;
  for (JV *el = a ? a->first : NULL; el; el = el->next, i++) {
    g_snprintf(sub, sizeof sub, "%s.%s[%u]", path, m, i);
    const char *s = get_elem_string(c, el, sub, error);
    if (!s)
      return FALSE;
    g_ptr_array_add(out, (gpointer)s);
  }
  return TRUE;
}

static gboolean
read_node(JCtx *c, JV *o, const char *path, GError **error)
{
  static const char *const numbers[] = {"weight", "import", "subst", "recycle"};
  const char *id, *name, *en, *stage;
  if (!get_id(c, o, path, "id", &id, error) ||
      !get_str(c, o, path, "name", FALSE, &name, error) ||
      !get_str(c, o, path, "name_en", FALSE, &en, error) ||
      !get_str(c, o, path, "stage", FALSE, &stage, error))
    return FALSE;
  const char *where = jwhere(c, o);
  cg__graph_builder_at(c->b, where, 0);
  CgNodeId v = cg_graph_builder_add_node(c->b, id);
  if (name && !cg_graph_builder_set_node_name(c->b, v, name, error))
    return with_path(error, where, path, "name");
  if (en && !cg_graph_builder_set_node_name_en(c->b, v, en, error))
    return with_path(error, where, path, "name_en");
  if (stage) {
    CgStage s;
    if (!cg_stage_from_string(stage, &s)) {
      char mp[192];
      jerror(c, error, CG_ERROR_INVALID, o, member_path(mp, sizeof mp, path, "stage"),
             "unknown stage '%s' (expected raw, material, component, product, application, "
             "recycling or category)", stage);
      return FALSE;
    }
    if (!cg_graph_builder_set_node_stage(c->b, v, s, error))
      return with_path(error, where, path, "stage");
  }
  for (guint k = 0; k < G_N_ELEMENTS(numbers); k++) {
    double x;
    if (!get_num(c, o, path, numbers[k], &x, error))
      return FALSE;
    if (!isnan(x) && !cg__graph_builder_set_node_number(c->b, v, numbers[k], x, error))
      return with_path(error, where, path, numbers[k]);
  }
  GPtrArray *list = g_ptr_array_new();
  gboolean ok = read_strv(c, o, path, "aliases", list, error);
  for (guint i = 0; ok && i < list->len; i++)
    ok = !*(const char *)list->pdata[i] ||
         cg_graph_builder_add_node_alias(c->b, v, list->pdata[i], error);
  g_ptr_array_set_size(list, 0);
  ok = ok && read_strv(c, o, path, "domains", list, error);
  for (guint i = 0; ok && i < list->len; i++)
    cg_graph_builder_add_node_domain(c->b, v, list->pdata[i]);
  g_ptr_array_free(list, TRUE);
  return ok && read_prov_list(c, o, path, "provenance", PROV_NODE, v, error) &&
         read_prov_list(c, o, path, "chokepoints", PROV_CHOKEPOINT, v, error);
}

/* A region alias from the JSON, kept as written (see cg__region_add_alias). */
static gboolean
region_add_alias(JCtx *c, guint32 ri, const char *alias, JV *o, const char *path,
                 GError **error)
{
  gssize other = cg__graph_builder_region_alias(c->b, ri, alias, TRUE);
  if (other >= 0) {
    jerror(c, error, CG_ERROR_CONFLICT, o, path, "region alias '%s' already names region '%s'",
           alias, ((CgRegionRec *)c->g->regions->pdata[other])->name);
    return FALSE;
  }
  return TRUE;
}

static gboolean
read_capabilities(JCtx *c, guint32 ri, JV *o, const char *path, GError **error)
{
  JV *a;
  if (!get_array(c, o, path, "capabilities", &a, error))
    return FALSE;
  char sub[160];
  guint i = 0;
  for (JV *el = a ? a->first : NULL; el; el = el->next, i++) {
    g_snprintf(sub, sizeof sub, "%s.capabilities[%u]", path, i);
    JV *co = get_elem_object(c, el, sub, error);
    const char *node;
    double share;
    guint32 v;
    CgProvenance p;
    if (!co || !get_id(c, co, sub, "node", &node, error) ||
        !lookup_node(c, co, sub, "node", node, &v, error) ||
        !get_num(c, co, sub, "share", &share, error) || !read_prov(c, co, sub, &p, error))
      return FALSE;
    if (!isnan(share) && !(share > 0 && share <= 1)) {
      char mp[192];
      jerror(c, error, CG_ERROR_INVALID, co, member_path(mp, sizeof mp, sub, "share"),
             "%g is out of range (expected 0 < share <= 1)", share);
      return FALSE;
    }
    JV *dn = member(co, "develop");
    if (dn && dn->kind != JV_BOOL) {
      char mp[192];
      jerror(c, error, CG_ERROR_PARSE, co, member_path(mp, sizeof mp, sub, "develop"),
             "expected a boolean, found %s", kind_name(dn));
      return FALSE;
    }
    cg__graph_builder_at(c->b, p.where, 0);
    cg_graph_builder_add_capability(c->b, ri, v, share, dn && dn->flag, &p);
  }
  return TRUE;
}

static gboolean
read_region(JCtx *c, JV *o, const char *path, GError **error)
{
  const char *name, *id, *en, *level, *parent;
  if (!get_str(c, o, path, "id", FALSE, &id, error) ||
      !get_str(c, o, path, "name", FALSE, &name, error) ||
      !get_str(c, o, path, "name_en", FALSE, &en, error) ||
      !get_str(c, o, path, "level", FALSE, &level, error) ||
      !get_str(c, o, path, "parent", FALSE, &parent, error))
    return FALSE;
  if (!name || !*name)
    name = id;
  if (!name || !*name) {
    char mp[192];
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, "name"),
           "missing (expected a string)");
    return FALSE;
  }
  const char *where = jwhere(c, o);
  if (parent && !*parent) {
    char mp[192];
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, "parent"),
           "empty (expected a region's name)");
    return FALSE;
  }
  cg__graph_builder_at(c->b, where, 0);
  gsize ri = cg_graph_builder_add_region(c->b, name);
  if ((id && *id && strcmp(id, name) != 0 && !cg_graph_builder_set_region_id(c->b, ri, id, error)) ||
      (en && !cg_graph_builder_set_region_name_en(c->b, ri, en, error)) ||
      (parent && !cg_graph_builder_set_region_parent(c->b, ri, parent, error)))
    return FALSE;
  if (level) {
    CgRegionLevel l;
    if (!cg_level_from_string(level, &l)) {
      char mp[192];
      jerror(c, error, CG_ERROR_INVALID, o, member_path(mp, sizeof mp, path, "level"),
             "unknown level '%s' (expected country, province, city, district, zone or "
             "cluster)", level);
      return FALSE;
    }
    if (!cg_graph_builder_set_region_level(c->b, ri, l, error))
      return FALSE;
  }
  GPtrArray *aliases = g_ptr_array_new();
  gboolean ok = read_strv(c, o, path, "aliases", aliases, error);
  for (guint i = 0; ok && i < aliases->len; i++)
    ok = region_add_alias(c, ri, aliases->pdata[i], o, path, error);
  g_ptr_array_free(aliases, TRUE);
  if (!ok)
    return FALSE;
  return read_prov_list(c, o, path, "provenance", PROV_REGION, ri, error) &&
         read_capabilities(c, ri, o, path, error);
}

static gboolean
read_regions(JCtx *c, JV *a, GError **error)
{
  return read_array(c, a, "regions", read_region, error);
}

/* An array of node ids into @out (node indices). */
static gboolean
read_id_array(JCtx *c, JV *a, JV *o, const char *path, GArray *out,
              GError **error)
{
  char sub[192];
  guint i = 0;
  for (JV *el = a->first; el; el = el->next, i++) {
    g_snprintf(sub, sizeof sub, "%s[%u]", path, i);
    const char *id = id_text(el);
    guint32 v;
    if (!id && !get_elem_string(c, el, sub, error))
      return FALSE;
    if (!lookup_node(c, o, sub, NULL, id, &v, error))
      return FALSE;
    g_array_append_val(out, v);
  }
  return TRUE;
}

static gboolean
read_chain_body(JCtx *c, CgChainRec *ch, JV *o, const char *path, GError **error)
{
  JV *stages, *nodes, *edges, *locals;
  char sub[160];
  if (!get_array(c, o, path, "stages", &stages, error) ||
      !get_array(c, o, path, "nodes", &nodes, error) ||
      !get_array(c, o, path, "local_nodes", &locals, error) ||
      !get_array(c, o, path, "edges", &edges, error))
    return FALSE;
  if (locals) {
    GArray *lv = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_snprintf(sub, sizeof sub, "%s.local_nodes", path);
    gboolean ok = read_id_array(c, locals, o, sub, lv, error);
    for (guint i = 0; ok && i < lv->len; i++)
      cg__chain_add_local(c->g, ch, g_array_index(lv, guint32, i));
    g_array_free(lv, TRUE);
    if (!ok)
      return FALSE;
  }
  guint s = 0;
  for (JV *el = stages ? stages->first : NULL; el; el = el->next, s++) {
    g_snprintf(sub, sizeof sub, "%s.stages[%u]", path, s);
    JV *sn = el;
    if (sn->kind != JV_ARRAY) {
      jerror(c, error, CG_ERROR_PARSE, o, sub, "expected an array of node ids, found %s",
             kind_name(sn));
      return FALSE;
    }
    guint k = cg__chain_add_stage(ch);
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint32));
    gboolean ok = read_id_array(c, sn, o, sub, ids, error);
    for (guint i = 0; ok && i < ids->len; i++)
      cg__chain_add_stage_node(ch, k, g_array_index(ids, guint32, i));
    g_array_free(ids, TRUE);
    if (!ok)
      return FALSE;
  }
  if (nodes) {
    g_snprintf(sub, sizeof sub, "%s.nodes", path);
    GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint32));
    gboolean ok = read_id_array(c, nodes, o, sub, ids, error);
    cg__chain_add_nodes(ch, (const guint32 *)(void *)ids->data, ids->len);
    g_array_free(ids, TRUE);
    if (!ok)
      return FALSE;
  }
  GArray *pair = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint i = 0;
  for (JV *el = edges ? edges->first : NULL; el; el = el->next, i++) {
    g_snprintf(sub, sizeof sub, "%s.edges[%u]", path, i);
    JV *en = el;
    g_array_set_size(pair, 0);
    if (en->kind != JV_ARRAY || en->n != 2) {
      jerror(c, error, CG_ERROR_PARSE, o, sub, "expected [source, target], found %s",
             kind_name(en));
      g_array_free(pair, TRUE);
      return FALSE;
    }
    if (!read_id_array(c, en, o, sub, pair, error)) {
      g_array_free(pair, TRUE);
      return FALSE;
    }
    cg__chain_add_edge_key(ch, g_array_index(pair, guint32, 0), g_array_index(pair, guint32, 1));
  }
  g_array_free(pair, TRUE);
  /* A chain written without "nodes" gets them in first-appearance order. */
  if (!nodes) {
    for (guint s = 0; s < ch->stages->len; s++) {
      GArray *stage = ch->stages->pdata[s];
      for (guint i = 0; i < stage->len; i++)
        cg__chain_add_node(ch, g_array_index(stage, guint32, i));
    }
    for (guint i = 0; i < ch->edge_keys->len; i++) {
      guint64 key = g_array_index(ch->edge_keys, guint64, i);
      cg__chain_add_node(ch, (guint32)(key >> 32));
      cg__chain_add_node(ch, (guint32)(key & 0xffffffffu));
    }
  }
  return TRUE;
}

static gboolean
read_chain(JCtx *c, JV *o, const char *path, GError **error)
{
  CgGraph *g = c->g;
  const char *id, *name, *en, *cpath;
  CgProvenance p;
  if (!get_str(c, o, path, "id", TRUE, &id, error) ||
      !get_str(c, o, path, "name", FALSE, &name, error) ||
      !get_str(c, o, path, "name_en", FALSE, &en, error) ||
      !get_str(c, o, path, "path", FALSE, &cpath, error) || !read_prov(c, o, path, &p, error))
    return FALSE;
  gpointer hit = g_hash_table_lookup(g->chain_by_id, id);
  if (hit) { /* cg__chain_new_ok()'s message, after the JSON path */
    const CgChainRec *first = g->chains->pdata[GPOINTER_TO_UINT(hit) - 1];
    jerror(c, error, CG_ERROR_CONFLICT, o, path, "chain '%s' is already defined at %s", id,
           first->prov.where ? first->prov.where : "an earlier declaration");
    return FALSE;
  }
  CgChainRec *ch = cg__chain_add(g, id, name, en, cpath, &p);
  /* On an error the graph, and the chain with it, is freed by the caller. */
  return read_chain_body(c, ch, o, path, error);
}

static gboolean
read_chains(JCtx *c, JV *a, GError **error)
{
  return read_array(c, a, "chains", read_chain, error);
}

/* The provenance list of an edge as origins (one per statement), appended to @out. */
static gboolean
read_origins(JCtx *c, JV *a, const char *path, GArray *out, GError **error)
{
  char sub[160];
  guint i = 0;
  for (JV *el = a->first; el; el = el->next, i++) {
    g_snprintf(sub, sizeof sub, "%s[%u]", path, i);
    JV *po = get_elem_object(c, el, sub, error);
    CgProvenance p;
    const char *chain;
    if (!po || !read_prov(c, po, sub, &p, error) ||
        !get_str(c, po, sub, "chain", FALSE, &chain, error))
      return FALSE;
    guint32 ci = CG_NONE;
    if (chain) {
      gpointer hit = g_hash_table_lookup(c->g->chain_by_id, chain);
      if (!hit && c->streaming) {
        /* Our writer puts the chains after the edges: resolved at the end. */
        p.where = NULL;
        ChainFixup f = {cg__origin_add(c->g, c->name, &p, CG_NONE), cg__intern(c->g, chain),
                        jwhere(c, po), g_strdup(sub)};
        g_array_append_val(c->fixups, f);
        g_array_append_val(out, f.origin);
        continue;
      }
      if (!hit) {
        jerror(c, error, CG_ERROR_UNKNOWN, po, sub, "unknown chain '%s'", chain);
        return FALSE;
      }
      ci = GPOINTER_TO_UINT(hit) - 1;
    }
    p.where = NULL; /* origins carry the statement's place in the edge's line */
    guint32 origin = cg__origin_add(c->g, c->name, &p, ci);
    g_array_append_val(out, origin);
  }
  return TRUE;
}

static guint32
plain_origin(JCtx *c)
{
  if (c->plain_origin == CG_NONE)
    c->plain_origin = cg__origin_add(c->g, c->name, NULL, CG_NONE);
  return c->plain_origin;
}

/* Group labels are strings; an integer is accepted as its decimal text because other
 * tools number their groups. */
static gboolean
read_edge(JCtx *c, JV *o, const char *path, GArray *origins, GError **error)
{
  const char *src, *dst;
  guint32 u, v;
  if (!get_id(c, o, path, "source", &src, error) || !get_id(c, o, path, "target", &dst, error) ||
      !lookup_node(c, o, path, "source", src, &u, error) ||
      !lookup_node(c, o, path, "target", dst, &v, error))
    return FALSE;
  if (u == v) { /* the finisher's message, with the JSON path (JSON has no columns) */
    jerror(c, error, CG_ERROR_INVALID, o, path,
           "self-loop on node '%s' (a product cannot be its own input)", src);
    return FALSE;
  }
  JV *gn = member(o, "group");
  guint32 label;
  if (!gn) {
    label = cg__label_own(c->g);
  } else if (is_string(gn) && *gn->text) {
    label = cg__label_intern(c->g, gn->text);
  } else if (gn->kind == JV_NUMBER && gn->flag) {
    label = cg__label_intern(c->g, gn->text);
  } else {
    char mp[96];
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, "group"),
           "expected a string, found %s", is_string(gn) ? "an empty string" : kind_name(gn));
    return FALSE;
  }
  JV *provs;
  if (!get_array(c, o, path, "provenance", &provs, error))
    return FALSE;
  g_array_set_size(origins, 0);
  if (provs) {
    char sub[96];
    g_snprintf(sub, sizeof sub, "%s.provenance", path);
    if (!read_origins(c, provs, sub, origins, error))
      return FALSE;
  }
  if (origins->len == 0) {
    guint32 po = plain_origin(c);
    g_array_append_val(origins, po);
  }
  /* One copy per statement: cg__graph_finish() merges copies with the same label and
   * keeps every origin. */
  guint line = o->line;
  for (guint i = 0; i < origins->len; i++)
    cg__edge_add(c->g, u, v, label, g_array_index(origins, guint32, i), line, 0);
  return TRUE;
}

/* ---- the stream ------------------------------------------------------------------------ */

/* yajl keeps no limit of its own; nothing the format means nests deeper than 5 levels. */
#define JSON_MAX_DEPTH 512

/* The arrays of a document, in the order elements that wait are read at its end (regions
 * and chains before edges: an edge's provenance may name a chain). */
typedef enum {
  SEC_DOCUMENTS,
  SEC_NODES,
  SEC_REGIONS,
  SEC_CHAINS,
  SEC_EDGES,
  SEC_LINKS, /* networkx's node_link_data() calls the edges "links" (before networkx 3.4) */
  N_SEC,
  SEC_SKIP = -1 /* any other member (directed, multigraph, graph…): skipped */
} Section;

static const char *const section_names[N_SEC] = {"documents", "nodes",  "regions",
                                                 "chains",    "edges", "links"};

typedef struct {
  Section sec;
  guint index;
  JV *v;
} Waiting;

typedef enum { GO_BUILD, GO_SKIP, GO_TOP, GO_SECTION, GO_FAIL } Go;

typedef struct {
  JCtx *c;
  yajl_handle h;
  const char *name; /* the name syntax messages carry */
  gboolean stream;  /* a whole document, read element by element (else one tree) */
  /* where the parser is: the chunk being parsed, scanned for line breaks up to @scanned */
  const char *chunk;
  gsize chunk_len, scanned;
  guint line;
  const char *line_start; /* in @chunk; NULL: the line began in an earlier chunk */
  glong carry_cols;       /* characters of the current line in earlier chunks */
  guint depth, skip_depth;
  gboolean started, closed;
  gsize close_off; /* just past the closing bracket, in the chunk that held it */
  Section pending, section;
  guint index;
  gboolean has_chains; /* the document has a "chains" member */
  guint sections_seen; /* bit per Section met */
  /* the value being built */
  Arena arena;
  GPtrArray *stack;
  const char *key;
  JV *root;
  /* elements that wait for the end of the document */
  Arena keep;
  GArray *waiting;
  GArray *origins; /* scratch for an edge's origins */
  GError *error;
} JStream;

static gsize
consumed(JStream *s)
{
  return MIN(yajl_get_bytes_consumed(s->h), s->chunk_len);
}

/* Counts the line breaks of the chunk up to @off. O(bytes) over a whole document. */
static void
advance(JStream *s, gsize off)
{
  const char *p = s->chunk + s->scanned, *end = s->chunk + off;
  while (p < end && (p = memchr(p, '\n', (gsize)(end - p)))) {
    s->line++;
    s->line_start = ++p;
  }
  if (off > s->scanned)
    s->scanned = off;
}

/* The end of a chunk, before its buffer is reused: its line breaks and the characters of
 * its last line. */
static void
chunk_done(JStream *s)
{
  if (s->chunk_len) {
    advance(s, s->chunk_len);
    const char *end = s->chunk + s->chunk_len;
    if (s->line_start)
      s->carry_cols = g_utf8_strlen(s->line_start, end - s->line_start);
    else
      s->carry_cols += g_utf8_strlen(s->chunk, (gssize)s->chunk_len);
  }
  s->chunk = NULL;
  s->chunk_len = s->scanned = 0;
  s->line_start = NULL;
}

static void
next_chunk(JStream *s, const char *data, gsize len)
{
  s->chunk = data;
  s->chunk_len = len;
  s->scanned = 0;
  s->line_start = NULL;
}

/* Sets the stream's error "NAME:LINE:COL: message" at byte @off of the chunk. Returns 0 (for
 * a callback: stop). */
static int G_GNUC_PRINTF(3, 4)
fail_at(JStream *s, gsize off, const char *fmt, ...)
{
  advance(s, off);
  const char *at = s->chunk + off;
  glong col = s->line_start && s->line_start <= at
                  ? g_utf8_strlen(s->line_start, at - s->line_start)
                  : s->carry_cols + g_utf8_strlen(s->chunk, at - s->chunk);
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  g_set_error(&s->error, CG_ERROR, CG_ERROR_PARSE, "%s:%u:%ld: %s", s->name, s->line, col + 1,
              msg);
  g_free(msg);
  return 0;
}

/* At the last byte of the token just read. */
static int
fail_here(JStream *s, const char *msg)
{
  gsize off = consumed(s);
  return fail_at(s, off ? off - 1 : 0, "%s", msg);
}

static Section
section_of(const char *key, gsize len)
{
  for (int i = 0; i < N_SEC; i++)
    if (strlen(section_names[i]) == len && memcmp(section_names[i], key, len) == 0)
      return (Section)i;
  return SEC_SKIP;
}

/* What becomes of a value that starts at the current depth. */
static Go
value_place(JStream *s, JKind kind)
{
  if (s->skip_depth)
    return GO_SKIP;
  if (!s->stream) {
    s->started = TRUE;
    return GO_BUILD;
  }
  JV here = {.line = s->line};
  switch (s->depth) {
  case 0:
    s->started = TRUE;
    if (kind != JV_OBJECT) {
      JV v = {.kind = kind};
      cg__set_error_at(&s->error, CG_ERROR_PARSE, cg__where(s->c->g, s->c->name, s->line, 0),
                       "expected a JSON object at the top level, found %s", kind_name(&v));
      return GO_FAIL;
    }
    return GO_TOP;
  case 1:
    if (s->pending == SEC_SKIP || kind == JV_NULL) /* null: not given */
      return GO_SKIP;
    if (kind != JV_ARRAY) {
      JV v = {.kind = kind};
      jerror(s->c, &s->error, CG_ERROR_PARSE, &here, section_names[s->pending],
             "expected an array, found %s", kind_name(&v));
      return GO_FAIL;
    }
    return GO_SECTION;
  default:
    return GO_BUILD;
  }
}

static JV *
new_value(JStream *s, JKind kind)
{
  JV *v = arena_alloc(&s->arena, sizeof(JV));
  memset(v, 0, sizeof *v);
  v->kind = kind;
  v->line = s->line;
  if (s->stack->len) {
    JV *p = s->stack->pdata[s->stack->len - 1];
    v->key = s->key;
    s->key = NULL;
    if (p->last)
      p->last->next = v;
    else
      p->first = v;
    p->last = v;
    p->n++;
  } else {
    s->root = v;
  }
  return v;
}

/* Does every node @o names exist yet? (What is no node id is left to the reader to refuse.) */
static gboolean
known(JCtx *c, const JV *id)
{
  const char *t = id_text(id);
  return !t || cg__node_lookup_id(c->g, t) >= 0;
}

static gboolean
known_list(JCtx *c, const JV *a, gboolean nested)
{
  if (!a || a->kind != JV_ARRAY)
    return TRUE;
  for (const JV *e = a->first; e; e = e->next)
    if (nested ? !known_list(c, e, FALSE) : !known(c, e))
      return FALSE;
  return TRUE;
}

static gboolean
refs_known(JCtx *c, Section sec, const JV *o)
{
  switch (sec) {
  case SEC_REGIONS: {
    const JV *caps = member(o, "capabilities");
    for (const JV *e = caps && caps->kind == JV_ARRAY ? caps->first : NULL; e; e = e->next)
      if (e->kind == JV_OBJECT && !known(c, member(e, "node")))
        return FALSE;
    return TRUE;
  }
  case SEC_CHAINS:
    return known_list(c, member(o, "stages"), TRUE) && known_list(c, member(o, "nodes"), FALSE) &&
           known_list(c, member(o, "local_nodes"), FALSE) &&
           known_list(c, member(o, "edges"), TRUE);
  default: /* edges: read_edge() looks their ends up before it changes anything */
    return TRUE;
  }
}

/* Element @index of array @sec into the graph, or kept for the end of the document when it
 * names a node not declared yet (@can_wait). */
static gboolean
read_element(JStream *s, Section sec, guint index, JV *v, gboolean can_wait)
{
  JCtx *c = s->c;
  GError **error = &s->error;
  char path[64], digits[16];
  /* (g_snprintf() per element cost more than the rest of an edge) */
  gsize nl = strlen(section_names[sec]), nd = 0;
  guint x = index;
  do
    digits[nd++] = (char)('0' + x % 10);
  while ((x /= 10));
  memcpy(path, section_names[sec], nl);
  path[nl] = '[';
  for (gsize k = 0; k < nd; k++)
    path[nl + 1 + k] = digits[nd - 1 - k];
  path[nl + 1 + nd] = ']';
  path[nl + 2 + nd] = 0;
  JV *o = get_elem_object(c, v, path, error);
  if (!o)
    return FALSE;
  if (can_wait && sec >= SEC_EDGES) {
    c->may_wait = TRUE;
    c->waits = FALSE;
    gboolean ok = read_edge(c, o, path, s->origins, error);
    c->may_wait = FALSE;
    if (ok || !c->waits)
      return ok;
  }
  if (can_wait && (sec >= SEC_EDGES || !refs_known(c, sec, o))) {
    Waiting w = {sec, index, jv_copy(&s->keep, o)};
    g_array_append_val(s->waiting, w);
    return TRUE;
  }
  switch (sec) {
  case SEC_DOCUMENTS:
    return read_document(c, o, path, error);
  case SEC_NODES:
    return read_node(c, o, path, error);
  case SEC_REGIONS:
    return read_region(c, o, path, error);
  case SEC_CHAINS:
    return read_chain(c, o, path, error);
  default:
    return read_edge(c, o, path, s->origins, error);
  }
}

/* A value of the document is complete: read it if it is an element of an array. */
static int
value_done(JStream *s)
{
  if (!s->stream) {
    s->closed = TRUE;
    s->close_off = consumed(s);
    return 1;
  }
  JV *v = s->root;
  s->root = NULL;
  gboolean ok = read_element(s, s->section, s->index++, v, TRUE);
  arena_reset(&s->arena);
  return ok;
}

static int
cb_open(JStream *s, JKind kind)
{
  advance(s, consumed(s));
  if (s->depth >= JSON_MAX_DEPTH)
    return fail_here(s, "arrays and objects nested deeper than 512 levels");
  G_STATIC_ASSERT(JSON_MAX_DEPTH == 512);
  Go go = value_place(s, kind);
  s->depth++;
  switch (go) {
  case GO_FAIL:
    return 0;
  case GO_SKIP:
    if (!s->skip_depth)
      s->skip_depth = s->depth;
    return 1;
  case GO_TOP:
    return 1;
  case GO_SECTION:
    s->section = s->pending;
    s->index = 0;
    return 1;
  case GO_BUILD:
    g_ptr_array_add(s->stack, new_value(s, kind));
    return 1;
  }
  return 0;
}

static int
cb_close(void *ctx)
{
  JStream *s = ctx;
  advance(s, consumed(s));
  guint d = s->depth--;
  if (s->skip_depth) {
    if (d == s->skip_depth)
      s->skip_depth = 0;
    return 1;
  }
  if (s->stream && d == 1) {
    s->closed = TRUE;
    s->close_off = consumed(s);
    return 1;
  }
  if (s->stream && d == 2) /* the end of an array of the document */
    return 1;
  g_ptr_array_set_size(s->stack, s->stack->len - 1);
  return s->stack->len ? 1 : value_done(s);
}

static int
cb_scalar(JStream *s, JKind kind, const char *text, gsize len, gboolean flag)
{
  advance(s, consumed(s));
  Go go = value_place(s, kind);
  if (go == GO_FAIL)
    return 0;
  if (go != GO_BUILD)
    return 1;
  JV *v = new_value(s, kind);
  v->flag = flag;
  if (text)
    v->text = arena_strdup(&s->arena, text, len);
  if (kind == JV_NUMBER) {
    /* yajl checks JSON's number syntax, which every format's decimal syntax includes. */
    if (!cg__parse_decimal(v->text, &v->num))
      return fail_here(s, "a number out of range (expected a finite number)");
    v->flag = strpbrk(v->text, ".eE") == NULL;
  }
  return s->stack->len ? 1 : value_done(s);
}

/* No text may hold a control character (escaped as \n or \u0000 too: yajl decodes them).
 * yajl checks only the shape of UTF-8 sequences: an encoded surrogate or an overlong form
 * passes it (fuzz corpus json/crash-surrogate-utf8), and GraphML could not carry it. */
static int
text_ok(JStream *s, const char *text, gsize len)
{
  if (cg__control_char(text, (gssize)len))
    return fail_here(s, "a string holds a control character (no text may hold one)");
  if (!g_utf8_validate_len(text, len, NULL))
    return fail_here(s, "invalid UTF-8 in a string");
  return 1;
}

static int
y_null(void *ctx)
{
  return cb_scalar(ctx, JV_NULL, NULL, 0, FALSE);
}

static int
y_boolean(void *ctx, int b)
{
  return cb_scalar(ctx, JV_BOOL, NULL, 0, b != 0);
}

static int
y_number(void *ctx, const char *text, size_t len)
{
  return cb_scalar(ctx, JV_NUMBER, text, len, FALSE);
}

static int
y_string(void *ctx, const unsigned char *text, size_t len)
{
  return text_ok(ctx, (const char *)text, len) &&
         cb_scalar(ctx, JV_STRING, (const char *)text, len, FALSE);
}

static int
y_map_key(void *ctx, const unsigned char *text, size_t len)
{
  JStream *s = ctx;
  advance(s, consumed(s));
  if (!text_ok(s, (const char *)text, len))
    return 0;
  if (s->skip_depth)
    return 1;
  if (s->stream && s->depth == 1) {
    s->pending = section_of((const char *)text, len);
    s->has_chains = s->has_chains || s->pending == SEC_CHAINS;
    if (s->pending != SEC_SKIP) { /* a section given twice, as any member (unique_members()) */
      if (s->sections_seen & (1u << s->pending)) {
        gsize off = consumed(s);
        return fail_at(s, off ? off - 1 : 0, "member '%s' given twice in one object",
                       section_names[s->pending]);
      }
      s->sections_seen |= 1u << s->pending;
    }
  }
  else
    s->key = arena_strdup(&s->arena, (const char *)text, len);
  return 1;
}

static int
y_start_map(void *ctx)
{
  return cb_open(ctx, JV_OBJECT);
}

static int
y_start_array(void *ctx)
{
  return cb_open(ctx, JV_ARRAY);
}

static const yajl_callbacks callbacks = {y_null,   y_boolean, NULL,     NULL,
                                         y_number, y_string,  y_start_map, y_map_key,
                                         cb_close, y_start_array, cb_close};

static void
stream_init(JStream *s, JCtx *c, const char *name, gboolean stream)
{
  memset(s, 0, sizeof *s);
  s->c = c;
  s->name = name;
  s->stream = stream;
  s->line = 1;
  s->pending = s->section = SEC_SKIP;
  s->h = yajl_alloc(&callbacks, NULL, s);
  s->stack = g_ptr_array_new();
  s->waiting = g_array_new(FALSE, FALSE, sizeof(Waiting));
  s->origins = g_array_new(FALSE, FALSE, sizeof(guint32));
}

static void
stream_clear(JStream *s)
{
  yajl_free(s->h);
  arena_clear(&s->arena);
  arena_clear(&s->keep);
  g_ptr_array_free(s->stack, TRUE);
  g_array_free(s->waiting, TRUE);
  g_array_free(s->origins, TRUE);
  g_clear_error(&s->error);
}

/* Where in the chunk yajl's syntax error is, in words. */
static void
syntax_error(JStream *s)
{
  gsize off = consumed(s);
  gsize at = off ? off - 1 : 0;
  /* yajl says only "invalid bytes in UTF8 string": find them (the chunks end between
   * characters). */
  const char *bad;
  if (!g_utf8_validate_len(s->chunk, s->chunk_len, &bad) && (gsize)(bad - s->chunk) <= off) {
    fail_at(s, (gsize)(bad - s->chunk), "invalid UTF-8");
    return;
  }
  unsigned char *ym = yajl_get_error(s->h, 0, NULL, 0);
  const char *msg = (const char *)ym;
  if (strstr(msg, "inside string")) {
    /* A raw control character: the string began at the last quote before it. */
    const char *q = s->chunk + MIN(at, s->chunk_len ? s->chunk_len - 1 : 0);
    while (q > s->chunk && *q != '"')
      q--;
    for (const char *p = q + 1; p < s->chunk + s->chunk_len && p <= s->chunk + off; p++)
      if ((guchar)*p < 0x20) {
        fail_at(s, (gsize)(p - s->chunk), "a string holds a control character (no text may "
                                          "hold one)");
        yajl_free_error(s->h, ym);
        return;
      }
  }
  if (g_str_has_prefix(msg, "parse error: "))
    msg += strlen("parse error: ");
  else if (g_str_has_prefix(msg, "lexical error: "))
    msg += strlen("lexical error: ");
  char *clean = g_strchomp(g_strdup(msg));
  fail_at(s, at, "%s", clean);
  g_free(clean);
  yajl_free_error(s->h, ym);
}

static gboolean
feed_chunk(JStream *s, const char *data, gsize len)
{
  gboolean was_closed = s->closed;
  next_chunk(s, data, len);
  yajl_status st = was_closed ? yajl_status_ok : yajl_parse(s->h, (const guchar *)data, len);
  if (s->error)
    return FALSE;
  if (s->closed) {
    /* yajl would call a second document "trailing garbage"; say where it starts. */
    for (gsize i = was_closed ? 0 : s->close_off; i < len; i++)
      if (!g_ascii_isspace(data[i])) {
        fail_at(s, i, "text after the JSON value (one file holds one document)");
        return FALSE;
      }
    return TRUE;
  }
  if (st != yajl_status_ok) {
    syntax_error(s);
    return FALSE;
  }
  return TRUE;
}

/* Parses the next @len bytes (which end between characters). */
static gboolean
feed(JStream *s, const char *data, gsize len)
{
  gboolean ok = feed_chunk(s, data, len);
  chunk_done(s);
  return ok;
}

/* The end of the text. */
static gboolean
complete(JStream *s)
{
  if (s->closed)
    return TRUE;
  next_chunk(s, " ", 1);
  yajl_status st = yajl_complete_parse(s->h);
  gboolean ok = !s->error && st == yajl_status_ok;
  if (!ok && !s->error && !s->started) {
    if (s->stream)
      cg__set_error_at(&s->error, CG_ERROR_PARSE, s->name,
                       "empty document (expected a JSON object)");
    ok = !s->stream;
  } else if (!ok && !s->error) {
    syntax_error(s);
  }
  chunk_done(s);
  return ok;
}

/* The end of the document: what waited, then the chains edges named. */
static gboolean
finish_document(JStream *s)
{
  static const Section order[] = {SEC_REGIONS, SEC_CHAINS, SEC_EDGES, SEC_LINKS};
  for (guint k = 0; k < G_N_ELEMENTS(order); k++)
    for (guint i = 0; i < s->waiting->len; i++) {
      Waiting *w = &g_array_index(s->waiting, Waiting, i);
      if (w->sec == order[k] && !read_element(s, w->sec, w->index, w->v, FALSE))
        return FALSE;
    }
  JCtx *c = s->c;
  for (guint i = 0; i < c->fixups->len; i++) {
    ChainFixup *f = &g_array_index(c->fixups, ChainFixup, i);
    gpointer hit = g_hash_table_lookup(c->g->chain_by_id, f->chain);
    /* A document without chains (what networkx writes back: it keeps only nodes and
     * edges) keeps the statement without its chain. */
    if (!hit && !s->has_chains)
      continue;
    if (!hit) {
      cg__set_error_at(&s->error, CG_ERROR_UNKNOWN, f->where, "%s: unknown chain '%s'", f->path,
                       f->chain);
      return FALSE;
    }
    cg__origin_set_chain(c->g, f->origin, GPOINTER_TO_UINT(hit) - 1);
  }
  return TRUE;
}

static void
fixups_free(JCtx *c)
{
  for (guint i = 0; i < c->fixups->len; i++)
    g_free(g_array_index(c->fixups, ChainFixup, i).path);
  g_array_free(c->fixups, TRUE);
}

/* Feeds @data whole, or @fp in chunks; returns the error through @error. */
static gboolean
read_document_text(CgGraph *g, const char *data, gsize len, FILE *fp, const char *name,
                   GError **error)
{
  JCtx c = {.g = g, .b = cg__graph_builder_wrap(g), .name = name, .plain_origin = CG_NONE,
            .streaming = TRUE, .fixups = g_array_new(FALSE, FALSE, sizeof(ChainFixup))};
  JStream s;
  stream_init(&s, &c, name, TRUE);
  gboolean ok = TRUE;
  if (fp) {
    /* 1 MiB at a time; a character cut at the end waits for the next chunk. */
    enum { CHUNK = 1 << 20 };
    char *buf = g_malloc(CHUNK + 4);
    gsize have = 0, total = 0;
    for (;;) {
      gsize n = fread(buf + have, 1, CHUNK + 4 - have, fp);
      if (n == 0 && ferror(fp)) {
        g_set_error(&s.error, CG_ERROR, CG_ERROR_IO, "%s: cannot read: %s", name,
                    g_strerror(errno));
        ok = FALSE;
        break;
      }
      total += n;
      have += n;
      gboolean eof = n == 0;
      gsize cut = have;
      if (!eof) {
        gsize j = have;
        while (j > 0 && have - j < 3 && ((guchar)buf[j - 1] & 0xC0) == 0x80)
          j--;
        if (j > 0 && (guchar)buf[j - 1] >= 0xC0)
          cut = j - 1;
      }
      if (cut && !(ok = feed(&s, buf, cut)))
        break;
      memmove(buf, buf + cut, have - cut);
      have -= cut;
      if (eof)
        break;
    }
    g_free(buf);
    if (ok && total == 0) {
      g_set_error(&s.error, CG_ERROR, CG_ERROR_PARSE, "%s: the file is empty", name);
      ok = FALSE;
    }
  } else {
    ok = feed(&s, data, len);
  }
  ok = ok && complete(&s) && finish_document(&s);
  if (!ok)
    g_propagate_error(error, g_steal_pointer(&s.error));
  stream_clear(&s);
  fixups_free(&c);
  cg__graph_builder_unwrap(c.b);
  return ok;
}

/**
 * cg__json_read:
 * @g: the graph being loaded
 * @data: the JSON text (need not be NUL-terminated)
 * @len: its length in bytes
 * @name: the file name used in messages and provenance
 *
 * Reads node-link JSON (docs/formats.md) into @g, streamed: memory is the graph's and one
 * element's. Every member is optional, so `{}` is an empty graph and a file holding only
 * nodes and edges loads; networkx's node_link_data() shapes load too (node ids may be
 * integers). Errors name `name:line` and the JSON path of the offending value
 * (`nodes[3].id`); syntax errors `name:line:column`. The caller finishes the graph.
 *
 * Returns: %FALSE with @error set (%CG_ERROR_PARSE for syntax and shape,
 * %CG_ERROR_UNKNOWN for references to undeclared nodes or chains, %CG_ERROR_INVALID and
 * %CG_ERROR_CONFLICT from the model). O(size of the text) plus O(1) expected per element.
 */
gboolean
cg__json_read(CgGraph *g, const char *data, gsize len, const char *name, GError **error)
{
  g_return_val_if_fail(g != NULL && data != NULL && name != NULL, FALSE);
  return read_document_text(g, data, len, NULL, name, error);
}

/**
 * cg__json_read_file:
 * @g: the graph being loaded
 * @path: the file, also the name used in messages and provenance
 *
 * cg__json_read() on a file, read in chunks of 1 MiB (the file is never held whole).
 *
 * Returns: %FALSE with @error set (%CG_ERROR_IO if it cannot be read).
 */
gboolean
cg__json_read_file(CgGraph *g, const char *path, GError **error)
{
  FILE *fp = fopen(path, "rb");
  if (!fp) {
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot read: %s", path, g_strerror(errno));
    return FALSE;
  }
  gboolean ok = read_document_text(g, NULL, 0, fp, path, error);
  fclose(fp);
  return ok;
}

/* ---- fragments for GraphML ------------------------------------------------------------ */

/**
 * cg__json_fragment_read:
 * @what: as for cg__json_fragment_write()
 * @index: the node, for "provenance" and "chokepoints"
 * @text: the JSON array text
 * @name: the file the text came from (origins are attributed to it)
 * @where: the `file:line:column` of the text, used for every message
 * @origins: for "edge-provenance", receives the origins (one per array element)
 *
 * Applies one JSON array written by cg__json_fragment_write() to @g, with the same rules
 * as the matching array of a node-link file.
 *
 * Returns: %FALSE with @error set. O(length of @text).
 */
gboolean
cg__json_fragment_read(CgGraph *g, const char *what, guint32 index, const char *text, gsize len,
                       const char *name, const char *where, GArray *origins, GError **error)
{
  JCtx c = {.g = g, .b = cg__graph_builder_wrap(g), .name = name, .fixed = where,
            .plain_origin = CG_NONE};
  JStream s;
  stream_init(&s, &c, "JSON", FALSE);
  if (!feed(&s, text, len) || !complete(&s)) {
    cg__set_error_at(error, CG_ERROR_PARSE, where, "%s: %s", what, s.error->message);
    stream_clear(&s);
    cg__graph_builder_unwrap(c.b);
    return FALSE;
  }
  JV *a = s.root;
  gboolean ok;
  if (!a || a->kind != JV_ARRAY) {
    cg__set_error_at(error, CG_ERROR_PARSE, where, "%s: expected a JSON array, found %s", what,
                     kind_name(a));
    ok = FALSE;
  } else if (strcmp(what, "documents") == 0) {
    ok = read_documents(&c, a, error);
  } else if (strcmp(what, "regions") == 0) {
    ok = read_regions(&c, a, error);
  } else if (strcmp(what, "chains") == 0) {
    ok = read_chains(&c, a, error);
  } else if (strcmp(what, "provenance") == 0 || strcmp(what, "chokepoints") == 0) {
    /* The array is read as if it were the member @what of an object. */
    a->key = what;
    JV wrap = {.kind = JV_OBJECT, .first = a, .last = a, .n = 1};
    ok = read_prov_list(&c, &wrap, "$", what, what[0] == 'c' ? PROV_CHOKEPOINT : PROV_NODE,
                        index, error);
  } else if (strcmp(what, "edge-provenance") == 0) {
    ok = read_origins(&c, a, "provenance", origins, error);
  } else {
    g_warn_if_reached();
    ok = FALSE;
  }
  stream_clear(&s);
  cg__graph_builder_unwrap(c.b);
  return ok;
}

/* Node-link JSON, reading (json-write.c writes it): read with json-glib, written by hand.
 *
 * The layout (docs/formats.md) is one object with five arrays: documents, nodes, edges,
 * regions, chains. Reading goes through json-glib's DOM; the writer streams into a GString
 * instead of building a JsonBuilder tree because json-glib prints doubles with 17 digits
 * (0.3 becomes 0.29999999999999999) and because a DOM of a million-node graph would cost
 * gigabytes for nothing. Writing one element per line also keeps diffs of exported files
 * readable.
 *
 * graphml.c keeps the parts of the model that GraphML has no place for (provenance,
 * regions, documents, chains) as JSON text in <data> elements; cg__json_fragment_write()
 * (json-write.c) and cg__json_fragment_read() at the end of this file serve it. */
#include "io/cg-io.h"

#include <json-glib/json-glib.h>
#include <string.h>

typedef struct {
  CgGraph *g;
  const char *name;       /* file name for messages and origins */
  const char *fixed;      /* if set, the place of every message (a GraphML <data>) */
  GHashTable *lines;      /* JsonObject* -> line of its first member */
  JsonObject *last;       /* the object whose line was recorded last */
  guint32 plain_origin;   /* origin of edges without provenance; CG_NONE until needed */
} JCtx;

static void
on_object_member(JsonParser *parser, JsonObject *obj, const char *member, gpointer data)
{
  (void)member;
  JCtx *c = data;
  if (obj == c->last)
    return;
  c->last = obj;
  /* A nested value finishes before its parent's member is announced, so the parent can
   * come round again; keep the first (topmost) line. */
  if (!g_hash_table_contains(c->lines, obj))
    g_hash_table_insert(c->lines, obj, GUINT_TO_POINTER(json_parser_get_current_line(parser)));
}

static void
on_array_element(JsonParser *parser, JsonArray *array, int index, gpointer data)
{
  /* An empty object announces no member; its array element still gives a line. */
  JCtx *c = data;
  JsonNode *el = json_array_get_element(array, (guint)index);
  if (JSON_NODE_HOLDS_OBJECT(el)) {
    JsonObject *obj = json_node_get_object(el);
    if (!g_hash_table_contains(c->lines, obj))
      g_hash_table_insert(c->lines, obj, GUINT_TO_POINTER(json_parser_get_current_line(parser)));
  }
}

static guint
obj_line(JCtx *c, JsonObject *o)
{
  return o && c->lines ? GPOINTER_TO_UINT(g_hash_table_lookup(c->lines, o)) : 0;
}

/* "file:line" of an object, for messages and for the model's where fields. */
static const char *
jwhere(JCtx *c, JsonObject *o)
{
  if (c->fixed)
    return c->fixed;
  guint line = obj_line(c, o);
  return line ? cg__where(c->g, c->name, line, 0) : cg__intern(c->g, c->name);
}

static void G_GNUC_PRINTF(6, 7)
jerror(JCtx *c, GError **error, CgError code, JsonObject *o, const char *path, const char *fmt,
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
kind_name(JsonNode *n)
{
  if (!n || JSON_NODE_HOLDS_NULL(n))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT(n))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY(n))
    return "an array";
  GType t = json_node_get_value_type(n);
  if (t == G_TYPE_STRING)
    return "a string";
  if (t == G_TYPE_BOOLEAN)
    return "a boolean";
  return "a number";
}

static gboolean
is_number(JsonNode *n)
{
  if (!JSON_NODE_HOLDS_VALUE(n))
    return FALSE;
  GType t = json_node_get_value_type(n);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

static gboolean
is_string(JsonNode *n)
{
  return JSON_NODE_HOLDS_VALUE(n) && json_node_get_value_type(n) == G_TYPE_STRING;
}

/* The member's node, or NULL when it is absent or null (both mean "not given"). */
static JsonNode *
member(JsonObject *o, const char *m)
{
  JsonNode *n = json_object_get_member(o, m);
  return n && !JSON_NODE_HOLDS_NULL(n) ? n : NULL;
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
get_str(JCtx *c, JsonObject *o, const char *path, const char *m, gboolean required,
        const char **out, GError **error)
{
  JsonNode *n = member(o, m);
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
  *out = json_node_get_string(n);
  if (required && !**out) {
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, m),
           "must not be empty");
    return FALSE;
  }
  return TRUE;
}

static gboolean
get_num(JCtx *c, JsonObject *o, const char *path, const char *m, double *out, GError **error)
{
  JsonNode *n = member(o, m);
  char mp[192];
  *out = NAN;
  if (!n)
    return TRUE;
  if (!is_number(n)) {
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, m),
           "expected a number, found %s", kind_name(n));
    return FALSE;
  }
  *out = json_node_get_double(n);
  return TRUE;
}

static gboolean
get_array(JCtx *c, JsonObject *o, const char *path, const char *m, JsonArray **out,
          GError **error)
{
  JsonNode *n = member(o, m);
  char mp[192];
  *out = NULL;
  if (!n)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY(n)) {
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, m),
           "expected an array, found %s", kind_name(n));
    return FALSE;
  }
  *out = json_node_get_array(n);
  return TRUE;
}

/* Element @i of @a as an object; @parent is the object holding the array (for the line). */
static JsonObject *
get_elem_object(JCtx *c, JsonArray *a, guint i, JsonObject *parent, const char *path,
                GError **error)
{
  JsonNode *n = json_array_get_element(a, i);
  if (!JSON_NODE_HOLDS_OBJECT(n)) {
    jerror(c, error, CG_ERROR_PARSE, parent, path, "expected an object, found %s", kind_name(n));
    return NULL;
  }
  return json_node_get_object(n);
}

static const char *
get_elem_string(JCtx *c, JsonArray *a, guint i, JsonObject *parent, const char *path,
                GError **error)
{
  JsonNode *n = json_array_get_element(a, i);
  if (!is_string(n)) {
    jerror(c, error, CG_ERROR_PARSE, parent, path, "expected a string, found %s", kind_name(n));
    return NULL;
  }
  return json_node_get_string(n);
}

/* A node named by id in an edge, capability or chain: it must have been declared. */
static gboolean
lookup_node(JCtx *c, JsonObject *o, const char *path, const char *m, const char *id,
            guint32 *out, GError **error)
{
  gssize v = cg__node_lookup_id(c->g, id);
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
read_prov(JCtx *c, JsonObject *o, const char *path, CgProvenance *p, GError **error)
{
  const char *doc, *section, *quote, *inferred;
  if (!get_str(c, o, path, "document", FALSE, &doc, error) ||
      !get_str(c, o, path, "section", FALSE, &section, error) ||
      !get_str(c, o, path, "quote", FALSE, &quote, error) ||
      !get_str(c, o, path, "inferred", FALSE, &inferred, error))
    return FALSE;
  const char *where = jwhere(c, o);
  p->document = doc ? (int)cg__document_ensure(c->g, doc, where) : -1;
  p->section = cg__intern(c->g, section);
  p->quote = cg__intern(c->g, quote);
  p->inferred = cg__intern(c->g, inferred);
  p->where = where;
  return TRUE;
}

/* Sets a document attribute given by two files: the first value stays, a different second
 * value is a conflict. The key defaults to the file name, so that default can be replaced. */
static gboolean
doc_set(JCtx *c, CgDocRec *d, const char **slot, const char *value, const char *attr,
        JsonObject *o, const char *path, GError **error)
{
  if (!value)
    return TRUE;
  value = cg__intern(c->g, value);
  if (*slot && *slot != value && !(slot == &d->key && *slot == d->file)) {
    jerror(c, error, CG_ERROR_CONFLICT, o, path,
           "document '%s': %s '%s' conflicts with '%s' given at %s", d->file, attr, value, *slot,
           d->where ? d->where : "an earlier declaration");
    return FALSE;
  }
  *slot = value;
  return TRUE;
}

/* What the elements of a provenance list become: a node's provenance or chokepoint
 * evidence, a region's provenance, or a document's risk statements (those two with a kind). */
typedef enum { PROV_NODE, PROV_CHOKEPOINT, PROV_REGION, PROV_RISK } ProvTarget;

/* The list @m of @o ([{"document", "section", "quote", "inferred", "kind"?}, …]), each element
 * added to node, region or document @index as @target says. */
static gboolean
read_prov_list(JCtx *c, JsonObject *o, const char *path, const char *m, ProvTarget target,
               guint32 index, GError **error)
{
  JsonArray *a;
  if (!get_array(c, o, path, m, &a, error))
    return FALSE;
  char sub[160];
  for (guint i = 0; a && i < json_array_get_length(a); i++) {
    g_snprintf(sub, sizeof sub, "%s.%s[%u]", path, m, i);
    JsonObject *po = get_elem_object(c, a, i, o, sub, error);
    CgProvenance p;
    const char *kind = NULL;
    if (!po || !read_prov(c, po, sub, &p, error))
      return FALSE;
    if ((target == PROV_CHOKEPOINT || target == PROV_RISK) &&
        !get_str(c, po, sub, "kind", FALSE, &kind, error))
      return FALSE;
    switch (target) {
    case PROV_NODE:
      cg__node_add_provenance(c->g, index, &p);
      break;
    case PROV_CHOKEPOINT:
      cg__node_add_chokepoint(c->g, index, kind, &p);
      break;
    case PROV_REGION:
      cg__region_add_provenance(c->g, index, &p);
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
      cg__document_add_risk(c->g, index, kind, &p);
      break;
    }
  }
  return TRUE;
}

/* One element of "documents". */
static gboolean
read_document(JCtx *c, JsonObject *o, const char *path, GError **error)
{
  const char *file, *key, *title, *region;
  if (!get_str(c, o, path, "file", TRUE, &file, error) ||
      !get_str(c, o, path, "key", FALSE, &key, error) ||
      !get_str(c, o, path, "title", FALSE, &title, error) ||
      !get_str(c, o, path, "region", FALSE, &region, error))
    return FALSE;
  guint di = cg__document_ensure(c->g, file, jwhere(c, o));
  CgDocRec *d = c->g->documents->pdata[di];
  return doc_set(c, d, &d->key, key, "key", o, path, error) &&
         doc_set(c, d, &d->title, title, "title", o, path, error) &&
         doc_set(c, d, &d->region, region, "region", o, path, error) &&
         read_prov_list(c, o, path, "risks", PROV_RISK, di, error);
}

typedef gboolean (*ReadItem)(JCtx *c, JsonObject *o, const char *path, GError **error);

/* Every element of the array @what (@a, a member of @parent; NULL: none) through @read,
 * each an object named "WHAT[i]" in messages. */
static gboolean
read_array(JCtx *c, JsonArray *a, JsonObject *parent, const char *what, ReadItem read,
           GError **error)
{
  char path[64];
  for (guint i = 0; a && i < json_array_get_length(a); i++) {
    g_snprintf(path, sizeof path, "%s[%u]", what, i);
    JsonObject *o = get_elem_object(c, a, i, parent, path, error);
    if (!o || !read(c, o, path, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
read_documents(JCtx *c, JsonArray *a, JsonObject *parent, GError **error)
{
  return read_array(c, a, parent, "documents", read_document, error);
}

static gboolean
read_strv(JCtx *c, JsonObject *o, const char *path, const char *m, GPtrArray *out,
          GError **error)
{
  JsonArray *a;
  if (!get_array(c, o, path, m, &a, error))
    return FALSE;
  char sub[160];
  for (guint i = 0; a && i < json_array_get_length(a); i++) {
    g_snprintf(sub, sizeof sub, "%s.%s[%u]", path, m, i);
    const char *s = get_elem_string(c, a, i, o, sub, error);
    if (!s)
      return FALSE;
    g_ptr_array_add(out, (gpointer)s);
  }
  return TRUE;
}

static gboolean
read_node(JCtx *c, JsonObject *o, const char *path, GError **error)
{
  static const char *const numbers[] = {"weight", "import", "subst", "recycle"};
  CgGraph *g = c->g;
  const char *id, *name, *en, *stage;
  if (!get_str(c, o, path, "id", TRUE, &id, error) ||
      !get_str(c, o, path, "name", FALSE, &name, error) ||
      !get_str(c, o, path, "name_en", FALSE, &en, error) ||
      !get_str(c, o, path, "stage", FALSE, &stage, error))
    return FALSE;
  const char *where = jwhere(c, o);
  guint32 v = cg__node_ensure(g, id, where, NULL);
  if ((name && !cg__node_set_name(g, v, name, where, error)) ||
      (en && !cg__node_set_name_en(g, v, en, where, error)))
    return FALSE;
  if (stage) {
    CgStage s;
    if (!cg_stage_from_string(stage, &s)) {
      char mp[192];
      jerror(c, error, CG_ERROR_INVALID, o, member_path(mp, sizeof mp, path, "stage"),
             "unknown stage '%s' (expected raw, material, component, product, application, "
             "recycling or category)", stage);
      return FALSE;
    }
    if (!cg__node_set_stage(g, v, s, where, error))
      return FALSE;
  }
  for (guint k = 0; k < G_N_ELEMENTS(numbers); k++) {
    double x;
    if (!get_num(c, o, path, numbers[k], &x, error))
      return FALSE;
    if (!isnan(x) && !cg__node_set_number(g, v, numbers[k], x, where, error))
      return FALSE;
  }
  GPtrArray *list = g_ptr_array_new();
  gboolean ok = read_strv(c, o, path, "aliases", list, error);
  for (guint i = 0; ok && i < list->len; i++)
    ok = cg__node_add_alias(g, v, list->pdata[i], where, error);
  g_ptr_array_set_size(list, 0);
  ok = ok && read_strv(c, o, path, "domains", list, error);
  for (guint i = 0; ok && i < list->len; i++)
    cg__node_add_domain(g, v, list->pdata[i]);
  g_ptr_array_free(list, TRUE);
  return ok && read_prov_list(c, o, path, "provenance", PROV_NODE, v, error) &&
         read_prov_list(c, o, path, "chokepoints", PROV_CHOKEPOINT, v, error);
}

static gboolean
read_nodes(JCtx *c, JsonArray *a, JsonObject *parent, GError **error)
{
  return read_array(c, a, parent, "nodes", read_node, error);
}

/* A region alias from the JSON, kept as written (see cg__region_add_alias). */
static gboolean
region_add_alias(JCtx *c, guint32 ri, const char *alias, JsonObject *o, const char *path,
                 GError **error)
{
  gssize other = cg__region_add_alias(c->g, ri, alias, TRUE);
  if (other >= 0) {
    jerror(c, error, CG_ERROR_CONFLICT, o, path, "region alias '%s' already names region '%s'",
           alias, ((CgRegionRec *)c->g->regions->pdata[other])->name);
    return FALSE;
  }
  return TRUE;
}

static gboolean
read_capabilities(JCtx *c, guint32 ri, JsonObject *o, const char *path, GError **error)
{
  JsonArray *a;
  if (!get_array(c, o, path, "capabilities", &a, error))
    return FALSE;
  char sub[160];
  for (guint i = 0; a && i < json_array_get_length(a); i++) {
    g_snprintf(sub, sizeof sub, "%s.capabilities[%u]", path, i);
    JsonObject *co = get_elem_object(c, a, i, o, sub, error);
    const char *node;
    double share;
    guint32 v;
    CgProvenance p;
    if (!co || !get_str(c, co, sub, "node", TRUE, &node, error) ||
        !lookup_node(c, co, sub, "node", node, &v, error) ||
        !get_num(c, co, sub, "share", &share, error) || !read_prov(c, co, sub, &p, error))
      return FALSE;
    if (!isnan(share) && !(share > 0 && share <= 1)) {
      char mp[192];
      jerror(c, error, CG_ERROR_INVALID, co, member_path(mp, sizeof mp, sub, "share"),
             "%g is out of range (expected 0 < share <= 1)", share);
      return FALSE;
    }
    JsonNode *dn = member(co, "develop");
    if (dn && !(JSON_NODE_HOLDS_VALUE(dn) && json_node_get_value_type(dn) == G_TYPE_BOOLEAN)) {
      char mp[192];
      jerror(c, error, CG_ERROR_PARSE, co, member_path(mp, sizeof mp, sub, "develop"),
             "expected a boolean, found %s", kind_name(dn));
      return FALSE;
    }
    cg__region_add_capability(c->g, ri, v, share, dn && json_node_get_boolean(dn), &p, 0);
  }
  return TRUE;
}

static gboolean
read_region(JCtx *c, JsonObject *o, const char *path, GError **error)
{
  CgGraph *g = c->g;
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
  guint32 ri = cg__region_ensure(g, name, where);
  if ((id && *id && strcmp(id, name) != 0 && !cg__region_set_id(g, ri, id, where, error)) ||
      (en && !cg__region_set_name_en(g, ri, en, where, error)) ||
      (parent && !cg__region_set_parent(g, ri, parent, where, error)))
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
    if (!cg__region_set_level(g, ri, l, where, error))
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
read_regions(JCtx *c, JsonArray *a, JsonObject *parent, GError **error)
{
  return read_array(c, a, parent, "regions", read_region, error);
}

/* An array of node ids into @out (node indices). */
static gboolean
read_id_array(JCtx *c, JsonArray *a, JsonObject *o, const char *path, GArray *out,
              GError **error)
{
  char sub[192];
  for (guint i = 0; i < json_array_get_length(a); i++) {
    g_snprintf(sub, sizeof sub, "%s[%u]", path, i);
    const char *id = get_elem_string(c, a, i, o, sub, error);
    guint32 v;
    if (!id || !lookup_node(c, o, sub, NULL, id, &v, error))
      return FALSE;
    g_array_append_val(out, v);
  }
  return TRUE;
}

static gboolean
read_chain_body(JCtx *c, CgChainRec *ch, JsonObject *o, const char *path, GError **error)
{
  JsonArray *stages, *nodes, *edges, *locals;
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
  for (guint s = 0; stages && s < json_array_get_length(stages); s++) {
    g_snprintf(sub, sizeof sub, "%s.stages[%u]", path, s);
    JsonNode *sn = json_array_get_element(stages, s);
    if (!JSON_NODE_HOLDS_ARRAY(sn)) {
      jerror(c, error, CG_ERROR_PARSE, o, sub, "expected an array of node ids, found %s",
             kind_name(sn));
      return FALSE;
    }
    GArray *stage = g_array_new(FALSE, FALSE, sizeof(guint32));
    g_ptr_array_add(ch->stages, stage);
    if (!read_id_array(c, json_node_get_array(sn), o, sub, stage, error))
      return FALSE;
  }
  if (nodes) {
    g_snprintf(sub, sizeof sub, "%s.nodes", path);
    if (!read_id_array(c, nodes, o, sub, ch->nodes, error))
      return FALSE;
  }
  GArray *pair = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint i = 0; edges && i < json_array_get_length(edges); i++) {
    g_snprintf(sub, sizeof sub, "%s.edges[%u]", path, i);
    JsonNode *en = json_array_get_element(edges, i);
    g_array_set_size(pair, 0);
    if (!JSON_NODE_HOLDS_ARRAY(en) || json_array_get_length(json_node_get_array(en)) != 2) {
      jerror(c, error, CG_ERROR_PARSE, o, sub, "expected [source, target], found %s",
             kind_name(en));
      g_array_free(pair, TRUE);
      return FALSE;
    }
    if (!read_id_array(c, json_node_get_array(en), o, sub, pair, error)) {
      g_array_free(pair, TRUE);
      return FALSE;
    }
    guint64 key =
        ((guint64)g_array_index(pair, guint32, 0) << 32) | g_array_index(pair, guint32, 1);
    g_array_append_val(ch->edge_keys, key);
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
read_chain(JCtx *c, JsonObject *o, const char *path, GError **error)
{
  CgGraph *g = c->g;
  const char *id, *name, *en, *cpath;
  CgProvenance p;
  if (!get_str(c, o, path, "id", TRUE, &id, error) ||
      !get_str(c, o, path, "name", FALSE, &name, error) ||
      !get_str(c, o, path, "name_en", FALSE, &en, error) ||
      !get_str(c, o, path, "path", FALSE, &cpath, error) || !read_prov(c, o, path, &p, error))
    return FALSE;
  if (g_hash_table_contains(g->chain_by_id, id)) {
    jerror(c, error, CG_ERROR_CONFLICT, o, path, "chain '%s' is defined twice", id);
    return FALSE;
  }
  CgChainRec *ch = cg__chain_add(g, id);
  ch->name = cg__intern(g, name);
  ch->name_en = cg__intern(g, en);
  ch->path = cg__intern(g, cpath);
  ch->prov = p;
  /* On an error the graph, and the chain with it, is freed by the caller. */
  return read_chain_body(c, ch, o, path, error);
}

static gboolean
read_chains(JCtx *c, JsonArray *a, JsonObject *parent, GError **error)
{
  return read_array(c, a, parent, "chains", read_chain, error);
}

/* The provenance list of an edge as origins (one per statement), appended to @out. */
static gboolean
read_origins(JCtx *c, JsonArray *a, JsonObject *parent, const char *path, GArray *out,
             GError **error)
{
  char sub[160];
  for (guint i = 0; i < json_array_get_length(a); i++) {
    g_snprintf(sub, sizeof sub, "%s[%u]", path, i);
    JsonObject *po = get_elem_object(c, a, i, parent, sub, error);
    CgProvenance p;
    const char *chain;
    if (!po || !read_prov(c, po, sub, &p, error) ||
        !get_str(c, po, sub, "chain", FALSE, &chain, error))
      return FALSE;
    guint32 ci = CG_NONE;
    if (chain) {
      gpointer hit = g_hash_table_lookup(c->g->chain_by_id, chain);
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
read_edge(JCtx *c, JsonObject *o, const char *path, GArray *origins, GError **error)
{
  const char *src, *dst;
  guint32 u, v;
  if (!get_str(c, o, path, "source", TRUE, &src, error) ||
      !get_str(c, o, path, "target", TRUE, &dst, error) ||
      !lookup_node(c, o, path, "source", src, &u, error) ||
      !lookup_node(c, o, path, "target", dst, &v, error))
    return FALSE;
  JsonNode *gn = member(o, "group");
  guint32 label;
  if (!gn) {
    label = cg__label_own(c->g);
  } else if (is_string(gn) && *json_node_get_string(gn)) {
    label = cg__label_intern(c->g, json_node_get_string(gn));
  } else if (JSON_NODE_HOLDS_VALUE(gn) && json_node_get_value_type(gn) == G_TYPE_INT64) {
    char buf[32];
    g_snprintf(buf, sizeof buf, "%" G_GINT64_FORMAT, json_node_get_int(gn));
    label = cg__label_intern(c->g, buf);
  } else {
    char mp[96];
    jerror(c, error, CG_ERROR_PARSE, o, member_path(mp, sizeof mp, path, "group"),
           "expected a string, found %s", is_string(gn) ? "an empty string" : kind_name(gn));
    return FALSE;
  }
  JsonArray *provs;
  if (!get_array(c, o, path, "provenance", &provs, error))
    return FALSE;
  g_array_set_size(origins, 0);
  if (provs) {
    char sub[96];
    g_snprintf(sub, sizeof sub, "%s.provenance", path);
    if (!read_origins(c, provs, o, sub, origins, error))
      return FALSE;
  }
  if (origins->len == 0) {
    guint32 po = plain_origin(c);
    g_array_append_val(origins, po);
  }
  /* One copy per statement: cg__graph_finish() merges copies with the same label and
   * keeps every origin. */
  guint line = obj_line(c, o);
  for (guint i = 0; i < origins->len; i++)
    cg__edge_add(c->g, u, v, label, g_array_index(origins, guint32, i), line);
  return TRUE;
}

static gboolean
read_edges(JCtx *c, JsonArray *a, JsonObject *parent, const char *name, GError **error)
{
  char path[64];
  GArray *origins = g_array_new(FALSE, FALSE, sizeof(guint32));
  gboolean ok = TRUE;
  for (guint i = 0; ok && a && i < json_array_get_length(a); i++) {
    g_snprintf(path, sizeof path, "%s[%u]", name, i);
    JsonObject *o = get_elem_object(c, a, i, parent, path, error);
    ok = o && read_edge(c, o, path, origins, error);
  }
  g_array_free(origins, TRUE);
  return ok;
}

/* Parses @data into @parser, turning json-glib's "<data>:line:col: msg" into
 * "name:line:col: msg". */
/* json-glib parses recursively: nesting deeper than this would overflow the stack long
 * before it held anything our format means (its deepest value is 4 levels down). */
#define JSON_MAX_DEPTH 512

typedef enum { SHAPE_OK, SHAPE_DEEP, SHAPE_TRAILING, SHAPE_CONTROL } Shape;

/* What json-glib would not say: the place where @data first nests deeper than
 * JSON_MAX_DEPTH, where text follows the top-level array or object (json-glib reads the
 * first value and ignores a second), or where a string holds a control character (an escape
 * such as \n or \u0000: json-glib would cut a string at its NUL), with what it is. O(len). */
static const char *
bad_shape(const char *data, gsize len, Shape *what)
{
  guint depth = 0;
  gboolean in_string = FALSE, closed = FALSE;
  *what = SHAPE_OK;
  for (const char *p = data, *end = data + len; p < end; p++) {
    if (in_string) {
      if ((guchar)*p < 0x20 || *p == 0x7f) { /* raw: invalid JSON, which json-glib takes */
        *what = SHAPE_CONTROL;
        return p;
      }
      if (*p == '\\' && p + 1 < end) {
        gboolean control = strchr("bfnrt", p[1]) != NULL;
        if (p[1] == 'u' && end - p >= 6) {
          char hex[5] = {p[2], p[3], p[4], p[5], 0};
          guint64 u = g_ascii_strtoull(hex, NULL, 16);
          control = u < 0x20 || u == 0x7f;
        }
        if (control) {
          *what = SHAPE_CONTROL;
          return p;
        }
        p++;
      } else if (*p == '"') {
        in_string = FALSE;
      }
    } else if (closed && !g_ascii_isspace(*p)) {
      *what = SHAPE_TRAILING;
      return p;
    } else if (*p == '"') {
      in_string = TRUE;
    } else if (*p == '[' || *p == '{') {
      if (++depth > JSON_MAX_DEPTH) {
        *what = SHAPE_DEEP;
        return p;
      }
    } else if ((*p == ']' || *p == '}') && depth > 0) {
      closed = --depth == 0;
    }
  }
  return NULL;
}

/* Line and column (in characters) of @at in @data, both from 1. */
static void
position(const char *data, const char *at, guint *line, glong *col)
{
  const char *ls = data;
  *line = 1;
  for (const char *p = data; p < at; p++)
    if (*p == '\n')
      (*line)++, ls = p + 1;
  *col = g_utf8_strlen(ls, at - ls) + 1;
}

static gboolean
parse_text(JsonParser *parser, const char *data, gsize len, const char *name, GError **error)
{
  /* json-glib only says "must be UTF-8 encoded"; find the place ourselves. */
  const char *bad;
  guint line;
  glong col;
  if (!g_utf8_validate_len(data, len, &bad)) {
    position(data, bad, &line, &col);
    g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s:%u:%ld: invalid UTF-8", name, line, col);
    return FALSE;
  }
  Shape what;
  if ((bad = bad_shape(data, len, &what))) {
    static const char *const why[] = {
        [SHAPE_DEEP] = "arrays and objects nested deeper than 512 levels",
        [SHAPE_TRAILING] = "text after the JSON value (one file holds one document)",
        [SHAPE_CONTROL] = "a string holds a control character (no text may hold one)",
    };
    G_STATIC_ASSERT(JSON_MAX_DEPTH == 512);
    position(data, bad, &line, &col);
    g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s:%u:%ld: %s", name, line, col, why[what]);
    return FALSE;
  }
  GError *jerr = NULL;
  if (json_parser_load_from_data(parser, data, (gssize)len, &jerr))
    return TRUE;
  const char *msg = jerr->message;
  if (g_str_has_prefix(msg, "<data>:"))
    msg += strlen("<data>:");
  else if (g_str_has_prefix(msg, "<data>"))
    msg += strlen("<data>");
  /* json-glib may quote the input cut inside a character: keep the message valid UTF-8. */
  char *clean = cg__message_tidy(msg);
  g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s:%s%s", name, g_ascii_isdigit(*clean) ? "" : " ",
              clean);
  g_free(clean);
  g_error_free(jerr);
  return FALSE;
}

static JsonParser *
parser_new(JCtx *c)
{
  JsonParser *parser = json_parser_new();
  c->lines = g_hash_table_new(g_direct_hash, g_direct_equal);
  g_signal_connect(parser, "object-member", G_CALLBACK(on_object_member), c);
  g_signal_connect(parser, "array-element", G_CALLBACK(on_array_element), c);
  return parser;
}

/**
 * cg__json_read:
 * @g: the graph being loaded
 * @data: the JSON text (need not be NUL-terminated)
 * @len: its length in bytes
 * @name: the file name used in messages and provenance
 *
 * Reads node-link JSON (docs/formats.md) into @g. Every member is optional, so `{}` is an
 * empty graph and a file holding only nodes and edges loads. Errors name `name:line` and
 * the JSON path of the offending value (`nodes[3].id`); json-glib's syntax errors carry
 * `line:column`. The caller finishes the graph.
 *
 * Returns: %FALSE with @error set (%CG_ERROR_PARSE for syntax and shape,
 * %CG_ERROR_UNKNOWN for references to undeclared nodes or chains, %CG_ERROR_INVALID and
 * %CG_ERROR_CONFLICT from the model). O(size of the text) plus O(1) expected per element.
 */
gboolean
cg__json_read(CgGraph *g, const char *data, gsize len, const char *name, GError **error)
{
  g_return_val_if_fail(g != NULL && data != NULL && name != NULL, FALSE);
  JCtx c = {g, name, NULL, NULL, NULL, CG_NONE};
  JsonParser *parser = parser_new(&c);
  gboolean ok = parse_text(parser, data, len, name, error);
  JsonNode *root = ok ? json_parser_get_root(parser) : NULL;
  if (ok && !root) {
    cg__set_error_at(error, CG_ERROR_PARSE, name, "empty document (expected a JSON object)");
    ok = FALSE;
  } else if (ok && !JSON_NODE_HOLDS_OBJECT(root)) {
    cg__set_error_at(error, CG_ERROR_PARSE, cg__where(g, name, 1, 0),
                     "expected a JSON object at the top level, found %s", kind_name(root));
    ok = FALSE;
  }
  if (ok) {
    JsonObject *top = json_node_get_object(root);
    JsonArray *documents, *nodes, *edges, *links, *regions, *chains;
    /* Documents first (provenance refers to them), then nodes, then what refers to
     * nodes; chains before edges because edge provenance may name a chain. */
    ok = get_array(&c, top, "$", "documents", &documents, error) &&
         get_array(&c, top, "$", "nodes", &nodes, error) &&
         get_array(&c, top, "$", "edges", &edges, error) &&
         get_array(&c, top, "$", "links", &links, error) &&
         get_array(&c, top, "$", "regions", &regions, error) &&
         get_array(&c, top, "$", "chains", &chains, error) &&
         read_documents(&c, documents, top, error) && read_nodes(&c, nodes, top, error) &&
         read_regions(&c, regions, top, error) && read_chains(&c, chains, top, error) &&
         read_edges(&c, edges, top, "edges", error) &&
         /* networkx's node_link_data() calls the edges "links". */
         read_edges(&c, links, top, "links", error);
  }
  g_object_unref(parser);
  g_hash_table_destroy(c.lines);
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
  JCtx c = {g, name, where, NULL, NULL, CG_NONE};
  JsonParser *parser = json_parser_new();
  GError *perr = NULL;
  gboolean ok = parse_text(parser, text, len, "JSON", &perr);
  if (!ok) {
    cg__set_error_at(error, CG_ERROR_PARSE, where, "%s: %s", what, perr->message);
    g_error_free(perr);
    g_object_unref(parser);
    return FALSE;
  }
  JsonNode *root = json_parser_get_root(parser);
  if (!root || !JSON_NODE_HOLDS_ARRAY(root)) {
    cg__set_error_at(error, CG_ERROR_PARSE, where, "%s: expected a JSON array, found %s", what,
                     kind_name(root));
    g_object_unref(parser);
    return FALSE;
  }
  JsonArray *a = json_node_get_array(root);
  /* The array's members are read as if they were the member @what of a wrapper object. */
  JsonObject *wrap = json_object_new();
  json_object_set_array_member(wrap, what, json_array_ref(a));
  if (strcmp(what, "documents") == 0)
    ok = read_documents(&c, a, wrap, error);
  else if (strcmp(what, "regions") == 0)
    ok = read_regions(&c, a, wrap, error);
  else if (strcmp(what, "chains") == 0)
    ok = read_chains(&c, a, wrap, error);
  else if (strcmp(what, "provenance") == 0 || strcmp(what, "chokepoints") == 0)
    ok = read_prov_list(&c, wrap, "$", what, what[0] == 'c' ? PROV_CHOKEPOINT : PROV_NODE, index,
                        error);
  else if (strcmp(what, "edge-provenance") == 0)
    ok = read_origins(&c, a, wrap, "provenance", origins, error);
  else
    g_return_val_if_reached(FALSE);
  json_object_unref(wrap);
  g_object_unref(parser);
  return ok;
}

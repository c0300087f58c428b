/* Node-link JSON, writing: streamed into a GString by hand (see json-read.c for why not
 * json-glib), one element per line; and the JSON fragments GraphML keeps in <data>
 * elements (cg__json_fragment_write). docs/formats.md has the layout. */
#include "io/cg-io.h"

#include <math.h>
#include <string.h>

static void
put_string(GString *o, const char *s)
{
  g_string_append_c(o, '"');
  const char *run = s;
  for (const char *p = s; *p; p++) {
    unsigned char ch = (unsigned char)*p;
    if (ch >= 0x20 && ch != '"' && ch != '\\')
      continue;
    g_string_append_len(o, run, p - run);
    run = p + 1;
    switch (ch) {
    case '"': g_string_append(o, "\\\""); break;
    case '\\': g_string_append(o, "\\\\"); break;
    case '\n': g_string_append(o, "\\n"); break;
    case '\r': g_string_append(o, "\\r"); break;
    case '\t': g_string_append(o, "\\t"); break;
    default: g_string_append_printf(o, "\\u%04x", ch); break;
    }
  }
  g_string_append(o, run);
  g_string_append_c(o, '"');
}

/* Writers of one member. @first tracks whether a comma is due. */
static void
put_key(GString *o, gboolean *first, const char *key)
{
  if (!*first)
    g_string_append(o, ", ");
  *first = FALSE;
  put_string(o, key);
  g_string_append(o, ": ");
}

static void
put_str_member(GString *o, gboolean *first, const char *key, const char *value)
{
  if (!value)
    return;
  put_key(o, first, key);
  put_string(o, value);
}

static void
put_num_member(GString *o, gboolean *first, const char *key, double value)
{
  if (isnan(value))
    return;
  put_key(o, first, key);
  cg__put_double(o, value);
}

static void
put_strv_member(GString *o, gboolean *first, const char *key, const GPtrArray *a)
{
  if (!a || a->len == 0)
    return;
  put_key(o, first, key);
  g_string_append_c(o, '[');
  for (guint i = 0; i < a->len; i++) {
    if (i)
      g_string_append(o, ", ");
    put_string(o, a->pdata[i]);
  }
  g_string_append_c(o, ']');
}

static const char *
doc_file(const CgGraph *g, int document)
{
  if (document < 0 || (guint)document >= g->documents->len)
    return NULL;
  return ((const CgDocRec *)g->documents->pdata[document])->file;
}

/* The provenance members (document, section, quote, inferred) inside an open object. */
static void
put_prov_members(GString *o, gboolean *first, const CgGraph *g, const CgProvenance *p)
{
  put_str_member(o, first, "document", doc_file(g, p->document));
  put_str_member(o, first, "section", p->section);
  put_str_member(o, first, "quote", p->quote);
  put_str_member(o, first, "inferred", p->inferred);
}

/* [{"document", …}, …]; chokepoints carry their kind first. */
static void
put_prov_list(GString *o, const CgGraph *g, const GArray *provs, const GPtrArray *kinds)
{
  g_string_append_c(o, '[');
  for (guint i = 0; i < provs->len; i++) {
    gboolean first = TRUE;
    g_string_append(o, i ? ", {" : "{");
    if (kinds)
      put_str_member(o, &first, "kind", kinds->pdata[i]);
    put_prov_members(o, &first, g, &g_array_index(provs, CgProvenance, i));
    g_string_append_c(o, '}');
  }
  g_string_append_c(o, ']');
}

static gboolean
origin_informative(const CgOrigin *o)
{
  return o->prov.document >= 0 || o->prov.section || o->prov.quote || o->prov.inferred ||
         o->chain != CG_NONE;
}

/* The informative origins of edge @e: the first one, then those that merged into it. */
static void
edge_origins(const CgGraph *g, guint32 e, GArray *out)
{
  g_array_set_size(out, 0);
  guint32 first = g_array_index(g->edges, CgEdgeRec, e).origin;
  if (origin_informative(&g_array_index(g->origins, CgOrigin, first)))
    g_array_append_val(out, first);
  GArray *more = g->edge_more_origins
                     ? g_hash_table_lookup(g->edge_more_origins, GUINT_TO_POINTER(e))
                     : NULL;
  for (guint i = 0; more && i < more->len; i++) {
    guint32 o = g_array_index(more, guint32, i);
    if (origin_informative(&g_array_index(g->origins, CgOrigin, o)))
      g_array_append_val(out, o);
  }
}

static void
put_origin_list(GString *o, const CgGraph *g, const GArray *origins)
{
  g_string_append_c(o, '[');
  for (guint i = 0; i < origins->len; i++) {
    const CgOrigin *org = &g_array_index(g->origins, CgOrigin, g_array_index(origins, guint32, i));
    gboolean first = TRUE;
    g_string_append(o, i ? ", {" : "{");
    put_prov_members(o, &first, g, &org->prov);
    if (org->chain != CG_NONE && org->chain < g->chains->len)
      put_str_member(o, &first, "chain", ((const CgChainRec *)g->chains->pdata[org->chain])->id);
    g_string_append_c(o, '}');
  }
  g_string_append_c(o, ']');
}

/* The extra columns of item @i (cg__json_write_extra()). */
static void
put_extra(GString *o, gboolean *first, const CgIoColumn *cols, guint n, guint32 i)
{
  for (guint k = 0; k < n; k++) {
    double x = cols[k].values[i];
    if (isnan(x))
      continue;
    if (cols[k].boolean) {
      put_key(o, first, cols[k].name);
      g_string_append(o, x != 0 ? "true" : "false");
    } else {
      put_num_member(o, first, cols[k].name, x);
    }
  }
}

static void
put_node(GString *o, const CgGraph *g, guint32 v, const CgIoExtra *x)
{
  const CgNodeRec *n = cg__node(g, v);
  gboolean first = TRUE;
  g_string_append_c(o, '{');
  put_str_member(o, &first, "id", n->id);
  put_str_member(o, &first, "name", n->name);
  put_str_member(o, &first, "name_en", n->name_en);
  if (n->stage != CG_STAGE_UNKNOWN)
    put_str_member(o, &first, "stage", cg_stage_to_string(n->stage));
  put_num_member(o, &first, "weight", n->weight);
  put_num_member(o, &first, "import", n->import_share);
  put_num_member(o, &first, "subst", n->subst);
  put_num_member(o, &first, "recycle", n->recycle);
  if (n->x) {
    put_strv_member(o, &first, "aliases", n->x->aliases);
    put_strv_member(o, &first, "domains", n->x->domains);
    if (n->x->provenance && n->x->provenance->len) {
      put_key(o, &first, "provenance");
      put_prov_list(o, g, n->x->provenance, NULL);
    }
    if (n->x->chokepoints && n->x->chokepoints->len) {
      put_key(o, &first, "chokepoints");
      put_prov_list(o, g, n->x->chokepoints, n->x->chokepoint_kinds);
    }
  }
  if (x)
    put_extra(o, &first, x->node, x->n_node, v);
  g_string_append_c(o, '}');
}

/* Groups with one member get no label (a group of its own); larger groups are labelled
 * with their number among the target's groups, which is unique within the target. */
static void
put_edge(GString *o, const CgGraph *g, guint32 e, GArray *scratch, const CgIoExtra *x)
{
  guint32 gi = g->egroup[e], dst = g->group_node[gi];
  gboolean first = TRUE;
  g_string_append_c(o, '{');
  put_str_member(o, &first, "source", cg__node(g, g->esrc[e])->id);
  put_str_member(o, &first, "target", cg__node(g, dst)->id);
  if (g->gmem_off[gi + 1] - g->gmem_off[gi] >= 2) {
    put_key(o, &first, "group");
    g_string_append_printf(o, "\"%u\"", gi - g->in_goff[dst]);
  }
  edge_origins(g, e, scratch);
  if (scratch->len) {
    put_key(o, &first, "provenance");
    put_origin_list(o, g, scratch);
  }
  if (x)
    put_extra(o, &first, x->edge, x->n_edge, e);
  g_string_append_c(o, '}');
}

static void
put_document(GString *o, const CgGraph *g, guint d)
{
  const CgDocRec *doc = g->documents->pdata[d];
  gboolean first = TRUE;
  g_string_append_c(o, '{');
  put_str_member(o, &first, "file", doc->file);
  put_str_member(o, &first, "key", doc->key);
  put_str_member(o, &first, "title", doc->title);
  put_str_member(o, &first, "region", doc->region);
  if (doc->risks && doc->risks->len) {
    put_key(o, &first, "risks");
    put_prov_list(o, g, doc->risks, doc->risk_kinds);
  }
  g_string_append_c(o, '}');
}

static void
put_region(GString *o, const CgGraph *g, guint ri)
{
  const CgRegionRec *r = g->regions->pdata[ri];
  gboolean first = TRUE;
  g_string_append_c(o, '{');
  put_str_member(o, &first, "id", r->id);
  put_str_member(o, &first, "name", r->name);
  put_str_member(o, &first, "name_en", r->name_en);
  if (r->level != CG_LEVEL_UNKNOWN)
    put_str_member(o, &first, "level", cg_level_to_string(r->level));
  if (r->parent != CG_NONE)
    put_str_member(o, &first, "parent", ((const CgRegionRec *)g->regions->pdata[r->parent])->name);
  else
    put_str_member(o, &first, "parent", r->parent_name);
  put_strv_member(o, &first, "aliases", r->aliases);
  if (r->provenance && r->provenance->len) {
    put_key(o, &first, "provenance");
    put_prov_list(o, g, r->provenance, NULL);
  }
  if (r->claims && r->claims->len) {
    put_key(o, &first, "capabilities");
    g_string_append_c(o, '[');
    for (guint i = 0; i < r->claims->len; i++) {
      const CgCapability *c = &g_array_index(r->claims, CgCapability, i);
      gboolean cfirst = TRUE;
      g_string_append(o, i ? ", {" : "{");
      put_str_member(o, &cfirst, "node", cg__node(g, c->node)->id);
      if (!isnan(c->share)) {
        put_key(o, &cfirst, "share");
        cg__put_double(o, c->share);
      }
      if (c->develop) {
        put_key(o, &cfirst, "develop");
        g_string_append(o, "true");
      }
      put_prov_members(o, &cfirst, g, &c->prov);
      g_string_append_c(o, '}');
    }
    g_string_append_c(o, ']');
  }
  g_string_append_c(o, '}');
}

static void
put_id_array(GString *o, const CgGraph *g, const GArray *nodes)
{
  g_string_append_c(o, '[');
  for (guint i = 0; nodes && i < nodes->len; i++) {
    if (i)
      g_string_append(o, ", ");
    put_string(o, cg__node(g, g_array_index(nodes, guint32, i))->id);
  }
  g_string_append_c(o, ']');
}

static void
put_chain(GString *o, const CgGraph *g, guint ci)
{
  const CgChainRec *ch = g->chains->pdata[ci];
  gboolean first = TRUE;
  g_string_append_c(o, '{');
  put_str_member(o, &first, "id", ch->id);
  put_str_member(o, &first, "name", ch->name);
  put_str_member(o, &first, "name_en", ch->name_en);
  put_str_member(o, &first, "path", ch->path);
  put_prov_members(o, &first, g, &ch->prov);
  put_key(o, &first, "stages");
  g_string_append_c(o, '[');
  for (guint s = 0; ch->stages && s < ch->stages->len; s++) {
    if (s)
      g_string_append(o, ", ");
    put_id_array(o, g, ch->stages->pdata[s]);
  }
  g_string_append_c(o, ']');
  put_key(o, &first, "nodes");
  put_id_array(o, g, ch->nodes);
  if (ch->locals && ch->locals->len) {
    put_key(o, &first, "local_nodes");
    put_id_array(o, g, ch->locals);
  }
  put_key(o, &first, "edges");
  g_string_append_c(o, '[');
  for (guint i = 0; ch->edges && i < ch->edges->len; i++) {
    guint32 e = g_array_index(ch->edges, guint32, i);
    g_string_append(o, i ? ", [" : "[");
    put_string(o, cg__node(g, g->esrc[e])->id);
    g_string_append(o, ", ");
    put_string(o, cg__node(g, cg__edge_dst(g, e))->id);
    g_string_append_c(o, ']');
  }
  g_string_append(o, "]}");
}

typedef void (*PutItem)(GString *o, const CgGraph *g, guint i);

static void
put_array(GString *o, const CgGraph *g, guint n, PutItem put, const char *indent)
{
  g_string_append_c(o, '[');
  for (guint i = 0; i < n; i++) {
    g_string_append(o, i ? ",\n" : "\n");
    g_string_append(o, indent);
    put(o, g, i);
  }
  if (n) {
    g_string_append_c(o, '\n');
    g_string_append_len(o, indent, strlen(indent) - 2);
  }
  g_string_append_c(o, ']');
}


/**
 * cg__json_write:
 * @g: a finished graph
 *
 * Writes the whole model as node-link JSON (docs/formats.md), one array element per line,
 * in the shape networkx's node_link_graph() reads with no arguments: "directed": true,
 * "multigraph": false, "graph": {} and the edges under "links" (networkx 2.x-3.3 default).
 *
 * Returns: (transfer full): the text. O(V + E + size of the attributes).
 */
char *
cg__json_write(const CgGraph *g)
{
  return cg__json_write_extra(g, NULL);
}

/* cg__json_write() with @extra's columns as members of every node and edge (nullable). */
char *
cg__json_write_extra(const CgGraph *g, const CgIoExtra *extra)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  GString *o = g_string_sized_new(4096 + (gsize)g->nodes->len * 80 + (gsize)g->edges->len * 48);
  GArray *scratch = g_array_new(FALSE, FALSE, sizeof(guint32));
  g_string_append(o, "{\n  \"directed\": true,\n  \"multigraph\": false,\n  \"graph\": {},\n"
                     "  \"documents\": ");
  put_array(o, g, g->documents->len, put_document, "    ");
  g_string_append(o, ",\n  \"nodes\": [");
  for (guint32 v = 0; v < g->nodes->len; v++) {
    g_string_append(o, v ? ",\n    " : "\n    ");
    put_node(o, g, v, extra);
  }
  g_string_append(o, g->nodes->len ? "\n  ]" : "]");
  g_string_append(o, ",\n  \"links\": [");
  for (guint32 e = 0; e < g->edges->len; e++) {
    g_string_append(o, e ? ",\n    " : "\n    ");
    put_edge(o, g, e, scratch, extra);
  }
  g_string_append(o, g->edges->len ? "\n  ],\n  \"regions\": " : "],\n  \"regions\": ");
  put_array(o, g, g->regions->len, put_region, "    ");
  g_string_append(o, ",\n  \"chains\": ");
  put_array(o, g, g->chains->len, put_chain, "    ");
  g_string_append(o, "\n}\n");
  g_array_free(scratch, TRUE);
  return g_string_free(o, FALSE);
}

/**
 * cg__json_fragment_write:
 * @g: a finished graph
 * @what: "documents", "regions" or "chains" (the whole array; @index unused),
 *   "provenance" or "chokepoints" (of node @index), or "edge-provenance" (of edge @index)
 *
 * The JSON text of one array of the node-link format, for GraphML <data> elements.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL when the array would be empty.
 * O(size of the array).
 */
char *
cg__json_fragment_write(const CgGraph *g, const char *what, guint32 index)
{
  GString *o = g_string_new(NULL);
  if (strcmp(what, "documents") == 0 || strcmp(what, "regions") == 0 ||
      strcmp(what, "chains") == 0) {
    guint n = what[0] == 'd' ? g->documents->len : what[0] == 'r' ? g->regions->len
                                                                  : g->chains->len;
    PutItem put = what[0] == 'd' ? put_document : what[0] == 'r' ? put_region : put_chain;
    if (n)
      put_array(o, g, n, put, "  ");
  } else if (strcmp(what, "provenance") == 0 || strcmp(what, "chokepoints") == 0) {
    const CgNodeRec *n = cg__node(g, index);
    GArray *provs = !n->x ? NULL : what[0] == 'p' ? n->x->provenance : n->x->chokepoints;
    if (provs && provs->len)
      put_prov_list(o, g, provs, what[0] == 'p' ? NULL : n->x->chokepoint_kinds);
  } else if (strcmp(what, "edge-provenance") == 0) {
    GArray *origins = g_array_new(FALSE, FALSE, sizeof(guint32));
    edge_origins(g, index, origins);
    if (origins->len)
      put_origin_list(o, g, origins);
    g_array_free(origins, TRUE);
  } else {
    g_string_free(o, TRUE);
    g_return_val_if_reached(NULL);
  }
  if (o->len == 0) {
    g_string_free(o, TRUE);
    return NULL;
  }
  return g_string_free(o, FALSE);
}

/* GraphML: written by hand, read with GLib's GMarkupParseContext.
 *
 * Node and edge attributes are GraphML keys declared with attr.name and attr.type, so
 * Gephi, Cytoscape, yEd, igraph and networkx see them as ordinary columns. Lists of names
 * (aliases, domains) are `|`-separated strings; structured data that has no GraphML
 * counterpart (provenance, chokepoints, regions with their capabilities, documents,
 * chains) is JSON text in a <data> element, in exactly the shape of the node-link JSON
 * format (docs/formats.md), so one parser (json-read.c) serves both. */
#include "io/cg-io.h"

#include <string.h>

/* In json-read.c and json-write.c. */

/* ---- writing ------------------------------------------------------------------------ */

static const struct {
  const char *id, *domain, *name, *type;
} gml_keys[] = {
    /* Gephi shows a node attribute called "label"; we write it and ignore it on reading. */
    {"label", "node", "label", "string"},
    {"name", "node", "name", "string"},
    {"name_en", "node", "name_en", "string"},
    {"stage", "node", "stage", "string"},
    {"weight", "node", "weight", "double"},
    {"import", "node", "import", "double"},
    {"subst", "node", "subst", "double"},
    {"recycle", "node", "recycle", "double"},
    {"aliases", "node", "aliases", "string"},
    {"domains", "node", "domains", "string"},
    {"provenance", "node", "provenance", "string"},
    {"chokepoints", "node", "chokepoints", "string"},
    {"group", "edge", "group", "string"},
    {"eprovenance", "edge", "provenance", "string"},
    {"documents", "graph", "documents", "string"},
    {"regions", "graph", "regions", "string"},
    {"chains", "graph", "chains", "string"},
};

/* Appends @s escaped for an XML attribute value (@attr) or element text. Text keeps its
 * quotes, so the JSON inside <data> stays readable. XML 1.0 has no way to write the
 * control characters other than tab, newline and carriage return (&#x1; is rejected by
 * every XML parser but GMarkup), so they become their visible "control pictures"
 * U+2401…U+241F: the file stays valid for Gephi and networkx at the price of those
 * characters, which have no business in names anyway. */
static void
put_xml_full(GString *o, const char *s, gboolean attr)
{
  const char *run = s;
  for (const char *p = s; *p; p++) {
    unsigned char c = (unsigned char)*p;
    /* A raw CR would come back as LF: XML normalizes line ends. */
    const char *ent = c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;"
                      : c == '\r'             ? "&#13;"
                      : attr && c == '"'      ? "&quot;"
                                              : NULL;
    if (!ent && (c >= 0x20 || c == '\n' || c == '\t'))
      continue;
    g_string_append_len(o, run, p - run);
    if (ent)
      g_string_append(o, ent);
    else
      g_string_append_unichar(o, 0x2400 + c);
    run = p + 1;
  }
  g_string_append(o, run);
}

static void
put_xml(GString *o, const char *s)
{
  put_xml_full(o, s, TRUE);
}

static void
put_data(GString *o, const char *key, const char *value)
{
  if (!value)
    return;
  g_string_append_printf(o, "<data key=\"%s\">", key);
  put_xml_full(o, value, FALSE);
  g_string_append(o, "</data>");
}

static void
put_data_num(GString *o, const char *key, double value)
{
  if (isnan(value))
    return;
  g_string_append_printf(o, "<data key=\"%s\">", key);
  cg__put_double(o, value);
  g_string_append(o, "</data>");
}

/* A list as one string: items joined by `|`, with `\` and `|` inside items escaped. */
static void
put_data_list(GString *o, const char *key, const GPtrArray *a)
{
  if (!a || a->len == 0)
    return;
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < a->len; i++) {
    if (i)
      g_string_append_c(s, '|');
    for (const char *p = a->pdata[i]; *p; p++) {
      if (*p == '\\' || *p == '|')
        g_string_append_c(s, '\\');
      g_string_append_c(s, *p);
    }
  }
  put_data(o, key, s->str);
  g_string_free(s, TRUE);
}

static void
put_data_owned(GString *o, const char *key, char *value)
{
  put_data(o, key, value);
  g_free(value);
}

/**
 * cg__graphml_write:
 * @g: a finished graph
 *
 * Writes the whole model as GraphML (docs/formats.md): one line per node and per edge.
 *
 * Returns: (transfer full): the text. O(V + E + size of the attributes).
 */
char *
cg__graphml_write(const CgGraph *g)
{
  return cg__graphml_write_extra(g, NULL);
}

/* The extra columns of item @i as typed <data> (cg__graphml_write_extra()). */
static void
put_data_extra(GString *o, const CgIoColumn *cols, guint n, guint32 i)
{
  for (guint k = 0; k < n; k++) {
    double x = cols[k].values[i];
    if (isnan(x))
      continue;
    if (cols[k].boolean)
      g_string_append_printf(o, "<data key=\"x_%s\">%s</data>", cols[k].name, x != 0 ? "true" : "false");
    else {
      g_string_append_printf(o, "<data key=\"x_%s\">", cols[k].name);
      cg__put_double(o, x);
      g_string_append(o, "</data>");
    }
  }
}

/* cg__graphml_write() with @extra's columns as typed attributes (keys x_NAME, attr.name NAME,
 * attr.type double or boolean) of every node and edge (nullable): what Gephi and Cytoscape
 * colour and size by. */
char *
cg__graphml_write_extra(const CgGraph *g, const CgIoExtra *extra)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  GString *o = g_string_sized_new(4096 + (gsize)g->nodes->len * 120 + (gsize)g->edges->len * 64);
  g_string_append(o,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
                  "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                  "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
                  "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
  for (guint i = 0; i < G_N_ELEMENTS(gml_keys); i++)
    g_string_append_printf(o, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                           gml_keys[i].id, gml_keys[i].domain, gml_keys[i].name, gml_keys[i].type);
  for (guint k = 0; extra && k < extra->n_node + extra->n_edge; k++) {
    const CgIoColumn *c = k < extra->n_node ? &extra->node[k] : &extra->edge[k - extra->n_node];
    g_string_append_printf(o, "  <key id=\"x_%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
                           c->name, k < extra->n_node ? "node" : "edge", c->name,
                           c->boolean ? "boolean" : "double");
  }
  g_string_append(o, "  <graph id=\"chaingraph\" edgedefault=\"directed\">\n");
  static const char *const graph_parts[] = {"documents", "regions", "chains"};
  for (guint i = 0; i < G_N_ELEMENTS(graph_parts); i++) {
    char *text = cg__json_fragment_write(g, graph_parts[i], 0);
    if (text) {
      g_string_append(o, "    ");
      put_data_owned(o, graph_parts[i], text);
      g_string_append_c(o, '\n');
    }
  }
  for (guint32 v = 0; v < g->nodes->len; v++) {
    const CgNodeRec *n = cg__node(g, v);
    g_string_append(o, "    <node id=\"");
    put_xml(o, n->id);
    g_string_append(o, "\">");
    put_data(o, "label", n->name ? n->name : n->name_en ? n->name_en : n->id);
    put_data(o, "name", n->name);
    put_data(o, "name_en", n->name_en);
    if (n->stage != CG_STAGE_UNKNOWN)
      put_data(o, "stage", cg_stage_to_string(n->stage));
    put_data_num(o, "weight", n->weight);
    put_data_num(o, "import", n->import_share);
    put_data_num(o, "subst", n->subst);
    put_data_num(o, "recycle", n->recycle);
    if (n->x) {
      put_data_list(o, "aliases", n->x->aliases);
      put_data_list(o, "domains", n->x->domains);
      put_data_owned(o, "provenance", cg__json_fragment_write(g, "provenance", v));
      put_data_owned(o, "chokepoints", cg__json_fragment_write(g, "chokepoints", v));
    }
    if (extra)
      put_data_extra(o, extra->node, extra->n_node, v);
    g_string_append(o, "</node>\n");
  }
  for (guint32 e = 0; e < g->edges->len; e++) {
    guint32 gi = g->egroup[e], dst = g->group_node[gi];
    g_string_append(o, "    <edge source=\"");
    put_xml(o, cg__node(g, g->esrc[e])->id);
    g_string_append(o, "\" target=\"");
    put_xml(o, cg__node(g, dst)->id);
    g_string_append(o, "\">");
    /* As in JSON: only groups of two or more members get a label. */
    if (g->gmem_off[gi + 1] - g->gmem_off[gi] >= 2)
      g_string_append_printf(o, "<data key=\"group\">%u</data>", gi - g->in_goff[dst]);
    put_data_owned(o, "eprovenance", cg__json_fragment_write(g, "edge-provenance", e));
    if (extra)
      put_data_extra(o, extra->edge, extra->n_edge, e);
    g_string_append(o, "</edge>\n");
  }
  g_string_append(o, "  </graph>\n</graphml>\n");
  return g_string_free(o, FALSE);
}

/* ---- reading ------------------------------------------------------------------------ */

typedef enum {
  F_IGNORE,
  F_NAME,
  F_NAME_EN,
  F_STAGE,
  F_WEIGHT,
  F_IMPORT,
  F_SUBST,
  F_RECYCLE,
  F_ALIASES,
  F_DOMAINS,
  F_PROVENANCE,
  F_CHOKEPOINTS,
  F_GROUP,
  F_EPROVENANCE,
  F_DOCUMENTS,
  F_REGIONS,
  F_CHAINS,
} Field;

enum { D_GRAPH = 1, D_NODE = 2, D_EDGE = 4, D_ALL = 7 };

static const struct {
  guint domain;
  const char *name;
  Field field;
} gml_fields[] = {
    {D_NODE, "name", F_NAME},         {D_NODE, "name_en", F_NAME_EN},
    {D_NODE, "stage", F_STAGE},       {D_NODE, "weight", F_WEIGHT},
    {D_NODE, "import", F_IMPORT},     {D_NODE, "subst", F_SUBST},
    {D_NODE, "recycle", F_RECYCLE},   {D_NODE, "aliases", F_ALIASES},
    {D_NODE, "domains", F_DOMAINS},   {D_NODE, "provenance", F_PROVENANCE},
    {D_NODE, "chokepoints", F_CHOKEPOINTS},
    {D_EDGE, "group", F_GROUP},       {D_EDGE, "provenance", F_EPROVENANCE},
    {D_GRAPH, "documents", F_DOCUMENTS}, {D_GRAPH, "regions", F_REGIONS},
    {D_GRAPH, "chains", F_CHAINS},
};

typedef struct {
  char *id;
  char *attr_name; /* attr.name, else the id */
  guint domains;   /* D_* the key may be used in */
  char *def;       /* <default>, or NULL */
} Key;

typedef struct {
  guint32 src, dst;
  const char *group; /* interned label text, or NULL for a group of its own */
  char *prov;        /* JSON text of the provenance list, or NULL */
  const char *prov_where;
  guint32 line, col;
} PendingEdge;

typedef struct {
  guint32 node;
  const char *where;
} NodeRef;

typedef struct {
  CgGraph *g;        /* the graph being built, for look-ups */
  CgGraphBuilder *b; /* which every statement about a node goes through */
  const char *name;
  const char *data; /* the whole text, to turn GMarkup's positions into tag starts */
  gsize len;
  GMarkupParseContext *ctx;
  int cur_line;      /* tag_pos()'s cursor: line cur_line starts at byte cur_off */
  gsize cur_off;

  GHashTable *keys;  /* id -> Key* */
  Key *cur_key;      /* inside <key> */
  gboolean in_graphml, in_default, seen_graph;
  guint graph_depth; /* 1 inside <graph> */
  guint skip;        /* depth inside an element we ignore */

  guint32 cur_node;  /* inside <node>, else CG_NONE */
  const char *node_where;
  gboolean in_edge;
  PendingEdge edge;
  guint32 given;     /* bit per Field given by the current element's <data> */

  Key *cur_data;     /* inside <data> */
  guint data_line, data_col;
  const char *data_where; /* "file:line:col" of the <data>, interned when first needed */
  GString *text;

  GArray *declared;  /* guint8 per node: declared by a <node> of this file */
  GArray *refs;      /* NodeRef: nodes first named by an edge */
  GArray *edges;     /* PendingEdge */
  char *regions, *chains; /* graph data applied when the graph ends */
  const char *regions_where, *chains_where;
  guint32 plain_origin;
} Gml;

static void
key_free(gpointer p)
{
  Key *k = p;
  g_free(k->id);
  g_free(k->attr_name);
  g_free(k->def);
  g_free(k);
}

/* GMarkup reports the position after a start tag (and the blanks after it); messages are
 * better with the tag's own `<`. Finds the byte offset of GMarkup's (line, column) with a
 * cursor that only moves forward, as positions do, so the scans are linear overall. */
static void
tag_pos(Gml *m, guint *pline, guint *pcol)
{
  int line, col;
  g_markup_parse_context_get_position(m->ctx, &line, &col);
  if (line < m->cur_line) {
    m->cur_line = 1;
    m->cur_off = 0;
  }
  while (m->cur_line < line) {
    const char *nl = memchr(m->data + m->cur_off, '\n', m->len - m->cur_off);
    if (!nl)
      break;
    m->cur_off = (gsize)(nl - m->data) + 1;
    m->cur_line++;
  }
  const char *end = m->data + m->len, *p = m->data + m->cur_off;
  for (int c = 1; c < col && p < end; c++)
    p = g_utf8_next_char(p);
  if (p >= end)
    p = end - 1;
  /* Back to the `<` that opened the tag: neither a tag nor the text GMarkup may have read
   * past it holds a raw `<`. Start before @p, which can be the next tag's `<`. */
  const char *lt = p > m->data ? p - 1 : p;
  while (lt > m->data && *lt != '<')
    lt--;
  if (m->len == 0 || *lt != '<') {
    *pline = (guint)line, *pcol = (guint)col;
    return;
  }
  guint tline = (guint)line;
  for (const char *q = lt; q < p; q++)
    if (*q == '\n')
      tline--;
  const char *ls = lt;
  while (ls > m->data && ls[-1] != '\n')
    ls--;
  *pline = tline;
  *pcol = (guint)g_utf8_strlen(ls, lt - ls) + 1;
}

static const char *
tag_where(Gml *m)
{
  guint line, col;
  tag_pos(m, &line, &col);
  return cg__where(m->g, m->name, line, col);
}

static const char *
attr(const char **names, const char **values, const char *want)
{
  for (guint i = 0; names[i]; i++)
    if (strcmp(names[i], want) == 0)
      return values[i];
  return NULL;
}

static Field
field_for(const Key *k, guint domain)
{
  for (guint i = 0; i < G_N_ELEMENTS(gml_fields); i++)
    if (gml_fields[i].domain == domain && strcmp(gml_fields[i].name, k->attr_name) == 0)
      return gml_fields[i].field;
  return F_IGNORE;
}

static void G_GNUC_PRINTF(4, 5)
gml_error(Gml *m, GError **error, CgError code, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  char *msg = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  cg__set_error_at(error, code, tag_where(m), "%s", msg);
  g_free(msg);
}

static gboolean
need_attr(Gml *m, const char *elem, const char **names, const char **values, const char *want,
          const char **out, GError **error)
{
  *out = attr(names, values, want);
  if (!*out) {
    gml_error(m, error, CG_ERROR_PARSE, "<%s> needs the attribute %s", elem, want);
    return FALSE;
  }
  if (cg__control_char(*out, -1)) {
    gml_error(m, error, CG_ERROR_PARSE, "<%s> %s holds a control character (no text may hold one)",
              elem, want);
    return FALSE;
  }
  return TRUE;
}

static void
declare(Gml *m, guint32 v)
{
  if (m->declared->len < m->g->nodes->len)
    g_array_set_size(m->declared, m->g->nodes->len);
  g_array_index(m->declared, guint8, v) = 1;
}

static gboolean
is_declared(Gml *m, guint32 v)
{
  return v < m->declared->len && g_array_index(m->declared, guint8, v);
}

static guint32
edge_end(Gml *m, const char *id)
{
  gboolean created;
  cg__graph_builder_at(m->b, NULL, 0);
  guint32 v = (guint32)cg__graph_builder_node(m->b, id, &created);
  /* An edge may name a node declared further down; check at the end of the graph. */
  if (created) {
    NodeRef r = {v, tag_where(m)};
    g_array_append_val(m->refs, r);
  }
  return v;
}

/* <key id= for= attr.name=>: a data key, directly inside <graphml>. */
static void
start_key(Gml *m, const char *elem, const char **names, const char **values, GError **error)
{
  const char *id;
  if (m->graph_depth || m->cur_key) {
    gml_error(m, error, CG_ERROR_PARSE, "<key> must come directly inside <graphml>");
    return;
  }
  if (!need_attr(m, elem, names, values, "id", &id, error))
    return;
  const char *dom = attr(names, values, "for"), *an = attr(names, values, "attr.name");
  Key *k = g_new0(Key, 1);
  k->id = g_strdup(id);
  k->attr_name = g_strdup(an ? an : id);
  k->domains = !dom || strcmp(dom, "all") == 0 ? D_ALL
               : strcmp(dom, "node") == 0      ? D_NODE
               : strcmp(dom, "edge") == 0      ? D_EDGE
               : strcmp(dom, "graph") == 0     ? D_GRAPH
                                               : 0; /* graphml, port, hyperedge… */
  g_hash_table_replace(m->keys, k->id, k);
  m->cur_key = k;
}

/* <graph>: the one graph of the file. */
static void
start_graph(Gml *m, GError **error)
{
  if (m->graph_depth) {
    gml_error(m, error, CG_ERROR_PARSE, "nested graphs are not supported");
    return;
  }
  if (m->seen_graph) {
    gml_error(m, error, CG_ERROR_PARSE, "only one <graph> per file is supported");
    return;
  }
  m->graph_depth = 1;
  m->seen_graph = TRUE;
}

/* <node id=>: a node, declared once. */
static void
start_node(Gml *m, const char *elem, const char **names, const char **values, GError **error)
{
  const char *id;
  if (!need_attr(m, elem, names, values, "id", &id, error))
    return;
  if (!*id) {
    gml_error(m, error, CG_ERROR_PARSE, "<node> has an empty id");
    return;
  }
  m->node_where = tag_where(m);
  gboolean created;
  cg__graph_builder_at(m->b, m->node_where, 0);
  guint32 v = (guint32)cg__graph_builder_node(m->b, id, &created);
  if (is_declared(m, v)) {
    gml_error(m, error, CG_ERROR_PARSE, "node '%s' is declared twice", id);
    return;
  }
  declare(m, v);
  m->cur_node = v;
  m->given = 0;
}

/* <edge source= target=>: an edge; its ends may be declared later. */
static void
start_edge(Gml *m, const char *elem, const char **names, const char **values, GError **error)
{
  const char *src, *dst;
  if (!need_attr(m, elem, names, values, "source", &src, error) ||
      !need_attr(m, elem, names, values, "target", &dst, error))
    return;
  if (!*src || !*dst) { /* no node has an empty id (found by fuzz-graphml) */
    gml_error(m, error, CG_ERROR_PARSE, "<edge> has an empty %s", *src ? "target" : "source");
    return;
  }
  memset(&m->edge, 0, sizeof m->edge);
  m->edge.src = edge_end(m, src);
  m->edge.dst = edge_end(m, dst);
  guint line, col;
  tag_pos(m, &line, &col);
  m->edge.line = line;
  m->edge.col = col;
  m->in_edge = TRUE;
  m->given = 0;
}

/* <data key=>: a value of a declared key; its text follows. */
static void
start_data(Gml *m, const char *elem, const char **names, const char **values, GError **error)
{
  const char *key;
  if (!need_attr(m, elem, names, values, "key", &key, error))
    return;
  Key *k = g_hash_table_lookup(m->keys, key);
  if (!k) {
    gml_error(m, error, CG_ERROR_UNKNOWN, "<data> refers to the undeclared key '%s'", key);
    return;
  }
  m->cur_data = k;
  /* Interning a place for every <data> would cost more than the value: keep numbers. */
  tag_pos(m, &m->data_line, &m->data_col);
  m->data_where = NULL;
  g_string_truncate(m->text, 0);
}

static void
start_element(GMarkupParseContext *ctx, const char *elem, const char **names,
              const char **values, gpointer user, GError **error)
{
  (void)ctx;
  Gml *m = user;
  gboolean at_graph_level = m->graph_depth && m->cur_node == CG_NONE && !m->in_edge;
  if (m->skip || m->cur_data) {
    /* Markup inside <data> (yEd's graphics) or inside an ignored element. */
    m->skip++;
    return;
  }
  if (strcmp(elem, "graphml") == 0) {
    if (m->in_graphml) {
      gml_error(m, error, CG_ERROR_PARSE, "<graphml> inside <graphml>");
      return;
    }
    m->in_graphml = TRUE;
  } else if (!m->in_graphml) {
    gml_error(m, error, CG_ERROR_PARSE, "expected <graphml> as the root element, found <%s>",
              elem);
  } else if (strcmp(elem, "key") == 0) {
    start_key(m, elem, names, values, error);
  } else if (strcmp(elem, "default") == 0 && m->cur_key) {
    m->in_default = TRUE;
    g_string_truncate(m->text, 0);
  } else if (strcmp(elem, "graph") == 0) {
    start_graph(m, error);
  } else if (strcmp(elem, "node") == 0 && at_graph_level) {
    start_node(m, elem, names, values, error);
  } else if (strcmp(elem, "edge") == 0 && at_graph_level) {
    start_edge(m, elem, names, values, error);
  } else if (strcmp(elem, "data") == 0) {
    start_data(m, elem, names, values, error);
  } else if (strcmp(elem, "hyperedge") == 0) {
    gml_error(m, error, CG_ERROR_PARSE, "hyperedges are not supported");
  } else if (strcmp(elem, "node") == 0 || strcmp(elem, "edge") == 0) {
    gml_error(m, error, CG_ERROR_PARSE, "<%s> is not allowed here", elem);
  } else {
    /* <desc>, <port>, <locator> and foreign elements carry nothing for the model. */
    m->skip = 1;
  }
}

static void
text(GMarkupParseContext *ctx, const char *t, gsize len, gpointer user, GError **error)
{
  (void)ctx, (void)error;
  Gml *m = user;
  if (!m->skip && (m->cur_data || m->in_default))
    g_string_append_len(m->text, t, (gssize)len);
}

/* @t as a number: NAN when blank (or NaN, as some tools write "missing"); FALSE when it is
 * not a number. */
static gboolean
parse_number(const char *t, double *out)
{
  char *s = g_strstrip(g_strdup(t));
  *out = NAN;
  gboolean ok = !*s || g_ascii_strcasecmp(s, "nan") == 0 || cg__parse_decimal(s, out);
  g_free(s);
  return ok;
}

/* Splits a `|` list (with `\|` and `\\` escapes) and adds each item as an alias or a domain
 * of the current node. */
static gboolean
split_list(Gml *m, const char *t, Field f, const char *where, GError **error)
{
  GString *item = g_string_new(NULL);
  gboolean ok = TRUE;
  for (const char *p = t;; p++) {
    if (*p == '\\' && (p[1] == '\\' || p[1] == '|')) {
      g_string_append_c(item, *++p);
      continue;
    }
    if (*p && *p != '|') {
      g_string_append_c(item, *p);
      continue;
    }
    if (item->len) {
      cg__graph_builder_at(m->b, where, 0);
      if (f == F_ALIASES)
        ok = cg_graph_builder_add_node_alias(m->b, m->cur_node, item->str, error);
      else
        cg_graph_builder_add_node_domain(m->b, m->cur_node, item->str);
    }
    g_string_truncate(item, 0);
    if (!*p || !ok)
      break;
  }
  g_string_free(item, TRUE);
  return ok;
}

static const char *
data_where(Gml *m)
{
  if (!m->data_where)
    m->data_where = cg__where(m->g, m->name, m->data_line, m->data_col);
  return m->data_where;
}

/* @at, or the current <data>'s place. */
static const char *
place(Gml *m, const char *at)
{
  return at ? at : data_where(m);
}

/* Applies one value of the element being read. @at is the place of the value, or NULL for
 * the current <data>, whose place is interned only when a message or a record needs it:
 * node attributes record the node's own place as where they were given. */
static gboolean
apply(Gml *m, Field f, const char *t, const char *at, GError **error)
{
  CgGraph *g = m->g;
  guint32 v = m->cur_node;
  double x;
  /* (The JSON of the other fields is checked by the JSON reader.) */
  gboolean text_field = (f >= F_NAME && f <= F_DOMAINS) || f == F_GROUP;
  if (text_field && cg__control_char(t, -1)) {
    cg__set_error_at(error, CG_ERROR_PARSE, place(m, at),
                     "a control character in <data> (no text may hold one)");
    return FALSE;
  }
  switch (f) {
  case F_IGNORE:
    return TRUE;
  case F_NAME:
    cg__graph_builder_at(m->b, m->node_where, 0);
    return !*t || cg_graph_builder_set_node_name(m->b, v, t, error);
  case F_NAME_EN:
    cg__graph_builder_at(m->b, m->node_where, 0);
    return !*t || cg_graph_builder_set_node_name_en(m->b, v, t, error);
  case F_STAGE: {
    char *s = g_strstrip(g_strdup(t));
    CgStage st = CG_STAGE_UNKNOWN;
    gboolean ok = !*s || cg_stage_from_string(s, &st);
    if (!ok)
      cg__set_error_at(error, CG_ERROR_INVALID, place(m, at),
                       "unknown stage '%s' (expected raw, material, component, product, "
                       "application, recycling or category)", s);
    g_free(s);
    cg__graph_builder_at(m->b, m->node_where, 0);
    return ok && cg_graph_builder_set_node_stage(m->b, v, st, error);
  }
  case F_WEIGHT:
  case F_IMPORT:
  case F_SUBST:
  case F_RECYCLE: {
    static const char *const attrs[] = {"weight", "import", "subst", "recycle"};
    if (!parse_number(t, &x)) {
      char *s = g_strstrip(g_strdup(t));
      cg__set_error_at(error, CG_ERROR_PARSE, place(m, at), "%s: '%s' is not a number",
                       attrs[f - F_WEIGHT], s);
      g_free(s);
      return FALSE;
    }
    cg__graph_builder_at(m->b, m->node_where, 0);
    return isnan(x) ||
           cg__graph_builder_set_node_number(m->b, v, attrs[f - F_WEIGHT], x, error);
  }
  case F_ALIASES:
  case F_DOMAINS:
    return split_list(m, t, f, m->node_where, error);
  case F_PROVENANCE:
  case F_CHOKEPOINTS:
    return !*t || cg__json_fragment_read(g, f == F_PROVENANCE ? "provenance" : "chokepoints", v,
                                         t, strlen(t), m->name, place(m, at), NULL, error);
  case F_GROUP: {
    char *s = g_strstrip(g_strdup(t));
    m->edge.group = *s ? cg__intern(g, s) : NULL;
    g_free(s);
    return TRUE;
  }
  case F_EPROVENANCE:
    g_free(m->edge.prov);
    m->edge.prov = *t ? g_strdup(t) : NULL;
    m->edge.prov_where = *t ? place(m, at) : NULL;
    return TRUE;
  case F_DOCUMENTS:
    /* At once, so documents keep their order before provenance refers to them. */
    return !*t || cg__json_fragment_read(g, "documents", 0, t, strlen(t), m->name, place(m, at),
                                         NULL, error);
  case F_REGIONS:
  case F_CHAINS:
    /* They name nodes: wait for the end of the graph. */
    g_free(f == F_REGIONS ? m->regions : m->chains);
    if (f == F_REGIONS)
      m->regions = g_strdup(t), m->regions_where = place(m, at);
    else
      m->chains = g_strdup(t), m->chains_where = place(m, at);
    return TRUE;
  }
  return TRUE;
}

/* The <default> of every key of @domain the element did not give. */
static gboolean
apply_defaults(Gml *m, guint domain, GError **error)
{
  GHashTableIter it;
  gpointer k;
  g_hash_table_iter_init(&it, m->keys);
  while (g_hash_table_iter_next(&it, NULL, &k)) {
    Key *key = k;
    if (!key->def || !(key->domains & domain))
      continue;
    Field f = field_for(key, domain);
    if (f == F_IGNORE || (m->given & (1u << f)))
      continue;
    if (!apply(m, f, key->def, domain == D_NODE ? m->node_where : tag_where(m), error))
      return FALSE;
  }
  return TRUE;
}

static guint32
plain_origin(Gml *m)
{
  if (m->plain_origin == CG_NONE)
    m->plain_origin = cg__origin_add(m->g, m->name, NULL, CG_NONE);
  return m->plain_origin;
}

/* The end of the graph: every node named by an edge must be declared; then regions and
 * chains (which name nodes), then the edges (whose provenance may name chains). */
static gboolean
finish_graph(Gml *m, GError **error)
{
  CgGraph *g = m->g;
  for (guint i = 0; i < m->refs->len; i++) {
    NodeRef *r = &g_array_index(m->refs, NodeRef, i);
    if (!is_declared(m, r->node)) {
      cg__set_error_at(error, CG_ERROR_UNKNOWN, r->where,
                       "<edge> names the unknown node '%s' (no <node> has this id)",
                       cg__node(g, r->node)->id);
      return FALSE;
    }
  }
  if (m->regions && *m->regions &&
      !cg__json_fragment_read(g, "regions", 0, m->regions, strlen(m->regions), m->name,
                              m->regions_where, NULL, error))
    return FALSE;
  if (m->chains && *m->chains &&
      !cg__json_fragment_read(g, "chains", 0, m->chains, strlen(m->chains), m->name,
                              m->chains_where, NULL, error))
    return FALSE;
  GArray *origins = g_array_new(FALSE, FALSE, sizeof(guint32));
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < m->edges->len; i++) {
    PendingEdge *pe = &g_array_index(m->edges, PendingEdge, i);
    guint32 label = pe->group ? cg__label_intern(g, pe->group) : cg__label_own(g);
    g_array_set_size(origins, 0);
    if (pe->prov)
      ok = cg__json_fragment_read(g, "edge-provenance", 0, pe->prov, strlen(pe->prov), m->name,
                                  pe->prov_where, origins, error);
    if (ok && origins->len == 0) {
      guint32 po = plain_origin(m);
      g_array_append_val(origins, po);
    }
    /* One copy per statement; cg__graph_finish() merges them keeping every origin. */
    for (guint k = 0; ok && k < origins->len; k++)
      cg__edge_add(g, pe->src, pe->dst, label, g_array_index(origins, guint32, k), pe->line,
                   pe->col);
  }
  g_array_free(origins, TRUE);
  return ok;
}

static void
end_element(GMarkupParseContext *ctx, const char *elem, gpointer user, GError **error)
{
  (void)ctx;
  Gml *m = user;
  if (m->skip) {
    m->skip--;
    return;
  }
  if (strcmp(elem, "data") == 0 && m->cur_data) {
    Key *k = m->cur_data;
    m->cur_data = NULL;
    guint domain = m->cur_node != CG_NONE ? D_NODE : m->in_edge ? D_EDGE
                   : m->graph_depth       ? D_GRAPH
                                          : 0;
    if (!domain || !(k->domains & domain))
      return; /* data of <graphml> itself, or a key declared for another element */
    Field f = field_for(k, domain);
    m->given |= 1u << f;
    apply(m, f, m->text->str, NULL, error);
  } else if (strcmp(elem, "default") == 0 && m->in_default) {
    m->in_default = FALSE;
    g_free(m->cur_key->def);
    m->cur_key->def = g_strdup(m->text->str);
  } else if (strcmp(elem, "key") == 0) {
    m->cur_key = NULL;
  } else if (strcmp(elem, "node") == 0) {
    if (apply_defaults(m, D_NODE, error))
      m->cur_node = CG_NONE;
  } else if (strcmp(elem, "edge") == 0) {
    if (apply_defaults(m, D_EDGE, error)) {
      g_array_append_val(m->edges, m->edge);
      memset(&m->edge, 0, sizeof m->edge);
      m->in_edge = FALSE;
    }
  } else if (strcmp(elem, "graph") == 0) {
    m->graph_depth = 0;
    finish_graph(m, error);
  }
}

/* GMarkup's own errors say "Error on line L char C: …"; ours say "file:L:C: …". */
static void
markup_error(Gml *m, GError *merr, GError **error)
{
  int line, col;
  g_markup_parse_context_get_position(m->ctx, &line, &col);
  const char *msg = merr->message;
  if (g_str_has_prefix(msg, "Error on line ")) {
    const char *colon = strstr(msg, ": ");
    if (colon)
      msg = colon + 2;
  }
  char *where = g_strdup_printf("%s:%d:%d", m->name, line, col);
  cg__set_error_at(error, CG_ERROR_PARSE, where, "%s", msg);
  g_free(where);
}

/**
 * cg__graphml_read:
 * @g: the graph being loaded
 * @data: the GraphML text (need not be NUL-terminated)
 * @len: its length in bytes
 * @name: the file name used in messages and provenance
 *
 * Reads GraphML (docs/formats.md) into @g: chaingraph's own files, and those of other
 * tools (networkx, igraph, Gephi) whose node attributes use our names (stage, name, …);
 * other attributes are ignored. Keys are matched by attr.name, <default>s apply. Errors
 * name `file:line:column`. The caller finishes the graph.
 *
 * Returns: %FALSE with @error set. O(size of the text) plus O(1) expected per element.
 */
gboolean
cg__graphml_read(CgGraph *g, const char *data, gsize len, const char *name, GError **error)
{
  g_return_val_if_fail(g != NULL && data != NULL && name != NULL, FALSE);
  static const GMarkupParser parser = {start_element, end_element, text, NULL, NULL};
  if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
    data += 3; /* a UTF-8 byte-order mark, legal before an XML document; GMarkup refuses it */
    len -= 3;
  }
  Gml m = {0};
  m.g = g;
  m.b = cg__graph_builder_wrap(g);
  m.name = name;
  m.data = data;
  m.len = len;
  m.cur_line = 1;
  m.keys = g_hash_table_new_full(g_str_hash, g_str_equal, NULL, key_free);
  m.cur_node = CG_NONE;
  m.text = g_string_new(NULL);
  m.declared = g_array_new(FALSE, TRUE, sizeof(guint8));
  m.refs = g_array_new(FALSE, FALSE, sizeof(NodeRef));
  m.edges = g_array_new(FALSE, FALSE, sizeof(PendingEdge));
  m.plain_origin = CG_NONE;
  m.ctx = g_markup_parse_context_new(&parser, G_MARKUP_TREAT_CDATA_AS_TEXT, &m, NULL);

  GError *perr = NULL;
  gboolean ok = g_markup_parse_context_parse(m.ctx, data, (gssize)len, &perr) &&
                g_markup_parse_context_end_parse(m.ctx, &perr);
  if (!ok) {
    if (perr->domain == CG_ERROR)
      g_propagate_error(error, perr);
    else {
      markup_error(&m, perr, error);
      g_error_free(perr);
    }
  } else if (!m.seen_graph) {
    g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s: no <graph> element", name);
    ok = FALSE;
  }

  for (guint i = 0; i < m.edges->len; i++)
    g_free(g_array_index(m.edges, PendingEdge, i).prov);
  g_free(m.edge.prov);
  g_array_free(m.edges, TRUE);
  g_array_free(m.refs, TRUE);
  g_array_free(m.declared, TRUE);
  g_free(m.regions);
  g_free(m.chains);
  g_string_free(m.text, TRUE);
  g_hash_table_destroy(m.keys);
  g_markup_parse_context_free(m.ctx);
  cg__graph_builder_unwrap(m.b);
  return ok;
}

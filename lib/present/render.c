/* Chain diagrams: DOT made here, laid out and drawn by Graphviz's library (dot layout). */
#include "present/cg-present.h"

#include <graphviz/gvc.h>
#include <string.h>

/**
 * SECTION:render
 * @title: Rendering and the report
 * @short_description: DOT, SVG and PNG diagrams of a chain, and the text and HTML report
 *
 * A chain is drawn with Graphviz (whose calls are serialised by a lock inside the
 * library); the report gathers the three answers as text for a terminal and as one
 * self-contained HTML page.
 */

/* Graphviz keeps global state (its context, plugins, error buffer): one caller at a time. */
static GMutex gv_lock;

/* White (0) → amber → red (1). */
static void
heat_colour(GString *s, double x)
{
  x = CLAMP(isnan(x) ? 0 : x, 0, 1);
  int r = 255, gr = (int)(255 - 175 * x), b = (int)(255 - 235 * MIN(1, 2 * x));
  g_string_append_printf(s, "#%02x%02x%02x", r, gr, b);
}

/* A risky link: from light rose (just above RISK_DRAWN) to deep crimson (the riskiest), a
 * hue apart from the nodes' criticality fill. */
static void
risk_colour(GString *s, double x)
{
  x = CLAMP(isnan(x) ? 0 : x, 0, 1);
  int r = (int)(236 - 60 * x), gr = (int)(160 - 160 * x), b = (int)(160 - 120 * x);
  g_string_append_printf(s, "#%02x%02x%02x", r, gr, b);
}

/* Links at or below this risk are drawn plain: colouring every link that can fail at all
 * would colour nearly all of them. */
#define RISK_DRAWN 0.1

static double
criticality_of(const CgRenderStyle *style, guint32 v)
{
  if (!style || !style->criticality)
    return NAN;
  double c = style->criticality[v];
  return isnan(c) ? NAN : CLAMP(c, 0, 1);
}

/* How red a node is drawn: √(criticality ÷ the style's full-red criticality). */
static double
fill_level(const CgRenderStyle *style, guint32 v)
{
  double c = criticality_of(style, v);
  if (isnan(c) || c <= 0)
    return 0;
  double full = style->criticality_max > 0 ? style->criticality_max : 1;
  return sqrt(MIN(1, c / full));
}

static void
append_provenance(GString *t, const CgGraph *g, const CgProvenance *p, const char *mark)
{
  g_string_append_printf(t, "\n%s%s%s%s: ", mark,
                         p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
                         p->section ? " " : "", p->section ? p->section : "");
  if (p->quote)
    g_string_append_printf(t, "“%s”", p->quote);
  else
    g_string_append_printf(t, "inferred: %s", p->inferred);
}

/* The node's evidence as plain text: its name, and its document quotes, chokepoint
 * evidence first (at most six of each kind). Shared with report-html.c. */
char *
cg__render_node_evidence(const CgGraph *g, guint32 v)
{
  const CgNodeRec *n = cg__node(g, v);
  GString *t = g_string_new(NULL);
  g_string_append_printf(t, "%s (%s)", cg_node_label(g, v), n->id);
  if (n->name_en)
    g_string_append_printf(t, " — %s", n->name_en);
  for (int pass = 0; pass < 2 && n->x; pass++) {
    GArray *a = pass == 0 ? n->x->chokepoints : n->x->provenance;
    guint shown = 0;
    for (guint i = 0; a && i < a->len && shown < 6; i++) {
      const CgProvenance *p = &g_array_index(a, CgProvenance, i);
      if (!p->quote && !p->inferred)
        continue;
      if (pass == 0) {
        const char *kind = n->x->chokepoint_kinds && i < n->x->chokepoint_kinds->len
                               ? n->x->chokepoint_kinds->pdata[i]
                               : "chokepoint";
        char *mark = g_strdup_printf("⚠ %s, ", kind);
        append_provenance(t, g, p, mark);
        g_free(mark);
      } else {
        append_provenance(t, g, p, "");
      }
      shown++;
    }
  }
  return g_string_free(t, FALSE);
}

/* The node's tooltip: its criticality (when styled) and its evidence. */
static void
node_tooltip(GString *s, const CgGraph *g, guint32 v, const CgRenderStyle *style)
{
  char *ev = cg__render_node_evidence(g, v);
  GString *t = g_string_new(NULL);
  const char *nl = strchr(ev, '\n');
  g_string_append_len(t, ev, nl ? nl - ev : (gssize)strlen(ev));
  double c = criticality_of(style, v);
  if (!isnan(c))
    g_string_append_printf(t, "\ncriticality %.1f%% of application weight", 100 * c);
  if (nl)
    g_string_append(t, nl);
  cg__dot_text(s, t->str);
  g_string_free(t, TRUE);
  g_free(ev);
}

/* The link's tooltip: the style's line for it, else "u → v" and the statement that gave it. */
static void
edge_tooltip(GString *s, const CgGraph *g, guint32 e, const CgRenderStyle *style, double risk)
{
  GString *t = g_string_new(NULL);
  if (style && style->edge_why && style->edge_why[e]) {
    g_string_append(t, style->edge_why[e]);
  } else {
    g_string_append_printf(t, "%s → %s", cg_node_label(g, g->esrc[e]),
                           cg_node_label(g, cg__edge_dst(g, e)));
    if (risk > 0)
      g_string_append_printf(t, " (risk %.2f of the riskiest link)", risk * risk);
  }
  for (gsize i = 0; i < cg_edge_n_provenance(g, e) && i < 2; i++) {
    const CgProvenance *p = cg_edge_provenance(g, e, i);
    if (p->quote || p->inferred)
      append_provenance(t, g, p, "link: ");
  }
  cg__dot_text(s, t->str);
  g_string_free(t, TRUE);
}

/* Columns of a chain without a path: the longest path to each node over the chain's own
 * edges, so every link points right even between two nodes of one stage (a document's
 * wiring lists material → material). Nodes on a cycle get one more than their placed
 * inputs. O(chain nodes + chain edges). */
static GPtrArray *
layers_by_edges(const CgGraph *g, const CgChainRec *c)
{
  guint n = c->nodes->len;
  GHashTable *pos = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint i = 0; i < n; i++)
    g_hash_table_insert(pos, GUINT_TO_POINTER(g_array_index(c->nodes, guint32, i) + 1),
                        GUINT_TO_POINTER(i + 1));
  guint *indeg = g_new0(guint, n), *layer = g_new0(guint, n);
  gboolean *done = g_new0(gboolean, n);
  /* out-lists within the chain */
  GArray **out = g_new0(GArray *, n);
  for (guint k = 0; k < c->edges->len; k++) {
    guint32 e = g_array_index(c->edges, guint32, k);
    guint a = GPOINTER_TO_UINT(g_hash_table_lookup(pos, GUINT_TO_POINTER(g->esrc[e] + 1)));
    guint b = GPOINTER_TO_UINT(g_hash_table_lookup(pos, GUINT_TO_POINTER(cg__edge_dst(g, e) + 1)));
    if (!a || !b || a == b)
      continue;
    if (!out[a - 1])
      out[a - 1] = g_array_new(FALSE, FALSE, sizeof(guint));
    guint bb = b - 1;
    g_array_append_val(out[a - 1], bb);
    indeg[bb]++;
  }
  GArray *queue = g_array_new(FALSE, FALSE, sizeof(guint));
  guint placed = 0;
  for (;;) {
    for (guint i = 0; i < n; i++)
      if (!done[i] && indeg[i] == 0) {
        done[i] = TRUE;
        g_array_append_val(queue, i);
      }
    for (guint q = 0; q < queue->len; q++) {
      guint a = g_array_index(queue, guint, q);
      placed++;
      for (guint k = 0; out[a] && k < out[a]->len; k++) {
        guint b = g_array_index(out[a], guint, k);
        if (done[b])
          continue;
        layer[b] = MAX(layer[b], layer[a] + 1);
        if (--indeg[b] == 0) {
          done[b] = TRUE;
          g_array_append_val(queue, b);
        }
      }
    }
    g_array_set_size(queue, 0);
    if (placed == n)
      break;
    /* A cycle: release its first node in chain order. */
    for (guint i = 0; i < n; i++)
      if (!done[i]) {
        indeg[i] = 0;
        break;
      }
  }
  guint top = 0;
  for (guint i = 0; i < n; i++)
    top = MAX(top, layer[i]);
  GPtrArray *ranks = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  for (guint k = 0; k <= top && n; k++)
    g_ptr_array_add(ranks, g_array_new(FALSE, FALSE, sizeof(guint32)));
  for (guint i = 0; i < n; i++)
    g_array_append_val((GArray *)ranks->pdata[layer[i]], g_array_index(c->nodes, guint32, i));
  for (guint i = 0; i < n; i++)
    if (out[i])
      g_array_unref(out[i]);
  g_free(out);
  g_array_unref(queue);
  g_free(indeg);
  g_free(layer);
  g_free(done);
  g_hash_table_destroy(pos);
  return ranks;
}

/* What the chain's parts of the DOT emitter (io/dot.c) need. */
typedef struct {
  const CgGraph *g;
  const CgChainRec *c;
  const CgRenderStyle *style;
} ChainView;

static void
chain_node(GString *s, guint32 v, const char *indent, gpointer data)
{
  const ChainView *cv = data;
  const CgGraph *g = cv->g;
  const CgChainRec *c = cv->c;
  const CgRenderStyle *style = cv->style;
  const CgNodeRec *n = cg__node(g, v);
  g_string_append_printf(s, "%s\"n%u\" [id=\"cg-", indent, v);
  cg__dot_text(s, c->id);
  g_string_append(s, "--");
  cg__dot_text(s, n->id);
  g_string_append(s, "\", class=\"cg-node\", label=\"");
  cg__dot_text(s, cg_node_label(g, v));
  if (n->name_en) {
    g_string_append(s, "\\n");
    cg__dot_text(s, n->name_en);
  }
  g_string_append(s, "\", tooltip=\"");
  node_tooltip(s, g, v, style);
  g_string_append(s, "\", fillcolor=\"");
  heat_colour(s, fill_level(style, v));
  g_string_append(s, "\"");
  if (n->x && n->x->chokepoints && n->x->chokepoints->len)
    g_string_append(s, ", penwidth=2.5, color=\"#b00020\"");
  if (cg__is_app(g, v))
    g_string_append(s, ", shape=box, style=\"filled,bold\"");
  g_string_append(s, "];\n");
}

/* The graph line: its id, layout, tooltip, and the title and legend unless @flags leave
 * them out; then the node and edge defaults. */
static void
dot_header(GString *s, const CgChainRec *c, const CgRenderStyle *style, guint flags)
{
  g_string_append(s, "digraph \"");
  cg__dot_text(s, c->id);
  g_string_append(s, "\" {\n  graph [id=\"cg-");
  cg__dot_text(s, c->id);
  g_string_append(s, "\", rankdir=LR, nodesep=0.22, ranksep=0.55, newrank=true, "
                     "fontname=\"Noto Sans CJK SC\", labelloc=t, labeljust=l, tooltip=\"");
  cg__dot_text(s, c->path ? c->path : c->name);
  g_string_append(s, "\"");
  if (!(flags & CG_RENDER_NO_TITLE) || !(flags & CG_RENDER_NO_LEGEND)) {
    /* An HTML-like label: the title, and under it in small grey type the legend. */
    g_string_append(s, ", label=<");
    if (!(flags & CG_RENDER_NO_TITLE)) {
      char *e = g_markup_escape_text(c->name, -1);
      g_string_append_printf(s, "<font point-size=\"16\">%s</font>", e);
      g_free(e);
      if (c->id) {
        e = g_markup_escape_text(c->id, -1);
        g_string_append_printf(s, " <font point-size=\"10\" color=\"#777777\">%s</font>", e);
        g_free(e);
      }
    }
    if (!(flags & CG_RENDER_NO_LEGEND)) {
      if (!(flags & CG_RENDER_NO_TITLE))
        g_string_append(s, "<br align=\"left\"/>");
      GString *lg = g_string_new(NULL);
      if (style && style->criticality) {
        double full = style->criticality_max > 0 ? style->criticality_max : 1;
        g_string_append_printf(lg, "fill: criticality (red = %.1f%% of application weight)",
                               100 * full);
      }
      if (style && style->edge_risk)
        g_string_append_printf(lg, "%sheavier, darker red links: supply risk", lg->len ? " · " : "");
      g_string_append_printf(lg, "%sred outline: chokepoint evidence · 或: any one input suffices",
                             lg->len ? " · " : "");
      char *e = g_markup_escape_text(lg->str, -1);
      g_string_append_printf(s, "<font point-size=\"9\" color=\"#666666\">%s</font>", e);
      g_string_append(s, "<br align=\"left\"/>");
      g_free(e);
      g_string_free(lg, TRUE);
    }
    g_string_append(s, ">");
  }
  g_string_append(s, "];\n  node [shape=box, style=\"rounded,filled\", fontname=\"Noto Sans CJK SC\", "
                     "fontsize=11, fillcolor=white, color=\"#444444\", margin=\"0.1,0.04\"];\n"
                     "  edge [color=\"#666666\", arrowsize=0.6, fontname=\"Noto Sans CJK SC\"];\n");
}

/* The ranks, left to right: the path's stages; nodes wired into the chain but not on its
 * path are left for the layout to place by their links. A chain without a path gets
 * columns by its links. Nodes given a rank are added to @placed. */
static GPtrArray *
chain_ranks(const CgGraph *g, const CgChainRec *c, GHashTable *placed)
{
  GPtrArray *ranks;
  if (c->stages && c->stages->len) {
    ranks = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    for (guint k = 0; k < c->stages->len; k++) {
      GArray *st = c->stages->pdata[k], *r = g_array_new(FALSE, FALSE, sizeof(guint32));
      for (guint i = 0; i < st->len; i++) {
        guint32 v = g_array_index(st, guint32, i);
        if (g_hash_table_add(placed, GUINT_TO_POINTER(v + 1)))
          g_array_append_val(r, v);
      }
      g_ptr_array_add(ranks, r);
    }
  } else {
    ranks = layers_by_edges(g, c);
  }
  return ranks;
}

static void
chain_node_ref(GString *s, guint32 v, gpointer data)
{
  (void)data;
  g_string_append_printf(s, "\"n%u\"", v);
}

static void
chain_junction_ref(GString *s, guint32 gi, gpointer data)
{
  (void)data;
  g_string_append_printf(s, "\"or%u\"", gi);
}

/* An OR group's junction point, and the one edge that goes on to the target. */
static void
chain_junction(GString *s, guint32 gi, gpointer data)
{
  const ChainView *cv = data;
  const CgGraph *g = cv->g;
  guint32 v = g->group_node[gi], size = g->gmem_off[gi + 1] - g->gmem_off[gi];
  g_string_append_printf(s,
                         "  \"or%u\" [shape=circle, width=0.2, height=0.2, fixedsize=true, "
                         "label=\"或\", fontsize=8, style=filled, fillcolor=\"#dfe8f7\", "
                         "color=\"#5577aa\", tooltip=\"OR: any one of these %u inputs of ",
                         gi, size);
  cg__dot_text(s, cg_node_label(g, v));
  g_string_append_printf(s, " suffices\"];\n  \"or%u\" -> \"n%u\" [penwidth=1.2, "
                            "color=\"#5577aa\"];\n",
                         gi, v);
}

/* A link's id, its weight and colour by risk, its tooltip. */
static void
chain_edge_attrs(GString *attr, guint32 e, gboolean member, gpointer data)
{
  (void)member;
  const ChainView *cv = data;
  const CgRenderStyle *style = cv->style;
  double risk = style && style->edge_risk ? style->edge_risk[e] : 0;
  risk = isnan(risk) ? 0 : CLAMP(risk, 0, 1);
  g_string_append(attr, "id=\"cg-");
  cg__dot_text(attr, cv->c->id);
  g_string_append_printf(attr, "--e%u\"", e);
  if (risk > RISK_DRAWN) {
    g_string_append_printf(attr, ", penwidth=%.2f, color=\"", 1.2 + 4.8 * risk);
    risk_colour(attr, risk);
    g_string_append(attr, "\"");
  }
  g_string_append(attr, ", tooltip=\"");
  edge_tooltip(attr, cv->g, e, style, risk);
  g_string_append(attr, "\"");
}

/**
 * cg_chain_to_dot:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 * @style: (nullable): colours and weights
 *
 * One chain as DOT: stages left to right (the path's stages; for a chain without a path,
 * columns by the longest path over its links), nodes filled by criticality, chokepoints
 * outlined in red, each OR group drawn through a small junction point with dashed edges so
 * its alternatives read as one group, links heavier and redder with risk, every node's
 * document quotes as its tooltip and every link's reason or quote as its tooltip. Element
 * ids are "cg-CHAIN--NODE" (links "cg-CHAIN--eEDGE") so that the diagrams of several
 * chains can share one page.
 * Returns: (transfer full): the DOT text; free with cg_free().
 * Complexity: O(chain nodes + chain edges).
 */
char *
cg_chain_to_dot(const CgGraph *g, gsize chain, const CgRenderStyle *style)
{
  g_return_val_if_fail(g != NULL && chain < g->chains->len, NULL);
  g_return_val_if_fail(style == NULL ||
                           (style->version >= 1 && style->version <= CG_RENDER_STYLE_VERSION),
                       NULL);
  const CgChainRec *c = g->chains->pdata[chain];
  guint flags = style ? style->flags : 0;
  GString *s = g_string_new(NULL);
  dot_header(s, c, style, flags);
  GHashTable *placed = g_hash_table_new(g_direct_hash, g_direct_equal);
  GPtrArray *ranks = chain_ranks(g, c, placed);
  ChainView cv = {g, c, style};
  CgDotView view = {ranks,
                    (const guint32 *)(void *)c->nodes->data,
                    c->nodes->len,
                    (const guint32 *)(void *)c->edges->data,
                    c->edges->len,
                    chain_node,
                    chain_node_ref,
                    chain_junction,
                    chain_junction_ref,
                    chain_edge_attrs,
                    &cv};
  cg__dot_emit(s, g, &view);
  g_string_append(s, "}\n");
  g_hash_table_destroy(placed);
  g_ptr_array_free(ranks, TRUE);
  return g_string_free(s, FALSE);
}

/**
 * cg_render_edge_risk:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @risk: a result of cg_risk() on @graph
 *
 * The per-edge risk a diagram draws (#CgRenderStyle.edge_risk): √(link score ÷ the highest
 * link score of the graph), so the riskiest link is 1 and every diagram of the graph uses
 * one scale; the square root keeps the many small scores apart. All 0 when no link can
 * fail.
 * Returns: (transfer full) (array length=n_edges): free with cg_free(). Complexity: O(E).
 */
double *
cg_render_edge_risk(const CgGraph *g, const CgRisk *risk)
{
  g_return_val_if_fail(g != NULL && risk != NULL, NULL);
  g_return_val_if_fail(risk->n_edges == cg__m(g), NULL);
  gsize m = risk->n_edges;
  double *out = g_new0(double, m ? m : 1), max = 0;
  for (gsize e = 0; e < m; e++)
    if (risk->link_score[e] > max)
      max = risk->link_score[e];
  for (gsize e = 0; max > 0 && e < m; e++)
    out[e] = risk->link_score[e] > 0 ? sqrt(risk->link_score[e] / max) : 0;
  return out;
}

typedef struct {
  CgRenderStyle style; /* first: the pointer handed out */
  double *edge_risk;
  char **edge_why;
  gsize n_edges;
} OwnedStyle;

/**
 * cg_render_style_init:
 * @style: (out caller-allocates): the style to fill
 * @version: %CG_RENDER_STYLE_VERSION
 *
 * Fills @style with no colours: no criticality, no link risk, the document quotes as
 * tooltips, criticality_max 0 (1), no flags.
 * Returns: 0, or -1 (with a critical warning, @style untouched) for a @version this library
 *   does not know. Thread-safe; O(1).
 */
int
cg_render_style_init(CgRenderStyle *style, unsigned int version)
{
  g_return_val_if_fail(style != NULL, -1);
  if (version < 1 || version > CG_RENDER_STYLE_VERSION) {
    g_critical("cg_render_style_init: unknown options version %u (this library, %s, knows 1 "
               "to %u): the caller was compiled against other headers",
               version, CG_VERSION_STRING, CG_RENDER_STYLE_VERSION);
    return -1;
  }
  *style = (CgRenderStyle){.version = version};
  return 0;
}

/**
 * cg_render_style_new:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @risk: a result of cg_risk() on @graph
 *
 * The styling of the report's diagrams, from one risk answer: nodes filled by criticality
 * (full red = the graph's most critical node), links weighted by cg_render_edge_risk(),
 * and each link of every chain explained by cg_risk_link_why() in its tooltip. `chaingraph
 * render`, the HTML report and Python's `Graph.render()` all draw with it.
 * Returns: (transfer full): free with cg_render_style_free(); it points into @risk, which
 * must outlive it. Complexity: O(V + E) plus one why per chain edge.
 */
CgRenderStyle *
cg_render_style_new(const CgGraph *g, const CgRisk *risk)
{
  g_return_val_if_fail(g != NULL && risk != NULL, NULL);
  OwnedStyle *o = g_new0(OwnedStyle, 1);
  cg_render_style_init(&o->style, CG_RENDER_STYLE_VERSION);
  o->n_edges = cg__m(g);
  o->edge_risk = cg_render_edge_risk(g, risk);
  o->edge_why = g_new0(char *, o->n_edges + 1);
  for (guint c = 0; c < g->chains->len; c++) {
    const CgChainRec *ch = g->chains->pdata[c];
    for (guint i = 0; i < ch->edges->len; i++) {
      guint32 e = g_array_index(ch->edges, guint32, i);
      if (!o->edge_why[e])
        o->edge_why[e] = cg_risk_link_why(g, risk, e);
    }
  }
  o->style.criticality = risk->criticality;
  for (gsize v = 0; v < risk->n_nodes; v++)
    o->style.criticality_max = MAX(o->style.criticality_max, risk->criticality[v]);
  o->style.edge_risk = o->edge_risk;
  o->style.edge_why = (const char *const *)o->edge_why;
  return &o->style;
}

/**
 * cg_render_style_free:
 * @style: (nullable): a style from cg_render_style_new()
 *
 * Frees a style from cg_render_style_new(). NULL-safe.
 */
void
cg_render_style_free(CgRenderStyle *style)
{
  if (!style)
    return;
  OwnedStyle *o = (OwnedStyle *)style;
  for (gsize e = 0; e < o->n_edges; e++)
    g_free(o->edge_why[e]);
  g_free(o->edge_why);
  g_free(o->edge_risk);
  g_free(o);
}

/**
 * cg_chain_render:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 * @style: (nullable): colours and weights (cg_render_style_new()), or %NULL for plain
 * @format: "svg", "png" or "dot" (the DOT text, not laid out)
 * @length: (out): the number of bytes returned
 * @error: return location for a #GError, or %NULL
 *
 * Lays out the chain with Graphviz's `dot` and renders it. Graphviz calls are serialised.
 * Returns: (transfer full) (nullable): the bytes (NUL-terminated); free with cg_free().
 * Complexity: that of the dot layout, roughly O(V · E) on a chain's few dozen nodes.
 */
guint8 *
cg_chain_render(const CgGraph *g, gsize chain, const CgRenderStyle *style, const char *format,
                gsize *length, GError **error)
{
  g_return_val_if_fail(g != NULL && format != NULL && length != NULL, NULL);
  if (chain >= g->chains->len) {
    g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN, "no chain number %zu", chain);
    return NULL;
  }
  if (style && !cg__options_version_ok("cg_render_style_init", style->version,
                                       CG_RENDER_STYLE_VERSION, error))
    return NULL;
  char *dot = cg_chain_to_dot(g, chain, style);
  if (strcmp(format, "dot") == 0) {
    *length = strlen(dot);
    return (guint8 *)dot;
  }
  if (strcmp(format, "svg") != 0 && strcmp(format, "png") != 0) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE, "unknown diagram format '%s' (svg, png or dot)",
                format);
    g_free(dot);
    return NULL;
  }
  guint8 *out = NULL;
  g_mutex_lock(&gv_lock);
  /* One Graphviz context for the life of the process. Graphviz's pango plugin caches a
   * pointer to the last font name it measured, and the name lives in the context's font
   * table: freeing the context and making a new one leaves that pointer dangling (a read
   * of freed memory at the next label, reported by AddressSanitizer). Graphviz is not
   * thread-safe, so every use is under gv_lock. */
  static GVC_t *gvc;
  if (!gvc)
    gvc = gvContext();
  Agraph_t *ag = agmemread(dot);
  if (ag && strcmp(format, "png") == 0) /* twice the default resolution: legible labels */
    agsafeset(ag, "dpi", "144", "96");
  if (!ag) {
    g_set_error(error, CG_ERROR, CG_ERROR_INVALID, "graphviz could not read the chain's DOT");
  } else if (gvLayout(gvc, ag, "dot") != 0) {
    g_set_error(error, CG_ERROR, CG_ERROR_INVALID, "graphviz could not lay out the chain");
  } else {
    char *buf = NULL;
    unsigned int len = 0;
    if (gvRenderData(gvc, ag, format, &buf, &len) != 0 || !buf) {
      g_set_error(error, CG_ERROR, CG_ERROR_INVALID,
                  "graphviz could not render %s (is its %s plugin installed?)", format, format);
    } else {
      out = g_malloc(len + 1);
      memcpy(out, buf, len);
      out[len] = 0;
      *length = len;
    }
    if (buf)
      gvFreeRenderData(buf);
    gvFreeLayout(gvc, ag);
  }
  if (ag)
    agclose(ag);
  g_mutex_unlock(&gv_lock);
  g_free(dot);
  return out;
}

/**
 * cg_chain_render_to_file:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @chain: a chain index in [0, cg_graph_n_chains())
 * @style: (nullable): colours and weights (cg_render_style_new()), or %NULL for plain
 * @path: the file to write
 * @format: (nullable): %NULL chooses by the extension of @path (.svg, .png, .dot)
 * @error: return location for a #GError, or %NULL
 *
 * Renders one chain (cg_chain_render()) into the file @path. Graphviz calls are
 * serialised.
 *
 * Renders one chain into @path (see cg_chain_render()). Graphviz calls are serialised.
 *
 * Returns: %TRUE on success, %FALSE with @error set. Complexity: that of cg_chain_render().
 */
gboolean
cg_chain_render_to_file(const CgGraph *g, gsize chain, const CgRenderStyle *style,
                        const char *path, const char *format, GError **error)
{
  g_return_val_if_fail(g != NULL && path != NULL, FALSE);
  if (!format) {
    const char *dot = strrchr(path, '.');
    format = dot ? dot + 1 : "";
    if (strcmp(format, "gv") == 0)
      format = "dot";
  }
  gsize len;
  guint8 *data = cg_chain_render(g, chain, style, format, &len, error);
  if (!data)
    return FALSE;
  gboolean ok = cg__file_write(path, data, len, error);
  g_free(data);
  return ok;
}

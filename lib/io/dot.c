/* Graphviz DOT: the one emitter of the library (cg__dot_emit(): nodes by rank, edges, OR
 * groups through junctions), and on it the whole-graph export: left to right, one rank per
 * stage, OR groups drawn through a small "or" junction node with dashed edges of one
 * colour, labels in Chinese and English. present/render.c draws a chain on the same
 * emitter with its own style. */
#include "io/cg-io.h"

#include <string.h>

/* Stage order of the ranks, and the fill colour of each stage's nodes. */
static const struct {
  CgStage stage;
  const char *fill;
} dot_stages[] = {
    {CG_STAGE_RAW, "#ead7b7"},       {CG_STAGE_MATERIAL, "#cfe2f3"},
    {CG_STAGE_COMPONENT, "#d9ead3"}, {CG_STAGE_PRODUCT, "#fff2cc"},
    {CG_STAGE_APPLICATION, "#f4cccc"}, {CG_STAGE_RECYCLING, "#d0e0e3"},
};

/* OR groups cycle through these; neighbouring groups of one target differ. */
static const char *const dot_palette[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd",
                                          "#ff7f0e", "#17becf", "#8c564b", "#e377c2"};

/* The inside of a quoted DOT string (an ID, a label, a tooltip): \" and \\ escaped, a
 * line break as \n. Graphviz reads \n, \l, \N… inside labels, so a literal backslash
 * doubles; an ID that ended in one could otherwise swallow the closing quote. NULL writes
 * nothing. The one DOT escaping of the library (present/render.c uses it too). */
void
cg__dot_text(GString *o, const char *s)
{
  for (; s && *s; s++) {
    if (*s == '"' || *s == '\\')
      g_string_append_c(o, '\\');
    if (*s == '\n')
      g_string_append(o, "\\n");
    else
      g_string_append_c(o, *s);
  }
}

/* A quoted DOT ID (the same text is used for the node and its edges, so the graph stays
 * consistent). */
void
cg__dot_id(GString *o, const char *s)
{
  g_string_append_c(o, '"');
  cg__dot_text(o, s);
  g_string_append_c(o, '"');
}

static const char *
stage_fill(CgStage s)
{
  for (guint i = 0; i < G_N_ELEMENTS(dot_stages); i++)
    if (dot_stages[i].stage == s)
      return dot_stages[i].fill;
  return "#eeeeee";
}

/* The junction of group @gi: "or:TARGET:K", made unique should a node have that id. */
static void
put_junction(GString *o, const CgGraph *g, guint32 gi)
{
  guint32 dst = g->group_node[gi];
  char *name = g_strdup_printf("or:%s:%u", cg__node(g, dst)->id, gi - g->in_goff[dst]);
  while (cg__node_lookup_id(g, name) >= 0) {
    char *longer = g_strconcat(name, "'", NULL);
    g_free(name);
    name = longer;
  }
  cg__dot_id(o, name);
  g_free(name);
}

/* ---- the one emitter ------------------------------------------------------------------ */

/**
 * cg__dot_emit:
 * @s: where to append
 * @g: a finished graph
 * @view: what to draw and the caller's parts (see #CgDotView in cg-io.h)
 *
 * The body of every DOT the library writes: nodes by rank, then the edges, OR groups
 * through their junctions. O(nodes + edges drawn).
 */
void
cg__dot_emit(GString *s, const CgGraph *g, const CgDotView *view)
{
  guint8 *placed = g_new0(guint8, cg__n(g) + 1);
  for (guint k = 0; view->ranks && k < view->ranks->len; k++) {
    GArray *r = view->ranks->pdata[k];
    if (!r->len)
      continue;
    g_string_append(s, "  { rank=same;\n");
    for (guint i = 0; i < r->len; i++) {
      guint32 v = g_array_index(r, guint32, i);
      placed[v] = 1;
      view->node(s, v, "    ", view->data);
    }
    g_string_append(s, "  }\n");
  }
  for (guint i = 0; i < view->n_nodes; i++)
    if (!placed[view->nodes[i]]) {
      placed[view->nodes[i]] = 1;
      view->node(s, view->nodes[i], "  ", view->data);
    }
  g_free(placed);

  GHashTable *declared = g_hash_table_new(g_direct_hash, g_direct_equal); /* junctions */
  GString *attrs = g_string_new(NULL);
  for (guint i = 0; i < view->n_edges; i++) {
    guint32 e = view->edges[i], gi = g->egroup[e];
    gboolean member = g->gmem_off[gi + 1] - g->gmem_off[gi] > 1;
    g_string_truncate(attrs, 0);
    if (view->edge_attrs)
      view->edge_attrs(attrs, e, member, view->data);
    if (member && g_hash_table_add(declared, GUINT_TO_POINTER(gi + 1)))
      view->junction(s, gi, view->data);
    g_string_append(s, "  ");
    view->node_ref(s, g->esrc[e], view->data);
    g_string_append(s, " -> ");
    if (member) {
      view->junction_ref(s, gi, view->data);
      g_string_append(s, " [style=dashed, arrowhead=none");
      if (attrs->len)
        g_string_append_printf(s, ", %s", attrs->str);
      g_string_append(s, "]");
    } else {
      view->node_ref(s, g->group_node[gi], view->data);
      if (attrs->len)
        g_string_append_printf(s, " [%s]", attrs->str);
    }
    g_string_append(s, ";\n");
  }
  g_string_free(attrs, TRUE);
  g_hash_table_destroy(declared);
}

/* ---- the whole graph ------------------------------------------------------------------ */

static void
whole_node_ref(GString *s, guint32 v, gpointer data)
{
  cg__dot_id(s, cg__node(data, v)->id);
}

static void
whole_node(GString *o, guint32 v, const char *indent, gpointer data)
{
  const CgGraph *g = data;
  const CgNodeRec *r = cg__node(g, v);
  g_string_append(o, indent);
  cg__dot_id(o, r->id);
  g_string_append(o, " [label=\"");
  if (r->name && r->name_en) {
    cg__dot_text(o, r->name);
    g_string_append(o, "\\n");
    cg__dot_text(o, r->name_en);
  } else {
    cg__dot_text(o, r->name ? r->name : r->name_en ? r->name_en : r->id);
  }
  g_string_append(o, "\", tooltip=\"");
  cg__dot_text(o, r->id);
  g_string_append_printf(o, "\", fillcolor=\"%s\"", stage_fill(r->stage));
  if (cg__is_app(g, v))
    g_string_append(o, ", penwidth=2");
  g_string_append(o, "];\n");
}

static const char *
group_colour(const CgGraph *g, guint32 gi)
{
  return dot_palette[(gi - g->in_goff[g->group_node[gi]]) % G_N_ELEMENTS(dot_palette)];
}

static void
whole_junction_ref(GString *s, guint32 gi, gpointer data)
{
  put_junction(s, data, gi);
}

static void
whole_junction(GString *o, guint32 gi, gpointer data)
{
  const CgGraph *g = data;
  const char *colour = group_colour(g, gi);
  g_string_append(o, "  ");
  put_junction(o, g, gi);
  g_string_append_printf(o,
                         " [shape=circle, label=\"or\", fixedsize=true, width=0.32, "
                         "fontsize=8, style=filled, fillcolor=white, color=\"%s\", "
                         "fontcolor=\"%s\"];\n  ",
                         colour, colour);
  put_junction(o, g, gi);
  g_string_append(o, " -> ");
  cg__dot_id(o, cg__node(g, g->group_node[gi])->id);
  g_string_append_printf(o, " [color=\"%s\"];\n", colour);
}

static void
whole_edge_attrs(GString *s, guint32 e, gboolean member, gpointer data)
{
  const CgGraph *g = data;
  if (member)
    g_string_append_printf(s, "color=\"%s\"", group_colour(g, g->egroup[e]));
}

/**
 * cg__dot_write:
 * @g: a finished graph
 *
 * Writes the graph as Graphviz DOT through cg__dot_emit(): `rankdir=LR`; one rank per
 * stage (raw → recycling), each node labelled with its Chinese and English names and
 * filled by stage; each input group of two or more members drawn as a small "or" junction
 * node that the members reach by dashed edges of the group's colour. Sole inputs (AND)
 * are plain edges.
 *
 * Returns: (transfer full): the text. O(V + E).
 */
char *
cg__dot_write(const CgGraph *g)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  guint32 n = g->nodes->len, m = g->edges->len;
  GString *o = g_string_sized_new(1024 + (gsize)n * 96 + (gsize)m * 48);
  g_string_append_printf(o,
                         "// chaingraph: %u nodes, %u edges, %u input groups. Dashed edges of "
                         "one colour meet at an \"or\" junction: the target needs one of them.\n"
                         "digraph chaingraph {\n"
                         "  graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.9, "
                         "fontname=\"Noto Sans CJK SC,sans-serif\"];\n"
                         "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eeeeee\", "
                         "fontname=\"Noto Sans CJK SC,sans-serif\", fontsize=11];\n"
                         "  edge [color=\"#555555\", arrowsize=0.7];\n",
                         n, m, g->n_groups);
  GPtrArray *ranks = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS(dot_stages); i++) {
    GArray *r = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint32 v = 0; v < n; v++)
      if (cg__node(g, v)->stage == dot_stages[i].stage)
        g_array_append_val(r, v);
    g_ptr_array_add(ranks, r);
  }
  guint32 *all = g_new(guint32, MAX(n, m) + 1);
  for (guint32 i = 0; i < MAX(n, m); i++)
    all[i] = i;
  /* edges in index order: sorted by (target, group, source), so each group's members
   * follow one another */
  CgDotView view = {ranks, all, n, all, m, whole_node, whole_node_ref, whole_junction,
                    whole_junction_ref, whole_edge_attrs, (gpointer)g};
  cg__dot_emit(o, g, &view);
  g_free(all);
  g_ptr_array_free(ranks, TRUE);
  g_string_append(o, "}\n");
  return g_string_free(o, FALSE);
}

/* Graphviz DOT output: left to right, one rank per stage, OR groups drawn through a small
 * "or" junction node with dashed edges of one colour, labels in Chinese and English. */
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

/**
 * cg__dot_write:
 * @g: a finished graph
 *
 * Writes the graph as Graphviz DOT: `rankdir=LR`; nodes grouped by stage in `rank=same`
 * subgraphs (raw → recycling); each node labelled with its Chinese and English names and
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
  guint32 n = g->nodes->len;
  GString *o = g_string_sized_new(1024 + (gsize)n * 96 + (gsize)g->edges->len * 48);
  g_string_append_printf(o,
                         "// chaingraph: %u nodes, %u edges, %u input groups. Dashed edges of "
                         "one colour meet at an \"or\" junction: the target needs one of them.\n"
                         "digraph chaingraph {\n"
                         "  graph [rankdir=LR, newrank=true, nodesep=0.25, ranksep=0.9, "
                         "fontname=\"Noto Sans CJK SC,sans-serif\"];\n"
                         "  node [shape=box, style=\"rounded,filled\", fillcolor=\"#eeeeee\", "
                         "fontname=\"Noto Sans CJK SC,sans-serif\", fontsize=11];\n"
                         "  edge [color=\"#555555\", arrowsize=0.7];\n",
                         n, g->edges->len, g->n_groups);

  /* Nodes, then their stage ranks in stage order. */
  for (guint32 v = 0; v < n; v++) {
    const CgNodeRec *r = cg__node(g, v);
    g_string_append(o, "  ");
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
  for (guint i = 0; i < G_N_ELEMENTS(dot_stages); i++) {
    gboolean any = FALSE;
    for (guint32 v = 0; v < n; v++) {
      if (cg__node(g, v)->stage != dot_stages[i].stage)
        continue;
      if (!any)
        g_string_append_printf(o, "  subgraph stage_%s { rank=same; ",
                               cg_stage_to_string(dot_stages[i].stage));
      any = TRUE;
      cg__dot_id(o, cg__node(g, v)->id);
      g_string_append(o, "; ");
    }
    if (any)
      g_string_append(o, "}\n");
  }

  /* Edges group by group: a sole input is one plain edge; an OR group goes through its
   * junction. */
  for (guint32 gi = 0; gi < g->n_groups; gi++) {
    guint32 dst = g->group_node[gi], first = g->gmem_off[gi], last = g->gmem_off[gi + 1];
    if (last - first == 1) {
      g_string_append(o, "  ");
      cg__dot_id(o, cg__node(g, g->esrc[first])->id);
      g_string_append(o, " -> ");
      cg__dot_id(o, cg__node(g, dst)->id);
      g_string_append(o, ";\n");
      continue;
    }
    const char *colour = dot_palette[(gi - g->in_goff[dst]) % G_N_ELEMENTS(dot_palette)];
    g_string_append(o, "  ");
    put_junction(o, g, gi);
    g_string_append_printf(o,
                           " [shape=circle, label=\"or\", fixedsize=true, width=0.32, "
                           "fontsize=8, style=filled, fillcolor=white, color=\"%s\", "
                           "fontcolor=\"%s\"];\n  ",
                           colour, colour);
    put_junction(o, g, gi);
    g_string_append(o, " -> ");
    cg__dot_id(o, cg__node(g, dst)->id);
    g_string_append_printf(o, " [color=\"%s\"];\n", colour);
    for (guint32 e = first; e < last; e++) {
      g_string_append(o, "  ");
      cg__dot_id(o, cg__node(g, g->esrc[e])->id);
      g_string_append(o, " -> ");
      put_junction(o, g, gi);
      g_string_append_printf(o, " [style=dashed, color=\"%s\", arrowhead=none];\n", colour);
    }
  }
  g_string_append(o, "}\n");
  return g_string_free(o, FALSE);
}

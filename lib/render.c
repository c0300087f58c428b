/* Chain diagrams: DOT made here, laid out and drawn by Graphviz's library (dot layout). */
#include "cg-private.h"

#include <graphviz/gvc.h>
#include <string.h>

/* Graphviz keeps global state (its context, plugins, error buffer): one caller at a time. */
static GMutex gv_lock;

static void
dot_escape(GString *s, const char *text)
{
  for (const char *p = text; p && *p; p++) {
    if (*p == '"' || *p == '\\')
      g_string_append_c(s, '\\');
    if (*p == '\n') {
      g_string_append(s, "\\n");
      continue;
    }
    g_string_append_c(s, *p);
  }
}

/* White (0) → amber → red (1). */
static void
heat_colour(GString *s, double x)
{
  x = CLAMP(isnan(x) ? 0 : x, 0, 1);
  int r = 255, gr = (int)(255 - 175 * x), b = (int)(255 - 235 * MIN(1, 2 * x));
  g_string_append_printf(s, "#%02x%02x%02x", r, gr, b);
}

/* The node's evidence as tooltip text: chokepoint quotes first, then other quotes. */
static void
tooltip(GString *s, const CgGraph *g, guint32 v)
{
  const CgNodeRec *n = cg__node(g, v);
  GString *t = g_string_new(NULL);
  g_string_append_printf(t, "%s (%s)", cg_node_label(g, v), n->id);
  if (n->name_en)
    g_string_append_printf(t, " — %s", n->name_en);
  for (int pass = 0; pass < 2 && n->x; pass++) {
    GArray *a = pass == 0 ? n->x->chokepoints : n->x->provenance;
    for (guint i = 0; a && i < a->len && i < 6; i++) {
      const CgProvenance *p = &g_array_index(a, CgProvenance, i);
      if (!p->quote && !p->inferred)
        continue;
      g_string_append_printf(t, "\n%s%s %s%s: ", pass == 0 ? "⚠ " : "",
                             p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
                             p->section ? p->section : "",
                             pass == 0 ? " (chokepoint)" : "");
      if (p->quote)
        g_string_append_printf(t, "“%s”", p->quote);
      else
        g_string_append_printf(t, "inferred: %s", p->inferred);
    }
  }
  dot_escape(s, t->str);
  g_string_free(t, TRUE);
}

/**
 * cg_chain_to_dot:
 * @style: (nullable): colours and weights
 *
 * One chain as DOT: stages left to right (the path's stages, or the nodes' stages for a
 * chain without a path), nodes filled by criticality, each OR group drawn through a
 * small junction point with dashed edges so its alternatives read as one group, links
 * heavier and redder with risk, and every node's document quotes as its tooltip.
 * Returns: (transfer full): the DOT text; free with cg_free(). Complexity: O(chain size).
 */
char *
cg_chain_to_dot(const CgGraph *g, gsize chain, const CgRenderStyle *style)
{
  g_return_val_if_fail(g != NULL && chain < g->chains->len, NULL);
  const CgChainRec *c = g->chains->pdata[chain];
  GString *s = g_string_new(NULL);
  g_string_append(s, "digraph \"");
  dot_escape(s, c->id);
  g_string_append(s, "\" {\n  graph [rankdir=LR, nodesep=0.25, ranksep=0.6, fontname=\"Noto Sans CJK SC\", "
                     "label=\"");
  dot_escape(s, c->name);
  g_string_append(s, "\", labelloc=t, fontsize=16, tooltip=\"");
  dot_escape(s, c->path ? c->path : c->name);
  g_string_append(s, "\"];\n  node [shape=box, style=\"rounded,filled\", fontname=\"Noto Sans CJK SC\", "
                     "fontsize=11, fillcolor=white];\n  edge [color=\"#555555\", arrowsize=0.6];\n");

  /* Ranks: path stages, else node stages. */
  GHashTable *in_chain = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint i = 0; i < c->nodes->len; i++)
    g_hash_table_add(in_chain, GUINT_TO_POINTER(g_array_index(c->nodes, guint32, i) + 1));
  GHashTable *placed = g_hash_table_new(g_direct_hash, g_direct_equal);
  GPtrArray *ranks = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
  if (c->stages && c->stages->len) {
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
    for (int st = CG_STAGE_UNKNOWN; st <= CG_STAGE_RECYCLING; st++) {
      GArray *r = g_array_new(FALSE, FALSE, sizeof(guint32));
      for (guint i = 0; i < c->nodes->len; i++) {
        guint32 v = g_array_index(c->nodes, guint32, i);
        if (cg__node(g, v)->stage == st && g_hash_table_add(placed, GUINT_TO_POINTER(v + 1)))
          g_array_append_val(r, v);
      }
      g_ptr_array_add(ranks, r);
    }
  }
  /* Nodes wired into the chain but not on its path get their own rank after the rest. */
  GArray *rest = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint i = 0; i < c->nodes->len; i++) {
    guint32 v = g_array_index(c->nodes, guint32, i);
    if (g_hash_table_add(placed, GUINT_TO_POINTER(v + 1)))
      g_array_append_val(rest, v);
  }
  g_ptr_array_add(ranks, rest);
  for (guint k = 0; k < ranks->len; k++) {
    GArray *r = ranks->pdata[k];
    if (!r->len)
      continue;
    g_string_append(s, "  { rank=same;\n");
    for (guint i = 0; i < r->len; i++) {
      guint32 v = g_array_index(r, guint32, i);
      const CgNodeRec *n = cg__node(g, v);
      g_string_append_printf(s, "    \"n%u\" [id=\"node-", v);
      dot_escape(s, n->id);
      g_string_append(s, "\", label=\"");
      dot_escape(s, cg_node_label(g, v));
      if (n->name_en) {
        g_string_append(s, "\\n");
        dot_escape(s, n->name_en);
      }
      g_string_append(s, "\", tooltip=\"");
      tooltip(s, g, v);
      g_string_append(s, "\", fillcolor=\"");
      heat_colour(s, style && style->criticality ? style->criticality[v] : 0);
      g_string_append(s, "\"");
      if (n->x && n->x->chokepoints && n->x->chokepoints->len)
        g_string_append(s, ", penwidth=2.5, color=\"#b00020\"");
      if (cg__is_app(g, v))
        g_string_append(s, ", shape=box, style=\"filled,bold\"");
      g_string_append(s, "];\n");
    }
    g_string_append(s, "  }\n");
  }

  /* Edges: per target, its groups among this chain's edges. */
  GHashTable *junction_done = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint i = 0; i < c->edges->len; i++) {
    guint32 e = g_array_index(c->edges, guint32, i);
    guint32 gi = g->egroup[e], u = g->esrc[e], v = g->group_node[gi];
    guint32 size = g->gmem_off[gi + 1] - g->gmem_off[gi];
    double risk = style && style->edge_risk ? CLAMP(style->edge_risk[e], 0, 1) : 0;
    GString *attr = g_string_new(NULL);
    g_string_append_printf(attr, "penwidth=%.2f", 1.0 + 5.0 * risk);
    if (risk > 0) {
      g_string_append(attr, ", color=\"");
      heat_colour(attr, 0.25 + 0.75 * risk);
      g_string_append(attr, "\"");
      g_string_append_printf(attr, ", tooltip=\"risk %.3f\"", risk);
    }
    if (size > 1) {
      /* An OR group: members meet at a junction point, one edge goes on to the target. */
      if (g_hash_table_add(junction_done, GUINT_TO_POINTER(gi + 1)))
        g_string_append_printf(s,
                               "  \"or%u\" [shape=circle, width=0.18, height=0.18, fixedsize=true, "
                               "label=\"或\", fontsize=8, style=filled, fillcolor=\"#dfe8f7\", "
                               "tooltip=\"OR: any one of these inputs suffices\"];\n"
                               "  \"or%u\" -> \"n%u\" [penwidth=1.2];\n",
                               gi, gi, v);
      g_string_append_printf(s, "  \"n%u\" -> \"or%u\" [style=dashed, %s];\n", u, gi, attr->str);
    } else {
      g_string_append_printf(s, "  \"n%u\" -> \"n%u\" [%s];\n", u, v, attr->str);
    }
    g_string_free(attr, TRUE);
  }
  g_string_append(s, "}\n");
  g_hash_table_destroy(junction_done);
  g_hash_table_destroy(in_chain);
  g_hash_table_destroy(placed);
  g_ptr_array_free(ranks, TRUE);
  return g_string_free(s, FALSE);
}

/**
 * cg_chain_render:
 * @format: "svg", "png" or "dot" (the DOT text, not laid out)
 * @length: (out): the number of bytes returned
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
 * @format: (nullable): %NULL chooses by the extension of @path (.svg, .png, .dot)
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
  GError *ferr = NULL;
  gboolean ok = g_file_set_contents(path, (const char *)data, (gssize)len, &ferr);
  if (!ok) {
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot write: %s", path, ferr->message);
    g_error_free(ferr);
  }
  g_free(data);
  return ok;
}

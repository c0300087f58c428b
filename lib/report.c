/* The report: the three answers at once, in the terminal (80 columns) or as one
 * self-contained HTML page with a diagram per chain. */
#include "cg-private.h"

#include <string.h>

/* ---- terminal text ------------------------------------------------------------------- */

static guint
display_width(gunichar c)
{
  return g_unichar_iswide(c) ? 2 : g_unichar_iszerowidth(c) ? 0 : 1;
}

/* Appends @text wrapped at @width display columns; continuation lines get @indent. The
 * first line is assumed to start at column @col. Breaks at spaces, or anywhere between
 * wide (CJK) characters. */
static void
append_wrapped(GString *out, const char *text, guint col, guint width, const char *indent)
{
  guint ind = (guint)g_utf8_strlen(indent, -1);
  const char *p = text;
  while (*p) {
    /* Find how much fits. */
    const char *q = p, *last_break = NULL;
    guint w = col;
    while (*q) {
      gunichar c = g_utf8_get_char(q);
      guint cw = display_width(c);
      if (w + cw > width)
        break;
      w += cw;
      q = g_utf8_next_char(q);
      /* never break before closing punctuation */
      gunichar next = *q ? g_utf8_get_char(q) : 0;
      gboolean closing = next == ')' || next == ',' || next == ';' || next == 0xFF09 ||
                         next == 0x3001 || next == 0x3002 || next == 0xFF0C || next == 0x201D;
      if (!closing && (c == ' ' || cw == 2 || c == ',' || c == ';' || c == 0xFF0C || c == 0x3001))
        last_break = q;
    }
    if (!*q) {
      g_string_append(out, p);
      break;
    }
    const char *cut = last_break && last_break > p ? last_break : q;
    if (cut == p) /* nothing fits: take one character */
      cut = g_utf8_next_char(p);
    GString *line = g_string_new_len(p, cut - p);
    while (line->len && line->str[line->len - 1] == ' ')
      g_string_truncate(line, line->len - 1);
    g_string_append(out, line->str);
    g_string_free(line, TRUE);
    g_string_append_c(out, '\n');
    g_string_append(out, indent);
    col = ind;
    p = cut;
    while (*p == ' ')
      p++;
  }
  g_string_append_c(out, '\n');
}

/* The quote behind a node: chokepoint evidence first, then any quote. */
static const CgProvenance *
node_quote(const CgGraph *g, guint32 v)
{
  const CgNodeRec *n = cg__node(g, v);
  if (!n->x)
    return NULL;
  if (n->x->chokepoints)
    for (guint i = 0; i < n->x->chokepoints->len; i++)
      if (g_array_index(n->x->chokepoints, CgProvenance, i).quote)
        return &g_array_index(n->x->chokepoints, CgProvenance, i);
  if (n->x->provenance)
    for (guint i = 0; i < n->x->provenance->len; i++)
      if (g_array_index(n->x->provenance, CgProvenance, i).quote)
        return &g_array_index(n->x->provenance, CgProvenance, i);
  return NULL;
}

static char *
source_line(const CgGraph *g, const CgProvenance *p)
{
  if (!p)
    return NULL;
  return g_strdup_printf("source: %s%s%s “%s”",
                         p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
                         p->section ? " " : "", p->section ? p->section : "", p->quote);
}

static void
heading(GString *s, const char *title, guint width)
{
  g_string_append_printf(s, "\n%s\n", title);
  for (guint i = 0; i < MIN(width, 78); i++)
    g_string_append_c(s, '-');
  g_string_append_c(s, '\n');
}

static CgBottlenecks *
report_bottlenecks(const CgGraph *g, const CgReportOptions *o, GError **error)
{
  CgBottleneckOptions bo = CG_BOTTLENECK_OPTIONS_INIT;
  bo.top = o->top;
  bo.betweenness = FALSE;
  return cg_bottlenecks(g, &bo, error);
}

/**
 * cg_report_text:
 * @options: (nullable): %NULL for CG_REPORT_OPTIONS_INIT
 *
 * The terminal report: the graph's size per document, the top bottlenecks with their
 * reasons and source quotes, the chains' narrow waists and regional single points.
 * Lines are wrapped at @options->width display columns (CJK characters count two).
 * Returns: (transfer full) (nullable): the text; free with cg_free().
 * Complexity: that of cg_bottlenecks().
 */
char *
cg_report_text(const CgGraph *g, const CgReportOptions *options, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  CgReportOptions o = CG_REPORT_OPTIONS_INIT;
  if (options)
    o = *options;
  guint W = o.width ? o.width : 80;
  CgBottlenecks *b = report_bottlenecks(g, &o, error);
  if (!b)
    return NULL;
  GString *s = g_string_new(NULL);
  guint n_apps = 0, n_choke = 0;
  for (guint32 v = 0; v < cg__n(g); v++) {
    n_apps += cg__is_app(g, v);
    n_choke += cg__node(g, v)->x && cg__node(g, v)->x->chokepoints;
  }
  g_string_append_printf(s, "chaingraph report: %u nodes (%u applications, %u with chokepoint "
                            "evidence), %u edges, %u regions, %u chains from %u documents\n",
                         cg__n(g), n_apps, n_choke, cg__m(g), g->regions->len, g->chains->len,
                         g->documents->len);

  heading(s, "BOTTLENECKS: share of application weight lost when one product is lost", W);
  for (gsize i = 0; i < b->n_items; i++) {
    const CgBottleneck *it = &b->items[i];
    char *head = g_strdup_printf("%2zu. %5.1f%%  %s (%s)", i + 1, 100 * it->criticality,
                                 cg_node_label(g, it->node), cg_node_id(g, it->node));
    append_wrapped(s, head, 0, W, "           ");
    g_free(head);
    g_string_append(s, "    ");
    append_wrapped(s, it->why, 4, W, "    ");
    char *src = source_line(g, node_quote(g, it->node));
    if (src) {
      g_string_append(s, "    ");
      append_wrapped(s, src, 4, W, "    ");
      g_free(src);
    }
  }
  if (b->n_items == 0)
    g_string_append(s, "no single product's loss costs any application\n");

  gsize nw;
  CgWaist *w = cg_narrow_waists(g, &nw);
  if (nw) {
    heading(s, "NARROW WAISTS: the stage of each chain with the fewest alternatives", W);
    for (gsize i = 0; i < nw && i < o.top; i++) {
      const CgChainRec *ch = g->chains->pdata[w[i].chain];
      GArray *st = ch->stages->pdata[w[i].stage];
      GString *line = g_string_new(NULL);
      g_string_append_printf(line, "%s: stage %u of %u has %u item%s (", ch->name, w[i].stage + 1,
                             w[i].n_stages, w[i].width, w[i].width == 1 ? "" : "s");
      for (guint k = 0; k < st->len; k++)
        g_string_append_printf(line, "%s%s", k ? "、" : "", cg_node_label(g, g_array_index(st, guint32, k)));
      g_string_append(line, ")");
      g_string_append(s, " - ");
      append_wrapped(s, line->str, 3, W, "   ");
      g_string_free(line, TRUE);
    }
    if (nw > o.top)
      g_string_append_printf(s, "   … and %zu more chains (chaingraph bottlenecks --json)\n", nw - o.top);
  }
  g_free(w);

  gsize np;
  CgRegionalPoint *pts = cg_regional_single_points(g, &np);
  if (np) {
    heading(s, "REGIONAL SINGLE POINTS: products only one region makes, most critical first", W);
    /* most critical first */
    for (gsize i = 1; i < np; i++)
      for (gsize j = i; j > 0 && b->criticality[pts[j - 1].node] < b->criticality[pts[j].node]; j--) {
        CgRegionalPoint t = pts[j];
        pts[j] = pts[j - 1];
        pts[j - 1] = t;
      }
    for (gsize i = 0; i < np && i < o.top; i++) {
      char *line = g_strdup_printf("%s: only %s (criticality %.1f%%)", cg_node_label(g, pts[i].node),
                                   ((CgRegionRec *)g->regions->pdata[pts[i].region])->name,
                                   100 * b->criticality[pts[i].node]);
      g_string_append(s, " - ");
      append_wrapped(s, line, 3, W, "   ");
      g_free(line);
    }
  }
  g_free(pts);
  cg_bottlenecks_free(b);
  return g_string_free(s, FALSE);
}

/* ---- HTML ---------------------------------------------------------------------------- */

static void
html_escape(GString *s, const char *text)
{
  char *e = g_markup_escape_text(text ? text : "", -1);
  g_string_append(s, e);
  g_free(e);
}

static const char *css =
    "body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;margin:2em;color:#222;max-width:1400px}"
    "h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ddd;padding:.3em .6em;"
    "vertical-align:top;font-size:.9em}th{background:#f4f4f4}"
    ".why{color:#444}.src{color:#666;font-size:.85em}"
    ".chain{border:1px solid #e3e3e3;border-radius:6px;margin:1em 0;padding:.5em;overflow-x:auto}"
    ".chain svg{max-width:100%;height:auto}"
    "#evidence{position:fixed;right:1em;bottom:1em;width:28em;max-height:40vh;overflow:auto;"
    "background:#fffbe6;border:1px solid #e0c060;border-radius:6px;padding:.8em;font-size:.85em;"
    "white-space:pre-wrap;display:none;box-shadow:0 2px 8px rgba(0,0,0,.2)}"
    "g.node{cursor:pointer}";

static const char *script =
    "document.addEventListener('click',function(ev){"
    "var n=ev.target.closest&&ev.target.closest('g.node');var box=document.getElementById('evidence');"
    "if(!n){box.style.display='none';return;}"
    "var t=n.querySelector('title');var a=n.querySelector('a');"
    "var text=(a&&(a.getAttribute('xlink:title')||a.getAttribute('title')))||(t?t.textContent:'');"
    "box.textContent=text;box.style.display='block';});";

/**
 * cg_report_html:
 * @path: the HTML file to write
 *
 * One self-contained page (no network access needed to view it): the report's tables, and
 * a diagram per chain as inline SVG (Graphviz), nodes coloured by criticality, OR groups
 * drawn through junctions; hovering a node shows its document quotes, clicking pins them.
 * Returns: %FALSE with @error set on failure.
 * Complexity: cg_bottlenecks() plus one Graphviz layout per chain.
 */
gboolean
cg_report_html(const CgGraph *g, const CgReportOptions *options, const char *path, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && path != NULL, FALSE);
  CgReportOptions o = CG_REPORT_OPTIONS_INIT;
  if (options)
    o = *options;
  CgBottlenecks *b = report_bottlenecks(g, &o, error);
  if (!b)
    return FALSE;
  GString *s = g_string_new("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
                            "<title>chaingraph report</title><style>");
  g_string_append(s, css);
  g_string_append(s, "</style></head><body>\n<h1>chaingraph report</h1>\n<p>");
  g_string_append_printf(s, "%u nodes, %u edges, %u regions, %u chains from %u documents: ",
                         cg__n(g), cg__m(g), g->regions->len, g->chains->len, g->documents->len);
  for (guint d = 0; d < g->documents->len; d++) {
    const CgDocRec *doc = g->documents->pdata[d];
    g_string_append(s, d ? "; " : "");
    html_escape(s, doc->title ? doc->title : doc->file);
  }
  g_string_append(s, ".</p>\n<h2 id=\"bottlenecks\">Bottlenecks</h2>\n"
                     "<p>Criticality: the share of application weight that can no longer be made "
                     "when the product alone is lost (exact, ");
  html_escape(s, b->method);
  g_string_append(s, ").</p>\n<table><tr><th>#</th><th>product</th><th>criticality</th>"
                     "<th>why</th><th>source</th></tr>\n");
  for (gsize i = 0; i < b->n_items; i++) {
    const CgBottleneck *it = &b->items[i];
    g_string_append_printf(s, "<tr><td>%zu</td><td>", i + 1);
    html_escape(s, cg_node_label(g, it->node));
    g_string_append(s, " <code>");
    html_escape(s, cg_node_id(g, it->node));
    g_string_append_printf(s, "</code></td><td>%.1f%%</td><td class=\"why\">", 100 * it->criticality);
    html_escape(s, it->why);
    g_string_append(s, "</td><td class=\"src\">");
    char *src = source_line(g, node_quote(g, it->node));
    html_escape(s, src ? src : "");
    g_free(src);
    g_string_append(s, "</td></tr>\n");
  }
  g_string_append(s, "</table>\n<h2 id=\"chains\">Chains</h2>\n<p>Stages run left to right. "
                     "Fill: criticality (white → red). Red outline: chokepoint evidence. "
                     "<b>或</b>: an OR group — any one input suffices. Hover or click a node for "
                     "its document quotes.</p>\n");
  CgRenderStyle style = {b->criticality, NULL};
  gboolean ok = TRUE;
  for (guint c = 0; c < g->chains->len && ok; c++) {
    const CgChainRec *ch = g->chains->pdata[c];
    gsize len;
    guint8 *svg = cg_chain_render(g, c, &style, "svg", &len, error);
    if (!svg) {
      ok = FALSE;
      break;
    }
    g_string_append(s, "<div class=\"chain\" id=\"chain-");
    html_escape(s, ch->id);
    g_string_append(s, "\"><h3>");
    html_escape(s, ch->name);
    g_string_append(s, " <code>");
    html_escape(s, ch->id);
    g_string_append(s, "</code></h3>");
    if (ch->prov.quote) {
      g_string_append(s, "<p class=\"src\">");
      html_escape(s, ch->prov.document >= 0 ? cg_document_key(g, (gsize)ch->prov.document) : "");
      g_string_append(s, " ");
      html_escape(s, ch->prov.section);
      g_string_append(s, ": “");
      html_escape(s, ch->prov.quote);
      g_string_append(s, "”</p>");
    }
    /* Inline the <svg> element without the XML prologue and doctype. */
    const char *start = strstr((const char *)svg, "<svg");
    g_string_append(s, start ? start : (const char *)svg);
    g_string_append(s, "</div>\n");
    g_free(svg);
  }
  g_string_append(s, "<div id=\"evidence\"></div>\n<script>");
  g_string_append(s, script);
  g_string_append(s, "</script>\n</body></html>\n");
  cg_bottlenecks_free(b);
  if (ok) {
    GError *ferr = NULL;
    ok = g_file_set_contents(path, s->str, (gssize)s->len, &ferr);
    if (!ok) {
      g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot write: %s", path, ferr->message);
      g_error_free(ferr);
    }
  }
  g_string_free(s, TRUE);
  return ok;
}

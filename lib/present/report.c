/* The report: the three answers at once — bottlenecks, supply-risk links, complementary
 * regions — in the terminal (80 columns) or as one self-contained HTML page with a diagram
 * per chain, a region × region heatmap and the document evidence behind every line.
 *
 * The analyses run once (report_compute) and both faces are drawn from the same results:
 * cg_report_write() gives the text and the page together. */
#include "present/report-private.h"

#include <stddef.h>
#include <string.h>

/* ---- terminal text ------------------------------------------------------------------- */

/* Appends @text wrapped at @width columns (cg_text_wrap()), the first line starting at
 * column @col. */
void
cg__report_append_wrapped(GString *out, const char *text, guint col, guint width, const char *indent)
{
  char *w = cg_text_wrap(text, col, width, indent);
  g_string_append(out, w);
  g_free(w);
}

/* A why line without its subject when the line above names it already: "铜: losing it …"
 * under the cg__report_heading "铜 (copper)" reads "losing it …". */
const char *
cg__report_without_subject(const char *why, const char *subject)
{
  gsize n = strlen(subject);
  if (why && strncmp(why, subject, n) == 0 && why[n] == ':' && why[n + 1] == ' ')
    return why + n + 2;
  if (why && strncmp(why, subject, n) == 0 && strncmp(why + n, "：", strlen("：")) == 0)
    return why + n + strlen("：");
  return why ? why : "";
}

/* The first statement of an edge that quotes its document, or NULL. */
const CgProvenance *
cg__report_edge_quote(const CgGraph *g, guint32 e)
{
  for (gsize i = 0; i < cg_edge_n_provenance(g, e); i++)
    if (cg_edge_provenance(g, e, i)->quote)
      return cg_edge_provenance(g, e, i);
  return NULL;
}

/* "document section “quote”", the quote cut to @cols columns (0: whole). */
char *
cg__report_cite(const CgGraph *g, const CgProvenance *p, guint cols)
{
  if (!p || !p->quote)
    return NULL;
  char *q = cols ? cg_text_fit(p->quote, cols, FALSE) : g_strdup(p->quote);
  char *s = g_strdup_printf("%s%s%s “%s”",
                            p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
                            p->section ? " " : "", p->section ? p->section : "", q);
  g_free(q);
  return s;
}

/* The source of a link: the statement that gives the edge, else the supplier's quote (the
 * link itself then being an analyst's inference, which is said). */
char *
cg__report_link_source(const CgGraph *g, guint32 e, guint cols)
{
  const CgProvenance *p = cg__report_edge_quote(g, e);
  if (p)
    return cg__report_cite(g, p, cols);
  char *c = cg__report_cite(g, cg__node_quote(g, g->esrc[e]), cols);
  if (!c)
    return NULL;
  char *s = g_strdup_printf(T("%s (the link itself is inferred)"), c);
  g_free(c);
  return s;
}

void
cg__report_heading(GString *s, const char *title, guint width)
{
  g_string_append_c(s, '\n');
  cg__report_append_wrapped(s, title, 0, width, "");
  for (guint i = 0; i + 2 < width && i < 78; i++)
    g_string_append_c(s, '-');
  g_string_append_c(s, '\n');
}

/* ---- the analyses, once ---------------------------------------------------------------- */

static void
report_free(Report *r)
{
  cg_bottlenecks_free(r->b);
  cg_risk_free(r->risk);
  cg_complement_free(r->comp);
  g_free(r->crit_noinf);
  g_free(r->crit_uniform);
  g_free(r->link_noinf);
  g_free(r->link_present);
  cg_complement_free(r->comp_present);
  cg_complement_free(r->comp_noinf);
  cg_graph_free(r->g_present);
  g_free(r);
}

void
cg__report_step(const CgReportOptions *o, const char *fmt, ...)
{
  if (!o->progress)
    return;
  va_list ap;
  va_start(ap, fmt);
  char *s = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  o->progress(s, o->progress_data);
  g_free(s);
}

/* The same answers on the other readings of @g (footing.c): without the inferred statements,
 * at the present horizon, with uniform weights — what the report's last section compares. */
static gboolean
report_readings(const CgGraph *g, const CgReportOptions *o, Report *r, GError **error)
{
  cg__report_step(o, "footing: the answers without inferred statements, at the present "
                     "horizon, with uniform weights");
  CgComplementOptions co;
  cg_complement_options_init(&co, CG_COMPLEMENT_OPTIONS_VERSION);
  co.level = r->comp ? r->comp->level : "province";
  co.top = 0;
  co.progress = o->fraction;
  co.progress_data = o->fraction_data;
  CgGraph *h = cg__footing_reading(g, CG__READ_NO_INFERRED);
  if (h) {
    r->crit_noinf = cg__footing_criticality(g, h);
    r->link_noinf = cg__footing_link_scores(g, h, r->risk);
    r->comp_noinf = cg_complement(h, &co, error);
    cg_graph_free(h);
    if (!r->comp_noinf)
      return FALSE;
  }
  h = cg__footing_reading(g, CG__READ_UNIFORM);
  if (h) {
    r->crit_uniform = cg__footing_criticality(g, h);
    cg_graph_free(h);
  }
  r->g_present = cg__footing_reading(g, CG__READ_PRESENT);
  if (r->g_present) {
    r->link_present = cg__footing_link_scores(g, r->g_present, r->risk);
    r->comp_present = cg_complement(r->g_present, &co, error);
    if (!r->comp_present)
      return FALSE;
  }
  return TRUE;
}

/* Bottlenecks (exact criticality), supply risk (Monte Carlo with @o's samples and seed) and
 * complementarity (every ordered pair at @o's level; by default province, or city when
 * fewer than two provinces). @html: also what only the page shows (where to invest). */
static Report *
report_compute(const CgGraph *g, const CgReportOptions *o, gboolean html, GError **error)
{
  Report *r = g_new0(Report, 1);
  cg__report_step(o, "bottlenecks: the criticality of %u nodes", cg__n(g));
  CgBottleneckOptions bo;
  cg_bottleneck_options_init(&bo, CG_BOTTLENECK_OPTIONS_VERSION);
  bo.top = o->top;
  bo.betweenness = CG_BETWEENNESS_NEVER;
  bo.progress = o->fraction; /* each phase's fraction; FALSE stops the report */
  bo.progress_data = o->fraction_data;
  r->b = cg_bottlenecks(g, &bo, error);
  if (!r->b)
    goto fail;

  cg__report_step(o, "supply risk: Monte Carlo, at most %zu samples", o->samples);
  CgRiskOptions ro;
  cg_risk_options_init(&ro, CG_RISK_OPTIONS_VERSION);
  ro.samples = o->samples; /* never 0: options_or_default() */
  ro.seed = o->seed;
  ro.top = o->top;
  ro.invest = html ? o->top : 0;
  /* each investment is measured on the first samples only: the page shows its interval */
  ro.invest_samples = MIN(ro.samples, 2000);
  ro.progress = o->fraction;
  ro.progress_data = o->fraction_data;
  r->risk = cg_risk(g, &ro, error);
  if (!r->risk)
    goto fail;
  for (gsize v = 0; v < r->risk->n_nodes; v++)
    r->crit_max = MAX(r->crit_max, r->risk->criticality[v]);

  CgComplementOptions co;
  cg_complement_options_init(&co, CG_COMPLEMENT_OPTIONS_VERSION);
  co.level = o->level ? o->level : "province";
  co.top = 0; /* every ordered pair: the heatmap shows them all */
  co.progress = o->fraction;
  co.progress_data = o->fraction_data;
  cg__report_step(o, "complementarity: every pair of regions at level %s", co.level);
  r->comp = cg_complement(g, &co, error);
  if (!r->comp)
    goto fail;
  if (!o->level && r->comp->n_regions < 2) {
    co.level = "city";
    cg__report_step(o, "complementarity: every pair of regions at level %s", co.level);
    CgComplement *c2 = cg_complement(g, &co, error);
    if (!c2)
      goto fail;
    if (c2->n_regions >= 2) {
      cg_complement_free(r->comp);
      r->comp = c2;
      r->fell_back = TRUE;
    } else {
      cg_complement_free(c2);
    }
  }
  if (!report_readings(g, o, r, error))
    goto fail;
  return r;
fail:
  report_free(r);
  return NULL;
}

/* ---- the API ------------------------------------------------------------------------- */

/**
 * cg_report_options_init:
 * @options: (out caller-allocates): the options to fill
 * @version: %CG_REPORT_OPTIONS_VERSION
 *
 * Fills @options with the defaults: 10 rows per section, 10,000 Monte Carlo samples, seed
 * 1, 80 columns, the level chosen by the data (province, or city), no progress callback,
 * the language from the environment, no CSV, the page's chains chosen by size.
 *
 * Returns: 0, or -1 (with a critical warning, @options untouched) for a @version this
 *   library does not know. Thread-safe; O(1).
 */
int
cg_report_options_init(CgReportOptions *o, unsigned int version)
{
  g_return_val_if_fail(o != NULL, -1);
  if (version < 1 || version > CG_REPORT_OPTIONS_VERSION) {
    g_critical("cg_report_options_init: unknown options version %u (this library, %s, knows "
               "1 to %u): the caller was compiled against other headers",
               version, CG_VERSION_STRING, CG_REPORT_OPTIONS_VERSION);
    return -1;
  }
  CgReportOptions d = {
      .version = version,
      .top = 10,
      .samples = 10000,
      .seed = 1,
      .width = 80,
      .level = NULL,
      .progress = NULL,
      .progress_data = NULL,
      .lang = NULL,
      .csv_dir = NULL,
      .html_chains = NULL,
      .fraction = NULL,
      .fraction_data = NULL,
  };
  /* an older caller's struct ends before lang (version 1) or fraction (2): write only what
   * it has */
  memcpy(o, &d, version >= 3 ? sizeof d
                : version == 2 ? offsetof(CgReportOptions, fraction)
                               : offsetof(CgReportOptions, lang));
  return 0;
}

/* The caller's options (or the defaults for NULL), with 0 for top, samples and width read as
 * the defaults; FALSE with @error set for an unknown version, language or a width below 40. */
static gboolean
options_or_default(const CgReportOptions *options, CgReportOptions *o, GError **error)
{
  CgReportOptions d;
  cg_report_options_init(&d, CG_REPORT_OPTIONS_VERSION);
  if (options &&
      !cg__options_version_ok("cg_report_options_init", options->version,
                              CG_REPORT_OPTIONS_VERSION, error))
    return FALSE;
  *o = d;
  if (options && options->version >= 3)
    *o = *options;
  else if (options) /* an older caller's struct ends before fraction (2) or lang (1) */
    memcpy(o, options, options->version == 2 ? offsetof(CgReportOptions, fraction)
                                             : offsetof(CgReportOptions, lang));
  if (o->lang && strcmp(o->lang, "zh") && strcmp(o->lang, "en")) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE, "unknown report language '%s' (expected zh or en)",
                o->lang);
    return FALSE;
  }
  if (o->width && o->width < 40) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "report width must be at least 40 columns (0: the default), not %u", o->width);
    return FALSE;
  }
  if (!o->width)
    o->width = d.width;
  if (!o->top)
    o->top = d.top;
  if (!o->samples)
    o->samples = d.samples;
  return TRUE;
}

/**
 * cg_report_write:
 * @graph: a loaded graph
 * @options: (nullable): %NULL for the defaults of cg_report_options_init(); an unknown
 *   @options->version fails with %CG_ERROR_USAGE
 * @text: (out) (optional) (transfer full): the terminal report; free with cg_free()
 * @html_path: (nullable): also write the HTML page here
 * @error: return location for a #GError
 *
 * Runs the analyses once and writes the report in either or both forms (see
 * cg_report_text() and cg_report_html()). @options->progress, when set, is called as each
 * step starts. @options->lang chooses the language of the text and the page's first one;
 * @options->csv_dir also writes the page's tables as CSV files (bottlenecks.csv,
 * risk-links.csv, risk-invest.csv, pairs.csv, regions.csv, gaps.csv, partners.csv), even
 * without @html_path.
 * Returns: %FALSE with @error set when an analysis fails (e.g. %CG_ERROR_USAGE for an
 *   unknown @options->level) or the page cannot be written; @text is then untouched.
 * Complexity: cg_bottlenecks() + cg_risk() (O((V + E) · samples / 64) for the Monte
 *   Carlo) + cg_complement() at one level (two when it falls back to city); the page adds
 *   one cg_region_view_to_json_at() per shown region (at most 40), one cg_risk_link_why()
 *   (O(V)) per chain edge and one Graphviz layout per chain.
 */
gboolean
cg_report_write(const CgGraph *g, const CgReportOptions *options, char **text,
                const char *html_path, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, FALSE);
  g_return_val_if_fail(error == NULL || *error == NULL, FALSE);
  CgReportOptions o;
  if (!options_or_default(options, &o, error))
    return FALSE;
  CgLang lang = CG_LANG_EN;
  if (!o.lang || !cg__lang_parse(o.lang, &lang))
    lang = cg__lang_from_env();
  /* the analyses write their why sentences in the report's language */
  CgLang before = cg__lang_set(lang);
  Report *R = report_compute(g, &o, html_path != NULL || o.csv_dir != NULL, error);
  gboolean ok = R != NULL;
  if (ok && (html_path || o.csv_dir))
    ok = cg__report_report_html(g, &o, R, html_path, error);
  if (ok && text)
    *text = cg__report_report_text(g, &o, R);
  if (R)
    report_free(R);
  cg__lang_set(before);
  return ok;
}

/**
 * cg_report_text:
 * @graph: a finished graph
 * @options: (nullable): %NULL for the defaults of cg_report_options_init(); an unknown
 *   @options->version fails with %CG_ERROR_USAGE
 * @error: return location for a #GError, or %NULL
 *
 * The terminal report, the three answers at once: the graph per document; the top
 * bottlenecks (criticality, why, source quote); the expected loss from supply risk with its
 * 95% interval and the riskiest supplier → consumer links (score, why, source); the most
 * complementary region pairs at @options->level (province by default, city when there are
 * fewer than two provinces), each with its why citing the claim behind it. @options->top
 * rows per section; lines wrapped at @options->width display columns (CJK characters
 * count two).
 * Returns: (transfer full) (nullable): the text; free with cg_free(). %NULL with @error set
 *   when an analysis fails.
 * Complexity: that of cg_report_write() without the page.
 */
char *
cg_report_text(const CgGraph *g, const CgReportOptions *options, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  char *text = NULL;
  if (!cg_report_write(g, options, &text, NULL, error))
    return NULL;
  return text;
}

/**
 * cg_report_html:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @options: (nullable): %NULL for the defaults (cg_report_options_init())
 * @path: the HTML file to write
 * @error: return location for a #GError, or %NULL
 *
 * One self-contained page (inline CSS, JavaScript and SVG; no network access needed to view
 * it): key figures; the bottleneck table; the supply-risk section (expected loss with its
 * interval, the riskiest links with why and source, where to invest); a region × region
 * complementarity heatmap (one cell per ordered pair, coloured by score, hover for the
 * pair's why and linking edges) with the best pairs; each region's gaps and partners; and a
 * Graphviz diagram per chain (stages left to right, nodes filled by criticality, risky links
 * heavier and redder, OR groups through junctions). Hovering a product, link or cell shows
 * its document quotes; clicking pins them.
 * Returns: %FALSE with @error set on failure.
 * Complexity: that of cg_report_write().
 */
gboolean
cg_report_html(const CgGraph *g, const CgReportOptions *options, const char *path, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && path != NULL, FALSE);
  return cg_report_write(g, options, NULL, path, error);
}

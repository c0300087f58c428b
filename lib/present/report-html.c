/* The report as one self-contained HTML page: cards, tables, a diagram per chain, the
 * region heatmap and region cards, the evidence on hover. The page's style and script are
 * report.css and report.js, compiled in as a GResource (report.gresource.xml). */
#include "present/report-private.h"
#include "present/cg-report-resources.h"

#include <string.h>

/* The heatmap shows at most this many regions (H·(H−1) cells), the page at most this many
 * region cards; beyond, the regions with the best pairs are kept. */
#define HEAT_MAX 60
#define CARDS_MAX 40

static void
esc(GString *s, const char *text)
{
  char *e = g_markup_escape_text(text ? text : "", -1);
  g_string_append(s, e);
  g_free(e);
}

/* ` data-ev="…"`: hovering shows @text, clicking pins it in the evidence panel. */
static void
attr_ev(GString *s, const char *text)
{
  if (!text || !*text)
    return;
  g_string_append(s, " data-ev=\"");
  esc(s, text);
  g_string_append(s, "\"");
}

static void
node_cell(GString *s, const CgGraph *g, guint32 v)
{
  char *ev = cg__render_node_evidence(g, v);
  g_string_append(s, "<td class=\"node\"");
  attr_ev(s, ev);
  g_string_append(s, ">");
  esc(s, cg_node_label(g, v));
  if (strcmp(cg_node_label(g, v), cg_node_id(g, v))) {
    g_string_append(s, " <code>");
    esc(s, cg_node_id(g, v));
    g_string_append(s, "</code>");
  }
  g_string_append(s, "</td>");
  g_free(ev);
}

/* A link's evidence: the reason, the statements that give the edge, the supplier's quotes. */
static char *
link_evidence(const CgGraph *g, guint32 e, const char *why)
{
  GString *t = g_string_new(why ? why : "");
  for (gsize i = 0; i < cg_edge_n_provenance(g, e) && i < 3; i++) {
    const CgProvenance *p = cg_edge_provenance(g, e, i);
    if (p->quote) {
      char *c = cg__report_cite(g, p, 0);
      g_string_append_printf(t, "\nlink: %s", c);
      g_free(c);
    } else if (p->inferred) {
      g_string_append_printf(t, "\nlink inferred: %s", p->inferred);
    }
  }
  char *ev = cg__render_node_evidence(g, g->esrc[e]);
  g_string_append_printf(t, "\n\nsupplier: %s", ev);
  g_free(ev);
  return g_string_free(t, FALSE);
}

/* Complementarity cell colours: white → blue, by √score. */
static void
blue(GString *s, double x)
{
  x = sqrt(CLAMP(isnan(x) ? 0 : x, 0, 1));
  int r = (int)(247 - 239 * x), gr = (int)(251 - 170 * x), b = (int)(255 - 100 * x);
  g_string_append_printf(s, "background:#%02x%02x%02x;color:%s", r, gr, b,
                         x > 0.55 ? "#fff" : x > 0 ? "#111" : "#b8b8b8");
}

/* The page's style or script: report.css or report.js from the library's GResource, with
 * the line breaks taken out. The files hold one rule or statement per line for reading;
 * the page has them on one line, as it always had (so a line must end where a rule or
 * statement may: after ; { } or a comma). */
static void
append_asset(GString *s, const char *name)
{
  char *path = g_strconcat("/org/chaingraph/report/", name, NULL);
  GBytes *b = g_resource_lookup_data(cg_report_get_resource(), path,
                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_free(path);
  g_assert(b != NULL); /* compiled in: missing only if the build is broken */
  gsize len;
  const char *d = g_bytes_get_data(b, &len);
  for (gsize i = 0; i < len; i++)
    if (d[i] != '\n')
      g_string_append_c(s, d[i]);
  g_bytes_unref(b);
}

static void
html_cards(GString *s, const CgGraph *g, const Report *R)
{
  g_string_append(s, "<div class=\"cards\">");
  /* The top bottleneck. */
  g_string_append(s, "<a class=\"card\" href=\"#bottlenecks\" style=\"color:inherit;text-decoration:none\">"
                     "<div class=\"k\">Top bottleneck</div>");
  if (R->b->n_items) {
    const CgBottleneck *it = &R->b->items[0];
    g_string_append(s, "<div class=\"v\">");
    esc(s, cg_node_label(g, it->node));
    g_string_append_printf(s, " %.1f%%</div><div class=\"d\">of application weight is lost with it "
                              "(%zu application%s)</div>",
                           100 * it->criticality, it->n_lost_applications,
                           it->n_lost_applications == 1 ? "" : "s");
  } else {
    g_string_append(s, "<div class=\"v\">none</div>");
  }
  g_string_append(s, "</a>");
  /* Expected loss. */
  const CgRisk *r = R->risk;
  g_string_append(s, "<a class=\"card\" href=\"#risk\" style=\"color:inherit;text-decoration:none\">"
                     "<div class=\"k\">Expected loss from supply risk</div>");
  double tw = r->total_weight > 0 ? r->total_weight : 1;
  g_string_append_printf(s, "<div class=\"v\">%.1f%%</div><div class=\"d\">", 100 * r->expected_loss / tw);
  if (strcmp(r->method, "exact"))
    g_string_append_printf(s, "95%% CI %.1f–%.1f%% of application weight, %zu Monte Carlo samples",
                           100 * r->ci95[0] / tw, 100 * r->ci95[1] / tw, r->samples);
  else
    g_string_append_printf(s, "of application weight, exact over %zu states", r->states);
  g_string_append(s, "</div></a>");
  /* Best pair. */
  g_string_append(s, "<a class=\"card\" href=\"#complement\" style=\"color:inherit;text-decoration:none\">"
                     "<div class=\"k\">Most complementary regions</div>");
  const CgComplement *c = R->comp;
  if (c && c->n_pairs && c->pairs[0].score > 0) {
    const CgComplementPair *p = &c->pairs[0];
    g_string_append(s, "<div class=\"v\">");
    esc(s, cg_complement_region_name(g, c, p->from));
    g_string_append(s, " → ");
    esc(s, cg_complement_region_name(g, c, p->to));
    g_string_append_printf(s, " %.0f%%</div><div class=\"d\">of the receiver's gap weight filled "
                              "(%u of its gaps, level %s)</div>",
                           100 * p->score, p->n_filled, c->level);
  } else {
    g_string_append(s, "<div class=\"v\">—</div><div class=\"d\">fewer than two regions to compare</div>");
  }
  g_string_append(s, "</a></div>\n");
}

static void
html_bottlenecks(GString *s, const CgGraph *g, const Report *R)
{
  const CgBottlenecks *b = R->b;
  g_string_append(s, "<h2 id=\"bottlenecks\">Bottlenecks</h2>\n<p class=\"lead\">Criticality: the share "
                     "of application weight that can no longer be made when the product alone is "
                     "lost (");
  esc(s, b->exact ? "exact" : "estimated");
  g_string_append(s, ", ");
  esc(s, b->method);
  g_string_append(s, "). Hover a product for its document quotes; click to keep them.</p>\n"
                     "<table id=\"bottleneck-table\"><tr><th>#</th><th>product</th><th>criticality</th>"
                     "<th>why</th><th>source</th></tr>\n");
  double top = b->n_items ? b->items[0].criticality : 1;
  for (gsize i = 0; i < b->n_items; i++) {
    const CgBottleneck *it = &b->items[i];
    g_string_append_printf(s, "<tr><td class=\"num\">%zu</td>", i + 1);
    node_cell(s, g, it->node);
    g_string_append_printf(s, "<td class=\"num\"><span class=\"bar\" style=\"width:%.0fpx\"></span>%.1f%%</td>"
                              "<td class=\"why\">",
                           top > 0 ? 60 * it->criticality / top : 0, 100 * it->criticality);
    esc(s, cg__report_without_subject(it->why, cg_node_label(g, it->node)));
    g_string_append(s, "</td><td class=\"src\">");
    char *src = cg__report_cite(g, cg__node_quote(g, it->node), 0);
    esc(s, src);
    g_free(src);
    g_string_append(s, "</td></tr>\n");
  }
  g_string_append(s, "</table>\n");
}

static void
html_risk(GString *s, const CgGraph *g, const Report *R, const CgReportOptions *o)
{
  const CgRisk *r = R->risk;
  g_string_append(s, "<h2 id=\"risk\">Supply risk</h2>\n<p class=\"lead\">");
  GString *line = g_string_new(NULL);
  cg__report_expected_loss_line(line, r);
  esc(s, line->str);
  g_string_free(line, TRUE);
  g_string_append(s, ". Every node has a failure probability from its document evidence "
                     "(concentration of its producing regions, chokepoint and import evidence, "
                     "substitutes, recycling; docs/risk-model.md). A link's score is P(supplier "
                     "fails) × the consumer's dependence on it (1 for a sole input, 1/k among k "
                     "alternatives) × the consumer's criticality; <i>share</i> is how often a "
                     "sampled failure reached an application through the link.</p>\n"
                     "<table id=\"risk-links\"><tr><th>#</th><th>supplier → consumer</th><th>score</th>"
                     "<th>P(fails)</th><th>dependence</th><th>criticality</th><th>share</th>"
                     "<th>why</th><th>source</th></tr>\n");
  for (gsize i = 0; i < r->n_links && i < o->top; i++) {
    const CgRiskLink *l = &r->links[i];
    if (l->score <= 0)
      break;
    char *subject = g_strdup_printf("%s → %s", cg_node_label(g, l->source), cg_node_label(g, l->target));
    char *ev = link_evidence(g, l->edge, l->why);
    g_string_append_printf(s, "<tr class=\"link\"><td class=\"num\">%zu</td><td class=\"node\"", i + 1);
    attr_ev(s, ev);
    g_string_append(s, ">");
    esc(s, subject);
    g_string_append_printf(s, "</td><td class=\"num\">%.4f</td><td class=\"num\">%.3f</td>"
                              "<td class=\"num\">%s%.2g</td><td class=\"num\">%.1f%%</td>"
                              "<td class=\"num\">%.1f%%</td><td class=\"why\">",
                           l->score, l->probability, l->alternatives > 1 ? "1/" : "",
                           l->alternatives > 1 ? (double)l->alternatives : l->dependence,
                           100 * l->criticality, 100 * l->criticality_share);
    esc(s, cg__report_without_subject(l->why, subject));
    g_string_append(s, "</td><td class=\"src\">");
    char *src = cg__report_link_source(g, l->edge, 0);
    esc(s, src);
    g_free(src);
    g_string_append(s, "</td></tr>\n");
    g_free(ev);
    g_free(subject);
  }
  g_string_append(s, "</table>\n");
  if (r->n_invest) {
    g_string_append(s, "<h3>Where to invest</h3><p class=\"lead\">Securing the node (its failure "
                       "probability set to 0) lowers the expected loss by:</p>\n"
                       "<table id=\"risk-invest\"><tr><th>#</th><th>node</th><th>P(fails)</th>"
                       "<th>reduction</th><th>why</th></tr>\n");
    for (gsize i = 0; i < r->n_invest; i++) {
      const CgRiskInvestment *it = &r->invest[i];
      g_string_append_printf(s, "<tr><td class=\"num\">%zu</td>", i + 1);
      node_cell(s, g, it->node);
      g_string_append_printf(s, "<td class=\"num\">%.3f</td><td class=\"num\">%.3g", it->probability,
                             it->reduction);
      if (it->ci95[0] != it->ci95[1])
        g_string_append_printf(s, " <span class=\"src\">(%.3g–%.3g)</span>", it->ci95[0], it->ci95[1]);
      g_string_append(s, "</td><td class=\"why\">");
      esc(s, cg__report_without_subject(it->why, cg_node_label(g, it->node)));
      g_string_append(s, "</td></tr>\n");
    }
    g_string_append(s, "</table>\n");
  }
}

/* The regions the heatmap and the cards show, in the order shown: every region when they
 * are at most @max; else the @max with the best pair (as supplier or receiver), best first,
 * then by name. Indices into @c->regions. */
static GArray *
shown_regions(const CgGraph *g, const CgComplement *c, gsize max)
{
  GArray *out = g_array_new(FALSE, FALSE, sizeof(guint32));
  if (c->n_regions <= max) {
    for (guint32 i = 0; i < c->n_regions; i++)
      g_array_append_val(out, i);
    return out;
  }
  /* pairs are sorted best first: the first appearance of a region is its best pair */
  guint8 *seen = g_new0(guint8, c->n_regions);
  for (gsize i = 0; i < c->n_pairs && out->len < max; i++) {
    guint32 ab[2] = {c->pairs[i].from, c->pairs[i].to};
    for (int k = 0; k < 2 && out->len < max; k++)
      if (!seen[ab[k]]) {
        seen[ab[k]] = 1;
        g_array_append_val(out, ab[k]);
      }
  }
  g_free(seen);
  (void)g;
  return out;
}

static char *
pair_evidence(const CgGraph *g, const CgComplement *c, gsize i)
{
  const CgComplementPair *p = &c->pairs[i];
  GString *t = g_string_new(NULL);
  char *sc = cg_text_percent(p->score), *sy = cg_text_percent(p->symmetric), *ov = cg_text_percent(p->overlap);
  g_string_append_printf(t, "%s → %s: score %s (both ways %s), overlap %s, TCI %.1f\n",
                         cg_complement_region_name(g, c, p->from),
                         cg_complement_region_name(g, c, p->to), sc, sy, ov, p->tci);
  g_free(sc);
  g_free(sy);
  g_free(ov);
  char *why = cg_complement_pair_why(g, c, i);
  g_string_append(t, why);
  cg_free(why);
  if (p->n_links) {
    g_string_append_printf(t, "\n\nlinking edges (%u):", p->n_links);
    for (guint k = 0; k < p->n_links && k < 12; k++) {
      guint32 e = p->links[k];
      g_string_append_printf(t, "\n  %s → %s", cg_node_label(g, g->esrc[e]),
                             cg_node_label(g, cg__edge_dst(g, e)));
    }
    if (p->n_links > 12)
      g_string_append_printf(t, "\n  … and %u more", p->n_links - 12);
  }
  return g_string_free(t, FALSE);
}

/* The heatmap's cells: cell[i·n + j] = 1 + the index of the pair (row i supplies column
 * j) among the @shown regions, 0 where there is none. */
static gsize *
cell_matrix(const CgComplement *c, const GArray *shown)
{
  gsize n = shown->len;
  gsize n_cells = n * n;
  gsize *cell = g_new0(gsize, n_cells ? n_cells : 1);
  gssize *pos = g_new(gssize, c->n_regions);
  for (gsize i = 0; i < c->n_regions; i++)
    pos[i] = -1;
  for (gsize i = 0; i < n; i++)
    pos[g_array_index(shown, guint32, i)] = (gssize)i;
  for (gsize i = 0; i < c->n_pairs; i++) {
    gssize a = pos[c->pairs[i].from], b = pos[c->pairs[i].to];
    if (a >= 0 && b >= 0)
      cell[(gsize)a * n + (gsize)b] = i + 1;
  }
  g_free(pos);
  return cell;
}

/* The region × region table of scores, coloured, each cell with the pair's evidence. */
static void
emit_heat_table(GString *s, const CgGraph *g, const CgComplement *c, const GArray *shown,
                const gsize *cell)
{
  gsize n = shown->len;
  g_string_append_printf(s, "<div style=\"overflow-x:auto\"><table class=\"heat%s\" id=\"heatmap\" "
                            "data-level=\"%s\" data-regions=\"%zu\" data-shown=\"%zu\">\n"
                            "<tr><th class=\"corner\">supplier ↓ receiver →</th>",
                         n > 12 ? " many" : " few", c->level, c->n_regions, n);
  for (gsize j = 0; j < n; j++) {
    g_string_append(s, "<th class=\"col\">");
    esc(s, cg_complement_region_name(g, c, g_array_index(shown, guint32, j)));
    g_string_append(s, "</th>");
  }
  g_string_append(s, "</tr>\n");
  for (gsize i = 0; i < n; i++) {
    g_string_append(s, "<tr><th class=\"row\">");
    esc(s, cg_complement_region_name(g, c, g_array_index(shown, guint32, i)));
    g_string_append(s, "</th>");
    for (gsize j = 0; j < n; j++) {
      if (i == j) {
        g_string_append(s, "<td class=\"self\">·</td>");
        continue;
      }
      gsize k = cell[i * n + j];
      if (!k) { /* cannot happen: every ordered pair is listed */
        g_string_append(s, "<td class=\"pair\"></td>");
        continue;
      }
      const CgComplementPair *p = &c->pairs[k - 1];
      char *ev = pair_evidence(g, c, k - 1);
      g_string_append(s, "<td class=\"pair\" style=\"");
      blue(s, p->score);
      g_string_append(s, "\"");
      attr_ev(s, ev);
      g_string_append_printf(s, ">%.0f</td>", 100 * p->score);
      g_free(ev);
    }
    g_string_append(s, "</tr>\n");
  }
  g_string_append(s, "</table></div>\n<div class=\"heatscale\">cell: score in % — 0<span "
                     "class=\"g\"></span>100 (colour by √score)</div>\n");
}

/* The best pairs, as in the terminal. */
static void
emit_best_pairs(GString *s, const CgGraph *g, const CgComplement *c, const CgReportOptions *o)
{
  g_string_append(s, "<h3>Best pairs</h3>\n<table id=\"pairs\"><tr><th>#</th><th>supplier → receiver</th>"
                     "<th>score</th><th>both ways</th><th>overlap</th><th>TCI</th><th>links</th>"
                     "<th>why</th></tr>\n");
  for (gsize i = 0; i < c->n_pairs && i < o->top; i++) {
    const CgComplementPair *p = &c->pairs[i];
    if (p->score <= 0)
      break;
    char *subject = g_strdup_printf("%s → %s", cg_complement_region_name(g, c, p->from),
                                    cg_complement_region_name(g, c, p->to));
    char *ev = pair_evidence(g, c, i), *why = cg_complement_pair_why(g, c, i);
    char *sc = cg_text_percent(p->score), *sy = cg_text_percent(p->symmetric), *ov = cg_text_percent(p->overlap);
    g_string_append_printf(s, "<tr><td class=\"num\">%zu</td><td class=\"node\"", i + 1);
    attr_ev(s, ev);
    g_string_append(s, ">");
    esc(s, subject);
    g_string_append_printf(s, "</td><td class=\"num\">%s</td><td class=\"num\">%s</td>"
                              "<td class=\"num\">%s</td><td class=\"num\">%.1f</td>"
                              "<td class=\"num\">%u</td><td class=\"why\">",
                           sc, sy, ov, p->tci, p->n_links);
    esc(s, cg__report_without_subject(why, subject));
    g_string_append(s, "</td></tr>\n");
    g_free(sc);
    g_free(sy);
    g_free(ov);
    cg_free(why);
    g_free(ev);
    g_free(subject);
  }
  g_string_append(s, "</table>\n");
}

static void
html_heatmap(GString *s, const CgGraph *g, const Report *R, const CgReportOptions *o)
{
  const CgComplement *c = R->comp;
  g_string_append(s, "<h2 id=\"complement\">Complementary regions</h2>\n<p class=\"lead\">");
  if (!c || c->n_regions < 2) {
    g_string_append(s, "Fewer than two regions at province or city level: nothing to compare.</p>\n"
                       "<table class=\"heat\" id=\"heatmap\" data-level=\"");
    esc(s, c ? c->level : "province");
    g_string_append_printf(s, "\" data-regions=\"%zu\" data-shown=\"0\"></table>\n", c ? c->n_regions : 0);
    return;
  }
  GArray *shown = shown_regions(g, c, HEAT_MAX);
  gsize n = shown->len;
  g_string_append_printf(s, "Level <b>%s</b>%s: %zu regions, %zu ordered pairs. Row <i>A</i>, "
                            "column <i>B</i>: the share of B's gap weight that A fills (a region's "
                            "gaps are the inputs of what it makes that it does not make; each gap "
                            "weighs its criticality, docs/complementarity.md). Hover a cell for "
                            "the pair's reason and linking edges; click to keep it.",
                         c->level, R->fell_back ? " (fewer than two provinces)" : "", c->n_regions,
                         c->n_ordered_pairs);
  if (n < c->n_regions)
    g_string_append_printf(s, " The %zu regions with the best pairs are shown.", n);
  g_string_append(s, "</p>\n");
  gsize *cell = cell_matrix(c, shown);
  emit_heat_table(s, g, c, shown, cell);
  g_free(cell);
  g_array_unref(shown);
  emit_best_pairs(s, g, c, o);
}

/* ---- region cards: gaps and partners ---------------------------------------------------- */

/* What one region card shows. The gap weights are those cg_complement() computed (the same
 * definition as cg_region_gaps() with criticality weighting, without recomputing
 * criticality per region); cg_region_gaps() with uniform weights gives each gap's consumers
 * and producers. */
typedef struct {
  guint32 ri;           /* index into the complement result's regions */
  CgRegionGaps *gaps;   /* uniform weighting: the lists */
  double *weight;       /* per gap of @gaps: its criticality weight */
  guint32 *order;       /* gaps by weight descending, then id */
  CgPartners *partners;
  char **partner_why;
  GError *error;
} Card;

typedef struct {
  const CgGraph *g;
  const CgComplement *c;
  Card *cards;
  guint n_cards;
  gsize steps;
  gint next;
} CardWork;

/* Weight descending, then position (the uniform gaps come sorted by id). */
static int
cmp_gap_order(gconstpointer a, gconstpointer b, gpointer data)
{
  const double *w = data;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  double wx = isnan(w[x]) ? -1 : w[x], wy = isnan(w[y]) ? -1 : w[y];
  if (wx != wy)
    return wx > wy ? -1 : 1;
  return x < y ? -1 : x > y;
}

static void
card_compute(const CgGraph *g, const CgComplement *c, Card *k, gsize steps)
{
  guint32 region = c->regions[k->ri].region;
  const char *id = cg_region_id(g, region);
  k->gaps = cg_region_gaps(g, id, CG_GAP_WEIGHT_UNIFORM, &k->error);
  if (!k->gaps)
    return;
  /* weights from the complement result: its gaps are ascending node indices */
  const CgComplementRegion *cr = &c->regions[k->ri];
  gsize n = k->gaps->n_gaps;
  k->weight = g_new(double, n ? n : 1);
  k->order = g_new(guint32, n ? n : 1);
  for (gsize i = 0; i < n; i++) {
    guint32 u = k->gaps->gaps[i].node;
    gssize at = cg__bsearch_u32(cr->gaps, cr->n_gaps, u);
    k->weight[i] = at >= 0 ? cr->gap_weights[at] : NAN;
    k->order[i] = (guint32)i;
  }
  g_qsort_with_data(k->order, (gint)n, sizeof(guint32), cmp_gap_order, k->weight);
  k->partners = cg_region_partners(g, id, c->level, steps, &k->error);
  if (!k->partners)
    return;
  k->partner_why = g_new0(char *, k->partners->n_steps + 1);
  for (gsize i = 0; i < k->partners->n_steps; i++)
    k->partner_why[i] = cg_partners_step_why(g, k->partners, i);
}

static gpointer
card_worker(gpointer data)
{
  CardWork *w = data;
  for (;;) {
    gint i = g_atomic_int_add(&w->next, 1);
    if (i >= (gint)w->n_cards)
      break;
    card_compute(w->g, w->c, &w->cards[i], w->steps);
  }
  return NULL;
}

static void
card_clear(Card *k)
{
  cg_region_gaps_free(k->gaps);
  g_free(k->weight);
  g_free(k->order);
  for (gsize i = 0; k->partners && i < k->partners->n_steps; i++)
    cg_free(k->partner_why[i]);
  g_free(k->partner_why);
  cg_partners_free(k->partners);
  g_clear_error(&k->error);
}

/* A gap's evidence: the node's quotes and the claims of the regions that make it. */
static char *
gap_evidence(const CgGraph *g, const CgGap *gp)
{
  char *ev = cg__render_node_evidence(g, gp->node);
  GString *t = g_string_new(ev);
  g_free(ev);
  for (gsize k = 0; k < gp->n_producers && k < 4; k++) {
    guint32 r = gp->producers[k];
    for (gsize i = 0; i < cg_region_n_claims(g, r); i++) {
      const CgProvenance *p = NULL;
      if (cg_region_claim(g, r, i, NULL, NULL, &p) != gp->node)
        continue;
      char *cst = p ? cg__report_cite(g, p, 0) : NULL;
      if (cst)
        g_string_append_printf(t, "\nmade by %s: %s", cg_region_name(g, r), cst);
      else if (p && p->inferred)
        g_string_append_printf(t, "\nmade by %s: inferred: %s", cg_region_name(g, r), p->inferred);
      else
        g_string_append_printf(t, "\nmade by %s", cg_region_name(g, r));
      g_free(cst);
      break;
    }
  }
  return g_string_free(t, FALSE);
}

/* A partner step's why without "X raises completion from a to b (+c): ", which the
 * table's columns show. */
static const char *
partner_reason(const char *why)
{
  if (!why)
    return "";
  const char *r = strstr(why, " raises completion from ");
  const char *end = r ? strstr(r, "): ") : NULL;
  return end && (end - why) < 120 ? end + 3 : why;
}

static void
html_card(GString *s, const CgGraph *g, const CgComplement *c, const Card *k, gsize top)
{
  guint32 region = c->regions[k->ri].region;
  const CgRegionGaps *gs = k->gaps;
  char *comp = cg_text_percent(k->partners->completion);
  g_string_append(s, "<div class=\"region\" data-region=\"");
  esc(s, cg_region_name(g, region));
  g_string_append(s, "\"><h3>");
  esc(s, cg_region_name(g, region));
  g_string_append_printf(s, " <span class=\"meta\">%s · %zu capabilities · %zu gap%s · completion "
                            "alone %s</span></h3>\n",
                         cg_level_to_string(cg_region_level(g, region)), gs->n_capabilities,
                         gs->n_gaps, gs->n_gaps == 1 ? "" : "s", comp);
  g_free(comp);
  g_string_append(s, "<h4>Gaps: inputs of its products it does not make, heaviest first</h4>\n");
  if (!gs->n_gaps) {
    g_string_append(s, "<p class=\"src\">none: it makes every input of what it makes</p>\n");
  } else {
    g_string_append(s, "<table class=\"gaps\"><tr><th>gap</th><th>weight</th><th>needed by</th>"
                       "<th>made by</th></tr>\n");
    for (gsize i = 0; i < gs->n_gaps && i < top; i++) {
      const CgGap *gp = &gs->gaps[k->order[i]];
      char *ev = gap_evidence(g, gp);
      g_string_append(s, "<tr class=\"gap\"><td class=\"node\"");
      attr_ev(s, ev);
      g_string_append(s, ">");
      esc(s, cg_node_label(g, gp->node));
      g_string_append_printf(s, "</td><td class=\"num\">%.3f</td><td>", k->weight[k->order[i]]);
      GString *t = g_string_new(NULL);
      for (gsize j = 0; j < gp->n_consumers && j < 4; j++)
        g_string_append_printf(t, "%s%s", j ? "、" : "", cg_node_label(g, gp->consumers[j]));
      if (gp->n_consumers > 4)
        g_string_append_printf(t, " … (%zu)", gp->n_consumers);
      esc(s, t->str);
      g_string_truncate(t, 0);
      g_string_append(s, "</td><td>");
      for (gsize j = 0; j < gp->n_producers && j < 5; j++)
        g_string_append_printf(t, "%s%s", j ? "、" : "", cg_region_name(g, gp->producers[j]));
      if (gp->n_producers > 5)
        g_string_append_printf(t, " … (%zu)", gp->n_producers);
      esc(s, t->len ? t->str : "no other region");
      g_string_append(s, "</td></tr>\n");
      g_string_free(t, TRUE);
      g_free(ev);
    }
    g_string_append(s, "</table>\n");
    if (gs->n_gaps > top) {
      g_string_append_printf(s, "<p class=\"src\">… %zu more: <code>chaingraph complement --region ",
                             gs->n_gaps - top);
      esc(s, cg_region_id(g, region));
      g_string_append(s, "</code></p>\n");
    }
  }
  g_string_append(s, "<h4>Partners: each step adds the region that raises completion most</h4>\n");
  const CgPartners *pt = k->partners;
  if (!pt->n_steps) {
    g_string_append(s, "<p class=\"src\">none at this level adds anything it can use</p>\n");
  } else {
    g_string_append(s, "<table class=\"partners\"><tr><th>#</th><th>partner</th><th>gain</th>"
                       "<th>completion</th><th>why</th></tr>\n");
    for (gsize i = 0; i < pt->n_steps; i++) {
      const CgPartnerStep *st = &pt->steps[i];
      char *gain = cg_text_percent(st->gain), *cp = cg_text_percent(st->completion);
      g_string_append_printf(s, "<tr class=\"partner\"><td class=\"num\">%zu</td><td class=\"node\"",
                             i + 1);
      attr_ev(s, k->partner_why[i]);
      g_string_append(s, ">");
      esc(s, cg_region_name(g, st->region));
      g_string_append_printf(s, "</td><td class=\"num\">+%s</td><td class=\"num\">%s</td>"
                                "<td class=\"why\">",
                             gain, cp);
      esc(s, partner_reason(k->partner_why[i]));
      g_string_append(s, "</td></tr>\n");
      g_free(gain);
      g_free(cp);
    }
    g_string_append(s, "</table>\n");
  }
  g_string_append(s, "</div>\n");
}

static gboolean
html_regions(GString *s, const CgGraph *g, const Report *R, const CgReportOptions *o, GError **error)
{
  const CgComplement *c = R->comp;
  if (!c || c->n_regions < 2) {
    g_string_append(s, "<h2 id=\"regions\">Regions: gaps and partners</h2>\n<p class=\"lead\">"
                       "Fewer than two regions to compare.</p>\n");
    return TRUE;
  }
  GArray *shown = shown_regions(g, c, CARDS_MAX);
  cg__report_step(o, "regions: gaps and partners of %u regions", shown->len);
  /* One card per region, computed on every core, written in order. */
  CardWork w = {g, c, g_new0(Card, shown->len ? shown->len : 1), shown->len, MIN(o->top, 5), 0};
  for (guint i = 0; i < shown->len; i++)
    w.cards[i].ri = g_array_index(shown, guint32, i);
  guint nt = cg__threads_resolve(0, MAX(shown->len, 1));
  cg__parallel_run("cg-report", nt, card_worker, &w, 0);

  g_string_append_printf(s, "<h2 id=\"regions\">Regions: gaps and partners</h2>\n<p class=\"lead\">"
                            "Each region at level <b>%s</b>: its heaviest gaps (weighted by "
                            "criticality as in the heatmap; hover for the document claims of who "
                            "makes them) and the greedy coalition that completes its chains "
                            "fastest (completion: the share of application weight the coalition "
                            "can make from its own capabilities).",
                         c->level);
  if (shown->len < c->n_regions)
    g_string_append_printf(s, " %u of the %zu regions (those with the best pairs); "
                              "<code>chaingraph complement --region NAME</code> shows any.",
                           shown->len, c->n_regions);
  g_string_append(s, "</p>\n<div class=\"regions\">\n");
  gboolean ok = TRUE;
  for (guint i = 0; i < shown->len && ok; i++) {
    Card *k = &w.cards[i];
    if (k->error) {
      g_propagate_error(error, k->error);
      k->error = NULL;
      ok = FALSE;
      break;
    }
    html_card(s, g, c, k, o->top);
  }
  g_string_append(s, "</div>\n");
  for (guint i = 0; i < shown->len; i++)
    card_clear(&w.cards[i]);
  g_free(w.cards);
  g_array_unref(shown);
  return ok;
}

static gboolean
html_chains(GString *s, const CgGraph *g, const Report *R, const CgReportOptions *o, GError **error)
{
  g_string_append_printf(s, "<h2 id=\"chains\">Chains</h2>\n<p class=\"lead\">%u chain%s, each as "
                            "the document states it. Stages run left to right. Hover a product for "
                            "its document quotes and criticality, a link for its supply-risk "
                            "reason; click to keep them.</p>\n",
                         g->chains->len, g->chains->len == 1 ? "" : "s");
  g_string_append_printf(s, "<div class=\"legend\"><span><span class=\"grad\"></span> fill: "
                            "criticality, 0 → %.1f%% (the highest)</span>"
                            "<span><svg width=\"60\" height=\"12\"><line x1=\"0\" y1=\"6\" x2=\"60\" "
                            "y2=\"6\" stroke=\"#b4001e\" stroke-width=\"5\"/></svg> heavier, darker red "
                            "link: higher supply risk</span>"
                            "<span><span class=\"or\">或</span> OR group: any one input suffices "
                            "(dashed)</span><span><span class=\"cp\"></span> chokepoint evidence "
                            "(卡脖子, 依赖进口, …)</span><span><b>bold box</b>: application</span></div>\n",
                         100 * (R->crit_max > 0 ? R->crit_max : 1));
  if (!g->chains->len) {
    g_string_append(s, "<p>These files define no chain.</p>\n");
    return TRUE;
  }
  g_string_append(s, "<div class=\"chains-index\">");
  for (guint c = 0; c < g->chains->len; c++) {
    const CgChainRec *ch = g->chains->pdata[c];
    g_string_append(s, "<a href=\"#chain-");
    esc(s, ch->id);
    g_string_append(s, "\">");
    esc(s, ch->name);
    g_string_append(s, "</a><br>");
  }
  g_string_append(s, "</div>\n");

  cg__report_step(o, "drawing %u chain diagrams (Graphviz)", g->chains->len);
  CgRenderStyle *style = cg_render_style_new(g, R->risk);
  style->criticality_max = R->crit_max;
  style->flags = CG_RENDER_NO_TITLE | CG_RENDER_NO_LEGEND;
  gboolean ok = TRUE;
  for (guint c = 0; c < g->chains->len && ok; c++) {
    const CgChainRec *ch = g->chains->pdata[c];
    gsize len;
    guint8 *svg = cg_chain_render(g, c, style, "svg", &len, error);
    if (!svg) {
      ok = FALSE;
      break;
    }
    g_string_append(s, "<div class=\"chain\" id=\"chain-");
    esc(s, ch->id);
    g_string_append(s, "\"><h3>");
    esc(s, ch->name);
    g_string_append(s, " <code>");
    esc(s, ch->id);
    g_string_append(s, "</code></h3>");
    if (ch->prov.quote) {
      g_string_append(s, "<p class=\"src\">");
      char *src = cg__report_cite(g, &ch->prov, 0);
      esc(s, src);
      g_free(src);
      g_string_append(s, "</p>");
    }
    /* Inline the <svg> element without the XML prologue and doctype. */
    const char *start = strstr((const char *)svg, "<svg");
    g_string_append(s, start ? start : (const char *)svg);
    g_string_append(s, "</div>\n");
    g_free(svg);
  }
  cg_render_style_free(style);
  return ok;
}

gboolean
cg__report_report_html(const CgGraph *g, const CgReportOptions *o, const Report *R, const char *path,
            GError **error)
{
  GString *s = g_string_new("<!DOCTYPE html>\n<html lang=\"zh\"><head><meta charset=\"utf-8\">"
                            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                            "<title>chaingraph report</title><style>");
  append_asset(s, "report.css");
  g_string_append(s, "</style></head><body>\n<header class=\"top\"><h1>chaingraph report</h1><p>");
  g_string_append_printf(s, "%u nodes, %u edges, %u regions, %u chains from %u document%s",
                         cg__n(g), cg__m(g), g->regions->len, g->chains->len, g->documents->len,
                         g->documents->len == 1 ? "" : "s");
  g_string_append(s, g->documents->len ? ":</p><p>" : ".");
  for (guint d = 0; d < g->documents->len; d++) {
    const CgDocRec *doc = g->documents->pdata[d];
    g_string_append(s, d ? "; " : "");
    g_string_append(s, "<b>");
    esc(s, doc->key ? doc->key : doc->file);
    g_string_append(s, "</b> ");
    esc(s, doc->title ? doc->title : doc->file);
  }
  g_string_append(s, "</p></header>\n<nav><a href=\"#bottlenecks\">Bottlenecks</a><a href=\"#risk\">"
                     "Supply risk</a><a href=\"#complement\">Complementarity</a><a href=\"#regions\">"
                     "Regions</a><a href=\"#chains\">Chains</a></nav>\n<main>\n");
  html_cards(s, g, R);
  html_bottlenecks(s, g, R);
  html_risk(s, g, R, o);
  html_heatmap(s, g, R, o);
  gboolean ok = html_regions(s, g, R, o, error) && html_chains(s, g, R, o, error);
  g_string_append(s, "<footer>Made by chaingraph " CG_VERSION_STRING ". Every figure comes with "
                     "its reason; every reason cites the document section and quote behind it. "
                     "Numbers: criticality = share of application weight lost; risk score and "
                     "expected loss: docs/risk-model.md; complementarity: "
                     "docs/complementarity.md.</footer>\n</main>\n"
                     "<div id=\"tip\"></div><div id=\"evidence\"></div>\n<script>");
  append_asset(s, "report.js");
  g_string_append(s, "</script>\n</body></html>\n");
  if (ok) {
    ok = cg__file_write(path, s->str, s->len, error);
  }
  g_string_free(s, TRUE);
  return ok;
}

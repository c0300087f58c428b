/* The report as one self-contained page to explore, not to scroll: a search box over every
 * node, region and chain on the page; tables that sort, filter and download as CSV; a node
 * panel (criticality, failure probability, inputs, consumers, single points, evidence and
 * what is lost with it, highlighted on its chain diagram); a region panel (gaps, partners);
 * one chain diagram at a time, zoomable and pannable. Chinese first, English on a toggle.
 *
 * Every answer is computed here, by the library, and embedded in the page as JSON (one
 * block per language, plus the language-neutral nodes); report.js only draws, sorts and
 * filters. The diagrams are Graphviz SVG in <template> elements. The CSV of each table is
 * embedded too, and --csv DIR writes the same bytes (cg_report_write()). The page's style
 * and script are report.css and report.js, compiled in as a GResource. */
#include "present/report-private.h"
#include "present/cg-report-resources.h"
#include "analysis/risk-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

/* The region cards (gaps and partners) cover at most this many regions (those with the
 * best pairs); the pairs table at most PAIRS_MAX pairs; a page of a graph above
 * ALL_NODES_MAX nodes holds only the nodes its rankings, chains and cards name; the lost
 * set of every node on the page is computed when that costs at most LOST_WORK_MAX edge
 * visits in all (else only the ranked bottlenecks carry theirs). Above ALL_NODES_MAX nodes
 * the cards cover CARDS_MAX_HUGE regions, each coalition at most PARTNER_STEPS_HUGE partners:
 * a coalition step tries every region with a propagation over the graph (cg_region_partners()),
 * 40 cards of 5 steps took 50 of the 68 s of a 1M-node page. */
#define CARDS_MAX 40
#define CARDS_MAX_HUGE 10
#define PARTNER_STEPS_HUGE 3
#define PAIRS_MAX 200
#define ALL_NODES_MAX 20000
#define LOST_WORK_MAX 50000000.0
#define CHAIN_NODES_MAX 20000
#define EXTRA_REGIONS_MAX 400

/* ---- JSON and CSV text ------------------------------------------------------------------ */

/* A JSON string; '<' as \u003c so that no "</script>" can end the block. */
static void
jstr(GString *s, const char *t)
{
  g_string_append_c(s, '"');
  for (const unsigned char *p = (const unsigned char *)(t ? t : ""); *p; p++) {
    switch (*p) {
    case '"': g_string_append(s, "\\\""); break;
    case '\\': g_string_append(s, "\\\\"); break;
    case '\n': g_string_append(s, "\\n"); break;
    case '\r': g_string_append(s, "\\r"); break;
    case '\t': g_string_append(s, "\\t"); break;
    case '<': g_string_append(s, "\\u003c"); break;
    case '>': g_string_append(s, "\\u003e"); break;
    case '&': g_string_append(s, "\\u0026"); break;
    default:
      if (*p < 0x20)
        g_string_append_printf(s, "\\u%04x", *p);
      else
        g_string_append_c(s, (char)*p);
    }
  }
  g_string_append_c(s, '"');
}

static void
jkey(GString *s, const char *k)
{
  jstr(s, k);
  g_string_append_c(s, ':');
}

static void
jnum(GString *s, double x)
{
  if (isnan(x) || isinf(x))
    g_string_append(s, "null");
  else
    g_string_append_printf(s, "%.6g", x);
}

/* "id":…,"n":…[,"en":…] of a node or region record. */
static void
jnames(GString *s, const char *id, const char *name, const char *en)
{
  jkey(s, "id");
  jstr(s, id);
  g_string_append_c(s, ',');
  jkey(s, "n");
  jstr(s, name);
  if (en) {
    g_string_append_c(s, ',');
    jkey(s, "en");
    jstr(s, en);
  }
}

static void
comma(GString *s)
{
  if (s->len && s->str[s->len - 1] != '[' && s->str[s->len - 1] != '{' && s->str[s->len - 1] != ':')
    g_string_append_c(s, ',');
}

/* A CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
static void
csv_field(GString *s, const char *t)
{
  t = t ? t : "";
  if (!strpbrk(t, ",\"\r\n")) {
    g_string_append(s, t);
    return;
  }
  g_string_append_c(s, '"');
  for (const char *p = t; *p; p++) {
    if (*p == '"')
      g_string_append_c(s, '"');
    g_string_append_c(s, *p);
  }
  g_string_append_c(s, '"');
}

/* One table of the page: its columns, its rows as JSON (each cell a string, or
 * [shown text, number] for a number column, so the page sorts by the number), and the same
 * rows as CSV (numbers as numbers, with a header line; UTF-8 with a byte-order mark so that
 * spreadsheets read the Chinese). */
typedef struct {
  GString *json, *csv;
  const char *types; /* one letter per column: s text, n number */
  guint col;
  gsize rows;
} Tab;

/* @cols: the column titles, in English (looked up in this thread's language). */
static void
tab_begin(Tab *t, const char *id, const char *title, const char *types, const char *const *cols)
{
  t->json = g_string_new("{");
  t->csv = g_string_new("\xEF\xBB\xBF");
  t->types = types;
  t->rows = 0;
  jkey(t->json, "id");
  jstr(t->json, id);
  g_string_append_c(t->json, ',');
  jkey(t->json, "title");
  jstr(t->json, T(title));
  g_string_append(t->json, ",\"types\":");
  jstr(t->json, types);
  g_string_append(t->json, ",\"cols\":[");
  for (guint i = 0; cols[i]; i++) {
    if (i)
      g_string_append_c(t->json, ',');
    jstr(t->json, T(cols[i]));
    if (i)
      g_string_append_c(t->csv, ',');
    csv_field(t->csv, T(cols[i]));
  }
  g_string_append(t->csv, "\r\n");
  g_string_append(t->json, "],\"rows\":[");
}

/* A row opening a node's panel (@node ≥ 0) or a region's (@region ≥ 0) when clicked. */
static void
tab_row(Tab *t, gint64 node, gint64 region)
{
  if (t->rows++)
    g_string_append_c(t->json, ',');
  g_string_append(t->json, "{");
  if (node >= 0)
    g_string_append_printf(t->json, "\"n\":%" G_GINT64_FORMAT ",", node);
  if (region >= 0)
    g_string_append_printf(t->json, "\"r\":%" G_GINT64_FORMAT ",", region);
  g_string_append(t->json, "\"c\":[");
  t->col = 0;
}

static void
tab_s(Tab *t, const char *text)
{
  if (t->col)
    g_string_append_c(t->json, ',');
  jstr(t->json, text);
  if (t->col++)
    g_string_append_c(t->csv, ',');
  csv_field(t->csv, text);
}

/* A number: @shown on the page, @x in the CSV and for sorting. */
static void
tab_n(Tab *t, const char *shown, double x)
{
  if (t->col)
    g_string_append_c(t->json, ',');
  g_string_append_c(t->json, '[');
  jstr(t->json, shown);
  g_string_append_c(t->json, ',');
  jnum(t->json, x);
  g_string_append_c(t->json, ']');
  if (t->col++)
    g_string_append_c(t->csv, ',');
  if (!isnan(x) && !isinf(x))
    g_string_append_printf(t->csv, "%.6g", x);
}

static void
tab_i(Tab *t, gsize x)
{
  char buf[32];
  g_snprintf(buf, sizeof buf, "%zu", x);
  tab_n(t, buf, (double)x);
}

static void
tab_row_end(Tab *t)
{
  g_string_append(t->json, "]}");
  g_string_append(t->csv, "\r\n");
}

/* Closes the table into @out (the page's JSON, "tables" array) and, for the report's own
 * language, into @csv (the files of --csv). Frees @t. */
static void
tab_end(Tab *t, GString *out, GPtrArray *csv, const char *id)
{
  g_string_append(t->json, "],\"csv\":");
  jstr(t->json, t->csv->str);
  g_string_append_c(t->json, '}');
  comma(out);
  g_string_append(out, t->json->str);
  if (csv) {
    g_ptr_array_add(csv, g_strdup(id));
    g_ptr_array_add(csv, g_strdup(t->csv->str));
  }
  g_string_free(t->json, TRUE);
  g_string_free(t->csv, TRUE);
}

static char *
fmt(const char *f, double x)
{
  return g_strdup_printf(f, x);
}

/* "铜 (copper)": a node as a table shows it. */
static char *
node_name(const CgGraph *g, guint32 v)
{
  const char *en = cg_node_name_en(g, v);
  if (en && *en && strcmp(en, cg_node_label(g, v)))
    return g_strdup_printf("%s (%s)", cg_node_label(g, v), en);
  return g_strdup(cg_node_label(g, v));
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
/* ---- region cards: gaps and partners ---------------------------------------------------- */

/* What one region card shows. The gap weights are those cg_complement() computed (the same
 * definition as cg_region_gaps() with criticality weighting, without recomputing
 * criticality per region); cg_region_gaps() with uniform weights gives each gap's consumers
 * and producers. */
typedef struct {
  guint32 ri;           /* index into the complement result's regions (not for @extra) */
  guint32 region;       /* the graph's region index */
  gboolean extra;       /* a region the comparison does not hold: gaps weighted by
                         * criticality, partners at its own level, errors not fatal */
  CgRegionGaps *gaps;   /* uniform weighting: the lists */
  double *weight;       /* per gap of @gaps: its criticality weight */
  guint32 *order;       /* gaps by weight descending, then id */
  CgPartners *partners;
  GError *error;
} Card;

typedef struct {
  const CgGraph *g;
  const CgComplement *c;
  Card *cards;
  guint n_cards;
  gsize steps;
  gint next;
  CgWork *work; /* the report's fraction: one unit per card */
  GThread *caller;
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
  const char *id = cg_region_id(g, k->region);
  if (k->extra) {
    k->gaps = cg_region_gaps(g, id, CG_GAP_WEIGHT_CRITICALITY, &k->error);
    if (!k->gaps)
      return;
    gsize n = k->gaps->n_gaps;
    k->weight = g_new(double, n ? n : 1);
    k->order = g_new(guint32, n ? n : 1);
    for (gsize i = 0; i < n; i++) { /* already by weight descending, then id */
      k->weight[i] = k->gaps->gaps[i].weight;
      k->order[i] = (guint32)i;
    }
    k->partners = cg_region_partners(g, id, cg_level_to_string(cg_region_level(g, k->region)),
                                     MIN(steps, 3), &k->error);
    return;
  }
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
}

static gpointer
card_worker(gpointer data)
{
  CardWork *w = data;
  gboolean caller = g_thread_self() == w->caller;
  for (;;) {
    gint i = g_atomic_int_add(&w->next, 1);
    if (i >= (gint)w->n_cards)
      break;
    card_compute(w->g, w->c, &w->cards[i], w->steps);
    if (!cg__work_step(w->work, 1, caller))
      break;
  }
  return NULL;
}

static void
card_clear(Card *k)
{
  cg_region_gaps_free(k->gaps);
  g_free(k->weight);
  g_free(k->order);
  cg_partners_free(k->partners);
  g_clear_error(&k->error);
}

/* ---- the page ------------------------------------------------------------------------- */

typedef struct {
  const CgGraph *g;
  const CgReportOptions *o;
  const Report *R;
  GArray *shown;        /* indices into R->comp->regions with a card */
  Card *cards;          /* one per shown region, then the extra ones */
  guint n_cards;
  guint8 *on_page;      /* per node: its record is on the page */
  GArray *nodes;        /* those nodes, ascending */
  GArray *chains;       /* the chains drawn, in graph order */
  gboolean all_lost;    /* every node on the page carries its lost set */
} Page;

static void
add_node(Page *P, guint32 v)
{
  if (!P->on_page[v]) {
    P->on_page[v] = 1;
    g_array_append_val(P->nodes, v);
  }
}

/* The strings report.js shows, looked up by their English. */
static const char *const ui_keys[] = {
    "chaingraph report", "Search nodes, regions, chains (中文, English, id, alias)", "Overview",
    "Bottlenecks", "Supply risk", "Complementary regions", "Regions", "Chains", "Filter rows…",
    "Download CSV", "rows", "of", "no match", "node", "region", "chain", "Close",
    "criticality", "P(fails)", "stage", "inputs", "consumers", "lost if it fails",
    "single points: losing any one of them loses it", "evidence", "aliases", "on chains",
    "OR alternative", "applications lost", "show on diagram", "gaps", "partners", "level",
    "capabilities", "completion alone", "not on this page", "Zoom in", "Zoom out", "Fit",
    "Choose a chain", "This chain's diagram is not on this page (chaingraph report --html-chains ID).",
    "highlighted: lost with", "none", "raw", "material", "component", "product", "application",
    "recycling", "unknown", "country", "province", "city", "district", "zone", "cluster",
    "and more", "Print", "English", "中文", "no gaps", "no partner adds anything it can use",
    "Gaps: inputs of its products it does not make, heaviest first",
    "Partners: each step adds the region that raises completion most", "What the answers rest on",
    NULL};

static void
emit_cards(GString *s, const CgGraph *g, const Report *R)
{
  g_string_append(s, "\"cards\":[");
  /* The top bottleneck. */
  g_string_append(s, "{\"href\":\"bottlenecks\",\"k\":");
  jstr(s, T("Top bottleneck"));
  if (R->b->n_items) {
    const CgBottleneck *it = &R->b->items[0];
    char *v = g_strdup_printf("%s %.1f%%", cg_node_label(g, it->node), 100 * it->criticality);
    char *d = g_strdup_printf(T("of application weight is lost with it (%zu application%s)"),
                              it->n_lost_applications, it->n_lost_applications == 1 ? "" : "s");
    g_string_append(s, ",\"v\":");
    jstr(s, v);
    g_string_append(s, ",\"d\":");
    jstr(s, d);
    g_free(v);
    g_free(d);
  } else {
    g_string_append(s, ",\"v\":");
    jstr(s, T("none"));
  }
  g_string_append(s, "},{\"href\":\"risk\",\"k\":");
  jstr(s, T("Expected loss from supply risk"));
  const CgRisk *r = R->risk;
  double tw = r->total_weight > 0 ? r->total_weight : 1;
  char *v = g_strdup_printf("%.1f%%", 100 * r->expected_loss / tw), *d;
  if (strcmp(r->method, "exact"))
    d = g_strdup_printf(T("95%% CI %.1f–%.1f%% of application weight, %zu Monte Carlo samples"),
                        100 * r->ci95[0] / tw, 100 * r->ci95[1] / tw, r->samples);
  else
    d = g_strdup_printf(T("of application weight, exact over %zu states"), r->states);
  g_string_append(s, ",\"v\":");
  jstr(s, v);
  g_string_append(s, ",\"d\":");
  jstr(s, d);
  g_free(v);
  g_free(d);
  g_string_append(s, "},{\"href\":\"complement\",\"k\":");
  jstr(s, T("Most complementary regions"));
  const CgComplement *c = R->comp;
  if (c && c->n_pairs && c->pairs[0].score > 0) {
    const CgComplementPair *p = &c->pairs[0];
    v = g_strdup_printf("%s → %s %.0f%%", cg_complement_region_name(g, c, p->from),
                        cg_complement_region_name(g, c, p->to), 100 * p->score);
    d = g_strdup_printf(T("of the receiver's gap weight filled (%u of its gaps, level %s)"),
                        p->n_filled, T(c->level));
  } else {
    v = g_strdup("—");
    d = g_strdup(T("fewer than two regions to compare"));
  }
  g_string_append(s, ",\"v\":");
  jstr(s, v);
  g_string_append(s, ",\"d\":");
  jstr(s, d);
  g_free(v);
  g_free(d);
  g_string_append(s, "}]");
}

static void
table_bottlenecks(GString *s, Page *P, GPtrArray *csv)
{
  const CgGraph *g = P->g;
  const CgBottlenecks *b = P->R->b;
  static const char *const cols[] = {"#", "product", "criticality", "applications lost", "why",
                                     "rests on", "source", NULL};
  Tab t;
  tab_begin(&t, "bottlenecks", "Bottlenecks", "nsnnsss", cols);
  for (gsize i = 0; i < b->n_items; i++) {
    const CgBottleneck *it = &b->items[i];
    tab_row(&t, it->node, -1);
    tab_i(&t, i + 1);
    char *name = node_name(g, it->node);
    tab_s(&t, name);
    char *pc = fmt("%.1f%%", 100 * it->criticality);
    tab_n(&t, pc, it->criticality);
    tab_i(&t, it->n_lost_applications);
    char *why = cg__bottleneck_why(g, it);
    tab_s(&t, cg__report_without_subject(why, cg_node_label(g, it->node)));
    char *foot = cg__report_bottleneck_footing(g, P->R, it);
    tab_s(&t, foot ? foot : "");
    g_free(foot);
    char *src = cg__report_cite(g, cg__node_quote(g, it->node), 0);
    tab_s(&t, src);
    tab_row_end(&t);
    g_free(name);
    g_free(pc);
    g_free(why);
    g_free(src);
  }
  tab_end(&t, s, csv, "bottlenecks");
}

static void
table_risk(GString *s, Page *P, GPtrArray *csv)
{
  const CgGraph *g = P->g;
  const CgRisk *r = P->R->risk;
  static const char *const cols[] = {"#", "supplier → consumer", "score", "P(fails)", "dependence",
                                     "criticality", "share", "why", "rests on", "source", NULL};
  Tab t;
  tab_begin(&t, "risk-links", "Riskiest links", "nsnnnnnsss", cols);
  for (gsize i = 0; i < r->n_links && i < P->o->top; i++) {
    const CgRiskLink *l = &r->links[i];
    if (l->score <= 0)
      break;
    tab_row(&t, l->source, -1);
    tab_i(&t, i + 1);
    char *subject = g_strdup_printf("%s → %s", cg_node_label(g, l->source), cg_node_label(g, l->target));
    tab_s(&t, subject);
    char *x = fmt("%.4f", l->score);
    tab_n(&t, x, l->score);
    g_free(x);
    x = fmt("%.3f", l->probability);
    tab_n(&t, x, l->probability);
    g_free(x);
    x = l->alternatives > 1 ? g_strdup_printf("1/%u", (guint)l->alternatives) : fmt("%.2g", l->dependence);
    tab_n(&t, x, l->dependence);
    g_free(x);
    x = fmt("%.1f%%", 100 * l->criticality);
    tab_n(&t, x, l->criticality);
    g_free(x);
    x = fmt("%.1f%%", 100 * l->criticality_share);
    tab_n(&t, x, l->criticality_share);
    g_free(x);
    char *why = cg_risk_link_why(g, r, l->edge);
    tab_s(&t, cg__report_without_subject(why, subject));
    cg_free(why);
    char *foot = cg__report_link_footing(g, P->R, l);
    tab_s(&t, foot ? foot : "");
    g_free(foot);
    char *src = cg__report_link_source(g, l->edge, 0);
    tab_s(&t, src);
    g_free(src);
    g_free(subject);
    tab_row_end(&t);
  }
  tab_end(&t, s, csv, "risk-links");
  if (!r->n_invest)
    return;
  static const char *const icols[] = {"#", "node", "P(fails)", "reduction", "95% CI", "why", NULL};
  tab_begin(&t, "risk-invest", "Where to invest", "nsnnss", icols);
  for (gsize i = 0; i < r->n_invest; i++) {
    const CgRiskInvestment *it = &r->invest[i];
    tab_row(&t, it->node, -1);
    tab_i(&t, i + 1);
    char *name = node_name(g, it->node);
    tab_s(&t, name);
    char *x = fmt("%.3f", it->probability);
    tab_n(&t, x, it->probability);
    g_free(x);
    x = fmt("%.3g", it->reduction);
    tab_n(&t, x, it->reduction);
    g_free(x);
    x = it->ci95[0] != it->ci95[1] ? g_strdup_printf("%.3g–%.3g", it->ci95[0], it->ci95[1]) : g_strdup("");
    tab_s(&t, x);
    g_free(x);
    char *why = cg__risk_invest_why(g, r, it);
    tab_s(&t, cg__report_without_subject(why, cg_node_label(g, it->node)));
    g_free(why);
    g_free(name);
    tab_row_end(&t);
  }
  tab_end(&t, s, csv, "risk-invest");
}

static void
table_pairs(GString *s, Page *P, GPtrArray *csv)
{
  const CgGraph *g = P->g;
  const CgComplement *c = P->R->comp;
  static const char *const cols[] = {"#", "supplier", "receiver", "score", "both ways", "overlap",
                                     "TCI", "links", "why", "rests on", NULL};
  Tab t;
  tab_begin(&t, "pairs", "Best pairs", "nssnnnnnss", cols);
  for (gsize i = 0; c && c->n_regions >= 2 && i < c->n_pairs && i < PAIRS_MAX; i++) {
    const CgComplementPair *p = &c->pairs[i];
    if (p->score <= 0)
      break;
    tab_row(&t, -1, c->regions[p->from].region);
    tab_i(&t, i + 1);
    tab_s(&t, cg_complement_region_name(g, c, p->from));
    tab_s(&t, cg_complement_region_name(g, c, p->to));
    char *x = cg_text_percent(p->score);
    tab_n(&t, x, p->score);
    g_free(x);
    x = cg_text_percent(p->symmetric);
    tab_n(&t, x, p->symmetric);
    g_free(x);
    x = cg_text_percent(p->overlap);
    tab_n(&t, x, p->overlap);
    g_free(x);
    x = fmt("%.1f", p->tci);
    tab_n(&t, x, p->tci);
    g_free(x);
    tab_i(&t, p->n_links);
    char *subject = g_strdup_printf("%s → %s", cg_complement_region_name(g, c, p->from),
                                    cg_complement_region_name(g, c, p->to));
    char *why = cg_complement_pair_why(g, c, i);
    tab_s(&t, cg__report_without_subject(why, subject));
    cg_free(why);
    g_free(subject);
    char *foot = cg__report_pair_footing(g, P->R, p);
    tab_s(&t, foot[0] == ';' ? foot + 2 : foot); /* without the leading "; " */
    g_free(foot);
    tab_row_end(&t);
  }
  tab_end(&t, s, csv, "pairs");
}

/* Each compared region's present gaps by what closes them (the text report's last section);
 * a row opens the region's panel. */
static void
table_closure(GString *s, Page *P, GPtrArray *csv)
{
  gsize n;
  CgReportClosure *cl = cg__report_closures(P->g, P->R, &n);
  if (!cl)
    return;
  static const char *const cols[] = {"region", "gaps", "gap weight", "own plan", "made now elsewhere",
                                     "another's plan", "only foreign", "none", NULL};
  Tab t;
  tab_begin(&t, "closure", "Gaps at the present horizon, by what closes them", "snnnnnnn", cols);
  for (gsize i = 0; i < n; i++) {
    const CgReportClosure *x = &cl[i];
    tab_row(&t, -1, x->region);
    tab_s(&t, x->name);
    tab_i(&t, x->n_gaps);
    char *v = fmt("%.3g", x->weight);
    tab_n(&t, v, x->weight);
    g_free(v);
    for (int k = 0; k < 5; k++) {
      v = cg_text_percent(x->w[k] / x->weight);
      tab_n(&t, v, x->w[k] / x->weight);
      g_free(v);
    }
    tab_row_end(&t);
  }
  tab_end(&t, s, csv, "closure");
  g_free(cl);
}

static void
tables_regions(GString *s, Page *P, GPtrArray *csv)
{
  const CgGraph *g = P->g;
  static const char *const rcols[] = {"region", "level", "capabilities", "gaps", "completion alone", NULL};
  static const char *const gcols[] = {"region", "gap", "weight", "needed by", "made by", NULL};
  static const char *const pcols[] = {"region", "#", "partner", "gain", "completion", "why", NULL};
  Tab rt, gt, pt;
  tab_begin(&rt, "regions", "Regions", "ssnnn", rcols);
  tab_begin(&gt, "gaps", "Gaps", "ssnss", gcols);
  tab_begin(&pt, "partners", "Partners", "snsnns", pcols);
  for (guint i = 0; i < P->n_cards; i++) {
    const Card *k = &P->cards[i];
    if (!k->gaps || !k->partners)
      continue;
    guint32 region = k->region;
    const char *rn = cg_region_name(g, region);
    tab_row(&rt, -1, region);
    tab_s(&rt, rn);
    tab_s(&rt, T(cg_level_to_string(cg_region_level(g, region))));
    tab_i(&rt, k->gaps->n_capabilities);
    tab_i(&rt, k->gaps->n_gaps);
    char *x = cg_text_percent(k->partners->completion);
    tab_n(&rt, x, k->partners->completion);
    g_free(x);
    tab_row_end(&rt);
    for (gsize j = 0; j < k->gaps->n_gaps && j < P->o->top; j++) {
      const CgGap *gp = &k->gaps->gaps[k->order[j]];
      tab_row(&gt, gp->node, region);
      tab_s(&gt, rn);
      tab_s(&gt, cg_node_label(g, gp->node));
      x = fmt("%.3f", k->weight[k->order[j]]);
      tab_n(&gt, x, k->weight[k->order[j]]);
      g_free(x);
      GString *l = g_string_new(NULL);
      for (gsize m = 0; m < gp->n_consumers && m < 4; m++)
        g_string_append_printf(l, "%s%s", m ? "、" : "", cg_node_label(g, gp->consumers[m]));
      if (gp->n_consumers > 4)
        g_string_append_printf(l, " … (%zu)", gp->n_consumers);
      tab_s(&gt, l->str);
      g_string_truncate(l, 0);
      for (gsize m = 0; m < gp->n_producers && m < 5; m++)
        g_string_append_printf(l, "%s%s", m ? "、" : "", cg_region_name(g, gp->producers[m]));
      if (gp->n_producers > 5)
        g_string_append_printf(l, " … (%zu)", gp->n_producers);
      tab_s(&gt, l->len ? l->str : T("no other region"));
      g_string_free(l, TRUE);
      tab_row_end(&gt);
    }
    for (gsize j = 0; j < k->partners->n_steps; j++) {
      const CgPartnerStep *st = &k->partners->steps[j];
      tab_row(&pt, -1, region);
      tab_s(&pt, rn);
      tab_i(&pt, j + 1);
      tab_s(&pt, cg_region_name(g, st->region));
      x = cg_text_percent(st->gain);
      tab_n(&pt, x, st->gain);
      g_free(x);
      x = cg_text_percent(st->completion);
      tab_n(&pt, x, st->completion);
      g_free(x);
      char *why = cg_partners_step_why(g, k->partners, j);
      tab_s(&pt, why);
      cg_free(why);
      tab_row_end(&pt);
    }
  }
  tab_end(&rt, s, csv, "regions");
  tab_end(&gt, s, csv, "gaps");
  tab_end(&pt, s, csv, "partners");
}

/* The sentences above each section. */
static void
emit_leads(GString *s, Page *P)
{
  const Report *R = P->R;
  const CgComplement *c = R->comp;
  g_string_append(s, "\"leads\":{\"bottlenecks\":");
  char *x = g_strdup_printf(T("Criticality: the share of application weight that can no longer be "
                              "made when the product alone is lost (%s, %s). Click a row for the "
                              "product's panel and what is lost with it."),
                            R->b->exact ? T("exact") : T("estimated"), R->b->method);
  jstr(s, x);
  g_free(x);
  GString *line = g_string_new(NULL);
  cg__report_expected_loss_line(line, R->risk);
  g_string_append(line, T(". Every node has a failure probability from its document evidence "
                          "(concentration of its producing regions, chokepoint and import "
                          "evidence, substitutes, recycling; docs/risk-model.md). A link's score "
                          "is P(supplier fails) × the consumer's dependence on it (1 for a sole "
                          "input, 1/k among k alternatives) × the consumer's criticality; share "
                          "is how often a sampled failure reached an application through the "
                          "link. Where to invest: securing the node (its failure probability set "
                          "to 0) lowers the expected loss by the reduction."));
  g_string_append(s, ",\"risk\":");
  jstr(s, line->str);
  g_string_free(line, TRUE);
  if (c && c->n_regions >= 2)
    x = g_strdup_printf(T("Level %s%s: %zu regions, %zu ordered pairs. Score: the share of the "
                          "receiver's gap weight that the supplier fills (a region's gaps are the "
                          "inputs of what it makes that it does not make; each gap weighs its "
                          "criticality, docs/complementarity.md)."),
                        T(c->level), R->fell_back ? T(" (fewer than two provinces)") : "",
                        c->n_regions, c->n_ordered_pairs);
  else
    x = g_strdup(T("Fewer than two regions at province or city level: nothing to compare."));
  g_string_append(s, ",\"complement\":");
  jstr(s, x);
  g_free(x);
  if (c && c->n_regions >= 2)
    x = g_strdup_printf(T("Each region's heaviest gaps and the greedy coalition that completes its "
                          "chains fastest (completion: the share of application weight the "
                          "coalition can make from its own capabilities); %u of %zu regions at "
                          "level %s, those with the best pairs. Click a row for the region's "
                          "panel; chaingraph complement --region NAME shows any region."),
                        P->shown ? P->shown->len : 0, c->n_regions, T(c->level));
  else
    x = g_strdup(T("Fewer than two regions to compare."));
  if (P->n_cards > (P->shown ? P->shown->len : 0)) {
    char *y = g_strconcat(x, T(" The other regions' gaps (weighted by criticality) and partners "
                               "(at their own level) are in the tables and panels too."), NULL);
    g_free(x);
    x = y;
  }
  g_string_append(s, ",\"regions\":");
  jstr(s, x);
  g_free(x);
  x = g_strdup_printf(T("%u of %u chains drawn, each as the document states it; stages run left "
                        "to right. Fill: criticality, 0 → %.1f%% (the highest); heavier, darker "
                        "red link: higher supply risk; dashed with 或: an OR group, any one input "
                        "suffices; red frame: chokepoint evidence; bold box: application. Drag "
                        "to pan, wheel or buttons to zoom; click a product for its panel."),
                      P->chains->len, P->g->chains->len,
                      100 * (R->crit_max > 0 ? R->crit_max : 1));
  g_string_append(s, ",\"chains\":");
  jstr(s, x);
  g_free(x);
  /* what the answers rest on: the report's own footing, the marks, the gaps' closure */
  CgFootingOptions f;
  cg_graph_footing(P->g, &f);
  x = g_strdup_printf(
      T("This report: %s, %s, %s. Each ranking is compared with the other readings; an item is "
        "marked where its value differs."),
      f.horizon == CG_HORIZON_PRESENT ? T("present capabilities only") : T("present and planned capabilities"),
      f.without_inferred ? T("inferred statements left out") : T("inferred statements included"),
      f.weights == CG_WEIGHTS_UNIFORM ? T("every application weighing 1") : T("application weights from the data"));
  char *y = g_strconcat(x, " ", T("The column \"rests on\" of each table says where: a value at the present horizon (only what regions make now) or without the inferred statements. The text report's last section has the rank correlations."), NULL);
  g_free(x);
  g_string_append(s, ",\"footing\":");
  jstr(s, y);
  g_free(y);
  g_string_append(s, ",\"closure\":");
  jstr(s, T("Gaps at the present horizon (inputs of what a region makes now that it does not "
            "make), by what closes them, as shares of the region's gap weight: its own plan; "
            "another region that makes it now; another region's plan; only foreign supply; "
            "nothing in the documents."));
  g_string_append(s, "}");
}

/* Everything in one language: the UI strings, the key figures, the leads and the tables. */
static void
emit_lang(GString *s, Page *P, CgLang lang, GPtrArray *csv)
{
  CgLang before = cg__lang_set(lang);
  g_string_append(s, "{\"msg\":{");
  for (guint i = 0; ui_keys[i]; i++) {
    if (i)
      g_string_append_c(s, ',');
    jkey(s, ui_keys[i]);
    jstr(s, T(ui_keys[i]));
  }
  g_string_append(s, "},");
  const CgGraph *g = P->g;
  GString *h = g_string_new(NULL);
  g_string_append_printf(h, T("%u nodes, %u edges, %u regions, %u chains from %u documents"),
                         cg__n(g), cg__m(g), g->regions->len, g->chains->len, g->documents->len);
  if (P->nodes->len < cg__n(g))
    g_string_append_printf(h, T("; this page holds the %u nodes its rankings, chains and regions name"),
                           P->nodes->len);
  jkey(s, "head");
  jstr(s, h->str);
  g_string_free(h, TRUE);
  g_string_append_c(s, ',');
  emit_cards(s, P->g, P->R);
  g_string_append_c(s, ',');
  emit_leads(s, P);
  g_string_append(s, ",\"tables\":[");
  table_bottlenecks(s, P, csv);
  table_risk(s, P, csv);
  table_pairs(s, P, csv);
  tables_regions(s, P, csv);
  table_closure(s, P, csv);
  g_string_append(s, "]}");
  cg__lang_set(before);
}

/* ---- what the page holds -------------------------------------------------------------- */

static gboolean
chain_wanted(const CgReportOptions *o, const char *id)
{
  for (gsize i = 0; o->html_chains[i]; i++)
    if (!strcmp(o->html_chains[i], id))
      return TRUE;
  return FALSE;
}

/* The chains drawn: those asked for; else every chain when they hold at most
 * CHAIN_NODES_MAX nodes in all; else those of the top bottlenecks, until that many. */
static gboolean
pick_chains(Page *P, GError **error)
{
  const CgGraph *g = P->g;
  guint n = g->chains->len;
  if (P->o->html_chains) {
    for (gsize i = 0; P->o->html_chains[i]; i++) {
      gboolean found = FALSE;
      for (guint c = 0; c < n && !found; c++)
        found = !strcmp(((const CgChainRec *)g->chains->pdata[c])->id, P->o->html_chains[i]);
      if (!found) {
        g_set_error(error, CG_ERROR, CG_ERROR_USAGE, "--html-chains: unknown chain '%s'",
                    P->o->html_chains[i]);
        return FALSE;
      }
    }
    for (guint c = 0; c < n; c++)
      if (chain_wanted(P->o, ((const CgChainRec *)g->chains->pdata[c])->id))
        g_array_append_val(P->chains, c);
    return TRUE;
  }
  gsize total = 0;
  for (guint c = 0; c < n; c++)
    total += ((const CgChainRec *)g->chains->pdata[c])->nodes->len;
  if (total <= CHAIN_NODES_MAX) {
    for (guint c = 0; c < n; c++)
      g_array_append_val(P->chains, c);
    return TRUE;
  }
  guint8 *taken = g_new0(guint8, n ? n : 1);
  total = 0;
  for (gsize i = 0; i < P->R->b->n_items; i++)
    for (guint c = 0; c < n; c++) {
      const CgChainRec *ch = g->chains->pdata[c];
      if (taken[c] || total + ch->nodes->len > CHAIN_NODES_MAX)
        continue;
      for (guint j = 0; j < ch->nodes->len; j++)
        if (g_array_index(ch->nodes, guint32, j) == P->R->b->items[i].node) {
          taken[c] = 1;
          total += ch->nodes->len;
          break;
        }
    }
  for (guint c = 0; c < n; c++)
    if (taken[c])
      g_array_append_val(P->chains, c);
  g_free(taken);
  return TRUE;
}

static void
pick_nodes(Page *P)
{
  const CgGraph *g = P->g;
  const Report *R = P->R;
  guint32 n = cg__n(g);
  if (n <= ALL_NODES_MAX) {
    for (guint32 v = 0; v < n; v++)
      add_node(P, v);
    return;
  }
  for (gsize i = 0; i < R->b->n_items; i++)
    add_node(P, R->b->items[i].node);
  for (gsize i = 0; i < R->risk->n_links && i < P->o->top; i++) {
    add_node(P, R->risk->links[i].source);
    add_node(P, R->risk->links[i].target);
  }
  for (gsize i = 0; i < R->risk->n_invest; i++)
    add_node(P, R->risk->invest[i].node);
  for (guint i = 0; i < P->chains->len; i++) {
    const CgChainRec *ch = g->chains->pdata[g_array_index(P->chains, guint, i)];
    for (guint j = 0; j < ch->nodes->len; j++)
      add_node(P, g_array_index(ch->nodes, guint32, j));
  }
  for (guint i = 0; i < P->n_cards; i++) {
    const Card *k = &P->cards[i];
    for (gsize j = 0; k->gaps && j < k->gaps->n_gaps && j < P->o->top; j++)
      add_node(P, k->gaps->gaps[k->order[j]].node);
  }
  g_array_sort(P->nodes, cg__cmp_u32);
}

/* A list of node indices; those without a record on the page are added to @refs (their
 * id and label go into "refs"). */
static void
jidx_list(GString *s, const char *key, const guint32 *v, gsize n, gsize max, const guint8 *on_page,
          GHashTable *refs)
{
  comma(s);
  jkey(s, key);
  g_string_append_c(s, '[');
  for (gsize i = 0; i < n && i < max; i++) {
    g_string_append_printf(s, "%s%u", i ? "," : "", v[i]);
    if (refs && !on_page[v[i]])
      g_hash_table_add(refs, GUINT_TO_POINTER(v[i]));
  }
  g_string_append_c(s, ']');
}

static gint
cmp_ptr_u32(gconstpointer a, gconstpointer b)
{
  guint32 x = GPOINTER_TO_UINT(a), y = GPOINTER_TO_UINT(b);
  return x < y ? -1 : x > y;
}

/* The chains drawn that hold each node: node → GArray of chain indices. */
static GHashTable *
chains_of_nodes(const Page *P)
{
  const CgGraph *g = P->g;
  GHashTable *in_chain = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL,
                                               (GDestroyNotify)g_array_unref);
  for (guint i = 0; i < P->chains->len; i++) {
    const CgChainRec *ch = g->chains->pdata[g_array_index(P->chains, guint, i)];
    for (guint j = 0; j < ch->nodes->len; j++) {
      guint32 v = g_array_index(ch->nodes, guint32, j);
      GArray *a = g_hash_table_lookup(in_chain, GUINT_TO_POINTER(v));
      if (!a) {
        a = g_array_new(FALSE, FALSE, sizeof(guint));
        g_hash_table_insert(in_chain, GUINT_TO_POINTER(v), a);
      }
      guint c = g_array_index(P->chains, guint, i);
      g_array_append_val(a, c);
    }
  }
  return in_chain;
}

/* A node record's inputs ([node, label, size of its OR group], at most 40, and how many)
 * and consumers ([node, label], at most 40, and how many). */
static void
emit_node_links(GString *s, const CgGraph *g, guint32 v)
{
  g_string_append(s, ",\"in\":[");
  gsize din = cg_node_in_degree(g, v);
  for (gsize k = 0; k < din && k < 40; k++) {
    guint32 e = (guint32)cg_node_in_edge(g, v, k), u = g->esrc[e], gi = g->egroup[e];
    g_string_append_printf(s, "%s[%u,", k ? "," : "", u);
    jstr(s, cg_node_label(g, u));
    g_string_append_printf(s, ",%u]", g->gmem_off[gi + 1] - g->gmem_off[gi]);
  }
  g_string_append_printf(s, "],\"nin\":%zu,\"out\":[", din);
  guint32 nout = g->out_off[v + 1] - g->out_off[v];
  for (guint32 k = g->out_off[v]; k < g->out_off[v + 1] && k < g->out_off[v] + 40; k++) {
    guint32 w = g->out_dst[k];
    g_string_append_printf(s, "%s[%u,", k > g->out_off[v] ? "," : "", w);
    jstr(s, cg_node_label(g, w));
    g_string_append_c(s, ']');
  }
  g_string_append_printf(s, "],\"nout\":%u", nout);
}

/* "refs":{"i":[id,label]}: the nodes the lists name that have no record on the page. */
static void
emit_refs(GString *s, const CgGraph *g, GHashTable *refs)
{
  g_string_append(s, ",\"refs\":{");
  GList *keys = g_list_sort(g_hash_table_get_keys(refs), (GCompareFunc)cmp_ptr_u32);
  for (GList *l = keys; l; l = l->next) {
    guint32 v = GPOINTER_TO_UINT(l->data);
    g_string_append_printf(s, "%s\"%u\":[", l == keys ? "" : ",", v);
    jstr(s, cg_node_id(g, v));
    g_string_append_c(s, ',');
    jstr(s, cg_node_label(g, v));
    g_string_append_c(s, ']');
  }
  g_list_free(keys);
  g_string_append_c(s, '}');
}

/* "nodes":{"17":{…},…}: each node on the page, language-neutral (stage and level keywords
 * are looked up in the page's messages). */
static void
emit_nodes(GString *s, Page *P)
{
  const CgGraph *g = P->g;
  const Report *R = P->R;
  guint32 n = cg__n(g);
  GHashTable *in_chain = chains_of_nodes(P);
  /* the ranked bottlenecks' lost sets, when the others are not computed */
  GHashTable *ranked = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (gsize i = 0; i < R->b->n_items; i++)
    g_hash_table_insert(ranked, GUINT_TO_POINTER(R->b->items[i].node), (gpointer)&R->b->items[i]);
  GHashTable *refs = g_hash_table_new(g_direct_hash, g_direct_equal);
  double work = (double)P->nodes->len * (n + cg__m(g));
  P->all_lost = work <= LOST_WORK_MAX;
  g_string_append(s, "\"nodes\":{");
  for (guint i = 0; i < P->nodes->len; i++) {
    guint32 v = g_array_index(P->nodes, guint32, i);
    if (i)
      g_string_append_c(s, ',');
    g_string_append_printf(s, "\"%u\":{", v);
    jnames(s, cg_node_id(g, v), cg_node_label(g, v), cg_node_name_en(g, v));
    if (cg_node_n_aliases(g, v)) {
      g_string_append(s, ",\"al\":[");
      for (gsize a = 0; a < cg_node_n_aliases(g, v); a++) {
        if (a)
          g_string_append_c(s, ',');
        jstr(s, cg_node_alias(g, v, a));
      }
      g_string_append_c(s, ']');
    }
    g_string_append_c(s, ',');
    jkey(s, "st");
    jstr(s, cg_stage_to_string(cg_node_stage(g, v)));
    g_string_append_printf(s, ",\"app\":%d,\"c\":", cg__is_app(g, v) ? 1 : 0);
    jnum(s, R->risk->criticality[v]);
    g_string_append(s, ",\"p\":");
    jnum(s, R->risk->probability[v]);
    emit_node_links(s, g, v);
    const CgBottleneck *rk = g_hash_table_lookup(ranked, GUINT_TO_POINTER(v));
    if (rk) {
      jidx_list(s, "lost", rk->lost, rk->n_lost, 5000, P->on_page, refs);
      g_string_append_printf(s, ",\"nlost\":%zu,\"la\":%zu", rk->n_lost, rk->n_lost_applications);
    } else if (P->all_lost) {
      CgImpact *im = cg_disrupt(g, &v, 1, NULL, NULL);
      if (im) {
        jidx_list(s, "lost", im->lost, im->n_lost, 5000, P->on_page, refs);
        g_string_append_printf(s, ",\"nlost\":%zu,\"la\":%zu", im->n_lost, im->n_lost_applications);
        cg_impact_free(im);
      }
    }
    if (cg__is_app(g, v) && P->all_lost) {
      gsize nsp = 0;
      guint32 *sp = cg_single_points(g, v, &nsp);
      jidx_list(s, "sp", sp, nsp, 500, P->on_page, refs);
      cg_free(sp);
    }
    char *ev = cg__render_node_evidence(g, v);
    g_string_append_c(s, ',');
    jkey(s, "ev");
    jstr(s, ev);
    g_free(ev);
    GArray *chs = g_hash_table_lookup(in_chain, GUINT_TO_POINTER(v));
    if (chs)
      jidx_list(s, "ch", (const guint32 *)chs->data, chs->len, 200, NULL, NULL);
    g_string_append_c(s, '}');
  }
  g_string_append_c(s, '}');
  emit_refs(s, g, refs);
  g_hash_table_destroy(refs);
  g_hash_table_destroy(in_chain);
  g_hash_table_destroy(ranked);
}

static void
emit_regions(GString *s, Page *P)
{
  const CgGraph *g = P->g;
  const CgComplement *c = P->R->comp;
  GHashTable *cr = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (gsize i = 0; c && i < c->n_regions; i++)
    g_hash_table_insert(cr, GUINT_TO_POINTER(c->regions[i].region), (gpointer)&c->regions[i]);
  GHashTable *card = g_hash_table_new(g_direct_hash, g_direct_equal);
  for (guint i = 0; i < P->n_cards; i++)
    if (P->cards[i].gaps && P->cards[i].partners)
      g_hash_table_insert(card, GUINT_TO_POINTER(P->cards[i].region), GINT_TO_POINTER(1));
  g_string_append(s, "\"regions\":{");
  for (guint r = 0; r < g->regions->len; r++) {
    if (r)
      g_string_append_c(s, ',');
    g_string_append_printf(s, "\"%u\":{", r);
    jnames(s, cg_region_id(g, r), cg_region_name(g, r), cg_region_name_en(g, r));
    g_string_append_c(s, ',');
    jkey(s, "lv");
    jstr(s, cg_level_to_string(cg_region_level(g, r)));
    const CgComplementRegion *x = g_hash_table_lookup(cr, GUINT_TO_POINTER(r));
    if (x)
      g_string_append_printf(s, ",\"caps\":%zu,\"gaps\":%zu", x->n_capabilities, x->n_gaps);
    if (g_hash_table_contains(card, GUINT_TO_POINTER(r)))
      g_string_append(s, ",\"card\":1");
    g_string_append_c(s, '}');
  }
  g_string_append_c(s, '}');
  g_hash_table_destroy(cr);
  g_hash_table_destroy(card);
}

static void
emit_chain_list(GString *s, Page *P)
{
  const CgGraph *g = P->g;
  guint8 *drawn = g_new0(guint8, g->chains->len + 1);
  for (guint i = 0; i < P->chains->len; i++)
    drawn[g_array_index(P->chains, guint, i)] = 1;
  g_string_append(s, "\"chains\":[");
  for (guint c = 0; c < g->chains->len; c++) {
    const CgChainRec *ch = g->chains->pdata[c];
    g_string_append_printf(s, "%s{\"i\":%u,", c ? "," : "", c);
    jkey(s, "id");
    jstr(s, ch->id);
    g_string_append_c(s, ',');
    jkey(s, "n");
    jstr(s, ch->name);
    g_string_append_printf(s, ",\"d\":%d,\"size\":%u}", drawn[c], ch->nodes->len);
  }
  g_string_append_c(s, ']');
  g_free(drawn);
}

/* The drawn chains' SVG, each in a <template> the page clones when the chain is chosen. */
static gboolean
emit_svgs(GString *s, Page *P, GError **error)
{
  const CgGraph *g = P->g;
  if (!P->chains->len)
    return TRUE;
  cg__report_step(P->o, "drawing %u chain diagrams (Graphviz)", P->chains->len);
  CgRenderStyle *style = cg_render_style_new(g, P->R->risk);
  style->criticality_max = P->R->crit_max;
  style->flags = CG_RENDER_NO_TITLE | CG_RENDER_NO_LEGEND;
  gboolean ok = TRUE;
  for (guint i = 0; i < P->chains->len && ok; i++) {
    guint c = g_array_index(P->chains, guint, i);
    gsize len;
    guint8 *svg = cg_chain_render(g, c, style, "svg", &len, error);
    if (!svg) {
      ok = FALSE;
      break;
    }
    g_string_append_printf(s, "<template id=\"svg-%u\">", c);
    const char *start = strstr((const char *)svg, "<svg");
    g_string_append(s, start ? start : (const char *)svg);
    g_string_append(s, "</template>\n");
    g_free(svg);
  }
  cg_render_style_free(style);
  return ok;
}

/* The page's style or script from the library's GResource. */
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
  g_string_append_len(s, d, (gssize)len);
  g_bytes_unref(b);
}

static gboolean
write_csv(GPtrArray *csv, const char *dir, GError **error)
{
  if (g_mkdir_with_parents(dir, 0777) != 0) {
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot create directory: %s", dir,
                g_strerror(errno));
    return FALSE;
  }
  for (guint i = 0; i + 1 < csv->len; i += 2) {
    char *name = g_strconcat((const char *)csv->pdata[i], ".csv", NULL);
    char *path = g_build_filename(dir, name, NULL);
    const char *text = csv->pdata[i + 1];
    gboolean ok = cg__file_write(path, text, strlen(text), error);
    g_free(name);
    g_free(path);
    if (!ok)
      return FALSE;
  }
  return TRUE;
}

/* The region cards of the page into @P: the compared regions with the best pairs; on a
 * small graph every other region too (its gaps by criticality, its partners at its own
 * level), so that any region the search finds has its panel. On both cores, with the
 * report's fraction (one unit a card). FALSE, with @error set, when a shown region's card
 * failed or the fraction callback stopped the work. */
static gboolean
compute_cards(Page *P, GError **error)
{
  const CgGraph *g = P->g;
  const CgReportOptions *o = P->o;
  const CgComplement *c = P->R->comp;
  guint n_shown = 0;
  if (c && c->n_regions >= 2) {
    P->shown = shown_regions(g, c, cg__n(g) <= ALL_NODES_MAX ? CARDS_MAX : CARDS_MAX_HUGE);
    n_shown = P->shown->len;
  }
  gboolean extras = cg__n(g) <= ALL_NODES_MAX && g->regions->len <= EXTRA_REGIONS_MAX;
  guint8 *has = g_new0(guint8, g->regions->len + 1);
  for (guint i = 0; i < n_shown; i++)
    has[c->regions[g_array_index(P->shown, guint32, i)].region] = 1;
  guint n_cards = n_shown;
  for (guint r = 0; extras && r < g->regions->len; r++)
    n_cards += !has[r];
  CgWork work;
  cg__work_init(&work, o->fraction, o->fraction_data, "regions: gaps and partners", n_cards);
  CardWork w = {g, c, g_new0(Card, n_cards ? n_cards : 1), n_cards,
                MIN(o->top, cg__n(g) <= ALL_NODES_MAX ? 5 : PARTNER_STEPS_HUGE), 0, &work,
                g_thread_self()};
  for (guint i = 0; i < n_shown; i++) {
    w.cards[i].ri = g_array_index(P->shown, guint32, i);
    w.cards[i].region = c->regions[w.cards[i].ri].region;
  }
  for (guint r = 0, i = n_shown; extras && r < g->regions->len; r++)
    if (!has[r]) {
      w.cards[i].region = r;
      w.cards[i++].extra = TRUE;
    }
  g_free(has);
  P->cards = w.cards;
  P->n_cards = n_cards;
  gboolean ok = TRUE;
  if (n_cards) {
    cg__report_step(o, "regions: gaps and partners of %u regions", n_cards);
    guint nt = cg__threads_resolve(0, n_cards);
    cg__parallel_run("cg-report", nt, card_worker, &w, 0);
    ok = !cg__work_cancelled(&work, error);
  }
  for (guint i = 0; i < n_cards && ok; i++)
    if (w.cards[i].error && !w.cards[i].extra) {
      g_propagate_error(error, w.cards[i].error);
      w.cards[i].error = NULL;
      ok = FALSE;
    }
  return ok;
}

/* The page at @path (when non-NULL) and the CSV files in @o->csv_dir (when set). */
gboolean
cg__report_report_html(const CgGraph *g, const CgReportOptions *o, const Report *R, const char *path,
                       GError **error)
{
  Page P = {.g = g, .o = o, .R = R, .on_page = g_new0(guint8, cg__n(g) + 1),
            .nodes = g_array_new(FALSE, FALSE, sizeof(guint32)),
            .chains = g_array_new(FALSE, FALSE, sizeof(guint))};
  CgLang lang = cg__lang();
  gboolean ok = TRUE;
  ok = compute_cards(&P, error);
  /* The page step's fraction at the boundaries of its parts (a stop request waits for the
   * end of the step: the page is written whole or not at all). */
  CgWork page;
  cg__work_init(&page, o->fraction, o->fraction_data, "page: diagrams, tables and node records",
                1);
  if (ok)
    cg__report_step(o, "page: diagrams, tables and node records");
  ok = ok && pick_chains(&P, error);
  GPtrArray *csv = g_ptr_array_new_with_free_func(g_free);
  GString *s = NULL;
  if (ok) {
    pick_nodes(&P);
    s = g_string_new(NULL);
    g_string_append_printf(s, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
                              "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
                              "<title>%s</title><style>",
                           lang == CG_LANG_ZH ? "zh-CN" : "en", cg__tr_in(lang, "chaingraph report"));
    append_asset(s, "report.css");
    g_string_append(s, "</style></head><body>\n<div id=\"app\"></div>\n");
    ok = emit_svgs(s, &P, error);
    cg__work_report(&page, 0.3);
  }
  if (ok) {
    g_string_append(s, "<script type=\"application/json\" id=\"cg-data\">{");
    g_string_append_printf(s, "\"lang\":\"%s\",\"version\":\"" CG_VERSION_STRING "\",", cg__lang_code(lang));
    g_string_append_printf(s, "\"stats\":{\"nodes\":%u,\"edges\":%u,\"regions\":%u,\"chains\":%u,"
                              "\"documents\":%u,\"page_nodes\":%u,\"all_nodes\":%d},",
                           cg__n(g), cg__m(g), g->regions->len, g->chains->len, g->documents->len,
                           P.nodes->len, P.nodes->len == cg__n(g));
    g_string_append(s, "\"documents\":[");
    for (guint d = 0; d < g->documents->len; d++) {
      const CgDocRec *doc = g->documents->pdata[d];
      g_string_append_printf(s, "%s[", d ? "," : "");
      jstr(s, doc->key ? doc->key : doc->file);
      g_string_append_c(s, ',');
      jstr(s, doc->title ? doc->title : doc->file);
      g_string_append_c(s, ']');
    }
    g_string_append(s, "],");
    emit_nodes(s, &P);
    cg__work_report(&page, 0.6);
    g_string_append_c(s, ',');
    emit_regions(s, &P);
    g_string_append_c(s, ',');
    emit_chain_list(s, &P);
    g_string_append(s, ",\"L\":{\"zh\":");
    emit_lang(s, &P, CG_LANG_ZH, lang == CG_LANG_ZH ? csv : NULL);
    g_string_append(s, ",\"en\":");
    emit_lang(s, &P, CG_LANG_EN, lang == CG_LANG_EN ? csv : NULL);
    g_string_append(s, "}}</script>\n<script>");
    append_asset(s, "report.js");
    g_string_append(s, "</script>\n</body></html>\n");
    cg__work_report(&page, 0.8);
  }
  if (ok && o->csv_dir)
    ok = write_csv(csv, o->csv_dir, error);
  if (ok && path) {
    ok = cg__file_write(path, s->str, s->len, error);
  }
  cg__work_report(&page, 1.0);
  if (s)
    g_string_free(s, TRUE);
  g_ptr_array_unref(csv);
  for (guint i = 0; i < P.n_cards; i++)
    card_clear(&P.cards[i]);
  g_free(P.cards);
  if (P.shown)
    g_array_unref(P.shown);
  g_free(P.on_page);
  g_array_unref(P.nodes);
  g_array_unref(P.chains);
  return ok;
}

/* The report in the terminal: three sections wrapped at the requested width. */
#include "present/report-private.h"

#include <string.h>

/* A source line quotes at most this many display columns of the document. */
#define QUOTE_COLS 72

static void
text_header(GString *s, const CgGraph *g, guint W)
{
  guint n_apps = 0, n_choke = 0;
  for (guint32 v = 0; v < cg__n(g); v++) {
    n_apps += cg__is_app(g, v);
    n_choke += cg__node(g, v)->x && cg__node(g, v)->x->chokepoints;
  }
  GString *h = g_string_new(NULL);
  g_string_append_printf(h, "chaingraph report — %u nodes (%u applications, %u with chokepoint "
                            "evidence), %u edges, %u regions, %u chains from %u document%s",
                         cg__n(g), n_apps, n_choke, cg__m(g), g->regions->len, g->chains->len,
                         g->documents->len, g->documents->len == 1 ? "" : "s");
  for (guint d = 0; d < g->documents->len && d < 12; d++)
    g_string_append_printf(h, "%s%s", d ? ", " : ": ", cg_document_key(g, d));
  if (g->documents->len > 12)
    g_string_append(h, ", …");
  cg__report_append_wrapped(s, h->str, 0, W, "");
  g_string_free(h, TRUE);
}

static void
text_bottlenecks(GString *s, const CgGraph *g, const Report *R, guint W)
{
  const CgBottlenecks *b = R->b;
  cg__report_heading(s, "BOTTLENECKS: the share of application weight lost when one product is lost", W);
  for (gsize i = 0; i < b->n_items; i++) {
    const CgBottleneck *it = &b->items[i];
    const char *label = cg_node_label(g, it->node), *id = cg_node_id(g, it->node);
    char *head = strcmp(label, id)
                     ? g_strdup_printf("%2zu. %5.1f%%  %s (%s)", i + 1, 100 * it->criticality, label, id)
                     : g_strdup_printf("%2zu. %5.1f%%  %s", i + 1, 100 * it->criticality, label);
    cg__report_append_wrapped(s, head, 0, W, "           ");
    g_free(head);
    g_string_append(s, "    ");
    cg__report_append_wrapped(s, cg__report_without_subject(it->why, label), 4, W, "    ");
    char *src = cg__report_cite(g, cg__node_quote(g, it->node), QUOTE_COLS);
    if (src) {
      char *line = g_strdup_printf("source: %s", src);
      g_string_append(s, "    ");
      cg__report_append_wrapped(s, line, 4, W, "    ");
      g_free(line);
      g_free(src);
    }
  }
  if (b->n_items == 0)
    g_string_append(s, "No single product's loss costs any application.\n");
  if (!b->exact)
    g_string_append_printf(s, "(criticality estimated from %zu sampled applications)\n", b->samples);
}

void
cg__report_expected_loss_line(GString *line, const CgRisk *r)
{
  char *share = cg_text_percent(r->total_weight > 0 ? r->expected_loss / r->total_weight : 0);
  g_string_append_printf(line, "Expected loss: %.3g of %g application weight (%s)",
                         r->expected_loss, r->total_weight, share);
  g_free(share);
  if (strcmp(r->method, "exact") == 0)
    g_string_append_printf(line, ", exact over %zu state%s of %zu uncertain node%s", r->states,
                           r->states == 1 ? "" : "s", r->n_uncertain,
                           r->n_uncertain == 1 ? "" : "s");
  else
    g_string_append_printf(line, ", 95%% CI %.3g–%.3g (Monte Carlo, %zu samples, seed %" G_GUINT64_FORMAT
                                 "; %zu uncertain nodes)",
                           r->ci95[0], r->ci95[1], r->samples, r->seed, r->n_uncertain);
}

static void
text_risk(GString *s, const CgGraph *g, const Report *R, guint W)
{
  const CgRisk *r = R->risk;
  cg__report_heading(s, "SUPPLY RISK: the supplier → consumer links most likely to break", W);
  GString *line = g_string_new(NULL);
  cg__report_expected_loss_line(line, r);
  g_string_append(line, ". Link score = P(supplier fails) × dependence of the consumer on it × "
                        "criticality of the consumer.");
  cg__report_append_wrapped(s, line->str, 0, W, "");
  g_string_free(line, TRUE);
  gsize shown = 0;
  for (gsize i = 0; i < r->n_links; i++) {
    const CgRiskLink *l = &r->links[i];
    if (l->score <= 0)
      break;
    shown++;
    char *subject = g_strdup_printf("%s → %s", cg_node_label(g, l->source), cg_node_label(g, l->target));
    char *head = g_strdup_printf("%2zu. %.4f  %s  (P %.3f × dependence %.2g × criticality %.1f%%)",
                                 i + 1, l->score, subject, l->probability, l->dependence,
                                 100 * l->criticality);
    cg__report_append_wrapped(s, head, 0, W, "            ");
    g_string_append(s, "    ");
    cg__report_append_wrapped(s, cg__report_without_subject(l->why, subject), 4, W, "    ");
    char *src = cg__report_link_source(g, l->edge, QUOTE_COLS);
    if (src) {
      char *sl = g_strdup_printf("source: %s", src);
      g_string_append(s, "    ");
      cg__report_append_wrapped(s, sl, 4, W, "    ");
      g_free(sl);
      g_free(src);
    }
    g_free(head);
    g_free(subject);
  }
  if (!shown)
    g_string_append(s, "No link can fail: no node has a failure probability above zero.\n");
}

static void
text_complement(GString *s, const CgGraph *g, const Report *R, const CgReportOptions *o, guint W)
{
  const CgComplement *c = R->comp;
  char *title = g_strdup_printf("COMPLEMENTARY REGIONS: which fill each other's gaps (%s level%s)",
                                c->level, R->fell_back ? ": fewer than two provinces" : "");
  cg__report_heading(s, title, W);
  g_free(title);
  if (c->n_regions < 2) {
    cg__report_append_wrapped(s, R->fell_back || o->level ? "Fewer than two regions at this level: nothing to compare."
                                               : "Fewer than two regions at province or city level: nothing to compare.",
                   0, W, "");
    return;
  }
  char *intro = g_strdup_printf("%zu regions, %zu ordered pairs. Score: the share of the "
                                "receiver's gap weight the supplier fills (a region's gaps are the "
                                "inputs of what it makes that it does not make, weighted by "
                                "criticality).",
                                c->n_regions, c->n_ordered_pairs);
  cg__report_append_wrapped(s, intro, 0, W, "");
  g_free(intro);
  gsize shown = 0;
  for (gsize i = 0; i < c->n_pairs && shown < o->top; i++) {
    const CgComplementPair *p = &c->pairs[i];
    if (p->score <= 0)
      break;
    char *subject = g_strdup_printf("%s → %s", cg_complement_region_name(g, c, p->from),
                                    cg_complement_region_name(g, c, p->to));
    char *sc = cg_text_percent(p->score), *sy = cg_text_percent(p->symmetric), *ov = cg_text_percent(p->overlap);
    char *head = g_strdup_printf("%2zu. %4s  %s  (both ways %s, overlap %s, %u link%s)", i + 1,
                                 sc, subject, sy, ov, p->n_links, p->n_links == 1 ? "" : "s");
    cg__report_append_wrapped(s, head, 0, W, "          ");
    char *why = cg_complement_pair_why(g, c, i);
    g_string_append(s, "    ");
    cg__report_append_wrapped(s, cg__report_without_subject(why, subject), 4, W, "    ");
    cg_free(why);
    g_free(head);
    g_free(sc);
    g_free(sy);
    g_free(ov);
    g_free(subject);
    shown++;
  }
  if (!shown)
    g_string_append(s, "No region makes an input another one lacks.\n");
}

char *
cg__report_report_text(const CgGraph *g, const CgReportOptions *o, const Report *R)
{
  guint W = o->width >= 40 ? o->width : 80;
  GString *s = g_string_new(NULL);
  text_header(s, g, W);
  text_bottlenecks(s, g, R, W);
  text_risk(s, g, R, W);
  text_complement(s, g, R, o, W);
  g_string_append_c(s, '\n');
  cg__report_append_wrapped(s, "More: chaingraph bottlenecks, risk, complement --region NAME; "
                    "the page with a diagram per chain: chaingraph report --html report.html",
                 0, W, "");
  return g_string_free(s, FALSE);
}

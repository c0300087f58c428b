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
  g_string_append_printf(h, T("chaingraph report — %u nodes (%u applications, %u with chokepoint "
                            "evidence), %u edges, %u regions, %u chains from %u document%s"),
                         cg__n(g), n_apps, n_choke, cg__m(g), g->regions->len, g->chains->len,
                         g->documents->len, g->documents->len == 1 ? "" : "s");
  for (guint d = 0; d < g->documents->len && d < 12; d++)
    g_string_append_printf(h, "%s%s", d ? ", " : ": ", cg_document_key(g, d));
  if (g->documents->len > 12)
    g_string_append(h, ", …");
  cg__report_append_wrapped(s, h->str, 0, W, "");
  g_string_free(h, TRUE);
  CgFootingOptions f;
  cg_graph_footing(g, &f);
  char *foot = g_strdup_printf(
      T("Footing: %s, %s, %s (what each answer rests on: the last section)."),
      f.horizon == CG_HORIZON_PRESENT ? T("present capabilities only (--horizon present)")
                                      : T("present and planned capabilities (--horizon planned)"),
      f.without_inferred ? T("inferred statements left out (--without-inferred)")
                         : T("inferred statements included"),
      f.weights == CG_WEIGHTS_UNIFORM ? T("every application weighs 1 (--weights uniform)")
                                      : T("application weights from the data (--weights data)"));
  cg__report_append_wrapped(s, foot, 0, W, "");
  g_free(foot);
}

static void
text_bottlenecks(GString *s, const CgGraph *g, const Report *R, guint W)
{
  const CgBottlenecks *b = R->b;
  cg__report_heading(s, T("BOTTLENECKS: the share of application weight lost when one product is lost"), W);
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
    char *line = cg__report_bottleneck_footing(g, R, it);
    if (line) {
      g_string_append(s, "    ");
      cg__report_append_wrapped(s, line, 4, W, "    ");
      g_free(line);
    }
    char *src = cg__report_cite(g, cg__node_quote(g, it->node), QUOTE_COLS);
    if (src) {
      char *line = g_strdup_printf(T("source: %s"), src);
      g_string_append(s, "    ");
      cg__report_append_wrapped(s, line, 4, W, "    ");
      g_free(line);
      g_free(src);
    }
  }
  if (b->n_items == 0)
    g_string_append(s, T("No single product's loss costs any application.\n"));
  if (!b->exact)
    g_string_append_printf(s, T("(criticality estimated from %zu sampled applications)\n"), b->samples);
}

void
cg__report_expected_loss_line(GString *line, const CgRisk *r)
{
  char *share = cg_text_percent(r->total_weight > 0 ? r->expected_loss / r->total_weight : 0);
  g_string_append_printf(line, T("Expected loss: %.3g of %g application weight (%s)"),
                         r->expected_loss, r->total_weight, share);
  g_free(share);
  if (strcmp(r->method, "exact") == 0)
    g_string_append_printf(line, T(", exact over %zu state%s of %zu uncertain node%s"), r->states,
                           r->states == 1 ? "" : "s", r->n_uncertain,
                           r->n_uncertain == 1 ? "" : "s");
  else
    g_string_append_printf(line, T(", 95%% CI %.3g–%.3g (Monte Carlo, %zu samples, seed %" G_GUINT64_FORMAT
                                 "; %zu uncertain nodes)"),
                           r->ci95[0], r->ci95[1], r->samples, r->seed, r->n_uncertain);
}

static void
text_risk(GString *s, const CgGraph *g, const Report *R, guint W)
{
  const CgRisk *r = R->risk;
  cg__report_heading(s, T("SUPPLY RISK: the supplier → consumer links most likely to break"), W);
  GString *line = g_string_new(NULL);
  cg__report_expected_loss_line(line, r);
  g_string_append(line, T(". Link score = P(supplier fails) × dependence of the consumer on it × "
                        "criticality of the consumer."));
  cg__report_append_wrapped(s, line->str, 0, W, "");
  g_string_free(line, TRUE);
  gsize shown = 0;
  for (gsize i = 0; i < r->n_links; i++) {
    const CgRiskLink *l = &r->links[i];
    if (l->score <= 0)
      break;
    shown++;
    char *subject = g_strdup_printf("%s → %s", cg_node_label(g, l->source), cg_node_label(g, l->target));
    char *head = g_strdup_printf(T("%2zu. %.4f  %s  (P %.3f × dependence %.2g × criticality %.1f%%)"),
                                 i + 1, l->score, subject, l->probability, l->dependence,
                                 100 * l->criticality);
    cg__report_append_wrapped(s, head, 0, W, "            ");
    g_string_append(s, "    ");
    cg__report_append_wrapped(s, cg__report_without_subject(l->why, subject), 4, W, "    ");
    gboolean plans = R->link_present && R->link_present[l->edge] != l->score;
    gboolean infer = R->link_noinf && R->link_noinf[l->edge] != l->score;
    if (plans || infer) {
      char *line = g_strdup_printf(T("%s%s%s (see the last section)"), plans ? T("RESTS ON PLANS") : "",
                                   plans && infer ? ", " : "", infer ? T("RESTS ON INFERENCE") : "");
      g_string_append(s, "    ");
      cg__report_append_wrapped(s, line, 4, W, "    ");
      g_free(line);
    }
    char *src = cg__report_link_source(g, l->edge, QUOTE_COLS);
    if (src) {
      char *sl = g_strdup_printf(T("source: %s"), src);
      g_string_append(s, "    ");
      cg__report_append_wrapped(s, sl, 4, W, "    ");
      g_free(sl);
      g_free(src);
    }
    g_free(head);
    g_free(subject);
  }
  if (!shown)
    g_string_append(s, T("No link can fail: no node has a failure probability above zero.\n"));
}

static void
text_complement(GString *s, const CgGraph *g, const Report *R, const CgReportOptions *o, guint W)
{
  const CgComplement *c = R->comp;
  char *title = g_strdup_printf(T("COMPLEMENTARY REGIONS: which fill each other's gaps (%s level%s)"),
                                T(c->level), R->fell_back ? T(": fewer than two provinces") : "");
  cg__report_heading(s, title, W);
  g_free(title);
  if (c->n_regions < 2) {
    cg__report_append_wrapped(s, R->fell_back || o->level ? T("Fewer than two regions at this level: nothing to compare.")
                                               : T("Fewer than two regions at province or city level: nothing to compare."),
                   0, W, "");
    return;
  }
  char *intro = g_strdup_printf(T("%zu regions, %zu ordered pairs. Score: the share of the "
                                "receiver's gap weight the supplier fills (a region's gaps are the "
                                "inputs of what it makes that it does not make, weighted by "
                                "criticality)."),
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
    char *head = g_strdup_printf(T("%2zu. %4s  %s  (both ways %s, overlap %s, %u link%s)"), i + 1,
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
    g_string_append(s, T("No region makes an input another one lacks.\n"));
}

/* ---- what the answers rest on ---------------------------------------------------------- */

static void
para(GString *s, const char *text, guint W, const char *indent)
{
  g_string_append(s, indent);
  cg__report_append_wrapped(s, text, (guint)strlen(indent), W, indent);
}

static char *
rho_text(double rho, gsize n)
{
  return isnan(rho) ? g_strdup(T("no rank correlation (fewer than two ranked items, or a reading "
                                "that ranks them all equal)"))
                    : g_strdup_printf(T("Spearman ρ = %.2f over the %zu items either reading ranks"), rho, n);
}

static void
footing_bottlenecks(GString *s, const CgGraph *g, const Report *R, const CgReportOptions *o, guint W)
{
  const CgBottlenecks *b = R->b;
  guint32 n = cg__n(g);
  /* the ranking's items are products: applications are left out of the comparison */
  double *base = g_new0(double, n ? n : 1);
  for (guint32 v = 0; v < n; v++)
    base[v] = cg__is_app(g, v) ? 0 : b->criticality[v];
  g_string_append(s, T("Bottlenecks\n"));
  if (R->crit_noinf) {
    double *x = g_new0(double, n ? n : 1);
    for (guint32 v = 0; v < n; v++)
      x[v] = cg__is_app(g, v) ? 0 : R->crit_noinf[v];
    gsize k;
    double rho = cg__spearman(base, x, n, &k);
    char *rt = rho_text(rho, k);
    char *line = g_strdup_printf(T("Without the inferred statements (--without-inferred): %s."), rt);
    para(s, line, W, "  ");
    g_free(line);
    g_free(rt);
    guint marked = 0;
    for (gsize i = 0; i < b->n_items; i++) {
      const CgBottleneck *it = &b->items[i];
      if (R->crit_noinf[it->node] == it->criticality)
        continue;
      marked++;
      char *inf = cg__inferred_within(g, it->lost, it->n_lost, 2);
      char *l = g_strdup_printf(T("%zu. %s %.1f%% → %.1f%%: rests on inference: %s"), i + 1,
                                cg_node_label(g, it->node), 100 * it->criticality,
                                100 * R->crit_noinf[it->node],
                                inf ? inf : T("inferred statements upstream of it"));
      para(s, l, W, "    ");
      g_free(l);
      g_free(inf);
    }
    if (!marked)
      para(s, T("None of the top answers changes without them."), W, "    ");
    g_free(x);
  } else {
    para(s, T("No statement of the graph is marked inferred (or they are left out already)."), W, "  ");
  }
  para(s, T("The horizon changes no bottleneck: criticality reads no capability claim (the regional "
          "single points of `chaingraph bottlenecks` do)."), W, "  ");
  if (R->crit_uniform) {
    double *x = g_new0(double, n ? n : 1);
    GArray *order = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint32 v = 0; v < n; v++) {
      x[v] = cg__is_app(g, v) ? 0 : R->crit_uniform[v];
      if (x[v] > 0)
        g_array_append_val(order, v);
    }
    cg__sort_nodes_by_value(g, order, x);
    gsize k;
    double rho = cg__spearman(base, x, n, &k);
    gsize top = MIN((gsize)o->top, b->n_items);
    GString *in = g_string_new(NULL), *out = g_string_new(NULL);
    for (guint i = 0; i < order->len && i < top; i++) {
      guint32 v = g_array_index(order, guint32, i);
      gboolean was = FALSE;
      for (gsize j = 0; j < top; j++)
        was = was || b->items[j].node == v;
      if (!was)
        g_string_append_printf(in, "%s%s %.1f%%", in->len ? ", " : "", cg_node_label(g, v), 100 * x[v]);
    }
    for (gsize j = 0; j < top; j++) {
      gboolean stays = FALSE;
      for (guint i = 0; i < order->len && i < top; i++)
        stays = stays || g_array_index(order, guint32, i) == b->items[j].node;
      if (!stays)
        g_string_append_printf(out, "%s%s", out->len ? ", " : "", cg_node_label(g, b->items[j].node));
    }
    char *rt = rho_text(rho, k);
    char *line = in->len || out->len
                     ? g_strdup_printf(T("With every application weighing 1 (--weights uniform) the "
                                       "top %zu changes: in %s; out %s (%s)."),
                                       top, in->str, out->str, rt)
                     : g_strdup_printf(T("With every application weighing 1 (--weights uniform) the "
                                       "top %zu is the same set (%s)."),
                                       top, rt);
    para(s, line, W, "  ");
    g_free(line);
    g_free(rt);
    g_string_free(in, TRUE);
    g_string_free(out, TRUE);
    g_array_free(order, TRUE);
    g_free(x);
  }
  g_free(base);
}

static void
footing_risk(GString *s, const CgGraph *g, const Report *R, guint W)
{
  const CgRisk *r = R->risk;
  guint32 m = cg__m(g);
  g_string_append(s, T("Supply-risk links\n"));
  const double *reading[2] = {R->link_present, R->link_noinf};
  const char *what[2] = {T("At the present horizon (--horizon present: only what regions make now)"),
                         T("Without the inferred statements (--without-inferred)")};
  for (int k = 0; k < 2; k++) {
    if (!reading[k])
      continue;
    gsize nk;
    double rho = cg__spearman(r->link_score, reading[k], m, &nk);
    char *rt = rho_text(rho, nk);
    char *line = g_strdup_printf(T("%s: %s."), what[k], rt);
    para(s, line, W, "  ");
    g_free(line);
    g_free(rt);
  }
  for (gsize i = 0; i < r->n_links; i++) {
    const CgRiskLink *l = &r->links[i];
    if (l->score <= 0)
      break;
    char *why = cg__report_link_footing(g, R, l);
    if (why) {
      char *line = g_strdup_printf(T("%zu. %s → %s %.4f: %s"), i + 1, cg_node_label(g, l->source),
                                   cg_node_label(g, l->target), l->score, why);
      para(s, line, W, "    ");
      g_free(line);
    }
    g_free(why);
  }
}

static void
footing_complement(GString *s, const CgGraph *g, const Report *R, const CgReportOptions *o, guint W)
{
  const CgComplement *c = R->comp;
  if (!c || c->n_regions < 2)
    return;
  g_string_append(s, T("Complementary regions\n"));
  if (R->comp_present || R->comp_noinf) {
    gsize shown = 0;
    for (gsize i = 0; i < c->n_pairs && shown < o->top; i++) {
      const CgComplementPair *p = &c->pairs[i];
      if (p->score <= 0)
        break;
      shown++;
      GString *l = g_string_new(NULL);
      g_string_append_printf(l, "%zu. %s → %s %.0f%%", i + 1, cg_complement_region_name(g, c, p->from),
                             cg_complement_region_name(g, c, p->to), 100 * p->score);
      char *pf = cg__report_pair_footing(g, R, p);
      g_string_append(l, pf);
      g_free(pf);
      para(s, l->str, W, "    ");
      g_string_free(l, TRUE);
    }
  }
  if (!R->comp_present)
    return;
  /* Each region's gaps at the present horizon, by what closes them. */
  para(s, T("Gaps at the present horizon (inputs of what a region makes now that it does not "
          "make), by what closes them, as shares of the region's gap weight: its own plan; "
          "another region that makes it now; another region's plan; only foreign supply; "
          "nothing in the documents."), W, "  ");
  gsize nc;
  CgReportClosure *cl = cg__report_closures(g, R, &nc);
  for (gsize i = 0; i < nc; i++) {
    const CgReportClosure *x = &cl[i];
    double W0 = x->weight;
    char *line = g_strdup_printf(T("%s (%zu gaps, weight %.3g): own plan %.0f%%, made now elsewhere "
                                 "%.0f%%, another's plan %.0f%%, only foreign %.0f%%, none %.0f%%"),
                                 x->name, x->n_gaps, W0, 100 * x->w[0] / W0, 100 * x->w[1] / W0,
                                 100 * x->w[2] / W0, 100 * x->w[3] / W0, 100 * x->w[4] / W0);
    para(s, line, W, "    ");
    g_free(line);
  }
  g_free(cl);
}

static void
text_footing(GString *s, const CgGraph *g, const Report *R, const CgReportOptions *o, guint W)
{
  cg__report_heading(s, T("WHAT THE ANSWERS REST ON: plans, inferences, weights"), W);
  CgFootingOptions f;
  cg_graph_footing(g, &f);
  char *line = g_strdup_printf(
      T("This report: %s, %s, %s. Each ranking is compared with the other readings; an item is "
      "marked where its value differs."),
      f.horizon == CG_HORIZON_PRESENT ? T("present capabilities only") : T("present and planned capabilities"),
      f.without_inferred ? T("inferred statements left out") : T("inferred statements included"),
      f.weights == CG_WEIGHTS_UNIFORM ? T("every application weighing 1") : T("application weights from the data"));
  cg__report_append_wrapped(s, line, 0, W, "");
  g_free(line);
  footing_bottlenecks(s, g, R, o, W);
  footing_risk(s, g, R, W);
  footing_complement(s, g, R, o, W);
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
  text_footing(s, g, R, o, W);
  g_string_append_c(s, '\n');
  cg__report_append_wrapped(s, T("More: chaingraph bottlenecks, risk, complement --region NAME; "
                    "the page with a diagram per chain: chaingraph report --html report.html"),
                 0, W, "");
  return g_string_free(s, FALSE);
}

/* The risk analysis and its scenarios as JSON. */
#include "analysis/risk-private.h"
#include "present/cg-present.h"

#include <math.h>
#include <string.h>

static void
json_pair(JsonBuilder *b, const char *key, double lo, double hi)
{
  json_builder_set_member_name(b, key);
  json_builder_begin_array(b);
  json_builder_add_double_value(b, lo);
  json_builder_add_double_value(b, hi);
  json_builder_end_array(b);
}

static void
json_provs(JsonBuilder *b, const CgGraph *g, guint32 e)
{
  json_builder_begin_array(b);
  for (gsize i = 0; i < cg_edge_n_provenance(g, e); i++) {
    const CgProvenance *p = cg_edge_provenance(g, e, i);
    json_builder_begin_object(b);
    cg__json_str(b, "document", p->document >= 0 ? cg_document_file(g, (gsize)p->document) : NULL);
    cg__json_str(b, "section", p->section);
    cg__json_str(b, "quote", p->quote);
    cg__json_str(b, "inferred", p->inferred);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

typedef struct {
  const double *p;
  const guint32 *rank;
} NodeSort;

static int
cmp_nodes(const void *a, const void *b, void *data)
{
  const NodeSort *s = data;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  return cg__cmp_desc_then_rank(s->rank, (double)quant(s->p[x]), (double)quant(s->p[y]), x, y);
}

/* "expected_loss": the mean, its interval, and how it was computed. */
static void
json_expected_loss(JsonBuilder *b, const CgRisk *r)
{
  json_builder_set_member_name(b, "expected_loss");
  json_builder_begin_object(b);
  cg__json_num(b, "mean", r->expected_loss);
  json_pair(b, "ci95", r->ci95[0], r->ci95[1]);
  cg__json_num(b, "share", r->total_weight > 0 ? r->expected_loss / r->total_weight : 0);
  cg__json_num(b, "total_weight", r->total_weight);
  cg__json_int(b, "samples", (gint64)r->samples);
  cg__json_int(b, "states", (gint64)r->states);
  cg__json_str(b, "method", r->method);
  cg__json_int(b, "seed", (gint64)r->seed);
  cg__json_int(b, "uncertain", (gint64)r->n_uncertain);
  json_builder_end_object(b);
}

/* "nodes": every node by probability (then id), with its factors, why and evidence. */
/* The node records are written as text directly, in the layout json-glib's pretty generator
 * gives the rest of the document (two spaces a level, `"key" : value`, numbers as %.17g
 * with ".0" when that reads as an integer, NaN as null): a tree of a million records cost
 * most of `risk --json`'s time at 10^6 nodes. The tests compare it with json-glib's text. */
static void
t_str(GString *o, const char *s)
{
  if (!s) {
    g_string_append(o, "null");
    return;
  }
  g_string_append_c(o, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch (*p) {
    case '"': g_string_append(o, "\\\""); break;
    case '\\': g_string_append(o, "\\\\"); break;
    case '\b': g_string_append(o, "\\b"); break;
    case '\f': g_string_append(o, "\\f"); break;
    case '\n': g_string_append(o, "\\n"); break;
    case '\r': g_string_append(o, "\\r"); break;
    case '\t': g_string_append(o, "\\t"); break;
    default:
      if (*p < 0x20)
        g_string_append_printf(o, "\\u%04x", *p);
      else
        g_string_append_c(o, (char)*p);
    }
  }
  g_string_append_c(o, '"');
}

static void
t_num(GString *o, double x)
{
  if (isnan(x) || isinf(x)) {
    g_string_append(o, "null");
    return;
  }
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd(buf, sizeof buf, "%.17g", x);
  g_string_append(o, buf);
  if (!strchr(buf, '.') && !strchr(buf, 'e'))
    g_string_append(o, ".0");
}

/* `,\n` + @ind spaces + `"key" : ` (no comma before the first member: @first) */
static void
t_key(GString *o, int ind, gboolean first, const char *key)
{
  g_string_append(o, first ? "\n" : ",\n");
  for (int i = 0; i < ind; i++)
    g_string_append_c(o, ' ');
  g_string_append_printf(o, "\"%s\" : ", key);
}

static void
t_close(GString *o, int ind, char c)
{
  g_string_append_c(o, '\n');
  for (int i = 0; i < ind; i++)
    g_string_append_c(o, ' ');
  g_string_append_c(o, c);
}

/* One node's record of "nodes", at depth 2 (four spaces). */
static void
node_text(GString *o, const CgGraph *g, const CgRisk *r, guint32 v)
{
  const CgNodeRec *nd = cg__node(g, v);
  const CgRiskFactors *f = &r->factors[v];
  g_string_append(o, "    {");
  t_key(o, 6, TRUE, "id");
  t_str(o, nd->id);
  t_key(o, 6, FALSE, "name");
  t_str(o, nd->name);
  t_key(o, 6, FALSE, "name_en");
  t_str(o, nd->name_en);
  t_key(o, 6, FALSE, "stage");
  t_str(o, cg_stage_to_string(nd->stage));
  t_key(o, 6, FALSE, "probability");
  t_num(o, r->probability[v]);
  t_key(o, 6, FALSE, "criticality");
  t_num(o, r->criticality[v]);
  t_key(o, 6, FALSE, "factors");
  g_string_append_c(o, '{');
  t_key(o, 8, TRUE, "concentration");
  t_num(o, f->concentration);
  t_key(o, 8, FALSE, "regions");
  g_string_append_printf(o, "%u", (guint)f->n_regions);
  t_key(o, 8, FALSE, "foreign");
  t_num(o, f->foreign);
  t_key(o, 8, FALSE, "chokepoint");
  t_str(o, cg_chokepoint_kind_to_string(f->chokepoint));
  const struct {
    const char *k;
    double x;
  } rest[] = {{"import_share", f->import_share},   {"substitutability", f->substitutability},
              {"substitution", f->substitution},   {"recycling_rate", f->recycling_rate},
              {"recycling", f->recycling},         {"stage", f->stage},
              {"score", f->score}};
  for (guint i = 0; i < G_N_ELEMENTS(rest); i++) {
    t_key(o, 8, FALSE, rest[i].k);
    t_num(o, rest[i].x);
  }
  t_close(o, 6, '}');
  char *why = cg_risk_node_why(g, r, v);
  t_key(o, 6, FALSE, "why");
  t_str(o, why);
  g_free(why);
  t_key(o, 6, FALSE, "evidence");
  g_string_append_c(o, '[');
  gboolean any = FALSE;
  for (int pass = 0; pass < 2 && nd->x; pass++) {
    GArray *a = pass == 0 ? nd->x->chokepoints : nd->x->provenance;
    for (guint i = 0; a && i < a->len; i++) {
      const CgProvenance *p = &g_array_index(a, CgProvenance, i);
      if (!p->quote && !p->inferred)
        continue;
      g_string_append(o, any ? ",\n        {" : "\n        {");
      any = TRUE;
      t_key(o, 10, TRUE, "kind");
      t_str(o, pass == 0 ? nd->x->chokepoint_kinds->pdata[i] : "claim");
      t_key(o, 10, FALSE, "document");
      t_str(o, p->document >= 0 ? cg_document_file(g, (gsize)p->document) : NULL);
      t_key(o, 10, FALSE, "section");
      t_str(o, p->section);
      t_key(o, 10, FALSE, "quote");
      t_str(o, p->quote);
      t_key(o, 10, FALSE, "inferred");
      t_str(o, p->inferred);
      t_close(o, 8, '}');
    }
  }
  if (any)
    t_close(o, 6, ']');
  else
    g_string_append_c(o, ']');
  t_close(o, 4, '}');
}

/* The members of "nodes" (every node, by probability descending, then id) as text at depth 2. */
static GString *
json_nodes_text(const CgGraph *g, const CgRisk *r)
{
  const Priv *pv = r->priv;
  guint32 n = (guint32)r->n_nodes;
  guint32 *idx = g_new(guint32, n ? n : 1);
  for (guint32 v = 0; v < n; v++)
    idx[v] = v;
  NodeSort ns = {r->probability, pv->id_rank};
  g_qsort_with_data(idx, (gint)n, sizeof(guint32), cmp_nodes, &ns);
  GString *out = g_string_sized_new((gsize)n * 700 + 16);
  for (guint32 i = 0; i < n; i++) {
    if (i)
      g_string_append(out, ",\n");
    node_text(out, g, r, idx[i]);
  }
  g_free(idx);
  return out;
}

/* "links": the first @top_links links by score; those past the result's own list get
 * their sentence here. */
static void
json_links(JsonBuilder *b, const CgGraph *g, const CgRisk *r, gsize top_links)
{
  const Priv *pv = r->priv;
  gsize nl = top_links ? MIN(top_links, r->n_edges) : r->n_edges;
  CgKernel kn;
  gboolean kn_ready = FALSE;
  /* Each link's score without the inferred statements (cg_graph_restrict()): 0 for a link
   * that is itself an inference. */
  CgGraph *h = cg__footing_reading(g, CG__READ_NO_INFERRED);
  double *noinf = h ? cg__footing_link_scores(g, h, r) : NULL;
  cg_graph_free(h);
  json_builder_set_member_name(b, "links");
  json_builder_begin_array(b);
  const guint32 *order = nl > r->n_links ? cg_risk_link_order(r) : NULL;
  for (gsize i = 0; i < nl; i++) {
    guint32 e = order ? order[i] : r->links[i].edge, u = g->esrc[e], v = cg__edge_dst(g, e), gi = g->egroup[e];
    guint32 k = g->gmem_off[gi + 1] - g->gmem_off[gi];
    json_builder_begin_object(b);
    cg__json_str(b, "source", cg__node(g, u)->id);
    cg__json_str(b, "target", cg__node(g, v)->id);
    cg__json_str(b, "source_name", cg_node_label(g, u));
    cg__json_str(b, "target_name", cg_node_label(g, v));
    cg__json_num(b, "score", r->link_score[e]);
    cg__json_num(b, "score_without_inferred", noinf ? noinf[e] : r->link_score[e]);
    json_builder_set_member_name(b, "inferred");
    json_builder_add_boolean_value(b, cg_edge_inferred(g, e));
    json_builder_set_member_name(b, "factors");
    json_builder_begin_object(b);
    cg__json_num(b, "probability", r->probability[u]);
    cg__json_num(b, "dependence", 1.0 / k);
    cg__json_int(b, "alternatives", k);
    cg__json_num(b, "criticality", r->criticality[v]);
    json_builder_end_object(b);
    cg__json_num(b, "criticality_share", r->link_share[e]);
    if (i < r->n_links) {
      cg__json_str(b, "why", r->links[i].why);
    } else {
      if (!kn_ready) {
        cg__kernel_init(&kn, g, &pv->E.b);
        kn_ready = TRUE;
      }
      char *why = cg__risk_link_why_with(g, r, &kn, e);
      cg__json_str(b, "why", why);
      g_free(why);
    }
    json_builder_set_member_name(b, "evidence");
    cg__json_evidence(b, g, u);
    json_builder_set_member_name(b, "provenance");
    json_provs(b, g, e);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  g_free(noinf);
  if (kn_ready)
    cg__kernel_clear(&kn);
}

/* "applications": each application's failure probability. */
static void
json_applications(JsonBuilder *b, const CgGraph *g, const CgRisk *r)
{
  json_builder_set_member_name(b, "applications");
  json_builder_begin_array(b);
  for (gsize i = 0; i < r->n_applications; i++) {
    const CgRiskApplication *a = &r->applications[i];
    json_builder_begin_object(b);
    cg__json_str(b, "id", cg__node(g, a->node)->id);
    cg__json_str(b, "name", cg__node(g, a->node)->name);
    cg__json_num(b, "weight", a->weight);
    cg__json_num(b, "failure_probability", a->failure_probability);
    json_builder_set_member_name(b, "producible");
    json_builder_add_boolean_value(b, a->producible);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

/* "invest": where to invest, with the reduction's interval and why. */
static void
json_invest(JsonBuilder *b, const CgGraph *g, const CgRisk *r)
{
  json_builder_set_member_name(b, "invest");
  json_builder_begin_array(b);
  for (gsize i = 0; i < r->n_invest; i++) {
    const CgRiskInvestment *it = &r->invest[i];
    json_builder_begin_object(b);
    cg__json_str(b, "id", cg__node(g, it->node)->id);
    cg__json_str(b, "name", cg__node(g, it->node)->name);
    cg__json_num(b, "probability", it->probability);
    cg__json_num(b, "reduction", it->reduction);
    json_pair(b, "ci95", it->ci95[0], it->ci95[1]);
    cg__json_str(b, "why", it->why);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

/* "profile": the constants the model ran with. */
static void
json_profile(JsonBuilder *b, const CgRisk *r)
{
  const Priv *pv = r->priv;
  json_builder_set_member_name(b, "profile");
  json_builder_begin_object(b);
  for (guint i = 0; i < P_N; i++) {
    if (cg__risk_profile_keys[i].boolean) {
      json_builder_set_member_name(b, cg__risk_profile_keys[i].key);
      json_builder_add_boolean_value(b, pv->profile.v[i] != 0);
    } else
      cg__json_num(b, cg__risk_profile_keys[i].key, pv->profile.v[i]);
  }
  json_builder_end_object(b);
}

/**
 * cg_risk_to_json:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @risk: the result of cg_risk() on @graph
 * @top_links: how many ranked links to list (0: every link)
 * @error: return location for a #GError, or %NULL
 *
 * The whole answer as JSON (the CLI's --json and the Python binding use it):
 * `{"method", "expected_loss": {"mean", "ci95", "share", "total_weight", "samples", "states",
 * "method", "seed", "uncertain"}, "nodes": [{"id", "name", "name_en", "stage", "probability",
 * "criticality", "factors": {…}, "why", "evidence"}], "links": [{"source", "target",
 * "source_name", "target_name", "score", "factors": {"probability", "dependence",
 * "alternatives", "criticality"}, "criticality_share", "why", "evidence", "provenance"}],
 * "applications": [{"id", "name", "weight", "failure_probability", "producible"}],
 * "invest": [{"id", "name", "probability", "reduction", "ci95", "why"}], "profile": {…}}`.
 * Nodes are listed by probability descending, then id; links in rank order.
 * Returns: (transfer full) (nullable): free with cg_free().
 * Complexity: O(V log V + top_links · V) (explaining links beyond @risk->links runs one loss
 * propagation each).
 */
char *
cg_risk_to_json(const CgGraph *g, const CgRisk *r, gsize top_links, GError **error)
{
  g_return_val_if_fail(g != NULL && r != NULL && r->n_nodes == cg__n(g), NULL);
  (void)error;
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  cg__json_footing(b, g);
  cg__json_str(b, "method", r->method);
  json_expected_loss(b, r);
  /* "nodes" is written apart (json_nodes_text()) and put in place of this empty array */
  json_builder_set_member_name(b, "nodes");
  json_builder_begin_array(b);
  json_builder_end_array(b);
  json_links(b, g, r, top_links);
  json_applications(b, g, r);
  json_invest(b, g, r);
  json_profile(b, r);
  json_builder_end_object(b);
  char *doc = cg__json_finish(b);
  if (!r->n_nodes)
    return doc;
  static const char hole[] = "\n  \"nodes\" : [],\n";
  char *at = strstr(doc, hole);
  g_return_val_if_fail(at != NULL, doc);
  /* the records' text, the rest of the document around it (no second copy of the records) */
  GString *o = json_nodes_text(g, r);
  g_string_prepend(o, "\n  \"nodes\" : [\n");
  g_string_prepend_len(o, doc, at - doc);
  g_string_append(o, "\n  ],\n");
  g_string_append(o, at + strlen(hole));
  cg_free(doc);
  return g_string_free(o, FALSE);
}

/**
 * cg_risk_scenario_to_json:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @scenario: the result of cg_risk_scenario() on @graph
 * @error: return location for a #GError, or %NULL
 *
 * `{"scenario", "impact", "lost_weight", "total_weight", "disrupted", "lost",
 * "lost_applications", "impact_why", "expected_loss": {"base": {"mean", "ci95"},
 * "scenario": {"mean", "ci95"}, "change": {"mean", "ci95"}, "method", "samples"}, "why"}` —
 * the keys of cg_impact_to_json() plus the expected-loss change.
 * Returns: (transfer full) (nullable): free with cg_free(). Complexity: O(lost nodes).
 */
char *
cg_risk_scenario_to_json(const CgGraph *g, const CgRiskScenario *sc, GError **error)
{
  g_return_val_if_fail(g != NULL && sc != NULL, NULL);
  (void)error;
  const CgImpact *im = sc->impact;
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  cg__json_footing(b, g);
  cg__json_str(b, "scenario", sc->label);
  cg__json_num(b, "impact", im->impact);
  cg__json_num(b, "lost_weight", im->lost_weight);
  cg__json_num(b, "total_weight", im->total_weight);
  const struct {
    const char *key;
    const guint32 *v;
    gsize n;
  } lists[] = {{"disrupted", im->disrupted, im->n_disrupted},
               {"lost", im->lost, im->n_lost},
               {"lost_applications", im->lost_applications, im->n_lost_applications}};
  for (guint l = 0; l < G_N_ELEMENTS(lists); l++) {
    json_builder_set_member_name(b, lists[l].key);
    json_builder_begin_array(b);
    for (gsize i = 0; i < lists[l].n; i++)
      json_builder_add_string_value(b, cg__node(g, lists[l].v[i])->id);
    json_builder_end_array(b);
  }
  char *iw = cg_impact_why(g, im);
  cg__json_str(b, "impact_why", iw);
  g_free(iw);
  json_builder_set_member_name(b, "expected_loss");
  json_builder_begin_object(b);
  const struct {
    const char *key;
    double mean;
    const double *ci;
  } parts[] = {{"base", sc->base_loss, sc->base_ci95},
               {"scenario", sc->loss, sc->ci95},
               {"change", sc->change, sc->change_ci95}};
  for (guint i = 0; i < G_N_ELEMENTS(parts); i++) {
    json_builder_set_member_name(b, parts[i].key);
    json_builder_begin_object(b);
    cg__json_num(b, "mean", parts[i].mean);
    json_pair(b, "ci95", parts[i].ci[0], parts[i].ci[1]);
    json_builder_end_object(b);
  }
  cg__json_str(b, "method", sc->method);
  cg__json_int(b, "samples", (gint64)sc->samples);
  json_builder_end_object(b);
  cg__json_str(b, "why", sc->why);
  json_builder_end_object(b);
  return cg__json_finish(b);
}

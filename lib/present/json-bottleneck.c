/* cg_bottlenecks_to_json: the bottleneck ranking as JSON. */
#include "present/cg-present.h"

#include <string.h>

/* One ranked node: its criticality (and, for a sampled ranking, the estimate and its
 * interval), what it takes down, its betweenness, why, and the evidence. */
static void
json_item(JsonBuilder *b, const CgGraph *g, const CgBottlenecks *r, const CgBottleneck *it,
          const double *noinf)
{
  const CgNodeRec *n = cg__node(g, it->node);
  json_builder_begin_object(b);
  cg__json_str(b, "id", n->id);
  cg__json_str(b, "name", n->name);
  cg__json_str(b, "name_en", n->name_en);
  cg__json_str(b, "stage", cg_stage_to_string(n->stage));
  json_builder_set_member_name(b, "criticality");
  json_builder_add_double_value(b, it->criticality);
  /* Its criticality without the inferred statements, and the inferences its loss runs
   * through (edges inside its lost set, each of whose statements is an inference). */
  json_builder_set_member_name(b, "criticality_without_inferred");
  json_builder_add_double_value(b, noinf ? noinf[it->node] : it->criticality);
  char *inf = cg__inferred_within(g, it->lost, it->n_lost, G_MAXUINT);
  cg__json_str(b, "rests_on_inference", noinf && noinf[it->node] != it->criticality ? inf : NULL);
  g_free(inf);
  if (!r->exact) {
    /* The listed value is exact; the ranking came from the estimate and its interval. */
    json_builder_set_member_name(b, "estimate");
    json_builder_add_double_value(b, r->criticality[it->node]);
    json_builder_set_member_name(b, "ci95");
    json_builder_begin_array(b);
    json_builder_add_double_value(b, r->ci_low[it->node]);
    json_builder_add_double_value(b, r->ci_high[it->node]);
    json_builder_end_array(b);
  }
  json_builder_set_member_name(b, "lost_weight");
  json_builder_add_double_value(b, it->lost_weight);
  json_builder_set_member_name(b, "lost");
  cg__json_ids(b, NULL, g, it->lost, it->n_lost);
  json_builder_set_member_name(b, "lost_applications");
  cg__json_ids(b, NULL, g, it->lost_applications, it->n_lost_applications);
  json_builder_set_member_name(b, "betweenness");
  if (isnan(it->betweenness))
    json_builder_add_null_value(b);
  else
    json_builder_add_double_value(b, it->betweenness);
  cg__json_str(b, "why", it->why);
  json_builder_set_member_name(b, "evidence");
  cg__json_evidence(b, g, it->node);
  json_builder_end_object(b);
}

/* Every application's single points and redundancy (a max-flow each); FALSE with @error
 * set when igraph fails. */
static gboolean
json_applications(JsonBuilder *b, const CgGraph *g, GError **error)
{
  json_builder_set_member_name(b, "applications");
  json_builder_begin_array(b);
  for (guint32 v = 0; v < cg__n(g); v++) {
    if (!cg__is_app(g, v))
      continue;
    gsize n_sp;
    guint32 *sp = cg_single_points(g, v, &n_sp);
    CgRedundancy *red = cg_redundancy(g, v, error);
    if (!red) {
      g_free(sp);
      return FALSE;
    }
    json_builder_begin_object(b);
    cg__json_str(b, "id", cg__node(g, v)->id);
    cg__json_str(b, "name", cg__node(g, v)->name);
    json_builder_set_member_name(b, "single_points");
    cg__json_ids(b, NULL, g, sp, n_sp);
    json_builder_set_member_name(b, "redundancy");
    if (red->size == G_MAXSIZE)
      json_builder_add_null_value(b);
    else
      json_builder_add_int_value(b, (gint64)red->size);
    json_builder_set_member_name(b, "redundancy_exact");
    json_builder_add_boolean_value(b, red->exact);
    json_builder_set_member_name(b, "cut");
    cg__json_ids(b, NULL, g, red->cut, red->n_cut);
    json_builder_end_object(b);
    g_free(sp);
    cg_redundancy_free(red);
  }
  json_builder_end_array(b);
  return TRUE;
}

/* The narrowest stage of every chain. */
static void
json_waists(JsonBuilder *b, const CgGraph *g)
{
  gsize nw;
  CgWaist *w = cg__narrow_waists(g, &nw);
  json_builder_set_member_name(b, "waists");
  json_builder_begin_array(b);
  for (gsize i = 0; i < nw; i++) {
    const CgChainRec *ch = g->chains->pdata[w[i].chain];
    GArray *st = ch->stages->pdata[w[i].stage];
    json_builder_begin_object(b);
    cg__json_str(b, "chain", ch->id);
    cg__json_str(b, "name", ch->name);
    g_autofree char *wwhy = cg_waist_why(g, &w[i]);
    cg__json_str(b, "why", wwhy);
    json_builder_set_member_name(b, "stage");
    json_builder_add_int_value(b, w[i].stage);
    json_builder_set_member_name(b, "stages");
    json_builder_add_int_value(b, w[i].n_stages);
    json_builder_set_member_name(b, "width");
    json_builder_add_int_value(b, w[i].width);
    json_builder_set_member_name(b, "nodes");
    cg__json_ids(b, NULL, g, (guint32 *)(void *)st->data, st->len);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  g_free(w);
}

/* Most critical first, then by node (as the text lists them). */
static int
cmp_regional(gconstpointer a, gconstpointer b, gpointer data)
{
  const double *crit = data;
  const CgRegionalPoint *x = a, *y = b;
  if (crit[x->node] != crit[y->node])
    return crit[x->node] > crit[y->node] ? -1 : 1;
  return x->node < y->node ? -1 : x->node > y->node;
}

/* Nodes produced in one region only, with the applications that depend on them, most
 * critical first. When the ranking was cut by its top (it lists fewer nodes than lose
 * something), only as many as it lists: --top bounds every list of the answer (a 100k-node
 * graph has tens of thousands of regional points, each a loss propagation). */
static void
json_regional_points(JsonBuilder *b, const CgGraph *g, const CgBottlenecks *r)
{
  gsize np, costly = 0;
  CgRegionalPoint *pts = cg__regional_single_points(g, &np);
  for (gsize v = 0; v < r->n_nodes; v++)
    costly += r->criticality[v] > 0 && !cg__is_app(g, (guint32)v);
  g_qsort_with_data(pts, (gint)np, sizeof(CgRegionalPoint), cmp_regional, r->criticality);
  if (r->n_items < costly && np > r->n_items)
    np = r->n_items;
  CgBaseline base;
  cg__baseline_init(g, &base);
  CgKernel kn;
  cg__kernel_init(&kn, g, &base);
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  json_builder_set_member_name(b, "regional_single_points");
  json_builder_begin_array(b);
  for (gsize i = 0; i < np; i++) {
    /* The applications that depend on it: one loss propagation (only for nodes whose
     * loss costs something). */
    g_array_set_size(apps, 0);
    if (r->criticality[pts[i].node] > 0) {
      cg__kernel_run(&kn, &pts[i].node, 1);
      for (guint k = 0; k < kn.k->len; k++) {
        guint32 v = g_array_index(kn.k, guint32, k);
        if (cg__kernel_lost(&kn, v) && cg__is_app(g, v))
          g_array_append_val(apps, v);
      }
      g_array_sort(apps, cg__cmp_u32);
    }
    json_builder_begin_object(b);
    cg__json_str(b, "id", cg__node(g, pts[i].node)->id);
    cg__json_str(b, "name", cg__node(g, pts[i].node)->name);
    cg__json_str(b, "region", ((CgRegionRec *)g->regions->pdata[pts[i].region])->name);
    cg__json_num(b, "criticality", r->criticality[pts[i].node]);
    cg__json_ids(b, "applications", g, (guint32 *)(void *)apps->data, apps->len);
    g_autofree char *why =
        cg_regional_point_why(g, &pts[i], (guint32 *)(void *)apps->data, apps->len);
    cg__json_str(b, "why", why);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  g_array_free(apps, TRUE);
  cg__kernel_clear(&kn);
  cg__baseline_clear(&base);
  g_free(pts);
}

/**
 * cg_bottlenecks_to_json:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @result: the result of cg_bottlenecks() on @graph
 * @applications: whether to add, per application, its single points of failure and redundancy
 * @error: return location for a #GError, or %NULL
 *
 * The whole bottleneck answer as JSON, the form the CLI prints with --json and the Python
 * binding reads (its shape: bottleneck.h).
 *
 * Returns: (transfer full) (nullable): the JSON text; free with cg_free().
 * Complexity: O(listed lost sets) plus, with @applications, one cg_single_points() and one
 * cg_redundancy() per application.
 */
char *
cg_bottlenecks_to_json(const CgGraph *g, const CgBottlenecks *r, gboolean applications,
                       GError **error)
{
  g_return_val_if_fail(g != NULL && r != NULL, NULL);
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  cg__json_footing(b, g);
  cg__json_str(b, "method", r->method);
  json_builder_set_member_name(b, "exact");
  json_builder_add_boolean_value(b, r->exact);
  if (!r->exact) {
    json_builder_set_member_name(b, "samples");
    json_builder_add_int_value(b, (gint64)r->samples);
  }
  json_builder_set_member_name(b, "total_weight");
  json_builder_add_double_value(b, r->total_weight);
  json_builder_set_member_name(b, "nodes");
  json_builder_begin_array(b);
  CgGraph *h = r->n_items ? cg__footing_reading(g, CG__READ_NO_INFERRED) : NULL;
  double *noinf = h ? cg__footing_criticality(g, h) : NULL;
  cg_graph_free(h);
  for (gsize i = 0; i < r->n_items; i++)
    json_item(b, g, r, &r->items[i], noinf);
  g_free(noinf);
  json_builder_end_array(b);
  if (applications && !json_applications(b, g, error)) {
    g_object_unref(b);
    return NULL;
  }
  json_waists(b, g);
  json_regional_points(b, g, r);
  json_builder_end_object(b);
  return cg__json_finish(b);
}

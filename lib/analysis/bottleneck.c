/* Bottlenecks: single points of failure, redundancy (vertex cuts), narrow waists, regional
 * single points, and the ranking behind cg_bottlenecks() (criticality.c computes the
 * numbers; present/explain-bottleneck.c adds the sentences). */
#include "analysis/cg-analysis.h"

#include <igraph.h>
#include <string.h>

/**
 * SECTION:bottleneck
 * @title: Bottlenecks
 * @short_description: criticality of every node, single points of failure, redundancy, narrow waists
 *
 * Criticality is the share of application weight lost when one node is lost (exact; or
 * estimated by sampling on very large graphs, #CgEstimate). cg_bottlenecks() ranks the nodes
 * and explains each; the other functions answer narrower questions.
 */

/**
 * CgWaist:
 * @chain: the chain, an index in [0, cg_graph_n_chains())
 * @stage: the narrowest stage, an index into the chain's stages (cg_chain_n_stages())
 * @width: how many items that stage has
 * @n_stages: how many stages the chain has
 *
 * A narrow waist: per chain, the stage with the fewest alternatives (cg_narrow_waists()).
 */

/**
 * CgRegionalPoint:
 * @node: a node produced by one region only
 * @region: that region
 *
 * A regional single point of failure (cg_regional_single_points()).
 */

/**
 * cg_single_points:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @application: a node
 * @n_out: (out): how many nodes are returned
 *
 * The nodes whose loss alone makes @application unproducible (its single points of
 * failure, itself excluded), upstream first (in supply order).
 * Returns: (transfer full): node indices; free with cg_free().
 * Complexity: O(Σ_{x ancestor} vol(K_x)).
 */
guint32 *
cg_single_points(const CgGraph *g, CgNodeId app, gsize *n_out)
{
  g_return_val_if_fail(g != NULL && g->finished && app < cg__n(g) && n_out, NULL);
  CgBaseline b;
  cg__baseline_init(g, &b);
  CgKernel kn;
  cg__kernel_init(&kn, g, &b);
  GArray *res = g_array_new(FALSE, FALSE, sizeof(guint32));
  /* Candidates are the producible ancestors of the application. */
  guint32 a = (guint32)app;
  GArray *st = cg__supply_cone(g, a);
  for (guint i = 1; i < st->len; i++) {
    guint32 x = g_array_index(st, guint32, i);
    cg__kernel_run(&kn, &x, 1);
    if (cg__kernel_lost(&kn, a))
      g_array_append_val(res, x);
  }
  /* Upstream first. */
  for (guint i = 1; i < res->len; i++)
    for (guint j = i; j > 0 && b.order[g_array_index(res, guint32, j - 1)] >
                                   b.order[g_array_index(res, guint32, j)];
         j--) {
      guint32 t = g_array_index(res, guint32, j);
      g_array_index(res, guint32, j) = g_array_index(res, guint32, j - 1);
      g_array_index(res, guint32, j - 1) = t;
    }
  g_array_free(st, TRUE);
  cg__kernel_clear(&kn);
  cg__baseline_clear(&b);
  *n_out = res->len;
  return (guint32 *)(void *)g_array_free(res, FALSE);
}

/* ---- redundancy ----------------------------------------------------------------------- */

/* Vertex cut in the OR reading: split every node v into v_in → v_out (capacity 1, or
 * "infinite" for the application and the root), edges u_out → v_in infinite; max flow from
 * the root to the application's in-copy. igraph does the flow and gives the cut. */
static gboolean
or_reading_cut(const CgGraph *g, guint32 app, gsize *size, GArray *cut, GError **error)
{
  guint32 n = cg__n(g), m = cg__m(g);
  guint32 nsrc = 0;
  for (guint32 v = 0; v < n; v++)
    nsrc += g->in_goff[v] == g->in_goff[v + 1];
  igraph_integer_t nv = 2 * (igraph_integer_t)n + 1, root = 2 * (igraph_integer_t)n;
  igraph_integer_t ne = (igraph_integer_t)n + m + nsrc;
  double big = (double)n + 1;
  gboolean ok = FALSE;
  igraph_t ig;
  igraph_vector_int_t edges, cutv;
  igraph_vector_t cap;
  igraph_real_t value;
  cg__igraph_lock();
  igraph_vector_int_init(&edges, 2 * ne);
  igraph_vector_init(&cap, ne);
  igraph_integer_t k = 0;
  for (guint32 v = 0; v < n; v++) { /* in-copy 2v, out-copy 2v+1 */
    VECTOR(edges)[2 * k] = 2 * v;
    VECTOR(edges)[2 * k + 1] = 2 * v + 1;
    VECTOR(cap)[k++] = v == app ? big : 1;
  }
  for (guint32 e = 0; e < m; e++) {
    VECTOR(edges)[2 * k] = 2 * (igraph_integer_t)g->esrc[e] + 1;
    VECTOR(edges)[2 * k + 1] = 2 * (igraph_integer_t)cg__edge_dst(g, e);
    VECTOR(cap)[k++] = big;
  }
  for (guint32 v = 0; v < n; v++)
    if (g->in_goff[v] == g->in_goff[v + 1]) {
      VECTOR(edges)[2 * k] = root;
      VECTOR(edges)[2 * k + 1] = 2 * v;
      VECTOR(cap)[k++] = big;
    }
  igraph_vector_int_init(&cutv, 0);
  if (cg__igraph_check(igraph_create(&ig, &edges, nv, IGRAPH_DIRECTED), error)) {
    if (cg__igraph_check(igraph_maxflow(&ig, &value, NULL, &cutv, NULL, NULL, root,
                                        2 * (igraph_integer_t)app + 1, &cap, NULL),
                         error)) {
      ok = TRUE;
      if (value >= big) {
        *size = G_MAXSIZE;
      } else {
        *size = (gsize)(value + 0.5);
        for (igraph_integer_t i = 0; i < igraph_vector_int_size(&cutv); i++) {
          igraph_integer_t eid = VECTOR(cutv)[i];
          if (eid < (igraph_integer_t)n) {
            guint32 v = (guint32)eid;
            g_array_append_val(cut, v);
          }
        }
      }
    }
    igraph_destroy(&ig);
  }
  igraph_vector_int_destroy(&cutv);
  igraph_vector_int_destroy(&edges);
  igraph_vector_destroy(&cap);
  cg__igraph_unlock();
  return ok;
}

/* Does removing @set make @app unproducible? */
static gboolean
kills(const CgGraph *g, guint8 *removed, guint8 *prod, const guint32 *set, guint k, guint32 app)
{
  for (guint i = 0; i < k; i++)
    removed[set[i]] = 1;
  cg_graph_producible(g, removed, prod);
  for (guint i = 0; i < k; i++)
    removed[set[i]] = 0;
  return !prod[app];
}

/* Exhaustive search over subsets of @cand of size @k (lexicographic). */
static gboolean
search_subsets(const CgGraph *g, guint8 *removed, guint8 *prod, const guint32 *cand, guint nc,
               guint k, guint32 app, guint32 *pick)
{
  guint idx[8];
  for (guint i = 0; i < k; i++)
    idx[i] = i;
  for (;;) {
    for (guint i = 0; i < k; i++)
      pick[i] = cand[idx[i]];
    if (kills(g, removed, prod, pick, k, app))
      return TRUE;
    gint i = (gint)k - 1;
    while (i >= 0 && idx[i] == nc - k + (guint)i)
      i--;
    if (i < 0)
      return FALSE;
    idx[i]++;
    for (guint j = (guint)i + 1; j < k; j++)
      idx[j] = idx[j - 1] + 1;
  }
}

/**
 * cg_redundancy_free:
 * @r: (nullable): a result of cg_redundancy()
 *
 * Frees @result. NULL-safe.
 */
void
cg_redundancy_free(CgRedundancy *r)
{
  if (!r)
    return;
  g_free(r->cut);
  g_free(r);
}

/**
 * cg_redundancy:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @application: a node
 * @error: return location for a #GError, or %NULL
 *
 * The fewest nodes (other than the application) whose loss makes @application
 * unproducible, with one such set. Exact on OR-only graphs (a minimum vertex cut by max
 * flow on the split graph). On AND/OR graphs the OR reading's cut is an upper bound with a
 * witness (an input needed by AND is at least as easy to cut); it is made exact by
 * exhaustive search when fewer than 4 nodes might do and the application has at most 60
 * ancestors; otherwise @exact is %FALSE.
 * Returns: (transfer full) (nullable): free with cg_redundancy_free().
 * Complexity: one max flow, O(V · E²) worst case (Edmonds–Karp bound; push-relabel in
 * practice), plus the search: O(C(a, k) · (V + E)) for a ancestors and k < 4.
 */
CgRedundancy *
cg_redundancy(const CgGraph *g, CgNodeId app, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && app < cg__n(g), NULL);
  guint32 n = cg__n(g);
  CgRedundancy *r = g_new0(CgRedundancy, 1);
  r->application = (guint32)app;
  guint8 *prod = g_new(guint8, n ? n : 1), *removed = g_new0(guint8, n ? n : 1);
  cg_graph_producible(g, NULL, prod);
  if (!prod[app]) {
    r->size = 0;
    r->exact = TRUE;
    goto out;
  }
  GArray *cut = g_array_new(FALSE, FALSE, sizeof(guint32));
  if (!or_reading_cut(g, (guint32)app, &r->size, cut, error)) {
    g_array_free(cut, TRUE);
    cg_redundancy_free(r);
    r = NULL;
    goto out;
  }
  gboolean or_only = TRUE;
  for (guint32 v = 0; v < n && or_only; v++)
    or_only = g->in_goff[v + 1] - g->in_goff[v] <= 1;
  r->exact = or_only;
  if (!or_only && r->size > 1 && r->size != G_MAXSIZE) {
    /* Ancestors of the application are the only nodes that matter. */
    GArray *anc = g_array_new(FALSE, FALSE, sizeof(guint32));
    GArray *st = cg__supply_cone(g, (guint32)app);
    for (guint i = 1; i < st->len; i++)
      if (prod[g_array_index(st, guint32, i)])
        g_array_append_val(anc, g_array_index(st, guint32, i));
    g_array_free(st, TRUE);
    gsize limit = MIN(r->size - 1, 3);
    if (anc->len <= 60) {
      guint32 pick[8];
      gboolean found = FALSE;
      for (guint k = 1; k <= limit && k <= anc->len && !found; k++)
        if (search_subsets(g, removed, prod, (guint32 *)(void *)anc->data, anc->len, k,
                           (guint32)app, pick)) {
          found = TRUE;
          r->size = k;
          g_array_set_size(cut, 0);
          g_array_append_vals(cut, pick, k);
        }
      /* Exact when a smaller set was found (searched every smaller size first), or when
       * no set below the bound exists and the bound is within the searched range. */
      r->exact = found || r->size - 1 <= 3;
    }
    g_array_free(anc, TRUE);
  } else if (!or_only) {
    r->exact = TRUE; /* a cut of size 1 cannot be beaten, and no cut is no cut */
  }
  r->n_cut = cut->len;
  r->cut = (guint32 *)(void *)g_array_free(cut, FALSE);
out:
  g_free(prod);
  g_free(removed);
  return r;
}

/* ---- narrow waists and regional single points ---------------------------------------- */

/*
 * cg__narrow_waists (the public cg_narrow_waists() wraps it):
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @n_out: (out): the number of chains with stages
 *
 * Per chain that has stages, the stage with the fewest items (the earliest such stage on
 * ties).
 *
 * Returns: (transfer full): free with cg_free(). Complexity: O(total stage items).
 */
CgWaist *
cg__narrow_waists(const CgGraph *g, gsize *n_out)
{
  g_return_val_if_fail(g != NULL && n_out != NULL, NULL);
  GArray *res = g_array_new(FALSE, FALSE, sizeof(CgWaist));
  for (guint32 c = 0; c < g->chains->len; c++) {
    const CgChainRec *ch = g->chains->pdata[c];
    if (!ch->stages || ch->stages->len == 0)
      continue;
    CgWaist w = {c, 0, G_MAXUINT32, ch->stages->len};
    for (guint32 s = 0; s < ch->stages->len; s++) {
      guint32 width = ((GArray *)ch->stages->pdata[s])->len;
      if (width < w.width) {
        w.width = width;
        w.stage = s;
      }
    }
    g_array_append_val(res, w);
  }
  *n_out = res->len;
  return (CgWaist *)(void *)g_array_free(res, FALSE);
}

/*
 * cg__regional_single_points (the public cg_regional_single_points() wraps it):
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @n_out: (out)
 *
 * Nodes produced by exactly one region. Claims are reduced to the most specific regions
 * first: a region claiming a node that one of its sub-regions also claims is the same
 * supply, not a second source.
 *
 * Returns: (transfer full): ascending by node; free with
 * cg_free(). Complexity: O(claims · depth²).
 */
CgRegionalPoint *
cg__regional_single_points(const CgGraph *g, gsize *n_out)
{
  g_return_val_if_fail(g != NULL && n_out != NULL, NULL);
  guint32 n = cg__n(g);
  CgProducers pr;
  cg__producers_build(g, TRUE, CG_NONE, &pr);
  GArray *res = g_array_new(FALSE, FALSE, sizeof(CgRegionalPoint));
  for (guint32 v = 0; v < n; v++)
    if (pr.off[v + 1] - pr.off[v] == 1) {
      CgRegionalPoint p = {v, pr.region[pr.off[v]]};
      g_array_append_val(res, p);
    }
  cg__producers_clear(&pr);
  *n_out = res->len;
  return (CgRegionalPoint *)(void *)g_array_free(res, FALSE);
}

/* ---- the ranking ----------------------------------------------------------------------- */

/**
 * cg_bottlenecks_free:
 * @result: (nullable): a result of cg_bottlenecks()
 *
 * Frees @result and everything it holds. NULL-safe.
 */
void
cg_bottlenecks_free(CgBottlenecks *r)
{
  if (!r)
    return;
  for (gsize i = 0; i < r->n_items; i++) {
    g_free(r->items[i].lost);
    g_free(r->items[i].lost_applications);
    g_free(r->items[i].why);
  }
  g_free(r->items);
  g_free(r->criticality);
  g_free(r->ci_low);
  g_free(r->ci_high);
  g_free(r);
}

/* Every node's criticality into @r: exact, or estimated from sampled applications when
 * @opt asks for it or (CG_ESTIMATE_AUTO) the exact work would be too large. FALSE, with
 * @error set, when the progress callback stopped it. */
static gboolean
rank_criticality(const CgGraph *g, const CgBottleneckOptions *opt, const CgBaseline *b,
                 CgBottlenecks *r, GError **error)
{
  guint32 n = cg__n(g);
  gboolean sample = opt->estimate == CG_ESTIMATE_ALWAYS ||
                    (opt->estimate == CG_ESTIMATE_AUTO && cg__criticality_too_large(g, b));
  CgWork work;
  cg__work_init(&work, opt->progress, opt->progress_data, "bottlenecks: criticality", n);
  if (sample) {
    gsize s = opt->samples ? opt->samples : 2000;
    r->ci_low = g_new0(double, n ? n : 1);
    r->ci_high = g_new0(double, n ? n : 1);
    r->criticality = cg__criticality_sampled(g, b, opt->threads, s, opt->seed, r->ci_low,
                                             r->ci_high, &work, error);
    r->method = "sampled-applications";
    r->exact = FALSE;
    r->samples = s;
  } else {
    r->criticality = cg__criticality_shared(g, b, opt->threads, &r->method, &work, error);
    r->exact = TRUE;
  }
  return r->criticality != NULL;
}

/* The nodes ranked, best first: those of @chain (or, for -1, every node whose loss costs
 * something). Applications are not ranked: losing one loses its own weight and nothing
 * upstream, so ranked among the products it would only say how much it weighs. Nor are
 * categories (umbrella words standing for several products: DESIGN.md, "Category nodes"). */
static GArray *
rank_candidates(const CgGraph *g, gssize chain, const double *crit)
{
  GArray *cand = g_array_new(FALSE, FALSE, sizeof(guint32));
  if (chain >= 0) {
    const CgChainRec *ch = g->chains->pdata[chain];
    for (guint i = 0; i < ch->nodes->len; i++) {
      guint32 v = g_array_index(ch->nodes, guint32, i);
      if (!cg__is_app(g, v) && cg__node(g, v)->stage != CG_STAGE_CATEGORY)
        g_array_append_val(cand, v);
    }
  } else {
    for (guint32 v = 0; v < cg__n(g); v++)
      if (crit[v] > 0 && !cg__is_app(g, v) && cg__node(g, v)->stage != CG_STAGE_CATEGORY)
        g_array_append_val(cand, v);
  }
  cg__sort_nodes_by_value(g, cand, crit);
  return cand;
}

/* A listed node: its exact loss (one kernel run, even when the ranking was estimated), the
 * nodes and applications lost with it, its betweenness (@btw, or NAN). */
static void
describe_item(const CgGraph *g, CgKernel *kn, guint32 x, const double *btw, CgBottleneck *it)
{
  it->node = x;
  it->lost_weight = cg__kernel_run(kn, &x, 1);
  it->criticality = g->app_total > 0 ? it->lost_weight / g->app_total : 0;
  GArray *lost = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint k = 0; k < kn->k->len; k++) {
    guint32 v = g_array_index(kn->k, guint32, k);
    if (!cg__kernel_lost(kn, v))
      continue;
    g_array_append_val(lost, v);
    if (cg__is_app(g, v))
      g_array_append_val(apps, v);
  }
  g_array_sort(lost, cg__cmp_u32);
  g_array_sort(apps, cg__cmp_u32);
  it->n_lost = lost->len;
  it->lost = (guint32 *)(void *)g_array_free(lost, FALSE);
  it->n_lost_applications = apps->len;
  it->lost_applications = (guint32 *)(void *)g_array_free(apps, FALSE);
  it->betweenness = btw ? btw[x] : NAN;
}

/* The ranking of cg_bottlenecks() without its sentences (present/explain-bottleneck.c adds
 * them): every item's fields but why. */
CgBottlenecks *
cg__bottlenecks_rank(const CgGraph *g, const CgBottleneckOptions *options, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  CgBottleneckOptions opt;
  if (!cg__bottleneck_options_get(options, &opt, error))
    return NULL;
  if (opt.samples > CG__SAMPLES_MAX) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "bottlenecks: samples must be at most %u, not %zu", CG__SAMPLES_MAX, opt.samples);
    return NULL;
  }
  gssize chain = -1;
  if (opt.chain) {
    chain = cg_graph_find_chain(g, opt.chain);
    if (chain < 0) {
      g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN, "unknown chain '%s'", opt.chain);
      return NULL;
    }
  }
  CgBaseline b;
  cg__baseline_init(g, &b);
  CgBottlenecks *r = g_new0(CgBottlenecks, 1);
  r->n_nodes = cg__n(g);
  r->total_weight = g->app_total;
  double *btw = NULL;
  if (!rank_criticality(g, &opt, &b, r, error) ||
      (cg__bottleneck_betweenness_wanted(g, opt.betweenness) &&
       !(btw = cg_flow_betweenness(g, error)))) {
    cg__baseline_clear(&b);
    cg_bottlenecks_free(r);
    return NULL;
  }
  GArray *cand = rank_candidates(g, chain, r->criticality);
  gsize top = opt.top ? MIN(opt.top, cand->len) : cand->len;
  CgKernel kn;
  cg__kernel_init(&kn, g, &b);
  r->items = g_new0(CgBottleneck, top ? top : 1);
  r->n_items = top;
  for (gsize i = 0; i < top; i++)
    describe_item(g, &kn, g_array_index(cand, guint32, i), btw, &r->items[i]);
  g_free(btw);
  cg__kernel_clear(&kn);
  g_array_free(cand, TRUE);
  cg__baseline_clear(&b);
  return r;
}

/* Coalition completion: which applications a set of regions can make together, and what
 * it misses (docs/complementarity.md). */
#include "analysis/complement-private.h"

#include <string.h>

static inline void
comp_log(Comp *c, guint kind, guint32 i)
{
  if (c->logging) {
    guint64 x = ((guint64)kind << 32) | i;
    g_array_append_val(c->log, x);
  }
}

static inline void
comp_make_prod(Comp *c, guint32 v)
{
  c->prod[v] = 1;
  comp_log(c, LOG_PROD, v);
  if (cg__is_app(c->g, v)) {
    double w = cg__app_weight(c->g, v);
    c->weight += w;
    c->gain += w;
  }
  g_array_append_val(c->queue, v);
}

static void
comp_run(Comp *c)
{
  const CgGraph *g = c->g;
  while (c->queue->len) {
    guint32 u = g_array_index(c->queue, guint32, c->queue->len - 1);
    g_array_set_size(c->queue, c->queue->len - 1);
    for (guint32 k = g->out_off[u]; k < g->out_off[u + 1]; k++) {
      guint32 gi = g->out_group[k];
      if (c->sat[gi])
        continue;
      c->sat[gi] = 1;
      comp_log(c, LOG_SAT, gi);
      guint32 v = g->out_dst[k];
      if (--c->need[v] == 0 && c->allowed[v] && !c->prod[v])
        comp_make_prod(c, v);
    }
  }
}

void
cg__comp_allow(Comp *c, guint32 v)
{
  if (c->allowed[v])
    return;
  c->allowed[v] = 1;
  comp_log(c, LOG_ALLOW, v);
  if (c->need[v] == 0 && !c->prod[v]) {
    comp_make_prod(c, v);
    comp_run(c);
  }
}

/* Undoes the logged changes; the caller restores weight. */
static void
comp_undo(Comp *c)
{
  const CgGraph *g = c->g;
  for (guint i = c->log->len; i-- > 0;) {
    guint64 x = g_array_index(c->log, guint64, i);
    guint32 idx = (guint32)x;
    switch ((guint)(x >> 32)) {
    case LOG_ALLOW:
      c->allowed[idx] = 0;
      break;
    case LOG_PROD:
      c->prod[idx] = 0;
      break;
    default:
      c->sat[idx] = 0;
      c->need[g->group_node[idx]]++;
      break;
    }
  }
  g_array_set_size(c->log, 0);
}

/* Which nodes no region of the graph claims. */
static guint8 *
claimed_anywhere(const CgGraph *g)
{
  guint8 *cl = g_new0(guint8, cg__n(g) ? cg__n(g) : 1);
  for (guint32 r = 0; r < g->regions->len; r++) {
    const GArray *caps = REG(g, r)->caps;
    for (guint i = 0; caps && i < caps->len; i++)
      cl[g_array_index(caps, CgCapability, i).node] = 1;
  }
  return cl;
}

/* Starts from the free nodes (applications; raw materials no region claims) plus @nodes. */
void
cg__comp_init(Comp *c, const CgGraph *g, const guint32 *nodes, gsize n_nodes)
{
  guint32 n = cg__n(g);
  c->g = g;
  c->allowed = g_new0(guint8, n ? n : 1);
  c->prod = g_new0(guint8, n ? n : 1);
  c->sat = g_new0(guint8, g->n_groups ? g->n_groups : 1);
  c->need = g_new(guint32, n ? n : 1);
  c->weight = c->gain = 0;
  c->queue = g_array_new(FALSE, FALSE, sizeof(guint32));
  c->log = g_array_new(FALSE, FALSE, sizeof(guint64));
  c->logging = FALSE;
  guint8 *cl = claimed_anywhere(g);
  for (guint32 v = 0; v < n; v++) {
    c->need[v] = g->in_goff[v + 1] - g->in_goff[v];
    c->allowed[v] = cg__is_app(g, v) || (c->need[v] == 0 && !cl[v]);
  }
  g_free(cl);
  for (gsize i = 0; i < n_nodes; i++)
    c->allowed[nodes[i]] = 1;
  for (guint32 v = 0; v < n; v++)
    if (c->allowed[v] && c->need[v] == 0)
      comp_make_prod(c, v);
  comp_run(c);
}

void
cg__comp_clear(Comp *c)
{
  g_free(c->allowed);
  g_free(c->prod);
  g_free(c->sat);
  g_free(c->need);
  g_array_free(c->queue, TRUE);
  g_array_free(c->log, TRUE);
}

/* Completion gain of making @nodes available, undone afterwards. */
double
cg__comp_try(Comp *c, const guint32 *nodes, gsize n_nodes)
{
  double w0 = c->weight;
  c->gain = 0;
  c->logging = TRUE;
  for (gsize i = 0; i < n_nodes; i++)
    cg__comp_allow(c, nodes[i]);
  double gain = c->gain;
  comp_undo(c);
  c->logging = FALSE;
  c->weight = w0;
  return gain;
}

/* The nodes of every region within one of @regions (names), ascending, or NULL. */
static GArray *
coalition_nodes(const CgGraph *g, const char *const *regions, GError **error)
{
  guint32 nr = g->regions->len;
  guint8 *in = g_new0(guint8, nr ? nr : 1);
  for (const char *const *p = regions; p && *p; p++) {
    gssize r = cg__lookup_region(g, *p, error);
    if (r < 0) {
      g_free(in);
      return NULL;
    }
    in[r] = 1;
  }
  guint8 *seen = g_new0(guint8, cg__n(g) ? cg__n(g) : 1);
  GArray *a = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 r = 0; r < nr; r++) {
    const GArray *caps = REG(g, r)->caps;
    if (!caps)
      continue;
    gboolean inside = FALSE;
    for (guint32 x = r; x != CG_NONE && !inside; x = REG(g, x)->parent)
      inside = in[x];
    for (guint i = 0; inside && i < caps->len; i++) {
      guint32 v = g_array_index(caps, CgCapability, i).node;
      if (!seen[v]) {
        seen[v] = 1;
        g_array_append_val(a, v);
      }
    }
  }
  g_array_sort(a, (GCompareFunc)cg__cmp_u32);
  g_free(seen);
  g_free(in);
  return a;
}

/**
 * cg_completion:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @regions: (array zero-terminated=1) (nullable): the coalition (names, ids or aliases)
 * @error: return location for a #GError, or %NULL
 *
 * The share of application weight producible from the coalition's capabilities alone:
 * DESIGN.md's least fixed point where a node counts as available iff a region of the
 * coalition (or a region within one) claims it, or it is an application (applications are
 * assembled wherever their inputs are: the documents rarely place them), or it has no
 * inputs and no region of the whole graph claims it (an open-market raw material the data
 * does not localize). Every other node no coalition region produces is unavailable.
 * Returns: in [0, 1] (0 when the graph has no application weight), or -1 with @error set
 *   (%CG_ERROR_UNKNOWN) for an unknown region.
 * Complexity: O(V + E + claims · depth).
 */
double
cg_completion(const CgGraph *g, const char *const *regions, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, -1);
  GArray *nodes = coalition_nodes(g, regions, error);
  if (!nodes)
    return -1;
  Comp c;
  cg__comp_init(&c, g, (guint32 *)(void *)nodes->data, nodes->len);
  double x = g->app_total > 0 ? c.weight / g->app_total : 0;
  cg__comp_clear(&c);
  g_array_free(nodes, TRUE);
  return x;
}

/**
 * cg_completion_free:
 * @completion: (nullable): from cg_completion_full()
 *
 * Frees @completion and its arrays. NULL-safe. O(1).
 */
void
cg_completion_free(CgCompletion *c)
{
  if (!c)
    return;
  g_free(c->applications);
  g_free(c->missing);
  g_free(c);
}

/* Marks (stamp) the nodes that keep an application from being made: walking up from every
 * unproducible application through unproducible nodes, only into input groups without a
 * producible member (a satisfied group blocks nothing), the unavailable nodes met. */
void
cg__mark_missing(const Comp *c, guint32 *mark, guint32 st, GArray *out)
{
  const CgGraph *g = c->g;
  guint32 n = cg__n(g);
  GArray *q = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint8 *seen = g_new0(guint8, n ? n : 1);
  for (guint32 v = 0; v < n; v++)
    if (cg__is_app(g, v) && !c->prod[v]) {
      seen[v] = 1;
      g_array_append_val(q, v);
    }
  for (guint i = 0; i < q->len; i++) {
    guint32 v = g_array_index(q, guint32, i);
    if (!c->allowed[v]) {
      mark[v] = st;
      if (out)
        g_array_append_val(out, v);
    }
    for (guint32 gi = g->in_goff[v]; gi < g->in_goff[v + 1]; gi++) {
      if (c->sat[gi])
        continue;
      for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1]; e++) {
        guint32 u = g->esrc[e];
        if (!seen[u] && !c->prod[u]) {
          seen[u] = 1;
          g_array_append_val(q, u);
        }
      }
    }
  }
  if (out)
    g_array_sort(out, (GCompareFunc)cg__cmp_u32);
  g_free(seen);
  g_array_free(q, TRUE);
}

/**
 * cg_completion_full:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @regions: (array zero-terminated=1) (nullable): the coalition
 * @error: return location for a #GError, or %NULL
 *
 * cg_completion() with its evidence: the producible applications, and the nodes the
 * coalition lacks: the unavailable nodes met walking up from each application it cannot
 * make, through unproducible nodes and only into input groups none of whose members is
 * producible (so an alternative the coalition already has is not "missing").
 * Returns: (transfer full) (nullable): free with cg_completion_free().
 * Complexity: O(V + E + claims · depth).
 */
CgCompletion *
cg_completion_full(const CgGraph *g, const char *const *regions, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  GArray *nodes = coalition_nodes(g, regions, error);
  if (!nodes)
    return NULL;
  Comp c;
  cg__comp_init(&c, g, (guint32 *)(void *)nodes->data, nodes->len);
  g_array_free(nodes, TRUE);
  CgCompletion *r = g_new0(CgCompletion, 1);
  r->weight = c.weight;
  r->completion = g->app_total > 0 ? c.weight / g->app_total : 0;
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < cg__n(g); v++)
    if (c.prod[v] && cg__is_app(g, v))
      g_array_append_val(apps, v);
  r->n_applications = apps->len;
  r->applications = (guint32 *)(void *)g_array_free(apps, FALSE);
  GArray *miss = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint32 *mark = g_new0(guint32, cg__n(g) ? cg__n(g) : 1);
  cg__mark_missing(&c, mark, 1, miss);
  g_free(mark);
  r->n_missing = miss->len;
  r->missing = (guint32 *)(void *)g_array_free(miss, FALSE);
  cg__comp_clear(&c);
  return r;
}

/* The "why" sentences of complementarity: a pair, a partner step, a next step. */
#include "analysis/complement-private.h"
#include "present/cg-present.h"

#include <string.h>

/* " per KEY SECTION “QUOTE…”" or " (inferred: …)"; nothing when there is no evidence. */
static void
append_cite(GString *s, const CgGraph *g, const CgProvenance *p)
{
  if (!p)
    return;
  if (p->quote) {
    glong len = g_utf8_strlen(p->quote, -1);
    char *q = g_utf8_substring(p->quote, 0, MIN(len, 40));
    g_string_append_printf(s, T(" per %s%s%s “%s%s”"),
                           p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
                           p->section ? " " : "", p->section ? p->section : "", q,
                           len > 40 ? "…" : "");
    g_free(q);
  } else if (p->inferred) {
    g_string_append_printf(s, T(" (inferred: %s)"), p->inferred);
  }
}

/* A share as a percentage a reader can compare: whole numbers from 10%, one decimal
 * below, two significant digits under 0.1%. */
static void
append_pct(GString *s, double share)
{
  double x = 100 * share;
  if (x == 0)
    g_string_append(s, "0%");
  else if (x >= 9.95)
    g_string_append_printf(s, "%.0f%%", x);
  else if (x >= 0.0995)
    g_string_append_printf(s, "%.1f%%", x);
  else
    g_string_append_printf(s, "%.2g%%", x);
}

static int
cmp_gapref(const void *a, const void *b, void *data)
{
  const GapRef *x = a, *y = b;
  return cg__cmp_desc_then_id(((NameCtx *)data)->g, x->weight, y->weight, x->node, y->node);
}

/* The gaps of @rb (filled by @ra when @ra is non-NULL, else all), heaviest first. */
static GArray *
heaviest_gaps(const CgGraph *g, const CgComplementRegion *rb, const CgComplementRegion *ra)
{
  GArray *a = g_array_new(FALSE, FALSE, sizeof(GapRef));
  for (gsize i = 0; i < rb->n_gaps; i++) {
    if (ra && cg__bsearch_u32(ra->capabilities, ra->n_capabilities, rb->gaps[i]) < 0)
      continue;
    GapRef x = {rb->gaps[i], rb->gap_weights[i]};
    g_array_append_val(a, x);
  }
  NameCtx ctx = {g};
  g_array_sort_with_data(a, (GCompareDataFunc)cmp_gapref, &ctx);
  return a;
}

guint32
cg__claimant(const CgComplement *r, guint32 ri, guint32 node)
{
  const Priv *p = r->priv;
  const CgComplementRegion *x = &r->regions[ri];
  gssize k = cg__bsearch_u32(x->capabilities, x->n_capabilities, node);
  return k < 0 ? CG_NONE : p->caps.claim[p->caps.off[ri] + (gsize)k];
}

char *
cg__pair_why(const CgGraph *g, const CgComplement *r, const CgComplementPair *p)
{
  const CgComplementRegion *ra = &r->regions[p->from], *rb = &r->regions[p->to];
  const char *an = REG(g, ra->region)->name, *bn = REG(g, rb->region)->name;
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, T("%s → %s: "), an, bn);
  if (p->nested)
    g_string_append_printf(s, T("(%s lies within %s) "),
                           cg__region_within(g, ra->region, rb->region) ? an : bn,
                           cg__region_within(g, ra->region, rb->region) ? bn : an);
  if (rb->n_gaps == 0) {
    if (rb->n_capabilities == 0)
      g_string_append_printf(s, T("%s claims no capabilities, so it has no gaps to fill"), bn);
    else
      g_string_append_printf(s, T("%s has no gaps to fill (it makes every input of its %zu "
                                "capabilities)"),
                             bn, rb->n_capabilities);
  } else if (p->n_filled == 0) {
    GArray *top = heaviest_gaps(g, rb, NULL);
    if (rb->n_gaps == 1)
      g_string_append_printf(s, T("does not fill %s's only gap ("), bn);
    else
      g_string_append_printf(s, T("fills none of %s's %zu gaps (the heaviest: "), bn, rb->n_gaps);
    for (guint i = 0; i < top->len && i < 3; i++)
      g_string_append_printf(s, "%s%s", i ? LIST_SEP : "",
                             cg_node_label(g, g_array_index(top, GapRef, i).node));
    g_string_append(s, top->len > 3 ? T(", …)") : T(")"));
    g_array_free(top, TRUE);
  } else {
    GArray *top = heaviest_gaps(g, rb, ra);
    g_string_append_printf(s, T("fills %u of %zu gap%s ("), p->n_filled, rb->n_gaps,
                           rb->n_gaps == 1 ? "" : "s");
    for (guint i = 0; i < top->len && i < 3; i++) {
      guint32 u = g_array_index(top, GapRef, i).node, v = CG_NONE;
      for (guint32 k = 0; k < p->n_links && v == CG_NONE; k++)
        if (g->esrc[p->links[k]] == u)
          v = cg__edge_dst(g, p->links[k]);
      g_string_append_printf(s, "%s%s → %s", i ? LIST_SEP : "", cg_node_label(g, u),
                             v == CG_NONE ? "?" : cg_node_label(g, v));
    }
    g_string_append_printf(s, T("%s), "), top->len > 3 ? T(", …") : "");
    if (cg__lang() == CG_LANG_ZH)
      g_string_append(s, T("of gap weight"));
    append_pct(s, p->score);
    if (cg__lang() != CG_LANG_ZH)
      g_string_append(s, " of gap weight");
    guint32 u = g_array_index(top, GapRef, 0).node, who = cg__claimant(r, p->from, u);
    const CgCapability *cl = who == CG_NONE ? NULL : cg__find_claim(g, who, u);
    if (cl && cg__has_evidence(&cl->prov)) {
      g_string_append_printf(s, T("; %s makes %s"), REG(g, who)->name, cg_node_label(g, u));
      append_cite(s, g, &cl->prov);
    }
    g_array_free(top, TRUE);
  }
  if (p->overlap > 0) {
    g_string_append(s, T("; overlap "));
    append_pct(s, p->overlap);
    g_string_append(s, T(" (both make "));
    gsize i = 0, j = 0, shown = 0;
    while (i < ra->n_capabilities && j < rb->n_capabilities) {
      guint32 x = ra->capabilities[i], y = rb->capabilities[j];
      if (x < y)
        i++;
      else if (y < x)
        j++;
      else {
        if (shown < 2)
          g_string_append_printf(s, "%s%s", shown ? LIST_SEP : "", cg_node_label(g, x));
        shown++;
        i++;
        j++;
      }
    }
    g_string_append(s, shown > 2 ? T(", …)") : T(")"));
  }
  return g_string_free(s, FALSE);
}

/**
 * cg_complement_pair_why:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @result: the result of cg_complement() on @graph
 * @i: in [0, cg_complement_n_pairs())
 *
 * One line a planner reads: how many of the receiver's gaps the supplier fills, the
 * heaviest linking edges, the share of gap weight, the document claim behind the heaviest
 * one, and the overlap. E.g. `江西 → 浙江: fills 3 of 12 gaps (稀土 → 钕铁硼, …), 41% of gap
 * weight; 赣州 makes 稀土 per jiangxi 专栏2 “…”`.
 * Returns: (transfer full): free with cg_free().
 * Complexity: O(|G_B| log |C_A| + links + |C_A| + |C_B|).
 */
char *
cg_complement_pair_why(const CgGraph *g, const CgComplement *r, gsize i)
{
  g_return_val_if_fail(g != NULL && r != NULL && i < r->n_pairs, NULL);
  return cg__pair_why(g, r, &r->pairs[i]);
}

static void
names_list(GString *s, const CgGraph *g, const guint32 *v, gsize n, gsize max)
{
  for (gsize i = 0; i < n && i < max; i++)
    g_string_append_printf(s, "%s%s", i ? LIST_SEP : "", cg_node_label(g, v[i]));
  if (n > max)
    g_string_append(s, T(", …"));
}

char *
cg__partner_why(const CgGraph *g, const CgPartnerStep *st, double before)
{
  GString *s = g_string_new(NULL);
  const char *name = REG(g, st->region)->name;
  if (st->gain > 0) {
    g_string_append_printf(s, T("%s raises completion from "), name);
    append_pct(s, before);
    g_string_append(s, T(" to "));
    append_pct(s, st->completion);
    g_string_append(s, T(" (+"));
    append_pct(s, st->gain);
    g_string_append(s, T(")"));
  } else {
    g_string_append_printf(s, T("%s completes no application by itself (completion stays "), name);
    append_pct(s, st->completion);
    g_string_append(s, T(")"));
  }
  if (st->n_applications) {
    g_string_append(s, T(": makes "));
    names_list(s, g, st->applications, st->n_applications, 3);
    g_string_append(s, T(" producible"));
  }
  if (st->n_supplies) {
    g_string_append_printf(s, T("%ssupplies %zu missing input%s ("), st->n_applications ? T("; ") : T(": "),
                           st->n_supplies, st->n_supplies == 1 ? "" : "s");
    names_list(s, g, st->supplies, st->n_supplies, 3);
    g_string_append(s, T(")"));
    guint32 u = st->supplies[0];
    guint32 who = CG_NONE;
    for (guint32 r = 0; r < g->regions->len && who == CG_NONE; r++) {
      const CgCapability *cl = cg__find_claim(g, r, u);
      if (cl && cg__has_evidence(&cl->prov) && cg__region_within(g, r, st->region))
        who = r;
    }
    if (who != CG_NONE) {
      g_string_append_printf(s, T("; %s makes %s"), REG(g, who)->name, cg_node_label(g, u));
      append_cite(s, g, &cg__find_claim(g, who, u)->prov);
    }
  }
  return g_string_free(s, FALSE);
}

char *
cg__next_why(const CgGraph *g, const CgNextStep *x, const guint8 *here)
{
  GString *s = g_string_new(NULL);
  guint32 v = x->node;
  guint32 n_here = (guint32)(x->density * x->n_neighbours + 0.5);
  g_string_append_printf(s, "%s: %u of its %u neighbours are already here", cg_node_label(g, v),
                          n_here, x->n_neighbours);
  gboolean opened = FALSE;
  for (int dir = 0; dir < 2; dir++) {
    GArray *a = g_array_new(FALSE, FALSE, sizeof(guint32));
    guint32 k0 = dir ? g->out_off[v] : g->gmem_off[g->in_goff[v]];
    guint32 k1 = dir ? g->out_off[v + 1] : g->gmem_off[g->in_goff[v + 1]];
    for (guint32 k = k0; k < k1; k++) {
      guint32 u = dir ? g->out_dst[k] : g->esrc[k];
      if (here[u])
        g_array_append_val(a, u);
    }
    if (a->len) {
      g_string_append_printf(s, "%s%s ", opened ? "; " : " (", dir ? "consumers" : "inputs");
      names_list(s, g, (guint32 *)(void *)a->data, a->len, 3);
      opened = TRUE;
    }
    g_array_free(a, TRUE);
  }
  if (opened)
    g_string_append(s, ")");
  if (x->gain > 0) {
    g_string_append(s, "; producing it raises completion by ");
    append_pct(s, x->gain);
  } else
    g_string_append(s, "; it completes no application by itself");
  const CgProvenance *p = cg__node_quote(g, v);
  if (p) {
    g_string_append(s, ";");
    append_cite(s, g, p);
  }
  return g_string_free(s, FALSE);
}

/**
 * cg_partners_step_why:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @partners: from cg_region_partners()
 * @i: a step index
 *
 * One line a planner reads: how far the step raises completion, which applications it
 * makes producible, which missing inputs the partner supplies, and the claim behind the
 * first of them.
 * Returns: (transfer full): free with cg_free(). Complexity: O(claims).
 */
char *
cg_partners_step_why(const CgGraph *g, const CgPartners *partners, gsize i)
{
  g_return_val_if_fail(g != NULL && partners != NULL && i < partners->n_steps, NULL);
  double before = i ? partners->steps[i - 1].completion : partners->completion;
  return cg__partner_why(g, &partners->steps[i], before);
}

/**
 * cg_next_step_why:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @region: the region the step was computed for
 * @step: one result of cg_region_next()
 * @error: return location for a #GError, or %NULL
 *
 * One line a planner reads: how many of the node's neighbours the region already has,
 * which, what producing it would add, and the document that names the node.
 * Returns: (transfer full) (nullable): free with cg_free(); %NULL with @error set for an
 *   unknown region. Complexity: O(claims · depth + d(node)).
 */
char *
cg_next_step_why(const CgGraph *g, const char *region, const CgNextStep *step, GError **error)
{
  g_return_val_if_fail(g != NULL && region != NULL && step != NULL, NULL);
  gssize rb = cg__lookup_region(g, region, error);
  if (rb < 0)
    return NULL;
  Caps own;
  cg__caps_of_one(g, (guint32)rb, &own);
  guint8 *here = g_new0(guint8, cg__n(g) ? cg__n(g) : 1);
  for (guint32 i = 0; i < own.off[1]; i++)
    here[own.node[i]] = 1;
  char *why = cg__next_why(g, step, here);
  g_free(here);
  cg__caps_clear(&own);
  return why;
}

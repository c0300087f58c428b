/* The risk model of one node: factors, HHI of its producers, failure probability
 * (docs/risk-model.md). */
#include "analysis/risk-private.h"

#include <string.h>

static double
kind_weight(const CgRiskProfile *pr, const char *kind)
{
  if (!kind || !strcmp(kind, "chokepoint"))
    return pr->v[P_F_CHOKEPOINT];
  if (!strcmp(kind, "foreign"))
    return pr->v[P_F_FOREIGN];
  if (!strcmp(kind, "monopoly"))
    return pr->v[P_F_MONOPOLY];
  if (!strcmp(kind, "substitution"))
    return pr->v[P_F_SUBSTITUTION];
  if (!strcmp(kind, "bottleneck"))
    return pr->v[P_F_BOTTLENECK];
  return pr->v[P_F_OTHER];
}

/* A claim's share (NAN: unknown), as read. */
static double
cap_share(const CgCapability *c)
{
  return c->share;
}

/* Herfindahl–Hirschman index of the kept claims (docs/risk-model.md, "Concentration").
 * Claims of the foreign region are left out when a domestic region also makes the node:
 * foreign supply is no diversification, it is the foreign factor's business (issue 14). */
static double
claims_hhi(const CgGraph *g, const Claims *c, guint32 v)
{
  gboolean domestic = FALSE;
  for (guint32 i = c->off[v]; i < c->off[v + 1]; i++)
    domestic = domestic || !cg_region_is_foreign(g, c->region[i]);
#define SKIP(i) (domestic && cg_region_is_foreign(g, c->region[i]))
  guint32 k = 0;
  double known = 0, sq = 0;
  guint32 unknown = 0;
  for (guint32 i = c->off[v]; i < c->off[v + 1]; i++) {
    if (SKIP(i))
      continue;
    k++;
    double s = cap_share(c->cap[i]);
    if (isnan(s) || s <= 0)
      unknown++;
    else
      known += s;
  }
  if (k == 0)
    return NAN;
  if (known >= 1) {
    for (guint32 i = c->off[v]; i < c->off[v + 1]; i++) {
      double s = cap_share(c->cap[i]);
      if (!SKIP(i) && !isnan(s) && s > 0)
        sq += (s / known) * (s / known);
    }
    return sq;
  }
  for (guint32 i = c->off[v]; i < c->off[v + 1]; i++) {
    double s = cap_share(c->cap[i]);
    if (!SKIP(i) && !isnan(s) && s > 0)
      sq += s * s;
  }
#undef SKIP
  double rest = 1 - known;
  if (unknown > 0)
    sq += rest * rest / unknown; /* the unknown claims share the rest equally */
  else
    sq += rest * rest; /* unlisted producers: one block */
  return sq;
}

double
cg__risk_node_model(const CgGraph *g, const CgRiskProfile *pr, const Claims *c, guint32 v,
           CgRiskFactors *f)
{
  const CgNodeRec *n = cg__node(g, v);
  f->n_regions = c->off[v + 1] - c->off[v];
  f->concentration = f->n_regions ? claims_hhi(g, c, v) : pr->v[P_UNSOURCED];
  double fk = 0;
  f->chokepoint = CG_CHOKEPOINT_KIND_NONE;
  if (n->x && n->x->chokepoints)
    for (guint i = 0; i < n->x->chokepoints->len; i++) {
      const char *kind = n->x->chokepoint_kinds->pdata[i];
      double w = kind_weight(pr, kind);
      if (f->chokepoint == CG_CHOKEPOINT_KIND_NONE || w > fk) {
        fk = w;
        cg_chokepoint_kind_from_string(kind, &f->chokepoint);
      }
    }
  /* A claim of the foreign region is foreign supply (DESIGN.md): it weighs as evidence of
   * kind foreign (依赖国外), as well as counting as a producer in the concentration. */
  for (guint32 i = c->off[v]; i < c->off[v + 1]; i++)
    if (cg_region_is_foreign(g, c->region[i]) &&
        (f->chokepoint == CG_CHOKEPOINT_KIND_NONE || pr->v[P_F_FOREIGN] > fk)) {
      fk = pr->v[P_F_FOREIGN];
      f->chokepoint = CG_CHOKEPOINT_KIND_FOREIGN;
    }
  f->import_share = n->import_share;
  f->foreign = 1 + fk + (isnan(n->import_share) ? 0 : pr->v[P_IMPORT_W] * n->import_share);
  f->substitutability = n->subst;
  f->substitution = 1 - (isnan(n->subst) ? 0 : pr->v[P_SUBST_W] * n->subst);
  f->recycling_rate = n->recycle;
  f->recycling = 1 - (isnan(n->recycle) ? 0 : pr->v[P_RECYCLE_W] * n->recycle);
  guint st = n->stage <= CG_STAGE_RECYCLING ? n->stage : CG_STAGE_UNKNOWN;
  f->stage = pr->v[P_STAGE0 + st];
  f->score = f->stage * f->concentration * f->foreign * f->substitution * f->recycling;
  if (f->score <= 0)
    return 0;
  /* 1 − (1 − P0)^s, computed so that s = 1 gives P0 to the last digit. */
  double p = -expm1(f->score * log1p(-pr->v[P_BASE]));
  return CLAMP(p, 0, 1);
}

/**
 * cg_risk_node_probability:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @profile: (nullable): %NULL for the defaults
 * @node: a node index
 * @factors: (out caller-allocates) (optional): the factors behind the probability
 * @factors_size: `sizeof` the caller's #CgRiskFactors (its headers' size): the library
 *   writes no more than that, so a caller compiled before a field was added keeps working
 *
 * One node's failure probability under the model (docs/risk-model.md).
 * Returns: the probability in [0, 1]. Complexity: O(claims of the whole graph), since the
 * region claims are scanned; cg_risk() computes every node at once in O(claims · depth²).
 */
double
cg_risk_node_probability(const CgGraph *g, const CgRiskProfile *profile, CgNodeId node,
                         CgRiskFactors *factors, gsize factors_size)
{
  g_return_val_if_fail(g != NULL && g->finished && node < cg__n(g), NAN);
  CgRiskProfile def;
  if (!profile) {
    for (guint i = 0; i < P_N; i++)
      def.v[i] = cg__risk_profile_keys[i].def;
    profile = &def;
  }
  Claims c;
  cg__producers_build(g, profile->v[P_PLANNED] != 0, (guint32)node, &c);
  CgRiskFactors f;
  double p = cg__risk_node_model(g, profile, &c, (guint32)node, &f);
  cg__producers_clear(&c);
  if (factors)
    memcpy(factors, &f, MIN(factors_size, sizeof f));
  return p;
}

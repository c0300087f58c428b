/* The present layer's private header: JSON helpers and the rendering helper shared by
 * the writers, explanations and the report. Uses the layers below. Not installed. */
#pragma once

#include "analysis/cg-analysis.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* JSON helpers shared by the *_to_json writers (json.c). */
void cg__json_str(JsonBuilder *b, const char *key, const char *value);
void cg__json_num(JsonBuilder *b, const char *key, double x); /* NaN, ±inf → null */
void cg__json_int(JsonBuilder *b, const char *key, gint64 x);
void cg__json_ids(JsonBuilder *b, const char *key, const CgGraph *g, const guint32 *v, gsize n);
void cg__json_evidence(JsonBuilder *b, const CgGraph *g, guint32 v);
char *cg__json_finish(JsonBuilder *b); /* takes the builder */
/* "horizon", "without_inferred", "application_weights": the footing of @g (every answer). */
void cg__json_footing(JsonBuilder *b, const CgGraph *g);

/* render.c: a node's name and document quotes as plain text (tooltips, the report). */
char *cg__render_node_evidence(const CgGraph *g, guint32 v);
/* Complementarity sentences (explain-complement.c), used by json-complement.c too. */
guint32 cg__claimant(const CgComplement *r, guint32 ri, guint32 node);
char *cg__pair_why(const CgGraph *g, const CgComplement *r, const CgComplementPair *p);
char *cg__partner_why(const CgGraph *g, const CgPartnerStep *st, double before);
char *cg__next_why(const CgGraph *g, const CgNextStep *x, const guint8 *here);
/* footing.c: the other readings of a graph and what an answer rests on. */
enum { CG__READ_NO_INFERRED, CG__READ_PRESENT, CG__READ_UNIFORM };
gboolean cg__graph_has_inferred(const CgGraph *g);
CgGraph *cg__footing_reading(const CgGraph *g, int what);
double *cg__footing_criticality(const CgGraph *g, const CgGraph *h);
double *cg__footing_link_scores(const CgGraph *g, const CgGraph *h, const CgRisk *r);
double cg__spearman(const double *a, const double *b, gsize n, gsize *n_out);
char *cg__inferred_within(const CgGraph *g, const guint32 *lost, gsize n_lost, guint max);
G_END_DECLS

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

/* Messages in two languages (msg.c): every sentence the present layer writes for people is
 * written in English in the code and looked up in one zh/en table. The language is per
 * thread (the report sets it around what it writes; everything else writes English), so
 * the English output stays as it was. */
typedef enum { CG_LANG_EN = 0, CG_LANG_ZH = 1 } CgLang;
CgLang cg__lang(void);
CgLang cg__lang_set(CgLang lang); /* returns the previous one */
const char *cg__tr(const char *en);                /* in this thread's language */
const char *cg__tr_in(CgLang lang, const char *en); /* in @lang */
const char *cg__lang_code(CgLang lang);            /* "en" or "zh" */
gboolean cg__lang_parse(const char *code, CgLang *out);
CgLang cg__lang_from_env(void); /* LC_ALL, LC_MESSAGES, LANG: zh… → zh, else en */
#define T(s) cg__tr(s)
/* The separator of a list of names: ", " in English, "、" in Chinese. */
#define LIST_SEP (cg__lang() == CG_LANG_ZH ? "、" : ", ")
/* Bottleneck why for one item (explain-bottleneck.c), in this thread's language. */
char *cg__bottleneck_why(const CgGraph *g, const CgBottleneck *b);
G_END_DECLS

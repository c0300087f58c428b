/* What the report's files share (report.c, report-text.c, report-html.c). Not installed. */
#pragma once

#include "present/cg-present.h"
#include "present/cg-text.h"

G_BEGIN_DECLS

typedef struct {
  CgBottlenecks *b;
  CgRisk *risk;
  CgComplement *comp; /* NULL when no level has two regions */
  gboolean fell_back; /* the default level had fewer than two regions: city was used */
  double crit_max;    /* the highest criticality: full red in the diagrams */
  /* The other readings (footing.c), indexed by the graph's nodes or edges; NULL where the
   * graph already leaves that out (or has no inferred statement). */
  double *crit_noinf, *crit_uniform; /* criticality without inferred / uniform weights */
  double *link_noinf, *link_present; /* link scores without inferred / present horizon */
  CgComplement *comp_present, *comp_noinf;
  CgGraph *g_present;                /* the present-horizon graph (its region indices) */
} Report;

void cg__report_append_wrapped(GString *out, const char *text, guint col, guint width, const char *indent);
const char *cg__report_without_subject(const char *why, const char *subject);
const CgProvenance *cg__report_edge_quote(const CgGraph *g, guint32 e);
char *cg__report_cite(const CgGraph *g, const CgProvenance *p, guint cols);
char *cg__report_link_source(const CgGraph *g, guint32 e, guint cols);
void cg__report_heading(GString *s, const char *title, guint width);
void cg__report_expected_loss_line(GString *line, const CgRisk *r);
char *cg__report_report_text(const CgGraph *g, const CgReportOptions *o, const Report *R);
gboolean cg__report_report_html(const CgGraph *g, const CgReportOptions *o, const Report *R, const char *path, GError **error);
void cg__report_step(const CgReportOptions *o, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* report-footing.c: what each item rests on (the text report and the page). */
typedef struct {
  const char *name; /* the region (owned by the present-horizon graph) */
  gssize region;    /* the same region in the report's graph, or -1 */
  gsize n_gaps;
  double weight;    /* its gap weight */
  double w[5];      /* closed by: own plan, made now elsewhere, another's plan, only foreign, none */
} CgReportClosure;
char *cg__report_bottleneck_footing(const CgGraph *g, const Report *R, const CgBottleneck *it);
char *cg__report_link_footing(const CgGraph *g, const Report *R, const CgRiskLink *l);
char *cg__report_pair_footing(const CgGraph *g, const Report *R, const CgComplementPair *p);
CgReportClosure *cg__report_closures(const CgGraph *g, const Report *R, gsize *n);

G_END_DECLS

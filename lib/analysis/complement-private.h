/* What the complementarity files share (complement.c, completion.c, region-view.c, and
 * present/'s explain-complement.c and json-complement.c): region helpers, capabilities of
 * selected regions, gaps. Not installed. */
#pragma once

#include "analysis/cg-analysis.h"

G_BEGIN_DECLS

#define REG(g, r) ((const CgRegionRec *)(g)->regions->pdata[r])

typedef struct {
  const CgGraph *g;
} NameCtx;

/* The capability sets of a selection of regions: each holds its own claims and those of
 * every region within it. With @producers, also the inverse: per node, the selected
 * regions (selection index, ascending) that hold it. */
typedef struct {
  guint32 nsel;
  guint32 *off;     /* [nsel + 1] */
  guint32 *node;    /* ascending node index per region */
  guint32 *claim;   /* the region whose claim it is (own claims first, then claims with
                       evidence, then the lowest region index) */
  guint8 *planned;  /* every claim of the node within the region is role=develop */
  guint32 *poff;    /* [n + 1] or NULL */
  guint32 *preg;
} Caps;

typedef struct {
  guint32 stamp;
  guint32 *mark;  /* == stamp: the node is a capability of the current region */
  guint32 *gmark; /* == stamp: the node is already listed as a gap */
  guint32 *gidx;  /* where gmark == stamp: the gap's position in the list */
  double *cons;   /* per gap: the largest criticality of a consumer through an unmet group */
} Scratch;

typedef struct {
  guint32 node;
  double weight;
} GapRef;

typedef struct {
  Caps caps;
  guint32 **pools;  /* per receiver: its links, grouped by supplier */
  guint32 *rank;    /* raw position (receiver-major) -> index in pairs, or G_MAXUINT32 */
} Priv;

/* Incremental producibility: nodes become available one at a time and the least fixed
 * point grows by forward propagation from them; a log lets a trial be undone. */
enum { LOG_ALLOW, LOG_PROD, LOG_SAT };

typedef struct {
  const CgGraph *g;
  guint8 *allowed, *prod, *sat;
  guint32 *need;   /* per node: input groups without a producible member */
  double weight;   /* producible application weight */
  double gain;     /* application weight made producible since the caller reset it */
  GArray *queue;   /* guint32 */
  GArray *log;     /* guint64: kind << 32 | index */
  gboolean logging;
} Comp;

/* Regions (complement.c). */
gssize cg__lookup_region(const CgGraph *g, const char *name, GError **error);
gboolean cg__parse_level(const char *text, CgRegionLevel *level, gboolean *any, const char **canon,
                         GError **error);
guint32 *cg__regions_at(const CgGraph *g, CgRegionLevel level, gboolean any, guint32 *n_out);
gboolean cg__nested(const CgGraph *g, guint32 a, guint32 b);
const CgCapability *cg__find_claim(const CgGraph *g, guint32 region, guint32 node);
int cg__cmp_region_name(const void *a, const void *b, void *data);
int cg__cmp_node_id(const void *a, const void *b, void *data);

/* Capabilities and gaps (complement.c). */
void cg__caps_build(const CgGraph *g, const guint32 *sel, guint32 nsel, gboolean producers,
                    Caps *c);
void cg__caps_clear(Caps *c);
void cg__caps_of_one(const CgGraph *g, guint32 region, Caps *c);
void cg__scratch_init(Scratch *s, guint32 n);
void cg__scratch_clear(Scratch *s);
double cg__find_gaps(const CgGraph *g, const guint32 *caps, guint32 ncaps, const double *crit,
                     Scratch *s, GArray *gaps, GArray *weights, GArray *gedges);

/* Incremental producibility (completion.c), also for region-view.c. */
void cg__comp_init(Comp *c, const CgGraph *g, const guint32 *nodes, gsize n_nodes);
double cg__comp_try(Comp *c, const guint32 *nodes, gsize n_nodes);
void cg__comp_allow(Comp *c, guint32 v);
void cg__comp_clear(Comp *c);
void cg__mark_missing(const Comp *c, guint32 *mark, guint32 st, GArray *out);

G_END_DECLS

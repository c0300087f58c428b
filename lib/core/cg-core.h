/* The core layer's private header: the model records, the builder's private half, errors,
 * the igraph lock and the shared infrastructure (random numbers). Included by every layer
 * above (io, analysis, present); never installed. */
#pragma once

#define CHAINGRAPH_COMPILATION 1
#include "chaingraph/chaingraph.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

G_BEGIN_DECLS

#define CG_NONE G_MAXUINT32
/* A group label whose high bit is set is a group of its own (a fresh label). */
#define CG_LABEL_OWN_BIT 0x80000000u

typedef struct {
  guint8 chain_local;    /* declared inside a chain block: its names are that chain's own */
  GPtrArray *aliases;    /* const char* (interned) */
  GPtrArray *domains;    /* const char* (interned) */
  GArray *provenance;    /* CgProvenance */
  GArray *chokepoints;   /* CgProvenance; the kind is in chokepoint_kinds */
  GPtrArray *chokepoint_kinds; /* const char* (interned), parallel to chokepoints */
  /* Where each attribute was first given, for conflict messages. */
  const char *where_decl, *where_name, *where_en, *where_weight,
      *where_import, *where_subst, *where_recycle;
} CgNodeExtra;

typedef struct {
  const char *id;       /* interned */
  const char *name;     /* Chinese name, interned, or NULL */
  const char *name_en;  /* interned or NULL */
  double weight;        /* NAN: not given (1 for applications) */
  double import_share;  /* NAN: unknown */
  double subst;         /* NAN: unknown */
  double recycle;       /* NAN: unknown */
  guint8 stage;         /* CgStage */
  const char *stage_where; /* where the stage was given (interned), or NULL */
  CgNodeExtra *x;       /* NULL when the node has none of it */
} CgNodeRec;

/* An edge while loading: group labels are scoped to the target. */
typedef struct {
  guint32 src, dst;
  guint32 label;  /* group label; CG_LABEL_OWN_BIT set = a group of its own */
  guint32 line;   /* line in the origin's file (0 unknown) */
  guint32 col;    /* its column (0 unknown): where the finisher's errors point */
  guint32 origin; /* index into graph->origins */
} CgEdgeRec;

/* Who gave an edge: one record per statement or file, shared by its edges. */
typedef struct {
  const char *file;   /* interned */
  CgProvenance prov;  /* quote/section/inferred of the statement, where = NULL */
  guint32 chain;      /* chain index or CG_NONE */
} CgOrigin;

typedef struct {
  guint32 node : 31;  /* (a graph holds fewer than 2^31 nodes) */
  guint32 develop : 1; /* planned rather than present; a bit of the node's word, so that a
                        * claim stays 56 bytes with a double share (1.6M claims at 1M nodes) */
  guint32 line;       /* nonzero: prov.where is only the file, and this its line (a TSV row:
                       * "file:line" is made on first request, by claim_provenance()) */
  double share;       /* NAN: unknown; a double, as read (a float lost 1e-46: audit D4) */
  CgProvenance prov;
} CgCapability;

typedef struct {
  const char *name, *id, *name_en; /* interned */
  guint8 level;                    /* CgRegionLevel */
  guint32 parent;                  /* region index or CG_NONE */
  const char *parent_name;         /* while loading: the parent reference */
  const char *parent_where;
  GArray *claims;                  /* CgCapability: every claim as written (writers) */
  GArray *caps;                    /* CgCapability: one per node, merged when finished
                                      (analyses); NULL while loading */
  GArray *provenance;              /* CgProvenance */
  GPtrArray *aliases;
  const char *where_decl, *where_level, *where_en;
} CgRegionRec;

typedef struct {
  const char *file, *key, *title, *region; /* interned */
  const char *where;
  GArray *risks;        /* CgProvenance: document-wide risk statements naming no material, */
  GPtrArray *risk_kinds;/* with their kinds (interned, parallel to risks); both NULL if none */
} CgDocRec;

typedef struct {
  const char *id, *name, *name_en, *path; /* interned */
  CgProvenance prov;
  GPtrArray *stages;  /* GArray<guint32> per stage */
  GArray *nodes;      /* guint32, every node of the chain, first appearance order */
  GArray *locals;     /* guint32, nodes declared inside the chain block (their names are the
                         chain's own), or NULL */
  GArray *edge_keys;  /* guint64 (src << 32 | dst) while loading */
  GArray *edges;      /* guint32 edge indices after finishing */
} CgChainRec;

struct _CgGraph {
  GStringChunk *strings;     /* every string of the graph */
  GHashTable *interned;      /* for cg__intern: string -> itself */

  GArray *nodes;             /* CgNodeRec */
  GHashTable *by_id;         /* id -> GUINT_TO_POINTER(index + 1) */
  GHashTable *by_name;       /* name/alias/en -> index + 1 (the first node to claim it) */
  GHashTable *ambiguous;     /* names claimed by more than one node: found by none */
  GHashTable *decl_names;    /* chain format: names of globally declared nodes -> index + 1 */
  GMutex name_lock;
  gboolean names_indexed;
  GMutex crit_lock;          /* guards crit: the exact criticality, computed once (the */
  double *crit;              /* graph does not change after finishing) for every analysis */
  const char *crit_method;   /* that needs it: cg_criticality() hands out copies */
  void *load_work;           /* while loading: the caller's CgWork (bytes read), or NULL */

  GArray *edges;             /* CgEdgeRec; after finishing sorted by (dst, group, src) */
  GArray *origins;           /* CgOrigin */
  GHashTable *labels;        /* label text -> id, for formats with textual labels */
  guint32 next_label;
  guint32 next_own;

  GPtrArray *regions;        /* CgRegionRec* */
  GHashTable *region_by_name;/* name/id/alias -> index + 1 */
  GPtrArray *documents;      /* CgDocRec* */
  GPtrArray *chains;         /* CgChainRec* */
  GHashTable *chain_by_id;

  /* Built by cg__graph_finish(): the compact arrays every analysis runs on. */
  gboolean finished;
  guint32 n_groups;
  guint32 *in_goff;    /* [n+1]: groups of node v are in_goff[v] .. in_goff[v+1]-1 */
  guint32 *gmem_off;   /* [n_groups+1]: edges of group g are gmem_off[g] .. gmem_off[g+1]-1 */
  guint32 *group_node; /* [n_groups]: the target of group g */
  guint32 *esrc;       /* [m]: source of edge e (edges sorted by target, group) */
  guint32 *egroup;     /* [m]: group of edge e */
  guint32 *out_off;    /* [n+1]: the out-edges of u are k in out_off[u] .. out_off[u+1]-1, */
  guint32 *out_group;  /* [m]: each with the group it feeds */
  guint32 *out_dst;    /* [m]: and its target, read in order by every propagation loop */
  GHashTable *edge_more_origins; /* edge index -> GArray<guint32> of further origins */
  GArray *edge_prov_cache;       /* not used yet */
  gboolean any_application;      /* some node has stage application */
  double app_total;              /* total application weight */
  /* The footing a restricted graph was derived with (cg_graph_restrict()); all 0 for a
   * loaded graph: planned horizon, inferred statements kept, the data's weights. */
  guint8 footing_horizon, footing_without_inferred, footing_weights;
};

/* The producers of every node: its capability claims counted at their most specific
 * (regions.c, cg__producers_build). Node v's are region[off[v] .. off[v+1]-1], with the claim
 * behind each in cap[]. */
typedef struct {
  guint32 *off;
  guint32 *region;
  const CgCapability **cap;
} CgProducers;
void cg__producers_build(const CgGraph *g, gboolean planned, guint32 only, CgProducers *p);
void cg__producers_clear(CgProducers *p);
gboolean cg__region_within(const CgGraph *g, guint32 r, gsize ancestor);

/* Chains (graph-build.c): a new chain record, its nodes and its edges. */
CgChainRec *cg__chain_add(CgGraph *g, const char *id, const char *name, const char *name_en,
                          const char *path, const CgProvenance *prov);
void cg__chain_set_path(CgGraph *g, CgChainRec *c, const char *path);
gboolean cg__chain_new_ok(const CgGraph *g, const char *id, const char *where, GError **error);
void cg__origin_set_chain(CgGraph *g, guint32 origin, guint32 chain);
void cg__chain_add_node(CgChainRec *c, guint32 v);
void cg__chain_add_nodes(CgChainRec *c, const guint32 *v, guint n);
guint cg__chain_add_stage(CgChainRec *c);
void cg__chain_add_stage_node(CgChainRec *c, guint stage, guint32 v);
void cg__chain_add_edge_key(CgChainRec *c, guint32 u, guint32 v);
void cg__chain_add_edge(CgChainRec *c, guint32 u, guint32 v);

/* Marks @v as declared inside chain @c (its names are the chain's own). */
void cg__chain_add_local(CgGraph *g, CgChainRec *c, guint32 v);

/* Interning: strings live as long as the graph. NULL in, NULL out. */
const char *cg__intern(CgGraph *g, const char *s);
const char *cg__intern_len(CgGraph *g, const char *s, gssize len);
gpointer cg__alloc_big(gsize bytes, gboolean zero);
void cg__advise_big(gpointer mem, gsize bytes);
/* Reserves room for @more further elements of @a at once, on huge pages when it is large
 * (GArray grows by doubling, which would copy a large array ~20 times and briefly hold two
 * copies). Nothing for @more 0. */
void cg__array_reserve(GArray *a, guint more);
const char *cg__where(CgGraph *g, const char *file, guint line, guint col);

gboolean cg__chokepoint_kind_parse(const char *text, const char *where, const char *prefix,
                                   const char *what, CgChokepointKind *out, GError **error);

/* The builder as a reader drives it (graph-builder.c). A reader wraps the graph it fills
 * in a CgGraphBuilder and makes every statement about nodes, regions, documents and claims
 * through the public cg_graph_builder_*() calls, so that a file and a program get the same
 * checks and the same errors. The builder then takes the reader's text as checked (the
 * reader has reported bad text at its file's place) and its provenance as given (the
 * strings already the graph's), and names the place cg__graph_builder_at() gave (NULL: none
 * is recorded, as for a table's million plain nodes). Edges, their groups and origins, and a
 * chain's membership go through the private half below: a file gives one origin to all the
 * edges of a statement and groups with no name, which the public calls do not express. */
CgGraphBuilder *cg__graph_builder_wrap(CgGraph *g); /* the reader's loader finishes @g */
void cg__graph_builder_unwrap(CgGraphBuilder *b);  /* frees @b, not its graph */
CgGraph *cg__graph_builder_graph(CgGraphBuilder *b);
void cg__graph_builder_at(CgGraphBuilder *b, const char *where, guint line);
/* cg_graph_builder_add_node(), telling whether the node is new. */
CgNodeId cg__graph_builder_node(CgGraphBuilder *b, const char *id, gboolean *created);
/* The node setter for @attr: weight|import|subst|recycle. */
gboolean cg__graph_builder_set_node_number(CgGraphBuilder *b, CgNodeId v, const char *attr,
                                           double x, GError **error);
/* cg__region_add_alias() for a reader that words the conflict itself. */
gssize cg__graph_builder_region_alias(CgGraphBuilder *b, gsize r, const char *alias,
                                      gboolean keep_own_names);

/* Building (only while loading). The node, region and document setters behind the public
 * builder are in graph-build.h, which only core/ includes: a reader makes those statements
 * through CgGraphBuilder (above). What readers use directly is below: edges, their input
 * groups and the origin a statement's edges share, and look-ups. */
CgGraph *cg__graph_new(void);
gssize cg__node_lookup_id(const CgGraph *g, const char *id);
gssize cg__region_lookup(const CgGraph *g, const char *name);

guint32 cg__origin_add(CgGraph *g, const char *file, const CgProvenance *prov, guint32 chain);
guint32 cg__label_fresh(CgGraph *g);             /* a label shared by one statement's group */
guint32 cg__label_own(CgGraph *g);               /* a group of its own */
guint32 cg__label_intern(CgGraph *g, const char *text); /* textual label (scoped by target) */
void cg__edge_add(CgGraph *g, guint32 src, guint32 dst, guint32 label, guint32 origin, guint32 line,
                  guint32 col);

/* A copy of finished @g without its planned claims, inferred statements or weights
 * (graph-copy.c, for cg_graph_restrict()). */
CgGraph *cg__graph_copy_without(const CgGraph *g, gboolean present, gboolean noinf,
                                gboolean uniform, GError **error);

/* Finishing: resolves region parents, merges duplicate edges, checks groups, builds CSR. */
gboolean cg__graph_finish(CgGraph *g, GError **error);
void cg__index_names(const CgGraph *g);
gssize cg__find_node(const CgGraph *g, const char *key);
/* The ids of the nodes that share the name @key, comma-separated, or NULL if it is not
 * ambiguous. (transfer full) */
char *cg__ambiguous_ids(const CgGraph *g, const char *key);

/* Errors. Every message is made valid UTF-8 and at most CG__MESSAGE_MAX characters long
 * (cg__message_tidy; transfer full). */
#define CG__MESSAGE_MAX 1000
char *cg__message_tidy(const char *raw);
void cg__set_error_at(GError **error, CgError code, const char *where, const char *fmt, ...)
    G_GNUC_PRINTF(4, 5);
/* Output files (fileout.c): every file the library writes. A regular file (or none) is
 * replaced through a temporary file and a rename, a symlink is followed, a device or FIFO is
 * written in place, a directory refused; a set is replaced whole or not at all. */
typedef struct _CgOutSet CgOutSet;
CgOutSet *cg__outset_new(void);
FILE *cg__outset_add(CgOutSet *s, const char *path, GError **error);
void cg__outset_remove(CgOutSet *s, const char *path);
gboolean cg__outset_commit(CgOutSet *s, GError **error);
void cg__outset_free(CgOutSet *s);
gboolean cg__file_write(const char *path, const void *data, gsize len, GError **error);
gboolean cg__text_write(const char *path, const char *text, GError **error);
/* igraph: one lock, our own error handler. Call igraph only between lock and unlock. */
void cg__igraph_lock(void);
void cg__igraph_unlock(void);
gboolean cg__igraph_check(int igraph_code, GError **error);

/* Numbers as text (numfmt.c): the shortest decimal that reads back as the same value. */
void cg__put_double(GString *o, double x);
/* Reads a decimal as every format documents it: [+-]digits[.digits][(e|E)[+-]digits], at
 * least one digit before the exponent, nothing else (no hex, inf, nan or spaces), finite. */
gboolean cg__parse_decimal(const char *text, double *out);
/* The first control character (U+0000–U+001F, U+007F) of @s (@len bytes, -1: to its NUL),
 * or NULL. No text of the model may hold one: GraphML cannot write them, and a tab or a line
 * break in an id would not survive a TSV table or a terminal. */
const char *cg__control_char(const char *s, gssize len);

/* Threads (parallel.c): the one thread-count policy and fork/join helper. */
#define CG_THREADS_MAX 64
guint cg__threads_resolve(guint threads, guint64 useful);
void cg__parallel_run(const char *name, guint n_threads, GThreadFunc fn, gpointer data,
                      gsize stride);

/* Progress and cancellation of a parallel loop (parallel.c): workers add the units they
 * finish; the calling thread (thread 0 of cg__parallel_run()) calls the user's
 * #CgProgressFunc at most every CG_WORK_INTERVAL_US; once it returns FALSE every worker sees
 * cg__work_step() return FALSE and leaves its loop, and cg__work_cancelled() sets the error.
 * A NULL work, or one without a callback, costs one branch. */
#define CG_WORK_INTERVAL_US 100000
typedef struct {
  CgProgressFunc fn;
  gpointer data;
  const char *phase;
  guint64 total;     /* the fraction reported is done / total */
  gsize done;        /* atomic */
  gint stop;         /* atomic */
  gint64 last;       /* the calling thread's last call (monotonic µs) */
} CgWork;
void cg__work_init(CgWork *w, CgProgressFunc fn, gpointer data, const char *phase,
                   guint64 total);
gboolean cg__work_step(CgWork *w, guint64 units, gboolean caller);
gboolean cg__work_report(CgWork *w, double fraction);
gboolean cg__work_cancelled(const CgWork *w, GError **error);
/* While loading @g (single-threaded): @bytes more of the input read; FALSE, with
 * G_IO_ERROR_CANCELLED, when the caller's callback asked to stop. TRUE without a callback. */
gboolean cg__load_step(CgGraph *g, guint64 bytes, GError **error);
void cg__load_watch(CgGraph *g, CgWork *w);

/* The public accessors' check of a node index (a programmer error, not a data error). */
#define CG__NODE_OK(g, v, ret) g_return_val_if_fail((g) != NULL && (v) < (g)->nodes->len, ret)

/* Inline accessors for analyses. */
static inline guint32 cg__n(const CgGraph *g) { return g->nodes->len; }
static inline guint32 cg__m(const CgGraph *g) { return g->edges->len; }
static inline const CgNodeRec *cg__node(const CgGraph *g, guint32 v) {
  return &g_array_index(g->nodes, CgNodeRec, v);
}
static inline guint32 cg__edge_dst(const CgGraph *g, guint32 e) {
  return g->group_node[g->egroup[e]];
}
gboolean cg__is_app(const CgGraph *g, guint32 v);
const CgProvenance *cg__node_quote(const CgGraph *g, guint32 v);
GArray *cg__supply_cone(const CgGraph *g, guint32 v);

/* Whether a statement's provenance carries evidence: a quote or an inference. */
static inline gboolean
cg__has_evidence(const CgProvenance *p)
{
  return p && (p->quote || p->inferred);
}

/* Ascending guint32, for g_array_sort() and qsort() (sort.c). */
int cg__cmp_u32(gconstpointer a, gconstpointer b);
gssize cg__bsearch_u32(const guint32 *a, gsize n, guint32 x);

/* The order of every ranking: value descending, then node id ascending (nodes @x, @y with
 * values @a, @b), so that ties are broken the same way everywhere. */
static inline int
cg__cmp_desc_then_id(const CgGraph *g, double a, double b, guint32 x, guint32 y)
{
  if (a != b)
    return a > b ? -1 : 1;
  return strcmp(cg__node(g, x)->id, cg__node(g, y)->id);
}

void cg__sort_nodes_by_value(const CgGraph *g, GArray *nodes, const double *value);

/* The same with the ids ranked beforehand (@rank[v]: v's position in id order), for sorts
 * of many items; 0 only for the same node and the same value. */
static inline int
cg__cmp_desc_then_rank(const guint32 *rank, double a, double b, guint32 x, guint32 y)
{
  if (a != b)
    return a > b ? -1 : 1;
  return rank[x] < rank[y] ? -1 : rank[x] > rank[y];
}
double cg__app_weight(const CgGraph *g, guint32 v);


G_END_DECLS

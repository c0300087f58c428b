/* The io layer's private header: every format's reader and writer. Uses only the core
 * layer. Not installed. */
#pragma once

#include "core/cg-core.h"

G_BEGIN_DECLS

/* Format readers and writers. @name is the file name used in messages. */
gboolean cg__chain_parse(CgGraph *g, GPtrArray *pending, const char *data, gsize len,
                         const char *name, GError **error);
gboolean cg__chain_apply(CgGraph *g, GPtrArray *pending, GError **error);
void cg__chain_pending_free(gpointer p);
gboolean cg__json_read(CgGraph *g, const char *data, gsize len, const char *name, GError **error);
/* The same on a file, read in chunks (streamed: the file is never held whole). */
gboolean cg__json_read_file(CgGraph *g, const char *path, GError **error);
char *cg__json_write(const CgGraph *g);
/* Extra numeric attributes of every node and edge, for an export that carries analysis
 * results (present/export-results.c computes them; io knows only names and numbers). A NaN
 * value is left out; a boolean column writes true/false. */
typedef struct {
  const char *name;
  const double *values; /* one per node, or per edge */
  gboolean boolean;
} CgIoColumn;
typedef struct {
  const CgIoColumn *node;
  guint n_node;
  const CgIoColumn *edge;
  guint n_edge;
} CgIoExtra;
char *cg__json_write_extra(const CgGraph *g, const CgIoExtra *extra);
char *cg__graphml_write_extra(const CgGraph *g, const CgIoExtra *extra);
/* One array of the node-link format as JSON text, for GraphML <data>: "documents",
 * "regions", "chains"; "provenance"/"chokepoints" of node @index; "edge-provenance" of
 * edge @index (reading fills @origins). */
char *cg__json_fragment_write(const CgGraph *g, const char *what, guint32 index);
gboolean cg__json_fragment_read(CgGraph *g, const char *what, guint32 index, const char *text,
                                gsize len, const char *name, const char *where, GArray *origins,
                                GError **error);
gboolean cg__graphml_read(CgGraph *g, const char *data, gsize len, const char *name, GError **error);
char *cg__graphml_write(const CgGraph *g);
/* TSV is a set of tables PREFIX.nodes.tsv, PREFIX.edges.tsv, … (docs/formats.md). */
gboolean cg__tsv_read(CgGraph *g, const char *path, GError **error);
gboolean cg__tsv_write(const CgGraph *g, const char *path, GError **error);
char *cg__dot_write(const CgGraph *g);
/* DOT's quoting, for every DOT the library writes (dot.c). */
void cg__dot_text(GString *o, const char *s);
void cg__dot_id(GString *o, const char *s);

/* The one DOT emitter (dot.c): the whole-graph export and the chain diagrams (present/render.c)
 * are two views of it. It writes the caller's header, then the nodes — each rank a
 * `{ rank=same; … }` group, then the nodes of no rank — then the edges in the order given:
 * a sole input as `u -> v`, a member of an input group of two or more as a dashed edge to
 * the group's junction (declared by the caller's @junction before its first member); the
 * caller closes the graph. */
typedef struct {
  GPtrArray *ranks;       /* (element-type GArray of guint32): the ranks, left to right */
  const guint32 *nodes;   /* every node drawn; those in no rank follow the ranks, in this order */
  guint n_nodes;
  const guint32 *edges;   /* the edges drawn, in order */
  guint n_edges;
  /* one node statement, `ID [attributes];` after @indent, with its line break */
  void (*node)(GString *s, guint32 v, const char *indent, gpointer data);
  void (*node_ref)(GString *s, guint32 v, gpointer data);  /* a node's DOT ID */
  /* the junction of group @gi: its statement and its edge to the target */
  void (*junction)(GString *s, guint32 gi, gpointer data);
  void (*junction_ref)(GString *s, guint32 gi, gpointer data);
  /* an edge's own attributes, each after ", " (sole inputs: the whole list; members: after
   * `style=dashed, arrowhead=none`); NULL: none */
  void (*edge_attrs)(GString *s, guint32 e, gboolean member, gpointer data);
  gpointer data;
} CgDotView;
void cg__dot_emit(GString *s, const CgGraph *g, const CgDotView *view);

G_END_DECLS

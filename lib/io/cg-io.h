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

G_END_DECLS

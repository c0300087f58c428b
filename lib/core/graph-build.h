/* The builder's setters of nodes, regions and documents (graph-build.c): what
 * CgGraphBuilder (graph-builder.c) wraps, for every reader and every program alike. Only
 * lib/core/ includes this header (tests/check-layers.sh checks it); the other layers build
 * through CgGraphBuilder. */
#pragma once

#include "core/cg-core.h"

G_BEGIN_DECLS

/* Finds or creates the node with this id. Never fails; attributes are set separately. */
guint32 cg__node_ensure(CgGraph *g, const char *id, const char *where, gboolean *created);
/* Sets one attribute, reporting a conflict with the place it was first given. */
gboolean cg__node_set_name(CgGraph *g, guint32 v, const char *name, const char *where, GError **error);
gboolean cg__node_set_name_en(CgGraph *g, guint32 v, const char *en, const char *where, GError **error);
gboolean cg__node_set_stage(CgGraph *g, guint32 v, CgStage stage, const char *where, GError **error);
gboolean cg__node_set_number(CgGraph *g, guint32 v, const char *attr, double value,
                             const char *where, GError **error); /* weight|import|subst|recycle */
gboolean cg__node_add_alias(CgGraph *g, guint32 v, const char *alias, const char *where, GError **error);
void cg__node_add_domain(CgGraph *g, guint32 v, const char *domain);
void cg__node_add_provenance(CgGraph *g, guint32 v, const CgProvenance *p);
void cg__node_add_chokepoint(CgGraph *g, guint32 v, const char *kind, const CgProvenance *p);
CgNodeExtra *cg__node_extra(CgGraph *g, guint32 v);

guint32 cg__region_ensure(CgGraph *g, const char *name, const char *where);
gboolean cg__region_set_level(CgGraph *g, guint32 r, CgRegionLevel level, const char *where, GError **error);
gboolean cg__region_set_name_en(CgGraph *g, guint32 r, const char *en, const char *where, GError **error);
gboolean cg__region_set_id(CgGraph *g, guint32 r, const char *id, const char *where, GError **error);
gboolean cg__region_set_parent(CgGraph *g, guint32 r, const char *parent, const char *where, GError **error);
void cg__region_add_capability(CgGraph *g, guint32 r, guint32 node, double share, gboolean develop,
                               const CgProvenance *p, guint line);
void cg__region_add_provenance(CgGraph *g, guint32 r, const CgProvenance *p);
gssize cg__region_add_alias(CgGraph *g, guint32 r, const char *alias, gboolean keep_own_names);

guint32 cg__document_ensure(CgGraph *g, const char *file, const char *where);
gboolean cg__document_set(CgGraph *g, guint32 d, const char *attr, const char *value,
                          const char *where, GError **error); /* key|title|region */
/* A document-wide risk statement (kind as for chokepoints); a repeated one is kept once. */
void cg__document_add_risk(CgGraph *g, guint32 d, const char *kind, const CgProvenance *p);

G_END_DECLS

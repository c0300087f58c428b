/* Reading the TSV tables into the builder (tsv-private.h has the format and the design). */
#include "io/tsv-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

static gboolean
read_documents(CgGraphBuilder *b, const char *path, GError **error)
{
  Tsv t;
  gboolean ok = cg__tsv_open(&t, b, path, FALSE, error);
  if (!ok || !cg__tsv_present(&t)) {
    cg__tsv_close(&t);
    return ok;
  }
  int cfile = cg__tsv_col(&t, "file"), ckey = cg__tsv_col(&t, "key"), ctitle = cg__tsv_col(&t, "title"),
      cregion = cg__tsv_col(&t, "region");
  ok = cg__tsv_require(&t, cfile, "file", error);
  int r;
  while (ok && (r = cg__tsv_next(&t, error)) > 0) {
    const char *file, *s;
    ok = cg__tsv_str(&t, cfile, TRUE, &file, error);
    if (ok && !file) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where(&t, cfile), "file: empty document file");
      ok = FALSE;
    }
    if (!ok)
      break;
    cg__graph_builder_at(b, cg__tsv_where(&t, cfile), t.line);
    gsize di = cg_graph_builder_add_document(b, file, NULL, NULL);
    if ((ok = cg__tsv_str(&t, ckey, TRUE, &s, error)) && s) {
      cg__graph_builder_at(b, cg__tsv_where(&t, ckey), t.line);
      ok = cg_graph_builder_set_document_key(b, di, s, error);
    }
    if (ok && (ok = cg__tsv_str(&t, ctitle, TRUE, &s, error)) && s) {
      cg__graph_builder_at(b, cg__tsv_where(&t, ctitle), t.line);
      ok = cg_graph_builder_set_document_title(b, di, s, error);
    }
    if (ok && (ok = cg__tsv_str(&t, cregion, TRUE, &s, error)) && s) {
      cg__graph_builder_at(b, cg__tsv_where(&t, cregion), t.line);
      ok = cg_graph_builder_set_document_region(b, di, s, error);
    }
  }
  ok = ok && r == 0;
  cg__tsv_close(&t);
  return ok;
}

typedef gboolean (*SetString)(CgGraphBuilder *b, CgNodeId v, const char *s, GError **error);

static gboolean
node_string(Tsv *t, int col, guint32 v, SetString set, GError **error)
{
  const char *s;
  if (!cg__tsv_str(t, col, TRUE, &s, error))
    return FALSE;
  if (s && !set(t->b, v, s, error)) {
    cg__tsv_fix_where(t, col, error);
    return FALSE;
  }
  return TRUE;
}

static gboolean
node_number(Tsv *t, int col, guint32 v, const char *attr, GError **error)
{
  double x;
  if (!cg__tsv_num(t, col, &x, error))
    return FALSE;
  if (!isnan(x) && !cg__graph_builder_set_node_number(t->b, v, attr, x, error)) {
    cg__tsv_fix_where(t, col, error);
    return FALSE;
  }
  return TRUE;
}

static gboolean
node_list(Tsv *t, int col, guint32 v, gboolean aliases, GString *item, GError **error)
{
  if (col < 0 || t->flen[col] == 0)
    return TRUE;
  const char *whole;
  if (!cg__tsv_str(t, col, TRUE, &whole, error)) /* the whole list is valid UTF-8 */
    return FALSE;
  guint pos = 0;
  while (cg__tsv_list_next(t, col, &pos, item)) {
    if (item->len == 0)
      continue;
    if (!aliases)
      cg_graph_builder_add_node_domain(t->b, v, item->str);
    else if (!cg_graph_builder_add_node_alias(t->b, v, item->str, error)) {
      cg__tsv_fix_where(t, col, error);
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean
read_nodes(CgGraphBuilder *b, const char *path, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  Tsv t;
  if (!cg__tsv_open(&t, b, path, TRUE, error)) {
    cg__tsv_close(&t);
    return FALSE;
  }
  enum { ID, NAME, EN, STAGE, WEIGHT, IMPORT, SUBST, RECYCLE, ALIASES, DOMAINS, NCOLS };
  static const char *const names[NCOLS] = {"id",     "name",  "name_en", "stage",   "weight",
                                           "import", "subst", "recycle", "aliases", "domains"};
  int c[NCOLS];
  for (guint i = 0; i < NCOLS; i++)
    c[i] = cg__tsv_col(&t, names[i]);
  gboolean ok = cg__tsv_require(&t, c[ID], "id", error);
  if (ok)
    cg__array_reserve(g->nodes, cg__tsv_count_lines(&t));
  GString *item = g_string_new(NULL);
  int r = 0;
  while (ok && (r = cg__tsv_next(&t, error)) > 0) {
    const char *id, *stage;
    if (!(ok = cg__tsv_str(&t, c[ID], TRUE, &id, error)))
      break;
    if (!id) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where(&t, c[ID]), "id: empty node id");
      ok = FALSE;
      break;
    }
    gboolean attrs = FALSE, extra = FALSE;
    for (guint i = NAME; i < NCOLS; i++)
      if (c[i] >= 0 && t.flen[c[i]] > 0) {
        attrs = TRUE;
        extra = extra || i != STAGE;
      }
    /* A node with only an id and a stage gets no CgNodeExtra (the place is kept in it):
     * large generated tables load without a million small allocations. */
    cg__graph_builder_at(b, extra ? t.file_where : NULL, 0);
    CgNodeId v = cg_graph_builder_add_node(b, id);
    if (!attrs)
      continue;
    cg__graph_builder_at(b, t.file_where, 0);
    ok = node_string(&t, c[NAME], v, cg_graph_builder_set_node_name, error) &&
         node_string(&t, c[EN], v, cg_graph_builder_set_node_name_en, error) &&
         cg__tsv_str(&t, c[STAGE], TRUE, &stage, error);
    if (ok && stage) {
      CgStage st;
      if (!cg_stage_from_string(stage, &st)) {
        cg__set_error_at(error, CG_ERROR_INVALID, cg__tsv_where(&t, c[STAGE]),
                         "stage: unknown stage '%s' (expected raw, material, component, "
                         "product, application, recycling or category)", stage);
        ok = FALSE;
      } else if (!cg_graph_builder_set_node_stage(b, v, st, error)) {
        cg__tsv_fix_where(&t, c[STAGE], error);
        ok = FALSE;
      }
    }
    ok = ok && node_number(&t, c[WEIGHT], v, "weight", error) &&
         node_number(&t, c[IMPORT], v, "import", error) &&
         node_number(&t, c[SUBST], v, "subst", error) &&
         node_number(&t, c[RECYCLE], v, "recycle", error) &&
         node_list(&t, c[ALIASES], v, TRUE, item, error) &&
         node_list(&t, c[DOMAINS], v, FALSE, item, error);
  }
  g_string_free(item, TRUE);
  ok = ok && r == 0;
  cg__tsv_close(&t);
  return ok;
}

static gboolean
read_regions(CgGraphBuilder *b, const char *path, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  Tsv t;
  gboolean ok = cg__tsv_open(&t, b, path, FALSE, error);
  if (!ok || !cg__tsv_present(&t)) {
    cg__tsv_close(&t);
    return ok;
  }
  int cname = cg__tsv_col(&t, "name"), cid = cg__tsv_col(&t, "id"), cen = cg__tsv_col(&t, "name_en"),
      clevel = cg__tsv_col(&t, "level"), cparent = cg__tsv_col(&t, "parent"),
      caliases = cg__tsv_col(&t, "aliases");
  ok = cg__tsv_require(&t, cname >= 0 ? cname : cid, "name", error);
  GString *item = g_string_new(NULL);
  int r = 0;
  while (ok && (r = cg__tsv_next(&t, error)) > 0) {
    const char *name, *id, *s;
    if (!(ok = cg__tsv_str(&t, cname, TRUE, &name, error) && cg__tsv_str(&t, cid, TRUE, &id, error)))
      break;
    if (!name)
      name = id;
    if (!name) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where(&t, cname), "name: empty region name");
      ok = FALSE;
      break;
    }
    /* Regions are few: each gets its exact place. */
    const char *where = cg__tsv_where(&t, -1);
    cg__graph_builder_at(b, where, t.line);
    gsize ri = cg_graph_builder_add_region(b, name);
    if (id && strcmp(id, name) != 0 && !cg_graph_builder_set_region_id(b, ri, id, error))
      ok = FALSE;
    if (ok && (ok = cg__tsv_str(&t, cen, TRUE, &s, error)) && s)
      ok = cg_graph_builder_set_region_name_en(b, ri, s, error);
    if (ok && (ok = cg__tsv_str(&t, cparent, TRUE, &s, error)) && s)
      ok = cg_graph_builder_set_region_parent(b, ri, s, error);
    if (ok && (ok = cg__tsv_str(&t, clevel, TRUE, &s, error)) && s) {
      CgRegionLevel level;
      if (!cg_level_from_string(s, &level)) {
        cg__set_error_at(error, CG_ERROR_INVALID, cg__tsv_where(&t, clevel),
                         "level: unknown level '%s' (expected country, province, city, "
                         "district, zone or cluster)", s);
        ok = FALSE;
      } else {
        ok = cg_graph_builder_set_region_level(b, ri, level, error);
      }
    }
    guint pos = 0;
    if (ok) /* the whole list is valid UTF-8 */
      ok = cg__tsv_str(&t, caliases, TRUE, &s, error);
    while (ok && cg__tsv_list_next(&t, caliases, &pos, item)) {
      if (!item->len)
        continue;
      gssize other = cg__graph_builder_region_alias(b, ri, item->str, FALSE);
      if (other >= 0) {
        cg__set_error_at(error, CG_ERROR_CONFLICT, cg__tsv_where(&t, caliases),
                         "region alias '%s' already names '%s'", item->str,
                         ((CgRegionRec *)g->regions->pdata[other])->name);
        ok = FALSE;
      }
    }
  }
  g_string_free(item, TRUE);
  ok = ok && r == 0;
  cg__tsv_close(&t);
  return ok;
}

static gboolean
read_chains(CgGraphBuilder *b, const char *path, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  Tsv t;
  gboolean ok = cg__tsv_open(&t, b, path, FALSE, error);
  if (!ok || !cg__tsv_present(&t)) {
    cg__tsv_close(&t);
    return ok;
  }
  int cid = cg__tsv_col(&t, "id"), cname = cg__tsv_col(&t, "name"), cen = cg__tsv_col(&t, "name_en"),
      cpath = cg__tsv_col(&t, "path");
  ProvCols pc;
  cg__tsv_prov_cols(&t, &pc);
  ok = cg__tsv_require(&t, cid, "id", error);
  int r = 0;
  while (ok && (r = cg__tsv_next(&t, error)) > 0) {
    const char *id;
    CgProvenance p;
    if (!(ok = cg__tsv_str(&t, cid, TRUE, &id, error)))
      break;
    if (!id) {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where(&t, cid), "id: empty chain id");
      ok = FALSE;
      break;
    }
    if (!(ok = cg__chain_new_ok(g, id, cg__tsv_where(&t, cid), error)))
      break;
    const char *name, *en, *path; /* each column's text stays until the next row */
    ok = cg__tsv_str(&t, cname, TRUE, &name, error) && cg__tsv_str(&t, cen, TRUE, &en, error) &&
         cg__tsv_str(&t, cpath, TRUE, &path, error) && cg__tsv_prov(&t, &pc, &p, error);
    if (!ok)
      break;
    p.where = cg__tsv_where(&t, -1);
    cg__chain_add(g, id, name, en, path, &p);
  }
  ok = ok && r == 0;
  cg__tsv_close(&t);
  return ok;
}

static gboolean
tsv_chain(Tsv *t, int col, CgChainRec **out, GError **error)
{
  const char *id;
  if (!cg__tsv_str(t, col, TRUE, &id, error))
    return FALSE;
  gpointer hit = id ? g_hash_table_lookup(t->g->chain_by_id, id) : NULL;
  if (!hit) {
    cg__set_error_at(error, CG_ERROR_UNKNOWN, cg__tsv_where(t, col),
                     "chain: unknown chain '%s' (not in the chains file)", id ? id : "");
    return FALSE;
  }
  *out = t->g->chains->pdata[GPOINTER_TO_UINT(hit) - 1];
  return TRUE;
}

/* chain-nodes rows: an empty stage lists the chain's nodes in order; stage k (from 0)
 * lists the members of the chain's k-th stage in order. */
static gboolean
read_chain_nodes(CgGraphBuilder *b, const char *path, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  Tsv t;
  gboolean ok = cg__tsv_open(&t, b, path, FALSE, error);
  if (!ok || !cg__tsv_present(&t)) {
    cg__tsv_close(&t);
    return ok;
  }
  int cchain = cg__tsv_col(&t, "chain"), cstage = cg__tsv_col(&t, "stage"), cnode = cg__tsv_col(&t, "node");
  ok = cg__tsv_require(&t, cchain, "chain", error) && cg__tsv_require(&t, cnode, "node", error);
  int r = 0;
  while (ok && (r = cg__tsv_next(&t, error)) > 0) {
    CgChainRec *ch;
    guint32 v;
    double stage;
    if (!(ok = tsv_chain(&t, cchain, &ch, error) && cg__tsv_node(&t, cnode, &v, error)))
      break;
    if (cstage >= 0 && t.flen[cstage] == 5 && memcmp(t.f[cstage], "local", 5) == 0) {
      cg__chain_add_local(g, ch, v);
      continue;
    }
    if (!(ok = cg__tsv_num(&t, cstage, &stage, error)))
      break;
    if (isnan(stage)) {
      cg__chain_add_nodes(ch, &v, 1);
      continue;
    }
    if (stage < 0 || stage > 10000 || stage != (guint)stage) {
      cg__set_error_at(error, CG_ERROR_INVALID, cg__tsv_where(&t, cstage),
                       "stage: %g is not a stage number (0, 1, 2, …)", stage);
      ok = FALSE;
      break;
    }
    cg__chain_add_stage_node(ch, (guint)stage, v);
  }
  ok = ok && r == 0;
  cg__tsv_close(&t);
  return ok;
}

static gboolean
read_chain_edges(CgGraphBuilder *b, const char *path, GError **error)
{
  Tsv t;
  gboolean ok = cg__tsv_open(&t, b, path, FALSE, error);
  if (!ok || !cg__tsv_present(&t)) {
    cg__tsv_close(&t);
    return ok;
  }
  int cchain = cg__tsv_col(&t, "chain"), csrc = cg__tsv_col(&t, "source"), cdst = cg__tsv_col(&t, "target");
  ok = cg__tsv_require(&t, cchain, "chain", error) && cg__tsv_require(&t, csrc, "source", error) &&
       cg__tsv_require(&t, cdst, "target", error);
  int r = 0;
  while (ok && (r = cg__tsv_next(&t, error)) > 0) {
    CgChainRec *ch;
    guint32 u, v;
    if (!(ok = tsv_chain(&t, cchain, &ch, error) && cg__tsv_node(&t, csrc, &u, error) &&
               cg__tsv_node(&t, cdst, &v, error)))
      break;
    cg__chain_add_edge_key(ch, u, v);
  }
  ok = ok && r == 0;
  cg__tsv_close(&t);
  return ok;
}

/* provenance rows: node or region, and for nodes an optional chokepoint kind; a row with
 * neither but a kind and a document is a document-wide risk statement. */
static gboolean
read_provenance(CgGraphBuilder *b, const char *path, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  Tsv t;
  gboolean ok = cg__tsv_open(&t, b, path, FALSE, error);
  if (!ok || !cg__tsv_present(&t)) {
    cg__tsv_close(&t);
    return ok;
  }
  int cnode = cg__tsv_col(&t, "node"), cregion = cg__tsv_col(&t, "region"),
      ckind = cg__tsv_col(&t, "chokepoint");
  ProvCols pc;
  cg__tsv_prov_cols(&t, &pc);
  ok = cg__tsv_require(&t, cnode >= 0 ? cnode : cregion, "node", error);
  int r = 0;
  while (ok && (r = cg__tsv_next(&t, error)) > 0) {
    const char *region, *kind;
    CgProvenance p;
    if (!(ok = cg__tsv_str(&t, cregion, TRUE, &region, error) &&
               cg__tsv_str(&t, ckind, TRUE, &kind, error) && cg__tsv_prov(&t, &pc, &p, error)))
      break;
    CgChokepointKind k;
    if (!(ok = cg__chokepoint_kind_parse(kind, cg__tsv_where(&t, ckind), "chokepoint: ",
                                         "chokepoint", &k, error)))
      break;
    p.where = cg__tsv_where(&t, -1);
    if (cnode >= 0 && t.flen[cnode]) {
      guint32 v;
      if (!(ok = cg__tsv_node(&t, cnode, &v, error)))
        break;
      if (kind)
        cg_graph_builder_add_node_chokepoint(b, v, k, &p);
      else
        cg_graph_builder_add_node_provenance(b, v, &p);
    } else if (region) {
      gssize ri = cg__region_lookup(g, region);
      if (ri < 0) {
        cg__set_error_at(error, CG_ERROR_UNKNOWN, cg__tsv_where(&t, cregion),
                         "region: unknown region '%s'", region);
        ok = FALSE;
        break;
      }
      cg_graph_builder_add_region_provenance(b, (gsize)ri, &p);
    } else if (kind && p.document >= 0) {
      cg_graph_builder_add_document_risk(b, (gsize)p.document, k, &p);
    } else {
      cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where(&t, -1),
                       "a provenance row needs a node, a region, or a chokepoint kind and a "
                       "document (a document-wide risk statement)");
      ok = FALSE;
    }
  }
  ok = ok && r == 0;
  cg__tsv_close(&t);
  return ok;
}

static gboolean
read_edges(CgGraphBuilder *b, const char *path, gboolean required, IdIndex *ids, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  Tsv t;
  gboolean ok = cg__tsv_open(&t, b, path, required, error);
  if (!ok || !cg__tsv_present(&t)) {
    cg__tsv_close(&t);
    return ok;
  }
  int csrc = cg__tsv_col(&t, "source"), cdst = cg__tsv_col(&t, "target"), cgroup = cg__tsv_col(&t, "group"),
      cchain = cg__tsv_col(&t, "chain");
  ProvCols pc;
  cg__tsv_prov_cols(&t, &pc);
  ok = cg__tsv_require(&t, csrc, "source", error) && cg__tsv_require(&t, cdst, "target", error);
  const IdIndex *index = NULL;
  LastId last_src = {0}, last_dst = {0};
  if (ok) {
    cg__array_reserve(g->edges, cg__tsv_count_lines(&t));
    index = cg__id_index_ensure(ids, g);
  }
  Ahead ahead;
  cg__tsv_ahead_init(&ahead, &t, csrc);
  guint32 plain = CG_NONE, last_origin = CG_NONE, last_label = 0;
  CgProvenance last_prov = {-1, NULL, NULL, NULL, NULL};
  guint32 last_chain = CG_NONE;
  /* Grouped edges of one target are usually adjacent: remember the last label. */
  GString *last_group = g_string_new(NULL);
  gboolean have_label = FALSE;
  int r = 0;
  while (ok && (r = cg__tsv_next(&t, error)) > 0) {
    guint32 u, v, label, origin;
    if (index)
      ahead_step(&ahead, &t, index);
    if (!(ok = row_node(&t, index, csrc, &last_src, &u, error) &&
               row_node(&t, index, cdst, &last_dst, &v, error)))
      break;
    if (cgroup >= 0 && t.flen[cgroup]) {
      const char *grp;
      if (!(ok = cg__tsv_str(&t, cgroup, TRUE, &grp, error)))
        break;
      if (!have_label || strcmp(grp, last_group->str) != 0) {
        last_label = cg__label_intern(g, grp);
        g_string_assign(last_group, grp);
        have_label = TRUE;
      }
      label = last_label;
    } else {
      label = cg__label_own(g);
    }
    gboolean chain_given = cchain >= 0 && t.flen[cchain];
    if (cg__tsv_prov_given(&t, &pc) || chain_given) {
      CgProvenance p;
      guint32 ci = CG_NONE;
      CgChainRec *ch;
      if (!(ok = cg__tsv_prov(&t, &pc, &p, error)))
        break;
      if (chain_given) {
        if (!(ok = tsv_chain(&t, cchain, &ch, error)))
          break;
        ci = GPOINTER_TO_UINT(g_hash_table_lookup(g->chain_by_id, ch->id)) - 1;
      }
      /* Edges of one statement are usually adjacent: share their origin. */
      if (last_origin == CG_NONE || ci != last_chain || p.document != last_prov.document ||
          p.section != last_prov.section || p.quote != last_prov.quote ||
          p.inferred != last_prov.inferred) {
        last_origin = cg__origin_add(g, path, &p, ci);
        last_prov = p;
        last_chain = ci;
      }
      origin = last_origin;
    } else {
      if (plain == CG_NONE)
        plain = cg__origin_add(g, path, NULL, CG_NONE);
      origin = plain;
    }
    cg__edge_add(g, u, v, label, origin, t.line, cg__tsv_column_at(&t, t.f[csrc]));
  }
  g_string_free(last_group, TRUE);
  ok = ok && r == 0;
  cg__tsv_close(&t);
  return ok;
}

static gboolean
read_capabilities(CgGraphBuilder *b, const char *path, IdIndex *ids, GError **error)
{
  CgGraph *g = cg__graph_builder_graph(b);
  Tsv t;
  gboolean ok = cg__tsv_open(&t, b, path, FALSE, error);
  if (!ok || !cg__tsv_present(&t)) {
    cg__tsv_close(&t);
    return ok;
  }
  int cregion = cg__tsv_col(&t, "region"), cnode = cg__tsv_col(&t, "node"), cshare = cg__tsv_col(&t, "share"),
      cdev = cg__tsv_col(&t, "develop");
  ProvCols pc;
  cg__tsv_prov_cols(&t, &pc);
  ok = cg__tsv_require(&t, cregion, "region", error) && cg__tsv_require(&t, cnode, "node", error);
  const IdIndex *index = ok ? cg__id_index_ensure(ids, g) : NULL;
  LastId last_node = {0};
  Ahead ahead;
  cg__tsv_ahead_init(&ahead, &t, cnode);
  int r = 0;
  while (ok && (r = cg__tsv_next(&t, error)) > 0) {
    const char *region, *dev;
    guint32 v;
    double share;
    CgProvenance p;
    if (index)
      ahead_step(&ahead, &t, index);
    if (!(ok = cg__tsv_str(&t, cregion, TRUE, &region, error) &&
               row_node(&t, index, cnode, &last_node, &v, error) &&
               cg__tsv_num(&t, cshare, &share, error) && cg__tsv_str(&t, cdev, TRUE, &dev, error) &&
               cg__tsv_prov(&t, &pc, &p, error)))
      break;
    gssize ri = region ? cg__region_lookup(g, region) : -1;
    if (ri < 0) {
      cg__set_error_at(error, CG_ERROR_UNKNOWN, cg__tsv_where(&t, cregion),
                       "region: unknown region '%s' (not in the regions file)",
                       region ? region : "");
      ok = FALSE;
      break;
    }
    if (!isnan(share) && !(share > 0 && share <= 1)) {
      cg__set_error_at(error, CG_ERROR_INVALID, cg__tsv_where(&t, cshare),
                       "share: %g is out of range (expected 0 < share <= 1)", share);
      ok = FALSE;
      break;
    }
    gboolean develop = FALSE;
    if (dev) {
      if (strcmp(dev, "1") == 0 || g_ascii_strcasecmp(dev, "true") == 0 ||
          g_ascii_strcasecmp(dev, "yes") == 0 || g_ascii_strcasecmp(dev, "develop") == 0)
        develop = TRUE;
      else if (!(strcmp(dev, "0") == 0 || g_ascii_strcasecmp(dev, "false") == 0 ||
                 g_ascii_strcasecmp(dev, "no") == 0 || g_ascii_strcasecmp(dev, "produce") == 0)) {
        cg__set_error_at(error, CG_ERROR_PARSE, cg__tsv_where(&t, cdev),
                         "develop: '%s' is not 0 or 1", dev);
        ok = FALSE;
        break;
      }
    }
    /* Two million claims would intern two million "file:line" strings: the row keeps
     * its line, and the place is made when asked for. */
    p.where = t.file_where;
    cg__graph_builder_at(b, t.file_where, t.line);
    cg_graph_builder_add_capability(b, (gsize)ri, v, share, develop, &p);
  }
  ok = ok && r == 0;
  cg__tsv_close(&t);
  return ok;
}

/**
 * cg__tsv_read:
 * @g: the graph being loaded
 * @path: `PREFIX.tsv`, `PREFIX.nodes.tsv`, `PREFIX.edges.tsv` (or another table of the set)
 *
 * Reads the TSV tables of PREFIX (docs/formats.md). PREFIX.nodes.tsv is required; the
 * others are read when they exist (PREFIX.edges.tsv must exist if @path names it). Errors
 * name `file:line:column`. The caller finishes the graph.
 *
 * Returns: %FALSE with @error set. O(total size of the files) plus O(1) expected per row.
 */
gboolean
cg__tsv_read(CgGraph *g, const char *path, GError **error)
{
  g_return_val_if_fail(g != NULL && path != NULL, FALSE);
  char *prefix = cg__tsv_prefix(path);
  const char *ext = cg__tsv_ext(path);
  char *edges_suffix = g_strconcat(".edges", ext, NULL);
  gboolean edges_named = g_str_has_suffix(path, edges_suffix);
  g_free(edges_suffix);
  gboolean ok = TRUE;
  IdIndex ids = {0};
  CgGraphBuilder *b = cg__graph_builder_wrap(g);
  for (guint i = 0; ok && i < G_N_ELEMENTS(cg__tsv_tables); i++) {
    char *file = cg__tsv_table_path(prefix, cg__tsv_tables[i], ext);
    switch (i) {
    case 0: ok = read_documents(b, file, error); break;
    case 1: ok = read_nodes(b, file, error); break;
    case 2: ok = read_regions(b, file, error); break;
    case 3: ok = read_chains(b, file, error); break;
    case 4: ok = read_chain_nodes(b, file, error); break;
    case 5: ok = read_chain_edges(b, file, error); break;
    case 6: ok = read_provenance(b, file, error); break;
    case 7: ok = read_edges(b, file, edges_named, &ids, error); break;
    default: ok = read_capabilities(b, file, &ids, error); break;
    }
    g_free(file);
  }
  cg__graph_builder_unwrap(b);
  cg__id_index_free(&ids);
  g_free(prefix);
  return ok;
}


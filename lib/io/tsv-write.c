/* Writing the TSV tables (tsv-private.h has the format). */
#include "io/tsv-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

/* A table being written: rows go into a GString that is handed to stdio in multi-megabyte
 * chunks, so five million edges cost a few hundred large writes. */
typedef struct {
  char *path;
  FILE *f;
  GString *b;
  GString *csv; /* a CSV table (csv.c): each chunk's TSV lines converted here */
  int err;      /* errno of the first failure */
} Out;

#define OUT_CHUNK (8u << 20)

static gboolean
out_open(Out *o, CgOutSet *set, const char *path, const char *header, GError **error)
{
  o->path = g_strdup(path);
  o->err = 0;
  o->f = cg__outset_add(set, path, error); /* the set closes it */
  if (!o->f) {
    g_free(o->path);
    return FALSE;
  }
  /* Our chunks bypass stdio's buffer anyway; no point in a large one. */
  setvbuf(o->f, NULL, _IONBF, 0);
  o->b = g_string_sized_new(OUT_CHUNK + 4096);
  o->csv = strcmp(cg__tsv_ext(path), ".csv") == 0 ? g_string_sized_new(OUT_CHUNK + 4096) : NULL;
  g_string_append(o->b, header);
  g_string_append_c(o->b, '\n');
  return TRUE;
}

static void
out_flush(Out *o)
{
  GString *w = o->b;
  if (o->csv) {
    g_string_truncate(o->csv, 0);
    cg__tsv_to_csv(o->csv, o->b->str, o->b->len);
    w = o->csv;
  }
  if (w->len && !o->err && fwrite(w->str, 1, w->len, o->f) != w->len)
    o->err = errno ? errno : EIO;
  g_string_truncate(o->b, 0);
}

static inline void
out_row_end(Out *o)
{
  g_string_append_c(o->b, '\n');
  if (G_UNLIKELY(o->b->len >= OUT_CHUNK))
    out_flush(o);
}

static gboolean
out_close(Out *o, GError **error)
{
  out_flush(o);
  g_string_free(o->b, TRUE);
  if (o->csv)
    g_string_free(o->csv, TRUE);
  gboolean ok = o->err == 0;
  if (!ok)
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot write: %s", o->path, g_strerror(o->err));
  g_free(o->path);
  return ok;
}

/* Appends @s with tab, newline, carriage return and backslash escaped (and `|` too inside
 * a list item). strcspn finds the runs that need nothing. */
static void
put_field(GString *b, const char *s, gboolean list_item)
{
  if (!s)
    return;
  const char *special = list_item ? "\t\n\r\\|" : "\t\n\r\\";
  for (;;) {
    size_t n = strcspn(s, special);
    g_string_append_len(b, s, (gssize)n);
    s += n;
    if (!*s)
      return;
    g_string_append_c(b, '\\');
    g_string_append_c(b, *s == '\t' ? 't' : *s == '\n' ? 'n' : *s == '\r' ? 'r' : *s);
    s++;
  }
}

static void
put_list(GString *b, const GPtrArray *a)
{
  for (guint i = 0; a && i < a->len; i++) {
    if (i)
      g_string_append_c(b, '|');
    put_field(b, a->pdata[i], TRUE);
  }
}

static void
put_double(GString *b, double x)
{
  if (!isnan(x))
    cg__put_double(b, x);
}

static void
put_uint(GString *b, guint32 x)
{
  char buf[12], *p = buf + sizeof buf;
  do
    *--p = (char)('0' + x % 10);
  while ((x /= 10));
  g_string_append_len(b, p, buf + sizeof buf - p);
}

static inline void
tab(GString *b)
{
  g_string_append_c(b, '\t');
}

static const char *
doc_file(const CgGraph *g, int d)
{
  return d >= 0 && (guint)d < g->documents->len ? ((const CgDocRec *)g->documents->pdata[d])->file
                                                : NULL;
}

/* "\tdocument\tsection\tquote\tinferred" of @p. */
static void
put_prov(GString *b, const CgGraph *g, const CgProvenance *p)
{
  tab(b);
  put_field(b, doc_file(g, p->document), FALSE);
  tab(b);
  put_field(b, p->section, FALSE);
  tab(b);
  put_field(b, p->quote, FALSE);
  tab(b);
  put_field(b, p->inferred, FALSE);
}

static gboolean
origin_informative(const CgOrigin *o)
{
  return o->prov.document >= 0 || o->prov.section || o->prov.quote || o->prov.inferred ||
         o->chain != CG_NONE;
}

static gboolean
write_nodes(const CgGraph *g, CgOutSet *set, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, set, file,
                "id\tname\tname_en\tstage\tweight\timport\tsubst\trecycle\taliases\tdomains",
                error))
    return FALSE;
  GString *b = o.b;
  for (guint32 v = 0; v < g->nodes->len; v++) {
    const CgNodeRec *n = cg__node(g, v);
    put_field(b, n->id, FALSE);
    tab(b);
    put_field(b, n->name, FALSE);
    tab(b);
    put_field(b, n->name_en, FALSE);
    tab(b);
    if (n->stage != CG_STAGE_UNKNOWN)
      g_string_append(b, cg_stage_to_string(n->stage));
    tab(b);
    put_double(b, n->weight);
    tab(b);
    put_double(b, n->import_share);
    tab(b);
    put_double(b, n->subst);
    tab(b);
    put_double(b, n->recycle);
    tab(b);
    put_list(b, n->x ? n->x->aliases : NULL);
    tab(b);
    put_list(b, n->x ? n->x->domains : NULL);
    out_row_end(&o);
  }
  return out_close(&o, error);
}

/* One row per edge; an edge given by several statements gets one row per statement
 * (reading merges them back), and the provenance columns exist only when some edge has
 * provenance, to keep large plain graphs lean. */
static gboolean
write_edges(const CgGraph *g, CgOutSet *set, const char *file, GError **error)
{
  gboolean with_prov = FALSE;
  for (guint i = 0; i < g->origins->len && !with_prov; i++)
    with_prov = origin_informative(&g_array_index(g->origins, CgOrigin, i));
  Out o;
  if (!out_open(&o, set, file,
                with_prov ? "source\ttarget\tgroup\tdocument\tsection\tquote\tinferred\tchain"
                          : "source\ttarget\tgroup",
                error))
    return FALSE;
  /* Every edge writes two ids: escape each id once, into one arena in node order, instead
   * of visiting the node array and the scattered strings ten million times. */
  guint32 n = g->nodes->len;
  GString *ids = g_string_sized_new(16 * (gsize)n + 1);
  guint32 *off = g_new(guint32, (gsize)n + 1);
  for (guint32 v = 0; v < n; v++) {
    off[v] = (guint32)ids->len;
    put_field(ids, cg__node(g, v)->id, FALSE);
  }
  off[n] = (guint32)ids->len;
  GString *b = o.b, *key = g_string_new(NULL);
  for (guint32 e = 0; e < g->edges->len; e++) {
    guint32 gi = g->egroup[e], dst = g->group_node[gi], src = g->esrc[e];
    gsize row_start = b->len;
    g_string_append_len(b, ids->str + off[src], off[src + 1] - off[src]);
    tab(b);
    g_string_append_len(b, ids->str + off[dst], off[dst + 1] - off[dst]);
    tab(b);
    /* Only groups of two or more members need a label; it is the group's number among
     * its target's groups, unique within the target. */
    if (g->gmem_off[gi + 1] - g->gmem_off[gi] >= 2)
      put_uint(b, gi - g->in_goff[dst]);
    if (!with_prov) {
      out_row_end(&o);
      continue;
    }
    /* "source\ttarget\tgroup" again for each further statement. */
    g_string_truncate(key, 0);
    g_string_append_len(key, b->str + row_start, (gssize)(b->len - row_start));
    guint32 first = g_array_index(g->edges, CgEdgeRec, e).origin;
    GArray *more = g->edge_more_origins
                       ? g_hash_table_lookup(g->edge_more_origins, GUINT_TO_POINTER(e))
                       : NULL;
    guint rows = 0;
    for (guint k = 0; k <= (more ? more->len : 0); k++) {
      guint32 oi = k == 0 ? first : g_array_index(more, guint32, k - 1);
      const CgOrigin *org = &g_array_index(g->origins, CgOrigin, oi);
      if (!origin_informative(org))
        continue;
      if (rows++) {
        g_string_append_c(b, '\n');
        g_string_append_len(b, key->str, (gssize)key->len);
      }
      put_prov(b, g, &org->prov);
      tab(b);
      if (org->chain != CG_NONE && org->chain < g->chains->len)
        put_field(b, ((const CgChainRec *)g->chains->pdata[org->chain])->id, FALSE);
    }
    if (!rows)
      g_string_append(b, "\t\t\t\t\t");
    out_row_end(&o);
  }
  g_string_free(key, TRUE);
  g_string_free(ids, TRUE);
  g_free(off);
  return out_close(&o, error);
}

static gboolean
write_regions(const CgGraph *g, CgOutSet *set, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, set, file, "name\tid\tname_en\tlevel\tparent\taliases", error))
    return FALSE;
  for (guint i = 0; i < g->regions->len; i++) {
    const CgRegionRec *r = g->regions->pdata[i];
    put_field(o.b, r->name, FALSE);
    tab(o.b);
    put_field(o.b, r->id, FALSE);
    tab(o.b);
    put_field(o.b, r->name_en, FALSE);
    tab(o.b);
    if (r->level != CG_LEVEL_UNKNOWN)
      g_string_append(o.b, cg_level_to_string(r->level));
    tab(o.b);
    put_field(o.b,
              r->parent != CG_NONE ? ((const CgRegionRec *)g->regions->pdata[r->parent])->name
                                   : r->parent_name,
              FALSE);
    tab(o.b);
    put_list(o.b, r->aliases);
    out_row_end(&o);
  }
  return out_close(&o, error);
}

static gboolean
write_capabilities(const CgGraph *g, CgOutSet *set, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, set, file, "region\tnode\tshare\tdevelop\tdocument\tsection\tquote\tinferred",
                error))
    return FALSE;
  for (guint i = 0; i < g->regions->len; i++) {
    const CgRegionRec *r = g->regions->pdata[i];
    for (guint k = 0; r->claims && k < r->claims->len; k++) {
      const CgCapability *c = &g_array_index(r->claims, CgCapability, k);
      put_field(o.b, r->name, FALSE);
      tab(o.b);
      put_field(o.b, cg__node(g, c->node)->id, FALSE);
      tab(o.b);
      put_double(o.b, c->share);
      tab(o.b);
      g_string_append_c(o.b, c->develop ? '1' : '0');
      put_prov(o.b, g, &c->prov);
      out_row_end(&o);
    }
  }
  return out_close(&o, error);
}

static gboolean
write_documents(const CgGraph *g, CgOutSet *set, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, set, file, "file\tkey\ttitle\tregion", error))
    return FALSE;
  for (guint i = 0; i < g->documents->len; i++) {
    const CgDocRec *d = g->documents->pdata[i];
    put_field(o.b, d->file, FALSE);
    tab(o.b);
    put_field(o.b, d->key, FALSE);
    tab(o.b);
    put_field(o.b, d->title, FALSE);
    tab(o.b);
    put_field(o.b, d->region, FALSE);
    out_row_end(&o);
  }
  return out_close(&o, error);
}

static void
put_prov_row(Out *o, const CgGraph *g, const char *node, const char *region, const char *kind,
             const CgProvenance *p)
{
  put_field(o->b, node, FALSE);
  tab(o->b);
  put_field(o->b, region, FALSE);
  tab(o->b);
  put_field(o->b, kind, FALSE);
  put_prov(o->b, g, p);
  out_row_end(o);
}

static gboolean
write_provenance(const CgGraph *g, CgOutSet *set, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, set, file, "node\tregion\tchokepoint\tdocument\tsection\tquote\tinferred", error))
    return FALSE;
  for (guint32 v = 0; v < g->nodes->len; v++) {
    const CgNodeRec *n = cg__node(g, v);
    if (!n->x)
      continue;
    for (guint i = 0; n->x->provenance && i < n->x->provenance->len; i++)
      put_prov_row(&o, g, n->id, NULL, NULL, &g_array_index(n->x->provenance, CgProvenance, i));
    for (guint i = 0; n->x->chokepoints && i < n->x->chokepoints->len; i++)
      put_prov_row(&o, g, n->id, NULL, n->x->chokepoint_kinds->pdata[i],
                   &g_array_index(n->x->chokepoints, CgProvenance, i));
  }
  for (guint i = 0; i < g->regions->len; i++) {
    const CgRegionRec *r = g->regions->pdata[i];
    for (guint k = 0; r->provenance && k < r->provenance->len; k++)
      put_prov_row(&o, g, NULL, r->name, NULL, &g_array_index(r->provenance, CgProvenance, k));
  }
  for (guint d = 0; d < g->documents->len; d++) {
    const CgDocRec *doc = g->documents->pdata[d];
    for (guint k = 0; doc->risks && k < doc->risks->len; k++)
      put_prov_row(&o, g, NULL, NULL, doc->risk_kinds->pdata[k],
                   &g_array_index(doc->risks, CgProvenance, k));
  }
  return out_close(&o, error);
}

static gboolean
write_chains(const CgGraph *g, CgOutSet *set, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, set, file, "id\tname\tname_en\tpath\tdocument\tsection\tquote\tinferred", error))
    return FALSE;
  for (guint i = 0; i < g->chains->len; i++) {
    const CgChainRec *ch = g->chains->pdata[i];
    put_field(o.b, ch->id, FALSE);
    tab(o.b);
    put_field(o.b, ch->name, FALSE);
    tab(o.b);
    put_field(o.b, ch->name_en, FALSE);
    tab(o.b);
    put_field(o.b, ch->path, FALSE);
    put_prov(o.b, g, &ch->prov);
    out_row_end(&o);
  }
  return out_close(&o, error);
}

static void
put_chain_node(Out *o, const CgGraph *g, const CgChainRec *ch, int stage, guint32 v)
{
  put_field(o->b, ch->id, FALSE);
  tab(o->b);
  if (stage >= 0)
    put_uint(o->b, (guint32)stage);
  else if (stage == -2)
    g_string_append(o->b, "local");
  tab(o->b);
  put_field(o->b, cg__node(g, v)->id, FALSE);
  out_row_end(o);
}

static gboolean
write_chain_nodes(const CgGraph *g, CgOutSet *set, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, set, file, "chain\tstage\tnode", error))
    return FALSE;
  for (guint i = 0; i < g->chains->len; i++) {
    const CgChainRec *ch = g->chains->pdata[i];
    for (guint s = 0; ch->stages && s < ch->stages->len; s++) {
      GArray *st = ch->stages->pdata[s];
      for (guint k = 0; k < st->len; k++)
        put_chain_node(&o, g, ch, (int)s, g_array_index(st, guint32, k));
    }
    for (guint k = 0; ch->nodes && k < ch->nodes->len; k++)
      put_chain_node(&o, g, ch, -1, g_array_index(ch->nodes, guint32, k));
    for (guint k = 0; ch->locals && k < ch->locals->len; k++)
      put_chain_node(&o, g, ch, -2, g_array_index(ch->locals, guint32, k));
  }
  return out_close(&o, error);
}

static gboolean
write_chain_edges(const CgGraph *g, CgOutSet *set, const char *file, GError **error)
{
  Out o;
  if (!out_open(&o, set, file, "chain\tsource\ttarget", error))
    return FALSE;
  for (guint i = 0; i < g->chains->len; i++) {
    const CgChainRec *ch = g->chains->pdata[i];
    for (guint k = 0; ch->edges && k < ch->edges->len; k++) {
      guint32 e = g_array_index(ch->edges, guint32, k);
      put_field(o.b, ch->id, FALSE);
      tab(o.b);
      put_field(o.b, cg__node(g, g->esrc[e])->id, FALSE);
      tab(o.b);
      put_field(o.b, cg__node(g, cg__edge_dst(g, e))->id, FALSE);
      out_row_end(&o);
    }
  }
  return out_close(&o, error);
}

static gboolean
has_provenance(const CgGraph *g)
{
  for (guint32 v = 0; v < g->nodes->len; v++) {
    const CgNodeRec *n = cg__node(g, v);
    if (n->x && ((n->x->provenance && n->x->provenance->len) ||
                 (n->x->chokepoints && n->x->chokepoints->len)))
      return TRUE;
  }
  for (guint i = 0; i < g->regions->len; i++) {
    const CgRegionRec *r = g->regions->pdata[i];
    if (r->provenance && r->provenance->len)
      return TRUE;
  }
  for (guint d = 0; d < g->documents->len; d++) {
    const CgDocRec *doc = g->documents->pdata[d];
    if (doc->risks && doc->risks->len)
      return TRUE;
  }
  return FALSE;
}

static gboolean
has_capabilities(const CgGraph *g)
{
  for (guint i = 0; i < g->regions->len; i++) {
    const CgRegionRec *r = g->regions->pdata[i];
    if (r->claims && r->claims->len)
      return TRUE;
  }
  return FALSE;
}

/**
 * cg__tsv_write:
 * @g: a finished graph
 * @path: `PREFIX.tsv` (or `PREFIX.nodes.tsv`, …, or PREFIX itself)
 *
 * Writes the TSV tables of PREFIX (docs/formats.md): nodes and edges always, the other
 * tables when the graph has something to put in them. An optional table the graph leaves
 * empty is removed, so that a stale one from an earlier save is not read back with these.
 *
 * Returns: %FALSE with @error set (%CG_ERROR_IO). O(V + E + size of the attributes).
 */
gboolean
cg__tsv_write(const CgGraph *g, const char *path, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished && path != NULL, FALSE);
  if (strcmp(path, "-") == 0) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "TSV and CSV are sets of files: give a prefix such as out.tsv or out.csv, not "
                "standard output");
    return FALSE;
  }
  char *prefix = cg__tsv_prefix(path);
  const char *ext = cg__tsv_ext(path);
  typedef gboolean (*Writer)(const CgGraph *, CgOutSet *, const char *, GError **);
  const struct {
    const char *table;
    Writer write;
    gboolean wanted;
  } tables[] = {
      {"documents", write_documents, g->documents->len > 0},
      {"nodes", write_nodes, TRUE},
      {"regions", write_regions, g->regions->len > 0},
      {"chains", write_chains, g->chains->len > 0},
      {"chain-nodes", write_chain_nodes, g->chains->len > 0},
      {"chain-edges", write_chain_edges, g->chains->len > 0},
      {"provenance", write_provenance, has_provenance(g)},
      {"edges", write_edges, TRUE},
      {"capabilities", write_capabilities, has_capabilities(g)},
  };
  /* Every table goes to a temporary file first; the set replaces the old tables (and
   * removes the stale ones) only once all are written, so a failure leaves them all. */
  CgOutSet *set = cg__outset_new();
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < G_N_ELEMENTS(tables); i++) {
    char *file = cg__tsv_table_path(prefix, tables[i].table, ext);
    if (tables[i].wanted)
      ok = tables[i].write(g, set, file, error);
    else
      cg__outset_remove(set, file);
    g_free(file);
  }
  g_free(prefix);
  if (!ok) {
    cg__outset_free(set);
    return FALSE;
  }
  return cg__outset_commit(set, error);
}

/* TSV: the large-data format, a set of tab-separated tables sharing a prefix.
 *
 *   PREFIX.nodes.tsv         id name name_en stage weight import subst recycle aliases domains
 *   PREFIX.edges.tsv         source target group [document section quote inferred chain]
 *   PREFIX.regions.tsv       name id name_en level parent aliases             (optional)
 *   PREFIX.capabilities.tsv  region node share develop [document section quote inferred]
 *   PREFIX.documents.tsv     file key title region                            (optional)
 *   PREFIX.provenance.tsv    node region chokepoint document section quote inferred
 *   PREFIX.chains.tsv        id name name_en path document section quote inferred
 *   PREFIX.chain-nodes.tsv   chain stage node
 *   PREFIX.chain-edges.tsv   chain source target
 *
 * Columns are found by their header name; only the identifying ones are required and
 * unknown ones are ignored (docs/formats.md has the details).
 *
 * The reader is built for a million nodes and five million edges: each file is mapped
 * (g_mapped_file_new), lines and fields are found with memchr, a field is copied only into
 * a per-column buffer that is reused for every row, and numbers are parsed only when
 * their field is non-empty. Edge and capability rows find their nodes through IdIndex
 * (one cache miss per short id, prefetched 16 rows ahead); a claim keeps its line, not an
 * interned "file:line" string. docs/performance.md has the measured cost. The writer fills
 * a large GString and hands it to stdio in multi-megabyte chunks. */
/* What the TSV files share (tsv-table.c, tsv-index.c, tsv-read.c, tsv-write.c). Not
 * installed. */
#pragma once

#include "io/cg-io.h"

G_BEGIN_DECLS

typedef struct {
  CgGraph *g;        /* the graph being built, for look-ups */
  CgGraphBuilder *b; /* which every statement goes through */
  char *path;             /* the file, for messages */
  const char *file_where; /* the path, interned: the place recorded for a row's attributes */
  GMappedFile *map;
  char *owned;            /* a CSV table's text as TSV (csv.c), instead of a mapping */
  gboolean csv;           /* messages give the line only: columns are the TSV text's */
  const char *p, *end;    /* the unread rest of the file */
  const char *ls;         /* start of the current line */
  const char *reported;   /* the bytes before it are counted in the load's progress */
  guint line;             /* number of the current line */
  guint ncols;
  char **names;           /* the header */
  const char **f;         /* [ncols] fields of the current row (in the mapping) */
  guint *flen;            /* [ncols] */
  GString **buf;          /* [ncols] each column's unescaped text, reused for every row */
} Tsv;

/* Provenance columns shared by several tables. */
typedef struct {
  int doc, section, quote, inferred;
} ProvCols;

/* An index of node ids for the edges table, which looks up two ids per row: ten million
 * look-ups for a five-million-edge file, at random places of a table too large for the
 * cache, so the cost is the cache misses. GHashTable's by_id costs four per look-up (hash,
 * key, value, the string). Here a 16-byte slot holds the hash, the node and the id's first
 * eight bytes: an id of at most eight bytes (most generated and many real ids) is found
 * with one miss; a longer one is confirmed against a copy of the ids kept back to back in
 * node order. The field is hashed where it lies in the mapping. */
typedef struct {
  guint32 hash;   /* id_hash(), whose low bits hold a short id's length; 0 = empty slot */
  guint32 node;
  guint64 head;   /* the id's first 8 bytes, zero-padded */
} IdSlot;

typedef struct {
  IdSlot *slots;
  guint64 mask;
  char *arena;     /* the ids, back to back */
  guint32 *off;    /* [n + 1]: id of node v is arena[off[v] .. off[v + 1]) */
} IdIndex;

typedef struct {
  const char *p; /* start of the row it will hint next */
  int col;
} Ahead;

/* The last id seen in a column and its node: edge files are usually sorted by one end
 * (ours by target), so the same id comes in runs. */
typedef struct {
  const char *s;
  gsize len;
  guint32 v;
} LastId;

/* Look-ups at random places of a table larger than the cache wait on memory, one at a
 * time. A second cursor runs PREFETCH_AHEAD rows ahead of the reader and asks the cache
 * for the slot where the id in its field @col will be looked up, so that the waits
 * overlap. A hint only: the rows are read and checked later as usual. */
#define PREFETCH_AHEAD 16

/* FNV-1a (ids are short, and it spreads "n1", "n2", … well) whose low four bits are the
 * length of a short id (1 to 8) or 15 for a longer one: never 0 for an id. */
static inline guint32
id_hash(const char *s, gsize len)
{
  guint32 h = 2166136261u;
  for (gsize i = 0; i < len; i++)
    h = (h ^ (guchar)s[i]) * 16777619u;
  return (h & ~15u) | (len <= 8 ? (guint32)len : 15u);
}

static inline guint64
id_head(const char *s, gsize len)
{
  guint64 x = 0;
  memcpy(&x, s, MIN(len, (gsize)8));
  return x;
}

static inline gssize
id_index_find(const IdIndex *x, const char *s, gsize len)
{
  guint32 h = id_hash(s, len);
  guint64 head = id_head(s, len);
  for (guint64 i = (h >> 4) & x->mask;; i = (i + 1) & x->mask) {
    const IdSlot *slot = &x->slots[i];
    if (!slot->hash)
      return -1;
    if (slot->hash != h || slot->head != head)
      continue;
    guint32 v = slot->node;
    if (len <= 8) /* the same length (in the hash) and the same bytes */
      return v;
    if (x->off[v + 1] - x->off[v] == len && memcmp(x->arena + x->off[v] + 8, s + 8, len - 8) == 0)
      return v;
  }
}

static inline void
ahead_step(Ahead *a, const Tsv *t, const IdIndex *x)
{
  if (a->p >= t->end)
    return;
  const char *nl = memchr(a->p, '\n', t->end - a->p);
  const char *le = nl ? nl : t->end, *s = a->p;
  a->p = nl ? nl + 1 : t->end;
  for (int k = 0; k < a->col; k++) {
    const char *tab = memchr(s, '\t', le - s);
    if (!tab)
      return;
    s = tab + 1;
  }
  const char *f = memchr(s, '\t', le - s);
  gsize len = (gsize)((f ? f : le) - s);
  if (len && s[len - 1] == '\r')
    len--;
  if (len)
    __builtin_prefetch(&x->slots[(id_hash(s, len) >> 4) & x->mask]);
}

/* One table (tsv-table.c). */
void cg__tsv_close(Tsv *t);
guint cg__tsv_column_at(const Tsv *t, const char *pos);
const char *cg__tsv_where_at(Tsv *t, const char *pos);
const char *cg__tsv_where(Tsv *t, int col);
void cg__tsv_fix_where(Tsv *t, int col, GError **error);
int cg__tsv_col(const Tsv *t, const char *name);
gboolean cg__tsv_require(Tsv *t, int col, const char *name, GError **error);
gboolean cg__tsv_open(Tsv *t, CgGraphBuilder *b, const char *path, gboolean required, GError **error);
gsize cg__tsv_count_lines(const Tsv *t);
int cg__tsv_next(Tsv *t, GError **error);
void cg__tsv_unescape_into(GString *out, const char *s, gsize len);
gboolean cg__tsv_str(Tsv *t, int col, gboolean validate, const char **out, GError **error);
gboolean cg__tsv_num(Tsv *t, int col, double *out, GError **error);
gboolean cg__tsv_list_next(Tsv *t, int col, guint *pos, GString *item);
gboolean cg__tsv_node(Tsv *t, int col, guint32 *out, GError **error);
void cg__tsv_prov_cols(const Tsv *t, ProvCols *pc);
gboolean cg__tsv_prov_given(const Tsv *t, const ProvCols *pc);
gboolean cg__tsv_prov(Tsv *t, const ProvCols *pc, CgProvenance *p, GError **error);
char *cg__tsv_prefix(const char *path);
/* Whether cg__tsv_open() found the table (an optional one may be absent). */
static inline gboolean
cg__tsv_present(const Tsv *t)
{
  return t->map != NULL || t->owned != NULL;
}
/* ".csv" for a path naming CSV tables (PREFIX.csv, PREFIX.nodes.csv…), else ".tsv". */
const char *cg__tsv_ext(const char *path);
char *cg__tsv_table_path(const char *prefix, const char *table, const char *ext);
/* csv.c */
char *cg__csv_to_tsv(const char *data, gsize len, const char *path, gsize *out_len, GError **error);
void cg__tsv_to_csv(GString *out, const char *tsv, gsize len);

/* The id index (tsv-index.c). */
void cg__id_index_build(IdIndex *x, const CgGraph *g);
void cg__id_index_free(IdIndex *x);
void cg__tsv_ahead_init(Ahead *a, const Tsv *t, int col);
const IdIndex *cg__id_index_ensure(IdIndex *x, const CgGraph *g);

/* The tables of a TSV graph, in the order they are read (tsv-table.c). */
extern const char *const cg__tsv_tables[9];

/* The node named by field @col of an edge or capability row. */
static inline gboolean
row_node(Tsv *t, const IdIndex *x, int col, LastId *last, guint32 *out, GError **error)
{
  const char *s = t->f[col];
  gsize len = t->flen[col];
  if (len == last->len && last->s && memcmp(s, last->s, len) == 0) {
    *out = last->v;
    return TRUE;
  }
  if (G_UNLIKELY(memchr(s, '\\', len) != NULL)) {
    g_string_truncate(t->buf[col], 0);
    cg__tsv_unescape_into(t->buf[col], s, len);
    s = t->buf[col]->str;
    len = t->buf[col]->len;
  }
  gssize v = len ? id_index_find(x, s, len) : -1;
  if (G_LIKELY(v >= 0)) {
    *out = (guint32)v;
    if (s == t->f[col]) /* an unescaped id, still in the mapping */
      *last = (LastId){s, len, (guint32)v};
    return TRUE;
  }
  return cg__tsv_node(t, col, out, error); /* the message */
}

G_END_DECLS

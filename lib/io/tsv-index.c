/* IdIndex: node ids for the edge and capability tables, with a prefetching cursor. */
#include "io/tsv-private.h"

#include <string.h>

void
cg__id_index_build(IdIndex *x, const CgGraph *g)
{
  guint32 n = g->nodes->len;
  gsize total = 0;
  for (guint32 v = 0; v < n; v++)
    total += strlen(cg__node(g, v)->id);
  x->arena = g_malloc(total ? total : 1);
  x->off = g_new(guint32, (gsize)n + 1);
  gsize size = 16;
  while (size < 2 * (gsize)n)
    size <<= 1;
  x->slots = cg__alloc_big(size * sizeof(IdSlot), TRUE);
  x->mask = size - 1;
  gsize pos = 0;
  for (guint32 v = 0; v < n; v++) {
    const char *id = cg__node(g, v)->id;
    gsize len = strlen(id);
    memcpy(x->arena + pos, id, len);
    x->off[v] = (guint32)pos;
    pos += len;
    guint32 h = id_hash(id, len);
    guint64 i = (h >> 4) & x->mask;
    while (x->slots[i].hash)
      i = (i + 1) & x->mask;
    x->slots[i] = (IdSlot){h, v, id_head(id, len)};
  }
  x->off[n] = (guint32)pos;
}

void
cg__id_index_free(IdIndex *x)
{
  g_free(x->slots);
  g_free(x->arena);
  g_free(x->off);
}

void
cg__tsv_ahead_init(Ahead *a, const Tsv *t, int col)
{
  a->p = t->p;
  a->col = col;
  for (int i = 0; i < PREFETCH_AHEAD && a->p < t->end; i++) {
    const char *nl = memchr(a->p, '\n', t->end - a->p);
    a->p = nl ? nl + 1 : t->end;
  }
}

/* The index over the nodes, built when the first table that needs it is read (the nodes
 * table comes first, and no later table adds nodes). */
const IdIndex *
cg__id_index_ensure(IdIndex *x, const CgGraph *g)
{
  if (!x->slots)
    cg__id_index_build(x, g);
  return x;
}

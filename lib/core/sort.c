/* Comparators and sorts shared by every layer: one ascending guint32 order and one ranking
 * order (value descending, then id), so that no file writes its own. */
#include "core/cg-core.h"

/* Ascending guint32 (node, edge, region indices), for g_array_sort() and qsort(). */
int
cg__cmp_u32(gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  return x < y ? -1 : x > y;
}

/* The position of @x in the ascending array @a of @n, or -1. O(log n). */
gssize
cg__bsearch_u32(const guint32 *a, gsize n, guint32 x)
{
  gsize lo = 0, hi = n;
  while (lo < hi) {
    gsize mid = lo + (hi - lo) / 2;
    if (a[mid] < x)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < n && a[lo] == x ? (gssize)lo : -1;
}

typedef struct {
  const CgGraph *g;
  const double *value;
} ByValue;

static int
cmp_by_value(gconstpointer a, gconstpointer b, gpointer data)
{
  const ByValue *c = data;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  return cg__cmp_desc_then_id(c->g, c->value[x], c->value[y], x, y);
}

/* Sorts the node indices in @nodes (a GArray of guint32) by @value[node] descending, then id
 * (cg__cmp_desc_then_id()): the order of every ranking of nodes. O(n log n). */
void
cg__sort_nodes_by_value(const CgGraph *g, GArray *nodes, const double *value)
{
  ByValue c = {g, value};
  g_array_sort_with_data(nodes, cmp_by_value, &c);
}

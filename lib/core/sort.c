/* Comparators shared by every layer: one ascending guint32 order, so that no file writes
 * its own. */
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

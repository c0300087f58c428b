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

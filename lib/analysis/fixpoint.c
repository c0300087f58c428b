/* The least fixed point of "producible" (DESIGN.md): the one loop behind
 * cg_graph_producible() and the loss-propagation baseline. */
#include "analysis/cg-analysis.h"

#include <string.h>

/**
 * cg__lfp:
 * @removed: (nullable): per node, non-zero if knocked out
 * @prod: (out): per node, 1 if producible, else 0
 * @order: (out): [V] the producible nodes in the order they become producible
 *
 * Forward propagation from the nodes without inputs: each group is satisfied by its first
 * producible member, and a node becomes producible when its last group is satisfied, so a
 * cycle never sustains itself. The order is deterministic: sources by index, then
 * breadth first.
 * Returns: the number of producible nodes. Complexity: O(V + E).
 */
guint32
cg__lfp(const CgGraph *g, const guint8 *removed, guint8 *prod, guint32 *order)
{
  guint32 n = cg__n(g);
  guint32 *need = g_new(guint32, n ? n : 1);
  guint8 *sat = g_new0(guint8, g->n_groups ? g->n_groups : 1);
  guint32 head = 0, tail = 0;
  memset(prod, 0, n);
  for (guint32 v = 0; v < n; v++) {
    need[v] = g->in_goff[v + 1] - g->in_goff[v];
    if (need[v] == 0 && !(removed && removed[v]))
      order[tail++] = v;
  }
  while (head < tail) {
    guint32 u = order[head++];
    prod[u] = 1;
    for (guint32 k = g->out_off[u]; k < g->out_off[u + 1]; k++) {
      guint32 gi = g->out_group[k];
      if (sat[gi])
        continue;
      sat[gi] = 1;
      guint32 v = g->out_dst[k];
      if (--need[v] == 0 && !(removed && removed[v]))
        order[tail++] = v;
    }
  }
  g_free(need);
  g_free(sat);
  return tail;
}

/* Adjacency: a node's in-edges, out-edges and input groups, read straight from the CSR
 * arrays every analysis runs on (no scan of all edges, nothing allocated).
 *
 * In-edges are contiguous: edges are numbered by (target, group, source), so the in-edges
 * of v are gmem_off[in_goff[v]] .. gmem_off[in_goff[v + 1]] - 1, and the members of its
 * group k are gmem_off[in_goff[v] + k] .. gmem_off[in_goff[v] + k + 1] - 1. Out-edges are
 * out_off[u] .. out_off[u + 1] - 1 in the out-index, which keeps each one's target and
 * group but not its edge number (4 bytes an edge less at 5 million edges): the edge is
 * found again by a binary search among the group's members, whose sources are ascending. */
#include "core/cg-core.h"

/* The edge numbers of node @v's in-edges begin here. */
static inline guint32
in_first(const CgGraph *g, gsize v)
{
  return g->gmem_off[g->in_goff[v]];
}

/**
 * cg_node_in_edge:
 * @graph: a graph
 * @node: a node index
 * @i: an index in [0, cg_node_in_degree())
 *
 * The @i-th input edge of @node. A node's in-edges are numbered consecutively and ordered
 * by (group, source index), so the in-edges of @node are the edges
 * cg_node_in_edge(@graph, @node, 0) + i for i < cg_node_in_degree(@graph, @node).
 *
 * Returns: an edge index (see cg_edge_source(), cg_edge_group()); %G_MAXSIZE for an index
 *   out of range (a programmer error, reported as a critical warning).
 * Complexity: O(1). Thread-safe on a finished graph.
 */
gsize
cg_node_in_edge(const CgGraph *graph, CgNodeId node, gsize i)
{
  CG__NODE_OK(graph, node, G_MAXSIZE);
  guint32 first = in_first(graph, node);
  g_return_val_if_fail(i < graph->gmem_off[graph->in_goff[node + 1]] - first, G_MAXSIZE);
  return first + i;
}

/**
 * cg_node_group_size:
 * @graph: a graph
 * @node: a node index
 * @group: an index in [0, cg_node_n_groups())
 *
 * How many alternatives input group @group of @node has: @node needs at least one member
 * of every group (AND across groups, OR within one); 1 is a sole input.
 *
 * Returns: the number of members (at least 1); 0 for an index out of range (a programmer
 *   error, reported as a critical warning).
 * Complexity: O(1). Thread-safe on a finished graph.
 */
gsize
cg_node_group_size(const CgGraph *graph, CgNodeId node, gsize group)
{
  CG__NODE_OK(graph, node, 0);
  g_return_val_if_fail(group < (gsize)(graph->in_goff[node + 1] - graph->in_goff[node]), 0);
  guint32 gi = graph->in_goff[node] + (guint32)group;
  return graph->gmem_off[gi + 1] - graph->gmem_off[gi];
}

/**
 * cg_node_group_edge:
 * @graph: a graph
 * @node: a node index
 * @group: an index in [0, cg_node_n_groups())
 * @i: an index in [0, cg_node_group_size())
 *
 * The @i-th member of input group @group of @node, as the edge from that member to @node
 * (its source is the member). Members are ordered by source index.
 *
 * Returns: an edge index; %G_MAXSIZE for an index out of range (a programmer error,
 *   reported as a critical warning).
 * Complexity: O(1). Thread-safe on a finished graph.
 */
gsize
cg_node_group_edge(const CgGraph *graph, CgNodeId node, gsize group, gsize i)
{
  CG__NODE_OK(graph, node, G_MAXSIZE);
  g_return_val_if_fail(group < (gsize)(graph->in_goff[node + 1] - graph->in_goff[node]),
                       G_MAXSIZE);
  guint32 gi = graph->in_goff[node] + (guint32)group;
  g_return_val_if_fail(i < (gsize)(graph->gmem_off[gi + 1] - graph->gmem_off[gi]), G_MAXSIZE);
  return graph->gmem_off[gi] + i;
}

/**
 * cg_node_out_target:
 * @graph: a graph
 * @node: a node index
 * @i: an index in [0, cg_node_out_degree())
 *
 * The consumer at the end of the @i-th output edge of @node (the same order as
 * cg_node_out_edge()), without finding the edge itself.
 *
 * Returns: a node index; %CG_NODE_NONE for an index out of range (a programmer error,
 *   reported as a critical warning).
 * Complexity: O(1). Thread-safe on a finished graph.
 */
CgNodeId
cg_node_out_target(const CgGraph *graph, CgNodeId node, gsize i)
{
  CG__NODE_OK(graph, node, CG_NODE_NONE);
  g_return_val_if_fail(i < (gsize)(graph->out_off[node + 1] - graph->out_off[node]),
                       CG_NODE_NONE);
  return graph->out_dst[graph->out_off[node] + i];
}

/**
 * cg_node_out_edge:
 * @graph: a graph
 * @node: a node index
 * @i: an index in [0, cg_node_out_degree())
 *
 * The @i-th output edge of @node: the edges whose source is @node, in ascending edge
 * index.
 *
 * Returns: an edge index; %G_MAXSIZE for an index out of range (a programmer error,
 *   reported as a critical warning).
 * Complexity: O(log k) for k the size of the input group the edge belongs to (a binary
 *   search among its members; O(1) for a sole input). Thread-safe on a finished graph.
 */
gsize
cg_node_out_edge(const CgGraph *graph, CgNodeId node, gsize i)
{
  CG__NODE_OK(graph, node, G_MAXSIZE);
  g_return_val_if_fail(i < (gsize)(graph->out_off[node + 1] - graph->out_off[node]), G_MAXSIZE);
  guint32 gi = graph->out_group[graph->out_off[node] + i];
  guint32 lo = graph->gmem_off[gi], hi = graph->gmem_off[gi + 1];
  while (lo < hi) {
    guint32 mid = lo + (hi - lo) / 2;
    if (graph->esrc[mid] < node)
      lo = mid + 1;
    else
      hi = mid;
  }
  g_return_val_if_fail(lo < graph->gmem_off[gi + 1] && graph->esrc[lo] == node, G_MAXSIZE);
  return lo;
}

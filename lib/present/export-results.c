/* Exports that carry the analysis results (issue 15): the graph as node-link JSON or GraphML
 * with every node's criticality, failure probability and chokepoint flag and every edge's
 * link risk score as numeric attributes, for Gephi, Cytoscape or networkx to colour and size
 * by. The analyses run here; io's writers take the values as extra columns (CgIoExtra). */
#include "analysis/risk-private.h"
#include "present/cg-present.h"

#include <math.h>
#include <string.h>

/**
 * cg_graph_to_string_with_results:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @format: "json" or "graphml"
 * @error: return location for a #GError, or %NULL
 *
 * The text cg_graph_to_string() writes, every node also carrying `criticality` (its exact
 * share of application weight lost with it, cg_criticality()), `failure_probability` (the
 * risk model's P(fails) under the default profile, as cg_risk() lists it) and `chokepoint`
 * (a boolean: the documents give chokepoint evidence for it), and every edge `link_risk`
 * (P(supplier fails) × the consumer's dependence on it × the consumer's criticality, as
 * cg_risk() scores links). In GraphML they are typed keys (attr.type "double" and
 * "boolean"); cg_graph_load() reads such a file back and ignores them.
 *
 * Complexity: cg_criticality() + the risk model's probabilities (no sampling) + O(V + E) +
 * the text. Thread-safe.
 *
 * Returns: (transfer full) (nullable): the text; free with cg_free(). %NULL with
 *   %CG_ERROR_USAGE for another format.
 */
char *
cg_graph_to_string_with_results(const CgGraph *g, const char *format, GError **error)
{
  g_return_val_if_fail(g != NULL && format != NULL, NULL);
  gboolean json = strcmp(format, "json") == 0;
  if (!json && strcmp(format, "graphml") != 0) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "results are exported as json or graphml, not '%s'", format);
    return NULL;
  }
  guint32 n = cg__n(g);
  double *prob = NULL;
  double *link = cg__risk_link_scores_with(g, NULL, &prob);
  double *crit = cg_criticality(g, 0, NULL);
  double *choke = g_new(double, n ? n : 1);
  for (guint32 v = 0; v < n; v++) {
    const CgNodeRec *r = cg__node(g, v);
    choke[v] = r->x && r->x->chokepoints && r->x->chokepoints->len ? 1 : 0;
  }
  const CgIoColumn nodes[] = {{"criticality", crit, FALSE},
                              {"failure_probability", prob, FALSE},
                              {"chokepoint", choke, TRUE}};
  const CgIoColumn edges[] = {{"link_risk", link, FALSE}};
  CgIoExtra x = {nodes, G_N_ELEMENTS(nodes), edges, G_N_ELEMENTS(edges)};
  char *text = json ? cg__json_write_extra(g, &x) : cg__graphml_write_extra(g, &x);
  g_free(choke);
  cg_free(crit);
  g_free(prob);
  g_free(link);
  return text;
}

/**
 * cg_graph_save_with_results:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @path: the file to write ("-" for standard output)
 * @format: (nullable): "json" or "graphml"; %NULL chooses by @path's extension
 * @error: return location for a #GError, or %NULL
 *
 * Writes cg_graph_to_string_with_results() to @path the way cg_graph_save() writes (a
 * temporary file renamed over the target).
 *
 * Complexity: that of cg_graph_to_string_with_results().
 *
 * Returns: %FALSE with @error set on failure.
 */
gboolean
cg_graph_save_with_results(const CgGraph *g, const char *path, const char *format, GError **error)
{
  g_return_val_if_fail(g != NULL && path != NULL, FALSE);
  const char *f = format ? format : cg_format_for_path(path);
  if (!f) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "%s: cannot tell which format to write (give json or graphml)", path);
    return FALSE;
  }
  char *text = cg_graph_to_string_with_results(g, f, error);
  gboolean ok = text && cg__text_write(path, text, error);
  cg_free(text);
  return ok;
}

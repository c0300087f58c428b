/* The footing of an answer (DESIGN.md, "Statements carry their footing"): a graph derived
 * from another with the planned claims, the inferred statements or the data's weights left
 * out. Every analysis runs on the derived graph, so "the analysis at a horizon" is by
 * construction "the analysis of the graph without those statements".
 *
 * The derived graph is a copy built statement by statement through the loaders' private
 * builder and finished by the same cg__graph_finish() (core/graph-copy.c), so it passes
 * every check a load makes. Cost: O(size), about one load. */
#include "io/cg-io.h"

#include <string.h>

/**
 * cg_footing_options_init:
 * @options: (out caller-allocates): the options to fill
 * @version: %CG_FOOTING_OPTIONS_VERSION
 *
 * Fills @options with the defaults: the planned horizon (present and planned claims),
 * inferred statements kept, the data's application weights — the graph as loaded.
 *
 * Returns: 0, or -1 (with a critical warning, @options untouched) for a @version this
 *   library does not know. Thread-safe; O(1).
 */
int
cg_footing_options_init(CgFootingOptions *o, unsigned int version)
{
  g_return_val_if_fail(o != NULL, -1);
  if (version < 1 || version > CG_FOOTING_OPTIONS_VERSION) {
    g_critical("cg_footing_options_init: unknown options version %u (this library knows 1 to "
               "%u): the caller was compiled against other headers",
               version, CG_FOOTING_OPTIONS_VERSION);
    return -1;
  }
  *o = (CgFootingOptions){.version = version,
                          .horizon = CG_HORIZON_PLANNED,
                          .without_inferred = FALSE,
                          .weights = CG_WEIGHTS_DATA};
  return 0;
}

/**
 * cg_horizon_to_string:
 * @horizon: a horizon
 *
 * The horizon's name. O(1).
 *
 * Returns: (transfer none): "planned" or "present", as the CLI and JSON write it.
 */
const char *
cg_horizon_to_string(CgHorizon horizon)
{
  return horizon == CG_HORIZON_PRESENT ? "present" : "planned";
}

/**
 * cg_horizon_from_string:
 * @text: "present" or "planned"
 * @out: (out): the horizon
 *
 * Parses a horizon name (the CLI's --horizon). O(1).
 *
 * Returns: %FALSE if @text is neither.
 */
gboolean
cg_horizon_from_string(const char *text, CgHorizon *out)
{
  g_return_val_if_fail(out != NULL, FALSE);
  if (text && strcmp(text, "present") == 0)
    *out = CG_HORIZON_PRESENT;
  else if (text && strcmp(text, "planned") == 0)
    *out = CG_HORIZON_PLANNED;
  else
    return FALSE;
  return TRUE;
}

/**
 * cg_weighting_to_string:
 * @weights: a weighting
 *
 * The weighting's name. O(1).
 *
 * Returns: (transfer none): "data" or "uniform", as the CLI and JSON write it.
 */
const char *
cg_weighting_to_string(CgWeighting weights)
{
  return weights == CG_WEIGHTS_UNIFORM ? "uniform" : "data";
}

/**
 * cg_weighting_from_string:
 * @text: "data" or "uniform"
 * @out: (out): the weighting
 *
 * Parses a weighting name (the CLI's --weights). O(1).
 *
 * Returns: %FALSE if @text is neither.
 */
gboolean
cg_weighting_from_string(const char *text, CgWeighting *out)
{
  g_return_val_if_fail(out != NULL, FALSE);
  if (text && strcmp(text, "uniform") == 0)
    *out = CG_WEIGHTS_UNIFORM;
  else if (text && strcmp(text, "data") == 0)
    *out = CG_WEIGHTS_DATA;
  else
    return FALSE;
  return TRUE;
}

/**
 * cg_graph_footing:
 * @graph: a graph
 * @out: (out caller-allocates): the footing @graph was derived with
 *
 * The footing of @graph: what cg_graph_restrict() left out to make it, or the defaults
 * (nothing left out) for a graph that was loaded or built. Every JSON answer states it
 * ("horizon", "without_inferred", "weights"). O(1).
 */
void
cg_graph_footing(const CgGraph *g, CgFootingOptions *out)
{
  g_return_if_fail(g != NULL && out != NULL);
  cg_footing_options_init(out, CG_FOOTING_OPTIONS_VERSION);
  out->horizon = g->footing_horizon ? CG_HORIZON_PRESENT : CG_HORIZON_PLANNED;
  out->without_inferred = g->footing_without_inferred != 0;
  out->weights = g->footing_weights ? CG_WEIGHTS_UNIFORM : CG_WEIGHTS_DATA;
}

/**
 * cg_graph_restrict:
 * @graph: a graph
 * @options: (nullable): what to leave out; %NULL: nothing (a copy)
 * @error: return location for a #GError, or %NULL
 *
 * The graph an analysis at this footing runs on: @graph without the planned capability
 * claims (%CG_HORIZON_PRESENT), without every statement marked inferred (edges each of whose
 * statements is an inference, claims, chokepoint evidence), and with every application
 * weighing 1 (%CG_WEIGHTS_UNIFORM), as asked. Nodes, regions, documents and chains stay
 * (an input group all of whose edges are left out is gone: its target no longer needs it).
 * The result remembers its footing (cg_graph_footing()). Restricting a restricted graph
 * leaves out the union of both. O(size of @graph), about the cost of loading it.
 *
 * Returns: (transfer full) (nullable): the derived graph (free with cg_graph_free()), or
 *   %NULL with @error set.
 */
CgGraph *
cg_graph_restrict(const CgGraph *g, const CgFootingOptions *options, GError **error)
{
  g_return_val_if_fail(g != NULL, NULL);
  CgFootingOptions f;
  cg_footing_options_init(&f, CG_FOOTING_OPTIONS_VERSION);
  if (options) {
    if (options->version < 1 || options->version > CG_FOOTING_OPTIONS_VERSION) {
      g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                  "unknown options version %u: initialise the options with "
                  "cg_footing_options_init()",
                  options->version);
      return NULL;
    }
    f = *options;
  }
  /* What the graph already left out stays out. */
  if (g->footing_horizon)
    f.horizon = CG_HORIZON_PRESENT;
  if (g->footing_without_inferred)
    f.without_inferred = TRUE;
  if (g->footing_weights)
    f.weights = CG_WEIGHTS_UNIFORM;

  CgGraph *r = cg__graph_copy_without(g, f.horizon == CG_HORIZON_PRESENT, f.without_inferred,
                                       f.weights == CG_WEIGHTS_UNIFORM, error);
  if (r) {
    r->footing_horizon = f.horizon == CG_HORIZON_PRESENT;
    r->footing_without_inferred = f.without_inferred != 0;
    r->footing_weights = f.weights == CG_WEIGHTS_UNIFORM;
  }
  return r;
}

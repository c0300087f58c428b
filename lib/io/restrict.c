/* The footing of an answer (DESIGN.md, "Statements carry their footing"): a graph derived
 * from another with the planned claims, the inferred statements or the data's weights left
 * out. Every analysis runs on the derived graph, so "the analysis at a horizon" is by
 * construction "the analysis of the graph without those statements".
 *
 * The derived graph is the original's JSON (the lossless format: writing and reading it back
 * is a fixed point, tested) with those statements removed, read back by the JSON reader,
 * so it passes every check a load makes. Cost: one JSON write and read, O(size). */
#include "io/cg-io.h"

#include <json-glib/json-glib.h>
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

/* Whether a provenance list (JSON array of objects) is non-empty and every entry inferred. */
static gboolean
all_inferred(JsonArray *prov)
{
  guint n = prov ? json_array_get_length(prov) : 0;
  for (guint i = 0; i < n; i++) {
    JsonNode *e = json_array_get_element(prov, i);
    if (!JSON_NODE_HOLDS_OBJECT(e) || !json_object_has_member(json_node_get_object(e), "inferred"))
      return FALSE;
  }
  return n > 0;
}

static JsonArray *
member_array(JsonObject *o, const char *name)
{
  JsonNode *n = json_object_get_member(o, name);
  return n && JSON_NODE_HOLDS_ARRAY(n) ? json_node_get_array(n) : NULL;
}

/* Removes the elements of @a for which @drop(element, data) holds. */
static void
array_filter(JsonArray *a, gboolean (*drop)(JsonObject *, gpointer), gpointer data)
{
  if (!a)
    return;
  for (guint i = json_array_get_length(a); i-- > 0;) {
    JsonNode *e = json_array_get_element(a, i);
    if (JSON_NODE_HOLDS_OBJECT(e) && drop(json_node_get_object(e), data))
      json_array_remove_element(a, i);
  }
}

static gboolean
drop_inferred(JsonObject *o, gpointer data)
{
  (void)data;
  return json_object_has_member(o, "inferred");
}

static gboolean
drop_claim(JsonObject *o, gpointer data)
{
  const CgFootingOptions *f = data;
  if (f->horizon == CG_HORIZON_PRESENT && json_object_has_member(o, "develop") &&
      json_object_get_boolean_member(o, "develop"))
    return TRUE;
  return f->without_inferred && json_object_has_member(o, "inferred");
}

/* An edge rests on inference when each statement that gives it is an inference. The key of
 * a dropped edge ("source\ntarget") goes to @data, for the chains' edge lists. */
static gboolean
drop_edge(JsonObject *o, gpointer data)
{
  if (!all_inferred(member_array(o, "provenance")))
    return FALSE;
  g_hash_table_add(data, g_strconcat(json_object_get_string_member(o, "source"), "\n",
                                     json_object_get_string_member(o, "target"), NULL));
  return TRUE;
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
 * leaves out the union of both. O(size of @graph): one JSON write and read.
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

  char *text = cg_graph_to_string(g, "json", error);
  if (!text)
    return NULL;
  JsonParser *parser = json_parser_new();
  gboolean ok = json_parser_load_from_data(parser, text, -1, error);
  cg_free(text);
  if (!ok) {
    g_object_unref(parser);
    return NULL;
  }
  JsonObject *top = json_node_get_object(json_parser_get_root(parser));
  GHashTable *gone = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  if (f.without_inferred)
    array_filter(member_array(top, "edges"), drop_edge, gone);
  JsonArray *nodes = member_array(top, "nodes");
  for (guint i = 0; nodes && i < json_array_get_length(nodes); i++) {
    JsonObject *n = json_array_get_object_element(nodes, i);
    if (f.without_inferred)
      array_filter(member_array(n, "chokepoints"), drop_inferred, NULL);
    if (f.weights == CG_WEIGHTS_UNIFORM && json_object_has_member(n, "weight"))
      json_object_remove_member(n, "weight");
  }
  JsonArray *regions = member_array(top, "regions");
  for (guint i = 0; regions && i < json_array_get_length(regions); i++)
    array_filter(member_array(json_array_get_object_element(regions, i), "capabilities"),
                 drop_claim, &f);
  JsonArray *chains = member_array(top, "chains");
  for (guint i = 0; chains && g_hash_table_size(gone) && i < json_array_get_length(chains); i++) {
    JsonArray *ce = member_array(json_array_get_object_element(chains, i), "edges");
    for (guint k = ce ? json_array_get_length(ce) : 0; k-- > 0;) {
      JsonArray *pair = json_array_get_array_element(ce, k);
      char *key = g_strconcat(json_array_get_string_element(pair, 0), "\n",
                              json_array_get_string_element(pair, 1), NULL);
      if (g_hash_table_contains(gone, key))
        json_array_remove_element(ce, k);
      g_free(key);
    }
  }
  g_hash_table_destroy(gone);

  JsonGenerator *gen = json_generator_new();
  json_generator_set_root(gen, json_parser_get_root(parser));
  gsize len = 0;
  char *out = json_generator_to_data(gen, &len);
  g_object_unref(gen);
  g_object_unref(parser);
  CgGraph *r = cg_graph_load_data(out, (gssize)len, "<restricted graph>", "json", error);
  g_free(out);
  if (r) {
    r->footing_horizon = f.horizon == CG_HORIZON_PRESENT;
    r->footing_without_inferred = f.without_inferred != 0;
    r->footing_weights = f.weights == CG_WEIGHTS_UNIFORM;
  }
  return r;
}

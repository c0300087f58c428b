/* cg_impact_to_json: a disruption's impact as JSON. */
#include "present/cg-present.h"

/**
 * cg_impact_to_json:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @impact: a result of cg_disrupt()
 *
 * The impact as JSON (the CLI's `disrupt --json` and the Python binding print it):
 * `{"impact","lost_weight","total_weight","disrupted":[ids],"lost":[ids],
 * "lost_applications":[ids],"why"}`.
 * Returns: (transfer full): the JSON text; free with cg_free(). Complexity: O(lost).
 */
char *
cg_impact_to_json(const CgGraph *g, const CgImpact *im)
{
  g_return_val_if_fail(g != NULL && im != NULL, NULL);
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  cg__json_footing(b, g);
  json_builder_set_member_name(b, "impact");
  json_builder_add_double_value(b, im->impact);
  json_builder_set_member_name(b, "lost_weight");
  json_builder_add_double_value(b, im->lost_weight);
  json_builder_set_member_name(b, "total_weight");
  json_builder_add_double_value(b, im->total_weight);
  cg__json_ids(b, "disrupted", g, im->disrupted, im->n_disrupted);
  cg__json_ids(b, "lost", g, im->lost, im->n_lost);
  cg__json_ids(b, "lost_applications", g, im->lost_applications, im->n_lost_applications);
  g_autofree char *why = cg_impact_why(g, im);
  json_builder_set_member_name(b, "why");
  json_builder_add_string_value(b, why);
  json_builder_end_object(b);
  return cg__json_finish(b);
}

/* cg_impact_why: the one line a planner reads about a disruption. */
#include "present/cg-present.h"

/**
 * cg_impact_why:
 * @graph: a graph, loaded or built (#CgGraph is immutable once finished)
 * @impact: the result of cg_disrupt() on @graph
 *
 * One line a planner reads: what was knocked out and which applications it takes down,
 * e.g. `losing 钕铁硼 loses 3 of 9 applications (电机, 汽车, 消费电子): 33.3% of application
 * weight`.
 * Returns: (transfer full): the line; free with cg_free(). Complexity: O(lost).
 */
char *
cg_impact_why(const CgGraph *g, const CgImpact *im)
{
  g_return_val_if_fail(g != NULL && im != NULL, NULL);
  GString *s = g_string_new("losing ");
  for (gsize i = 0; i < im->n_disrupted && i < 5; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : "", cg_node_label(g, im->disrupted[i]));
  if (im->n_disrupted > 5)
    g_string_append_printf(s, " and %zu more", im->n_disrupted - 5);
  if (im->n_disrupted == 0)
    g_string_append(s, "nothing");
  gsize n_apps = 0;
  for (guint32 v = 0; v < cg__n(g); v++)
    n_apps += cg__is_app(g, v);
  g_string_append_printf(s, " loses %zu of %zu applications", im->n_lost_applications, n_apps);
  for (gsize i = 0; i < im->n_lost_applications && i < 6; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : " (", cg_node_label(g, im->lost_applications[i]));
  if (im->n_lost_applications > 6)
    g_string_append(s, ", …");
  if (im->n_lost_applications)
    g_string_append(s, ")");
  g_string_append_printf(s, ": %.1f%% of application weight", 100 * im->impact);
  if (im->n_lost > im->n_lost_applications + im->n_disrupted)
    g_string_append_printf(s, "; %zu nodes lost in all", im->n_lost);
  return g_string_free(s, FALSE);
}

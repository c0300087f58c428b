/* chaingraph disrupt */
#include "cli.h"

int
cmd_disrupt(int argc, char **argv)
{
  char **opt_nodes = NULL, **opt_regions = NULL;
  GOptionEntry entries[] = {
      {"node", 'n', 0, G_OPTION_ARG_STRING_ARRAY, &opt_nodes,
       "Knock out these nodes (id, alias or name; comma-separated; repeatable)", "ID[,ID]"},
      {"region", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &opt_regions,
       "Knock out these regions and the regions inside them: a node is lost when every region "
       "producing it is out",
       "NAME[,NAME]"},
      {NULL}};
  g_autoptr(GOptionContext) ctx =
      g_option_context_new("[FILES…] — what is lost when nodes or regions fail");
  g_option_context_set_summary(
      ctx, "Computes which products can no longer be made (AND across input groups, OR\n"
           "within a group, cycles need an outside source) and the share of application\n"
           "weight lost. Example: chaingraph disrupt --node 钕铁硼 --region 赣州");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint32));
  GPtrArray *regions = g_ptr_array_new_with_free_func(g_free);
  CgGraph *g = NULL;
  CgImpact *im = NULL;
  if (rc >= 0)
    goto out;
  if (!opt_nodes && !opt_regions) {
    rc = cli_usage_error(ctx, "name at least one --node or --region");
    goto out;
  }
  g = cli_load(argc, argv);
  if (!g) {
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  for (char **p = opt_nodes; p && *p; p++) {
    char **parts = g_strsplit(*p, ",", -1);
    for (char **q = parts; *q; q++) {
      if (!**q)
        continue;
      gssize v = cg_graph_find_node(g, *q);
      if (v < 0) {
        g_printerr("chaingraph: unknown node '%s' (not an id, alias or name)\n", *q);
        g_strfreev(parts);
        rc = EXIT_BAD_INPUT;
        goto out;
      }
      guint32 vv = (guint32)v;
      g_array_append_val(ids, vv);
    }
    g_strfreev(parts);
  }
  for (char **p = opt_regions; p && *p; p++) {
    char **parts = g_strsplit(*p, ",", -1);
    for (char **q = parts; *q; q++)
      if (**q)
        g_ptr_array_add(regions, g_strdup(*q));
    g_strfreev(parts);
  }
  g_ptr_array_add(regions, NULL);
  GError *err = NULL;
  im = cg_disrupt(g, (guint32 *)(void *)ids->data, ids->len,
                  (const char *const *)regions->pdata, &err);
  if (!im) {
    g_printerr("chaingraph: %s\n", err->message);
    g_error_free(err);
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  if (cli_json) {
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "impact");
    json_builder_add_double_value(b, im->impact);
    json_builder_set_member_name(b, "lost_weight");
    json_builder_add_double_value(b, im->lost_weight);
    json_builder_set_member_name(b, "total_weight");
    json_builder_add_double_value(b, im->total_weight);
    json_builder_set_member_name(b, "disrupted");
    json_builder_begin_array(b);
    for (gsize i = 0; i < im->n_disrupted; i++)
      json_builder_add_string_value(b, cg_node_id(g, im->disrupted[i]));
    json_builder_end_array(b);
    json_builder_set_member_name(b, "lost");
    json_builder_begin_array(b);
    for (gsize i = 0; i < im->n_lost; i++)
      json_builder_add_string_value(b, cg_node_id(g, im->lost[i]));
    json_builder_end_array(b);
    json_builder_set_member_name(b, "lost_applications");
    json_builder_begin_array(b);
    for (gsize i = 0; i < im->n_lost_applications; i++)
      json_builder_add_string_value(b, cg_node_id(g, im->lost_applications[i]));
    json_builder_end_array(b);
    json_builder_end_object(b);
    JsonNode *root = json_builder_get_root(b);
    cli_print_json(root);
    json_node_unref(root);
    g_object_unref(b);
  } else {
    printf("knocked out: %zu nodes", im->n_disrupted);
    for (gsize i = 0; i < im->n_disrupted && i < 10; i++)
      printf("%s%s", i ? ", " : " (", cg_node_label(g, im->disrupted[i]));
    printf("%s\n", im->n_disrupted ? (im->n_disrupted > 10 ? ", …)" : ")") : "");
    printf("impact: %.1f%% of application weight (%g of %g)\n", 100 * im->impact,
           im->lost_weight, im->total_weight);
    printf("lost applications (%zu):", im->n_lost_applications);
    for (gsize i = 0; i < im->n_lost_applications; i++)
      printf("%s%s", i ? "、" : " ", cg_node_label(g, im->lost_applications[i]));
    printf("\nlost nodes (%zu):", im->n_lost);
    for (gsize i = 0; i < im->n_lost; i++)
      printf("%s%s", i ? "、" : " ", cg_node_label(g, im->lost[i]));
    printf("\n");
  }
  rc = 0;
out:
  cg_impact_free(im);
  cg_graph_free(g);
  g_array_free(ids, TRUE);
  g_ptr_array_free(regions, TRUE);
  g_strfreev(opt_nodes);
  g_strfreev(opt_regions);
  return rc;
}

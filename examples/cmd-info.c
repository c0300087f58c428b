/* chaingraph info */
#include "cli.h"

typedef struct {
  guint chains, path_chains, nodes, edges, regions, claims, planned, chokepoints, risks;
} DocCounts;

int
cmd_info(int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new("[FILES…] — what a chain graph holds");
  g_option_context_set_summary(
      ctx, "Prints the size of the graph and, per source document, how many chains, nodes,\n"
           "edges, regions, capability claims (of which planned: role=develop), chokepoints and\n"
           "document-wide risk statements it contributes. With no FILES, reads the bundled\n"
           "chains.");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  if (rc >= 0)
    return rc;
  g_autoptr(CgGraph) g = cli_load(argc, argv);
  if (!g)
    return EXIT_BAD_INPUT;

  gsize nd = cg_graph_n_documents(g);
  DocCounts *dc = g_new0(DocCounts, nd + 1);
  for (gsize c = 0; c < cg_graph_n_chains(g); c++) {
    int d = cg_chain_provenance(g, c)->document;
    DocCounts *x = &dc[d >= 0 ? (gsize)d : nd];
    x->chains++;
    if (cg_chain_path(g, c))
      x->path_chains++;
  }
  guint8 *seen = g_new0(guint8, nd + 1);
  for (gsize v = 0; v < cg_graph_n_nodes(g); v++) {
    memset(seen, 0, nd + 1);
    for (gsize i = 0; i < cg_node_n_provenance(g, v); i++) {
      int d = cg_node_provenance(g, v, i)->document;
      seen[d >= 0 ? (gsize)d : nd] = 1;
    }
    for (gsize i = 0; i < cg_node_n_chokepoints(g, v); i++) {
      int d = cg_node_chokepoint(g, v, i)->document;
      dc[d >= 0 ? (gsize)d : nd].chokepoints++;
    }
    for (gsize d = 0; d <= nd; d++)
      dc[d].nodes += seen[d];
  }
  for (gsize e = 0; e < cg_graph_n_edges(g); e++) {
    memset(seen, 0, nd + 1);
    for (gsize i = 0; i < cg_edge_n_provenance(g, e); i++) {
      int d = cg_edge_provenance(g, e, i)->document;
      seen[d >= 0 ? (gsize)d : nd] = 1;
    }
    for (gsize d = 0; d <= nd; d++)
      dc[d].edges += seen[d];
  }
  for (gsize r = 0; r < cg_graph_n_regions(g); r++) {
    memset(seen, 0, nd + 1);
    for (gsize i = 0; i < cg_region_n_provenance(g, r); i++) {
      int d = cg_region_provenance(g, r, i)->document;
      seen[d >= 0 ? (gsize)d : nd] = 1;
    }
    for (gsize i = 0; i < cg_region_n_claims(g, r); i++) {
      const CgProvenance *p;
      gboolean develop = FALSE;
      cg_region_claim(g, r, i, NULL, &develop, &p);
      int d = p->document;
      seen[d >= 0 ? (gsize)d : nd] = 1;
      dc[d >= 0 ? (gsize)d : nd].claims++;
      dc[d >= 0 ? (gsize)d : nd].planned += develop != FALSE;
    }
    for (gsize d = 0; d <= nd; d++)
      dc[d].regions += seen[d];
  }
  g_free(seen);
  for (gsize d = 0; d < nd; d++)
    dc[d].risks = cg_document_n_risks(g, d);

  gsize n_apps = 0, n_choke = 0, n_prod = 0;
  guint8 *prod = g_new(guint8, cg_graph_n_nodes(g) + 1);
  cg_graph_producible(g, NULL, prod);
  for (gsize v = 0; v < cg_graph_n_nodes(g); v++) {
    n_apps += cg_node_is_application(g, v);
    n_choke += cg_node_n_chokepoints(g, v) > 0;
    n_prod += prod[v];
  }
  g_free(prod);
  if (cli_json) {
    JsonBuilder *b = json_builder_new();
    json_builder_begin_object(b);
    json_builder_set_member_name(b, "nodes");
    json_builder_add_int_value(b, (gint64)cg_graph_n_nodes(g));
    json_builder_set_member_name(b, "edges");
    json_builder_add_int_value(b, (gint64)cg_graph_n_edges(g));
    json_builder_set_member_name(b, "groups");
    json_builder_add_int_value(b, (gint64)cg_graph_n_groups(g));
    json_builder_set_member_name(b, "applications");
    json_builder_add_int_value(b, (gint64)n_apps);
    json_builder_set_member_name(b, "producible");
    json_builder_add_int_value(b, (gint64)n_prod);
    json_builder_set_member_name(b, "chokepoint_nodes");
    json_builder_add_int_value(b, (gint64)n_choke);
    json_builder_set_member_name(b, "regions");
    json_builder_add_int_value(b, (gint64)cg_graph_n_regions(g));
    json_builder_set_member_name(b, "chains");
    json_builder_add_int_value(b, (gint64)cg_graph_n_chains(g));
    json_builder_set_member_name(b, "documents");
    json_builder_begin_array(b);
    for (gsize d = 0; d <= nd; d++) {
      DocCounts *x = &dc[d];
      if (d == nd && !x->chains && !x->nodes && !x->edges && !x->regions)
        continue;
      json_builder_begin_object(b);
      json_builder_set_member_name(b, "file");
      if (d < nd)
        json_builder_add_string_value(b, cg_document_file(g, d));
      else
        json_builder_add_null_value(b);
      json_builder_set_member_name(b, "key");
      if (d < nd)
        json_builder_add_string_value(b, cg_document_key(g, d));
      else
        json_builder_add_null_value(b);
      const char *names[] = {"chains",  "path_chains",    "nodes",       "edges", "regions",
                             "claims",  "planned_claims", "chokepoints", "risks"};
      guint vals[] = {x->chains, x->path_chains, x->nodes,       x->edges, x->regions,
                      x->claims, x->planned,     x->chokepoints, x->risks};
      for (guint k = 0; k < G_N_ELEMENTS(names); k++) {
        json_builder_set_member_name(b, names[k]);
        json_builder_add_int_value(b, vals[k]);
      }
      json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    JsonNode *root = json_builder_get_root(b);
    cli_print_json(root);
    json_node_unref(root);
    g_object_unref(b);
  } else {
    printf("%zu nodes (%zu applications, %zu with chokepoint evidence), %zu edges in %zu input "
           "groups, %zu regions, %zu chains, %zu documents\n\n",
           cg_graph_n_nodes(g), n_apps, n_choke, cg_graph_n_edges(g), cg_graph_n_groups(g),
           cg_graph_n_regions(g), cg_graph_n_chains(g), nd);
    printf("%-12s %-28s %7s %6s %6s %8s %7s %8s %11s %6s\n", "document", "file", "chains",
           "nodes", "edges", "regions", "claims", "planned", "chokepoints", "risks");
    for (gsize d = 0; d <= nd; d++) {
      DocCounts *x = &dc[d];
      if (d == nd && !x->chains && !x->nodes && !x->edges && !x->regions)
        continue;
      char chains[32];
      g_snprintf(chains, sizeof chains, "%u", x->chains);
      if (x->path_chains != x->chains)
        g_snprintf(chains, sizeof chains, "%u+%u", x->path_chains, x->chains - x->path_chains);
      printf("%-12s %-28s %7s %6u %6u %8u %7u %8u %11u %6u\n",
             d < nd ? cg_document_key(g, d) : "(inferred)", d < nd ? cg_document_file(g, d) : "-",
             chains, x->nodes, x->edges, x->regions, x->claims, x->planned, x->chokepoints,
             x->risks);
    }
    printf("\nchains: dash chains (written A——B——C in the document) + wiring-only chains\n"
           "planned: claims of a capability the document plans (role=develop), not one it has\n"
           "risks: the document's risk statements that name no material\n"
           "(inferred): what no document says, marked inferred=\"reason\" (e.g. chains/links.chain)\n");
  }
  g_free(dc);
  return 0;
}

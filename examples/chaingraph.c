/* chaingraph — the command-line tool. `chaingraph help` lists the commands; every command
 * takes --help. Exit status: 0 success, 1 bad input (the message names file:line:column),
 * 2 bad usage. */
#include <chaingraph/chaingraph.h>
#include <json-glib/json-glib.h>

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2

typedef struct {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv);
} Command;

static gboolean opt_json = FALSE;
static char *opt_format = NULL;

static const GOptionEntry common_entries[] = {
    {"json", 0, 0, G_OPTION_ARG_NONE, &opt_json, "Print JSON for machines instead of a table", NULL},
    {"format", 0, 0, G_OPTION_ARG_STRING, &opt_format,
     "Read FILES as this format (chain, json, graphml, tsv) instead of guessing from the extension",
     "FMT"},
    {NULL}};

static int
usage_error(GOptionContext *ctx, const char *msg)
{
  char *help = g_option_context_get_help(ctx, TRUE, NULL);
  g_printerr("chaingraph: %s\n\n%s", msg, help);
  g_free(help);
  return EXIT_USAGE;
}

/* Parses a command's options. Returns -1 to go on, else the exit status. */
static int
parse_options(GOptionContext *ctx, int *argc, char ***argv)
{
  GError *err = NULL;
  if (!g_option_context_parse(ctx, argc, argv, &err)) {
    int rc = usage_error(ctx, err->message);
    g_error_free(err);
    return rc;
  }
  return -1;
}

/* Loads FILES, or the bundled chains when there are none. */
static CgGraph *
load_args(int argc, char **argv)
{
  GError *err = NULL;
  CgGraph *g;
  if (argc <= 1)
    g = cg_graph_load_default(&err);
  else
    g = cg_graph_load((const char *const *)(argv + 1), opt_format, &err);
  if (!g) {
    g_printerr("chaingraph: %s\n", err->message);
    g_error_free(err);
  }
  return g;
}

static int
exit_for_load_failure(void)
{
  return EXIT_BAD_INPUT;
}

static void
print_json(JsonNode *root)
{
  JsonGenerator *gen = json_generator_new();
  json_generator_set_pretty(gen, TRUE);
  json_generator_set_root(gen, root);
  char *text = json_generator_to_data(gen, NULL);
  puts(text);
  g_free(text);
  g_object_unref(gen);
}

/* ---- info ---------------------------------------------------------------------------- */

typedef struct {
  guint chains, path_chains, nodes, edges, regions, claims, chokepoints;
} DocCounts;

static int
cmd_info(int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new("[FILES…] — what a chain graph holds");
  g_option_context_set_summary(
      ctx, "Prints the size of the graph and, per source document, how many chains, nodes,\n"
           "edges, regions, capability claims and chokepoints it contributes. With no FILES,\n"
           "reads the bundled chains.");
  g_option_context_add_main_entries(ctx, common_entries, NULL);
  int rc = parse_options(ctx, &argc, &argv);
  if (rc >= 0)
    return rc;
  g_autoptr(CgGraph) g = load_args(argc, argv);
  if (!g)
    return exit_for_load_failure();

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
    for (gsize i = 0; i < cg_region_n_capabilities(g, r); i++) {
      const CgProvenance *p;
      cg_region_capability(g, r, i, NULL, &p);
      int d = p->document;
      seen[d >= 0 ? (gsize)d : nd] = 1;
      dc[d >= 0 ? (gsize)d : nd].claims++;
    }
    for (gsize d = 0; d <= nd; d++)
      dc[d].regions += seen[d];
  }
  g_free(seen);

  gsize n_apps = 0, n_choke = 0;
  for (gsize v = 0; v < cg_graph_n_nodes(g); v++) {
    n_apps += cg_node_is_application(g, v);
    n_choke += cg_node_n_chokepoints(g, v) > 0;
  }
  if (opt_json) {
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
      const char *names[] = {"chains", "path_chains", "nodes", "edges", "regions", "claims",
                             "chokepoints"};
      guint vals[] = {x->chains, x->path_chains, x->nodes,      x->edges,
                      x->regions, x->claims,      x->chokepoints};
      for (guint k = 0; k < G_N_ELEMENTS(names); k++) {
        json_builder_set_member_name(b, names[k]);
        json_builder_add_int_value(b, vals[k]);
      }
      json_builder_end_object(b);
    }
    json_builder_end_array(b);
    json_builder_end_object(b);
    JsonNode *root = json_builder_get_root(b);
    print_json(root);
    json_node_unref(root);
    g_object_unref(b);
  } else {
    printf("%zu nodes (%zu applications, %zu with chokepoint evidence), %zu edges in %zu input "
           "groups, %zu regions, %zu chains, %zu documents\n\n",
           cg_graph_n_nodes(g), n_apps, n_choke, cg_graph_n_edges(g), cg_graph_n_groups(g),
           cg_graph_n_regions(g), cg_graph_n_chains(g), nd);
    printf("%-12s %-28s %7s %6s %6s %8s %7s %11s\n", "document", "file", "chains", "nodes",
           "edges", "regions", "claims", "chokepoints");
    for (gsize d = 0; d <= nd; d++) {
      DocCounts *x = &dc[d];
      if (d == nd && !x->chains && !x->nodes && !x->edges && !x->regions)
        continue;
      char chains[32];
      g_snprintf(chains, sizeof chains, "%u", x->chains);
      if (x->path_chains != x->chains)
        g_snprintf(chains, sizeof chains, "%u+%u", x->path_chains, x->chains - x->path_chains);
      printf("%-12s %-28s %7s %6u %6u %8u %7u %11u\n", d < nd ? cg_document_key(g, d) : "(none)",
             d < nd ? cg_document_file(g, d) : "-", chains, x->nodes, x->edges, x->regions,
             x->claims, x->chokepoints);
    }
    printf("\nchains: dash chains (written A——B——C in the document) + wiring-only chains\n");
  }
  g_free(dc);
  return 0;
}

/* ---- validate ------------------------------------------------------------------------ */

static int
cmd_validate(int argc, char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new("[FILES…] — check chain files");
  g_option_context_set_summary(
      ctx, "Loads FILES (or the bundled chains) and reports the first error as\n"
           "file:line:column: message, with exit status 1. When they load, prints what\n"
           "deserves a look: nodes that no supply can reach (cycles without an outside\n"
           "source), nodes without an English name or stage.");
  g_option_context_add_main_entries(ctx, common_entries, NULL);
  int rc = parse_options(ctx, &argc, &argv);
  if (rc >= 0)
    return rc;
  g_autoptr(CgGraph) g = load_args(argc, argv);
  if (!g)
    return exit_for_load_failure();
  gsize n = cg_graph_n_nodes(g);
  guint8 *prod = g_new(guint8, n ? n : 1);
  cg_graph_producible(g, NULL, prod);
  gsize unreachable = 0, no_en = 0, no_stage = 0;
  for (gsize v = 0; v < n; v++) {
    if (!prod[v]) {
      if (unreachable++ < 20)
        printf("note: %s (%s) is not producible even without disruption: its inputs form a "
               "cycle with no outside source\n",
               cg_node_id(g, v), cg_node_label(g, v));
    }
    no_en += cg_node_name_en(g, v) == NULL;
    no_stage += cg_node_stage(g, v) == CG_STAGE_UNKNOWN;
  }
  g_free(prod);
  if (no_en)
    printf("note: %zu nodes have no English name\n", no_en);
  if (no_stage)
    printf("note: %zu nodes have no stage (sinks then count as applications only if no node "
           "is marked application)\n",
           no_stage);
  printf("ok: %zu nodes, %zu edges, %zu regions, %zu chains\n", n, cg_graph_n_edges(g),
         cg_graph_n_regions(g), cg_graph_n_chains(g));
  return 0;
}

/* ---- export -------------------------------------------------------------------------- */

static int
cmd_export(int argc, char **argv)
{
  char *out_format = NULL, *output = NULL;
  GOptionEntry entries[] = {
      {"to", 't', 0, G_OPTION_ARG_STRING, &out_format,
       "Output format: json, graphml, tsv or dot (default: from -o's extension, else json)",
       "FMT"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "Write here (default: standard output; tsv needs a file: PREFIX.tsv writes "
       "PREFIX.nodes.tsv, PREFIX.edges.tsv, PREFIX.regions.tsv, PREFIX.capabilities.tsv)",
       "FILE"},
      {NULL}};
  g_autoptr(GOptionContext) ctx =
      g_option_context_new("[FILES…] — write the graph as JSON, GraphML, TSV or DOT");
  g_option_context_set_summary(
      ctx, "Converts chain files (or any readable format) to another format. --format names\n"
           "the format of the FILES read; --to (or -o's extension) the format written.\n"
           "Example: chaingraph export --to graphml -o chains.graphml");
  g_option_context_add_main_entries(ctx, common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = parse_options(ctx, &argc, &argv);
  if (rc >= 0)
    goto out;
  const char *fmt = out_format ? out_format : output ? cg_format_for_path(output) : "json";
  if (!fmt || (strcmp(fmt, "json") && strcmp(fmt, "graphml") && strcmp(fmt, "tsv") &&
               strcmp(fmt, "dot"))) {
    rc = usage_error(ctx, "unknown output format (use --to json|graphml|tsv|dot)");
    goto out;
  }
  if (strcmp(fmt, "tsv") == 0 && (!output || strcmp(output, "-") == 0)) {
    rc = usage_error(ctx, "tsv output is a set of files: give -o PREFIX.tsv");
    goto out;
  }
  {
    g_autoptr(CgGraph) g = load_args(argc, argv);
    if (!g) {
      rc = exit_for_load_failure();
      goto out;
    }
    GError *err = NULL;
    if (!cg_graph_save(g, output ? output : "-", fmt, &err)) {
      g_printerr("chaingraph: %s\n", err->message);
      g_error_free(err);
      rc = EXIT_BAD_INPUT;
      goto out;
    }
    rc = 0;
  }
out:
  g_free(out_format);
  g_free(output);
  return rc;
}

/* ---- disrupt ------------------------------------------------------------------------- */

static int
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
  g_option_context_add_main_entries(ctx, common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = parse_options(ctx, &argc, &argv);
  GArray *ids = g_array_new(FALSE, FALSE, sizeof(guint32));
  GPtrArray *regions = g_ptr_array_new_with_free_func(g_free);
  CgGraph *g = NULL;
  CgImpact *im = NULL;
  if (rc >= 0)
    goto out;
  if (!opt_nodes && !opt_regions) {
    rc = usage_error(ctx, "name at least one --node or --region");
    goto out;
  }
  g = load_args(argc, argv);
  if (!g) {
    rc = exit_for_load_failure();
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
  if (opt_json) {
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
    print_json(root);
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

/* ---- bottlenecks --------------------------------------------------------------------- */

/* The first document quote behind a node (chokepoint evidence first), for a source line. */
static void
print_source(const CgGraph *g, gsize v, const char *indent)
{
  const CgProvenance *p = NULL;
  if (cg_node_n_chokepoints(g, v))
    p = cg_node_chokepoint(g, v, 0);
  for (gsize i = 0; !p && i < cg_node_n_provenance(g, v); i++)
    if (cg_node_provenance(g, v, i)->quote)
      p = cg_node_provenance(g, v, i);
  if (!p)
    return;
  printf("%ssource: %s%s%s “%s”\n", indent,
         p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
         p->section ? " " : "", p->section ? p->section : "", p->quote);
}

static int
cmd_bottlenecks(int argc, char **argv)
{
  gint top = 10, threads = 0;
  char *chain = NULL, *app = NULL;
  gboolean no_btw = FALSE, all_apps = FALSE;
  GOptionEntry entries[] = {
      {"top", 'n', 0, G_OPTION_ARG_INT, &top, "List the N most critical nodes (0: all; default 10)",
       "N"},
      {"chain", 'c', 0, G_OPTION_ARG_STRING, &chain, "List only the nodes of this chain", "ID"},
      {"application", 'a', 0, G_OPTION_ARG_STRING, &app,
       "Show one application's single points of failure and redundancy", "ID"},
      {"applications", 0, 0, G_OPTION_ARG_NONE, &all_apps,
       "With --json: add every application's single points and redundancy", NULL},
      {"no-betweenness", 0, 0, G_OPTION_ARG_NONE, &no_btw,
       "Skip flow betweenness (it costs a shortest-path search per raw material)", NULL},
      {"threads", 't', 0, G_OPTION_ARG_INT, &threads, "Worker threads (default: one per core)",
       "N"},
      {NULL}};
  g_autoptr(GOptionContext) ctx =
      g_option_context_new("[FILES…] — which products, if lost, take the most applications down");
  g_option_context_set_summary(
      ctx,
      "Ranks nodes by criticality: the share of application weight that can no longer be\n"
      "made when the node alone is lost (AND across input groups, OR within, cycles need\n"
      "an outside source). Exact: a dominator tree on OR-only graphs, the support-DAG\n"
      "algorithm otherwise. Each line says why, and cites the document.\n"
      "Example: chaingraph bottlenecks --top 5 --chain zj-magnet");
  g_option_context_add_main_entries(ctx, common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = parse_options(ctx, &argc, &argv);
  CgGraph *g = NULL;
  CgBottlenecks *r = NULL;
  if (rc >= 0)
    goto out;
  if (top < 0 || threads < 0) {
    rc = usage_error(ctx, "--top and --threads take a number ≥ 0");
    goto out;
  }
  g = load_args(argc, argv);
  if (!g) {
    rc = exit_for_load_failure();
    goto out;
  }
  GError *err = NULL;
  if (app) {
    gssize a = cg_graph_find_node(g, app);
    if (a < 0) {
      g_printerr("chaingraph: unknown node '%s'\n", app);
      rc = EXIT_BAD_INPUT;
      goto out;
    }
    gsize n_sp;
    guint32 *sp = cg_single_points(g, (gsize)a, &n_sp);
    CgRedundancy *red = cg_redundancy(g, (gsize)a, &err);
    if (!red) {
      g_printerr("chaingraph: %s\n", err->message);
      g_error_free(err);
      g_free(sp);
      rc = EXIT_BAD_INPUT;
      goto out;
    }
    if (opt_json) {
      JsonBuilder *b = json_builder_new();
      json_builder_begin_object(b);
      json_builder_set_member_name(b, "id");
      json_builder_add_string_value(b, cg_node_id(g, (gsize)a));
      json_builder_set_member_name(b, "single_points");
      json_builder_begin_array(b);
      for (gsize i = 0; i < n_sp; i++)
        json_builder_add_string_value(b, cg_node_id(g, sp[i]));
      json_builder_end_array(b);
      json_builder_set_member_name(b, "redundancy");
      if (red->size == G_MAXSIZE)
        json_builder_add_null_value(b);
      else
        json_builder_add_int_value(b, (gint64)red->size);
      json_builder_set_member_name(b, "redundancy_exact");
      json_builder_add_boolean_value(b, red->exact);
      json_builder_set_member_name(b, "cut");
      json_builder_begin_array(b);
      for (gsize i = 0; i < red->n_cut; i++)
        json_builder_add_string_value(b, cg_node_id(g, red->cut[i]));
      json_builder_end_array(b);
      json_builder_end_object(b);
      JsonNode *root = json_builder_get_root(b);
      print_json(root);
      json_node_unref(root);
      g_object_unref(b);
    } else {
      printf("%s (%s)\n", cg_node_label(g, (gsize)a), cg_node_id(g, (gsize)a));
      printf("  single points of failure (every supply path needs them), upstream first:\n   ");
      for (gsize i = 0; i < n_sp; i++)
        printf(" %s%s", cg_node_label(g, sp[i]), i + 1 < n_sp ? " →" : "");
      printf("%s\n", n_sp ? "" : " none");
      if (red->size == G_MAXSIZE)
        printf("  redundancy: no set of other nodes can cut it off (it has no inputs)\n");
      else {
        printf("  redundancy: %s%zu node%s must fail to cut it off%s:", red->exact ? "" : "at most ",
               red->size, red->size == 1 ? "" : "s", red->exact ? "" : " (upper bound)");
        for (gsize i = 0; i < red->n_cut; i++)
          printf(" %s", cg_node_label(g, red->cut[i]));
        printf("\n");
      }
    }
    g_free(sp);
    cg_redundancy_free(red);
    rc = 0;
    goto out;
  }
  CgBottleneckOptions opt = CG_BOTTLENECK_OPTIONS_INIT;
  opt.top = (gsize)top;
  opt.chain = chain;
  opt.betweenness = !no_btw;
  opt.threads = (guint)threads;
  r = cg_bottlenecks(g, &opt, &err);
  if (!r) {
    g_printerr("chaingraph: %s\n", err->message);
    g_error_free(err);
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  if (opt_json) {
    char *text = cg_bottlenecks_to_json(g, r, all_apps, &err);
    if (!text) {
      g_printerr("chaingraph: %s\n", err->message);
      g_error_free(err);
      rc = EXIT_BAD_INPUT;
      goto out;
    }
    puts(text);
    cg_free(text);
  } else {
    printf("Bottlenecks (exact, %s): share of application weight lost with each node\n\n",
           r->method);
    for (gsize i = 0; i < r->n_items; i++) {
      const CgBottleneck *b = &r->items[i];
      printf("%2zu. %5.1f%%  %s (%s)", i + 1, 100 * b->criticality, cg_node_label(g, b->node),
             cg_node_id(g, b->node));
      if (!isnan(b->betweenness))
        printf("  betweenness %.1f", b->betweenness);
      printf("\n      %s\n", b->why);
      print_source(g, b->node, "      ");
    }
    if (r->n_items == 0)
      printf("no node's loss costs any application\n");
  }
  rc = 0;
out:
  cg_bottlenecks_free(r);
  cg_graph_free(g);
  g_free(chain);
  g_free(app);
  return rc;
}

/* ---- generate ------------------------------------------------------------------------ */

static int
cmd_generate(int argc, char **argv)
{
  gint64 nodes = 10000, edges = -1, seed = 1;
  gint stages = 5, regions = 0;
  double or_fraction = 0.5, cycle_fraction = 0.01;
  char *output = NULL;
  GOptionEntry entries[] = {
      {"nodes", 0, 0, G_OPTION_ARG_INT64, &nodes, "Number of nodes (default 10000)", "N"},
      {"edges", 0, 0, G_OPTION_ARG_INT64, &edges, "Number of edges (default 5 × nodes)", "M"},
      {"stages", 0, 0, G_OPTION_ARG_INT, &stages, "Number of stages, raw to application (default 5)",
       "K"},
      {"or-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &or_fraction,
       "Probability that an input is an alternative (joins an OR group) rather than a joint "
       "requirement (default 0.5; 1 gives an OR-only graph, 0 AND-only)",
       "F"},
      {"cycle-fraction", 0, 0, G_OPTION_ARG_DOUBLE, &cycle_fraction,
       "Share of edges going back upstream, as recycling alternatives (default 0.01)", "C"},
      {"regions", 0, 0, G_OPTION_ARG_INT, &regions,
       "Number of city regions (30 to a province), each node produced by 1–3 of them (default 0)",
       "R"},
      {"seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed: the same options give the same files", "S"},
      {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
       "PREFIX.tsv: writes PREFIX.nodes.tsv, PREFIX.edges.tsv (and with regions "
       "PREFIX.regions.tsv, PREFIX.capabilities.tsv)",
       "FILE"},
      {NULL}};
  g_autoptr(GOptionContext) ctx = g_option_context_new("-o FILE — write a layered chain graph");
  g_option_context_set_summary(
      ctx, "Generates a layered supply graph with input groups, recycling cycles and regional\n"
           "capabilities, deterministic for a seed, for tests and benchmarks.\n"
           "Example: chaingraph generate --nodes 1000000 --edges 5000000 --or-fraction 1 -o big.tsv");
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = parse_options(ctx, &argc, &argv);
  if (rc >= 0)
    goto out;
  if (!output || argc > 1) {
    rc = usage_error(ctx, "give -o FILE and no other arguments");
    goto out;
  }
  if (nodes < 0 || stages < 0 || regions < 0 || seed < 0) {
    rc = usage_error(ctx, "counts and the seed must be ≥ 0");
    goto out;
  }
  CgGenerateOptions o = CG_GENERATE_OPTIONS_INIT;
  o.nodes = (guint64)nodes;
  o.edges = edges < 0 ? 5 * (guint64)nodes : (guint64)edges;
  o.stages = (guint)stages;
  o.or_fraction = or_fraction;
  o.cycle_fraction = cycle_fraction;
  o.regions = (guint)regions;
  o.seed = (guint64)seed;
  GError *err = NULL;
  if (!cg_generate(&o, output, &err)) {
    g_printerr("chaingraph: %s\n", err->message);
    rc = err->code == CG_ERROR_USAGE ? EXIT_USAGE : EXIT_BAD_INPUT;
    g_error_free(err);
    goto out;
  }
  rc = 0;
out:
  g_free(output);
  return rc;
}

/* ---- main ---------------------------------------------------------------------------- */

static int cmd_help(int argc, char **argv);

static const Command commands[] = {
    {"info", "what a chain graph holds, per source document", cmd_info},
    {"validate", "check chain files; errors as file:line:column", cmd_validate},
    {"export", "write the graph as JSON, GraphML, TSV or DOT", cmd_export},
    {"bottlenecks", "which products, if lost, take the most applications down", cmd_bottlenecks},
    {"disrupt", "what is lost when nodes or regions fail", cmd_disrupt},
    {"generate", "write a generated layered chain graph (TSV) for tests and benchmarks", cmd_generate},
    {"help", "this list", cmd_help},
};

static int
cmd_help(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  printf("Usage: chaingraph COMMAND [OPTIONS] [FILES…]\n\n"
         "Analyses industrial chains (产业链) as directed graphs. With no FILES, every\n"
         "command reads the bundled chains transcribed from five regional plans.\n\n"
         "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++)
    printf("  %-12s %s\n", commands[i].name, commands[i].summary);
  printf("\nRun 'chaingraph COMMAND --help' for a command's options.\n"
         "Exit status: 0 success, 1 bad input, 2 bad usage.\n");
  return 0;
}

int
main(int argc, char **argv)
{
  setlocale(LC_ALL, "");
  if (argc < 2) {
    cmd_help(0, NULL);
    return EXIT_USAGE;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
    return cmd_help(0, NULL);
  if (strcmp(argv[1], "--version") == 0) {
    printf("chaingraph %s\n", CG_VERSION_STRING);
    return 0;
  }
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++)
    if (strcmp(argv[1], commands[i].name) == 0) {
      /* The command sees itself as argv[0]: "chaingraph info". */
      char *prg = g_strdup_printf("chaingraph %s", argv[1]);
      g_set_prgname(prg);
      argv[1] = prg;
      int rc = commands[i].run(argc - 1, argv + 1);
      g_free(prg);
      g_free(opt_format);
      return rc;
    }
  g_printerr("chaingraph: unknown command '%s'\n\n", argv[1]);
  cmd_help(0, NULL);
  return EXIT_USAGE;
}

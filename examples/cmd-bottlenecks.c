/* chaingraph bottlenecks */
#include "cli.h"

static int
cmp_regional(gconstpointer a, gconstpointer b, gpointer data)
{
  const double *crit = data;
  const CgRegionalPoint *x = *(const CgRegionalPoint *const *)a;
  const CgRegionalPoint *y = *(const CgRegionalPoint *const *)b;
  if (crit[x->node] != crit[y->node])
    return crit[x->node] > crit[y->node] ? -1 : 1;
  return x->node < y->node ? -1 : x->node > y->node;
}

/* The chains' narrow waists (stages of one item) and the regional single points whose loss
 * costs something, most critical first. */
static void
print_waists_and_regional_points(const CgGraph *g, const CgBottlenecks *r, gsize top)
{
  gsize shown = 0;
  g_autoptr(CgWaists) waists = cg_narrow_waists(g);
  gsize nw = cg_waists_n_items(waists);
  for (gsize i = 0; i < nw && (top == 0 || shown < top); i++) {
    const CgWaist *w = cg_waists_item(waists, i);
    if (w->width != 1)
      continue;
    if (shown++ == 0)
      printf("\nNarrow waists: chains with a stage of a single item\n");
    char *why = cg_waist_why(g, w);
    cli_print_wrapped("  ", why, "    ");
    g_free(why);
  }
  /* Points are read through pointers (their struct may grow): sort the pointers. */
  g_autoptr(CgRegionalPoints) list = cg_regional_single_points(g);
  gsize np = cg_regional_points_n_items(list);
  const CgRegionalPoint **pts = g_new(const CgRegionalPoint *, np ? np : 1);
  for (gsize i = 0; i < np; i++)
    pts[i] = cg_regional_points_item(list, i);
  g_qsort_with_data(pts, (gint)np, sizeof *pts, cmp_regional, (gpointer)cg_bottlenecks_criticality(r));
  shown = 0;
  for (gsize i = 0; i < np && (top == 0 || shown < top) && cg_bottlenecks_criticality(r)[pts[i]->node] > 0; i++) {
    if (shown++ == 0)
      printf("\nRegional single points: products one region alone makes, most critical first\n");
    CgImpact *im = cg_disrupt(g, &pts[i]->node, 1, NULL, NULL);
    gsize n_la = 0;
    const CgNodeId *la = im ? cg_impact_lost_applications(im, &n_la) : NULL;
    char *why = cg_regional_point_why(g, pts[i], la, n_la);
    cli_print_wrapped("  ", why, "    ");
    g_free(why);
    cg_impact_free(im);
  }
  g_free(pts);
}

/* The ranked items' footing, read from the library's JSON: each item's criticality without
 * the inferred statements and the inferences its loss runs through (NULL when unchanged). */
static JsonArray *
footing_items(const CgGraph *g, const CgBottlenecks *r, JsonParser **parser)
{
  char *text = cg_bottlenecks_to_json(g, r, FALSE, NULL);
  *parser = json_parser_new();
  JsonArray *a = NULL;
  if (text && json_parser_load_from_data(*parser, text, -1, NULL))
    a = json_object_get_array_member(json_node_get_object(json_parser_get_root(*parser)), "nodes");
  cg_free(text);
  return a;
}

/* "rests on inference: …" under an item whose criticality differs without the inferred
 * statements (issue 14). */
static void
print_rests_on(JsonArray *items, gsize i)
{
  if (!items || i >= json_array_get_length(items))
    return;
  JsonObject *o = json_array_get_object_element(items, (guint)i);
  JsonNode *why = json_object_get_member(o, "rests_on_inference");
  if (!why || JSON_NODE_HOLDS_NULL(why))
    return;
  char *line = g_strdup_printf("rests on inference (%.1f%% without inferred statements): %s",
                               100 * json_object_get_double_member(o, "criticality_without_inferred"),
                               json_node_get_string(why));
  cli_print_wrapped("      ", line, "      ");
  g_free(line);
}

int
cmd_bottlenecks(int argc, char **argv)
{
  /* The defaults, and the numbers the help states, are the library's. */
  CgBottleneckOptions opt;
  cg_bottleneck_options_init(&opt, CG_BOTTLENECK_OPTIONS_VERSION);
  gint top = (gint)opt.top, threads = (gint)opt.threads;
  char *chain = NULL, *app = NULL;
  gboolean no_btw = FALSE, force_btw = FALSE, all_apps = FALSE, exact = FALSE, estimate = FALSE;
  gint samples = (gint)opt.samples;
  gint64 seed = (gint64)opt.seed;
  GOptionEntry entries[] = {
      {"top", 'n', 0, G_OPTION_ARG_INT, &top,
       cli_help("List the N most critical nodes (0: all; default %d)", top),
       "N"},
      {"chain", 'c', 0, G_OPTION_ARG_STRING, &chain, "List only the nodes of this chain", "ID"},
      {"application", 'a', 0, G_OPTION_ARG_STRING, &app,
       "Show one application's single points of failure and redundancy", "ID"},
      {"applications", 0, 0, G_OPTION_ARG_NONE, &all_apps,
       "With --json: add every application's single points and redundancy", NULL},
      {"betweenness", 0, 0, G_OPTION_ARG_NONE, &force_btw,
       "Compute flow betweenness even above 50,000 nodes (it costs a shortest-path search per "
       "raw material: about a minute at 100,000 nodes)",
       NULL},
      {"no-betweenness", 0, 0, G_OPTION_ARG_NONE, &no_btw, "Skip flow betweenness", NULL},
      {"threads", 't', 0, G_OPTION_ARG_INT, &threads, "Worker threads (default: one per core)",
       "N"},
      {"exact", 0, 0, G_OPTION_ARG_NONE, &exact,
       "Always compute criticality exactly, however long it takes", NULL},
      {"estimate", 0, 0, G_OPTION_ARG_NONE, &estimate,
       "Always estimate criticality by drawing applications (see below)", NULL},
      {"samples", 0, 0, G_OPTION_ARG_INT, &samples,
       cli_help("Applications drawn for an estimate (default %d; the 95%% interval's half-width "
                "is at most 0.98/√N)",
                samples),
       "N"},
      {"seed", 0, 0, G_OPTION_ARG_INT64, &seed,
       cli_help("Seed of the draws (default %" G_GINT64_FORMAT ")", seed), "S"},
      {NULL}};
  g_autoptr(GOptionContext) ctx =
      g_option_context_new("[FILES…] — which products, if lost, take the most applications down");
  g_option_context_set_summary(
      ctx,
      "Ranks nodes by criticality: the share of application weight that can no longer be\n"
      "made when the node alone is lost (AND across input groups, OR within, cycles need\n"
      "an outside source). Exact: a dominator tree on OR-only graphs, the support-DAG\n"
      "algorithm otherwise. Each line says why, and cites the document.\n"
      "\n"
      "On very large AND/OR graphs, where a pilot run predicts more than about two minutes\n"
      "of exact work, the ranking is estimated instead and labelled so: applications are\n"
      "drawn in proportion to their weight, and a node's estimate is the share of draws its\n"
      "loss cuts off, with a 95% interval. The listed nodes' values are then recomputed\n"
      "exactly. --exact and --estimate override the choice.\n"
      "\n"
      "Examples:\n"
      "  chaingraph bottlenecks --top 5 --chain zj-magnet\n"
      "  chaingraph bottlenecks -a nev            # one application's single points\n"
      "  chaingraph bottlenecks --estimate --samples 5000 big.tsv");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  CgGraph *g = NULL;
  CgBottlenecks *r = NULL;
  if (rc >= 0)
    goto out;
  if (top < 0 || threads < 0 || samples <= 0) {
    rc = cli_usage_error(ctx, "--top and --threads take a number ≥ 0, --samples one > 0");
    goto out;
  }
  if (exact && estimate) {
    rc = cli_usage_error(ctx, "--exact and --estimate exclude each other");
    goto out;
  }
  g = cli_load(argc, argv);
  if (!g) {
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  cli_note_unproducible(g);
  if (!cli_json)
    cli_print_footing(g);
  GError *err = NULL;
  if (app) {
    gssize a = cg_graph_lookup_node(g, app, &err);
    if (a < 0) {
      g_printerr("chaingraph: %s\n", err->message);
      rc = cli_error_status(err);
      g_error_free(err);
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
    if (cli_json) {
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
      if (cg_redundancy_size(red) == G_MAXSIZE)
        json_builder_add_null_value(b);
      else
        json_builder_add_int_value(b, (gint64)cg_redundancy_size(red));
      json_builder_set_member_name(b, "redundancy_exact");
      json_builder_add_boolean_value(b, cg_redundancy_exact(red));
      json_builder_set_member_name(b, "cut");
      json_builder_begin_array(b);
      gsize n_cut;
      const CgNodeId *cut = cg_redundancy_cut(red, &n_cut);
      for (gsize i = 0; i < n_cut; i++)
        json_builder_add_string_value(b, cg_node_id(g, cut[i]));
      json_builder_end_array(b);
      json_builder_end_object(b);
      JsonNode *root = json_builder_get_root(b);
      cli_print_json(root);
      json_node_unref(root);
      g_object_unref(b);
    } else {
      printf("%s (%s)\n", cg_node_label(g, (gsize)a), cg_node_id(g, (gsize)a));
      printf("  single points of failure (every supply path needs them), upstream first:\n   ");
      for (gsize i = 0; i < n_sp; i++)
        printf(" %s%s", cg_node_label(g, sp[i]), i + 1 < n_sp ? " →" : "");
      printf("%s\n", n_sp ? "" : " none");
      if (cg_redundancy_size(red) == G_MAXSIZE)
        printf("  redundancy: no set of other nodes can cut it off (it has no inputs)\n");
      else {
        printf("  redundancy: %s%zu node%s must fail to cut it off%s:", cg_redundancy_exact(red) ? "" : "at most ",
               cg_redundancy_size(red), cg_redundancy_size(red) == 1 ? "" : "s", cg_redundancy_exact(red) ? "" : " (upper bound)");
        gsize n_cut;
        const CgNodeId *cut = cg_redundancy_cut(red, &n_cut);
        for (gsize i = 0; i < n_cut; i++)
          printf(" %s", cg_node_label(g, cut[i]));
        printf("\n");
      }
    }
    g_free(sp);
    cg_redundancy_free(red);
    rc = 0;
    goto out;
  }
  opt.top = (gsize)top;
  opt.chain = chain;
  if (force_btw)
    opt.betweenness = CG_BETWEENNESS_ALWAYS;
  else if (no_btw)
    opt.betweenness = CG_BETWEENNESS_NEVER;
  opt.threads = (guint)threads;
  if (exact)
    opt.estimate = CG_ESTIMATE_NEVER;
  else if (estimate)
    opt.estimate = CG_ESTIMATE_ALWAYS;
  opt.samples = (gsize)samples;
  opt.seed = (guint64)seed;
  cli_progress_begin("computing criticality");
  opt.progress = cli_progress_cb; /* the bar's fraction; Ctrl-C cancels */
  cli_cancellable_begin();
  r = cg_bottlenecks(g, &opt, &err);
  if ((rc = cli_cancellable_finish(r != NULL, &err)))
    goto out;
  if (cli_json) {
    char *text = cg_bottlenecks_to_json(g, r, all_apps, &err);
    if (!text) {
      g_printerr("chaingraph: %s\n", err->message);
      rc = cli_error_status(err);
      g_error_free(err);
      goto out;
    }
    puts(text);
    cg_free(text);
  } else {
    if (cg_bottlenecks_exact(r))
      printf("Bottlenecks (exact, %s): share of application weight lost with each node\n\n",
             cg_bottlenecks_method(r));
    else
      printf("Bottlenecks (ESTIMATED ranking from %zu applications drawn by weight; each listed\n"
             "value recomputed exactly, the estimate and its 95%% interval in brackets)\n\n",
             cg_bottlenecks_samples(r));
    JsonParser *fp = NULL;
    JsonArray *foot = footing_items(g, r, &fp);
    for (gsize i = 0; i < cg_bottlenecks_n_items(r); i++) {
      const CgBottleneck *b = cg_bottlenecks_item(r, i);
      printf("%2zu. %5.1f%%  %s", i + 1, 100 * b->criticality, cg_node_label(g, b->node));
      if (strcmp(cg_node_label(g, b->node), cg_node_id(g, b->node)) != 0)
        printf(" (%s)", cg_node_id(g, b->node));
      if (!cg_bottlenecks_exact(r))
        printf("  [estimate %.1f%%, %.1f–%.1f%%]", 100 * cg_bottlenecks_criticality(r)[b->node],
               100 * cg_bottlenecks_ci_low(r)[b->node], 100 * cg_bottlenecks_ci_high(r)[b->node]);
      if (!isnan(b->betweenness))
        printf("  betweenness %.1f", b->betweenness);
      printf("\n");
      cli_print_wrapped("      ", b->why, "      ");
      print_rests_on(foot, i);
      cli_print_source(g, b->node, "      ");
    }
    g_object_unref(fp);
    if (cg_bottlenecks_n_items(r) == 0)
      printf("no node's loss costs any application\n");
    if (!chain)
      print_waists_and_regional_points(g, r, (gsize)top);
  }
  rc = 0;
out:
  cg_bottlenecks_free(r);
  cg_graph_free(g);
  g_free(chain);
  g_free(app);
  return rc;
}

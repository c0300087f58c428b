/* chaingraph complement — which regions fill each other's gaps, which coalition completes a
 * chain, and what one region should develop next (docs/complementarity.md). */
#include "cli.h"

/* ---- text that fits 80 columns (Chinese characters take two) ------------------------- */

static char *
node_list(const CgGraph *g, const CgNodeId *v, gsize n, gsize max)
{
  GString *s = g_string_new(NULL);
  for (gsize i = 0; i < n && i < max; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : "", cg_node_label(g, v[i]));
  if (n > max)
    g_string_append_printf(s, ", … (%zu in all)", n);
  if (!n)
    g_string_append(s, "none");
  return g_string_free(s, FALSE);
}

/* ---- the views ------------------------------------------------------------------------ */

static int
print_pairs(const CgGraph *g, const CgComplement *r)
{
  printf("Complementarity between regions at level %s: %zu regions, %zu ordered pairs\n",
         cg_complement_level(r), cg_complement_n_regions(r), cg_complement_n_ordered_pairs(r));
  if (cg_complement_n_regions(r) < 2) {
    printf("\nFewer than two regions at this level: nothing to compare. Try --level any,\n"
           "or --level city / district / zone / cluster.\n");
    return 0;
  }
  printf("score: share of the receiver's gap weight the supplier fills (gaps weighted by\n"
         "%s); sym: mean of both directions; overlap: Jaccard of\n"
         "capabilities (competition); tci: trade-complementarity index, 0–100\n\n",
         cg_complement_weighting(r) == CG_GAP_WEIGHT_UNIFORM ? "count" : "criticality");
  printf("   #  supplier → receiver        score    sym  overlap    tci  links\n");
  gsize n = cg_complement_n_pairs(r);
  for (gsize i = 0; i < n; i++) {
    const CgComplementPair *p = cg_complement_pair(r, i);
    char *ab = g_strdup_printf("%s → %s", cg_complement_region_name(g, r, p->from),
                               cg_complement_region_name(g, r, p->to));
    char *col = cg_text_fit(ab, 25, TRUE);
    char *s = cg_text_percent(p->score), *y = cg_text_percent(p->symmetric), *o = cg_text_percent(p->overlap);
    printf("%4zu  %s %6s %6s %8s %6.1f %6u\n", i + 1, col, s, y, o, p->tci, p->n_links);
    char *why = cg_complement_pair_why(g, r, i);
    cli_print_wrapped("      ", why, "      ");
    cg_free(why);
    g_free(s);
    g_free(y);
    g_free(o);
    g_free(col);
    g_free(ab);
  }
  if (n < cg_complement_n_ordered_pairs(r))
    printf("\n(%zu more pairs: --top 0 lists them all, --json gives every figure)\n",
           cg_complement_n_ordered_pairs(r) - n);
  return 0;
}

static int
print_region(const CgGraph *g, const char *region, const char *level, gsize top)
{
  GError *err = NULL;
  CgRegionGaps *gaps = cg_region_gaps(g, region, CG_GAP_WEIGHT_CRITICALITY, &err);
  CgPartners *pt = gaps ? cg_region_partners(g, region, level, top, &err) : NULL;
  CgNextSteps *next = pt ? cg_region_next(g, region, top, &err) : NULL;
  if (!next) {
    int rc = err->code == CG_ERROR_USAGE ? EXIT_USAGE : EXIT_BAD_INPUT;
    g_printerr("chaingraph: %s\n", err->message);
    g_error_free(err);
    cg_region_gaps_free(gaps);
    cg_partners_free(pt);
    return rc;
  }
  gsize n_next = cg_next_steps_n_items(next);
  gsize rb = cg_region_gaps_region(gaps);
  gsize n_caps;
  cg_region_gaps_capabilities(gaps, &n_caps);
  gssize parent = cg_region_parent(g, rb);
  char *c0 = cg_text_percent(cg_partners_completion(pt));
  printf("%s (%s%s%s): %zu capabilities, %zu gap%s; completion alone %s\n",
         cg_region_name(g, rb), cg_level_to_string(cg_region_level(g, rb)),
         parent >= 0 ? ", within " : "", parent >= 0 ? cg_region_name(g, (gsize)parent) : "",
         n_caps, cg_region_gaps_n_gaps(gaps), cg_region_gaps_n_gaps(gaps) == 1 ? "" : "s", c0);
  g_free(c0);

  printf("\nGaps: inputs of its capabilities it does not make, heaviest first\n");
  if (!cg_region_gaps_n_gaps(gaps))
    printf("  none: it makes every input of what it makes\n");
  gsize ng = top ? MIN(top, cg_region_gaps_n_gaps(gaps)) : cg_region_gaps_n_gaps(gaps);
  for (gsize i = 0; i < ng; i++) {
    const CgGap *gp = cg_region_gaps_gap(gaps, i);
    char *cons = node_list(g, gp->consumers, gp->n_consumers, 3);
    GString *prod = g_string_new(NULL);
    for (gsize k = 0; k < gp->n_producers && k < 4; k++)
      g_string_append_printf(prod, "%s%s", k ? ", " : "", cg_region_name(g, gp->producers[k]));
    if (gp->n_producers > 4)
      g_string_append_printf(prod, ", … (%zu in all)", gp->n_producers);
    const char *label = cg_node_label(g, gp->node), *id = cg_node_id(g, gp->node);
    char *line = g_strdup_printf("%s%s%s%s, weight %.3f: needed by %s; made by %s", label,
                                 strcmp(label, id) ? " (" : "", strcmp(label, id) ? id : "",
                                 strcmp(label, id) ? ")" : "", gp->weight, cons,
                                 gp->n_producers ? prod->str : "no other region");
    char *head = g_strdup_printf("%3zu. ", i + 1);
    cli_print_wrapped(head, line, "     ");
    g_free(head);
    g_free(line);
    g_string_free(prod, TRUE);
    g_free(cons);
  }
  if (ng < cg_region_gaps_n_gaps(gaps))
    printf("     … %zu more (--top 0 lists them all)\n", cg_region_gaps_n_gaps(gaps) - ng);

  printf("\nPartners (%s): each step adds the region that raises completion most\n",
         level ? level : "same level");
  if (!cg_partners_n_steps(pt))
    printf("  none: no region at this level adds anything the coalition can use\n");
  for (gsize i = 0; i < cg_partners_n_steps(pt); i++) {
    char *why = cg_partners_step_why(g, pt, i);
    char *head = g_strdup_printf("%3zu. ", i + 1);
    cli_print_wrapped(head, why, "     ");
    g_free(head);
    cg_free(why);
  }

  printf("\nNext steps: missing neighbours of its capabilities, by density\n");
  if (!n_next)
    printf("  none\n");
  for (gsize i = 0; i < n_next; i++) {
    const CgNextStep *step = cg_next_steps_item(next, i);
    char *why = cg_next_step_why(g, region, step, NULL);
    char *gain = cg_text_percent(step->gain);
    printf("%3zu. density %.2f, completion +%s\n", i + 1, step->density, gain);
    cli_print_wrapped("     ", why, "     ");
    g_free(gain);
    cg_free(why);
  }
  cg_next_steps_free(next);
  cg_partners_free(pt);
  cg_region_gaps_free(gaps);
  return 0;
}

static int
print_coalition(const CgGraph *g, char **regions)
{
  GError *err = NULL;
  CgCompletion *c = cg_completion_full(g, (const char *const *)regions, &err);
  if (!c) {
    g_printerr("chaingraph: %s\n", err->message);
    g_error_free(err);
    return EXIT_BAD_INPUT;
  }
  gsize n_apps = 0, n_apps_v, n_miss;
  const CgNodeId *apps_v = cg_completion_applications(c, &n_apps_v);
  const CgNodeId *miss_v = cg_completion_missing(c, &n_miss);
  for (gsize v = 0; v < cg_graph_n_nodes(g); v++)
    n_apps += cg_node_is_application(g, v);
  char *joined = g_strjoinv(" + ", regions), *cp = cg_text_percent(cg_completion_completion(c));
  printf("Coalition %s: completion %s (%zu of %zu applications producible)\n", joined, cp,
         n_apps_v, n_apps);
  char *apps = node_list(g, apps_v, n_apps_v, 12);
  char *miss = node_list(g, miss_v, n_miss, 12);
  char *l1 = g_strdup_printf("producible: %s", apps), *l2 = g_strdup_printf("missing: %s", miss);
  cli_print_wrapped("  ", l1, "  ");
  cli_print_wrapped("  ", l2, "  ");
  g_free(l1);
  g_free(l2);
  g_free(apps);
  g_free(miss);
  g_free(joined);
  g_free(cp);
  cg_completion_free(c);
  return 0;
}

int
cmd_complement(int argc, char **argv)
{
  /* The defaults are the library's, but for the table's length: the terminal table shows
   * the best 10 pairs where the library (and --json) keep every pair. */
  CgComplementOptions opt;
  cg_complement_options_init(&opt, CG_COMPLEMENT_OPTIONS_VERSION);
  char *level = NULL, *region = NULL, *coalition = NULL;
  gint top = G_MININT /* not given */, threads = (gint)opt.threads;
  gboolean uniform = FALSE;
  GOptionEntry entries[] = {
      {"level", 'l', 0, G_OPTION_ARG_STRING, &level,
       cli_help("Compare the regions of this level: %s (default), city, district, zone, cluster, "
                "country, or any; with --region, draw partners from it (default: the region's "
                "level)",
                opt.level),
       "LEVEL"},
      {"region", 'r', 0, G_OPTION_ARG_STRING, &region,
       "Show one region: its gaps, the partners that complete it, what to develop next", "NAME"},
      {"coalition", 'c', 0, G_OPTION_ARG_STRING, &coalition,
       "Show how much of the chains these regions complete together (comma-separated)",
       "A,B,…"},
      {"top", 'n', 0, G_OPTION_ARG_INT, &top,
       "List N pairs (default 10; with --json every pair) or, with --region, N of each list "
       "(default 10); 0: all",
       "N"},
      {"uniform", 0, 0, G_OPTION_ARG_NONE, &uniform,
       "Weigh every gap the same instead of by criticality (skips the criticality pass)", NULL},
      {"threads", 't', 0, G_OPTION_ARG_INT, &threads, "Worker threads (default: one per core)",
       "N"},
      {NULL}};
  g_autoptr(GOptionContext) ctx =
      g_option_context_new("[FILES…] — which regions fill each other's gaps");
  g_option_context_set_summary(
      ctx,
      "A region's gaps are the inputs of what it makes that it does not make itself.\n"
      "A supplier A complements a receiver B when A makes B's gaps: the score is the\n"
      "share of B's gap weight A fills (a gap weighs 0.01 plus the criticality of the\n"
      "gap, or of the product of B that needs it), shown with the linking edges and\n"
      "the claims behind them. Overlap (shared capabilities) is competition rather\n"
      "than complementarity. A parent region holds its children's capabilities.\n"
      "Completion is the share of application weight a coalition can make from its\n"
      "own capabilities (applications, and raw materials no region claims, count as\n"
      "available). The measures are defined in docs/complementarity.md.\n"
      "\n"
      "Examples:\n"
      "  chaingraph complement                          top province pairs, with why\n"
      "  chaingraph complement --level city --top 5     the five best city pairs\n"
      "  chaingraph complement --region 宁波            gaps, partners, next steps\n"
      "  chaingraph complement --coalition 江西,浙江    what the two complete together\n"
      "  chaingraph complement --json > pairs.json      every ordered pair, every figure");
  g_option_context_add_main_entries(ctx, cli_common_entries, NULL);
  g_option_context_add_main_entries(ctx, entries, NULL);
  int rc = cli_parse_options(ctx, &argc, &argv);
  CgGraph *g = NULL;
  CgComplement *r = NULL;
  GError *err = NULL;
  if (rc >= 0)
    goto out;
  if ((top < 0 && top != G_MININT) || threads < 0) {
    rc = cli_usage_error(ctx, "--top and --threads take a number ≥ 0");
    goto out;
  }
  if (region && coalition) {
    rc = cli_usage_error(ctx, "--region and --coalition cannot be combined");
    goto out;
  }
  g = cli_load(argc, argv);
  if (!g) {
    rc = EXIT_BAD_INPUT;
    goto out;
  }
  if (!cli_json)
    cli_print_footing(g);
  if (region) {
    gsize n = top == G_MININT ? 10 : (gsize)top;
    if (cli_json)
      rc = cli_print_json_text(cg_region_view_to_json_at(g, region, level, n, &err), err);
    else
      rc = print_region(g, region, level, n);
    goto out;
  }
  if (coalition) {
    char **names = g_strsplit(coalition, ",", -1);
    for (char **p = names; *p; p++)
      g_strstrip(*p);
    if (cli_json)
      rc = cli_print_json_text(cg_completion_to_json(g, (const char *const *)names, &err), err);
    else
      rc = print_coalition(g, names);
    g_strfreev(names);
    goto out;
  }
  if (level)
    opt.level = level;
  if (top != G_MININT)
    opt.top = (gsize)top;
  opt.threads = (guint)threads;
  if (uniform)
    opt.weighting = CG_GAP_WEIGHT_UNIFORM;
  if (!cli_json) /* the table shows the best few; the ranking needs every pair anyway */
    opt.top = top == G_MININT ? 10 : (gsize)top;
  cli_progress_begin("comparing regions");
  opt.progress = cli_progress_cb; /* the bar's fraction; Ctrl-C cancels */
  cli_cancellable_begin();
  r = cg_complement(g, &opt, &err);
  if ((rc = cli_cancellable_finish(r != NULL, &err)))
    goto out;
  if (cli_json)
    rc = cli_print_json_text(cg_complement_to_json(g, r, &err), err);
  else
    rc = print_pairs(g, r);
out:
  cg_complement_free(r);
  cg_graph_free(g);
  g_free(level);
  g_free(region);
  g_free(coalition);
  return rc;
}

/* CgGraphBuilder: a graph built from code is the graph the same data loads to (the same
 * export, the same analyses), and the builder checks what a load checks, naming places. */
#include "cg-test-util.h"

#include <math.h>

static const char *small_chain =
    "document d.txt key=k title=T region=浙江\n"
    "node ore 矿 stage=raw\n"
    "node mag 磁 en=Magnet stage=material import=0.5 subst=0.2 recycle=0.1\n"
    "node alt 替 stage=material\n"
    "node motor 电机 stage=application weight=2\n"
    "mag <- ore inferred=\"x\"\n"
    "motor <- mag | alt quote=\"电机需要磁体\"\n"
    "region 浙江 level=province alias=浙,ZJ quote=\"浙江省\"\n"
    "region 宁波 level=city parent=浙江\n"
    "region 杭州 level=city parent=浙江\n"
    "produces 宁波 mag quote=\"宁波产磁\"\n"
    "produces 杭州 alt,ore quote=\"杭州产\"\n"
    "chokepoint mag kind=foreign quote=\"依赖进口\"\n";

/* The same graph as small_chain, built from code. */
static CgGraph *
build_small(GError **error)
{
  g_autoptr(CgGraphBuilder) b = cg_graph_builder_new("test");
  gsize d = cg_graph_builder_add_document(b, "d.txt", "k", "T");
  g_assert_true(cg_graph_builder_set_document_region(b, d, "浙江", error));
  CgNodeId ore = cg_graph_builder_add_node(b, "ore"), mag = cg_graph_builder_add_node(b, "mag");
  CgNodeId alt = cg_graph_builder_add_node(b, "alt"), motor = cg_graph_builder_add_node(b, "motor");
  g_assert_true(cg_graph_builder_set_node_name(b, ore, "矿", error));
  g_assert_true(cg_graph_builder_set_node_stage(b, ore, CG_STAGE_RAW, error));
  g_assert_true(cg_graph_builder_set_node_name(b, mag, "磁", error));
  g_assert_true(cg_graph_builder_set_node_name_en(b, mag, "Magnet", error));
  g_assert_true(cg_graph_builder_set_node_stage(b, mag, CG_STAGE_MATERIAL, error));
  g_assert_true(cg_graph_builder_set_node_import_share(b, mag, 0.5, error));
  g_assert_true(cg_graph_builder_set_node_substitutability(b, mag, 0.2, error));
  g_assert_true(cg_graph_builder_set_node_recycling(b, mag, 0.1, error));
  g_assert_true(cg_graph_builder_set_node_name(b, alt, "替", error));
  g_assert_true(cg_graph_builder_set_node_stage(b, alt, CG_STAGE_MATERIAL, error));
  g_assert_true(cg_graph_builder_set_node_name(b, motor, "电机", error));
  g_assert_true(cg_graph_builder_set_node_stage(b, motor, CG_STAGE_APPLICATION, error));
  g_assert_true(cg_graph_builder_set_node_weight(b, motor, 2, error));
  CgProvenance inferred = {(int)d, NULL, NULL, "x", NULL};
  CgProvenance quoted = {(int)d, NULL, "电机需要磁体", NULL, NULL};
  cg_graph_builder_add_edge(b, ore, mag, NULL, &inferred);
  cg_graph_builder_add_edge(b, mag, motor, "magnet", &quoted);
  cg_graph_builder_add_edge(b, alt, motor, "magnet", &quoted);
  gsize zj = cg_graph_builder_add_region(b, "浙江");
  gsize nb = cg_graph_builder_add_region(b, "宁波"), hz = cg_graph_builder_add_region(b, "杭州");
  g_assert_true(cg_graph_builder_set_region_level(b, zj, CG_LEVEL_PROVINCE, error));
  g_assert_true(cg_graph_builder_add_region_alias(b, zj, "浙", error));
  g_assert_true(cg_graph_builder_add_region_alias(b, zj, "ZJ", error));
  g_assert_true(cg_graph_builder_add_region_alias(b, zj, "浙江", error)); /* its own name */
  CgProvenance zjq = {(int)d, NULL, "浙江省", NULL, NULL};
  cg_graph_builder_add_region_provenance(b, zj, &zjq);
  g_assert_true(cg_graph_builder_set_region_level(b, nb, CG_LEVEL_CITY, error));
  g_assert_true(cg_graph_builder_set_region_parent(b, nb, "浙江", error));
  g_assert_true(cg_graph_builder_set_region_level(b, hz, CG_LEVEL_CITY, error));
  g_assert_true(cg_graph_builder_set_region_parent(b, hz, "浙江", error));
  CgProvenance nbq = {(int)d, NULL, "宁波产磁", NULL, NULL};
  CgProvenance hzq = {(int)d, NULL, "杭州产", NULL, NULL};
  cg_graph_builder_add_capability(b, nb, mag, NAN, FALSE, &nbq);
  cg_graph_builder_add_capability(b, hz, alt, NAN, FALSE, &hzq);
  cg_graph_builder_add_capability(b, hz, ore, NAN, FALSE, &hzq);
  CgProvenance cp = {(int)d, NULL, "依赖进口", NULL, NULL};
  cg_graph_builder_add_node_chokepoint(b, mag, CG_CHOKEPOINT_KIND_FOREIGN, &cp);
  return cg_graph_builder_finish(b, error);
}

/* Two graphs are the same data: the same node-link export, the same analyses. */
static void
assert_same_graph(const CgGraph *a, const CgGraph *b)
{
  GError *error = NULL;
  g_autofree char *ja = cg_graph_to_string(a, "json", &error);
  g_assert_no_error(error);
  g_autofree char *jb = cg_graph_to_string(b, "json", &error);
  g_assert_no_error(error);
  g_assert_cmpstr(ja, ==, jb);

  CgBottleneckOptions bo;

  cg_bottleneck_options_init(&bo, CG_BOTTLENECK_OPTIONS_VERSION);
  bo.betweenness = CG_BETWEENNESS_NEVER;
  g_autoptr(CgBottlenecks) ba = cg_bottlenecks(a, &bo, &error);
  g_autoptr(CgBottlenecks) bb = cg_bottlenecks(b, &bo, &error);
  g_assert_no_error(error);
  g_autofree char *bja = cg_bottlenecks_to_json(a, ba, TRUE, &error);
  g_autofree char *bjb = cg_bottlenecks_to_json(b, bb, TRUE, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(bja, ==, bjb);

  CgRiskOptions ro;

  cg_risk_options_init(&ro, CG_RISK_OPTIONS_VERSION);
  ro.samples = 500;
  ro.precision = 0;
  g_autoptr(CgRisk) ra = cg_risk(a, &ro, &error);
  g_autoptr(CgRisk) rb = cg_risk(b, &ro, &error);
  g_assert_no_error(error);
  g_autofree char *rja = cg_risk_to_json(a, ra, 0, &error);
  g_autofree char *rjb = cg_risk_to_json(b, rb, 0, &error);
  g_assert_cmpstr(rja, ==, rjb);

  if (cg_graph_n_regions(a) >= 2) {
    CgComplementOptions co;
    cg_complement_options_init(&co, CG_COMPLEMENT_OPTIONS_VERSION);
    co.level = "any";
    g_autoptr(CgComplement) ca = cg_complement(a, &co, &error);
    g_autoptr(CgComplement) cb = cg_complement(b, &co, &error);
    g_assert_no_error(error);
    g_autofree char *cja = cg_complement_to_json(a, ca, &error);
    g_autofree char *cjb = cg_complement_to_json(b, cb, &error);
    g_assert_cmpstr(cja, ==, cjb);
  }
}

static void
test_same_as_loaded(void)
{
  GError *error = NULL;
  g_autoptr(CgGraph) built = build_small(&error);
  g_assert_no_error(error);
  g_autoptr(CgGraph) loaded = cg_test_load(small_chain);
  assert_same_graph(built, loaded);
  /* And through JSON, the format the builder's graph exports. */
  g_autofree char *json = cg_graph_to_string(built, "json", &error);
  g_autoptr(CgGraph) again = cg_graph_load_data(json, -1, "b.json", "json", &error);
  g_assert_no_error(error);
  assert_same_graph(built, again);
  g_assert_cmpuint(cg_node_n_groups(built, cg_test_node(built, "motor")), ==, 1);
  g_assert_cmpuint(cg_graph_find_node(built, "磁"), ==, cg_test_node(built, "mag"));
  g_assert_cmpint(cg_graph_find_region(built, "ZJ"), ==, cg_graph_find_region(built, "浙江"));
}

/* A chain built from code is the chain the chain format's block makes. */
static void
test_chain(void)
{
  const char *text = "document d.txt\n"
                     "node ore 矿 stage=raw\nnode mag 磁 stage=material\n"
                     "node motor 电机 stage=application\n"
                     "chain zj-magnet 磁性材料产业链 quote=\"磁材——电机\"\n"
                     "path ore——mag——motor\n"
                     "end\n";
  g_autoptr(CgGraph) loaded = cg_test_load(text);
  GError *error = NULL;
  g_autoptr(CgGraphBuilder) b = cg_graph_builder_new("chain");
  gsize d = cg_graph_builder_add_document(b, "d.txt", NULL, NULL);
  CgNodeId v[3];
  const char *ids[] = {"ore", "mag", "motor"}, *names[] = {"矿", "磁", "电机"};
  const CgStage stages[] = {CG_STAGE_RAW, CG_STAGE_MATERIAL, CG_STAGE_APPLICATION};
  for (guint i = 0; i < 3; i++) {
    v[i] = cg_graph_builder_add_node(b, ids[i]);
    g_assert_true(cg_graph_builder_set_node_name(b, v[i], names[i], &error));
    g_assert_true(cg_graph_builder_set_node_stage(b, v[i], stages[i], &error));
  }
  CgProvenance p = {(int)d, NULL, "磁材——电机", NULL, NULL};
  gsize c = cg_graph_builder_add_chain(b, "zj-magnet", "磁性材料产业链", NULL, "ore——mag——motor",
                                       &p, &error);
  g_assert_no_error(error);
  for (guint i = 0; i < 3; i++)
    cg_graph_builder_add_chain_stage(b, c, &v[i], 1);
  cg_graph_builder_add_chain_edge(b, c, v[0], v[1], NULL, &p);
  cg_graph_builder_add_chain_edge(b, c, v[1], v[2], NULL, &p);
  for (guint i = 0; i < 3; i++)
    cg_graph_builder_add_node_provenance(b, v[i], &p);
  g_assert_cmpuint(cg_graph_builder_add_chain(b, "zj-magnet", NULL, NULL, NULL, NULL, &error),
                   ==, G_MAXSIZE);
  g_assert_error(error, CG_ERROR, CG_ERROR_CONFLICT);
  g_clear_error(&error);
  g_autoptr(CgGraph) built = cg_graph_builder_finish(b, &error);
  g_assert_no_error(error);
  assert_same_graph(built, loaded);
  g_assert_cmpuint(cg_chain_n_stages(built, 0), ==, 3);
  g_assert_cmpuint(cg_chain_n_edges(built, 0), ==, 2);
  g_assert_cmpuint(cg_chain_stage_node(built, 0, 2, 0), ==, v[2]);
}

/* A random loaded graph rebuilt from its accessors (nodes, then every input group through
 * the adjacency functions) is the same graph. */
static void
test_random_rebuilt(void)
{
  GRand *rng = g_rand_new_with_seed(4242);
  for (guint round = 0; round < 20; round++) {
    guint n = (guint)g_rand_int_range(rng, 2, 30);
    g_autoptr(CgGraph) g = cg_test_random_graph(rng, n, g_rand_double_range(rng, 0.05, 0.3), 0.5,
                                                0.3);
    g_autoptr(CgGraphBuilder) b = cg_graph_builder_new("rebuilt");
    gsize d = cg_graph_builder_add_document(b, cg_document_file(g, 0), NULL, NULL);
    GError *error = NULL;
    for (gsize v = 0; v < cg_graph_n_nodes(g); v++) {
      g_assert_cmpuint(cg_graph_builder_add_node(b, cg_node_id(g, v)), ==, v);
      g_assert_true(cg_graph_builder_set_node_name(b, v, cg_node_name(g, v), &error));
      if (cg_node_stage(g, v) != CG_STAGE_UNKNOWN)
        g_assert_true(cg_graph_builder_set_node_stage(b, v, cg_node_stage(g, v), &error));
      g_assert_true(cg_graph_builder_set_node_weight(b, v, cg_node_weight(g, v), &error));
    }
    CgProvenance p = {(int)d, NULL, NULL, "random", NULL};
    for (gsize v = 0; v < cg_graph_n_nodes(g); v++)
      for (gsize k = 0; k < cg_node_n_groups(g, v); k++) {
        g_autofree char *label = g_strdup_printf("%zu:%zu", v, k);
        for (gsize i = 0; i < cg_node_group_size(g, v, k); i++)
          cg_graph_builder_add_edge(b, cg_edge_source(g, cg_node_group_edge(g, v, k, i)), v,
                                    label, &p);
      }
    g_autoptr(CgGraph) h = cg_graph_builder_finish(b, &error);
    g_assert_no_error(error);
    assert_same_graph(g, h);
  }
  g_rand_free(rng);
}

/* A conflict names the places of both statements; finishing checks what a load checks. */
static void
test_errors_name_places(void)
{
  GError *error = NULL;
  g_autoptr(CgGraphBuilder) b = cg_graph_builder_new("prog");
  CgNodeId a = cg_graph_builder_add_node(b, "a");                  /* prog:1 */
  g_assert_true(cg_graph_builder_set_node_name(b, a, "甲", &error)); /* prog:2 */
  g_assert_false(cg_graph_builder_set_node_name(b, a, "乙", &error)); /* prog:3 */
  g_assert_error(error, CG_ERROR, CG_ERROR_CONFLICT);
  g_assert_nonnull(strstr(error->message, "prog:3"));
  g_assert_nonnull(strstr(error->message, "prog:2"));
  g_clear_error(&error);
  g_assert_false(cg_graph_builder_set_node_weight(b, a, -1, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_INVALID);
  g_clear_error(&error);

  /* An edge from a node to itself. */
  cg_graph_builder_add_edge(b, a, a, NULL, NULL); /* prog:5 */
  g_autoptr(CgGraph) g = cg_graph_builder_finish(b, &error);
  g_assert_null(g);
  g_assert_error(error, CG_ERROR, CG_ERROR_INVALID);
  g_assert_nonnull(strstr(error->message, "prog:5"));
  g_clear_error(&error);

  /* An unknown parent region. */
  g_autoptr(CgGraphBuilder) b2 = cg_graph_builder_new("prog2");
  gsize r = cg_graph_builder_add_region(b2, "宁波");
  g_assert_true(cg_graph_builder_set_region_parent(b2, r, "浙江", &error));
  gsize r2 = cg_graph_builder_add_region(b2, "杭州");
  g_assert_true(cg_graph_builder_add_region_alias(b2, r, "甬", &error));
  g_assert_false(cg_graph_builder_add_region_alias(b2, r2, "甬", &error)); /* prog2:5 */
  g_assert_error(error, CG_ERROR, CG_ERROR_CONFLICT);
  g_assert_nonnull(strstr(error->message, "prog2:5"));
  g_clear_error(&error);
  g_autoptr(CgGraph) g2 = cg_graph_builder_finish(b2, &error);
  g_assert_null(g2);
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);

  /* The same edge in two groups of its target. */
  g_autoptr(CgGraphBuilder) b3 = cg_graph_builder_new("prog3");
  CgNodeId x = cg_graph_builder_add_node(b3, "x"), y = cg_graph_builder_add_node(b3, "y");
  CgNodeId z = cg_graph_builder_add_node(b3, "z");
  cg_graph_builder_add_edge(b3, x, z, "g1", NULL); /* prog3:4 */
  cg_graph_builder_add_edge(b3, y, z, "g1", NULL);
  cg_graph_builder_add_edge(b3, x, z, "g2", NULL); /* prog3:6 */
  g_autoptr(CgGraph) g3 = cg_graph_builder_finish(b3, &error);
  g_assert_null(g3);
  g_assert_nonnull(error);
  g_assert_nonnull(strstr(error->message, "prog3:4"));
  g_assert_nonnull(strstr(error->message, "prog3:6"));
  g_clear_error(&error);

  /* A document given twice must agree: at once with a GError, else when finishing. */
  g_autoptr(CgGraphBuilder) b4 = cg_graph_builder_new("prog4");
  gsize d = cg_graph_builder_add_document(b4, "d.txt", "k1", "T");            /* prog4:1 */
  g_assert_true(cg_graph_builder_set_document_region(b4, d, "浙江省", &error)); /* prog4:2 */
  g_assert_false(cg_graph_builder_set_document_key(b4, d, "k2", &error));      /* prog4:3 */
  g_assert_error(error, CG_ERROR, CG_ERROR_CONFLICT);
  g_assert_nonnull(strstr(error->message, "prog4:3"));
  g_assert_nonnull(strstr(error->message, "prog4:1"));
  g_clear_error(&error);
  g_assert_true(cg_graph_builder_set_document_key(b4, d, "k1", &error));
  g_assert_cmpuint(cg_graph_builder_add_document(b4, "d.txt", NULL, "U"), ==, d); /* prog4:5 */
  g_autoptr(CgGraph) g4 = cg_graph_builder_finish(b4, &error);
  g_assert_null(g4);
  g_assert_error(error, CG_ERROR, CG_ERROR_CONFLICT);
  g_assert_nonnull(strstr(error->message, "prog4:5"));
  g_assert_nonnull(strstr(error->message, "title 'U' conflicts with 'T'"));
  g_clear_error(&error);

  /* After finishing, the builder is empty: another call is a programmer error. */
  g_test_expect_message(NULL, G_LOG_LEVEL_CRITICAL, "*assertion*failed*");
  g_assert_cmpuint(cg_graph_builder_add_node(b3, "w"), ==, CG_NODE_NONE);
  g_test_assert_expected_messages();
}

/* Every entry point that takes text refuses text no reader accepts (a control character,
 * invalid UTF-8): a call with a GError at once, naming its place; a call without one makes
 * cg_graph_builder_finish() fail with the first such text's place. The same builder with
 * plain text finishes (the control case), so the refusal is the text's doing. */
enum { T_DOC_FILE, T_DOC_KEY, T_DOC_TITLE, T_DOC_RISK, T_NODE_ID, T_NODE_NAME, T_NODE_NAME_EN,
       T_NODE_ALIAS, T_NODE_DOMAIN, T_NODE_PROV, T_NODE_CHOKEPOINT, T_EDGE_GROUP, T_EDGE_PROV,
       T_CHAIN_ID, T_CHAIN_NAME, T_CHAIN_PATH, T_CHAIN_PROV, T_CHAIN_EDGE_GROUP, T_REGION_NAME,
       T_REGION_ID, T_REGION_NAME_EN, T_REGION_ALIAS, T_REGION_PARENT, T_CAPABILITY,
       T_DOC_SET_KEY, T_DOC_SET_TITLE, T_DOC_SET_REGION, T_REGION_PROV, T_N };

/* Makes the call of case @t with @bad as its text; returns whether the call itself took a
 * GError (and reported into @error). The call is the builder's statement 5. */
static gboolean
call_with_text(CgGraphBuilder *b, int t, const char *bad, CgNodeId v, gsize r, gsize c,
               GError **error)
{
  CgProvenance p = {0, NULL, "q", NULL, NULL};
  CgProvenance pb = {0, NULL, bad, NULL, NULL};
  switch (t) {
  case T_DOC_FILE: cg_graph_builder_add_document(b, bad, NULL, NULL); return FALSE;
  case T_DOC_KEY: cg_graph_builder_add_document(b, "e.txt", bad, NULL); return FALSE;
  case T_DOC_TITLE: cg_graph_builder_add_document(b, "e.txt", NULL, bad); return FALSE;
  case T_DOC_RISK: cg_graph_builder_add_document_risk(b, 0, CG_CHOKEPOINT_KIND_FOREIGN, &pb); return FALSE;
  case T_NODE_ID: cg_graph_builder_add_node(b, bad); return FALSE;
  case T_NODE_NAME: cg_graph_builder_set_node_name(b, v, bad, error); return TRUE;
  case T_NODE_NAME_EN: cg_graph_builder_set_node_name_en(b, v, bad, error); return TRUE;
  case T_NODE_ALIAS: cg_graph_builder_add_node_alias(b, v, bad, error); return TRUE;
  case T_NODE_DOMAIN: cg_graph_builder_add_node_domain(b, v, bad); return FALSE;
  case T_NODE_PROV: cg_graph_builder_add_node_provenance(b, v, &pb); return FALSE;
  case T_NODE_CHOKEPOINT: cg_graph_builder_add_node_chokepoint(b, v, CG_CHOKEPOINT_KIND_FOREIGN, &pb); return FALSE;
  case T_EDGE_GROUP: cg_graph_builder_add_edge(b, v, v + 1, bad, &p); return FALSE;
  case T_EDGE_PROV: cg_graph_builder_add_edge(b, v, v + 1, NULL, &pb); return FALSE;
  case T_CHAIN_ID: cg_graph_builder_add_chain(b, bad, "链", NULL, NULL, &p, error); return TRUE;
  case T_CHAIN_NAME: cg_graph_builder_add_chain(b, "c2", bad, NULL, NULL, &p, error); return TRUE;
  case T_CHAIN_PATH: cg_graph_builder_add_chain(b, "c2", "链", NULL, bad, &p, error); return TRUE;
  case T_CHAIN_PROV: cg_graph_builder_add_chain(b, "c2", "链", NULL, NULL, &pb, error); return TRUE;
  case T_CHAIN_EDGE_GROUP: cg_graph_builder_add_chain_edge(b, c, v, v + 1, bad, &p); return FALSE;
  case T_REGION_NAME: cg_graph_builder_add_region(b, bad); return FALSE;
  case T_REGION_ID: cg_graph_builder_set_region_id(b, r, bad, error); return TRUE;
  case T_REGION_NAME_EN: cg_graph_builder_set_region_name_en(b, r, bad, error); return TRUE;
  case T_REGION_ALIAS: cg_graph_builder_add_region_alias(b, r, bad, error); return TRUE;
  case T_REGION_PARENT: cg_graph_builder_set_region_parent(b, r, bad, error); return TRUE;
  case T_CAPABILITY: cg_graph_builder_add_capability(b, r, v, NAN, FALSE, &pb); return FALSE;
  case T_DOC_SET_KEY: cg_graph_builder_set_document_key(b, 0, bad, error); return TRUE;
  case T_DOC_SET_TITLE: cg_graph_builder_set_document_title(b, 0, bad, error); return TRUE;
  case T_DOC_SET_REGION: cg_graph_builder_set_document_region(b, 0, bad, error); return TRUE;
  case T_REGION_PROV: cg_graph_builder_add_region_provenance(b, r, &pb); return FALSE;
  default: g_assert_not_reached();
  }
}

static void
test_text_refused(void)
{
  const char *bad[] = {"x\ny", "x\001y", "x\177y", "x\377y"};
  const char *why[] = {"U+000A", "U+0001", "U+007F", "not valid UTF-8"};
  for (int t = 0; t < T_N; t++)
    for (guint k = 0; k <= G_N_ELEMENTS(bad); k++) {
      gboolean plain = k == G_N_ELEMENTS(bad); /* the control case: ordinary text */
      char text[16];
      g_snprintf(text, sizeof text, "ok%d", t);
      GError *error = NULL;
      g_autoptr(CgGraphBuilder) b = cg_graph_builder_new("prog");
      cg_graph_builder_add_document(b, "d.txt", NULL, NULL);              /* prog:1 */
      CgNodeId v = cg_graph_builder_add_node(b, "n");                     /* prog:2 */
      cg_graph_builder_add_node(b, "m");                                  /* prog:3 */
      gsize r = cg_graph_builder_add_region(b, "宁波");                   /* prog:4 */
      CgProvenance p = {0, NULL, "q", NULL, NULL};
      gsize c = cg_graph_builder_add_chain(b, "c", "链", NULL, NULL, &p, &error); /* prog:5 */
      g_assert_no_error(error);
      if (t == T_REGION_PARENT && plain)
        cg_graph_builder_add_region(b, text); /* the parent must exist */
      gboolean immediate = call_with_text(b, t, plain ? text : bad[k], v, r, c, &error);
      if (!plain && immediate) {
        g_assert_error(error, CG_ERROR, CG_ERROR_INVALID);
        g_assert_nonnull(strstr(error->message, "prog:6"));
        g_assert_nonnull(strstr(error->message, why[k]));
        g_clear_error(&error);
      }
      g_assert_no_error(error);
      g_autoptr(CgGraph) g = cg_graph_builder_finish(b, &error);
      if (plain || immediate) {
        g_assert_no_error(error);
        g_assert_nonnull(g);
      } else {
        g_assert_null(g);
        g_assert_error(error, CG_ERROR, CG_ERROR_INVALID);
        g_assert_nonnull(strstr(error->message, "prog:6"));
        g_assert_nonnull(strstr(error->message, why[k]));
        g_clear_error(&error);
      }
    }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/builder/same-as-loaded", test_same_as_loaded);
  g_test_add_func("/builder/chain", test_chain);
  g_test_add_func("/builder/random/rebuilt-from-accessors", test_random_rebuilt);
  g_test_add_func("/builder/errors-name-places", test_errors_name_places);
  g_test_add_func("/builder/text-refused", test_text_refused);
  return g_test_run();
}

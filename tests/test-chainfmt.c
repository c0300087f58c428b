/* The chain format: what it reads, and a clear error for each bad input. */
#include <chaingraph/chaingraph.h>
#include <glib/gstdio.h>
#include <string.h>

static CgGraph *
load_text(const char *text, GError **error)
{
  return cg_graph_load_data(text, -1, "t.chain", "chain", error);
}

/* Asserts that @text fails with @code and a message containing every fragment. */
static void
assert_fails(const char *text, int code, const char *const *fragments)
{
  GError *error = NULL;
  CgGraph *g = load_text(text, &error);
  g_assert_null(g);
  g_assert_error(error, CG_ERROR, code);
  for (const char *const *f = fragments; *f; f++)
    if (!strstr(error->message, *f))
      g_error("message '%s' lacks '%s'", error->message, *f);
  g_error_free(error);
}

static const char *basic =
    "# a comment\n"
    "document d.txt key=d title=\"T\"\n"
    "node ore 稀土原料 en=\"rare-earth ore\" stage=raw\n"
    "node ndfeb 钕铁硼 en=NdFeB stage=material alias=钕铁硼永磁,NdFeB磁体 domain=磁性\n"
    "node smco 钐钴 en=SmCo stage=material\n"
    "node motor 电机 en=motor stage=component\n"
    "node car 汽车 en=car stage=application weight=2\n"
    "section 专栏4\n"
    "chain magnet 磁性材料产业链 quote=\"稀土原料——钕铁硼\"\n"
    "  path 稀土原料——钕铁硼、钐钴——电机、汽车\n"
    "  电机 <- 钕铁硼 | 钐钴\n"
    "  汽车 <- 电机\n"
    "end\n"
    "region 浙江 level=province en=Zhejiang\n"
    "region 宁波 level=city parent=浙江\n"
    "produces 宁波 ndfeb,smco share=0.5 quote=\"钕铁硼\"\n"
    "produces 浙江 chain=magnet quote=\"钐钴\"\n"
    "chokepoint 钕铁硼永磁 kind=foreign quote=\"钕铁硼\"\n"
    "chokepoint 钐钴 kind=bottleneck quote=\"钐钴\"\n"
    "risk kind=foreign quote=\"依赖国外\"\n"
    "risk kind=foreign quote=\"依赖国外\"\n";

static void
test_basic(void)
{
  GError *error = NULL;
  g_autoptr(CgGraph) g = load_text(basic, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_graph_n_nodes(g), ==, 5);
  /* ore->ndfeb, ore->smco (default), ndfeb|smco->motor (OR), motor->car */
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 5);
  gssize motor = cg_graph_find_node(g, "电机");
  gssize ndfeb = cg_graph_find_node(g, "NdFeB磁体");
  g_assert_cmpint(ndfeb, ==, cg_graph_find_node(g, "ndfeb"));
  g_assert_cmpint(ndfeb, ==, cg_graph_find_node(g, "NdFeB"));
  g_assert_cmpint(cg_graph_find_node(g, "no such"), ==, -1);
  g_assert_cmpuint(cg_node_n_groups(g, motor), ==, 1);
  g_assert_cmpuint(cg_node_in_degree(g, motor), ==, 2);
  gssize e = cg_graph_find_edge(g, ndfeb, motor);
  g_assert_cmpint(e, >=, 0);
  g_assert_cmpuint(cg_edge_group_size(g, e), ==, 2);
  g_assert_cmpstr(cg_edge_provenance(g, e, 0)->quote, ==, "稀土原料——钕铁硼");
  g_assert_cmpstr(cg_edge_provenance(g, e, 0)->section, ==, "专栏4");
  gssize car = cg_graph_find_node(g, "car");
  g_assert_cmpfloat(cg_node_weight(g, car), ==, 2.0);
  g_assert_true(cg_node_is_application(g, car));
  g_assert_false(cg_node_is_application(g, motor));
  g_assert_cmpuint(cg_node_n_chokepoints(g, ndfeb), ==, 1);
  g_assert_cmpstr(cg_chokepoint_kind_to_string(cg_node_chokepoint_kind(g, ndfeb, 0)), ==, "foreign");
  g_assert_cmpint(cg_node_chokepoint_kind(g, cg_graph_find_node(g, "smco"), 0), ==,
                  CG_CHOKEPOINT_KIND_BOTTLENECK);
  /* A document-wide statement belongs to the document; the same one twice is kept once. */
  g_assert_cmpuint(cg_document_n_risks(g, 0), ==, 1);
  CgChokepointKind kind = CG_CHOKEPOINT_KIND_NONE;
  g_assert_cmpstr(cg_document_risk(g, 0, 0, &kind)->quote, ==, "依赖国外");
  g_assert_cmpint(kind, ==, CG_CHOKEPOINT_KIND_FOREIGN);
  g_assert_cmpuint(cg_node_n_domains(g, ndfeb), ==, 1);
  g_assert_cmpuint(cg_node_n_aliases(g, ndfeb), ==, 2);

  gssize zj = cg_graph_find_region(g, "浙江"), nb = cg_graph_find_region(g, "宁波");
  g_assert_cmpint(cg_region_parent(g, nb), ==, zj);
  g_assert_true(cg_region_is_within(g, nb, zj));
  g_assert_cmpuint(cg_region_level(g, nb), ==, CG_LEVEL_CITY);
  g_assert_cmpuint(cg_region_n_capabilities(g, nb), ==, 2);
  double share;
  cg_region_capability(g, nb, 0, &share, NULL);
  g_assert_cmpfloat_with_epsilon(share, 0.5, 1e-6);
  /* chain=magnet: every node but the application */
  g_assert_cmpuint(cg_region_n_capabilities(g, zj), ==, 4);

  gssize c = cg_graph_find_chain(g, "magnet");
  g_assert_cmpuint(cg_chain_n_stages(g, c), ==, 3);
  g_assert_cmpuint(cg_chain_stage_size(g, c, 1), ==, 2);
  g_assert_cmpuint(cg_chain_n_edges(g, c), ==, 5);
  g_assert_cmpstr(cg_document_key(g, 0), ==, "d");
}

static void
test_default_or(void)
{
  const char *t = "document d.txt\n"
                  "node a A stage=raw\nnode b B stage=raw\nnode c C stage=application\n"
                  "chain x X default=or quote=\"q\"\n path A、B——C\nend\n";
  GError *error = NULL;
  g_autoptr(CgGraph) g = load_text(t, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_node_n_groups(g, cg_graph_find_node(g, "c")), ==, 1);
  const char *t2 = "document d.txt\n"
                   "node a A stage=raw\nnode b B stage=raw\nnode c C stage=application\n"
                   "chain x X quote=\"q\"\n path A、B——C\nend\n";
  g_autoptr(CgGraph) g2 = load_text(t2, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_node_n_groups(g2, cg_graph_find_node(g2, "c")), ==, 2);
}

static void
test_cycles_legal(void)
{
  const char *t = "node a A\nnode b B\nnode c C\n"
                  "b <- a | c inferred=\"recycling\"\nc <- b inferred=\"loop\"\n";
  GError *error = NULL;
  g_autoptr(CgGraph) g = load_text(t, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 3);
}

static void
test_same_edge_twice(void)
{
  /* Two chains giving the same edge in the same (own) group merge; provenance adds up. */
  const char *t = "document d.txt\nnode a A\nnode b B\n"
                  "chain x X quote=\"one\"\n path A——B\nend\n"
                  "chain y Y quote=\"two\"\n path A——B\nend\n";
  GError *error = NULL;
  g_autoptr(CgGraph) g = load_text(t, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 1);
  g_assert_cmpuint(cg_edge_n_provenance(g, 0), ==, 2);
}

/* Two chains may each end in a node called 应用产品: declared inside each block, the name
 * is the chain's own; outside, only the ids tell them apart. */
static void
test_chain_local_nodes(void)
{
  const char *t = "document d.txt\n"
                  "node si 硅料 en=silicon stage=raw\n"
                  "chain pv 光伏 quote=\"q\"\n"
                  "  node pv-apps 应用产品 en=\"PV products\" stage=application\n"
                  "  path 硅料——应用产品\n"
                  "end\n"
                  "chain led LED quote=\"q\"\n"
                  "  node led-apps 应用产品 en=\"LED products\" stage=application\n"
                  "  path 硅料——应用产品\n"
                  "end\n"
                  "led-apps -> pv-apps inferred=\"ids resolve outside the blocks\"\n";
  GError *error = NULL;
  g_autoptr(CgGraph) g = load_text(t, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_graph_n_nodes(g), ==, 3);
  gssize pv = cg_graph_find_node(g, "pv-apps"), led = cg_graph_find_node(g, "led-apps");
  gssize si = cg_graph_find_node(g, "si");
  g_assert_cmpint(pv, >=, 0);
  g_assert_cmpint(led, >=, 0);
  g_assert_cmpint(cg_graph_find_edge(g, si, pv), >=, 0);
  g_assert_cmpint(cg_graph_find_edge(g, si, led), >=, 0);
  g_assert_cmpint(cg_graph_find_edge(g, led, pv), >=, 0);
  g_assert_cmpstr(cg_node_name(g, pv), ==, "应用产品");
  /* The shared name finds neither; the English names stay unique. */
  g_assert_cmpint(cg_graph_find_node(g, "应用产品"), ==, -1);
  g_assert_cmpint(cg_graph_find_node(g, "PV products"), ==, pv);

  g_assert_true(cg_node_is_chain_local(g, pv));
  g_assert_false(cg_node_is_chain_local(g, si));

  /* A global node with the name is the one a look-up finds, in every format. */
  const char *t2 = "document d.txt\n"
                   "node apps 应用产品 en=applications stage=application\n"
                   "node si 硅料 en=silicon stage=raw\n"
                   "si -> apps inferred=\"x\"\n"
                   "chain pv 光伏 quote=\"q\"\n"
                   "  node pv-apps 应用产品 en=\"PV products\" stage=application\n"
                   "  path 硅料——应用产品\n"
                   "end\n";
  g_autoptr(CgGraph) g2 = load_text(t2, &error);
  g_assert_no_error(error);
  g_assert_cmpint(cg_graph_find_node(g2, "应用产品"), ==, cg_graph_find_node(g2, "apps"));
  g_assert_cmpint(cg_graph_find_edge(g2, cg_graph_find_node(g2, "si"),
                                     cg_graph_find_node(g2, "pv-apps")), >=, 0);
  for (guint f = 0; f < 2; f++) {
    const char *fmt = f ? "graphml" : "json";
    g_autofree char *text = cg_graph_to_string(g2, fmt, &error);
    g_assert_no_error(error);
    g_autoptr(CgGraph) g3 = cg_graph_load_data(text, -1, "x", fmt, &error);
    g_assert_no_error(error);
    g_assert_cmpint(cg_graph_find_node(g3, "应用产品"), ==, cg_graph_find_node(g3, "apps"));
    g_assert_true(cg_node_is_chain_local(g3, cg_graph_find_node(g3, "pv-apps")));
  }

  /* A reference to the shared name outside the blocks names the candidates. */
  assert_fails("document d.txt\nnode si 硅料\n"
               "chain a A quote=\"q\"\n node a1 产品\n path 硅料——产品\nend\n"
               "chain b B quote=\"q\"\n node b1 产品\n path 硅料——产品\nend\n"
               "产品 -> si inferred=\"x\"\n",
               CG_ERROR_UNKNOWN,
               (const char *const[]){"t.chain:11:1", "names several nodes (a1, b1)", NULL});
}

/* The same OR group stated by several chains is one group, its provenance accumulated. */
static void
test_same_group_many_times(void)
{
  GString *t = g_string_new("document d.txt\nnode a 甲 stage=raw\nnode b 乙 stage=raw\n"
                            "node c 丙 stage=raw\nnode t 丁\n");
  for (int i = 0; i < 4; i++)
    g_string_append_printf(t, "chain c%d C%d quote=\"q\"\n  丁 <- 甲 | 乙 | 丙\nend\n", i, i);
  GError *error = NULL;
  g_autoptr(CgGraph) g = load_text(t->str, &error);
  g_string_free(t, TRUE);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 3);
  g_assert_cmpuint(cg_graph_n_groups(g), ==, 1);
  g_assert_cmpuint(cg_edge_n_provenance(g, 0), ==, 4);
}

static void
test_bad_inputs(void)
{
  const char *unterminated[] = {"t.chain:2:13", "unterminated", NULL};
  assert_fails("node a A\nnode b B en=\"oops\n", CG_ERROR_PARSE, unterminated);

  const char *unknown[] = {"t.chain:3:1", "unknown node 'zz'", NULL};
  assert_fails("node a A\nnode b B\nzz -> b inferred=\"x\"\n", CG_ERROR_UNKNOWN, unknown);

  const char *unknown_path[] = {"t.chain:3:", "unknown node '钐钴'", NULL};
  assert_fails("document d.txt\nnode a 钕铁硼\nchain x X quote=\"q\"\npath 钕铁硼——钐钴\nend\n",
               CG_ERROR_UNKNOWN, (const char *const[]){"t.chain:4:", "unknown node '钐钴'", NULL});
  (void)unknown_path;

  const char *conflict[] = {"t.chain:2:", "stage 'raw' conflicts with 'material'", "t.chain:1:",
                            NULL};
  assert_fails("node a A stage=material\nnode a stage=raw\n", CG_ERROR_CONFLICT, conflict);

  const char *dupname[] = {"t.chain:2:", "already names node 'a'", NULL};
  assert_fails("node a 光刻胶\nnode b 光刻胶\n", CG_ERROR_CONFLICT, dupname);

  const char *selfloop[] = {"t.chain:2", "self-loop", NULL};
  assert_fails("node a A\na -> a inferred=\"x\"\n", CG_ERROR_INVALID, selfloop);

  const char *empty[] = {"t.chain", "empty", NULL};
  assert_fails("", CG_ERROR_PARSE, empty);

  const char *badutf8[] = {"t.chain:2:8", "invalid UTF-8", NULL};
  assert_fails("node a A\nnode b \xff\xfe\n", CG_ERROR_PARSE, badutf8);

  const char *kw[] = {"t.chain:1:1", "unknown statement 'nod'", NULL};
  assert_fails("nod a A\n", CG_ERROR_PARSE, kw);

  const char *attr[] = {"t.chain:1:", "does not take the attribute 'colour'", NULL};
  assert_fails("node a A colour=red\n", CG_ERROR_PARSE, attr);

  const char *noend[] = {"t.chain:2:1", "no 'end'", NULL};
  assert_fails("document d.txt\nchain x X quote=\"q\"\n", CG_ERROR_PARSE, noend);

  const char *noquote[] = {"t.chain:2:", "needs quote=", NULL};
  assert_fails("node a A\nregion R\nproduces R a\n", CG_ERROR_PARSE,
               (const char *const[]){"t.chain:3:", "needs quote=", NULL});
  (void)noquote;

  const char *group[] = {"different input group", NULL};
  assert_fails("node a A\nnode b B\nnode c C\n"
               "c <- a | b inferred=\"x\"\na -> c inferred=\"y\"\n",
               CG_ERROR_CONFLICT, group);

  /* Numbers follow the documented decimal syntax only: no hex, inf or nan. */
  assert_fails("node a A stage=application weight=0x10\n", CG_ERROR_PARSE,
               (const char *const[]){"t.chain:1:", "weight='0x10' is not a number", NULL});
  assert_fails("node a A import=nan\n", CG_ERROR_PARSE,
               (const char *const[]){"t.chain:1:", "import='nan' is not a number", NULL});
  assert_fails("node a A stage=application weight=inf\n", CG_ERROR_PARSE,
               (const char *const[]){"t.chain:1:", "weight='inf' is not a number", NULL});

  const char *range[] = {"t.chain:1:", "out of range", NULL};
  assert_fails("node a A import=1.5\n", CG_ERROR_INVALID, range);

  const char *parent[] = {"t.chain:1:", "unknown parent region 'X'", NULL};
  assert_fails("region R parent=X\n", CG_ERROR_UNKNOWN, parent);

  const char *pcycle[] = {"cycle", NULL};
  assert_fails("region R parent=S\nregion S parent=R\n", CG_ERROR_INVALID, pcycle);

  const char *slug[] = {"t.chain:1:6", "not an ASCII slug", NULL};
  assert_fails("node 光 A\n", CG_ERROR_PARSE, slug);

  /* An empty value is no value: no export could tell it from a missing one. */
  assert_fails("node a A en=\n", CG_ERROR_PARSE,
               (const char *const[]){"t.chain:1:10", "attribute 'en=' has no value", NULL});
  assert_fails("document d.txt key=\"\"\n", CG_ERROR_PARSE,
               (const char *const[]){"t.chain:1:16", "attribute 'key=' has no value", NULL});

  /* A category (an umbrella word) is never the sole input of a group: the error names the
   * statement (issue 14); beside alternatives it is accepted. */
  const char *cat[] = {"t.chain:4:", "'mats' is a category", "sole input of a group of 'car'", NULL};
  assert_fails("document d.txt\nnode mats 新材料 stage=category\nnode car 汽车 stage=application\n"
               "car <- mats inferred=\"x\"\n", CG_ERROR_INVALID, cat);
  const char *catc[] = {"t.chain:5:", "'raw' is a category", NULL};
  assert_fails("document d.txt\nnode car 汽车 stage=application\nchain c quote=\"q\"\n"
               "  node raw 原料 stage=category\n  path 原料——汽车\nend\n", CG_ERROR_INVALID, catc);
  {
    GError *cerr = NULL;
    g_autoptr(CgGraph) ok = load_text("document d.txt\nnode mats 新材料 stage=category\n"
                                      "node ore 矿 stage=raw\nnode car 汽车 stage=application\n"
                                      "car <- mats | ore inferred=\"x\"\n", &cerr);
    g_assert_no_error(cerr);
    g_assert_cmpint(cg_node_stage(ok, (gsize)cg_graph_find_node(ok, "mats")), ==, CG_STAGE_CATEGORY);
  }
  const char *ckind[] = {"t.chain:3:", "unknown chokepoint kind 'embargoed'", "bottleneck", NULL};
  assert_fails("document d.txt\nnode a A\nchokepoint a kind=embargoed quote=\"q\"\n",
               CG_ERROR_PARSE, ckind);
  const char *rkind[] = {"t.chain:2:", "unknown risk kind 'bad'", NULL};
  assert_fails("document d.txt\nrisk kind=bad quote=\"q\"\n", CG_ERROR_PARSE, rkind);
  /* A risk statement names no material and always quotes its document. */
  const char *rnode[] = {"t.chain:3:1", "expected 'risk kind=", NULL};
  assert_fails("document d.txt\nnode a A\nrisk a kind=foreign quote=\"q\"\n", CG_ERROR_PARSE,
               rnode);
  assert_fails("document d.txt\nrisk kind=foreign inferred=\"x\"\n", CG_ERROR_PARSE,
               (const char *const[]){"t.chain:2:", "does not take the attribute 'inferred'", NULL});
  assert_fails("document d.txt\nrisk kind=foreign\n", CG_ERROR_PARSE,
               (const char *const[]){"t.chain:2:1", "expected 'risk kind=", NULL});
  assert_fails("risk kind=foreign quote=\"q\"\n", CG_ERROR_PARSE,
               (const char *const[]){"t.chain:1:", "needs a 'document' statement", NULL});
}

/* A binary file, or a large one full of garbage, fails fast with one message. */
static void
test_garbage_file(void)
{
  g_autofree char *dir = g_dir_make_tmp("cg-XXXXXX", NULL);
  g_autofree char *path = g_build_filename(dir, "garbage.chain", NULL);
  gsize len = 100u << 20;
  char *junk = g_malloc(len);
  guint32 x = 12345;
  for (gsize i = 0; i < len; i++) {
    x = x * 1103515245u + 12345u;
    junk[i] = (char)(x >> 24);
  }
  g_assert_true(g_file_set_contents(path, junk, (gssize)len, NULL));
  g_free(junk);
  const char *paths[] = {path, NULL};
  GError *error = NULL;
  g_assert_null(cg_graph_load(paths, NULL, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_PARSE);
  g_assert_nonnull(strstr(error->message, "garbage.chain:"));
  g_clear_error(&error);
  g_unlink(path);
  g_rmdir(dir);
}

static void
test_missing_and_dirs(void)
{
  GError *error = NULL;
  const char *missing[] = {"/nonexistent/x.chain", NULL};
  g_assert_null(cg_graph_load(missing, NULL, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_IO);
  g_assert_nonnull(strstr(error->message, "/nonexistent/x.chain"));
  g_clear_error(&error);

  g_autofree char *dir = g_dir_make_tmp("cg-XXXXXX", NULL);
  const char *paths[] = {dir, NULL};
  g_assert_null(cg_graph_load(paths, NULL, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_IO);
  g_assert_nonnull(strstr(error->message, "no .chain files"));
  g_clear_error(&error);
  g_rmdir(dir);
}

/* Files may refer to each other's nodes in any order. */
static void
test_cross_file(void)
{
  g_autofree char *dir = g_dir_make_tmp("cg-XXXXXX", NULL);
  g_autofree char *a = g_build_filename(dir, "a.chain", NULL);
  g_autofree char *b = g_build_filename(dir, "b.chain", NULL);
  g_assert_true(g_file_set_contents(a, "x -> y inferred=\"link\"\n", -1, NULL));
  g_assert_true(g_file_set_contents(b, "node x X\nnode y Y\nnode x stage=raw\n", -1, NULL));
  const char *paths[] = {dir, NULL};
  GError *error = NULL;
  g_autoptr(CgGraph) g = cg_graph_load(paths, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 1);
  g_unlink(a);
  g_unlink(b);
  g_rmdir(dir);
}

/* Each chokepoint kind the format accepts reads back as the enum value whose name it is, and
 * the names round-trip; anything else is refused by the parser and by the enum alike. */
static void
test_chokepoint_kinds(void)
{
  static const char *const kinds[] = {"chokepoint", "foreign", "monopoly", "substitution",
                                      "bottleneck", "Foreign", "none", ""};
  for (guint i = 0; i < G_N_ELEMENTS(kinds); i++) {
    g_autofree char *text = g_strdup_printf("document d.txt key=d\nnode a A\nnode b B\n"
                                            "chain c quote=\"a——b\"\n  path a——b\nend\n"
                                            "chokepoint a kind=%s quote=\"q\"\n",
                                            kinds[i]);
    GError *error = NULL;
    g_autoptr(CgGraph) g = load_text(text, &error);
    CgChokepointKind k = CG_CHOKEPOINT_KIND_NONE;
    gboolean known = cg_chokepoint_kind_from_string(kinds[i], &k);
    g_assert_cmpint(known, ==, g != NULL);
    if (!g) {
      g_assert_nonnull(error);
      g_clear_error(&error);
      continue;
    }
    g_assert_cmpint(k, !=, CG_CHOKEPOINT_KIND_NONE);
    g_assert_cmpint(cg_node_chokepoint_kind(g, cg_graph_find_node(g, "a"), 0), ==, k);
    g_assert_cmpstr(cg_chokepoint_kind_to_string(k), ==, kinds[i]);
  }
  g_assert_null(cg_chokepoint_kind_to_string(CG_CHOKEPOINT_KIND_NONE));
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/chainfmt/basic", test_basic);
  g_test_add_func("/chainfmt/chokepoint-kinds", test_chokepoint_kinds);
  g_test_add_func("/chainfmt/default-or", test_default_or);
  g_test_add_func("/chainfmt/cycles-are-legal", test_cycles_legal);
  g_test_add_func("/chainfmt/same-edge-twice-merges", test_same_edge_twice);
  g_test_add_func("/chainfmt/chain-local-nodes", test_chain_local_nodes);
  g_test_add_func("/chainfmt/same-group-many-times", test_same_group_many_times);
  g_test_add_func("/chainfmt/bad-inputs", test_bad_inputs);
  g_test_add_func("/chainfmt/garbage-100mb", test_garbage_file);
  g_test_add_func("/chainfmt/missing-and-empty-dir", test_missing_and_dirs);
  g_test_add_func("/chainfmt/cross-file-references", test_cross_file);
  return g_test_run();
}

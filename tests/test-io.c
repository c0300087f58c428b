/* JSON, GraphML, TSV and DOT: every format reads back what it writes, other tools' files
 * load, and each bad input gives an error that names the file and the line. */
#include <chaingraph/chaingraph.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

/* The develop flag of a capability and a chain's edges have no public accessor yet; the
 * comparison reads them from the model. */
#include "core/cg-core.h"

/* ---- fixtures ------------------------------------------------------------------------- */

/* Every part of the model, with strings that need escaping in each format. */
static const char *rich_json =
    "{\n"
    "  \"documents\": [\n"
    "    {\"file\": \"000_zj.txt\", \"key\": \"zhejiang\", \"title\": \"浙江省新材料产业发展规划\", \"region\": \"浙江\"},\n"
    "    {\"file\": \"003_nb.txt\", \"key\": \"ningbo\"}\n"
    "  ],\n"
    "  \"nodes\": [\n"
    "    {\"id\": \"ore\", \"name\": \"稀土原料\", \"name_en\": \"rare-earth ore\", \"stage\": \"raw\",\n"
    "     \"aliases\": [\"稀土\", \"RE ore\"], \"domains\": [\"稀土磁性材料\"],\n"
    "     \"provenance\": [{\"document\": \"000_zj.txt\", \"section\": \"专栏4\", \"quote\": \"稀土原料——钕铁硼\"}],\n"
    "     \"chokepoints\": [{\"kind\": \"foreign\", \"document\": \"003_nb.txt\", \"quote\": \"依赖进口\"}]},\n"
    "    {\"id\": \"ndfeb\", \"name\": \"钕铁硼\", \"name_en\": \"NdFeB magnet\", \"stage\": \"material\",\n"
    "     \"import\": 0.8, \"subst\": 0.3, \"recycle\": 0.1, \"aliases\": [\"钕铁硼永磁\"]},\n"
    "    {\"id\": \"smco\", \"name\": \"钐钴\", \"stage\": \"material\"},\n"
    "    {\"id\": \"ferrite\", \"name_en\": \"ferrite \\\"quoted\\\" \\\\ and | pipe\", \"stage\": \"material\",\n"
    "     \"aliases\": [\"a|b\", \"back\\\\slash\", \"semi;colon & <amp>\"], \"provenance\": [{\"inferred\": \"analyst: \\\"obvious\\\"\"}]},\n"
    "    {\"id\": \"motor\", \"name\": \"电机\", \"name_en\": \"motor\", \"stage\": \"component\"},\n"
    "    {\"id\": \"ev\", \"name\": \"新能源汽车\", \"name_en\": \"NEV\", \"stage\": \"application\", \"weight\": 2.5},\n"
    "    {\"id\": \"scrap\", \"stage\": \"recycling\"},\n"
    "    {\"id\": \"bare\"}\n"
    "  ],\n"
    "  \"edges\": [\n"
    "    {\"source\": \"ore\", \"target\": \"ndfeb\", \"provenance\": [{\"document\": \"000_zj.txt\", \"quote\": \"q1\", \"chain\": \"zj-magnet\"}]},\n"
    "    {\"source\": \"ore\", \"target\": \"smco\"},\n"
    "    {\"source\": \"ndfeb\", \"target\": \"motor\", \"group\": \"magnets\"},\n"
    "    {\"source\": \"smco\", \"target\": \"motor\", \"group\": \"magnets\"},\n"
    "    {\"source\": \"ferrite\", \"target\": \"motor\", \"group\": \"magnets\"},\n"
    "    {\"source\": \"scrap\", \"target\": \"motor\"},\n"
    "    {\"source\": \"motor\", \"target\": \"ev\", \"provenance\": [\n"
    "       {\"document\": \"000_zj.txt\", \"section\": \"专栏4\", \"quote\": \"电机——新能源汽车\", \"chain\": \"zj-magnet\"},\n"
    "       {\"document\": \"003_nb.txt\", \"inferred\": \"both plans say so\"}]},\n"
    "    {\"source\": \"ev\", \"target\": \"scrap\", \"group\": \"g\"},\n"
    "    {\"source\": \"bare\", \"target\": \"scrap\", \"group\": \"g\"}\n"
    "  ],\n"
    "  \"regions\": [\n"
    "    {\"id\": \"zj\", \"name\": \"浙江\", \"name_en\": \"Zhejiang\", \"level\": \"province\"},\n"
    "    {\"name\": \"宁波\", \"name_en\": \"Ningbo\", \"level\": \"city\", \"parent\": \"浙江\", \"aliases\": [\"甬\"],\n"
    "     \"provenance\": [{\"document\": \"003_nb.txt\", \"quote\": \"宁波\"}],\n"
    "     \"capabilities\": [\n"
    "       {\"node\": \"ndfeb\", \"share\": 0.3, \"document\": \"003_nb.txt\", \"quote\": \"钕铁硼\"},\n"
    "       {\"node\": \"smco\", \"develop\": true, \"inferred\": \"planned\"}]},\n"
    "    {\"name\": \"北仑集群\", \"level\": \"cluster\", \"parent\": \"宁波\", \"capabilities\": [{\"node\": \"motor\"}]}\n"
    "  ],\n"
    "  \"chains\": [\n"
    "    {\"id\": \"zj-magnet\", \"name\": \"磁性材料产业链\", \"path\": \"稀土原料——钕铁硼、钐钴——电机\",\n"
    "     \"document\": \"000_zj.txt\", \"section\": \"专栏4\", \"quote\": \"稀土原料——钕铁硼\",\n"
    "     \"stages\": [[\"ore\"], [\"ndfeb\", \"smco\"], [\"motor\"]],\n"
    "     \"nodes\": [\"ore\", \"ndfeb\", \"smco\", \"motor\", \"ev\"],\n"
    "     \"edges\": [[\"ore\", \"ndfeb\"], [\"ore\", \"smco\"], [\"motor\", \"ev\"]]}\n"
    "  ]\n"
    "}\n";

/* The same kind of content through the chain format, whose loader fills edge origins
 * from chain statements. */
static const char *rich_chain =
    "document d.txt key=d title=\"T\" region=浙江\n"
    "node ore 稀土原料 en=\"rare-earth ore\" stage=raw\n"
    "node ndfeb 钕铁硼 en=NdFeB stage=material alias=钕铁硼永磁,NdFeB磁体 domain=磁性 import=0.7\n"
    "node smco 钐钴 en=SmCo stage=material\n"
    "node motor 电机 en=motor stage=component\n"
    "node car 汽车 en=car stage=application weight=2\n"
    "section 专栏4\n"
    "chain magnet 磁性材料产业链 quote=\"稀土原料——钕铁硼\"\n"
    "  path 稀土原料——钕铁硼、钐钴——电机——汽车\n"
    "  电机 <- 钕铁硼 | 钐钴\n"
    "end\n"
    "ore -> smco inferred=\"also stated elsewhere\"\n"
    "region 浙江 level=province en=Zhejiang\n"
    "region 宁波 level=city parent=浙江\n"
    "produces 宁波 ndfeb,smco share=0.5 quote=\"钕铁硼\"\n"
    "produces 浙江 motor role=develop quote=\"电机\"\n"
    "chokepoint 钕铁硼永磁 kind=foreign quote=\"钕铁硼\"\n"
    "chokepoint smco kind=bottleneck quote=\"钐钴\"\n"
    "risk kind=foreign quote=\"部分核心产业链依赖国外\"\n"
    "risk kind=bottleneck section=三 quote=\"技术瓶颈\"\n";

static CgGraph *
load_ok(const char *text, const char *name, const char *format)
{
  GError *error = NULL;
  CgGraph *g = cg_graph_load_data(text, -1, name, format, &error);
  g_assert_no_error(error);
  g_assert_nonnull(g);
  return g;
}

static char *
to_string_ok(const CgGraph *g, const char *format)
{
  GError *error = NULL;
  char *s = cg_graph_to_string(g, format, &error);
  g_assert_no_error(error);
  g_assert_nonnull(s);
  return s;
}

/* ---- comparing two graphs ------------------------------------------------------------- */

static void
assert_str(const char *a, const char *b)
{
  g_assert_cmpstr(a ? a : "(null)", ==, b ? b : "(null)");
}

static void
assert_num(double a, double b)
{
  if (isnan(a) || isnan(b))
    g_assert_true(isnan(a) && isnan(b));
  else
    g_assert_cmpfloat(a, ==, b);
}

static const char *
doc_of(const CgGraph *g, int d)
{
  return d >= 0 ? cg_document_file(g, (gsize)d) : NULL;
}

static void
assert_prov(const CgGraph *a, const CgProvenance *pa, const CgGraph *b, const CgProvenance *pb)
{
  assert_str(doc_of(a, pa->document), doc_of(b, pb->document));
  assert_str(pa->section, pb->section);
  assert_str(pa->quote, pb->quote);
  assert_str(pa->inferred, pb->inferred);
}

/* A provenance record as one string, to compare unordered lists. */
static char *
prov_key(const CgGraph *g, const CgProvenance *p)
{
  return g_strdup_printf("%s|%s|%s|%s", doc_of(g, p->document) ? doc_of(g, p->document) : "",
                         p->section ? p->section : "", p->quote ? p->quote : "",
                         p->inferred ? p->inferred : "");
}

static int
cmp_strp(gconstpointer x, gconstpointer y)
{
  return strcmp(*(char *const *)x, *(char *const *)y);
}

/* The sorted provenance keys of edge @e. */
static GPtrArray *
edge_prov_keys(const CgGraph *g, gsize e, gboolean informative_only)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func(g_free);
  for (gsize i = 0; i < cg_edge_n_provenance(g, e); i++) {
    char *k = prov_key(g, cg_edge_provenance(g, e, i));
    if (informative_only && strcmp(k, "|||") == 0)
      g_free(k);
    else
      g_ptr_array_add(keys, k);
  }
  g_ptr_array_sort(keys, cmp_strp);
  return keys;
}

/* The sorted source ids of the group of edge @e. */
static char *
group_members(const CgGraph *g, gsize e)
{
  gsize t = cg_edge_target(g, e), grp = cg_edge_group(g, e);
  GPtrArray *ids = g_ptr_array_new();
  for (gsize f = 0; f < cg_graph_n_edges(g); f++)
    if (cg_edge_target(g, f) == t && cg_edge_group(g, f) == grp)
      g_ptr_array_add(ids, (gpointer)cg_node_id(g, cg_edge_source(g, f)));
  g_ptr_array_sort(ids, cmp_strp);
  g_ptr_array_add(ids, NULL);
  char *s = g_strjoinv(",", (char **)ids->pdata);
  g_ptr_array_free(ids, TRUE);
  return s;
}

static void
assert_same_nodes(const CgGraph *a, const CgGraph *b)
{
  g_assert_cmpuint(cg_graph_n_nodes(a), ==, cg_graph_n_nodes(b));
  for (gsize v = 0; v < cg_graph_n_nodes(a); v++) {
    const char *id = cg_node_id(a, v);
    /* Every format keeps the node order. */
    g_assert_cmpint(cg_graph_find_node(b, id), ==, (gssize)v);
    assert_str(cg_node_name(a, v), cg_node_name(b, v));
    assert_str(cg_node_name_en(a, v), cg_node_name_en(b, v));
    g_assert_cmpint(cg_node_stage(a, v), ==, cg_node_stage(b, v));
    assert_num(cg_node_weight(a, v), cg_node_weight(b, v));
    assert_num(cg_node_import_share(a, v), cg_node_import_share(b, v));
    assert_num(cg_node_substitutability(a, v), cg_node_substitutability(b, v));
    assert_num(cg_node_recycling(a, v), cg_node_recycling(b, v));
    g_assert_cmpuint(cg_node_n_aliases(a, v), ==, cg_node_n_aliases(b, v));
    for (gsize i = 0; i < cg_node_n_aliases(a, v); i++)
      assert_str(cg_node_alias(a, v, i), cg_node_alias(b, v, i));
    g_assert_cmpuint(cg_node_n_domains(a, v), ==, cg_node_n_domains(b, v));
    for (gsize i = 0; i < cg_node_n_domains(a, v); i++)
      assert_str(cg_node_domain(a, v, i), cg_node_domain(b, v, i));
    g_assert_cmpuint(cg_node_n_provenance(a, v), ==, cg_node_n_provenance(b, v));
    for (gsize i = 0; i < cg_node_n_provenance(a, v); i++)
      assert_prov(a, cg_node_provenance(a, v, i), b, cg_node_provenance(b, v, i));
    g_assert_cmpuint(cg_node_n_chokepoints(a, v), ==, cg_node_n_chokepoints(b, v));
    for (gsize i = 0; i < cg_node_n_chokepoints(a, v); i++) {
      g_assert_cmpint(cg_node_chokepoint_kind(a, v, i), ==, cg_node_chokepoint_kind(b, v, i));
      assert_prov(a, cg_node_chokepoint(a, v, i), b, cg_node_chokepoint(b, v, i));
    }
    g_assert_cmpuint(cg_node_n_groups(a, v), ==, cg_node_n_groups(b, v));
  }
}

static void
assert_same_edges(const CgGraph *a, const CgGraph *b)
{
  g_assert_cmpuint(cg_graph_n_edges(a), ==, cg_graph_n_edges(b));
  g_assert_cmpuint(cg_graph_n_groups(a), ==, cg_graph_n_groups(b));
  for (gsize e = 0; e < cg_graph_n_edges(a); e++) {
    gsize u = cg_edge_source(a, e), v = cg_edge_target(a, e);
    gssize f = cg_graph_find_edge(b, u, v);
    g_assert_cmpint(f, >=, 0);
    /* Group numbers may differ; the partition into groups may not. */
    char *ga = group_members(a, e), *gb = group_members(b, (gsize)f);
    g_assert_cmpstr(ga, ==, gb);
    g_free(ga);
    g_free(gb);
    /* Plain origins (a file with no document) are not written; compare the rest as sets. */
    GPtrArray *pa = edge_prov_keys(a, e, TRUE), *pb = edge_prov_keys(b, (gsize)f, TRUE);
    g_assert_cmpuint(pa->len, ==, pb->len);
    for (guint i = 0; i < pa->len; i++)
      g_assert_cmpstr(pa->pdata[i], ==, pb->pdata[i]);
    g_ptr_array_free(pa, TRUE);
    g_ptr_array_free(pb, TRUE);
  }
}

static void
assert_same_regions(const CgGraph *a, const CgGraph *b)
{
  g_assert_cmpuint(cg_graph_n_regions(a), ==, cg_graph_n_regions(b));
  for (gsize r = 0; r < cg_graph_n_regions(a); r++) {
    assert_str(cg_region_name(a, r), cg_region_name(b, r));
    assert_str(cg_region_id(a, r), cg_region_id(b, r));
    assert_str(cg_region_name_en(a, r), cg_region_name_en(b, r));
    g_assert_cmpint(cg_region_level(a, r), ==, cg_region_level(b, r));
    g_assert_cmpint(cg_region_parent(a, r), ==, cg_region_parent(b, r));
    g_assert_cmpuint(cg_region_n_provenance(a, r), ==, cg_region_n_provenance(b, r));
    for (gsize i = 0; i < cg_region_n_provenance(a, r); i++)
      assert_prov(a, cg_region_provenance(a, r, i), b, cg_region_provenance(b, r, i));
    const CgRegionRec *ra = a->regions->pdata[r], *rb = b->regions->pdata[r];
    g_assert_cmpuint(ra->aliases ? ra->aliases->len : 0, ==, rb->aliases ? rb->aliases->len : 0);
    for (guint i = 0; ra->aliases && i < ra->aliases->len; i++)
      g_assert_cmpstr(ra->aliases->pdata[i], ==, rb->aliases->pdata[i]);
    g_assert_cmpuint(cg_region_n_capabilities(a, r), ==, cg_region_n_capabilities(b, r));
    for (gsize i = 0; i < cg_region_n_capabilities(a, r); i++) {
      double sa, sb;
      const CgProvenance *pa, *pb;
      gsize na = cg_region_capability(a, r, i, &sa, &pa);
      gsize nb = cg_region_capability(b, r, i, &sb, &pb);
      g_assert_cmpstr(cg_node_id(a, na), ==, cg_node_id(b, nb));
      assert_num(sa, sb);
      assert_prov(a, pa, b, pb);
      g_assert_cmpint(g_array_index(ra->caps, CgCapability, i).develop, ==,
                      g_array_index(rb->caps, CgCapability, i).develop);
    }
  }
}

static void
assert_same_chains(const CgGraph *a, const CgGraph *b)
{
  g_assert_cmpuint(cg_graph_n_chains(a), ==, cg_graph_n_chains(b));
  for (gsize c = 0; c < cg_graph_n_chains(a); c++) {
    assert_str(cg_chain_id(a, c), cg_chain_id(b, c));
    assert_str(cg_chain_name(a, c), cg_chain_name(b, c));
    assert_str(cg_chain_path(a, c), cg_chain_path(b, c));
    assert_prov(a, cg_chain_provenance(a, c), b, cg_chain_provenance(b, c));
    g_assert_cmpuint(cg_chain_n_stages(a, c), ==, cg_chain_n_stages(b, c));
    for (gsize s = 0; s < cg_chain_n_stages(a, c); s++) {
      g_assert_cmpuint(cg_chain_stage_size(a, c, s), ==, cg_chain_stage_size(b, c, s));
      for (gsize i = 0; i < cg_chain_stage_size(a, c, s); i++)
        g_assert_cmpstr(cg_node_id(a, cg_chain_stage_node(a, c, s, i)), ==,
                        cg_node_id(b, cg_chain_stage_node(b, c, s, i)));
    }
    g_assert_cmpuint(cg_chain_n_nodes(a, c), ==, cg_chain_n_nodes(b, c));
    for (gsize i = 0; i < cg_chain_n_nodes(a, c); i++)
      g_assert_cmpstr(cg_node_id(a, cg_chain_node(a, c, i)), ==,
                      cg_node_id(b, cg_chain_node(b, c, i)));
    g_assert_cmpuint(cg_chain_n_edges(a, c), ==, cg_chain_n_edges(b, c));
    for (gsize i = 0; i < cg_chain_n_edges(a, c); i++) {
      gsize ea = cg_chain_edge(a, c, i), eb = cg_chain_edge(b, c, i);
      g_assert_cmpstr(cg_node_id(a, cg_edge_source(a, ea)), ==, cg_node_id(b, cg_edge_source(b, eb)));
      g_assert_cmpstr(cg_node_id(a, cg_edge_target(a, ea)), ==, cg_node_id(b, cg_edge_target(b, eb)));
    }
  }
}

static void
assert_same_graph(const CgGraph *a, const CgGraph *b)
{
  g_assert_cmpuint(cg_graph_n_documents(a), ==, cg_graph_n_documents(b));
  for (gsize d = 0; d < cg_graph_n_documents(a); d++) {
    assert_str(cg_document_file(a, d), cg_document_file(b, d));
    assert_str(cg_document_key(a, d), cg_document_key(b, d));
    assert_str(cg_document_title(a, d), cg_document_title(b, d));
    g_assert_cmpuint(cg_document_n_risks(a, d), ==, cg_document_n_risks(b, d));
    for (gsize i = 0; i < cg_document_n_risks(a, d); i++) {
      CgChokepointKind ka, kb;
      const CgProvenance *pa = cg_document_risk(a, d, i, &ka), *pb = cg_document_risk(b, d, i, &kb);
      g_assert_cmpint(ka, ==, kb);
      assert_prov(a, pa, b, pb);
    }
    assert_str(((const CgDocRec *)a->documents->pdata[d])->region,
               ((const CgDocRec *)b->documents->pdata[d])->region);
  }
  assert_same_nodes(a, b);
  assert_same_edges(a, b);
  assert_same_regions(a, b);
  assert_same_chains(a, b);
}

/* Asserts that loading @text as @format fails with @code and a message containing every
 * fragment. */
static void
assert_load_fails(const char *text, gssize len, const char *name, const char *format, int code,
                  const char *const *fragments)
{
  GError *error = NULL;
  CgGraph *g = cg_graph_load_data(text, len, name, format, &error);
  g_assert_null(g);
  g_assert_error(error, CG_ERROR, code);
  for (const char *const *f = fragments; *f; f++)
    if (!strstr(error->message, *f))
      g_error("message '%s' lacks '%s'", error->message, *f);
  if (g_test_verbose())
    g_test_message("%s", error->message);
  g_error_free(error);
}

/* ---- JSON ------------------------------------------------------------------------------ */

static void
roundtrip_text(const char *text, const char *name, const char *format, const char *via)
{
  g_autoptr(CgGraph) a = load_ok(text, name, format);
  char *out = to_string_ok(a, via);
  char *out_name = g_strconcat("out.", via, NULL);
  g_autoptr(CgGraph) b = load_ok(out, out_name, via);
  assert_same_graph(a, b);
  /* Writing what was read gives the same text again. */
  char *again = to_string_ok(b, via);
  g_assert_cmpstr(out, ==, again);
  g_free(again);
  g_free(out_name);
  g_free(out);
}

static void
test_json_roundtrip(void)
{
  roundtrip_text(rich_json, "rich.json", "json", "json");
}

static void
test_json_roundtrip_chain(void)
{
  roundtrip_text(rich_chain, "rich.chain", "chain", "json");
}

static void
test_json_content(void)
{
  g_autoptr(CgGraph) g = load_ok(rich_json, "rich.json", "json");
  g_assert_cmpuint(cg_graph_n_nodes(g), ==, 8);
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 9);
  gssize motor = cg_graph_find_node(g, "电机"), scrap = cg_graph_find_node(g, "scrap");
  /* {ndfeb, smco, ferrite} is one OR group, scrap its own group. */
  g_assert_cmpuint(cg_node_n_groups(g, motor), ==, 2);
  g_assert_cmpuint(cg_node_n_groups(g, scrap), ==, 1);
  gssize e = cg_graph_find_edge(g, cg_graph_find_node(g, "ferrite"), motor);
  g_assert_cmpuint(cg_edge_group_size(g, e), ==, 3);
  e = cg_graph_find_edge(g, cg_graph_find_node(g, "motor"), cg_graph_find_node(g, "ev"));
  g_assert_cmpuint(cg_edge_n_provenance(g, e), ==, 2);
  gssize ferrite = cg_graph_find_node(g, "ferrite");
  g_assert_cmpstr(cg_node_name_en(g, ferrite), ==, "ferrite \"quoted\" \\ and | pipe");
  g_assert_cmpstr(cg_node_alias(g, ferrite, 0), ==, "a|b");
  g_assert_cmpfloat(cg_node_weight(g, cg_graph_find_node(g, "ev")), ==, 2.5);
  gssize nb = cg_graph_find_region(g, "甬");
  g_assert_cmpint(nb, ==, cg_graph_find_region(g, "宁波"));
  g_assert_cmpint(cg_region_parent(g, nb), ==, cg_graph_find_region(g, "zj"));
  double share;
  g_assert_cmpuint(cg_region_capability(g, nb, 0, &share, NULL), ==, cg_graph_find_node(g, "ndfeb"));
  g_assert_cmpfloat_with_epsilon(share, 0.3, 1e-6);
  g_assert_cmpuint(cg_chain_n_edges(g, 0), ==, 3);

  /* The writer labels groups of two or more members only, and writes 0.3, not
   * 0.29999999999999999. */
  char *out = to_string_ok(g, "json");
  g_assert_nonnull(strstr(out, "\"source\": \"ore\", \"target\": \"smco\"}"));
  g_assert_nonnull(strstr(out, "\"source\": \"ferrite\", \"target\": \"motor\", \"group\": \""));
  g_assert_null(strstr(out, "\"source\": \"scrap\", \"target\": \"motor\", \"group\""));
  g_assert_nonnull(strstr(out, "\"share\": 0.3,"));
  g_assert_nonnull(strstr(out, "\"import\": 0.8,"));
  g_free(out);
}

static void
test_json_minimal(void)
{
  const char *text = "{\"nodes\": [{\"id\": \"a\", \"stage\": \"raw\"}, {\"id\": \"b\", \"stage\": \"material\"},\n"
                     "           {\"id\": \"c\"}, {\"id\": \"t\", \"stage\": \"application\"}],\n"
                     " \"edges\": [{\"source\": \"a\", \"target\": \"t\", \"group\": \"x\"},\n"
                     "           {\"source\": \"b\", \"target\": \"t\", \"group\": \"x\"},\n"
                     "           {\"source\": \"c\", \"target\": \"t\"}]}";
  g_autoptr(CgGraph) g = load_ok(text, "min.json", "json");
  g_assert_cmpuint(cg_graph_n_nodes(g), ==, 4);
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 3);
  gssize t = cg_graph_find_node(g, "t");
  g_assert_cmpuint(cg_node_n_groups(g, t), ==, 2);
  g_assert_cmpint(cg_node_stage(g, cg_graph_find_node(g, "b")), ==, CG_STAGE_MATERIAL);
  g_assert_cmpint(cg_node_stage(g, cg_graph_find_node(g, "c")), ==, CG_STAGE_UNKNOWN);

  /* An empty object is an empty graph; networkx's node_link_data() calls edges "links". */
  g_autoptr(CgGraph) empty = load_ok("{}", "empty.json", "json");
  g_assert_cmpuint(cg_graph_n_nodes(empty), ==, 0);
  g_autoptr(CgGraph) nx = load_ok(
      "{\"directed\": true, \"multigraph\": false, \"graph\": {},\n"
      " \"nodes\": [{\"stage\": \"raw\", \"id\": \"a\"}, {\"id\": \"b\"}],\n"
      " \"links\": [{\"source\": \"a\", \"target\": \"b\"}]}",
      "nx.json", "json");
  g_assert_cmpuint(cg_graph_n_edges(nx), ==, 1);

  /* networkx 3.4's default shape: integer ids, edges under "edges", other members skipped;
   * edges may come before the nodes they name (a file written with sorted keys). */
  g_autoptr(CgGraph) ints = load_ok(
      "{\"directed\": true, \"edges\": [{\"source\": 0, \"target\": 2, \"key\": 0},\n"
      " {\"source\": 1, \"target\": 2, \"group\": 5}, {\"source\": -3, \"target\": 2, \"group\": 5}],\n"
      " \"graph\": {\"name\": [1, {\"x\": null}]}, \"multigraph\": false,\n"
      " \"nodes\": [{\"id\": 0, \"stage\": \"raw\"}, {\"id\": 1}, {\"id\": 2, \"stage\": \"application\"},"
      " {\"id\": -3}]}",
      "ints.json", "json");
  g_assert_cmpuint(cg_graph_n_nodes(ints), ==, 4);
  g_assert_cmpuint(cg_graph_n_edges(ints), ==, 3);
  gssize two = cg_graph_find_node(ints, "2");
  g_assert_cmpint(two, >=, 0);
  g_assert_cmpuint(cg_node_n_groups(ints, two), ==, 2);
  g_assert_cmpint(cg_graph_find_node(ints, "-3"), >=, 0);
}

static void
test_json_errors(void)
{
  /* Nesting that would overflow json-glib's recursive parser is refused before it runs, in a
   * file and in the JSON of a GraphML <data>. */
  GString *deep = g_string_new("{\"nodes\": [");
  for (int i = 0; i < 100000; i++)
    g_string_append_c(deep, '[');
  assert_load_fails(deep->str, -1, "deep.json", "json", CG_ERROR_PARSE,
                    (const char *[]){"deep.json:1:522", "nested deeper than 512 levels", NULL});
  g_autoptr(CgGraph) ok = load_ok(rich_json, "rich.json", "json");
  g_autofree char *gml = cg_graph_to_string(ok, "graphml", NULL);
  char *at = strstr(gml, "[{");
  g_assert_nonnull(at);
  g_string_assign(deep, "");
  g_string_append_len(deep, gml, at - gml);
  for (int i = 0; i < 100000; i++)
    g_string_append_c(deep, '[');
  g_string_append(deep, at);
  assert_load_fails(deep->str, -1, "deep.graphml", "graphml", CG_ERROR_PARSE,
                    (const char *[]){"deep.graphml:", "nested deeper than 512 levels", NULL});
  g_string_free(deep, TRUE);

  /* A document's risk statement is that document's: it cannot cite another. */
  assert_load_fails("{\"documents\": [{\"file\": \"d.txt\", \"risks\": [{\"kind\": \"foreign\",\n"
                    " \"document\": \"e.txt\", \"quote\": \"q\"}]}]}", -1, "risk.json", "json",
                    CG_ERROR_INVALID,
                    (const char *[]){"risk.json:1", "documents[0].risks[0].document", "'e.txt'", NULL});

  /* json-glib reads the first value and ignores a second: refused, located. */
  assert_load_fails("{\"nodes\": []}\n{\"nodes\": [{\"id\": \"a\"}]}\n", -1, "two.json", "json",
                    CG_ERROR_PARSE, (const char *[]){"two.json:2:1", "text after the JSON value", NULL});

  /* Syntax: json-glib's line and column. */
  assert_load_fails("{\"nodes\": [\n  {\"id\": \"a\"},\n  {\"id\" \"b\"}]}", -1, "bad.json", "json",
                    CG_ERROR_PARSE, (const char *[]){"bad.json:3:", NULL});
  assert_load_fails("[1, 2]", -1, "arr.json", "json", CG_ERROR_PARSE,
                    (const char *[]){"arr.json:1", "JSON object", NULL});
  assert_load_fails("{\"nodes\": {\"id\": \"a\"}}", -1, "obj.json", "json", CG_ERROR_PARSE,
                    (const char *[]){"obj.json", "nodes: expected an array", NULL});
  assert_load_fails("{\"nodes\": [\n {\"id\": \"a\"},\n {\"id\": \"b\"},\n {\"name\": \"无名\"}]}", -1,
                    "noid.json", "json", CG_ERROR_PARSE,
                    (const char *[]){"noid.json:4:", "nodes[2].id", NULL});
  /* An id is a string or an integer (networkx numbers its nodes), not any other number. */
  assert_load_fails("{\"nodes\": [\n {\"id\": \"a\"},\n {\"id\": 7.5}]}", -1, "num.json", "json",
                    CG_ERROR_PARSE,
                    (const char *[]){"num.json:3:", "nodes[1].id", "expected a string or an integer", NULL});
  assert_load_fails("{\"nodes\": [\n {\"id\": true}]}", -1, "bool.json", "json", CG_ERROR_PARSE,
                    (const char *[]){"bool.json:2:", "nodes[0].id", "expected a string, found a boolean", NULL});
  assert_load_fails("{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}],\n"
                    " \"edges\": [{\"source\": \"a\", \"target\": \"b\"},\n"
                    "           {\"source\": \"a\", \"target\": \"zz\"}]}",
                    -1, "edge.json", "json", CG_ERROR_UNKNOWN,
                    (const char *[]){"edge.json:3:", "edges[1].target", "'zz'", NULL});
  assert_load_fails("{\"nodes\": [{\"id\": \"a\", \"stage\": \"mineral\"}]}", -1, "st.json", "json",
                    CG_ERROR_INVALID, (const char *[]){"st.json:1:", "nodes[0].stage", "mineral", NULL});
  assert_load_fails("{\"nodes\": [{\"id\": \"a\",\n \"weight\": \"heavy\"}]}", -1, "w.json", "json",
                    CG_ERROR_PARSE, (const char *[]){"w.json:", "nodes[0].weight", NULL});
  assert_load_fails("{\"nodes\": [{\"id\": \"a\", \"import\": 1.5}]}", -1, "imp.json", "json",
                    CG_ERROR_INVALID, (const char *[]){"imp.json:1", "import", NULL});
  assert_load_fails("{\"nodes\": [{\"id\": \"a\"}], \"regions\": [{\"name\": \"r\", \"capabilities\": "
                    "[{\"node\": \"nope\"}]}]}",
                    -1, "cap.json", "json", CG_ERROR_UNKNOWN,
                    (const char *[]){"cap.json:1", "regions[0].capabilities[0].node", NULL});
  /* An edge's statement may name a chain of the document, declared before or after it; a
   * document without chains (networkx writes back only nodes and edges) drops the name. */
  g_autoptr(CgGraph) nochains = load_ok("{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}], \"edges\": "
                                        "[{\"source\": \"a\", \"target\": \"b\", \"provenance\": "
                                        "[{\"chain\": \"none\", \"quote\": \"q\"}]}]}",
                                        "nochains.json", "json");
  g_assert_cmpuint(cg_graph_n_edges(nochains), ==, 1);
  assert_load_fails("{\"nodes\": [{\"id\": \"a\"}, {\"id\": \"b\"}], \"chains\": [], \"edges\": [{\"source\": \"a\", "
                    "\"target\": \"b\", \"provenance\": [{\"chain\": \"none\"}]}]}",
                    -1, "ch.json", "json", CG_ERROR_UNKNOWN,
                    (const char *[]){"ch.json:1", "unknown chain 'none'", NULL});
  assert_load_fails("{\"nodes\": [\n {\"id\": \"a\", \"name\": \"x\xff\"}]}", -1, "utf8.json", "json",
                    CG_ERROR_PARSE, (const char *[]){"utf8.json:2:24", "UTF-8", NULL});
  /* A self-loop is caught when the graph is finished, at the edge's line. */
  assert_load_fails("{\"nodes\": [{\"id\": \"a\"}],\n\"edges\": [\n{\"source\": \"a\", \"target\": \"a\"}]}",
                    -1, "loop.json", "json", CG_ERROR_INVALID,
                    (const char *[]){"loop.json:3", "self-loop", NULL});
}

/* ---- GraphML --------------------------------------------------------------------------- */

static void
test_graphml_roundtrip(void)
{
  roundtrip_text(rich_json, "rich.json", "json", "graphml");
  roundtrip_text(rich_chain, "rich.chain", "chain", "graphml");
}

/* What `nx.write_graphml(G, f)` writes for a DiGraph with a "stage" attribute. */
static const char *networkx_graphml =
    "<?xml version='1.0' encoding='utf-8'?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\"><key id=\"d0\" for=\"node\" "
    "attr.name=\"stage\" attr.type=\"string\"/>\n"
    "<graph edgedefault=\"directed\"><node id=\"ore\">\n"
    "  <data key=\"d0\">raw</data>\n"
    "</node>\n"
    "<node id=\"magnet\">\n"
    "  <data key=\"d0\">material</data>\n"
    "</node>\n"
    "<node id=\"motor\">\n"
    "  <data key=\"d0\">component</data>\n"
    "</node>\n"
    "<node id=\"ev\">\n"
    "  <data key=\"d0\">application</data>\n"
    "</node>\n"
    "<edge source=\"ore\" target=\"magnet\"/>\n"
    "<edge source=\"magnet\" target=\"motor\"/>\n"
    "<edge source=\"motor\" target=\"ev\"/>\n"
    "</graph></graphml>";

static void
test_graphml_networkx(void)
{
  g_autoptr(CgGraph) g = load_ok(networkx_graphml, "nx.graphml", "graphml");
  g_assert_cmpuint(cg_graph_n_nodes(g), ==, 4);
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 3);
  g_assert_cmpint(cg_node_stage(g, cg_graph_find_node(g, "ore")), ==, CG_STAGE_RAW);
  g_assert_cmpint(cg_node_stage(g, cg_graph_find_node(g, "ev")), ==, CG_STAGE_APPLICATION);
  g_assert_cmpint(cg_graph_find_edge(g, cg_graph_find_node(g, "motor"), cg_graph_find_node(g, "ev")),
                  >=, 0);
}

static void
test_graphml_keys(void)
{
  /* Keys are matched by attr.name; <default> applies; unknown attributes and yEd-style
   * markup inside <data> are ignored; an edge may come before its nodes. */
  const char *text =
      "<graphml>\n"
      " <key id=\"k1\" for=\"node\" attr.name=\"stage\" attr.type=\"string\"><default>material</default></key>\n"
      " <key id=\"k2\" for=\"node\" attr.name=\"weight\" attr.type=\"double\"/>\n"
      " <key id=\"k3\" for=\"node\" attr.name=\"colour\" attr.type=\"string\"/>\n"
      " <key id=\"k4\" for=\"edge\" attr.name=\"group\" attr.type=\"string\"/>\n"
      " <key id=\"k5\" for=\"node\" yfiles.type=\"nodegraphics\"/>\n"
      " <graph id=\"G\" edgedefault=\"directed\">\n"
      "  <edge source=\"a\" target=\"t\"><data key=\"k4\">or</data></edge>\n"
      "  <node id=\"a\"><data key=\"k1\">raw</data><data key=\"k3\">red</data></node>\n"
      "  <node id=\"b\"><data key=\"k5\"><y:ShapeNode><y:Fill color=\"#FFF\"/></y:ShapeNode></data></node>\n"
      "  <node id=\"t\"><data key=\"k1\">application</data><data key=\"k2\">3</data></node>\n"
      "  <edge source=\"b\" target=\"t\"><data key=\"k4\">or</data></edge>\n"
      " </graph>\n"
      "</graphml>\n";
  g_autoptr(CgGraph) g = load_ok(text, "keys.graphml", "graphml");
  g_assert_cmpint(cg_node_stage(g, cg_graph_find_node(g, "a")), ==, CG_STAGE_RAW);
  g_assert_cmpint(cg_node_stage(g, cg_graph_find_node(g, "b")), ==, CG_STAGE_MATERIAL);
  gssize t = cg_graph_find_node(g, "t");
  g_assert_cmpfloat(cg_node_weight(g, t), ==, 3);
  g_assert_cmpuint(cg_node_n_groups(g, t), ==, 1);
  g_assert_cmpuint(cg_node_in_degree(g, t), ==, 2);
}

/* No text of the model may hold a control character (GraphML could not write it, a tab or
 * a line break in an id would not survive a TSV table): every reader refuses one, located. */
/* An edge stated twice word for word keeps one statement in every format (found by
 * fuzz-json: JSON and GraphML kept both, the TSV tables one); different statements stay. */
static void
test_repeated_statement_once(void)
{
  const char *text =
      "{\"documents\": [{\"file\": \"d.txt\", \"key\": \"d\"}], \"nodes\": [{\"id\": \"a\"}, "
      "{\"id\": \"b\", \"stage\": \"application\"}], \"links\": [{\"source\": \"a\", \"target\": \"b\", "
      "\"provenance\": [{\"document\": \"d.txt\", \"quote\": \"q\"}, {\"document\": \"d.txt\", "
      "\"quote\": \"q\"}, {\"document\": \"d.txt\", \"quote\": \"r\"}, {\"document\": \"d.txt\", "
      "\"quote\": \"q\", \"section\": \"s\"}, {\"document\": \"d.txt\", \"quote\": \"r\"}]}]}";
  g_autoptr(CgGraph) g = load_ok(text, "rep.json", "json");
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 1);
  g_assert_cmpuint(cg_edge_n_provenance(g, 0), ==, 3);
  const char *want[][2] = {{"q", NULL}, {"r", NULL}, {"q", "s"}};
  for (gsize i = 0; i < 3; i++) {
    g_assert_cmpstr(cg_edge_provenance(g, 0, i)->quote, ==, want[i][0]);
    g_assert_cmpstr(cg_edge_provenance(g, 0, i)->section, ==, want[i][1]);
  }
}

/* An empty name is no name in every format (found by fuzz-chain: `node x ""` kept "" through
 * JSON, which GraphML and the TSV tables write as absent, so the graph read back differed). */
static void
test_empty_name_absent(void)
{
  const char *cases[][3] = {
      {"node x \"\"\n", "e.chain", "chain"},
      {"{\"nodes\": [{\"id\": \"x\", \"name\": \"\", \"name_en\": \"\"}], \"links\": []}",
       "e.json", "json"},
  };
  for (gsize i = 0; i < G_N_ELEMENTS(cases); i++) {
    g_autoptr(CgGraph) g = load_ok(cases[i][0], cases[i][1], cases[i][2]);
    g_assert_cmpuint(cg_graph_n_nodes(g), ==, 1);
    g_assert_null(cg_node_name(g, 0));
    g_assert_null(cg_node_name_en(g, 0));
    for (const char *const *f = (const char *const[]){"json", "graphml", NULL}; *f; f++) {
      g_autofree char *text = cg_graph_to_string(g, *f, NULL);
      g_autoptr(CgGraph) back = load_ok(text, *f[0] == 'j' ? "b.json" : "b.graphml", *f);
      g_autofree char *a = cg_graph_to_string(g, "json", NULL);
      g_autofree char *b = cg_graph_to_string(back, "json", NULL);
      g_assert_cmpstr(a, ==, b);
    }
  }
}

/* A capability share is kept as read: one of 1e-46 was stored as a float (0), which no
 * export could reload (audit D4). */
static void
test_share_kept(void)
{
  g_autoptr(CgGraph) g = load_ok("document d.txt key=d\nnode a A\nregion R level=province\n"
                                 "produces R a share=1e-46 quote=\"q\"\n",
                                 "s.chain", "chain");
  double share = 0;
  cg_region_claim(g, 0, 0, &share, NULL, NULL);
  g_assert_cmpfloat(share, ==, 1e-46);
  for (const char *const *f = (const char *const[]){"json", "graphml", NULL}; *f; f++) {
    g_autofree char *text = cg_graph_to_string(g, *f, NULL);
    g_autoptr(CgGraph) back = load_ok(text, *f[0] == 'j' ? "s.json" : "s.graphml", *f);
    share = 0;
    cg_region_claim(back, 0, 0, &share, NULL, NULL);
    g_assert_cmpfloat(share, ==, 1e-46);
  }
}

/* Self-loops are located in every format (audit P5): chain, GraphML and TSV
 * file:line:column, JSON file:line and the JSON path. */
static void
test_self_loop_located(void)
{
  assert_load_fails("document d.txt key=d\nnode a A\n  a <- a inferred=\"x\"\n", -1, "s.chain", "chain",
                    CG_ERROR_INVALID, (const char *[]){"s.chain:3:3:", "self-loop", NULL});
  assert_load_fails("document d.txt key=d\nnode a A\nnode b B\na -> b inferred=\"x\"\n  b -> b inferred=\"x\"\n",
                    -1, "s.chain", "chain", CG_ERROR_INVALID,
                    (const char *[]){"s.chain:5:3:", "self-loop", NULL});
  assert_load_fails("{\"nodes\": [{\"id\": \"a\"}],\n \"links\": [{\"source\": \"a\", \"target\": \"a\"}]}",
                    -1, "s.json", "json", CG_ERROR_INVALID,
                    (const char *[]){"s.json:2:", "links[0]", "self-loop", NULL});
  assert_load_fails("<graphml><graph edgedefault=\"directed\">\n<node id=\"a\"/>\n  <edge source=\"a\" "
                    "target=\"a\"/>\n</graph></graphml>\n",
                    -1, "s.graphml", "graphml", CG_ERROR_INVALID,
                    (const char *[]){"s.graphml:3:3:", "self-loop", NULL});
}

/* A member given twice in one JSON object is a located error with its JSON path (audit P7:
 * the last value won silently), at any depth and for the document's sections. */
static void
test_json_member_twice(void)
{
  assert_load_fails("{\"nodes\": [{\"id\": \"a\", \"id\": \"b\"}], \"links\": []}", -1, "d.json", "json",
                    CG_ERROR_PARSE, (const char *[]){"d.json:1:", "nodes[0].id", "given twice", NULL});
  assert_load_fails("{\"nodes\": [{\"id\": \"a\", \"provenance\": [{\"document\": \"x\", \"quote\": \"q\", "
                    "\"quote\": \"r\"}]}], \"links\": []}",
                    -1, "d.json", "json", CG_ERROR_PARSE,
                    (const char *[]){"nodes[0].provenance[0].quote", "given twice", NULL});
  assert_load_fails("{\"nodes\": [{\"id\": \"a\"}],\n \"nodes\": [{\"id\": \"b\"}], \"links\": []}", -1,
                    "d.json", "json", CG_ERROR_PARSE,
                    (const char *[]){"d.json:2:", "member 'nodes' given twice", NULL});
  /* a model error (range, conflict) names the member's JSON path too (audit P5) */
  assert_load_fails("{\"nodes\": [{\"id\": \"a\", \"import\": 2}], \"links\": []}", -1, "d.json", "json",
                    CG_ERROR_INVALID, (const char *[]){"d.json:1: nodes[0].import: ", "out of range", NULL});
  assert_load_fails("{\"nodes\": [{\"id\": \"a\", \"name\": \"X\"},\n {\"id\": \"a\", \"name\": \"Y\"}], "
                    "\"links\": []}",
                    -1, "d.json", "json", CG_ERROR_CONFLICT,
                    (const char *[]){"d.json:2: nodes[1].name: ", "given at d.json:1", NULL});
  /* many members (the hash path): one repeated among 40 */
  GString *s = g_string_new("{\"nodes\": [{\"id\": \"a\"");
  for (int i = 0; i < 40; i++)
    g_string_append_printf(s, ", \"x%d\": 1", i);
  g_string_append(s, ", \"x7\": 2}], \"links\": []}");
  assert_load_fails(s->str, -1, "d.json", "json", CG_ERROR_PARSE,
                    (const char *[]){"nodes[0].x7", "given twice", NULL});
  g_string_free(s, TRUE);
}

static void
test_control_characters_refused(void)
{
  assert_load_fails("{\"nodes\": [{\"id\": \"x\\u0000a\"}, {\"id\": \"x\\u0000b\"}]}", -1,
                    "nul.json", "json", CG_ERROR_PARSE,
                    (const char *[]){"nul.json:1:", "control character", NULL});
  assert_load_fails("{\"nodes\": [{\"id\": \"a\", \"name\": \"x\\r\\ny\"}]}", -1, "crlf.json",
                    "json", CG_ERROR_PARSE, (const char *[]){"crlf.json:1:", "control character", NULL});
  assert_load_fails("<graphml><key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>"
                    "<graph>\n<node id=\"a\">\n<data key=\"name\">x&#1;y</data></node>\n"
                    "</graph></graphml>", -1, "ctl.graphml", "graphml", CG_ERROR_PARSE,
                    (const char *[]){"ctl.graphml:3:", "control character", NULL});
  assert_load_fails("<graphml><graph>\n<node id=\"a&#9;b\"/>\n</graph></graphml>", -1, "id.graphml",
                    "graphml", CG_ERROR_PARSE, (const char *[]){"id.graphml:2:", "control character", NULL});
  assert_load_fails("node a A en=\"x\\ty\"\n", -1, "esc.chain", "chain", CG_ERROR_PARSE,
                    (const char *[]){"esc.chain:1:", "unknown escape", NULL});
  /* A raw tab inside quotes (found by fuzz-chain: the JSON export then failed to load). */
  assert_load_fails("node a A quote=\"x\ty\"\n", -1, "tab.chain", "chain", CG_ERROR_PARSE,
                    (const char *[]){"tab.chain:1:18", "a tab in a quoted string", NULL});
  assert_load_fails("node a A\x0e\n", -1, "raw.chain", "chain", CG_ERROR_PARSE,
                    (const char *[]){"raw.chain:1:9", "control character U+000E", NULL});
  /* What stays allowed: quotes, backslashes, pipes, markup characters. */
  g_autoptr(CgGraph) g = load_ok("{\"nodes\": [{\"id\": \"a\", \"name\": \"x \\\"y\\\" \\\\ | & <w>\"}]}",
                                 "ok.json", "json");
  g_assert_cmpstr(cg_node_name(g, 0), ==, "x \"y\" \\ | & <w>");
}

static void
test_graphml_errors(void)
{
  g_autoptr(CgGraph) g = load_ok(rich_json, "rich.json", "json");
  char *text = to_string_ok(g, "graphml");
  /* Cut inside the node list: the message gives the place where the text ends. */
  gsize cut = (gsize)(strstr(text, "<node id=\"motor\"") - text) + 10;
  guint lines = 1;
  for (gsize i = 0; i < cut; i++)
    lines += text[i] == '\n';
  char *where = g_strdup_printf("cut.graphml:%u:", lines);
  assert_load_fails(text, (gssize)cut, "cut.graphml", "graphml", CG_ERROR_PARSE,
                    (const char *[]){where, NULL});
  g_free(where);
  /* Cut between elements: the document ends with elements still open. */
  cut = (gsize)(strstr(text, "<edge ") - text);
  assert_load_fails(text, (gssize)cut, "cut2.graphml", "graphml", CG_ERROR_PARSE,
                    (const char *[]){"cut2.graphml:", NULL});
  g_free(text);

  assert_load_fails("<graphml><graph>\n<node id=\"a\"/>\n  <edge source=\"a\" target=\"b\"/>\n</graph></graphml>",
                    -1, "unk.graphml", "graphml", CG_ERROR_UNKNOWN,
                    (const char *[]){"unk.graphml:3:3", "'b'", NULL});
  assert_load_fails("<graphml><graph>\n<node id=\"a\"><data key=\"nokey\">x</data></node></graph></graphml>",
                    -1, "key.graphml", "graphml", CG_ERROR_UNKNOWN,
                    (const char *[]){"key.graphml:2:14", "nokey", NULL});
  assert_load_fails("<graphml><key id=\"w\" for=\"node\" attr.name=\"weight\"/><graph>\n"
                    "<node id=\"a\">\n  <data key=\"w\">heavy</data></node></graph></graphml>",
                    -1, "num.graphml", "graphml", CG_ERROR_PARSE,
                    (const char *[]){"num.graphml:3:3", "heavy", NULL});
  assert_load_fails("<graphml><key id=\"s\" for=\"node\" attr.name=\"stage\"/><graph>\n"
                    "<node id=\"a\"><data key=\"s\">mineral</data></node></graph></graphml>",
                    -1, "st.graphml", "graphml", CG_ERROR_INVALID,
                    (const char *[]){"st.graphml:2:", "mineral", NULL});
  assert_load_fails("<graphml><graph><node id=\"a\"/><node id=\"a\"/></graph></graphml>", -1,
                    "dup.graphml", "graphml", CG_ERROR_PARSE,
                    (const char *[]){"dup.graphml:1:", "twice", NULL});
  assert_load_fails("<gexf/>", -1, "root.graphml", "graphml", CG_ERROR_PARSE,
                    (const char *[]){"root.graphml:1:1", "graphml", NULL});
  assert_load_fails("<graphml></graphml>", -1, "nograph.graphml", "graphml", CG_ERROR_PARSE,
                    (const char *[]){"nograph.graphml", "no <graph>", NULL});
}

/* ---- TSV ------------------------------------------------------------------------------- */

static char *
write_file(const char *dir, const char *name, const char *text)
{
  char *path = g_build_filename(dir, name, NULL);
  GError *error = NULL;
  g_file_set_contents(path, text, -1, &error);
  g_assert_no_error(error);
  return path;
}

static CgGraph *
load_path(const char *path, GError **error)
{
  const char *paths[] = {path, NULL};
  return cg_graph_load(paths, NULL, error);
}

static char *
read_all(const char *path)
{
  char *text = NULL;
  GError *error = NULL;
  g_file_get_contents(path, &text, NULL, &error);
  g_assert_no_error(error);
  return text;
}

static void
rm_rf(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  const char *name;
  while (d && (name = g_dir_read_name(d))) {
    char *p = g_build_filename(dir, name, NULL);
    g_remove(p);
    g_free(p);
  }
  if (d)
    g_dir_close(d);
  g_rmdir(dir);
}

static void
tsv_roundtrip(const char *text, const char *name, const char *format)
{
  char *dir = g_dir_make_tmp("cg-test-io-XXXXXX", NULL);
  g_assert_nonnull(dir);
  g_autoptr(CgGraph) a = load_ok(text, name, format);
  char *prefix = g_build_filename(dir, "g.tsv", NULL);
  GError *error = NULL;
  g_assert_true(cg_graph_save(a, prefix, "tsv", &error));
  g_assert_no_error(error);
  CgGraph *b = load_path(prefix, &error);
  g_assert_no_error(error);
  assert_same_graph(a, b);

  /* Saving what was read gives the same files. */
  char *prefix2 = g_build_filename(dir, "h.tsv", NULL);
  g_assert_true(cg_graph_save(b, prefix2, NULL, &error));
  g_assert_no_error(error);
  static const char *const tables[] = {"nodes", "edges", "regions", "capabilities", "documents",
                                       "provenance", "chains", "chain-nodes", "chain-edges"};
  for (guint i = 0; i < G_N_ELEMENTS(tables); i++) {
    char *f1 = g_strdup_printf("%s/g.%s.tsv", dir, tables[i]);
    char *f2 = g_strdup_printf("%s/h.%s.tsv", dir, tables[i]);
    g_assert_cmpint(g_file_test(f1, G_FILE_TEST_EXISTS), ==, g_file_test(f2, G_FILE_TEST_EXISTS));
    if (g_file_test(f1, G_FILE_TEST_EXISTS)) {
      char *t1 = read_all(f1), *t2 = read_all(f2);
      g_assert_cmpstr(t1, ==, t2);
      g_free(t1);
      g_free(t2);
    }
    g_free(f1);
    g_free(f2);
  }
  /* Any table's name (or the prefix's) reads the same set. */
  char *via_edges = g_build_filename(dir, "g.edges.tsv", NULL);
  CgGraph *c = load_path(via_edges, &error);
  g_assert_no_error(error);
  assert_same_graph(a, c);
  cg_graph_free(c);
  g_free(via_edges);
  cg_graph_free(b);
  g_free(prefix2);
  g_free(prefix);
  rm_rf(dir);
  g_free(dir);
}

static void
test_tsv_roundtrip(void)
{
  tsv_roundtrip(rich_json, "rich.json", "json");
  tsv_roundtrip(rich_chain, "rich.chain", "chain");
}

static void
test_tsv_minimal(void)
{
  char *dir = g_dir_make_tmp("cg-test-io-XXXXXX", NULL);
  /* Only the id column is required; columns are found by name; extra ones are ignored;
   * CRLF line ends and blank lines are fine; a row may stop before its trailing empty
   * fields (as spreadsheets write them). */
  char *nodes = write_file(dir, "m.nodes.tsv",
                           "stage\tid\tcomment\r\nraw\ta\tfirst\r\n\r\nmaterial\tb\r\n\tc\tx\r\n"
                           "application\tt\t\r\n");
  char *edges = write_file(dir, "m.edges.tsv", "target\tsource\tgroup\nt\ta\tx\nt\tb\tx\nt\tc\n");
  GError *error = NULL;
  CgGraph *g = load_path(nodes, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_graph_n_nodes(g), ==, 4);
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 3);
  gssize t = cg_graph_find_node(g, "t");
  g_assert_cmpuint(cg_node_n_groups(g, t), ==, 2);
  g_assert_cmpint(cg_node_stage(g, cg_graph_find_node(g, "b")), ==, CG_STAGE_MATERIAL);
  g_assert_cmpint(cg_node_stage(g, t), ==, CG_STAGE_APPLICATION);
  cg_graph_free(g);
  /* The edges table is optional unless named. */
  g_remove(edges);
  g = load_path(nodes, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_graph_n_edges(g), ==, 0);
  cg_graph_free(g);
  g_assert_null(load_path(edges, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_IO);
  g_assert_nonnull(strstr(error->message, "m.edges.tsv"));
  g_clear_error(&error);
  g_free(nodes);
  g_free(edges);
  rm_rf(dir);
  g_free(dir);
}

/* Two nodes may share a name (ids are the references in TSV); the name then finds neither. */
static void
test_tsv_shared_name(void)
{
  char *dir = g_dir_make_tmp("cg-test-io-XXXXXX", NULL);
  g_free(write_file(dir, "s.nodes.tsv", "id\tname\tstage\na\t甲\traw\nb\t应用产品\tapplication\n"
                                        "c\t应用产品\tapplication\n"));
  g_free(write_file(dir, "s.edges.tsv", "source\ttarget\na\tb\na\tc\n"));
  char *prefix = g_build_filename(dir, "s.tsv", NULL);
  GError *error = NULL;
  CgGraph *g = load_path(prefix, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_graph_n_nodes(g), ==, 3);
  g_assert_cmpint(cg_graph_find_node(g, "应用产品"), ==, -1);
  g_assert_cmpint(cg_graph_find_node(g, "c"), ==, 2);
  g_assert_cmpint(cg_graph_find_node(g, "甲"), ==, 0);
  cg_graph_free(g);
  g_free(prefix);
  rm_rf(dir);
  g_free(dir);
}

/* The TSV reader has its own id index (short ids compared inline, longer ones against a
 * copy), sorts edges only when they are out of target order, and keeps a claim's place as
 * file and line: on random graphs whose ids straddle the 8-byte boundary, with edges in
 * random order and repeated, it must build what the JSON reader builds from the same
 * statements. */
static char *
random_id(GRand *r, GHashTable *seen)
{
  /* around 8 bytes; the last two share their first 8 bytes and their hash */
  static const char *const tricky[] = {"abcdefgh", "abcdefghi",    "abcdefghj",   "abcdefg",
                                       "abcdefgh1", "abcdefgi",    "a",           "b",
                                       "abcdefghahpf", "abcdefgha0rj"};
  for (;;) {
    char *id;
    if (g_rand_int_range(r, 0, 4) == 0) {
      id = g_strdup(tricky[g_rand_int_range(r, 0, G_N_ELEMENTS(tricky))]);
    } else {
      int len = g_rand_int_range(r, 1, 13);
      id = g_malloc(len + 1);
      for (int i = 0; i < len; i++)
        id[i] = "ab8"[g_rand_int_range(r, 0, 3)];
      id[len] = 0;
    }
    if (!g_hash_table_contains(seen, id)) {
      g_hash_table_add(seen, id);
      return id;
    }
    g_free(id);
  }
}

static void
test_tsv_random(void)
{
  for (guint32 seed = 1; seed <= 25; seed++) {
    GRand *r = g_rand_new_with_seed(seed);
    GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    int n = g_rand_int_range(r, 2, 60);
    GPtrArray *ids = g_ptr_array_new();
    for (int i = 0; i < n; i++)
      g_ptr_array_add(ids, random_id(r, seen));
    GString *tn = g_string_new("id\tstage\n"), *te = g_string_new("source\ttarget\tgroup\n");
    GString *tc = g_string_new("region\tnode\n");
    GString *js = g_string_new("{\"nodes\": [");
    for (int i = 0; i < n; i++) {
      g_string_append_printf(tn, "%s\t\n", (char *)ids->pdata[i]);
      g_string_append_printf(js, "%s{\"id\": \"%s\"}", i ? ", " : "", (char *)ids->pdata[i]);
    }
    g_string_append(js, "], \"edges\": [");
    int m = g_rand_int_range(r, 0, 4 * n);
    GArray *said = g_array_new(FALSE, FALSE, sizeof(guint32) * 3);
    for (int k = 0; k < m; k++) {
      guint32 e[3];
      if (said->len && g_rand_int_range(r, 0, 5) == 0) { /* the same statement again */
        memcpy(e, said->data + (gsize)g_rand_int_range(r, 0, said->len) * sizeof e, sizeof e);
      } else {
        e[0] = g_rand_int_range(r, 0, n);
        e[1] = g_rand_int_range(r, 0, n);
        e[2] = g_rand_int_range(r, 0, 3); /* 0: a group of its own; 1, 2: labels x, y */
        gboolean again = e[0] == e[1];
        for (guint i = 0; i < said->len && !again; i++) /* one group per edge */
          again = memcmp(said->data + i * sizeof e, e, 2 * sizeof(guint32)) == 0;
        if (again)
          continue;
      }
      g_array_append_vals(said, e, 1);
      const char *label = e[2] == 0 ? "" : e[2] == 1 ? "x" : "y";
      g_string_append_printf(te, "%s\t%s\t%s\n", (char *)ids->pdata[e[0]],
                             (char *)ids->pdata[e[1]], label);
      g_string_append_printf(js, "%s{\"source\": \"%s\", \"target\": \"%s\"%s%s%s}",
                             said->len > 1 ? ", " : "", (char *)ids->pdata[e[0]],
                             (char *)ids->pdata[e[1]], *label ? ", \"group\": \"" : "", label,
                             *label ? "\"" : "");
    }
    g_string_append(js, "], \"regions\": [{\"name\": \"R\", \"capabilities\": [");
    int nc = g_rand_int_range(r, 0, 2 * n);
    for (int k = 0; k < nc; k++) {
      const char *id = ids->pdata[g_rand_int_range(r, 0, n)];
      g_string_append_printf(tc, "R\t%s\n", id);
      g_string_append_printf(js, "%s{\"node\": \"%s\"}", k ? ", " : "", id);
    }
    g_string_append(js, "]}]}");

    char *dir = g_dir_make_tmp("cg-test-io-XXXXXX", NULL);
    g_free(write_file(dir, "r.nodes.tsv", tn->str));
    g_free(write_file(dir, "r.edges.tsv", te->str));
    g_free(write_file(dir, "r.regions.tsv", "name\nR\n"));
    char *caps = write_file(dir, "r.capabilities.tsv", tc->str);
    char *prefix = g_build_filename(dir, "r.tsv", NULL);
    GError *error = NULL;
    CgGraph *t = load_path(prefix, &error);
    g_assert_no_error(error);
    CgGraph *j = cg_graph_load_data(js->str, -1, "r.json", "json", &error);
    g_assert_no_error(error);

    g_assert_cmpuint(cg_graph_n_nodes(t), ==, cg_graph_n_nodes(j));
    g_assert_cmpuint(cg_graph_n_edges(t), ==, cg_graph_n_edges(j));
    g_assert_cmpuint(cg_graph_n_groups(t), ==, cg_graph_n_groups(j));
    for (gsize e = 0; e < cg_graph_n_edges(j); e++) {
      gssize u = cg_graph_find_node(t, cg_node_id(j, cg_edge_source(j, e)));
      gssize v = cg_graph_find_node(t, cg_node_id(j, cg_edge_target(j, e)));
      g_assert_cmpint(u, >=, 0);
      g_assert_cmpint(v, >=, 0);
      gssize f = cg_graph_find_edge(t, u, v);
      g_assert_cmpint(f, >=, 0);
      g_assert_cmpuint(cg_edge_group_size(t, f), ==, cg_edge_group_size(j, e));
      /* the same partners in the group */
      for (gsize e2 = 0; e2 < cg_graph_n_edges(j); e2++) {
        if (cg_edge_target(j, e2) != cg_edge_target(j, e) || cg_edge_group(j, e2) != cg_edge_group(j, e))
          continue;
        gssize u2 = cg_graph_find_node(t, cg_node_id(j, cg_edge_source(j, e2)));
        gssize f2 = cg_graph_find_edge(t, u2, v);
        g_assert_cmpint(f2, >=, 0);
        g_assert_cmpuint(cg_edge_group(t, f2), ==, cg_edge_group(t, f));
      }
    }
    gssize rt = cg_graph_find_region(t, "R"), rj = cg_graph_find_region(j, "R");
    g_assert_cmpuint(cg_region_n_claims(t, rt), ==, nc);
    g_assert_cmpuint(cg_region_n_claims(j, rj), ==, nc);
    g_assert_cmpuint(cg_region_n_capabilities(t, rt), ==, cg_region_n_capabilities(j, rj));
    for (gsize i = 0; i < cg_region_n_capabilities(j, rj); i++)
      g_assert_cmpstr(cg_node_id(t, cg_region_capability(t, rt, i, NULL, NULL)), ==,
                      cg_node_id(j, cg_region_capability(j, rj, i, NULL, NULL)));
    for (gsize i = 0; i < (gsize)nc; i++) {
      const CgProvenance *p;
      cg_region_claim(t, rt, i, NULL, NULL, &p);
      char *want = g_strdup_printf("%s:%zu:1", caps, i + 2);
      g_assert_cmpstr(p->where, ==, want);
      g_free(want);
    }
    cg_graph_free(t);
    cg_graph_free(j);
    g_free(caps);
    g_free(prefix);
    rm_rf(dir);
    g_free(dir);
    g_array_free(said, TRUE);
    g_string_free(tn, TRUE);
    g_string_free(te, TRUE);
    g_string_free(tc, TRUE);
    g_string_free(js, TRUE);
    g_ptr_array_free(ids, TRUE);
    g_hash_table_destroy(seen);
    g_rand_free(r);
  }
}

/* Writes the tables @tables (pairs of a table's name and its text, e.g. "nodes", "id\na\n";
 * NULL-ended) as bad.NAME.tsv into a fresh directory, loads them and checks the error. */
static void
assert_tables_fail(const char *const *tables, int code, const char *const *fragments)
{
  char *dir = g_dir_make_tmp("cg-test-io-XXXXXX", NULL);
  for (const char *const *t = tables; *t; t += 2) {
    char *name = g_strdup_printf("bad.%s.tsv", t[0]);
    g_free(write_file(dir, name, t[1]));
    g_free(name);
  }
  char *prefix = g_build_filename(dir, "bad.tsv", NULL);
  GError *error = NULL;
  CgGraph *g = load_path(prefix, &error);
  g_assert_null(g);
  g_assert_error(error, CG_ERROR, code);
  for (const char *const *f = fragments; *f; f++)
    if (!strstr(error->message, *f))
      g_error("message '%s' lacks '%s'", error->message, *f);
  if (g_test_verbose())
    g_test_message("%s", error->message);
  g_error_free(error);
  g_free(prefix);
  rm_rf(dir);
  g_free(dir);
}

/* PREFIX.nodes.tsv and PREFIX.edges.tsv (either NULL: not written). */
static void
assert_tsv_fails(const char *nodes, const char *edges, int code, const char *const *fragments)
{
  const char *tables[5] = {NULL};
  guint n = 0;
  if (nodes) {
    tables[n++] = "nodes";
    tables[n++] = nodes;
  }
  if (edges) {
    tables[n++] = "edges";
    tables[n++] = edges;
  }
  assert_tables_fail(tables, code, fragments);
}

static void
test_tsv_errors(void)
{
  const char *nodes = "id\tname\tstage\tweight\na\t甲\traw\t\nb\t乙\tapplication\t2\n";
  assert_tsv_fails("id\tname\tstage\tweight\na\t甲\traw\t\nb\t乙\tapplication\t2x\n", NULL,
                   CG_ERROR_PARSE, (const char *[]){"bad.nodes.tsv:3:17", "weight", "'2x'", NULL});
  assert_tsv_fails("id\tname\tid\na\tA\tb\n", NULL, CG_ERROR_PARSE,
                   (const char *[]){"bad.nodes.tsv:1:", "column 'id' appears twice", NULL});
  assert_tsv_fails("id\tname\na\tx\\ty\n", NULL, CG_ERROR_PARSE,
                   (const char *[]){"bad.nodes.tsv:2:4", "control character, written as an escape", NULL});
  assert_tsv_fails("id\tname\na\tx\x01y\n", NULL, CG_ERROR_PARSE,
                   (const char *[]){"bad.nodes.tsv:2:4", "control character", NULL});
  /* after a backslash too (fuzz-tsv: the character after any backslash went unchecked) */
  assert_tsv_fails("id\tname\na\tx\\\x0fy\n", NULL, CG_ERROR_PARSE,
                   (const char *[]){"bad.nodes.tsv:2:5", "control character", NULL});
  assert_tsv_fails("id\tname\na\tx\\\\\\\x0fy\n", NULL, CG_ERROR_PARSE,
                   (const char *[]){"bad.nodes.tsv:2:7", "control character", NULL});
  assert_tsv_fails("id\tname\ra\tA\rb\tB\r", NULL, CG_ERROR_PARSE,
                   (const char *[]){"bad.nodes.tsv:1:8", "not CR alone", NULL});
  assert_tsv_fails("id\tstage\tweight\na\tapplication\t0x10\n", NULL, CG_ERROR_PARSE,
                   (const char *[]){"bad.nodes.tsv:2:", "'0x10' is not a number", NULL});
  assert_tsv_fails("id\tweight\na\t-1\n", NULL, CG_ERROR_INVALID,
                   (const char *[]){"bad.nodes.tsv:2:3", "out of range", NULL});
  assert_tsv_fails(nodes, "source\ttarget\na\tb\nb\tzz\n", CG_ERROR_UNKNOWN,
                   (const char *[]){"bad.edges.tsv:3:3", "'zz'", NULL});
  /* The finisher's errors carry the column too (audit P5): a self-loop, an edge placed in
   * two groups (the source field's column; in a group-first table, column 3). */
  assert_tsv_fails(nodes, "source\ttarget\na\tb\nb\tb\n", CG_ERROR_INVALID,
                   (const char *[]){"bad.edges.tsv:3:1:", "self-loop", NULL});
  assert_tsv_fails("id\na\nb\nc\n", "group\tsource\ttarget\ng1\ta\tc\ng1\tb\tc\ng2\ta\tc\n",
                   CG_ERROR_CONFLICT,
                   (const char *[]){"bad.edges.tsv:4:4:", "different input group", "bad.edges.tsv:2:4",
                                    NULL});
  assert_tsv_fails(nodes, "src\ttarget\na\tb\n", CG_ERROR_PARSE,
                   (const char *[]){"bad.edges.tsv:1:1", "'source'", NULL});
  assert_tsv_fails(nodes, "source\ttarget\na\tb\tc\n", CG_ERROR_PARSE,
                   (const char *[]){"bad.edges.tsv:2:5", "3 fields", "2 columns", NULL});
  /* A row may stop before its trailing empty fields (spreadsheets drop them), but a
   * required one must be there. */
  assert_tsv_fails(nodes, "source\ttarget\na\n", CG_ERROR_PARSE,
                   (const char *[]){"bad.edges.tsv:2:", "target: empty node id", NULL});
  assert_tsv_fails("id\tname\na\tok\nb\tbad\xff\xfe\n", NULL, CG_ERROR_PARSE,
                   (const char *[]){"bad.nodes.tsv:3:6", "invalid UTF-8", NULL});
  assert_tsv_fails("name\nx\n", NULL, CG_ERROR_PARSE,
                   (const char *[]){"bad.nodes.tsv:1:1", "'id'", NULL});
  assert_tsv_fails("id\tstage\na\tmineral\n", NULL, CG_ERROR_INVALID,
                   (const char *[]){"bad.nodes.tsv:2:3", "mineral", NULL});
  assert_tsv_fails(NULL, "source\ttarget\n", CG_ERROR_IO,
                   (const char *[]){"bad.nodes.tsv: no such file", NULL});
  assert_tsv_fails(nodes, "source\ttarget\na\ta\n", CG_ERROR_INVALID,
                   (const char *[]){"bad.edges.tsv:2", "self-loop", NULL});
}

/* The TSV reader makes its statements through the public builder, which holds every
 * format to one rule: a chokepoint kind is a known one (the TSV reader took any text), and
 * a document's key given twice differently is a conflict (it kept the last one). */
static void
test_tsv_builder_rules(void)
{
  assert_tables_fail((const char *[]){"nodes", "id\na\n", "provenance",
                                      "node\tchokepoint\tquote\na\tscary\t某句\n", NULL},
                     CG_ERROR_PARSE,
                     (const char *[]){"bad.provenance.tsv:2:3", "unknown chokepoint kind 'scary'",
                                      NULL});
  assert_tables_fail((const char *[]){"nodes", "id\na\n", "documents",
                                      "file\tkey\nx.txt\tone\nx.txt\ttwo\n", NULL},
                     CG_ERROR_CONFLICT,
                     (const char *[]){"bad.documents.tsv:3:7", "key 'two' conflicts with 'one'",
                                      "bad.documents.tsv:2:1", NULL});
}

/* The JSON and chain readers too make their statements through the public builder: one
 * rule for chokepoint kinds (JSON took any text) and for a document declared twice (the
 * chain format kept the last title). */
static void
test_builder_rules(void)
{
  assert_load_fails("{\"nodes\": [{\"id\": \"a\", \"chokepoints\": "
                    "[{\"inferred\": \"x\", \"kind\": \"scary\"}]}]}",
                    -1, "k.json", "json", CG_ERROR_PARSE,
                    (const char *[]){"k.json:1:", "nodes[0].chokepoints[0].kind: unknown chokepoint kind 'scary'",
                                     NULL});
  assert_load_fails("{\"documents\": [{\"file\": \"x.txt\", \"key\": \"one\"},\n"
                    "{\"file\": \"x.txt\", \"key\": \"two\"}]}",
                    -1, "d.json", "json", CG_ERROR_CONFLICT,
                    (const char *[]){"d.json:2: documents[1].key: ", "key 'two' conflicts with 'one'",
                                     NULL});
  assert_load_fails("{\"regions\": [{\"name\": \"宁波\", \"parent\": \"\"}]}", -1, "r.json",
                    "json", CG_ERROR_PARSE,
                    (const char *[]){"regions[0].parent: empty", NULL});
  assert_load_fails("document x.txt title=甲\ndocument x.txt title=乙\n", -1, "d.chain", "chain",
                    CG_ERROR_CONFLICT,
                    (const char *[]){"d.chain:2:16", "title '乙' conflicts with '甲'", "d.chain:1:1",
                                     NULL});
}

/* ---- DOT ------------------------------------------------------------------------------- */

static void
test_dot(void)
{
  g_autoptr(CgGraph) g = load_ok(rich_json, "rich.json", "json");
  char *dot = to_string_ok(g, "dot");
  g_assert_true(g_str_has_prefix(dot, "//"));
  g_assert_nonnull(strstr(dot, "digraph chaingraph {"));
  g_assert_nonnull(strstr(dot, "rankdir=LR"));
  /* Stages in order, each a rank holding its nodes' statements (the emitter the chain
   * diagrams use too). */
  const char *raw = strstr(dot, "  { rank=same;\n    \"ore\" [label=");
  const char *material = strstr(dot, "  { rank=same;\n    \"ndfeb\" [");
  const char *smco = strstr(dot, "\n    \"smco\" [");
  const char *ferrite = strstr(dot, "\n    \"ferrite\" [");
  const char *app = strstr(dot, "\"motor\" [");
  g_assert_true(raw && material && smco && ferrite && app);
  g_assert_true(raw < material && material < smco && smco < ferrite && ferrite < app);
  const char *closed = strstr(material, "\n  }\n"); /* the material rank ends after ferrite */
  g_assert_true(closed && closed > ferrite && closed < app);
  /* Both names in the label; escapes kept. */
  g_assert_nonnull(strstr(dot, "label=\"稀土原料\\nrare-earth ore\""));
  g_assert_nonnull(strstr(dot, "ferrite \\\"quoted\\\" \\\\ and | pipe"));
  /* The OR group {ndfeb, smco, ferrite} → motor goes through one junction, dashed. */
  g_assert_nonnull(strstr(dot, "\"or:motor:"));
  g_assert_nonnull(strstr(dot, "label=\"or\""));
  g_assert_nonnull(strstr(dot, "\"ndfeb\" -> \"or:motor:"));
  g_assert_nonnull(strstr(dot, "style=dashed"));
  /* A sole input is a plain edge. */
  g_assert_nonnull(strstr(dot, "\"ore\" -> \"smco\";"));
  g_free(dot);

  /* Graphviz accepts it, when it is installed. */
  char *dot_prog = g_find_program_in_path("dot");
  if (dot_prog) {
    char *dir = g_dir_make_tmp("cg-test-io-XXXXXX", NULL);
    char *path = g_build_filename(dir, "g.dot", NULL);
    GError *error = NULL;
    g_assert_true(cg_graph_save(g, path, NULL, &error));
    g_assert_no_error(error);
    char *argv[] = {dot_prog, "-Tsvg", "-o", "/dev/null", path, NULL};
    int status;
    g_spawn_sync(NULL, argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                 &error);
    g_assert_no_error(error);
    g_assert_true(g_spawn_check_wait_status(status, NULL));
    g_free(path);
    rm_rf(dir);
    g_free(dir);
    g_free(dot_prog);
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/io/json/roundtrip", test_json_roundtrip);
  g_test_add_func("/io/json/roundtrip-chain", test_json_roundtrip_chain);
  g_test_add_func("/io/json/content", test_json_content);
  g_test_add_func("/io/json/minimal", test_json_minimal);
  g_test_add_func("/io/json/errors", test_json_errors);
  g_test_add_func("/io/graphml/roundtrip", test_graphml_roundtrip);
  g_test_add_func("/io/graphml/networkx", test_graphml_networkx);
  g_test_add_func("/io/graphml/keys", test_graphml_keys);
  g_test_add_func("/io/control-characters-refused", test_control_characters_refused);
  g_test_add_func("/io/repeated-statement-once", test_repeated_statement_once);
  g_test_add_func("/io/graphml/errors", test_graphml_errors);
  g_test_add_func("/io/tsv/roundtrip", test_tsv_roundtrip);
  g_test_add_func("/io/empty-name-absent", test_empty_name_absent);
  g_test_add_func("/io/share-kept", test_share_kept);
  g_test_add_func("/io/self-loop-located", test_self_loop_located);
  g_test_add_func("/io/json-member-twice", test_json_member_twice);
  g_test_add_func("/io/tsv/minimal", test_tsv_minimal);
  g_test_add_func("/io/tsv/errors", test_tsv_errors);
  g_test_add_func("/io/tsv/builder-rules", test_tsv_builder_rules);
  g_test_add_func("/io/builder-rules", test_builder_rules);
  g_test_add_func("/io/tsv/shared-name", test_tsv_shared_name);
  g_test_add_func("/io/tsv/random", test_tsv_random);
  g_test_add_func("/io/dot/basic", test_dot);
  return g_test_run();
}

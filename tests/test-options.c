/* Option structs and versions (issue 13, item 5): each cg_X_options_init() (and
 * cg_render_style_init()) fills the
 * defaults and refuses a version it does not know; each function taking options refuses an
 * unknown version with CG_ERROR_USAGE; the run-time version matches the headers. */
#include <chaingraph/chaingraph.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include "cg-test-util.h"

static const char *const small_chain =
    "document d.txt key=d\n"
    "node ore 原料 stage=raw\n"
    "node mat 材料 stage=material\n"
    "node app 应用 stage=application\n"
    "region 浙江 level=province\n"
    "region 江西 level=province\n"
    "produces 浙江 材料 quote=\"材料\"\n"
    "produces 江西 原料 quote=\"原料\"\n"
    "chain c 链 quote=\"原料——材料——应用\"\n"
    "  path 原料——材料——应用\n"
    "end\n";

/* An unknown version: -1, one critical warning, the struct untouched. */
#define CHECK_UNKNOWN_VERSION(Type, init, known)                                               \
  G_STMT_START                                                                                 \
  {                                                                                            \
    unsigned int bad[] = {0, (known) + 1, G_MAXUINT};                                          \
    for (gsize i = 0; i < G_N_ELEMENTS(bad); i++) {                                            \
      Type o;                                                                                  \
      memset(&o, 0xab, sizeof o);                                                              \
      Type before = o;                                                                         \
      g_test_expect_message(NULL, G_LOG_LEVEL_CRITICAL, "*unknown options version*");          \
      g_assert_cmpint(init(&o, bad[i]), ==, -1);                                               \
      g_test_assert_expected_messages();                                                       \
      g_assert_cmpmem(&o, sizeof o, &before, sizeof before);                                   \
    }                                                                                          \
  }                                                                                            \
  G_STMT_END

static void
test_bottleneck_init(void)
{
  CgBottleneckOptions o;
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_bottleneck_options_init(&o, CG_BOTTLENECK_OPTIONS_VERSION), ==, 0);
  g_assert_cmpuint(o.version, ==, CG_BOTTLENECK_OPTIONS_VERSION);
  g_assert_cmpuint(o.top, ==, 10);
  g_assert_null(o.chain);
  g_assert_cmpint(o.betweenness, ==, CG_BETWEENNESS_AUTO);
  g_assert_cmpuint(o.threads, ==, 0);
  g_assert_cmpint(o.estimate, ==, CG_ESTIMATE_AUTO);
  g_assert_cmpuint(o.samples, ==, 2000);
  g_assert_cmpuint(o.seed, ==, 1);
  g_assert_null(o.progress);
  g_assert_null(o.progress_data);
  /* version 1: only its fields are written (the bytes after them stay as they were) */
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_bottleneck_options_init(&o, 1), ==, 0);
  g_assert_cmpuint(o.version, ==, 1);
  g_assert_cmpuint(o.samples, ==, 2000);
  for (gsize i = G_STRUCT_OFFSET(CgBottleneckOptions, progress); i < sizeof o; i++)
    g_assert_cmpuint(((const guint8 *)&o)[i], ==, 0xab);
  CHECK_UNKNOWN_VERSION(CgBottleneckOptions, cg_bottleneck_options_init,
                        CG_BOTTLENECK_OPTIONS_VERSION);
}

static void
test_risk_init(void)
{
  CgRiskOptions o;
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_risk_options_init(&o, CG_RISK_OPTIONS_VERSION), ==, 0);
  g_assert_cmpuint(o.version, ==, CG_RISK_OPTIONS_VERSION);
  g_assert_cmpuint(o.samples, ==, 10000);
  g_assert_cmpuint(o.seed, ==, 1);
  g_assert_cmpuint(o.threads, ==, 0);
  g_assert_cmpuint(o.top, ==, 10);
  g_assert_cmpuint(o.exact_max, ==, 16);
  g_assert_null(o.profile);
  g_assert_cmpuint(o.invest, ==, 10);
  g_assert_cmpuint(o.invest_samples, ==, 0);
  g_assert_null(o.probabilities);
  g_assert_cmpfloat(o.precision, ==, 0.01);
  g_assert_null(o.progress);
  g_assert_null(o.progress_data);
  /* version 1: only its fields are written (the bytes after them stay as they were) */
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_risk_options_init(&o, 1), ==, 0);
  g_assert_cmpuint(o.version, ==, 1);
  g_assert_cmpuint(o.samples, ==, 10000);
  const guint8 *tail = (const guint8 *)&o + G_STRUCT_OFFSET(CgRiskOptions, precision);
  for (gsize i = G_STRUCT_OFFSET(CgRiskOptions, precision); i < sizeof o; i++)
    g_assert_cmpuint(tail[i - G_STRUCT_OFFSET(CgRiskOptions, precision)], ==, 0xab);
  CHECK_UNKNOWN_VERSION(CgRiskOptions, cg_risk_options_init, CG_RISK_OPTIONS_VERSION);
}

static void
test_complement_init(void)
{
  CgComplementOptions o;
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_complement_options_init(&o, CG_COMPLEMENT_OPTIONS_VERSION), ==, 0);
  g_assert_cmpuint(o.version, ==, CG_COMPLEMENT_OPTIONS_VERSION);
  g_assert_cmpstr(o.level, ==, "province");
  g_assert_cmpuint(o.top, ==, 0);
  g_assert_cmpuint(o.threads, ==, 0);
  g_assert_cmpint(o.weighting, ==, CG_GAP_WEIGHT_CRITICALITY);
  g_assert_null(o.progress);
  g_assert_null(o.progress_data);
  /* version 1: only its fields are written (the bytes after them stay as they were) */
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_complement_options_init(&o, 1), ==, 0);
  g_assert_cmpuint(o.version, ==, 1);
  g_assert_cmpint(o.weighting, ==, CG_GAP_WEIGHT_CRITICALITY);
  for (gsize i = G_STRUCT_OFFSET(CgComplementOptions, progress); i < sizeof o; i++)
    g_assert_cmpuint(((const guint8 *)&o)[i], ==, 0xab);
  CHECK_UNKNOWN_VERSION(CgComplementOptions, cg_complement_options_init,
                        CG_COMPLEMENT_OPTIONS_VERSION);
}

static void
test_generate_init(void)
{
  CgGenerateOptions o;
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_generate_options_init(&o, CG_GENERATE_OPTIONS_VERSION), ==, 0);
  g_assert_cmpuint(o.version, ==, CG_GENERATE_OPTIONS_VERSION);
  g_assert_cmpuint(o.nodes, ==, 10000);
  g_assert_cmpuint(o.edges, ==, 50000);
  g_assert_cmpuint(o.stages, ==, 5);
  g_assert_cmpfloat(o.or_fraction, ==, 0.5);
  g_assert_cmpfloat(o.cycle_fraction, ==, 0.01);
  g_assert_cmpuint(o.regions, ==, 0);
  g_assert_cmpuint(o.seed, ==, 1);
  CHECK_UNKNOWN_VERSION(CgGenerateOptions, cg_generate_options_init,
                        CG_GENERATE_OPTIONS_VERSION);
}

static void
test_report_init(void)
{
  CgReportOptions o;
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_report_options_init(&o, CG_REPORT_OPTIONS_VERSION), ==, 0);
  g_assert_cmpuint(o.version, ==, CG_REPORT_OPTIONS_VERSION);
  g_assert_cmpuint(o.top, ==, 10);
  g_assert_cmpuint(o.samples, ==, 10000);
  g_assert_cmpuint(o.seed, ==, 1);
  g_assert_cmpuint(o.width, ==, 80);
  g_assert_null(o.level);
  g_assert_null(o.progress);
  g_assert_null(o.progress_data);
  g_assert_null(o.lang);
  g_assert_null(o.csv_dir);
  g_assert_null(o.html_chains);
  g_assert_null(o.fraction);
  g_assert_null(o.fraction_data);
  /* A version-2 caller: nothing past html_chains. */
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_report_options_init(&o, 2), ==, 0);
  g_assert_null(o.html_chains);
  const guint8 *tail2 = (const guint8 *)&o + offsetof(CgReportOptions, fraction);
  for (gsize i = 0; i < sizeof o - offsetof(CgReportOptions, fraction); i++)
    g_assert_cmpuint(tail2[i], ==, 0xab);
  /* A version-1 caller: init writes nothing past its struct (which ends before lang). */
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_report_options_init(&o, 1), ==, 0);
  g_assert_cmpuint(o.version, ==, 1);
  g_assert_cmpuint(o.top, ==, 10);
  const guint8 *tail = (const guint8 *)&o + offsetof(CgReportOptions, lang);
  for (gsize i = 0; i < sizeof o - offsetof(CgReportOptions, lang); i++)
    g_assert_cmpuint(tail[i], ==, 0xab);
  CHECK_UNKNOWN_VERSION(CgReportOptions, cg_report_options_init, CG_REPORT_OPTIONS_VERSION);
}

static void
test_render_style_init(void)
{
  CgRenderStyle o;
  memset(&o, 0xab, sizeof o);
  g_assert_cmpint(cg_render_style_init(&o, CG_RENDER_STYLE_VERSION), ==, 0);
  g_assert_cmpuint(o.version, ==, CG_RENDER_STYLE_VERSION);
  g_assert_null(o.criticality);
  g_assert_null(o.edge_risk);
  g_assert_null(o.edge_why);
  g_assert_cmpfloat(o.criticality_max, ==, 0);
  g_assert_cmpuint(o.flags, ==, 0);
  CHECK_UNKNOWN_VERSION(CgRenderStyle, cg_render_style_init, CG_RENDER_STYLE_VERSION);

  /* A style of an unknown version: a GError where there is one, else a critical. */
  g_autoptr(CgGraph) g = cg_test_load(small_chain);
  GError *error = NULL;
  o.version = CG_RENDER_STYLE_VERSION + 1;
  gsize len = 0;
  g_assert_null(cg_chain_render(g, 0, &o, "dot", &len, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
  g_assert_nonnull(strstr(error->message, "cg_render_style_init()"));
  g_clear_error(&error);
  g_test_expect_message(NULL, G_LOG_LEVEL_CRITICAL, "*cg_chain_to_dot*version*");
  g_assert_null(cg_chain_to_dot(g, 0, &o));
  g_test_assert_expected_messages();
  /* An initialised style draws as no style at all. */
  cg_render_style_init(&o, CG_RENDER_STYLE_VERSION);
  char *with = cg_chain_to_dot(g, 0, &o), *without = cg_chain_to_dot(g, 0, NULL);
  g_assert_cmpstr(with, ==, without);
  cg_free(with);
  cg_free(without);
}

/* Every function taking options refuses a version it does not know, and NULL options are
 * the defaults of the _init() function. */
static void
test_functions_check_version(void)
{
  g_autoptr(CgGraph) g = cg_test_load(small_chain);
  GError *error = NULL;
  for (unsigned int bad = 0; bad <= 2; bad += 2) { /* 0 and VERSION + 1 */
    CgBottleneckOptions bo;
    cg_bottleneck_options_init(&bo, CG_BOTTLENECK_OPTIONS_VERSION);
    bo.version = bad ? CG_BOTTLENECK_OPTIONS_VERSION + 1 : 0;
    g_assert_null(cg_bottlenecks(g, &bo, &error));
    g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
    g_assert_nonnull(strstr(error->message, "unknown options version"));
    g_clear_error(&error);

    CgRiskOptions ro;
    cg_risk_options_init(&ro, CG_RISK_OPTIONS_VERSION);
    ro.version = bad ? CG_RISK_OPTIONS_VERSION + 1 : 0;
    g_assert_null(cg_risk(g, &ro, &error));
    g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
    g_clear_error(&error);
    guint32 node = 0;
    g_assert_null(cg_risk_scenario(g, NULL, &node, 1, NULL, FALSE, &ro, &error));
    g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
    g_clear_error(&error);

    CgComplementOptions co;
    cg_complement_options_init(&co, CG_COMPLEMENT_OPTIONS_VERSION);
    co.version = bad ? CG_COMPLEMENT_OPTIONS_VERSION + 1 : 0;
    g_assert_null(cg_complement(g, &co, &error));
    g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
    g_clear_error(&error);

    CgReportOptions po;
    cg_report_options_init(&po, CG_REPORT_OPTIONS_VERSION);
    po.version = bad ? CG_REPORT_OPTIONS_VERSION + 1 : 0;
    g_assert_null(cg_report_text(g, &po, &error));
    g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
    g_clear_error(&error);

    CgGenerateOptions go;
    cg_generate_options_init(&go, CG_GENERATE_OPTIONS_VERSION);
    go.version = bad;
    g_assert_false(cg_generate(&go, "/nonexistent/never-written.tsv", &error));
    g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
    g_clear_error(&error);
  }

  /* The report refuses what the command line refuses (a width below 40 columns, an unknown
   * language); 0 is the default width, byte for byte. */
  for (guint width = 1; width < 40; width += 13) {
    CgReportOptions po;
    cg_report_options_init(&po, CG_REPORT_OPTIONS_VERSION);
    po.samples = 64;
    po.width = width;
    g_assert_null(cg_report_text(g, &po, &error));
    g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
    g_assert_nonnull(strstr(error->message, "width"));
    g_clear_error(&error);
  }
  {
    CgReportOptions po;
    cg_report_options_init(&po, CG_REPORT_OPTIONS_VERSION);
    po.samples = 64;
    po.lang = "fr";
    g_assert_null(cg_report_text(g, &po, &error));
    g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
    g_clear_error(&error);
    po.lang = "en";
    char *t80 = cg_report_text(g, &po, &error);
    g_assert_no_error(error);
    po.width = 0;
    char *t0 = cg_report_text(g, &po, &error);
    g_assert_no_error(error);
    g_assert_cmpstr(t0, ==, t80);
    cg_free(t0);
    cg_free(t80);
  }

  /* NULL is the defaults: the same answer as the initialised struct. */
  CgBottleneckOptions bo;
  cg_bottleneck_options_init(&bo, CG_BOTTLENECK_OPTIONS_VERSION);
  g_autoptr(CgBottlenecks) b1 = cg_bottlenecks(g, NULL, &error);
  g_assert_no_error(error);
  g_autoptr(CgBottlenecks) b2 = cg_bottlenecks(g, &bo, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(cg_bottlenecks_n_items(b1), ==, cg_bottlenecks_n_items(b2));
  for (gsize i = 0; i < cg_bottlenecks_n_items(b1); i++) {
    g_assert_cmpuint(cg_bottlenecks_item(b1, i)->node, ==, cg_bottlenecks_item(b2, i)->node);
    g_assert_cmpfloat(cg_bottlenecks_item(b1, i)->betweenness, ==, cg_bottlenecks_item(b2, i)->betweenness); /* AUTO: computed */
  }
  CgComplementOptions co;
  cg_complement_options_init(&co, CG_COMPLEMENT_OPTIONS_VERSION);
  g_autoptr(CgComplement) c1 = cg_complement(g, NULL, &error);
  g_assert_no_error(error);
  g_autoptr(CgComplement) c2 = cg_complement(g, &co, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(cg_complement_level(c1), ==, cg_complement_level(c2));
  g_assert_cmpuint(cg_complement_n_pairs(c1), ==, cg_complement_n_pairs(c2));
}

/* CG_BETWEENNESS_NEVER skips it, ALWAYS and AUTO (on a small graph) compute it. */
static void
test_betweenness_policy(void)
{
  g_autoptr(CgGraph) g = cg_test_load(small_chain);
  GError *error = NULL;
  CgBetweenness modes[] = {CG_BETWEENNESS_AUTO, CG_BETWEENNESS_NEVER, CG_BETWEENNESS_ALWAYS};
  for (gsize m = 0; m < G_N_ELEMENTS(modes); m++) {
    CgBottleneckOptions o;
    cg_bottleneck_options_init(&o, CG_BOTTLENECK_OPTIONS_VERSION);
    o.betweenness = modes[m];
    g_autoptr(CgBottlenecks) r = cg_bottlenecks(g, &o, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(cg_bottlenecks_n_items(r), >, 0);
    for (gsize i = 0; i < cg_bottlenecks_n_items(r); i++)
      g_assert_true(isnan(cg_bottlenecks_item(r, i)->betweenness) == (modes[m] == CG_BETWEENNESS_NEVER));
  }
}

static void
test_version(void)
{
  char *want = g_strdup_printf("%u.%u.%u", cg_version_major(), cg_version_minor(),
                               cg_version_micro());
  g_assert_cmpstr(cg_version(), ==, want);
  g_assert_cmpstr(cg_version(), ==, CG_VERSION_STRING);
  g_assert_cmpuint(cg_version_major(), ==, CG_VERSION_MAJOR);
  g_assert_cmpuint(cg_version_minor(), ==, CG_VERSION_MINOR);
  g_assert_cmpuint(cg_version_micro(), ==, CG_VERSION_MICRO);
  g_free(want);
  g_assert_true(CG_CHECK_VERSION(0, 0, 0));
  g_assert_true(CG_CHECK_VERSION(CG_VERSION_MAJOR, CG_VERSION_MINOR, CG_VERSION_MICRO));
  g_assert_false(CG_CHECK_VERSION(CG_VERSION_MAJOR, CG_VERSION_MINOR, CG_VERSION_MICRO + 1));
  g_assert_false(CG_CHECK_VERSION(CG_VERSION_MAJOR, CG_VERSION_MINOR + 1, 0));
  g_assert_false(CG_CHECK_VERSION(CG_VERSION_MAJOR + 1, 0, 0));
#if CG_VERSION_MINOR > 0
  g_assert_true(CG_CHECK_VERSION(CG_VERSION_MAJOR, CG_VERSION_MINOR - 1, 99));
#endif
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/options/bottleneck/init", test_bottleneck_init);
  g_test_add_func("/options/risk/init", test_risk_init);
  g_test_add_func("/options/complement/init", test_complement_init);
  g_test_add_func("/options/generate/init", test_generate_init);
  g_test_add_func("/options/report/init", test_report_init);
  g_test_add_func("/options/render-style/init", test_render_style_init);
  g_test_add_func("/options/functions/check-version", test_functions_check_version);
  g_test_add_func("/options/bottleneck/betweenness-policy", test_betweenness_policy);
  g_test_add_func("/version/run-time-matches-headers", test_version);
  return g_test_run();
}

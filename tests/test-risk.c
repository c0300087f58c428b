/* Supply risk: the profile, the node model on hand-computed values, link scores and shares by
 * hand, exact enumeration against a brute force written plainly here (hundreds of random
 * AND/OR graphs with cycles), Monte Carlo against exact within its own interval, the sampler
 * against the probabilities it was given, thread-count independence, scenarios, JSON. */
#include "cg-test-util.h"
/* White-box: these tests read the results' fields directly (the private definitions);
 * test-results.c checks that the public accessors read the same. */
#include "analysis/cg-results.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>

#define EPS 1e-9

/* ---- a plain oracle ----------------------------------------------------------------------- */

/* Inputs of every node as groups of sources, read through the public API. */
typedef struct {
  gsize n, m;
  GPtrArray **groups; /* per node: GPtrArray of GArray<guint32> */
  guint8 *app;
  double *w;
  double total;
} Oracle;

static Oracle *
oracle_new(const CgGraph *g)
{
  Oracle *o = g_new0(Oracle, 1);
  o->n = cg_graph_n_nodes(g);
  o->m = cg_graph_n_edges(g);
  o->groups = g_new0(GPtrArray *, o->n);
  o->app = g_new0(guint8, o->n);
  o->w = g_new0(double, o->n);
  for (gsize v = 0; v < o->n; v++) {
    o->groups[v] = g_ptr_array_new_with_free_func((GDestroyNotify)g_array_unref);
    for (gsize k = 0; k < cg_node_n_groups(g, v); k++)
      g_ptr_array_add(o->groups[v], g_array_new(FALSE, FALSE, sizeof(guint32)));
    o->app[v] = cg_node_is_application(g, v);
    o->w[v] = o->app[v] ? cg_node_weight(g, v) : 0;
    o->total += o->w[v];
  }
  for (gsize e = 0; e < o->m; e++) {
    guint32 u = (guint32)cg_edge_source(g, e);
    GArray *grp = o->groups[cg_edge_target(g, e)]->pdata[cg_edge_group(g, e)];
    g_array_append_val(grp, u);
  }
  return o;
}

static void
oracle_free(Oracle *o)
{
  for (gsize v = 0; v < o->n; v++)
    g_ptr_array_free(o->groups[v], TRUE);
  g_free(o->groups);
  g_free(o->app);
  g_free(o->w);
  g_free(o);
}

/* Least fixed point by sweeps until nothing changes. */
static void
oracle_producible(const Oracle *o, const guint8 *removed, guint8 *out)
{
  memset(out, 0, o->n);
  gboolean changed = TRUE;
  while (changed) {
    changed = FALSE;
    for (gsize v = 0; v < o->n; v++) {
      if (out[v] || (removed && removed[v]))
        continue;
      gboolean ok = TRUE;
      for (guint k = 0; k < o->groups[v]->len && ok; k++) {
        GArray *grp = o->groups[v]->pdata[k];
        gboolean any = FALSE;
        for (guint i = 0; i < grp->len && !any; i++)
          any = out[g_array_index(grp, guint32, i)];
        ok = any;
      }
      if (ok) {
        out[v] = 1;
        changed = TRUE;
      }
    }
  }
}

typedef struct {
  double mean, var;
  double *app;   /* per node: P(lost) */
  double *share; /* per edge */
} Brute;

/* Enumerates every assignment of the nodes with 0 < p < 1 (p = 1 always fails). The link
 * share of u → v: u lost, v lost, and a path of lost nodes leads from v to a lost
 * application. */
static Brute
brute(const CgGraph *g, const Oracle *o, const double *p)
{
  gsize n = o->n;
  GArray *unc = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < n; v++)
    if (p[v] > 0 && p[v] < 1)
      g_array_append_val(unc, v);
  g_assert_cmpuint(unc->len, <=, 16);
  Brute b = {0, 0, g_new0(double, n), g_new0(double, o->m)};
  guint8 *base = g_new(guint8, n), *now = g_new(guint8, n), *rem = g_new(guint8, n);
  guint8 *lost = g_new(guint8, n), *reach = g_new(guint8, n);
  oracle_producible(o, NULL, base);
  double m2 = 0;
  for (guint64 s = 0; s < (1ull << unc->len); s++) {
    double prob = 1;
    for (guint32 v = 0; v < n; v++)
      rem[v] = p[v] >= 1;
    for (guint i = 0; i < unc->len; i++) {
      guint32 v = g_array_index(unc, guint32, i);
      gboolean on = (s >> i) & 1;
      rem[v] = on;
      prob *= on ? p[v] : 1 - p[v];
    }
    oracle_producible(o, rem, now);
    double L = 0;
    for (gsize v = 0; v < n; v++) {
      lost[v] = base[v] && !now[v];
      reach[v] = lost[v] && o->app[v];
      if (lost[v] && o->app[v]) {
        L += o->w[v];
        b.app[v] += prob;
      }
    }
    gboolean changed = TRUE;
    while (changed) {
      changed = FALSE;
      for (gsize e = 0; e < o->m; e++) {
        gsize u = cg_edge_source(g, e), v = cg_edge_target(g, e);
        if (lost[u] && reach[v] && !reach[u]) {
          reach[u] = 1;
          changed = TRUE;
        }
      }
    }
    for (gsize e = 0; e < o->m; e++)
      if (lost[cg_edge_source(g, e)] && reach[cg_edge_target(g, e)])
        b.share[e] += prob;
    b.mean += prob * L;
    m2 += prob * L * L;
  }
  b.var = m2 - b.mean * b.mean;
  g_free(base);
  g_free(now);
  g_free(rem);
  g_free(lost);
  g_free(reach);
  g_array_free(unc, TRUE);
  return b;
}

static void
brute_clear(Brute *b)
{
  g_free(b->app);
  g_free(b->share);
}

/* E[L] with node x never failing. */
static double
brute_secured(const CgGraph *g, const Oracle *o, const double *p, gsize x)
{
  double *q = g_memdup2(p, o->n * sizeof(double));
  q[x] = 0;
  Brute b = brute(g, o, q);
  double mean = b.mean;
  brute_clear(&b);
  g_free(q);
  return mean;
}

static double
app_probability(const CgRisk *r, gsize node)
{
  for (gsize i = 0; i < r->n_applications; i++)
    if (r->applications[i].node == node)
      return r->applications[i].failure_probability;
  g_error("node %zu is not listed as an application", node);
  return NAN;
}

/* Random probabilities: many 0, a few 1, at most @max_unc uncertain. */
static double *
random_probabilities(GRand *rng, gsize n, guint max_unc)
{
  double *p = g_new(double, n);
  guint unc = 0;
  for (gsize v = 0; v < n; v++) {
    double x = g_rand_double(rng);
    if (x < 0.3 || unc >= max_unc)
      p[v] = x < 0.05 ? 1 : 0;
    else {
      p[v] = g_rand_double_range(rng, 0.02, 0.9);
      unc++;
    }
  }
  return p;
}

/* ---- the profile -------------------------------------------------------------------------- */

static void
test_profile_defaults(void)
{
  g_autoptr(CgRiskProfile) pr = cg_risk_profile_new();
  double x;
  g_assert_true(cg_risk_profile_get(pr, "base_probability", &x));
  g_assert_cmpfloat(x, ==, 0.05);
  g_assert_true(cg_risk_profile_get(pr, "unsourced_concentration", &x));
  g_assert_cmpfloat(x, ==, 0.5);
  g_assert_true(cg_risk_profile_get(pr, "foreign.chokepoint", &x));
  g_assert_cmpfloat(x, ==, 2.0);
  g_assert_true(cg_risk_profile_get(pr, "stage.application", &x));
  g_assert_cmpfloat(x, ==, 0.0);
  g_assert_true(cg_risk_profile_get(pr, "planned_claims", &x));
  g_assert_cmpfloat(x, ==, 1.0);
  g_assert_false(cg_risk_profile_get(pr, "no.such.key", &x));
  const char *const *keys = cg_risk_profile_keys();
  guint nk = 0;
  for (; keys[nk]; nk++)
    g_assert_nonnull(cg_risk_profile_key_doc(keys[nk]));
  g_assert_cmpuint(nk, ==, 19);
  g_assert_true(cg_risk_profile_get(pr, "foreign.bottleneck", &x));
  g_assert_cmpfloat(x, ==, 0.25);
  g_assert_null(cg_risk_profile_key_doc("nope"));
}

static void
test_profile_load(void)
{
  g_autoptr(CgRiskProfile) pr = cg_risk_profile_new();
  GError *error = NULL;
  const char *good = "# a comment\n\nbase_probability = 0.1   # trailing comment\n"
                     "  stage.raw=2\nplanned_claims = yes\n";
  g_assert_true(cg_risk_profile_load_data(pr, good, -1, "p.txt", &error));
  g_assert_no_error(error);
  double x;
  cg_risk_profile_get(pr, "base_probability", &x);
  g_assert_cmpfloat(x, ==, 0.1);
  cg_risk_profile_get(pr, "stage.raw", &x);
  g_assert_cmpfloat(x, ==, 2);
  cg_risk_profile_get(pr, "planned_claims", &x);
  g_assert_cmpfloat(x, ==, 1);

  /* Errors name file:line and leave the profile unchanged. */
  const struct {
    const char *text, *want;
  } bad[] = {
      {"base_probability = 0.2\nbogus = 1\n", "p.txt:2: unknown risk profile key 'bogus'"},
      /* a key given twice (audit P7: the last value won) */
      {"base_probability = 0.2\n# x\nbase_probability = 0.3\n",
       "p.txt:3: key 'base_probability' given twice (first at line 1)"},
      {"\n\nbase_probability = 2\n", "p.txt:3: 'base_probability' must be in [0, 1]"},
      {"base_probability = 0.1x\n", "p.txt:1: 'base_probability' takes a number"},
      {"base_probability\n", "p.txt:1: expected 'key = value'"},
      {"planned_claims = maybe\n", "p.txt:1: 'planned_claims' takes true or false"},
      {"base_probability = nan\n", "p.txt:1: 'base_probability' takes a number"},
      {"import_weight = -1\n", "p.txt:1: 'import_weight' must be in"},
      {"base_probability = \n", "p.txt:1: 'base_probability' takes a number"},
      {"import_weight = 0x10\n", "p.txt:1: 'import_weight' takes a number"},
      {"import_weight = 1e999\n", "p.txt:1: 'import_weight' takes a number"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(bad); i++) {
    g_assert_false(cg_risk_profile_load_data(pr, bad[i].text, -1, "p.txt", &error));
    g_assert_error(error, CG_ERROR, CG_ERROR_PARSE);
    if (!g_str_has_prefix(error->message, bad[i].want))
      g_error("profile error '%s', want prefix '%s'", error->message, bad[i].want);
    g_clear_error(&error);
    cg_risk_profile_get(pr, "base_probability", &x);
    g_assert_cmpfloat(x, ==, 0.1);
  }
  g_assert_false(cg_risk_profile_load(pr, "/nonexistent/profile.txt", &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_IO);
  g_clear_error(&error);

  /* cg_risk_profile_set: the CLI's --set. */
  g_assert_true(cg_risk_profile_set(pr, "foreign.monopoly", "3.5", &error));
  cg_risk_profile_get(pr, "foreign.monopoly", &x);
  g_assert_cmpfloat(x, ==, 3.5);
  g_assert_false(cg_risk_profile_set(pr, "foreign.nope", "1", &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
  g_assert_nonnull(strstr(error->message, "base_probability")); /* lists the keys */
  g_clear_error(&error);
  g_assert_false(cg_risk_profile_set(pr, "recycling_weight", "1.5", &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_INVALID);
  g_clear_error(&error);

  /* Round trip through the text form. */
  char *text = cg_risk_profile_to_text(pr);
  g_autoptr(CgRiskProfile) back = cg_risk_profile_new();
  g_assert_true(cg_risk_profile_load_data(back, text, -1, "dump", &error));
  g_assert_no_error(error);
  for (const char *const *k = cg_risk_profile_keys(); *k; k++) {
    double a, b;
    cg_risk_profile_get(pr, *k, &a);
    cg_risk_profile_get(back, *k, &b);
    g_assert_cmpfloat(a, ==, b);
  }
  cg_free(text);
  g_autoptr(CgRiskProfile) copy = cg_risk_profile_copy(pr);
  cg_risk_profile_get(copy, "foreign.monopoly", &x);
  g_assert_cmpfloat(x, ==, 3.5);
}

/* ---- the node model, by hand ----------------------------------------------------------------- */

static const char *hand_chain =
    "document nb.txt key=宁波\n"
    "node resist 光刻胶 stage=material\n"
    "node wafer 硅片 stage=material\n"
    "node ic 集成电路 stage=component\n"
    "node app1 手机 stage=application\n"
    "node app2 汽车 stage=application weight=2\n"
    "node ore 稀土 stage=raw\n"
    "node mix 混合 stage=material\n"
    "node magnet 磁体 stage=component\n"
    "node over 过量 stage=material\n"
    "node imp 进口件 stage=component import=0.5 subst=0.5 recycle=0.25\n"
    "node plan 规划品 stage=material\n"
    "node mono 垄断品 stage=material\n"
    "region 浙江 level=province\n"
    "region 宁波 level=city parent=浙江\n"
    "region 赣州 level=city\n"
    "region 包头 level=city\n"
    "resist -> ic quote=\"光刻胶\"\n"
    "wafer -> ic quote=\"硅片\"\n"
    "ic -> app1 quote=\"集成电路\"\n"
    "ic -> app2 quote=\"集成电路\"\n"
    "magnet <- ore | mix quote=\"稀土\"\n"
    "magnet -> app2 quote=\"磁体\"\n"
    "produces 宁波 resist quote=\"宁波\"\n"
    "produces 浙江 resist,wafer quote=\"浙江\"\n"
    "produces 赣州 ore share=0.6 quote=\"赣州\"\n"
    "produces 包头 ore share=0.3 quote=\"包头\"\n"
    "produces 赣州 mix share=0.5 quote=\"赣州\"\n"
    "produces 包头 mix quote=\"包头\"\n"
    "produces 赣州 over share=0.8 quote=\"赣州\"\n"
    "produces 包头 over share=0.8 quote=\"包头\"\n"
    "produces 宁波 over quote=\"宁波\"\n"
    "produces 宁波 plan role=develop quote=\"宁波\"\n"
    "produces 宁波 mono quote=\"宁波\"\n"
    "produces 宁波 magnet quote=\"宁波\"\n"
    "chokepoint resist kind=chokepoint quote=\"高端光刻胶长期被卡脖子，依赖进口\"\n"
    "chokepoint imp kind=foreign quote=\"依赖国外\"\n"
    "chokepoint mono kind=substitution quote=\"进口替代\"\n"
    "chokepoint mono kind=monopoly quote=\"国外垄断\"\n";

static void
test_model_hand(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  CgRiskFactors f;
  /* resist: 宁波 and 浙江 claim it; 宁波 lies in 浙江, so only 宁波 counts: HHI 1.
   * Chokepoint: foreign 1 + 2 = 3. Score 3, P = 1 − 0.95^3 = 0.142625. */
  double p = cg_risk_node_probability(g, NULL, cg_test_node(g, "resist"), &f, sizeof f);
  g_assert_cmpuint(f.n_regions, ==, 1);
  g_assert_cmpfloat_with_epsilon(f.concentration, 1.0, EPS);
  g_assert_cmpfloat_with_epsilon(f.foreign, 3.0, EPS);
  g_assert_cmpstr(cg_chokepoint_kind_to_string(f.chokepoint), ==, "chokepoint");
  g_assert_cmpfloat_with_epsilon(p, 0.142625, EPS);
  /* wafer: only 浙江: HHI 1, score 1, P 0.05. */
  p = cg_risk_node_probability(g, NULL, cg_test_node(g, "wafer"), &f, sizeof f);
  g_assert_cmpfloat_with_epsilon(p, 0.05, EPS);
  /* ore: shares 0.6 and 0.3, the missing 0.1 is one block: 0.36 + 0.09 + 0.01 = 0.46. */
  p = cg_risk_node_probability(g, NULL, cg_test_node(g, "ore"), &f, sizeof f);
  g_assert_cmpfloat_with_epsilon(f.concentration, 0.46, EPS);
  g_assert_cmpfloat_with_epsilon(p, 1 - pow(0.95, 0.46), EPS);
  /* mix: 0.5 known, the unknown claim takes the other 0.5: 0.25 + 0.25. */
  cg_risk_node_probability(g, NULL, cg_test_node(g, "mix"), &f, sizeof f);
  g_assert_cmpfloat_with_epsilon(f.concentration, 0.5, EPS);
  /* over: shares sum to 1.6: normalised to 0.5 + 0.5; the unknown claim adds nothing. */
  cg_risk_node_probability(g, NULL, cg_test_node(g, "over"), &f, sizeof f);
  g_assert_cmpuint(f.n_regions, ==, 3);
  g_assert_cmpfloat_with_epsilon(f.concentration, 0.5, EPS);
  /* imp: unsourced (0.5) × foreign (1 + 1 + 2·0.5 = 3) × substitution (1 − 0.8·0.5 = 0.6)
   * × recycling (1 − 0.25) = 0.675. */
  p = cg_risk_node_probability(g, NULL, cg_test_node(g, "imp"), &f, sizeof f);
  g_assert_cmpuint(f.n_regions, ==, 0);
  g_assert_cmpfloat_with_epsilon(f.concentration, 0.5, EPS);
  g_assert_cmpfloat_with_epsilon(f.foreign, 3.0, EPS);
  g_assert_cmpfloat_with_epsilon(f.substitution, 0.6, EPS);
  g_assert_cmpfloat_with_epsilon(f.recycling, 0.75, EPS);
  g_assert_cmpfloat_with_epsilon(f.score, 0.675, EPS);
  g_assert_cmpfloat_with_epsilon(p, 1 - pow(0.95, 0.675), EPS);
  /* mono: monopoly (1.5) outweighs substitution (0.5): foreign 2.5. */
  cg_risk_node_probability(g, NULL, cg_test_node(g, "mono"), &f, sizeof f);
  g_assert_cmpstr(cg_chokepoint_kind_to_string(f.chokepoint), ==, "monopoly");
  g_assert_cmpfloat_with_epsilon(f.foreign, 2.5, EPS);
  /* Applications fail only through their inputs. */
  g_assert_cmpfloat(cg_risk_node_probability(g, NULL, cg_test_node(g, "app2"), &f, sizeof f), ==, 0);
  g_assert_cmpfloat(f.stage, ==, 0);

  /* The profile changes it: planned claims, unsourced constant, base, stage factors. */
  g_autoptr(CgRiskProfile) pr = cg_risk_profile_new();
  cg_risk_node_probability(g, pr, cg_test_node(g, "plan"), &f, sizeof f);
  g_assert_cmpuint(f.n_regions, ==, 1); /* plans count by default */
  g_assert_true(cg_risk_profile_set(pr, "planned_claims", "false", NULL));
  cg_risk_node_probability(g, pr, cg_test_node(g, "plan"), &f, sizeof f);
  g_assert_cmpuint(f.n_regions, ==, 0);
  g_assert_true(cg_risk_profile_set(pr, "planned_claims", "true", NULL));
  cg_risk_node_probability(g, pr, cg_test_node(g, "plan"), &f, sizeof f);
  g_assert_cmpuint(f.n_regions, ==, 1);
  g_assert_cmpfloat_with_epsilon(f.concentration, 1, EPS);
  g_assert_true(cg_risk_profile_set(pr, "unsourced_concentration", "0.2", NULL));
  p = cg_risk_node_probability(g, pr, cg_test_node(g, "ic"), &f, sizeof f);
  g_assert_cmpfloat_with_epsilon(p, 1 - pow(0.95, 0.2), EPS);
  g_assert_true(cg_risk_profile_set(pr, "base_probability", "0.3", NULL));
  g_assert_true(cg_risk_profile_set(pr, "stage.application", "1", NULL));
  p = cg_risk_node_probability(g, pr, cg_test_node(g, "app1"), &f, sizeof f);
  g_assert_cmpfloat_with_epsilon(p, 1 - pow(0.7, 0.2), EPS);
  g_assert_true(cg_risk_profile_set(pr, "base_probability", "1", NULL));
  g_assert_cmpfloat(cg_risk_node_probability(g, pr, cg_test_node(g, "wafer"), NULL, 0), ==, 1);
}

/* Links by hand: score = P(u) × dependence × criticality(v), shares exactly. */
static void
test_links_hand(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  opt.top = 0;
  GError *error = NULL;
  g_autoptr(CgRisk) r = cg_risk(g, &opt, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(r->method, ==, "exact");
  gsize resist = cg_test_node(g, "resist"), ic = cg_test_node(g, "ic");
  gsize ore = cg_test_node(g, "ore"), mix = cg_test_node(g, "mix");
  gsize magnet = cg_test_node(g, "magnet"), app2 = cg_test_node(g, "app2");
  double pr = r->probability[resist], pic = r->probability[ic], pore = r->probability[ore];
  double pmix = r->probability[mix], pmag = r->probability[magnet];
  g_assert_cmpfloat_with_epsilon(pr, 0.142625, EPS);
  /* ic feeds both applications (weight 3 of 3); magnet feeds 汽车 (2 of 3). */
  g_assert_cmpfloat_with_epsilon(r->criticality[ic], 1, EPS);
  g_assert_cmpfloat_with_epsilon(r->criticality[magnet], 2.0 / 3, EPS);
  gssize e = cg_graph_find_edge(g, resist, ic);
  g_assert_cmpfloat_with_epsilon(r->link_score[e], pr * 1 * 1, EPS);
  /* resist → ic reaches an application whenever resist fails. */
  g_assert_cmpfloat_with_epsilon(r->link_share[e], pr, EPS);
  gssize eo = cg_graph_find_edge(g, ore, magnet);
  g_assert_cmpfloat_with_epsilon(r->link_score[eo], pore * 0.5 * 2.0 / 3, EPS);
  /* ore → magnet: ore fails and magnet is lost (it fails, or mix fails too). */
  g_assert_cmpfloat_with_epsilon(r->link_share[eo], pore * (1 - (1 - pmix) * (1 - pmag)), EPS);
  gssize ea = cg_graph_find_edge(g, ic, app2);
  g_assert_cmpfloat_with_epsilon(r->link_score[ea], pic * 2.0 / 3, EPS);

  /* The ranking: score descending, then source id, then target id. */
  for (gsize i = 1; i < r->n_edges; i++) {
    guint32 a = cg_risk_link_order(r)[i - 1], b = cg_risk_link_order(r)[i];
    g_assert_cmpfloat(r->link_score[a], >=, r->link_score[b] - 1e-12);
    if (fabs(r->link_score[a] - r->link_score[b]) < 1e-13) {
      int c = strcmp(cg_node_id(g, cg_edge_source(g, a)), cg_node_id(g, cg_edge_source(g, b)));
      if (c == 0)
        c = strcmp(cg_node_id(g, cg_edge_target(g, a)), cg_node_id(g, cg_edge_target(g, b)));
      g_assert_cmpint(c, <, 0);
    }
  }
  g_assert_cmpuint(r->n_links, ==, r->n_edges);
  const CgRiskLink *top = &r->links[0];
  g_assert_cmpuint(top->source, ==, resist);
  g_assert_cmpuint(top->target, ==, ic);
  g_assert_cmpuint(top->alternatives, ==, 1);
  /* Its why cites the chokepoint quote and names the document, the dependence and what is
   * lost. */
  g_assert_nonnull(strstr(top->why, "光刻胶 → 集成电路: chokepoint (宁波 “高端光刻胶长期被卡脖子"));
  g_assert_nonnull(strstr(top->why, "sole input of its group"));
  g_assert_nonnull(strstr(top->why, "loses 2 applications (手机, 汽车; 100% of weight)"));
  for (gsize i = 0; i < r->n_links; i++)
    if (r->links[i].edge == (guint32)eo) {
      g_assert_nonnull(strstr(r->links[i].why, "one of 2 alternatives (also 混合)"));
      g_assert_nonnull(strstr(r->links[i].why, "produced in 2 regions (赣州, 包头; HHI 0.46)"));
      g_assert_cmpfloat_with_epsilon(r->links[i].dependence, 0.5, EPS);
    }
  char *why = cg_risk_link_why(g, r, (gsize)e);
  g_assert_cmpstr(why, ==, top->why);
  cg_free(why);
  why = cg_risk_node_why(g, r, resist);
  g_assert_true(g_str_has_prefix(why, "光刻胶: P(fails) 0.143; chokepoint (宁波 “"));
  g_assert_nonnull(strstr(why, "produced only in 宁波"));
  cg_free(why);

  /* Against the brute force: expected loss, applications, shares, where to invest. */
  Oracle *o = oracle_new(g);
  Brute b = brute(g, o, r->probability);
  g_assert_cmpfloat_with_epsilon(r->expected_loss, b.mean, EPS);
  g_assert_cmpfloat_with_epsilon(app_probability(r, app2), b.app[app2], EPS);
  for (gsize x = 0; x < r->n_edges; x++)
    g_assert_cmpfloat_with_epsilon(r->link_share[x], b.share[x], EPS);
  g_assert_cmpuint(r->n_invest, >, 0);
  g_assert_cmpuint(r->invest[0].node, ==, resist);
  g_assert_cmpfloat_with_epsilon(r->invest[0].reduction,
                                 b.mean - brute_secured(g, o, r->probability, resist), EPS);
  g_assert_nonnull(strstr(r->invest[0].why, "securing it (P 0.143 → 0)"));
  brute_clear(&b);
  oracle_free(o);
}

/* ---- exact enumeration against the brute force ---------------------------------------------- */

static void
check_exact(CgGraph *g, const double *p, guint seed, guint threads)
{
  GError *error = NULL;
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  opt.probabilities = p;
  opt.exact_max = 24;
  opt.invest = cg_graph_n_nodes(g);
  opt.threads = threads;
  opt.top = 3;
  g_autoptr(CgRisk) r = cg_risk(g, &opt, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(r->method, ==, "exact");
  Oracle *o = oracle_new(g);
  Brute b = brute(g, o, p);
  if (fabs(r->expected_loss - b.mean) > EPS)
    g_error("seed %u: exact expected loss %.12g, brute force %.12g", seed, r->expected_loss, b.mean);
  g_assert_cmpfloat(r->ci95[0], ==, r->expected_loss);
  for (gsize i = 0; i < r->n_applications; i++) {
    const CgRiskApplication *a = &r->applications[i];
    if (fabs(a->failure_probability - b.app[a->node]) > EPS)
      g_error("seed %u app %s: %.12g, brute force %.12g", seed, cg_node_id(g, a->node),
              a->failure_probability, b.app[a->node]);
  }
  for (gsize e = 0; e < r->n_edges; e++)
    if (fabs(r->link_share[e] - b.share[e]) > EPS)
      g_error("seed %u link %s→%s: share %.12g, brute force %.12g", seed,
              cg_node_id(g, cg_edge_source(g, e)), cg_node_id(g, cg_edge_target(g, e)),
              r->link_share[e], b.share[e]);
  /* Where to invest: every node whose securing lowers the loss, exactly. */
  double *red = g_new0(double, o->n);
  for (gsize i = 0; i < r->n_invest; i++)
    red[r->invest[i].node] = r->invest[i].reduction;
  for (gsize x = 0; x < o->n; x++) {
    if (p[x] <= 0)
      continue;
    double want = b.mean - brute_secured(g, o, p, x);
    if (fabs(red[x] - want) > 1e-8)
      g_error("seed %u invest %s: %.12g, brute force %.12g", seed, cg_node_id(g, x), red[x], want);
  }
  for (gsize i = 1; i < r->n_invest; i++)
    g_assert_cmpfloat(r->invest[i - 1].reduction, >=, r->invest[i].reduction - 1e-9);
  g_free(red);
  brute_clear(&b);
  oracle_free(o);
}

static void
test_exact_random(void)
{
  for (guint seed = 1; seed <= 300; seed++) {
    GRand *rng = g_rand_new_with_seed(seed);
    guint n = (guint)g_rand_int_range(rng, 2, 14);
    double pe = g_rand_double_range(rng, 0.1, 0.45);
    g_autoptr(CgGraph) g = cg_test_random_graph(rng, n, pe, 0.5, 0.35);
    double *p = random_probabilities(rng, n, 9);
    check_exact(g, p, seed, 1 + seed % 2);
    g_free(p);
    g_rand_free(rng);
  }
}

/* More than 64 states per batch and back edges: k = 10 on graphs with cycles. */
static void
test_exact_batches(void)
{
  for (guint seed = 1; seed <= 20; seed++) {
    GRand *rng = g_rand_new_with_seed(1000 + seed);
    guint n = 16;
    g_autoptr(CgGraph) g = cg_test_random_graph(rng, n, 0.25, 0.6, 0.3);
    double *p = g_new(double, n);
    for (guint v = 0; v < n; v++)
      p[v] = v < 10 ? g_rand_double_range(rng, 0.05, 0.6) : (v == 10 ? 1 : 0);
    check_exact(g, p, seed, 2);
    g_free(p);
    g_rand_free(rng);
  }
}

/* A recycling loop cannot keep itself alive: x feeds a, a and b feed each other. */
static void
test_cycle(void)
{
  g_autoptr(CgGraph) g = cg_test_load("document d.txt\n"
                                      "node x X stage=raw\nnode a A\nnode b B\nnode app App stage=application\n"
                                      "a <- x | b inferred=\"loop\"\n"
                                      "b <- a inferred=\"loop\"\n"
                                      "app <- b inferred=\"use\"\n");
  double p[4];
  p[cg_test_node(g, "x")] = 0.3;
  p[cg_test_node(g, "a")] = 0.2;
  p[cg_test_node(g, "b")] = 0.1;
  p[cg_test_node(g, "app")] = 0;
  for (guint exact_max = 0; exact_max <= 16; exact_max += 16) {
    CgRiskOptions opt;
    cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
    opt.probabilities = p;
    opt.exact_max = exact_max;
    opt.samples = 200000;
    opt.precision = 0; /* every sample */
    g_autoptr(CgRisk) r = cg_risk(g, &opt, NULL);
    /* app is lost unless x, a and b all work: 1 − 0.7·0.8·0.9 = 0.496. */
    if (exact_max)
      g_assert_cmpfloat_with_epsilon(r->expected_loss, 0.496, EPS);
    else
      g_assert_true(r->ci95[0] <= 0.496 && 0.496 <= r->ci95[1]);
  }
}

/* ---- Monte Carlo --------------------------------------------------------------------------- */

/* Monte Carlo's 95% interval holds the exact expected loss in about 95% of cases. */
static void
test_mc_vs_exact(void)
{
  guint cases = 0, inside = 0, app_ok = 0, app_n = 0;
  for (guint seed = 1; cases < 100; seed++) {
    GRand *rng = g_rand_new_with_seed(5000 + seed);
    guint n = (guint)g_rand_int_range(rng, 5, 14);
    g_autoptr(CgGraph) g = cg_test_random_graph(rng, n, g_rand_double_range(rng, 0.15, 0.4), 0.5, 0.35);
    double *p = random_probabilities(rng, n, 10);
    CgRiskOptions opt;
    cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
    opt.probabilities = p;
    opt.invest = 0;
    opt.exact_max = 24;
    g_autoptr(CgRisk) ex = cg_risk(g, &opt, NULL);
    opt.exact_max = 0;
    opt.samples = 3000;
    opt.precision = 0; /* every sample: the test counts on 3000 */
    opt.seed = seed;
    g_autoptr(CgRisk) mc = cg_risk(g, &opt, NULL);
    g_assert_cmpstr(mc->method, ==, "monte-carlo");
    g_assert_cmpuint(mc->samples, ==, 3000);
    /* Only cases where the loss varies say anything. */
    if (ex->expected_loss > 0 && ex->expected_loss < ex->total_weight &&
        mc->ci95[1] > mc->ci95[0]) {
      cases++;
      inside += mc->ci95[0] <= ex->expected_loss && ex->expected_loss <= mc->ci95[1];
      for (gsize i = 0; i < ex->n_applications; i++) {
        double q = ex->applications[i].failure_probability;
        double f = app_probability(mc, ex->applications[i].node);
        double se = sqrt(q * (1 - q) / 3000);
        app_n++;
        app_ok += fabs(f - q) <= 1.96 * se + 1e-12;
      }
    }
    g_free(p);
    g_rand_free(rng);
  }
  g_test_message("Monte Carlo interval held the exact mean in %u of %u cases; application "
                 "probabilities within 1.96 SE in %u of %u",
                 inside, cases, app_ok, app_n);
  g_assert_cmpuint(inside, >=, 90);
  g_assert_cmpuint(app_ok * 100, >=, app_n * 90);
}

/* The sampler gives each node its own probability, across every bucket: isolated
 * applications (weight 1 each) with probabilities from 0.97 to 1e-4. */
static void
test_sampler(void)
{
  static const double ps[] = {0.97, 0.6, 0.5, 0.3, 0.26, 0.1, 0.03, 0.004, 1e-4, 0};
  GString *s = g_string_new("document d.txt\n");
  for (guint i = 0; i < G_N_ELEMENTS(ps); i++)
    g_string_append_printf(s, "node a%u A%u stage=application\n", i, i);
  g_autoptr(CgGraph) g = cg_test_load(s->str);
  g_string_free(s, TRUE);
  double p[G_N_ELEMENTS(ps)];
  double mean = 0, var = 0;
  for (guint i = 0; i < G_N_ELEMENTS(ps); i++) {
    char id[16];
    g_snprintf(id, sizeof id, "a%u", i);
    g_assert_cmpuint(cg_test_node(g, id), ==, i);
    p[i] = ps[i];
    mean += ps[i];
    var += ps[i] * (1 - ps[i]);
  }
  const gsize N = 400000;
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  opt.probabilities = p;
  opt.exact_max = 0;
  opt.samples = N;
  opt.precision = 0; /* every sample */
  opt.invest = 0;
  g_autoptr(CgRisk) r = cg_risk(g, &opt, NULL);
  for (guint i = 0; i < G_N_ELEMENTS(ps); i++) {
    double f = app_probability(r, i);
    double se = sqrt(ps[i] * (1 - ps[i]) / N);
    if (fabs(f - p[i]) > 4.5 * se + 1e-12)
      g_error("node with p %g failed in %.6f of samples (%.1f SE off)", p[i], f,
              se > 0 ? fabs(f - p[i]) / se : INFINITY);
  }
  g_assert_cmpfloat(fabs(r->expected_loss - mean), <=, 4.5 * sqrt(var / N));
  /* Independence: the variance of the sum is the sum of the variances. */
  double half = (r->ci95[1] - r->ci95[0]) / 2 / 1.959963984540054;
  double sd = half * sqrt((double)N);
  g_assert_cmpfloat(fabs(sd * sd - var), <=, 0.02 * var);
}

/* Probabilities 0 and 1 only: every sample is the same disruption. */
static void
test_mc_deterministic(void)
{
  for (guint seed = 1; seed <= 50; seed++) {
    GRand *rng = g_rand_new_with_seed(seed);
    guint n = (guint)g_rand_int_range(rng, 3, 40);
    g_autoptr(CgGraph) g = cg_test_random_graph(rng, n, 0.15, 0.5, 0.3);
    double *p = g_new(double, n);
    GArray *down = g_array_new(FALSE, FALSE, sizeof(guint32));
    for (guint32 v = 0; v < n; v++) {
      p[v] = g_rand_double(rng) < 0.2;
      if (p[v] > 0)
        g_array_append_val(down, v);
    }
    CgRiskOptions opt;
    cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
    opt.probabilities = p;
    opt.exact_max = 0;
    opt.samples = 100;
    opt.precision = 0; /* every sample */
    g_autoptr(CgRisk) r = cg_risk(g, &opt, NULL);
    g_autoptr(CgImpact) im = cg_disrupt(g, (guint32 *)(void *)down->data, down->len, NULL, NULL);
    g_assert_cmpfloat_with_epsilon(r->expected_loss, im->lost_weight, EPS);
    g_assert_cmpfloat(r->ci95[0], ==, r->ci95[1]);
    for (gsize i = 0; i < r->n_applications; i++) {
      gboolean lost = FALSE;
      for (gsize k = 0; k < im->n_lost_applications; k++)
        lost = lost || im->lost_applications[k] == r->applications[i].node;
      g_assert_cmpfloat(r->applications[i].failure_probability, ==, lost ? 1 : 0);
    }
    g_array_free(down, TRUE);
    g_free(p);
    g_rand_free(rng);
  }
}

/* The same seed gives the same answer on any number of threads; another seed does not. */
/* A generated layered graph: AND/OR groups, recycling back edges, regions. */
static CgGraph *
generated(guint64 nodes, guint64 edges, guint regions, guint64 seed)
{
  GError *error = NULL;
  char *dir = g_dir_make_tmp("cg-risk-XXXXXX", &error);
  g_assert_no_error(error);
  char *prefix = g_build_filename(dir, "gen.tsv", NULL);
  CgGenerateOptions go;
  cg_generate_options_init(&go, CG_GENERATE_OPTIONS_VERSION);
  go.nodes = nodes;
  go.edges = edges;
  go.regions = regions;
  go.seed = seed;
  go.cycle_fraction = 0.02;
  g_assert_true(cg_generate(&go, prefix, &error));
  g_assert_no_error(error);
  const char *paths[] = {prefix, NULL};
  CgGraph *g = cg_graph_load(paths, NULL, &error);
  g_assert_no_error(error);
  GDir *d = g_dir_open(dir, 0, NULL);
  for (const char *f; (f = g_dir_read_name(d));) {
    char *path = g_build_filename(dir, f, NULL);
    g_remove(path);
    g_free(path);
  }
  g_dir_close(d);
  g_rmdir(dir);
  g_free(prefix);
  g_free(dir);
  return g;
}

/* Listing the top k links selects them without ranking every edge; the list and the full
 * ranking asked for afterwards equal a run that ranks every edge (ties included: generated
 * graphs have many links of equal score). */
static void
test_top_links(void)
{
  for (guint64 seed = 1; seed <= 4; seed++) {
    g_autoptr(CgGraph) g = generated(400 * seed, 1600 * seed, 8, seed);
    CgRiskOptions opt;
    cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
    opt.samples = 256;
    opt.seed = seed;
    opt.top = 0;
    g_autoptr(CgRisk) all = cg_risk(g, &opt, NULL);
    g_assert_nonnull(all);
    g_assert_cmpuint(all->n_links, ==, all->n_edges);
    gsize ties = 0;
    for (gsize i = 1; i < all->n_edges; i++)
      ties += all->link_score[all->link_order[i]] == all->link_score[all->link_order[i - 1]];
    g_assert_cmpuint(ties, >, 10);
    const gsize ks[] = {1, 2, 7, 64, all->n_edges - 1, all->n_edges, all->n_edges + 5};
    for (gsize t = 0; t < G_N_ELEMENTS(ks); t++) {
      opt.top = ks[t];
      g_autoptr(CgRisk) r = cg_risk(g, &opt, NULL);
      g_assert_cmpuint(r->n_links, ==, MIN(ks[t], all->n_edges));
      for (gsize i = 0; i < r->n_links; i++) {
        g_assert_cmpuint(r->links[i].edge, ==, all->link_order[i]);
        g_assert_cmpfloat(r->links[i].score, ==, all->links[i].score);
      }
      g_assert_cmpmem(cg_risk_link_order(r), r->n_edges * sizeof(guint32), all->link_order,
                      all->n_edges * sizeof(guint32));
    }
  }
}

static void
test_mc_threads(void)
{
  g_autoptr(CgGraph) g = generated(3000, 12000, 30, 5);
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  opt.samples = 1000;
  opt.precision = 0; /* every sample */
  opt.exact_max = 0;
  g_autoptr(CgRiskProfile) pr = cg_risk_profile_new();
  g_assert_true(cg_risk_profile_set(pr, "base_probability", "0.01", NULL));
  opt.profile = pr;
  CgRisk *r[4];
  for (guint t = 1; t <= 3; t++) {
    opt.threads = t;
    r[t] = cg_risk(g, &opt, NULL);
    g_assert_cmpstr(r[t]->method, ==, "monte-carlo");
  }
  opt.seed = 2;
  r[0] = cg_risk(g, &opt, NULL);
  g_assert_cmpfloat(r[1]->expected_loss, >, 0);
  for (guint t = 2; t <= 3; t++) {
    g_assert_cmpfloat(r[t]->expected_loss, ==, r[1]->expected_loss);
    g_assert_cmpfloat(r[t]->ci95[0], ==, r[1]->ci95[0]);
    g_assert_cmpmem(r[t]->link_share, r[t]->n_edges * sizeof(double), r[1]->link_share,
                    r[1]->n_edges * sizeof(double));
    g_assert_cmpmem(cg_risk_link_order(r[t]), r[t]->n_edges * sizeof(guint32), cg_risk_link_order(r[1]),
                    r[1]->n_edges * sizeof(guint32));
    for (gsize i = 0; i < r[1]->n_applications; i++)
      g_assert_cmpfloat(r[t]->applications[i].failure_probability, ==,
                        r[1]->applications[i].failure_probability);
    g_assert_cmpuint(r[t]->n_invest, ==, r[1]->n_invest);
    for (gsize i = 0; i < r[1]->n_invest; i++) {
      g_assert_cmpuint(r[t]->invest[i].node, ==, r[1]->invest[i].node);
      g_assert_cmpfloat(r[t]->invest[i].reduction, ==, r[1]->invest[i].reduction);
    }
  }
  g_assert_cmpfloat(r[0]->expected_loss, !=, r[1]->expected_loss);
  for (guint t = 0; t <= 3; t++)
    cg_risk_free(r[t]);
}

/* Monte Carlo's "where to invest" against exact: intervals hold the exact reduction. */
static void
test_invest_mc(void)
{
  guint n_in = 0, n_all = 0;
  for (guint seed = 1; seed <= 120; seed++) {
    GRand *rng = g_rand_new_with_seed(900 + seed);
    guint n = (guint)g_rand_int_range(rng, 6, 14);
    g_autoptr(CgGraph) g = cg_test_random_graph(rng, n, 0.3, 0.5, 0.35);
    double *p = random_probabilities(rng, n, 10);
    CgRiskOptions opt;
    cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
    opt.probabilities = p;
    opt.exact_max = 24;
    opt.invest = n;
    g_autoptr(CgRisk) ex = cg_risk(g, &opt, NULL);
    opt.exact_max = 0;
    opt.invest = 3;
    opt.samples = 4000;
    opt.precision = 0; /* every sample */
    opt.seed = seed;
    g_autoptr(CgRisk) mc = cg_risk(g, &opt, NULL);
    for (gsize i = 0; i < mc->n_invest; i++) {
      double want = 0;
      for (gsize k = 0; k < ex->n_invest; k++)
        if (ex->invest[k].node == mc->invest[i].node)
          want = ex->invest[k].reduction;
      if (mc->invest[i].ci95[1] == mc->invest[i].ci95[0])
        continue;
      n_all++;
      n_in += mc->invest[i].ci95[0] <= want && want <= mc->invest[i].ci95[1];
    }
    /* The best node of the exact answer is found. */
    if (ex->n_invest && mc->n_invest && ex->n_invest > 1 &&
        ex->invest[0].reduction > 1.5 * ex->invest[1].reduction)
      g_assert_cmpuint(mc->invest[0].node, ==, ex->invest[0].node);
    g_free(p);
    g_rand_free(rng);
  }
  g_test_message("invest intervals held the exact reduction in %u of %u", n_in, n_all);
  g_assert_cmpuint(n_all, >=, 40);
  /* The listed nodes are the ones whose estimates came out highest, so their intervals
   * cover a little less than 95% (winner's curse). */
  g_assert_cmpuint(n_in * 100, >=, n_all * 80);
}

/* A domestic technology bottleneck is the lightest kind and no foreign dependence: it adds
 * 0.25 to the foreign factor, loses to any heavier kind, and an embargo does not touch it. */
static void
test_bottleneck_kind(void)
{
  g_autoptr(CgGraph) g = cg_test_load(
      "document d.txt\n"
      "node tool 硬质合金 stage=material\nnode gas 电子特气 stage=material\n"
      "node app 应用 stage=application\n"
      "tool -> app inferred=\"x\"\ngas -> app inferred=\"x\"\n"
      "chokepoint tool kind=bottleneck quote=\"瓶颈\"\n"
      "chokepoint gas kind=bottleneck quote=\"瓶颈\"\n"
      "chokepoint gas kind=substitution quote=\"国产化\"\n");
  CgRiskFactors f;
  cg_risk_node_probability(g, NULL, cg_test_node(g, "tool"), &f, sizeof f);
  g_assert_cmpfloat_with_epsilon(f.foreign, 1.25, EPS);
  g_assert_cmpstr(cg_chokepoint_kind_to_string(f.chokepoint), ==, "bottleneck");
  cg_risk_node_probability(g, NULL, cg_test_node(g, "gas"), &f, sizeof f);
  g_assert_cmpfloat_with_epsilon(f.foreign, 1.5, EPS);
  g_assert_cmpstr(cg_chokepoint_kind_to_string(f.chokepoint), ==, "substitution");
  /* An embargo is the outage of the foreign region: without one, nothing is knocked out,
   * whatever the evidence (issue 14). */
  gsize ne;
  g_autofree guint32 *emb = cg_risk_embargo_nodes(g, &ne);
  g_assert_cmpuint(ne, ==, 0);
}

/* ---- scenarios ------------------------------------------------------------------------------- */

static void
test_scenario(void)
{
  /* hand_chain with foreign supply: 国外 also makes resist (which 宁波 and 浙江 make: it
   * survives an embargo) and alone makes imp, which ic now needs (issue 14). */
  g_autofree char *chain_text = g_strconcat(hand_chain,
      "region 国外 id=foreign level=country inferred=\"abroad\"\n"
      "produces 国外 resist,imp inferred=\"imported\"\n"
      "imp -> ic inferred=\"an imported part\"\n", NULL);
  g_autoptr(CgGraph) g = cg_test_load(chain_text);
  GError *error = NULL;
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  g_autoptr(CgRisk) base = cg_risk(g, &opt, &error);
  g_assert_no_error(error);
  Oracle *o = oracle_new(g);

  /* Embargo: the outage of 国外 — imp alone (resist has domestic producers). */
  gsize ne;
  guint32 *emb = cg_risk_embargo_nodes(g, &ne);
  g_assert_cmpuint(ne, ==, 1);
  g_assert_cmpuint(emb[0], ==, (guint32)cg_test_node(g, "imp"));
  g_autoptr(CgRiskScenario) sc = cg_risk_scenario(g, base, NULL, 0, NULL, TRUE, &opt, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(sc->label, ==, "embargo");
  g_assert_cmpstr(sc->method, ==, "exact");
  g_assert_cmpuint(sc->impact->n_disrupted, ==, 1);
  g_assert_cmpuint(sc->impact->n_lost_applications, ==, 2); /* imp takes ic, both apps */
  double *p = g_memdup2(base->probability, o->n * sizeof(double));
  for (gsize i = 0; i < ne; i++)
    p[emb[i]] = 1;
  Brute b = brute(g, o, p);
  g_assert_cmpfloat_with_epsilon(sc->loss, b.mean, EPS);
  g_assert_cmpfloat_with_epsilon(sc->base_loss, base->expected_loss, EPS);
  g_assert_cmpfloat_with_epsilon(sc->change, b.mean - base->expected_loss, EPS);
  g_assert_nonnull(strstr(sc->why, "embargo: 1 node knocked out"));
  brute_clear(&b);
  g_free(p);
  g_free(emb);

  /* A region outage: 赣州 and 包头 together take ore and mix, hence magnet's group. */
  const char *regions[] = {"赣州", "包头", NULL};
  g_autoptr(CgRiskScenario) rs = cg_risk_scenario(g, NULL, NULL, 0, regions, FALSE, &opt, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(rs->label, ==, "region:赣州 + region:包头");
  p = g_memdup2(base->probability, o->n * sizeof(double));
  for (gsize i = 0; i < rs->impact->n_disrupted; i++)
    p[rs->impact->disrupted[i]] = 1;
  b = brute(g, o, p);
  g_assert_cmpfloat_with_epsilon(rs->loss, b.mean, EPS);
  g_assert_cmpfloat_with_epsilon(rs->base_loss, base->expected_loss, EPS);
  brute_clear(&b);

  /* Monte Carlo pairs the draws: the change's interval holds the exact change, and with a
   * base of the same draws the answer is the same as without one. */
  CgRiskOptions mo = opt;
  mo.exact_max = 0;
  mo.samples = 20000;
  mo.precision = 0; /* every sample */
  g_autoptr(CgRisk) mbase = cg_risk(g, &mo, &error);
  g_autoptr(CgRiskScenario) m1 = cg_risk_scenario(g, mbase, NULL, 0, regions, FALSE, &mo, &error);
  g_autoptr(CgRiskScenario) m2 = cg_risk_scenario(g, NULL, NULL, 0, regions, FALSE, &mo, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(m1->method, ==, "monte-carlo");
  g_assert_cmpfloat(m1->change, ==, m2->change);
  g_assert_cmpfloat(m1->base_loss, ==, mbase->expected_loss);
  g_assert_true(m1->change_ci95[0] <= rs->change && rs->change <= m1->change_ci95[1]);
  /* Pairing makes the change's interval narrower than the scenario's own. */
  g_assert_cmpfloat(m1->change_ci95[1] - m1->change_ci95[0], <, m1->ci95[1] - m1->ci95[0]);
  g_free(p);

  /* Named nodes. */
  guint32 nodes[] = {(guint32)cg_test_node(g, "wafer")};
  g_autoptr(CgRiskScenario) ns = cg_risk_scenario(g, base, nodes, 1, NULL, FALSE, &opt, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(ns->label, ==, "nodes:wafer");
  g_assert_cmpfloat_with_epsilon(ns->loss, 3, EPS); /* wafer takes ic and both applications */

  /* Errors. */
  const char *bad[] = {"火星", NULL};
  g_assert_null(cg_risk_scenario(g, base, NULL, 0, bad, FALSE, &opt, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);
  guint32 out_of_range[] = {9999};
  g_assert_null(cg_risk_scenario(g, base, out_of_range, 1, NULL, FALSE, &opt, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);

  /* JSON carries the disrupt keys and the change. */
  char *text = cg_risk_scenario_to_json(g, sc, &error);
  g_autoptr(JsonParser) parser = json_parser_new();
  g_assert_true(json_parser_load_from_data(parser, text, -1, &error));
  JsonObject *root = json_node_get_object(json_parser_get_root(parser));
  g_assert_cmpstr(json_object_get_string_member(root, "scenario"), ==, "embargo");
  g_assert_true(json_object_has_member(root, "lost_applications"));
  JsonObject *el = json_object_get_object_member(root, "expected_loss");
  JsonObject *ch = json_object_get_object_member(el, "change");
  g_assert_cmpfloat_with_epsilon(json_object_get_double_member(ch, "mean"), sc->change, EPS);
  g_assert_cmpuint(json_array_get_length(json_object_get_array_member(ch, "ci95")), ==, 2);
  cg_free(text);
  oracle_free(o);
}

/* ---- JSON and errors -------------------------------------------------------------------------- */

/* The text of cg_risk_to_json() is what json-glib's pretty generator gives for the parsed
 * document (the node records are written directly, the rest through json-glib). */
static void
assert_json_fixed_point(const char *text)
{
  GError *error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new();
  g_assert_true(json_parser_load_from_data(parser, text, -1, &error));
  g_assert_no_error(error);
  g_autoptr(JsonGenerator) gen = json_generator_new();
  json_generator_set_pretty(gen, TRUE);
  json_generator_set_root(gen, json_parser_get_root(parser));
  g_autofree char *again = json_generator_to_data(gen, NULL);
  g_assert_cmpstr(again, ==, text);
}

/* Names and quotes with quotes, backslashes and Chinese; evidence present and absent. */
static void
test_json_text(void)
{
  g_autoptr(CgGraph) g = cg_test_load(
      "document d.txt key=d\n"
      "node a \"名 \\\"q\\\" \\\\ x\" stage=raw\n"
      "node b B stage=application\n"
      "node c C stage=material\n"
      "region R level=city\n"
      "a -> b quote=\"边\\\"e\\\"\"\n"
      "c -> b inferred=\"r\"\n"
      "produces R a quote=\"他说\\\"卡脖子\\\" \\\\ 了\"\n");
  g_autoptr(CgRisk) r = cg_risk(g, NULL, NULL);
  g_assert_nonnull(r);
  g_autofree char *text = cg_risk_to_json(g, r, 0, NULL);
  g_assert_nonnull(strstr(text, "\"name\" : \"名 \\\"q\\\" \\\\ x\""));
  assert_json_fixed_point(text);
}

static void
test_json(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  GError *error = NULL;
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  opt.top = 4;
  g_autoptr(CgRisk) r = cg_risk(g, &opt, &error);
  for (gsize top = 0; top <= 6; top += 3) {
    char *text = cg_risk_to_json(g, r, top, &error);
    g_assert_no_error(error);
    g_autoptr(JsonParser) parser = json_parser_new();
    g_assert_true(json_parser_load_from_data(parser, text, -1, &error));
    JsonObject *root = json_node_get_object(json_parser_get_root(parser));
    assert_json_fixed_point(text);
    JsonArray *nodes = json_object_get_array_member(root, "nodes");
    g_assert_cmpuint(json_array_get_length(nodes), ==, cg_graph_n_nodes(g));
    JsonObject *first = json_array_get_object_element(nodes, 0);
    g_assert_cmpstr(json_object_get_string_member(first, "id"), ==, "resist");
    g_assert_true(json_object_has_member(first, "why"));
    JsonObject *fac = json_object_get_object_member(first, "factors");
    g_assert_cmpfloat_with_epsilon(json_object_get_double_member(fac, "foreign"), 3, EPS);
    g_assert_true(json_object_get_null_member(fac, "import_share")); /* NAN → null */
    for (guint i = 1; i < json_array_get_length(nodes); i++)
      g_assert_cmpfloat(json_object_get_double_member(json_array_get_object_element(nodes, i - 1), "probability"),
                        >=,
                        json_object_get_double_member(json_array_get_object_element(nodes, i), "probability"));
    JsonArray *links = json_object_get_array_member(root, "links");
    g_assert_cmpuint(json_array_get_length(links), ==, top ? top : cg_graph_n_edges(g));
    for (guint i = 0; i < json_array_get_length(links); i++) {
      JsonObject *l = json_array_get_object_element(links, i);
      g_assert_cmpstr(json_object_get_string_member(l, "source"), ==,
                      cg_node_id(g, cg_edge_source(g, cg_risk_link_order(r)[i])));
      g_assert_true(strlen(json_object_get_string_member(l, "why")) > 10);
      g_assert_true(json_object_has_member(l, "criticality_share"));
      g_assert_true(json_object_has_member(json_object_get_object_member(l, "factors"), "dependence"));
    }
    JsonObject *el = json_object_get_object_member(root, "expected_loss");
    g_assert_cmpfloat_with_epsilon(json_object_get_double_member(el, "mean"), r->expected_loss, EPS);
    g_assert_cmpstr(json_object_get_string_member(el, "method"), ==, "exact");
    g_assert_cmpuint(json_array_get_length(json_object_get_array_member(el, "ci95")), ==, 2);
    g_assert_cmpuint(json_array_get_length(json_object_get_array_member(root, "applications")), ==, 2);
    g_assert_true(json_array_get_length(json_object_get_array_member(root, "invest")) > 0);
    g_assert_true(json_object_has_member(json_object_get_object_member(root, "profile"), "base_probability"));
    cg_free(text);
  }
}

static void
test_errors(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  GError *error = NULL;
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  opt.samples = 0;
  g_assert_null(cg_risk(g, &opt, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
  g_clear_error(&error);
  opt.samples = 10;
  opt.precision = 0; /* every sample */
  opt.exact_max = 25;
  g_assert_null(cg_risk(g, &opt, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
  g_clear_error(&error);
  opt.exact_max = 16;
  double *p = g_new0(double, cg_graph_n_nodes(g));
  p[3] = 1.5;
  opt.probabilities = p;
  g_assert_null(cg_risk(g, &opt, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_INVALID);
  g_clear_error(&error);
  p[3] = -INFINITY; /* (NAN is not an error: it keeps the model's probability) */
  g_assert_null(cg_risk(g, &opt, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_INVALID);
  g_clear_error(&error);
  g_assert_null(cg_risk_scenario(g, NULL, NULL, 0, NULL, FALSE, &opt, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_INVALID);
  g_clear_error(&error);
  g_free(p);
  cg_risk_free(NULL);
  cg_risk_scenario_free(NULL);
  cg_risk_profile_free(NULL);
}

/* An empty graph and a graph without applications are answered, not refused. */
static void
test_degenerate(void)
{
  g_autoptr(CgGraph) g = cg_test_load("document d.txt\nnode a A stage=raw\n"
                                      "node b B stage=material\nb <- a inferred=\"x\"\n");
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  opt.exact_max = 0;
  opt.samples = 65;
  opt.precision = 0; /* every sample */
  g_autoptr(CgRisk) r = cg_risk(g, &opt, NULL);
  g_assert_nonnull(r);
  /* No stage says application: the sink b is the application. */
  g_assert_cmpuint(r->n_applications, ==, 1);
  g_assert_cmpfloat(r->expected_loss, >, 0);
  char *text = cg_risk_to_json(g, r, 0, NULL);
  g_assert_nonnull(text);
  cg_free(text);
}

/* ---- sequential sampling, progress and cancellation (issue 17 item 6, issue 16 item 4) -- */

static CgGraph *
mc_graph(guint n, double **p)
{
  GRand *rng = g_rand_new_with_seed(4242 + n);
  CgGraph *g = cg_test_random_graph(rng, n, 4.0 / n, 0.5, 0.2);
  *p = g_new(double, n);
  for (guint v = 0; v < n; v++)
    (*p)[v] = g_rand_double_range(rng, 0.01, 0.2);
  g_rand_free(rng);
  return g;
}

static void
assert_same_risk(const CgRisk *a, const CgRisk *b)
{
  g_assert_cmpuint(a->samples, ==, b->samples);
  g_assert_true(a->expected_loss == b->expected_loss);
  g_assert_true(a->ci95[0] == b->ci95[0] && a->ci95[1] == b->ci95[1]);
  g_assert_cmpuint(a->n_applications, ==, b->n_applications);
  for (gsize i = 0; i < a->n_applications; i++)
    g_assert_true(a->applications[i].failure_probability ==
                  b->applications[i].failure_probability);
  g_assert_cmpuint(a->n_links, ==, b->n_links);
  for (gsize i = 0; i < a->n_links; i++) {
    g_assert_cmpuint(a->links[i].edge, ==, b->links[i].edge);
    g_assert_true(a->links[i].criticality_share == b->links[i].criticality_share);
  }
}

typedef struct {
  gint calls;
  gint stop_after; /* return FALSE at this call (0: never) */
  gint stop_flag;  /* set by another thread */
  double last;
  const char *phase; /* the phase of @last (the library's static strings) */
} Progress;

/* Fractions never decrease within a phase (criticality, then the Monte Carlo). */
static gboolean
progress_cb(double fraction, const char *phase, gpointer data)
{
  Progress *pr = data;
  g_assert_nonnull(phase);
  if (g_strcmp0(phase, pr->phase) != 0)
    pr->last = 0;
  pr->phase = phase;
  g_assert_true(fraction >= pr->last && fraction <= 1);
  pr->last = fraction;
  gint c = g_atomic_int_add(&pr->calls, 1) + 1;
  if (pr->stop_after && c >= pr->stop_after)
    return FALSE;
  return !g_atomic_int_get(&pr->stop_flag);
}

/* The sequential rule, read a second way: with precision q the run stops at N samples, the
 * first multiple of 1,024 at which the interval's half-width is at most q × the mean — the
 * same run with precision 0 and N samples gives the same numbers and meets the rule, and
 * with N − 1,024 it does not. Also: a progress callback changes nothing, nor do threads. */
static void
test_sequential(void)
{
  double *p;
  g_autoptr(CgGraph) g = mc_graph(400, &p);
  for (guint k = 0; k < 3; k++) {
    double q = (double[]){0.05, 0.02, 0.01}[k];
    CgRiskOptions o;
    cg_risk_options_init(&o, CG_RISK_OPTIONS_VERSION);
    o.probabilities = p;
    o.exact_max = 0;
    o.invest = 0;
    o.samples = 200000;
    o.precision = q;
    g_autoptr(CgRisk) r = cg_risk(g, &o, NULL);
    g_assert_nonnull(r);
    gsize N = r->samples;
    g_assert_cmpuint(N % 1024, ==, 0);
    g_assert_cmpuint(N, <, o.samples);
    g_assert_true((r->ci95[1] - r->ci95[0]) / 2 <= q * r->expected_loss);
    CgRiskOptions f = o;
    f.precision = 0;
    f.samples = N;
    g_autoptr(CgRisk) full = cg_risk(g, &f, NULL);
    assert_same_risk(r, full);
    if (N > 1024) {
      f.samples = N - 1024;
      g_autoptr(CgRisk) less = cg_risk(g, &f, NULL);
      g_assert_true((less->ci95[1] - less->ci95[0]) / 2 > q * less->expected_loss);
    }
    /* with a progress callback, and on one thread: identical */
    Progress pr = {0};
    CgRiskOptions w = o;
    w.progress = progress_cb;
    w.progress_data = &pr;
    w.threads = 1;
    g_autoptr(CgRisk) rp = cg_risk(g, &w, NULL);
    assert_same_risk(r, rp);
    /* at least once per round of 1,024 samples, more often on a slow round */
    g_assert_cmpint(pr.calls, >=, (gint)(N / 1024));
  }
  /* the cap: precision too fine for the samples allowed stops at the cap */
  CgRiskOptions o;
  cg_risk_options_init(&o, CG_RISK_OPTIONS_VERSION);
  o.probabilities = p;
  o.exact_max = 0;
  o.invest = 0;
  o.samples = 3000;
  o.precision = 1e-9;
  g_autoptr(CgRisk) r = cg_risk(g, &o, NULL);
  g_assert_cmpuint(r->samples, ==, 3000);
  /* a version-1 struct: no precision field, every sample drawn */
  o.version = 1;
  g_autoptr(CgRisk) r1 = cg_risk(g, &o, NULL);
  g_assert_cmpuint(r1->samples, ==, 3000);
  o.version = CG_RISK_OPTIONS_VERSION;
  o.precision = -1;
  GError *error = NULL;
  g_assert_null(cg_risk(g, &o, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
  g_clear_error(&error);
  g_free(p);
}

static gpointer
stopper(gpointer data)
{
  Progress *pr = data;
  while (g_atomic_int_get(&pr->calls) < 2)
    g_usleep(1000);
  g_atomic_int_set(&pr->stop_flag, 1);
  return NULL;
}

/* Cancelling from the callback and from another thread: NULL, G_IO_ERROR_CANCELLED, before
 * the cap (ASan checks that everything is freed). */
static void
test_cancel(void)
{
  double *p;
  g_autoptr(CgGraph) g = mc_graph(2000, &p);
  CgRiskOptions o;
  cg_risk_options_init(&o, CG_RISK_OPTIONS_VERSION);
  o.probabilities = p;
  o.exact_max = 0;
  o.samples = 1024 * 400;
  o.precision = 0;
  Progress pr = {0};
  pr.stop_after = 3;
  o.progress = progress_cb;
  o.progress_data = &pr;
  GError *error = NULL;
  g_assert_null(cg_risk(g, &o, &error));
  g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error(&error);
  g_assert_cmpint(pr.calls, ==, 3);

  Progress pt = {0};
  o.progress_data = &pt;
  GThread *t = g_thread_new("stopper", stopper, &pt);
  g_assert_null(cg_risk(g, &o, &error));
  g_thread_join(t);
  g_assert_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error(&error);
  g_assert_cmpint(pt.calls, <, 1600);
  g_free(p);
}

/* A partial override: NAN keeps the model's probability of that node, so NAN everywhere but
 * one node gives the run with the model's array where only that node is changed. */
static void
test_partial_override(void)
{
  GError *error = NULL;
  CgGraph *g = cg_graph_load_default(&error);
  g_assert_no_error(error);
  gsize n = cg_graph_n_nodes(g);
  CgRiskOptions opt;
  cg_risk_options_init(&opt, CG_RISK_OPTIONS_VERSION);
  opt.samples = 500;
  opt.invest = 0;
  g_autoptr(CgRisk) model = cg_risk(g, &opt, &error);
  g_assert_no_error(error);
  double *full = g_new(double, n), *partial = g_new(double, n);
  gsize k = cg_test_node(g, "钕铁硼");
  for (gsize v = 0; v < n; v++) {
    full[v] = model->probability[v];
    partial[v] = NAN;
  }
  full[k] = partial[k] = 0.75;
  opt.probabilities = full;
  g_autoptr(CgRisk) a = cg_risk(g, &opt, &error);
  g_assert_no_error(error);
  opt.probabilities = partial;
  g_autoptr(CgRisk) b = cg_risk(g, &opt, &error);
  g_assert_no_error(error);
  g_assert_cmpfloat(b->probability[k], ==, 0.75);
  for (gsize v = 0; v < n; v++)
    g_assert_cmpfloat(a->probability[v], ==, b->probability[v]);
  g_assert_cmpfloat(a->expected_loss, ==, b->expected_loss);
  g_assert_cmpfloat(a->expected_loss, !=, model->expected_loss);
  /* Out of range is still refused, naming the node. */
  partial[k] = 1.5;
  CgRisk *bad = cg_risk(g, &opt, &error);
  g_assert_null(bad);
  g_assert_error(error, CG_ERROR, CG_ERROR_INVALID);
  g_assert_nonnull(strstr(error->message, cg_node_id(g, k)));
  g_clear_error(&error);
  g_free(full);
  g_free(partial);
  cg_graph_free(g);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/risk/profile/defaults", test_profile_defaults);
  g_test_add_func("/risk/model/partial-override", test_partial_override);
  g_test_add_func("/risk/profile/load-set-errors", test_profile_load);
  g_test_add_func("/risk/model/hand", test_model_hand);
  g_test_add_func("/risk/model/bottleneck-kind", test_bottleneck_kind);
  g_test_add_func("/risk/links/hand", test_links_hand);
  g_test_add_func("/risk/exact/random-vs-brute-force", test_exact_random);
  g_test_add_func("/risk/exact/many-batches", test_exact_batches);
  g_test_add_func("/risk/cycle/cannot-sustain-itself", test_cycle);
  g_test_add_func("/risk/mc/agrees-with-exact", test_mc_vs_exact);
  g_test_add_func("/risk/mc/sampler-probabilities", test_sampler);
  g_test_add_func("/risk/mc/deterministic", test_mc_deterministic);
  g_test_add_func("/risk/mc/thread-independent", test_mc_threads);
  g_test_add_func("/risk/links/top-selected", test_top_links);
  g_test_add_func("/risk/invest/mc-vs-exact", test_invest_mc);
  g_test_add_func("/risk/scenario", test_scenario);
  g_test_add_func("/risk/json", test_json);
  g_test_add_func("/risk/json/text", test_json_text);
  g_test_add_func("/risk/errors", test_errors);
  g_test_add_func("/risk/degenerate", test_degenerate);
  g_test_add_func("/risk/sequential", test_sequential);
  g_test_add_func("/risk/cancel", test_cancel);
  return g_test_run();
}

/* Complementarity: a hand-made graph with every measure computed by hand, random graphs
 * with region hierarchies against a plain brute force written only against the public
 * API (dense loops, the TCI by its original |m − x| formula, completion by the naive
 * fixed point, greedy partners by recomputing completion from scratch), determinism, and
 * the error paths. */
#include "cg-test-util.h"
/* White-box: these tests read the results' fields directly (the private definitions);
 * test-results.c checks that the public accessors read the same. */
#include "analysis/cg-results.h"

#include <json-glib/json-glib.h>
#include <math.h>

#define EPS 1e-9

/* ---- the hand-made graph --------------------------------------------------------------
 *
 *   稀土原料 ore ──> 钕铁硼 ndfeb ─┐ (one OR group)
 *            └───> 钐钴 smco ───┴─> 电机 motor ──> 风电 fan (application, weight 1)
 *   锂矿 li ──> 电池 cell ────────────────┐        │
 *                                         └─> 新能源汽车 ev (application, weight 2) <─┘
 *   ev needs motor AND cell.
 *
 * Regions (province level; GZ is a city in JX, NB a city in ZJ):
 *   JX = {ore (via GZ), li}   ZJ = {ndfeb, smco (via NB), cell}   SH = {motor}
 *   GD = {li, smco}           HZ = {motor, ndfeb}
 *   Sorted by name: GD, HZ, JX, SH, ZJ.
 *
 * Criticality (total application weight 3): ore 1 (loses both magnets, so motor, so ev
 * and fan); li 2/3 (cell, so ev); ndfeb 0 and smco 0 (each has the other as alternative);
 * motor 1; cell 2/3; ev 2/3; fan 1/3.
 *
 * Gaps and weights w = 0.01 + max(crit(u), crit(v) over consumers v through unmet groups):
 *   GD: ore (smco <- ore unmet; crit(smco) = 0, crit(ore) = 1)         w = 1.01;  W = 1.01
 *   HZ: ore (ndfeb <- ore unmet, crit ore 1) w = 1.01; smco (motor's group {ndfeb, smco}
 *       is met by ndfeb, so only crit(smco) = 0 counts) w = 0.01;           W = 1.02
 *   JX: none (ore and li have no inputs);                                   W = 0
 *   SH: ndfeb, smco (motor's group unmet, crit(motor) = 1) 1.01 each;       W = 2.02
 *   ZJ: ore (1.01), li (cell <- li unmet, crit(cell) = crit(li) = 2/3) 0.676667;
 *                                                                           W = 1.686667
 *
 * Scores (supplier → receiver), and with uniform weights in brackets:
 *   JX→GD 1 [1]; JX→ZJ 1 [1]; ZJ→SH 1 [1]; JX→HZ 1.01/1.02 = 0.990196 [0.5];
 *   GD→SH 0.5 [0.5]; HZ→SH 0.5 [0.5]; GD→ZJ 0.676667/1.686667 = 0.401186 [0.5];
 *   GD→HZ = ZJ→HZ = 0.01/1.02 = 0.009804 [0.5]; the other 11 pairs 0.
 * Overlap: GD–JX {li}/{li,smco,ore} = 1/3; GD–ZJ {smco}/4 = 1/4; HZ–SH {motor}/2 = 1/2;
 *   HZ–ZJ {ndfeb}/4 = 1/4; the others 0.
 * TCI = 100·Σ min(m_B, x_A):
 *   JX→GD: m = {ore 1}, x_JX = {ore .5, li .5}           → 50
 *   JX→ZJ: m = {ore .598814, li .401186}, x = .5 each   → 100·(.5 + .401186) = 90.1186
 *   ZJ→SH: m = {ndfeb .5, smco .5}, x_ZJ = 1/3 each       → 66.6667
 *   JX→HZ: m = {ore .990196, smco .009804}, x ore .5      → 50
 *   GD→SH → 50, HZ→SH → 50, GD→ZJ → 40.1186, GD→HZ = ZJ→HZ → 0.9804.
 * Links: JX→GD ore→smco; JX→ZJ ore→ndfeb, ore→smco, li→cell; ZJ→SH ndfeb→motor,
 *   smco→motor; JX→HZ ore→ndfeb; GD→SH smco→motor; HZ→SH ndfeb→motor; GD→ZJ li→cell;
 *   GD→HZ smco→motor; ZJ→HZ smco→motor.
 * Order: score desc, then supplier, then receiver: JX→GD, JX→ZJ, ZJ→SH, JX→HZ, GD→SH,
 *   HZ→SH, GD→ZJ, GD→HZ, ZJ→HZ, then the zeros by name: GD→JX, HZ→GD, HZ→JX, HZ→ZJ,
 *   JX→SH, SH→GD, SH→HZ, SH→JX, SH→ZJ, ZJ→GD, ZJ→JX.
 */
static const char hand_chain[] =
    "document d.txt key=d\n"
    "node ore 稀土原料 stage=raw\n"
    "node li 锂矿 stage=raw\n"
    "node ndfeb 钕铁硼 stage=material\n"
    "node smco 钐钴 stage=material\n"
    "node motor 电机 stage=component\n"
    "node cell 电池 stage=component\n"
    "node ev 新能源汽车 stage=application weight=2\n"
    "node fan 风电 stage=application\n"
    "ndfeb <- ore inferred=\"t\"\n"
    "smco <- ore inferred=\"t\"\n"
    "motor <- ndfeb | smco inferred=\"t\"\n"
    "cell <- li inferred=\"t\"\n"
    "ev <- motor & cell inferred=\"t\"\n"
    "fan <- motor inferred=\"t\"\n"
    "region JX level=province\n"
    "region GZ level=city parent=JX\n"
    "region ZJ level=province\n"
    "region NB level=city parent=ZJ\n"
    "region SH level=province\n"
    "region GD level=province\n"
    "region HZ level=province\n"
    "section 专栏2\n"
    "produces GZ ore quote=\"赣州稀土\"\n"
    "produces JX li inferred=\"t\"\n"
    "produces NB ndfeb,smco inferred=\"t\"\n"
    "produces ZJ cell inferred=\"t\"\n"
    "produces SH motor inferred=\"t\"\n"
    "produces GD li,smco inferred=\"t\"\n"
    "produces HZ motor,ndfeb inferred=\"t\"\n";

static const CgComplementPair *
pair(const CgGraph *g, const CgComplement *r, const char *from, const char *to)
{
  gssize i = cg_complement_find_pair(g, r, from, to);
  g_assert_cmpint(i, >=, 0);
  const CgComplementPair *p = cg_complement_pair(r, (gsize)i);
  g_assert_cmpstr(cg_complement_region_name(g, r, p->from), ==, from);
  g_assert_cmpstr(cg_complement_region_name(g, r, p->to), ==, to);
  return p;
}

/* "src>dst,src>dst" */
static void
assert_links(const CgGraph *g, const CgComplementPair *p, const char *want)
{
  GString *s = g_string_new(NULL);
  for (guint32 k = 0; k < p->n_links; k++)
    g_string_append_printf(s, "%s%s>%s", k ? "," : "",
                           cg_node_id(g, cg_edge_source(g, p->links[k])),
                           cg_node_id(g, cg_edge_target(g, p->links[k])));
  g_assert_cmpstr(s->str, ==, want);
  g_string_free(s, TRUE);
}

static void
check_pair(const CgGraph *g, const CgComplement *r, const char *from, const char *to,
           double score, double symmetric, double overlap, double tci, guint filled,
           const char *links)
{
  const CgComplementPair *p = pair(g, r, from, to);
  g_assert_cmpfloat_with_epsilon(p->score, score, 1e-6);
  g_assert_cmpfloat_with_epsilon(p->symmetric, symmetric, 1e-6);
  g_assert_cmpfloat_with_epsilon(p->overlap, overlap, 1e-6);
  g_assert_cmpfloat_with_epsilon(p->tci, tci, 1e-4);
  g_assert_cmpuint(p->n_filled, ==, filled);
  g_assert_false(p->nested);
  assert_links(g, p, links);
}

static void
test_hand_pairs(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  GError *error = NULL;
  g_autoptr(CgComplement) r = cg_complement(g, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpstr(r->level, ==, "province");
  g_assert_cmpuint(r->n_regions, ==, 5);
  g_assert_cmpuint(r->n_ordered_pairs, ==, 20);
  g_assert_cmpuint(cg_complement_n_pairs(r), ==, 20);

  /* Regions, capabilities and gaps. */
  const char *names[] = {"GD", "HZ", "JX", "SH", "ZJ"};
  const gsize ncaps[] = {2, 2, 2, 1, 3}, ngaps[] = {1, 2, 0, 2, 2};
  const double W[] = {1.01, 1.02, 0, 2.02, 1.01 + 0.01 + 2.0 / 3};
  for (guint i = 0; i < 5; i++) {
    g_assert_cmpstr(cg_complement_region_name(g, r, i), ==, names[i]);
    g_assert_cmpuint(r->regions[i].n_capabilities, ==, ncaps[i]);
    g_assert_cmpuint(r->regions[i].n_gaps, ==, ngaps[i]);
    g_assert_cmpfloat_with_epsilon(r->regions[i].gap_weight, W[i], 1e-9);
  }
  /* ZJ's gaps, ascending node index: ore (declared first) then li. */
  g_assert_cmpuint(r->regions[4].gaps[0], ==, cg_test_node(g, "ore"));
  g_assert_cmpfloat_with_epsilon(r->regions[4].gap_weights[0], 1.01, 1e-9);
  g_assert_cmpuint(r->regions[4].gaps[1], ==, cg_test_node(g, "li"));
  g_assert_cmpfloat_with_epsilon(r->regions[4].gap_weights[1], 0.01 + 2.0 / 3, 1e-9);
  /* HZ: smco only through a met group, so the floor alone. */
  g_assert_cmpfloat_with_epsilon(r->regions[1].gap_weights[1], 0.01, 1e-9);

  double gz = (0.01 + 2.0 / 3) / (1.01 + 0.01 + 2.0 / 3); /* GD→ZJ = 0.401186 */
  check_pair(g, r, "JX", "GD", 1, 0.5, 1.0 / 3, 50, 1, "ore>smco");
  check_pair(g, r, "JX", "ZJ", 1, 0.5, 0, 100 * (0.5 + gz), 2, "ore>ndfeb,ore>smco,li>cell");
  check_pair(g, r, "ZJ", "SH", 1, 0.5, 0, 200.0 / 3, 2, "ndfeb>motor,smco>motor");
  check_pair(g, r, "JX", "HZ", 1.01 / 1.02, 1.01 / 2.04, 0, 50, 1, "ore>ndfeb");
  check_pair(g, r, "GD", "SH", 0.5, 0.25, 0, 50, 1, "smco>motor");
  check_pair(g, r, "HZ", "SH", 0.5, 0.25, 0.5, 50, 1, "ndfeb>motor");
  check_pair(g, r, "GD", "ZJ", gz, gz / 2, 0.25, 100 * gz, 1, "li>cell");
  check_pair(g, r, "GD", "HZ", 0.01 / 1.02, 0.005 / 1.02, 0, 1 / 1.02, 1, "smco>motor");
  check_pair(g, r, "ZJ", "HZ", 0.01 / 1.02, 0.005 / 1.02, 0.25, 1 / 1.02, 1, "smco>motor");
  check_pair(g, r, "ZJ", "GD", 0, gz / 2, 0.25, 0, 0, "");
  check_pair(g, r, "GD", "JX", 0, 0.5, 1.0 / 3, 0, 0, "");
  check_pair(g, r, "SH", "HZ", 0, 0.25, 0.5, 0, 0, "");
  check_pair(g, r, "JX", "SH", 0, 0, 0, 0, 0, "");

  const char *order[] = {"JX>GD", "JX>ZJ", "ZJ>SH", "JX>HZ", "GD>SH", "HZ>SH", "GD>ZJ",
                         "GD>HZ", "ZJ>HZ", "GD>JX", "HZ>GD", "HZ>JX", "HZ>ZJ", "JX>SH",
                         "SH>GD", "SH>HZ", "SH>JX", "SH>ZJ", "ZJ>GD", "ZJ>JX"};
  for (guint i = 0; i < 20; i++) {
    const CgComplementPair *p = cg_complement_pair(r, i);
    char *got = g_strdup_printf("%s>%s", cg_complement_region_name(g, r, p->from),
                                cg_complement_region_name(g, r, p->to));
    g_assert_cmpstr(got, ==, order[i]);
    g_free(got);
  }

  /* The explanations cite the links and the claim behind the heaviest gap. */
  char *why = cg_complement_pair_why(g, r, 1);
  g_assert_cmpstr(why, ==,
                  "JX → ZJ: fills 2 of 2 gaps (稀土原料 → 钕铁硼, 锂矿 → 电池), 100% of gap "
                  "weight; GZ makes 稀土原料 per d 专栏2 “赣州稀土”");
  cg_free(why);
  why = cg_complement_pair_why(g, r, (gsize)cg_complement_find_pair(g, r, "GD", "ZJ"));
  g_assert_cmpstr(why, ==,
                  "GD → ZJ: fills 1 of 2 gaps (锂矿 → 电池), 40% of gap weight; GD makes 锂矿 "
                  "(inferred: t); overlap 25% (both make 钐钴)");
  cg_free(why);
  why = cg_complement_pair_why(g, r, (gsize)cg_complement_find_pair(g, r, "SH", "ZJ"));
  g_assert_cmpstr(why, ==, "SH → ZJ: fills none of ZJ's 2 gaps (the heaviest: 稀土原料, 锂矿)");
  cg_free(why);
  why = cg_complement_pair_why(g, r, (gsize)cg_complement_find_pair(g, r, "SH", "JX"));
  g_assert_true(strstr(why, "JX has no gaps to fill"));
  cg_free(why);
}

static void
test_hand_uniform(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  CgComplementOptions opt;
  cg_complement_options_init(&opt, CG_COMPLEMENT_OPTIONS_VERSION);
  opt.weighting = CG_GAP_WEIGHT_UNIFORM;
  GError *error = NULL;
  g_autoptr(CgComplement) r = cg_complement(g, &opt, &error);
  g_assert_no_error(error);
  /* Every gap weighs 1: JX→HZ fills 1 of 2, GD→ZJ 1 of 2; TCI JX→ZJ = 100·(.5 + .5). */
  check_pair(g, r, "JX", "HZ", 0.5, 0.25, 0, 50, 1, "ore>ndfeb");
  check_pair(g, r, "GD", "ZJ", 0.5, 0.25, 0.25, 50, 1, "li>cell");
  check_pair(g, r, "JX", "ZJ", 1, 0.5, 0, 100, 2, "ore>ndfeb,ore>smco,li>cell");
  check_pair(g, r, "GD", "HZ", 0.5, 0.25, 0, 50, 1, "smco>motor");
  g_assert_cmpfloat(r->regions[4].gap_weight, ==, 2);
}

/* Cities: GZ = {ore}, NB = {ndfeb, smco}. With "any" every region takes part and
 * nested pairs are flagged. */
static void
test_hand_levels(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  CgComplementOptions opt;
  cg_complement_options_init(&opt, CG_COMPLEMENT_OPTIONS_VERSION);
  opt.level = "city";
  GError *error = NULL;
  CgComplement *r = cg_complement(g, &opt, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(r->n_ordered_pairs, ==, 2);
  /* NB's only gap is ore (w 1.01), GZ makes it; GZ has no gaps. TCI: m = {ore 1}, x = {ore 1}. */
  check_pair(g, r, "GZ", "NB", 1, 0.5, 0, 100, 1, "ore>ndfeb,ore>smco");
  check_pair(g, r, "NB", "GZ", 0, 0.5, 0, 0, 0, "");
  cg_complement_free(r);

  opt.level = "any";
  r = cg_complement(g, &opt, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(r->n_regions, ==, 7);
  g_assert_cmpuint(r->n_pairs, ==, 42);
  const CgComplementPair *p = pair(g, r, "GZ", "JX");
  g_assert_true(p->nested);
  g_assert_false(pair(g, r, "GZ", "ZJ")->nested);
  /* GZ fills ZJ's gap ore: 1.01 / 1.686667. */
  g_assert_cmpfloat_with_epsilon(pair(g, r, "GZ", "ZJ")->score, 1.01 / (1.02 + 2.0 / 3), 1e-9);
  char *why = cg_complement_pair_why(g, r, (gsize)cg_complement_find_pair(g, r, "GZ", "JX"));
  g_assert_true(strstr(why, "(GZ lies within JX)"));
  cg_free(why);
  cg_complement_free(r);

  /* A level with one region or none: no pairs, not an error. */
  opt.level = "district";
  r = cg_complement(g, &opt, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(r->n_regions, ==, 0);
  g_assert_cmpuint(r->n_pairs, ==, 0);
  char *json = cg_complement_to_json(g, r, &error);
  g_assert_no_error(error);
  g_assert_true(strstr(json, "\"pairs\" : [ ]") || strstr(json, "\"pairs\" : []"));
  cg_free(json);
  cg_complement_free(r);

  /* top keeps the best pairs; the others are not found. */
  opt.level = "province";
  opt.top = 3;
  r = cg_complement(g, &opt, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(r->n_pairs, ==, 3);
  g_assert_cmpuint(r->n_ordered_pairs, ==, 20);
  g_assert_cmpint(cg_complement_find_pair(g, r, "ZJ", "SH"), ==, 2);
  g_assert_cmpfloat_with_epsilon(r->pairs[2].symmetric, 0.5, 1e-12);
  g_assert_cmpint(cg_complement_find_pair(g, r, "JX", "HZ"), ==, -1);
  g_assert_cmpint(cg_complement_find_pair(g, r, "JX", "JX"), ==, -1);
  g_assert_cmpint(cg_complement_find_pair(g, r, "JX", "nowhere"), ==, -1);
  g_assert_cmpint(cg_complement_find_pair(g, r, "GZ", "JX"), ==, -1);
  cg_complement_free(r);
}

static JsonNode *
parse(const char *text)
{
  GError *error = NULL;
  JsonNode *root = json_from_string(text, &error);
  g_assert_no_error(error);
  return root;
}

static void
test_hand_json(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  GError *error = NULL;
  g_autoptr(CgComplement) r = cg_complement(g, NULL, &error);
  char *text = cg_complement_to_json(g, r, &error);
  g_assert_no_error(error);
  JsonNode *root = parse(text);
  JsonObject *o = json_node_get_object(root);
  g_assert_cmpstr(json_object_get_string_member(o, "level"), ==, "province");
  JsonArray *regions = json_object_get_array_member(o, "regions");
  g_assert_cmpuint(json_array_get_length(regions), ==, 5);
  JsonObject *zj = json_array_get_object_element(regions, 4);
  g_assert_cmpstr(json_object_get_string_member(zj, "name"), ==, "ZJ");
  g_assert_cmpstr(json_object_get_string_member(zj, "level"), ==, "province");
  g_assert_cmpint(json_object_get_int_member(zj, "n_capabilities"), ==, 3);
  g_assert_cmpint(json_object_get_int_member(zj, "n_gaps"), ==, 2);
  JsonArray *pairs = json_object_get_array_member(o, "pairs");
  g_assert_cmpuint(json_array_get_length(pairs), ==, 20);
  /* Every ordered pair once. */
  GHashTable *seen = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < 20; i++) {
    JsonObject *p = json_array_get_object_element(pairs, i);
    const char *keys[] = {"from", "to", "score", "symmetric", "overlap", "tci", "links", "why"};
    for (guint k = 0; k < G_N_ELEMENTS(keys); k++)
      g_assert_true(json_object_has_member(p, keys[k]));
    g_hash_table_add(seen, g_strdup_printf("%s>%s", json_object_get_string_member(p, "from"),
                                           json_object_get_string_member(p, "to")));
  }
  g_assert_cmpuint(g_hash_table_size(seen), ==, 20);
  g_hash_table_unref(seen);
  JsonObject *p = json_array_get_object_element(pairs, 1);
  g_assert_cmpstr(json_object_get_string_member(p, "from"), ==, "JX");
  g_assert_cmpstr(json_object_get_string_member(p, "to"), ==, "ZJ");
  g_assert_cmpfloat_with_epsilon(json_object_get_double_member(p, "tci"),
                                 100 * (0.5 + (0.01 + 2.0 / 3) / (1.02 + 2.0 / 3)), 1e-9);
  JsonArray *links = json_object_get_array_member(p, "links");
  g_assert_cmpuint(json_array_get_length(links), ==, 3);
  JsonObject *l = json_array_get_object_element(links, 0);
  g_assert_cmpstr(json_object_get_string_member(l, "source"), ==, "ore");
  g_assert_cmpstr(json_object_get_string_member(l, "target"), ==, "ndfeb");
  g_assert_cmpstr(json_object_get_string_member(l, "source_name"), ==, "稀土原料");
  g_assert_cmpstr(json_object_get_string_member(l, "target_name"), ==, "钕铁硼");
  g_assert_cmpstr(json_object_get_string_member(l, "source_region"), ==, "GZ");
  g_assert_cmpstr(json_object_get_string_member(l, "target_region"), ==, "NB");
  JsonArray *ev = json_object_get_array_member(l, "evidence");
  JsonObject *claim = json_array_get_object_element(ev, 0);
  g_assert_cmpstr(json_object_get_string_member(claim, "quote"), ==, "赣州稀土");
  g_assert_cmpstr(json_object_get_string_member(claim, "section"), ==, "专栏2");
  json_node_unref(root);
  /* Two runs, identical text; one thread or two, identical text. */
  g_autoptr(CgComplement) r2 = cg_complement(g, NULL, &error);
  char *text2 = cg_complement_to_json(g, r2, &error);
  g_assert_cmpstr(text, ==, text2);
  cg_free(text);
  cg_free(text2);
}

static void
test_hand_completion(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  GError *error = NULL;
  /* Every raw material is claimed, so nothing but the applications is free. */
  const char *zj[] = {"ZJ", NULL}, *jxzj[] = {"JX", "ZJ", NULL}, *all3[] = {"JX", "ZJ", "SH", NULL};
  const char *jxhz[] = {"JX", "HZ", NULL}, *gzhz[] = {"GZ", "HZ", NULL}, *none[] = {NULL};
  g_assert_cmpfloat(cg_completion(g, zj, &error), ==, 0);     /* no ore, no li */
  g_assert_cmpfloat(cg_completion(g, jxzj, &error), ==, 0);   /* no motor */
  g_assert_cmpfloat(cg_completion(g, all3, &error), ==, 1);   /* ev (2) + fan (1) */
  g_assert_cmpfloat_with_epsilon(cg_completion(g, jxhz, &error), 1.0 / 3, 1e-12); /* fan */
  g_assert_cmpfloat_with_epsilon(cg_completion(g, gzhz, &error), 1.0 / 3, 1e-12);
  g_assert_cmpfloat(cg_completion(g, none, &error), ==, 0);
  g_assert_cmpfloat(cg_completion(g, NULL, &error), ==, 0);
  g_assert_no_error(error);

  /* JX + HZ: fan is made; ev lacks cell (motor is made, so smco is not "missing"). */
  g_autoptr(CgCompletion) c = cg_completion_full(g, jxhz, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(c->n_applications, ==, 1);
  g_assert_cmpuint(c->applications[0], ==, cg_test_node(g, "fan"));
  g_assert_cmpuint(c->n_missing, ==, 1);
  g_assert_cmpuint(c->missing[0], ==, cg_test_node(g, "cell"));
  char *text = cg_completion_to_json(g, jxhz, &error);
  JsonNode *root = parse(text);
  JsonObject *o = json_node_get_object(root);
  g_assert_cmpfloat_with_epsilon(json_object_get_double_member(o, "completion"), 1.0 / 3, 1e-12);
  g_assert_cmpstr(json_array_get_string_element(json_object_get_array_member(o, "regions"), 1),
                  ==, "HZ");
  g_assert_cmpstr(json_array_get_string_element(
                      json_object_get_array_member(o, "producible_applications"), 0),
                  ==, "fan");
  g_assert_cmpstr(json_array_get_string_element(json_object_get_array_member(o, "missing"), 0), ==,
                  "cell");
  json_node_unref(root);
  cg_free(text);

  /* Unclaimed raw materials are free: here nobody claims ore or li, so ZJ + SH make all. */
  g_autoptr(CgGraph) open = cg_test_load("document d.txt\n"
                                         "node ore O stage=raw\nnode li L stage=raw\n"
                                         "node ndfeb N stage=material\nnode cell C stage=component\n"
                                         "node motor M stage=component\n"
                                         "node ev E stage=application weight=2\n"
                                         "node fan F stage=application\n"
                                         "ndfeb <- ore inferred=\"t\"\n"
                                         "cell <- li inferred=\"t\"\n"
                                         "motor <- ndfeb inferred=\"t\"\n"
                                         "ev <- motor & cell inferred=\"t\"\n"
                                         "fan <- motor inferred=\"t\"\n"
                                         "region ZJ level=province\nregion SH level=province\n"
                                         "region X level=province\n"
                                         "produces ZJ ndfeb,cell inferred=\"t\"\n"
                                         "produces SH motor inferred=\"t\"\n"
                                         "produces X li inferred=\"t\"\n");
  const char *zjsh[] = {"ZJ", "SH", NULL};
  /* li is claimed (by X), so it is not free: cell fails, ev fails; fan (1 of 3) is made. */
  g_assert_cmpfloat_with_epsilon(cg_completion(open, zjsh, &error), 1.0 / 3, 1e-12);
  const char *zjshx[] = {"ZJ", "SH", "X", NULL};
  g_assert_cmpfloat(cg_completion(open, zjshx, &error), ==, 1);
  g_assert_no_error(error);
}

static void
test_hand_region_view(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  GError *error = NULL;
  /* Gaps of ZJ, heaviest first: ore 1.01 (needed by ndfeb, smco; claimed by GZ), li
   * 0.676667 (needed by cell; claimed by GD and JX, by name). */
  g_autoptr(CgRegionGaps) gp = cg_region_gaps(g, "ZJ", CG_GAP_WEIGHT_CRITICALITY, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(gp->n_capabilities, ==, 3);
  g_assert_cmpuint(gp->n_gaps, ==, 2);
  g_assert_cmpuint(gp->gaps[0].node, ==, cg_test_node(g, "ore"));
  g_assert_cmpfloat_with_epsilon(gp->gaps[0].weight, 1.01, 1e-9);
  g_assert_cmpuint(gp->gaps[0].n_consumers, ==, 2);
  g_assert_cmpuint(gp->gaps[0].n_producers, ==, 1);
  g_assert_cmpstr(cg_region_name(g, gp->gaps[0].producers[0]), ==, "GZ");
  g_assert_cmpuint(gp->gaps[1].node, ==, cg_test_node(g, "li"));
  g_assert_cmpuint(gp->gaps[1].n_producers, ==, 2);
  g_assert_cmpstr(cg_region_name(g, gp->gaps[1].producers[0]), ==, "GD");
  g_assert_cmpstr(cg_region_name(g, gp->gaps[1].producers[1]), ==, "JX");
  g_assert_cmpuint(gp->gaps[1].consumers[0], ==, cg_test_node(g, "cell"));

  /* Greedy partners of ZJ: alone 0. No single province raises completion (the motor and
   * the raw materials are both missing), so step 1 takes the one that supplies the most
   * missing nodes: JX (ore, li; HZ and SH supply motor, GD li). Then HZ and SH both make
   * everything (gain 1): HZ by name. */
  g_autoptr(CgPartners) pt = cg_region_partners(g, "ZJ", NULL, 0, &error);
  g_assert_no_error(error);
  g_assert_cmpfloat(pt->completion, ==, 0);
  g_assert_cmpuint(pt->n_steps, ==, 2);
  g_assert_cmpstr(cg_region_name(g, pt->steps[0].region), ==, "JX");
  g_assert_cmpfloat(pt->steps[0].gain, ==, 0);
  g_assert_cmpuint(pt->steps[0].n_supplies, ==, 2);
  g_assert_cmpstr(cg_region_name(g, pt->steps[1].region), ==, "HZ");
  g_assert_cmpfloat_with_epsilon(pt->steps[1].gain, 1, 1e-12);
  g_assert_cmpfloat_with_epsilon(pt->steps[1].completion, 1, 1e-12);
  g_assert_cmpuint(pt->steps[1].n_applications, ==, 2);
  char *why = cg_partners_step_why(g, pt, 1);
  g_assert_cmpstr(why, ==,
                  "HZ raises completion from 0% to 100% (+100%): makes 新能源汽车, 风电 "
                  "producible; supplies 1 missing input (电机); HZ makes 电机 (inferred: t)");
  cg_free(why);
  g_autoptr(CgPartners) one = cg_region_partners(g, "ZJ", "province", 1, &error);
  g_assert_cmpuint(one->n_steps, ==, 1);

  /* Next steps for ZJ: ore (ndfeb, smco here: 1.0, two links), li (1 neighbour, cell,
   * here: 1.0, one link), motor (ndfeb, smco of ndfeb, smco, ev, fan: 0.5); none gains
   * anything alone. ev is an application: left out. */
  CgNextSteps *steps = cg_region_next(g, "ZJ", 0, &error);
  g_assert_no_error(error);
  gsize n = steps->n_items;
  const CgNextStep *next = steps->items;
  g_assert_cmpuint(n, ==, 3);
  g_assert_cmpuint(next[0].node, ==, cg_test_node(g, "ore"));
  g_assert_cmpfloat(next[0].density, ==, 1);
  g_assert_cmpuint(next[0].n_consumers_here, ==, 2);
  g_assert_cmpuint(next[1].node, ==, cg_test_node(g, "li"));
  g_assert_cmpfloat(next[1].density, ==, 1);
  g_assert_cmpuint(next[2].node, ==, cg_test_node(g, "motor"));
  g_assert_cmpfloat(next[2].density, ==, 0.5);
  g_assert_cmpuint(next[2].n_inputs_here, ==, 2);
  g_assert_cmpuint(next[2].n_neighbours, ==, 4);
  why = cg_next_step_why(g, "ZJ", &next[2], &error);
  g_assert_cmpstr(why, ==,
                  "电机: 2 of its 4 neighbours are already here (inputs 钕铁硼, 钐钴); it "
                  "completes no application by itself");
  cg_free(why);
  cg_next_steps_free(steps);
  /* For HZ (motor, ndfeb): producing ore makes ndfeb, so motor, so fan: +1/3. */
  steps = cg_region_next(g, "HZ", 0, &error);
  n = steps->n_items;
  next = steps->items;
  gboolean found = FALSE;
  for (gsize i = 0; i < n; i++)
    if (next[i].node == cg_test_node(g, "ore")) {
      found = TRUE;
      g_assert_cmpfloat_with_epsilon(next[i].gain, 1.0 / 3, 1e-12);
    }
  g_assert_true(found);
  cg_next_steps_free(steps);
  steps = cg_region_next(g, "ZJ", 2, &error);
  g_assert_cmpuint(cg_next_steps_n_items(steps), ==, 2);
  cg_next_steps_free(steps);

  /* The view as JSON, twice identical. */
  char *text = cg_region_view_to_json(g, "ZJ", 0, &error);
  g_assert_no_error(error);
  JsonNode *root = parse(text);
  JsonObject *o = json_node_get_object(root);
  g_assert_cmpstr(json_object_get_string_member(o, "region"), ==, "ZJ");
  JsonArray *caps = json_object_get_array_member(o, "capabilities");
  g_assert_cmpstr(json_array_get_string_element(caps, 0), ==, "cell");
  g_assert_cmpstr(json_array_get_string_element(caps, 2), ==, "smco");
  JsonArray *gaps = json_object_get_array_member(o, "gaps");
  JsonObject *g0 = json_array_get_object_element(gaps, 0);
  g_assert_cmpstr(json_object_get_string_member(g0, "id"), ==, "ore");
  g_assert_cmpfloat_with_epsilon(json_object_get_double_member(g0, "weight"), 1.01, 1e-9);
  g_assert_cmpstr(json_array_get_string_element(json_object_get_array_member(g0, "producers"), 0),
                  ==, "GZ");
  JsonArray *partners = json_object_get_array_member(o, "partners");
  g_assert_cmpuint(json_array_get_length(partners), ==, 2);
  g_assert_cmpstr(json_object_get_string_member(json_array_get_object_element(partners, 1),
                                                "region"),
                  ==, "HZ");
  g_assert_cmpfloat(json_object_get_double_member(o, "completion"), ==, 0);
  JsonArray *nx = json_object_get_array_member(o, "next");
  g_assert_cmpstr(json_object_get_string_member(json_array_get_object_element(nx, 0), "id"), ==,
                  "ore");
  json_node_unref(root);
  char *again = cg_region_view_to_json(g, "ZJ", 0, &error);
  g_assert_cmpstr(text, ==, again);
  cg_free(again);
  cg_free(text);
}

static void
test_errors(void)
{
  g_autoptr(CgGraph) g = cg_test_load(hand_chain);
  GError *error = NULL;
  CgComplementOptions opt;
  cg_complement_options_init(&opt, CG_COMPLEMENT_OPTIONS_VERSION);
  opt.level = "galaxy";
  g_assert_null(cg_complement(g, &opt, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
  g_clear_error(&error);
  opt.level = "unknown";
  g_assert_null(cg_complement(g, &opt, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
  g_clear_error(&error);
  g_assert_null(cg_region_gaps(g, "Atlantis", CG_GAP_WEIGHT_UNIFORM, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);
  g_assert_null(cg_region_partners(g, "Atlantis", NULL, 0, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);
  g_assert_null(cg_region_partners(g, "ZJ", "galaxy", 0, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_USAGE);
  g_clear_error(&error);
  g_assert_null(cg_region_next(g, "Atlantis", 0, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);
  g_assert_null(cg_next_step_why(g, "Atlantis", &(CgNextStep){0}, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);
  const char *bad[] = {"ZJ", "Atlantis", NULL};
  g_assert_cmpfloat(cg_completion(g, bad, &error), ==, -1);
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_assert_true(strstr(error->message, "Atlantis"));
  g_clear_error(&error);
  g_assert_null(cg_completion_full(g, bad, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);
  g_assert_null(cg_completion_to_json(g, bad, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);
  g_assert_null(cg_region_view_to_json(g, "Atlantis", 5, &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_UNKNOWN);
  g_clear_error(&error);
  /* A graph without regions or applications. */
  g_autoptr(CgGraph) bare =
      cg_test_load("document d.txt\nnode a A\nnode b B\nb <- a inferred=\"t\"\n");
  g_autoptr(CgComplement) r = cg_complement(bare, NULL, &error);
  g_assert_no_error(error);
  g_assert_cmpuint(r->n_pairs, ==, 0);
  g_assert_cmpfloat(cg_completion(bare, NULL, &error), ==, 1); /* b is a sink: free */
  cg_complement_free(NULL);
  cg_region_gaps_free(NULL);
  cg_partners_free(NULL);
  cg_completion_free(NULL);
}

/* ---- random graphs against a brute force ----------------------------------------------- */

/* A random AND/OR graph with cycles (as cg-test-util.h) plus a region hierarchy: provinces,
 * cities in random provinces, districts in random cities, and random claims. */
static CgGraph *
random_regional(GRand *rng, guint n, guint *n_regions_out)
{
  GString *s = g_string_new("document r.txt key=r\n");
  for (guint v = 0; v < n; v++)
    g_string_append_printf(s, "node n%u N%u%s weight=%d\n", v, v,
                           g_rand_double(rng) < 0.3 ? " stage=application" : "",
                           g_rand_int_range(rng, 1, 4));
  double p_edge = g_rand_double_range(rng, 0.08, 0.35);
  for (guint v = 0; v < n; v++) {
    GString *groups = g_string_new(NULL);
    guint ngroups = 0;
    for (guint u = 0; u < n; u++) {
      if (u == v || g_rand_double(rng) >= p_edge)
        continue;
      if (ngroups > 0 && g_rand_double(rng) < 0.5)
        g_string_append_printf(groups, " | n%u", u);
      else
        g_string_append_printf(groups, "%sn%u", ngroups++ ? " & " : "", u);
    }
    if (ngroups)
      g_string_append_printf(s, "n%u <- %s inferred=\"random\"\n", v, groups->str);
    g_string_free(groups, TRUE);
  }
  guint np = (guint)g_rand_int_range(rng, 1, 5), nc = (guint)g_rand_int_range(rng, 0, 7);
  guint nd = (guint)g_rand_int_range(rng, 0, 4);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < np; i++) {
    g_string_append_printf(s, "region P%u level=province\n", i);
    g_ptr_array_add(names, g_strdup_printf("P%u", i));
  }
  for (guint i = 0; i < nc; i++) {
    g_string_append_printf(s, "region C%u level=city parent=P%u\n", i,
                           (guint)g_rand_int_range(rng, 0, (gint)np));
    g_ptr_array_add(names, g_strdup_printf("C%u", i));
  }
  for (guint i = 0; i < nd && nc > 0; i++) {
    g_string_append_printf(s, "region D%u level=district parent=C%u\n", i,
                           (guint)g_rand_int_range(rng, 0, (gint)nc));
    g_ptr_array_add(names, g_strdup_printf("D%u", i));
  }
  double p_claim = g_rand_double_range(rng, 0.05, 0.4);
  for (guint i = 0; i < names->len; i++) {
    GString *list = g_string_new(NULL);
    for (guint v = 0; v < n; v++)
      if (g_rand_double(rng) < p_claim)
        g_string_append_printf(list, "%sn%u", list->len ? "," : "", v);
    if (list->len)
      g_string_append_printf(s, "produces %s %s inferred=\"random\"%s\n",
                             (char *)names->pdata[i], list->str,
                             g_rand_boolean(rng) ? " role=develop" : "");
    g_string_free(list, TRUE);
  }
  *n_regions_out = names->len;
  g_ptr_array_free(names, TRUE);
  CgGraph *g = cg_test_load(s->str);
  g_string_free(s, TRUE);
  return g;
}

typedef struct {
  const CgGraph *g;
  gsize n, m, nr;
  guint8 **caps;     /* [region][node]: within-region claims */
  double *crit;      /* brute-force criticality */
  guint8 *claimed;   /* some region claims the node */
} Brute;

static void
brute_init(Brute *b, const CgGraph *g)
{
  b->g = g;
  b->n = cg_graph_n_nodes(g);
  b->m = cg_graph_n_edges(g);
  b->nr = cg_graph_n_regions(g);
  b->caps = g_new0(guint8 *, b->nr);
  b->claimed = g_new0(guint8, b->n);
  for (gsize a = 0; a < b->nr; a++)
    b->caps[a] = g_new0(guint8, b->n);
  for (gsize r = 0; r < b->nr; r++)
    for (gsize i = 0; i < cg_region_n_capabilities(g, r); i++) {
      gsize v = cg_region_capability(g, r, i, NULL, NULL);
      b->claimed[v] = 1;
      for (gsize a = 0; a < b->nr; a++)
        if (cg_region_is_within(g, r, a))
          b->caps[a][v] = 1;
    }
  b->crit = cg_test_brute_criticality(g, NULL);
}

static void
brute_clear(Brute *b)
{
  for (gsize a = 0; a < b->nr; a++)
    g_free(b->caps[a]);
  g_free(b->caps);
  g_free(b->claimed);
  g_free(b->crit);
}

static gboolean
group_met(const Brute *b, const guint8 *have, gsize v, gsize grp)
{
  for (gsize e = 0; e < b->m; e++)
    if (cg_edge_target(b->g, e) == v && cg_edge_group(b->g, e) == grp &&
        have[cg_edge_source(b->g, e)])
      return TRUE;
  return FALSE;
}

/* w_B(u), or 0 if u is not a gap of B. */
static double
brute_gap_weight(const Brute *b, gsize rb, gsize u, gboolean uniform)
{
  const guint8 *cb = b->caps[rb];
  if (cb[u])
    return 0;
  gboolean gap = FALSE;
  double cons = 0;
  for (gsize e = 0; e < b->m; e++) {
    if (cg_edge_source(b->g, e) != u || !cb[cg_edge_target(b->g, e)])
      continue;
    gap = TRUE;
    gsize v = cg_edge_target(b->g, e);
    if (!group_met(b, cb, v, cg_edge_group(b->g, e)))
      cons = MAX(cons, b->crit[v]);
  }
  if (!gap)
    return 0;
  return uniform ? 1 : CG_COMPLEMENT_GAP_FLOOR + MAX(b->crit[u], cons);
}

static void
check_all_pairs(const CgGraph *g, Brute *b, const char *level, gboolean uniform, guint seed)
{
  CgComplementOptions opt;
  cg_complement_options_init(&opt, CG_COMPLEMENT_OPTIONS_VERSION);
  opt.level = level;
  opt.weighting = uniform ? CG_GAP_WEIGHT_UNIFORM : CG_GAP_WEIGHT_CRITICALITY;
  opt.threads = 1 + seed % 2;
  GError *error = NULL;
  g_autoptr(CgComplement) r = cg_complement(g, &opt, &error);
  g_assert_no_error(error);
  /* The regions at the level, by name. */
  GArray *lv = g_array_new(FALSE, FALSE, sizeof(gsize));
  CgRegionLevel want;
  gboolean any = strcmp(level, "any") == 0;
  if (!any)
    g_assert_true(cg_level_from_string(level, &want));
  for (gsize x = 0; x < b->nr; x++)
    if (any || cg_region_level(g, x) == want)
      g_array_append_val(lv, x);
  for (guint i = 1; i < lv->len; i++)
    for (guint j = i; j > 0 && strcmp(cg_region_name(g, g_array_index(lv, gsize, j - 1)),
                                      cg_region_name(g, g_array_index(lv, gsize, j))) > 0;
         j--) {
      gsize t = g_array_index(lv, gsize, j);
      g_array_index(lv, gsize, j) = g_array_index(lv, gsize, j - 1);
      g_array_index(lv, gsize, j - 1) = t;
    }
  g_assert_cmpuint(r->n_regions, ==, lv->len);
  gsize nL = lv->len;
  g_assert_cmpuint(r->n_pairs, ==, nL > 1 ? nL * (nL - 1) : 0);
  double *W = g_new0(double, nL);
  for (gsize i = 0; i < nL; i++) {
    gsize rb = g_array_index(lv, gsize, i);
    g_assert_cmpuint(r->regions[i].region, ==, rb);
    gsize nc = 0, ng = 0;
    for (gsize u = 0; u < b->n; u++) {
      nc += b->caps[rb][u];
      double w = brute_gap_weight(b, rb, u, uniform);
      if (w > 0) {
        g_assert_cmpuint(r->regions[i].gaps[ng], ==, u);
        g_assert_cmpfloat_with_epsilon(r->regions[i].gap_weights[ng], w, EPS);
        ng++;
        W[i] += w;
      }
    }
    g_assert_cmpuint(r->regions[i].n_capabilities, ==, nc);
    g_assert_cmpuint(r->regions[i].n_gaps, ==, ng);
    g_assert_cmpfloat_with_epsilon(r->regions[i].gap_weight, W[i], EPS);
  }
  guint8 *seen = g_new0(guint8, nL * nL + 1);
  for (gsize k = 0; k < r->n_pairs; k++) {
    const CgComplementPair *p = &r->pairs[k];
    g_assert_cmpuint(p->from, !=, p->to);
    g_assert_false(seen[p->from * nL + p->to]);
    seen[p->from * nL + p->to] = 1;
    gsize ra = g_array_index(lv, gsize, p->from), rb = g_array_index(lv, gsize, p->to);
    const guint8 *ca = b->caps[ra], *cb = b->caps[rb];
    /* Dense, plain: every node. */
    double filled = 0, sum_abs = 0;
    gsize n_filled = 0, inter = 0, uni = 0, nca = 0;
    for (gsize u = 0; u < b->n; u++)
      nca += ca[u];
    for (gsize u = 0; u < b->n; u++) {
      double w = brute_gap_weight(b, rb, u, uniform);
      if (w > 0 && ca[u]) {
        filled += w;
        n_filled++;
      }
      double m = W[p->to] > 0 ? w / W[p->to] : 0, x = nca ? (double)ca[u] / nca : 0;
      sum_abs += fabs(m - x);
      inter += ca[u] && cb[u];
      uni += ca[u] || cb[u];
    }
    double score = W[p->to] > 0 ? filled / W[p->to] : 0;
    double tci = W[p->to] > 0 && nca > 0 ? 100 * (1 - 0.5 * sum_abs) : 0;
    if (fabs(p->score - score) > EPS || fabs(p->tci - tci) > 1e-7 ||
        fabs(p->overlap - (uni ? (double)inter / uni : 0)) > EPS || p->n_filled != n_filled)
      g_error("seed %u level %s %s: %s → %s: score %g (brute %g), tci %g (%g), filled %u (%zu)",
              seed, level, uniform ? "uniform" : "criticality", cg_region_name(g, ra),
              cg_region_name(g, rb), p->score, score, p->tci, tci, p->n_filled, n_filled);
    /* Links: every edge u → v, u ∈ C_A, v ∈ C_B, u ∉ C_B, ascending. */
    gsize nl = 0;
    for (gsize e = 0; e < b->m; e++) {
      gsize u = cg_edge_source(g, e), v = cg_edge_target(g, e);
      if (ca[u] && cb[v] && !cb[u]) {
        g_assert_cmpuint(nl, <, p->n_links);
        g_assert_cmpuint(p->links[nl], ==, e);
        nl++;
      }
    }
    g_assert_cmpuint(nl, ==, p->n_links);
    g_assert_cmpint(p->nested, ==,
                    cg_region_is_within(g, ra, rb) || cg_region_is_within(g, rb, ra));
    /* Order: score descending, then supplier name, then receiver name. */
    if (k > 0) {
      const CgComplementPair *q = &r->pairs[k - 1];
      gboolean ok = q->score > p->score ||
                    (q->score == p->score &&
                     (q->from < p->from || (q->from == p->from && q->to < p->to)));
      g_assert_true(ok);
    }
  }
  for (gsize k = 0; k < r->n_pairs; k++) {
    const CgComplementPair *p = &r->pairs[k];
    gssize back = cg_complement_find_pair(g, r, cg_complement_region_name(g, r, p->to),
                                          cg_complement_region_name(g, r, p->from));
    g_assert_cmpint(back, >=, 0);
    g_assert_cmpfloat_with_epsilon(p->symmetric, (p->score + r->pairs[back].score) / 2, 1e-12);
    g_assert_cmpint(cg_complement_find_pair(g, r, cg_complement_region_name(g, r, p->from),
                                            cg_complement_region_name(g, r, p->to)),
                    ==, (gssize)k);
  }
  g_free(seen);
  g_free(W);
  g_array_free(lv, TRUE);
}

/* Naive completion over an availability mask: weight of producible applications. */
static double
brute_weight(const Brute *b, const guint8 *have, guint8 *prod)
{
  guint8 *removed = g_new(guint8, b->n);
  for (gsize v = 0; v < b->n; v++) {
    gboolean free_node = cg_node_is_application(b->g, v) ||
                         (cg_node_in_degree(b->g, v) == 0 && !b->claimed[v]);
    removed[v] = !(have[v] || free_node);
  }
  cg_test_naive_producible(b->g, removed, prod);
  double w = 0;
  for (gsize v = 0; v < b->n; v++)
    if (prod[v] && cg_node_is_application(b->g, v))
      w += cg_node_weight(b->g, v);
  g_free(removed);
  return w;
}

static double
app_total(const Brute *b)
{
  double t = 0;
  for (gsize v = 0; v < b->n; v++)
    if (cg_node_is_application(b->g, v))
      t += cg_node_weight(b->g, v);
  return t;
}

/* The blocking walk of cg_completion_full(), written plainly. */
static void
brute_missing(const Brute *b, const guint8 *have, const guint8 *prod, guint8 *missing)
{
  guint8 *seen = g_new0(guint8, b->n);
  memset(missing, 0, b->n);
  gboolean changed = TRUE;
  for (gsize v = 0; v < b->n; v++)
    seen[v] = cg_node_is_application(b->g, v) && !prod[v];
  while (changed) {
    changed = FALSE;
    for (gsize e = 0; e < b->m; e++) {
      gsize u = cg_edge_source(b->g, e), v = cg_edge_target(b->g, e);
      if (!seen[v] || seen[u] || prod[u] || group_met(b, prod, v, cg_edge_group(b->g, e)))
        continue;
      seen[u] = 1;
      changed = TRUE;
    }
  }
  for (gsize v = 0; v < b->n; v++) {
    gboolean free_node = cg_node_is_application(b->g, v) ||
                         (cg_node_in_degree(b->g, v) == 0 && !b->claimed[v]);
    missing[v] = seen[v] && !have[v] && !free_node;
  }
  g_free(seen);
}

static void
check_completion(const CgGraph *g, Brute *b, GRand *rng, guint seed)
{
  double total = app_total(b);
  guint8 *have = g_new0(guint8, b->n), *prod = g_new(guint8, b->n), *miss = g_new(guint8, b->n);
  for (int trial = 0; trial < 4; trial++) {
    GPtrArray *names = g_ptr_array_new();
    memset(have, 0, b->n);
    for (gsize r = 0; r < b->nr; r++)
      if (g_rand_double(rng) < 0.35) {
        g_ptr_array_add(names, (gpointer)cg_region_name(g, r));
        for (gsize v = 0; v < b->n; v++)
          have[v] |= b->caps[r][v];
      }
    g_ptr_array_add(names, NULL);
    double want = total > 0 ? brute_weight(b, have, prod) / total : 0;
    GError *error = NULL;
    double got = cg_completion(g, (const char *const *)names->pdata, &error);
    g_assert_no_error(error);
    if (fabs(got - want) > EPS)
      g_error("seed %u: completion %g, brute %g", seed, got, want);
    CgCompletion *c = cg_completion_full(g, (const char *const *)names->pdata, &error);
    g_assert_cmpfloat_with_epsilon(c->completion, want, EPS);
    gsize k = 0;
    for (gsize v = 0; v < b->n; v++)
      if (prod[v] && cg_node_is_application(g, v)) {
        g_assert_cmpuint(k, <, c->n_applications);
        g_assert_cmpuint(c->applications[k++], ==, v);
      }
    g_assert_cmpuint(k, ==, c->n_applications);
    brute_missing(b, have, prod, miss);
    k = 0;
    for (gsize v = 0; v < b->n; v++)
      if (miss[v]) {
        if (k >= c->n_missing || c->missing[k] != v)
          g_error("seed %u: missing node %s not reported", seed, cg_node_id(g, v));
        k++;
      }
    g_assert_cmpuint(k, ==, c->n_missing);
    cg_completion_free(c);
    g_ptr_array_free(names, TRUE);
  }
  g_free(have);
  g_free(prod);
  g_free(miss);
}

static void
check_partners_and_next(const CgGraph *g, Brute *b, gsize rb, guint seed)
{
  double total = app_total(b), eps = 1e-12 * (total > 0 ? total : 1);
  double norm = total > 0 ? total : 1;
  guint8 *have = g_memdup2(b->caps[rb], b->n), *prod = g_new(guint8, b->n);
  guint8 *miss = g_new(guint8, b->n), *trial = g_new(guint8, b->n);
  GError *error = NULL;
  /* Greedy, recomputing completion from scratch for every candidate. */
  CgPartners *pt = cg_region_partners(g, cg_region_name(g, rb), NULL, 0, &error);
  g_assert_no_error(error);
  GArray *cand = g_array_new(FALSE, FALSE, sizeof(gsize));
  CgRegionLevel lv = cg_region_level(g, rb);
  for (gsize x = 0; x < b->nr; x++)
    if ((lv == CG_LEVEL_UNKNOWN || cg_region_level(g, x) == lv) && !cg_region_is_within(g, x, rb) &&
        !cg_region_is_within(g, rb, x))
      g_array_append_val(cand, x);
  for (guint i = 1; i < cand->len; i++)
    for (guint j = i; j > 0 && strcmp(cg_region_name(g, g_array_index(cand, gsize, j - 1)),
                                      cg_region_name(g, g_array_index(cand, gsize, j))) > 0;
         j--) {
      gsize t = g_array_index(cand, gsize, j);
      g_array_index(cand, gsize, j) = g_array_index(cand, gsize, j - 1);
      g_array_index(cand, gsize, j - 1) = t;
    }
  guint8 *chosen = g_new0(guint8, cand->len + 1);
  double cur = brute_weight(b, have, prod);
  g_assert_cmpfloat_with_epsilon(pt->completion, cur / norm, EPS);
  gsize steps = 0;
  for (;;) {
    brute_weight(b, have, prod);
    brute_missing(b, have, prod, miss);
    gssize best = -1;
    double best_gain = 0;
    gsize best_sup = 0;
    for (guint i = 0; i < cand->len; i++) {
      if (chosen[i])
        continue;
      const guint8 *ca = b->caps[g_array_index(cand, gsize, i)];
      gsize sup = 0;
      for (gsize v = 0; v < b->n; v++) {
        trial[v] = have[v] | ca[v];
        sup += ca[v] && miss[v];
      }
      double gain = brute_weight(b, trial, prod) - cur;
      if (best < 0 || gain > best_gain + eps || (gain >= best_gain - eps && sup > best_sup)) {
        best = i;
        best_gain = gain;
        best_sup = sup;
      }
    }
    if (best < 0 || (best_gain <= eps && best_sup == 0))
      break;
    if (steps >= pt->n_steps)
      g_error("seed %u region %s: partners stop after %zu steps, brute force goes on with %s",
              seed, cg_region_name(g, rb), steps,
              cg_region_name(g, g_array_index(cand, gsize, best)));
    const CgPartnerStep *st = &pt->steps[steps];
    if (st->region != g_array_index(cand, gsize, best))
      g_error("seed %u region %s step %zu: partner %s, brute force %s", seed,
              cg_region_name(g, rb), steps, cg_region_name(g, st->region),
              cg_region_name(g, g_array_index(cand, gsize, best)));
    g_assert_cmpfloat_with_epsilon(st->gain, best_gain / norm, EPS);
    g_assert_cmpuint(st->n_supplies, ==, best_sup);
    const guint8 *ca = b->caps[g_array_index(cand, gsize, best)];
    for (gsize v = 0; v < b->n; v++)
      have[v] |= ca[v];
    cur = brute_weight(b, have, prod);
    g_assert_cmpfloat_with_epsilon(st->completion, cur / norm, EPS);
    chosen[best] = 1;
    steps++;
  }
  g_assert_cmpuint(steps, ==, pt->n_steps);
  cg_partners_free(pt);
  g_free(chosen);
  g_array_free(cand, TRUE);

  /* Next steps: density over distinct neighbours, gain of the region alone. */
  memcpy(have, b->caps[rb], b->n);
  double base = brute_weight(b, have, prod);
  GArray *want = g_array_new(FALSE, FALSE, sizeof(CgNextStep));
  for (gsize v = 0; v < b->n; v++) {
    if (have[v] || cg_node_is_application(g, v))
      continue;
    guint8 *nb = g_new0(guint8, b->n);
    guint32 in_here = 0, out_here = 0;
    for (gsize e = 0; e < b->m; e++) {
      if (cg_edge_target(g, e) == v) {
        nb[cg_edge_source(g, e)] = 1;
        in_here += have[cg_edge_source(g, e)];
      }
      if (cg_edge_source(g, e) == v) {
        nb[cg_edge_target(g, e)] = 1;
        out_here += have[cg_edge_target(g, e)];
      }
    }
    guint32 nn = 0, here = 0;
    for (gsize u = 0; u < b->n; u++) {
      nn += nb[u];
      here += nb[u] && have[u];
    }
    g_free(nb);
    if (!here)
      continue;
    memcpy(trial, have, b->n);
    trial[v] = 1;
    CgNextStep x = {(guint32)v, (double)here / nn, in_here, out_here, nn,
                    (brute_weight(b, trial, prod) - base) / norm};
    g_array_append_val(want, x);
  }
  /* density desc, gain desc, links here desc, id asc (selection sort, plainly) */
  for (guint i = 0; i < want->len; i++)
    for (guint j = i + 1; j < want->len; j++) {
      CgNextStep *x = &g_array_index(want, CgNextStep, i), *y = &g_array_index(want, CgNextStep, j);
      gboolean swap = y->density > x->density ||
                      (y->density == x->density &&
                       (y->gain > x->gain + 1e-12 ||
                        (fabs(y->gain - x->gain) <= 1e-12 &&
                         (y->n_inputs_here + y->n_consumers_here >
                              x->n_inputs_here + x->n_consumers_here ||
                          (y->n_inputs_here + y->n_consumers_here ==
                               x->n_inputs_here + x->n_consumers_here &&
                           strcmp(cg_node_id(g, y->node), cg_node_id(g, x->node)) < 0)))));
      if (swap) {
        CgNextStep t = *x;
        *x = *y;
        *y = t;
      }
    }
  CgNextSteps *next_list = cg_region_next(g, cg_region_name(g, rb), 0, &error);
  gsize n_next = next_list->n_items;
  const CgNextStep *next = next_list->items;
  g_assert_no_error(error);
  g_assert_cmpuint(n_next, ==, want->len);
  for (gsize i = 0; i < n_next; i++) {
    const CgNextStep *x = &g_array_index(want, CgNextStep, i);
    if (next[i].node != x->node)
      g_error("seed %u region %s: next step %zu is %s, brute force %s", seed,
              cg_region_name(g, rb), i, cg_node_id(g, next[i].node), cg_node_id(g, x->node));
    g_assert_cmpfloat_with_epsilon(next[i].density, x->density, EPS);
    g_assert_cmpfloat_with_epsilon(next[i].gain, x->gain, EPS);
    g_assert_cmpuint(next[i].n_neighbours, ==, x->n_neighbours);
    g_assert_cmpuint(next[i].n_inputs_here, ==, x->n_inputs_here);
    g_assert_cmpuint(next[i].n_consumers_here, ==, x->n_consumers_here);
  }
  cg_next_steps_free(next_list);
  g_array_free(want, TRUE);

  /* Gaps of the region, heaviest first, with consumers and outside claimants. */
  CgRegionGaps *gp = cg_region_gaps(g, cg_region_name(g, rb), CG_GAP_WEIGHT_CRITICALITY, &error);
  g_assert_no_error(error);
  gsize ng = 0;
  double prev = G_MAXDOUBLE;
  for (gsize i = 0; i < gp->n_gaps; i++) {
    const CgGap *x = &gp->gaps[i];
    g_assert_cmpfloat_with_epsilon(x->weight, brute_gap_weight(b, rb, x->node, FALSE), EPS);
    g_assert_cmpfloat(x->weight, <=, prev + EPS);
    prev = x->weight;
    gsize nc = 0, np = 0;
    for (gsize e = 0; e < b->m; e++)
      if (cg_edge_source(g, e) == x->node && b->caps[rb][cg_edge_target(g, e)]) {
        g_assert_cmpuint(x->consumers[nc], ==, cg_edge_target(g, e));
        nc++;
      }
    g_assert_cmpuint(x->n_consumers, ==, nc);
    for (gsize r = 0; r < b->nr; r++) {
      gboolean claims = FALSE;
      for (gsize i2 = 0; i2 < cg_region_n_capabilities(g, r); i2++)
        claims |= cg_region_capability(g, r, i2, NULL, NULL) == x->node;
      np += claims && !cg_region_is_within(g, r, rb);
    }
    g_assert_cmpuint(x->n_producers, ==, np);
  }
  for (gsize u = 0; u < b->n; u++)
    ng += brute_gap_weight(b, rb, u, TRUE) > 0;
  g_assert_cmpuint(gp->n_gaps, ==, ng);
  cg_region_gaps_free(gp);
  g_free(have);
  g_free(prod);
  g_free(miss);
  g_free(trial);
}

static void
test_random_oracle(void)
{
  for (guint seed = 1; seed <= 300; seed++) {
    GRand *rng = g_rand_new_with_seed(seed);
    guint n = (guint)g_rand_int_range(rng, 2, 15), nr;
    g_autoptr(CgGraph) g = random_regional(rng, n, &nr);
    Brute b;
    brute_init(&b, g);
    const char *levels[] = {"province", "city", "district", "any"};
    for (guint k = 0; k < G_N_ELEMENTS(levels); k++) {
      check_all_pairs(g, &b, levels[k], FALSE, seed);
      check_all_pairs(g, &b, levels[k], TRUE, seed);
    }
    check_completion(g, &b, rng, seed);
    check_partners_and_next(g, &b, (gsize)g_rand_int_range(rng, 0, (gint)nr), seed);
    brute_clear(&b);
    g_rand_free(rng);
  }
}

/* Enough regions to split receivers over threads: identical answers with 1 and 2 threads,
 * and against the brute force. */
static void
test_threads_identical(void)
{
  GRand *rng = g_rand_new_with_seed(42);
  GString *s = g_string_new("document r.txt\n");
  guint n = 60, nr = 90;
  for (guint v = 0; v < n; v++)
    g_string_append_printf(s, "node n%u N%u%s\n", v, v, v >= 50 ? " stage=application" : "");
  for (guint v = 10; v < n; v++) {
    guint a = (guint)g_rand_int_range(rng, 0, (gint)v), b, c;
    do
      b = (guint)g_rand_int_range(rng, 0, (gint)v);
    while (b == a);
    do
      c = (guint)g_rand_int_range(rng, 0, (gint)v);
    while (c == a || c == b);
    g_string_append_printf(s, "n%u <- n%u | n%u & n%u inferred=\"r\"\n", v, a, b, c);
  }
  for (guint r = 0; r < nr; r++) {
    g_string_append_printf(s, "region R%02u level=city\nproduces R%02u ", r, r);
    for (guint k = 0; k < 6; k++)
      g_string_append_printf(s, "%sn%u", k ? "," : "", (guint)g_rand_int_range(rng, 0, 50));
    g_string_append(s, " inferred=\"r\"\n");
  }
  g_autoptr(CgGraph) g = cg_test_load(s->str);
  g_string_free(s, TRUE);
  char *text[2];
  for (guint t = 0; t < 2; t++) {
    CgComplementOptions opt;
    cg_complement_options_init(&opt, CG_COMPLEMENT_OPTIONS_VERSION);
    opt.level = "city";
    opt.threads = t + 1;
    GError *error = NULL;
    CgComplement *r = cg_complement(g, &opt, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(r->n_pairs, ==, nr * (nr - 1));
    text[t] = cg_complement_to_json(g, r, &error);
    cg_complement_free(r);
  }
  g_assert_cmpstr(text[0], ==, text[1]);
  cg_free(text[0]);
  cg_free(text[1]);
  /* Keeping the best k (a heap selection when k is small) gives the prefix of the full list. */
  CgComplementOptions opt;
  cg_complement_options_init(&opt, CG_COMPLEMENT_OPTIONS_VERSION);
  opt.level = "city";
  GError *error = NULL;
  g_autoptr(CgComplement) full = cg_complement(g, &opt, &error);
  const gsize ks[] = {1, 2, 7, 50, 125, 126, 4000};
  for (guint i = 0; i < G_N_ELEMENTS(ks); i++) {
    opt.top = ks[i];
    CgComplement *part = cg_complement(g, &opt, &error);
    g_assert_no_error(error);
    g_assert_cmpuint(part->n_pairs, ==, ks[i]);
    for (gsize k = 0; k < ks[i]; k++) {
      g_assert_cmpuint(part->pairs[k].from, ==, full->pairs[k].from);
      g_assert_cmpuint(part->pairs[k].to, ==, full->pairs[k].to);
      g_assert_cmpfloat(part->pairs[k].symmetric, ==, full->pairs[k].symmetric);
      g_assert_cmpuint(part->pairs[k].n_links, ==, full->pairs[k].n_links);
    }
    cg_complement_free(part);
  }
  Brute b;
  brute_init(&b, g);
  check_all_pairs(g, &b, "city", FALSE, 1);
  check_all_pairs(g, &b, "city", TRUE, 2);
  brute_clear(&b);
  g_rand_free(rng);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/complement/hand/pairs", test_hand_pairs);
  g_test_add_func("/complement/hand/uniform", test_hand_uniform);
  g_test_add_func("/complement/hand/levels", test_hand_levels);
  g_test_add_func("/complement/hand/json", test_hand_json);
  g_test_add_func("/complement/hand/completion", test_hand_completion);
  g_test_add_func("/complement/hand/region-view", test_hand_region_view);
  g_test_add_func("/complement/errors", test_errors);
  g_test_add_func("/complement/random/brute-force", test_random_oracle);
  g_test_add_func("/complement/threads/identical", test_threads_identical);
  return g_test_run();
}

/* Supply risk: which supplier→consumer links are most likely to break, and what breaks with
 * them. docs/risk-model.md is the reference for every formula below.
 *
 * 1. The node model (EU CRM 2017/2020 supply-risk structure, GeoPolRisk's HHI × foreign
 *    share): score = stage · concentration · foreign · substitution · recycling, and the
 *    failure probability P = 1 − (1 − base_probability)^score.
 * 2. Link risk: P(u fails) × dependence of v on u (1 sole member, 1/k of k alternatives) ×
 *    criticality of v (cg_criticality()).
 * 3. Expected loss by Monte Carlo over independent node failures, or by exact enumeration of
 *    the uncertain nodes when they are few. The engine is bit-parallel: one 64-bit word per
 *    node holds 64 samples (or 64 enumerated states), and the least fixed point of
 *    "producible" is computed for all 64 at once by one sweep in the baseline order (the
 *    order in which nodes become producible with nothing failed) plus a worklist for the
 *    few back edges that cycles create. That is O(V + E) word operations per 64 samples.
 *    Sample i draws from its own xoshiro256** generator seeded from (seed, i) by splitmix64,
 *    and every floating-point sum is made per batch of 64 and added in batch order (counts
 *    are integers), so the result does not depend on the thread count.
 *    Why not one loss propagation (CgKernel) per sample: a sample of a large graph fails
 *    thousands of nodes, and the kernel's candidate set is then most of the graph. On the
 *    benchmark graph (100,000 nodes, 500,000 edges) the kernel took 10.7 ms a sample, the
 *    bit-parallel sweep 0.3 ms, with identical lost sets on every sample compared. The
 *    kernel still explains links (what losing v alone costs), and its candidate-set idea,
 *    lane by lane, measures where to invest.
 * 4. Scenarios: the scenario's nodes fail for sure, the others with their probability; the
 *    same draws with and without give a paired expected-loss change.
 * 5. Where to invest: reduction(x) = E[L] − E[L | x never fails] = p(x) · E[L(S ∪ {x}) −
 *    L(S \ {x})], estimated on the same draws (exact over the enumeration when exact).
 */
#include "present/cg-present.h" /* its *_to_json part, until it moves to present/ */

#include <errno.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* ==== the profile ======================================================================== */

enum {
  P_BASE,
  P_UNSOURCED,
  P_PLANNED,
  P_F_CHOKEPOINT,
  P_F_FOREIGN,
  P_F_MONOPOLY,
  P_F_SUBSTITUTION,
  P_F_BOTTLENECK,
  P_F_OTHER,
  P_IMPORT_W,
  P_SUBST_W,
  P_RECYCLE_W,
  P_STAGE0, /* CgStage order: unknown, raw, material, component, product, application, recycling */
  P_N = P_STAGE0 + 7
};

typedef struct {
  const char *key;
  double def, min, max;
  gboolean boolean;
  const char *doc;
} ProfileKey;

static const ProfileKey profile_keys[P_N] = {
    {"base_probability", 0.05, 0, 1, FALSE,
     "P0: failure probability of a node whose score is 1 (one producing region, no foreign "
     "dependence, no substitute, no recycling); P = 1 - (1 - P0)^score"},
    {"unsourced_concentration", 0.5, 0, 1, FALSE,
     "concentration (HHI) used for a node no region is known to produce"},
    {"planned_claims", 1, 0, 1, TRUE,
     "whether planned capabilities (produces … role=develop) count as producing regions (the "
     "documents are plans: by default they do; 0 counts only what exists today)"},
    {"foreign.chokepoint", 2.0, 0, 1e6, FALSE,
     "foreign-factor increment for chokepoint evidence of kind chokepoint (卡脖子)"},
    {"foreign.foreign", 1.0, 0, 1e6, FALSE,
     "foreign-factor increment for kind foreign (依赖国外/依赖进口)"},
    {"foreign.monopoly", 1.5, 0, 1e6, FALSE,
     "foreign-factor increment for kind monopoly (国外垄断)"},
    {"foreign.substitution", 0.5, 0, 1e6, FALSE,
     "foreign-factor increment for kind substitution (进口替代/国产化: still imported today)"},
    {"foreign.bottleneck", 0.25, 0, 1e6, FALSE,
     "foreign-factor increment for kind bottleneck (瓶颈/短板: a domestic technology bottleneck, "
     "not a dependence on foreign supply)"},
    {"foreign.other", 1.0, 0, 1e6, FALSE,
     "foreign-factor increment for any other chokepoint kind"},
    {"import_weight", 2.0, 0, 1e6, FALSE,
     "foreign-factor increment per unit of import-dependence share (import=)"},
    {"substitution_weight", 0.8, 0, 1, FALSE,
     "substitution factor = 1 - substitution_weight * substitutability (subst=)"},
    {"recycling_weight", 1.0, 0, 1, FALSE,
     "recycling factor = 1 - recycling_weight * end-of-life recycling input rate (recycle=)"},
    {"stage.unknown", 1.0, 0, 1e6, FALSE, "stage factor of nodes without a stage"},
    {"stage.raw", 1.0, 0, 1e6, FALSE, "stage factor of raw materials"},
    {"stage.material", 1.0, 0, 1e6, FALSE, "stage factor of materials"},
    {"stage.component", 1.0, 0, 1e6, FALSE, "stage factor of components"},
    {"stage.product", 1.0, 0, 1e6, FALSE, "stage factor of products"},
    {"stage.application", 0.0, 0, 1e6, FALSE,
     "stage factor of applications (0: the demand side fails only through its inputs)"},
    {"stage.recycling", 1.0, 0, 1e6, FALSE, "stage factor of recycling nodes"},
};

struct _CgRiskProfile {
  double v[P_N];
};

/**
 * cg_risk_profile_new:
 *
 * A profile holding the documented defaults (docs/risk-model.md, "The profile").
 * Returns: (transfer full): free with cg_risk_profile_free(). Complexity: O(1).
 */
CgRiskProfile *
cg_risk_profile_new(void)
{
  CgRiskProfile *p = g_new(CgRiskProfile, 1);
  for (guint i = 0; i < P_N; i++)
    p->v[i] = profile_keys[i].def;
  return p;
}

/**
 * cg_risk_profile_copy:
 * Returns: (transfer full): a copy of @profile; free with cg_risk_profile_free().
 */
CgRiskProfile *
cg_risk_profile_copy(const CgRiskProfile *profile)
{
  g_return_val_if_fail(profile != NULL, NULL);
  return g_memdup2(profile, sizeof *profile);
}

/** cg_risk_profile_free: Frees @profile. NULL-safe. */
void
cg_risk_profile_free(CgRiskProfile *profile)
{
  g_free(profile);
}

static int
profile_index(const char *key)
{
  for (int i = 0; i < P_N; i++)
    if (strcmp(profile_keys[i].key, key) == 0)
      return i;
  return -1;
}

/**
 * cg_risk_profile_keys:
 * Returns: (transfer none) (array zero-terminated=1): every key of the profile, in the
 *   documented order.
 */
const char *const *
cg_risk_profile_keys(void)
{
  static const char *keys[P_N + 1];
  static gsize done = 0;
  if (g_once_init_enter(&done)) {
    for (guint i = 0; i < P_N; i++)
      keys[i] = profile_keys[i].key;
    keys[P_N] = NULL;
    g_once_init_leave(&done, 1);
  }
  return keys;
}

/**
 * cg_risk_profile_key_doc:
 * Returns: (transfer none) (nullable): one line saying what @key means, or %NULL if the
 *   key is unknown.
 */
const char *
cg_risk_profile_key_doc(const char *key)
{
  g_return_val_if_fail(key != NULL, NULL);
  int i = profile_index(key);
  return i < 0 ? NULL : profile_keys[i].doc;
}

/**
 * cg_risk_profile_get:
 * @value: (out): the value (booleans are 0 or 1)
 * Returns: %FALSE if @key is unknown.
 */
gboolean
cg_risk_profile_get(const CgRiskProfile *profile, const char *key, double *value)
{
  g_return_val_if_fail(profile != NULL && key != NULL && value != NULL, FALSE);
  int i = profile_index(key);
  if (i < 0)
    return FALSE;
  *value = profile->v[i];
  return TRUE;
}

static char *
known_keys(void)
{
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < P_N; i++)
    g_string_append_printf(s, "%s%s", i ? ", " : "", profile_keys[i].key);
  return g_string_free(s, FALSE);
}

/* Parses one value; on error sets a message without the place (the caller adds it). */
static gboolean
profile_parse(int i, const char *text, double *out, char **msg)
{
  const ProfileKey *k = &profile_keys[i];
  while (g_ascii_isspace(*text))
    text++;
  if (k->boolean) {
    if (!g_ascii_strcasecmp(text, "true") || !g_ascii_strcasecmp(text, "yes") ||
        !strcmp(text, "1")) {
      *out = 1;
      return TRUE;
    }
    if (!g_ascii_strcasecmp(text, "false") || !g_ascii_strcasecmp(text, "no") ||
        !strcmp(text, "0")) {
      *out = 0;
      return TRUE;
    }
    *msg = g_strdup_printf("'%s' takes true or false, not '%s'", k->key, text);
    return FALSE;
  }
  char *end = NULL;
  errno = 0;
  double x = g_ascii_strtod(text, &end);
  while (end && g_ascii_isspace(*end))
    end++;
  if (!*text || end == text || (end && *end) || errno == ERANGE || !isfinite(x)) {
    *msg = g_strdup_printf("'%s' takes a number, not '%s'", k->key, text);
    return FALSE;
  }
  if (x < k->min || x > k->max) {
    *msg = g_strdup_printf("'%s' must be in [%g, %g], not %g", k->key, k->min, k->max, x);
    return FALSE;
  }
  *out = x;
  return TRUE;
}

/**
 * cg_risk_profile_set:
 * @key: a key of cg_risk_profile_keys()
 * @value: its value as text (a number; booleans take true/false/yes/no/1/0)
 *
 * Sets one constant, as the CLI's `--set KEY=VALUE` and the Python binding's dict do.
 * Errors: %CG_ERROR_USAGE for an unknown key (the message lists the keys),
 * %CG_ERROR_INVALID for a bad or out-of-range value. On error @profile is unchanged.
 * Complexity: O(keys).
 */
gboolean
cg_risk_profile_set(CgRiskProfile *profile, const char *key, const char *value, GError **error)
{
  g_return_val_if_fail(profile != NULL && key != NULL && value != NULL, FALSE);
  int i = profile_index(key);
  if (i < 0) {
    char *keys = known_keys();
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE, "unknown risk profile key '%s' (known: %s)",
                key, keys);
    g_free(keys);
    return FALSE;
  }
  char *msg = NULL;
  double x;
  if (!profile_parse(i, value, &x, &msg)) {
    g_set_error(error, CG_ERROR, CG_ERROR_INVALID, "%s", msg);
    g_free(msg);
    return FALSE;
  }
  profile->v[i] = x;
  return TRUE;
}

/**
 * cg_risk_profile_load_data:
 * @data: the text: lines `key = value`, `#` starts a comment, blank lines are ignored
 * @length: its length, or -1 if NUL-terminated
 * @name: the file name used in messages
 *
 * Overrides the constants the text names; the others keep their values. On error the
 * profile is unchanged. Errors: %CG_ERROR_PARSE naming `name:line:` for a line without
 * `=`, an unknown key or a bad value. Complexity: O(length · keys).
 */
gboolean
cg_risk_profile_load_data(CgRiskProfile *profile, const char *data, gssize length,
                          const char *name, GError **error)
{
  g_return_val_if_fail(profile != NULL && data != NULL, FALSE);
  if (!name)
    name = "profile";
  gsize len = length < 0 ? strlen(data) : (gsize)length;
  if (!g_utf8_validate(data, (gssize)len, NULL)) {
    g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s: not valid UTF-8", name);
    return FALSE;
  }
  CgRiskProfile tmp = *profile;
  char *copy = g_strndup(data, len);
  char **lines = g_strsplit(copy, "\n", -1);
  gboolean ok = TRUE;
  for (guint ln = 0; lines[ln] && ok; ln++) {
    char *line = lines[ln];
    char *hash = strchr(line, '#');
    if (hash)
      *hash = '\0';
    g_strstrip(line);
    if (!*line)
      continue;
    char *eq = strchr(line, '=');
    if (!eq) {
      g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s:%u: expected 'key = value', got '%s'",
                  name, ln + 1, line);
      ok = FALSE;
      break;
    }
    *eq = '\0';
    char *key = g_strstrip(line), *val = g_strstrip(eq + 1);
    int i = profile_index(key);
    if (i < 0) {
      char *keys = known_keys();
      g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s:%u: unknown risk profile key '%s' (known: %s)",
                  name, ln + 1, key, keys);
      g_free(keys);
      ok = FALSE;
      break;
    }
    char *msg = NULL;
    if (!profile_parse(i, val, &tmp.v[i], &msg)) {
      g_set_error(error, CG_ERROR, CG_ERROR_PARSE, "%s:%u: %s", name, ln + 1, msg);
      g_free(msg);
      ok = FALSE;
    }
  }
  g_strfreev(lines);
  g_free(copy);
  if (ok)
    *profile = tmp;
  return ok;
}

/**
 * cg_risk_profile_load:
 * @path: a profile file (see cg_risk_profile_load_data())
 *
 * Errors: %CG_ERROR_IO if the file cannot be read, else as cg_risk_profile_load_data().
 * Complexity: O(file size · keys).
 */
gboolean
cg_risk_profile_load(CgRiskProfile *profile, const char *path, GError **error)
{
  g_return_val_if_fail(profile != NULL && path != NULL, FALSE);
  char *data = NULL;
  gsize len = 0;
  GError *io = NULL;
  if (!g_file_get_contents(path, &data, &len, &io)) {
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s", io->message);
    g_error_free(io);
    return FALSE;
  }
  gboolean ok = cg_risk_profile_load_data(profile, data, (gssize)len, path, error);
  g_free(data);
  return ok;
}

/**
 * cg_risk_profile_to_text:
 *
 * The profile as a file cg_risk_profile_load() reads back: every key with its value and,
 * as a comment, what it means. Returns: (transfer full): free with cg_free().
 */
char *
cg_risk_profile_to_text(const CgRiskProfile *profile)
{
  g_return_val_if_fail(profile != NULL, NULL);
  GString *s = g_string_new("# chaingraph risk profile (docs/risk-model.md)\n");
  for (guint i = 0; i < P_N; i++) {
    const ProfileKey *k = &profile_keys[i];
    g_string_append_printf(s, "\n# %s\n", k->doc);
    if (k->boolean)
      g_string_append_printf(s, "%s = %s\n", k->key, profile->v[i] != 0 ? "true" : "false");
    else {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      /* The shortest decimal that reads back as the same double (0.05, not 0.0500…03). */
      for (int prec = 6; prec <= 17; prec++) {
        char fmt[8];
        g_snprintf(fmt, sizeof fmt, "%%.%dg", prec);
        g_ascii_formatd(buf, sizeof buf, fmt, profile->v[i]);
        if (g_ascii_strtod(buf, NULL) == profile->v[i])
          break;
      }
      g_string_append_printf(s, "%s = %s\n", k->key, buf);
    }
  }
  return g_string_free(s, FALSE);
}

/* ==== the node model ======================================================================= */

/* The producing regions of every node, at their most specific (cg__producers_build). */
typedef CgProducers Claims;

static double
kind_weight(const CgRiskProfile *pr, const char *kind)
{
  if (!kind || !strcmp(kind, "chokepoint"))
    return pr->v[P_F_CHOKEPOINT];
  if (!strcmp(kind, "foreign"))
    return pr->v[P_F_FOREIGN];
  if (!strcmp(kind, "monopoly"))
    return pr->v[P_F_MONOPOLY];
  if (!strcmp(kind, "substitution"))
    return pr->v[P_F_SUBSTITUTION];
  if (!strcmp(kind, "bottleneck"))
    return pr->v[P_F_BOTTLENECK];
  return pr->v[P_F_OTHER];
}

/* A claim's share. The graph keeps shares in single precision; read back the decimal that
 * was written (7 significant digits) so that 0.6 is 0.6 and hand computations agree. */
static double
cap_share(const CgCapability *c)
{
  if (isnan(c->share))
    return NAN;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return g_ascii_strtod(g_ascii_formatd(buf, sizeof buf, "%.7g", (double)c->share), NULL);
}

/* Herfindahl–Hirschman index of the kept claims (docs/risk-model.md, "Concentration"). */
static double
claims_hhi(const Claims *c, guint32 v)
{
  guint32 k = c->off[v + 1] - c->off[v];
  double known = 0, sq = 0;
  guint32 unknown = 0;
  for (guint32 i = c->off[v]; i < c->off[v + 1]; i++) {
    double s = cap_share(c->cap[i]);
    if (isnan(s) || s <= 0)
      unknown++;
    else
      known += s;
  }
  if (k == 0)
    return NAN;
  if (known >= 1) {
    for (guint32 i = c->off[v]; i < c->off[v + 1]; i++) {
      double s = cap_share(c->cap[i]);
      if (!isnan(s) && s > 0)
        sq += (s / known) * (s / known);
    }
    return sq;
  }
  for (guint32 i = c->off[v]; i < c->off[v + 1]; i++) {
    double s = cap_share(c->cap[i]);
    if (!isnan(s) && s > 0)
      sq += s * s;
  }
  double rest = 1 - known;
  if (unknown > 0)
    sq += rest * rest / unknown; /* the unknown claims share the rest equally */
  else
    sq += rest * rest; /* unlisted producers: one block */
  return sq;
}

static double
node_model(const CgGraph *g, const CgRiskProfile *pr, const Claims *c, guint32 v,
           CgRiskFactors *f)
{
  const CgNodeRec *n = cg__node(g, v);
  f->n_regions = c->off[v + 1] - c->off[v];
  f->concentration = f->n_regions ? claims_hhi(c, v) : pr->v[P_UNSOURCED];
  double fk = 0;
  f->chokepoint = NULL;
  if (n->x && n->x->chokepoints)
    for (guint i = 0; i < n->x->chokepoints->len; i++) {
      const char *kind = n->x->chokepoint_kinds->pdata[i];
      double w = kind_weight(pr, kind);
      if (!f->chokepoint || w > fk) {
        fk = w;
        f->chokepoint = kind;
      }
    }
  f->import_share = n->import_share;
  f->foreign = 1 + fk + (isnan(n->import_share) ? 0 : pr->v[P_IMPORT_W] * n->import_share);
  f->substitutability = n->subst;
  f->substitution = 1 - (isnan(n->subst) ? 0 : pr->v[P_SUBST_W] * n->subst);
  f->recycling_rate = n->recycle;
  f->recycling = 1 - (isnan(n->recycle) ? 0 : pr->v[P_RECYCLE_W] * n->recycle);
  guint st = n->stage <= CG_STAGE_RECYCLING ? n->stage : CG_STAGE_UNKNOWN;
  f->stage = pr->v[P_STAGE0 + st];
  f->score = f->stage * f->concentration * f->foreign * f->substitution * f->recycling;
  if (f->score <= 0)
    return 0;
  /* 1 − (1 − P0)^s, computed so that s = 1 gives P0 to the last digit. */
  double p = -expm1(f->score * log1p(-pr->v[P_BASE]));
  return CLAMP(p, 0, 1);
}

/**
 * cg_risk_node_probability:
 * @profile: (nullable): %NULL for the defaults
 * @node: a node index
 * @factors: (out) (optional): the factors behind the probability
 *
 * One node's failure probability under the model (docs/risk-model.md).
 * Returns: the probability in [0, 1]. Complexity: O(claims of the whole graph), since the
 * region claims are scanned; cg_risk() computes every node at once in O(claims · depth²).
 */
double
cg_risk_node_probability(const CgGraph *g, const CgRiskProfile *profile, gsize node,
                         CgRiskFactors *factors)
{
  g_return_val_if_fail(g != NULL && g->finished && node < cg__n(g), NAN);
  CgRiskProfile def;
  if (!profile) {
    for (guint i = 0; i < P_N; i++)
      def.v[i] = profile_keys[i].def;
    profile = &def;
  }
  Claims c;
  cg__producers_build(g, profile->v[P_PLANNED] != 0, (guint32)node, &c);
  CgRiskFactors f;
  double p = node_model(g, profile, &c, (guint32)node, &f);
  cg__producers_clear(&c);
  if (factors)
    *factors = f;
  return p;
}

/* ==== the engine: 64 samples per word ===================================================== */

#define LANES 64
#define FIX 1152921504606846976.0 /* 2^60: fixed-point unit of exact probabilities */

typedef struct {
  const CgGraph *g;
  CgBaseline b;
  guint32 n, m, n_prod;
  guint32 *topo;       /* [n_prod]: producible nodes in baseline order */
  const guint32 *out_dst; /* [m]: the graph's out-edge targets (CSR order) */
  guint32 *back_off;   /* [n+1] */
  guint32 *back_dst;   /* back edges: u → w with order(w) ≤ order(u) */
  guint32 *back_src;   /* nodes with back edges */
  guint32 n_back_src;
  guint32 *apps;       /* producible applications */
  double *app_w;       /* [n]: application weight (0 for others) */
  guint32 n_apps;
  guint8 *is_app;      /* [n]: producible application */
} Engine;

static void
engine_init(Engine *E, const CgGraph *g)
{
  guint32 n = cg__n(g), m = cg__m(g);
  E->g = g;
  E->n = n;
  E->m = m;
  cg__baseline_init(g, &E->b);
  const CgBaseline *b = &E->b;
  E->n_prod = b->n_prod;
  E->topo = g_new(guint32, b->n_prod ? b->n_prod : 1);
  for (guint32 v = 0; v < n; v++)
    if (b->prod[v])
      E->topo[b->order[v]] = v;
  E->out_dst = g->out_dst;
  E->back_off = g_new0(guint32, n + 1);
  GArray *bd = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *bs = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 u = 0; u < n; u++) {
    guint32 before = bd->len;
    if (b->prod[u])
      for (guint32 k = g->out_off[u]; k < g->out_off[u + 1]; k++) {
        guint32 w = E->out_dst[k];
        if (b->prod[w] && b->order[w] <= b->order[u])
          g_array_append_val(bd, w);
      }
    if (bd->len > before)
      g_array_append_val(bs, u);
    E->back_off[u + 1] = bd->len;
  }
  E->n_back_src = bs->len;
  E->back_dst = (guint32 *)(void *)g_array_free(bd, FALSE);
  E->back_src = (guint32 *)(void *)g_array_free(bs, FALSE);
  E->app_w = g_new0(double, n ? n : 1);
  E->is_app = g_new0(guint8, n ? n : 1);
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < n; v++)
    if (cg__is_app(g, v)) {
      E->app_w[v] = cg__app_weight(g, v);
      if (b->prod[v]) {
        E->is_app[v] = 1;
        g_array_append_val(apps, v);
      }
    }
  E->n_apps = apps->len;
  E->apps = (guint32 *)(void *)g_array_free(apps, FALSE);
}

static void
engine_clear(Engine *E)
{
  cg__baseline_clear(&E->b);
  g_free(E->topo);
  g_free(E->back_off);
  g_free(E->back_dst);
  g_free(E->back_src);
  g_free(E->apps);
  g_free(E->app_w);
  g_free(E->is_app);
}

/* Who fails in a sample: forced nodes always; uncertain nodes by their probability.
 * Monte Carlo draws by buckets of similar probability: candidates at rate q = 2^-b by
 * geometric skips, each accepted with p/q ≥ 1/2, so a sample costs O(failures + buckets).
 * Exact enumeration: bit i of the state index is the i-th uncertain node. */
#define NBUCKETS 64
typedef struct {
  const double *p;
  guint32 *forced;
  guint32 n_forced;
  gboolean exact;
  guint32 *unc;  /* exact: the uncertain nodes, ascending */
  guint k;
  guint32 boff[NBUCKETS + 1];
  guint32 *bnodes;
  double *bp;    /* p of bnodes[i], stored alongside for cache locality */
  double bq[NBUCKETS], blq[NBUCKETS];
  guint64 seed;
  gsize lanes_total; /* samples or 2^k states */
} Sampler;

static void
sampler_init(Sampler *S, const Engine *E, const double *p, const guint8 *extra_forced,
             gboolean exact, guint64 seed, gsize samples)
{
  memset(S, 0, sizeof *S);
  S->p = p;
  S->seed = seed;
  S->exact = exact;
  GArray *forced = g_array_new(FALSE, FALSE, sizeof(guint32));
  GArray *unc = g_array_new(FALSE, FALSE, sizeof(guint32));
  guint32 bcnt[NBUCKETS] = {0};
  guint8 *bucket = g_new(guint8, E->n ? E->n : 1);
  for (guint32 v = 0; v < E->n; v++) {
    if (!E->b.prod[v])
      continue;
    if ((extra_forced && extra_forced[v]) || p[v] >= 1) {
      g_array_append_val(forced, v);
      continue;
    }
    if (p[v] <= 0)
      continue;
    g_array_append_val(unc, v);
    guint b = 0;
    double q = 1;
    while (b < NBUCKETS - 1 && q / 2 >= p[v]) {
      q /= 2;
      b++;
    }
    bucket[v] = (guint8)b;
    bcnt[b]++;
  }
  S->n_forced = forced->len;
  S->forced = (guint32 *)(void *)g_array_free(forced, FALSE);
  S->k = unc->len;
  S->boff[0] = 0;
  for (guint b = 0; b < NBUCKETS; b++) {
    S->boff[b + 1] = S->boff[b] + bcnt[b];
    S->bq[b] = ldexp(1.0, -(int)b);
    S->blq[b] = b == 0 ? 0 : log1p(-S->bq[b]);
  }
  S->bnodes = g_new(guint32, S->k ? S->k : 1);
  S->bp = g_new(double, S->k ? S->k : 1);
  guint32 fill[NBUCKETS];
  memcpy(fill, S->boff, sizeof fill);
  for (guint i = 0; i < unc->len; i++) {
    guint32 v = g_array_index(unc, guint32, i);
    S->bp[fill[bucket[v]]] = p[v];
    S->bnodes[fill[bucket[v]]++] = v;
  }
  S->unc = (guint32 *)(void *)g_array_free(unc, FALSE);
  S->lanes_total = exact ? ((gsize)1 << S->k) : samples;
  g_free(bucket);
}

static void
sampler_clear(Sampler *S)
{
  g_free(S->forced);
  g_free(S->unc);
  g_free(S->bnodes);
  g_free(S->bp);
}

static inline guint64
splitmix64(guint64 *x)
{
  guint64 z = (*x += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

typedef struct {
  guint64 s[4];
} Rng;

static inline guint64
rotl(guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static inline guint64
rng_next(Rng *r)
{
  guint64 *s = r->s;
  guint64 res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 45);
  return res;
}

/* Uniform in [0, 1). */
static inline double
rng_double(Rng *r)
{
  return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

/* The generator of sample @index: xoshiro256** seeded by splitmix64 from (seed, index). */
static void
rng_for_sample(Rng *r, guint64 seed, guint64 index)
{
  guint64 x = seed;
  guint64 h = splitmix64(&x);
  x = h ^ (index * 0xd1b54a32d192ed03ull);
  for (int i = 0; i < 4; i++)
    r->s[i] = splitmix64(&x);
}

/* One thread's 64-lane state. */
typedef struct {
  const Engine *E;
  const Sampler *S;
  guint64 *alive, *lost, *reach, *fail, *kill;
  guint64 *p1;     /* alive after the in-order pass of forward() (where to invest only) */
  GArray *touched; /* nodes whose fail word is set */
  guint8 *dirty;
  GArray *heap;    /* min-heap of baseline orders */
  GArray *stack;
  guint64 valid;
  double w[LANES]; /* lane weights: 1 (Monte Carlo) or the state's probability */
  double L[LANES]; /* lost application weight per lane */
  double table[8][256];
  /* Undo log of a variant (where to invest). */
  guint32 *stamp;
  guint32 epoch;
  GArray *undo_v;
  GArray *undo_a;
} Lanes;

static void
lanes_init(Lanes *ln, const Engine *E, const Sampler *S)
{
  guint32 n = E->n ? E->n : 1;
  memset(ln, 0, sizeof *ln);
  ln->E = E;
  ln->S = S;
  ln->alive = g_new0(guint64, n);
  ln->lost = g_new0(guint64, n);
  ln->reach = g_new0(guint64, n);
  ln->fail = g_new0(guint64, n);
  ln->kill = g_new0(guint64, n);
  ln->dirty = g_new0(guint8, n);
  ln->stamp = g_new0(guint32, n);
  ln->touched = g_array_new(FALSE, FALSE, sizeof(guint32));
  ln->heap = g_array_new(FALSE, FALSE, sizeof(guint32));
  ln->stack = g_array_new(FALSE, FALSE, sizeof(guint32));
  ln->undo_v = g_array_new(FALSE, FALSE, sizeof(guint32));
  ln->undo_a = g_array_new(FALSE, FALSE, sizeof(guint64));
}

static void
lanes_clear(Lanes *ln)
{
  g_free(ln->alive);
  g_free(ln->lost);
  g_free(ln->reach);
  g_free(ln->fail);
  g_free(ln->kill);
  g_free(ln->p1);
  g_free(ln->dirty);
  g_free(ln->stamp);
  g_array_free(ln->touched, TRUE);
  g_array_free(ln->heap, TRUE);
  g_array_free(ln->stack, TRUE);
  g_array_free(ln->undo_v, TRUE);
  g_array_free(ln->undo_a, TRUE);
}

static inline void
fail_set(Lanes *ln, guint32 v, guint64 bits)
{
  if (!ln->fail[v])
    g_array_append_val(ln->touched, v);
  ln->fail[v] |= bits;
}

/* Sets the fail words of batch @bi and the lane weights. */
static void
batch_setup(Lanes *ln, guint64 bi)
{
  const Sampler *S = ln->S;
  guint64 first = bi * LANES;
  guint nl = (guint)MIN((guint64)LANES, S->lanes_total - first);
  ln->valid = nl == LANES ? ~0ull : ((1ull << nl) - 1);
  for (guint32 i = 0; i < S->n_forced; i++)
    fail_set(ln, S->forced[i], ln->valid);
  if (S->exact) {
    for (guint i = 0; i < S->k; i++) {
      guint64 bits;
      if (i < 6) {
        bits = 0;
        for (guint j = 0; j < LANES; j++)
          if ((j >> i) & 1)
            bits |= 1ull << j;
      } else
        bits = ((bi >> (i - 6)) & 1) ? ~0ull : 0;
      bits &= ln->valid;
      if (bits)
        fail_set(ln, S->unc[i], bits);
    }
    for (guint j = 0; j < LANES; j++) {
      double w = 0;
      if ((ln->valid >> j) & 1) {
        w = 1;
        guint64 state = first + j;
        for (guint i = 0; i < S->k; i++) {
          double p = S->p[S->unc[i]];
          w *= ((state >> i) & 1) ? p : 1 - p;
        }
      }
      ln->w[j] = w;
    }
  } else {
    for (guint j = 0; j < LANES; j++)
      ln->w[j] = ((ln->valid >> j) & 1) ? 1 : 0;
    for (guint j = 0; j < nl; j++) {
      Rng r;
      rng_for_sample(&r, S->seed, first + j);
      guint64 bit = 1ull << j;
      for (guint b = 0; b < NBUCKETS; b++) {
        guint32 lo = S->boff[b], len = S->boff[b + 1] - lo;
        if (!len)
          continue;
        if (b == 0) {
          for (guint32 i = lo; i < lo + len; i++)
            if (rng_double(&r) < S->bp[i])
              fail_set(ln, S->bnodes[i], bit);
          continue;
        }
        double pos = -1, q = S->bq[b], lq = S->blq[b];
        for (;;) {
          double u = 1 - rng_double(&r); /* (0, 1] */
          pos += 1 + floor(log(u) / lq);
          if (pos >= len)
            break;
          guint32 i = lo + (guint32)pos;
          if (rng_double(&r) * q < S->bp[i])
            fail_set(ln, S->bnodes[i], bit);
        }
      }
    }
  }
}

static void
batch_reset(Lanes *ln)
{
  for (guint i = 0; i < ln->touched->len; i++)
    ln->fail[g_array_index(ln->touched, guint32, i)] = 0;
  g_array_set_size(ln->touched, 0);
}

/* The lanes in which @v is producible, given its inputs' current words. */
static inline guint64
eval_node(const Lanes *ln, guint32 v)
{
  const CgGraph *g = ln->E->g;
  guint64 r = ln->valid & ~ln->fail[v];
  for (guint32 gi = g->in_goff[v]; gi < g->in_goff[v + 1] && r; gi++) {
    guint64 any = 0;
    for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1]; e++)
      any |= ln->alive[g->esrc[e]];
    r &= any;
  }
  return r;
}

static void
heap_push(GArray *h, guint32 key)
{
  g_array_append_val(h, key);
  guint32 *a = (guint32 *)(void *)h->data;
  guint i = h->len - 1;
  while (i > 0) {
    guint p = (i - 1) / 2;
    if (a[p] <= a[i])
      break;
    guint32 t = a[p];
    a[p] = a[i];
    a[i] = t;
    i = p;
  }
}

static guint32
heap_pop(GArray *h)
{
  guint32 *a = (guint32 *)(void *)h->data;
  guint32 top = a[0];
  a[0] = a[h->len - 1];
  g_array_set_size(h, h->len - 1);
  guint i = 0, n = h->len;
  for (;;) {
    guint l = 2 * i + 1, r = l + 1, s = i;
    if (l < n && a[l] < a[s])
      s = l;
    if (r < n && a[r] < a[s])
      s = r;
    if (s == i)
      break;
    guint32 t = a[s];
    a[s] = a[i];
    a[i] = t;
    i = s;
  }
  return top;
}

static inline void
mark_dirty(Lanes *ln, guint32 v)
{
  if (!ln->dirty[v]) {
    ln->dirty[v] = 1;
    heap_push(ln->heap, ln->E->b.order[v]);
  }
}

static inline void
set_alive(Lanes *ln, guint32 v, guint64 a)
{
  if (ln->stamp[v] != ln->epoch) {
    ln->stamp[v] = ln->epoch;
    g_array_append_val(ln->undo_v, v);
    g_array_append_val(ln->undo_a, ln->alive[v]);
  }
  ln->alive[v] = a;
}

/* Re-evaluates dirty nodes in baseline order until nothing changes. Values only grow, from
 * below the least fixed point, so the result is the least fixed point. @logged: record
 * changes in the undo log. */
static void
settle(Lanes *ln, gboolean logged)
{
  const Engine *E = ln->E;
  const CgGraph *g = E->g;
  while (ln->heap->len) {
    guint32 v = E->topo[heap_pop(ln->heap)];
    ln->dirty[v] = 0;
    guint64 a = eval_node(ln, v);
    if (a == ln->alive[v])
      continue;
    if (logged)
      set_alive(ln, v, a);
    else
      ln->alive[v] = a;
    for (guint32 k = g->out_off[v]; k < g->out_off[v + 1]; k++) {
      guint32 w = E->out_dst[k];
      if (E->b.prod[w])
        mark_dirty(ln, w);
    }
  }
}

/* The producible lanes of every node under the batch's failures. O(V + E) words. */
static void
forward(Lanes *ln)
{
  const Engine *E = ln->E;
  memset(ln->alive, 0, E->n * sizeof(guint64));
  for (guint32 i = 0; i < E->n_prod; i++) {
    guint32 v = E->topo[i];
    ln->alive[v] = eval_node(ln, v);
  }
  if (ln->p1)
    memcpy(ln->p1, ln->alive, E->n * sizeof(guint64));
  /* A back edge's source was read before it was computed: re-check its target where the
   * source is alive in lanes the target is not (elsewhere it cannot change anything). */
  for (guint32 i = 0; i < E->n_back_src; i++) {
    guint32 u = E->back_src[i];
    guint64 au = ln->alive[u];
    if (!au)
      continue;
    for (guint32 k = E->back_off[u]; k < E->back_off[u + 1]; k++) {
      guint32 w = E->back_dst[k];
      if (au & ~ln->alive[w] & ~ln->fail[w])
        mark_dirty(ln, w);
    }
  }
  settle(ln, FALSE);
}

/* Lost words and the lost application weight of every lane. O(V + lost applications). */
static void
losses(Lanes *ln)
{
  const Engine *E = ln->E;
  for (guint32 i = 0; i < E->n_prod; i++) {
    guint32 v = E->topo[i];
    ln->lost[v] = ln->valid & ~ln->alive[v];
  }
  memset(ln->L, 0, sizeof ln->L);
  for (guint32 i = 0; i < E->n_apps; i++) {
    guint32 a = E->apps[i];
    guint64 m = ln->lost[a];
    double w = E->app_w[a];
    while (m) {
      ln->L[__builtin_ctzll(m)] += w;
      m &= m - 1;
    }
  }
}

static inline guint64
reach_eval(const Lanes *ln, guint32 v)
{
  const Engine *E = ln->E;
  const CgGraph *g = E->g;
  guint64 l = ln->lost[v];
  guint64 r = E->is_app[v] ? l : 0;
  for (guint32 k = g->out_off[v]; k < g->out_off[v + 1] && (r & l) != l; k++)
    r |= ln->reach[E->out_dst[k]];
  return r & l;
}

/* reach[v]: lanes in which v is lost and a path of lost nodes leads from v to a lost
 * application (v itself included). The least fixed point of reach = lost ∧ (app ∨ ⋁ reach
 * of the consumers), by a reverse sweep plus a worklist for back edges. O(V + E) words. */
static void
reach_pass(Lanes *ln)
{
  const Engine *E = ln->E;
  const CgGraph *g = E->g;
  memset(ln->reach, 0, E->n * sizeof(guint64));
  for (guint32 i = E->n_prod; i-- > 0;) {
    guint32 v = E->topo[i];
    if (ln->lost[v])
      ln->reach[v] = reach_eval(ln, v);
  }
  GArray *st = ln->stack;
  g_array_set_size(st, 0);
  for (guint32 i = 0; i < E->n_back_src; i++) {
    guint32 u = E->back_src[i];
    for (guint32 k = E->back_off[u]; k < E->back_off[u + 1]; k++)
      if (ln->reach[E->back_dst[k]] & ln->lost[u] & ~ln->reach[u]) {
        if (!ln->dirty[u]) {
          ln->dirty[u] = 1;
          g_array_append_val(st, u);
        }
        break;
      }
  }
  while (st->len) {
    guint32 v = g_array_index(st, guint32, st->len - 1);
    g_array_set_size(st, st->len - 1);
    ln->dirty[v] = 0;
    guint64 r = reach_eval(ln, v);
    if (r == ln->reach[v])
      continue;
    ln->reach[v] = r;
    for (guint32 e = g->gmem_off[g->in_goff[v]]; e < g->gmem_off[g->in_goff[v + 1]]; e++) {
      guint32 u = g->esrc[e];
      if (E->b.prod[u] && (ln->lost[u] & r & ~ln->reach[u]) && !ln->dirty[u]) {
        ln->dirty[u] = 1;
        g_array_append_val(st, u);
      }
    }
  }
}

static void
build_table(Lanes *ln)
{
  for (guint b = 0; b < 8; b++) {
    double *t = ln->table[b];
    t[0] = 0;
    for (guint x = 1; x < 256; x++)
      t[x] = t[x & (x - 1)] + ln->w[8 * b + __builtin_ctz(x)];
  }
}

/* Population count without a library call (the build does not assume POPCNT). */
static inline guint
popcount64(guint64 x)
{
  x = x - ((x >> 1) & 0x5555555555555555ull);
  x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
  return (guint)((x * 0x0101010101010101ull) >> 56);
}

/* The weight of a set of lanes: a count (Monte Carlo) or, exactly, the probability in
 * units of 2^-60, so that sums are integers and independent of the order of addition. */
static inline guint64
mask_units(const Lanes *ln, guint64 mask)
{
  if (!ln->S->exact)
    return popcount64(mask);
  double s = 0;
  for (guint b = 0; b < 8; b++, mask >>= 8)
    s += ln->table[b][mask & 255];
  return (guint64)llround(s * FIX);
}

/* ---- variants for "where to invest" ---------------------------------------------------- */

/* Loss per lane when @x fails in every lane (@fails) or in none (!@fails), all else as in
 * the batch. Failing more: the lanes that may be lost are cleared and grow back to the new
 * least fixed point; failing less: values only grow from the current ones. Changes are
 * undone afterwards. O(vol(nodes that change or may be lost)). */
static void
variant(Lanes *ln, guint32 x, gboolean fails, double *Lv)
{
  const Engine *E = ln->E;
  if (++ln->epoch == 0) {
    memset(ln->stamp, 0, E->n * sizeof(guint32));
    ln->epoch = 1;
  }
  g_array_set_size(ln->undo_v, 0);
  g_array_set_size(ln->undo_a, 0);
  guint64 old_fail = ln->fail[x];
  ln->fail[x] = fails ? ln->valid : 0;
  if (fails) {
    /* Lanes in which a node may be lost with x (the kernel's candidate set, lane by lane):
     * kill[w] = alive[w] ∧ ¬safe(w), where safe(w) needs, in every group, a member earlier
     * in the baseline order that was alive after the first (in-order) pass of forward()
     * and is not killed. A node that keeps such support keeps a chain of it back to the
     * sources, so alive ∧ ¬kill lies below the new least fixed point, and growing from
     * there (settle) is exact. Lanes reached only through back edges are never "safe",
     * so a cycle cannot keep itself alive. Worked in baseline order with a heap. */
    GArray *K = ln->stack;
    g_array_set_size(K, 0);
    const CgGraph *g = E->g;
    if (ln->alive[x]) {
      ln->kill[x] = ln->alive[x];
      g_array_append_val(K, x);
      for (guint32 k = g->out_off[x]; k < g->out_off[x + 1]; k++)
        if (E->b.prod[E->out_dst[k]])
          mark_dirty(ln, E->out_dst[k]);
      while (ln->heap->len) {
        guint32 w = E->topo[heap_pop(ln->heap)];
        ln->dirty[w] = 0;
        if (w == x)
          continue;
        guint32 ow = E->b.order[w];
        guint64 safe = ln->valid & ~ln->fail[w];
        for (guint32 gi = g->in_goff[w]; gi < g->in_goff[w + 1] && safe; gi++) {
          guint64 any = 0;
          for (guint32 e = g->gmem_off[gi]; e < g->gmem_off[gi + 1]; e++) {
            guint32 u = g->esrc[e];
            if (E->b.order[u] < ow)
              any |= ln->p1[u] & ~ln->kill[u];
          }
          safe &= any;
        }
        guint64 nk = ln->alive[w] & ~safe & ~ln->kill[w];
        if (!nk)
          continue;
        if (!ln->kill[w])
          g_array_append_val(K, w);
        ln->kill[w] |= nk;
        for (guint32 k = g->out_off[w]; k < g->out_off[w + 1]; k++)
          if (E->b.prod[E->out_dst[k]])
            mark_dirty(ln, E->out_dst[k]);
      }
      for (guint i = 0; i < K->len; i++) {
        guint32 w = g_array_index(K, guint32, i);
        set_alive(ln, w, ln->alive[w] & ~ln->kill[w]);
      }
      for (guint i = 0; i < K->len; i++) {
        guint32 w = g_array_index(K, guint32, i);
        ln->kill[w] = 0;
        mark_dirty(ln, w);
      }
    }
  } else {
    mark_dirty(ln, x);
  }
  settle(ln, TRUE);
  memcpy(Lv, ln->L, sizeof ln->L);
  for (guint i = 0; i < ln->undo_v->len; i++) {
    guint32 v = g_array_index(ln->undo_v, guint32, i);
    guint64 old = g_array_index(ln->undo_a, guint64, i);
    if (E->is_app[v] && old != ln->alive[v]) {
      guint64 lo = ln->valid & ~old, ln2 = ln->valid & ~ln->alive[v];
      guint64 plus = ln2 & ~lo, minus = lo & ~ln2;
      double w = E->app_w[v];
      for (; plus; plus &= plus - 1)
        Lv[__builtin_ctzll(plus)] += w;
      for (; minus; minus &= minus - 1)
        Lv[__builtin_ctzll(minus)] -= w;
    }
    ln->alive[v] = old;
  }
  ln->fail[x] = old_fail;
}

/* ---- sweeps over all batches, on threads ------------------------------------------------- */

typedef enum { SWEEP_MAIN, SWEEP_LOSS, SWEEP_INVEST } SweepKind;

typedef struct {
  const Engine *E;
  const Sampler *S;
  SweepKind kind;
  guint64 n_batches;
  gint next;
  double total_weight;
  /* per batch, summed in batch order afterwards */
  double *bw, *bL, *bL2;
  guint64 *bunits;
  double *dx;          /* exact, MAIN: per batch × k: Σ P_{-x}(s)·L(s)·(±1) */
  double *lane_loss;   /* per sample or state */
  /* per-thread integer accumulators, merged under the lock */
  GMutex lock;
  guint64 *app_units, *edge_units, *ub_units;
  /* SWEEP_INVEST */
  const guint32 *cand;
  guint n_cand;
  const double *base_loss; /* lane losses of the main sweep */
  double *cs, *cs2;        /* per batch × candidate: Σ w·Δ, Σ w·Δ² */
} Sweep;

static void
process_batch(Sweep *sw, Lanes *ln, guint64 bi, guint64 *app_u, guint64 *edge_u, guint64 *ub_u)
{
  const Engine *E = sw->E;
  const Sampler *S = sw->S;
  const CgGraph *g = E->g;
  batch_setup(ln, bi);
  forward(ln);
  losses(ln);
  guint64 first = bi * LANES;
  double w = 0, sL = 0, sL2 = 0;
  for (guint j = 0; j < LANES; j++) {
    if (!((ln->valid >> j) & 1))
      continue;
    w += ln->w[j];
    sL += ln->w[j] * ln->L[j];
    sL2 += ln->w[j] * ln->L[j] * ln->L[j];
    if (sw->lane_loss)
      sw->lane_loss[first + j] = ln->L[j];
  }
  if (sw->bw) {
    sw->bw[bi] = w;
    sw->bL[bi] = sL;
    sw->bL2[bi] = sL2;
  }
  if (sw->kind == SWEEP_MAIN) {
    if (S->exact)
      build_table(ln);
    sw->bunits[bi] = mask_units(ln, ln->valid);
    for (guint32 i = 0; i < E->n_apps; i++) {
      guint32 a = E->apps[i];
      if (ln->lost[a])
        app_u[a] += mask_units(ln, ln->lost[a]);
    }
    reach_pass(ln);
    for (guint32 i = 0; i < E->n_prod; i++) {
      guint32 v = E->topo[i];
      guint64 rv = ln->reach[v];
      if (!rv)
        continue;
      guint32 e1 = g->gmem_off[g->in_goff[v + 1]];
      if (!S->exact)
        for (guint32 e = g->gmem_off[g->in_goff[v]]; e < e1; e++)
          edge_u[e] += popcount64(ln->lost[g->esrc[e]] & rv);
      else
        for (guint32 e = g->gmem_off[g->in_goff[v]]; e < e1; e++) {
          guint64 mk = ln->lost[g->esrc[e]] & rv;
          if (mk)
            edge_u[e] += mask_units(ln, mk);
        }
    }
    if (!S->exact && sw->total_weight > 0) {
      /* Screening for where to invest: Σ over samples where x failed and its loss reached
       * an application of that sample's loss share, in integer units of 2^-32. */
      guint64 Lq[LANES];
      for (guint j = 0; j < LANES; j++)
        Lq[j] = (guint64)llround(ln->L[j] / sw->total_weight * 4294967296.0);
      for (guint i = 0; i < ln->touched->len; i++) {
        guint32 x = g_array_index(ln->touched, guint32, i);
        for (guint64 mk = ln->fail[x] & ln->reach[x]; mk; mk &= mk - 1)
          ub_u[x] += Lq[__builtin_ctzll(mk)];
      }
    }
    if (S->exact && sw->dx) {
      for (guint i = 0; i < S->k; i++) {
        double p = S->p[S->unc[i]], d = 0;
        for (guint j = 0; j < LANES; j++) {
          if (!((ln->valid >> j) & 1))
            continue;
          gboolean bit = ((first + j) >> i) & 1;
          double wx = ln->w[j] / (bit ? p : 1 - p);
          d += bit ? wx * ln->L[j] : -wx * ln->L[j];
        }
        sw->dx[bi * S->k + i] = d;
      }
    }
  } else if (sw->kind == SWEEP_INVEST) {
    double LA[LANES], LB[LANES];
    for (guint c = 0; c < sw->n_cand; c++) {
      guint32 x = sw->cand[c];
      variant(ln, x, TRUE, LA);
      variant(ln, x, FALSE, LB);
      double s = 0, s2 = 0;
      for (guint j = 0; j < LANES; j++) {
        if (!((ln->valid >> j) & 1))
          continue;
        double d = LA[j] - LB[j];
        s += ln->w[j] * d;
        s2 += ln->w[j] * d * d;
      }
      sw->cs[bi * sw->n_cand + c] = s;
      sw->cs2[bi * sw->n_cand + c] = s2;
    }
  }
  batch_reset(ln);
}

static gpointer
sweep_thread(gpointer data)
{
  Sweep *sw = data;
  const Engine *E = sw->E;
  Lanes ln;
  lanes_init(&ln, E, sw->S);
  if (sw->kind == SWEEP_INVEST)
    ln.p1 = g_new0(guint64, E->n ? E->n : 1);
  guint64 *app_u = NULL, *edge_u = NULL, *ub_u = NULL;
  if (sw->kind == SWEEP_MAIN) {
    app_u = g_new0(guint64, E->n ? E->n : 1);
    edge_u = g_new0(guint64, E->m ? E->m : 1);
    ub_u = g_new0(guint64, E->n ? E->n : 1);
  }
  for (;;) {
    guint64 bi = (guint64)(guint)g_atomic_int_add(&sw->next, 1);
    if (bi >= sw->n_batches)
      break;
    process_batch(sw, &ln, bi, app_u, edge_u, ub_u);
  }
  if (sw->kind == SWEEP_MAIN) {
    g_mutex_lock(&sw->lock);
    for (guint32 v = 0; v < E->n; v++) {
      sw->app_units[v] += app_u[v];
      sw->ub_units[v] += ub_u[v];
    }
    for (guint32 e = 0; e < E->m; e++)
      sw->edge_units[e] += edge_u[e];
    g_mutex_unlock(&sw->lock);
    g_free(app_u);
    g_free(edge_u);
    g_free(ub_u);
  }
  lanes_clear(&ln);
  return NULL;
}

static guint
resolve_threads(guint threads, guint64 batches)
{
  if (threads == 0)
    threads = g_get_num_processors();
  threads = CLAMP(threads, 1, 64);
  if ((guint64)threads > batches)
    threads = (guint)MAX(batches, 1);
  return threads;
}

static void
sweep_run(Sweep *sw, guint threads)
{
  sw->next = 0;
  threads = resolve_threads(threads, sw->n_batches);
  GThread **th = g_new0(GThread *, threads);
  for (guint t = 1; t < threads; t++)
    th[t] = g_thread_new("cg-risk", sweep_thread, sw);
  sweep_thread(sw);
  for (guint t = 1; t < threads; t++)
    g_thread_join(th[t]);
  g_free(th);
}

/* Expected loss of a finished sweep: the mean, and its 95% interval (Monte Carlo: normal
 * approximation with the sample standard deviation, computed in sample order). */
static void
sweep_mean(const Sweep *sw, gsize lanes, double *mean, double *lo, double *hi)
{
  double W = 0, SL = 0;
  for (guint64 b = 0; b < sw->n_batches; b++) {
    W += sw->bw[b];
    SL += sw->bL[b];
  }
  double mu = W > 0 ? SL / W : 0;
  *mean = mu;
  if (sw->S->exact || lanes < 2) {
    *lo = *hi = mu;
    return;
  }
  double ss = 0;
  for (gsize i = 0; i < lanes; i++) {
    double d = sw->lane_loss[i] - mu;
    ss += d * d;
  }
  double half = 1.959963984540054 * sqrt(ss / (double)(lanes - 1) / (double)lanes);
  *lo = mu - half;
  *hi = mu + half;
}

static void
sweep_alloc(Sweep *sw, const Engine *E, const Sampler *S, SweepKind kind)
{
  memset(sw, 0, sizeof *sw);
  sw->E = E;
  sw->S = S;
  sw->kind = kind;
  sw->n_batches = (S->lanes_total + LANES - 1) / LANES;
  sw->total_weight = E->g->app_total;
  g_mutex_init(&sw->lock);
  gsize nb = sw->n_batches ? sw->n_batches : 1;
  if (kind != SWEEP_INVEST) {
    sw->bw = g_new0(double, nb);
    sw->bL = g_new0(double, nb);
    sw->bL2 = g_new0(double, nb);
    /* Per-sample losses: the interval and paired scenarios need them (8 bytes a sample);
     * exact enumeration needs neither. */
    if (!S->exact)
      sw->lane_loss = g_new0(double, S->lanes_total ? S->lanes_total : 1);
  }
  if (kind == SWEEP_MAIN) {
    sw->bunits = g_new0(guint64, nb);
    sw->app_units = g_new0(guint64, E->n ? E->n : 1);
    sw->edge_units = g_new0(guint64, E->m ? E->m : 1);
    sw->ub_units = g_new0(guint64, E->n ? E->n : 1);
    if (S->exact)
      sw->dx = g_new0(double, nb * (S->k ? S->k : 1));
  }
}

static void
sweep_free(Sweep *sw)
{
  g_free(sw->bw);
  g_free(sw->bL);
  g_free(sw->bL2);
  g_free(sw->bunits);
  g_free(sw->dx);
  g_free(sw->lane_loss);
  g_free(sw->app_units);
  g_free(sw->edge_units);
  g_free(sw->ub_units);
  g_free(sw->cs);
  g_free(sw->cs2);
  g_mutex_clear(&sw->lock);
}

/* ==== the analysis =========================================================================== */

typedef struct {
  Engine E;
  Claims claims;
  CgRiskProfile profile;
  double *lane_loss; /* per sample/state of the run, for paired scenarios */
  gsize lanes;
  gboolean exact;
  guint exact_max;
  guint32 *id_rank;  /* node → rank of its id */
} Priv;

#define PRIV(r) ((Priv *)(r)->priv)

/**
 * cg_risk_free:
 * Frees @risk. NULL-safe.
 */
void
cg_risk_free(CgRisk *r)
{
  if (!r)
    return;
  g_free(r->probability);
  g_free(r->factors);
  g_free(r->criticality);
  g_free(r->link_score);
  g_free(r->link_share);
  g_free(r->link_order);
  for (gsize i = 0; i < r->n_links; i++)
    g_free(r->links[i].why);
  g_free(r->links);
  g_free(r->applications);
  for (gsize i = 0; i < r->n_invest; i++)
    g_free(r->invest[i].why);
  g_free(r->invest);
  Priv *pv = r->priv;
  if (pv) {
    engine_clear(&pv->E);
    cg__producers_clear(&pv->claims);
    g_free(pv->lane_loss);
    g_free(pv->id_rank);
    g_free(pv);
  }
  g_free(r);
}

static int
cmp_id_index(const void *a, const void *b, void *data)
{
  const CgGraph *g = data;
  return strcmp(cg__node(g, *(const guint32 *)a)->id, cg__node(g, *(const guint32 *)b)->id);
}

static guint32 *
id_ranks(const CgGraph *g)
{
  guint32 n = cg__n(g);
  guint32 *idx = g_new(guint32, n ? n : 1), *rank = g_new(guint32, n ? n : 1);
  for (guint32 v = 0; v < n; v++)
    idx[v] = v;
  g_qsort_with_data(idx, (gint)n, sizeof(guint32), cmp_id_index, (gpointer)g);
  for (guint32 i = 0; i < n; i++)
    rank[idx[i]] = i;
  g_free(idx);
  return rank;
}

/* Rankings compare values rounded to 1e-12 (of a share, or of the total weight) so that
 * values equal but for rounding tie, and the documented tie-break (id) decides. */
static inline gint64
quant(double x)
{
  return llround(x * 1e12);
}

typedef struct {
  const double *score;
  const guint32 *rank;
  const CgGraph *g;
} LinkSort;

static int
cmp_links(const void *a, const void *b, void *data)
{
  const LinkSort *s = data;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  gint64 qx = quant(s->score[x]), qy = quant(s->score[y]);
  if (qx != qy)
    return qx > qy ? -1 : 1;
  guint32 ux = s->rank[s->g->esrc[x]], uy = s->rank[s->g->esrc[y]];
  if (ux != uy)
    return ux < uy ? -1 : 1;
  guint32 vx = s->rank[cg__edge_dst(s->g, x)], vy = s->rank[cg__edge_dst(s->g, y)];
  return vx < vy ? -1 : vx > vy;
}

/* ---- why ---------------------------------------------------------------------------------- */

static const char *const evidence_words[] = {"卡脖子", "依赖国外", "依赖进口", "国外垄断", "垄断",
                                             "进口替代", "国产化", "进口", "依赖", "国外", NULL};

/* A quote, cut to about @max characters around its first chokepoint word. */
static void
append_snippet(GString *s, const char *quote, glong max)
{
  glong len = g_utf8_strlen(quote, -1);
  if (len <= max) {
    g_string_append(s, quote);
    return;
  }
  glong at = 0;
  for (guint i = 0; evidence_words[i]; i++) {
    const char *hit = strstr(quote, evidence_words[i]);
    if (hit) {
      at = g_utf8_pointer_to_offset(quote, hit);
      break;
    }
  }
  glong start = MAX(0, at - max / 2);
  if (start + max > len)
    start = len - max;
  const char *a = g_utf8_offset_to_pointer(quote, start);
  const char *b = g_utf8_offset_to_pointer(quote, start + max);
  if (start > 0)
    g_string_append(s, "…");
  g_string_append_len(s, a, b - a);
  if (start + max < len)
    g_string_append(s, "…");
}

static void
append_prov(GString *s, const CgGraph *g, const CgProvenance *p)
{
  if (p->quote) {
    g_string_append_printf(s, "%s%s%s “", p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
                           p->section ? " " : "", p->section ? p->section : "");
    append_snippet(s, p->quote, 40);
    g_string_append(s, "”");
  } else if (p->inferred) {
    g_string_append_printf(s, "inferred: %s", p->inferred);
  } else if (p->document >= 0) {
    g_string_append(s, cg_document_key(g, (gsize)p->document));
  }
}

static const char *
kind_label(const char *kind)
{
  if (!kind || !strcmp(kind, "chokepoint"))
    return "chokepoint";
  if (!strcmp(kind, "foreign"))
    return "foreign dependence";
  if (!strcmp(kind, "monopoly"))
    return "foreign monopoly";
  if (!strcmp(kind, "substitution"))
    return "import substitution under way";
  if (!strcmp(kind, "bottleneck"))
    return "domestic technology bottleneck";
  return kind;
}

/* Why a node may fail, citing the document: its heaviest chokepoint evidence, its import
 * share, its producing regions. */
static void
append_node_reasons(GString *s, const CgGraph *g, const CgRisk *r, guint32 u)
{
  const Priv *pv = r->priv;
  const CgRiskFactors *f = &r->factors[u];
  const CgNodeRec *n = cg__node(g, u);
  gboolean any = FALSE;
  if (f->chokepoint && n->x && n->x->chokepoints) {
    for (guint i = 0; i < n->x->chokepoints->len; i++) {
      if (n->x->chokepoint_kinds->pdata[i] != f->chokepoint)
        continue;
      const CgProvenance *p = &g_array_index(n->x->chokepoints, CgProvenance, i);
      g_string_append_printf(s, "%s (", kind_label(f->chokepoint));
      append_prov(s, g, p);
      g_string_append(s, ")");
      any = TRUE;
      break;
    }
  }
  if (!isnan(f->import_share) && f->import_share > 0) {
    g_string_append_printf(s, "%simport share %.0f%%", any ? ", " : "", 100 * f->import_share);
    any = TRUE;
  }
  const Claims *c = &pv->claims;
  guint32 k = c->off[u + 1] - c->off[u];
  if (any)
    g_string_append(s, ", ");
  if (k == 0)
    g_string_append(s, "no producing region in the documents");
  else if (k == 1) {
    const CgRegionRec *rr = g->regions->pdata[c->region[c->off[u]]];
    g_string_append_printf(s, "produced only in %s", rr->name);
    const CgProvenance *p = &c->cap[c->off[u]]->prov;
    if (p->quote || p->inferred) {
      g_string_append(s, " (");
      append_prov(s, g, p);
      g_string_append(s, ")");
    }
  } else {
    g_string_append_printf(s, "produced in %u regions (", k);
    for (guint32 i = 0; i < k && i < 3; i++) {
      const CgRegionRec *rr = g->regions->pdata[c->region[c->off[u] + i]];
      g_string_append_printf(s, "%s%s", i ? ", " : "", rr->name);
    }
    g_string_append_printf(s, "%s; HHI %.2f)", k > 3 ? ", …" : "", f->concentration);
  }
  if (!isnan(f->substitutability) && f->substitutability > 0)
    g_string_append_printf(s, ", substitutability %.0f%%", 100 * f->substitutability);
  if (!isnan(f->recycling_rate) && f->recycling_rate > 0)
    g_string_append_printf(s, ", recycling %.0f%%", 100 * f->recycling_rate);
}

/**
 * cg_risk_node_why:
 * @node: a node index
 *
 * One line saying why the node has its failure probability, citing the document.
 * Returns: (transfer full): free with cg_free(). Complexity: O(evidence of the node).
 */
char *
cg_risk_node_why(const CgGraph *g, const CgRisk *r, gsize node)
{
  g_return_val_if_fail(g != NULL && r != NULL && node < r->n_nodes, NULL);
  GString *s = g_string_new(NULL);
  const CgRiskFactors *f = &r->factors[node];
  g_string_append_printf(s, "%s: P(fails) %.3f; ", cg_node_label(g, node), r->probability[node]);
  if (f->stage == 0)
    g_string_append_printf(s, "%s nodes fail only through their inputs (stage factor 0)",
                           cg_stage_to_string(cg__node(g, (guint32)node)->stage));
  else
    append_node_reasons(s, g, r, (guint32)node);
  return g_string_free(s, FALSE);
}

/* The applications lost with @v alone, via the loss-propagation kernel. */
static void
append_consequence(GString *s, const CgGraph *g, const CgRisk *r, CgKernel *kn, guint32 v)
{
  double w = cg__kernel_run(kn, &v, 1);
  GArray *apps = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint i = 0; i < kn->k->len; i++) {
    guint32 x = g_array_index(kn->k, guint32, i);
    if (cg__kernel_lost(kn, x) && cg__is_app(g, x))
      g_array_append_val(apps, x);
  }
  if (apps->len == 0) {
    g_string_append_printf(s, "losing %s alone loses no application", cg_node_label(g, v));
  } else if (apps->len == 1 && g_array_index(apps, guint32, 0) == v) {
    g_string_append_printf(s, "%s is itself an application (%.0f%% of weight)", cg_node_label(g, v),
                           r->total_weight > 0 ? 100 * w / r->total_weight : 0);
  } else {
    /* Ascending by id rank for a stable list. */
    const guint32 *rank = PRIV(r)->id_rank;
    for (guint i = 1; i < apps->len; i++)
      for (guint j = i; j > 0 && rank[g_array_index(apps, guint32, j - 1)] >
                                     rank[g_array_index(apps, guint32, j)];
           j--) {
        guint32 t = g_array_index(apps, guint32, j);
        g_array_index(apps, guint32, j) = g_array_index(apps, guint32, j - 1);
        g_array_index(apps, guint32, j - 1) = t;
      }
    g_string_append_printf(s, "loses %u application%s (", apps->len, apps->len == 1 ? "" : "s");
    for (guint i = 0; i < apps->len && i < 3; i++)
      g_string_append_printf(s, "%s%s", i ? ", " : "", cg_node_label(g, g_array_index(apps, guint32, i)));
    g_string_append_printf(s, "%s; %.0f%% of weight)", apps->len > 3 ? ", …" : "",
                           r->total_weight > 0 ? 100 * w / r->total_weight : 0);
  }
  g_array_free(apps, TRUE);
}

static char *
link_why(const CgGraph *g, const CgRisk *r, CgKernel *kn, guint32 e)
{
  guint32 u = g->esrc[e], v = cg__edge_dst(g, e), gi = g->egroup[e];
  guint32 k = g->gmem_off[gi + 1] - g->gmem_off[gi];
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%s → %s: ", cg_node_label(g, u), cg_node_label(g, v));
  if (r->factors[u].stage == 0 && r->probability[u] == 0)
    g_string_append(s, "fails only through its inputs");
  else
    append_node_reasons(s, g, r, u);
  g_string_append_printf(s, ", P %.3f; ", r->probability[u]);
  if (k == 1)
    g_string_append(s, "sole input of its group; ");
  else {
    g_string_append_printf(s, "one of %u alternatives (", k);
    guint shown = 0;
    for (guint32 x = g->gmem_off[gi]; x < g->gmem_off[gi + 1] && shown < 2; x++)
      if (g->esrc[x] != u)
        g_string_append_printf(s, "%s%s", shown++ ? ", " : "also ", cg_node_label(g, g->esrc[x]));
    g_string_append_printf(s, "%s); ", k - 1 > 2 ? ", …" : "");
  }
  append_consequence(s, g, r, kn, v);
  return g_string_free(s, FALSE);
}

/**
 * cg_risk_link_why:
 * @edge: an edge index
 *
 * One line explaining a link's risk, citing the document evidence, e.g.
 * `深紫外光刻胶 → 集成电路: chokepoint (宁波 “…卡脖子…”), produced only in 宁波 (P 0.143),
 * sole input of its group, loses 2 applications (…)`.
 * Returns: (transfer full): free with cg_free(). Complexity: O(V) (one loss propagation).
 */
char *
cg_risk_link_why(const CgGraph *g, const CgRisk *r, gsize edge)
{
  g_return_val_if_fail(g != NULL && r != NULL && edge < r->n_edges, NULL);
  CgKernel kn;
  cg__kernel_init(&kn, g, &PRIV(r)->E.b);
  char *why = link_why(g, r, &kn, (guint32)edge);
  cg__kernel_clear(&kn);
  return why;
}

static char *
invest_why(const CgGraph *g, const CgRisk *r, const CgRiskInvestment *it)
{
  GString *s = g_string_new(NULL);
  g_string_append_printf(s, "%s: securing it (P %.3f → 0) lowers expected loss by %.3g of %g "
                            "application weight (%.2g%% of the expected loss); ",
                         cg_node_label(g, it->node), it->probability, it->reduction,
                         r->total_weight,
                         r->expected_loss > 0 ? 100 * it->reduction / r->expected_loss : 0);
  append_node_reasons(s, g, r, it->node);
  return g_string_free(s, FALSE);
}

/* ---- the run -------------------------------------------------------------------------------- */

static int
cmp_app(const void *a, const void *b, void *data)
{
  const guint32 *rank = data;
  const CgRiskApplication *x = a, *y = b;
  gint64 qx = quant(x->failure_probability), qy = quant(y->failure_probability);
  if (qx != qy)
    return qx > qy ? -1 : 1;
  return rank[x->node] < rank[y->node] ? -1 : rank[x->node] > rank[y->node];
}

typedef struct {
  const guint32 *rank;
  double total;
} InvestSort;

static int
cmp_invest(const void *a, const void *b, void *data)
{
  const InvestSort *s = data;
  const CgRiskInvestment *x = a, *y = b;
  gint64 qx = quant(x->reduction / s->total), qy = quant(y->reduction / s->total);
  if (qx != qy)
    return qx > qy ? -1 : 1;
  return s->rank[x->node] < s->rank[y->node] ? -1 : s->rank[x->node] > s->rank[y->node];
}

typedef struct {
  const guint64 *ub;
  const guint32 *rank;
} CandSort;

static int
cmp_cand(const void *a, const void *b, void *data)
{
  const CandSort *c = data;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  if (c->ub[x] != c->ub[y])
    return c->ub[x] > c->ub[y] ? -1 : 1;
  return c->rank[x] < c->rank[y] ? -1 : c->rank[x] > c->rank[y];
}

/* Invest reductions by the paired estimator over the first @lanes lanes. */
static void
invest_estimate(const Engine *E, const Sampler *S, const guint32 *cand, guint n_cand,
                gsize lanes, guint threads, double *red, double *lo, double *hi)
{
  Sampler S2 = *S;
  if (!S->exact && lanes > 0)
    S2.lanes_total = MIN(S->lanes_total, lanes);
  Sweep sw;
  sweep_alloc(&sw, E, &S2, SWEEP_INVEST);
  sw.cand = cand;
  sw.n_cand = n_cand;
  gsize nb = sw.n_batches ? sw.n_batches : 1;
  sw.cs = g_new0(double, nb * (n_cand ? n_cand : 1));
  sw.cs2 = g_new0(double, nb * (n_cand ? n_cand : 1));
  sweep_run(&sw, threads);
  /* Total lane weight: N for Monte Carlo; for exact, 1 (the probabilities sum to 1). */
  double W = S2.exact ? 1.0 : (double)S2.lanes_total;
  for (guint c = 0; c < n_cand; c++) {
    double s = 0, s2 = 0;
    for (guint64 b = 0; b < sw.n_batches; b++) {
      s += sw.cs[b * n_cand + c];
      s2 += sw.cs2[b * n_cand + c];
    }
    double p = S->p[cand[c]];
    if (p > 1)
      p = 1;
    double mean = W > 0 ? s / W : 0;
    red[c] = p * mean;
    if (S2.exact || S2.lanes_total < 2) {
      lo[c] = hi[c] = red[c];
    } else {
      double N = (double)S2.lanes_total;
      double var = MAX(0, (s2 - N * mean * mean) / (N - 1));
      double half = 1.959963984540054 * p * sqrt(var / N);
      lo[c] = red[c] - half;
      hi[c] = red[c] + half;
    }
  }
  sweep_free(&sw);
}

/* The model's probabilities (or the caller's), checked. */
static double *
probabilities(const CgGraph *g, const CgRiskProfile *pr, const Claims *c, const double *given,
              CgRiskFactors *factors, GError **error)
{
  guint32 n = cg__n(g);
  double *p = g_new(double, n ? n : 1);
  for (guint32 v = 0; v < n; v++) {
    CgRiskFactors f;
    p[v] = node_model(g, pr, c, v, &f);
    if (factors)
      factors[v] = f;
    if (given) {
      if (!(given[v] >= 0 && given[v] <= 1)) {
        g_set_error(error, CG_ERROR, CG_ERROR_INVALID,
                    "probability of node '%s' must be in [0, 1], not %g", cg__node(g, v)->id,
                    given[v]);
        g_free(p);
        return NULL;
      }
      p[v] = given[v];
    }
  }
  return p;
}

static gboolean
check_options(const CgRiskOptions *o, GError **error)
{
  if (o->samples < 1) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE, "risk: samples must be at least 1");
    return FALSE;
  }
  if (o->exact_max > 24) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "risk: exact_max must be at most 24 (2^24 states), not %u", o->exact_max);
    return FALSE;
  }
  if (o->samples > (gsize)(G_MAXINT / 2) * LANES) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE, "risk: too many samples (%zu)", o->samples);
    return FALSE;
  }
  return TRUE;
}

static gsize
count_uncertain(const Engine *E, const double *p)
{
  gsize k = 0;
  for (guint32 v = 0; v < E->n; v++)
    k += E->b.prod[v] && p[v] > 0 && p[v] < 1;
  return k;
}

/**
 * cg_risk:
 * @options: (nullable): %NULL for CG_RISK_OPTIONS_INIT
 *
 * The supply-risk analysis (docs/risk-model.md): every node's failure probability and its
 * factors, every link's score and criticality share, the links ranked and the first
 * @options->top explained, the expected lost application weight with a 95% interval, each
 * application's failure probability and where to invest.
 *
 * Monte Carlo draws @options->samples independent failure sets (sample i from its own
 * generator seeded by (@options->seed, i)); when at most @options->exact_max producible
 * nodes are uncertain (0 < p < 1), every one of the 2^k states is enumerated instead and
 * the results are exact. Either way the result does not depend on @options->threads.
 *
 * Errors: %CG_ERROR_USAGE for bad options, %CG_ERROR_INVALID for a given probability
 * outside [0, 1].
 * Returns: (transfer full) (nullable): free with cg_risk_free().
 * Complexity: criticality (cg_criticality()), plus O((V + E) · ⌈N/64⌉) word operations for
 * N samples (2^k states when exact), spread over the threads; where to invest adds
 * O(C · vol(affected nodes) · ⌈N'/64⌉) for C ≈ 2·invest candidates and N' = invest_samples;
 * ranking the links O(E log E); explaining the @top links O(top · V).
 */
CgRisk *
cg_risk(const CgGraph *g, const CgRiskOptions *options, GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  CgRiskOptions opt = CG_RISK_OPTIONS_INIT;
  if (options)
    opt = *options;
  if (!check_options(&opt, error))
    return NULL;
  guint32 n = cg__n(g), m = cg__m(g);
  CgRisk *r = g_new0(CgRisk, 1);
  Priv *pv = g_new0(Priv, 1);
  r->priv = pv;
  if (opt.profile)
    pv->profile = *opt.profile;
  else
    for (guint i = 0; i < P_N; i++)
      pv->profile.v[i] = profile_keys[i].def;
  engine_init(&pv->E, g);
  cg__producers_build(g, pv->profile.v[P_PLANNED] != 0, CG_NONE, &pv->claims);
  pv->id_rank = id_ranks(g);
  pv->exact_max = opt.exact_max;
  const Engine *E = &pv->E;
  r->n_nodes = n;
  r->n_edges = m;
  r->total_weight = g->app_total;
  r->seed = opt.seed;
  r->factors = g_new0(CgRiskFactors, n ? n : 1);
  r->probability = probabilities(g, &pv->profile, &pv->claims, opt.probabilities, r->factors, error);
  if (!r->probability) {
    cg_risk_free(r);
    return NULL;
  }
  r->criticality = cg_criticality(g, opt.threads, &r->criticality_method);

  /* Link scores. */
  r->link_score = g_new(double, m ? m : 1);
  for (guint32 e = 0; e < m; e++) {
    guint32 gi = g->egroup[e];
    double k = g->gmem_off[gi + 1] - g->gmem_off[gi];
    r->link_score[e] = r->probability[g->esrc[e]] / k * r->criticality[cg__edge_dst(g, e)];
  }

  /* Expected loss, application failures, criticality shares. */
  r->n_uncertain = count_uncertain(E, r->probability);
  pv->exact = opt.exact_max > 0 && r->n_uncertain <= opt.exact_max;
  Sampler S;
  sampler_init(&S, E, r->probability, NULL, pv->exact, opt.seed, opt.samples);
  Sweep sw;
  sweep_alloc(&sw, E, &S, SWEEP_MAIN);
  sweep_run(&sw, opt.threads);
  sweep_mean(&sw, S.lanes_total, &r->expected_loss, &r->ci95[0], &r->ci95[1]);
  r->method = pv->exact ? "exact" : "monte-carlo";
  r->samples = pv->exact ? 0 : opt.samples;
  r->states = pv->exact ? S.lanes_total : 0;
  guint64 total_units = 0;
  for (guint64 b = 0; b < sw.n_batches; b++)
    total_units += sw.bunits[b];
  double tu = total_units ? (double)total_units : 1;
  guint n_apps = 0;
  for (guint32 v = 0; v < n; v++)
    n_apps += cg__is_app(g, v);
  r->n_applications = n_apps;
  r->applications = g_new0(CgRiskApplication, n_apps ? n_apps : 1);
  n_apps = 0;
  for (guint32 v = 0; v < n; v++) {
    if (!cg__is_app(g, v))
      continue;
    CgRiskApplication *a = &r->applications[n_apps++];
    a->node = v;
    a->weight = cg__app_weight(g, v);
    a->producible = E->b.prod[v];
    a->failure_probability = MIN(1.0, (double)sw.app_units[v] / tu);
  }
  g_qsort_with_data(r->applications, (gint)r->n_applications, sizeof(CgRiskApplication), cmp_app,
                    pv->id_rank);
  r->link_share = g_new(double, m ? m : 1);
  for (guint32 e = 0; e < m; e++)
    r->link_share[e] = MIN(1.0, (double)sw.edge_units[e] / tu);

  /* Where to invest. */
  if (opt.invest > 0) {
    GArray *inv = g_array_new(FALSE, FALSE, sizeof(CgRiskInvestment));
    GArray *cand = g_array_new(FALSE, FALSE, sizeof(guint32));
    double tiny = 1e-12 * MAX(1.0, r->total_weight);
    if (pv->exact) {
      for (guint i = 0; i < S.k; i++) {
        double d = 0;
        for (guint64 b = 0; b < sw.n_batches; b++)
          d += sw.dx[b * S.k + i];
        CgRiskInvestment it = {S.unc[i], r->probability[S.unc[i]], 0, {0, 0}, NULL};
        it.reduction = it.probability * d;
        if (it.reduction > tiny) {
          it.ci95[0] = it.ci95[1] = it.reduction;
          g_array_append_val(inv, it);
        }
      }
      for (guint i = 0; i < S.n_forced; i++)
        g_array_append_val(cand, S.forced[i]);
    } else {
      for (guint32 v = 0; v < n; v++)
        if (sw.ub_units[v] > 0)
          g_array_append_val(cand, v);
      CandSort cs = {sw.ub_units, pv->id_rank};
      g_qsort_with_data(cand->data, (gint)cand->len, sizeof(guint32), cmp_cand, &cs);
      gsize keep = MAX(2 * opt.invest, opt.invest + 10);
      if (cand->len > keep)
        g_array_set_size(cand, (guint)keep);
    }
    if (cand->len) {
      guint nc = cand->len;
      double *red = g_new(double, nc), *lo = g_new(double, nc), *hi = g_new(double, nc);
      invest_estimate(E, &S, (guint32 *)(void *)cand->data, nc,
                      opt.invest_samples ? opt.invest_samples : opt.samples, opt.threads, red, lo,
                      hi);
      for (guint c = 0; c < nc; c++) {
        if (red[c] <= tiny)
          continue;
        guint32 x = g_array_index(cand, guint32, c);
        CgRiskInvestment it = {x, r->probability[x], red[c], {MAX(0, lo[c]), hi[c]}, NULL};
        g_array_append_val(inv, it);
      }
      g_free(red);
      g_free(lo);
      g_free(hi);
    }
    InvestSort is = {pv->id_rank, MAX(1.0, r->total_weight)};
    g_qsort_with_data(inv->data, (gint)inv->len, sizeof(CgRiskInvestment), cmp_invest, &is);
    if (inv->len > opt.invest)
      g_array_set_size(inv, (guint)opt.invest);
    r->n_invest = inv->len;
    r->invest = (CgRiskInvestment *)(void *)g_array_free(inv, FALSE);
    for (gsize i = 0; i < r->n_invest; i++)
      r->invest[i].why = invest_why(g, r, &r->invest[i]);
    g_array_free(cand, TRUE);
  }
  pv->lane_loss = sw.lane_loss;
  pv->lanes = S.lanes_total;
  sw.lane_loss = NULL;
  sweep_free(&sw);
  sampler_clear(&S);

  /* Rank and explain the links. */
  r->link_order = g_new(guint32, m ? m : 1);
  for (guint32 e = 0; e < m; e++)
    r->link_order[e] = e;
  LinkSort ls = {r->link_score, pv->id_rank, g};
  g_qsort_with_data(r->link_order, (gint)m, sizeof(guint32), cmp_links, &ls);
  r->n_links = opt.top ? MIN(opt.top, (gsize)m) : m;
  r->links = g_new0(CgRiskLink, r->n_links ? r->n_links : 1);
  CgKernel kn;
  cg__kernel_init(&kn, g, &E->b);
  for (gsize i = 0; i < r->n_links; i++) {
    guint32 e = r->link_order[i], gi = g->egroup[e];
    CgRiskLink *l = &r->links[i];
    l->edge = e;
    l->source = g->esrc[e];
    l->target = cg__edge_dst(g, e);
    l->score = r->link_score[e];
    l->probability = r->probability[l->source];
    l->alternatives = g->gmem_off[gi + 1] - g->gmem_off[gi];
    l->dependence = 1.0 / l->alternatives;
    l->criticality = r->criticality[l->target];
    l->criticality_share = r->link_share[e];
    l->why = link_why(g, r, &kn, e);
  }
  cg__kernel_clear(&kn);
  return r;
}

/* ==== JSON ==================================================================================== */

static void
json_pair(JsonBuilder *b, const char *key, double lo, double hi)
{
  json_builder_set_member_name(b, key);
  json_builder_begin_array(b);
  json_builder_add_double_value(b, lo);
  json_builder_add_double_value(b, hi);
  json_builder_end_array(b);
}

static void
json_provs(JsonBuilder *b, const CgGraph *g, guint32 e)
{
  json_builder_begin_array(b);
  for (gsize i = 0; i < cg_edge_n_provenance(g, e); i++) {
    const CgProvenance *p = cg_edge_provenance(g, e, i);
    json_builder_begin_object(b);
    cg__json_str(b, "document", p->document >= 0 ? cg_document_file(g, (gsize)p->document) : NULL);
    cg__json_str(b, "section", p->section);
    cg__json_str(b, "quote", p->quote);
    cg__json_str(b, "inferred", p->inferred);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
}

typedef struct {
  const double *p;
  const guint32 *rank;
} NodeSort;

static int
cmp_nodes(const void *a, const void *b, void *data)
{
  const NodeSort *s = data;
  guint32 x = *(const guint32 *)a, y = *(const guint32 *)b;
  gint64 qx = quant(s->p[x]), qy = quant(s->p[y]);
  if (qx != qy)
    return qx > qy ? -1 : 1;
  return s->rank[x] < s->rank[y] ? -1 : s->rank[x] > s->rank[y];
}

/**
 * cg_risk_to_json:
 * @top_links: how many ranked links to list (0: every link)
 *
 * The whole answer as JSON (the CLI's --json and the Python binding use it):
 * `{"method", "expected_loss": {"mean", "ci95", "share", "total_weight", "samples", "states",
 * "method", "seed", "uncertain"}, "nodes": [{"id", "name", "name_en", "stage", "probability",
 * "criticality", "factors": {…}, "why", "evidence"}], "links": [{"source", "target",
 * "source_name", "target_name", "score", "factors": {"probability", "dependence",
 * "alternatives", "criticality"}, "criticality_share", "why", "evidence", "provenance"}],
 * "applications": [{"id", "name", "weight", "failure_probability", "producible"}],
 * "invest": [{"id", "name", "probability", "reduction", "ci95", "why"}], "profile": {…}}`.
 * Nodes are listed by probability descending, then id; links in rank order.
 * Returns: (transfer full) (nullable): free with cg_free().
 * Complexity: O(V log V + top_links · V) (explaining links beyond @risk->links runs one loss
 * propagation each).
 */
char *
cg_risk_to_json(const CgGraph *g, const CgRisk *r, gsize top_links, GError **error)
{
  g_return_val_if_fail(g != NULL && r != NULL && r->n_nodes == cg__n(g), NULL);
  (void)error;
  const Priv *pv = r->priv;
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  cg__json_str(b, "method", r->method);
  json_builder_set_member_name(b, "expected_loss");
  json_builder_begin_object(b);
  cg__json_num(b, "mean", r->expected_loss);
  json_pair(b, "ci95", r->ci95[0], r->ci95[1]);
  cg__json_num(b, "share", r->total_weight > 0 ? r->expected_loss / r->total_weight : 0);
  cg__json_num(b, "total_weight", r->total_weight);
  cg__json_int(b, "samples", (gint64)r->samples);
  cg__json_int(b, "states", (gint64)r->states);
  cg__json_str(b, "method", r->method);
  cg__json_int(b, "seed", (gint64)r->seed);
  cg__json_int(b, "uncertain", (gint64)r->n_uncertain);
  json_builder_end_object(b);

  guint32 n = (guint32)r->n_nodes;
  guint32 *idx = g_new(guint32, n ? n : 1);
  for (guint32 v = 0; v < n; v++)
    idx[v] = v;
  NodeSort ns = {r->probability, pv->id_rank};
  g_qsort_with_data(idx, (gint)n, sizeof(guint32), cmp_nodes, &ns);
  json_builder_set_member_name(b, "nodes");
  json_builder_begin_array(b);
  for (guint32 i = 0; i < n; i++) {
    guint32 v = idx[i];
    const CgNodeRec *nd = cg__node(g, v);
    const CgRiskFactors *f = &r->factors[v];
    json_builder_begin_object(b);
    cg__json_str(b, "id", nd->id);
    cg__json_str(b, "name", nd->name);
    cg__json_str(b, "name_en", nd->name_en);
    cg__json_str(b, "stage", cg_stage_to_string(nd->stage));
    cg__json_num(b, "probability", r->probability[v]);
    cg__json_num(b, "criticality", r->criticality[v]);
    json_builder_set_member_name(b, "factors");
    json_builder_begin_object(b);
    cg__json_num(b, "concentration", f->concentration);
    cg__json_int(b, "regions", f->n_regions);
    cg__json_num(b, "foreign", f->foreign);
    cg__json_str(b, "chokepoint", f->chokepoint);
    cg__json_num(b, "import_share", f->import_share);
    cg__json_num(b, "substitutability", f->substitutability);
    cg__json_num(b, "substitution", f->substitution);
    cg__json_num(b, "recycling_rate", f->recycling_rate);
    cg__json_num(b, "recycling", f->recycling);
    cg__json_num(b, "stage", f->stage);
    cg__json_num(b, "score", f->score);
    json_builder_end_object(b);
    char *why = cg_risk_node_why(g, r, v);
    cg__json_str(b, "why", why);
    g_free(why);
    json_builder_set_member_name(b, "evidence");
    cg__json_evidence(b, g, v);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  g_free(idx);

  gsize nl = top_links ? MIN(top_links, r->n_edges) : r->n_edges;
  CgKernel kn;
  gboolean kn_ready = FALSE;
  json_builder_set_member_name(b, "links");
  json_builder_begin_array(b);
  for (gsize i = 0; i < nl; i++) {
    guint32 e = r->link_order[i], u = g->esrc[e], v = cg__edge_dst(g, e), gi = g->egroup[e];
    guint32 k = g->gmem_off[gi + 1] - g->gmem_off[gi];
    json_builder_begin_object(b);
    cg__json_str(b, "source", cg__node(g, u)->id);
    cg__json_str(b, "target", cg__node(g, v)->id);
    cg__json_str(b, "source_name", cg_node_label(g, u));
    cg__json_str(b, "target_name", cg_node_label(g, v));
    cg__json_num(b, "score", r->link_score[e]);
    json_builder_set_member_name(b, "factors");
    json_builder_begin_object(b);
    cg__json_num(b, "probability", r->probability[u]);
    cg__json_num(b, "dependence", 1.0 / k);
    cg__json_int(b, "alternatives", k);
    cg__json_num(b, "criticality", r->criticality[v]);
    json_builder_end_object(b);
    cg__json_num(b, "criticality_share", r->link_share[e]);
    if (i < r->n_links) {
      cg__json_str(b, "why", r->links[i].why);
    } else {
      if (!kn_ready) {
        cg__kernel_init(&kn, g, &pv->E.b);
        kn_ready = TRUE;
      }
      char *why = link_why(g, r, &kn, e);
      cg__json_str(b, "why", why);
      g_free(why);
    }
    json_builder_set_member_name(b, "evidence");
    cg__json_evidence(b, g, u);
    json_builder_set_member_name(b, "provenance");
    json_provs(b, g, e);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);
  if (kn_ready)
    cg__kernel_clear(&kn);

  json_builder_set_member_name(b, "applications");
  json_builder_begin_array(b);
  for (gsize i = 0; i < r->n_applications; i++) {
    const CgRiskApplication *a = &r->applications[i];
    json_builder_begin_object(b);
    cg__json_str(b, "id", cg__node(g, a->node)->id);
    cg__json_str(b, "name", cg__node(g, a->node)->name);
    cg__json_num(b, "weight", a->weight);
    cg__json_num(b, "failure_probability", a->failure_probability);
    json_builder_set_member_name(b, "producible");
    json_builder_add_boolean_value(b, a->producible);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);

  json_builder_set_member_name(b, "invest");
  json_builder_begin_array(b);
  for (gsize i = 0; i < r->n_invest; i++) {
    const CgRiskInvestment *it = &r->invest[i];
    json_builder_begin_object(b);
    cg__json_str(b, "id", cg__node(g, it->node)->id);
    cg__json_str(b, "name", cg__node(g, it->node)->name);
    cg__json_num(b, "probability", it->probability);
    cg__json_num(b, "reduction", it->reduction);
    json_pair(b, "ci95", it->ci95[0], it->ci95[1]);
    cg__json_str(b, "why", it->why);
    json_builder_end_object(b);
  }
  json_builder_end_array(b);

  json_builder_set_member_name(b, "profile");
  json_builder_begin_object(b);
  for (guint i = 0; i < P_N; i++) {
    if (profile_keys[i].boolean) {
      json_builder_set_member_name(b, profile_keys[i].key);
      json_builder_add_boolean_value(b, pv->profile.v[i] != 0);
    } else
      cg__json_num(b, profile_keys[i].key, pv->profile.v[i]);
  }
  json_builder_end_object(b);
  json_builder_end_object(b);
  return cg__json_finish(b);
}

/* ==== scenarios =============================================================================== */

/**
 * cg_risk_embargo_nodes:
 * @n_out: (out): how many nodes are returned
 *
 * The nodes a chokepoint embargo knocks out: every node with evidence of foreign dependence
 * (chokepoint evidence of any kind but `bottleneck`, a domestic technology bottleneck).
 * Returns: (transfer full): ascending node indices; free with cg_free(). Complexity: O(V).
 */
guint32 *
cg_risk_embargo_nodes(const CgGraph *g, gsize *n_out)
{
  g_return_val_if_fail(g != NULL && n_out != NULL, NULL);
  GArray *a = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < cg__n(g); v++) {
    const CgNodeRec *nd = cg__node(g, v);
    /* A domestic technology bottleneck is no dependence on foreign supply. */
    gboolean foreign = FALSE;
    for (guint i = 0; nd->x && nd->x->chokepoints && i < nd->x->chokepoints->len; i++)
      foreign = foreign || g_strcmp0(nd->x->chokepoint_kinds->pdata[i], "bottleneck") != 0;
    if (foreign)
      g_array_append_val(a, v);
  }
  *n_out = a->len;
  return (guint32 *)(void *)g_array_free(a, FALSE);
}

/**
 * cg_risk_scenario_free:
 * Frees @scenario. NULL-safe.
 */
void
cg_risk_scenario_free(CgRiskScenario *sc)
{
  if (!sc)
    return;
  g_free(sc->label);
  g_free(sc->why);
  cg_impact_free(sc->impact);
  g_free(sc);
}

/* A sweep of lane losses with @S; returns them (transfer full) and the mean and interval. */
static double *
loss_sweep(const Engine *E, const Sampler *S, guint threads, double *mean, double *lo, double *hi)
{
  Sweep sw;
  sweep_alloc(&sw, E, S, SWEEP_LOSS);
  sweep_run(&sw, threads);
  sweep_mean(&sw, S->lanes_total, mean, lo, hi);
  double *lanes = sw.lane_loss;
  sw.lane_loss = NULL;
  sweep_free(&sw);
  return lanes;
}

/**
 * cg_risk_scenario:
 * @base: (nullable): a finished cg_risk() of the same graph: its probabilities are used and,
 *   when it drew the same samples (same seed, samples and method), its draws are reused;
 *   %NULL to compute the model here with @options->profile
 * @nodes: (array length=n_nodes) (nullable): nodes knocked out
 * @regions: (array zero-terminated=1) (nullable): regions out (cg_region_outage_nodes())
 * @embargo: knock out every node with chokepoint evidence (cg_risk_embargo_nodes())
 * @options: (nullable): samples, seed, threads, exact_max and profile as for cg_risk()
 *
 * What a scenario loses outright (cg_disrupt() of its nodes), and how the expected loss
 * changes when its nodes fail for sure while every other node still fails with its
 * probability. Monte Carlo pairs the same draws with and without the scenario, so the
 * change has a tight interval.
 * Errors: %CG_ERROR_UNKNOWN for an unknown region or node index, as cg_risk() for options.
 * Returns: (transfer full) (nullable): free with cg_risk_scenario_free().
 * Complexity: O(V + E) for the outright loss plus one or two sweeps, each
 * O((V + E) · ⌈N/64⌉) word operations.
 */
CgRiskScenario *
cg_risk_scenario(const CgGraph *g, const CgRisk *base, const guint32 *nodes, gsize n_nodes,
                 const char *const *regions, gboolean embargo, const CgRiskOptions *options,
                 GError **error)
{
  g_return_val_if_fail(g != NULL && g->finished, NULL);
  g_return_val_if_fail(base == NULL || base->n_nodes == cg__n(g), NULL);
  CgRiskOptions opt = CG_RISK_OPTIONS_INIT;
  if (options)
    opt = *options;
  if (!check_options(&opt, error))
    return NULL;
  guint32 n = cg__n(g);
  guint8 *forced = g_new0(guint8, n ? n : 1);
  GString *label = g_string_new(NULL);
  if (n_nodes) {
    g_string_append(label, "nodes:");
    for (gsize i = 0; i < n_nodes; i++) {
      if (nodes[i] >= n) {
        g_set_error(error, CG_ERROR, CG_ERROR_UNKNOWN, "node index %u is out of range (%u nodes)",
                    nodes[i], n);
        g_free(forced);
        g_string_free(label, TRUE);
        return NULL;
      }
      forced[nodes[i]] = 1;
      g_string_append_printf(label, "%s%s", i ? "," : "", cg__node(g, nodes[i])->id);
    }
  }
  for (const char *const *p = regions; p && *p; p++) {
    const char *one[2] = {*p, NULL};
    gsize k = 0;
    GError *rerr = NULL;
    /* An outage that knocks nothing out comes back as NULL without an error. */
    guint32 *out = cg_region_outage_nodes(g, one, &k, &rerr);
    if (rerr) {
      g_propagate_error(error, rerr);
      g_free(forced);
      g_string_free(label, TRUE);
      return NULL;
    }
    for (gsize i = 0; i < k; i++)
      forced[out[i]] = 1;
    g_free(out);
    g_string_append_printf(label, "%sregion:%s", label->len ? " + " : "", *p);
  }
  if (embargo) {
    gsize k;
    guint32 *out = cg_risk_embargo_nodes(g, &k);
    for (gsize i = 0; i < k; i++)
      forced[out[i]] = 1;
    g_free(out);
    g_string_append_printf(label, "%sembargo", label->len ? " + " : "");
  }
  if (!label->len)
    g_string_append(label, "nothing");
  GArray *list = g_array_new(FALSE, FALSE, sizeof(guint32));
  for (guint32 v = 0; v < n; v++)
    if (forced[v])
      g_array_append_val(list, v);
  CgImpact *im = cg_disrupt(g, (guint32 *)(void *)list->data, list->len, NULL, error);
  g_array_free(list, TRUE);
  if (!im) {
    g_free(forced);
    g_string_free(label, TRUE);
    return NULL;
  }

  /* The model, from @base or computed here. */
  Engine own;
  const Engine *E;
  double *p_own = NULL;
  const double *p;
  if (base) {
    E = &PRIV(base)->E;
    p = base->probability;
  } else {
    engine_init(&own, g);
    E = &own;
    CgRiskProfile pr;
    if (opt.profile)
      pr = *opt.profile;
    else
      for (guint i = 0; i < P_N; i++)
        pr.v[i] = profile_keys[i].def;
    Claims c;
    cg__producers_build(g, pr.v[P_PLANNED] != 0, CG_NONE, &c);
    p_own = probabilities(g, &pr, &c, opt.probabilities, NULL, error);
    cg__producers_clear(&c);
    if (!p_own) {
      engine_clear(&own);
      cg_impact_free(im);
      g_free(forced);
      g_string_free(label, TRUE);
      return NULL;
    }
    p = p_own;
  }
  gboolean exact = opt.exact_max > 0 && count_uncertain(E, p) <= opt.exact_max;
  Sampler S, SF;
  sampler_init(&S, E, p, NULL, exact, opt.seed, opt.samples);
  /* The scenario's sampler draws exactly as the base one (same buckets, same generators);
   * its nodes are failed on top, so sample i with and without the scenario are paired. */
  SF = S;
  GArray *fl = g_array_new(FALSE, FALSE, sizeof(guint32));
  g_array_append_vals(fl, S.forced, S.n_forced);
  for (guint32 v = 0; v < n; v++)
    if (forced[v] && E->b.prod[v] && p[v] < 1)
      g_array_append_val(fl, v);
  SF.n_forced = fl->len;
  SF.forced = (guint32 *)(void *)fl->data;

  CgRiskScenario *sc = g_new0(CgRiskScenario, 1);
  sc->impact = im;
  sc->method = exact ? "exact" : "monte-carlo";
  sc->samples = exact ? 0 : opt.samples;
  const double *bl;
  double *bl_own = NULL;
  if (base && PRIV(base)->exact == exact && PRIV(base)->lanes == S.lanes_total &&
      (exact || (base->seed == opt.seed && PRIV(base)->lane_loss))) {
    bl = PRIV(base)->lane_loss;
    sc->base_loss = base->expected_loss;
    sc->base_ci95[0] = base->ci95[0];
    sc->base_ci95[1] = base->ci95[1];
  } else {
    bl = bl_own = loss_sweep(E, &S, opt.threads, &sc->base_loss, &sc->base_ci95[0],
                             &sc->base_ci95[1]);
  }
  double *sl = loss_sweep(E, &SF, opt.threads, &sc->loss, &sc->ci95[0], &sc->ci95[1]);
  sc->change = sc->loss - sc->base_loss;
  if (exact || S.lanes_total < 2) {
    sc->change_ci95[0] = sc->change_ci95[1] = sc->change;
  } else {
    double N = (double)S.lanes_total, mu = 0, ss = 0;
    for (gsize i = 0; i < S.lanes_total; i++)
      mu += sl[i] - bl[i];
    mu /= N;
    for (gsize i = 0; i < S.lanes_total; i++) {
      double d = sl[i] - bl[i] - mu;
      ss += d * d;
    }
    double half = 1.959963984540054 * sqrt(ss / (N - 1) / N);
    sc->change = mu;
    sc->change_ci95[0] = mu - half;
    sc->change_ci95[1] = mu + half;
  }
  g_free(sl);
  g_free(bl_own);
  g_array_free(fl, TRUE);
  sampler_clear(&S);
  if (!base)
    engine_clear(&own);
  g_free(p_own);
  g_free(forced);
  sc->label = g_string_free(label, FALSE);

  GString *w = g_string_new(NULL);
  g_string_append_printf(w, "%s: %zu node%s knocked out", sc->label, im->n_disrupted,
                         im->n_disrupted == 1 ? "" : "s");
  for (gsize i = 0; i < im->n_disrupted && i < 3; i++)
    g_string_append_printf(w, "%s%s", i ? ", " : " (", cg_node_label(g, im->disrupted[i]));
  if (im->n_disrupted)
    g_string_append(w, im->n_disrupted > 3 ? ", …)" : ")");
  g_string_append_printf(w, ", %zu application%s lost outright (%.0f%% of weight); expected loss "
                            "%.3g → %.3g of %g (%+.3g)",
                         im->n_lost_applications, im->n_lost_applications == 1 ? "" : "s",
                         100 * im->impact, sc->base_loss, sc->loss, im->total_weight, sc->change);
  sc->why = g_string_free(w, FALSE);
  return sc;
}

/**
 * cg_risk_scenario_to_json:
 *
 * `{"scenario", "impact", "lost_weight", "total_weight", "disrupted", "lost",
 * "lost_applications", "impact_why", "expected_loss": {"base": {"mean", "ci95"},
 * "scenario": {"mean", "ci95"}, "change": {"mean", "ci95"}, "method", "samples"}, "why"}` —
 * the keys of cg_impact_to_json() plus the expected-loss change.
 * Returns: (transfer full) (nullable): free with cg_free(). Complexity: O(lost nodes).
 */
char *
cg_risk_scenario_to_json(const CgGraph *g, const CgRiskScenario *sc, GError **error)
{
  g_return_val_if_fail(g != NULL && sc != NULL, NULL);
  (void)error;
  const CgImpact *im = sc->impact;
  JsonBuilder *b = json_builder_new();
  json_builder_begin_object(b);
  cg__json_str(b, "scenario", sc->label);
  cg__json_num(b, "impact", im->impact);
  cg__json_num(b, "lost_weight", im->lost_weight);
  cg__json_num(b, "total_weight", im->total_weight);
  const struct {
    const char *key;
    const guint32 *v;
    gsize n;
  } lists[] = {{"disrupted", im->disrupted, im->n_disrupted},
               {"lost", im->lost, im->n_lost},
               {"lost_applications", im->lost_applications, im->n_lost_applications}};
  for (guint l = 0; l < G_N_ELEMENTS(lists); l++) {
    json_builder_set_member_name(b, lists[l].key);
    json_builder_begin_array(b);
    for (gsize i = 0; i < lists[l].n; i++)
      json_builder_add_string_value(b, cg__node(g, lists[l].v[i])->id);
    json_builder_end_array(b);
  }
  char *iw = cg_impact_why(g, im);
  cg__json_str(b, "impact_why", iw);
  g_free(iw);
  json_builder_set_member_name(b, "expected_loss");
  json_builder_begin_object(b);
  const struct {
    const char *key;
    double mean;
    const double *ci;
  } parts[] = {{"base", sc->base_loss, sc->base_ci95},
               {"scenario", sc->loss, sc->ci95},
               {"change", sc->change, sc->change_ci95}};
  for (guint i = 0; i < G_N_ELEMENTS(parts); i++) {
    json_builder_set_member_name(b, parts[i].key);
    json_builder_begin_object(b);
    cg__json_num(b, "mean", parts[i].mean);
    json_pair(b, "ci95", parts[i].ci[0], parts[i].ci[1]);
    json_builder_end_object(b);
  }
  cg__json_str(b, "method", sc->method);
  cg__json_int(b, "samples", (gint64)sc->samples);
  json_builder_end_object(b);
  cg__json_str(b, "why", sc->why);
  json_builder_end_object(b);
  return cg__json_finish(b);
}

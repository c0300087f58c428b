/* The risk profile: its keys, defaults, parsing, loading and text form
 * (docs/risk-model.md, "The profile"). */
#include "analysis/risk-private.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include <errno.h>
#include <string.h>

const ProfileKey cg__risk_profile_keys[P_N] = {
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
    p->v[i] = cg__risk_profile_keys[i].def;
  return p;
}

/**
 * cg_risk_profile_copy:
 * @profile: a risk profile
 *
 * Copies a risk profile. Complexity: O(1).
 *
 * Returns: (transfer full): a copy of @profile; free with cg_risk_profile_free().
 */
CgRiskProfile *
cg_risk_profile_copy(const CgRiskProfile *profile)
{
  g_return_val_if_fail(profile != NULL, NULL);
  return g_memdup2(profile, sizeof *profile);
}

/**
 * cg_risk_profile_free:
 * @profile: (nullable): a risk profile
 *
 * Frees @profile. NULL-safe.
 */
void
cg_risk_profile_free(CgRiskProfile *profile)
{
  g_free(profile);
}

static int
profile_index(const char *key)
{
  for (int i = 0; i < P_N; i++)
    if (strcmp(cg__risk_profile_keys[i].key, key) == 0)
      return i;
  return -1;
}

/**
 * cg_risk_profile_keys:
 *
 * Every key of the risk model (docs/risk-model.md lists them with their defaults).
 *
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
      keys[i] = cg__risk_profile_keys[i].key;
    keys[P_N] = NULL;
    g_once_init_leave(&done, 1);
  }
  return keys;
}

/**
 * cg_risk_profile_key_doc:
 * @key: a key of the risk model (cg_risk_profile_keys())
 *
 * What one constant of the risk model means. Complexity: O(keys).
 *
 * Returns: (transfer none) (nullable): one line saying what @key means, or %NULL if the
 *   key is unknown.
 */
const char *
cg_risk_profile_key_doc(const char *key)
{
  g_return_val_if_fail(key != NULL, NULL);
  int i = profile_index(key);
  return i < 0 ? NULL : cg__risk_profile_keys[i].doc;
}

/**
 * cg_risk_profile_get:
 * @profile: a risk profile
 * @key: a key of the risk model (cg_risk_profile_keys())
 * @value: (out): the value (booleans are 0 or 1)
 *
 * Reads one constant of the risk model. Complexity: O(keys).
 *
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
    g_string_append_printf(s, "%s%s", i ? ", " : "", cg__risk_profile_keys[i].key);
  return g_string_free(s, FALSE);
}

/* Parses one value; on error sets a message without the place (the caller adds it). */
static gboolean
profile_parse(int i, const char *text, double *out, char **msg)
{
  const ProfileKey *k = &cg__risk_profile_keys[i];
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
  char *trimmed = g_strstrip(g_strdup(text));
  double x = 0;
  gboolean number = cg__parse_decimal(trimmed, &x);
  g_free(trimmed);
  if (!number) {
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
 * @profile: the risk profile to change
 * @key: a key of cg_risk_profile_keys()
 * @value: its value as text (a number; booleans take true/false/yes/no/1/0)
 * @error: return location for a #GError, or %NULL
 *
 * Sets one constant, as the CLI's `--set KEY=VALUE` and the Python binding's dict do.
 * Errors: %CG_ERROR_USAGE for an unknown key (the message lists the keys),
 * %CG_ERROR_INVALID for a bad or out-of-range value. On error @profile is unchanged.
 * Complexity: O(keys).
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
cg_risk_profile_set(CgRiskProfile *profile, const char *key, const char *value, GError **error)
{
  g_return_val_if_fail(profile != NULL && key != NULL && value != NULL, FALSE);
  int i = profile_index(key);
  if (i < 0) {
    char *keys = known_keys();
    cg__set_error_at(error, CG_ERROR_USAGE, NULL, "unknown risk profile key '%s' (known: %s)",
                     key, keys);
    g_free(keys);
    return FALSE;
  }
  char *msg = NULL;
  double x;
  if (!profile_parse(i, value, &x, &msg)) {
    cg__set_error_at(error, CG_ERROR_INVALID, NULL, "%s", msg);
    g_free(msg);
    return FALSE;
  }
  profile->v[i] = x;
  return TRUE;
}

/**
 * cg_risk_profile_load_data:
 * @profile: the risk profile to change
 * @data: the text: lines `key = value`, `#` starts a comment, blank lines are ignored
 * @length: its length, or -1 if NUL-terminated
 * @name: the file name used in messages
 * @error: return location for a #GError, or %NULL
 *
 * Overrides the constants the text names; the others keep their values. On error the
 * profile is unchanged. Errors: %CG_ERROR_PARSE naming `name:line:` for a line without
 * `=`, an unknown key, a key given twice or a bad value. Complexity: O(length · keys).
 *
 * Returns: %TRUE on success, %FALSE with @error set
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
  guint given[P_N] = {0}; /* the line that gave each key, 0: none */
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
      cg__set_error_at(error, CG_ERROR_PARSE, NULL, "%s:%u: expected 'key = value', got '%s'",
                       name, ln + 1, line);
      ok = FALSE;
      break;
    }
    *eq = '\0';
    char *key = g_strstrip(line), *val = g_strstrip(eq + 1);
    int i = profile_index(key);
    if (i < 0) {
      char *keys = known_keys();
      cg__set_error_at(error, CG_ERROR_PARSE, NULL,
                       "%s:%u: unknown risk profile key '%s' (known: %s)", name, ln + 1, key, keys);
      g_free(keys);
      ok = FALSE;
      break;
    }
    if (given[i]) {
      cg__set_error_at(error, CG_ERROR_PARSE, NULL, "%s:%u: key '%s' given twice (first at line %u)",
                       name, ln + 1, key, given[i]);
      ok = FALSE;
      break;
    }
    given[i] = ln + 1;
    char *msg = NULL;
    if (!profile_parse(i, val, &tmp.v[i], &msg)) {
      cg__set_error_at(error, CG_ERROR_PARSE, NULL, "%s:%u: %s", name, ln + 1, msg);
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
 * @profile: the risk profile to change
 * @path: a profile file (see cg_risk_profile_load_data())
 * @error: return location for a #GError, or %NULL
 *
 * Errors: %CG_ERROR_IO if the file cannot be read, is not a regular file (a device or FIFO
 * is refused, not read) or is larger than 1 MiB; else as cg_risk_profile_load_data().
 * Complexity: O(file size · keys).
 *
 * Returns: %TRUE on success, %FALSE with @error set (the profile unchanged)
 */
gboolean
cg_risk_profile_load(CgRiskProfile *profile, const char *path, GError **error)
{
  g_return_val_if_fail(profile != NULL && path != NULL, FALSE);
  char *data = NULL;
  gsize len = 0;
  GError *io = NULL;
  /* A profile is a few lines: a device or FIFO (`--profile /dev/urandom`) would be read
   * forever, and anything past a mebibyte is not a profile. */
  GStatBuf st;
  if (g_stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: not a regular file (a risk profile is one)",
                path);
    return FALSE;
  }
  if (g_stat(path, &st) == 0 && st.st_size > CG__PROFILE_MAX) {
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: too large for a risk profile (over %u bytes)",
                path, CG__PROFILE_MAX);
    return FALSE;
  }
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
 * @profile: a risk profile
 *
 * The profile as a file cg_risk_profile_load() reads back: every key with its value and,
 * as a comment, what it means.
 *
 * Returns: (transfer full): free with cg_free().
 */
char *
cg_risk_profile_to_text(const CgRiskProfile *profile)
{
  g_return_val_if_fail(profile != NULL, NULL);
  GString *s = g_string_new("# chaingraph risk profile (docs/risk-model.md)\n");
  for (guint i = 0; i < P_N; i++) {
    const ProfileKey *k = &cg__risk_profile_keys[i];
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

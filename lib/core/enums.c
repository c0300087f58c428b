/* The CG_ERROR domain, cg__set_error_at, and the stage, level and chokepoint-kind enums as
 * strings. */
#include "core/cg-core.h"

#include <string.h>

/**
 * cg_error_quark:
 *
 * The quark of %CG_ERROR, the error domain of every chaingraph function. Thread-safe.
 *
 * Returns: the quark
 */
G_DEFINE_QUARK(cg-error-quark, cg_error)

static const char *const stage_names[] = {"unknown",     "raw",      "material", "component",
                                          "product",     "application", "recycling", "category"};
static const struct {
  const char *label;
  CgStage stage;
} stage_labels[] = {
    {"原料", CG_STAGE_RAW},        {"原材料", CG_STAGE_RAW},       {"材料", CG_STAGE_MATERIAL},
    {"器件", CG_STAGE_COMPONENT},  {"部件", CG_STAGE_COMPONENT},   {"零部件", CG_STAGE_COMPONENT},
    {"产品", CG_STAGE_PRODUCT},    {"应用", CG_STAGE_APPLICATION}, {"终端", CG_STAGE_APPLICATION},
    {"回收", CG_STAGE_RECYCLING},
};

/**
 * cg_stage_to_string:
 * @stage: a stage
 *
 * The stage's name, as the chain format and the CLI write it. Complexity: O(1).
 *
 * Returns: (transfer none): the English stage keyword ("raw", "material", …).
 */
const char *
cg_stage_to_string(CgStage stage)
{
  return (guint)stage < G_N_ELEMENTS(stage_names) ? stage_names[stage] : "unknown";
}

/**
 * cg_stage_from_string:
 * @text: a stage name (ASCII, any case)
 * @out: (out): the stage
 *
 * Parses a stage keyword or one of the documents' Chinese stage labels.
 * Returns: %FALSE if @text is neither.
 */
gboolean
cg_stage_from_string(const char *text, CgStage *out)
{
  g_return_val_if_fail(text != NULL && out != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS(stage_names); i++)
    if (g_ascii_strcasecmp(text, stage_names[i]) == 0) {
      *out = (CgStage)i;
      return TRUE;
    }
  for (guint i = 0; i < G_N_ELEMENTS(stage_labels); i++)
    if (strcmp(text, stage_labels[i].label) == 0) {
      *out = stage_labels[i].stage;
      return TRUE;
    }
  return FALSE;
}

static const char *const level_names[] = {"unknown", "country", "province", "city",
                                          "district", "zone",   "cluster"};

/**
 * cg_level_to_string:
 * @level: a region level
 *
 * The level's name, as the chain format and the CLI write it. Complexity: O(1).
 *
 * Returns: (transfer none): a static string; `unknown` for a value out of range
 */
const char *
cg_level_to_string(CgRegionLevel level)
{
  return (guint)level < G_N_ELEMENTS(level_names) ? level_names[level] : "unknown";
}

/**
 * cg_level_from_string:
 * @text: a level name (ASCII, any case)
 * @out: (out): the level
 *
 * Parses a level name written by cg_level_to_string(). Complexity: O(1).
 *
 * Returns: whether @text names a level (@out is untouched if not)
 */
gboolean
cg_level_from_string(const char *text, CgRegionLevel *out)
{
  g_return_val_if_fail(text != NULL && out != NULL, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS(level_names); i++)
    if (g_ascii_strcasecmp(text, level_names[i]) == 0) {
      *out = (CgRegionLevel)i;
      return TRUE;
    }
  return FALSE;
}

/* A message as it may be shown (every error goes through here): valid UTF-8 whatever the
 * input's bytes, and short — a message quoting a long value (a 1 MB id, a 50 MB profile
 * line) keeps its first and last characters around a note of how many were left out. */
char *
cg__message_tidy(const char *raw)
{
  char *msg = g_utf8_make_valid(raw, -1);
  glong n = g_utf8_strlen(msg, -1);
  if (n <= CG__MESSAGE_MAX)
    return msg;
  const glong head = CG__MESSAGE_MAX * 2 / 3, tail = CG__MESSAGE_MAX / 4;
  const char *h_end = g_utf8_offset_to_pointer(msg, head);
  const char *t_start = g_utf8_offset_to_pointer(msg, n - tail);
  char *out = g_strdup_printf("%.*s … (%ld characters left out) … %s", (int)(h_end - msg), msg,
                              n - head - tail, t_start);
  g_free(msg);
  return out;
}

void
cg__set_error_at(GError **error, CgError code, const char *where, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  char *raw = g_strdup_vprintf(fmt, ap);
  va_end(ap);
  char *msg = cg__message_tidy(raw);
  g_free(raw);
  if (where)
    g_set_error(error, CG_ERROR, code, "%s: %s", where, msg);
  else
    g_set_error_literal(error, CG_ERROR, code, msg);
  g_free(msg);
}

static const char *const chokepoint_kind_names[] = {NULL,           "chokepoint", "foreign",
                                                    "monopoly",     "substitution",
                                                    "bottleneck"};

/**
 * cg_chokepoint_kind_to_string:
 * @kind: a chokepoint kind
 *
 * The kind's name, as the formats write it (`kind=foreign`). Complexity: O(1).
 *
 * Returns: (transfer none) (nullable): a static string; %NULL for
 *   %CG_CHOKEPOINT_KIND_NONE or a value out of range
 */
const char *
cg_chokepoint_kind_to_string(CgChokepointKind kind)
{
  return (guint)kind < G_N_ELEMENTS(chokepoint_kind_names) ? chokepoint_kind_names[kind] : NULL;
}

/**
 * cg_chokepoint_kind_from_string:
 * @text: a kind's name (`chokepoint`, `foreign`, `monopoly`, `substitution`, `bottleneck`)
 * @out: (out): the kind
 *
 * Parses a chokepoint kind as the formats write it (exact, lower case). Complexity: O(1).
 *
 * Returns: %FALSE if @text is none of the names
 */
gboolean
cg_chokepoint_kind_from_string(const char *text, CgChokepointKind *out)
{
  g_return_val_if_fail(text != NULL && out != NULL, FALSE);
  for (guint i = 1; i < G_N_ELEMENTS(chokepoint_kind_names); i++)
    if (strcmp(text, chokepoint_kind_names[i]) == 0) {
      *out = (CgChokepointKind)i;
      return TRUE;
    }
  return FALSE;
}

/* @text (NULL: the default kind, chokepoint) as a kind, else FALSE with the one message
 * every reader gives, "PREFIXunknown WHAT kind 'TEXT' (expected …)", at @where. */
gboolean
cg__chokepoint_kind_parse(const char *text, const char *where, const char *prefix,
                          const char *what, CgChokepointKind *out, GError **error)
{
  *out = CG_CHOKEPOINT_KIND_CHOKEPOINT;
  if (!text || cg_chokepoint_kind_from_string(text, out))
    return TRUE;
  cg__set_error_at(error, CG_ERROR_PARSE, where,
                   "%sunknown %s kind '%s' (expected chokepoint, foreign, monopoly, "
                   "substitution or bottleneck)", prefix, what, text);
  return FALSE;
}

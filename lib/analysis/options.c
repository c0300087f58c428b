/* The option structs' defaults and versions (libgit2's pattern): a caller fills a struct
 * with cg_X_options_init(&o, CG_X_OPTIONS_VERSION) and sets what differs; the library
 * checks the version before it reads a field. The defaults live here and nowhere else:
 * the CLI and the Python binding read them from these functions. */
#include "analysis/cg-analysis.h"

/* The size up to which CG_BETWEENNESS_AUTO computes betweenness (it costs a shortest-path
 * search per raw material: about a minute at 100,000 nodes). */
#define BETWEENNESS_AUTO_MAX_NODES 50000

static gboolean
init_version_ok(const char *what, unsigned int version, unsigned int known)
{
  if (version >= 1 && version <= known)
    return TRUE;
  g_critical("cg_%s_options_init: unknown options version %u (this library, %s, knows 1 to "
             "%u): the caller was compiled against other headers",
             what, version, CG_VERSION_STRING, known);
  return FALSE;
}

gboolean
cg__options_version_ok(const char *init, unsigned int version, unsigned int known,
                       GError **error)
{
  if (version >= 1 && version <= known)
    return TRUE;
  g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
              "unknown options version %u (this library, %s, knows 1 to %u): initialise the "
              "options with %s()",
              version, CG_VERSION_STRING, known, init);
  return FALSE;
}

/**
 * cg_bottleneck_options_init:
 * @options: (out caller-allocates): the options to fill
 * @version: %CG_BOTTLENECK_OPTIONS_VERSION
 *
 * Fills @options with the defaults: the top 10 nodes, every chain, betweenness
 * %CG_BETWEENNESS_AUTO, one thread per core, %CG_ESTIMATE_AUTO, 2000 samples, seed 1; from
 * version 2, no progress callback.
 *
 * Returns: 0, or -1 (with a critical warning, @options untouched) for a @version this
 *   library does not know. Thread-safe; O(1).
 */
int
cg_bottleneck_options_init(CgBottleneckOptions *o, unsigned int version)
{
  g_return_val_if_fail(o != NULL, -1);
  if (!init_version_ok("bottleneck", version, CG_BOTTLENECK_OPTIONS_VERSION))
    return -1;
  CgBottleneckOptions d = {
      .version = version,
      .top = 10,
      .chain = NULL,
      .betweenness = CG_BETWEENNESS_AUTO,
      .threads = 0,
      .estimate = CG_ESTIMATE_AUTO,
      .samples = 2000,
      .seed = 1,
      .progress = NULL,
      .progress_data = NULL,
  };
  /* a version-1 caller's struct ends before @progress: write only its fields */
  memcpy(o, &d, version >= 2 ? sizeof d : G_STRUCT_OFFSET(CgBottleneckOptions, progress));
  return 0;
}

gboolean
cg__bottleneck_options_get(const CgBottleneckOptions *options, CgBottleneckOptions *out,
                           GError **error)
{
  if (!options) {
    cg_bottleneck_options_init(out, CG_BOTTLENECK_OPTIONS_VERSION);
    return TRUE;
  }
  if (!cg__options_version_ok("cg_bottleneck_options_init", options->version,
                              CG_BOTTLENECK_OPTIONS_VERSION, error))
    return FALSE;
  if (options->version == 1) { /* read only version 1's fields */
    cg_bottleneck_options_init(out, CG_BOTTLENECK_OPTIONS_VERSION);
    memcpy(out, options, G_STRUCT_OFFSET(CgBottleneckOptions, progress));
    return TRUE;
  }
  *out = *options;
  return TRUE;
}

gboolean
cg__bottleneck_betweenness_wanted(const CgGraph *g, CgBetweenness b)
{
  return b == CG_BETWEENNESS_ALWAYS ||
         (b == CG_BETWEENNESS_AUTO && cg__n(g) <= BETWEENNESS_AUTO_MAX_NODES);
}

/**
 * cg_risk_options_init:
 * @options: (out caller-allocates): the options to fill
 * @version: %CG_RISK_OPTIONS_VERSION
 *
 * Fills @options with the defaults: 10,000 samples, seed 1, one thread per core, the top
 * 10 links, exact enumeration up to 16 uncertain nodes, the default profile, 10 "where to
 * invest" nodes measured on every sample, the model's probabilities; from version 2,
 * sequential sampling to a relative precision of 0.01 (1 %) with @samples as the cap, and
 * no progress callback.
 *
 * Returns: 0, or -1 (with a critical warning, @options untouched) for a @version this
 *   library does not know. Thread-safe; O(1).
 */
int
cg_risk_options_init(CgRiskOptions *o, unsigned int version)
{
  g_return_val_if_fail(o != NULL, -1);
  if (!init_version_ok("risk", version, CG_RISK_OPTIONS_VERSION))
    return -1;
  CgRiskOptions d = {
      .version = version,
      .samples = 10000,
      .seed = 1,
      .threads = 0,
      .top = 10,
      .exact_max = 16,
      .profile = NULL,
      .invest = 10,
      .invest_samples = 0,
      .probabilities = NULL,
      .precision = 0.01,
      .progress = NULL,
      .progress_data = NULL,
  };
  /* a version-1 caller's struct ends before @precision: write only its fields */
  memcpy(o, &d, version >= 2 ? sizeof d : G_STRUCT_OFFSET(CgRiskOptions, precision));
  return 0;
}

gboolean
cg__risk_options_get(const CgRiskOptions *options, CgRiskOptions *out, GError **error)
{
  if (!options) {
    cg_risk_options_init(out, CG_RISK_OPTIONS_VERSION);
    return TRUE;
  }
  if (!cg__options_version_ok("cg_risk_options_init", options->version, CG_RISK_OPTIONS_VERSION,
                              error))
    return FALSE;
  if (options->version == 1) {
    /* a version-1 struct ends before @precision: read only its fields, and keep version 1's
     * behaviour (always @samples, no progress) */
    cg_risk_options_init(out, CG_RISK_OPTIONS_VERSION);
    memcpy(out, options, G_STRUCT_OFFSET(CgRiskOptions, precision));
    out->precision = 0;
    return TRUE;
  }
  *out = *options;
  return TRUE;
}

/**
 * cg_complement_options_init:
 * @options: (out caller-allocates): the options to fill
 * @version: %CG_COMPLEMENT_OPTIONS_VERSION
 *
 * Fills @options with the defaults: level "province", every ordered pair, one thread per
 * core, %CG_GAP_WEIGHT_CRITICALITY; from version 2, no progress callback.
 *
 * Returns: 0, or -1 (with a critical warning, @options untouched) for a @version this
 *   library does not know. Thread-safe; O(1).
 */
int
cg_complement_options_init(CgComplementOptions *o, unsigned int version)
{
  g_return_val_if_fail(o != NULL, -1);
  if (!init_version_ok("complement", version, CG_COMPLEMENT_OPTIONS_VERSION))
    return -1;
  CgComplementOptions d = {
      .version = version,
      .level = "province",
      .top = 0,
      .threads = 0,
      .weighting = CG_GAP_WEIGHT_CRITICALITY,
      .progress = NULL,
      .progress_data = NULL,
  };
  /* a version-1 caller's struct ends before @progress: write only its fields */
  memcpy(o, &d, version >= 2 ? sizeof d : G_STRUCT_OFFSET(CgComplementOptions, progress));
  return 0;
}

gboolean
cg__complement_options_get(const CgComplementOptions *options, CgComplementOptions *out,
                           GError **error)
{
  if (!options) {
    cg_complement_options_init(out, CG_COMPLEMENT_OPTIONS_VERSION);
    return TRUE;
  }
  if (!cg__options_version_ok("cg_complement_options_init", options->version,
                              CG_COMPLEMENT_OPTIONS_VERSION, error))
    return FALSE;
  if (options->version == 1) { /* read only version 1's fields */
    cg_complement_options_init(out, CG_COMPLEMENT_OPTIONS_VERSION);
    memcpy(out, options, G_STRUCT_OFFSET(CgComplementOptions, progress));
    return TRUE;
  }
  *out = *options;
  return TRUE;
}

/**
 * cg_generate_options_init:
 * @options: (out caller-allocates): the options to fill
 * @version: %CG_GENERATE_OPTIONS_VERSION
 *
 * Fills @options with the defaults: 10,000 nodes, 50,000 edges, 5 stages, or-fraction
 * 0.5, cycle-fraction 0.01, no regions, seed 1.
 *
 * Returns: 0, or -1 (with a critical warning, @options untouched) for a @version this
 *   library does not know. Thread-safe; O(1).
 */
int
cg_generate_options_init(CgGenerateOptions *o, unsigned int version)
{
  g_return_val_if_fail(o != NULL, -1);
  if (!init_version_ok("generate", version, CG_GENERATE_OPTIONS_VERSION))
    return -1;
  *o = (CgGenerateOptions){
      .version = version,
      .nodes = 10000,
      .edges = 50000,
      .stages = 5,
      .or_fraction = 0.5,
      .cycle_fraction = 0.01,
      .regions = 0,
      .seed = 1,
  };
  return 0;
}

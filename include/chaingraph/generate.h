/* chaingraph — generated layered chain graphs for tests and benchmarks.
 * Only <chaingraph/chaingraph.h> may be included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <chaingraph/graph.h>

G_BEGIN_DECLS

/**
 * CG_GENERATE_OPTIONS_VERSION:
 *
 * The version of #CgGenerateOptions these headers declare: pass it to
 * cg_generate_options_init().
 */
#define CG_GENERATE_OPTIONS_VERSION 1

/**
 * CgGenerateOptions:
 * @version: %CG_GENERATE_OPTIONS_VERSION (set by cg_generate_options_init())
 * @nodes: number of nodes (≥ 2 · @stages)
 * @edges: number of edges (≥ @nodes − nodes of the first stage)
 * @stages: number of stages (≥ 2): raw, material, …, application
 * @or_fraction: probability that an input joins an existing group of its target (an
 *   alternative) rather than forming its own group (a joint requirement)
 * @cycle_fraction: share of edges that go back upstream (recycling); each joins an
 *   existing group of its target, so a loop never becomes the only source
 * @regions: number of regions (cities, grouped 30 to a province); 0 for none
 * @seed: the seed: the same options give the same files
 *
 * Options of cg_generate(); start from cg_generate_options_init().
 */
typedef struct {
  unsigned int version;
  guint64 nodes;
  guint64 edges;
  guint stages;
  double or_fraction;
  double cycle_fraction;
  guint regions;
  guint64 seed;
} CgGenerateOptions;

CG_AVAILABLE_IN_1_0
int cg_generate_options_init(CgGenerateOptions *options, unsigned int version);

CG_AVAILABLE_IN_1_0
gboolean cg_generate(const CgGenerateOptions *options, const char *path, GError **error);

G_END_DECLS

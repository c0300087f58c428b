/* Generated layered chain graphs, written as TSV (docs/formats.md). */
#include "analysis/cg-analysis.h"
#include "core/rng.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

/**
 * SECTION:generate
 * @title: Generation
 * @short_description: synthetic layered chain graphs for benchmarks
 *
 * cg_generate() writes a random layered graph of a given size as TSV tables.
 */

static inline guint64
below(guint64 *s, guint64 n)
{
  return n ? cg__splitmix64(s) % n : 0;
}

static const char *const stage_for[] = {"raw", "material", "component", "product", "application"};

/* The stage keyword of layer @k of @K. */
static const char *
layer_stage(guint k, guint K)
{
  if (k == 0)
    return "raw";
  if (k == K - 1)
    return "application";
  if (K <= 5)
    return stage_for[k];
  return k < K / 2 ? "material" : k < K - 2 ? "component" : "product";
}

/* The tables go to temporary files and replace the old ones together (fileout.c). */
static FILE *
open_out(CgOutSet *set, const char *prefix, const char *suffix, char **name, GError **error)
{
  *name = g_strconcat(prefix, suffix, NULL);
  FILE *f = cg__outset_add(set, *name, error);
  if (f)
    setvbuf(f, NULL, _IOFBF, 1 << 20);
  else
    g_clear_pointer(name, g_free);
  return f;
}

static gboolean
close_out(FILE *f, char *name, GError **error)
{
  gboolean ok = !ferror(f);
  if (!ok && error && !*error)
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: write failed", name);
  g_free(name);
  return ok;
}

/* The layers: layer k of K holds nodes [layer_start(k), layer_start(k + 1)). */
typedef struct {
  guint64 n, per;
  guint K;
} Layers;

static inline guint64
layer_start(const Layers *L, guint k)
{
  return k == L->K ? L->n : (guint64)k * L->per;
}

static gboolean
check_options(const CgGenerateOptions *o, GError **error)
{
  guint K = o->stages;
  if (K < 2 || o->nodes < 2ull * K || o->or_fraction < 0 || o->or_fraction > 1 ||
      o->cycle_fraction < 0 || o->cycle_fraction > 1 || o->nodes > G_MAXUINT32 / 2) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "invalid options: need stages ≥ 2, nodes ≥ 2 × stages (and < 2^31), fractions in "
                "[0, 1]");
    return FALSE;
  }
  guint64 n = o->nodes, first = n / K;
  if (o->edges < n - first) {
    g_set_error(error, CG_ERROR, CG_ERROR_USAGE,
                "invalid options: %" G_GUINT64_FORMAT " edges cannot give each of the %" G_GUINT64_FORMAT
                " non-raw nodes an input",
                o->edges, n - first);
    return FALSE;
  }
  return TRUE;
}

static void
write_nodes(FILE *f, const Layers *L)
{
  fputs("id\tstage\n", f);
  for (guint k = 0; k < L->K; k++) {
    const char *st = layer_stage(k, L->K);
    for (guint64 v = layer_start(L, k); v < layer_start(L, k + 1); v++)
      fprintf(f, "n%" G_GUINT64_FORMAT "\t%s\n", v, st);
  }
}

/* Edges, target by target: @extra[v] inputs beyond the first, without duplicates. */
static void
write_edges(FILE *f, const CgGenerateOptions *o, const Layers *L, const guint32 *extra,
            guint64 *s)
{
  guint K = L->K;
  guint64 n = L->n, per = L->per, first = layer_start(L, 1);
  fputs("source\ttarget\tgroup\n", f);
  GArray *seen = g_array_new(FALSE, FALSE, sizeof(guint64));
  for (guint64 v = first; v < n; v++) {
    guint k = (guint)MIN(v / per, K - 1);
    guint32 ngroups = 0;
    g_array_set_size(seen, 0);
    for (guint32 j = 0; j <= extra[v]; j++) {
      /* The first input comes from the stage before; later ones may go back upstream. */
      gboolean back = j > 0 && k + 1 < K && cg__unit(s) < o->cycle_fraction;
      guint kk = back ? k + 1 + (guint)below(s, K - k - 1) : k - 1;
      guint64 u = 0;
      gboolean fresh = FALSE;
      for (int attempt = 0; attempt < 8 && !fresh; attempt++) {
        u = layer_start(L, kk) + below(s, layer_start(L, kk + 1) - layer_start(L, kk));
        fresh = TRUE;
        for (guint q = 0; q < seen->len && fresh; q++)
          fresh = g_array_index(seen, guint64, q) != u;
      }
      if (!fresh)
        continue;
      g_array_append_val(seen, u);
      guint32 grp;
      if (ngroups > 0 && (back || cg__unit(s) < o->or_fraction))
        grp = (guint32)below(s, ngroups);
      else
        grp = ngroups++;
      fprintf(f, "n%" G_GUINT64_FORMAT "\tn%" G_GUINT64_FORMAT "\tg%u\n", u, v, grp);
    }
  }
  g_array_free(seen, TRUE);
}

static void
write_regions(FILE *f, const CgGenerateOptions *o)
{
  guint provinces = MAX(1, (o->regions + 29) / 30);
  fputs("name\tlevel\tparent\n", f);
  for (guint p = 0; p < provinces; p++)
    fprintf(f, "p%u\tprovince\t\n", p);
  for (guint r = 0; r < o->regions; r++)
    fprintf(f, "r%u\tcity\tp%u\n", r, r / 30);
}

/* Each node before the last stage is produced by 1–3 regions. */
static void
write_capabilities(FILE *f, const CgGenerateOptions *o, const Layers *L, guint64 *s)
{
  fputs("region\tnode\n", f);
  for (guint64 v = 0; v < layer_start(L, L->K - 1); v++) {
    guint c = 1 + (guint)below(s, 3);
    guint r0 = (guint)below(s, o->regions);
    for (guint j = 0; j < c && j < o->regions; j++)
      fprintf(f, "r%u\tn%" G_GUINT64_FORMAT "\n", (r0 + j * 7919u) % o->regions, v);
  }
}

/**
 * cg_generate:
 * @options: sizes, shape and seed (from cg_generate_options_init())
 * @path: `PREFIX.tsv` (or PREFIX): writes PREFIX.nodes.tsv, PREFIX.edges.tsv and, with
 *   regions, PREFIX.regions.tsv and PREFIX.capabilities.tsv
 * @error: return location for a #GError, or %NULL
 *
 * Writes a layered chain graph: nodes spread evenly over the stages; every node after the
 * first stage gets one input from the stage before, the remaining edges join random
 * consecutive stages (a fraction going back upstream); inputs form groups as
 * @or_fraction says. Each non-application node is produced by 1–3 random regions.
 * Returns: %FALSE with @error set if a file cannot be written, or (%CG_ERROR_USAGE) for
 *   invalid options or an unknown @options->version (see cg_generate_options_init()).
 * Complexity: O(nodes + edges) time, O(nodes) memory.
 */
gboolean
cg_generate(const CgGenerateOptions *o, const char *path, GError **error)
{
  g_return_val_if_fail(o != NULL && path != NULL, FALSE);
  if (!cg__options_version_ok("cg_generate_options_init", o->version,
                              CG_GENERATE_OPTIONS_VERSION, error) ||
      !check_options(o, error))
    return FALSE;
  Layers L = {o->nodes, o->nodes / o->stages, o->stages};
  guint64 n = L.n, first = layer_start(&L, 1);
  char *prefix = g_str_has_suffix(path, ".tsv") ? g_strndup(path, strlen(path) - 4) : g_strdup(path);
  if (g_str_has_suffix(prefix, ".nodes") || g_str_has_suffix(prefix, ".edges"))
    prefix[strlen(prefix) - 6] = '\0';
  guint64 s = o->seed * 0x2545f4914f6cdd1dull + 1;
  char *name;
  gboolean ok = TRUE;
  CgOutSet *set = cg__outset_new();

  FILE *f = open_out(set, prefix, ".nodes.tsv", &name, error);
  if (!f) {
    cg__outset_free(set);
    g_free(prefix);
    return FALSE;
  }
  write_nodes(f, &L);
  ok = close_out(f, name, error);

  /* How many inputs each non-raw node gets: one, plus its share of the rest thrown at
   * random. */
  guint32 *extra = g_new0(guint32, n);
  for (guint64 i = n - first; i < o->edges; i++)
    extra[first + below(&s, n - first)]++;
  ok = ok && (f = open_out(set, prefix, ".edges.tsv", &name, error)) != NULL;
  if (ok) {
    write_edges(f, o, &L, extra, &s);
    ok = close_out(f, name, error);
  }
  g_free(extra);

  if (ok && o->regions > 0) {
    ok = (f = open_out(set, prefix, ".regions.tsv", &name, error)) != NULL;
    if (ok) {
      write_regions(f, o);
      ok = close_out(f, name, error);
    }
    ok = ok && (f = open_out(set, prefix, ".capabilities.tsv", &name, error)) != NULL;
    if (ok) {
      write_capabilities(f, o, &L, &s);
      ok = close_out(f, name, error);
    }
  } else if (ok) {
    /* Tables of an earlier run would be read back with these. */
    for (int i = 0; i < 2; i++) {
      name = g_strconcat(prefix, i ? ".capabilities.tsv" : ".regions.tsv", NULL);
      cg__outset_remove(set, name);
      g_free(name);
    }
  }
  g_free(prefix);
  if (!ok) {
    cg__outset_free(set);
    return FALSE;
  }
  return cg__outset_commit(set, error);
}

/* chaingraph — the command-line tool. `chaingraph help` lists the commands; every command
 * takes --help. Exit status: 0 success, 1 bad input (the message names file:line:column) or
 * output that could not be written, 2 bad usage. */
#include "cli.h"

#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <unistd.h>

typedef struct {
  const char *name;
  const char *summary;
  int (*run)(int argc, char **argv);
} Command;

gboolean cli_json = FALSE;
char *cli_format = NULL;
static char *cli_horizon = NULL, *cli_weights = NULL;
static gboolean cli_without_inferred = FALSE;
CgFootingOptions cli_footing;
gboolean cli_quiet = FALSE;
volatile sig_atomic_t cli_interrupted = 0;
/* A progress bar is on the terminal (a line without its end): Ctrl-C's message starts a new
 * line only then, so standard error that is no terminal gets no empty line. */
static volatile sig_atomic_t bar_drawn = 0;
static volatile sig_atomic_t cli_cancellable = 0;

const GOptionEntry cli_quiet_entries[] = {
    {"quiet", 'q', 0, G_OPTION_ARG_NONE, &cli_quiet,
     "No progress on standard error (by default a bar per phase on a terminal, else one line "
     "per phase longer than a second with its time)",
     NULL},
    {NULL}};

const GOptionEntry cli_common_entries[] = {
    {"json", 0, 0, G_OPTION_ARG_NONE, &cli_json, "Print JSON for machines instead of a table", NULL},
    {"format", 0, 0, G_OPTION_ARG_STRING, &cli_format,
     "Read FILES as this format (chain, json, graphml, tsv, csv) instead of guessing from the extension",
     "FMT"},
    {"horizon", 0, 0, G_OPTION_ARG_STRING, &cli_horizon,
     "present: only what regions make now (role=produce); planned: present and planned "
     "claims (role=develop) alike (default)",
     "present|planned"},
    {"without-inferred", 0, 0, G_OPTION_ARG_NONE, &cli_without_inferred,
     "Leave out every statement marked inferred (edges, claims, chokepoints): the answer the "
     "documents alone give",
     NULL},
    {"weights", 0, 0, G_OPTION_ARG_STRING, &cli_weights,
     "Application weights: data (the weight= of the data, default) or uniform (every "
     "application weighs 1)",
     "data|uniform"},
    {NULL}};

const char *
cli_help(const char *format, ...)
{
  va_list ap;
  va_start(ap, format);
  char *text = g_strdup_vprintf(format, ap);
  va_end(ap);
  const char *kept = g_intern_string(text);
  g_free(text);
  return kept;
}

int
cli_usage_error(GOptionContext *ctx, const char *msg)
{
  char *help = g_option_context_get_help(ctx, TRUE, NULL);
  g_printerr("chaingraph: %s\n\n%s", msg, help);
  g_free(help);
  return EXIT_USAGE;
}

int
cli_parse_options(GOptionContext *ctx, int *argc, char ***argv)
{
  GError *err = NULL;
  g_option_context_add_main_entries(ctx, cli_quiet_entries, NULL); /* --quiet, everywhere */
  if (!g_option_context_parse(ctx, argc, argv, &err)) {
    int rc = cli_usage_error(ctx, err->message);
    g_error_free(err);
    return rc;
  }
  cg_footing_options_init(&cli_footing, CG_FOOTING_OPTIONS_VERSION);
  if (cli_horizon && !cg_horizon_from_string(cli_horizon, &cli_footing.horizon)) {
    char *msg = g_strdup_printf("--horizon takes present or planned, not '%s'", cli_horizon);
    int rc = cli_usage_error(ctx, msg);
    g_free(msg);
    return rc;
  }
  if (cli_weights && !cg_weighting_from_string(cli_weights, &cli_footing.weights)) {
    char *msg = g_strdup_printf("--weights takes data or uniform, not '%s'", cli_weights);
    int rc = cli_usage_error(ctx, msg);
    g_free(msg);
    return rc;
  }
  cli_footing.without_inferred = cli_without_inferred;
  return -1;
}

/* The footing line every analysis prints first: what the answer stands on. */
void
cli_print_footing(const CgGraph *g)
{
  CgFootingOptions f;
  cg_graph_footing(g, &f);
  printf("Footing: %s, %s, %s\n\n",
         f.horizon == CG_HORIZON_PRESENT ? "present capabilities only (--horizon present)"
                                         : "present and planned capabilities (--horizon planned)",
         f.without_inferred ? "inferred statements left out (--without-inferred)"
                            : "inferred statements included",
         f.weights == CG_WEIGHTS_UNIFORM ? "every application weighs 1 (--weights uniform)"
                                         : "application weights from the data (--weights data)");
}

/* A note on standard error when the graph has applications but none is producible even
 * with every node present (an AND cycle without an outside source, say): every loss the
 * analyses report is then 0, and this says why (audit W6). */
void
cli_note_unproducible(const CgGraph *g)
{
  gsize n = cg_graph_n_nodes(g), apps = 0, made = 0;
  guint8 *ok = g_new0(guint8, n ? n : 1);
  cg_graph_producible(g, NULL, ok);
  for (gsize v = 0; v < n; v++)
    if (cg_node_is_application(g, v)) {
      apps++;
      made += ok[v] != 0;
    }
  g_free(ok);
  if (apps && !made)
    g_printerr("note: none of the %zu application%s is producible even with every node present "
               "(an AND cycle without an outside source?), so every loss below is 0; "
               "'chaingraph validate' lists the unproducible nodes\n",
               apps, apps == 1 ? "" : "s");
}

CgGraph *
cli_load(int argc, char **argv)
{
  GError *err = NULL;
  CgGraph *g;
  char *label = g_strdup_printf("loading %s%s", argc <= 1 ? "the bundled chains" : argv[1],
                                argc > 2 ? " …" : "");
  cli_progress_begin(label);
  if (argc <= 1) {
    g = cg_graph_load_default(&err);
  } else {
    /* the bar's fraction of bytes read; Ctrl-C stops the load and exits 130 */
    cli_cancellable_begin();
    g = cg_graph_load_with_progress((const char *const *)(argv + 1), cli_format,
                                    cli_progress_cb, NULL, &err);
    if (cli_cancellable_end(0) == EXIT_INTERRUPTED) {
      cg_graph_free(g);
      exit(EXIT_INTERRUPTED);
    }
  }
  cli_progress_end();
  g_free(label);
  if (g && (cli_footing.horizon != CG_HORIZON_PLANNED || cli_footing.without_inferred ||
            cli_footing.weights != CG_WEIGHTS_DATA)) {
    CgGraph *r = cg_graph_restrict(g, &cli_footing, &err);
    cg_graph_free(g);
    g = r;
  }
  if (!g) {
    g_printerr("chaingraph: %s\n", err->message);
    g_error_free(err);
  }
  return g;
}


void
cli_print_json(JsonNode *root)
{
  JsonGenerator *gen = json_generator_new();
  json_generator_set_pretty(gen, TRUE);
  json_generator_set_root(gen, root);
  char *text = json_generator_to_data(gen, NULL);
  puts(text);
  g_free(text);
  g_object_unref(gen);
}

/* The first document quote behind a node (chokepoint evidence first), for a source line. */
void
cli_print_source(const CgGraph *g, gsize v, const char *indent)
{
  const CgProvenance *p = NULL;
  if (cg_node_n_chokepoints(g, v))
    p = cg_node_chokepoint(g, v, 0);
  for (gsize i = 0; !p && i < cg_node_n_provenance(g, v); i++)
    if (cg_node_provenance(g, v, i)->quote)
      p = cg_node_provenance(g, v, i);
  if (!p || !p->quote)
    return;
  char *line = g_strdup_printf("source: %s%s%s “%s”",
                               p->document >= 0 ? cg_document_key(g, (gsize)p->document) : "?",
                               p->section ? " " : "", p->section ? p->section : "", p->quote);
  cli_print_wrapped(indent, line, indent);
  g_free(line);
}

/* @first (the first line's prefix), then @text wrapped at 80 columns, continuation lines
 * after @indent (cg_text_wrap(): CJK-aware). */
void
cli_print_wrapped(const char *first, const char *text, const char *indent)
{
  char *w = cg_text_wrap(text, cg_text_width(first), 80, indent);
  printf("%s%s", first, w);
  g_free(w);
}

int
cli_print_json_text(char *text, GError *error)
{
  if (!text) {
    g_printerr("chaingraph: %s\n", error ? error->message : "unknown error");
    if (error)
      g_error_free(error);
    return EXIT_BAD_INPUT;
  }
  puts(text);
  cg_free(text);
  return 0;
}

/* ---- progress ------------------------------------------------------------------------ */

/* One progress reporter for every command, on standard error. A phase (cli_progress_begin()
 * … cli_progress_end()) longer than a second shows, on a terminal, a line redrawn five times
 * a second: its label, a bar with the fraction done and the time left when the work reports
 * a fraction (through the library's callback cli_progress_cb(), whose part of the work,
 * e.g. "criticality" then "Monte Carlo", is named after the label and restarts the bar), the elapsed time otherwise, and "done in" at its end; when standard
 * error is not a terminal, one line at its end: "label: 3.2 s". --quiet silences both. One
 * phase at a time; a nested begin is ignored. */
static struct {
  GMutex lock;
  GCond cond;
  GThread *thread;
  char *label;
  gboolean active, stop;
  gint64 start;
  double fraction; /* < 0: unknown */
  char *part;      /* the part of the phase the fraction is of, or NULL */
  gint64 part_start;
} progress;

static double
progress_elapsed(void)
{
  return (g_get_monotonic_time() - progress.start) / 1e6;
}

static gpointer
progress_run(gpointer data)
{
  (void)data;
  gboolean shown = FALSE;
  g_mutex_lock(&progress.lock);
  while (!progress.stop) {
    gint64 wake = g_get_monotonic_time() + (shown ? 200 : 1000) * G_TIME_SPAN_MILLISECOND;
    g_cond_wait_until(&progress.cond, &progress.lock, wake);
    if (progress.stop)
      break;
    double t = progress_elapsed(), f = progress.fraction;
    if (f >= 0) {
      char bar[21];
      int full = (int)(20 * MIN(f, 1.0));
      for (int i = 0; i < 20; i++)
        bar[i] = i < full ? '#' : '.';
      bar[20] = '\0';
      /* the time left from this part's own pace (the phase's, without parts) */
      double tp = (g_get_monotonic_time() - progress.part_start) / 1e6;
      /* the part's name, unless the label says it already */
      gboolean named = progress.part && !strstr(progress.label, progress.part);
      char *part = named ? g_strdup_printf(" (%s)", progress.part) : g_strdup("");
      if (f >= 0.02 && f < 1)
        fprintf(stderr, "\r%s%s [%s] %3.0f%% %.1f s, about %.0f s left   ", progress.label,
                part, bar, 100 * f, t, tp * (1 - f) / f);
      else
        fprintf(stderr, "\r%s%s [%s] %3.0f%% %.1f s   ", progress.label, part, bar, 100 * f,
                t);
      g_free(part);
    } else {
      fprintf(stderr, "\r%s… %.1f s ", progress.label, t);
    }
    fflush(stderr);
    shown = TRUE;
  }
  if (shown)
    fprintf(stderr, "\r%s… done in %.1f s%*s\n", progress.label, progress_elapsed(), 30, "");
  g_mutex_unlock(&progress.lock);
  return NULL;
}

/* Phases shorter than this many seconds leave no line: 1, or CHAINGRAPH_PROGRESS_AFTER
 * (the tests set 0 to see every phase). */
static double
progress_after(void)
{
  const char *e = g_getenv("CHAINGRAPH_PROGRESS_AFTER");
  return e ? g_ascii_strtod(e, NULL) : 1.0;
}

void
cli_progress_begin(const char *label)
{
  if (progress.active)
    return;
  progress.active = TRUE;
  progress.label = g_strdup(label);
  progress.stop = FALSE;
  progress.fraction = -1;
  progress.start = progress.part_start = g_get_monotonic_time();
  if (!cli_quiet && isatty(2)) {
    progress.thread = g_thread_new("progress", progress_run, NULL);
    bar_drawn = 1;
  }
}

void
cli_progress_end(void)
{
  if (!progress.active)
    return;
  if (progress.thread) {
    g_mutex_lock(&progress.lock);
    progress.stop = TRUE;
    g_cond_signal(&progress.cond);
    g_mutex_unlock(&progress.lock);
    g_thread_join(progress.thread);
    progress.thread = NULL;
    bar_drawn = 0; /* the bar ended its line */
  } else if (!cli_quiet && progress_elapsed() >= progress_after()) {
    fprintf(stderr, "%s: %.1f s\n", progress.label, progress_elapsed());
  }
  progress.active = FALSE;
  g_clear_pointer(&progress.label, g_free);
  g_clear_pointer(&progress.part, g_free);
}

gboolean
cli_progress_cb(double fraction, const char *phase, gpointer data)
{
  (void)data;
  /* "supply risk: Monte Carlo" → part "Monte Carlo"; a new part restarts the time left */
  const char *colon = phase ? strrchr(phase, ':') : NULL;
  const char *part = colon ? colon + 1 + (colon[1] == ' ') : NULL; /* "loading": none */
  g_mutex_lock(&progress.lock);
  if (part && g_strcmp0(part, progress.part) != 0) {
    /* the first part began with the phase; a later one now */
    if (progress.part)
      progress.part_start = g_get_monotonic_time();
    g_free(progress.part);
    progress.part = g_strdup(part);
  }
  progress.fraction = fraction;
  g_mutex_unlock(&progress.lock);
  return !cli_interrupted;
}

/* ---- interruption -------------------------------------------------------------------- */

/* Ctrl-C: work that polls cli_interrupted (cli_cancellable_begin()) stops at its next check
 * and the command exits 130; anything else ends at once with 130. Output files are written
 * to a temporary file renamed at the end (lib/core/fileout.c), so a file the command was to
 * replace is left as it was. */
static void
on_sigint(int sig)
{
  (void)sig;
  if (cli_cancellable && !cli_interrupted) {
    cli_interrupted = 1;
    return;
  }
  static const char msg[] = "\nchaingraph: interrupted\n";
  ssize_t w = write(2, msg + !bar_drawn, sizeof msg - 1 - !bar_drawn);
  (void)w;
  _exit(EXIT_INTERRUPTED);
}

void
cli_cancellable_begin(void)
{
  cli_cancellable = 1;
}

void
cli_cancellable_pause(void)
{
  cli_cancellable = 0;
  if (cli_interrupted) { /* pressed while the work could not stop at once: stop here */
    cli_progress_end();
    g_printerr("chaingraph: interrupted\n");
    _exit(EXIT_INTERRUPTED);
  }
}

int
cli_cancellable_end(int rc)
{
  cli_cancellable = 0;
  if (cli_interrupted) {
    cli_progress_end();
    g_printerr("chaingraph: interrupted\n");
    return EXIT_INTERRUPTED;
  }
  return rc;
}

/* The end of a cancellable library call (cli_cancellable_begin() before it): ends the
 * progress phase and returns 130 if Ctrl-C stopped the call, else, when it failed (@ok
 * FALSE), prints @err and returns its exit status, else 0. Clears @err. */
int
cli_cancellable_finish(gboolean ok, GError **err)
{
  int rc = cli_cancellable_end(0);
  cli_progress_end();
  if (!rc && !ok) {
    g_printerr("chaingraph: %s\n", (*err)->message);
    rc = cli_error_status(*err);
  }
  g_clear_error(err);
  return rc;
}

/* ---- main ---------------------------------------------------------------------------- */

int cmd_help(int argc, char **argv);

static const Command commands[] = {
    {"report", "the answers at once, in the terminal or as an HTML page", cmd_report},
    {"info", "what a chain graph holds, per source document", cmd_info},
    {"validate", "check chain files; errors as file:line:column", cmd_validate},
    {"export", "write the graph as JSON, GraphML, TSV or DOT", cmd_export},
    {"render", "draw one chain as SVG, PNG or DOT", cmd_render},
    {"bottlenecks", "which products, if lost, take the most applications down", cmd_bottlenecks},
    {"risk", "which supplier→consumer links are most likely to break", cmd_risk},
    {"complement", "which regions fill each other's gaps", cmd_complement},
    {"disrupt", "what is lost when nodes or regions fail", cmd_disrupt},
    {"generate", "write a generated layered chain graph (TSV) for tests and benchmarks", cmd_generate},
    {"help", "this list", cmd_help},
};

int
cmd_help(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  printf("Usage: chaingraph COMMAND [OPTIONS] [FILES…]\n\n"
         "Analyses industrial chains (产业链) as directed graphs. With no FILES, every\n"
         "command reads the bundled chains transcribed from five regional plans.\n\n"
         "Commands:\n");
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++)
    printf("  %-12s %s\n", commands[i].name, commands[i].summary);
  printf("\nRun 'chaingraph COMMAND --help' for a command's options.\n"
         "Every command takes --quiet (-q): no progress on standard error.\n"
         "Exit status: 0 success, 1 bad input, 2 bad usage, 130 interrupted (Ctrl-C).\n");
  return 0;
}

/* What a command printed must have reached its destination: a full disk or a closed pipe
 * behind stdout is an error, not a silent exit 0. */
static int
finish_stdout(int rc)
{
  if (fflush(stdout) != 0 || ferror(stdout)) {
    g_printerr("chaingraph: cannot write the output: %s\n", g_strerror(errno));
    return rc ? rc : EXIT_BAD_INPUT;
  }
  return rc;
}

int
main(int argc, char **argv)
{
  setlocale(LC_ALL, "");
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  if (argc < 2) {
    cmd_help(0, NULL);
    return EXIT_USAGE;
  }
  if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
    return finish_stdout(cmd_help(0, NULL));
  if (strcmp(argv[1], "--version") == 0) {
    printf("chaingraph %s\n", cg_version());
    return finish_stdout(0);
  }
  for (guint i = 0; i < G_N_ELEMENTS(commands); i++)
    if (strcmp(argv[1], commands[i].name) == 0) {
      /* The command sees itself as argv[0]: "chaingraph info". */
      char *prg = g_strdup_printf("chaingraph %s", argv[1]);
      g_set_prgname(prg);
      argv[1] = prg;
      int rc = commands[i].run(argc - 1, argv + 1);
      g_free(prg);
      g_free(cli_format);
      return finish_stdout(rc);
    }
  g_printerr("chaingraph: unknown command '%s'\n\n", argv[1]);
  cmd_help(0, NULL);
  return EXIT_USAGE;
}

/* The chaingraph command-line tool: helpers shared by the command files (cmd-*.c). */
#pragma once

#include <chaingraph/chaingraph.h>
#include "present/cg-text.h" /* private to the library and the CLI: lib/present/text.c */
#include <json-glib/json-glib.h>

#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#define EXIT_BAD_INPUT 1
#define EXIT_USAGE 2

/* --json and --format, shared by every command that reads files. */
extern gboolean cli_json;
extern char *cli_format;
extern const GOptionEntry cli_common_entries[];
/* --horizon, --without-inferred, --weights (checked by cli_parse_options(); cli_load()
 * restricts the graph to them). */
extern CgFootingOptions cli_footing;
void cli_print_footing(const CgGraph *g);
void cli_note_unproducible(const CgGraph *g);

int cli_usage_error(GOptionContext *ctx, const char *msg);
/* The exit status for a library error: a bad option value (%CG_ERROR_USAGE) is a usage
 * error (2), anything else bad input (1). */
static inline int
cli_error_status(const GError *e)
{
  return e && e->domain == CG_ERROR && e->code == CG_ERROR_USAGE ? EXIT_USAGE : EXIT_BAD_INPUT;
}
/* A help text made with printf's @format, kept until exit (GOption keeps the pointer): an
 * option's help states its default from the library's cg_X_options_init(). */
const char *cli_help(const char *format, ...) G_GNUC_PRINTF(1, 2);
/* Parses a command's options. Returns -1 to go on, else the exit status. */
int cli_parse_options(GOptionContext *ctx, int *argc, char ***argv);
/* Loads FILES (argv[1..]), or the bundled chains when there are none; prints the error. */
CgGraph *cli_load(int argc, char **argv);
void cli_print_json(JsonNode *root);
/* Prints a library-made JSON text and frees it; on NULL prints @error. Returns the status. */
int cli_print_json_text(char *text, GError *error);
/* Prints "source: document section “quote”" for a node's first evidence. */
void cli_print_source(const CgGraph *g, gsize node, const char *indent);
/* @first, then @text wrapped at 80 columns (CJK-aware), continuation lines after @indent. */
void cli_print_wrapped(const char *first, const char *text, const char *indent);

/* Applies --profile FILE and every --set KEY=VALUE to @profile (defined in cmd-risk.c);
 * prints the error and returns FALSE on a bad file; a bad --set (unknown key, bad value, no
 * '=') is a usage error: it exits 2. */
gboolean cli_risk_profile(CgRiskProfile *profile, const char *file, char **sets);

/* Progress on standard error, one phase at a time (chaingraph.c): a bar on a terminal, else
 * one line per phase longer than a second; --quiet (cli_quiet_entries, in every command)
 * silences it. cli_progress_cb is a #CgProgressFunc that feeds the bar and cancels after
 * Ctrl-C. */
#define EXIT_INTERRUPTED 130
extern gboolean cli_quiet;
extern const GOptionEntry cli_quiet_entries[];
extern volatile sig_atomic_t cli_interrupted;
void cli_progress_begin(const char *label);
void cli_progress_end(void);
gboolean cli_progress_cb(double fraction, const char *phase, gpointer data);
/* Between these, Ctrl-C sets cli_interrupted instead of ending the process at once (for
 * work that polls it through cli_progress_cb); _end returns 130 if it was pressed, else
 * @rc. */
void cli_cancellable_begin(void);
/* Work that does not poll it follows: Ctrl-C ends the process at once again (and if it was
 * pressed already, the process ends here with 130). */
void cli_cancellable_pause(void);
int cli_cancellable_end(int rc);
/* After a cancellable call: 130 if stopped, else @err's status (printed) when !@ok, else 0;
 * ends the progress phase and clears @err. */
int cli_cancellable_finish(gboolean ok, GError **err);

/* One function per command, each in its own file. */
int cmd_info(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_disrupt(int argc, char **argv);
int cmd_bottlenecks(int argc, char **argv);
int cmd_generate(int argc, char **argv);
int cmd_risk(int argc, char **argv);
int cmd_complement(int argc, char **argv);
int cmd_render(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* igraph integration: one lock around every igraph call, and an error handler that turns
 * igraph errors into GErrors instead of aborting (IGRAPH-NOTES.md, pitfalls 1 and 2). */
#include "core/cg-core.h"

#include <igraph.h>

static GMutex igraph_lock;
/* Set by the handler, read by cg__igraph_check() under the same lock. */
static char igraph_message[512];
/* The host's handlers, saved by cg__igraph_lock() and put back by cg__igraph_unlock(). */
static igraph_error_handler_t *saved_error_handler;
static igraph_warning_handler_t *saved_warning_handler;

static void
cg_igraph_error_handler(const char *reason, const char *file, int line, igraph_error_t err)
{
  (void)file;
  (void)line;
  g_snprintf(igraph_message, sizeof igraph_message, "%s%s%s", igraph_strerror(err),
             reason && *reason ? ": " : "", reason ? reason : "");
  /* Free what igraph allocated on its FINALLY stack, or the stack fills up. */
  IGRAPH_FINALLY_FREE();
}

static void
cg_igraph_warning_handler(const char *reason, const char *file, int line)
{
  (void)reason;
  (void)file;
  (void)line;
}

/**
 * cg__igraph_lock:
 *
 * The Debian igraph build is not thread-safe: every igraph call happens between
 * cg__igraph_lock() and cg__igraph_unlock(). The lock installs our error and warning
 * handlers and the unlock puts the previous ones (the host program's, or igraph's
 * defaults) back, so a program that embeds the library keeps its own handlers.
 */
void
cg__igraph_lock(void)
{
  g_mutex_lock(&igraph_lock);
  /* igraph_set_*_handler() return the handler they replace. */
  saved_error_handler = igraph_set_error_handler(cg_igraph_error_handler);
  saved_warning_handler = igraph_set_warning_handler(cg_igraph_warning_handler);
  igraph_message[0] = '\0';
}

void
cg__igraph_unlock(void)
{
  igraph_set_error_handler(saved_error_handler);
  igraph_set_warning_handler(saved_warning_handler);
  saved_error_handler = NULL;
  saved_warning_handler = NULL;
  g_mutex_unlock(&igraph_lock);
}

/* Call with the lock held. */
gboolean
cg__igraph_check(int code, GError **error)
{
  if (code == IGRAPH_SUCCESS)
    return TRUE;
  g_set_error(error, CG_ERROR, CG_ERROR_IGRAPH, "igraph: %s",
              igraph_message[0] ? igraph_message : igraph_strerror(code));
  return FALSE;
}

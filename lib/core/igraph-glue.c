/* igraph integration: one lock around every igraph call, and an error handler that turns
 * igraph errors into GErrors instead of aborting (IGRAPH-NOTES.md, pitfalls 1 and 2). */
#include "core/cg-core.h"

#include <igraph.h>

static GMutex igraph_lock;
/* Set by the handler, read by cg__igraph_check() under the same lock. */
static char igraph_message[512];

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
 * cg__igraph_lock() and cg__igraph_unlock(). The first call installs our handlers.
 */
void
cg__igraph_lock(void)
{
  static gsize once = 0;
  g_mutex_lock(&igraph_lock);
  if (g_once_init_enter(&once)) {
    igraph_set_error_handler(cg_igraph_error_handler);
    igraph_set_warning_handler(cg_igraph_warning_handler);
    g_once_init_leave(&once, 1);
  }
  igraph_message[0] = '\0';
}

void
cg__igraph_unlock(void)
{
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

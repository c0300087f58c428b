/* Threads: one thread-count policy and one fork/join helper for every analysis and the
 * report. The library's parallel work is always "the same function on N threads over
 * disjoint or self-scheduled parts", with the calling thread as thread 0. */
#include "core/cg-core.h"

#include <gio/gio.h>

/**
 * cg__threads_resolve:
 * @threads: what the caller asked for (0: one per core)
 * @useful: the most threads the work can use (batches, regions…), 0 for no limit
 *
 * The thread-count policy: 0 means one per core; at least 1, at most CG_THREADS_MAX, and
 * never more than @useful.
 */
guint
cg__threads_resolve(guint threads, guint64 useful)
{
  if (threads == 0)
    threads = g_get_num_processors();
  threads = CLAMP(threads, 1, CG_THREADS_MAX);
  if (useful && (guint64)threads > useful)
    threads = (guint)useful;
  return threads;
}

/**
 * cg__parallel_run:
 * @name: the threads' name (for debuggers)
 * @n_threads: how many (at least 1)
 * @fn: the work
 * @data: thread t gets @data + t · @stride
 * @stride: the size of one thread's part of @data, or 0 for all threads to share @data
 *   (work they schedule among themselves through it)
 *
 * Runs @fn on @n_threads threads, thread 0 being the calling thread, and returns when all
 * have returned.
 */
void
cg__parallel_run(const char *name, guint n_threads, GThreadFunc fn, gpointer data, gsize stride)
{
  GThread **th = g_new0(GThread *, n_threads ? n_threads : 1);
  for (guint t = 1; t < n_threads; t++)
    th[t] = g_thread_new(name, fn, (char *)data + t * stride);
  fn(data);
  for (guint t = 1; t < n_threads; t++)
    g_thread_join(th[t]);
  g_free(th);
}

/* ---- progress and cancellation ------------------------------------------------------- */

/**
 * cg__work_init:
 * @w: the work to set up
 * @fn: (nullable): the user's callback (the options' progress)
 * @data: its user data
 * @phase: what the callback is told is being done
 * @total: the units of work in the phase (nodes, samples, regions…)
 *
 * One mechanism for every long loop (criticality, the Monte Carlo, complementarity,
 * loading, the page): see #CgWork. The fraction reported is done / @total.
 */
void
cg__work_init(CgWork *w, CgProgressFunc fn, gpointer data, const char *phase, guint64 total)
{
  /* last = 0: the calling thread's first step reports at once */
  *w = (CgWork){fn, data, phase, total, 0, 0, 0};
}

/* Calls the callback with @fraction (clamped to [0, 1]); FALSE (and every worker stops)
 * when it asks to stop. Calling thread only. */
gboolean
cg__work_report(CgWork *w, double fraction)
{
  if (!w || !w->fn)
    return TRUE;
  if (g_atomic_int_get(&w->stop))
    return FALSE;
  w->last = g_get_monotonic_time();
  if (!w->fn(CLAMP(fraction, 0.0, 1.0), w->phase, w->data)) {
    g_atomic_int_set(&w->stop, 1);
    return FALSE;
  }
  return TRUE;
}

/**
 * cg__work_step:
 * @w: (nullable): the work
 * @units: units just finished by this thread
 * @caller: whether this is the calling thread (thread 0), the only one that may call the
 *   callback
 *
 * Returns: FALSE when the work is to stop: the worker leaves its loop at once.
 */
gboolean
cg__work_step(CgWork *w, guint64 units, gboolean caller)
{
  if (!w || !w->fn)
    return TRUE;
  gsize done = (gsize)g_atomic_pointer_add(&w->done, (gssize)units) + units;
  if (g_atomic_int_get(&w->stop))
    return FALSE;
  if (!caller || g_get_monotonic_time() - w->last < CG_WORK_INTERVAL_US)
    return TRUE;
  double f = w->total ? (double)done / (double)w->total : 1.0;
  return cg__work_report(w, MIN(f, 1.0));
}

/* After the loop: TRUE (and G_IO_ERROR_CANCELLED "PHASE: cancelled" in @error) if it was
 * stopped. */
gboolean
cg__work_cancelled(const CgWork *w, GError **error)
{
  if (!w || !g_atomic_int_get(&w->stop))
    return FALSE;
  g_set_error(error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s: cancelled", w->phase);
  return TRUE;
}

/* While @g is loaded, @w (NULL: nothing) counts the bytes read (cg__load_step()). */
void
cg__load_watch(CgGraph *g, CgWork *w)
{
  g->load_work = w;
}

gboolean
cg__load_step(CgGraph *g, guint64 bytes, GError **error)
{
  CgWork *w = g->load_work;
  if (!w)
    return TRUE;
  cg__work_step(w, bytes, TRUE);
  return !cg__work_cancelled(w, error);
}

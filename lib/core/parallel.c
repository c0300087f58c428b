/* Threads: one thread-count policy and one fork/join helper for every analysis and the
 * report. The library's parallel work is always "the same function on N threads over
 * disjoint or self-scheduled parts", with the calling thread as thread 0. */
#include "core/cg-core.h"

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

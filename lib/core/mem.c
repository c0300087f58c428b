/* Memory: cg_free, and large blocks on transparent huge pages (cg__alloc_big). */
#include "core/cg-core.h"

#include <sys/mman.h>

/**
 * cg_free:
 * @data: (nullable): memory a chaingraph function returned as (transfer full) and says to
 *   free with cg_free()
 *
 * Frees an array or a string returned by chaingraph. The same as g_free(); it exists so that
 * a caller (the Python binding through ctypes, for one) frees with the allocator that
 * allocated. NULL-safe.
 */
void
cg_free(gpointer data)
{
  g_free(data);
}

/* Asks for transparent huge pages (Linux, madvise mode) over the 2 MB-aligned interior of
 * a large block not yet touched there, such as a GArray just reserved: see cg__alloc_big(). */
void
cg__advise_big(gpointer mem, gsize bytes)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const guintptr huge = 2u << 20;
  guintptr a = ((guintptr)mem + huge - 1) & ~(huge - 1), b = ((guintptr)mem + bytes) & ~(huge - 1);
  if (bytes >= (8u << 20) && b > a)
    madvise((void *)a, b - a, MADV_HUGEPAGE);
#else
  (void)mem;
  (void)bytes;
#endif
}

void
cg__array_reserve(GArray *a, guint more)
{
  if (!more)
    return;
  guint old = a->len, size = g_array_get_element_size(a);
  g_array_set_size(a, old + more);
  g_array_set_size(a, old);
  cg__advise_big(a->data + (gsize)old * size, (gsize)more * size);
}

/* An array of at least 8 MB that is filled soon after (or zeroed here, @zero): page
 * faults dominate filling such arrays on virtual machines, and random access into them
 * (hash tables, per-pair tables) misses the TLB, so on Linux it is aligned to 2 MB and asks
 * for transparent huge pages (madvise mode). Freed with g_free() (GLib allocates with the
 * system malloc). */
gpointer
cg__alloc_big(gsize bytes, gboolean zero)
{
  bytes = MAX(bytes, 1);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (bytes >= (8u << 20)) {
    void *mem = NULL;
    if (posix_memalign(&mem, 2u << 20, bytes) == 0) {
      cg__advise_big(mem, bytes);
      if (zero)
        memset(mem, 0, bytes);
      return mem;
    }
  }
#endif
  return zero ? g_malloc0(bytes) : g_malloc(bytes);
}

/* The library's version at run time: a caller (or a binding, which sees no macros) learns
 * which library it loaded, not which headers it was compiled against. */
#include "core/cg-core.h"

/**
 * cg_version:
 *
 * The version of the library loaded, "MAJOR.MINOR.MICRO" (#CG_VERSION_STRING when it was
 * built).
 *
 * Returns: (transfer none): a static string. Thread-safe.
 * Complexity: O(1).
 */
const char *
cg_version(void)
{
  return CG_VERSION_STRING;
}

/**
 * cg_version_major:
 *
 * The major version of the library the program runs with, which may be newer than the
 * headers it was compiled against (compare CG_CHECK_VERSION()).
 *
 * Returns: the major version of the library loaded. Thread-safe; O(1).
 */
guint
cg_version_major(void)
{
  return CG_VERSION_MAJOR;
}

/**
 * cg_version_minor:
 *
 * The minor version of the library the program runs with, which may be newer than the
 * headers it was compiled against (compare CG_CHECK_VERSION()).
 *
 * Returns: the minor version of the library loaded. Thread-safe; O(1).
 */
guint
cg_version_minor(void)
{
  return CG_VERSION_MINOR;
}

/**
 * cg_version_micro:
 *
 * The micro version of the library the program runs with, which may be newer than the
 * headers it was compiled against (compare CG_CHECK_VERSION()).
 *
 * Returns: the micro version of the library loaded. Thread-safe; O(1).
 */
guint
cg_version_micro(void)
{
  return CG_VERSION_MICRO;
}

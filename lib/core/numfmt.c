/* Numbers as text for every writer: the shortest decimal that reads back as the same
 * value, locale-independent. */
#include "core/cg-core.h"

/* Appends the shortest of %.15g/%.16g/%.17g that reads back as the same double, so 0.3
 * stays "0.3" and every value still round-trips exactly. */
void
cg__put_double(GString *o, double x)
{
  static const char *const fmts[] = {"%.15g", "%.16g", "%.17g"};
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  for (guint i = 0; i < G_N_ELEMENTS(fmts); i++) {
    g_ascii_formatd(buf, sizeof buf, fmts[i], x);
    if (g_ascii_strtod(buf, NULL) == x)
      break;
  }
  g_string_append(o, buf);
}

/* The same for a float (capability shares): the shortest decimal that reads back as the
 * same float, not the float's exact double expansion. */
void
cg__put_float(GString *o, float x)
{
  static const char *const fmts[] = {"%.6g", "%.7g", "%.8g", "%.9g"};
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  for (guint i = 0; i < G_N_ELEMENTS(fmts); i++) {
    g_ascii_formatd(buf, sizeof buf, fmts[i], (double)x);
    if ((float)g_ascii_strtod(buf, NULL) == x)
      break;
  }
  g_string_append(o, buf);
}

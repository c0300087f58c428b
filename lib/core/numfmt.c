/* Numbers as text for every writer: the shortest decimal that reads back as the same
 * value, locale-independent; the one decimal syntax every reader accepts; and the rule on
 * control characters. */
#include "core/cg-core.h"

#include <math.h>

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

static const char *
skip_digits(const char *p, guint *n)
{
  *n = 0;
  while (g_ascii_isdigit(*p))
    p++, (*n)++;
  return p;
}

gboolean
cg__parse_decimal(const char *text, double *out)
{
  const char *p = text;
  guint whole, frac = 0, exp = 1;
  if (*p == '+' || *p == '-')
    p++;
  p = skip_digits(p, &whole);
  if (*p == '.')
    p = skip_digits(p + 1, &frac);
  if (whole + frac && (*p == 'e' || *p == 'E')) {
    p++;
    if (*p == '+' || *p == '-')
      p++;
    p = skip_digits(p, &exp);
  }
  if (whole + frac == 0 || exp == 0 || *p)
    return FALSE;
  *out = g_ascii_strtod(text, NULL);
  return isfinite(*out);
}

const char *
cg__control_char(const char *s, gssize len)
{
  const char *end = len < 0 ? NULL : s + len;
  for (const char *p = s; end ? p < end : *p != '\0'; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      return p;
  return NULL;
}

/* Text for terminals: display widths, wrapping, cutting (present/cg-text.h): private, built
 * as a static library that both libchaingraph and the command-line tool link. */
#include "present/cg-text.h"

#include <string.h>

static guint
display_width(gunichar c)
{
  return g_unichar_iswide(c) ? 2 : g_unichar_iszerowidth(c) ? 0 : 1;
}

/**
 * cg_text_width:
 * @text: (nullable): UTF-8 text
 *
 * The display columns of @text in a terminal: wide (CJK) characters take two, zero-width
 * ones none. Returns: the width. Complexity: O(length).
 */
guint
cg_text_width(const char *text)
{
  guint w = 0;
  for (const char *p = text; p && *p; p = g_utf8_next_char(p))
    w += display_width(g_utf8_get_char(p));
  return w;
}

/* Punctuation a line must not start with (it stays with the character before); the dash
 * of a stage sequence (A—B) too. */
static gboolean
closing_punct(gunichar c)
{
  return c && g_utf8_strchr("，、。；：！？）》」』”’…—,.;:!?)]", -1, c) != NULL;
}

/* Punctuation a line must not end with (it goes with the character after). */
static gboolean
opening_punct(gunichar c)
{
  return c && g_utf8_strchr("（《「『“‘([", -1, c) != NULL;
}

/**
 * cg_text_wrap:
 * @text: UTF-8 text
 * @first_col: the column the first line starts at (the width of what precedes it)
 * @width: the columns a line may use
 * @indent: what each continuation line starts with
 *
 * @text wrapped at @width display columns. Lines break at spaces, or between two
 * characters of which one is wide (Chinese may break between any two characters), never
 * before closing punctuation (，。、” …) or a dash, never after an opening bracket or quote;
 * a run that fits nowhere is cut.
 * Returns: (transfer full): the lines, each ending in a newline, continuation lines
 * starting with @indent; free with g_free(). Complexity: O(length).
 */
char *
cg_text_wrap(const char *text, guint first_col, guint width, const char *indent)
{
  g_return_val_if_fail(text != NULL && indent != NULL, NULL);
  GString *out = g_string_new(NULL);
  guint ind = cg_text_width(indent), col = first_col;
  const char *p = text;
  while (*p) {
    const char *q = p, *last_break = NULL;
    guint w = col;
    gunichar before = 0; /* the last character before the spaces a break drops */
    while (*q) {
      gunichar c = g_utf8_get_char(q);
      guint cw = display_width(c);
      if (w + cw > width)
        break;
      w += cw;
      if (c != ' ')
        before = c;
      q = g_utf8_next_char(q);
      gunichar next = *q ? g_utf8_get_char(q) : 0;
      const char *r = q; /* the spaces at a break are dropped: look past them */
      while (*r == ' ')
        r++;
      if (!closing_punct(*r ? g_utf8_get_char(r) : 0) && !opening_punct(before) &&
          (c == ' ' || cw == 2 || (next && display_width(next) == 2) || c == ',' || c == ';'))
        last_break = q;
    }
    if (!*q) {
      g_string_append(out, p);
      break;
    }
    const char *cut = last_break && last_break > p ? last_break : q;
    if (cut == p) /* nothing fits: take one character */
      cut = g_utf8_next_char(p);
    gsize len = (gsize)(cut - p);
    while (len && p[len - 1] == ' ')
      len--;
    g_string_append_len(out, p, (gssize)len);
    g_string_append_c(out, '\n');
    g_string_append(out, indent);
    col = ind;
    p = cut;
    while (*p == ' ')
      p++;
  }
  g_string_append_c(out, '\n');
  return g_string_free(out, FALSE);
}

/**
 * cg_text_fit:
 * @text: UTF-8 text
 * @width: display columns
 * @pad: pad with spaces to exactly @width columns
 *
 * @text cut to at most @width display columns, ending in "…" when cut.
 * Returns: (transfer full): free with g_free(). Complexity: O(length).
 */
char *
cg_text_fit(const char *text, guint width, gboolean pad)
{
  g_return_val_if_fail(text != NULL, NULL);
  GString *o = g_string_new(NULL);
  guint w = 0;
  gboolean cut = cg_text_width(text) > width;
  for (const char *p = text; *p; p = g_utf8_next_char(p)) {
    gunichar c = g_utf8_get_char(p);
    if (cut && w + display_width(c) + 1 > width)
      break;
    w += display_width(c);
    g_string_append_unichar(o, c);
  }
  if (cut && width > 0) {
    g_string_append(o, "…");
    w++;
  }
  for (; pad && w < width; w++)
    g_string_append_c(o, ' ');
  return g_string_free(o, FALSE);
}

/**
 * cg_text_percent:
 * @share: a share in [0, 1]
 *
 * The share as a percentage with the digits that matter: "0%", "0.042%", "5.2%", "46%".
 * Returns: (transfer full): free with g_free().
 */
char *
cg_text_percent(double share)
{
  double x = 100 * share;
  if (x == 0)
    return g_strdup("0%");
  if (x >= 9.95)
    return g_strdup_printf("%.0f%%", x);
  if (x >= 0.0995)
    return g_strdup_printf("%.1f%%", x);
  return g_strdup_printf("%.2g%%", x);
}

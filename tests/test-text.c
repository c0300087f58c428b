/* Text layout for terminals: widths, wrapping, fitting (lib/present/cg-text.h, private: the
 * library and the CLI link the same static library, and so does this test). */
#include "present/cg-text.h"
#include <string.h>

static void
test_width(void)
{
  g_assert_cmpuint(cg_text_width(""), ==, 0);
  g_assert_cmpuint(cg_text_width(NULL), ==, 0);
  g_assert_cmpuint(cg_text_width("abc"), ==, 3);
  g_assert_cmpuint(cg_text_width("钕铁硼"), ==, 6);
  g_assert_cmpuint(cg_text_width("5G基站"), ==, 6);
  g_assert_cmpuint(cg_text_width("“卡脖子”"), ==, 8); /* “ ” are ambiguous-width: one column */
}

/* Random mixtures of CJK, ASCII words and punctuation: every line fits, continuation lines
 * carry the indent, nothing is lost or added but line breaks, and no line starts with
 * closing punctuation or ends with an opening bracket. */
static void
test_wrap_random(void)
{
  static const char *const pieces[] = {"钕铁硼", "、", "，", "。", "（", "）", "—", " ", "word",
                                       "loses", "3", "of", "applications", "“", "”", "稀土永磁材料",
                                       "集成电路", "; ", "(", ")"};
  GRand *rng = g_rand_new_with_seed(7);
  for (int round = 0; round < 2000; round++) {
    GString *t = g_string_new(NULL);
    int n = g_rand_int_range(rng, 1, 60);
    for (int i = 0; i < n; i++)
      g_string_append(t, pieces[g_rand_int_range(rng, 0, G_N_ELEMENTS(pieces))]);
    /* Wide enough that a break point always fits (no run of pieces without one is wider). */
    guint width = (guint)g_rand_int_range(rng, 30, 90);
    guint first = (guint)g_rand_int_range(rng, 0, 8);
    char *w = cg_text_wrap(t->str, first, width, "    ");
    g_assert_true(g_str_has_suffix(w, "\n"));
    char **lines = g_strsplit(w, "\n", -1);
    GString *back = g_string_new(NULL);
    for (guint i = 0; lines[i] && lines[i + 1]; i++) {
      const char *l = lines[i];
      guint lw = cg_text_width(l) + (i == 0 ? first : 0);
      /* A single character wider than the room is the only way to overflow. */
      if (lw > width)
        g_assert_cmpuint(g_utf8_strlen(l, -1) - (i ? 4 : 0), <=, 1);
      if (i > 0) {
        g_assert_true(g_str_has_prefix(l, "    "));
        l += 4;
        gunichar c = g_utf8_get_char(l);
        /* Unless the line before was cut because no break fitted (it is full), a line does
         * not start with closing punctuation, nor does the one before end with an opening
         * bracket. */
        const char *prev = lines[i - 1], *end = prev + strlen(prev);
        guint pw = cg_text_width(prev) + (i == 1 ? first : 0);
        char one[8] = {0};
        g_unichar_to_utf8(c, one);
        gboolean full = *l && pw + 1 + cg_text_width(one) > width; /* +1: a dropped space */
        if (!full && *l && g_utf8_strchr("，、。）”—", -1, c))
          g_error("line %u starts with punctuation: [%s] in\n%s", i, l, w);
        if (!full && end > prev && g_utf8_strchr("（“", -1, g_utf8_get_char(g_utf8_prev_char(end))))
          g_error("line %u ends with an opening bracket in\n%s", i - 1, w);
      }
      g_string_append(back, l);
    }
    /* The text comes back when the breaks (and the spaces at them) are taken out. */
    char *a = g_strdup(t->str), *b = g_strdup(back->str);
    g_strdelimit(a, " ", '\x01');
    GString *sa = g_string_new(NULL), *sb = g_string_new(NULL);
    for (char *p = a; *p; p++)
      if (*p != '\x01')
        g_string_append_c(sa, *p);
    for (char *p = b; *p; p++)
      if (*p != ' ')
        g_string_append_c(sb, *p);
    g_assert_cmpstr(sa->str, ==, sb->str);
    g_string_free(sa, TRUE);
    g_string_free(sb, TRUE);
    g_free(a);
    g_free(b);
    g_string_free(back, TRUE);
    g_strfreev(lines);
    g_free(w);
    g_string_free(t, TRUE);
  }
  g_rand_free(rng);
}

static void
test_fit_and_percent(void)
{
  char *s = cg_text_fit("稀土永磁材料", 7, FALSE);
  g_assert_cmpstr(s, ==, "稀土永…");
  g_free(s);
  s = cg_text_fit("ab", 5, TRUE);
  g_assert_cmpstr(s, ==, "ab   ");
  g_free(s);
  s = cg_text_fit("钕铁硼", 6, TRUE);
  g_assert_cmpstr(s, ==, "钕铁硼");
  g_free(s);
  const struct {
    double x;
    const char *want;
  } cases[] = {{0, "0%"}, {0.46, "46%"}, {0.052, "5.2%"}, {0.00042, "0.042%"}, {1, "100%"}};
  for (guint i = 0; i < G_N_ELEMENTS(cases); i++) {
    s = cg_text_percent(cases[i].x);
    g_assert_cmpstr(s, ==, cases[i].want);
    g_free(s);
  }
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/text/width", test_width);
  g_test_add_func("/text/wrap/random", test_wrap_random);
  g_test_add_func("/text/fit-and-percent", test_fit_and_percent);
  return g_test_run();
}

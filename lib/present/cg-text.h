/* Laying out text for terminals: display widths (a CJK character takes two columns),
 * wrapping and cutting. Private: the report (present/) and the command-line tool
 * (examples/) share it, so text.c is built once as a static library linked into both,
 * with nothing exported from libchaingraph. Needs only GLib. Not installed. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint cg_text_width(const char *text);
char *cg_text_wrap(const char *text, guint first_col, guint width, const char *indent);
char *cg_text_fit(const char *text, guint width, gboolean pad);
char *cg_text_percent(double share);

G_END_DECLS

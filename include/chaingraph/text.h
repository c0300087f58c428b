/* chaingraph — laying out text for terminals: display widths (a CJK character takes two
 * columns), wrapping and cutting. The report and the command-line tool use them.
 * Only <chaingraph/chaingraph.h> may be included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <chaingraph/graph.h>

G_BEGIN_DECLS

CG_API guint cg_text_width(const char *text);
CG_API char *cg_text_wrap(const char *text, guint first_col, guint width, const char *indent);
CG_API char *cg_text_fit(const char *text, guint width, gboolean pad);
CG_API char *cg_text_percent(double share);

G_END_DECLS

/* chaingraph — complement. Only <chaingraph/chaingraph.h> may be included directly. */
#pragma once

#if !defined(CHAINGRAPH_INSIDE) && !defined(CHAINGRAPH_COMPILATION)
#error "Only <chaingraph/chaingraph.h> can be included directly."
#endif

#include <chaingraph/graph.h>

G_BEGIN_DECLS

G_END_DECLS

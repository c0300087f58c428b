/* chaingraph — industrial chains as directed graphs: bottlenecks, supply-risk links and
 * complementarity between regions. The one header to include.
 *
 * Thread safety (docs/conventions.md, "Thread safety"): a finished CgGraph is read-only and
 * may be shared by any number of threads running any accessor or analysis at once;
 * separate graphs are independent; results are plain memory (many readers, one thread
 * frees them). A CgGraphBuilder, a CgRiskProfile being set and an options struct being
 * read are not shareable. igraph and Graphviz calls are serialised behind the library's
 * own locks; igraph's error and warning handlers are the library's only while it calls
 * igraph, and the host's are put back after each call. */
#pragma once

#define CHAINGRAPH_INSIDE 1
#include <chaingraph/version.h>
#include <chaingraph/graph.h>
#include <chaingraph/builder.h>
#include <chaingraph/disrupt.h>
#include <chaingraph/bottleneck.h>
#include <chaingraph/generate.h>
#include <chaingraph/risk.h>
#include <chaingraph/complement.h>
#include <chaingraph/render.h>
#undef CHAINGRAPH_INSIDE

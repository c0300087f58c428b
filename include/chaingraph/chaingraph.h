/* chaingraph — industrial chains as directed graphs: bottlenecks, supply-risk links and
 * complementarity between regions. The one header to include. */
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

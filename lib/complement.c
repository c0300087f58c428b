/* complement */
#include "cg-private.h"

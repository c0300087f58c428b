/* risk */
#include "cg-private.h"

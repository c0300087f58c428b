/* chaingraph risk */
#include "cli.h"

int
cmd_risk(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  g_printerr("chaingraph: 'risk' is not implemented yet\n");
  return EXIT_USAGE;
}

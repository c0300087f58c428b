/* chaingraph complement */
#include "cli.h"

int
cmd_complement(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  g_printerr("chaingraph: 'complement' is not implemented yet\n");
  return EXIT_USAGE;
}

/* Runs a fuzz target over files and directories of inputs, as libFuzzer would run one input:
 * the test suite replays every seed and every past crasher of tests/fuzz/corpus/ with it (a
 * crash or a sanitizer report fails the test). Prints "N passed, 0 failed". */
#include <glib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static guint n_run;

static void
run_file(const char *path)
{
  char *data;
  gsize len;
  GError *error = NULL;
  if (!g_file_get_contents(path, &data, &len, &error)) {
    fprintf(stderr, "replay: %s\n", error->message);
    exit(2);
  }
  LLVMFuzzerTestOneInput((const uint8_t *)data, len);
  g_free(data);
  n_run++;
}

static int
cmp_path(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
run_path(const char *path)
{
  if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
    run_file(path);
    return;
  }
  GDir *d = g_dir_open(path, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
  for (const char *f; d && (f = g_dir_read_name(d));)
    g_ptr_array_add(names, g_build_filename(path, f, NULL));
  if (d)
    g_dir_close(d);
  g_ptr_array_sort(names, cmp_path);
  for (guint i = 0; i < names->len; i++)
    run_path(names->pdata[i]);
  g_ptr_array_free(names, TRUE);
}

int
main(int argc, char **argv)
{
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE|DIR…\n", argv[0]);
    return 2;
  }
  for (int i = 1; i < argc; i++)
    run_path(argv[i]);
  if (n_run == 0) {
    fprintf(stderr, "replay: no input found\n");
    return 1;
  }
  printf("%u passed, 0 failed\n", n_run);
  return 0;
}

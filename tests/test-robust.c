/* Robustness (issue 16): writes that lose nothing. Every file output goes through one helper
 * (lib/core/fileout.c); these tests drive it through the public writers. */
#include <chaingraph/chaingraph.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static CgGraph *
load_file(const char *path)
{
  const char *paths[] = {path, NULL};
  GError *error = NULL;
  CgGraph *g = cg_graph_load(paths, NULL, &error);
  g_assert_no_error(error);
  return g;
}

static CgGraph *
magnet(void)
{
  char *p = g_build_filename(CG_TEST_SRCDIR, "data", "magnet.chain", NULL);
  CgGraph *g = load_file(p);
  g_free(p);
  return g;
}

static char *
slurp(const char *path)
{
  char *text = NULL;
  GError *error = NULL;
  g_file_get_contents(path, &text, NULL, &error);
  g_assert_no_error(error);
  return text;
}

static void
rm_rf(const char *dir)
{
  GDir *d = g_dir_open(dir, 0, NULL);
  for (const char *f; d && (f = g_dir_read_name(d));) {
    char *p = g_build_filename(dir, f, NULL);
    if (g_file_test(p, G_FILE_TEST_IS_DIR) && !g_file_test(p, G_FILE_TEST_IS_SYMLINK))
      rm_rf(p);
    else
      g_unlink(p);
    g_free(p);
  }
  if (d)
    g_dir_close(d);
  g_rmdir(dir);
}

static int
cmp_names(gconstpointer a, gconstpointer b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
listing_sorted(const char *dir)
{
  GPtrArray *a = g_ptr_array_new_with_free_func(g_free);
  GDir *d = g_dir_open(dir, 0, NULL);
  for (const char *f; d && (f = g_dir_read_name(d));)
    g_ptr_array_add(a, g_strdup(f));
  g_dir_close(d);
  g_ptr_array_sort(a, cmp_names);
  GString *s = g_string_new(NULL);
  for (guint i = 0; i < a->len; i++)
    g_string_append_printf(s, "%s%s", i ? " " : "", (char *)a->pdata[i]);
  g_ptr_array_free(a, TRUE);
  return g_string_free(s, FALSE);
}

/* A FIFO is written in place, not replaced by a regular file (its reader gets the text). */
static void
test_fifo(void)
{
  char *dir = g_dir_make_tmp("cg-robust-XXXXXX", NULL);
  char *fifo = g_build_filename(dir, "out.json", NULL);
  g_assert_cmpint(mkfifo(fifo, 0600), ==, 0);
  int rd = open(fifo, O_RDONLY | O_NONBLOCK);
  g_assert_cmpint(rd, >=, 0);
  CgGraph *g = magnet();
  char *want = cg_graph_to_string(g, "json", NULL);
  g_assert_cmpuint(strlen(want), <, 60000); /* fits in the pipe's buffer */
  GError *error = NULL;
  gboolean ok = cg_graph_save(g, fifo, "json", &error);
  g_assert_no_error(error);
  g_assert_true(ok);
  struct stat st;
  g_assert_cmpint(g_lstat(fifo, &st), ==, 0);
  g_assert_true(S_ISFIFO(st.st_mode));
  GString *got = g_string_new(NULL);
  char buf[4096];
  for (ssize_t n; (n = read(rd, buf, sizeof buf)) > 0;)
    g_string_append_len(got, buf, n);
  close(rd);
  g_assert_cmpstr(got->str, ==, want);
  g_string_free(got, TRUE);
  g_free(want);
  cg_graph_free(g);
  rm_rf(dir);
  g_free(fifo);
  g_free(dir);
}

/* A link to a pipe's /proc entry (what /dev/stdout is): written in place through the link,
 * which stays. (main replaced the link by a regular file.) */
static void
test_proc_pipe_link(void)
{
  int fds[2];
  g_assert_cmpint(pipe(fds), ==, 0);
  char *dir = g_dir_make_tmp("cg-robust-XXXXXX", NULL);
  char *link = g_build_filename(dir, "stdout", NULL);
  char *proc = g_strdup_printf("/proc/self/fd/%d", fds[1]);
  g_assert_cmpint(symlink(proc, link), ==, 0);
  CgGraph *g = magnet();
  char *want = cg_graph_to_string(g, "json", NULL);
  GError *error = NULL;
  g_assert_true(cg_graph_save(g, link, "json", &error));
  g_assert_no_error(error);
  close(fds[1]);
  GString *got = g_string_new(NULL);
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) > 0;)
    g_string_append_len(got, buf, n);
  close(fds[0]);
  g_assert_cmpstr(got->str, ==, want);
  g_assert_true(g_file_test(link, G_FILE_TEST_IS_SYMLINK));
  g_string_free(got, TRUE);
  g_free(want);
  cg_graph_free(g);
  rm_rf(dir);
  g_free(proc);
  g_free(link);
  g_free(dir);
}

/* A symlink is followed: its target gets the text, the link stays a link. A dangling link
 * creates its target. */
static void
test_symlink(void)
{
  char *dir = g_dir_make_tmp("cg-robust-XXXXXX", NULL);
  char *sub = g_build_filename(dir, "sub", NULL);
  g_mkdir(sub, 0700);
  char *target = g_build_filename(sub, "target.json", NULL);
  char *link = g_build_filename(dir, "link.json", NULL);
  char *dangling = g_build_filename(dir, "dangling.json", NULL);
  char *created = g_build_filename(sub, "new.json", NULL);
  g_assert_true(g_file_set_contents(target, "old", -1, NULL));
  g_assert_cmpint(symlink("sub/target.json", link), ==, 0); /* relative to the link */
  g_assert_cmpint(symlink("sub/new.json", dangling), ==, 0);
  CgGraph *g = magnet();
  char *want = cg_graph_to_string(g, "json", NULL);
  GError *error = NULL;
  g_assert_true(cg_graph_save(g, link, "json", &error));
  g_assert_no_error(error);
  g_assert_true(g_file_test(link, G_FILE_TEST_IS_SYMLINK));
  char *got = slurp(target);
  g_assert_cmpstr(got, ==, want);
  g_free(got);
  g_assert_true(cg_graph_save(g, dangling, "json", &error));
  g_assert_no_error(error);
  g_assert_true(g_file_test(dangling, G_FILE_TEST_IS_SYMLINK));
  got = slurp(created);
  g_assert_cmpstr(got, ==, want);
  g_free(got);
  /* Nothing else was left beside them (no temporary files). */
  char *names = listing_sorted(sub);
  g_assert_cmpstr(names, ==, "new.json target.json");
  g_free(names);
  /* The HTML report follows the link too. */
  g_assert_true(cg_report_html(g, NULL, link, &error));
  g_assert_no_error(error);
  g_assert_true(g_file_test(link, G_FILE_TEST_IS_SYMLINK));
  got = slurp(target);
  g_assert_nonnull(strstr(got, "<html"));
  g_free(got);
  g_free(want);
  cg_graph_free(g);
  rm_rf(dir);
  g_free(created);
  g_free(dangling);
  g_free(link);
  g_free(target);
  g_free(sub);
  g_free(dir);
}

/* A regular file is replaced but keeps its permission bits; a directory is refused and
 * left as it was. */
static void
test_mode_and_directory(void)
{
  char *dir = g_dir_make_tmp("cg-robust-XXXXXX", NULL);
  char *file = g_build_filename(dir, "private.json", NULL);
  g_assert_true(g_file_set_contents(file, "old", -1, NULL));
  g_assert_cmpint(g_chmod(file, 0640), ==, 0);
  CgGraph *g = magnet();
  GError *error = NULL;
  g_assert_true(cg_graph_save(g, file, "json", &error));
  g_assert_no_error(error);
  struct stat st;
  g_assert_cmpint(g_stat(file, &st), ==, 0);
  g_assert_cmpint(st.st_mode & 07777, ==, 0640);

  char *sub = g_build_filename(dir, "adir.json", NULL);
  g_mkdir(sub, 0700);
  g_assert_false(cg_graph_save(g, sub, "json", &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_IO);
  g_assert_nonnull(strstr(error->message, "directory"));
  g_clear_error(&error);
  g_assert_true(g_file_test(sub, G_FILE_TEST_IS_DIR));
  char *names = listing_sorted(dir);
  g_assert_cmpstr(names, ==, "adir.json private.json");
  g_free(names);
  cg_graph_free(g);
  rm_rf(dir);
  g_free(sub);
  g_free(file);
  g_free(dir);
}

/* The contents of every file in @dir, "name\ncontents\n…", sorted by name. */
static char *
snapshot(const char *dir)
{
  char *names = listing_sorted(dir);
  char **v = g_strsplit(names, " ", -1);
  GString *s = g_string_new(NULL);
  for (char **p = v; *p && **p; p++) {
    char *path = g_build_filename(dir, *p, NULL);
    char *text = NULL;
    g_file_get_contents(path, &text, NULL, NULL);
    g_string_append_printf(s, "== %s\n%s", *p, text ? text : "(not a file)\n");
    g_free(text);
    g_free(path);
  }
  g_strfreev(v);
  g_free(names);
  return g_string_free(s, FALSE);
}

/* A TSV export that fails midway leaves the previous table set exactly as it was: by a
 * table that cannot be opened (a directory in its place) and by a write error (the file
 * size limit, as a full disk would). */
static void
test_tsv_set_midway(void)
{
  char *dir = g_dir_make_tmp("cg-robust-XXXXXX", NULL);
  char *prefix = g_build_filename(dir, "set.tsv", NULL);
  char *chains = g_build_filename(CG_TEST_SRCDIR, "..", "chains", NULL);
  CgGraph *small = magnet(), *big = load_file(chains);
  GError *error = NULL;

  /* The old set: magnet's tables. */
  g_assert_true(cg_graph_save(small, prefix, "tsv", &error));
  g_assert_no_error(error);
  char *before = snapshot(dir);

  /* 1. The last table the bigger graph writes cannot be opened. */
  char *caps = g_build_filename(dir, "set.capabilities.tsv", NULL);
  g_assert_false(g_file_test(caps, G_FILE_TEST_EXISTS)); /* magnet has no capabilities */
  g_mkdir(caps, 0700);
  char *with_dir = snapshot(dir);
  g_assert_false(cg_graph_save(big, prefix, "tsv", &error));
  g_assert_error(error, CG_ERROR, CG_ERROR_IO);
  g_clear_error(&error);
  char *after = snapshot(dir);
  g_assert_true(strcmp(after, with_dir) == 0); /* (not cmpstr: megabytes) */
  g_free(after);
  g_rmdir(caps);

  /* 2. A write fails midway: the size limit is one byte short of the largest table. */
  char *scratch = g_dir_make_tmp("cg-robust-XXXXXX", NULL);
  char *sprefix = g_build_filename(scratch, "s.tsv", NULL);
  g_assert_true(cg_graph_save(big, sprefix, "tsv", &error));
  g_assert_no_error(error);
  goffset largest = 0;
  GDir *d = g_dir_open(scratch, 0, NULL);
  for (const char *f; (f = g_dir_read_name(d));) {
    char *p = g_build_filename(scratch, f, NULL);
    struct stat st;
    g_assert_cmpint(g_stat(p, &st), ==, 0);
    largest = MAX(largest, (goffset)st.st_size);
    g_free(p);
  }
  g_dir_close(d);
  rm_rf(scratch);
  g_assert_cmpint(largest, >, 1000);
  struct rlimit old_lim, lim;
  getrlimit(RLIMIT_FSIZE, &old_lim);
  lim = old_lim;
  lim.rlim_cur = (rlim_t)largest - 1;
  void (*old_sig)(int) = signal(SIGXFSZ, SIG_IGN);
  g_assert_cmpint(setrlimit(RLIMIT_FSIZE, &lim), ==, 0);
  gboolean ok = cg_graph_save(big, prefix, "tsv", &error);
  setrlimit(RLIMIT_FSIZE, &old_lim);
  signal(SIGXFSZ, old_sig);
  g_assert_false(ok);
  g_assert_error(error, CG_ERROR, CG_ERROR_IO);
  g_clear_error(&error);
  after = snapshot(dir);
  g_assert_true(strcmp(after, before) == 0);
  g_free(after);

  /* 3. And with no failure the whole set is replaced, stale tables removed. */
  g_assert_true(cg_graph_save(big, prefix, "tsv", &error));
  g_assert_no_error(error);
  g_assert_true(cg_graph_save(small, prefix, "tsv", &error));
  g_assert_no_error(error);
  after = snapshot(dir);
  g_assert_true(strcmp(after, before) == 0);
  g_free(after);

  cg_graph_free(small);
  cg_graph_free(big);
  rm_rf(dir);
  g_free(with_dir);
  g_free(before);
  g_free(caps);
  g_free(sprefix);
  g_free(scratch);
  g_free(chains);
  g_free(prefix);
  g_free(dir);
}

/* ---- Linear costs: each loader path at sizes s, 10 s and 100 s. CPU time (robust to a
 * loaded machine), the best of three runs; a linear or n log n path grows about 10× and
 * 100×, a quadratic one 100× and 10,000×. The bounds are generous: 40× and 400×, over a
 * floor of 2 ms for the smallest size (timer noise). ---- */

static double
cpu_now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

typedef char *(*MakeInput)(guint size);
typedef double (*Measure)(const char *text);

static double
time_load(const char *text)
{
  GError *error = NULL;
  double t0 = cpu_now();
  CgGraph *g = cg_graph_load_data(text, -1, "scale.chain", "chain", &error);
  double t = cpu_now() - t0;
  g_assert_no_error(error);
  cg_graph_free(g);
  return t;
}

static void
check_scaling(const char *what, MakeInput make, Measure measure, guint base)
{
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  /* sanitizers change the cost of each allocation with the heap's size: timings there say
   * nothing about the algorithm; the normal build measures it */
  (void) make;
  (void) measure;
  (void) base;
  g_test_skip_printf("timings under a sanitizer: %s", what);
  return;
#endif
  double t[3];
  for (int k = 0; k < 3; k++) {
    guint size = base * (k == 0 ? 1 : k == 1 ? 10 : 100);
    char *text = make(size);
    t[k] = G_MAXDOUBLE;
    for (int rep = 0; rep < (k == 2 ? 1 : 3); rep++)
      t[k] = MIN(t[k], measure(text));
    g_free(text);
  }
  double floor = MAX(t[0], 0.002);
  g_test_message("%s: %.4f s, %.4f s (x%.1f), %.4f s (x%.1f)", what, t[0], t[1], t[1] / floor,
                 t[2], t[2] / floor);
  if (t[1] > 40 * floor || t[2] > 400 * floor)
    g_error("%s grows faster than n log n: %.4f s, ×10 size %.4f s, ×100 size %.4f s", what,
            t[0], t[1], t[2]);
}

/* One line with @n alternatives (the chain tokenizer's columns). */
static char *
make_or_line(guint n)
{
  GString *s = g_string_new("document d.txt key=d\nnode t stage=application\n");
  for (guint i = 0; i < n; i++)
    g_string_append_printf(s, "node n%u stage=raw\n", i);
  g_string_append(s, "t <- n0");
  for (guint i = 1; i < n; i++)
    g_string_append_printf(s, " | n%u", i);
  g_string_append(s, " inferred=\"x\"\n");
  return g_string_free(s, FALSE);
}

/* A chain path of two stages with w×w edges, w = √(size): @size chain edges. */
static char *
make_path(guint size)
{
  guint w = (guint)(sqrt((double)size) + 0.5);
  GString *s = g_string_new("document d.txt key=d\n");
  for (guint i = 0; i < w; i++)
    g_string_append_printf(s, "node a%u stage=raw\nnode b%u stage=application\n", i, i);
  g_string_append(s, "chain c C quote=\"q\"\n  path a0");
  for (guint i = 1; i < w; i++)
    g_string_append_printf(s, "、a%u", i);
  g_string_append(s, "——b0");
  for (guint i = 1; i < w; i++)
    g_string_append_printf(s, "、b%u", i);
  g_string_append(s, "\nend\n");
  return g_string_free(s, FALSE);
}

/* Regions nested @depth deep (the parent-cycle check). */
static char *
make_deep_regions(guint depth)
{
  GString *s = g_string_new("document d.txt key=d\nnode a stage=raw\nnode t stage=application\n"
                            "a -> t inferred=\"x\"\nregion r0 level=province\n");
  for (guint i = 1; i < depth; i++)
    g_string_append_printf(s, "region r%u level=city parent=r%u\n", i, i - 1);
  g_string_append_printf(s, "produces r%u a inferred=\"x\"\n", depth - 1);
  return g_string_free(s, FALSE);
}

/* @k regions claiming one node (the producers' rule), half of them inside a province. */
static char *
make_claims(guint k)
{
  GString *s = g_string_new("document d.txt key=d\nnode a stage=raw\nnode t stage=application\n"
                            "a -> t inferred=\"x\"\nregion p level=province\n");
  for (guint i = 0; i < k; i++)
    g_string_append_printf(s, "region r%u level=city%s\nproduces r%u a inferred=\"x\"\n", i,
                           i % 2 ? " parent=p" : "", i);
  return g_string_free(s, FALSE);
}

static double
time_outage(const char *text)
{
  GError *error = NULL;
  CgGraph *g = cg_graph_load_data(text, -1, "scale.chain", "chain", &error);
  g_assert_no_error(error);
  const char *regions[] = {"p", NULL};
  gsize n_out = 0;
  double t0 = cpu_now();
  guint32 *out = cg_region_outage_nodes(g, regions, &n_out, &error);
  double t = cpu_now() - t0;
  g_assert_no_error(error);
  g_assert_cmpuint(n_out, ==, 0); /* the cities outside p still produce a */
  cg_free(out);
  cg_graph_free(g);
  return t;
}

static void
test_scaling_tokenizer(void)
{
  check_scaling("one line of n alternatives (1,000 to 100,000)", make_or_line, time_load, 1000);
}

static void
test_scaling_chain_edges(void)
{
  check_scaling("a chain path of n edges (4,000 to 400,000)", make_path, time_load, 4000);
}

static void
test_scaling_region_depth(void)
{
  check_scaling("regions nested n deep (1,000 to 100,000)", make_deep_regions, time_load, 1000);
}

static void
test_scaling_claims(void)
{
  check_scaling("n regions claiming one node (300 to 30,000)", make_claims, time_outage, 300);
}

/* GraphML may begin with a UTF-8 byte-order mark (legal XML): it reads as without one. */
static void
test_graphml_bom(void)
{
  CgGraph *g = magnet();
  char *gml = cg_graph_to_string(g, "graphml", NULL);
  char *with_bom = g_strconcat("\xef\xbb\xbf", gml, NULL);
  GError *error = NULL;
  CgGraph *back = cg_graph_load_data(with_bom, -1, "bom.graphml", "graphml", &error);
  g_assert_no_error(error);
  char *a = cg_graph_to_string(g, "json", NULL), *b = cg_graph_to_string(back, "json", NULL);
  g_assert_cmpstr(a, ==, b);
  g_free(a);
  g_free(b);
  cg_graph_free(back);
  g_free(with_bom);
  g_free(gml);
  cg_graph_free(g);
}

/* Exports are a fixed point: a file whose group labels are not the writers' ("g1" before
 * "g0") is renumbered once, and from then on every format writes the same text again, with
 * the same edge order and group numbers (audit W4). */
static void
test_group_labels_fixed_point(void)
{
  const char *json =
      "{\"nodes\": [{\"id\": \"a\", \"stage\": \"raw\"}, {\"id\": \"b\", \"stage\": \"raw\"},"
      " {\"id\": \"c\", \"stage\": \"raw\"}, {\"id\": \"d\", \"stage\": \"raw\"},"
      " {\"id\": \"e\", \"stage\": \"raw\"}, {\"id\": \"t\", \"stage\": \"application\"}],"
      " \"edges\": [{\"source\": \"c\", \"target\": \"t\", \"group\": \"g1\"},"
      " {\"source\": \"d\", \"target\": \"t\", \"group\": \"g1\"},"
      " {\"source\": \"e\", \"target\": \"t\"},"
      " {\"source\": \"a\", \"target\": \"t\", \"group\": \"g0\"},"
      " {\"source\": \"b\", \"target\": \"t\", \"group\": \"g0\"}]}";
  GError *error = NULL;
  CgGraph *g = cg_graph_load_data(json, -1, "labels.json", "json", &error);
  g_assert_no_error(error);
  const char *formats[] = {"json", "graphml"};
  for (guint f = 0; f < G_N_ELEMENTS(formats); f++) {
    char *first = cg_graph_to_string(g, formats[f], NULL);
    CgGraph *back = cg_graph_load_data(first, -1, "first", formats[f], &error);
    g_assert_no_error(error);
    char *second = cg_graph_to_string(back, formats[f], NULL);
    g_assert_cmpstr(first, ==, second);
    g_assert_cmpuint(cg_graph_n_edges(back), ==, cg_graph_n_edges(g));
    for (gsize e = 0; e < cg_graph_n_edges(g); e++)
      g_assert_cmpuint(cg_edge_group(back, e), ==, cg_edge_group(g, e));
    g_free(second);
    g_free(first);
    cg_graph_free(back);
  }
  /* The TSV tables: saved, read back, saved again: the same bytes. */
  char *dir = g_dir_make_tmp("cg-robust-XXXXXX", NULL);
  char *p1 = g_build_filename(dir, "one.tsv", NULL), *p2 = g_build_filename(dir, "two.tsv", NULL);
  g_assert_true(cg_graph_save(g, p1, "tsv", &error));
  const char *paths[] = {p1, NULL};
  CgGraph *back = cg_graph_load(paths, "tsv", &error);
  g_assert_no_error(error);
  g_assert_true(cg_graph_save(back, p2, "tsv", &error));
  g_assert_no_error(error);
  char *n1 = g_build_filename(dir, "one.edges.tsv", NULL), *n2 = g_build_filename(dir, "two.edges.tsv", NULL);
  char *t1 = slurp(n1), *t2 = slurp(n2);
  g_assert_cmpstr(t1, ==, t2);
  g_free(t1);
  g_free(t2);
  g_free(n1);
  g_free(n2);
  cg_graph_free(back);
  rm_rf(dir);
  g_free(p1);
  g_free(p2);
  g_free(dir);
  cg_graph_free(g);
}

/* An error quoting a long value quotes an excerpt: a 1 MB id in every format, a long
 * profile line (audit P1). The message stays valid UTF-8 and names its place. */
static void
test_short_messages(void)
{
  char *big = g_strnfill(1000000, 'x');
  char *inputs[4][3] = {
      {"chain", g_strdup_printf("document d.txt key=d\nnode a stage=raw\na -> %s inferred=\"q\"\n", big), "big.chain:3:"},
      {"json", g_strdup_printf("{\"nodes\": [{\"id\": \"a\"}], \"edges\": [{\"source\": \"a\", \"target\": \"%s\"}]}", big), "big.json:1:"},
      {"graphml", g_strdup_printf("<graphml><graph edgedefault=\"directed\"><node id=\"a\"/>"
                                  "<edge source=\"a\" target=\"%s\"/></graph></graphml>", big), "big.graphml:1:"},
      {"profile", g_strdup_printf("%s\n", big), "big.profile:1:"},
  };
  for (guint i = 0; i < G_N_ELEMENTS(inputs); i++) {
    GError *error = NULL;
    char *name = g_strdup_printf("big.%s", inputs[i][0]);
    if (strcmp(inputs[i][0], "profile") == 0) {
      CgRiskProfile *pr = cg_risk_profile_new();
      g_assert_false(cg_risk_profile_load_data(pr, inputs[i][1], -1, name, &error));
      cg_risk_profile_free(pr);
    } else {
      CgGraph *g = cg_graph_load_data(inputs[i][1], -1, name, inputs[i][0], &error);
      g_assert_null(g);
    }
    g_assert_nonnull(error);
    g_test_message("%s: %.120s… (%zu bytes)", inputs[i][0], error->message, strlen(error->message));
    g_assert_true(g_str_has_prefix(error->message, inputs[i][2]));
    g_assert_cmpuint(strlen(error->message), <, 4 * 1000 + 100); /* CG__MESSAGE_MAX characters */
    g_assert_true(g_utf8_validate(error->message, -1, NULL));
    g_error_free(error);
    g_free(name);
    g_free(inputs[i][1]);
  }
  g_free(big);
}

int
main(int argc, char **argv)
{
  g_test_init(&argc, &argv, NULL);
  g_test_add_func("/robust/output/fifo", test_fifo);
  g_test_add_func("/robust/output/symlink", test_symlink);
  g_test_add_func("/robust/output/proc-pipe-link", test_proc_pipe_link);
  g_test_add_func("/robust/output/mode-and-directory", test_mode_and_directory);
  g_test_add_func("/robust/output/tsv-set-midway", test_tsv_set_midway);
  g_test_add_func("/robust/graphml-bom", test_graphml_bom);
  g_test_add_func("/robust/short-messages", test_short_messages);
  g_test_add_func("/robust/group-labels-fixed-point", test_group_labels_fixed_point);
  g_test_add_func("/robust/scaling/tokenizer-long-line", test_scaling_tokenizer);
  g_test_add_func("/robust/scaling/chain-edges", test_scaling_chain_edges);
  g_test_add_func("/robust/scaling/region-depth", test_scaling_region_depth);
  g_test_add_func("/robust/scaling/claims-of-one-node", test_scaling_claims);
  return g_test_run();
}

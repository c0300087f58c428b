/* Writing output files so that a failure loses nothing (issue 16). Every file the library
 * writes (exports in every format, the HTML report, renders, the TSV tables) goes through
 * here. What happens depends on what the path names now:
 * - nothing, or a regular file: the text goes to a temporary file beside it, which is renamed
 *   over the path only once everything is written and flushed; a failure leaves the old file
 *   as it was and removes the temporary one. An existing file keeps its permission bits.
 * - a symbolic link: followed (to any depth, relative links from the link's directory), and
 *   the file it finally names is written as above; the link itself stays.
 * - a directory: refused.
 * - anything else (a character or block device, a FIFO, a socket): opened in place and
 *   written, never replaced (`-o /dev/stdout`, `-o /dev/full` report the device's error).
 * A set of files (the TSV tables) is written in full to temporary files first, and only then
 * renamed over the targets; should one rename fail, the files already replaced are put back
 * from hard links taken beforehand (where the file system has them), so the set is replaced
 * whole or not at all.
 *
 * GLib's g_file_set_contents_full() does the temp-file-and-rename, but renames over whatever
 * the path is (a symlink or a device node is replaced by a regular file) and writes one
 * buffer, not a set: hence this file. */
#include "core/cg-core.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { M_REPLACE, M_IN_PLACE, M_REMOVE } Kind;

typedef struct {
  Kind kind;
  char *target; /* the path written in the end (symlinks resolved; for M_REMOVE as given) */
  char *temp;   /* M_REPLACE: the temporary file beside the target */
  char *backup; /* a hard link to the old target while committing, or NULL */
  FILE *f;
  gboolean existed;
} Member;

struct _CgOutSet {
  GArray *members; /* Member */
};

static void
io_error(GError **error, const char *path, int e)
{
  g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot write: %s", path, g_strerror(e));
}

/* The path a write to @path lands on: symlinks followed. Sets @st from lstat() of the result
 * (errno ENOENT: nothing there). Returns NULL with @error set on a loop. */
static char *
resolve(const char *path, struct stat *st, gboolean *exists, GError **error)
{
  char *p = g_strdup(path);
  for (int depth = 0; depth < 40; depth++) {
    if (g_lstat(p, st) != 0) {
      int e = errno;
      if (e != ENOENT) {
        io_error(error, path, e);
        g_free(p);
        return NULL;
      }
      *exists = FALSE;
      return p;
    }
    if (!S_ISLNK(st->st_mode)) {
      *exists = TRUE;
      return p;
    }
    GError *lerr = NULL;
    char *link = g_file_read_link(p, &lerr);
    if (!link) {
      g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot write: %s", path, lerr->message);
      g_error_free(lerr);
      g_free(p);
      return NULL;
    }
    char *next;
    if (g_path_is_absolute(link)) {
      next = link;
    } else {
      char *dir = g_path_get_dirname(p);
      next = g_build_filename(dir, link, NULL);
      g_free(dir);
      g_free(link);
    }
    g_free(p);
    p = next;
  }
  io_error(error, path, ELOOP);
  g_free(p);
  return NULL;
}

/**
 * cg__outset_new:
 *
 * Starts a set of output files that cg__outset_commit() replaces together.
 */
CgOutSet *
cg__outset_new(void)
{
  CgOutSet *s = g_new0(CgOutSet, 1);
  s->members = g_array_new(FALSE, TRUE, sizeof(Member));
  return s;
}

/**
 * cg__outset_add:
 * @path: the file to write
 *
 * Opens @path for writing as part of @s (see the top of this file for what each kind of
 * path gets). The stream belongs to the set: write to it, never close it.
 *
 * Returns: the stream, or %NULL with @error set (%CG_ERROR_IO).
 */
FILE *
cg__outset_add(CgOutSet *s, const char *path, GError **error)
{
  struct stat st;
  gboolean exists;
  /* A device, FIFO or socket, through any links (the /proc links behind /dev/stdout name
   * "pipe:[…]", which no walk of the links could open): written in place, by its path. */
  char *target = NULL;
  if (g_stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    target = g_strdup(path);
    exists = TRUE;
  } else {
    target = resolve(path, &st, &exists, error);
  }
  if (!target)
    return NULL;
  Member m = {.kind = M_REPLACE, .target = target, .existed = exists};
  if (exists && S_ISDIR(st.st_mode)) {
    g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot write: it is a directory", path);
    g_free(target);
    return NULL;
  }
  int fd;
  if (exists && !S_ISREG(st.st_mode)) {
    /* A device, FIFO or socket: written in place. */
    m.kind = M_IN_PLACE;
    fd = g_open(target, O_WRONLY | O_TRUNC | O_CLOEXEC, 0);
    if (fd < 0) {
      io_error(error, path, errno);
      g_free(target);
      return NULL;
    }
  } else {
    char *dir = g_path_get_dirname(target);
    char *base = g_path_get_basename(target);
    m.temp = g_strdup_printf("%s/.%s.XXXXXX", dir, base);
    g_free(dir);
    g_free(base);
    fd = g_mkstemp_full(m.temp, O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) {
      int e = errno;
      g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot write: cannot create a file in its "
                  "directory: %s", path, g_strerror(e));
      g_free(m.temp);
      g_free(target);
      return NULL;
    }
    /* g_mkstemp_full makes it 0600; the new file gets the old one's bits, or the umask's. */
    mode_t mode = exists ? (st.st_mode & 07777) : 0666;
    if (!exists) {
      mode_t mask = umask(0);
      umask(mask);
      mode &= ~mask;
    }
    if (fchmod(fd, mode) != 0) {
      /* Not worth failing the write for. */
    }
  }
  m.f = fdopen(fd, "wb");
  if (!m.f) {
    int e = errno;
    close(fd);
    if (m.temp)
      g_unlink(m.temp);
    g_free(m.temp);
    g_free(target);
    io_error(error, path, e);
    return NULL;
  }
  g_array_append_val(s->members, m);
  return m.f;
}

/**
 * cg__outset_remove:
 * @path: a file that must not exist once @s is committed (a stale table)
 *
 * Removes @path (the link itself, if it is one) when @s is committed; nothing happens if
 * the set is abandoned.
 */
void
cg__outset_remove(CgOutSet *s, const char *path)
{
  Member m = {.kind = M_REMOVE, .target = g_strdup(path)};
  g_array_append_val(s->members, m);
}

static void
member_clear(Member *m)
{
  if (m->f)
    fclose(m->f);
  if (m->temp)
    g_unlink(m->temp);
  g_free(m->temp);
  g_free(m->target);
  g_free(m->backup);
  memset(m, 0, sizeof *m);
}

/**
 * cg__outset_free:
 *
 * Frees @s; if it was not committed, removes its temporary files and leaves every target as
 * it was (a device written in place keeps what was written).
 */
void
cg__outset_free(CgOutSet *s)
{
  if (!s)
    return;
  for (guint i = 0; i < s->members->len; i++)
    member_clear(&g_array_index(s->members, Member, i));
  g_array_free(s->members, TRUE);
  g_free(s);
}

/**
 * cg__outset_commit:
 *
 * Flushes and closes every file of @s, then renames them over their targets and removes
 * the files cg__outset_remove() named. On any failure nothing is replaced or removed
 * (renames done so far are undone). Frees @s either way.
 *
 * Returns: %FALSE with @error set (%CG_ERROR_IO).
 */
gboolean
cg__outset_commit(CgOutSet *s, GError **error)
{
  gboolean ok = TRUE;
  GArray *ms = s->members;
  /* 1. Every byte on disk. */
  for (guint i = 0; ok && i < ms->len; i++) {
    Member *m = &g_array_index(ms, Member, i);
    if (!m->f)
      continue;
    int e = 0;
    if (fflush(m->f) != 0 || ferror(m->f))
      e = errno ? errno : EIO;
    else if (m->temp && m->existed && fsync(fileno(m->f)) != 0 && errno != EINVAL)
      e = errno;
    if (fclose(m->f) != 0 && !e)
      e = errno ? errno : EIO;
    m->f = NULL;
    if (e) {
      io_error(error, m->target, e);
      ok = FALSE;
    }
  }
  /* 2. Hard links to the files about to be replaced or removed, so a failure can undo. */
  gboolean many = ms->len > 1;
  for (guint i = 0; ok && many && i < ms->len; i++) {
    Member *m = &g_array_index(ms, Member, i);
    if (m->kind == M_IN_PLACE || (m->kind == M_REPLACE && !m->existed))
      continue;
    m->backup = g_strdup_printf("%s.cg-old-%u-%08x", m->target, (unsigned)getpid(),
                                g_random_int());
    if (link(m->target, m->backup) != 0) {
      /* Nothing to keep (ENOENT), or a file system without hard links: this file then
       * cannot be put back should a later rename fail (renames within one directory do not
       * fail in practice). */
      g_free(m->backup);
      m->backup = NULL;
    }
  }
  /* 3. Replace and remove. */
  guint done = 0;
  for (; ok && done < ms->len; done++) {
    Member *m = &g_array_index(ms, Member, done);
    if (m->kind == M_REPLACE) {
      if (g_rename(m->temp, m->target) != 0) {
        io_error(error, m->target, errno);
        ok = FALSE;
        break;
      }
      g_free(m->temp);
      m->temp = NULL;
    } else if (m->kind == M_REMOVE && g_unlink(m->target) != 0 && errno != ENOENT) {
      int e = errno;
      g_set_error(error, CG_ERROR, CG_ERROR_IO, "%s: cannot remove the stale file: %s",
                  m->target, g_strerror(e));
      ok = FALSE;
      break;
    }
  }
  /* 4. Undo on failure; drop the links either way. */
  for (guint i = 0; i < ms->len; i++) {
    Member *m = &g_array_index(ms, Member, i);
    if (!ok && i < done && m->kind == M_REPLACE && !m->existed)
      g_unlink(m->target);
    if (!m->backup)
      continue;
    if (!ok && i < done)
      g_rename(m->backup, m->target);
    else
      g_unlink(m->backup);
  }
  cg__outset_free(s);
  return ok;
}

/* @text to @path as cg__file_write() writes it, or to standard output for "-" (flushed, a
 * full disk reported). */
gboolean
cg__text_write(const char *path, const char *text, GError **error)
{
  if (strcmp(path, "-") != 0)
    return cg__file_write(path, text, strlen(text), error);
  if (fputs(text, stdout) >= 0 && fflush(stdout) == 0)
    return TRUE;
  g_set_error(error, CG_ERROR, CG_ERROR_IO, "cannot write to standard output");
  return FALSE;
}

/**
 * cg__file_write:
 * @path: the file to write
 * @data: (array length=len): the bytes
 *
 * Writes @data to @path as a set of one file: see the top of this file.
 *
 * Returns: %FALSE with @error set (%CG_ERROR_IO).
 */
gboolean
cg__file_write(const char *path, const void *data, gsize len, GError **error)
{
  CgOutSet *s = cg__outset_new();
  FILE *f = cg__outset_add(s, path, error);
  if (!f) {
    cg__outset_free(s);
    return FALSE;
  }
  if (len && fwrite(data, 1, len, f) != len) {
    io_error(error, path, errno ? errno : EIO);
    cg__outset_free(s);
    return FALSE;
  }
  return cg__outset_commit(s, error);
}

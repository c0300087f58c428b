#!/usr/bin/env python3
"""The CLI's progress and Ctrl-C (TAP), on a generated graph of 200,000 nodes:

- without a terminal, one line per phase on standard error ("loading …: 0.4 s"; every phase
  with CHAINGRAPH_PROGRESS_AFTER=0), nothing with --quiet, and standard output the same;
- SIGINT during the Monte Carlo of `risk` cancels it: exit 130, "chaingraph: interrupted",
  and sooner than the run would have taken;
- SIGINT during loading cancels the load the same way;
- SIGINT during `bottlenecks`' criticality and `complement`'s comparison (sent 0.4 s after
  the loading line appears) cancels them the same way: their phase line, then the message;
- SIGINT during `report --html PAGE` exits 130 and leaves a PAGE that existed as it was, with
  no temporary file beside it.

Standard library only (any python3)."""
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

CG = os.environ.get("CHAINGRAPH_BIN") or sys.exit("CHAINGRAPH_BIN is not set")
n = 0
fails = 0


def check(ok, what, detail=""):
    global n, fails
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, what))
    if not ok:
        fails += 1
        for line in str(detail).splitlines():
            print("# " + line)


def interrupt(cmd, after, env=None):
    """Runs @cmd, sends SIGINT @after seconds later; (exit code, stdout, stderr, seconds from
    the signal to the exit)."""
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    time.sleep(after)
    t = time.monotonic()
    p.send_signal(signal.SIGINT)
    try:
        out, err = p.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return None, out, err, 60.0
    return p.returncode, out, err.decode(errors="replace"), time.monotonic() - t


def interrupt_after_loading(cmd, env):
    """Runs @cmd with one line per phase on standard error, sends SIGINT 0.4 s after the
    loading line (the analysis has begun: it takes two seconds here); (exit code, stderr,
    seconds from the signal to the exit)."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    first = p.stderr.readline().decode(errors="replace")
    # Past the statements between the loading line and the analysis (the unproducible-node
    # note and the footing: over 0.1 s under ASan on a loaded machine, where a signal there
    # ends the command at once, not through the library).
    time.sleep(0.4)
    t = time.monotonic()
    p.send_signal(signal.SIGINT)
    try:
        rest = p.communicate(timeout=60)[1].decode(errors="replace")
    except subprocess.TimeoutExpired:
        p.kill()
        return None, first, 60.0
    return p.returncode, first + rest, time.monotonic() - t


with tempfile.TemporaryDirectory(prefix="cg-interrupt-") as T:
    g = os.path.join(T, "g.tsv")
    subprocess.run([CG, "generate", "--nodes", "200000", "--regions", "600", "-o", g],
                   check=True, stdout=subprocess.DEVNULL)
    env = dict(os.environ, CHAINGRAPH_PROGRESS_AFTER="0")

    # -- progress lines without a terminal; --quiet
    a = subprocess.run([CG, "report", "--samples", "256", g], capture_output=True, env=env)
    q = subprocess.run([CG, "report", "--samples", "256", "--quiet", g], capture_output=True, env=env)
    lines = a.stderr.decode().splitlines()
    check(a.returncode == 0 and lines and all(re.fullmatch(r".+: \d+\.\d s", x) for x in lines)
          and lines[0].startswith("loading ") and any(x.startswith("supply risk") for x in lines),
          "report: one line per phase with its time on a standard error that is not a terminal",
          a.stderr.decode())
    check(q.returncode == 0 and q.stderr == b"" and q.stdout == a.stdout,
          "--quiet: nothing on standard error, the same standard output", q.stderr.decode())
    d = subprocess.run([CG, "generate", "--nodes", "1000", "--quiet", "-o", os.path.join(T, "s.tsv")],
                       capture_output=True, env=env)
    check(d.returncode == 0 and d.stderr == b"", "--quiet is known to every command (generate too)",
          d.stderr.decode())

    # -- Ctrl-C during the risk Monte Carlo: cancelled, 130
    whole = [CG, "risk", "--precision", "0", "--samples", "10000000", g]
    # load and criticality (not cancellable) take ~1.5 s here; a sanitizer build is slower
    rc, out, err, took = interrupt(whole, 16.0 if os.environ.get("CG_SANITIZE") else 4.0, env)
    # cancelled, not cut short: the Monte Carlo phase ended (its line), then the message
    check(rc == 130 and re.search(r"^supply risk: .*: \d+\.\d s\nchaingraph: interrupted\n\Z", err, re.M)
          and took < 20,
          "SIGINT during risk's Monte Carlo cancels it: exit 130 %.2f s later" % took,
          "exit %s\n%s" % (rc, err))

    # -- Ctrl-C during loading (0.7 s here): the load is cancelled through its progress
    # callback, the phase ends with its line, then the message
    rc, out, err, took = interrupt([CG, "bottlenecks", g], 0.3, env)
    check(rc == 130 and re.fullmatch(r"loading .*: \d+\.\d s\nchaingraph: interrupted\n", err)
          and took < 5,
          "SIGINT during loading cancels it: exit 130 %.2f s later" % took,
          "exit %s\n%s" % (rc, err))

    # -- Ctrl-C during criticality and complementarity: cancelled through the library's
    # progress callback, not killed (the phase ends with its line, then the message)
    for cmd, phase in ((["bottlenecks", "--exact"], "computing criticality"),
                       (["complement", "--level", "city"], "comparing regions")):
        rc, err, took = interrupt_after_loading([CG] + cmd + [g], env)
        check(rc == 130 and err.startswith("loading ")
              and re.search(r"^%s: \d+\.\d s\nchaingraph: interrupted\n\Z" % phase, err, re.M)
              and took < 5,
              "SIGINT during %s cancels it: exit 130 %.2f s later" % (cmd[0], took),
              "exit %s\n%s" % (rc, err))

    # -- Ctrl-C during report --html: the page that was there stays, no temporary file
    page = os.path.join(T, "page.html")
    with open(page, "w") as f:
        f.write("the old page\n")
    rc, out, err, took = interrupt([CG, "report", "--html", page, g], 1.0)
    left = sorted(x for x in os.listdir(T) if x.startswith(".page.html"))
    check(rc == 130 and open(page).read() == "the old page\n" and not left,
          "SIGINT during report --html: exit 130, the old page intact, no temporary file",
          "exit %s, left %s\n%s" % (rc, left, err))

print("1..%d" % n)
sys.exit(1 if fails else 0)

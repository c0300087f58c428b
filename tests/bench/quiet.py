"""Helpers for benchmarking on a shared machine: wait until no one else competes for the
CPUs, and measure how much they did while a command ran.

Linux's pressure-stall information (/proc/pressure/cpu, "some") counts the time at least
one runnable task waited for a CPU. A benchmark alone on the machine (even with one thread
per core) waits almost never; other work makes it wait. Unlike the load average, it does
not count our own previous run, and it sees work in other containers of the same kernel."""
import os
import sys
import time

PSI = "/proc/pressure/cpu"


def _read():
    """(avg10 %, total µs) of the "some" line, or None without PSI."""
    try:
        with open(PSI) as f:
            for line in f:
                if line.startswith("some"):
                    kv = dict(x.split("=") for x in line.split()[1:])
                    return float(kv["avg10"]), int(kv["total"])
    except (OSError, KeyError, ValueError):
        return None
    return None


def wait_quiet(max_pct=5.0, max_wait=900.0, log=sys.stderr):
    """Waits until CPU pressure over the last 10 s is at most @max_pct (at most @max_wait
    seconds). Returns the pressure seen when it stopped waiting (None without PSI)."""
    t0 = time.time()
    said = False
    while True:
        r = _read()
        if r is None:
            return None
        if r[0] <= max_pct or time.time() - t0 >= max_wait:
            if said:
                print("# quiet enough after %.0f s (CPU pressure %.1f%%)" % (time.time() - t0, r[0]), file=log)
            return r[0]
        if not said:
            print("# waiting for the machine to be quiet (CPU pressure %.1f%%, load %.2f)" %
                  (r[0], os.getloadavg()[0]), file=log)
            said = True
        time.sleep(5)


class Contention:
    """with Contention() as c: …  then c.share is the share of the wall time during which
    some task waited for a CPU (0 = nobody competed), or None without PSI."""

    def __enter__(self):
        self.r0, self.t0 = _read(), time.perf_counter()
        self.share = None
        return self

    def __exit__(self, *exc):
        r1, t1 = _read(), time.perf_counter()
        if self.r0 and r1 and t1 > self.t0:
            self.share = (r1[1] - self.r0[1]) / 1e6 / (t1 - self.t0)
        return False

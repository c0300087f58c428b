#!/bin/sh
# The layers of lib/ (DESIGN.md): a file uses only its own layer and the layers below it
# (core <- io <- analysis <- present). Checked twice: no include reaches up a layer, and no
# object file of the built library calls a function (or reads a table) defined in a layer
# above its own (nm over lib's objects; public functions count too).
set -u
src="${CHAINGRAPH_SOURCE:-$(dirname "$0")/..}"
rank='function rank(l) { return l == "core" ? 0 : l == "io" ? 1 : l == "analysis" ? 2 : l == "present" ? 3 : -1 }'
bad=0

# "lib/LAYER/FILE:#include "LAYER/…"" lines.
grep -H '^#include "[a-z]*/' "$src"/lib/*/*.c "$src"/lib/*/*.h | awk -F'"' "$rank"'
  { f = $1; sub(/:#include .*/, "", f); n = split(f, p, "/"); mine = p[n - 1]
    split($2, q, "/"); theirs = q[1]
    if (rank(mine) < 0) { print f " is not in a layer"; bad = 1 }
    else if (rank(theirs) > rank(mine)) { print f " (" mine ") includes a " theirs " header"; bad = 1 } }
  END { exit bad }' || bad=1

objs=$(ls -d "${CG_BUILD_ROOT:-$src/build}"/lib/libchaingraph.so*.p 2>/dev/null | head -n 1)
if [ -z "$objs" ] || ! command -v nm >/dev/null; then
  echo "no object files or no nm: the symbol check is skipped"
else
  # nm -A: "DIR/LAYER_FILE.c.o: ADDR TYPE NAME" or "DIR/LAYER_FILE.c.o:  U NAME".
  nm -A "$objs"/*.o | awk "$rank"'
    { f = $1; sub(/\.o:.*/, ".o", f); sub(/.*\//, "", f); split(f, p, "_"); layer = p[1] }
    NF == 3 && $2 ~ /^[TDRB]$/ { def[$3] = layer; where[$3] = f; next }
    NF == 3 && $2 == "U" { n++; ul[n] = layer; uf[n] = f; us[n] = $3 }
    END {
      for (i = 1; i <= n; i++)
        if ((us[i] in def) && rank(def[us[i]]) > rank(ul[i]) && rank(ul[i]) >= 0) {
          print uf[i] " (" ul[i] ") uses " us[i] " from " where[us[i]]; bad = 1
        }
      exit bad
    }' || bad=1
fi
[ $bad -eq 0 ] && echo "every file of lib/ uses only its own layer and those below"
exit $bad

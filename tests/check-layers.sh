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

# The builder's setters (core/graph-build.h) are core's own: every other layer builds
# through CgGraphBuilder (DESIGN.md: the public builder, which every parser uses too).
for f in $(grep -l '^#include "core/graph-build.h"' "$src"/lib/*/*.c "$src"/lib/*/*.h); do
  case "$f" in
  "$src"/lib/core/*) ;;
  *) echo "$f includes core/graph-build.h: build through CgGraphBuilder"; bad=1 ;;
  esac
done

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
  # ... nor calls one of them (with a declaration of its own, say).
  grep -o 'cg__[a-z_]*(' "$src"/lib/core/graph-build.h | tr -d '(' >"${TMPDIR:-/tmp}/cg-setters.$$"
  for f in "$objs"/*.o; do
    case "$(basename "$f")" in core_*) ;; *) nm -A -u "$f" ;; esac
  done | awk -v list="${TMPDIR:-/tmp}/cg-setters.$$" '
    BEGIN { while ((getline s < list) > 0) setter[s] = 1 }
    $NF in setter { f = $1; sub(/:.*/, "", f); sub(/.*\//, "", f)
                    print f " calls " $NF ": build through CgGraphBuilder"; bad = 1 }
    END { exit bad }' || bad=1
  rm -f "${TMPDIR:-/tmp}/cg-setters.$$"
fi
[ $bad -eq 0 ] && echo "every file of lib/ uses only its own layer and those below"
exit $bad

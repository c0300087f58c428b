#!/bin/sh
# The layers of lib/ (DESIGN.md): a file uses only its own layer and the layers below it
# (core <- io <- analysis <- present). Checked twice: no include reaches up a layer, and no
# object file of the built library calls a function (or reads a table) defined in a layer
# above its own (nm over lib's objects; public functions count too).
set -u
src="${CHAINGRAPH_SOURCE:-$(dirname "$0")/..}"
lib="$src/lib"
rank() {
  case "$1" in
    core) echo 0 ;; io) echo 1 ;; analysis) echo 2 ;; present) echo 3 ;; *) echo -1 ;;
  esac
}
bad=0
for f in "$lib"/*/*.c "$lib"/*/*.h; do
  layer=$(basename "$(dirname "$f")")
  mine=$(rank "$layer")
  [ "$mine" -ge 0 ] || { echo "not in a layer: $f"; bad=1; continue; }
  for inc in $(sed -n 's/^#include "\([a-z]*\)\/.*"/\1/p' "$f"); do
    if [ "$(rank "$inc")" -gt "$mine" ]; then
      echo "$f ($layer) includes a $inc header"
      bad=1
    fi
  done
done

objs=$(ls -d "${CG_BUILD_ROOT:-$src/build}"/lib/libchaingraph.so*.p 2>/dev/null | head -n 1)
if [ -z "$objs" ] || ! command -v nm >/dev/null; then
  echo "no object files or no nm: the symbol check is skipped"
else
  # "layer defined-symbol" and "layer object undefined-symbol" lines, then a join in awk.
  for o in "$objs"/*.o; do
    b=$(basename "$o")
    nm "$o" | awk -v b="$b" '{ split(b, p, "_"); if (NF == 3 && $2 ~ /^[TDRB]$/) print "D", p[1], b, $3;
                               else if (NF == 2 && $1 == "U") print "U", p[1], b, $2 }'
  done | awk '
    function rank(l) { return l == "core" ? 0 : l == "io" ? 1 : l == "analysis" ? 2 : l == "present" ? 3 : -1 }
    $1 == "D" { layer[$4] = $2; file[$4] = $3; next }
    { use[NR] = $0 }
    END {
      bad = 0
      for (i in use) {
        split(use[i], u, " ")
        if ((u[4] in layer) && rank(layer[u[4]]) > rank(u[2]) && rank(u[2]) >= 0) {
          print u[3] " (" u[2] ") uses " u[4] " from " file[u[4]]; bad = 1
        }
      }
      exit bad
    }' || bad=1
fi
[ $bad -eq 0 ] && echo "every file of lib/ uses only its own layer and those below"
exit $bad

#!/bin/sh
# Golden tests: the analyses of the bundled chains, compared with tests/golden/NAME.out.
# After a deliberate change (new data, a better "why"), regenerate them with
#   CG_UPDATE_GOLDEN=1 meson test -C build golden
# and read the diff before committing it.
set -u
CG=${CHAINGRAPH_BIN:?}
DIR=${CHAINGRAPH_SOURCE:?}/tests/golden
# The report's language follows the locale unless --lang says: pin an English locale so
# that every golden file but report-zh is English whatever the caller's LANG.
LC_ALL=C.UTF-8
export LC_ALL
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
n=0
fails=0
golden() {
  name=$1
  shift
  n=$((n + 1))
  if ! "$CG" "$@" >"$T/$name.out" 2>"$T/$name.err"; then
    echo "not ok $n - $name: chaingraph $* failed"; sed 's/^/# /' "$T/$name.err"
    fails=$((fails + 1))
    return
  fi
  if [ "${CG_UPDATE_GOLDEN:-}" = 1 ]; then
    cp "$T/$name.out" "$DIR/$name.out"
    echo "ok $n - $name (updated)"
  elif diff -u "$DIR/$name.out" "$T/$name.out" >"$T/$name.diff"; then
    echo "ok $n - $name"
  else
    echo "not ok $n - $name differs from tests/golden/$name.out:"
    head -40 "$T/$name.diff" | sed 's/^/# /'
    fails=$((fails + 1))
  fi
}
golden info info
golden bottlenecks bottlenecks --top 10
golden bottlenecks-nev bottlenecks --application 新能源汽车
golden risk risk --top 10 --samples 10000 --seed 1
golden embargo disrupt --scenario embargo --samples 10000 --seed 1
golden complement-provinces complement --level province
golden region-ganzhou complement --region 赣州 --top 5
golden region-ningbo complement --region 宁波 --top 5
# The main job, reviewed line by line against the documents (chains/README.md, "The report's
# top 10").
golden report report --lang en --top 10 --samples 10000 --seed 1
# The same answers at the other footings (issue 14): present capabilities only, without the
# inferred statements, with every application weighing 1.
golden bottlenecks-noinf bottlenecks --top 10 --without-inferred
golden bottlenecks-uniform bottlenecks --top 10 --weights uniform
golden risk-present risk --top 10 --samples 10000 --seed 1 --horizon present
golden embargo-present disrupt --scenario embargo --samples 10000 --seed 1 --horizon present
golden complement-present complement --level province --horizon present
golden report-present report --lang en --top 10 --samples 10000 --seed 1 --horizon present
golden report-present-noinf report --lang en --top 10 --samples 10000 --seed 1 --horizon present --without-inferred
# The same report in Chinese (issue 17): the labels and explanations from lib/present/msg.c.
golden report-zh report --lang zh --top 10 --samples 10000 --seed 1
echo "1..$n"
[ "$fails" = 0 ]

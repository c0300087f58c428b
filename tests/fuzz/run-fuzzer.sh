#!/bin/sh
# A bounded fuzzing run for the test suite (a -Dfuzzing=enabled build: CI runs one):
#   run-fuzzer.sh FUZZER SECONDS DICT SEEDS WORKDIR
# fuzzes for SECONDS (CG_FUZZ_SECONDS overrides), new inputs going to WORKDIR/corpus (the
# committed SEEDS are read, never written); a crash, a leak or a timeout fails the test and
# leaves its input in WORKDIR/artifacts, to be fixed and then added to SEEDS.
set -u
fuzzer=$1 seconds=${CG_FUZZ_SECONDS:-$2} dict=$3 seeds=$4 work=$5
mkdir -p "$work/corpus" "$work/artifacts" || exit 1
"$fuzzer" -max_total_time="$seconds" -max_len=4096 -timeout=10 -print_final_stats=1 \
  -dict="$dict" -artifact_prefix="$work/artifacts/" "$work/corpus" "$seeds"
rc=$?
if [ "$rc" -ne 0 ]; then
  echo "fuzzing failed (exit $rc): the input is in $work/artifacts/" >&2
  ls -l "$work/artifacts" >&2
fi
exit "$rc"

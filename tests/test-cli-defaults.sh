#!/bin/sh
# Every default the CLI's --help states is the library's: the one cg_X_options_init() fills
# (printed by tests/cg-defaults.c). The CLI takes its defaults, and the numbers its help
# states, from those functions; this catches a default the CLI sets or states by itself.
set -u
CG=${CHAINGRAPH_BIN:?}
DEFAULTS=${CG_DEFAULTS:?}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$DEFAULTS" >"$T/defaults" || { echo "Bail out! cg-defaults failed"; exit 1; }
n=0
fails=0

# value FIELD: the C default of STRUCT.FIELD
value() { awk -v f="$1" '$1 == f { print $3 }' "$T/defaults"; }

# check COMMAND OPTION FIELD [TEXT]: COMMAND --help says "default N" on OPTION's line with
# N the C default of FIELD; or, with TEXT, says TEXT there while the C default is 0.
check() {
  cmd=$1 opt=$2 field=$3 text=${4:-}
  n=$((n + 1))
  want=$(value "$field")
  line=$("$CG" "$cmd" --help 2>&1 | grep -e "^ *\(-[a-zA-Z], \)\?--$opt[= ]" | head -n 1)
  if [ -z "$want" ] || [ -z "$line" ]; then
    echo "not ok $n - $cmd --$opt: no C default for $field or no help line"
    fails=$((fails + 1))
    return
  fi
  if [ -n "$text" ]; then
    if printf '%s' "$line" | grep -q -- "$text" && [ "$want" = 0 ]; then
      echo "ok $n - $cmd --$opt: '$text' is $field = 0"
    else
      echo "not ok $n - $cmd --$opt: help '$line', C default $field = $want"
      fails=$((fails + 1))
    fi
    return
  fi
  said=$(printf '%s' "$line" | sed -n 's/.*default \([0-9][0-9.]*\).*/\1/p')
  if [ -n "$said" ] && awk -v a="$said" -v b="$want" 'BEGIN { exit !(a + 0 == b + 0) }'; then
    echo "ok $n - $cmd --$opt: default $said is $field"
  else
    echo "not ok $n - $cmd --$opt: help says '${said:-nothing}', C default $field = $want"
    fails=$((fails + 1))
  fi
}

check bottlenecks top bottleneck.top
check bottlenecks samples bottleneck.samples
check bottlenecks seed bottleneck.seed
check bottlenecks threads bottleneck.threads "default: one per core"
check risk top risk.top
check risk samples risk.samples
check risk seed risk.seed
check risk exact-max risk.exact_max
check risk invest risk.invest
check risk invest-samples risk.invest_samples "default: all"
check risk threads risk.threads "default: one per core"
check disrupt samples risk.samples
check disrupt seed risk.seed
check disrupt exact-max risk.exact_max
check disrupt threads risk.threads "default: one per core"
check complement threads complement.threads "default: one per core"
check generate nodes generate.nodes
check generate stages generate.stages
check generate or-fraction generate.or_fraction
check generate cycle-fraction generate.cycle_fraction
check generate regions generate.regions
check report top report.top
check report width report.width
check report samples report.samples
check report seed report.seed
check render seed risk.seed

# The level of complement is the library's ("province (default)").
n=$((n + 1))
level=$(value complement.level)
if "$CG" complement --help 2>&1 | grep -e "--level" | grep -q "$level (default)"; then
  echo "ok $n - complement --level: $level is complement.level"
else
  echo "not ok $n - complement --level: the help does not say '$level (default)'"
  fails=$((fails + 1))
fi
echo "1..$n"
[ "$fails" -eq 0 ]

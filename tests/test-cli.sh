#!/bin/sh
# The command-line tool: exit codes, messages, --help, and each command on small inputs.
set -u
CG=${CHAINGRAPH_BIN:?}
# English messages whatever the caller's locale (report follows LC_ALL/LANG).
LC_ALL=C.UTF-8
export LC_ALL
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
n=0

# check NAME EXPECTED_EXIT PATTERN -- command…   (PATTERN is grepped in stdout+stderr)
check() {
  name=$1 want=$2 pattern=$3
  shift 4
  n=$((n + 1))
  "$@" >"$T/out" 2>&1
  got=$?
  if [ "$got" != "$want" ]; then
    echo "not ok $n - $name: exit $got, expected $want"; sed 's/^/# /' "$T/out" | head -20
    fails=$((fails + 1))
  elif [ -n "$pattern" ] && ! grep -q -- "$pattern" "$T/out"; then
    echo "not ok $n - $name: output lacks '$pattern'"; sed 's/^/# /' "$T/out" | head -20
    fails=$((fails + 1))
  else
    echo "ok $n - $name"
  fi
}

cat >"$T/good.chain" <<'CHAIN'
document d.txt key=d
node ore 稀土原料 en=ore stage=raw
node ndfeb 钕铁硼 en=NdFeB stage=material
node smco 钐钴 en=SmCo stage=material
node motor 电机 en=motor stage=component
node car 汽车 en=car stage=application
region 浙江 level=province
region 宁波 level=city parent=浙江
produces 宁波 钕铁硼 quote="钕铁硼"
chain magnet 磁性材料产业链 quote="稀土原料——钕铁硼"
  path 稀土原料——钕铁硼、钐钴——电机——汽车
  电机 <- 钕铁硼 | 钐钴
end
CHAIN
printf 'node a A\nnode b B en="oops\n' >"$T/unterminated.chain"
printf 'node a A\nb -> a inferred="x"\n' >"$T/unknown.chain"
printf '{"nodes": 3}' >"$T/shape.json"
: >"$T/empty.chain"
mkdir "$T/emptydir"

check "no command is a usage error" 2 "Usage" -- "$CG"
check "unknown command" 2 "unknown command" -- "$CG" frobnicate
check "help" 0 "bottlenecks" -- "$CG" help
check "version" 0 "chaingraph " -- "$CG" --version
for c in info validate export disrupt bottlenecks generate; do
  check "$c --help" 0 "Usage:" -- "$CG" "$c" --help
done
check "bad option" 2 "Unknown option" -- "$CG" info --frobnicate
check "info" 0 "5 nodes" -- "$CG" info "$T/good.chain"
check "info --json" 0 '"nodes" : 5' -- "$CG" info --json "$T/good.chain"
check "validate ok" 0 "ok: 5 nodes" -- "$CG" validate "$T/good.chain"
check "validate: unterminated quote" 1 "unterminated.chain:2:13: unterminated" -- "$CG" validate "$T/unterminated.chain"
check "validate: unknown node" 1 "unknown.chain:2:1: unknown node 'b'" -- "$CG" validate "$T/unknown.chain"
check "validate: missing file" 1 "nothere.chain: no such file" -- "$CG" validate "$T/nothere.chain"
check "validate: empty file" 1 "empty.chain: the file is empty" -- "$CG" validate "$T/empty.chain"
check "validate: empty directory" 1 "no .chain files" -- "$CG" validate "$T/emptydir"
check "validate: wrong JSON shape" 1 "shape.json" -- "$CG" validate "$T/shape.json"
check "export json" 0 "" -- "$CG" export -o "$T/g.json" "$T/good.chain"
check "export json again" 0 "" -- "$CG" export -o "$T/g2.json" "$T/g.json"
n=$((n + 1))
if cmp -s "$T/g.json" "$T/g2.json"; then echo "ok $n - json round trip is stable"; else echo "not ok $n - json round trip differs"; fails=$((fails + 1)); fi
check "export graphml" 0 "" -- "$CG" export --to graphml -o "$T/g.graphml" "$T/good.chain"
check "export tsv" 0 "" -- "$CG" export -o "$T/g.tsv" "$T/good.chain"
check "tsv loads" 0 "5 nodes" -- "$CG" info "$T/g.nodes.tsv"
check "export dot" 0 "digraph" -- "$CG" export --format dot "$T/good.chain"
# Nothing producible at all (an AND cycle without an outside source): the analyses say why
# every loss is 0 (audit W6)
printf 'document d.txt key=d\nnode a A stage=material\nnode b B stage=material\nnode t T stage=application\na <- b inferred="x"\nb <- a inferred="x"\nt <- b inferred="x"\n' >"$T/cycle.chain"
for cmd in bottlenecks risk report; do
  check "$cmd: nothing producible is said" 0 "none of the 1 application is producible" -- "$CG" "$cmd" -q "$T/cycle.chain"
done
check "disrupt: nothing producible is said" 0 "none of the 1 application is producible" -- "$CG" disrupt -q --node a "$T/cycle.chain"
check "export --from reads a format" 0 "\"nodes\"" -- "$CG" export --from chain --format json "$T/good.chain"
check "export tsv to stdout is a usage error" 2 "PREFIX.tsv" -- "$CG" export --to tsv "$T/good.chain"
check "disrupt node" 0 "impact: 100.0%" -- "$CG" disrupt --node 电机 "$T/good.chain"
check "disrupt OR alternative" 0 "impact: 0.0%" -- "$CG" disrupt --node ndfeb "$T/good.chain"
check "disrupt json" 0 '"impact" : 1' -- "$CG" disrupt --json --node ore "$T/good.chain"
check "disrupt region" 0 "knocked out: 1 nodes" -- "$CG" disrupt --region 浙江 "$T/good.chain"
check "disrupt unknown node" 1 "unknown node 'zz'" -- "$CG" disrupt --node zz "$T/good.chain"
check "disrupt unknown region" 1 "unknown region" -- "$CG" disrupt --region 火星 "$T/good.chain"
check "disrupt needs a target" 2 "at least one" -- "$CG" disrupt "$T/good.chain"
check "bottlenecks" 0 "no OR alternative downstream" -- "$CG" bottlenecks "$T/good.chain"
check "bottlenecks json" 0 '"criticality"' -- "$CG" bottlenecks --json --applications "$T/good.chain"
check "bottlenecks application" 0 "稀土原料 → 电机" -- "$CG" bottlenecks -a 汽车 "$T/good.chain"
check "bottlenecks unknown chain" 1 "unknown chain" -- "$CG" bottlenecks --chain nope "$T/good.chain"
check "generate" 0 "" -- "$CG" generate --nodes 200 --edges 900 --regions 10 -o "$T/gen.tsv"
check "generated graph loads" 0 "200 nodes" -- "$CG" info "$T/gen.nodes.tsv"
check "generate needs -o" 2 "give -o" -- "$CG" generate --nodes 10
check "bottlenecks estimate is labelled" 0 "ESTIMATED" -- "$CG" bottlenecks --estimate --samples 500 "$T/gen.nodes.tsv"
check "bottlenecks --exact and --estimate clash" 2 "exclude" -- "$CG" bottlenecks --exact --estimate "$T/good.chain"
check "ambiguous name names the ids" 1 "names several nodes" -- "$CG" disrupt --node 应用产品
check "risk" 0 "Expected loss" -- "$CG" risk "$T/good.chain"
check "risk json" 0 '"expected_loss"' -- "$CG" risk --json --samples 500 "$T/good.chain"
check "risk --set" 0 '"base_probability" : 0.2' -- "$CG" risk --json --set base_probability=0.2 "$T/good.chain"
check "risk unknown profile key" 2 "no.such" -- "$CG" risk --set no.such=1 "$T/good.chain"
check "risk missing profile file" 1 "nothere.profile" -- "$CG" risk --profile "$T/nothere.profile" "$T/good.chain"
check "risk --help teaches" 0 "base_probability" -- "$CG" risk --help
check "disrupt embargo" 0 "embargo" -- "$CG" disrupt --scenario embargo "$T/good.chain"
check "disrupt bad scenario" 2 "scenario" -- "$CG" disrupt --scenario moon "$T/good.chain"
check "complement" 0 "supplier" -- "$CG" complement
check "complement json" 0 '"pairs"' -- "$CG" complement --json --level province
check "complement region" 0 "Gaps" -- "$CG" complement --region 宁波
check "complement unknown region" 1 "火星" -- "$CG" complement --region 火星
check "complement unknown level" 2 "level" -- "$CG" complement --level planet
check "bundled chains validate" 0 "ok:" -- "$CG" validate
check "report --lang bad" 2 "zh or en" -- "$CG" report --lang fr "$T/good.chain"
check "report --html-chains unknown" 2 "unknown chain 'nope'" -- "$CG" report --html-chains nope --html "$T/x.html" "$T/good.chain"
# The locale chooses the report's language: LANG=zh_CN gives what --lang zh gives.
n=$((n + 1))
LC_ALL= LC_MESSAGES= LANG=zh_CN.UTF-8 "$CG" report --top 3 "$T/good.chain" >"$T/zh-env.txt" 2>/dev/null
"$CG" report --top 3 --lang zh "$T/good.chain" >"$T/zh-opt.txt" 2>/dev/null
LC_ALL= LC_MESSAGES= LANG=en_US.UTF-8 "$CG" report --top 3 "$T/good.chain" >"$T/en-env.txt" 2>/dev/null
if cmp -s "$T/zh-env.txt" "$T/zh-opt.txt" && grep -q "瓶颈" "$T/zh-env.txt" && grep -q "BOTTLENECKS" "$T/en-env.txt"; then
  echo "ok $n - LANG=zh_CN gives the Chinese report, LANG=en_US the English one"
else
  echo "not ok $n - LANG does not choose the report's language"
  fails=$((fails + 1))
fi
check "bundled chains info" 0 "documents" -- "$CG" info

# A full disk behind stdout is an error (exit 1, a message), not a silent success.
if [ -w /dev/full ]; then
  check "stdout full: info" 1 "cannot write the output" -- sh -c '"$0" info "$1" >/dev/full' "$CG" "$T/good.chain"
  check "stdout full: json" 1 "cannot write the output" -- sh -c '"$0" bottlenecks --json "$1" >/dev/full' "$CG" "$T/good.chain"
fi

# The footing flags (issue 14): bad values are usage errors; each reading equals the analysis
# of the file written without those statements (the footing line aside).
for cmd in bottlenecks risk complement "disrupt --scenario embargo" report info; do
  check "$cmd --horizon bad" 2 "takes present or planned, not 'soon'" -- $CG $cmd --horizon soon "$T/good.chain"
  check "$cmd --weights bad" 2 "takes data or uniform, not 'equal'" -- $CG $cmd --weights equal "$T/good.chain"
done
check "--horizon needs a value" 2 "Missing argument" -- "$CG" risk "$T/good.chain" --horizon
cat >"$T/foot.chain" <<'CHAIN'
document d.txt key=d
node ore 稀土原料 en=ore stage=raw
node alt 替代料 en=alt stage=raw
node mag 磁体 en=magnet stage=material
node car 汽车 en=car stage=application weight=3
node fan 风机 en=fan stage=application
mag <- ore | alt quote="q"
car <- mag quote="q"
fan <- mag inferred="r"
fan <- ore inferred="r"
region 甲 level=province
region 乙 level=province
region 国外 id=foreign level=country inferred="abroad"
produces 甲 ore role=produce quote="q"
produces 乙 ore,mag role=develop quote="q"
produces 国外 alt role=produce inferred="r"
produces 乙 alt role=produce inferred="r"
chokepoint alt kind=foreign quote="q"
CHAIN
grep -v 'role=develop' "$T/foot.chain" >"$T/foot-present.chain"
grep -v 'inferred="r"' "$T/foot.chain" >"$T/foot-noinf.chain"
sed 's/ weight=3//' "$T/foot.chain" >"$T/foot-uniform.chain"
same() { # NAME FLAG CUT COMMAND…: COMMAND FLAG on foot.chain = COMMAND on CUT, footing line aside
  name=$1 flag=$2 cut=$3
  shift 3
  n=$((n + 1))
  "$CG" "$@" $flag "$T/foot.chain" | sed 1d >"$T/a" 2>&1
  "$CG" "$@" "$T/$cut" | sed 1d >"$T/b" 2>&1
  if [ -s "$T/a" ] && cmp -s "$T/a" "$T/b"; then echo "ok $n - $name"; else
    echo "not ok $n - $name"; diff "$T/a" "$T/b" | head -10 | sed 's/^/# /'; fails=$((fails + 1)); fi
}
for c in "bottlenecks" "risk --samples 500" "complement --level any" "disrupt --scenario embargo --samples 500"; do
  same "$c --horizon present" "--horizon present" foot-present.chain $c
  same "$c --without-inferred" "--without-inferred" foot-noinf.chain $c
  same "$c --weights uniform" "--weights uniform" foot-uniform.chain $c
done
check "footing line" 0 "present capabilities only (--horizon present), inferred statements left out" -- "$CG" risk --horizon present --without-inferred "$T/foot.chain"
check "json states the footing" 0 '"application_weights" *: *"uniform"' -- "$CG" bottlenecks --json --weights uniform "$T/foot.chain"
check "bottlenecks mark an inference" 0 "rests on inference (75.0% without inferred statements): 磁体 → 风机 (r)" -- "$CG" bottlenecks "$T/foot.chain"
check "risk marks an inferred link" 0 "rests on inference: the link itself is inferred" -- "$CG" risk --samples 500 "$T/foot.chain"
check "a planned capability is said to be planned" 0 "planned only in 乙" -- "$CG" risk --samples 500 "$T/foot.chain"
check "report: what the answers rest on" 0 "WHAT THE ANSWERS REST ON" -- "$CG" report --samples 500 "$T/foot.chain"
check "report marks an inference" 0 "rests on inference" -- "$CG" report --samples 500 "$T/foot.chain"
check "embargo is the outage of 国外" 0 "knocked out: 0 nodes" -- "$CG" disrupt --scenario embargo "$T/foot.chain"

# Bounded inputs (issue 16): sample counts are capped (a usage error, not gigabytes
# allocated), --set mistakes are usage errors, a profile must be a small regular file.
check "risk: samples capped" 2 "samples must be at most 10000000" -- "$CG" risk --samples 99999999999 "$T/good.chain"
check "report: samples capped" 2 "samples must be at most" -- "$CG" report --samples 10000000000 "$T/good.chain"
check "disrupt --scenario: samples capped" 2 "samples must be at most" -- "$CG" disrupt --scenario embargo --samples 10000000000 "$T/good.chain"
check "bottlenecks --estimate: samples capped" 2 "samples must be at most" -- timeout 60 "$CG" bottlenecks --estimate --samples 2147483647 "$T/good.chain"
check "risk --set unknown key" 2 "nosuchkey" -- "$CG" risk --set nosuchkey=1 "$T/good.chain"
check "risk --set bad value" 2 "base_probability" -- "$CG" risk --set base_probability=2 "$T/good.chain"
check "risk --set without =" 2 "KEY=VALUE" -- "$CG" risk --set noequals "$T/good.chain"
check "complement --top -1 is no default" 2 "take a number" -- "$CG" complement --region 宁波 --top -1
check "risk --profile device" 1 "not a regular file" -- timeout 20 "$CG" risk --profile /dev/zero "$T/good.chain"
head -c 1100000 /dev/zero | tr '\0' '#' > "$T/big.profile"
check "risk --profile too large" 1 "too large for a risk profile" -- "$CG" risk --profile "$T/big.profile" "$T/good.chain"

echo "1..$n"
echo "$((n - fails)) passed, $fails failed"
[ "$fails" = 0 ]

#!/bin/sh
# examples/example-builder builds a small graph in code; the same graph written by hand as
# node-link JSON must give the same answers (bottlenecks, risk links, region pairs), and
# the built graph's own JSON export must load back to them too.
set -eu
EX=${CG_BUILD_ROOT:?}/examples/example-builder
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
q='"document": "plan.txt", "quote": "稀土——钕铁硼、钐钴——电机——新能源汽车"'
cat > "$T/same.json" <<JSON
{"documents": [{"file": "plan.txt", "key": "plan", "title": "A regional plan"}],
 "nodes": [
  {"id": "rare-earth", "name": "稀土", "stage": "raw", "import": 0.4,
   "chokepoints": [{"kind": "foreign", "document": "plan.txt", "quote": "高端稀土材料依赖进口"}]},
  {"id": "ndfeb", "name": "钕铁硼", "stage": "material"},
  {"id": "smco", "name": "钐钴", "stage": "material"},
  {"id": "motor", "name": "电机", "stage": "component"},
  {"id": "ev", "name": "新能源汽车", "stage": "application", "weight": 3},
  {"id": "fan", "name": "风机", "stage": "application"}],
 "edges": [
  {"source": "rare-earth", "target": "ndfeb", "provenance": [{$q}]},
  {"source": "rare-earth", "target": "smco", "provenance": [{$q}]},
  {"source": "ndfeb", "target": "motor", "group": "magnet", "provenance": [{$q}]},
  {"source": "smco", "target": "motor", "group": "magnet", "provenance": [{$q}]},
  {"source": "motor", "target": "ev", "provenance": [{$q}]},
  {"source": "motor", "target": "fan", "provenance": [{$q}]}],
 "regions": [
  {"name": "浙江", "level": "province"},
  {"name": "江西", "level": "province"},
  {"name": "宁波", "level": "city", "parent": "浙江", "capabilities": [
    {"node": "ndfeb", $q}, {"node": "motor", $q}, {"node": "ev", "develop": true, $q}]},
  {"name": "赣州", "level": "city", "parent": "江西", "capabilities": [
    {"node": "rare-earth", $q}, {"node": "ndfeb", $q}]}],
 "chains": []}
JSON
n=0
check() {
  n=$((n + 1))
  if diff -u "$T/built.txt" "$2" > "$T/diff"; then echo "ok $n - $1"; else
    echo "not ok $n - $1"; sed 's/^/# /' "$T/diff"; fail=1; fi
}
fail=0
"$EX" > "$T/built.txt"
grep -q '^Bottlenecks' "$T/built.txt" && grep -q '^Supply risk' "$T/built.txt" &&
  grep -q '^Complementary regions' "$T/built.txt" || { echo "not ok - no answers"; exit 1; }
"$EX" --load "$T/same.json" > "$T/loaded.txt"
check "built in code = the same graph loaded from JSON" "$T/loaded.txt"
"$EX" --export > "$T/export.json"
"$EX" --load "$T/export.json" > "$T/reloaded.txt"
check "built in code = its own export loaded back" "$T/reloaded.txt"
echo "1..$n"
exit $fail

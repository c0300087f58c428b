#!/bin/sh
# The HTML report in headless Chromium: every chain's diagram is there as SVG, the page
# logs no errors, and a screenshot is taken (kept in $CHAINGRAPH_SCREENSHOT if set).
set -u
CG=${CHAINGRAPH_BIN:?}
CHROME=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROME" ]; then
  echo "1..0 # SKIP chromium is not installed"
  exit 77
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
"$CG" report --html "$T/report.html" "$@" >"$T/report.txt" 2>&1 || { cat "$T/report.txt"; echo "not ok 1 - report failed"; exit 1; }
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=$T/profile"
# shellcheck disable=SC2086
timeout 120 "$CHROME" $flags --enable-logging=stderr --v=0 --virtual-time-budget=3000 --dump-dom "file://$T/report.html" >"$T/dom.html" 2>"$T/console.log"
# shellcheck disable=SC2086
timeout 120 "$CHROME" $flags --window-size=1400,2400 --screenshot="$T/shot.png" "file://$T/report.html" >/dev/null 2>&1
fails=0
chains=$("$CG" info --json "$@" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["chains"])')
svgs=$(grep -o '<div class="chain" id="chain-[^"]*"><h3>[^<]*<code>[^<]*</code></h3>\(<p class="src">[^<]*</p>\)\?<svg' "$T/dom.html" | wc -l)
if [ "$svgs" -eq "$chains" ] && [ "$chains" -gt 0 ]; then echo "ok 1 - $chains chains, $svgs SVG diagrams in the rendered page"; else echo "not ok 1 - $chains chains but $svgs SVG diagrams"; fails=$((fails + 1)); fi
if grep -E "CONSOLE|Uncaught|SyntaxError" "$T/console.log" | grep -v -i "dbus\|gcm\|fontconfig" >/dev/null; then
  echo "not ok 2 - the page logged errors:"; grep -E "CONSOLE|Uncaught|SyntaxError" "$T/console.log" | sed 's/^/# /' | head
  fails=$((fails + 1))
else
  echo "ok 2 - no console errors"
fi
if [ -s "$T/shot.png" ]; then echo "ok 3 - screenshot taken"; else echo "not ok 3 - no screenshot"; fails=$((fails + 1)); fi
[ -n "${CHAINGRAPH_SCREENSHOT:-}" ] && cp "$T/shot.png" "$CHAINGRAPH_SCREENSHOT"
echo "1..3"
echo "$((3 - fails)) passed, $fails failed"
[ "$fails" = 0 ]

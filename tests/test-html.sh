#!/bin/sh
# The HTML report in a real Chromium driven by Selenium (tests/test-page.py: search, sort,
# filter, the node panel and its lost set on the diagram, zoom, the language switch, a
# 390-px phone, the CSV downloads against report --csv). Skips with the reason when
# chromium, chromium-driver or python3-selenium is missing.
PY=/usr/bin/python3
[ -x "$PY" ] || PY=$(command -v python3)
exec "$PY" "$(dirname "$0")/test-page.py" "$@"

#!/usr/bin/env bash
# Rewrites the parameter table of docs/MODEL.md from the parameter table in the code.
set -euo pipefail
cd "$(dirname "$0")/.."
gen=${1:-build/tools/herd-param-table}
doc=docs/MODEL.md
tmp=$(mktemp "$doc.XXXXXX")
trap 'rm -f "$tmp"' EXIT
awk -v table="$("$gen")" '
  /<!-- params:begin -->/ { print; print table; skipping = 1; next }
  /<!-- params:end -->/ { skipping = 0 }
  !skipping { print }' "$doc" > "$tmp"
mv "$tmp" "$doc"
trap - EXIT

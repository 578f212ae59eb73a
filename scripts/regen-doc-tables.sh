#!/usr/bin/env bash
# Rewrites the generated tables of docs/ (parameters, record fields, run metrics) from the
# tables in the code. Usage: scripts/regen-doc-tables.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
# replace DOC NAME COMMAND...: the block between <!-- NAME:begin --> and <!-- NAME:end -->.
replace() {
  local doc=$1 name=$2
  shift 2
  local tmp
  tmp=$(mktemp "$doc.XXXXXX")
  awk -v table="$("$@")" -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" '
    index($0, begin) { print; print table; skipping = 1; next }
    index($0, end) { skipping = 0 }
    !skipping { print }' "$doc" > "$tmp"
  mv "$tmp" "$doc"
}
replace docs/MODEL.md params "$build/tools/herd-param-table"
replace docs/MODEL.md record "$build/tools/herd-output-table" record
replace docs/COMPARE.md metrics "$build/tools/herd-output-table" summary
replace docs/SWEEPS.md metrics "$build/tools/herd-output-table" summary

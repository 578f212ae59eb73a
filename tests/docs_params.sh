#!/bin/sh
# Fails if the parameter table in docs/MODEL.md (between its markers) differs from what
# herd-param-table prints from the library's own table, so the documentation cannot drift.
# Usage: docs_params.sh PATH/TO/herd-param-table PATH/TO/MODEL.md
set -eu
generator=$1
doc=$2
expected=$(mktemp)
documented=$(mktemp)
trap 'rm -f "$expected" "$documented"' EXIT
"$generator" > "$expected"
sed -n '/<!-- params:begin -->/,/<!-- params:end -->/p' "$doc" | sed '1d;$d' > "$documented"
if ! grep -q '<!-- params:end -->' "$doc"; then
    echo "docs_params: $doc has no <!-- params:begin --> ... <!-- params:end --> block" >&2
    exit 1
fi
if ! diff -u "$documented" "$expected"; then
    echo "docs_params: the table in $doc is stale; regenerate it with herd-param-table" >&2
    exit 1
fi

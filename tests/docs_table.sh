#!/bin/sh
# Fails if the block of DOC between <!-- NAME:begin --> and <!-- NAME:end --> differs from
# what GENERATOR ARGS... prints from the library's own tables, so the documentation cannot
# drift. Usage: docs_table.sh NAME DOC GENERATOR [ARGS...]
set -eu
name=$1
doc=$2
shift 2
expected=$(mktemp)
documented=$(mktemp)
trap 'rm -f "$expected" "$documented"' EXIT
"$@" > "$expected"
if ! grep -q "<!-- $name:end -->" "$doc"; then
    echo "docs_table: $doc has no <!-- $name:begin --> ... <!-- $name:end --> block" >&2
    exit 1
fi
sed -n "/<!-- $name:begin -->/,/<!-- $name:end -->/p" "$doc" | sed '1d;$d' > "$documented"
if ! diff -u "$documented" "$expected"; then
    echo "docs_table: the $name table in $doc is stale; regenerate it with $(basename "$1")" >&2
    exit 1
fi

#!/bin/sh
# Every example a page shows in full is there as the file is.
# Usage: docs_examples.sh DOC FILE...
doc=$1
shift
failed=0
for f; do
    first=$(head -n 1 "$f")
    start=$(grep -nxF -- "$first" "$doc" | head -n 1 | cut -d: -f1)
    if [ -z "$start" ] ||
        ! sed -n "${start},\$p" "$doc" | head -n "$(wc -l < "$f")" | cmp -s - "$f"; then
        echo "$doc does not show $f as it is"
        failed=1
    fi
done
exit $failed

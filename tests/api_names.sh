#!/bin/sh
# Every function the public headers declare has its all-NULL case in tests/test_api.c.
# Usage: api_names.sh INCLUDE_DIR TEST_API_C
set -eu
missing=0
for name in $(sed -n 's/.*HERD_API[^;(]*[ *]\(herd_[a-z0-9_]*\)(.*/\1/p' "$1"/herd/*.h | sort -u); do
  grep -q "X($name," "$2" || { echo "no NULL case for $name in $2"; missing=1; }
done
exit $missing

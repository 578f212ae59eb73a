#!/bin/sh
# A command that must be refused: it exits with STATUS and its message holds TEXT.
# Usage: refused.sh STATUS TEXT COMMAND [ARGS...]
want=$1 text=$2
shift 2
err=$(mktemp) || exit 2
trap 'rm -f "$err"' EXIT
status=0
"$@" > /dev/null 2> "$err" || status=$?
if [ "$status" -ne "$want" ]; then
    echo "FAIL: $*: exit $status, expected $want"
    cat "$err"
    exit 1
fi
if ! grep -qF -- "$text" "$err"; then
    echo "FAIL: $*: the message does not say '$text':"
    cat "$err"
    exit 1
fi
echo ok

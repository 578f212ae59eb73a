# What the shell tests share; each sources it after reading its arguments. A scratch folder
# ($tmp) removed on exit, and check/fail that count the checks and report each that fails.
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
failures=0
checks=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

check() { # check DESCRIPTION COMMAND...: the command must succeed
    checks=$((checks + 1))
    desc=$1
    shift
    "$@" || fail "$desc"
}

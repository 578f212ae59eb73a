#!/bin/sh
# Prints the version from include/herd/version.h, the one place it is written.
h="$(dirname "$0")/../include/herd/version.h"
maj=$(sed -n 's/^#define HERD_VERSION_MAJOR \([0-9]*\)$/\1/p' "$h")
min=$(sed -n 's/^#define HERD_VERSION_MINOR \([0-9]*\)$/\1/p' "$h")
pat=$(sed -n 's/^#define HERD_VERSION_PATCH \([0-9]*\)$/\1/p' "$h")
printf '%s.%s.%s\n' "$maj" "$min" "$pat"

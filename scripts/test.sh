#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test. Extra arguments go to meson setup
# (e.g. -Db_sanitize=address,undefined); BUILD_DIR chooses the build folder.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh "$@"
dir=${BUILD_DIR:-build}
meson test -C "$dir" --print-errorlogs --num-processes 2

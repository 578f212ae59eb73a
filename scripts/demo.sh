#!/usr/bin/env bash
# The main job: installs what is needed, builds, and compares the leadership styles on the
# bundled default scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
build/tools/herd info

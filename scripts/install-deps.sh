#!/usr/bin/env bash
# Installs the Debian packages herd needs to build, test and plot. Idempotent: installs only
# what is missing, and refreshes the package lists only when something must be installed.
set -euo pipefail

packages=(build-essential meson ninja-build pkg-config libgsl-dev check libinih-dev libsqlite3-dev sqlite3
          libomp-dev gnuplot-nox clang
          python3 python3-dev python3-venv python3-pip python3-cffi python3-pycparser
          python3-numpy python3-pandas python3-mesonpy python3-pytest python3-matplotlib)
[ "${HERD_WITH_MPI:-0}" = 1 ] && packages+=(libopenmpi-dev openmpi-bin)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=''
[ "$(id -u)" -ne 0 ] && sudo='sudo'
echo "install-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null

#!/bin/sh
# Installs the build into a scratch folder and builds a user's program against it with
# pkg-config alone, as a user of the installed library would; every bundled scenario is
# installed, as it is.
# Usage: install_test.sh BUILD_ROOT SOURCE_ROOT
set -eu
build_root=$1
src=$2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
meson install --no-rebuild -C "$build_root" --destdir "$scratch/root" --quiet >/dev/null
scenarios=$(find "$scratch/root" -type d -path '*/share/herd/scenarios' | head -n 1)
[ -n "$scenarios" ] || { echo "no share/herd/scenarios installed" >&2; exit 1; }
for f in "$src"/examples/scenarios/*.ini; do
    cmp -s "$f" "$scenarios/$(basename "$f")" ||
        { echo "$(basename "$f") is not installed as it is" >&2; exit 1; }
done
[ "$(ls "$scenarios" | wc -l)" -eq "$(ls "$src"/examples/scenarios/*.ini | wc -l)" ] ||
    { echo "installed scenarios that are not bundled: $(ls "$scenarios")" >&2; exit 1; }
pc=$(dirname "$(find "$scratch/root" -name herd.pc | head -n 1)")
export PKG_CONFIG_PATH="$pc" PKG_CONFIG_SYSROOT_DIR="$scratch/root"
cat > "$scratch/prog.c" <<'PROG'
#include <herd/herd.h>
#include <stdio.h>

int main(void)
{
    herd_params p;
    herd_params_default(&p);
    p.n_teams = 2;
    herd_sim *sim = NULL;
    if (herd_sim_new(&sim, &p, 1) != HERD_OK || herd_sim_set_policy(sim, herd_policy_behind) ||
        herd_sim_run(sim, 5) != HERD_OK)
        return 1;
    printf("%s %ld\n", herd_version(), herd_sim_record(sim)->tick);
    herd_sim_free(sim);
    return 0;
}
PROG
cc "$scratch/prog.c" -o "$scratch/prog" $(pkg-config --cflags --libs herd)
libdir=$(dirname "$pc")
out=$(LD_LIBRARY_PATH="$libdir" "$scratch/prog")
[ "$out" = "$(pkg-config --modversion herd) 4" ] || { echo "unexpected output: $out" >&2; exit 1; }
echo "installed library builds and runs a program: $out"

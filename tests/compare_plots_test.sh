#!/bin/sh
# herd compare draws its plots when gnuplot is there (skipped, 77, when it is not), and a
# signal while they are drawn leaves no half-drawn image.
# Usage: compare_plots_test.sh HERD_COMPARE
herd=$1
[ -x "$herd" ] || { echo "usage: $0 HERD" >&2; exit 2; }

tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM
cat > "$tmp/tiny.ini" <<'INI'
[run]
ticks = 20
[organisation]
n_teams = 2
team_size = 5
INI

# A gnuplot that has drawn one image when herd alone is told to stop, and would draw the
# other a moment later: herd stops it before it removes the images.
cat > "$tmp/stopped-gnuplot" <<'SH'
#!/bin/sh
touch compare_tiny.png.part
kill -TERM "$PPID"
sleep 1
touch compare_tiny.svg.part
SH
chmod +x "$tmp/stopped-gnuplot"
status=0
HERD_GNUPLOT="$tmp/stopped-gnuplot" "$herd" compare "$tmp/tiny.ini" --reps 2 --out "$tmp/stopped" \
    --no-progress > /dev/null 2>&1 || status=$?
if [ "$status" -ne 143 ]; then
    echo "FAIL: a compare stopped by SIGTERM while plotting exits $status, not 143"
    exit 1
fi
sleep 2
if ls -A "$tmp/stopped" | grep -q '\.part$'; then
    echo "FAIL: a compare stopped while plotting left its images half-drawn:"
    ls -A "$tmp/stopped"
    exit 1
fi

command -v "${HERD_GNUPLOT:-gnuplot}" > /dev/null 2>&1 || { echo "no gnuplot: skipped"; exit 77; }

"$herd" compare "$tmp/tiny.ini" --reps 3 --grid 2 --out "$tmp/out" > /dev/null || { echo "FAIL: exit $?"; exit 1; }
failures=0
for f in compare_tiny.png compare_tiny.svg regime.png regime.svg plots.gp; do
    [ -s "$tmp/out/$f" ] || { echo "FAIL: $f missing or empty"; failures=$((failures + 1)); }
done
for f in compare_tiny.png regime.png; do
    [ "$(head -c 4 "$tmp/out/$f" | od -An -c | tr -d ' ')" = "211PNG" ] ||
        { echo "FAIL: $f is not a PNG"; failures=$((failures + 1)); }
done
for f in compare_tiny.svg regime.svg; do
    grep -q '<svg' "$tmp/out/$f" || { echo "FAIL: $f is not SVG"; failures=$((failures + 1)); }
done
if ls -A "$tmp/out" | grep -q '\.part$'; then
    echo "FAIL: temporary images left"
    failures=$((failures + 1))
fi

# Two regime maps from the same runs: each map's images, none left half-named.
"$herd" compare "$tmp/tiny.ini" --reps 3 --grid 2 --regime-metric innovation,performance \
    --out "$tmp/two" > /dev/null || { echo "FAIL: two maps: exit $?"; exit 1; }
for f in regime.png regime.svg regime_performance_total.png regime_performance_total.svg; do
    [ -s "$tmp/two/$f" ] || { echo "FAIL: two maps: $f missing or empty"; failures=$((failures + 1)); }
done
if ls -A "$tmp/two" | grep -q '\.part$'; then
    echo "FAIL: two maps: temporary images left"
    failures=$((failures + 1))
fi
echo "$failures failed"
[ "$failures" -eq 0 ]

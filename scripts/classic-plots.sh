#!/bin/sh
# Draws the plots of docs/CLASSIC.md into docs/img/ with gnuplot, from herd-classic's CSV.
# Usage: scripts/classic-plots.sh [BUILD_DIR]   (default: build)
set -eu
build=${1:-build}
cli="$build/tools/herd-classic"
root=$(cd "$(dirname "$0")/.." && pwd)
img="$root/docs/img"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$img"

# March, Figure 1: equilibrium code score against p1 for p2 = 0.1, 0.5, 0.9 (200 runs a point).
for p2 in 0.1 0.5 0.9; do
    for p1 in 0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9; do
        "$cli" march --p1 "$p1" --p2 "$p2" --reps 200 --seed 1991 --out "$work/m.csv"
        awk -F, -v p1="$p1" '$2 == "summary" && $7 == "code_score" { print p1, $8, $9 }' \
            "$work/m.csv" >> "$work/march_$p2.dat"
    done
done
# Workiewicz's tabulation of Figure 1 (see docs/CLASSIC.md for the source).
cat > "$work/published.dat" <<'DAT'
0.1 0.863 0.954 0.972
0.2 0.817 0.909 0.940
0.3 0.805 0.869 0.908
0.4 0.802 0.837 0.874
0.5 0.799 0.811 0.840
0.6 0.803 0.787 0.807
0.7 0.806 0.768 0.780
0.8 0.809 0.754 0.756
0.9 0.813 0.742 0.728
DAT
gnuplot <<GP
set terminal pngcairo size 800,560
set output '$img/march_figure1.png'
set title 'March (1991) Figure 1: equilibrium code knowledge'
set xlabel 'socialisation rate p1'; set ylabel 'code score (right - wrong) / m'
set key bottom left
plot '$work/march_0.1.dat' u 1:2:(1.96*\$3) w yerrorlines lc 1 t 'herd p2=0.1', \
     '$work/march_0.5.dat' u 1:2:(1.96*\$3) w yerrorlines lc 2 t 'herd p2=0.5', \
     '$work/march_0.9.dat' u 1:2:(1.96*\$3) w yerrorlines lc 3 t 'herd p2=0.9', \
     '$work/published.dat' u 1:2 w p pt 6 lc 1 t 'published p2=0.1', \
     '' u 1:3 w p pt 6 lc 2 t 'published p2=0.5', \
     '' u 1:4 w p pt 6 lc 3 t 'published p2=0.9'
GP

# Lazer-Friedman: mean score by round, per network (50 replications).
for net in linear full random small-world; do
    "$cli" lazer --network "$net" --reps 50 --seed 2007 --out "$work/l.csv"
    awk -F, '$2 == "summary" && $7 == "mean_score" && $6 != "" { print $6, $8, $9 }' \
        "$work/l.csv" > "$work/lazer_$net.dat"
done
gnuplot <<GP
set terminal pngcairo size 800,560
set output '$img/lazer_networks.png'
set title 'Lazer and Friedman (2007): mean score by round, N=20 K=5, 100 agents'
set xlabel 'round'; set ylabel 'mean normalised score'
set key bottom right
plot for [n in 'linear full random small-world'] '$work/lazer_'.n.'.dat' u 1:2 w l lw 2 t n
GP

# Hong-Page: best vs random team over 20 replications.
"$cli" hongpage --reps 20 --seed 2004 --out "$work/h.csv"
awk -F, '$2 == "summary" && $7 ~ /team_performance/ { print NR, $7, $8, $9 }' "$work/h.csv" \
    > "$work/hp.dat"
gnuplot <<GP
set terminal pngcairo size 640,480
set output '$img/hongpage_teams.png'
set title 'Hong and Page (2004): relay teams of 10, l = 12'
set ylabel 'mean value reached'; set yrange [90:96]
set style fill solid 0.6; set boxwidth 0.5
plot '$work/hp.dat' u 0:3:xtic(2) w boxes notitle, '' u 0:3:(1.96*\$4) w yerrorbars notitle
GP
echo "wrote $img/march_figure1.png $img/lazer_networks.png $img/hongpage_teams.png"

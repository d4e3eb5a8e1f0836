#!/usr/bin/env bash
# Spark scale-out (issue 11): throughput of `aerolux-spark segment` on local[1] vs local[2] over 8 scenes, and the
# scaling ratio. Scenes: 8 windows of 512 x 512 px (0.3 m, UTM 33N) cut from samples/scene.tif with gdal_translate.
# Each task runs the model on one intra-op thread (--threads 1), so local[N] uses N cores. Throughput counts the
# scene tasks only (submission to the last outcome on the driver), not the Spark context start, which is printed
# apart. Rounds alternate between the masters; medians are compared. Results go to bench/RESULTS.md by hand.
#
#   bench/spark-bench.sh [ROUNDS] [MODEL] [EXTRA OPTIONS...]
#   default: 2 rounds, farseg-demo (tile 512 from its card: one model window per scene)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-2}"
model="${2:-farseg-demo}"
shift $(( $# > 2 ? 2 : $# )) || true
work=bench/target/spark-bench
rm -rf "$work"
mkdir -p "$work/scenes"
i=0
for off in "0 0" "512 0" "0 512" "512 512" "256 0" "0 256" "256 512" "512 256"; do
  i=$((i + 1))
  # shellcheck disable=SC2086
  gdal_translate -q -srcwin $off 512 512 -co TILED=YES -co COMPRESS=DEFLATE samples/scene.tif "$work/scenes/scene$i.tif"
done
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs"
declare -A secs mpx
for r in $(seq 1 "$rounds"); do
  for m in "local[1]" "local[2]"; do
    out="$work/out"
    rm -rf "$out"
    line="$(bin/aerolux-spark segment --model "$model" --input "$work/scenes" --output "$out" --device cpu --threads 1 \
      --master "$m" "$@" 2>"$work/stderr.txt" | tail -1)"
    # the scenes' own run times from their provenance: when they grow with N, the cores were not free
    taskrun="$(python3 -c 'import json,glob,sys; print("%.1f" % sum(json.load(open(f))["timings_s"]["run"] for f in glob.glob(sys.argv[1] + "/*_aerolux.json")))' "$out")"
    echo "round $r $m: $line; sum of the scenes' run times $taskrun s"
    s="$(sed -E 's/.* failed in ([0-9.]+) s after.*/\1/' <<<"$line")"
    p="$(sed -E 's/.* ([0-9.]+) Mpx\/s done.*/\1/' <<<"$line")"
    secs[$m]="${secs[$m]:-} $s"
    mpx[$m]="${mpx[$m]:-} $p"
  done
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
s1="$(median <<<"${secs[local[1]]}")"; s2="$(median <<<"${secs[local[2]]}")"
m1="$(median <<<"${mpx[local[1]]}")"; m2="$(median <<<"${mpx[local[2]]}")"
px="$(sed -E 's/.*, ([0-9]+) px\)/\1/' <<<"$line")"
echo "| master | task seconds (median) | Mpx/s (median) | scenes/s |"
echo "|---|---|---|---|"
awk -v s="$s1" -v m="$m1" 'BEGIN {printf "| local[1] | %.1f | %.4f | %.3f |\n", s, m, 8 / s}'
awk -v s="$s2" -v m="$m2" 'BEGIN {printf "| local[2] | %.1f | %.4f | %.3f |\n", s, m, 8 / s}'
awk -v a="$m1" -v b="$m2" 'BEGIN {printf "scaling ratio local[2] / local[1] = %.2f (ideal 2.00; efficiency %.0f%%)\n", b / a, 50 * b / a}'
awk -v s="$s1" -v p="$px" 'BEGIN {printf "per-pixel cost on one core (local[1]): %.3g s/px = %.2f s/Mpx over %d px\n", s / p, s / p * 1e6, p}'

#!/usr/bin/env bash
# Cost of resolution-aware inference (issue 16): wall time of `aerolux segment` with farseg-demo (0.3 m) on one
# project-owned scene (samples/scene.tif, 1024 x 1024 at 0.3 m) and on GDAL resamplings of it to 0.15 m (2048 x 2048)
# and 0.6 m (512 x 512), with --resample auto (the model runs on a 1024 x 1024 grid in every case) and off (the model
# runs on the input's pixels). Runs one after the other in this process tree, so the ratios are of one run.
# Results go to bench/RESULTS.md by hand.
#
#   bench/resample-bench.sh [THREADS] [OUTPUTS]      default: 2 threads, labels,confidence
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-2}"; outputs="${2:-labels,confidence}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cp samples/scene.tif "$work/native.tif"
gdal_translate -q -r average -tr 0.6 0.6 samples/scene.tif "$work/coarse.tif"
gdal_translate -q -r bilinear -tr 0.15 0.15 samples/scene.tif "$work/fine.tif"
bin/aerolux info "$work/native.tif" >/dev/null # builds the CLI when needed, outside the timings
printf '| input | pixels | --resample | model grid | tiles | wall s (process) | vs native | run s | read+resample s | model s | waiting on outputs s |\n|---|---|---|---|---|---|---|---|---|---|---|\n'
native=""
for run in "native auto" "fine auto" "fine off" "coarse auto" "coarse off"; do
  set -- $run
  out="$work/out-$1-$2"
  t0=$(date +%s.%N)
  bin/aerolux segment --model farseg-demo --input "$work/$1.tif" --output "$out" --device cpu --threads "$threads" \
    --outputs "$outputs" --resample "$2" --quiet
  t=$(echo "$(date +%s.%N) - $t0" | bc)
  [ -z "$native" ] && native=$t
  python3 - "$out/$1_aerolux.json" "$1" "$2" "$t" "$native" <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); r = p["resolution"]; t = float(sys.argv[4]); n = float(sys.argv[5])
grid = "x".join(map(str, r["model_grid"])) if r["model_grid"] else "%dx%d" % (p["input"]["width"], p["input"]["height"])
s = p["timings_s"]
print("| %s %.2f m | %dx%d | %s | %s | %d | %.1f | %.2f | %.1f | %.1f | %.1f | %.1f |" % (sys.argv[2], r["input_gsd_m"],
      p["input"]["width"], p["input"]["height"], sys.argv[3], grid, p["tiles"]["total"], t, t / n, s["run"], s["read_normalise"],
      s["model"], s["write"]))
PY
done

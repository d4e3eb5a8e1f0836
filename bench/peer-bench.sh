#!/usr/bin/env bash
# AeroLux against its peer (issue 6): `aerolux segment` vs the PyTorch reference sliding window of the FarSeg
# authors (bench/peer_farseg.py: windows 896, stride 512, softmax averaging) with the same weights on the same
# scene, on the CPU with the same number of threads, alternating in one run. Prints the wall-time ratio
# PyTorch / AeroLux of whole commands (process start to exit, both including their start-up) and of the
# inference alone (AeroLux: the file run in STEM_aerolux.json; PyTorch: after imports and loading), medians over
# the rounds, and how many pixels get the same label. Target: AeroLux at least 1.5x faster.
#
#   bench/peer-bench.sh [MODEL] [IMAGE] [THREADS] [ROUNDS]
#   default: farseg-demo, samples/scene.tif, all cores, 3 rounds
# The PyTorch side loads models/checkpoints/MODEL.pt (written by models/train_farseg.py); AeroLux runs
# models/MODEL.onnx from the registry (exported from that checkpoint).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
model="${1:-farseg-demo}"
image="${2:-samples/scene.tif}"
threads="${3:-$(nproc)}"
rounds="${4:-3}"
checkpoint="models/checkpoints/$model.pt"
[ -f "$checkpoint" ] || { echo "peer-bench: $checkpoint not found (see models/README.md)" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bin/aerolux --version >/dev/null # build once, outside the clock
stem="$(basename "${image%.*}")"
now() { date +%s.%N; }
: > "$work/rounds.txt"
for r in $(seq 1 "$rounds"); do
  t0=$(now)
  bin/aerolux segment --model "$model" --input "$image" --output "$work/aerolux" --device cpu --threads "$threads" \
    --outputs labels --overwrite --quiet
  t1=$(now)
  /usr/bin/python3 bench/peer_farseg.py --checkpoint "$checkpoint" --image "$image" --threads "$threads" \
    --labels-out "$work/peer_labels.npy" > "$work/peer.json"
  t2=$(now)
  echo "$r $t0 $t1 $t2" >> "$work/rounds.txt"
  cp "$work/aerolux/${stem}_aerolux.json" "$work/aerolux_$r.json"
  cp "$work/peer.json" "$work/peer_$r.json"
done
/usr/bin/python3 - "$work" "$rounds" "$stem" "$threads" "$model" "$image" <<'PY'
import json, statistics, sys
import numpy as np
from osgeo import gdal
work, rounds, stem, threads, model, image = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
rows = [line.split() for line in open(f"{work}/rounds.txt")]
wall_a, wall_p, inf_a, inf_p = [], [], [], []
for r, t0, t1, t2 in rows:
    a = json.load(open(f"{work}/aerolux_{r}.json")); p = json.load(open(f"{work}/peer_{r}.json"))
    wall_a.append(float(t1) - float(t0)); wall_p.append(float(t2) - float(t1))
    inf_a.append(a["timings_s"]["run"]); inf_p.append(p["seconds_inference"])
    print(f"round {r}: aerolux {wall_a[-1]:.2f} s (file run {inf_a[-1]:.2f} s), pytorch {wall_p[-1]:.2f} s "
          f"(inference {inf_p[-1]:.2f} s), wall ratio {wall_p[-1] / wall_a[-1]:.2f}, inference ratio {inf_p[-1] / inf_a[-1]:.2f}")
a, p = json.load(open(f"{work}/aerolux_{rows[-1][0]}.json")), json.load(open(f"{work}/peer_{rows[-1][0]}.json"))
la = gdal.Open(f"{work}/aerolux/{stem}_labels.tif").ReadAsArray()
lp = np.load(f"{work}/peer_labels.npy")
agree = float((la == lp).mean())
print(f"model {model}, image {image} {p['image']}, {threads} threads; aerolux: {a['tiles']['total']} tiles of "
      f"{a['parameters']['tile']} px, overlap {a['parameters']['overlap']}, blend {a['parameters']['blend']}, batch "
      f"{a['parameters']['batch']}, ONNX Runtime {a['versions']['onnxruntime']}; pytorch: {p['windows']} windows of "
      f"{p['window']} px, stride {p['stride']}, {p['framework']}")
print(f"same label on {agree:.4%} of pixels")
print(f"MEDIAN wall: aerolux {statistics.median(wall_a):.2f} s, pytorch {statistics.median(wall_p):.2f} s, "
      f"ratio {statistics.median(wall_p) / statistics.median(wall_a):.2f}x; inference: aerolux {statistics.median(inf_a):.2f} s, "
      f"pytorch {statistics.median(inf_p):.2f} s, ratio {statistics.median(inf_p) / statistics.median(inf_a):.2f}x "
      f"(target >= 1.5); load average {open('/proc/loadavg').read().split()[0:3]}")
PY

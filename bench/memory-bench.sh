#!/usr/bin/env bash
# Segmentation under a small heap (issue 22): an N x N x 3 mosaic of samples/scene.tif (made once with GDAL:
# a VRT of repeated tiles, written as a tiled Deflate GeoTIFF) segmented with farseg-demo and all outputs by
# bin/aerolux under JAVA_OPTS=-XmxHEAP, timed by /usr/bin/time -v (wall time, peak RSS, exit status).
# Results go to bench/RESULTS.md by hand.
#
#   bench/memory-bench.sh [N] [HEAP] [OUTPUTS]     default: 20000 1g labels,probabilities,confidence,vectors
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
n="${1:-20000}"; heap="${2:-1g}"; outputs="${3:-labels,probabilities,confidence,vectors}"
work="$root/bench/target/memory-bench"
mkdir -p "$work"
in="$work/mosaic$n.tif"
if [ ! -f "$in" ]; then
  vrt="$work/mosaic$n.vrt"
  tiles=$(( (n + 1023) / 1024 ))
  {
    echo "<VRTDataset rasterXSize=\"$n\" rasterYSize=\"$n\">"
    echo "  <SRS>EPSG:32633</SRS><GeoTransform>500000, 0.3, 0, 5000000, 0, -0.3</GeoTransform>"
    for b in 1 2 3; do
      echo "  <VRTRasterBand dataType=\"Byte\" band=\"$b\">"
      for ((ty = 0; ty < tiles; ty++)); do for ((tx = 0; tx < tiles; tx++)); do
        echo "    <SimpleSource><SourceFilename relativeToVRT=\"0\">$root/samples/scene.tif</SourceFilename><SourceBand>$b</SourceBand>"
        echo "      <SrcRect xOff=\"0\" yOff=\"0\" xSize=\"1024\" ySize=\"1024\"/><DstRect xOff=\"$((tx * 1024))\" yOff=\"$((ty * 1024))\" xSize=\"1024\" ySize=\"1024\"/></SimpleSource>"
      done; done
      echo "  </VRTRasterBand>"
    done
    echo "</VRTDataset>"
  } > "$vrt"
  gdal_translate -q -of GTiff -co TILED=YES -co COMPRESS=DEFLATE -co BIGTIFF=IF_SAFER "$vrt" "$in.part"
  mv "$in.part" "$in"
fi
out="$work/out$n-$heap"
rm -rf "$out"
bin/aerolux --version >/dev/null # builds the CLI when needed, outside the measurement
set +e
/usr/bin/time -v -o "$work/time$n-$heap.txt" env JAVA_OPTS="-Xmx$heap" bin/aerolux segment --input "$in" --output "$out" \
  --model farseg-demo --outputs "$outputs" --device cpu
code=$?
set -e
echo "exit status $code"
grep -E "Elapsed|Maximum resident|Exit status" "$work/time$n-$heap.txt"
ls -la "$out" 2>/dev/null || true

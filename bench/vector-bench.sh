#!/usr/bin/env bash
# Streaming vectorization in bounded memory: generates N x N label images row band by row band (never held whole;
# 16x16 cells each holding a ring object with a hole, plus one U-shaped object along three edges that stays open
# until the last row), writes them as GeoJSON through ObjectVectorizer in a child JVM with a small heap, and reports
# wall time, peak RSS (/usr/bin/time, Debian package `time`), peak open objects and GDAL's feature count.
# Usage: bench/vector-bench.sh [SIZES] [HEAP]    e.g. bench/vector-bench.sh 4000,10000,20000 64m
# The 20000 case writes a 690 MB GeoJSON under bench/target/vector-bench (deleted after counting).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
sizes="${1:-4000,10000,20000}"
heap="${2:-64m}"
mvn -B -q -ntp -pl segmentation -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
cp="segmentation/target/test-classes:segmentation/target/classes:$(cat segmentation/target/cp.txt)"
work="$root/bench/target/vector-bench"
mkdir -p "$work"
echo "| image | objects | wall s | Mpx/s | peak RSS MB (-Xmx$heap) | peak open objects | GeoJSON MB | ogrinfo feature count |"
echo "|---|---|---|---|---|---|---|---|"
for n in ${sizes//,/ }; do
  out="$work/objects_$n.geojson"
  log="$work/time_$n.txt"
  line=$(/usr/bin/time -o "$log" -f "%e %M" java -Xmx"$heap" -XX:+UseSerialGC -cp "$cp" \
    org.aerolux.segmentation.vector.CheckerVectorizeMain "$n" 256 "$out" 2>/dev/null | grep '^objects=')
  read -r wall rss < "$log"
  objects=$(sed 's/.*objects=\([0-9]*\).*/\1/' <<< "$line")
  peak=$(sed 's/.*peakOpen=\([0-9]*\).*/\1/' <<< "$line")
  mb=$(( $(stat -c %s "$out") / 1000000 ))
  count=$(ogrinfo -ro -al -so "$out" | sed -n 's/Feature Count: //p')
  rm -f "$out"
  awk -v n="$n" -v o="$objects" -v w="$wall" -v r="$rss" -v p="$peak" -v m="$mb" -v c="$count" \
    'BEGIN { printf "| %d x %d | %d | %.1f | %.1f | %d | %d | %d | %d |\n", n, n, o, w, n*n/w/1e6, r/1024, p, m, c }'
done

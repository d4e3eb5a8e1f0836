#!/usr/bin/env bash
# Benchmark of `aerolux enhance` (cue-demo): N x N x 3 float32 GeoTIFFs of a darkened photo mosaic (N = 1024, 2048,
# 4096 by default: 1, 4 and 16.8 MP), each enhanced whole-image and tiled (card grid 1024/256, cosine) in a child JVM
# with 2 ONNX Runtime threads; reports wall and model time, peak RSS (/usr/bin/time, Debian package `time`) and the
# tiled-vs-whole difference (max and mean abs over all pixels and bands). Long: about 1.5 hours on 2 loaded cores.
# Usage: bench/enhance-bench.sh [SIZES] [MODES]    e.g. bench/enhance-bench.sh 1024 whole,tiled
# Output lines start with RUN or DIFF; the log goes to bench/target/enhance-bench/bench.log as well.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
sizes="${1:-1024,2048,4096}"
modes="${2:-whole,tiled}"
mvn -B -q -ntp -o -pl bench -am package -DskipTests
cli_jar="$(ls cli/target/aerolux-cli-*.jar | grep -v -- -tests | head -1)"
mkdir -p bench/target/enhance-bench
java -Xmx2g -Djava.awt.headless=true -Dai.djl.offline=true \
  -cp "bench/target/classes:$cli_jar:cli/target/lib/slf4j-api-2.0.16.jar:cli/target/lib/*" org.aerolux.bench.EnhanceBench \
  --sizes "$sizes" --modes "$modes" --work "$root/bench/target/enhance-bench" --aerolux "$root/bin/aerolux" \
  --photos "$root/../shared/data/natural" --threads 2 --xmx-whole 4g --xmx-tiled 2g | tee -a bench/target/enhance-bench/bench.log

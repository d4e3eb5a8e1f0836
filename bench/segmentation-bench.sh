#!/usr/bin/env bash
# Segmentation efficiency (issue 6): tiles/s of a whole `aerolux segment` file run (GeoTIFF in, probabilities blended,
# labels + confidence GeoTIFFs and provenance out) divided by bare ONNX Runtime session.run tiles/s on the same
# tiles, same model and threads, in one process (target >= 0.90). Results go to bench/RESULTS.md by hand.
#
#   bench/segmentation-bench.sh [MODEL] [INPUT.tif] [THREADS] [ROUNDS] [BATCH] [OUTPUTS]
#   default: farseg-demo on samples/scene.tif, all cores, 5 rounds, batch 4, labels,confidence
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -o -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
java -Xmx2g -Dai.djl.offline=true -Djava.awt.headless=true -cp "$cp" org.aerolux.bench.SegmentationBench \
  "${1:-farseg-demo}" "${2:-samples/scene.tif}" "${3:-$(nproc)}" "${4:-5}" "${5:-4}" "${6:-labels,confidence}"

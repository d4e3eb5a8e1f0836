#!/usr/bin/env bash
# Benchmark of `aerolux copy` in bounded memory: generates N x N x 3 uint8 GeoTIFFs by streaming (N = 5000, 10000,
# 20000 by default), copies each with bin/aerolux under -Xmx512m in a child JVM, and reports wall time, peak RSS
# (/usr/bin/time, Debian package `time`) and pixel checksum equality. Appends the table to bench/RESULTS.md.
# Usage: bench/copy-bench.sh [SIZES]    e.g. bench/copy-bench.sh 2000,4000
# Needs ~3 GB free disk under bench/target for the 20000 case (files are deleted after each size).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
sizes="${1:-5000,10000,20000}"
mvn -B -q -ntp -pl bench -am package -DskipTests
cli_jar="$(ls cli/target/aerolux-cli-*.jar | grep -v -- -tests | head -1)"
java -Xmx1g -Djava.awt.headless=true -Dai.djl.offline=true \
  -cp "bench/target/classes:$cli_jar:cli/target/lib/*" org.aerolux.bench.CopyBench \
  --sizes "$sizes" --work "$root/bench/target/copy-bench" --aerolux "$root/bin/aerolux" --xmx 512m \
  --record "$root/bench/RESULTS.md" --command "bench/copy-bench.sh $sizes"

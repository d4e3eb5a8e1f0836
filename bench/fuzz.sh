#!/usr/bin/env bash
# Coverage-guided fuzzing of one AeroLux fuzz target with Jazzer's own driver (libFuzzer under the hood).
# Usage: bench/fuzz.sh TARGET SECONDS     TARGET: tiff | onnx | sidecar (or all, SECONDS each)
# Starts from the committed seeds (core/src/test/resources/org/aerolux/core/fuzz/*Inputs/*) plus the corpus of
# earlier runs (core/target/fuzz-corpus/TARGET, kept between runs); findings (crash-*, timeout-*) go to
# core/target/fuzz-findings/TARGET. The same targets run as JUnit @FuzzTest in regression mode in every build;
# JAZZER_FUZZ=1 mvn -pl core test -Dtest=TiffReaderFuzzTest also fuzzes (for the annotation's default 5 minutes).
# --keep_going=0: a finding does not stop the run (every finding of the time box is kept). A "slow unit" is an input
# that took over 10 s; the first input of a run pays GeoTools' one-time EPSG database start (about 15 s), so one
# slow unit per run is expected and not a finding.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${1:?usage: bench/fuzz.sh tiff|onnx|sidecar|all SECONDS}"
seconds="${2:?usage: bench/fuzz.sh tiff|onnx|sidecar|all SECONDS}"
if [ "$target" = all ]; then
  for t in tiff onnx sidecar; do "$0" "$t" "$seconds"; done
  exit 0
fi
case "$target" in
  tiff) class=TiffReaderFuzzTest; method=tiff; includes='org.aerolux.**:it.geosolutions.imageioimpl.plugins.tiff.**' ;;
  onnx) class=ModelCardFuzzTest; method=onnx; includes='org.aerolux.**' ;;
  sidecar) class=SidecarFuzzTest; method=sidecar; includes='org.aerolux.**:com.google.gson.**' ;;
  *) echo "unknown target $target (tiff, onnx, sidecar)" >&2; exit 2 ;;
esac
cd "$root"
mvn -B -o -q -pl core -am test-compile >&2
cp="$root/core/target/fuzz-classpath.txt"
mvn -B -o -q -pl core dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp" >&2
seeds="$root/core/src/test/resources/org/aerolux/core/fuzz/${class}Inputs/$method"
corpus="$root/core/target/fuzz-corpus/$target"; findings="$root/core/target/fuzz-findings/$target"
mkdir -p "$corpus" "$findings"
stamp="$findings/.run-start"; touch "$stamp"  # findings of this run are the files newer than this
log="$root/core/target/fuzz-$target.log"
echo "fuzzing $target ($class) for $seconds s; log $log" >&2
set +e
java -Xmx2g -cp "$root/core/target/test-classes:$root/core/target/classes:$(cat "$cp")" com.code_intelligence.jazzer.Jazzer \
  --target_class="org.aerolux.core.fuzz.$class" --instrumentation_includes="$includes" --keep_going=0 \
  -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 -artifact_prefix="$findings/" -print_final_stats=1 \
  "$corpus" "$seeds" > "$log" 2>&1
rc=$?
set -e
runs="$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')"
done_line="$(grep -E '^Done [0-9]+ runs' "$log" | tail -1 || true)"
cov="$(grep -oE 'cov: [0-9]+' "$log" | tail -1 || true)"
echo "$target: exit $rc; ${done_line:-last #$runs}; $cov; corpus $(ls "$corpus" | wc -l) inputs; findings this run (crash/timeout/oom): $(find "$findings" -newer "$stamp" -name 'crash-*' -o -newer "$stamp" -name 'timeout-*' -o -newer "$stamp" -name 'oom-*' | wc -l); slow units: $(find "$findings" -newer "$stamp" -name 'slow-unit-*' | wc -l)"
[ "$rc" -eq 0 ] || { grep -E '== Java Exception|FuzzerSecurityIssue|Exception|Error' "$log" | head -5; exit "$rc"; }

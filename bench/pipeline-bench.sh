#!/usr/bin/env bash
# Benchmarks of the tiled inference engine (issue 3); results go to bench/RESULTS.md by hand, with the command.
#
#   bench/pipeline-bench.sh efficiency [MODEL.onnx] [WIDTH HEIGHT TILE OVERLAP BATCH THREADS BLEND ROUNDS]
#       end-to-end TiledPipeline tiles/s divided by bare ONNX Runtime session.run tiles/s on the same tiles,
#       same model, same threads (target >= 0.90). Default model: a compute-heavy conv net made by
#       bench/make_bench_model.py; pass models/test/conv3x3.onnx for the tiny fixture.
#   bench/pipeline-bench.sh memory [MODEL.onnx] [WIDTH HEIGHT TILE OVERLAP BATCH THREADS]
#       a generated 20000 x 20000 x 3 raster through the model under -Xmx1g; prints the peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-efficiency}
shift || true
mvn -B -o -q -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath.txt
cp="bench/target/classes:$(cat bench/target/classpath.txt)"
threads_default=$(nproc)
case "$mode" in
  efficiency)
    model=${1:-bench/target/models/convnet.onnx}
    if [ "$model" = bench/target/models/convnet.onnx ] && [ ! -f "$model" ]; then
      /usr/bin/python3 bench/make_bench_model.py "$model"
    fi
    shift || true
    set -- "${@:-}"
    java -Xmx2g -Dai.djl.offline=true -cp "$cp" org.aerolux.bench.PipelineBench "$model" \
      "${1:-1024}" "${2:-1024}" "${3:-256}" "${4:-32}" "${5:-4}" "${6:-$threads_default}" "${7:-cosine}" "${8:-5}"
    ;;
  memory)
    model=${1:-models/test/conv3x3.onnx}
    shift || true
    set -- "${@:-}"
    java -Xmx1g -Dai.djl.offline=true -cp "$cp" org.aerolux.bench.MemoryBench "$model" \
      "${1:-20000}" "${2:-20000}" "${3:-256}" "${4:-16}" "${5:-4}" "${6:-$threads_default}"
    ;;
  *) echo "usage: $0 efficiency|memory [MODEL] [args...]" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# GPU check (issue 10): on a generated SIZE x SIZE x 3 scene (default 8192), `aerolux segment`'s file run on CUDA vs
# bare ONNX Runtime CUDA session.run on pre-made tiles: tiles/s of both and their ratio (target >= 0.80), the speed-up
# over a CPU session.run, and the parity of GPU vs CPU probabilities (max abs diff <= 1e-3). One JVM, one warm-up run.
# Made to fit in 10 minutes on one GPU (the whole run: preflight, build or carried bundle, scene, 1 + ROUNDS file runs).
#
#   bench/gpu-check.sh [SIZE] [DEVICE] [BATCH] [MODEL]          default: 8192 gpu auto farseg-demo
#   env: AEROLUX_GPU_CLASSPATH=FILE  a classpath file of a GPU bundle built elsewhere (else built here with -Pgpu)
#        GPU_MEM_LIMIT=0 CUDNN_SEARCH=exhaustive ROUNDS=2 CPU_TILES=8 WORK=DIR   (passed to GpuCheck)
# Exit: 0 all targets met; 1 a target missed; 3 the GPU bundle cannot be built; 5 no usable CUDA (the reason is printed).
set -uo pipefail
cd "$(dirname "$0")/.."
SIZE=${1:-8192}; DEVICE=${2:-gpu}; BATCH=${3:-auto}; MODEL=${4:-farseg-demo}
WORK=${WORK:-${TMPDIR:-/tmp}}

echo "== preflight"
if ! command -v java >/dev/null; then echo "NO JAVA: a Java 17 runtime is needed"; exit 3; fi
java -version 2>&1 | head -1 | sed 's/^/  /'
if command -v nvidia-smi >/dev/null; then
  nvidia-smi --query-gpu=index,name,driver_version,memory.total,memory.free --format=csv,noheader | sed 's/^/  GPU /'
else
  echo "  nvidia-smi not found: no NVIDIA driver here, so CUDA cannot load (the check will say so and exit 5)"
fi
# onnxruntime_gpu 1.29.0's CUDA provider links CUDA 12 (readelf -d: libcudart.so.12, libcublas.so.12, libcublasLt.so.12,
# libcurand.so.10) and loads cuDNN 9 (libcudnn.so.9); CUDA 13 libraries do not satisfy it
IFS=: read -ra libdirs <<< "${LD_LIBRARY_PATH:-}"
for lib in libcudart.so.12 libcublas.so.12 libcublasLt.so.12 libcurand.so.10 libcudnn.so.9; do
  found=""
  ldconfig -p 2>/dev/null | grep -q "$lib" && found=1
  for d in "${libdirs[@]}"; do [ -e "$d/$lib" ] && found=1; done
  if [ -n "$found" ]; then echo "  found $lib"; else echo "  missing $lib (ONNX Runtime's CUDA provider will not load without it)"; fi
done

echo "== GPU bundle"
if [ -n "${AEROLUX_GPU_CLASSPATH:-}" ]; then
  cpfile=$AEROLUX_GPU_CLASSPATH
else
  cpfile=bench/target/classpath-gpu.txt
  if ! mvn -B -o -q -Dstyle.color=never -Pgpu -pl bench -am package dependency:build-classpath -DskipTests -Dmdep.outputFile=target/classpath-gpu.txt; then
    echo "NO GPU BUNDLE: 'mvn -Pgpu' could not build offline; com.microsoft.onnxruntime:onnxruntime_gpu:1.29.0 (642 MB) must be in"
    echo "  ~/.m2 (mvn dependency:get -Dartifact=com.microsoft.onnxruntime:onnxruntime_gpu:1.29.0 where Maven Central is reachable)"
    exit 3
  fi
fi
if ! grep -q "onnxruntime_gpu" "$cpfile"; then echo "NOT THE GPU BUNDLE: $cpfile has no onnxruntime_gpu jar"; exit 3; fi
# SLF4J 2 ahead of the old SLF4J API bundled in geotools-wrapper (as bin/aerolux does), so the back-off log shows
slf4j=$(tr ':' '\n' < "$cpfile" | grep '/slf4j-' | paste -sd: -)
cp="bench/target/classes:$slf4j:$(cat "$cpfile")"
# ONNX Runtime logs a failed CUDA provider load to stderr itself (the check prints the reason in one line)
quiet_ort() { grep -v -E '\[E:onnxruntime|^.\[m$' >&2; }
echo "  $(tr ':' '\n' < "$cpfile" | grep onnxruntime_gpu)"

echo "== aerolux info --system"
java -Dai.djl.offline=true -cp "$cp" org.aerolux.cli.AeroLuxCli info --system 2> >(quiet_ort) | sed 's/^/  /'

echo "== check"
timeout 540 java -Xmx24g -Dai.djl.offline=true -Djava.awt.headless=true -cp "$cp" org.aerolux.bench.GpuCheck \
  model="$MODEL" size="$SIZE" device="$DEVICE" batch="$BATCH" work="$WORK" gpu_mem_limit="${GPU_MEM_LIMIT:-0}" \
  cudnn_search="${CUDNN_SEARCH:-exhaustive}" rounds="${ROUNDS:-2}" cpu_tiles="${CPU_TILES:-8}" 2> >(quiet_ort)
rc=$?
[ $rc = 124 ] && echo "TIMEOUT: the check ran past 540 s"
exit $rc

#!/usr/bin/env bash
# The GPU check of issue 6, run in ONE device-tool call on the H200 machine after bench/gpu/pack.sh (here) and
# bench/gpu/receive.sh (there, one call per part; see pack.sh for the exact calls). Builds nothing: it unpacks the
# published Hub.Bench and .NET runtime, points the loader at the CUDA 13 / cuDNN 9 libraries of the machine's pip
# packages, and runs the inference bench with --require-cuda:
#   - CHECK lines: the hub runs MiniLM on CUDAExecutionProvider (exit 2 if not, with ONNX Runtime's reason in the log);
#     the reference cosine 0.755 +- 0.005 through REST, and REST vectors equal to raw in-process ONNX Runtime on CUDA
#     (exit 3 if not). These are the CUDA-relevant assertions of tests/Hub.Inference.Tests (EmbeddingTests, BatchingTests):
#     the machine has no .NET SDK to run xunit.
#   - RESULT lines: REST at concurrency 64 vs raw at its best batch size (goal >= 0.9), dynamic batching vs batching
#     off (goal on GPU >= 3), added latency at concurrency 1 (goal <= 1 ms).
# Output: $OUT/gpu-check.txt (everything), $OUT/inference-bench-cuda.txt (the bench), $OUT/nvidia-smi.txt.
set -uo pipefail
cd "$(dirname "$0")/.."
out="${OUT:-/tmp/hub-gpu-out}"
mkdir -p "$out" /tmp/hub-gpu
exec > >(tee "$out/gpu-check.txt") 2>&1
for part in .gpu/p*/part-*; do [ -f "$part" ] && cp "$part" /tmp/hub-gpu/; done
cp .gpu/p*/SHA256SUMS /tmp/hub-gpu/ 2>/dev/null || true
cd /tmp/hub-gpu
if ! sha256sum -c --quiet SHA256SUMS; then
  echo "Parts are missing or damaged (have: $(ls part-* 2>/dev/null | tr '\n' ' ')): send each .gpu/pN with bench/gpu/receive.sh first."
  exit 4
fi
if [ ! -x app/dotnet/dotnet ]; then
  mkdir -p app
  cat part-* | zstd -d -q | tar -x -C app || { echo "Unpacking failed."; exit 4; }
fi
nvidia-smi >"$out/nvidia-smi.txt" 2>&1 || echo "nvidia-smi failed"
# CUDA 13 runtime, cuBLAS, cuDNN 9, cuFFT, cuRAND from the pip packages (nvidia/*/lib), and the driver's libcuda.
libs="$(find /opt /usr /root /home -type d -name lib -path '*/site-packages/nvidia/*' 2>/dev/null | sort -u | tr '\n' ':')"
for d in /usr/local/nvidia/lib64 /usr/local/cuda/lib64 /usr/lib/x86_64-linux-gnu; do [ -d "$d" ] && libs="$libs$d:"; done
export LD_LIBRARY_PATH="${libs}${LD_LIBRARY_PATH:-}"
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"
ls -1 $(echo "$libs" | tr ':' ' ') 2>/dev/null | grep -E '^lib(cudart|cublasLt|cublas|cudnn|cufft|curand)\.so\.[0-9]+$' | sort -u | tr '\n' ' '; echo
export DOTNET_ROOT=/tmp/hub-gpu/app/dotnet DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
cd app/bench
set -o pipefail
timeout 480 "$DOTNET_ROOT/dotnet" Hub.Bench.dll inference "${SENTENCES:-1024}" --rounds "${ROUNDS:-3}" --require-cuda 2>&1 | tee "$out/inference-bench-cuda.txt"
status=$?
echo "gpu-check exit $status"
exit $status

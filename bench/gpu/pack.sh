#!/usr/bin/env bash
# Prepares the GPU check (bench/gpu-check.sh) HERE, on a machine with the .NET SDK, for the device tool's H200 machine,
# which has CUDA 13 libraries (pip packages nvidia-cublas, nvidia-cudnn-cu13, ...) but no .NET and no network.
#
# What it makes: Hub.Bench published for linux-x64 (with Microsoft.ML.OnnxRuntime.Gpu.Linux's CUDA provider, about
# 280 MB, and MiniLM) plus this machine's .NET runtime, as one tar.zst split into parts of at most 56 MiB under .gpu/
# (git-ignored through info/exclude): .gpu/p0/, .gpu/p1/, ... Each device call may carry 64 MiB, so the parts travel
# one call each; bench/gpu/receive.sh stores them in /tmp/hub-gpu on the device machine, which keeps them while it
# stays warm (30 s after each call: make the calls back to back). The last call runs bench/gpu-check.sh.
#
# Usage: bench/gpu/pack.sh      then, with the device tool (each line one `run`, right after the other):
#   run(carry=[".gpu/p0"], command="bench/gpu/receive.sh", timeout_s=120)
#   ... the same for .gpu/p1 ... .gpu/pN-1 (pack.sh prints the list)
#   run(carry=[".gpu/pN"], command="bench/gpu-check.sh", timeout_s=540)
# then give_back. Results come back as files from $OUT (gpu-check.txt, inference-bench-cuda.txt, nvidia-smi.txt).
set -euo pipefail
cd "$(git rev-parse --show-toplevel)"
exclude="$(git rev-parse --git-common-dir)/info/exclude"
grep -qxF '/.gpu/' "$exclude" 2>/dev/null || echo '/.gpu/' >>"$exclude"
rm -rf .gpu
mkdir -p .gpu/stage
dotnet publish bench/Hub.Bench -c Release -r linux-x64 --self-contained false -p:DebugType=none -o .gpu/stage/bench --nologo -v q
# The runtime the bench runs on there: this machine's dotnet host and shared frameworks.
dotnet_root="$(dirname "$(readlink -f "$(command -v dotnet)")")"
mkdir -p .gpu/stage/dotnet/shared
cp -a "$dotnet_root/dotnet" "$dotnet_root/host" .gpu/stage/dotnet/
for fw in Microsoft.NETCore.App Microsoft.AspNetCore.App; do
  version="$(ls "$dotnet_root/shared/$fw" | sort -V | tail -1)"
  mkdir -p ".gpu/stage/dotnet/shared/$fw"
  cp -a "$dotnet_root/shared/$fw/$version" ".gpu/stage/dotnet/shared/$fw/"
done
tar -C .gpu/stage -cf - bench dotnet | zstd -T0 -12 -q -o .gpu/hub-gpu.tar.zst
rm -rf .gpu/stage
split -b 56m -d -a 2 .gpu/hub-gpu.tar.zst .gpu/part-
rm .gpu/hub-gpu.tar.zst
(cd .gpu && sha256sum part-* >SHA256SUMS)
parts=(.gpu/part-*)
for i in "${!parts[@]}"; do
  mkdir -p ".gpu/p$i"
  mv "${parts[$i]}" ".gpu/p$i/"
  cp .gpu/SHA256SUMS ".gpu/p$i/"
done
last=$((${#parts[@]} - 1))
echo "Packed ${#parts[@]} parts ($(du -sh .gpu | cut -f1)). Device calls, back to back:"
for i in $(seq 0 $((last - 1))); do echo "  run(carry=[\".gpu/p$i\"], command=\"bench/gpu/receive.sh\", timeout_s=120)"; done
echo "  run(carry=[\".gpu/p$last\"], command=\"bench/gpu-check.sh\", timeout_s=540)"

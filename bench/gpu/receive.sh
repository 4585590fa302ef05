#!/usr/bin/env bash
# On the device machine: keeps the parts of .gpu/ carried in this call in /tmp/hub-gpu (see bench/gpu/pack.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
mkdir -p /tmp/hub-gpu
for part in .gpu/p*/part-*; do [ -f "$part" ] && cp "$part" /tmp/hub-gpu/; done
cp .gpu/p*/SHA256SUMS /tmp/hub-gpu/ 2>/dev/null || true
echo "received: $(ls /tmp/hub-gpu | tr '\n' ' ')"

#!/usr/bin/env bash
# The upload figure (#3) with the store and the hub on separate cores, as in any deployment where S3 runs on other
# machines: PostgreSQL and Ceph (mon, OSD, RGW) are kept to CPU 0 and the bench (client + hub) to CPU 1, then the
# services get all cores back. On the 2-core test VM the shared-core run can only show the ceiling that sharing sets
# (the store alone keeps both cores busy during a direct PUT); this run shows whether the hub's own work keeps up.
# Needs the test services (deploy/test/services.sh up) and a Release build of bench/Hub.Bench.
set -euo pipefail
cd "$(dirname "$0")/.."
[ "$(nproc --all)" -ge 2 ] || { echo "upload-pinned: needs at least 2 cores" >&2; exit 2; }
set -a; . .test-services/env; set +a
pids=$(pgrep -f 'radosgw|ceph-osd|ceph-mon|postgres' || true)
[ -n "$pids" ] || { echo "upload-pinned: the test services are not running (deploy/test/services.sh up)" >&2; exit 2; }
all=$(printf '%x' $(( (1 << $(nproc --all)) - 1 )))
restore() { for p in $pids; do taskset -a -p "0x$all" "$p" >/dev/null 2>&1 || true; done; }
trap restore EXIT
for p in $pids; do taskset -a -p 0x1 "$p" >/dev/null; done
taskset 0x2 dotnet run -c Release --no-build --project bench/Hub.Bench -- api --upload-only --no-presigned "$@"

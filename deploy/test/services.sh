#!/usr/bin/env bash
# Starts (up) or stops (down) a throwaway PostgreSQL and a single-node Ceph RGW on loopback for the tests.
# `up` writes the settings the tests read to $STATE/env (source it to run `dotnet test` by hand).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
STATE=${HUB_TEST_STATE:-$(cd "$HERE/../.." && pwd)/.test-services}
export PGPORT=${PGPORT:-54329} RGWPORT=${RGWPORT:-47480} MONPORT=${MONPORT:-43300}

down() {
  if [ -f "$STATE/pg/data/postmaster.pid" ]; then
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$STATE/pg/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  for p in radosgw ceph-osd ceph-mon; do
    for f in "$STATE"/rgw/run/*.pid; do
      [ -f "$f" ] || continue
      pid=$(cat "$f"); if ps -p "$pid" -o comm= 2>/dev/null | grep -q "$p"; then kill "$pid" 2>/dev/null || true; fi
    done
  done
  sleep 1
  pkill -f "$STATE/rgw/ceph.conf" 2>/dev/null || true
  rm -rf "$STATE"
}

up() {
  down
  mkdir -p "$STATE"
  chmod 755 "$STATE"
  "$HERE/pg-up.sh" "$STATE/pg" >/dev/null
  "$HERE/ceph-rgw-up.sh" "$STATE/rgw" >/dev/null
  cat > "$STATE/env" <<ENV
export HUB_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=hub"
export HUB_TEST_S3_URL="http://127.0.0.1:$RGWPORT"
export HUB_TEST_S3_ACCESS_KEY=TESTACCESS
export HUB_TEST_S3_SECRET_KEY=TESTSECRET
ENV
  echo "services: PostgreSQL on 127.0.0.1:$PGPORT, Ceph RGW on http://127.0.0.1:$RGWPORT; settings in $STATE/env"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# The test command: on a fresh Debian machine (as root) installs what is missing, starts a throwaway PostgreSQL and
# Ceph RGW on loopback, runs every test in Hub.sln against them, and stops what it started.
set -euo pipefail
cd "$(dirname "$0")"
deploy/test/install-deps.sh
# The compose file is validated offline (there is no Docker engine here).
docker-compose -f docker-compose.yml config -q
(cd tests/js && npm ci --no-audit --no-fund --loglevel=error)
trap 'deploy/test/services.sh down >/dev/null 2>&1 || true' EXIT
deploy/test/services.sh up
# shellcheck disable=SC1091
source .test-services/env
dotnet build Hub.sln -c Release -warnaserror
results=$(mktemp -d)
status=0
dotnet test Hub.sln -c Release --no-build --logger "trx" --results-directory "$results" "$@" || status=$?
# One closing line that CI reads: N passed, N failed.
python3 - "$results" <<'PY' || true
import sys, glob, xml.etree.ElementTree as ET
p = f = s = 0
for t in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(t).getroot().find(".//{*}Counters")
    if c is not None:
        p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)); s += int(c.get("notExecuted", 0))
print(f"{p} passed, {f} failed" + (f", {s} skipped" if s else ""))
PY
exit $status

#!/usr/bin/env bash
# Events per second of `import --api-host` through the sandbox's ClearML API stand-in against a direct `import`
# of the same archive into the same target's stores, in the same run (issue #15). The stand-in is no apiserver:
# the ratio says what the client's side costs (ordering, batching, read-back, status calls) over the stores the
# stand-in writes to, not what app.clear.ml will do.
#
#   bench/import-api.sh [SEED]      the sandbox's seed size: small, medium (default: 100 tasks x 200 events), large
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=${1:-medium}
. bench/lib.sh
bench_init

bench_build

bench_sandbox --seed "$SEED" --api

java -Xmx2g -cp "$CP" clearml.migrate.bench.ExportBenchmark run "$WORK/ready.json" "$WORK/out" >/dev/null
ARCHIVE=$(ls "$WORK"/out/*.zip | head -n 1)
field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["target"][sys.argv[2]])' "$WORK/ready.json" "$1"; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["target"]
json.dump({"api_server": d["api"], "access_key": d["api_credentials"]["access_key"],
           "secret_key": d["api_credentials"]["secret_key"]}, open(sys.argv[2], "w"))' "$WORK/ready.json" "$WORK/api.json"
MONGO=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["target"]["mongo"])' "$WORK/ready.json")
ELASTIC=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["target"]["elastic"]; print(d[0] if isinstance(d, list) else d)' "$WORK/ready.json")
COMPANY=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["target"]["companies"]; print(d[0] if isinstance(d, list) else d)' "$WORK/ready.json")

# Exit 1 from an import through the API lists fields the API did not keep; any other exit stops the benchmark.
seconds() { local start end rc=0; start=$(date +%s.%N); "$@" >"$WORK/last.out" 2>"$WORK/last.err" || rc=$?
  end=$(date +%s.%N)
  if [ "$rc" -gt 1 ]; then cat "$WORK/last.err" >&2; exit "$rc"; fi
  python3 -c "print(round($end - $start, 2))"; }
api=$(seconds bin/clearml-migrate import "$ARCHIVE" --api-credentials-file "$WORK/api.json" --no-progress --json)
events=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["eventsSent"])' "$WORK/last.out")
direct=$(seconds bin/clearml-migrate import "$ARCHIVE" --mongo-host "$MONGO" --elastic-host "$ELASTIC" \
    --company "$COMPANY" --no-progress --undo-log "$WORK/direct.undo.jsonl.gz")
python3 - "$events" "$api" "$direct" <<'PY'
import sys
events, api, direct = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
print(f"events {events}: import --api-host {api} s ({events / api:.0f} events/s), "
      f"direct import {direct} s ({events / direct:.0f} events/s), API/direct time {api / direct:.1f}x")
PY

#!/usr/bin/env bash
# Times `copy` against `export` + `import` of the same selection, in one run, on the sandbox's two servers:
#   1. copy, ids kept: events engine to engine (moving.EventMover; --events-via auto, which streams here unless the
#      target node allow-lists the source);
#   2. export + import --new-ids (so it meets none of run 1's ids), the two timed apart and summed;
#   3. copy --new-ids into the public company "": events stream from the source through the import (EventPipe).
# Each run starts from a target that holds none of its ids, so none is a rerun. Every run verifies at the end
# except the export + import, which `verify` would add to; `--no-verify` is given to the copies to compare like
# with like. Figures: seconds and the ratio of each copy to export + import.
#
#   bench/copy.sh [PROJECTS TASKS_PER_PROJECT EVENTS_PER_TASK]
#   e.g. bench/copy.sh 10 10 10000        # 100 tasks x 10 000 events = 1M events
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-10} TASKS=${2:-10} EVENTS=${3:-1000}
. bench/lib.sh
bench_init

bench_build

bench_sandbox
java -Xmx2g -cp "$CP" clearml.migrate.bench.ExportBenchmark seed "$WORK/ready.json" "$PROJECTS" "$TASKS" "$EVENTS" 0

field() { python3 -c "import json,sys; print(json.load(open('$WORK/ready.json'))['$1']['$2'])"; }
S_MONGO=$(field source mongo) S_ELASTIC=$(field source elastic)
T_MONGO=$(field target mongo) T_ELASTIC=$(field target elastic)
T_COMPANY=$(python3 -c "import json; print(json.load(open('$WORK/ready.json'))['target']['companies'][0])")
SELECT=(--all --include-archived --statuses created stopped published closed failed completed)
MIGRATE=(bin/clearml-migrate)

# Milliseconds a command took; its output is kept in last.log.
seconds() { local start end; start=$(date +%s%N); "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log"; exit 1; }
    end=$(date +%s%N); echo $(( (end - start) / 1000000 )); }

COPY=$(seconds "${MIGRATE[@]}" copy "${SELECT[@]}" --target-company "$T_COMPANY" --no-verify --no-progress \
    --from-mongo-host "$S_MONGO" --from-elastic-host "$S_ELASTIC" --to-mongo-host "$T_MONGO" \
    --to-elastic-host "$T_ELASTIC" --journal "$WORK/copy.undo.jsonl.gz")
grep "events travelled" "$WORK/last.log"
EXPORT=$(seconds "${MIGRATE[@]}" export "${SELECT[@]}" --output "$WORK/all.zip" --no-progress \
    --mongo-host "$S_MONGO" --elastic-host "$S_ELASTIC")
IMPORT=$(seconds "${MIGRATE[@]}" import "$WORK"/all_*.zip --company "$T_COMPANY" --new-ids --no-progress \
    --mongo-host "$T_MONGO" --elastic-host "$T_ELASTIC")
STREAM=$(seconds "${MIGRATE[@]}" copy "${SELECT[@]}" --new-ids --no-verify --no-progress \
    --from-mongo-host "$S_MONGO" --from-elastic-host "$S_ELASTIC" --to-mongo-host "$T_MONGO" \
    --to-elastic-host "$T_ELASTIC" --journal "$WORK/stream.undo.jsonl.gz")
grep "^events  " "$WORK/last.log" || true
python3 - "$COPY" "$EXPORT" "$IMPORT" "$STREAM" <<'PY'
import sys
copy, export, imp, stream = (int(ms) / 1000 for ms in sys.argv[1:])
both = export + imp
print(f"export {export:.1f} s + import {imp:.1f} s = {both:.1f} s (1.00)")
print(f"copy, events engine to engine   {copy:.1f} s ({copy / both:.2f})")
print(f"copy --new-ids, events streamed {stream:.1f} s ({stream / both:.2f})")
PY

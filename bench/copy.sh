#!/usr/bin/env bash
# Times, in one run on the sandbox's two servers (the target's search engine started with the source's in its
# reindex.remote.allowlist, `up --target-reindex-from-source`), each from a target that holds none of its ids:
#   1. copy, ids kept, --events-via auto: the events engine to engine by the target's _reindex from remote;
#   2. copy, ids kept, --events-via stream: the same events streamed through the tool (moving.EventMover);
#   3. sync, first pass: a full copy that records the sync state (events engine to engine, auto);
#   4. sync, a pass after PERCENT % of the tasks got new log events (bench.SourceChanges);
#   5. export + import --new-ids (so it meets none of the copies' ids), the two timed apart and summed.
# Runs 1 and 2 are taken back by `undo` (not timed) before the next. The copies and syncs run with --no-verify
# to compare like with like (export + import has no verify). Figures: seconds, and ratios of each copy to
# export + import and of the sync pass to the full first pass. The load average is printed with each figure.
#
#   bench/copy.sh [PROJECTS TASKS_PER_PROJECT EVENTS_PER_TASK [PERCENT]]
#   e.g. bench/copy.sh 10 10 10000        # 100 tasks x 10 000 events = 1M events; 1 task of 100 changes
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-10} TASKS=${2:-10} EVENTS=${3:-1000} PERCENT=${4:-1}
. bench/lib.sh
bench_init

bench_build

bench_sandbox --seed none --target-reindex-from-source
java -Xmx2g -cp "$CP" clearml.migrate.bench.ExportBenchmark seed "$WORK/ready.json" "$PROJECTS" "$TASKS" "$EVENTS" 0

field() { python3 -c "import json,sys; print(json.load(open('$WORK/ready.json'))['$1']['$2'])"; }
S_MONGO=$(field source mongo) S_ELASTIC=$(field source elastic)
T_MONGO=$(field target mongo) T_ELASTIC=$(field target elastic)
T_COMPANY=$(python3 -c "import json; print(json.load(open('$WORK/ready.json'))['target']['companies'][0])")
SELECT=(--all --include-archived --statuses created stopped published closed failed completed)
SERVERS=(--from-mongo-host "$S_MONGO" --from-elastic-host "$S_ELASTIC" --to-mongo-host "$T_MONGO"
    --to-elastic-host "$T_ELASTIC")
MIGRATE=(bin/clearml-migrate)

# Milliseconds a command took, then the 1-minute load average at its end; its output is kept in last.log.
seconds() { local start end; start=$(date +%s%N); "$@" >"$WORK/last.log" 2>&1 || { cat "$WORK/last.log"; exit 1; }
    end=$(date +%s%N); echo "$(( (end - start) / 1000000 )) $(cut -d' ' -f1 /proc/loadavg)"; }
undo() { "${MIGRATE[@]}" undo "$1" --mongo-host "$T_MONGO" --elastic-host "$T_ELASTIC" --no-progress >/dev/null; }
copy() { seconds "${MIGRATE[@]}" copy "${SELECT[@]}" --target-company "$T_COMPANY" --no-verify --no-progress \
    "${SERVERS[@]}" "$@"; }
sync() { seconds "${MIGRATE[@]}" sync "${SELECT[@]}" --target-company "$T_COMPANY" --no-verify --no-progress \
    "${SERVERS[@]}" "$@"; }

REINDEX=$(copy --events-via auto --journal "$WORK/reindex.undo.jsonl.gz")
grep "events travelled" "$WORK/last.log"
undo "$WORK/reindex.undo.jsonl.gz"
STREAM=$(copy --events-via stream --journal "$WORK/stream.undo.jsonl.gz")
undo "$WORK/stream.undo.jsonl.gz"
FULL=$(sync --journal "$WORK/sync1.undo.jsonl.gz")
grep "Pass 1" "$WORK/last.log"
java -cp "$CP" clearml.migrate.bench.SourceChanges "$WORK/ready.json" "$PERCENT" "$EVENTS"
PASS=$(sync --journal "$WORK/sync2.undo.jsonl.gz")
grep "Pass 1" "$WORK/last.log"
EXPORT=$(seconds "${MIGRATE[@]}" export "${SELECT[@]}" --output "$WORK/all.zip" --no-progress \
    --mongo-host "$S_MONGO" --elastic-host "$S_ELASTIC")
IMPORT=$(seconds "${MIGRATE[@]}" import "$WORK"/all_*.zip --company "$T_COMPANY" --new-ids --no-progress \
    --mongo-host "$T_MONGO" --elastic-host "$T_ELASTIC")
python3 - "$REINDEX" "$STREAM" "$FULL" "$PASS" "$EXPORT" "$IMPORT" <<'PY'
import sys
runs = [arg.split() for arg in sys.argv[1:]]
(reindex, stream, full, delta, export, imp) = (int(ms) / 1000 for ms, _ in runs)
(l_reindex, l_stream, l_full, l_delta, l_export, l_import) = (load for _, load in runs)
both = export + imp
print(f"export {export:.1f} s (load {l_export}) + import {imp:.1f} s (load {l_import}) = {both:.1f} s (1.00)")
print(f"copy, events by _reindex (auto)   {reindex:.1f} s ({reindex / both:.2f}, load {l_reindex})")
print(f"copy, events streamed (stream)    {stream:.1f} s ({stream / both:.2f}, load {l_stream})")
print(f"sync, first pass (a full copy)    {full:.1f} s (1.00, load {l_full})")
print(f"sync, pass after the changes      {delta:.1f} s ({delta / full:.3f} of the full pass, load {l_delta})")
PY

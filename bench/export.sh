#!/usr/bin/env bash
# Times `export` against the engine's own raw scroll of the same events, and checks bounded memory: the export
# runs in its own JVM with -Xmx$XMX (default 256m) and reports its peak RSS (VmHWM).
#
#   bench/export.sh [PROJECTS TASKS_PER_PROJECT EVENTS_PER_TASK BIG_TASK_EVENTS]
#   e.g. bench/export.sh 10 10 1000 0          # 100 tasks x 1000 events
#        bench/export.sh 3 4 20 5000000        # one task with 5 million events (slow to seed)
#        API=1 bench/export.sh 10 10 3000 0    # direct export vs export through the API stand-in
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-10} TASKS=${2:-10} EVENTS=${3:-1000} BIG=${4:-0} XMX=${XMX:-256m}
. bench/lib.sh
bench_init

bench_build

bench_sandbox

java -Xmx2g -cp "$CP" clearml.migrate.bench.ExportBenchmark seed "$WORK/ready.json" "$PROJECTS" "$TASKS" "$EVENTS" "$BIG"
if [ -n "${API:-}" ]; then
    java -Xmx"${API_XMX:-1g}" -cp "$CP" clearml.migrate.bench.ExportBenchmark api "$WORK/ready.json" "$WORK/out"
else
    java -Xmx"$XMX" -cp "$CP" clearml.migrate.bench.ExportBenchmark run "$WORK/ready.json" "$WORK/out"
fi

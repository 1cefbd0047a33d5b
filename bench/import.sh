#!/usr/bin/env bash
# Times `import` against the engine's `_bulk` ceiling of the same events, in the same run (pre-built bulk bodies,
# sent as one stream and with as many requests in flight as the import), and checks bounded memory: the import runs
# in its own JVM with -Xmx$XMX (default 256m) and reports its peak RSS (VmHWM). The archive comes from the export
# benchmark: the source sandbox is seeded, exported, then imported into the target sandbox.
#
#   bench/import.sh [PROJECTS TASKS_PER_PROJECT EVENTS_PER_TASK BIG_TASK_EVENTS]
#   e.g. bench/import.sh 10 10 1000 0          # 100 tasks x 1000 events
#   ARCHIVE_DIR=DIR bench/import.sh            # imports the archive an earlier run left in DIR (e.g. with KEEP=1),
#                                              # without seeding and exporting again
#   JFR=/tmp/import.jfr bench/import.sh ...    # also records the import JVM with Java Flight Recorder (profile
#                                              # settings); read it with `jfr print --events jdk.ExecutionSample`
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-10} TASKS=${2:-10} EVENTS=${3:-1000} BIG=${4:-0} XMX=${XMX:-256m}
. bench/lib.sh
bench_init

bench_build

bench_sandbox

OUT=${ARCHIVE_DIR:-$WORK/out}
if [ -z "${ARCHIVE_DIR:-}" ]; then
    java -Xmx2g -cp "$CP" clearml.migrate.bench.ExportBenchmark seed "$WORK/ready.json" "$PROJECTS" "$TASKS" "$EVENTS" "$BIG"
    java -Xmx2g -cp "$CP" clearml.migrate.bench.ExportBenchmark run "$WORK/ready.json" "$OUT" >/dev/null
fi
java -Xmx"$XMX" ${JFR:+-XX:StartFlightRecording=filename=$JFR,settings=profile} -cp "$CP" \
    clearml.migrate.bench.ImportBenchmark run "$WORK/ready.json" "$OUT"

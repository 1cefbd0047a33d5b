#!/usr/bin/env bash
# Times `import` against the engine's raw bulk of the same events, in the same run, and checks bounded memory: the
# import runs in its own JVM with -Xmx$XMX (default 256m) and reports its peak RSS (VmHWM). The archive comes from
# the export benchmark: the source sandbox is seeded, exported, then imported into the target sandbox.
#
#   bench/import.sh [PROJECTS TASKS_PER_PROJECT EVENTS_PER_TASK BIG_TASK_EVENTS]
#   e.g. bench/import.sh 10 10 1000 0          # 100 tasks x 1000 events
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-10} TASKS=${2:-10} EVENTS=${3:-1000} BIG=${4:-0} XMX=${XMX:-256m}
WORK=$(mktemp -d)
SANDBOX=""
trap '[ -n "$SANDBOX" ] && kill "$SANDBOX" 2>/dev/null; [ -n "$SANDBOX" ] && wait "$SANDBOX" 2>/dev/null || true; rm -rf "$WORK"' EXIT

mvn -B -q -pl tool -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
    -Dmdep.outputFile="$WORK/cp.txt"
CP="tool/target/test-classes:tool/target/classes:$(cat "$WORK/cp.txt")"

java -jar sandbox/target/clearml-sandbox.jar up --seed none --ready-file "$WORK/ready.json" >"$WORK/sandbox.log" 2>&1 &
SANDBOX=$!
until [ -s "$WORK/ready.json" ]; do sleep 1; kill -0 "$SANDBOX" || { cat "$WORK/sandbox.log"; exit 1; }; done

java -Xmx2g -cp "$CP" clearml.migrate.bench.ExportBenchmark seed "$WORK/ready.json" "$PROJECTS" "$TASKS" "$EVENTS" "$BIG"
java -Xmx2g -cp "$CP" clearml.migrate.bench.ExportBenchmark run "$WORK/ready.json" "$WORK/out" >/dev/null
java -Xmx"$XMX" -cp "$CP" clearml.migrate.bench.ImportBenchmark run "$WORK/ready.json" "$WORK/out"

#!/usr/bin/env bash
# The scale run (issue #7): seeds a source, exports it and imports it into the target through the command line, each
# command in its own JVM with -Xmx$XMX (default 256m), and measures the engines' own ceilings side by side in the same
# run: a raw scroll of the source's events, a raw bulk of the archive's events into the target, and a plain copy of
# the file-server files. Prints wall time and peak RSS (GNU time's %M) of each command.
#
#   bench/scale.sh [PROJECTS TASKS_PER_PROJECT EVENTS_PER_TASK ARTIFACT_BYTES]
#   default: 50 20 6250 2147483648 -> 1000 tasks, 6.25M events (5M of them in finished tasks, which are exported), 2 GB
set -euo pipefail
cd "$(dirname "$0")/.."
PROJECTS=${1:-50} TASKS=${2:-20} EVENTS=${3:-6250} BYTES=${4:-2147483648} XMX=${XMX:-256m}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/clearml-scale.XXXXXX")
SANDBOX=""
cleanup() {
    if [ -n "$SANDBOX" ]; then kill "$SANDBOX" 2>/dev/null || true; wait "$SANDBOX" 2>/dev/null || true; fi
    [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
phase() { printf '\n== %s  (%s)\n' "$*" "$(date +%T)"; }

mvn -B -q -pl tool -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
    -Dmdep.outputFile="$WORK/cp.txt"
CP="tool/target/test-classes:tool/target/classes:$(cat "$WORK/cp.txt")"

phase "start the sandbox"
java -Xmx6g -jar sandbox/target/clearml-sandbox.jar up --seed none --ready-file "$WORK/ready.json" \
    --work-dir "$WORK/servers" >"$WORK/sandbox.log" 2>&1 &
SANDBOX=$!
until [ -s "$WORK/ready.json" ]; do sleep 1; kill -0 "$SANDBOX" || { cat "$WORK/sandbox.log"; exit 1; }; done
field() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))[sys.argv[2]][sys.argv[3]]; print(d[0] if isinstance(d, list) else d)' "$WORK/ready.json" "$1" "$2"; }

phase "seed $PROJECTS x $TASKS tasks x $EVENTS events, $BYTES bytes of files"
java -Xmx2g -cp "$CP" clearml.migrate.bench.ExportBenchmark seed "$WORK/ready.json" "$PROJECTS" "$TASKS" "$EVENTS" 0 "$BYTES"

timed() { # LABEL COMMAND...: runs the command, then prints its wall time and peak RSS
    local label=$1; shift
    /usr/bin/time -f "$label: %e s wall, peak RSS %M KB" -o "$WORK/time.txt" "$@"
    cat "$WORK/time.txt"
}
export CLEARML_MIGRATE_JAVA_OPTS="-Xmx$XMX"
src=(--mongo-host "$(field source mongo)" --elastic-host "$(field source elastic)")
tgt=(--mongo-host "$(field target mongo)" --elastic-host "$(field target elastic)")
SRC_FILES=$(field source fileserver_dir)

phase "ceiling: raw scroll of every source event"
java -Xmx2g -cp "$CP" clearml.migrate.bench.ExportBenchmark raw-scroll "$WORK/ready.json"
phase "ceiling: plain copy of the file-server files"
timed "cp -r" cp -r "$SRC_FILES" "$WORK/files-copy"
du -sb "$WORK/files-copy" && rm -rf "$WORK/files-copy"

phase "export (-Xmx$XMX)"
mkdir -p "$WORK/out"
timed export bin/clearml-migrate export "${src[@]}" --all --include-archived --no-progress \
    --statuses created stopped publishing published closed failed completed unknown \
    --artifacts-from "$SRC_FILES" --output "$WORK/out/scale.zip"
ARCHIVE=$(ls "$WORK"/out/scale*.zip | head -n 1)
ls -l "$WORK"/out

phase "ceiling: raw bulk of the archive's events into the target"
java -Xmx2g -cp "$CP" clearml.migrate.bench.ImportBenchmark raw-bulk "$WORK/ready.json" "$WORK/out"

into=("${tgt[@]}" --company "$(field target companies)" --user scale-owner
      --url-map "$(field source fileserver_url)=$(field target fileserver_url)"
      --artifacts-to "$(field target fileserver_dir)")
phase "import (-Xmx$XMX)"
timed import bin/clearml-migrate import "$ARCHIVE" "${into[@]}" --no-progress
ls -l "$WORK"/out

phase "verify (-Xmx$XMX)"
timed verify bin/clearml-migrate verify "$ARCHIVE" "${into[@]}"

phase "import again over itself (-Xmx$XMX): the journal now holds every overwritten document and replaced event"
timed re-import bin/clearml-migrate import "$ARCHIVE" "${into[@]}" --no-progress --undo-log "$WORK/out/again.undo.jsonl.gz"
ls -l "$WORK"/out

# Sourced by the bench scripts (from the repository's root): what each of them needs before it measures.
#   bench_init                 a work directory $WORK, removed on exit with the sandbox stopped (KEEP=1 keeps it)
#   bench_build                the build, and $CP: the tool's test classpath (which holds the sandbox and the seeder)
#   bench_sandbox [ARGS...]    the sandbox's source and target servers, `up ARGS` (default --seed none), until exit;
#                              $WORK/ready.json says where they listen

bench_init() {
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/clearml-bench.XXXXXX")
    SANDBOX=""
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM
}

bench_cleanup() {
    if [ -n "$SANDBOX" ]; then kill "$SANDBOX" 2>/dev/null || true; wait "$SANDBOX" 2>/dev/null || true; fi
    [ -n "${KEEP:-}" ] || rm -rf "$WORK"
}

bench_build() {
    # One reactor run: the last module written to cp.txt is tool, whose test classpath holds the sandbox and seeder.
    mvn -B -q -o -pl tool -am package dependency:build-classpath -DskipTests -Dmdep.includeScope=test \
        -Dmdep.outputFile="$WORK/cp.txt"
    CP="tool/target/test-classes:tool/target/classes:$(cat "$WORK/cp.txt")"
}

bench_sandbox() {
    local args=("$@")
    [ ${#args[@]} -gt 0 ] || args=(--seed none)
    java -jar sandbox/target/clearml-sandbox.jar up "${args[@]}" --ready-file "$WORK/ready.json" \
        >"$WORK/sandbox.log" 2>&1 &
    SANDBOX=$!
    until [ -s "$WORK/ready.json" ]; do sleep 1; kill -0 "$SANDBOX" || { cat "$WORK/sandbox.log"; exit 1; }; done
}

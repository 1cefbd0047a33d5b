package clearml.migrate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import picocli.CommandLine;

/** One run of the real command line with captured stdout and stderr. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(String... args) {
        return run(Environment.of(Map.of()), args);
    }

    static CliRun run(Environment environment, String... args) {
        args = withTemporaryJournal(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MigrateCommandLine.create(new PrintWriter(out), new PrintWriter(err), environment);
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** An import writes its undo journal into a temporary directory, never beside a shared fixture archive. */
    static String[] withTemporaryJournal(String[] args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.isEmpty() || !all.get(0).equals("import") || all.contains("--undo-log") || all.contains("--dry-run")) {
            return args;
        }
        try {
            all.addAll(List.of("--undo-log", Files.createTempDirectory("import-undo").resolve("import.undo.jsonl.gz")
                    .toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toArray(String[]::new);
    }

    /** Parses without running, for looking at the settings a command would build. */
    static <T> T parse(Environment environment, Class<T> command, String... args) {
        StringWriter sink = new StringWriter();
        CommandLine commandLine = MigrateCommandLine.create(new PrintWriter(sink), new PrintWriter(sink), environment);
        return command.cast(commandLine.parseArgs(args).subcommand().commandSpec().userObject());
    }

    String output() {
        return out + err;
    }
}

package clearml.migrate.testing;

import clearml.migrate.cli.Environment;
import clearml.migrate.cli.MigrateCommandLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/** One run of the real command line, in this JVM, with captured stdout and stderr: the one runner of the tests. */
public record CliRun(int exitCode, String out, String err) {

    /**
     * Runs {@code args}; an import given no {@code --undo-log} writes its journal into a temporary directory, never
     * beside a shared fixture archive.
     */
    public static CliRun run(String... args) {
        return run(Environment.of(Map.of()), args);
    }

    /** {@link #run(String...)} with the given environment variables. */
    public static CliRun run(Environment environment, String... args) {
        return exactly(environment, withTemporaryJournal(args));
    }

    /** Runs {@code args} as given: an import without {@code --undo-log} journals beside its archive. */
    public static CliRun exactly(String... args) {
        return exactly(Environment.of(Map.of()), args);
    }

    /** {@link #exactly(String...)} with the given environment variables. */
    public static CliRun exactly(Environment environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MigrateCommandLine.create(new PrintWriter(out), new PrintWriter(err), environment);
        int code = commandLine.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    private static String[] withTemporaryJournal(String[] args) {
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
    public static <T> T parse(Environment environment, Class<T> command, String... args) {
        StringWriter sink = new StringWriter();
        CommandLine commandLine = MigrateCommandLine.create(new PrintWriter(sink), new PrintWriter(sink), environment);
        return command.cast(commandLine.parseArgs(args).subcommand().commandSpec().userObject());
    }

    public String output() {
        return out + err;
    }

    /** Standard output read as JSON, for a {@code --json} run. */
    public JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The one line of stderr a refused run prints, failing when there are more. */
    public String oneErrorLine() {
        String[] lines = err.strip().split("\n");
        if (lines.length != 1) {
            throw new AssertionError("expected one line on stderr, got:\n" + err);
        }
        return lines[0];
    }
}

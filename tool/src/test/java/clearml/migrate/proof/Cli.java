package clearml.migrate.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

import clearml.migrate.cli.Environment;
import clearml.migrate.cli.MigrateCommandLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/** One run of the real command line with captured stdout and stderr. */
record Cli(int exitCode, String out, String err) {

    static Cli run(String... args) {
        args = withTemporaryJournal(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = MigrateCommandLine.create(new PrintWriter(out), new PrintWriter(err), Environment.of(Map.of()))
                .execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    /** An import writes its undo journal into a temporary directory, never beside a shared fixture archive. */
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

    String output() {
        return out + err;
    }

    JsonNode json() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

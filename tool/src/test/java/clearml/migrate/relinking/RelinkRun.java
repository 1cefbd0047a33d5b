package clearml.migrate.relinking;

import clearml.migrate.cli.Environment;
import clearml.migrate.cli.MigrateCommandLine;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One run of the real command line, {@code clearml-migrate relink ...}, with captured stdout and stderr. */
record RelinkRun(int exitCode, String out, String err) {

    static RelinkRun run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("relink"));
        all.addAll(args);
        if (!args.contains("--dry-run") && !args.contains("--undo-log")) {
            all.addAll(List.of("--undo-log", freshJournal().toString())); // not relink-<time> in the working directory
        }
        int code = MigrateCommandLine.create(new PrintWriter(out), new PrintWriter(err), Environment.of(Map.of()))
                .execute(all.toArray(String[]::new));
        return new RelinkRun(code, out.toString(), err.toString());
    }

    private static Path freshJournal() {
        try {
            return Files.createTempDirectory("relink-undo").resolve("relink.undo.jsonl.gz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code --json} report. */
    JsonNode report() {
        try {
            return new ObjectMapper().readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException("relink printed no JSON: " + out + err, e);
        }
    }

    /** URLs rewritten per {@code "<collection or index> <place>"}, as the report gives them. */
    Map<String, Long> urlsBySourceAndPlace() {
        Map<String, Long> urls = new TreeMap<>();
        report().path("sources").forEach(source -> source.path("urlsByPlace").fields().forEachRemaining(place ->
                urls.put(source.path("name").asText() + " " + place.getKey(), place.getValue().asLong())));
        return urls;
    }

    long totalUrls() {
        return urlsBySourceAndPlace().values().stream().mapToLong(Long::longValue).sum();
    }

    long totalChanged() {
        long changed = 0;
        for (JsonNode source : report().path("sources")) {
            changed += source.path("changed").asLong();
        }
        return changed;
    }
}

package clearml.migrate.guide;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of the "Commands and flags" table of docs/reference.md: each row names one flag (or argument) for one
 * or more commands, with its default.
 */
record ReferenceTable(List<Row> rows) {

    /** One row for one command. */
    record Row(String command, String flag, String defaultCell) {
    }

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final String HEADING = "## Commands and flags";

    static ReferenceTable read(Path reference) {
        List<Row> rows = new ArrayList<>();
        boolean inSection = false;
        for (String line : lines(reference)) {
            if (line.startsWith("## ")) {
                inSection = line.equals(HEADING);
            } else if (inSection && line.startsWith("| `")) {
                rows.addAll(rowsOf(line));
            }
        }
        return new ReferenceTable(List.copyOf(rows));
    }

    private static List<Row> rowsOf(String line) {
        String[] cells = line.substring(1).split("(?<!\\\\)\\|");
        String flag = firstCode(cells[1]).split(" ")[0];
        List<Row> rows = new ArrayList<>();
        Matcher commands = CODE.matcher(cells[0]);
        while (commands.find()) {
            rows.add(new Row(commands.group(1), flag, cells[2].strip()));
        }
        return rows;
    }

    private static String firstCode(String cell) {
        Matcher code = CODE.matcher(cell);
        if (!code.find()) {
            throw new IllegalStateException("no `flag` in the cell '" + cell + "'");
        }
        return code.group(1);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

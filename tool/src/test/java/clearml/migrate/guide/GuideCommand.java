package clearml.migrate.guide;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One command of a {@code bash} block of the guide: its text with {@code \}-continuations joined, where it is, and
 * the exit code the guide promises ({@code # exits N} at its end, else 0).
 */
record GuideCommand(Path file, int line, String text, int expectedExit) {

    private static final Pattern EXITS = Pattern.compile("\\s+#\\s*exits\\s+(\\d+)\\s*$");

    /** The commands of one block; blank lines and whole-line comments are not commands. */
    static List<GuideCommand> of(GuideBlocks.Block block) {
        List<GuideCommand> commands = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        int start = 0;
        for (int i = 0; i < block.lines().size(); i++) {
            String line = block.lines().get(i).strip();
            if (pending.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            start = pending.isEmpty() ? block.line() + 1 + i : start;
            boolean continues = line.endsWith("\\");
            pending.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) {
                commands.add(parse(block.file(), start, pending.toString().strip()));
                pending.setLength(0);
            }
        }
        return commands;
    }

    private static GuideCommand parse(Path file, int line, String text) {
        Matcher exits = EXITS.matcher(text);
        if (exits.find()) {
            return new GuideCommand(file, line, text.substring(0, exits.start()), Integer.parseInt(exits.group(1)));
        }
        return new GuideCommand(file, line, text, 0);
    }

    String where() {
        return file.getFileName() + ":" + line + " `" + text + "`";
    }
}

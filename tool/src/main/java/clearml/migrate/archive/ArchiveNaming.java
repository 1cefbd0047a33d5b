package clearml.migrate.archive;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names of the files an export produces next to the requested output (data model §3.1): the archive
 * {@code export_<md5>.zip}, its {@code .artifacts} companion and the {@code export.map} state file.
 * A requested path that is an existing directory means {@code <dir>/export.zip}.
 */
public final class ArchiveNaming {

    /** The base name used when the output names a directory, as ClearML's examples do. */
    public static final String DEFAULT_BASE = "export.zip";

    private ArchiveNaming() {
    }

    /** The requested archive name with a directory resolved to {@code <dir>/export.zip}. */
    public static Path base(Path requested) {
        Path absolute = requested.toAbsolutePath().normalize();
        return Files.isDirectory(absolute) ? absolute.resolve(DEFAULT_BASE) : absolute;
    }

    /** The directory the archive and its companions go to. */
    public static Path targetDirectory(Path requested) {
        return base(requested).getParent();
    }

    /**
     * The requested name of one archive of a split export ({@code --split-projects}), as ClearML v2.1 names them:
     * {@code /out/export.zip} and root project {@code 4a1b…} give {@code /out/export_4a1b….zip}; the part outside
     * every root project ({@code root} empty) gives {@code /out/export_root.zip}.
     */
    public static Path splitPart(Path requested, String root) {
        Path base = base(requested);
        String name = base.getFileName().toString();
        int dot = extensionDot(name);
        String suffix = root.isEmpty() ? "root" : root;
        return base.resolveSibling(name.substring(0, dot) + "_" + suffix + name.substring(dot));
    }

    /** {@code /out/export.zip} and md5 {@code 266d…} give {@code /out/export_266d….zip}. */
    public static Path archive(Path requested, String md5) {
        Path base = base(requested);
        String name = base.getFileName().toString();
        int dot = extensionDot(name);
        return base.resolveSibling(name.substring(0, dot) + "_" + md5 + name.substring(dot));
    }

    /** The {@code .artifacts} companion of an archive: {@code export_<md5>.zip} gives {@code export_<md5>.artifacts}. */
    public static Path artifacts(Path archive) {
        String name = archive.getFileName().toString();
        return archive.resolveSibling(name.substring(0, extensionDot(name)) + ".artifacts");
    }

    /** The state file for a requested name, without the hash: {@code /out/export.map} (§3.9). */
    public static Path map(Path requested) {
        Path base = base(requested);
        String name = base.getFileName().toString();
        return base.resolveSibling(name.substring(0, extensionDot(name)) + ".map");
    }

    // Python's os.path.splitext: the last dot, ignoring dots that only lead the name.
    private static int extensionDot(String name) {
        int dot = name.lastIndexOf('.');
        int leading = 0;
        while (leading < name.length() && name.charAt(leading) == '.') {
            leading++;
        }
        return dot < leading ? name.length() : dot;
    }
}

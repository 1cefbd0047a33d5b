package clearml.sandbox.fileserver;

import clearml.sandbox.http.CallCounts;
import clearml.sandbox.http.Faults;
import clearml.sandbox.http.LoopbackServer;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for ClearML's file server on a loopback port, storing under a sandbox's file-server directory. It is
 * not ClearML's file server: it reproduces what a client meets (clearml-rest-api.md "File server URLs"): multipart
 * upload by field name, download with byte ranges, delete, batch delete of files and folders, the apiserver's Bearer
 * token or session cookie as the only credential, 404 for paths outside the root. Tests can make calls fail
 * ({@link #faults()}: {@code ping}, {@code upload}, {@code download}, {@code delete}, {@code delete_many}) and count
 * them ({@link #calls()}).
 */
public final class FileServerStandIn implements AutoCloseable {

    private final LoopbackServer server;
    private final Path root;

    private FileServerStandIn(LoopbackServer server, Path root) {
        this.server = server;
        this.root = root;
    }

    /** Starts a file server storing under {@code root} that accepts the tokens {@code tokens} accepts. */
    public static FileServerStandIn start(Path root, TokenCheck tokens) {
        return new FileServerStandIn(LoopbackServer.start("clearml-files", new FileRoutes(root, tokens)), root);
    }

    /** The address, e.g. {@code http://127.0.0.1:40124}, as {@code CLEARML_FILES_HOST} would name it. */
    public String url() {
        return server.url();
    }

    /** The storage root. */
    public Path root() {
        return root;
    }

    public Faults faults() {
        return server.faults();
    }

    public CallCounts calls() {
        return server.calls();
    }

    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "FileServerStandIn[" + url() + " -> " + root + "]";
    }

    /** How the file server validates a token through the apiserver: why it is refused, or null when accepted. */
    @FunctionalInterface
    public interface TokenCheck {
        @Nullable String rejection(String token);
    }
}

package clearml.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A real Elasticsearch 7.17 node in a child JVM ({@code clearml.sandbox.es7.Es7Main} of module {@code sandbox-es7}):
 * its Lucene 8 cannot share this JVM with OpenSearch's Lucene 9 (test-infra.md pitfall 4). The child's classpath
 * comes from the system property {@value #CLASSPATH_PROPERTY}; an entry ending in {@code .classpath} names a file
 * holding more entries. The child is killed on {@link #close()} and when this JVM exits.
 */
public final class Es7Node implements AutoCloseable {

    /** The system property holding the child's classpath (set by surefire in sandbox/pom.xml and tool/pom.xml). */
    public static final String CLASSPATH_PROPERTY = "clearml.sandbox.es7.classpath";

    private static final String MAIN_CLASS = "clearml.sandbox.es7.Es7Main";
    /** 4 s on an idle machine, 20 s on two cores at load 17: a shared CI box needs the margin. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final Thread killer;
    private final Path home;
    private final URI uri;
    private final Duration startTime;

    private Es7Node(Process process, Thread killer, Path home, URI uri, Duration startTime) {
        this.process = process;
        this.killer = killer;
        this.home = home;
        this.uri = uri;
        this.startTime = startTime;
    }

    /** Starts the child JVM and waits until its node answers on HTTP, at most 90 s. */
    public static Es7Node start() {
        String classpath = launchClasspath(System.getProperty(CLASSPATH_PROPERTY));
        long started = System.nanoTime();
        Path home = createTempDirectory();
        Path readyFile = home.resolve("ready");
        Path log = home.resolve("es7.log");
        Process process = launch(classpath, home, readyFile, log);
        Thread killer = new Thread(() -> kill(process, home), "es7-kill");
        Runtime.getRuntime().addShutdownHook(killer);
        try {
            URI uri = URI.create(awaitReadyFile(process, readyFile, log));
            return new Es7Node(process, killer, home, uri, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            stop(process);
            Runtime.getRuntime().removeShutdownHook(killer);
            throw e;
        }
    }

    /** The HTTP address, e.g. {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return uri;
    }

    /** How long the child took from launch until its node answered. */
    public Duration startTime() {
        return startTime;
    }

    @Override
    public void close() {
        stop(process);
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException alreadyExiting) {
            // closed from another shutdown hook: the child is stopped already
        }
        Directories.deleteTree(home);
    }

    static String launchClasspath(@Nullable String property) {
        if (property == null || property.isBlank()) {
            throw new IllegalStateException("System property " + CLASSPATH_PROPERTY + " is not set, so the"
                    + " Elasticsearch 7 node cannot start: build module sandbox-es7 first"
                    + " (mvn -pl sandbox-es7,sandbox -am verify) and run through surefire, which sets it");
        }
        List<String> entries = new ArrayList<>();
        for (String entry : property.split(File.pathSeparator)) {
            entries.add(entry.endsWith(".classpath") ? readClasspathFile(Path.of(entry)) : entry);
        }
        return String.join(File.pathSeparator, entries);
    }

    private static String readClasspathFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Elasticsearch 7 classpath file " + file
                    + ": build module sandbox-es7 first (mvn -pl sandbox-es7 package)", e);
        }
    }

    private static Process launch(String classpath, Path home, Path readyFile, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "-cp", classpath, MAIN_CLASS,
                "--home", home.resolve("node").toString(), "--ready-file", readyFile.toString());
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot launch the Elasticsearch 7 JVM with " + java, e);
        }
    }

    private static String awaitReadyFile(Process process, Path readyFile, Path log) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!Files.exists(readyFile)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch 7 JVM exited with " + process.exitValue()
                        + " before it was ready; its output: " + tail(log));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Elasticsearch 7 node not ready after " + START_TIMEOUT.toSeconds()
                        + " s; its output: " + tail(log));
            }
            sleep(100);
        }
        return readString(readyFile).trim();
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The JVM is exiting without {@link #close()}: no time for a graceful stop. */
    private static void kill(Process process, Path home) {
        try {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            Directories.deleteTree(home);
        } catch (InterruptedException | RuntimeException e) {
            // best effort while the JVM exits; the temporary home is all that can be left behind
        }
    }

    private static String tail(Path log) {
        String text = Files.exists(log) ? readString(log) : "(none)";
        return text.length() > 2000 ? "..." + text.substring(text.length() - 2000) : text;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("clearml-es7-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a home directory for the Elasticsearch 7 node", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Elasticsearch 7 node", e);
        }
    }
}

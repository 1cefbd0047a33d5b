package clearml.sandbox.junit;

import clearml.sandbox.Es7Node;
import clearml.sandbox.EventTemplates;
import clearml.sandbox.Sandbox;
import clearml.sandbox.api.ApiStandIn;
import clearml.sandbox.fileserver.FileServerStandIn;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;

/**
 * The servers shared by every test of this JVM, started lazily and kept in the root context's store, which closes
 * them (as {@link AutoCloseable}s, JUnit 5.13+) when the test run ends.
 */
final class SharedServers {

    private static final Namespace NAMESPACE = Namespace.create(SharedServers.class);

    private SharedServers() {
    }

    static Sandbox source(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent("source",
                key -> Sandbox.startTemporary("source", Sandbox.SOURCE_FILESERVER_URL), Sandbox.class);
    }

    static Sandbox target(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent("target",
                key -> Sandbox.startTemporary("target", Sandbox.TARGET_FILESERVER_URL), Sandbox.class);
    }

    static Sandbox sandbox(ExtensionContext context, boolean target) {
        return target ? target(context) : source(context);
    }

    /** The API stand-in over the source's (or target's) stores, started with ClearML's default limits. */
    static ApiStandIn api(ExtensionContext context, boolean target) {
        Sandbox sandbox = sandbox(context, target);
        return store(context).getOrComputeIfAbsent(apiKey(target), key -> ApiStandIn.start(sandbox),
                ApiStandIn.class);
    }

    /** The API stand-in of that server if a test has started it, else null. */
    static @Nullable ApiStandIn startedApi(ExtensionContext context, boolean target) {
        return store(context).get(apiKey(target), ApiStandIn.class);
    }

    /** The file-server stand-in over the server's file-server directory, accepting its API stand-in's tokens. */
    static FileServerStandIn files(ExtensionContext context, boolean target) {
        ApiStandIn api = api(context, target);
        Sandbox sandbox = sandbox(context, target);
        return store(context).getOrComputeIfAbsent(target ? "files-target" : "files-source",
                key -> FileServerStandIn.start(sandbox.fileserverDir(), api::tokenRejection), FileServerStandIn.class);
    }

    private static String apiKey(boolean target) {
        return target ? "api-target" : "api-source";
    }

    static Es7Node elasticsearch7(ExtensionContext context) {
        return store(context).getOrComputeIfAbsent("es7", key -> startElasticsearch7(), Es7Node.class);
    }

    private static Es7Node startElasticsearch7() {
        Es7Node node = Es7Node.start();
        EventTemplates.install(node.uri());
        return node;
    }

    private static ExtensionContext.Store store(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE);
    }
}

package clearml.sandbox.junit;

import clearml.sandbox.Es7Node;
import clearml.sandbox.EventTemplates;
import clearml.sandbox.Sandbox;
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

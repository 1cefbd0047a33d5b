package clearml.migrate.files;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;

/** The contract over HTTP, against a loopback server that behaves as ClearML's file server does. */
class HttpFileStoreTest extends AbstractFileStoreContractTest {

    ClearmlFileServer server;

    @Override
    FileStore openStore(Path root) throws IOException {
        server = ClearmlFileServer.start(root);
        return FileStores.open(server.url(), null, Duration.ofSeconds(2));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }
}

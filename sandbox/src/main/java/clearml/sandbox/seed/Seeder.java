package clearml.sandbox.seed;

import clearml.sandbox.Sandbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Writes a realistic ClearML server state straight into the stores, from the data model and never through the tool:
 * MongoDB documents with the driver, events with plain HTTP {@code _bulk}, and the files every seeded file-server URL
 * names. Deterministic: the same size gives the same ids and documents.
 */
public final class Seeder {

    private static final long RANDOM_SEED = 20_240_610L;

    /** Seeds a sandbox's stores; call {@link Sandbox#reset()} first unless it is fresh. */
    public SeedReport seed(Sandbox sandbox, SeedSize size) {
        return seed(sandbox.mongoUri(), sandbox.elasticUri(), sandbox.fileserverDir(), sandbox.fileserverUrl(), size);
    }

    /** Seeds the stores at the given addresses; they should be empty (a second seed collides on ids). */
    public SeedReport seed(String mongoUri, URI elasticUri, Path fileserverDir, String fileserverUrl, SeedSize size) {
        long start = System.nanoTime();
        Ids ids = new Ids(RANDOM_SEED);
        ObjectMapper json = new ObjectMapper();
        SeededDocuments documents = new SeededDocuments();
        FileServerFiles files = new FileServerFiles(fileserverUrl);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        EventBulkWriter writer = new EventBulkWriter(http, elasticUri, json);
        EventFactory events = new EventFactory(json, ids, writer, files);
        SeedWorld.Landmarks landmarks = new SeedWorld(size, ids, documents, files, events, fileserverUrl).build();
        writer.finish();
        long bytes = files.writeAll(fileserverDir, size.artifactBytes());
        try (MongoClient mongo = MongoClients.create(mongoUri)) {
            documents.insertInto(mongo);
        }
        return new SeedReport(landmarks.companies(), documents.counts(), writer.perType(), writer.perIndex(),
                files.count(), bytes, landmarks.rootProjects(), landmarks.publicTask(), landmarks.legacyTask(),
                landmarks.reportTask(), landmarks.datasetTask(), landmarks.pipelineController(),
                landmarks.standaloneModel(), Duration.ofNanos(System.nanoTime() - start));
    }
}

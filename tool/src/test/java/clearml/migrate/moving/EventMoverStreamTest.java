package clearml.migrate.moving;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.migrate.events.PlotCodec;
import clearml.migrate.links.LinkPlace;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.SearchEngine;
import clearml.sandbox.junit.SearchEngineTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Events from the sandbox's source OpenSearch node to each real engine: to Elasticsearch 7.17 (a child JVM without
 * painless or an allow-list), where {@code auto} streams them through the tool, and to the same OpenSearch node
 * under another company (a copy between companies of one server), where {@code auto} has the engine reindex within
 * itself; {@code stream} on both.
 */
@ExtendWith(SandboxExtension.class)
class EventMoverStreamTest {

    @SearchEngineTest
    void autoStreamsToAnotherClusterThatCannotReindexAndReindexesWithinOneCluster(SearchEngine engine,
            Sandbox source) {
        boolean sameCluster = engine.uri().equals(source.elasticUri());
        try (MoveFixture fixture = new MoveFixture(source.elasticUri(), engine.uri())) {
            fixture.seedSource();
            fixture.seedStaleTargetEvent();

            EventMoveReport report = fixture.move(EventsVia.AUTO);

            assertThat(report.route().via()).isEqualTo(sameCluster ? EventsVia.REINDEX : EventsVia.STREAM);
            assertThat(report.route().reason()).isEqualTo(sameCluster
                    ? "source and target are one cluster (127.0.0.1:" + source.elasticUri().getPort() + "), which runs"
                            + " painless"
                    : "the target's reindex.remote.allowlist does not name the source 127.0.0.1:"
                            + source.elasticUri().getPort() + ", so events stream through the tool");
            assertThat(fixture.atTargetDecompressed()).isEqualTo(fixture.expectedAtTarget());
            assertThat(MoveFixture.events(fixture.target, fixture.targetCompany)).doesNotContainKey("stale");
        }
    }

    @SearchEngineTest
    void streamingAppliesTheCompanyAndTheLinks(SearchEngine engine, Sandbox source) {
        try (MoveFixture fixture = new MoveFixture(source.elasticUri(), engine.uri())) {
            fixture.seedSource();
            fixture.seedStaleTargetEvent();

            EventMoveReport report = fixture.move(EventsVia.STREAM);

            assertThat(report.types()).allSatisfy(row -> assertThat(row.via()).isEqualTo(EventsVia.STREAM));
            assertThat(report.complete()).isTrue();
            assertThat(report.replacedAtTarget()).isEqualTo(1);
            Map<String, ObjectNode> moved = fixture.atTargetDecompressed();
            assertThat(moved).isEqualTo(fixture.expectedAtTarget());
            assertThat(moved.get("image-1").get("url").asText()).isEqualTo("https://files.example-new.io/p/t1/img.png");
            assertThat(moved.get("plot-1").get("plot_str").asText()).contains("https://files.example-new.io/p/plot.png");
            assertThat(moved.get("plot-big").get("plot_len").asInt()).isEqualTo(PlotCodec.plotLen(
                    moved.get("plot-big").get("plot_str").asText())).isGreaterThan(PlotCodec.COMPRESSION_THRESHOLD);
            assertThat(report.linksRewritten()).containsEntry(LinkPlace.DEBUG_IMAGE_URL, 1L);
            assertThat(EventMoverReindexTest.storedCompressed(fixture))
                    .isEqualTo("plot-1=false plot-big=true plot-compressed=true");
        }
    }

    @SearchEngineTest
    void aSecondMoveEndsInTheSameState(SearchEngine engine, Sandbox source) {
        try (MoveFixture fixture = new MoveFixture(source.elasticUri(), engine.uri())) {
            fixture.seedSource();
            fixture.move(EventsVia.STREAM);
            Map<String, ObjectNode> first = MoveFixture.events(fixture.target, fixture.targetCompany);

            EventMoveReport again = fixture.move(EventsVia.STREAM);

            assertThat(MoveFixture.events(fixture.target, fixture.targetCompany)).isEqualTo(first);
            assertThat(again.replacedAtTarget()).isEqualTo(first.size());
            assertThat(again.route().reason()).isEqualTo("asked for with --events-via stream");
        }
    }
}

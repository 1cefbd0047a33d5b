package clearml.migrate.moving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.events.BulkWriter;
import clearml.migrate.events.EventIndexNames;
import clearml.migrate.events.EventType;
import clearml.migrate.failures.UsageException;
import clearml.migrate.links.LinkPlace;
import clearml.migrate.links.UrlMap;
import clearml.migrate.moving.EventMoveReport.TypeMove;
import clearml.sandbox.EmbeddedOpenSearch;
import clearml.sandbox.EventTemplates;
import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events moved by the target engine itself: {@code _reindex} from the sandbox's source OpenSearch node into a
 * second real OpenSearch node started here with the source in its {@code reindex.remote.allowlist}; and what
 * {@code auto} and {@code reindex} do when a target (the sandbox's own target node) does not allow-list the source.
 */
@ExtendWith(SandboxExtension.class)
class EventMoverReindexTest {

    private static EmbeddedOpenSearch allowing;

    @BeforeAll
    static void startTargetAllowListingTheSource(Sandbox source, @TempDir Path home) {
        allowing = EmbeddedOpenSearch.start(home, List.of("127.0.0.1:" + source.elasticUri().getPort()));
        EventTemplates.install(allowing.uri());
    }

    @AfterAll
    static void stopTarget() {
        allowing.close();
    }

    @Test
    void autoReindexesOnTheTargetWithTheCompanyAndTheLinksOfTheImportApplied(Sandbox source) {
        try (MoveFixture fixture = new MoveFixture(source.elasticUri(), allowing.uri())) {
            fixture.seedSource();
            fixture.seedStaleTargetEvent();

            EventMoveReport report = fixture.move(EventsVia.AUTO);

            assertThat(report.route().via()).isEqualTo(EventsVia.REINDEX);
            assertThat(report.route().reason()).contains("allow-lists the source 127.0.0.1:" + source.elasticUri().getPort());
            assertThat(ways(report)).isEqualTo("log=reindex plot=stream training_debug_image=reindex "
                    + "training_stats_scalar=reindex");
            assertThat(report.complete()).isTrue();
            assertThat(report.replacedAtTarget()).isEqualTo(1);
            Map<String, ObjectNode> moved = fixture.atTargetDecompressed();
            assertThat(moved).isEqualTo(fixture.expectedAtTarget());
            assertThat(moved.keySet()).containsExactly("image-1", "image-2", "log-1", "model-scalar-1", "plot-1",
                    "plot-big", "plot-compressed", "scalar-1");
            assertThat(moved.get("image-1").get("url").asText()).isEqualTo("https://files.example-new.io/p/t1/img.png");
            assertThat(moved.get("image-2").get("url").asText()).isEqualTo("http://localhost:80812/p/other.png");
            assertThat(moved.get("log-1").get("msg").asText()).isEqualTo("epoch 1 at http://localhost:8081/x");
            assertThat(moved.values()).allSatisfy(event ->
                    assertThat(event.get("company_id").asText()).isEqualTo(fixture.targetCompany));
            // two plots in plot_str, one compressed in plot_data, each listing its source; the script's are not counted
            assertThat(report.linksRewritten()).isEqualTo(Map.of(LinkPlace.PLOT_STR, 2L, LinkPlace.PLOT_DATA, 1L,
                    LinkPlace.PLOT_SOURCE_URLS, 3L));
            assertThat(storedCompressed(fixture)).isEqualTo("plot-1=false plot-big=true plot-compressed=true");
        }
    }

    @Test
    void theScriptRewritesWholeUrlsExactlyAsTheToolsLinkEngineDoes(Sandbox source) {
        UrlMap map = UrlMap.parse(List.of("http://localhost:8081=https://files.new.io",
                "http://localhost:8081/a=http://other/a2", "s3://bucket=s3://new-bucket/", "s3://=https://s3.example"));
        List<String> urls = List.of("http://localhost:8081/a.png", "http://localhost:8081", "http://localhost:8081/",
                "http://localhost:80812/x", "http://localhost:8081.evil/x", "http://localhost:8081?x=1",
                "http://localhost:8081#top", "http://localhost:8081/a/b.png", "http://localhost:8081/ab.png",
                "s3://bucket/k", "s3://bucket-2/k", "s3://other/k", "http://localhost:8081/ünï code (1).png",
                "HTTP://LOCALHOST:8081/upper.png", "file://localhost:8081/x");
        try (MoveFixture fixture = new MoveFixture(source.elasticUri(), allowing.uri())) {
            try (BulkWriter writer = fixture.source.bulkWriter()) {
                for (int i = 0; i < urls.size(); i++) {
                    writer.index(EventIndexNames.index(EventType.TRAINING_DEBUG_IMAGE, fixture.sourceCompany),
                            "url-" + i, MoveFixture.image("task-1", i, urls.get(i)));
                }
            }
            fixture.source.refresh(EventIndexNames.allTypes(fixture.sourceCompany));

            EventMoveReport report = new EventMover(fixture.source, fixture.target).move(new EventMoveRequest(
                    fixture.sourceCompany, fixture.targetCompany, List.of("task-1"), map, EventsVia.REINDEX));

            assertThat(report.route().via()).isEqualTo(EventsVia.REINDEX);
            Map<String, ObjectNode> moved = MoveFixture.events(fixture.target, fixture.targetCompany);
            for (int i = 0; i < urls.size(); i++) {
                assertThat(moved.get("url-" + i).get("url").asText()).as(urls.get(i))
                        .isEqualTo(map.rewrite(urls.get(i)).orElse(urls.get(i)));
            }
            assertThat(moved.get("url-0").get("url").asText()).isEqualTo("https://files.new.io/a.png");
            assertThat(moved.get("url-7").get("url").asText()).isEqualTo("http://other/a2/b.png");
            assertThat(moved.get("url-4").get("url").asText()).isEqualTo("http://localhost:8081.evil/x");
        }
    }

    @Test
    void autoStreamsWhenTheTargetDoesNotAllowListTheSourceAndSaysWhy(Sandbox source, @TargetServer Sandbox target) {
        try (MoveFixture fixture = new MoveFixture(source.elasticUri(), target.elasticUri())) {
            fixture.seedSource();

            EventMoveReport report = fixture.move(EventsVia.AUTO);

            assertThat(report.route().via()).isEqualTo(EventsVia.STREAM);
            assertThat(report.route().reason()).isEqualTo("the target's reindex.remote.allowlist does not name the "
                    + "source 127.0.0.1:" + source.elasticUri().getPort() + ", so events stream through the tool");
            assertThat(fixture.atTargetDecompressed()).isEqualTo(fixture.expectedAtTarget());
        }
    }

    @Test
    void reindexAskedForAndNotAllowedFailsInOneLineBeforeTouchingTheTarget(Sandbox source, @TargetServer Sandbox target) {
        try (MoveFixture fixture = new MoveFixture(source.elasticUri(), target.elasticUri())) {
            fixture.seedSource();
            fixture.seedStaleTargetEvent();

            assertThatThrownBy(() -> fixture.move(EventsVia.REINDEX))
                    .isInstanceOf(UsageException.class)
                    .hasMessage("--events-via reindex is not possible: the target's reindex.remote.allowlist does not"
                            + " name the source 127.0.0.1:" + source.elasticUri().getPort()
                            + " — configure the target so, or give --events-via stream");
            assertThat(MoveFixture.events(fixture.target, fixture.targetCompany)).containsOnlyKeys("stale");
        }
    }

    /** Which moved plots the target stores compressed: plot-big grew past the threshold with its longer URL. */
    static String storedCompressed(MoveFixture fixture) {
        return MoveFixture.events(fixture.target, fixture.targetCompany).entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("plot"))
                .map(entry -> entry.getKey() + "=" + entry.getValue().has("plot_data"))
                .collect(Collectors.joining(" "));
    }

    private static String ways(EventMoveReport report) {
        return report.types().stream().map(TypeMove::type).sorted()
                .map(type -> type + "=" + report.types().stream().filter(row -> row.type() == type)
                        .findFirst().orElseThrow().via().flagValue())
                .sorted().collect(Collectors.joining(" "));
    }
}

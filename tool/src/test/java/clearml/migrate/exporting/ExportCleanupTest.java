package clearml.migrate.exporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class ExportCleanupTest {

    private static Document task() {
        return new Document("_id", "t").append("company", "c1").append("user", "u1")
                .append("comment", "my notes").append("status_message", "stopped by user")
                .append("status_reason", "manual").append("output", new Document("destination", "s3://b/out"))
                .append("tags", List.of("Exported: 2024-01-01 00:00:00", "keep"))
                .append("company_origin", "c0").append("last_changed_by", "u2");
    }

    @Test
    void emptiesCompanyAndUserButKeepsEverythingElse() {
        Document expected = task().append("company", "").append("user", "");

        assertThat(new ExportCleanup(false).apply(task())).isEqualTo(expected);
    }

    @Test
    void keepsTheOwnerWhenUsersAreExported() {
        assertThat(new ExportCleanup(true).apply(task())).isEqualTo(task().append("company", ""));
    }

    @Test
    void emptiesCompanyOfProjectsToo() {
        Document project = new Document("_id", "p").append("company", "c1").append("name", "P");

        assertThat(new ExportCleanup(false).apply(project))
                .isEqualTo(new Document("_id", "p").append("company", "").append("name", "P"));
    }
}

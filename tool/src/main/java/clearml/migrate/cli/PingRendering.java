package clearml.migrate.cli;

import clearml.migrate.events.EventIndex;
import clearml.migrate.mongo.Company;
import clearml.migrate.mongo.MongoCapabilities;
import clearml.migrate.ping.PingReport;
import java.util.Locale;

/** Prints a {@link PingReport} for people (aligned lines) or for programs ({@code --json}). */
final class PingRendering extends ReportRendering {

    private final PingReport report;

    PingRendering(PingReport report) {
        super(report);
        this.report = report;
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("MongoDB           %s%n", report.mongoVersion()));
        text.append(String.format("  connection      %s%n", report.mongoConnection().describe()));
        text.append(mongoCapabilities(report.mongoCapabilities()));
        String schema = report.schemaVersion();
        text.append(String.format("ClearML schema    %s%n", schema == null ? "none recorded" : schema));
        text.append(String.format("Companies         %d%n", report.companies().size()));
        for (Company company : report.companies()) {
            text.append(String.format("  %s  %s%n", company.id(), company.name()));
        }
        text.append(String.format("Search engine     %s %s%n", report.engine().distribution(), report.engine().version()));
        text.append(String.format("  connection      %s%n", report.engineConnection().describe()));
        text.append(String.format("Event indices     %d, %,d events%n", report.eventIndices().size(), report.events()));
        for (EventIndex index : report.eventIndices()) {
            text.append(String.format("  %-60s %,12d%n", index.name(), index.docs()));
        }
        return text.toString().stripTrailing();
    }

    /** The server's claims; update pipelines and transactions are reported, never relied on (architecture.md). */
    private static String mongoCapabilities(MongoCapabilities can) {
        return String.format(Locale.ROOT, "  deployment      %s, wire version %d, answers %s%n", can.topology().label(),
                can.maxWireVersion(), can.handshake())
                + String.format(Locale.ROOT, "  supports        sessions %s, transactions %s, update pipelines %s%n",
                        yesNo(can.sessions()), yesNo(can.transactions()), yesNo(can.pipelineUpdates()))
                + String.format(Locale.ROOT, "  limits          %,d-byte documents, %,d-byte messages, %,d writes per batch%n",
                        can.maxBsonObjectSize(), can.maxMessageSizeBytes(), can.maxWriteBatchSize());
    }

    private static String yesNo(boolean yes) {
        return yes ? "yes" : "no";
    }
}

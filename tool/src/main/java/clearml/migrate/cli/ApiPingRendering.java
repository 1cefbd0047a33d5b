package clearml.migrate.cli;

import clearml.migrate.ping.ApiPingReport;
import clearml.migrate.ping.ApiPingReport.Allowance;
import clearml.migrate.ping.ApiPingReport.Caller;
import org.jspecify.annotations.Nullable;

/** Prints an {@link ApiPingReport} for people (aligned lines) or for programs ({@code --json}). */
final class ApiPingRendering extends ReportRendering {

    private final ApiPingReport report;

    ApiPingRendering(ApiPingReport report) {
        super(report);
        this.report = report;
    }

    @Override
    String text() {
        StringBuilder text = new StringBuilder();
        text.append(String.format("ClearML API       %s%n", report.apiHost()));
        text.append(String.format("Server            %s%s, API %s%n", report.serverVersion(),
                report.serverBuild() == null ? "" : " (build " + report.serverBuild() + ")",
                orUnknown(report.apiVersion())));
        text.append(String.format("File server       %s%n", report.filesHost() == null
                ? "none named (CLEARML_FILES_HOST or files_server in clearml.conf)" : report.filesHost()));
        text.append(String.format("Access key        %s (from %s)%n", report.accessKey(), report.credentialsSource()));
        text.append(caller(report.caller()));
        text.append(String.format("Allows%n"));
        for (Allowance allowance : report.allowances()) {
            text.append(String.format("  %-15s %-8s %s%n", allowance.work(), allowance.verdict(), allowance.why()));
        }
        return text.toString().stripTrailing();
    }

    private static String caller(Caller caller) {
        String user = caller.backendUser() ? named(caller.userName(), caller.userId())
                : "no backend user (a key configured on the server, such as services_agent; id "
                        + orUnknown(caller.userId()) + ")";
        return String.format("  user            %s%n", user)
                + String.format("  company         %s%n", named(caller.companyName(), caller.companyId()))
                + String.format("  role            %s%n", orUnknown(caller.role()));
    }

    private static String named(@Nullable String name, @Nullable String id) {
        if (name == null) {
            return orUnknown(id);
        }
        return id == null ? name : name + " (" + id + ")";
    }

    private static String orUnknown(@Nullable String value) {
        return value == null ? "unknown" : value;
    }
}

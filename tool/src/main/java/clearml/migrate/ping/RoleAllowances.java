package clearml.migrate.ping;

import clearml.migrate.ping.ApiPingReport.Allowance;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a ClearML role allows a migration through the API (clearml-rest-api.md, Auth model and Owners): every role
 * reads its company's data; no create call sets an owner except through an admin's act-as header; only the
 * {@code system} role (the server's own {@code apiserver} key) may create users.
 */
final class RoleAllowances {

    private static final Set<String> SYSTEM = Set.of("system", "root");
    private static final Set<String> WRITERS = Set.of("user", "superuser");

    private RoleAllowances() {
    }

    static List<Allowance> of(@Nullable String role, @Nullable String companyName) {
        String company = companyName == null ? "the caller's company" : "company '" + companyName + "'";
        if (role == null) {
            String why = "the server did not say the caller's role; it decides each call";
            return List.of(new Allowance("export", "unknown", why), new Allowance("import", "unknown", why),
                    new Allowance("users", "unknown", why));
        }
        String known = role.toLowerCase(Locale.ROOT);
        return List.of(new Allowance("export", "yes", "reads every project, task, model and event of " + company),
                importing(known), users(known));
    }

    private static Allowance importing(String role) {
        if (SYSTEM.contains(role) || role.equals("admin")) {
            return new Allowance("import", "yes", "creates entities with their original owners through the "
                    + "X-ClearML-Act-As header (the owners must exist in the company)");
        }
        if (WRITERS.contains(role)) {
            return new Allowance("import", "partly", "creates entities, all owned by the caller: keeping the "
                    + "original owners needs an admin key (act-as)");
        }
        if (role.equals("guest")) {
            return new Allowance("import", "no", "the guest role only reads");
        }
        return new Allowance("import", "unknown", "role '" + role + "' is not one the tool knows; the server "
                + "decides each call");
    }

    private static Allowance users(String role) {
        return SYSTEM.contains(role)
                ? new Allowance("users", "yes", "may create users (users.create) and their credentials")
                : new Allowance("users", "no", "creating users needs the system role (the server's own apiserver "
                        + "key); import maps owners to existing users instead");
    }
}

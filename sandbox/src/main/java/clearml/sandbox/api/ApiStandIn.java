package clearml.sandbox.api;

import clearml.sandbox.ElasticHttp;
import clearml.sandbox.Sandbox;
import clearml.sandbox.http.CallCounts;
import clearml.sandbox.http.Faults;
import clearml.sandbox.http.LoopbackServer;
import java.net.URI;
import java.security.SecureRandom;
import org.jspecify.annotations.Nullable;

/**
 * A stand-in for ClearML's apiserver (v2.0.0, API 2.31) on a loopback port, over a sandbox's MongoDB and OpenSearch.
 * It is not ClearML's server, which cannot be installed here: it serves the endpoints a migration client uses,
 * written from the server's public code and schema, and reproduces the behaviour a client meets
 * (clearml-rest-api.md): ClearML's answer envelope and error codes, Basic {@code auth.login} and Bearer tokens, admin
 * act-as, server-made ids and dates, dropped fields, statistics rebuilt from events, page caps. Tests can make calls
 * fail ({@link #faults()}) and count them ({@link #calls()}).
 */
public final class ApiStandIn implements AutoCloseable {

    private final Store store;
    private final Accounts accounts;
    private final Authenticator authenticator;
    private final ScrollStates scrolls;
    private final LoopbackServer server;

    private ApiStandIn(Store store, Accounts accounts, Authenticator authenticator, ScrollStates scrolls,
                       LoopbackServer server) {
        this.store = store;
        this.accounts = accounts;
        this.authenticator = authenticator;
        this.scrolls = scrolls;
        this.server = server;
    }

    /** Starts a stand-in over {@code sandbox}'s stores with ClearML's default limits. */
    public static ApiStandIn start(Sandbox sandbox) {
        return start(sandbox.mongoUri(), sandbox.elasticUri(), ApiLimits.DEFAULTS);
    }

    public static ApiStandIn start(Sandbox sandbox, ApiLimits limits) {
        return start(sandbox.mongoUri(), sandbox.elasticUri(), limits);
    }

    /** Starts a stand-in over the MongoDB at {@code mongoUri} and the search engine at {@code elasticUri}. */
    public static ApiStandIn start(String mongoUri, URI elasticUri, ApiLimits limits) {
        Store store = new Store(mongoUri);
        try {
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            Authenticator authenticator = new Authenticator(store, new Jwt(secret), limits.tokenLifetime());
            ScrollStates scrolls = new ScrollStates(limits.scrollLifetime());
            EndpointTable table = endpoints(store, new EventStore(new ElasticHttp(elasticUri)), authenticator,
                    new Listing(scrolls, limits.maxPageSize()), limits);
            LoopbackServer server = LoopbackServer.start("clearml-api", new ApiRouter(table, authenticator));
            return new ApiStandIn(store, new Accounts(store), authenticator, scrolls, server);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    private static EndpointTable endpoints(Store store, EventStore events, Authenticator authenticator,
                                           Listing listing, ApiLimits limits) {
        EndpointTable table = new EndpointTable();
        new AccountEndpoints(store, listing, authenticator).register(table);
        new ProjectEndpoints(store, listing, events).register(table);
        new TaskEndpoints(store, listing).register(table);
        new ReportEndpoints(store).register(table);
        new TaskLifecycle(store, new TaskCleanup(store, events)).register(table);
        new ModelEndpoints(store, listing, events).register(table);
        EventIngest ingest = new EventIngest(store, events, new EntityStatistics(limits.maxLastMetrics()),
                limits.plotCompressionThreshold());
        new EventEndpoints(store, events, ingest, limits).register(table);
        return table;
    }

    /** The API address, e.g. {@code http://127.0.0.1:40123}, as {@code CLEARML_API_HOST} would name it. */
    public String url() {
        return server.url();
    }

    /** The company the stand-in's default credentials belong to: ClearML's default company if present. */
    public String primaryCompany() {
        return accounts.primaryCompany();
    }

    /** An admin key of the primary company (role {@code admin}, no backend user, like {@code services_agent}). */
    public Credentials adminCredentials() {
        return accounts.admin(primaryCompany());
    }

    public Credentials adminCredentials(String company) {
        return accounts.admin(company);
    }

    /** A role-{@code user} key of an existing user of the primary company. */
    public Credentials userCredentials() {
        return accounts.user(primaryCompany());
    }

    public Credentials userCredentials(String company) {
        return accounts.user(company);
    }

    /** Why {@code token} is not a valid Bearer token of this stand-in, or null when it is (for the file server). */
    public @Nullable String tokenRejection(String token) {
        return authenticator.rejection(token);
    }

    /** Failures to inject, by endpoint name (e.g. {@code tasks.get_all}). */
    public Faults faults() {
        return server.faults();
    }

    /** Calls received, by endpoint name. */
    public CallCounts calls() {
        return server.calls();
    }

    /** Forgets scrolls, pending faults and call counts, for a test that starts afresh. */
    public void reset() {
        scrolls.clear();
        server.faults().clear();
        server.calls().clear();
    }

    @Override
    public void close() {
        try (store) {
            server.close();
        }
    }

    @Override
    public String toString() {
        return "ApiStandIn[" + url() + "]";
    }
}

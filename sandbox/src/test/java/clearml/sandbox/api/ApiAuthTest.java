package clearml.sandbox.api;

import static org.assertj.core.api.Assertions.assertThat;

import clearml.sandbox.Sandbox;
import clearml.sandbox.junit.FreshStores;
import clearml.sandbox.junit.SandboxExtension;
import clearml.sandbox.junit.TargetServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exercises the ClearML API stand-in, not ClearML's apiserver: its auth model and answer envelope as
 * clearml-rest-api.md describes the real server's (Basic {@code auth.login}, Bearer tokens, admin-only act-as).
 */
@ExtendWith(SandboxExtension.class)
@FreshStores
class ApiAuthTest {

    private StandInServer server;

    @BeforeEach
    void freshServer(@TargetServer Sandbox target, @TargetServer ApiStandIn api) {
        server = StandInServer.fresh(target, api);
    }

    @Test
    void loginWithBasicKeyAndSecretGivesATokenThatOtherCallsAcceptAsBearer(@TargetServer Sandbox target) {
        ApiClient.Answer login = server.client.send("auth.login", "{}", "Authorization",
                ApiClient.basic(server.api.userCredentials()));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.raw().headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).startsWith("clearml_token_basic=" + login.data().path("token").asText()));

        ApiClient.Answer projects = server.client.call(login.data().path("token").asText(), "projects.get_all", "{}");

        assertThat(projects.status()).isEqualTo(200);
        assertThat(projects.data().path("projects").isArray()).isTrue();
    }

    @Test
    void callsWithoutCredentialsAreRefusedButDebugPingIsOpen() {
        ApiClient.Answer refused = server.client.send("tasks.get_all", "{}");
        ApiClient.Answer ping = server.client.send("debug.ping", "{}");

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.subcode()).isEqualTo(20);
        assertThat(refused.message()).isEqualTo("Unauthorized (missing credentials)");
        assertThat(ping.status()).isEqualTo(200);
        assertThat(ping.data().path("msg").asText()).isEqualTo("ClearML server");
    }

    @Test
    void aWrongSecretOrAForgedTokenIsRefused() {
        Credentials wrong = new Credentials(server.api.userCredentials().accessKey(), "not-the-secret");
        ApiClient.Answer badSecret = server.client.send("auth.login", "{}", "Authorization", ApiClient.basic(wrong));
        String forged = server.userToken.substring(0, server.userToken.lastIndexOf('.') + 1) + "AAAA";
        ApiClient.Answer badToken = server.client.call(forged, "tasks.get_all", "{}");

        assertThat(badSecret.status()).isEqualTo(401);
        assertThat(badSecret.subcode()).isEqualTo(22);
        assertThat(badToken.status()).isEqualTo(401);
        assertThat(badToken.subcode()).isEqualTo(30);
        assertThat(badToken.message()).startsWith("Invalid token (invalid jwt token)");
    }

    @Test
    void theAdminKeyHasNoBackendUserSoOnlyTheUserKeyGetsItsCurrentUser() {
        ApiClient.Answer admin = server.client.call(server.adminToken, "users.get_current_user", "{}");
        ApiClient.Answer user = server.client.call(server.userToken, "users.get_current_user", "{}");

        assertThat(admin.status()).isEqualTo(400);
        assertThat(admin.subcode()).isEqualTo(300);
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.data().at("/user/role").asText()).isEqualTo("user");
        assertThat(user.data().at("/user/company/id").asText()).isEqualTo(StandInServer.COMPANY);
        assertThat(user.data().at("/user/company/name").asText()).isEqualTo("Target Corp");
    }

    @Test
    void usersGetAllListsTheBackendUsersOfTheCallersCompanyOnly() {
        String colleague = server.addUser(StandInServer.COMPANY, "Colleague", "user");
        server.addCompany("0123456789abcdef0123456789abcdef", "Other Corp");
        String stranger = server.addUser("0123456789abcdef0123456789abcdef", "Stranger", "user");

        ApiClient.Answer users = server.client.call(server.adminToken, "users.get_all", "{}");

        assertThat(users.data().path("users")).extracting(user -> user.path("id").asText())
                .contains(colleague).doesNotContain(stranger, Accounts.SERVICES_AGENT);
    }

    @Test
    void anAdminActingAsAnExistingUserOfItsCompanyCreatesThatUsersTask() {
        String owner = server.addUser(StandInServer.COMPANY, "Ada Owner", "user");

        ApiClient.Answer created = server.client.call(server.adminToken, "tasks.create",
                ApiClient.object().put("name", "owned task").put("type", "training").put("user", "ignored"),
                "X-ClearML-Act-As", owner);

        assertThat(created.status()).isEqualTo(200);
        assertThat(server.stored("task", created.data().path("id").asText()).getString("user")).isEqualTo(owner);
    }

    @Test
    void actAsIsRefusedToRoleUserAndForUsersOutsideTheCallersCompany() {
        String colleague = server.addUser(StandInServer.COMPANY, "Colleague", "user");
        server.addCompany("0123456789abcdef0123456789abcdef", "Other Corp");
        String stranger = server.addUser("0123456789abcdef0123456789abcdef", "Stranger", "user");

        ApiClient.Answer byUser = server.client.call(server.userToken, "projects.get_all", "{}",
                "X-ClearML-Act-As", colleague);
        ApiClient.Answer foreign = server.client.call(server.adminToken, "projects.get_all", "{}",
                "X-ClearML-Impersonate-As", stranger);
        ApiClient.Answer unknown = server.client.call(server.adminToken, "projects.get_all", "{}",
                "X-ClearML-Act-As", "no-such-user");

        assertThat(byUser.status()).isEqualTo(400);
        assertThat(byUser.subcode()).isEqualTo(6);
        assertThat(byUser.message()).isEqualTo("Impersonation error (impersonation not allowed): role=user");
        assertThat(foreign.subcode()).isEqualTo(6);
        assertThat(foreign.message()).startsWith("Impersonation error (unknown user)");
        assertThat(unknown.subcode()).isEqualTo(6);
    }

    @Test
    void anAdminMayNotCreateUsers() {
        ApiClient.Answer refused = server.client.call(server.adminToken, "auth.create_user",
                ApiClient.object().put("name", "New").put("company", StandInServer.COMPANY).put("email", "n@x.io"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.subcode()).isEqualTo(20);
    }

    @Test
    void theEnvelopeNamesTheEndpointItsVersionsAndTheCallersTransaction() {
        ApiClient.Answer answer = server.client.call(server.userToken, "v2.20/server.info", "{}",
                "X-ClearML-Trx", "trx-42");

        assertThat(answer.meta().path("trx").asText()).isEqualTo("trx-42");
        assertThat(answer.meta().at("/endpoint/name").asText()).isEqualTo("server.info");
        assertThat(answer.meta().at("/endpoint/requested_version").asText()).isEqualTo("2.20");
        assertThat(answer.meta().at("/endpoint/actual_version").asText()).isEqualTo("2.12");
        assertThat(answer.meta().path("result_msg").asText()).isEqualTo("OK");
        assertThat(answer.meta().path("error_stack").isNull()).isTrue();
        assertThat(answer.data().path("version").asText()).isEqualTo("2.0.0");
        assertThat(answer.data().path("api_version").asText()).isEqualTo("2.31");
    }

    @Test
    void anUnknownEndpointIs404() {
        ApiClient.Answer answer = server.client.call(server.userToken, "tasks.no_such_action", "{}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.message()).isEqualTo("Unable to find endpoint for name tasks.no_such_action and version 2.31");
    }
}

package clearml.migrate.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import clearml.migrate.failures.NotAClearmlStoreException;
import clearml.migrate.failures.StoreAccessDeniedException;
import clearml.migrate.failures.StoreRequestException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** ClearML's answer envelope, and the one-line failures made of it. */
class ApiEnvelopeTest {

    private static final URI HOST = URI.create("http://api.example:8008");
    private static final ApiCredentials KEYS = new ApiCredentials("AK123", "SECRET-xyz", "CLEARML_API_ACCESS_KEY");
    private final ApiFailures failures = new ApiFailures(HOST, KEYS);

    private static ApiResponse read(int status, String body) {
        return ApiEnvelope.read(HOST, "tasks.create", status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static String envelope(int code, int subcode, String message) {
        return "{\"meta\": {\"id\": \"x\", \"trx\": \"x\", \"endpoint\": {\"name\": \"tasks.create\"}, "
                + "\"result_code\": " + code + ", \"result_subcode\": " + subcode + ", \"result_msg\": \"" + message
                + "\"}, \"data\": {}}";
    }

    @Test
    void readsASuccess() {
        ApiResponse response = read(200, "{\"meta\": {\"result_code\": 200, \"result_subcode\": 0, "
                + "\"result_msg\": \"OK\"}, \"data\": {\"id\": \"t1\", \"value\": NaN}}");

        assertThat(response.isSuccess()).isTrue();
        assertThat(response.data().path("id").asText()).isEqualTo("t1");
        assertThat(response.data().path("value").isNumber()).isTrue();
    }

    @ParameterizedTest(name = "HTTP {0}: {1}/{2} {3}")
    @CsvSource({
        "400, 400, 6, impersonation not allowed",
        "400, 400, 131, Events not added: Invalid task id",
        "401, 401, 30, Token expired",
        "500, 500, 0, Data should be a dict",
        // The envelope's code counts, not the status line (a proxy may rewrite the latter).
        "200, 400, 12, validation error"})
    void readsTheCodesOfAnError(int status, int code, int subcode, String message) {
        ApiResponse response = read(status, envelope(code, subcode, message));

        assertThat(response.isSuccess()).isFalse();
        assertThat(response.resultCode()).isEqualTo(code);
        assertThat(response.resultSubcode()).isEqualTo(subcode);
        assertThat(response.resultMsg()).isEqualTo(message);
        assertThat(response.code()).isEqualTo(code + "/" + subcode);
    }

    @ParameterizedTest
    @CsvSource({"429", "502", "503", "504", "401", "403"})
    void takesAProxysBareAnswerAsItsStatus(int status) {
        ApiResponse response = read(status, "<html><body>Service Unavailable</body></html>");

        assertThat(response.resultCode()).isEqualTo(status);
        assertThat(response.data().isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "200 | <html>ClearML web app</html>",
        "404 | {\"error\": {\"type\": \"illegal_argument_exception\"}}",
        "200 | ''"})
    void refusesAnAnswerNoClearmlServerGives(int status, String body) {
        assertThatThrownBy(() -> read(status, body))
                .isInstanceOf(NotAClearmlStoreException.class)
                .hasMessage("The server at " + HOST + " answered tasks.create with HTTP " + status + " but not as a "
                        + "ClearML API server does; check --api-host: it names the API server (port 8008, or "
                        + "https://api.… for the hosted service), not the web UI or the file server");
    }

    @Test
    void aRefusedLoginNamesTheKeyAndItsSourceButNeverTheSecret() {
        StoreAccessDeniedException refused = failures.refused(read(401, envelope(401, 22,
                "invalid credentials for SECRET-xyz")));

        assertThat(refused.getMessage()).isEqualTo("ClearML API at " + HOST + " refused access key 'AK123' from "
                + "CLEARML_API_ACCESS_KEY (tasks.create: HTTP 401/22 invalid credentials for ***); check the access "
                + "key and its secret key, or create new credentials in the web UI (Settings > Workspace)");
    }

    @Test
    void aForbiddenCallNamesTheCallAndTheRole() {
        StoreAccessDeniedException forbidden = failures.forbidden(read(403, envelope(403, 20,
                "forbidden (not allowed for role)")));

        assertThat(forbidden.getMessage()).startsWith("ClearML API at " + HOST + " denied access key 'AK123' the call "
                + "tasks.create (HTTP 403/20 forbidden (not allowed for role)); use the keys of a user whose role");
    }

    @Test
    void aRejectedCallNamesTheEndpointAndTheServersMessage() {
        StoreRequestException rejected = failures.rejected(read(400, envelope(400, 6, "impersonation not allowed")));

        assertThat(rejected.getMessage()).isEqualTo("ClearML API at " + HOST + " rejected tasks.create (HTTP 400/6): "
                + "impersonation not allowed");
    }
}

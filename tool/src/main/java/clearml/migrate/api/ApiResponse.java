package clearml.migrate.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;

/**
 * ClearML's answer to one call, read from its envelope {@code {"meta": {result_code, result_subcode, result_msg},
 * "data": {…}}}.
 *
 * @param host the API server that answered
 * @param endpoint the call, e.g. {@code tasks.create}
 * @param resultCode {@code meta.result_code} (the HTTP status where the envelope has none)
 * @param resultSubcode {@code meta.result_subcode}, 0 when absent (errors.conf of the server lists them)
 * @param resultMsg {@code meta.result_msg}, {@code OK} on success
 * @param data {@code data}, a missing node when absent
 */
public record ApiResponse(URI host, String endpoint, int resultCode, int resultSubcode, String resultMsg,
        JsonNode data) {

    public boolean isSuccess() {
        return resultCode >= 200 && resultCode < 300;
    }

    /** {@code 400/6}, as messages show a failure's code. */
    public String code() {
        return resultCode + "/" + resultSubcode;
    }
}

package clearml.migrate.api;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;

/** One HTTP exchange with the apiserver: {@code POST {api}/<service>.<action>}, the answer read whole. */
final class ApiTransport {

    /** The header through which an admin creates entities owned by another user (clearml-rest-api.md, Owners). */
    static final String ACT_AS = "X-ClearML-Act-As";

    private final URI host;
    private final ApiClientOptions options;
    private final HttpClient http;

    ApiTransport(URI host, ApiClientOptions options) {
        this.host = host;
        this.options = options;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // plain http must not try an h2c upgrade
                .connectTimeout(options.connectTimeout())
                .build();
    }

    /** What one attempt brought: an answer, or a failure and whether the request surely never left. */
    record Outcome(@Nullable Answer answer, @Nullable IOException failure, boolean connectFailed) {
    }

    /** An HTTP answer: status, body, and the wait a {@code Retry-After} header asks for (zero without one). */
    record Answer(int status, byte[] body, Duration retryAfter) {
    }

    Outcome post(ApiRequest request, String authorization) {
        try {
            return new Outcome(exchange(request, authorization), null, false);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return new Outcome(null, e, true);
        } catch (IOException e) {
            return new Outcome(null, e, false);
        }
    }

    private Answer exchange(ApiRequest request, String authorization) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(host + "/" + request.endpoint()))
                .timeout(options.requestTimeout())
                .header("Content-Type", request.contentType())
                .header("Accept", ApiRequest.JSON)
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
        if (request.actAs() != null) {
            builder.header(ACT_AS, request.actAs());
        }
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            Duration retryAfter = response.headers().firstValue("Retry-After").map(ApiTransport::retryAfter)
                    .orElse(Duration.ZERO);
            return new Answer(response.statusCode(), response.body(), retryAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted during " + request.endpoint());
        }
    }

    /** {@code Retry-After}: seconds, or an HTTP date (RFC 9110 §10.2.3); zero when it is neither. */
    static Duration retryAfter(String value) {
        String text = value.strip();
        try {
            return text.chars().allMatch(Character::isDigit) && !text.isEmpty()
                    ? Duration.ofSeconds(Long.parseLong(text))
                    : positive(Duration.between(ZonedDateTime.now(),
                            ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)));
        } catch (DateTimeParseException | NumberFormatException e) {
            return Duration.ZERO;
        }
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}

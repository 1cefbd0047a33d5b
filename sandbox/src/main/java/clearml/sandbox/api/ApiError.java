package clearml.sandbox.api;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The server's error catalogue ({@code apiserver/apierrors/errors.conf}) for the codes this stand-in answers, and the
 * way {@code BaseError} words a message: the default text capitalized, {@code " (extra)"}, then
 * {@code ": key=value, ..."}.
 */
enum ApiError {
    INVALID_HEADERS(400, 5, "invalid headers"),
    IMPERSONATION_ERROR(400, 6, "impersonation error"),
    MISSING_REQUIRED_FIELDS(400, 11, "missing required fields"),
    VALIDATION_ERROR(400, 12, "validation error"),
    FIELDS_VALUE_ERROR(400, 16, "invalid value for fields"),
    BATCH_CONTAINS_NO_ITEMS(400, 17, "batch request contains no items"),
    INVALID_TASK_ID(400, 101, "invalid task id"),
    INVALID_TASK_STATUS(400, 110, "invalid task status"),
    FAILED_CHANGING_TASK_STATUS(400, 121, "failed changing task status. probably someone changed it before you"),
    TASK_CANNOT_BE_DELETED(400, 123, "task cannot be deleted"),
    EVENTS_NOT_ADDED(400, 131, "events not added"),
    OPERATION_SUPPORTED_ON_REPORTS_ONLY(400, 150, "passed task is not report"),
    INVALID_MODEL_ID(400, 201, "invalid model id"),
    MODEL_IS_READY(400, 203, "model is ready"),
    MODEL_IN_USE(400, 205, "model is used by tasks"),
    MODEL_CREATING_TASK_EXISTS(400, 206, "task that created this model exists"),
    INVALID_USER(400, 300, "invalid user"),
    INVALID_USER_ID(400, 301, "invalid user id"),
    INVALID_PROJECT_ID(400, 401, "invalid project id"),
    PROJECT_HAS_TASKS(400, 402, "project has associated tasks"),
    PROJECT_HAS_MODELS(400, 405, "project has associated models"),
    INVALID_PROJECT_NAME(400, 407, "invalid project name"),
    CANNOT_UPDATE_PROJECT_LOCATION(400, 408, "cannot update project location"),
    DATA_VALIDATION_ERROR(400, 800, "data validation error"),
    EXPECTED_UNIQUE_DATA(400, 801, "value combination already exists"),
    INVALID_SCROLL_ID(400, 1104, "Invalid scroll id"),
    BAD_AUTH_TYPE(401, 10, "unauthorized (bad authentication header type)"),
    NO_CREDENTIALS(401, 20, "unauthorized (missing credentials)"),
    BAD_CREDENTIALS(401, 21, "unauthorized (malformed credentials)"),
    INVALID_CREDENTIALS(401, 22, "unauthorized (invalid credentials)"),
    INVALID_TOKEN(401, 30, "invalid token"),
    ROLE_NOT_ALLOWED(403, 20, "forbidden (not allowed for role)"),
    NO_WRITE_PERMISSION(403, 21, "forbidden (modification not allowed)"),
    INTERNAL_ERROR(500, 1, "internal server error");

    private final int code;
    private final int subcode;
    private final String defaultMessage;

    ApiError(int code, int subcode, String defaultMessage) {
        this.code = code;
        this.subcode = subcode;
        this.defaultMessage = defaultMessage;
    }

    /** The error with no extra text, e.g. {@code Invalid task id: id=abc}; {@code keyValues} alternate key, value. */
    ApiException with(Object... keyValues) {
        return withExtra(null, keyValues);
    }

    /** The error with {@code extra} in parentheses after its default text. */
    ApiException withExtra(@Nullable String extra, Object... keyValues) {
        return message(capitalize(defaultMessage) + (extra == null ? "" : " (" + extra + ")"), keyValues);
    }

    /** The error with {@code replacement} instead of its default text ({@code replacement_msg}). */
    ApiException replacing(String replacement, Object... keyValues) {
        return message(replacement, keyValues);
    }

    private ApiException message(String text, Object... keyValues) {
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            data.put(String.valueOf(keyValues[i]), keyValues[i + 1]);
        }
        String detail = data.entrySet().stream().map(e -> e.getKey() + "=" + format(e.getValue()))
                .collect(Collectors.joining(", "));
        return new ApiException(code, subcode, detail.isEmpty() ? text : text + ": " + detail, data);
    }

    /** Python's {@code str.capitalize()}: the first character upper case, the rest lower case. */
    private static String capitalize(String text) {
        return text.isEmpty() ? text
                : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1).toLowerCase(Locale.ROOT);
    }

    /** {@code BaseError._format_kwarg}: a collection as {@code (a, b)}, Python's spelling of None and booleans. */
    static String format(@Nullable Object value) {
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(ApiError::format).collect(Collectors.joining(", ", "(", ")"));
        }
        if (value instanceof Boolean flag) {
            return flag ? "True" : "False";
        }
        return value == null ? "None" : value.toString();
    }
}

package clearml.sandbox.api;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A call the stand-in refuses: the HTTP code, ClearML's subcode, its message and {@code error_data}. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int code;
    private final int subcode;
    private final transient Map<String, @Nullable Object> errorData;

    ApiException(int code, int subcode, String message, Map<String, @Nullable Object> errorData) {
        super(message, null, false, false);
        this.code = code;
        this.subcode = subcode;
        this.errorData = errorData;
    }

    /** An error outside the catalogue, such as the router's 404 or a 500 "Data should be a dict". */
    static ApiException of(int code, String message) {
        return new ApiException(code, 0, message, Map.of());
    }

    int code() {
        return code;
    }

    int subcode() {
        return subcode;
    }

    Map<String, @Nullable Object> errorData() {
        return errorData;
    }
}

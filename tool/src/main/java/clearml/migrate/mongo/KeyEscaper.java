package clearml.migrate.mongo;

/**
 * ClearML's escaping of user map keys so that MongoDB accepts them (data model §1.2,
 * {@code utilities/parameter_key_escaper.py}): the key is trimmed, then {@code %} becomes {@code %%}, {@code .}
 * becomes {@code %2E}, {@code $} becomes {@code %24}, {@code __} becomes {@code %_%_}, and a leading {@code _}
 * becomes {@code %_}. Escaping is not idempotent, so it must run only on keys that were never escaped.
 */
public final class KeyEscaper {

    private KeyEscaper() {
    }

    /** Returns {@code key} escaped the way the ClearML server stores it. */
    public static String escape(String key) {
        String escaped = key.strip()
                .replace("%", "%%")
                .replace(".", "%2E")
                .replace("$", "%24")
                .replace("__", "%_%_");
        return escaped.startsWith("_") ? "%_" + escaped.substring(1) : escaped;
    }

    /** Returns the user's key of a key stored escaped ({@code ParameterKeyEscaper.unescape}). */
    public static String unescape(String key) {
        StringBuilder plain = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '%' && key.startsWith("%%", i)) {
                plain.append('%');
                i++;
            } else if (c == '%' && key.startsWith("%2E", i)) {
                plain.append('.');
                i += 2;
            } else if (c == '%' && key.startsWith("%24", i)) {
                plain.append('$');
                i += 2;
            } else if (c == '%' && key.startsWith("%_", i)) {
                plain.append('_');
                i++;
            } else {
                plain.append(c);
            }
        }
        return plain.toString();
    }
}

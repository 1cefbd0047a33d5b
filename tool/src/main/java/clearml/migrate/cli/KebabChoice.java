package clearml.migrate.cli;

import clearml.migrate.failures.UsageException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Reads an enum constant written the way the flags spell it: {@code RENAME_EXISTING} as {@code rename-existing}. */
final class KebabChoice {

    private KebabChoice() {
    }

    static String spelling(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E>> E parse(Class<E> type, String flag, String value) {
        E[] constants = type.getEnumConstants();
        return Arrays.stream(constants).filter(c -> spelling(c).equals(value)).findFirst()
                .orElseThrow(() -> new UsageException(flag + " '" + value + "' is not one of "
                        + Arrays.stream(constants).map(KebabChoice::spelling).collect(Collectors.joining(", "))));
    }
}

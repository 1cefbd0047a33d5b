package clearml.migrate.memory;

/**
 * Sizes the tool's buffers and queues from the heap the JVM was given ({@code Runtime.maxMemory()}, set by the
 * launcher from {@code CLEARML_MIGRATE_MEMORY}, or the JVM's own default under plain {@code java -jar}), so that
 * they fit whatever the heap: each purpose takes a share of it, within fixed bounds.
 */
public final class MemoryBudget {

    private MemoryBudget() {
    }

    /**
     * {@code 1/divisor} of the heap, but at least {@code min} and at most {@code max} bytes.
     *
     * @param divisor how many such shares the heap must hold
     */
    public static long share(int divisor, long min, long max) {
        return Math.max(min, Math.min(max, Runtime.getRuntime().maxMemory() / divisor));
    }
}

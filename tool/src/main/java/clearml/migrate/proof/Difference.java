package clearml.migrate.proof;

/**
 * One way the target differs from the archive.
 *
 * @param kind   {@code project}, {@code task}, {@code model}, {@code events}, {@code file} or {@code user}
 * @param id     the target id of the entity (or task, or file path) that differs
 * @param detail what differs, e.g. {@code field hyperparams.Args.lr.value: archive "0.01" ≠ target "0.1"}
 */
public record Difference(String kind, String id, String detail) {

    @Override
    public String toString() {
        return kind + " " + id + " " + detail;
    }
}

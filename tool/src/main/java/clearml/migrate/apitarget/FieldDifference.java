package clearml.migrate.apitarget;

/**
 * A field the server did not keep as sent (or as the archive holds it), found by reading an entity back.
 *
 * @param kind       {@code project}, {@code task} or {@code model}
 * @param archivedId the entity's id in the archive
 * @param targetId   its id on the server
 * @param path       the dotted path of the field
 * @param expected   what the import sent (JSON; {@code absent} when it expected none)
 * @param kept       what the server answers (JSON; {@code absent} when it dropped the field)
 */
public record FieldDifference(String kind, String archivedId, String targetId, String path, String expected,
        String kept) {

    /** One line for a summary. */
    public String describe() {
        return kind + " " + archivedId + " (server id " + targetId + "): " + path + " is " + kept + ", archived "
                + expected;
    }
}

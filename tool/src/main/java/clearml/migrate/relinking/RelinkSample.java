package clearml.migrate.relinking;

/**
 * One URL as it was and as it is (or would be, in a dry run) after the relink.
 *
 * @param place the place's report name, e.g. {@code model.uri}
 * @param before the URL as stored
 * @param after the URL the relink stores
 */
public record RelinkSample(String place, String before, String after) {
}

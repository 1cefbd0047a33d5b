package clearml.migrate.files;

/**
 * A file an exported document or event refers to that could not be put into the {@code .artifacts} companion.
 *
 * @param path   the path under the file-server root the URL maps to ({@code ""} when it maps to none)
 * @param url    the first referencing URL, as stored
 * @param where  where that URL was found, as the exporter named it (e.g. {@code task 3f2a…})
 * @param reason why it is missing, for the report
 */
public record MissingFile(String path, String url, String where, String reason) {

    static final String NOT_FOUND = "not on the file server";
    static final String UNSAFE = "its path leaves the file-server root or is not a file path";
}

/**
 * ClearML's REST API as a client meets it (clearml-rest-api.md): where the server is and whose keys to use
 * ({@link clearml.migrate.api.ApiSettings}, from a credentials file, ClearML's variables or a {@code clearml.conf}),
 * and {@link clearml.migrate.api.ApiClient}, which logs in, sends {@code POST {api}/<service>.<action>}, reads the
 * envelope, retries within {@code --retry-for}, and pages through lists and events. Knows nothing of MongoDB,
 * Elasticsearch or archives.
 */
@NullMarked
package clearml.migrate.api;

import org.jspecify.annotations.NullMarked;

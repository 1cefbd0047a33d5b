/**
 * The target port's REST-API adapter (issue #15): an archive imported into, verified against and undone from a
 * ClearML server reached only through its API, which chooses ids, dates and owners itself. The archived ids are
 * mapped to the server's through a persisted {@link clearml.migrate.apitarget.IdMap}; what the server does not keep
 * is read back and reported.
 */
@NullMarked
package clearml.migrate.apitarget;

import org.jspecify.annotations.NullMarked;

/**
 * The import use case: owner and company resolution, the id plan, legacy upgrades, conflict decisions and the
 * pipeline that streams an archive into a target ClearML server ({@link clearml.migrate.importing.Importer}).
 */
@NullMarked
package clearml.migrate.importing;

import org.jspecify.annotations.NullMarked;
